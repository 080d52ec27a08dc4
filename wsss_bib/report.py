"""What resolution decided, per entry: DOI, confidence, where each field came from, and flags.

The flags are for the list's maintainer: unresolved rows, low-confidence matches, and rows
where the list disagrees with the published record (venue, year or title).
"""

from __future__ import annotations

import json
from typing import Any

from .keys import keyed_by_title
from .normalise import normalised_title
from .pipeline import Bibliography
from .record import custom_of, year
from .venues import agrees

LOW_SCORE = 90.0
LOW_MARGIN = 15.0


def rows(bib: Bibliography) -> list[dict[str, Any]]:
    out = []
    for entry, record, resolution in zip(bib.entries, bib.records, bib.resolutions):
        custom = custom_of(record)
        flags = []
        if not record.get("DOI"):
            flags.append("no DOI")
        if resolution.status in ("failed", "not looked up"):
            if not curated(record):  # an override settles what the lookup could not
                flags.append(f"lookup {resolution.status}")
        elif resolution.status == "curated":
            pass  # settled by its override: no match to be unsure of
        elif resolution.status == "unresolved":
            flags.append("unresolved")
        elif (resolution.score or 0) < LOW_SCORE or (resolution.margin is not None and resolution.margin < LOW_MARGIN):
            flags.append("low confidence")
        published_venue = agrees(entry.venue, record.get("container-title", ""), record.get("event-title", ""))
        if published_venue is False:
            flags.append(f"list venue {entry.venue!r} differs from {record.get('container-title')!r}")
        if entry.year and year(record) and entry.year != year(record):
            flags.append(f"list year {entry.year} differs from {year(record)}")
        if normalised_title(entry.title) != normalised_title(record.get("title", "")):
            flags.append(f"list title differs from {record.get('title')!r}")
        out.append({
            "key": record["id"], "line": entry.line, "title": record.get("title"), "DOI": record.get("DOI"),
            "status": resolution.status, "score": resolution.score, "margin": resolution.margin,
            "reason": resolution.reason or custom.get("doi-reason", ""), "provenance": custom.get("provenance", {}),
            "flags": flags,
        })
    return out


def missing(bib: Bibliography) -> list[str]:
    """One line per entry lacking a DOI, pages or authors, with the recorded reason."""
    lines = []
    for entry, record, resolution in zip(bib.entries, bib.records, bib.resolutions):
        custom = custom_of(record)
        for field, label in (("DOI", "DOI"), ("page", "pages"), ("author", "authors")):
            if record.get(field):
                continue
            lookup = f"lookup {resolution.status}" + (f" ({resolution.reason})" if resolution.reason else "")
            override = "override has none" if curated(record) else "no override"
            why = custom.get(f"{field.lower()}-reason") or f"{override}; {lookup}"
            lines.append(f"{entry.path}:{entry.line}: {record['id']}: no {label}: {why}")
    return lines


def sources(provenance: dict[str, str]) -> str:
    """Which source gave which fields: "crossref: DOI, author, title; dblp: page" (from the most fields down)."""
    by_source: dict[str, list[str]] = {}
    for field, source in provenance.items():
        by_source.setdefault(source, []).append(field)
    ranked = sorted(by_source.items(), key=lambda item: -len(item[1]))
    return "; ".join(f"{source}: {', '.join(fields)}" for source, fields in ranked)


def curated(record: dict[str, Any]) -> bool:
    """Has an override (whose `sources` say where its facts were read)."""
    return "sources" in custom_of(record)


def summary(bib: Bibliography, lock_file: str = "the lock file") -> str:
    """What was exported, what was looked up, what needs a look: one line, then one line per row
    whose lookup is still to be done or whose key was made from its title, naming row and key."""
    statuses = [r.status for r in bib.resolutions]
    with_doi = sum(1 for r in bib.records if r.get("DOI"))
    flagged = sum(1 for row in rows(bib) if any(f != "no DOI" for f in row["flags"]))
    pending = [i for i, status in enumerate(statuses) if status in ("failed", "not looked up")
               and i not in bib.curated_by]
    curated_now = sum(1 for i, status in enumerate(statuses) if i in bib.curated_by and status != "resolved"
                      and status != "unresolved")
    parts = [f"{statuses.count(s)} {s}" for s in ("resolved", "unresolved") if statuses.count(s)]
    if curated_now:
        parts.append(f"{curated_now} curated (settled by overrides, not looked up)")
    if pending:
        parts.append(f"{len(pending)} still to look up (asked again on the next run)")
    curated_count = sum(1 for record in bib.records if curated(record))
    lines = [f"{len(bib.records)} entries, {with_doi} with DOI, {curated_count} with an override; "
             f"lookups: {'; '.join(parts) or 'none needed'}; {flagged} flagged for review (see `wsss-bib report`)"]
    for i in pending:
        entry, record, resolution = bib.entries[i], bib.records[i], bib.resolutions[i]
        lines.append(f"  {entry.path}:{entry.line}: {record['id']}: lookup {resolution.status}"
                     + (f" ({resolution.reason})" if resolution.reason else ""))
    # A key an override's file name gives is the maintainer's choice, not made from the title.
    titled = [i for i, record in enumerate(bib.records) if keyed_by_title(record) and not curated(record)]
    if titled:
        lines.append(f"  {len(titled)} key(s) made from the title (no author known yet); {lock_file} keeps them, "
                     "so they stay when the authors arrive:")
        lines += [f"  {bib.entries[i].path}:{bib.entries[i].line}: {bib.records[i]['id']}" for i in titled]
    return "\n".join(lines)


def as_json(bib: Bibliography) -> str:
    return json.dumps(rows(bib), ensure_ascii=False, indent=2) + "\n"


def as_markdown(bib: Bibliography) -> str:
    lines = ["| line | key | DOI | status | score | margin | flags | reason | fields from |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows(bib):
        cells = [str(row["line"]), row["key"], row["DOI"] or "—", row["status"],
                 "" if row["score"] is None else f"{row['score']:.0f}",
                 "" if row["margin"] is None else f"{row['margin']:.0f}",
                 "; ".join(row["flags"]), row["reason"], sources(row["provenance"])]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"
