"""Sources are plug-ins: a new one is a module and one registry line, and match does not care which."""

import json
import logging
import re

import double_source
import pytest
from conftest import DATA
from services import FakeServices
from werkzeug import Response

from wsss_bib.errors import InputError
from wsss_bib.lists import parse_list
from wsss_bib.resolve import lock
from wsss_bib.resolve.config import HttpConfig
from wsss_bib.resolve.resolver import ServiceResolver
from wsss_bib.resolve.sources import REGISTRY

LIST = ("## 2022\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
        "| A Paper Only the Double Source Knows | CVPR | Image | | |\n"
        "| Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast | CVPR | Image "
        "| [PDF](https://arxiv.org/abs/2110.07110) | |\n")


@pytest.fixture
def double(httpserver):
    asked = []

    def answer(request):
        asked.append(request.args["q"])
        items = json.loads((DATA / "double" / "search.json").read_text())
        wanted = re.sub(r"\W+", " ", request.args["q"].lower())
        return Response(json.dumps([i for i in items if re.sub(r"\W+", " ", i["title"].lower()) == wanted]),
                        content_type="application/json")

    httpserver.expect_request("/double/search").respond_with_handler(answer)
    return asked


def test_a_new_source_is_one_module_and_one_registry_line(httpserver, tmp_path, double):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url,
                              "double": httpserver.url_for("/double")},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    entries = parse_list(LIST).entries
    resolver = ServiceResolver(config, {}, None, print, sources=(*REGISTRY, double_source.SOURCE))
    only_double, pixel = resolver(entries, {})
    assert only_double.status == "resolved" and [name for name, _ in only_double.layers] == ["double"]
    assert only_double.layers[0][1]["title"] == "A Paper Only the Double Source Knows"
    # The DOI it names went through the same check as any other: Crossref does not know it.
    assert "DOI" not in only_double.layers[0][1] and "10.5555/double.1 unknown to Crossref" in only_double.reason
    # Crossref gave the other row a record with pages: the later source was not asked about it.
    assert pixel.status == "resolved" and pixel.layers[-1][0] == "crossref"
    assert pixel.layers[-1][1]["DOI"] == "10.5555/fixture.pixel"
    assert double == ["A Paper Only the Double Source Knows"]


def test_a_registered_sources_lock_layers_are_read_back_on_the_next_run(httpserver, tmp_path, double):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url,
                              "double": httpserver.url_for("/double")},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    registry = (*REGISTRY, double_source.SOURCE)  # the one line that registers it
    entries = parse_list(LIST).entries
    first = ServiceResolver(config, {}, None, print, sources=registry)(entries, {})
    path = tmp_path / lock.NAME
    path.write_text(lock.dump([lock.row(e, r, f"key{n}a", None) for n, (e, r) in enumerate(zip(entries, first))]))
    # The lock's validation comes from the registry: with the source registered its layers are read
    # back, and the next run reuses them without asking anyone.
    locked = lock.load(path, sources=[s.name for s in registry])
    asked = len(services.requests), len(double)
    again = ServiceResolver(config, locked, None, print, sources=registry)(entries, {})
    assert [r.layers for r in again] == [r.layers for r in first] and again[0].layers[0][0] == "double"
    assert (len(services.requests), len(double)) == asked
    # Without it, a layer naming it is no layer this tool knows.
    with pytest.raises(InputError, match="source one of arxiv, crossref, dblp"):
        lock.load(path)


def test_the_registry_names_every_source_once_and_each_module_names_its_own():
    from wsss_bib.resolve import sources

    assert sources.names() == ("arxiv", "crossref", "dblp") == tuple(s.name for s in sources.load())
    assert all(s.label and s.default_url.startswith("https://") for s in sources.load())


def test_without_the_line_the_source_is_not_asked(httpserver, tmp_path, double):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url,
                              "double": httpserver.url_for("/double")},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    only_double, _ = ServiceResolver(config, {}, None, print)(parse_list(LIST).entries, {})
    assert only_double.status == "unresolved" and double == []


def test_any_sources_url_is_an_option_by_its_name(httpserver, run, tmp_path):
    services = FakeServices(httpserver)
    result = run("export", "--list", DATA / "resolve.md", "--out", tmp_path / "out",
                 "--cache", tmp_path / "c.sqlite", "--source-url", f"crossref={services.crossref_url}",
                 "--source-url", f"arxiv={services.arxiv_url}", "--arxiv-interval", "0")
    assert result.exit_code == 0, result.stderr
    assert services.count("crossref") and services.count("arxiv")
    bad = run("export", "--source-url", "no-equals-sign", "--out", tmp_path / "out2")
    assert bad.exit_code == 2 and "NAME=URL" in bad.stderr


class BrokenSource(double_source.DoubleSource):
    """A source with a bug: its search raises what no service answer would explain."""

    name = "broken"

    def search(self, session, url, queries, config):
        raise ZeroDivisionError("a bug in a source module")


def test_a_bug_fails_its_row_and_its_traceback_is_logged_for_verbose(httpserver, tmp_path, caplog):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    with caplog.at_level(logging.DEBUG, logger="wsss_bib.resolve"):
        results = ServiceResolver(config, {}, None, print, sources=(*REGISTRY, BrokenSource()))(
            parse_list(LIST).entries, {})
    # The row it was asked about fails (asked again next run); the row Crossref gave pages was not its.
    only_broken, pixel = results
    assert only_broken.status == "failed" and "ZeroDivisionError" in only_broken.reason
    assert pixel.status == "resolved" and "ZeroDivisionError" not in pixel.reason
    logged = [record for record in caplog.records if record.exc_info]
    assert logged and all(record.exc_info[0] is ZeroDivisionError for record in logged)


def test_a_doi_named_by_an_override_that_crossref_does_not_know_is_said_and_the_title_decides(httpserver, tmp_path):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    entries = parse_list((DATA / "resolve.md").read_text()).entries
    results = ServiceResolver(config, {}, None, print)(entries, {0: "10.5555/no.such.work"})
    assert "override DOI 10.5555/no.such.work" in results[0].reason and "unknown" in results[0].reason
    assert results[0].status == "resolved" and results[0].layers[-1][1]["DOI"] == "10.5555/fixture.pixel"


class BrokenFetch(double_source.DoubleSource):
    """A source with a bug in its batch lookup (the stage that ran outside the per-row isolation)."""

    name = "brokenfetch"
    label = "BrokenFetch"
    identifier = "DOI"  # asked about every named DOI, as Crossref is

    def fetch(self, session, url, ids, config):
        raise ZeroDivisionError("a bug in a batch lookup")

    def search(self, session, url, queries, config):
        return [[] for _ in queries]


def test_a_batch_lookup_that_raises_fails_the_ids_it_was_asked_not_the_run(httpserver, tmp_path):
    services = FakeServices(httpserver)
    config = HttpConfig(urls={"crossref": services.crossref_url, "arxiv": services.arxiv_url},
                        intervals={"arxiv": 0.0}, cache_path=tmp_path / "c.sqlite")
    arxiv, crossref, *_ = REGISTRY
    # Asked after Crossref (which does not know the DOI): its failure is what the named DOI has for an answer.
    named, pixel = ServiceResolver(config, {}, None, print, sources=(arxiv, crossref, BrokenFetch()))(
        parse_list(LIST).entries, {0: "10.5555/no.such.work"})
    assert named.status == "failed" and "BrokenFetch: unusable answer (ZeroDivisionError" in named.reason
    # The other row is searched by its title as before.
    assert pixel.status == "resolved" and pixel.layers[-1][1]["DOI"] == "10.5555/fixture.pixel", pixel.reason
