"""A test double of a published source (say, OpenAlex): the whole of what adding a source takes.

It answers `GET <url>/search?q=<title>` with a JSON list of CSL items, and has no batch
lookup. Registered for a test with one line: `sources=(*REGISTRY, double_source.SOURCE)`.
Registered after Crossref, it is asked about the rows Crossref leaves without a record or
without pages (`fills`).
"""

from __future__ import annotations

from collections.abc import Sequence

import requests

from wsss_bib.resolve.config import HttpConfig
from wsss_bib.resolve.source import Candidate, Lookup, NotFound, RatePolicy, SourceUnavailable


class DoubleSource:
    name = "double"
    label = "Double"
    role = "published"
    identifier = ""  # no lookup by id
    default_url = "http://127.0.0.1:9/double"
    fills = ("page",)

    def rate(self, config: HttpConfig) -> RatePolicy:
        return RatePolicy(0.05, 2)

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        return Lookup(failures={i: NotFound("unknown to the double", self.name).failure for i in ids})

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        answers = []
        for title, _author in queries:
            response = session.get(f"{url}/search", params={"q": title})
            if response.status_code != 200:
                raise SourceUnavailable(f"double: HTTP {response.status_code}", self.name)
            answers.append([Candidate(item, self.name, published=True) for item in response.json()])
        return answers


SOURCE = DoubleSource()
