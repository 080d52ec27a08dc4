"""Read an awesome list: markdown tables (Title | Venue | Supervision | PDF | CODE) under year headings.

Columns are found by their header names (other lists order them differently, add a Year
column or link the title itself); a table whose header names no title column is read in
the order above.

The list is real, hand-written data. What it gets wrong is repaired where the intent is
clear (mojibake, a heading written `##2022`) and kept raw beside the repair for provenance;
a row that cannot be read becomes a warning naming its line, never a lost run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import ftfy
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import InputError

YEAR = r"(?P<year>(?:19|20)\d\d)\b"
YEAR_ANYWHERE = re.compile(r"(?<!\d)" + YEAR)  # "## 2021", "### CVPR 2021", a cell "ICCV 2019"
YEAR_PARAGRAPH = re.compile(r"^\s*(#{1,6})\s*" + YEAR)  # "##2022" is no heading in CommonMark
ARXIV_URL = re.compile(
    r"arxiv\.org/(?:abs|pdf)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
DOI_IN_URL = re.compile(r"/(10\.\d{4,9}/[^\s?#]+?)(?:\.pdf)?/?$")
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com")
UNKNOWN_CELL = re.compile(r"^[~\-–—?\s]*$")
COLUMNS = ("title", "venue", "supervision", "pdf", "code")
FIXED_ORDER = {column: index for index, column in enumerate(COLUMNS)}
# Header words that name each column, matched against the header cell's first word.
HEADER_NAMES = {
    "title": ("title", "paper", "name", "method"),
    "venue": ("venue", "conference", "conf", "journal", "publication", "published", "pub", "source"),
    "supervision": ("supervision", "sup", "annotation", "label", "labels", "type", "weak"),
    "pdf": ("pdf", "link", "links", "url", "arxiv", "download"),
    "code": ("code", "codes", "repo", "repository", "github", "implementation", "project"),
    "year": ("year", "date"),
}


@dataclass(frozen=True)
class ListEntry:
    """One table row: what the list says about one paper, with where it says it."""

    title: str
    venue: str
    year: int | None
    supervision: str | None
    pdf_url: str | None
    code_url: str | None
    project_url: str | None
    arxiv_id: str | None
    link_doi: str | None
    path: str
    line: int
    raw_title: str
    section: str = ""  # the headings the row is under ("2021", "2021 › CVPR"), by which pages group rows


@dataclass
class ParsedList:
    entries: list[ListEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def bundled_list() -> Path:
    """The copy of the awesome list shipped with the package: the default input."""
    return Path(str(resources.files("wsss_bib") / "data" / "awesome-wsss.md"))


def read_list(path: str | Path) -> ParsedList:
    """Parse the list at `path`; unreadable files raise InputError, unreadable rows warn."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise InputError(path, line, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    return parse_list(text, str(path))


def parse_list(text: str, path: str = "<list>") -> ParsedList:
    parsed = ParsedList()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    section_years: list[tuple[int, int]] = []  # (heading level, year) of the open sections naming one
    headings: list[tuple[int, str]] = []  # (level, text) of all open sections
    columns = FIXED_ORDER
    table_line = 0
    seen: dict[tuple[str, str], int] = {}
    for i, token in enumerate(tokens):
        heading = None
        if token.type == "heading_open":
            heading = (int(token.tag[1]), YEAR_ANYWHERE.search(tokens[i + 1].content))
        elif token.type == "paragraph_open" and (found := YEAR_PARAGRAPH.match(tokens[i + 1].content)):
            heading = (len(found.group(1)), found)  # "##2022": no heading in CommonMark, meant as one
        if heading:
            # A heading closes the sections at its level and below; "### CVPR" under "## 2021"
            # keeps 2021, "### ICCV 2019" gives its own, "## Surveys" has none.
            level, found = heading
            while section_years and section_years[-1][0] >= level:
                section_years.pop()
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, " ".join(tokens[i + 1].content.lstrip("#").split())))
            if found:
                section_years.append((level, int(found.group("year"))))
        elif token.type == "table_open":
            columns = _columns(_cells(tokens, i))
            table_line = token.map[0] + 1  # warned about once, if a row of it ends up with no year
        elif token.type == "tr_open" and tokens[i + 1].type == "td_open":
            line = token.map[0] + 1
            year = section_years[-1][1] if section_years else None
            try:
                entry = _entry(_cells(tokens, i), columns, year, path, line, parsed.warnings)
            except ValueError as err:
                parsed.warnings.append(f"{path}:{line}: row skipped: {err}")
                continue
            if entry.year is None and table_line:
                parsed.warnings.append(f"{path}:{table_line}: table has no year heading above it")
                table_line = 0
            identity = (_fold(entry.title), entry.venue.lower())
            if identity in seen:
                parsed.warnings.append(f"{path}:{line}: row skipped: duplicate of line {seen[identity]}")
                continue
            seen[identity] = line
            # The path of open headings, less a level-1 one above them (the list's own title).
            under = headings[1:] if len(headings) > 1 and headings[0][0] == 1 else headings
            parsed.entries.append(replace(entry, section=" › ".join(text for _, text in under)))
    if not parsed.entries:
        parsed.warnings.append(f"{path}:1: no paper rows found")
    return parsed


