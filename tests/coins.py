"""COinS read back as Zotero reads them, and compared with the CSL-JSON item of the same paper.

The reading follows the rules of Zotero's `parseContextObject` (zotero/utilities, openurl.js):
the item type from `rft_val_fmt` (+ `rft.genre`, or `rft.type` in Dublin Core), `&`-separated
pairs split at `=`, values percent-decoded with `+` read as a space, `rft.atitle` the title of an
article / chapter / conference paper and `rft.btitle` its book or proceedings, `rft.au` one
creator each ("Family, Given"), `rft_id` a DOI (`info:doi/`) or a URL. Written here from those
rules, so that it checks the product's writer instead of sharing its code.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

# CSL type -> the Zotero item type its COinS must give.
ZOTERO_TYPES = {"paper-conference": "conferencePaper", "chapter": "bookSection",
                "article-journal": "journalArticle", "article": "preprint", "book": "book", "report": "report"}


BOOK_GENRES = {"bookitem": "bookSection", "proceeding": "conferencePaper", "conference": "conferencePaper",
               "report": "report"}
COPIED = ("rft.date", "rft.volume", "rft.issue", "rft.pages", "rft.series", "rft.issn", "rft.isbn")


def read(kev: str) -> dict[str, Any]:
    pairs = []
    for part in kev.split("&"):
        key, _, value = part.partition("=")
        pairs.append((key, unquote(value.replace("+", " "))))
    item: dict[str, Any] = {"creators": []}
    item_type = _item_type(dict(pairs))
    if item_type is not None:
        item["itemType"] = item_type
    part_of = item["itemType"] in ("journalArticle", "bookSection", "conferencePaper")
    for key, value in pairs:
        if value:
            _read_pair(item, key, value, part_of)
    return item


def _item_type(keys: dict[str, str]) -> str | None:
    """The item type from `rft_val_fmt` (+ `rft.genre`, or `rft.type` in Dublin Core); None if it names none."""
    fmt = keys.get("rft_val_fmt", "")
    if fmt == "info:ofi/fmt:kev:mtx:journal":
        return "journalArticle"
    if fmt == "info:ofi/fmt:kev:mtx:book":
        return BOOK_GENRES.get(keys.get("rft.genre") or "", "book")
    if fmt == "info:ofi/fmt:kev:mtx:dc":
        return keys.get("rft.type") or "webpage"
    return None


def _read_pair(item: dict[str, Any], key: str, value: str, part_of: bool) -> None:
    """One `key=value` pair into the item, as parseContextObject reads it."""
    if key == "rft_id":
        if value.lower().startswith("info:doi/"):
            item["DOI"] = value[len("info:doi/"):]
        elif value.startswith(("http://", "https://")):
            item["url"] = value
    elif key == "rft.atitle" and part_of:
        item["title"] = value
    elif key in ("rft.btitle", "rft.jtitle", "rft.title"):
        item["publicationTitle" if part_of else "title"] = value
    elif key == "rft.au":
        family, comma, given = value.partition(",")
        item["creators"].append((family.strip(), given.strip()) if comma else (value.strip(), ""))
    elif key in COPIED:
        item[key[4:]] = value
    elif key in ("rft.pub", "rft.publisher"):
        item["publisher"] = value


def expected(record: dict[str, Any]) -> dict[str, Any]:
    """What Zotero should make of the paper: the CSL-JSON item in the terms `read` gives."""
    item: dict[str, Any] = {"itemType": ZOTERO_TYPES.get(record.get("type", ""), "document"), "creators": []}
    if record.get("title"):
        item["title"] = record["title"]
    if record.get("container-title") and item["itemType"] in ("journalArticle", "bookSection", "conferencePaper"):
        item["publicationTitle"] = record["container-title"]
    for person in record.get("author") or []:
        if person.get("literal") or not person.get("given"):
            item["creators"].append((person.get("literal") or person.get("family"), ""))
        else:
            family = " ".join(p for p in (person.get("non-dropping-particle"), person["family"]) if p)
            item["creators"].append((family, person["given"]))
    parts = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        item["date"] = "-".join(f"{int(p):02d}" for p in parts)
    for csl, key in (("DOI", "DOI"), ("URL", "url"), ("volume", "volume"), ("issue", "issue"),
                     ("collection-title", "series"), ("publisher", "publisher"), ("ISSN", "issn"), ("ISBN", "isbn")):
        if record.get(csl):
            item[key] = str(record[csl])
    if not str(item.get("url", "https://")).startswith(("http://", "https://")):
        del item["url"]  # only a web address is a link to give Zotero (Zotero reads no other rft_id either)
    if record.get("page"):
        item["pages"] = str(record["page"]).replace("–", "-")
    return item
