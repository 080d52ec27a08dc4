"""The arXiv API as a preprint source: batched `id_list` lookups and `ti:` title searches.

Atom entries become CSL records of the preprints. Titles are TeX (`$\\omega$Test`) and read
with pylatexenc; names are split by nameparser, which keeps particles ("Yohann De Castro"
is De Castro) and suffixes. arXiv reports a bad request with an error feed and HTTP 400:
the feed is read whatever the status, its message kept, and the rest of the batch asked again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import requests

from ..keys import normalised_title
from ..record import Record, date_parts
from .config import NOT_CACHED, HttpConfig
from .reasons import cause
from .source import Candidate, Failure, Lookup, Outcome, RatePolicy, SourceUnavailable
from .text import tex_to_text

if TYPE_CHECKING:
    import feedparser

# feedparser, nameparser and rapidfuzz are imported where an answer is read, not with the module:
# loading the sources then costs nothing before the first requests of a cold run leave.

BATCH = 100  # ids per request; arXiv's own examples go this high
TITLES_PER_SEARCH = 20  # ti:"…" phrases OR-ed into one search request (a URL of about 2 kB)
HITS_PER_TITLE = 5
VERSION = re.compile(r"v\d+$")
NOT_FOUND = "arXiv: no such id"  # an answer, unlike the other failures (which are asked again)
SAME_TITLE = 90.0  # a search hit belongs to a query only this alike; match.py decides the rest
INITIAL = re.compile(r"^[A-Z]\.(-?[A-Z]\.)*$")


class ArxivSource:
    """arXiv as a preprint source (see source.Source)."""

    name = "arxiv"
    label = "arXiv"
    role = "preprint"
    identifier = "arxiv_id"
    default_url = "https://export.arxiv.org/api/query"
    fills = ()

    def rate(self, config: HttpConfig) -> RatePolicy:
        # arXiv asks for one request at a time, 3 s apart
        return RatePolicy(config.interval_for(self.name, 3.0), 1)

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        """Preprint records by arXiv id, and a failure reason for each id that could not be fetched."""
        lookup = Lookup()
        unique = sorted(set(ids))
        batches = [unique[start:start + BATCH] for start in range(0, len(unique), BATCH)]
        while batches:
            batch = batches.pop(0)
            params = {"id_list": ",".join(batch), "max_results": str(len(batch)), "start": "0"}
            found, failure = self._ask(session, url, params)
            if failure is not None:
                bad = _named_id(failure.message, batch)
                if bad is None or len(batch) == 1:
                    lookup.failures.update(dict.fromkeys(batch, failure))
                    continue
                # arXiv rejects a whole batch for one malformed id: that id has its answer,
                # the others are asked again without it.
                lookup.failures[bad] = Failure(Outcome.REFUSED, self.name,
                                               failure.message.replace("arXiv: ", "arXiv: no such id: ", 1))
                batches.insert(0, [i for i in batch if i != bad])
                continue
            for arxiv_id in batch:
                answer = (found or {}).get(arxiv_id)
                if isinstance(answer, dict):
                    lookup.found[arxiv_id] = Candidate(answer, self.name, published=False)
                elif answer:  # an entry that could not be read: its reason
                    lookup.failures[arxiv_id] = Failure(Outcome.UNAVAILABLE, self.name,
                                                        f"arXiv: unusable entry ({answer})")
                else:
                    lookup.failures[arxiv_id] = Failure(Outcome.NOT_FOUND, self.name, NOT_FOUND)
        return lookup

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        """Preprints whose title is nearly a query's: `ti:"…"` phrases, several per request."""
        answers: list[list[Candidate]] = [[] for _ in queries]
        for start in range(0, len(queries), TITLES_PER_SEARCH):
            chunk = list(enumerate(queries))[start:start + TITLES_PER_SEARCH]
            phrases = [f'ti:"{_phrase(title)}"' for _, (title, _author) in chunk if _phrase(title)]
            if not phrases:
                continue
            params = {"search_query": " OR ".join(phrases), "start": "0",
                      "max_results": str(HITS_PER_TITLE * len(phrases))}
            found, failure = self._ask(session, url, params)
            if failure is not None or found is None:
                raise SearchFailed(str(failure or "arXiv: search failed"), self.name)
            records = [record for record in found.values() if isinstance(record, dict)]
            from rapidfuzz import fuzz

            for i, (title, _author) in chunk:
                wanted = normalised_title(title)
                answers[i] = [Candidate(record, self.name, published=False) for record in records
                              if fuzz.ratio(wanted, normalised_title(record.get("title", ""))) >= SAME_TITLE]
        return answers

    def _ask(self, session: requests.Session, url: str,
             params: dict[str, str]) -> tuple[dict[str, Record | str] | None, Failure | None]:
        """(records, None), or (None, why) when the request failed; an error feed is read at any status.

        An entry that cannot be read (TeX nested too deep) is the reason why, in place of its record.
        """
        def unavailable(why: str) -> tuple[None, Failure]:
            return None, Failure(Outcome.UNAVAILABLE, self.name, f"arXiv: {why}")

        try:
            response = session.get(url, params=params)
        except requests.RequestException as err:
            return unavailable(cause(err))
        if response.status_code == 504 and response.reason == "Not Cached":  # requests-cache, offline
            return unavailable(NOT_CACHED)
        if response.status_code not in (200, 400):
            return unavailable(f"HTTP {response.status_code}")
        found, error = read_feed(response.content)
        if error is not None:  # arXiv's answer: the request (an id in it) is wrong
            return None, Failure(Outcome.REFUSED, self.name, f"arXiv: {error}")
        if response.status_code != 200:
            return unavailable(f"HTTP {response.status_code}")
        return found, None


