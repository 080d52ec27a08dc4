"""The bibliography as a markdown page GitHub shows (output/README.md).

Papers under the list's headings, in list order: each a pybtex-formatted reference, its
DOI / arXiv / code links and supervision, and a collapsed `<details>` holding its .bib entry.
Each paper's anchor is its citation key (`README.md#du2022weakly`).

All text goes through `escape` and every URL through `url`, the page's escaping paths;
pybtex's markdown backend is made to use them too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import quote

from pybtex.backends import markdown as pybtex_markdown

from ..identity import ListIdentity
from ..record import Record
from . import page

# ASCII punctuation but `&`, `<`, `>` (entities instead) and `;` (ends those entities).
ASCII_PUNCTUATION = re.compile(r"""([!"#$%'()*+,\-./:=?@\[\\\]^_`{|}~])""")


def escape(text: object) -> str:
    """Text as CommonMark inline text: shown as written, never markup, links or HTML.

    Every ASCII punctuation character may be backslash-escaped in CommonMark, so all are;
    `&`, `<` and `>` become entities (a backslash does not stop GitHub's autolinks and raw HTML
    everywhere), and line breaks collapse, so text never starts a new block.
    """
    text = re.sub(r"\s+", " ", str(text))
    return ASCII_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def url(target: str) -> str:
    """A link destination that cannot end the link early: spaces, brackets and quotes percent-encoded."""
    return quote(target, safe="/:?#[]@!$&'*+,;=%-._~")


class Backend(pybtex_markdown.Backend):  # type: ignore[misc, unused-ignore]  # pybtex ships no types
    """pybtex's markdown backend, escaping through `escape` and `url`."""

    def format_str(self, text: str) -> str:
        return escape(text)

    def format_protected(self, text: str) -> str:
        return text

    def format_href(self, target: str, text: str, external: bool = False) -> str:
        return f"[{text}]({url(target)})" if text else ""


def dump(records: list[Record], identity: ListIdentity, ascii_only: bool = False) -> str:
    return "".join(pieces(records, identity, ascii_only))


def pieces(records: list[Record], identity: ListIdentity, ascii_only: bool = False) -> Iterator[str]:
    """The page's text in pieces, each paper's lines as they are made (memory, issue 23: neither the
    papers nor the page are whole in memory); `dump` joins them."""
    backend = Backend()
    files = page.files(identity)
    downloads = " · ".join(f"[{escape(files[k])}]({url(files[k])})" for k in ("bib", "json", "ris"))
    # No count of papers and no running numbers: adding a row changes only that row's lines.
    yield _lines([f"# {escape(page.title(identity))}", "",
                  f"The papers, in the order of the list. Download all: {downloads}; "
                  f"or [search and filter them on one page]({url(files['html'])})."])
    group: str | None = None  # the heading of the papers so far, None before the first
    for section, paper in page.papers(records, ascii_only):
        if (group is None or section != group) and section:
            yield _lines(["", f"## {escape(section)}"])
        group = section
        yield _lines(["", *_paper(paper, backend)])


def _lines(lines: list[str]) -> str:
    """Lines as the page holds them: each ends with a newline."""
    return "".join(line + "\n" for line in lines)


def _paper(paper: page.Paper, backend: Backend) -> list[str]:
    reference = re.sub(r"\s+", " ", paper.reference.render(backend)).strip()
    links = [f"[{escape(label)}]({url(target)})" for label, target in paper.links]
    if paper.supervision:
        links.append(f"supervision: {escape(paper.supervision)}")
    # A fence longer than any run of backticks in the entry (`` is LaTeX's opening quote).
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", paper.bibtex)), default=0))
    # The links are a paragraph of their own (no trailing-space line break, which git flags).
    lines = [f'<a id="{escape_attribute(paper.record["id"])}"></a>{reference}']
    if links:
        lines += ["", " · ".join(links)]
    return lines + ["", "<details><summary>BibTeX</summary>", "", f"{fence}bibtex",
                    paper.bibtex.rstrip(), fence, "", "</details>"]


def escape_attribute(text: str) -> str:
    """An HTML attribute value in the page's raw HTML (the anchor of each paper)."""
    return html.escape(text, quote=True)
