"""Tables: `| Title | Venue | Supervision | PDF | CODE |` and every other column order.

Columns are found by their header names; a table whose header names no title column gets
one only if a column's cells read like titles. A table with no such column, or whose
titles are single words (results tables: `| AffinityNet | CVPR18 | ResNet38 | 64.5 |`), is
no paper list and is skipped with one note naming its line.
"""

from __future__ import annotations

import re
import statistics

from markdown_it.token import Token

from .. import venues
from .grammar import NUMBERING, PLACEHOLDER, Facts, description_start, read_item
from .links import classify, label_kind
from .reader import Context, Row, line_of
from .spans import Inline, inline
from .titles import authors_of, clean_title, looks_like_authors
from .venue_and_year import VenueYear, only_venue, venue_year, year_of

# Header words that name each column, matched against the header cell's first word.
HEADER_NAMES = {
    "title": ("title", "titles", "name", "method", "methods", "model", "article"),
    "venue": ("venue", "venues", "conference", "conf", "journal", "publication", "published", "pub", "source",
              "proceedings", "booktitle", "where", "publisher", "accepted"),
    "supervision": ("supervision", "sup", "annotation", "label", "labels", "type", "weak"),
    "pdf": ("pdf", "link", "links", "url", "arxiv", "download", "resources"),
    "code": ("code", "codes", "repo", "repository", "github", "implementation", "project"),
    "year": ("year", "date", "time"),
    "authors": ("author", "authors", "first"),
}
# A column of prose about each paper, never its title.
PROSE = ("description", "notes", "note", "remark", "remarks", "summary", "comment", "comments", "highlights",
         "contribution", "contributions", "abstract", "keywords", "keyword", "tldr", "task", "tasks", "topic")
# A column of a model's or dataset's facts ("Pretraining Database", "Architecture", "# Params."), never its title.
FACTS_HEADER = re.compile(r"\b(?:datasets?|databases?|data|architectures?|backbones?|params|parameters|"
                          r"licen[cs]es?|metrics?|accuracy|results?)\b", re.IGNORECASE)
UNKNOWN_CELL = re.compile(r"^[~\-–—?\s/]*$|^n/?a$", re.IGNORECASE)
ROLES = {"title": "title", "pdf": "paper", "code": "code", "venue": "venue"}


class TableReader:
    name = "table"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "table_open"

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        end, header, rows = table_cells(tokens, i)
        return end, read_rows(header, rows, line_of(tokens[i]), context)


def table_cells(tokens: list[Token], i: int) -> tuple[int, list[Inline], list[tuple[int, list[Inline]]]]:
    """The table opening at tokens[i]: the index after it, its header cells and its rows (line, cells)."""
    rows: list[tuple[int, list[Inline]]] = []
    header: list[Inline] = []
    end = i
    for k in range(i, len(tokens)):
        token = tokens[k]
        if token.type == "table_close":
            end = k
            break
        if token.type == "tr_open":
            cells = _cells(tokens, k)
            if tokens[k + 1].type == "th_open":
                header = cells
            else:
                rows.append((line_of(token), cells))
    return end + 1, header, rows


def read_rows(header: list[Inline], rows: list[tuple[int, list[Inline]]], table_line: int,
              context: Context) -> list[Row]:
    """The papers of a table given as its header cells and its rows (line, cells), whatever wrote it."""
    if len(header) == 1 and not _first_word(header[0]):
        # "|  |" over "| **[1]** Lee A, Chen B. **Title**. Venue, 2012. [Paper](…) |": one column with no name,
        # a reference in each row, read as an item is
        return context.item_rows([(line, read_item(cells[0])) for line, cells in rows if cells], TableReader.name)
    columns = _columns(header, [cells for _, cells in rows])
    if columns is None:
        context.warn(table_line, "table skipped: no column of paper titles (a results, benchmark or "
                                 "dataset table, not a paper list)")
        return []
    found = []
    for line, cells in rows:
        facts = _row(cells, columns, context, line)
        if facts is not None:
            found.append(Row(line, facts, TableReader.name, table_line))
    return found


def _cells(tokens: list[Token], start: int) -> list[Inline]:
    """The Inline of each cell of the row starting at tokens[start]."""
    cells = []
    for k in range(start, len(tokens)):  # not tokens[start:]: a copy of the rest per row is quadratic
        token = tokens[k]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(inline(token))
    return cells


def _first_word(cell: Inline) -> str | None:
    return next(iter(re.findall(r"[a-z]+", cell.text.lower())), None)


