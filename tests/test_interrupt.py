"""Ctrl-C or SIGTERM mid-resolution: exit 130 or 143 in one line, output/ untouched, the cache whole and reused.

The CLI runs as a subprocess against the fake services (tests/services.py) slowed down, so
SIGINT arrives while rows are still being asked about.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests_cache
from services import FakeServices, threaded_server
from werkzeug import Response

WSSS_BIB = Path(sys.executable).parent / "wsss-bib"


def as_in_a_terminal() -> None:
    """Ctrl-C reaches a foreground process whose SIGINT is the default: a shell starting a job in the
    background (as CI's `cmd &` or nohup) hands its children SIGINT ignored, and Python keeps that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def services():
    with threaded_server() as server:
        yield FakeServices(server)


def without_mailto(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k != "mailto"))
    return f"{parts.path}?{query}"


def command(data: Path, tmp_path: Path, services: FakeServices) -> list[str]:
    (tmp_path / "no-overrides").mkdir(exist_ok=True)
    return [str(WSSS_BIB), "export", "--format", "all", "--list", str(data / "resolve.md"),
            "--overrides", str(tmp_path / "no-overrides"), "--out", str(tmp_path / "out"),
            *services.options(tmp_path / "cache.sqlite")]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WSSS_BIB_")}
    # No mailto: one Crossref request at a time, so rows are still queued when SIGINT comes.
    return {**env, "WSSS_BIB_ARXIV_INTERVAL": "0", "WSSS_BIB_DBLP_INTERVAL": "0", "WSSS_BIB_BACKOFF_BASE": "0.01",
            "WSSS_BIB_TIMEOUT": "5"}


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")], ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_resolution_exits_in_one_line_keeps_output_and_cache_and_next_run_reuses_it(
        data, tmp_path, services, signum, code, word):
    out = tmp_path / "out"
    out.mkdir()
    (out / "resolve.bib").write_text("% the previous bibliography\n")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    services.delay = 0.4
    process = subprocess.Popen(command(data, tmp_path, services), env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, preexec_fn=as_in_a_terminal)
    try:
        deadline = time.monotonic() + 20
        while sum("/crossref/" in url for url in services.answered) < 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the CLI sent no Crossref request"
            time.sleep(0.05)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines() == [
        f"{word}: nothing written; answers already fetched are cached for the next run"]
    assert "Traceback" not in stderr and stdout == ""

    # output/ exactly as it was: no new file, no temporary file, the old bytes
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    # the cache is a sound SQLite file whose every entry reads back as a usable answer
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cache = requests_cache.SQLiteCache(tmp_path / "cache.sqlite")
    cached = list(cache.responses.values())
    assert cached and all(response.status_code == 200 for response in cached)
    for response in cached:
        json.loads(response.content) if "json" in response.headers["Content-Type"] else response.content.decode()
    got = {without_mailto(response.url) for response in cached}
    cache.close()
    first_run = {without_mailto(url) for url in services.answered}
    assert any("/crossref/" in url for url in first_run) and got and got <= first_run
    assert len(first_run) < 1 + 6  # the interrupt came before every row was asked about

    # the next run asks only for what the first did not get, and resolves every row
    services.delay = 0
    services.answered.clear()
    services.requests.clear()
    result = subprocess.run(command(data, tmp_path, services), env=environment(), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    second_run = {without_mailto(r.url) for r in services.requests}
    # What the first run got is what it cached: the server counts an answer as sent even when the
    # interrupt came before the run had read it, and such an answer must be asked for again.
    assert second_run and not second_run & got, second_run & got
    lock = json.loads((out / "resolve.lock.json").read_text())
    assert [row["status"] for row in lock["rows"]].count("failed") == 0
    assert len(json.loads((out / "resolve.json").read_text())) == 6


ROWS_WITHOUT_ARXIV = "## 2021\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n" + "".join(
    f"| Paper Number {n} on Weakly Supervised Segmentation | CVPR | Image | [PDF](https://example.org/{n}.pdf) | |\n"
    for n in range(1, 5))


def test_ctrl_c_ends_a_throttle_wait_that_a_service_asked_for_at_once(tmp_path, services):
    """Item 7: `X-Rate-Limit-Limit: 1` per 99999 s; the throttle's sleep in a worker ignored Ctrl-C.

    Rows without an arXiv id are searched by the worker threads (one Crossref request at a time
    without mailto): the first answer sets the interval that the third request must wait.
    """
    def slow_down(request):
        return Response(json.dumps({"status": "ok", "message-type": "work-list", "message": {"items": []}}),
                        content_type="application/json",
                        headers={"X-Rate-Limit-Limit": "1", "X-Rate-Limit-Interval": "99999s"})
    services.fail(slow_down, service="crossref", times=100)
    (tmp_path / "list.md").write_text(ROWS_WITHOUT_ARXIV)
    (tmp_path / "no-overrides").mkdir()
    process = subprocess.Popen(
        [str(WSSS_BIB), "export", "--list", str(tmp_path / "list.md"), "--overrides", str(tmp_path / "no-overrides"),
         "--out", str(tmp_path / "out"), *services.options(tmp_path / "cache.sqlite")],
        env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_in_a_terminal)
    try:
        deadline = time.monotonic() + 20
        while services.count("crossref") < 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the CLI sent two Crossref requests"
            time.sleep(0.05)
        time.sleep(0.5)  # the third Crossref request is now waiting for the throttle
        process.send_signal(signal.SIGINT)
        # A hang guard, not a timing assertion: the wait the headers ask for is 30 hours, clamped to a minute.
        stdout, stderr = process.communicate(timeout=40)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
