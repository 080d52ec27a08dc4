"""Crossref through habanero: bibliographic queries and /works/{doi}, as CSL records.

habanero 1.2 makes its requests with plain `requests.get`; the caller runs these
functions inside `http.requests_routed_through(session)` so they hit our cache and limits.
"""

from __future__ import annotations

import html
import re

import requests
from habanero import Crossref

from ..record import Record, date_parts

TYPES = {"proceedings-article": "paper-conference", "journal-article": "article-journal",
         "book-chapter": "chapter", "posted-content": "article", "book": "book", "report": "report"}
PUBLISHED_TYPES = frozenset({"proceedings-article", "journal-article", "book-chapter"})
ROWS = 10


class CrossrefUnavailable(Exception):
    """Crossref could not be asked (no network, offline and not cached, repeated errors)."""


def client(base_url: str, mailto: str | None, user_agent: str) -> Crossref:
    return Crossref(base_url=base_url, mailto=mailto, ua_string=user_agent)


def search(crossref: Crossref, title: str, author: str | None = None) -> list[Record]:
    """Up to ten candidate records for a title (and first author, where known)."""
    query = {"query_bibliographic": title, "limit": ROWS}
    if author:
        query["query_author"] = author
    message = _call(lambda: crossref.works(**query))
    return [to_record(item) for item in message.get("message", {}).get("items", [])]


def work(crossref: Crossref, doi: str) -> Record | None:
    """The record of one DOI, or None if Crossref does not know it."""
    try:
        message = _call(lambda: crossref.works(ids=doi))
    except LookupError:
        return None
    return to_record(message["message"])


def _call(ask):
    try:
        answer = ask()
    except requests.HTTPError as err:
        status = err.response.status_code if err.response is not None else None
        if status == 404:
            raise LookupError("not found") from None
        raise CrossrefUnavailable(f"Crossref: {_status_text(err.response)}") from None
    except Exception as err:  # habanero wraps transport errors in RuntimeError and its own types
        status = getattr(err, "status_code", None)  # habanero's RequestError
        if status == 404:
            raise LookupError("not found") from None
        raise CrossrefUnavailable(f"Crossref: {_reason(err)}") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("message"), dict):
        raise CrossrefUnavailable("Crossref: answer is not a works message")
    return answer


def to_record(item: dict) -> Record:
    """A Crossref work as a CSL record; missing parts are simply absent."""
    crossref_type = item.get("type", "")
    containers = [_text(c) for c in item.get("container-title") or [] if c]
    record: Record = {
        "type": TYPES.get(crossref_type, "article"),
        "title": _text((item.get("title") or [""])[0]) or None,
        "author": [_name(person) for person in item.get("author") or [] if person.get("family") or person.get("name")],
        "container-title": containers[0] if containers else None,
        "collection-title": containers[1] if crossref_type == "book-chapter" and len(containers) > 1 else None,
        "event-title": _text((item.get("event") or {}).get("name", "")) or None,
        "issued": _issued(item),
        "DOI": item.get("DOI"),
        "page": item.get("page"),
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "publisher": item.get("publisher"),
    }
    short = [_text(c) for c in item.get("short-container-title") or [] if c]
    custom = {"crossref-type": crossref_type, "short-container-title": short[0] if short else None}
    record["custom"] = {k: v for k, v in custom.items() if v}
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def _issued(item: dict) -> dict | None:
    for name in ("published-print", "published-online", "issued", "published", "created"):
        parts = (item.get(name) or {}).get("date-parts") or [[]]
        if parts[0] and parts[0][0]:
            return date_parts(*parts[0][:3])
    return None


def _name(person: dict) -> dict:
    if not person.get("family"):
        return {"literal": person["name"]}
    name = {"family": person["family"], "given": person.get("given")}
    return {k: v for k, v in name.items() if v}


def _text(value: str) -> str:
    """Crossref titles may carry JATS/HTML markup and entities."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", value)).split())


def _status_text(response: requests.Response | None) -> str:
    if response is None:
        return "no response"
    if response.status_code == 504 and response.reason == "Not Cached":  # requests-cache, offline
        return "not in the cache (offline)"
    return f"HTTP {response.status_code}"


def _reason(err: Exception) -> str:
    text = str(err)
    return re.sub(r"\s+", " ", text)[:160] or type(err).__name__
