"""A list's parse and its overrides, kept beside the HTTP cache and used again while nothing they
depend on changes.

Reading the bundled list and its 50 overrides cost more than the rest of a warm export:
markdown-it, the grammar's patterns and ftfy (for one mojibake title) to import, the parse, and
libyaml twice per override, about 0.2 s of a 0.4 s run. A run that finds the parse of the same
bytes, by the same code, stored beside its HTTP cache (`store_folder`) uses it instead: the same entries, warnings,
first heading and overrides, byte for byte.

The key is a SHA-256 of everything the result can depend on: the list's bytes and the path it is
read from (each entry names it), or each override file's name and bytes and the folder's path;
every file of the package (code and vocabularies); the libraries the reader calls (markdown-it,
ftfy, PyYAML, bibtexparser and theirs, by their installed files) and Python (its Unicode tables).
A stored result is checked field by field against the model on reading; anything else (another
model, a damaged or hand-edited file, another key) is a miss, read as if there were no store.
Only successes are stored, so a broken override fails with its own error every time. A folder
holding a link is not stored (its bytes do not say where it points, which decides whether it is
read). Trust: the store sits beside the HTTP cache, whose answers requests-cache keeps pickled:
whoever can write that folder can already run code in this tool; the store adds no new door.

The store is written only by a run that may write (an export, not `--check`, `report` or
`check`), only into a cache folder that already exists (an offline run makes no cache folder),
and only for lists up to MAX_BYTES (a 100,000-row list's parse would cost more memory to store
than it saves). One file per list path and per override folder: a changed list replaces its own
file, the store does not grow with edits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .identity import first_heading
from .lists.model import Link, ListEntry, ParsedList
from .override import Override

VERSION = 1
FOLDER = "parsed-lists"
MAX_BYTES = 1 << 20
MAX_STORED = 32 * MAX_BYTES
# The libraries the list reader runs (markdown-it and its URL helper, ftfy and its width table,
# PyYAML for the venue table); a new version of any may parse differently.
LIBRARIES = ("markdown_it", "mdurl", "ftfy", "wcwidth", "yaml")
# The override readers' (YAML; BibTeX and its LaTeX decoder).
OVERRIDE_LIBRARIES = ("yaml", "bibtexparser", "pylatexenc")
OVERRIDE_SUFFIXES = (".yaml", ".yml", ".bib")  # the files overrides.load_overrides reads
OVERRIDE_FIELDS = ("key", "path", "record", "match", "line")
MAX_OVERRIDE_BYTES = 8 * MAX_BYTES
PACKAGE = Path(__file__).resolve().parent
SKIPPED_FOLDERS = {"__pycache__", "bundled"}  # compiled code; the bundled overrides and lock (a wheel's)


def _package_files() -> Iterator[Path]:
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = sorted(s for s in subfolders if s not in SKIPPED_FOLDERS)
        for name in sorted(files):
            yield Path(folder) / name


def _library_marks(libraries: tuple[str, ...]) -> list[str]:
    """Each library by its installed file (a new version is a new file): where it is, its size and time."""
    marks = []
    for name in libraries:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            stat = os.stat(origin) if origin else None
        except OSError:
            stat = None
        marks.append(f"{name}:{origin}:{stat.st_size if stat else -1}:{stat.st_mtime_ns if stat else -1}")
    return marks


_package_mark: str | None = None


def package_mark() -> str:
    """A digest of the package's files (code and vocabularies) and of the Python running them."""
    global _package_mark
    if _package_mark is None:
        digest = hashlib.sha256(f"{VERSION}\n{sys.version}\n".encode())
        for path in _package_files():
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        _package_mark = digest.hexdigest()
    return _package_mark


def code_mark(libraries: tuple[str, ...] = LIBRARIES) -> str:
    """A digest of the code a result comes from: the package, Python, and the `libraries` it runs."""
    digest = hashlib.sha256(package_mark().encode())
    for line in _library_marks(libraries):
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


# -- the stored form: ListEntry's fields in order, each checked by its annotation -------------------