def _columns(header: list[Inline], rows: list[list[Inline]]) -> dict[str, int] | None:
    """Which cell holds what, from the header's names, or None if no column holds paper titles."""
    found: dict[str, int] = {}
    words = [_first_word(cell) for cell in header]
    has_title_word = "title" in words or "titles" in words
    if not has_title_word and (paper := next((k for k, w in enumerate(words) if w in ("paper", "papers")), None)) \
            is not None:
        # "| Name | Paper | … |": the Paper column holds the title, the Name column the method's short name
        found["title"] = paper
    for index, word in enumerate(words):
        column: str | None
        if word in ("paper", "papers"):  # "Paper" is the title, unless a Title column exists
            column = "pdf" if has_title_word else "title"
        else:
            column = next((c for c, names in HEADER_NAMES.items() if word in names), None)
        if column and column not in found:
            found[column] = index
    if "title" in found:
        return found if words[found["title"]] in ("title", "titles", "paper", "papers") or \
            _titles_are_papers(found, rows) else None
    # No header names the titles: the column whose cells read most like titles, if any does.
    taken = set(found.values())
    best, best_words = None, 0.0
    for index, word in enumerate(words):
        if index in taken or word in PROSE or FACTS_HEADER.search(header[index].text):
            continue
        counts = [len(_title_text(row[index]).split()) for row in rows if index < len(row)]
        median = statistics.median(counts) if counts else 0
        if median > best_words:
            best, best_words = index, median
    linked = sum(1 for row in rows if any(cell.links for cell in row))
    if best is None or best_words < 4 or 2 * linked < len(rows):
        return None  # long cells in rows that link nothing: a description or results table
    return {**found, "title": best}


def _titles_are_papers(columns: dict[str, int], rows: list[list[Inline]]) -> bool:
    """Whether a "Method" or "Name" column holds paper titles, not the one-word names of a results table."""
    index = columns["title"]
    counts = [len(_title_text(cells[index]).split()) for cells in rows if index < len(cells)]
    counts = [count for count in counts if count]
    return bool(counts) and statistics.median(counts) >= 3


def _title_text(cell: Inline) -> str:
    """The title a cell holds: a linked title's label, or the text without its link labels."""
    text = cell.text
    # "[Title](…)<br>Ann Lee, Bo Chen": the title is the cell's first line, what follows describes it
    if (lines := [line for line in text.split(" | ") if line.strip()]) and len(lines) > 1 \
            and len(lines[0].split()) >= 3:
        text = lines[0]
    start, end = _without_description(cell, text)
    # the links of the title's part: "[openthoughts.ai](…)" in the description names no title
    links = [span for span in cell.links if (start, end) == (0, len(text)) or start <= span.start < end]
    text = text[start:end]
    for span in links:
        label = span.label.strip(" []()`*_")
        if not label_kind(label) and len(label) >= 0.6 * len(text.strip(" |")):
            return span.label
    for span in sorted(links, key=lambda s: -s.start):
        if label_kind(span.label.strip(" []()`*_")):
            text = text[: span.start - start] + text[span.end - start:]
    text = re.sub(r"[\[(]\s*[\])]", " ", text)  # what "[(paper)](…)" leaves
    return " ".join(text.split()).strip(" |")


def _without_description(cell: Inline, text: str) -> tuple[int, int]:
    """Where the title is in a weekly digest's cell ("1) **Title** - proposes …", "1) Title  This
    paper introduces …"): after its rank, before the sentence on what the paper does."""
    lead = len(text) - len(text.lstrip())
    if numbered := NUMBERING.match(text, lead):
        lead = numbered.end()
    bold = next(((a, b) for a, b in cell.strong if a <= lead + 2 and b <= len(text)), None)
    if bold and len(text[bold[1]:].split()) >= 5 and 2 <= len(text[bold[0]:bold[1]].split()) <= 30:
        return bold
    # a rank or a long cell: a digest's; a title cell of a table of titles keeps its dashes
    described = description_start(text, lead, words=3, ranked=True) if numbered else \
        description_start(text, lead) if len(text.split()) > 20 else None
    if described is not None:
        return lead, described
    return lead, len(text)


def _unsaid(facts: Facts, cells: list[Inline], title_cell: Inline | None, context: Context) -> str | None:
    """Why a row is no paper, if nothing but its title says it is one (None if something else does)."""
    if facts.venue or facts.links.found or facts.year or facts.authors:
        return None
    if not context.venue:
        return "no venue"  # nothing but a name says it is a paper
    if len(cells) >= 2 and all(not c.text.strip() and not c.links for c in cells if c is not title_cell):
        # under "# ICRA2021-paper-list", "| **Session** TuHT24 : Active Perception |  |" or "| Lee, Ann; Chen, |  |"
        # among "| Title | 8 |": a label, or the authors of the row above, not a paper
        return "only its first cell filled"
    return None


