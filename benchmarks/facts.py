"""The bundled list's papers as the three services would answer about them, built only from sourced facts.

Every fact comes from the shipped overrides/ (each override names its public sources); nothing is
invented. The simulated services (services.py) then answer in their real formats:

- Crossref holds every paper an override gives a DOI (not an arXiv DataCite DOI): a work with the
  override's title, authors, container, event, publisher, volume, issue and pages, typed as Crossref
  types it (AAAI's proceedings are deposited as journal articles; ECCV's as LNCS book chapters). It
  leaves out the pages of an IEEE CVPR/ICCV DOI: the overrides give the CVF open-access pages, and
  Crossref's record of the IEEE DOI carries IEEE Xplore's pagination, which no source read gives.
  A journal article an override says went online a year before its issue (ONLINE) is `issued` at
  the online year, with its issue's year as `published-print` and `journal-issue`.
- arXiv holds every paper with an arXiv id (the list's link, or the override's `arxiv`): the
  override's title and authors, dated by its id's year and month (day 1: the id says no day).
- dblp holds the published version of every paper but those an override says dblp lacks
  (NOT_IN_DBLP), in its search API's shape (venue as dblp's short name, pages, volume, number,
  year, DOI), its CoRR record where it is on arXiv, and, for every other row, same-title
  distractors (another year; a stranger's paper of the same year where the row's authors can be
  known), keys `facts/...`.

`truth` gives, per row, the fields the per-field table checks.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from synthetic import Paper, corr_info, dblp_info, distractors

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wsss_bib.lists import ListEntry, bundled_list, read_list  # noqa: E402
from wsss_bib.overrides import load_overrides, match_overrides  # noqa: E402
from wsss_bib.record import Record  # noqa: E402
from wsss_bib.venues import bundled_vocabulary  # noqa: E402

# Journal articles online before their issue, as their overrides' `list-says` and sources state.
ONLINE = {"liu2022leveraging": 2020,  # "early access 2020, published in TPAMI vol. 44 no. 3 (2022)"
          "jiang2022online": 2021,  # "online/early access 2021; published in vol. 44, no. 10, October 2022"
          "wang2024looking": 2022}  # "DOI registered / online 2022-04-17 ...; journal issue year 2024"
NOT_IN_DBLP = {"anon2021end"}  # its override: authors "not on the ACM DL page ..., nor in dblp"
CROSSREF_TYPES = {"paper-conference": "proceedings-article", "chapter": "book-chapter",
                  "article-journal": "journal-article"}
DBLP_SHORT = {"TPAMI": "IEEE Trans. Pattern Anal. Mach. Intell.", "IJCV": "Int. J. Comput. Vis.",
              "ACM MM": "ACM Multimedia"}
FIELDS = ("DOI", "authors", "year", "type", "venue", "pages", "arXiv id")


@dataclass
class Fact:
    entry: ListEntry
    key: str
    record: Record  # the override's fields
    arxiv_id: str | None


def facts() -> list[Fact]:
    entries = read_list(bundled_list()).entries
    matched = match_overrides(load_overrides(ROOT / "overrides"), [(e, "") for e in entries])
    out = []
    for i, entry in enumerate(entries):
        override = matched[i]
        arxiv = entry.arxiv_id or override.record.get("custom", {}).get("arxiv")
        out.append(Fact(entry, override.key, override.record, arxiv))
    return out


def _year(record: Record) -> int | None:
    try:
        return int(record["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _date(record: Record) -> list[int]:
    return list(record["issued"]["date-parts"][0])


def _authors(record: Record) -> list[tuple[str, str]]:
    return [(a.get("given", ""), a["family"]) for a in record.get("author", []) if a.get("family")]


def crossref_work(fact: Fact) -> dict | None:
    record, doi = fact.record, fact.record.get("DOI")
    if not doi or doi.lower().startswith("10.48550/"):
        return None
    kind = "journal-article" if doi.startswith("10.1609/aaai") else CROSSREF_TYPES[record["type"]]
    containers = [record.get("container-title")] + ([record["collection-title"]] if record.get("collection-title")
                                                    else [])
    if kind == "book-chapter" and not record.get("collection-title"):
        containers.append("Lecture Notes in Computer Science")
    work: dict = {
        "DOI": doi, "type": kind, "title": [record["title"]], "container-title": [c for c in containers if c],
        "author": [{"given": g, "family": f, "sequence": "first" if n == 0 else "additional", "affiliation": []}
                   for n, (g, f) in enumerate(_authors(record))],
        "publisher": record.get("publisher", ""), "issued": {"date-parts": [_date(record)]},
        "published": {"date-parts": [_date(record)]}, "URL": f"http://dx.doi.org/{doi}", "source": "Crossref",
        "prefix": doi.split("/", 1)[0], "member": "263", "score": 0.0, "reference-count": 0,
    }
    for field in ("volume", "issue"):
        if record.get(field):
            work[field] = str(record[field])
    cvf = "IEEE/CVF" in (record.get("container-title") or "") and doi.startswith("10.1109/")
    if record.get("page") and not cvf:
        work["page"] = record["page"]
    if kind == "proceedings-article" and record.get("event-title"):
        work["event"] = {"name": record["event-title"]}
    if fact.key in ONLINE:
        online = {"date-parts": [[ONLINE[fact.key]]]}
        work.update({"issued": online, "published": online, "published-online": online,
                     "published-print": {"date-parts": [_date(record)]},
                     "journal-issue": {"published-print": {"date-parts": [_date(record)]},
                                       **({"issue": str(record["issue"])} if record.get("issue") else {})}})
    return work


def dblp_of(fact: Fact, row: int) -> list[dict]:
    record, entry = fact.record, fact.entry
    venue = bundled_vocabulary().lookup(record.get("container-title", "")) or \
        bundled_vocabulary().lookup(entry.venue)
    short = DBLP_SHORT.get(venue.short, venue.short) if venue else (record.get("container-title") or entry.venue)
    year = _year(record) or entry.year or 2020
    key = f"facts/{fact.key}"
    out = []
    if fact.key not in NOT_IN_DBLP:
        journal = record["type"] == "article-journal"
        doi = record.get("DOI") if record.get("DOI") and not record["DOI"].lower().startswith("10.48550/") else None
        out.append(dblp_info(record["title"], _authors(record), short, year,
                             "Journal Articles" if journal else "Conference and Workshop Papers", key,
                             pages=record.get("page"), volume=str(record["volume"]) if journal and
                             record.get("volume") else None,
                             number=str(record["issue"]) if journal and record.get("issue") else None, doi=doi))
    if fact.arxiv_id:
        out.append(corr_info(record["title"], _authors(record), fact.arxiv_id, key + "-corr"))
    if row % 2 == 0:
        made = distractors(record["title"], _authors(record), short, year, key, random.Random(row))
        known = fact.arxiv_id or crossref_work(fact) is not None  # someone can vouch for the authors
        out += made if known else made[:1]
    return out


def papers() -> list[Paper]:
    """The bundled list's papers as the simulated services hold them (see the module's docstring)."""
    out = []
    for row, fact in enumerate(facts()):
        record = fact.record
        paper = Paper(row, record["title"], _year(record) or fact.entry.year or 2020, _authors(record),
                      fact.entry.arxiv_id)
        if fact.arxiv_id and not fact.entry.arxiv_id:
            paper.arxiv_unlisted = fact.arxiv_id
        if fact.arxiv_id and re.match(r"\d{4}\.", fact.arxiv_id):
            paper.arxiv_published = f"20{fact.arxiv_id[:2]}-{fact.arxiv_id[2:4]}-01T00:00:00Z"
        work = crossref_work(fact)
        paper.works = [work] if work else []
        paper.dblp = dblp_of(fact, row)
        out.append(paper)
    return out


# -- the per-field table ------------------------------------------------------------------------------

def venue_of(record: Record) -> object:
    """The vocabulary's venue a record's container (or event) names, else its container's plain words."""
    names = " | ".join(str(record.get(k, "")) for k in ("container-title", "event-title")).lower()
    venues = {id(v): v for v in bundled_vocabulary().by_spelling.values()}.values()
    hits = sorted(((max(len(a) for a in v.aliases if a in names), v.short) for v in venues
                   if any(a in names for a in v.aliases)), reverse=True)
    return hits[0][1] if hits else " ".join(re.findall(r"[a-z0-9]+", names))


