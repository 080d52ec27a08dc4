"""The lock file (output/wsss.lock.json): what resolution decided, per row, committed.

With it, a collaborator without the cache, an offline machine and the list's CI all build
byte-identical files, keys never flip between online and offline runs, and only new or
changed rows (and rows whose lookup failed or could not run) are sent to the services.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..awesome_list import ListEntry
from ..errors import InputError
from ..keys import title_words

NAME = "wsss.lock.json"
VERSION = 1
SETTLED = frozenset({"resolved", "unresolved"})  # decided; failed or skipped rows are asked again


def identity(entry: ListEntry) -> str:
    """What makes a row the same paper across edits of the list."""
    return f"arxiv:{entry.arxiv_id}" if entry.arxiv_id else "title:" + " ".join(title_words(entry.title))


def fingerprint(entry: ListEntry) -> str:
    """What, when edited, makes a row worth asking about again."""
    return " | ".join(str(part) for part in (entry.title, entry.venue, entry.year, entry.pdf_url))


def load(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {row["identity"]: row for row in data["rows"]}
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(path, None, f"unreadable lock file ({err}); delete it to resolve afresh") from None


def settled(row: dict[str, Any] | None, entry: ListEntry) -> bool:
    return bool(row) and row.get("status") in SETTLED and row.get("fingerprint") == fingerprint(entry)


def dump(entries: list[ListEntry], resolutions: list, keys: list[str]) -> str:
    rows = []
    for entry, resolution, key in zip(entries, resolutions, keys):
        row = {"identity": identity(entry), "fingerprint": fingerprint(entry), "key": key, **asdict(resolution)}
        rows.append(row)
    return json.dumps({"version": VERSION, "rows": rows}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
