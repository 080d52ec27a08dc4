"""The lock file (output/wsss.lock.json): what resolution decided, per row, committed.

With it, a collaborator without the cache, an offline machine and the list's CI all build
byte-identical files, keys never flip between online and offline runs, and only new or
changed rows (and rows whose lookup failed or could not run) are sent to the services.

A lock file can arrive in a pull request, so it is read as untrusted input: every row is
checked against the row type below, and a file that does not fit is an error naming it.
The records inside are checked again, field by field, when they are merged (record.sanitised).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..awesome_list import ListEntry
from ..characters import clean_text
from ..errors import InputError
from ..identifiers import SURROGATE
from ..keys import KEY_PATTERN, title_words
from ..nesting import json_loads
from ..record import Record, sanitised
from .resolution import Resolution

NAME = "wsss.lock.json"
VERSION = 1
STATUSES = ("resolved", "unresolved", "failed", "not looked up")
SETTLED = frozenset({"resolved", "unresolved"})  # decided; failed or skipped rows are asked again
SOURCES = frozenset({"arxiv", "crossref"})
MAX_REASON = 300  # a reason is a sentence, not a traceback
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class LockRow:
    """One row of the lock file, as it is written: the file's format is this, not a dataclass dump."""

    identity: str
    fingerprint: str
    key: str
    status: str
    reason: str = ""
    score: float | None = None
    margin: float | None = None
    layers: tuple[tuple[str, Record], ...] = ()

    @property
    def settled(self) -> bool:
        return self.status in SETTLED

    def as_json(self) -> dict[str, Any]:
        return {"identity": self.identity, "fingerprint": self.fingerprint, "key": self.key,
                "status": self.status, "reason": self.reason, "score": self.score, "margin": self.margin,
                "layers": [[source, record] for source, record in self.layers]}


def identity(entry: ListEntry) -> str:
    """What makes a row the same paper across edits of the list."""
    return f"arxiv:{entry.arxiv_id}" if entry.arxiv_id else "title:" + " ".join(title_words(entry.title))


def fingerprint(entry: ListEntry, named_doi: str | None = None) -> str:
    """What, when edited, makes a row worth asking about again: the row, and a DOI an override names."""
    parts = [entry.title, entry.venue, entry.year, entry.pdf_url] + ([f"doi:{named_doi}"] if named_doi else [])
    return " | ".join(str(part) for part in parts)


def load(path: Path) -> dict[str, LockRow]:
    """The rows of the lock at `path` by identity ({} when there is none); InputError if it is not a lock."""
    if not path.exists():
        return {}
    def fail(message: str, line: int | None = None) -> InputError:
        return InputError(path, line, f"{message}; fix it, or delete the file to resolve every row afresh")

    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            raise fail("not a lock file")
        text = path.read_text(encoding="utf-8")
        data = json_loads(text)
    except UnicodeDecodeError:
        raise fail("not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise fail(f"not JSON ({err.msg})", err.lineno) from None
    except ValueError as err:  # nested too deep, a number of thousands of digits
        raise fail(f"not a lock file ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise fail("not a lock file (no list of rows)")
    if data.get("version") != VERSION:
        raise fail(f"lock version {data.get('version')!r}; this wsss-bib reads version {VERSION}")
    rows: dict[str, LockRow] = {}
    for n, raw in enumerate(data["rows"]):
        try:
            row = _row(raw)
        except ValueError as err:
            raise fail(f"row {n + 1}: {err}", _line_of(text, raw)) from None
        rows[row.identity] = row
    return rows


def _row(raw: Any) -> LockRow:
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    if (problem := _surrogate(raw)) is not None:
        raise ValueError(problem)
    for name in ("identity", "fingerprint", "key", "status"):
        if not isinstance(raw.get(name), str):
            raise ValueError(f"`{name}` must be text")
    if not KEY_PATTERN.fullmatch(raw["key"]):
        raise ValueError(f"key {raw['key'][:60]!r} is not a citation key")
    if raw["status"] not in STATUSES:
        raise ValueError(f"status {raw['status'][:60]!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(raw.get("reason", ""), str):
        raise ValueError("`reason` must be text")
    numbers = [raw.get(name) for name in ("score", "margin")]
    if not all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        raise ValueError("`score` and `margin` must be numbers or null")
    layers = raw.get("layers", [])
    if not isinstance(layers, list) or not all(
            isinstance(layer, list) and len(layer) == 2 and layer[0] in SOURCES and isinstance(layer[1], dict)
            for layer in layers):
        raise ValueError(f"`layers` must be [source, record] pairs, source one of {', '.join(sorted(SOURCES))}")
    # Each layer passes the one gate as it is read: what it may not hold is gone before it is
    # merged, matched or written back.
    return LockRow(raw["identity"], raw["fingerprint"], raw["key"], raw["status"], clean_text(raw.get("reason", "")),
                   numbers[0], numbers[1], tuple((source, sanitised(record)) for source, record in layers))


def _surrogate(value: Any) -> str | None:
    """Where a lone surrogate (valid JSON as `\\ud800`, but no character: no file can hold it) is."""
    todo = [value]  # json_loads bounded the depth; a loop all the same
    while todo:
        item = todo.pop()
        texts = [item] if isinstance(item, str) else list(item) if isinstance(item, dict) else []
        for text in texts:
            if isinstance(text, str) and (found := SURROGATE.search(text)):
                return f"text holding a lone surrogate U+{ord(found.group()):04X}, which is no character"
        todo += item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
    return None


def _line_of(text: str, raw: Any) -> int | None:
    """Where a row stands in the file: the line of its identity (rows are written one key a line)."""
    if isinstance(raw, dict) and isinstance(raw.get("identity"), str):
        at = text.find(json.dumps(raw["identity"], ensure_ascii=False))
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def settled(row: LockRow | None, entry: ListEntry, named_doi: str | None = None) -> bool:
    return row is not None and row.settled and row.fingerprint == fingerprint(entry, named_doi)


def row(entry: ListEntry, resolution: Resolution, key: str, named_doi: str | None) -> LockRow:
    """What the lock keeps of one row's resolution."""
    return LockRow(identity(entry), fingerprint(entry, named_doi), key, resolution.status,
                   short_reason(resolution.reason), resolution.score, resolution.margin, tuple(resolution.layers))


def dump(rows: list[LockRow]) -> str:
    body = [row.as_json() for row in rows]
    return json.dumps({"version": VERSION, "rows": body}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def short_reason(reason: str) -> str:
    """A reason as the lock keeps it: one line, bounded, no character a record may not hold."""
    text = " ".join(clean_text(reason).split())
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