def _pages(value: object) -> str:
    return re.sub(r"\s*[-–—]+\s*", "-", str(value or "")).strip()


def _families(record: Record) -> list[str]:
    return [str(a.get("family") or a.get("literal", "")).lower() for a in record.get("author", [])]


def truth(fact: Fact) -> dict[str, object]:
    """What each checked field must be, where the override knows it (None: not known, not counted)."""
    record = fact.record
    doi = record.get("DOI")
    return {"DOI": doi.lower() if doi else None, "authors": _families(record) or None, "year": _year(record),
            "type": record.get("type"), "venue": venue_of(record) if record.get("container-title") else None,
            "pages": _pages(record.get("page")) or None, "arXiv id": fact.arxiv_id or ""}


def got(exported: Record) -> dict[str, object]:
    doi = exported.get("DOI")
    return {"DOI": doi.lower() if doi else None, "authors": _families(exported) or None, "year": _year(exported),
            "type": exported.get("type"), "venue": venue_of(exported), "pages": _pages(exported.get("page")) or None,
            "arXiv id": exported.get("custom", {}).get("arxiv") or ""}


def table(exported: list[Record], for_processors: list[Record]) -> dict[str, dict]:
    """Per field: rows whose fact is known, how many the export has right, the missing and the wrong ones
    (key: got / truth). `exported` is wsss-zotero.json (it keeps `custom`), `for_processors` wsss.json (its
    types are CSL's: the Zotero flavour types an LNCS chapter paper-conference, for Zotero's sake)."""
    out: dict[str, dict] = {}
    for field in FIELDS:
        known = right = 0
        wrong, missing = [], []
        for fact, record, plain in zip(facts(), exported, for_processors):
            want, have = truth(fact)[field], got({**record, "type": plain.get("type")})[field]
            if want is None:
                if field == "DOI" and have:  # a DOI where no source read knows one: unverified, counted wrong
                    wrong.append(f"{fact.key}: {have} / none known")
                continue
            known += 1
            if have == want:
                right += 1
            elif have in (None, "") and field != "arXiv id":
                missing.append(fact.key)
            else:
                wrong.append(f"{fact.key}: {have} / {want}")
        out[field] = {"known": known, "right": right, "missing": missing, "wrong": wrong}
    return out
