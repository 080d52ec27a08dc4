"""Which Crossref candidate, if any, is the row's published paper. A wrong DOI is worse than none.

Each candidate is scored from 0 to 100: title similarity carries most weight, then author
overlap with the arXiv authors, venue agreement with the list and year; a preprint scores
below a published version. A candidate is accepted only above THRESHOLD, with a title that
is nearly the same, authors that overlap where they are known, and a clear MARGIN over the
best other DOI; otherwise the DOI stays unknown and the reason says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..awesome_list import ListEntry
from ..keys import ascii_fold, normalised_title
from ..record import Record, year
from ..venues import agrees
from .crossref import PUBLISHED_TYPES

THRESHOLD = 80.0
MARGIN = 8.0
MIN_TITLE = 90.0
MIN_AUTHOR_OVERLAP = 0.5


@dataclass
class Scored:
    record: Record
    score: float
    title: float
    authors: float | None
    venue: bool | None
    year_ok: bool | None


@dataclass
class Decision:
    record: Record | None
    score: float | None
    margin: float | None
    reason: str


def score(entry: ListEntry, preprint: Record | None, candidate: Record) -> Scored:
    titles = [entry.title] + ([preprint["title"]] if preprint and preprint.get("title") else [])
    title = max(fuzz.ratio(normalised_title(t), normalised_title(candidate.get("title", ""))) for t in titles)
    authors = _author_overlap(preprint, candidate) if preprint else None
    custom = candidate.get("custom", {})
    venue = agrees(entry.venue, candidate.get("container-title", ""), candidate.get("event-title", ""),
                   custom.get("short-container-title", ""))
    published = year(candidate)
    year_ok = None if entry.year is None or published is None else abs(published - entry.year) <= 1
    # Titles of papers in one field share most words, so only the top half of the scale counts.
    total = 0.6 * max(0.0, 2 * title - 100) + 0.25 * 100 * (0.5 if authors is None else authors)
    total += 0.15 * 100 * {True: 1.0, None: 0.5, False: 0.0}[venue]
    if year_ok is False:
        total -= 25
    if custom.get("crossref-type") not in PUBLISHED_TYPES:
        total -= 15  # posted-content and the like: prefer the published version
    return Scored(candidate, round(total, 1), title, authors, venue, year_ok)


def choose(entry: ListEntry, preprint: Record | None, candidates: list[Record]) -> Decision:
    if not candidates:
        return Decision(None, None, None, "Crossref returned no candidates")
    ranked = sorted((score(entry, preprint, c) for c in candidates), key=lambda s: -s.score)
    best = ranked[0]
    others = [s.score for s in ranked[1:] if s.record.get("DOI") != best.record.get("DOI")]
    margin = round(best.score - others[0], 1) if others else 100.0
    problem = _problem(best, margin)
    if problem:
        return Decision(None, best.score, margin, f"best candidate {best.record.get('DOI')} rejected: {problem}")
    return Decision(best.record, best.score, margin, f"title {best.title:.0f}, authors "
                    f"{'?' if best.authors is None else f'{best.authors:.0%}'}, venue "
                    f"{ {True: 'agrees', False: 'differs', None: '?'}[best.venue]}")


def confirm(entry: ListEntry, preprint: Record | None, record: Record, why: str) -> Decision:
    """Check a DOI that arXiv or an override named against its Crossref record."""
    scored = score(entry, preprint, record)
    if scored.title < 80 and (scored.authors or 0) < MIN_AUTHOR_OVERLAP:
        return Decision(None, scored.score, None, f"{why} {record.get('DOI')} names another paper "
                        f"(title {scored.title:.0f})")
    return Decision(record, scored.score, None, f"{why} {record.get('DOI')} confirmed by Crossref")


def _problem(best: Scored, margin: float) -> str | None:
    if best.title < MIN_TITLE:
        return f"title similarity {best.title:.0f} < {MIN_TITLE:.0f}"
    if best.authors is not None and best.authors < MIN_AUTHOR_OVERLAP:
        return f"authors overlap {best.authors:.0%} with the arXiv authors"
    if best.score < THRESHOLD:
        return f"score {best.score:.0f} < {THRESHOLD:.0f}"
    if margin < MARGIN:
        return f"margin {margin:.0f} over the next DOI < {MARGIN:.0f}"
    return None


def _author_overlap(preprint: Record, candidate: Record) -> float | None:
    ours = {ascii_fold(a.get("family") or a.get("literal", "")) for a in preprint.get("author", [])}
    theirs = {ascii_fold(a.get("family") or a.get("literal", "")) for a in candidate.get("author", [])}
    ours.discard("")
    theirs.discard("")
    if not ours or not theirs:
        return None if not ours else 0.0
    return len(ours & theirs) / len(ours)
