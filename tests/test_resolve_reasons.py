"""Why a lookup failed, as the lock, `report` and `check` show it: a few words naming the cause.

The exceptions are real ones, raised by requests against servers on 127.0.0.1 (a closed port, a
silent server, one answering 503), except the failed name lookup: resolving a name would leave
the machine, so that one is socket's own error wrapped as urllib3 wraps it.
"""

from __future__ import annotations

import socket
import threading

import pytest
import requests
import urllib3
from raw_servers import raw_server, silent

from wsss_bib.resolve.lock import MAX_REASON
from wsss_bib.resolve.reasons import cause


def raised(call) -> BaseException:
    with pytest.raises(requests.RequestException) as info:
        call()
    return info.value


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_named_not_quoted():
    err = raised(lambda: requests.get(f"http://127.0.0.1:{closed_port()}/api/query?id_list=1811.10842", timeout=2))
    assert "Max retries exceeded" in str(err)  # what a library says, and what the lock must not keep
    assert cause(err) == "connection refused"


def test_a_silent_server_is_a_timeout_with_its_seconds():
    stopped = threading.Event()
    with raw_server(silent(stopped)) as server:
        err = raised(lambda: requests.get(f"{server.url}/works", timeout=0.3))
        stopped.set()
    assert cause(err, timeout=20) == "timeout after 20 s" and cause(err) == "timeout"


def test_retries_that_gave_up_on_503_are_http_503():
    def unavailable(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    with raw_server(unavailable) as server, requests.Session() as session:
        retry = urllib3.util.Retry(total=1, status_forcelist=[503], backoff_factor=0)
        session.mount("http://", requests.adapters.HTTPAdapter(max_retries=retry))
        err = raised(lambda: session.get(f"{server.url}/works", timeout=2))
    assert "too many 503 error responses" in str(err) and cause(err) == "HTTP 503"


def test_a_failed_name_lookup_is_no_network():
    lookup = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    wrapped = urllib3.exceptions.MaxRetryError(None, "/api/query?id_list=1811.10842", reason=lookup)
    err = requests.exceptions.ConnectionError(wrapped)
    assert cause(err) == "no network (name lookup failed)"


def test_a_message_our_http_layer_wrote_is_kept_and_bounded():
    assert cause(requests.exceptions.RetryError("no answer within 20 s (after 4 attempts)")) == \
        "no answer within 20 s (after 4 attempts)"
    long = cause(requests.exceptions.ConnectionError("x" * 500))
    assert len(long) <= 100 < MAX_REASON
