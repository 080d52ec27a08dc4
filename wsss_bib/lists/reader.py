"""The one interface every list shape implements, and what readers share while reading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from markdown_it.token import Token

from .grammar import Facts

# "## Talks", "### 📝 Blogs", "## Introductory Posts", "## Tutorial", "## Robustness Workshops": one word may
# qualify the kind.
_RESOURCE = (r"(?:talks?|blogs?|blog posts?|posts?|tutorials?|videos?|courses?|lectures?|podcasts?|slides|workshops?|"
             r"books?|textbooks?)")  # (theses are documents a bibliography keeps: "## PhD Theses" stays read)
# (also several of them: "### Books / Thesis", "## Courses, Books and Talks")
RESOURCES = re.compile(rf"^\W*(?:[A-Za-z-]+\s+)?{_RESOURCE}(?:\s*(?:/|&|,|and)\s*{_RESOURCE})*\W*$", re.IGNORECASE)
# A row's venue that says it is no paper ("| Blog |", "Talk"); a workshop there is where a paper appeared
RESOURCE_VENUE = re.compile(r"^\W*(?:talks?|blogs?|blog posts?|posts?|tutorials?|videos?|courses?|lectures?|"
                            r"podcasts?|slides|news|website)\W*$", re.IGNORECASE)


@dataclass
class Section:
    level: int  # 1-6 for headings, 7 for a bold label paragraph ("**Arxiv**")
    title: str
    year: int | None
    venue: str  # "" unless the heading is only a venue ("### CVPR", "**Arxiv**")
    # "## 2024:", a year written as a label: it groups the headings after it at its own level
    # ("## Autonomous Driving:"), until the next year or a higher heading.
    groups: bool = False
    # the heading is the year ("## 2021", "### CVPR 2021"), not a range ("2020 and before") or a day ("2025-09-03")
    exact: bool = True
    # the list's title names a venue's papers ("# CVPR2024-Papers-with-Code-Demo"): topic headings at its
    # level after it ("# Diffusion Model") keep its venue and year
    venue_list: bool = False


@dataclass
class Row:
    """One paper as a reader found it: its facts and the line they start on."""

    line: int
    facts: Facts
    shape: str
    table_line: int = 0  # the table's first line, for tables (warned about once if a row has no year)


@dataclass
class Context:
    """What readers know about where they are: the file, the open sections, the notes so far."""

    path: str
    sections: list[Section] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message), sorted by line when done
    skipped_items: list[int] = field(default_factory=list)  # lines of list items that name no paper
    # The items skipped, as rows, with their section's year, venue and path: the list's own shape may
    # still make them papers (document.adopted)
    unread: list[tuple[Row, int | None, str, str]] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # tokens of items read as another entry's details
    resource_rows: list[int] = field(default_factory=list)  # lines of items under "## Talks", "## Blogs"
    headings_seen: int = 0
    list_title: Section | None = None  # the first heading, when it names a venue's list of papers

    def warn(self, line: int, message: str) -> None:
        self.notes.append((line, message))

    def item_rows(self, found: list[tuple[int, Facts]], shape: str) -> list[Row]:
        """The rows of items that name a paper; the lines of the others are noted as skipped."""
        rows = []
        for line, facts in found:
            if facts.evidence(self.venue, section_year=self.year):
                rows.append(Row(line, facts, shape))
            else:
                self.skipped_items.append(line)
        return rows

    @property
    def warnings(self) -> list[str]:
        return [f"{self.path}:{line}: {message}" for line, message in sorted(self.notes, key=lambda n: n[0])]

    def open_section(self, section: Section) -> None:
        """A heading closes the sections at its level and below; "### CVPR" under "## 2021" keeps 2021."""
        self.close_sections(section.level, keep_group=not section.year)
        self.sections.append(section)
        self.headings_seen += 1
        if self.headings_seen == 1 and section.venue_list:
            self.list_title = section

    def close_sections(self, level: int, keep_group: bool = True) -> None:
        while self.sections and self.sections[-1].level >= level:
            if keep_group and self.sections[-1].groups and self.sections[-1].level == level:
                break
            self.sections.pop()

    @property
    def resources(self) -> bool:
        """Inside a section of talks, blog posts, videos or courses ("## Talks", "### 📝 Blogs"):
        what is listed there is no paper, whatever it links."""
        return any(RESOURCES.match(s.title) for s in self.sections)

    @property
    def year(self) -> int | None:
        fallback = self.list_title.year if self.list_title else None
        return next((s.year for s in reversed(self.sections) if s.year), fallback)

    @property
    def year_exact(self) -> bool:
        return next((s.exact for s in reversed(self.sections) if s.year), True)

    @property
    def venue(self) -> str:
        fallback = self.list_title.venue if self.list_title else ""
        return next((s.venue for s in reversed(self.sections) if s.venue), fallback)

    @property
    def section_path(self) -> str:
        """The open headings ("2021 › CVPR"), without a level-1 heading that is only the list's title."""
        named = [s for s in self.sections if s.title and (s.level > 1 or s.year or s.venue)]
        return " › ".join(s.title for s in named)


class Reader(Protocol):
    """One list shape. `accepts` looks at the token where a block starts; `read` returns the
    rows the block holds and the index of the next token to look at."""

    name: str

    def accepts(self, tokens: list[Token], i: int) -> bool: ...

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]: ...


def line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1