class SearchFailed(SourceUnavailable):
    """A title search could not be answered (the rows keep no preprint; asked again next run)."""


SOURCE = ArxivSource()


def _named_id(error: str, batch: list[str]) -> str | None:
    """The id an error message names ("incorrect id format for 1234.1234"), if it is in the batch."""
    return next((arxiv_id for arxiv_id in batch if re.search(rf"(^|\s){re.escape(arxiv_id)}$", error)), None)


def _phrase(title: str) -> str:
    """A title as a ti: phrase: words only (quotes, brackets and colons would end the phrase)."""
    return " ".join(re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", title))


def parse_feed(content: bytes | str) -> tuple[dict[str, Record], str | None]:
    """Records from an arXiv Atom feed, and the text of an error entry if the feed has one."""
    records, error = read_feed(content)
    return {arxiv_id: record for arxiv_id, record in records.items() if isinstance(record, dict)}, error


def read_feed(content: bytes | str) -> tuple[dict[str, Record | str], str | None]:
    """As parse_feed, with the reason in place of each entry that cannot be read: one bad entry
    fails its own row, not its batch."""
    import feedparser

    feed = feedparser.parse(content)
    records: dict[str, Record | str] = {}
    error = None
    for entry in feed.entries:
        link = entry.get("id", "")
        if "/api/errors" in link:
            error = " ".join(entry.get("summary", "error").split())
            continue
        arxiv_id = VERSION.sub("", link.rsplit("/abs/", 1)[-1])
        if not arxiv_id or not entry.get("title"):
            continue
        try:
            records[arxiv_id] = to_record(entry, arxiv_id)
        except ValueError as err:  # nesting.TooDeep
            records[arxiv_id] = str(err)
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
        "title": tex_to_text(entry.title),
        "author": [split_name(author.get("name", "")) for author in entry.get("authors", [])],
        "issued": date_parts(published.tm_year, published.tm_mon, published.tm_mday) if published else None,
        "publisher": "arXiv",
        "number": arxiv_id,
        "URL": f"https://arxiv.org/abs/{arxiv_id}",
        "custom": {key: value for key, value in custom.items() if value},
    }


def split_name(name: str) -> dict[str, str]:
    """'Ye Du' -> {family: Du, given: Ye}; particles and suffixes kept ('Yohann De Castro': De Castro).

    nameparser finds the family name (with its particles) and the suffix; every other word is
    the given name, as written: nameparser would drop words it takes for titles ("Md.", "King").
    A name written with a middle initial before more words ("Kees A. Schouhamer Immink") has
    a family name of several words: those after the initial.
    """
    text = " ".join(tex_to_text(name).split())
    words = text.split()
    if len(words) < 2:
        return {"literal": text}
    from nameparser import HumanName

    parsed = HumanName(text)
    suffix = parsed.suffix if parsed.suffix and text.endswith(parsed.suffix) else ""
    core = text[: len(text) - len(suffix)].rstrip(" ,").split() if suffix else words
    family = parsed.last.split() if parsed.last else []
    if not family or core[-len(family):] != family or len(family) >= len(core):
        family = core[-1:]
    given = core[: len(core) - len(family)]
    initials = [i for i, word in enumerate(given) if i > 0 and INITIAL.match(word)]
    if initials and initials[-1] < len(given) - 1:
        given, family = given[: initials[-1] + 1], given[initials[-1] + 1:] + family
    result = {"family": " ".join(family), "given": " ".join(given), "suffix": suffix}
    return {k: v for k, v in result.items() if v}
