"""One module per format; each turns the records into the text of one file."""

from __future__ import annotations

from collections.abc import Callable

from ..record import Record
from . import bibtex, csljson, html_page, markdown_page, ris

# format name -> (file name, writer)
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "bibtex": ("wsss.bib", bibtex.dump),
    "biblatex": ("wsss-biblatex.bib", bibtex.dump_biblatex),
    "csl-json": ("wsss.json", csljson.dump),
    "csl-json-zotero": ("wsss-zotero.json", csljson.dump_zotero),
    "ris": ("wsss.ris", ris.dump),
    "markdown": ("README.md", markdown_page.dump),
    "html": ("index.html", html_page.dump),
}
# Writers whose output holds BibTeX, and so follows --ascii (the pages show each wsss.bib entry).
ASCII_AWARE = frozenset({"bibtex", "markdown", "html"})


def render(fmt: str, records: list[Record], ascii_only: bool = False) -> str:
    writer = FORMATS[fmt][1]
    return writer(records, ascii_only=ascii_only) if fmt in ASCII_AWARE else writer(records)
