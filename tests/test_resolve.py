"""Resolution end to end: the CLI against Crossref and arXiv served on 127.0.0.1.

The throttles and retries run on a fake clock (tests/fake_clock.py): every wait a run asks for
(arXiv's 3.05 s spacing, a Retry-After) is recorded and skipped, not slept.
"""

from __future__ import annotations

import json

import pytest
import requests
import requests_cache
from fake_clock import FakeClock
from services import FakeServices
from werkzeug import Response

from wsss_bib.resolve.resolver import ServiceResolver


@pytest.fixture
def services(httpserver):
    return FakeServices(httpserver)


@pytest.fixture
def clock(monkeypatch):
    """The clock every resolver of this test waits on (the resolver's `clock`, set for this test only)."""
    fake = FakeClock()
    monkeypatch.setattr(ServiceResolver, "clock", fake)
    return fake


@pytest.fixture
def export(run, data, tmp_path, services, monkeypatch, clock):
    """`wsss-bib export --format all` of tests/data/resolve.md with no overrides, against the fakes."""
    monkeypatch.setenv("WSSS_BIB_MAILTO", "tests@example.org")
    (tmp_path / "no-overrides").mkdir()

    def invoke(*extra: str, out: str = "out", cache: str = "cache.sqlite"):
        return run("export", "--format", "all", "--list", data / "resolve.md", "--overrides",
                   tmp_path / "no-overrides", "--out", tmp_path / out, *services.options(tmp_path / cache), *extra)
    return invoke


def items(tmp_path, out="out"):
    # <list>-zotero.json: the CSL file that keeps `custom` (<list>.json, for CSL processors, has none)
    return {item["title"]: item for item in json.loads(next((tmp_path / out).glob("*-zotero.json")).read_text())}


def report(tmp_path, out="out"):
    lock = json.loads(next((tmp_path / out).glob("*.lock.json")).read_text())
    return {row["identity"]: row for row in lock["rows"]}


def test_resolves_known_papers_and_takes_no_wrong_doi(export, tmp_path, services):
    result = export()
    assert result.exit_code == 0, result.stderr
    found = items(tmp_path)
    by_doi = {item.get("DOI"): item for item in found.values()}
    # exact match: the proceedings paper, not the arXiv posted-content with the same title
    pixel = found["Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast"]
    assert pixel["DOI"] == "10.5555/fixture.pixel" and pixel["page"] == "4310-4319"
    assert pixel["custom"]["arxiv"] == "2110.07110" and pixel["custom"]["arxiv-category"] == "cs.CV"
    assert pixel["custom"]["provenance"]["DOI"] == "crossref" and pixel["custom"]["provenance"]["author"] == "crossref"
    # arXiv title differs from the published one: the published title wins
    assert "10.5555/fixture.afa" in by_doi
    assert by_doi["10.5555/fixture.afa"]["title"].endswith("with Transformers")
    # journal extension with the same title and authors: venue and year decide, each row its own
    assert by_doi["10.5555/fixture.iom.iccv"]["container-title"].endswith("(ICCV)")
    assert by_doi["10.5555/fixture.oaa.tpami"]["type"] == "article-journal"
    assert "10.5555/fixture.iom.tpami" not in by_doi
    # NeurIPS paper absent from Crossref while a near-identical title by others is present
    rib = found["Reducing Information Bottleneck for Weakly Supervised Semantic Segmentation"]
    assert "DOI" not in rib and rib["author"][0]["family"] == "Lee"
    lock = report(tmp_path)
    # Crossref's namesake by other people is refused; dblp's NeurIPS record (beside its CoRR record) is the paper
    assert lock["arxiv:2110.06530"]["status"] == "resolved" and rib["page"] == "27408-27421"
    assert "authors overlap 0%" in lock["arxiv:2110.06530"]["reason"] and "dblp" in lock["arxiv:2110.06530"]["reason"]


