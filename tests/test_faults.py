"""Network faults from the fake Crossref and arXiv (tests/services.py): keep working, lose nothing.

Each fault is injected at one request of `wsss-bib export` over tests/data/resolve.md (six
rows). A fault that lasts every attempt leaves its rows `failed` with the reason, the other
rows resolved as in a clean run, exit 0 and six entries written; the report names the
failure; the cache holds no broken answer; and a second run, the fault gone, asks the
server again for exactly what failed and resolves it. A fault that lasts one attempt is
retried away within the run. Timeouts and backoff are shortened through the hidden options'
environment variables, so the whole file runs in seconds.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
import requests_cache
from services import DATA, FakeServices, arxiv_error, crossref_items, hang, malformed, reset, threaded_server, truncated
from werkzeug import Response

from wsss_bib.resolve.config import HttpConfig
from wsss_bib.resolve.transport import body_problem

ATTEMPTS = HttpConfig.max_attempts
TIMEOUT = 0.5
# Row statuses of a clean run, in list order: pixel, mct, afa, oaa, rib, iom (see test_resolve.py).
CLEAN = ["resolved", "resolved", "resolved", "resolved", "resolved", "resolved"]  # the NeurIPS row: by dblp
ARXIV_ROWS = [0, 1, 2, 4]
FAULTS = {
    "429": lambda request: Response("slow down", status=429),
    "500": lambda request: Response("oops", status=500),
    "503": lambda request: Response("busy", status=503),
    "hang": hang(TIMEOUT + 0.5),
    "reset": reset,
    "malformed": malformed,
    "truncated": truncated,
}
REASONS = {"429": "HTTP 429", "500": "HTTP 500", "503": "HTTP 503", "hang": f"no answer within {TIMEOUT:g} s",
           "reset": "Connection reset by peer", "malformed": "malformed answer", "truncated": "answer cut short"}
# (service, where in the URL, rows it decides): a title search, a DOI lookup, the arXiv batch
TARGETS = {"search": ("crossref", "Pixel-to-Prototype", [0]),
           "doi": ("crossref", "doi:10.5555/fixture.mctformer", [1]),  # the batched /works?filter=doi:…
           "arxiv": ("arxiv", "id_list", ARXIV_ROWS)}


@pytest.fixture(scope="module")
def server():
    with threaded_server() as server:  # one for the module: stopping one takes half a second
        yield server


@pytest.fixture
def services(server):
    server.clear()
    return FakeServices(server)


@pytest.fixture
def cli(run, data, tmp_path, services, monkeypatch):
    """`wsss-bib export --format all` and `wsss-bib report --format json --offline`, against the fakes."""
    monkeypatch.setenv("WSSS_BIB_MAILTO", "tests@example.org")
    monkeypatch.setenv("WSSS_BIB_TIMEOUT", str(TIMEOUT))
    monkeypatch.setenv("WSSS_BIB_BACKOFF_BASE", "0.01")
    monkeypatch.setenv("WSSS_BIB_ARXIV_INTERVAL", "0")
    (tmp_path / "no-overrides").mkdir()
    common = ("--list", data / "resolve.md", "--overrides", tmp_path / "no-overrides", "--out", tmp_path / "out",
              *services.options(tmp_path / "cache.sqlite"))

    class Cli:
        def export(self):
            result = run("export", "--format", "all", "--quiet", *common)
            assert result.exit_code == 0, result.stderr
            return result

        def report(self):
            result = run("report", "--format", "json", "--offline", *common)
            assert result.exit_code == 0, result.stderr
            return json.loads(result.stdout)
    return Cli()


def statuses(tmp_path: Path) -> list[str]:
    return [row["status"] for row in json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"]]


def entries(tmp_path: Path) -> list[dict]:
    # resolve-zotero.json: the CSL file that keeps `custom` (resolve.json, for CSL processors, has none)
    items = json.loads((tmp_path / "out" / "resolve-zotero.json").read_text())
    assert len(items) == 6 and all(item.get("title") for item in items)  # no entry lost
    return items


def cached(tmp_path: Path) -> list:
    cache = requests_cache.SQLiteCache(tmp_path / "cache.sqlite")
    try:
        return list(cache.responses.values())
    finally:
        cache.close()


def asked(services: FakeServices, service: str, where: str) -> list:
    return [r for r in services.requests if r.path.startswith(f"/{service}") and where in unquote_plus(r.full_path)]


def assert_cache_holds_only_good_answers(tmp_path: Path) -> None:
    for response in cached(tmp_path):
        assert response.status_code == 200 and body_problem(response) is None, (response.url, response.content)


# Every fault on the title search and on the arXiv batch; a DOI lookup takes the search's code
# path, so two faults show it (which keeps the file fast).
LASTING = [(fault, target) for target in ("search", "arxiv") for fault in FAULTS]
LASTING += [("503", "doi"), ("truncated", "doi")]


@pytest.mark.parametrize("fault, target", LASTING)
def test_lasting_fault_fails_only_its_rows_is_reported_not_cached_and_heals(cli, services, tmp_path, fault, target):
    service, where, victims = TARGETS[target]
    services.fail(FAULTS[fault], service=service, where=where, times=ATTEMPTS)

    cli.export()
    assert len(asked(services, service, where)) == ATTEMPTS  # bounded retries, then it gives up
    expected = ["failed" if i in victims else status for i, status in enumerate(CLEAN)]
    assert statuses(tmp_path) == expected
    items = entries(tmp_path)
    assert all("DOI" not in items[i] for i in victims if CLEAN[i] == "resolved" and service == "crossref")
    report = cli.report()
    for i in victims:
        assert report[i]["status"] == "failed" and "lookup failed" in report[i]["flags"]
        assert REASONS[fault] in report[i]["reason"], report[i]["reason"]
    assert all(report[i]["status"] == CLEAN[i] for i in range(6) if i not in victims)
    assert_cache_holds_only_good_answers(tmp_path)
    assert not [r for r in cached(tmp_path) if f"/{service}" in r.url and where in unquote_plus(r.url)]

    # The fault is gone: the next run asks the server again for what failed, and only for that.
    services.requests.clear()
    cli.export()
    assert statuses(tmp_path) == CLEAN
    entries(tmp_path)
    assert len(asked(services, service, where)) == 1
    # The rows that did not fail come from the lock file and the cache: only the failed rows' arXiv ids
    # are asked about again (one batch), and no other Crossref request is sent.
    failed_ids = {entries(tmp_path)[i]["custom"]["arxiv"] for i in victims}
    assert [set(r.args["id_list"].split(",")) for r in asked(services, "arxiv", "")] == [failed_ids]
    crossref_again = [unquote_plus(r.full_path) for r in asked(services, "crossref", "")]
    if service == "crossref":
        assert all(where in url for url in crossref_again), crossref_again
    else:  # the failed rows' Crossref questions change with their preprint's answer (its first author, its
        # DOI) and are asked; the rows without an arXiv id (OAA, IOM) are not asked about again
        assert crossref_again and not [url for url in crossref_again
                                       if "Online Attention Accumulation for" in url or "Integral Object" in url]
    assert_cache_holds_only_good_answers(tmp_path)


def test_passing_faults_are_retried_away_within_the_run(cli, services, tmp_path):
    """One fault of each kind at once, each on another request, each for one attempt."""
    places = [("arxiv", "id_list"), ("crossref", "Pixel-to-Prototype"), ("crossref", "doi:10.5555/fixture.mctformer"),
              ("crossref", "Learning Affinity"), ("crossref", "Online Attention Accumulation for"),
              ("crossref", "Reducing Information"), ("crossref", "Integral Object")]
    for fault, (service, where) in zip(FAULTS.values(), places):
        services.fail(fault, service=service, where=where, times=1)
    cli.export()
    assert [len(asked(services, service, where)) for service, where in places] == [2] * len(places)
    assert statuses(tmp_path) == CLEAN
    assert entries(tmp_path)[0]["DOI"] == "10.5555/fixture.pixel"
    assert_cache_holds_only_good_answers(tmp_path)


def test_retry_after_is_obeyed(cli, services, tmp_path):
    services.fail(Response("slow down", status=429, headers={"Retry-After": "1"}), service="crossref",
                  where="Pixel-to-Prototype", times=1)
    start = time.monotonic()
    cli.export()
    assert time.monotonic() - start >= 1.0
    assert statuses(tmp_path) == CLEAN
    entries(tmp_path)


def test_arxiv_error_entry_fails_the_batch_and_is_never_cached(cli, services, tmp_path):
    services.fail(arxiv_error, service="arxiv", where="id_list", times=ATTEMPTS)
    cli.export()
    assert len(asked(services, "arxiv", "id_list")) == ATTEMPTS
    assert statuses(tmp_path) == ["failed" if i in ARXIV_ROWS else s for i, s in enumerate(CLEAN)]
    report = cli.report()
    assert "arXiv error: incorrect id format for 1234.1234" in report[0]["reason"]
    assert not [r for r in cached(tmp_path) if "/arxiv" in r.url and "id_list" in r.url]
    entries(tmp_path)
    services.requests.clear()
    cli.export()
    assert statuses(tmp_path) == CLEAN and services.count("arxiv") == 1
    assert entries(tmp_path)[0]["custom"]["arxiv-category"] == "cs.CV"  # the preprint's facts are back


PIXEL = json.loads((DATA / "crossref" / "works-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json")
                   .read_text())["message"]["items"][1]


def pixel(*missing: str, **changed: object) -> dict:
    item = {k: v for k, v in copy.deepcopy(PIXEL).items() if k not in missing}
    return {**item, **changed}


# Where Crossref's odd answer gives no record, dblp's does (tests/data/dblp): the row is resolved, but
# without a DOI, since the DOI dblp names is unknown to this Crossref and is not taken unchecked.
@pytest.mark.parametrize("items, status, check", [
    # No author: a title alone does not give a DOI when arXiv lists the authors.
    ([pixel("author")], "resolved", lambda item, reason: "DOI" not in item and item["author"][0]["family"] == "Du"
     and "10.5555/fixture.pixel rejected" in reason),
    # No container-title (nor event): the DOI is taken, the venue stays the list's.
    ([pixel("container-title", "event")], "resolved", lambda item, reason: item["DOI"] == "10.5555/fixture.pixel"
     and item["container-title"].endswith("(CVPR)") and item["custom"]["provenance"]["container-title"] == "list"),
    # An empty title list: nothing to compare, no DOI.
    ([pixel(title=[])], "resolved", lambda item, reason: "DOI" not in item and "title similarity 0" in reason),
    # Parts of the wrong shape: items that are no records, a title as text, numbers, date parts as text.
    ([None, "oops", pixel(title=PIXEL["title"][0], page=4310, volume=1, author="Du, Ye",
                          **{"published-print": {"date-parts": [["2022", "6"]]}})], "resolved",
     lambda item, reason: "DOI" not in item and "10.5555/fixture.pixel rejected" in reason),
    ([None, "oops", pixel(title=PIXEL["title"][0], page=4310, **{"issued": {"date-parts": [["2022", "x"]]}})],
     "resolved", lambda item, reason: item["page"] == "4310" and item["issued"] == {"date-parts": [[2022]]}),
], ids=["no-author", "no-container-title", "empty-title", "odd-shapes-no-author", "odd-shapes"])
def test_crossref_item_with_missing_or_odd_parts(cli, services, tmp_path, items, status, check):
    services.fail(crossref_items(*items), service="crossref", where="Pixel-to-Prototype", times=1)
    cli.export()
    assert statuses(tmp_path) == [status, *CLEAN[1:]]
    reason = json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"][0]["reason"]
    assert check(entries(tmp_path)[0], reason), (entries(tmp_path)[0], reason)
    for name in ("resolve.bib", "resolve.ris"):
        assert (tmp_path / "out" / name).read_text().count("Pixel-to-Prototype") == 1
