"""A test list reader: the whole of what adding a list shape takes. Registered for a test with one
line in `wsss_bib.lists.document.READERS`: `"fenced_papers_reader:FencedPapersReader"`.

The shape is made up: a fenced block tagged `papers`, one `Title | Venue Year | URL` a line.
"""

from __future__ import annotations

from markdown_it.token import Token

from wsss_bib.lists.grammar import Facts, classify, venue_year
from wsss_bib.lists.reader import Context, Row, line_of


class FencedPapersReader:
    """A fenced block tagged `papers`: one `Title | Venue Year | URL` a line."""

    name = "fenced-papers"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "fence" and tokens[i].info.strip() == "papers"

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        rows = []
        for offset, text in enumerate(tokens[i].content.splitlines(), start=1):
            title, venue_and_year, url = (cell.strip() for cell in text.split("|"))
            found = venue_year(venue_and_year)
            facts = Facts(title=title, raw_title=title, venue=found.name, year=found.year, venue_written=True)
            facts.links.add(classify(url, role="paper"))
            rows.append(Row(line_of(tokens[i]) + offset, facts, self.name))
        return i + 1, rows
