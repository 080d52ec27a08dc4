"""Crossref and arXiv on 127.0.0.1: a pytest-httpserver answering from fixture files.

Crossref queries are answered by tests/data/crossref/works-<title slug>.json (the file whose
slug starts the query's), /works/{doi} by work-<doi>.json; arXiv id_list queries by the
entries of tests/data/arxiv/feed.xml. Every request is kept, so tests can count them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from werkzeug import Request, Response

DATA = Path(__file__).parent / "data"
ATOM = "{http://www.w3.org/2005/Atom}"
# Keep arXiv's own prefixes when re-serialising (feedparser names fields after them).
for prefix, uri in (("", "http://www.w3.org/2005/Atom"), ("arxiv", "http://arxiv.org/schemas/atom"),
                    ("opensearch", "http://a9.com/-/spec/opensearch/1.1/")):
    ElementTree.register_namespace(prefix, uri)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class FakeServices:
    def __init__(self, httpserver) -> None:
        self.server = httpserver
        self.requests: list[Request] = []
        self.faults: list[Response] = []  # answered, in order, before the real answers
        httpserver.expect_request(re.compile(r"^/crossref/.*")).respond_with_handler(self._crossref)
        httpserver.expect_request("/arxiv/query").respond_with_handler(self._arxiv)

    @property
    def crossref_url(self) -> str:
        return self.server.url_for("/crossref")

    @property
    def arxiv_url(self) -> str:
        return self.server.url_for("/arxiv/query")

    def options(self, cache: Path) -> list[str]:
        return ["--crossref-url", self.crossref_url, "--arxiv-url", self.arxiv_url, "--cache", str(cache)]

    def count(self, service: str) -> int:
        return sum(1 for r in self.requests if r.path.startswith(f"/{service}"))

    def _fault(self) -> Response | None:
        return self.faults.pop(0) if self.faults else None

    def _crossref(self, request: Request) -> Response:
        self.requests.append(request)
        if fault := self._fault():
            return fault
        path = request.path.removeprefix("/crossref")
        if path.startswith("/works/"):
            file = DATA / "crossref" / f"work-{path.removeprefix('/works/').replace('/', '-')}.json"
            if not file.exists():
                return Response("Resource not found.", status=404, content_type="text/plain")
            return Response(file.read_bytes(), content_type="application/json")
        query = slug(request.args.get("query.bibliographic", ""))
        for file in sorted((DATA / "crossref").glob("works-*.json")):
            if query.startswith(file.stem.removeprefix("works-")):
                return Response(file.read_bytes(), content_type="application/json")
        empty = (b'{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":'
                 b'{"facets":{},"total-results":0,"items":[],"items-per-page":10,"query":{"start-index":0}}}')
        return Response(empty, content_type="application/json")

    def _arxiv(self, request: Request) -> Response:
        self.requests.append(request)
        if fault := self._fault():
            return fault
        wanted = set(request.args.get("id_list", "").split(","))
        tree = ElementTree.parse(DATA / "arxiv" / "feed.xml")
        feed = tree.getroot()
        for entry in feed.findall(f"{ATOM}entry"):
            arxiv_id = re.sub(r"v\d+$", "", entry.findtext(f"{ATOM}id", "").rsplit("/", 1)[-1])
            if arxiv_id not in wanted:
                feed.remove(entry)
        body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
        return Response(body, content_type="application/atom+xml; charset=utf-8")
