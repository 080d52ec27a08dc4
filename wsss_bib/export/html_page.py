"""The bibliography as one self-contained HTML page (output/index.html).

One file, nothing fetched: the style and the script are inline, and the page's Content
Security Policy allows exactly those two (by hash) and nothing else, so even text that got
past the escaping could neither run a script nor load anything. A search box filters the
papers as one types, and select boxes narrow them by venue, year and supervision; each paper
has its BibTeX (the .bib entry) to copy, and a COinS span,
from which Zotero's connector offers to save every paper on the page.

All text and attribute values go through `escape`, the page's one escaping path; pybtex's
HTML backend is made to use it too.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterator, Sequence

from pybtex.backends import BaseBackend

from ..identity import ListIdentity
from ..record import Record
from . import page

STYLE = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1f2328; background: #fff; }
header { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; }
input[type=search] { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem .6rem;
  border: 1px solid #8c959f; border-radius: 6px; }
ul.papers { padding-left: 1.5rem; }
.filters { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .5rem 0 0; font-size: .9rem; }
.filters select { font: inherit; }
.supervision { color: #59636e; }
li.paper { margin: 0 0 1rem; }
.ref { margin: 0; }
.links { margin: .25rem 0; font-size: .9rem; }
.links a { margin-right: .75rem; }
button.copy { font: inherit; font-size: .85rem; cursor: pointer; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; }
.count, .downloads { color: #59636e; font-size: .9rem; margin: .25rem 0 0; }
"""

SCRIPT = """
"use strict";
(function () {
  var box = document.getElementById("search");
  var count = document.getElementById("count");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var papers = Array.prototype.slice.call(document.querySelectorAll("li.paper"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var texts = papers.map(function (paper) {
    return (paper.id + " " + paper.querySelector(".ref").textContent + " " +
            paper.querySelector(".links").textContent).toLowerCase();
  });
  function filter() {
    var terms = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    papers.forEach(function (paper, i) {
      var hit = terms.every(function (term) { return texts[i].indexOf(term) !== -1; }) &&
        selects.every(function (select) {
          var tag = paper.getAttribute("data-" + select.getAttribute("data-filter"));
          return select.value === "" || tag === select.value;
        });
      paper.hidden = !hit;
      if (hit) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector("li.paper:not([hidden])") === null;
    });
    count.textContent = shown + " of " + papers.length + " papers";
  }
  function copyBySelection(pre) {
    pre.parentNode.open = true;
    var range = document.createRange();
    range.selectNodeContents(pre);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand("copy");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (button === null) { return; }
    var pre = document.getElementById("bib-" + button.getAttribute("data-key"));
    function done(ok) { button.textContent = ok ? "Copied" : "Select and copy with Ctrl+C"; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(pre.textContent).then(function () { done(true); },
        function () { done(copyBySelection(pre)); });
    } else {
      done(copyBySelection(pre));
    }
  });
  box.addEventListener("input", filter);
  selects.forEach(function (select) { select.addEventListener("change", filter); });
  filter();
}());
"""


def escape(text: object) -> str:
    """Text as HTML content or a quoted attribute value: the page's one escaping path."""
    return html.escape(str(text), quote=True)


class Backend(BaseBackend):  # type: ignore[misc, unused-ignore]  # pybtex ships no types
    """pybtex's HTML backend, as this page needs it: escaping through `escape` (pybtex's own leaves
    href and quotes raw). Not a subclass of it: its module imports xml.sax and urllib.request,
    a twentieth of the warm export's budget, for one escape function."""

    symbols = {"ndash": "&ndash;", "newblock": "\n", "nbsp": "&nbsp;"}

    def format_tag(self, tag: str, text: str) -> str:
        return f"<{tag}>{text}</{tag}>" if text else ""

    def format_str(self, text: str) -> str:
        return escape(text)

    def format_protected(self, text: str) -> str:
        return text  # case protection has done its job in the formatting; nothing to mark

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        return f'<a href="{escape(url)}">{text}</a>' if text else ""


