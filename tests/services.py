"""Crossref, arXiv and dblp on 127.0.0.1: a pytest-httpserver answering from fixture files.

Crossref queries are answered by tests/data/crossref/works-<title slug>.json (the file whose
slug starts the query's), /works/{doi} and /works?filter=doi:A,doi:B by work-<doi>.json;
arXiv id_list queries and ti:"…" title searches by the entries of tests/data/arxiv/feed.xml;
dblp's /search/publ/api by tests/data/dblp/search-<title slug>.json (its CoRR records and
same-title distractors among them), and by its empty answer otherwise.
Every request is kept, so tests can count them.

Faults: `faults` answers the next requests, whichever service they are for, in order;
`fail(fault, where=..., times=...)` answers only requests whose service and URL match.
A fault is a werkzeug Response or a function of the request returning one (see the
factories below: `hang`, `reset`, `truncated`, `malformed`, `arxiv_error`, `crossref_items`).
`delay` slows every answer down; `answered` lists the URLs answered without a fault.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import threading
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote_plus

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

DATA = Path(__file__).parent / "data"
ATOM = "{http://www.w3.org/2005/Atom}"
# Keep arXiv's own prefixes when re-serialising (feedparser names fields after them).
for prefix, uri in (("", "http://www.w3.org/2005/Atom"), ("arxiv", "http://arxiv.org/schemas/atom"),
                    ("opensearch", "http://a9.com/-/spec/opensearch/1.1/")):
    ElementTree.register_namespace(prefix, uri)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


Fault = Response | Callable[[Request], Response]


def hang(seconds: float) -> Fault:
    """Answer only after `seconds` (longer than the client's timeout)."""
    def answer(request: Request) -> Response:
        time.sleep(seconds)
        return Response("too late", status=200, content_type="text/plain")
    return answer


def reset(request: Request) -> Response:
    """Reset the connection (TCP RST) instead of answering."""
    connection = request.environ["werkzeug.socket"]
    # Detach first, so the server's own later use of the socket fails instead of reaching
    # another connection that reuses the descriptor; a zero linger makes close() send RST.
    raw = socket.socket(fileno=connection.detach())
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    raw.close()
    return Response("never sent")


def truncated(request: Request) -> Response:
    """A JSON or Atom answer whose Content-Length promises more than the body holds."""
    arxiv = request.path.startswith("/arxiv")
    body = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>' if arxiv else \
        b'{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":'
    response = Response(body, content_type="application/atom+xml" if arxiv else "application/json",
                        headers={"Connection": "close"})
    response.automatically_set_content_length = False
    response.headers["Content-Length"] = str(len(body) + 400)
    return response


def malformed(request: Request) -> Response:
    """200 with a body that does not parse (complete, with a right Content-Length)."""
    if request.path.startswith("/arxiv"):
        return Response(b"<feed><entry><title>cut", content_type="application/atom+xml")
    return Response(b'{"status": "ok", "message": {"items": [}', content_type="application/json")


def arxiv_error(request: Request) -> Response:
    """arXiv's error feed (tests/data/arxiv/error.xml): HTTP 200 with one error entry."""
    return Response((DATA / "arxiv" / "error.xml").read_bytes(), content_type="application/atom+xml; charset=utf-8")


def crossref_items(*items: object) -> Fault:
    """A well-formed Crossref search answer whose items are `items` (however odd)."""
    body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
            "message": {"total-results": len(items), "items": list(items), "items-per-page": 10}}
    return Response(json.dumps(body), content_type="application/json")


@contextlib.contextmanager
def threaded_server() -> Iterator[HTTPServer]:
    """A pytest-httpserver that answers requests concurrently (a hanging answer blocks no other)."""
    server = HTTPServer(threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


class FakeServices:
    def __init__(self, httpserver) -> None:
        self.server = httpserver
        self.requests: list[Request] = []
        self.faults: list[Fault] = []  # answered, in order, before the real answers
        self.targeted: list[list] = []  # [service, where, fault, times left]
        self.delay = 0.0  # seconds every answer waits
        self.answered: list[str] = []  # full URLs answered without a fault
        self.lock = threading.Lock()
        httpserver.expect_request(re.compile(r"^/crossref/.*")).respond_with_handler(self._crossref)
        httpserver.expect_request("/arxiv/query").respond_with_handler(self._arxiv)
        httpserver.expect_request("/dblp/search/publ/api").respond_with_handler(self._dblp)

    @property
    def crossref_url(self) -> str:
        return self.server.url_for("/crossref")

    @property
    def arxiv_url(self) -> str:
        return self.server.url_for("/arxiv/query")

    @property
    def dblp_url(self) -> str:
        return self.server.url_for("/dblp")

    def options(self, cache: Path) -> list[str]:
        return ["--crossref-url", self.crossref_url, "--arxiv-url", self.arxiv_url, "--dblp-url", self.dblp_url,
                "--cache", str(cache)]

    def count(self, service: str) -> int:
        return sum(1 for r in self.requests if r.path.startswith(f"/{service}"))

    def fail(self, fault: Fault, service: str | None = None, where: str = "", times: int = 1) -> None:
        """Answer the next `times` requests to `service` whose decoded URL contains `where` with `fault`."""
        self.targeted.append([service, where, fault, times])

    def _fault(self, request: Request) -> Response | None:
        url = unquote_plus(request.full_path)
        with self.lock:
            fault = None
            for target in self.targeted:
                service, where, candidate, times = target
                if times > 0 and (service is None or request.path.startswith(f"/{service}")) and where in url:
                    target[3] -= 1
                    fault = candidate
                    break
            if fault is None and self.faults:
                fault = self.faults.pop(0)
        if fault is None:
            if self.delay:
                time.sleep(self.delay)
            with self.lock:
                self.answered.append(request.url)
            return None
        return fault if isinstance(fault, Response) else fault(request)  # a Response is callable too (WSGI)

    def _crossref(self, request: Request) -> Response:
        self.requests.append(request)
        if fault := self._fault(request):
            return fault
        path = request.path.removeprefix("/crossref")
        if path.startswith("/works/"):
            file = DATA / "crossref" / f"work-{path.removeprefix('/works/').replace('/', '-')}.json"
            if not file.exists():
                return Response("Resource not found.", status=404, content_type="text/plain")
            return Response(file.read_bytes(), content_type="application/json")
        dois = re.findall(r"doi:([^,]+)", request.args.get("filter", ""))
        if dois:  # /works?filter=doi:A,doi:B: the work-<doi>.json files there are, as a work list
            works = []
            for doi in dois:
                file = DATA / "crossref" / f"work-{doi.lower().replace('/', '-')}.json"
                if file.exists():
                    works.append(json.loads(file.read_text())["message"])
            return crossref_items(*works)
        query = slug(request.args.get("query.bibliographic", ""))
        for file in sorted((DATA / "crossref").glob("works-*.json")):
            if query.startswith(file.stem.removeprefix("works-")):
                return Response(file.read_bytes(), content_type="application/json")
        empty = (b'{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":'
                 b'{"facets":{},"total-results":0,"items":[],"items-per-page":10,"query":{"start-index":0}}}')
        return Response(empty, content_type="application/json")

    def _dblp(self, request: Request) -> Response:
        self.requests.append(request)
        if fault := self._fault(request):
            return fault
        query = slug(request.args.get("q", ""))
        for file in sorted((DATA / "dblp").glob("search-*.json")):
            if query.startswith(file.stem.removeprefix("search-")):
                return Response(file.read_bytes(), content_type="application/json")
        return Response((DATA / "dblp" / "empty.json").read_bytes(), content_type="application/json")

    def _arxiv(self, request: Request) -> Response:
        self.requests.append(request)
        if fault := self._fault(request):
            return fault
        wanted = set(request.args.get("id_list", "").split(","))
        # search_query=ti:"…" OR ti:"…": the entries whose title holds one of the phrases
        phrases = [slug(p) for p in re.findall(r'ti:"([^"]*)"', request.args.get("search_query", ""))]
        tree = ElementTree.parse(DATA / "arxiv" / "feed.xml")
        feed = tree.getroot()
        for entry in feed.findall(f"{ATOM}entry"):
            arxiv_id = re.sub(r"v\d+$", "", entry.findtext(f"{ATOM}id", "").rsplit("/", 1)[-1])
            title = slug(entry.findtext(f"{ATOM}title", ""))
            if arxiv_id not in wanted and not any(p and p in title for p in phrases):
                feed.remove(entry)
        body = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
        return Response(body, content_type="application/atom+xml; charset=utf-8")
