"""The whole flow in one place: list -> resolve -> merge overrides -> keys -> records."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .keys import assign_keys
from .lists import ListEntry, ParsedList
from .override import Override, settles
from .overrides import load_overrides, match_overrides
from .record import CUSTOM, Record, from_entry, merge
from .resolve.resolution import Resolution

# The resolution stage: rows (and DOIs that overrides name for them) -> what the services say.
Resolver = Callable[[list[ListEntry], dict[int, str]], list[Resolution]]


def read_list(list_path: str | Path) -> ParsedList:
    """The list reader (`lists.read_list`), imported when a list is read: markdown-it, the grammar, ftfy."""
    from .lists import read_list as read

    return read(list_path)


@dataclass
class Bibliography:
    entries: list[ListEntry]
    records: list[Record]
    resolutions: list[Resolution]
    named_dois: dict[int, str]  # row -> the DOI its override names (checked by the resolver)
    curated_by: dict[int, str]  # row -> the file of the override that gives its whole record


def build(list_path: str | Path, overrides_dir: str | Path | None, resolver: Resolver | None = None,
          pinned_keys: Callable[[list[ListEntry]], dict[int, str]] | None = None,
          warn: Callable[[str], None] = lambda message: None,
          read: Callable[[str | Path], ParsedList] | None = None,
          load: Callable[[str | Path | None], list[Override]] = load_overrides) -> Bibliography:
    """`read` and `load`: what reads the list and its overrides (default `read_list` and `load_overrides`;
    the CLI's read what list_cache.py stored when they can)."""
    parsed = (read or read_list)(list_path)
    for warning in parsed.warnings:
        warn(warning)
    entries = parsed.entries
    if not entries:  # an emptied or unreadable list must not overwrite a bibliography with nothing
        raise InputError(list_path, None, "no paper row could be read; nothing written")
    overrides = load(overrides_dir)
    # Overrides that name their row are paired first, so a bad one stops the run before any
    # request, and the DOIs they give can be checked against Crossref.
    explicit = match_overrides([o for o in overrides if o.match], [(e, "") for e in entries])
    named_dois = {i: o.record["DOI"] for i, o in explicit.items() if o.record.get("DOI")}
    resolutions = resolver(entries, named_dois) if resolver else [Resolution() for _ in entries]
    layers = [[("list", from_entry(entry)), *res.layers] for entry, res in zip(entries, resolutions)]
    if all(o.match for o in overrides):
        matched = explicit  # every override names its row: no provisional keys to find rows by
    else:
        # An override without `match:` finds its row by key, and keys need the resolved authors.
        provisional_keys = assign_keys([merge(row) for row in layers], {})
        matched = match_overrides(overrides, list(zip(entries, provisional_keys)))
    records = [merge(row + ([("override", matched[i].record)] if i in matched else []))
               for i, row in enumerate(layers)]
    # An override's key is its file's name: a lock row elsewhere pinning that key loses it.
    named = {o.key for o in matched.values()}
    locked = {i: key for i, key in (pinned_keys(entries) if pinned_keys else {}).items() if key not in named}
    pins = {**locked, **{i: o.key for i, o in matched.items()}}
    for record, key in zip(records, assign_keys(records, pins)):
        record["id"] = key
    curated_by = {i: o.path.name for i, o in matched.items() if settles(o)}
    _share_equal_parts(records)
    return Bibliography(entries, records, resolutions, named_dois, curated_by)


def _share_equal_parts(records: list[Record]) -> None:
    """One object for equal provenance maps and dates (a 10,000-row list has 9 and 10 of each): about
    0.6 KB less a record (issue 23: 100,000 rows). No stage changes a record's parts after the build."""
    provenances: dict[tuple[tuple[str, Any], ...], Any] = {}
    dates: dict[str, Any] = {}
    for record in records:
        custom = record.get(CUSTOM)
        if isinstance(custom, dict) and isinstance(provenance := custom.get("provenance"), dict):
            with contextlib.suppress(TypeError):  # a value that cannot be a key: left as it is
                custom["provenance"] = provenances.setdefault(tuple(provenance.items()), provenance)
        if isinstance(issued := record.get("issued"), dict):
            record["issued"] = dates.setdefault(repr(issued), issued)