def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_optional_int(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_strs(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_links(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, list) and len(v) == len(LINK_FIELDS)
                                           and all(isinstance(part, str) for part in v) for v in value)


CHECKS: dict[str, Callable[[object], bool]] = {
    "str": _is_str, "str | None": _is_optional_str, "int": _is_int, "int | None": _is_optional_int,
    "tuple[str, ...]": _is_strs, "tuple[Link, ...]": _is_links,
}
ENTRY_FIELDS = [(f.name, str(f.type)) for f in dataclasses.fields(ListEntry)]
LINK_FIELDS = [(f.name, str(f.type)) for f in dataclasses.fields(Link)]
# Another list model (a field of a type not here) is not stored at all: parsed every time.
STORABLE = all(kind in CHECKS for _, kind in ENTRY_FIELDS) and all(kind == "str" for _, kind in LINK_FIELDS)


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return [[getattr(v, name) for name, _ in LINK_FIELDS] if isinstance(v, Link) else v for v in value]
    return value


def _entry_row(entry: ListEntry) -> list[Any]:
    return [_encode(getattr(entry, name)) for name, _ in ENTRY_FIELDS]


def _entry(row: object) -> ListEntry | None:
    if not isinstance(row, list) or len(row) != len(ENTRY_FIELDS):
        return None
    values: dict[str, Any] = {}
    for (name, kind), value in zip(ENTRY_FIELDS, row):
        if not CHECKS[kind](value):
            return None
        if kind == "tuple[Link, ...]":
            value = tuple(Link(*parts) for parts in value)
        elif kind.startswith("tuple"):
            value = tuple(value)
        values[name] = value
    return ListEntry(**values)


def _parsed(stored: dict[str, Any]) -> ParsedList | None:
    rows, warnings, unknown = stored.get("entries"), stored.get("warnings"), stored.get("unknown_venues")
    if not (isinstance(rows, list) and isinstance(warnings, list) and _is_strs(warnings) and isinstance(unknown, dict)
            and all(isinstance(lines, list) and all(_is_int(n) for n in lines) for lines in unknown.values())):
        return None
    entries = [_entry(row) for row in rows]
    if any(entry is None for entry in entries):
        return None
    return ParsedList([e for e in entries if e is not None], list(warnings), {k: list(v) for k, v in unknown.items()})


def store_folder(cache_path: Path) -> Path | None:
    """Where a run with the HTTP cache `cache_path` stores: a folder beside it, named after it
    (`http-cache.sqlite` -> `http-cache-stored/`); None for a cache in memory."""
    if ":memory:" in str(cache_path):
        return None
    return cache_path.parent / f"{cache_path.stem}-stored"


class ListCache:
    """The parse and first heading of one run's lists and its overrides, from the store in `folder`
    when it has them.

    `folder`: the store (`store_folder`; None: none), made only inside a cache folder that exists;
    `writable`: whether this run may add to it."""

    def __init__(self, folder: Path | None, writable: bool,
                 parse: Callable[[Path], ParsedList] | None = None) -> None:
        self.store_folder = folder  # where the run keeps what it stores (rendered.py's notes too)
        self.folder = folder if STORABLE else None
        self.writable = writable
        self._parse = parse
        self._found: dict[Path, dict[str, Any]] = {}  # list path -> its stored form (read or about to be written)

    def _slot(self, list_path: Path) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / FOLDER / f"{_slot_name(list_path)}.json"

    def _key(self, list_path: Path) -> str | None:
        try:
            data = list_path.read_bytes()
        except OSError:
            return None  # the reader says why, in its own words
        if len(data) > MAX_BYTES:
            return None
        return hashlib.sha256(f"{code_mark()}\n{list_path}\n".encode() + data).hexdigest()

    def _stored(self, list_path: Path) -> dict[str, Any] | None:
        """What the store holds for the list as it is now ({"key": ...} alone if nothing yet)."""
        if list_path in self._found:
            return self._found[list_path]
        slot = self._slot(list_path)
        key = self._key(list_path) if slot is not None else None
        if slot is None or key is None:
            return None
        stored: Any = None
        with contextlib.suppress(OSError, ValueError, RecursionError):
            if slot.stat().st_size <= MAX_STORED:  # a file grown past any parse's is not read
                stored = json.loads(slot.read_bytes())
        found: dict[str, Any] = stored if isinstance(stored, dict) and stored.get("key") == key else {"key": key}
        self._found[list_path] = found
        return found

    def heading(self, list_path: Path) -> str:
        """`identity.first_heading`, stored."""
        stored = self._stored(list_path)
        if stored is not None and isinstance(stored.get("heading"), str):
            return str(stored["heading"])
        heading = first_heading(list_path)
        if stored is not None:
            stored["heading"] = heading
        return heading

    def read(self, list_path: str | Path) -> ParsedList:
        """`lists.read_list`, stored: the same entries, warnings and unknown venues."""
        path = Path(list_path)
        stored = self._stored(path)
        if stored is not None and "entries" in stored and (parsed := _parsed(stored)) is not None:
            return parsed
        parsed = self._read_list(path)
        if stored is not None:
            stored.update(entries=[_entry_row(e) for e in parsed.entries], warnings=parsed.warnings,
                          unknown_venues=parsed.unknown_venues)
            if "heading" not in stored:
                stored["heading"] = first_heading(path)
            if self.writable:
                self._write(self._slot(path), stored)
        return parsed

    def _read_list(self, path: Path) -> ParsedList:
        if self._parse is not None:
            return self._parse(path)
        from .lists import read_list  # markdown-it, the grammar, ftfy: only for a list not stored

        return read_list(path)

    def overrides(self, directory: str | Path | None) -> list[Override]:
        """`overrides.load_overrides`, stored: the same overrides, checked as they were when stored.

        Stored only for a folder whose override files are all plain files (a link is judged by where
        it points, which its bytes do not say); a folder that fails to load is never stored."""
        from .overrides import load_overrides

        if directory is None or self.store_folder is None:
            return load_overrides(directory)
        directory = Path(directory)
        key = _folder_key(directory)
        slot = self.store_folder / FOLDER / f"overrides-{_slot_name(directory)}.json"
        if key is not None:
            stored: Any = None
            with contextlib.suppress(OSError, ValueError, RecursionError):
                if slot.stat().st_size <= MAX_STORED:
                    stored = json.loads(slot.read_bytes())
            if isinstance(stored, dict) and stored.get("key") == key \
                    and (found := _overrides(stored.get("overrides"), directory)) is not None:
                return found
        loaded = load_overrides(directory)
        if key is not None and self.writable and (rows := _override_rows(loaded, directory)) is not None:
            self._write(slot, {"key": key, "overrides": rows})
        return loaded

    def _write(self, slot: Path | None, stored: dict[str, Any]) -> None:
        if slot is None or self.store_folder is None or not self.store_folder.parent.is_dir():
            return  # no cache folder is made for this
        # A store that cannot be written costs the next run a parse, nothing more.
        with contextlib.suppress(OSError):
            slot.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=slot.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(stored, stream, separators=(",", ":"))  # ASCII: a lone surrogate survives
                os.replace(temporary, slot)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


def _slot_name(path: Path) -> str:
    return hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]