def _row(cells: list[Inline], columns: dict[str, int], context: Context, line: int) -> Facts | None:
    def cell(column: str) -> Inline | None:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    title_cell = cell("title")
    raw_title = _title_text(title_cell) if title_cell else ""
    if not raw_title or PLACEHOLDER.match(raw_title):
        context.warn(line, "row skipped: empty title")  # "| 2020 | Lab | TBA | 0.758 |": no paper yet
        return None
    facts = Facts(raw_title=raw_title, title=_title(raw_title))
    roles = {index: ROLES.get(column) for column, index in columns.items()}
    for index, cell_inline in enumerate(cells):
        role = roles.get(index)
        for span in cell_inline.links:
            ranked = classify(span.href, span.label, role)
            if ranked is None and role in ("paper", "code"):
                context.warn(line, f"link {span.href.strip()!r} is not a usable http(s) URL; ignored")
            facts.links.add(ranked)
    venue_cell, year_cell = cell("venue"), cell("year")
    venue_text = venue_cell.text.strip() if venue_cell else ""
    if venue_cell is not None and not UNKNOWN_CELL.match(venue_text):
        found = venue_year(venue_text)
        facts.venue, facts.year = found.name, found.year
    opening = re.match(r"^\W*\[([^\[\]]{2,40})\]", raw_title)  # "[2018 ICLR] Title": the venue before the title
    if not facts.venue and opening and only_venue(opening.group(1)):
        found = venue_year(opening.group(1))
        facts.venue, facts.year = found.name, facts.year or found.year
    if title_cell is not None:
        _below_title(title_cell, facts)
    if not facts.venue and (elsewhere := _venue_elsewhere(cells, roles, columns)):
        facts.venue, facts.year = elsewhere.name, facts.year or elsewhere.year
    # A row's own Year cell, or a year written in its venue ("CVPR 2021"), beats the heading's.
    if year_cell is not None and (year := year_of(year_cell.text)):
        facts.year = year
    if (authors_cell := cell("authors")) is not None and authors_cell.text.strip():
        facts.authors = authors_of(authors_cell.text) or (" ".join(authors_cell.text.split()),)
    if (unsaid := _unsaid(facts, cells, title_cell, context)) is not None:
        context.warn(line, f"row skipped: {unsaid}")
        return None
    pdf_cell = cell("pdf")
    said_paper = pdf_cell is not None and any(label_kind(span.label.strip(" []()`*_")) == "paper"
                                              for span in pdf_cell.links)  # "[[pdf]]()": a paper, its link lost
    if pdf_cell is not None and not UNKNOWN_CELL.match(pdf_cell.text.strip()) and not facts.venue \
            and facts.links.paper() is None and not said_paper:
        # "| 2025.02 | DeepSeek FlashMLA | ⚠️ | [[FlashMLA]](github) |", a [[blog]] or [[docs]] in the
        # paper column: a tool or a post, not a paper
        context.warn(line, "row skipped: no paper link or venue")
        return None
    if (supervision_cell := cell("supervision")) is not None:
        supervision = " ".join(supervision_cell.text.split())
        facts.supervision = None if UNKNOWN_CELL.match(supervision) else supervision
    return facts


def _below_title(cell: Inline, facts: Facts) -> None:
    """The lines under the title in its own cell ("**Title**<br>Ann Lee, Bo Chen<br>ACL 2021"): its
    authors, and its venue and year when no column gives them."""
    for line in [line.strip(" *_") for line in cell.text.split(" | ")][1:]:
        found = venue_year(line)
        if not facts.venue and only_venue(line):
            facts.venue, facts.year = found.name, facts.year or found.year
        elif not facts.authors and looks_like_authors(line):
            facts.authors = authors_of(line)


def _venue_elsewhere(cells: list[Inline], roles: dict[int, str | None],
                     columns: dict[str, int]) -> VenueYear | None:
    """A venue written in another cell: "| Title | SR-LUT | [cvpr21](…) |"."""
    for index, other in enumerate(cells):
        if roles.get(index) in ("title", "code") or index in (columns.get("year"), columns.get("authors")):
            continue
        for text in [span.label for span in other.links] + [other.text]:
            found = venue_year(text)
            # Only a cell that is a venue: "1st Place in MICCAI 2022" is a remark about the paper.
            if found.venue and venues.strip_year(text).lower() == found.name.lower():
                return found
    return None


def _title(raw: str) -> str:
    """The title of a table cell: the grammar's clean title, less an acronym prefix ("**SLIP**: …")."""
    title = clean_title(raw)
    # "[SP: Star-Attention, 11x~ speedup] Star Attention: …", "[MLC-LLM]Universal LLM …": a nickname
    # in brackets before a title of its own
    if (found := re.match(r"^\[[^\[\]]{1,60}\]\s*(?=\S)", title)) and (
            len(title[found.end():].split()) >= 3 or re.match(r"^\[[^\]]{1,25}\]\s", title)):
        title = title[found.end():]
    return title
