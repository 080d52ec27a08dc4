"""The arXiv API: batched `id_list` queries, Atom entries -> CSL records of the preprints."""

from __future__ import annotations

import re

import feedparser
import requests

from ..record import Record, date_parts
from .http import NOT_CACHED

BATCH = 100  # ids per request; arXiv's own examples go this high
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ter"})
VERSION = re.compile(r"v\d+$")
NOT_FOUND = "arXiv: no such id"  # an answer, unlike the other failures (which are asked again)


def fetch(session: requests.Session, base_url: str, ids: list[str]) -> tuple[dict[str, Record], dict[str, str]]:
    """Preprint records by arXiv id, and a failure reason for each id that could not be fetched."""
    records: dict[str, Record] = {}
    failures: dict[str, str] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), BATCH):
        batch = unique[start:start + BATCH]
        params = {"id_list": ",".join(batch), "max_results": str(len(batch)), "start": "0"}
        try:
            response = session.get(base_url, params=params)
        except requests.RequestException as err:
            failures.update(dict.fromkeys(batch, f"arXiv: {err}"))
            continue
        if response.status_code != 200:
            offline = response.status_code == 504 and response.reason == "Not Cached"  # requests-cache
            why = NOT_CACHED if offline else f"HTTP {response.status_code}"
            failures.update(dict.fromkeys(batch, f"arXiv: {why}"))
            continue
        found, error = parse_feed(response.content)
        records.update(found)
        for arxiv_id in batch:
            if arxiv_id not in found:
                failures[arxiv_id] = f"arXiv: {error}" if error else NOT_FOUND
    return records, failures


def parse_feed(content: bytes | str) -> tuple[dict[str, Record], str | None]:
    """Records from an arXiv Atom feed, and the text of an error entry if the feed has one."""
    feed = feedparser.parse(content)
    records: dict[str, Record] = {}
    error = None
    for entry in feed.entries:
        link = entry.get("id", "")
        if "/api/errors" in link:
            error = " ".join(entry.get("summary", "error").split())
            continue
        arxiv_id = VERSION.sub("", link.rsplit("/abs/", 1)[-1])
        if not arxiv_id or not entry.get("title"):
            continue
        records[arxiv_id] = to_record(entry, arxiv_id)
    return records, error


def to_record(entry: feedparser.FeedParserDict, arxiv_id: str) -> Record:
    published = entry.get("published_parsed")
    custom = {
        "arxiv": arxiv_id,
        "arxiv-category": (entry.get("arxiv_primary_category") or {}).get("term"),
        "arxiv-doi": entry.get("arxiv_doi"),  # the published version's DOI, if the authors gave it
        "arxiv-journal-ref": " ".join(entry.get("arxiv_journal_ref", "").split()) or None,
    }
    return {
        "type": "article",
        "title": " ".join(entry.title.split()),
        "author": [split_name(author.get("name", "")) for author in entry.get("authors", [])],
        "issued": date_parts(published.tm_year, published.tm_mon, published.tm_mday) if published else None,
        "publisher": "arXiv",
        "number": arxiv_id,
        "URL": f"https://arxiv.org/abs/{arxiv_id}",
        "custom": {key: value for key, value in custom.items() if value},
    }


def split_name(name: str) -> dict[str, str]:
    """'Ye Du' -> {family: Du, given: Ye}; lower-case particles stay with the family name."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name.strip()}
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in PARTICLES and words[cut - 1].islower():
        cut -= 1
    return {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}