def _folder_key(directory: Path) -> str | None:
    """A digest of the override files in `directory` (names and bytes) and the code reading them;
    None when the folder cannot be stored (a link or a non-file among them, too many bytes)."""
    digest = hashlib.sha256(f"{code_mark(OVERRIDE_LIBRARIES)}\n{directory}\n".encode())
    total = 0
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        for entry in entries:
            if not entry.name.endswith(OVERRIDE_SUFFIXES):
                continue
            if entry.is_symlink() or not entry.is_file():
                return None
            data = Path(entry.path).read_bytes()
            total += len(data)
            if total > MAX_OVERRIDE_BYTES:
                return None
            digest.update(entry.name.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(data).digest())
    except OSError:
        return None
    return digest.hexdigest()


def _override_rows(overrides: list[Override], directory: Path) -> list[list[Any]] | None:
    """The overrides as JSON rows, or None if one would not come back the same (a tuple, a key that is no text)."""
    if [f.name for f in dataclasses.fields(Override)] != list(OVERRIDE_FIELDS):
        return None  # another Override: not stored
    rows = []
    for override in overrides:
        if override.path.parent != directory:
            return None
        row = [override.key, override.path.name, override.record, override.match, override.line]
        try:
            if json.loads(json.dumps(row, allow_nan=False)) != row:
                return None
        except (TypeError, ValueError, RecursionError):
            return None
        rows.append(row)
    return rows


def _overrides(rows: object, directory: Path) -> list[Override] | None:
    if not isinstance(rows, list) or [f.name for f in dataclasses.fields(Override)] != list(OVERRIDE_FIELDS):
        return None
    found = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == len(OVERRIDE_FIELDS)):
            return None
        key, name, record, match, line = row
        if not (isinstance(key, str) and isinstance(name, str) and name.endswith(OVERRIDE_SUFFIXES)
                and "/" not in name and isinstance(record, dict) and isinstance(match, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in match.items()) and _is_int(line)):
            return None
        found.append(Override(key, directory / name, record, match, line))
    return found
