"""Writing the export files: all or nothing, never a mix of old and new files.

A write goes in steps: every new file to a temporary sibling (a full disk there touches no old
file); a backup (hard link) of every old one; a journal naming them; the renames; the journal
removed, which is the moment the new set counts. An error, Ctrl-C or SIGTERM during the renames
puts the backups back at once. SIGKILL or a power cut cannot be caught: the next write (or
`recover`) finds the journal and puts the old files back, so the folder always holds one set.
Two writers into one folder are serialised by a lock on the folder, held for the whole run.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TypeAlias

from .nesting import json_loads

JOURNAL = ".wsss-bib-journal.json"
PREFIX = ".wsss-bib-"  # every file of ours that is not output starts so (.gitignore hides them)
SLICE = 1 << 20  # characters encoded at once when a text is written or compared (issue 23: 100,000 rows)
# A file's text, or its pieces in order as a writer makes them (export.Text): pieces are written as
# they come, so a large file is never whole in memory.
Text: TypeAlias = "str | Iterator[str]"


@contextlib.contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """Hold `directory`'s writer lock (waiting for another run that holds it)."""
    directory.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(directory, os.O_RDONLY)  # the folder itself is the lock: no file is left behind
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def write_files(directory: Path, files: dict[str, str], own: Collection[str] = ()) -> None:
    """Write every file in `files`, or leave every old file as it was.

    `own`: every file name the tool may write into `directory` (beside those in `files`); only
    these may a journal left by a killed write name.
    """
    write_rendered(directory, {name: functools.partial(str, text) for name, text in files.items()}, own)


def write_rendered(directory: Path, renderers: Mapping[str, Callable[[], Text]], own: Collection[str] = ()) -> None:
    """`write_files` for texts made one at a time: each is staged as soon as it is made and then
    dropped, so a large list's files are never all in memory together (issue 23: 100,000 rows); a
    text made in pieces is staged piece by piece, compared with the file it replaces as it goes."""
    directory.mkdir(parents=True, exist_ok=True)
    recover(directory, {*renderers, *own})
    mode = 0o666 & ~_umask()  # as `open` would make them: mkstemp's 0600 is for secrets
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    committed = False
    try:
        for name, render in renderers.items():
            text = render()
            # A file that already holds these bytes is left as it is: no rename, no new mtime, no fsync.
            if isinstance(text, str):
                if not _holds(directory / name, text):
                    staged.append((directory / name, _stage(directory, name, text, mode)))
            elif (temporary := _stage_pieces(directory, name, text, mode)) is not None:
                staged.append((directory / name, temporary))
            del text
        if not staged:
            committed = True
            return
        for target, _ in staged:
            if target.exists():
                backups[target] = _backup(target)
        _write_journal(directory, [t.name for t, _ in staged], backups)
        for target, temporary in staged:
            os.replace(temporary, target)
            done.append(target)
        (directory / JOURNAL).unlink()
        committed = True
    except BaseException as err:
        kept = _restore(done, backups)
        if kept:
            where = ", ".join(f"{target.name} as {backup}" for target, backup in kept.items())
            raise OSError(f"{err}; could not put the old files back, they are kept: {where}") from err
        (directory / JOURNAL).unlink(missing_ok=True)
        raise
    finally:
        for _, staged_path in staged:
            staged_path.unlink(missing_ok=True)
        if committed or not (directory / JOURNAL).exists():
            for backup in backups.values():
                backup.unlink(missing_ok=True)


def _stage(directory: Path, name: str, text: str, mode: int) -> Path:
    """`text` in a new temporary sibling of `name` (removed again if writing it fails)."""
    handle, temporary_name = tempfile.mkstemp(dir=directory, prefix=f"{PREFIX}{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for start in range(0, len(text), SLICE):  # encoded a slice at a time: no second copy of a large file
                stream.write(text[start:start + SLICE])
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary_name, mode)
    except BaseException:
        Path(temporary_name).unlink(missing_ok=True)
        raise
    return Path(temporary_name)


def _stage_pieces(directory: Path, name: str, pieces: Iterable[str], mode: int) -> Path | None:
    """`pieces` in a new temporary sibling of `name`, written as they come; None (and no temporary
    file left) when the file `name` already holds those bytes, as `_holds` judges it."""
    handle, temporary_name = tempfile.mkstemp(dir=directory, prefix=f"{PREFIX}{name}.", suffix=".tmp")
    try:
        with contextlib.ExitStack() as stack:
            stream = stack.enter_context(os.fdopen(handle, "wb"))
            old = _old_bytes(directory / name, stack)
            same = old is not None
            for data in _encoded(pieces):
                stream.write(data)
                same = same and old is not None and old.read(len(data)) == data
            if same and old is not None and old.read(1) == b"":
                Path(temporary_name).unlink()
                return None
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary_name, mode)
    except BaseException:
        Path(temporary_name).unlink(missing_ok=True)
        raise
    return Path(temporary_name)


