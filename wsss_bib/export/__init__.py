"""The writers: one module per format, each turning the records into the text of one file.

`FORMATS` is the one registry: the CLI's choices, aliases and help, the file names and the
pages' links all come from it. Adding a format is a module with a `dump(records)` function and
one `Format` line here. A writer returns the file's text, or an iterator of its pieces in order
(the pages and the JSON files: each paper's as it is made), which is written as it comes and so is never
whole in memory (issue 23: a 100,000-row list). A writer's module is imported only when a file of its format is made,
so `wsss-bib --help` loads no writer (pybtex, rispy, markdown-it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, cast

from ..identity import ListIdentity

if TYPE_CHECKING:
    from ..record import Record

# What a writer returns: the file's text, or its pieces in order (never a str, which is iterable too).
Text: TypeAlias = "str | Iterator[str]"


@dataclass(frozen=True)
class Format:
    """One writer and the file it makes."""

    name: str
    file: str  # the file name; `{stem}` stands for the list's stem
    writer: str  # "module:function", imported when first used; it takes the records and returns a Text
    help: str = ""  # what reads the file, for the CLI's help
    aliases: tuple[str, ...] = ()
    takes_ascii: bool = False  # its output holds BibTeX, so it follows --ascii
    ascii_file: str = ""  # the file under --ascii, when it differs (the committed UTF-8 one stays)
    page: bool = False  # it names the list (its title, and its other files to link to)
    link: str = ""  # the label under which the pages link to this file ("" not linked)

    def load(self) -> Callable[..., Text]:
        module, _, function = self.writer.partition(":")
        return cast("Callable[..., Text]", getattr(importlib.import_module(module), function))


FORMATS: tuple[Format, ...] = (
    Format("bibtex", "{stem}.bib", f"{__name__}.bibtex:dump", "natbib/bibtex", aliases=("bib",), takes_ascii=True,
           ascii_file="{stem}.ascii.bib", link="bib"),
    Format("biblatex", "{stem}-biblatex.bib", f"{__name__}.bibtex:dump_biblatex", "biber"),
    Format("csl-json", "{stem}.json", f"{__name__}.csljson:pieces", "pandoc, citeproc", aliases=("json", "csljson"),
           link="json"),
    Format("csl-json-zotero", "{stem}-zotero.json", f"{__name__}.csljson:pieces_zotero"),
    Format("ris", "{stem}.ris", f"{__name__}.ris:dump", link="ris"),
    Format("markdown", "README.md", f"{__name__}.markdown_page:pieces", takes_ascii=True, page=True, link="markdown"),
    Format("html", "index.html", f"{__name__}.html_page:pieces", takes_ascii=True, page=True, link="html"),
)


def names() -> list[str]:
    return [fmt.name for fmt in FORMATS]


def by_name(name: str) -> Format | None:
    """The format called `name` or one of its aliases (any case), None if there is none."""
    wanted = name.strip().lower()
    return next((fmt for fmt in FORMATS if wanted == fmt.name or wanted in fmt.aliases), None)


def get(name: str) -> Format:
    fmt = by_name(name)
    if fmt is None:
        raise KeyError(name)
    return fmt


def file_name(fmt: str, identity: ListIdentity, ascii_only: bool = False) -> str:
    """The file of format `fmt` for the list `identity` (under --ascii, its ASCII file if it has one)."""
    description = get(fmt)
    return identity.file_name(description.ascii_file if ascii_only and description.ascii_file else description.file)


def page_links(identity: ListIdentity) -> dict[str, str]:
    """The files the pages link to, by their labels ("bib" -> "wsss.bib")."""
    return {fmt.link: identity.file_name(fmt.file) for fmt in FORMATS if fmt.link}


def render(fmt: str, records: list[Record], ascii_only: bool = False, identity: ListIdentity | None = None) -> str:
    """The text of one format's file; the pages name `identity` (default: an untitled `wsss` list)."""
    made = pieces(fmt, records, ascii_only, identity)
    return made if isinstance(made, str) else "".join(made)


def pieces(fmt: str, records: list[Record], ascii_only: bool = False, identity: ListIdentity | None = None) -> Text:
    """`render`, as the writer returns it: the text, or its pieces made as they are asked for."""
    description = get(fmt)
    options: dict[str, object] = {"ascii_only": ascii_only} if description.takes_ascii else {}
    if description.page:
        options["identity"] = identity or ListIdentity("Bibliography", "wsss")
    return description.load()(records, **options)