def _cells(tokens: list[Token], start: int) -> list[Token]:
    """The inline token of each cell of the row starting at tokens[start]."""
    cells = []
    for k in range(start, len(tokens)):  # not tokens[start:]: a copy of the rest per row is quadratic
        token = tokens[k]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(token)
    return cells


def _columns(header: list[Token]) -> dict[str, int]:
    """Which cell holds what, from the header row's names; the fixed order if it names no title."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        first_word = next(iter(re.findall(r"[a-z]+", _plain(cell).lower())), None)
        column = next((c for c, names in HEADER_NAMES.items() if first_word in names), None)
        if column and column not in found:
            found[column] = index
    return found if "title" in found else FIXED_ORDER


def _entry(cells: list[Token], columns: dict[str, int], year: int | None, path: str, line: int,
           warnings: list[str]) -> ListEntry:
    def cell(column: str) -> Token | None:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    # markdown-it pads short rows with empty cells, so "too few cells" shows as empty ones.
    raw_title, venue, supervision, year_text = (
        _plain(c) if (c := cell(name)) else "" for name in ("title", "venue", "supervision", "year"))
    if not raw_title:
        raise ValueError("empty title")
    if not venue:
        raise ValueError("no venue")
    # A row's own Year cell, or a year written in its venue ("CVPR 2021"), beats the heading's.
    for text in (year_text, venue):
        if found := YEAR_ANYWHERE.search(text):
            year = int(found.group("year"))
            break
    where = f"{path}:{line}"
    pdf_url, link = (_link(c, where, warnings) if (c := cell(name)) else None for name in ("pdf", "code"))
    if pdf_url is None and "pdf" not in columns and (title_cell := cell("title")):
        pdf_url = _link(title_cell, where, warnings)  # "[Title](paper URL)" lists link the title
    is_repository = link is not None and urlparse(link).hostname in CODE_HOSTS
    arxiv = ARXIV_URL.search(pdf_url) if pdf_url else None
    doi = DOI_IN_URL.search(urlparse(pdf_url).path) if pdf_url and not arxiv else None
    return ListEntry(
        title=_repair(raw_title),
        venue=venue,
        year=year,
        supervision=None if UNKNOWN_CELL.match(supervision) else supervision,
        pdf_url=pdf_url,
        code_url=link if is_repository else None,
        project_url=link if link and not is_repository else None,
        arxiv_id=arxiv.group(1) if arxiv else None,
        link_doi=doi.group(1) if doi else None,
        path=path,
        line=line,
        raw_title=raw_title,
    )


def _plain(cell: Token) -> str:
    """A cell's visible text, whitespace collapsed."""
    text = "".join(child.content for child in cell.children or [] if child.type in ("text", "code_inline"))
    return " ".join(text.split())


def _link(cell: Token, where: str, warnings: list[str]) -> str | None:
    """The cell's first link target, if it is a usable absolute URL (else a warning)."""
    for child in cell.children or []:
        if child.type == "link_open":
            href = str(child.attrs.get("href", "")).strip()
            parts = urlparse(href)
            if parts.scheme in ("http", "https") and parts.hostname and "." in parts.hostname:
                return href
            warnings.append(f"{where}: link {href!r} is not a usable http(s) URL; ignored")
            return None
    return None


def _repair(text: str) -> str:
    """Undo mojibake ("AfÔ¨Ånity" is "Affinity": UTF-8 read as Mac Roman) and ligatures."""
    return " ".join(ftfy.fix_text(text).split())


def _fold(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()
