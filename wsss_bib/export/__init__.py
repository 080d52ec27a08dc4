"""One module per format; each turns the records into the text of one file."""

from __future__ import annotations

from collections.abc import Callable

from ..identity import ListIdentity
from ..record import Record
from . import bibtex, csljson, html_page, markdown_page, ris

# format name -> (file name, `{stem}` standing for the list's stem, writer)
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "bibtex": ("{stem}.bib", bibtex.dump),
    "biblatex": ("{stem}-biblatex.bib", bibtex.dump_biblatex),
    "csl-json": ("{stem}.json", csljson.dump),
    "csl-json-zotero": ("{stem}-zotero.json", csljson.dump_zotero),
    "ris": ("{stem}.ris", ris.dump),
    "markdown": ("README.md", markdown_page.dump),
    "html": ("index.html", html_page.dump),
}
# Writers whose output holds BibTeX, and so follows --ascii (the pages show each .bib entry).
ASCII_AWARE = frozenset({"bibtex", "markdown", "html"})
# Writers that name the list (its title, and its other files to link to).
PAGES = frozenset({"markdown", "html"})


def file_name(fmt: str, identity: ListIdentity) -> str:
    return identity.file_name(FORMATS[fmt][0])


def render(fmt: str, records: list[Record], ascii_only: bool = False, identity: ListIdentity | None = None) -> str:
    """The text of one format's file; the pages name `identity` (default: an untitled `wsss` list)."""
    writer = FORMATS[fmt][1]
    options: dict[str, object] = {"ascii_only": ascii_only} if fmt in ASCII_AWARE else {}
    if fmt in PAGES:
        options["identity"] = identity or ListIdentity("Bibliography", "wsss")
    return writer(records, **options)
