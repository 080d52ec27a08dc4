"""Crossref, arXiv and dblp simulated on 127.0.0.1, with their latency and their polite limits.

- Crossref (`/crossref`): ~300 ms per request. The polite pool (a `mailto` in the query or the
  User-Agent) allows 10 requests/s and 5 at once, the public pool 5/s and 1 at once; a request
  beyond either limit is answered 429 at once (arrivals in any sliding 1 s window are counted).
  Answers carry Crossref's X-Rate-Limit-* headers. `/works?query.bibliographic=` gives a
  work-list (up to `rows` items, ranked by word overlap with the query); `/works/{doi}` a work
  or Crossref's plain-text 404.
- arXiv (`/arxiv/query`): ~500 ms per request, one at a time and at least 3 s between
  request starts, 429 otherwise; `id_list` queries give an Atom feed of those ids, `ti:"…"`
  title searches one of the preprints with those titles.
- dblp (`/dblp/search/publ/api`): ~300 ms per request, one at a time and at least 1 s between
  request starts (dblp's FAQ asks for one or two seconds), 429 with Retry-After otherwise; `q`
  gives the publications whose title has a word starting with each word of the query (dblp
  searches by word prefixes), in
  the API's JSON shape: the paper, its CoRR record, same-title distractors; no `hit` when none.

The server is bounded: at most MAX_ACTIVE requests are handled at once (503 beyond), and it
shuts itself down after `lifetime` seconds even if nobody stops it. Every request is logged
with its time, service and status so the benchmark can count what a run sent.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from xml.sax.saxutils import escape

from synthetic import Paper, abstract, rng_for
from werkzeug import Request, Response
from werkzeug.serving import make_server

MAX_ACTIVE = 32
logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on stderr
WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Logged:
    at: float
    service: str  # "crossref", "arxiv" or "dblp"
    kind: str  # "search", "work", "query"
    status: int
    row: int | None  # the list row the request was about, when known
    ids: int = 0  # arXiv: how many ids the request asked about
    why: str = ""  # for a 429: "rate" or "concurrency"


class Limiter:
    """At most `rate` arrivals in any `window` seconds and `concurrency` in flight."""

    def __init__(self, rate: int, window: float, concurrency: int) -> None:
        self.rate, self.window, self.concurrency = rate, window, concurrency
        self.arrivals: deque[float] = deque()
        self.active = 0
        self.lock = threading.Lock()

    def admit(self, now: float) -> str | None:
        """None if the request may go on, else why not ("rate" or "concurrency")."""
        with self.lock:
            while self.arrivals and self.arrivals[0] <= now - self.window:
                self.arrivals.popleft()
            if len(self.arrivals) >= self.rate:
                return "rate"
            if self.active >= self.concurrency:
                return "concurrency"
            self.arrivals.append(now)
            self.active += 1
            return None

    def done(self) -> None:
        with self.lock:
            self.active -= 1


class SimulatedServices:
    def __init__(self, papers: list[Paper], noise: list[dict], crossref_latency: float = 0.3,
                 arxiv_latency: float = 0.5, arxiv_interval: float = 3.0, lifetime: float = 3600.0,
                 dblp_latency: float = 0.3, dblp_interval: float = 1.0) -> None:
        self.papers = papers
        self.crossref_latency = crossref_latency
        self.arxiv_latency = arxiv_latency
        self.dblp_latency = dblp_latency
        self.polite = Limiter(10, 1.0, 5)
        self.public = Limiter(5, 1.0, 1)
        self.arxiv = Limiter(1, arxiv_interval, 1)  # one start per 3 s, one at a time
        self.dblp = Limiter(1, dblp_interval, 1)  # one start per second, one at a time
        self.dblp_index = [(set(WORD.findall(info["title"].lower())), info, paper.row)
                           for paper in papers for info in paper.dblp]
        self.log: list[Logged] = []
        self.log_lock = threading.Lock()
        self.active = threading.BoundedSemaphore(MAX_ACTIVE)
        self.by_doi: dict[str, tuple[dict, int | None]] = {}
        self.by_arxiv: dict[str, Paper] = {p.arxiv_id: p for p in papers if p.arxiv_id}
        self.by_arxiv.update({p.arxiv_unlisted: p for p in papers if p.arxiv_unlisted})
        self.index: list[tuple[set[str], dict, int | None]] = []
        for paper in papers:
            for item in paper.works:
                self.by_doi[item["DOI"].lower()] = (item, paper.row)
                self.index.append((set(WORD.findall(item["title"][0].lower())), item, paper.row))
        for item in noise:
            self.by_doi[item["DOI"].lower()] = (item, None)
            self.index.append((set(WORD.findall(item["title"][0].lower())), item, None))
        self.rows_by_title = {" ".join(WORD.findall(p.title.lower())): p.row for p in papers}
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.lifetime = lifetime
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.timer = threading.Timer(lifetime, self.stop)
        self.timer.daemon = True

    # -- life cycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> SimulatedServices:
        self.thread.start()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.timer.cancel()
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def mark(self) -> int:
        """A position in the log; `since(mark)` gives what came after it."""
        with self.log_lock:
            return len(self.log)

    def since(self, mark: int) -> list[Logged]:
        with self.log_lock:
            return list(self.log[mark:])

    def arxiv_ready_in(self) -> float:
        """Seconds until arXiv would accept another request (runs wait for it, as a person would)."""
        with self.arxiv.lock:
            last = self.arxiv.arrivals[-1] if self.arxiv.arrivals else -1e9
        return max(0.0, last + self.arxiv.window - time.monotonic())

    # -- the WSGI application ----------------------------------------------------------------

    def app(self, environ, start_response):
        if not self.active.acquire(blocking=False):
            return Response("busy", status=503)(environ, start_response)
        try:
            request = Request(environ)
            if request.path.startswith("/crossref/"):
                response = self._crossref(request)
            elif request.path == "/arxiv/query":
                response = self._arxiv(request)
            elif request.path == "/dblp/search/publ/api":
                response = self._dblp(request)
            else:
                response = Response("not found", status=404)
            return response(environ, start_response)
        finally:
            self.active.release()

    def _record(self, *args, **kwargs) -> None:
        with self.log_lock:
            self.log.append(Logged(*args, **kwargs))

    def _crossref(self, request: Request) -> Response:
        now = time.monotonic()
        polite = "mailto" in request.args or "mailto:" in request.headers.get("User-Agent", "")
        limiter = self.polite if polite else self.public
        path = request.path.removeprefix("/crossref")
        dois = [d.lower() for d in re.findall(r"doi:([^,]+)", request.args.get("filter", ""))]
        kind = "work" if path.startswith("/works/") else "batch" if dois else "search"
        refused = limiter.admit(now)
        if refused:
            self._record(now, "crossref", kind, 429, None, why=refused)
            return Response('{"status":"error","message":"Too Many Requests"}', status=429,
                            content_type="application/json", headers={"Retry-After": "1"})
        try:
            time.sleep(self.crossref_latency)
            headers = {"X-Rate-Limit-Limit": str(limiter.rate), "X-Rate-Limit-Interval": "1s",
                       "X-Concurrency-Limit": str(limiter.concurrency), "Access-Control-Allow-Origin": "*"}
            if kind == "work":
                doi = path.removeprefix("/works/").lower()
                found = self.by_doi.get(doi)
                self._record(now, "crossref", kind, 200 if found else 404, found[1] if found else None)
                if not found:
                    return Response("Resource not found.", status=404, content_type="text/plain", headers=headers)
                body = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": found[0]}
                return Response(json.dumps(body), content_type="application/json", headers=headers)
            if kind == "batch":  # /works?filter=doi:A,doi:B: the works Crossref holds, as a work list
                items = [self.by_doi[d][0] for d in dois if d in self.by_doi]
                self._record(now, "crossref", kind, 200, None, len(dois))
                body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0", "message": {
                    "facets": {}, "total-results": len(items), "items": items, "items-per-page": len(items),
                    "query": {"start-index": 0, "search-terms": None}}}
                return Response(json.dumps(body), content_type="application/json", headers=headers)
            query = request.args.get("query.bibliographic", "")
            rows = int(request.args.get("rows", "20") or 20)
            items = self._search(query, request.args.get("query.author", ""), rows)
            self._record(now, "crossref", kind, 200, self.rows_by_title.get(" ".join(WORD.findall(query.lower()))))
            body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0", "message": {
                "facets": {}, "total-results": 1_000_000 + len(items), "items": items, "items-per-page": rows,
                "query": {"start-index": 0, "search-terms": None}}}
            return Response(json.dumps(body), content_type="application/json", headers=headers)
        finally:
            limiter.done()

    def _search(self, query: str, author: str, rows: int) -> list[dict]:
        words = set(WORD.findall(query.lower()))
        author = author.lower()
        ranked = []
        for title_words, item, _ in self.index:
            overlap = len(words & title_words) / max(1, len(words | title_words))
            if overlap == 0:
                continue
            bonus = 0.2 if author and any(a.get("family", "").lower() == author for a in item["author"]) else 0.0
            ranked.append((overlap + bonus, item))
        ranked.sort(key=lambda pair: -pair[0])
        return [{**item, "score": round(100 * score, 3)} for score, item in ranked[:rows]]

    def _dblp(self, request: Request) -> Response:
        now = time.monotonic()
        refused = self.dblp.admit(now)
        if refused:
            self._record(now, "dblp", "search", 429, None, why=refused)
            return Response("Too Many Requests", status=429, content_type="text/plain", headers={"Retry-After": "1"})
        try:
            time.sleep(self.dblp_latency)
            query = request.args.get("q", "")
            words = set(WORD.findall(query.lower()))
            # dblp's search is by word prefixes ("transformer" finds "Transformers")
            found = [(info, row) for title_words, info, row in self.dblp_index
                     if words and all(any(t.startswith(w) for t in title_words) for w in words)]
            found = found[: int(request.args.get("h", "30") or 30)]
            self._record(now, "dblp", "search", 200, self.rows_by_title.get(" ".join(WORD.findall(query.lower()))))
            hits: dict = {"@total": str(len(found)), "@computed": str(len(found)), "@sent": str(len(found)),
                          "@first": "0"}
            if found:
                hits["hit"] = [{"@score": "5", "@id": str(1000 + n), "info": info, "url": f"URL#{1000 + n}"}
                               for n, (info, _) in enumerate(found)]
            body = {"result": {"query": query + "*", "status": {"@code": "200", "text": "OK"},
                               "time": {"@unit": "msecs", "text": "1.00"}, "hits": hits}}
            return Response(json.dumps(body), content_type="application/json")
        finally:
            self.dblp.done()

    def _arxiv(self, request: Request) -> Response:
        now = time.monotonic()
        ids = [i for i in request.args.get("id_list", "").split(",") if i]
        refused = self.arxiv.admit(now)
        if refused:
            self._record(now, "arxiv", "query", 429, None, len(ids), why=refused)
            return Response("Rate exceeded.", status=429, content_type="text/plain", headers={"Retry-After": "3"})
        try:
            time.sleep(self.arxiv_latency)
            self._record(now, "arxiv", "query", 200, None, len(ids))
            # search_query=ti:"…" OR ti:"…": the preprints whose title is one of the phrases
            phrases = {" ".join(WORD.findall(p.lower())) for p in re.findall(r'ti:"([^"]*)"',
                                                                             request.args.get("search_query", ""))}
            ids += [i for i, paper in self.by_arxiv.items() if " ".join(WORD.findall(paper.title.lower())) in phrases]
            body = self._feed(ids, request.query_string.decode())
            return Response(body, content_type="application/atom+xml; charset=utf-8")
        finally:
            self.arxiv.done()

    def _feed(self, ids: list[str], query: str) -> str:
        found = [(i, self.by_arxiv[i]) for i in ids if i in self.by_arxiv]
        out = ['<?xml version="1.0" encoding="UTF-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
               f'  <link href="http://arxiv.org/api/query?{escape(query)}" rel="self" type="application/atom+xml"/>',
               f'  <title type="html">ArXiv Query: {escape(query)}</title>',
               "  <id>http://arxiv.org/api/benchmark</id>", "  <updated>2026-11-24T00:00:00-05:00</updated>",
               '  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
               f"{len(found)}</opensearch:totalResults>",
               '  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0'
               "</opensearch:startIndex>",
               '  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
               f"{len(ids)}</opensearch:itemsPerPage>"]
        for arxiv_id, paper in found:
            rng = rng_for("arxiv|" + paper.title)
            version = rng.randint(1, 3)
            month = rng.randint(1, 12)
            published = paper.arxiv_published or (
                f"{paper.year - (1 if month > 10 else 0)}-{month:02d}-{rng.randint(1, 28):02d}"
                f"T0{rng.randint(0, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}Z")
            words = paper.title.split()
            wrapped = " ".join(words[:7]) + ("\n  " + " ".join(words[7:]) if len(words) > 7 else "")
            out += ["  <entry>", f"    <id>http://arxiv.org/abs/{arxiv_id}v{version}</id>",
                    f"    <updated>{published}</updated>", f"    <published>{published}</published>",
                    f"    <title>{escape(wrapped)}</title>",
                    f"    <summary>  {escape(abstract(rng, paper.title))}\n</summary>"]
            out += [f"    <author><name>{escape(g)} {escape(f)}</name></author>" for g, f in paper.authors]
            if paper.arxiv_doi:
                out += [f'    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(paper.arxiv_doi)}</arxiv:doi>',
                        f'    <link title="doi" href="http://dx.doi.org/{escape(paper.arxiv_doi)}" rel="related"/>']
            if paper.journal_ref:
                out.append(f'    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(paper.journal_ref)}'
                           "</arxiv:journal_ref>")
            if rng.random() < 0.5:
                out.append('    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">'
                           f"{rng.randint(8, 14)} pages, {rng.randint(3, 9)} figures</arxiv:comment>")
            out += [f'    <link href="http://arxiv.org/abs/{arxiv_id}v{version}" rel="alternate" '
                    'type="text/html"/>',
                    f'    <link title="pdf" href="http://arxiv.org/pdf/{arxiv_id}v{version}" rel="related" '
                    'type="application/pdf"/>',
                    '    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV" '
                    'scheme="http://arxiv.org/schemas/atom"/>',
                    '    <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>',
                    '    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>', "  </entry>"]
        out.append("</feed>\n")
        return "\n".join(out)