def _old_bytes(path: Path, stack: contextlib.ExitStack) -> BinaryIO | None:
    """The bytes of `path` to compare with, if it is a regular file (not a link) that can be read."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return stack.enter_context(path.open("rb"))
    except OSError:
        return None


def _encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    """`pieces` as UTF-8, about SLICE characters at a time."""
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= SLICE:
            yield "".join(held).encode("utf-8")
            held, size = [], 0
    if held:
        yield "".join(held).encode("utf-8")


def _holds(path: Path, text: str) -> bool:
    """`path` is a regular file (not a link) whose bytes are `text` as write_files would write it."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        size = path.stat().st_size
        if size < len(text) or size > 4 * len(text):  # UTF-8 takes 1 to 4 bytes a character
            return False
        with path.open("rb") as stream:  # compared a slice at a time, as _stage writes it
            for start in range(0, len(text), SLICE):
                encoded = text[start:start + SLICE].encode("utf-8")
                if stream.read(len(encoded)) != encoded:
                    return False
            return stream.read(1) == b""
    except (OSError, UnicodeEncodeError):
        return False


def recover(directory: Path, own: Collection[str]) -> list[str]:
    """Undo a write that was killed half-way (its journal is still there); remove our stray files.

    The journal is local input (it can be committed, or edited): it may name only files in `own`,
    each with a backup of ours (`.wsss-bib-<name>.*.bak`); anything else it names is left alone.
    Returns the names of the files put back.
    """
    restored: list[str] = []
    journal = directory / JOURNAL
    if journal.exists():
        try:
            data = json_loads(journal.read_text(encoding="utf-8"))
            names, backups = list(data["files"]), dict(data["backups"])
        except (OSError, ValueError, KeyError, TypeError):
            names, backups = [], {}  # a journal cut short: the renames had not begun
        for name in names:
            if not _plain_name(name) or name not in own:
                continue
            backup = backups.get(name)
            if backup is not None and not _backup_of(name, backup, directory):
                continue
            if isinstance(backup, str):
                os.replace(directory / backup, directory / name)
                restored.append(name)
            elif backup is None and (directory / name).exists():
                (directory / name).unlink()  # it was new in the killed write
                restored.append(name)
        journal.unlink()
    for stray in directory.glob(f"{PREFIX}*"):
        if stray.suffix in (".tmp", ".bak") and stray.is_file():
            stray.unlink()
    return restored


def _backup_of(name: str, backup: object, directory: Path) -> bool:
    """`backup` is what _backup makes for `name`: a regular file of ours, in the folder."""
    return isinstance(backup, str) and _plain_name(backup) and backup.startswith(f"{PREFIX}{name}.") \
        and backup.endswith(".bak") and (directory / backup).is_file() and not (directory / backup).is_symlink()


def _plain_name(name: object) -> bool:
    """A file name inside the folder (a journal is local input: it must not name ../ or /)."""
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\0" not in name


def _write_journal(directory: Path, names: list[str], backups: dict[Path, Path]) -> None:
    text = json.dumps({"files": names, "backups": {t.name: b.name for t, b in backups.items()}})
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f"{PREFIX}journal.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, directory / JOURNAL)
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _backup(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f"{PREFIX}{path.name}.", suffix=".bak")
    os.close(handle)
    backup = Path(name)
    backup.unlink()
    try:
        os.link(path, backup)  # the old bytes under a second name, without copying them
    except OSError:
        try:
            shutil.copy2(path, backup)  # a file system without hard links
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
    return backup


def _restore(done: list[Path], backups: dict[Path, Path]) -> dict[Path, Path]:
    """Undo the renames in `done`, newest first; returns {file: backup} for those that failed."""
    kept: dict[Path, Path] = {}
    for target in reversed(done):
        backup = backups.pop(target, None)
        try:
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink()  # it did not exist before this run
        except OSError:
            if backup is not None:
                kept[target] = backup  # popped from `backups`, so it is not deleted afterwards
    return kept


def stale_files(directory: Path, files: dict[str, str]) -> list[str]:
    """One line per file in `directory` that differs from what would be written, as a diff counts it."""
    return stale_rendered(directory, {name: functools.partial(str, text) for name, text in files.items()})


def stale_rendered(directory: Path, renderers: Mapping[str, Callable[[], Text]]) -> list[str]:
    """`stale_files` for texts made one at a time (each compared, then dropped: a large list's
    files are never all in memory together)."""
    import difflib  # only for a file that differs

    problems = []
    if (directory / JOURNAL).exists():
        problems.append(f"{directory / JOURNAL}: a write was killed half-way; the next export puts the old files back")
    for name, render in renderers.items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        made = render()
        text = made if isinstance(made, str) else "".join(made)
        if _holds(path, text):
            continue
        old = path.read_text(encoding="utf-8", errors="replace").splitlines()
        new = text.splitlines()
        diff = [line for line in difflib.unified_diff(old, new, lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        added, removed = sum(line[0] == "+" for line in diff), sum(line[0] == "-" for line in diff)
        if added or removed:
            problems.append(f"{path}: {added} line(s) to add, {removed} to remove")
    return problems
