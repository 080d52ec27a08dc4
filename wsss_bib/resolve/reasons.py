"""Why a lookup failed, in a few words: the one place an exception becomes the reason a row keeps.

The lock, `report` and `check` show a reason per service ("arXiv: no network (name lookup
failed)", "Crossref: HTTP 503", "Crossref: timeout after 20 s"), never a library's message
("HTTPSConnectionPool(host=…): Max retries exceeded with url: …"), which is long, names URLs,
and hides the cause. Standard library only: a settled run imports no HTTP stack.
"""

from __future__ import annotations

import errno
import re
import socket
from collections.abc import Iterator

MAX_CAUSE = 100
# What a library's message looks like: its words are not a reason (the cause is found beneath them).
LIBRARY_TEXT = re.compile(r"ConnectionPool\(|Max retries exceeded|url: /|object at 0x|<urllib3|https?://")
REFUSED = frozenset({errno.ECONNREFUSED})
NO_ROUTE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})
TOO_MANY = re.compile(r"too many (\d{3}) error responses")


def causes(err: BaseException) -> Iterator[BaseException]:
    """`err` and what it wraps (urllib3's `reason`, exception chains, exceptions in args), outermost first."""
    seen: set[int] = set()
    todo: list[BaseException] = [err]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [getattr(current, "reason", None), current.__cause__, current.__context__, *current.args]
        todo.extend(e for e in wrapped if isinstance(e, BaseException))


def cause(err: BaseException, timeout: float | None = None) -> str:
    """The cause of a failed request in a few words: no network, connection refused, timeout after
    N s, HTTP 503, answer cut short; or the message our own HTTP layer wrote, which is one already."""
    chain = list(causes(err))
    for current in chain:
        status = getattr(getattr(current, "response", None), "status_code", None)
        if isinstance(status, int):
            return f"HTTP {status}"
        if found := TOO_MANY.search(str(current)):  # urllib3's retries gave up on one status
            return f"HTTP {found.group(1)}"
    for current in chain:
        if isinstance(current, socket.gaierror) or type(current).__name__ == "NameResolutionError":
            return "no network (name lookup failed)"
        if isinstance(current, OSError) and current.errno in REFUSED:
            return "connection refused"
        if isinstance(current, OSError) and current.errno in NO_ROUTE:
            return f"no network ({(current.strerror or 'unreachable').lower()})"
    if any(isinstance(c, TimeoutError) or "Timeout" in type(c).__name__ for c in chain):
        return f"timeout after {timeout:g} s" if timeout else "timeout"
    text = " ".join(str(err).split())
    if text and not LIBRARY_TEXT.search(text):
        return text if len(text) <= MAX_CAUSE else text[: MAX_CAUSE - 1] + "…"
    names = {type(c).__name__ for c in chain}
    if names & {"ChunkedEncodingError", "ContentDecodingError", "ProtocolError", "IncompleteRead"}:
        return "answer cut short"
    if names & {"SSLError", "SSLCertVerificationError"}:
        return "TLS error"
    if any(isinstance(c, ConnectionResetError) for c in chain):
        return "connection reset"
    return f"request failed ({type(err).__name__})"
