import threading
import time

import pytest
import requests
from fake_clock import FakeClock

from wsss_bib.resolve.config import HttpConfig
from wsss_bib.resolve.throttle import Throttle, ThrottleStopped, spaced
from wsss_bib.resolve.transport import _obey_rate_headers, _retry_after


def test_retry_after_in_seconds_and_http_date():
    assert _retry_after("3") == 3.0
    assert _retry_after(None) is None and _retry_after("soon") is None
    assert 0 <= _retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 5))) <= 6


def test_throttle_spaces_request_starts_and_obeys_slow_down():
    clock = FakeClock()
    throttle = Throttle(interval=3.0, concurrency=1, clock=clock)
    for _ in range(3):
        with throttle.slot():
            clock.time += 0.5  # the request itself
    assert clock.slept == [2.5, 2.5]
    throttle.slow_down(5.0)
    with throttle.slot():
        pass
    assert clock.slept[-1] == 2.5  # the interval already set for this start; the next ones wait 5 s
    assert throttle.interval == 5.0


@pytest.mark.parametrize("interval, least, most", [(0.1, 0.11, 0.11), (0.2, 0.22, 0.22), (1.0, 1.05, 1.05),
                                                   (3.0, 3.05, 3.05)])
def test_request_starts_are_spaced_a_little_wider_than_each_service_asks(interval, least, most):
    """Never closer than asked; widened by a tenth (Crossref's ten starts a second), at most 50 ms
    (dblp's and arXiv's one start per second or three, where a tenth would slow every request)."""
    assert least <= round(spaced(interval), 6) <= most
    assert spaced(interval) > interval


def test_user_agent_names_tool_version_and_contact():
    agent = HttpConfig(mailto="me@example.org").user_agent
    assert agent.startswith("wsss-bib/") and "mailto:me@example.org" in agent
    assert "mailto" not in HttpConfig().user_agent


def test_crossref_is_asked_on_the_session_it_is_given_and_nothing_is_patched(httpserver, tmp_path, monkeypatch):
    """The Crossref source sends its request on the session passed in (a second ask is a cache
    hit), requests' own Session class stays requests' own, and no cache file appears elsewhere."""
    import requests_cache

    from wsss_bib.resolve import crossref
    from wsss_bib.resolve.session import make_session

    monkeypatch.chdir(tmp_path)
    body = '{"status": "ok", "message-type": "work-list", "message": {"total-results": 0, "items": []}}'
    httpserver.expect_request("/works").respond_with_data(body, content_type="application/json")
    config = HttpConfig(cache_path=tmp_path / "cache" / "c.sqlite")
    session = make_session(config, lambda _: None, {})
    try:
        for _ in range(2):
            assert crossref.SOURCE.search(session, httpserver.url_for(""), [("A Title", "Family")], config) == [[]]
    finally:
        session.close()
    assert len(httpserver.log) == 1  # the second ask was answered by the session's cache
    request = httpserver.log[0][0]
    assert request.args.to_dict() == {"rows": "10", "query.bibliographic": "A Title", "query.author": "Family"}
    assert requests.Session is requests_cache.session.OriginalSession
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]


def rate_limited(limit: str, interval: str) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response.headers.update({"X-Rate-Limit-Limit": limit, "X-Rate-Limit-Interval": interval})
    return response


@pytest.mark.parametrize("limit, interval", [("1", "99999s"), ("1", "1" + "0" * 5000 + "s"), ("²", "1s"),
                                             ("1" + "0" * 5000, "1s"), ("0", "1s"), ("1", "nans")])
def test_rate_limit_headers_are_clamped_to_a_sane_range(limit, interval):
    """Item 7: `X-Rate-Limit-Limit: 1` per 99999 s made the throttle sleep about 30 hours."""
    throttle = Throttle(interval=0.2, concurrency=1)
    _obey_rate_headers(rate_limited(limit, interval), throttle)
    assert 0.2 <= throttle.interval <= 60


def test_no_throttle_wait_outlasts_the_runs_budget():
    clock = FakeClock()
    throttle = Throttle(interval=1000.0, concurrency=1, clock=clock)
    with throttle.slot(deadline=clock.time + 5):
        pass
    with pytest.raises(ThrottleStopped, match="budget"):
        with throttle.slot(deadline=clock.time + 5):
            pass
    assert clock.slept == []


def test_a_throttle_wait_ends_at_once_when_the_run_is_stopped():
    throttle = Throttle(interval=99999.0, concurrency=1)
    with throttle.slot():
        pass
    outcome: list[BaseException] = []

    def second() -> None:
        try:
            with throttle.slot():
                pass
        except ThrottleStopped as err:
            outcome.append(err)
    waiting = threading.Thread(target=second)
    waiting.start()
    throttle.stop.set()
    waiting.join(timeout=60)  # a hang guard: the wait is 99999 s
    assert not waiting.is_alive() and outcome and "interrupted" in str(outcome[0])


@pytest.mark.parametrize("value", ["²", "1" + "0" * 5000, "-5", "1e9"])
def test_odd_retry_after_values_are_no_crash_and_no_long_wait(value):
    after = _retry_after(value)
    assert after is None or 0 <= after <= 120


def test_the_http_settings_import_no_cli_list_reader_or_http_stack():
    """`resolve/config.py` is read by every command: importing it loads none of click, markdown-it,
    ftfy, PyYAML, requests, requests-cache or the resolver (a fresh interpreter, so nothing is preloaded)."""
    import subprocess
    import sys

    heavy = ("click", "markdown_it", "ftfy", "yaml", "requests", "requests_cache", "wsss_bib.resolve.resolver")
    code = f"import sys, wsss_bib.resolve.config; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
