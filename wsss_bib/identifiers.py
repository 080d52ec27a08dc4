"""Identifiers checked against their grammars, whichever source sent them.

A DOI, arXiv id or URL reaches BibTeX's verbatim fields (`doi`, `url`, `eprint`), where an
escape is not possible: a backslash there is a TeX command (`\\input`) once a style without the
url package typesets it. So identifiers are never escaped; they are valid, or they are dropped
(DOI, arXiv id, category, ISSN, ISBN) or percent-encoded (URLs).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# Every grammar here is ASCII (re.ASCII): `\d` alone also takes "١٢٣٤" and "２０２０".
# Crossref's own advice matches modern DOIs with 10.\d{4,9}/[-._;()/:A-Z0-9]+; older ones
# (SICI) also hold < > [ ] # + and '. Never a backslash, brace, percent sign, quote or space.
DOI = re.compile(r"10\.\d{4,9}/[A-Za-z0-9\-._;()/:<>\[\]#+']+", re.ASCII)
# Registrants whose every DOI has a dotted suffix (IEEE: TPAMI.2020.3023152, CVPR.2019.00231):
# `10.1109/CVPR52688` is a conference's prefix cut short, not a paper.
DOTTED_SUFFIX = {"10.1109": re.compile(r"[^.]+\.[^.]+.*")}
DOI_PREFIXES = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.ASCII)
ARXIV_CATEGORY = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?")
ISSN = re.compile(r"\d{4}-\d{3}[\dX]", re.ASCII)
ISBN = re.compile(r"(?:97[89]-?)?\d{1,5}-?\d{1,7}-?\d{1,7}-?[\dX]|97[89]\d{10}|\d{9}[\dX]", re.ASCII)
# Characters a URL may not hold as they are (RFC 3986), plus what TeX would act on, C1 controls
# and the bidirectional controls (which would make a link read as another).
URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069\\{}\"<>^`|]|%(?![0-9A-Fa-f]{2})")
SURROGATE = re.compile("[\ud800-\udfff]")


def normal_doi(text: str) -> str | None:
    """`text` as a bare DOI (a doi.org URL or `doi:` prefix removed), or None if it is not one."""
    doi = DOI_PREFIXES.sub("", text.strip())
    if doi != text.strip():
        doi = unquote(doi)  # https://doi.org/10.1007/978-3-030-58555-6%5F21
    if not DOI.fullmatch(doi) or doi.endswith((".", ",", ";", ":")):
        return None
    prefix, suffix = doi.split("/", 1)
    rule = DOTTED_SUFFIX.get(prefix)
    if rule and not rule.fullmatch(suffix):
        return None
    return doi


def is_doi(text: object) -> bool:
    return isinstance(text, str) and normal_doi(text) == text


def is_arxiv_id(text: object) -> bool:
    return isinstance(text, str) and ARXIV_ID.fullmatch(text) is not None


def is_arxiv_category(text: object) -> bool:
    return isinstance(text, str) and len(text) <= 40 and ARXIV_CATEGORY.fullmatch(text) is not None


def is_issn(text: object) -> bool:
    return isinstance(text, str) and ISSN.fullmatch(text) is not None


def is_isbn(text: object) -> bool:
    if not isinstance(text, str) or not ISBN.fullmatch(text):
        return False
    return len(text.replace("-", "")) in (10, 13)


def safe_url(text: object) -> str | None:
    """An http(s) URL with every character TeX or a URL parser would trip on percent-encoded."""
    if not isinstance(text, str) or not re.match(r"https?://[^/\s]", text.strip(), re.IGNORECASE):
        return None
    if SURROGATE.search(text):  # no character: it has no bytes to percent-encode
        return None
    return URL_UNSAFE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), text.strip())
