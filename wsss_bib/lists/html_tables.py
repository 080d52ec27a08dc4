"""Tables written in HTML (`<table><tr><td>…`), read as markdown tables are.

    <table>
      <tr><th>Title</th><th>Venue</th><th>Paper</th></tr>
      <tr><td>Title</td><td>CVPR 2021</td><td><a href="https://arxiv.org/abs/…">pdf</a></td></tr>
    </table>

Each cell becomes the markdown it stands for (a link, bold, a line break) and is read by the
shared grammar; the columns are found by the table reader's rules, so a table of contents or of
results is skipped the same way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .grammar import read_item
from .reader import Context, Row, line_of
from .spans import Inline, inline
from .tables import read_rows

TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}


class HtmlTableReader:
    name = "table"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "html_block" and TABLE_OPEN.search(tokens[i].content) is not None

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        cells = _Cells()
        k = i
        while k < len(tokens):  # a blank line inside the table splits it into several HTML blocks
            token = tokens[k]
            if token.type == "html_block":
                cells.line_offset = line_of(token) - cells.getpos()[0]  # the parser counts lines across blocks
                cells.feed(token.content)
                cells.close_pending()
                if TABLE_CLOSE.search(token.content):
                    break
            k += 1
        markdown = MarkdownIt("commonmark")
        header: list[Inline] = []
        rows: list[tuple[int, list[Inline]]] = []
        for line, heading, texts in cells.rows:
            inlines = [inline(markdown.parseInline(text)[0]) if text.strip() else Inline() for text in texts]
            if heading and not rows and not header:
                header = inlines
            elif not rows and header and all(_set_apart(inline) for inline in inlines if inline.text.strip()):
                continue  # a second header row ("<td><em>Category</em></td>" under a cell spanning two columns)
            elif any(inline.text.strip() for inline in inlines):
                rows.append((line, inlines))
        if not header and (cited := _citations(rows)):
            # "<td>[1]</td><td>A. Lee, and B. Chen, “Title,” <em>Venue</em>, 2017. [pdf]</td>": a numbered
            # bibliography (as bibtex2html writes it), one citation a row, no header
            return k + 1, context.item_rows([(line, read_item(cell)) for line, cell in cited], self.name)
        if not header and rows:  # no <th>: the first row names the columns, the next ones may go on naming them
            header, rows = rows[0][1], rows[1:]
            while rows and all(_set_apart(inline) for inline in rows[0][1] if inline.text.strip()):
                rows = rows[1:]
        return k + 1, read_rows(header, rows, line_of(tokens[i]), context) if rows else []


class _Cells(HTMLParser):
    """The rows of an HTML table: per row its line, whether it is a header row, and each cell as markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, bool, list[str]]] = []
        self.line_offset = 0
        self.hrefs: list[str] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)  # the open cell's rowspan and colspan
        self.carried: dict[tuple[int, int], str] = {}  # (row number, column) -> a cell spanning from above

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((self.line_offset + self.getpos()[0], False, []))
            self.cell = None
        elif tag in ("td", "th") and self.rows:
            line, heading, texts = self.rows[-1]
            self.rows[-1] = (line, heading or tag == "th", texts)
            self.close_pending()
            self.cell = []
            spans = dict(attrs)
            self.span = (_count(spans.get("rowspan")), _count(spans.get("colspan")))
        elif self.cell is None:
            return
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            self.cell.append("[")
        elif tag == "br":
            self.cell.append("<br>")
        elif tag in MARKS:
            self.cell.append(MARKS[tag])

    def handle_endtag(self, tag: str) -> None:
        if self.cell is None:
            return
        if tag in ("td", "th"):
            self.close_pending()
        elif tag == "a" and self.hrefs:
            self.cell.append(f"]({self.hrefs.pop().strip().replace(' ', '%20').replace(')', '%29')})")
        elif tag in MARKS:
            self.cell.append(MARKS[tag])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(" ".join(data.split()) if data.strip() else " ")

    def close_pending(self) -> None:
        """The open cell, written into its row where the cells spanning rows above leave room, and
        into every column it spans: each row then has its cells in the header's columns."""
        if self.cell is not None and self.rows:
            texts, text = self.rows[-1][2], "".join(self.cell)
            rows, columns = self.span
            for _ in range(columns):
                while (len(self.rows), len(texts)) in self.carried:
                    texts.append(self.carried.pop((len(self.rows), len(texts))))
                for below in range(1, rows):
                    self.carried[(len(self.rows) + below, len(texts))] = text
                texts.append(text)
        self.cell = None
        self.hrefs = []


def _citations(rows: list[tuple[int, list[Inline]]]) -> list[tuple[int, Inline]]:
    """The citations of a table whose every row is a number and one long cell, or none."""
    cited = []
    for line, cells in rows:
        filled = [cell for cell in cells if cell.text.strip()]
        long = [cell for cell in filled if len(cell.text.split()) >= 8]
        if len(long) != 1 or any(len(cell.text.split()) > 2 for cell in filled if cell is not long[0]):
            return []
        cited.append((line, long[0]))
    return cited if len(cited) >= 2 else []


def _count(value: str | None) -> int:
    """A rowspan or colspan: 1 unless a small positive number says otherwise."""
    return min(int(value), 50) if value and value.strip().isdigit() and int(value) > 0 else 1


def _set_apart(cell: Inline) -> bool:
    """A cell that is one bold or italic phrase and nothing else: a column's name."""
    text = cell.text
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    return not cell.links and any(a <= start and b >= end for a, b in cell.strong + cell.em)