def test_doi_from_arxiv_is_confirmed_through_works_without_a_search(export, tmp_path, services):
    export()
    mct = items(tmp_path)["Multi-class Token Transformer for Weakly Supervised Semantic Segmentation"]
    assert mct["DOI"] == "10.5555/fixture.mctformer"
    assert "arXiv DOI 10.5555/fixture.mctformer confirmed" in report(tmp_path)["arxiv:2203.02891"]["reason"]
    searches = [r for r in services.requests if "query.bibliographic" in r.args]
    assert not any("Multi-class" in r.args["query.bibliographic"] for r in searches)


def test_requests_are_batched_and_at_most_two_crossref_requests_per_row(export, services):
    export()
    arxiv = [r.args for r in services.requests if r.path.startswith("/arxiv")]
    assert [("id_list" in a, "search_query" in a) for a in arxiv] == [(True, False), (False, True)]
    assert len(arxiv[0]["id_list"].split(",")) == 4  # every id in one batch; one search for the two rows
    assert services.count("crossref") <= 2 * 6


def test_arxiv_requests_start_its_spacing_apart_on_the_clock(export, services, clock):
    """arXiv asks for 3 s between requests (3.05 s kept); the search waits that out after the id batch."""
    export()
    assert services.count("arxiv") == 2
    crossref_waits = [wait for wait in clock.slept if wait <= 0.11]  # Crossref's polite 0.1 s (+10 %)
    arxiv_waits = [wait for wait in clock.slept if wait > 0.11]
    # The clock moves only when something waits: arXiv's one wait is its spacing less what
    # Crossref's waits moved the shared clock meanwhile (dblp's spacing is 0 in these tests).
    assert len(arxiv_waits) == 1
    assert 3.05 - sum(crossref_waits) - 1e-6 <= arxiv_waits[0] <= 3.05


def test_second_run_is_served_wholly_from_cache(export, tmp_path, services):
    export()
    first = services.count("crossref") + services.count("arxiv")
    (tmp_path / "out" / "resolve.lock.json").unlink()  # even without the lock, the cache answers
    result = export(out="out2")
    assert result.exit_code == 0
    assert services.count("crossref") + services.count("arxiv") == first
    assert (tmp_path / "out/resolve.bib").read_bytes() == (tmp_path / "out2/resolve.bib").read_bytes()


def test_offline_with_empty_cache_sends_nothing_and_exports(export, tmp_path, services):
    result = export("--offline", cache="empty.sqlite")
    assert result.exit_code == 0, result.stderr
    assert services.requests == []
    assert len(items(tmp_path)) == 6


def test_deleting_the_cache_and_going_offline_changes_no_byte(export, tmp_path, services):
    export()
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    (tmp_path / "cache.sqlite").unlink()
    sent = len(services.requests)
    assert export("--offline", cache="fresh.sqlite").exit_code == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before
    assert len(services.requests) == sent


def test_429_with_retry_after_then_success(export, tmp_path, services, clock):
    services.fail(Response("slow down", status=429, headers={"Retry-After": "1"}), "arxiv", where="id_list")
    result = export()
    assert result.exit_code == 0
    assert 1.0 in clock.slept  # Retry-After, waited on the clock
    assert "10.5555/fixture.pixel" in {item.get("DOI") for item in items(tmp_path).values()}
    assert sum("id_list" in r.args for r in services.requests) == 2  # the 429 and its retry


def test_no_network_warns_once_and_exports(run, data, tmp_path):
    closed = "http://127.0.0.1:9"  # discard port: connection refused
    result = run("export", "--format", "all", "--list", data / "resolve.md",
                 "--out", tmp_path / "out", "--crossref-url", closed, "--arxiv-url", closed + "/query",
                 "--cache", tmp_path / "c.sqlite")
    assert result.exit_code == 0
    assert result.stderr.count("no network") == 1
    assert len(items(tmp_path)) == 6
    # Each failed row's reason names the cause per service, in a few words; the summary names the rows.
    reasons = {row["reason"] for row in report(tmp_path).values()}
    assert all(part.split(": ", 1)[0] in ("arXiv", "Crossref") and len(part) < 60
               for reason in reasons for part in reason.split("; ")), reasons
    assert any("connection refused" in reason for reason in reasons)
    assert not any("Pool(" in reason or "Max retries" in reason for reason in reasons)