# The filters: (attribute and select id, label, order of the values).
FILTERS = (("venue", "Venue", False), ("year", "Year", True), ("supervision", "Supervision", False))


def dump(records: list[Record], identity: ListIdentity, ascii_only: bool = False) -> str:
    return "".join(pieces(records, identity, ascii_only))


def pieces(records: list[Record], identity: ListIdentity, ascii_only: bool = False) -> Iterator[str]:
    """The page's text in pieces, each paper's lines as they are made (memory, issue 23: neither the
    papers nor the page are whole in memory); `dump` joins them."""
    backend = Backend()
    csp = (f"default-src 'none'; script-src '{_hash(SCRIPT)}'; style-src '{_hash(STYLE)}'; "
           "base-uri 'none'; form-action 'none'")
    files = page.files(identity)
    heading = page.title(identity)
    yield _lines([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(heading)}</h1>",
        '<label for="search">Search by title, author, venue, year or key</label>',
        '<input type="search" id="search" autocomplete="off" placeholder="e.g. affinity 2021">',
        *_filters([page.tags(record) for record in records]),
        # Counted by the script: a count in the file would change with every row added.
        '<p class="count" id="count" aria-live="polite"></p>',
        '<p class="downloads">Download all: '
        + " · ".join(f'<a href="{escape(files[k])}">{escape(files[k])}</a>' for k in ("bib", "json", "ris"))
        + "</p>",
        "</header>",
        "<main>",
    ])
    group: str | None = None  # the heading of the open <section>, None before the first
    for section, paper in page.papers(records, ascii_only):
        if group is None or section != group:
            opened = [*(["</ul>", "</section>"] if group is not None else []), '<section class="group">']
            yield _lines([*opened, *([f"<h2>{escape(section)}</h2>"] if section else []), '<ul class="papers">'])
            group = section
        yield _lines(_paper(paper, backend))
    yield _lines([*(["</ul>", "</section>"] if group is not None else []),
                  "</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>"])


def _lines(lines: list[str]) -> str:
    """Lines as the page holds them: each ends with a newline."""
    return "".join(line + "\n" for line in lines)


def _filters(papers: Sequence[page.Tags | page.Paper]) -> list[str]:
    """A select per tag the papers have (venue, year, supervision), one option a line, sorted:
    a new row adds at most its own option's line."""
    out = ['<div class="filters">']
    for name, label, newest_first in FILTERS:
        # Case first, then the exact text: values differing only in case ("ECCV", "eccv") must not
        # come out in the order the set happened to yield them.
        values = sorted({getattr(paper, name) for paper in papers} - {""},
                        key=lambda value: (value.casefold(), value), reverse=newest_first)
        if not values:
            continue  # a list that says no supervision gets no such filter
        out.append(f'<label>{label} <select id="filter-{name}" data-filter="{name}">')
        out.append('<option value="">all</option>')
        out += [f'<option value="{escape(value)}">{escape(value)}</option>' for value in values]
        out.append("</select></label>")
    return out + ["</div>"]


def _paper(paper: page.Paper, backend: Backend) -> list[str]:
    key = paper.record["id"]
    links = [f'<a href="{escape(url)}">{escape(label)}</a>' for label, url in paper.links]
    if paper.supervision:
        links.append(f'<span class="supervision">supervision: {escape(paper.supervision)}</span>')
    links.append(f'<button type="button" class="copy" data-key="{escape(key)}">Copy BibTeX</button>')
    tags = "".join(f' data-{name}="{escape(getattr(paper, name))}"' for name, _, _ in FILTERS)
    return [
        f'<li class="paper" id="{escape(key)}"{tags}>',
        f'<span class="Z3988" title="{escape(page.coins(paper.record))}"></span>',
        f'<p class="ref">{paper.reference.render(backend)}</p>',
        f'<p class="links">{" ".join(links)}</p>',
        f'<details><summary>BibTeX</summary><pre id="bib-{escape(key)}">{escape(paper.bibtex.rstrip())}</pre>'
        "</details>",
        "</li>",
    ]


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
