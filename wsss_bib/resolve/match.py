"""Which candidate, if any, is the row's published paper. A wrong DOI is worse than none.

Candidates come from any published source (`source.Candidate`); nothing here knows which.
Each is scored from 0 to 100 from what can be compared: title similarity (with and without
a subtitle; against the list's and the preprint's title), author overlap with the preprint's
authors, venue agreement with the list. A part that cannot be compared (no preprint, a venue
the venue table does not know) is left out of the weighted mean instead of counting half, so
a row with only a title can still reach the threshold with a nearly identical one. A year
outside ±1 of every year the paper carries (issued, print, online) and a candidate that is
not a published version (a preprint, a review report, data) cost points.

A candidate is accepted only above THRESHOLD, with a title that is nearly the same, authors
that overlap where they are known, and a clear MARGIN over the best other DOI; otherwise the
DOI stays unknown and the reason says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..lists.model import ListEntry
from ..normalise import DASHES, ascii_fold, comparable_title
from ..record import Record, year
from ..venues import agrees, lookup
from .source import Candidate

THRESHOLD = 80.0
MARGIN = 8.0
MIN_TITLE = 90.0
MIN_AUTHOR_OVERLAP = 0.5
WEIGHTS = {"title": 0.6, "authors": 0.25, "venue": 0.15}
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ter", "dos"})


@dataclass
class Scored:
    candidate: Candidate
    score: float
    title: float
    authors: float | None
    venue: bool | None
    year_ok: bool | None

    @property
    def record(self) -> Record:
        return self.candidate.record


@dataclass
class Decision:
    record: Record | None
    score: float | None
    margin: float | None
    reason: str
    source: str | None = None  # which source the accepted record came from


def title_similarity(ours: list[str], theirs: list[str]) -> float:
    """The best rapidfuzz ratio between any of our titles and any of theirs, normalised."""
    return max((fuzz.ratio(_normal(a), _normal(b)) for a in ours if a for b in theirs if b), default=0.0)


def score(entry: ListEntry, preprint: Record | None, candidate: Candidate) -> Scored:
    record = candidate.record
    titles = [entry.title] + ([preprint["title"]] if preprint and preprint.get("title") else [])
    title = title_similarity(titles, [record.get("title", ""), *candidate.titles])
    authors = author_overlap(preprint, record) if preprint else None
    custom = record.get("custom", {})
    venue = agrees(entry.venue, record.get("container-title", ""), record.get("event-title", ""),
                   record.get("collection-title", ""), custom.get("short-container-title", ""))
    issued = year(record)
    years = set(candidate.years) | ({issued} if issued is not None else set())
    year_ok = None if entry.year is None or not years else any(abs(y - entry.year) <= 1 for y in years)
    # Titles of papers in one field share most words, so only the top half of the scale counts.
    parts = {"title": max(0.0, 2 * title - 100) / 100}
    if authors is not None:
        parts["authors"] = authors
    if venue is not None:
        parts["venue"] = 1.0 if venue else 0.0
    if venue is False and authors is None:
        parts["authors"] = 0.5  # a venue that disagrees, and nobody to vouch for the paper: no benefit of doubt
    total = 100 * sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS[k] for k in parts)
    if year_ok is False:
        total -= 25
    if not candidate.published:
        total -= 15  # a preprint, a review report, a dataset: prefer the published paper
    return Scored(candidate, round(total, 1), title, authors, venue, year_ok)


def choose(entry: ListEntry, preprint: Record | None, candidates: list[Candidate]) -> Decision:
    if not candidates:
        return Decision(None, None, None, "no source returned candidates")
    ranked = sorted((score(entry, preprint, c) for c in candidates), key=lambda s: -s.score)
    best = ranked[0]
    others = [s.score for s in ranked[1:] if _doi(s.record) != _doi(best.record)]
    margin = round(best.score - others[0], 1) if others else 100.0
    problem = _problem(best, margin)
    if problem:
        return Decision(None, best.score, margin, f"best candidate {best.record.get('DOI')} rejected: {problem}")
    return Decision(best.record, best.score, margin, f"title {best.title:.0f}, authors "
                    f"{'?' if best.authors is None else f'{best.authors:.0%}'}, venue "
                    f"{ {True: 'agrees', False: 'differs', None: '?'}[best.venue]}", best.candidate.source)


def confirm(entry: ListEntry, preprint: Record | None, candidate: Candidate, why: str) -> Decision:
    """Check a DOI that arXiv, an override or the list named against its record."""
    scored = score(entry, preprint, candidate)
    doi = candidate.record.get("DOI")
    if scored.title < 80 and (scored.authors or 0) < MIN_AUTHOR_OVERLAP:
        return Decision(None, scored.score, None, f"{why} {doi} names another paper (title {scored.title:.0f})")
    return Decision(candidate.record, scored.score, None, f"{why} {doi} confirmed by {candidate.source}",
                    candidate.source)


def same_preprint(entry: ListEntry, published: Record | None, candidate: Candidate) -> bool:
    """Whether a preprint found by title search is this row's paper: as careful as a DOI.

    The title must be nearly the same (MIN_TITLE, with the list's or the published title), the
    authors must overlap the published record's where it has any, and its year may not come
    after the row's (a preprint precedes or accompanies its paper; a later one is another work).
    """
    titles = [entry.title] + ([published["title"]] if published and published.get("title") else [])
    if title_similarity(titles, [candidate.record.get("title", "")]) < MIN_TITLE:
        return False
    if published and published.get("author"):
        overlap = author_overlap(published, candidate.record)
        if overlap is None or overlap < MIN_AUTHOR_OVERLAP:
            return False
    posted = year(candidate.record)
    return entry.year is None or posted is None or posted <= entry.year + 1


def supplement(entry: ListEntry, preprint: Record | None, base: Record | None, candidates: list[Candidate],
               label: str) -> Decision:
    """Which candidate of a later published source (dblp) is the row's paper, if any: as careful as a DOI.

    A preprint record (dblp's CoRR) is never the published version. The title must be nearly the
    row's (or the preprint's, or the base record's). The year must be within one of the row's or
    the base's, or, where the authors are known to overlap, up to two years after the preprint's
    (journals print late). The authors must overlap those known (the base's, else the preprint's).
    A DOI or venue may not differ from the base record's; without a base the venue may differ from
    the list's only where the authors vouch for the record and no candidate agrees with the list (a
    list can name the wrong venue; the report then flags it). Same-title records that fail any of
    these are other papers. Two different papers that both pass leave the row as it was.
    """
    titles = [entry.title] + [r["title"] for r in (preprint, base) if r and r.get("title")]
    known = base if base and base.get("author") else preprint
    years = {y for y in (entry.year, year(base) if base else None) if y is not None}
    posted = year(preprint) if preprint else None
    base_venue = lookup((base or {}).get("container-title", "")) if base else None
    fitting: list[tuple[bool, float, Candidate]] = []  # (agrees with the list's venue, score, candidate)
    refused: list[str] = []
    for candidate in candidates:
        record = candidate.record
        if not candidate.published:
            continue  # the preprint (CoRR), never the published version
        if title_similarity(titles, [record.get("title", "")]) < MIN_TITLE:
            continue  # another title: not a same-title record, just a search hit
        name = record.get("custom", {}).get("dblp") or record.get("DOI") or record.get("title", "")
        theirs = year(record)
        overlap = author_overlap(known, record) if known and record.get("author") else None
        vouched = overlap is not None and overlap >= MIN_AUTHOR_OVERLAP
        late = vouched and posted is not None and theirs is not None and 0 <= theirs - posted <= 2
        venue = lookup(record.get("container-title", ""))
        listed = agrees(entry.venue, record.get("container-title", ""))
        if theirs is not None and years and not any(abs(theirs - y) <= 1 for y in years) and not late:
            refused.append(f"{name} ({theirs}: another year)")
        elif overlap is not None and not vouched:
            refused.append(f"{name} (no common author)")
        elif base_venue is not None and venue is not None and venue != base_venue or \
                base is None and listed is False and not vouched:
            refused.append(f"{name} (another venue: {record.get('container-title')})")
        elif base and base.get("DOI") and record.get("DOI") and _doi(base) != _doi(record):
            refused.append(f"{name} (another DOI: {record.get('DOI')})")
        else:
            fitting.append((base is not None or listed is not False, score(entry, preprint, candidate).score,
                            candidate))
    if any(agreeing for agreeing, _, _ in fitting):  # a record where the list says wins over one elsewhere
        fitting = [item for item in fitting if item[0]]
    others = f"; same-title records refused: {', '.join(refused)}" if refused else ""
    papers = {(_doi(c.record) or c.record.get("custom", {}).get("dblp") or "", year(c.record)) for _, _, c in fitting}
    if not fitting:
        return Decision(None, None, None, f"no {label} record is this paper{others}")
    if len(papers) > 1:
        return Decision(None, None, None, f"{len(papers)} {label} records fit, none taken{others}")
    _, best_score, best = max(fitting, key=lambda item: item[1])
    key = best.record.get("custom", {}).get("dblp") or best.record.get("DOI") or "record"
    return Decision(best.record, best_score, None, f"{label} {key}{others}", best.source)


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


def author_overlap(ours_record: Record, theirs_record: Record) -> float | None:
    """Share of our authors whose family name the other record has (editors where no authors).

    Family names compare word by word, so "De Castro" meets "Castro" and "Schouhamer Immink"
    meets "Immink": services split multi-part names differently.
    """
    ours = _families(ours_record)
    theirs = _families(theirs_record)
    if not ours or not theirs:
        return None if not ours else 0.0
    their_words = [set(name.split()) for name in theirs]
    hits = sum(1 for name in ours if any(set(name.split()) & words for words in their_words))
    return hits / len(ours)


def _families(record: Record) -> list[str]:
    people = record.get("author") or record.get("editor") or []
    names = []
    for person in people:
        text = person.get("family") or person.get("literal", "")
        words = [w for w in (ascii_fold(part) for part in text.translate(DASHES).split()) if w]
        # "van", "de" alone would make "Van Gool" meet "Van Damme"; "Du" alone is a name.
        words = [w for w in words if w not in PARTICLES] or words
        if words:
            names.append(" ".join(words))
    return names


def _normal(title: str) -> str:
    return comparable_title(title)


def _doi(record: Record) -> str:
    return str(record.get("DOI", "")).lower()
