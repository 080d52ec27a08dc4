"""Shared test helpers: paths to fixture files and a CLI runner that keeps stderr apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from wsss_bib.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def dblp_knowing_nothing():
    """A loopback dblp that knows no paper (its real empty answer, tests/data/dblp/empty.json), for
    every test that does not bring its own: dblp is asked about rows Crossref leaves without pages."""
    server = HTTPServer(threaded=True)
    server.start()
    server.expect_request("/dblp/search/publ/api").respond_with_data(
        (DATA / "dblp" / "empty.json").read_bytes(), content_type="application/json")
    yield server.url_for("/dblp")
    server.clear()
    server.stop()


@pytest.fixture(autouse=True)
def no_real_services(monkeypatch, tmp_path_factory, dblp_knowing_nothing):
    """No test reaches the real Crossref, arXiv or dblp, or the user's cache: a closed loopback port,
    and a loopback dblp that knows nothing (asked without dblp's 1 s spacing)."""
    monkeypatch.setenv("WSSS_BIB_CROSSREF_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("WSSS_BIB_ARXIV_URL", "http://127.0.0.1:9/query")
    monkeypatch.setenv("WSSS_BIB_DBLP_URL", dblp_knowing_nothing)
    monkeypatch.setenv("WSSS_BIB_DBLP_INTERVAL", "0")
    monkeypatch.setenv("WSSS_BIB_CACHE", str(tmp_path_factory.mktemp("cache") / "http.sqlite"))
    monkeypatch.delenv("WSSS_BIB_MAILTO", raising=False)


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def run():
    """Run `wsss-bib ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""
    def invoke(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return invoke


@pytest.fixture
def overrides_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture overrides."""
    target = tmp_path / "overrides"
    shutil.copytree(DATA / "overrides_ok", target)
    return target
