"""A test double of a published source (say, DBLP): the whole of what adding a source takes.

It answers `GET <url>/search?q=<title>` with a JSON list of CSL items, and has no batch
lookup. Registered for a test with one line: `sources=(*REGISTRY, double_source.SOURCE)`.
"""

from __future__ import annotations

from collections.abc import Sequence

import requests

from wsss_bib.resolve.http import HttpConfig
from wsss_bib.resolve.source import Candidate, Lookup, RatePolicy, SourceUnavailable


class DoubleSource:
    name = "double"
    role = "published"
    identifier = "DOI"
    default_url = "http://127.0.0.1:9/double"
    not_found = "unknown to the double"

    def rate(self, config: HttpConfig) -> RatePolicy:
        return RatePolicy(0.05, 2)

    def fetch(self, session: requests.Session, url: str, ids: Sequence[str], config: HttpConfig) -> Lookup:
        return Lookup(failures=dict.fromkeys(ids, self.not_found))

    def search(self, session: requests.Session, url: str, queries: Sequence[tuple[str, str | None]],
               config: HttpConfig) -> list[list[Candidate]]:
        answers = []
        for title, _author in queries:
            response = session.get(f"{url}/search", params={"q": title})
            if response.status_code != 200:
                raise SourceUnavailable(f"double: HTTP {response.status_code}")
            answers.append([Candidate(item, self.name, published=True) for item in response.json()])
        return answers


SOURCE = DoubleSource()
