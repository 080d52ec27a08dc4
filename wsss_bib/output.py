"""Writing the export files: all or nothing, never a half-written file."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_files(directory: Path, files: dict[str, str]) -> None:
    """Write every file in `files`, or leave every old file as it was.

    Each file is first written to a temporary sibling: a failure there (a full disk) touches
    no old file. Then each old file gets a backup (a hard link, else a copy) and each new one
    is renamed into place; a rename is atomic, but a failure of the second rename would leave
    the first file new and the others old, so the files renamed so far are put back from their
    backups (new files removed) before the error is raised. Only a restore that fails too
    (the same fault striking again) can leave a mix; then the backups stay beside the files
    and the error names them.
    """
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for name, text in files.items():
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
            staged.append((directory / name, Path(temporary)))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        for target, _ in staged:
            if target.exists():
                backups[target] = _backup(target)
        for target, temporary in staged:
            os.replace(temporary, target)
            done.append(target)
    except BaseException as err:
        kept = _restore(done, backups)
        if kept:
            where = ", ".join(f"{target.name} as {backup}" for target, backup in kept.items())
            raise OSError(f"{err}; could not put the old files back, they are kept: {where}") from err
        raise
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        for backup in backups.values():
            backup.unlink(missing_ok=True)


def _backup(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".bak")
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
    """One line per file in `directory` that differs from what would be written."""
    problems = []
    for name, text in files.items():
        path = directory / name
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        new = text.splitlines()
        changed = sum(a != b for a, b in zip(old, new)) + abs(len(old) - len(new))
        if changed:
            problems.append(f"{path}: {changed} line(s) differ ({len(old)} now, {len(new)} expected)")
    return problems
