"""Which bytes each file of --out had when this code last made it from these records.

An export of an unchanged list makes the same seven files again, and the writer then finds that
each already holds them and writes nothing: about 0.06 s of a 0.3 s warm run goes to making text
that is thrown away, most of it importing pybtex for the pages. So an export also notes, beside
the HTTP cache, the SHA-256 of each file it made and of what the file was made from: the records
(as canonical JSON), the format, `--ascii`, the list's name and title, and the code (the package's
files, Python, and the writers' libraries: pybtex, rispy, PyYAML). When the next run has the same
inputs and the file in --out still has those bytes (its own SHA-256 compared, not its time), the
file's bytes are its text, and nothing is rendered. Any difference (a hand-edited file, another
record, another version of pybtex) and the file is made as before.

What the note can do wrong is what the HTTP cache beside it could (a tampered one keeps a stale
file in place); it is written only by an export that writes, into a cache folder that already
exists, and only for bibliographies up to MAX_RECORDS (canonical JSON of 100,000 records costs
more than it saves).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .export import Text
from .identity import ListIdentity
from .list_cache import code_mark
from .record import Record

FOLDER = "rendered"
MAX_RECORDS = 5000
MAX_NOTE_BYTES = 1 << 20
LIBRARIES = ("pybtex", "latexcodec", "rispy", "yaml")  # the writers' (and the venue table's)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _records_digest(records: list[Record]) -> str | None:
    try:
        text = json.dumps(records, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None  # not plain JSON: no note, the files are made every time
    return _digest(text.encode())


class RenderedFiles:
    """The note of one --out folder: file name -> [inputs' digest, file's digest]."""

    def __init__(self, store_folder: Path | None, out_dir: Path, writable: bool, records: list[Record],
                 identity: ListIdentity) -> None:
        self.store_folder = store_folder
        self.out_dir = out_dir
        self.writable = writable
        self.identity = identity
        inputs = _records_digest(records) if store_folder is not None and len(records) <= MAX_RECORDS else None
        self.inputs = inputs
        self.slot = (store_folder / FOLDER / f"{_digest(str(out_dir.absolute()).encode())[:24]}.json"
                     if store_folder is not None and inputs is not None else None)
        self.known = self._read() if self.slot is not None else {}
        self.made: dict[str, list[str]] = {}

    def _read(self) -> dict[str, list[str]]:
        assert self.slot is not None
        note: Any = None
        with contextlib.suppress(OSError, ValueError, RecursionError):
            if self.slot.stat().st_size <= MAX_NOTE_BYTES:
                note = json.loads(self.slot.read_bytes())
        if not isinstance(note, dict):
            return {}
        return {name: pair for name, pair in note.items()
                if isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)}

    def _key(self, fmt: str, ascii_only: bool) -> str:
        parts = [code_mark(LIBRARIES), fmt, str(ascii_only), self.identity.stem, self.identity.title, str(self.inputs)]
        return _digest("\0".join(parts).encode())

    def renderer(self, name: str, fmt: str, ascii_only: bool, render: Callable[[], Text]) -> Callable[[], Text]:
        """`render`, or the file's own text when the note says it is what `render` would return (a
        text made in pieces is joined: a noted list has at most MAX_RECORDS records)."""
        if self.slot is None:
            return render

        def made() -> str:
            key = self._key(fmt, ascii_only)
            known = self.known.get(name)
            if known is not None and known[0] == key and (text := self._text_if(name, known[1])) is not None:
                self.made[name] = known
                return text
            result = render()
            text = result if isinstance(result, str) else "".join(result)
            with contextlib.suppress(UnicodeEncodeError):  # a text no file can hold is not noted
                self.made[name] = [key, _digest(text.encode("utf-8"))]
            return text
        return made

    def _text_if(self, name: str, digest: str) -> str | None:
        """The text of --out's file `name` if its bytes have `digest` (a link or a folder: None)."""
        path = self.out_dir / name
        try:
            if path.is_symlink() or not path.is_file():
                return None
            data = path.read_bytes()
            return data.decode("utf-8") if _digest(data) == digest else None
        except (OSError, UnicodeDecodeError):
            return None

    def save(self) -> None:
        """Note what this run made (after its files are written); a note that cannot be written is none."""
        if self.slot is None or not self.writable or not self.made or self.store_folder is None \
                or not self.store_folder.parent.is_dir() or self.made.items() <= self.known.items():
            return
        note = {**self.known, **self.made}
        with contextlib.suppress(OSError):
            self.slot.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.slot.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(note, stream)
                os.replace(temporary, self.slot)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
