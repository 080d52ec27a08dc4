"""The lock file (output/wsss.lock.json): what resolution decided, per row, committed.

With it, a collaborator without the cache, an offline machine and the list's CI all build
byte-identical files, keys never flip between online and offline runs, and only new or
changed rows (and rows whose lookup failed or could not run) are sent to the services.

A lock file can arrive in a pull request, so it is read as untrusted input: every row is
checked against the row type below, and a file that does not fit is an error naming it.
The records inside are checked again, field by field, when they are merged (record.sanitised).
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..characters import clean_text
from ..errors import InputError
from ..identifiers import SURROGATE
from ..keys import KEY_PATTERN, title_words
from ..lists.model import ListEntry
from ..nesting import json_loads
from ..record import Record, sanitised
from .resolution import Resolution
from .sources import names as registered_sources

NAME = "wsss.lock.json"  # the bundled list's; another list's is `<stem>.lock.json` (ListIdentity.lock_name)
SUFFIX = ".lock.json"
VERSION = 1
# resolved: a service's record was accepted; unresolved: the services answered, none matched;
# curated: no lookup settled it, an override did (it gives the whole record); failed: a lookup
# could not run and nothing settles the row; not looked up: never asked.
STATUSES = ("resolved", "unresolved", "curated", "failed", "not looked up")
SETTLED = frozenset({"resolved", "unresolved", "curated"})  # decided; failed or skipped rows are asked again
CURATED_BY = "settled by override "  # a curated row's reason: this, then the override's file name
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


def identities(entries: Iterable[ListEntry]) -> list[str]:
    """Each row's place in the lock: its identity; a second row of the same identity (the same
    title in two sections, a lock edited by hand) `identity#2`, and so on, so each finds its own row."""
    seen: dict[str, int] = {}
    return [_occurrence(identity(entry), seen) for entry in entries]


def _occurrence(name: str, seen: dict[str, int]) -> str:
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name}#{seen[name]}"


def fingerprint(entry: ListEntry, named_doi: str | None = None) -> str:
    """What, when edited, makes a row worth asking about again: the row, and a DOI an override names."""
    parts = [entry.title, entry.venue, entry.year, entry.pdf_url] + ([f"doi:{named_doi}"] if named_doi else [])
    return " | ".join(str(part) for part in parts)


def load(path: Path, sources: Iterable[str] | None = None) -> dict[str, LockRow]:
    """The rows of the lock at `path` by identity ({} when there is none); InputError if it is not a lock.
    Rows of one identity are kept in their order, as `identities` names them.

    A layer may come from any of `sources` (default: the registered sources, resolve/sources.py).
    """
    known = frozenset(registered_sources() if sources is None else sources)
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
    except ValueError as err:  # nested too deep, a number of thousands of digits, NaN, 1e400
        raise fail(f"not a lock file ({err})", getattr(err, "lineno", None)) from None
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise fail("not a lock file (no list of rows)")
    if data.get("version") != VERSION:
        raise fail(f"lock version {data.get('version')!r}; this wsss-bib reads version {VERSION}")
    rows: dict[str, LockRow] = {}
    seen: dict[str, int] = {}
    for n, raw in enumerate(data["rows"]):
        try:
            row = _row(raw, known)
        except ValueError as err:
            raise fail(f"row {n + 1}: {err}", _line_of(text, raw)) from None
        rows[_occurrence(row.identity, seen)] = row
    return rows


def _row(raw: Any, sources: frozenset[str]) -> LockRow:
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
            isinstance(layer, list) and len(layer) == 2 and layer[0] in sources and isinstance(layer[1], dict)
            for layer in layers):
        raise ValueError(f"`layers` must be [source, record] pairs, source one of {', '.join(sorted(sources))}")
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


def settled(row: LockRow | None, entry: ListEntry, named_doi: str | None = None,
            overrides: Collection[str] | None = None) -> bool:
    """The row is decided and unchanged; a curated one only while its override (a file name in
    `overrides`, when given) is still there: without it, nothing settles the row."""
    if row is None or not row.settled or row.fingerprint != fingerprint(entry, named_doi):
        return False
    return row.status != "curated" or overrides is None or row.reason.removeprefix(CURATED_BY) in overrides


def row(entry: ListEntry, resolution: Resolution, key: str, named_doi: str | None, curated_by: str | None = None
        ) -> LockRow:
    """What the lock keeps of one row's resolution; `curated_by`: the override that settles the row."""
    status, reason = resolution.status, resolution.reason
    if curated_by and status not in ("resolved", "unresolved"):
        # The lookup could not run, but the override gives the whole record: nothing is left to ask.
        status, reason = "curated", f"{CURATED_BY}{curated_by}"
    elif status == "curated" and not curated_by:
        status, reason = "not looked up", "its override is gone or no longer whole; asked on the next run"
    return LockRow(identity(entry), fingerprint(entry, named_doi), key, status,
                   short_reason(reason), resolution.score, resolution.margin, tuple(resolution.layers))


def dump(rows: list[LockRow], list_name: str = "wsss", list_title: str = "") -> str:
    body = [row.as_json() for row in rows]
    owner = {"name": list_name, "title": list_title}
    # speed (issue 23, 100,000 rows): dump into a buffer piece by piece; `dumps` holds every piece, then a copy.
    text = io.StringIO()
    json.dump({"version": VERSION, "list": owner, "rows": body}, text, ensure_ascii=False, indent=1, sort_keys=True)
    text.write("\n")
    return text.getvalue()


def owner(path: Path) -> tuple[str, str]:
    """(stem, title) of the list whose lock `path` is: as the lock records it, else its file name."""
    name, title = path.name.removesuffix(SUFFIX), ""
    try:
        if path.stat().st_size <= MAX_BYTES:
            data = json_loads(path.read_text(encoding="utf-8"))
            recorded = data.get("list") if isinstance(data, dict) else None
            if isinstance(recorded, dict) and isinstance(recorded.get("name"), str):
                name, title = clean_text(recorded["name"][:80]), clean_text(str(recorded.get("title") or "")[:200])
    except (OSError, ValueError):
        pass  # not readable as a lock: its file name says whose it is
    return name, title


def check_owner(folder: Path, list_name: str, list_title: str, list_path: Path) -> None:
    """InputError if `folder` holds the lock of another list: its files are not this list's to replace."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        name, title = owner(path)
        if name != list_name:
            theirs = f"{name!r}" + (f" ({title})" if title else "")
            raise InputError(path, None, f"this folder holds the bibliography of the list {theirs}, not of "
                                         f"{list_name!r} ({list_title}, {list_path}); choose another --out, "
                                         f"or --name {name} if it is the same list renamed")


def short_reason(reason: str) -> str:
    """A reason as the lock keeps it: one line, bounded, no character a record may not hold."""
    text = " ".join(clean_text(reason).split())
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
