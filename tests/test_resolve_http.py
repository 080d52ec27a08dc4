import time

from wsss_bib.resolve.http import HttpConfig, Throttle, _retry_after


def test_retry_after_in_seconds_and_http_date():
    assert _retry_after("3") == 3.0
    assert _retry_after(None) is None and _retry_after("soon") is None
    assert 0 <= _retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 5))) <= 6


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_throttle_spaces_request_starts_and_obeys_slow_down():
    clock = FakeClock()
    throttle = Throttle(interval=3.0, concurrency=1, clock=clock.monotonic, sleep=clock.sleep)
    for _ in range(3):
        with throttle.slot():
            clock.now += 0.5  # the request itself
    assert clock.slept == [2.5, 2.5]
    throttle.slow_down(5.0)
    with throttle.slot():
        pass
    assert clock.slept[-1] == 2.5  # the interval already set for this start; the next ones wait 5 s
    assert throttle.interval == 5.0


def test_user_agent_names_tool_version_and_contact():
    agent = HttpConfig(mailto="me@example.org").user_agent
    assert agent.startswith("wsss-bib/") and "mailto:me@example.org" in agent
    assert "mailto" not in HttpConfig().user_agent


def test_habanero_routing_reaches_only_routed_threads_and_ends_with_the_block(httpserver, tmp_path):
    import threading

    import requests

    from wsss_bib.resolve.http import make_session, requests_routed_through, this_thread_routed

    httpserver.expect_request("/x").respond_with_data("{}", content_type="application/json")
    url = httpserver.url_for("/x")
    original = requests.Session
    session = make_session(HttpConfig(cache_path=tmp_path / "c.sqlite"), lambda _: None, {})
    seen = {}

    def other_thread():
        seen["other"] = hasattr(requests.get(url), "from_cache")

    with requests_routed_through(session):
        with this_thread_routed(session):
            seen["routed"] = hasattr(requests.get(url), "from_cache")  # through our cached session
            worker = threading.Thread(target=other_thread)
            worker.start()
            worker.join()
        seen["after this_thread_routed"] = hasattr(requests.get(url), "from_cache")
    assert seen == {"routed": True, "other": False, "after this_thread_routed": False}
    assert requests.Session is original and requests.sessions.Session is original


def test_routing_leaves_no_cache_file_in_the_working_directory(tmp_path, monkeypatch):
    from wsss_bib.resolve.http import make_session, requests_routed_through

    monkeypatch.chdir(tmp_path)
    session = make_session(HttpConfig(cache_path=tmp_path / "cache" / "c.sqlite"), lambda _: None, {})
    with requests_routed_through(session):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]