def test_mailto_and_no_mailto_share_cache_entries(export, tmp_path, services, monkeypatch):
    export()
    sent = len(services.requests)
    monkeypatch.delenv("WSSS_BIB_MAILTO")
    (tmp_path / "out" / "resolve.lock.json").unlink()
    export()
    assert len(services.requests) == sent


def test_lock_file_reuse_only_asks_about_new_rows(export, tmp_path, services, data):
    export()
    sent = len(services.requests)
    assert export("--cache", str(tmp_path / "other.sqlite")).exit_code == 0  # new cache, lock kept
    assert len(services.requests) == sent


def test_nothing_stays_patched_after_resolution(export):
    export()
    assert requests.Session is requests_cache.session.OriginalSession
    assert requests.sessions.Session is requests_cache.session.OriginalSession


def test_report_explains_every_unresolved_row(run, export, tmp_path, data, services):
    export()
    result = run("report", "--format", "json", "--list", data / "resolve.md", "--overrides",
                 tmp_path / "no-overrides", "--out", tmp_path / "out", "--offline",
                 "--cache", tmp_path / "cache.sqlite")
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    for row in rows:
        assert row["DOI"] or row["reason"], row
    afa = next(r for r in rows if r["DOI"] == "10.5555/fixture.afa")
    assert any("list title differs" in flag for flag in afa["flags"])


def test_crossref_rows_needing_no_arxiv_answer_start_while_arxiv_is_answering(run, data, tmp_path, monkeypatch):
    """arXiv's id_list answer is held back until Crossref has been asked about a row with no arXiv
    id: a resolver that waited for arXiv first would never ask, and the answer would give up."""
    import threading

    from services import DATA, threaded_server

    asked = threading.Event()
    held: dict[str, bool] = {}
    oaa = (DATA / "crossref" / "works-online-attention-accumulation-for-weakly-supervised-semantic.json").read_bytes()

    def crossref_search(request):
        asked.set()
        return Response(oaa, content_type="application/json")

    def arxiv_batch(request):
        held["crossref first"] = asked.wait(timeout=15)
        return Response((DATA / "arxiv" / "feed.xml").read_bytes(), content_type="application/atom+xml")

    with threaded_server() as server:
        services = FakeServices(server)
        services.fail(crossref_search, "crossref", where="Online Attention Accumulation for")
        services.fail(arxiv_batch, "arxiv", where="id_list")
        monkeypatch.setenv("WSSS_BIB_MAILTO", "tests@example.org")
        result = run("export", "--format", "all", "--list", data / "resolve.md",
                     "--out",
                     tmp_path / "out", *services.options(tmp_path / "c.sqlite"), "--arxiv-interval", "0")
    assert result.exit_code == 0, result.stderr
    assert held == {"crossref first": True}
    assert items(tmp_path)["Online Attention Accumulation for Weakly Supervised Semantic Segmentation"]["DOI"]


def test_dois_the_list_names_are_fetched_in_one_batch(run, tmp_path, services):
    listing = tmp_path / "list.md"
    listing.write_text(
        "## 2022\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
        "| Multi-class Token Transformer for Weakly Supervised Semantic Segmentation | CVPR | Image "
        "| [PDF](https://doi.org/10.5555/fixture.mctformer) | |\n"
        "## 2020\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
        "| Splitting Apart | ECCV | Image | [PDF](https://doi.org/10.5555/fixture.subtitle) | |\n")
    result = run("export", "--format", "all", "--list", listing,
                 "--out", tmp_path / "out", *services.options(tmp_path / "c.sqlite"))
    assert result.exit_code == 0, result.stderr
    crossref = [r for r in services.requests if r.path.startswith("/crossref")]
    assert [r.args.get("filter") for r in crossref] == ["doi:10.5555/fixture.mctformer,doi:10.5555/fixture.subtitle"]
    found = items(tmp_path)
    assert found["Splitting Apart: Mining Regions with a Fictional Loss"]["DOI"] == "10.5555/fixture.subtitle"
    assert found["Multi-class Token Transformer for Weakly Supervised Semantic Segmentation"]["DOI"] == \
        "10.5555/fixture.mctformer"
