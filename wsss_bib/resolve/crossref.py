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
from .http import NOT_CACHED

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
    items = message["message"].get("items")
    return [to_record(item) for item in items if isinstance(item, dict)] if isinstance(items, list) else []


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
    """A Crossref work as a CSL record; missing parts are simply absent.

    Parts of an unexpected shape (a title that is text instead of a list, a number for a
    page, an author that is no mapping) are read as well as they can be or left out, never
    an error: one odd record must not stop the run or reach the exporters as a non-string.
    """
    crossref_type = _scalar(item.get("type")) or ""
    containers = [_text(c) for c in _texts(item.get("container-title")) if c]
    people = item.get("author") if isinstance(item.get("author"), list) else []
    event = item.get("event") if isinstance(item.get("event"), dict) else {}
    record: Record = {
        "type": TYPES.get(crossref_type, "article"),
        "title": _title(item),
        "author": [_name(person) for person in people
                   if isinstance(person, dict) and (_scalar(person.get("family")) or _scalar(person.get("name")))],
        "container-title": containers[0] if containers else None,
        "collection-title": containers[1] if crossref_type == "book-chapter" and len(containers) > 1 else None,
        "event-title": _text(_scalar(event.get("name")) or "") or None,
        "issued": _issued(item),
        "DOI": _scalar(item.get("DOI")),
        "page": _scalar(item.get("page")),
        "volume": _scalar(item.get("volume")),
        "issue": _scalar(item.get("issue")),
        "publisher": _scalar(item.get("publisher")),
    }
    short = [_text(c) for c in _texts(item.get("short-container-title")) if c]
    custom = {"crossref-type": crossref_type, "short-container-title": short[0] if short else None}
    record["custom"] = {k: v for k, v in custom.items() if v}
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def _title(item: dict) -> str | None:
    """The title, completed by the subtitle that Crossref (Springer chapters above all) keeps apart."""
    title = _text((_texts(item.get("title")) or [""])[0])
    subtitle = _text((_texts(item.get("subtitle")) or [""])[0])
    if subtitle and title and subtitle.lower() not in title.lower():
        title = f"{title}{'' if title[-1] in '?!:.' else ':'} {subtitle}"
    return title or None


def _issued(item: dict) -> dict | None:
    for name in ("published-print", "published-online", "issued", "published", "created"):
        date = item.get(name)
        parts = (date.get("date-parts") if isinstance(date, dict) else None) or [[]]
        first = parts[0] if isinstance(parts, list) and isinstance(parts[0], list) else []
        numbers = []
        for part in first[:3]:  # [2022, 6] or ["2022", "6"]; stop at the first part that is neither
            if isinstance(part, bool) or not isinstance(part, (int, str)) or not str(part).isdigit():
                break
            numbers.append(int(part))
        if numbers and numbers[0]:
            return date_parts(*numbers)
    return None


def _name(person: dict) -> dict:
    if not _scalar(person.get("family")):
        return {"literal": _scalar(person["name"])}
    name = {"family": _scalar(person["family"]), "given": _scalar(person.get("given"))}
    return {k: v for k, v in name.items() if v}


def _texts(value: object) -> list[str]:
    """Crossref's lists of titles: the strings of a list, or a lone string as a list of one."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _scalar(value: object) -> str | None:
    """Text, or a number as text (a page given as 4310); anything else is absent."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _text(value: str) -> str:
    """Crossref titles may carry JATS/HTML markup and entities."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", value)).split())


def _status_text(response: requests.Response | None) -> str:
    if response is None:
        return "no response"
    if response.status_code == 504 and response.reason == "Not Cached":  # requests-cache, offline
        return NOT_CACHED
    return f"HTTP {response.status_code}"


def _reason(err: Exception) -> str:
    text = str(err)
    return re.sub(r"\s+", " ", text)[:160] or type(err).__name__
