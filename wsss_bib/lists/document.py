"""A whole list: markdown parsed once, each block handed to the reader of its shape.

The list is real, hand-written data. What it gets wrong is repaired where the intent is
clear (mojibake, a heading written `##2022`, a byte-order mark) and kept raw beside the
repair for provenance; what cannot be read becomes a warning naming its line, never a lost run.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS
from markdown_it.token import Token

from .. import venues
from ..characters import clean_text
from ..errors import InputError
from ..normalise import loose_title as _fold
from .grammar import EVENT, PLACEHOLDER, Facts
from .links import ARXIV_PAGE, ARXIV_URL
from .model import ListEntry, ParsedList
from .reader import RESOURCE_VENUE, Context, Reader, Row
from .spans import Inline
from .tables import read_rows, table_cells

Placed = tuple[Row, int | None, str, str]  # a row, its section's year and venue, the section's path
# record.MAX_TEXT: the longest text a record keeps. A longer title is no title (a row run together
# with others, a pasted abstract): it is said here, by its line, not dropped later without a word.
MAX_TITLE = 4000
# The registry of list shapes, tried in this order at each block: "module:class" of each reader
# (a `reader.Reader`), so that a new shape is its own module and one line here.
READERS: tuple[str, ...] = (
    f"{__package__}.headings:HeadingReader",
    f"{__package__}.tables:TableReader",
    f"{__package__}.html_tables:HtmlTableReader",
    f"{__package__}.html_lists:HtmlListReader",
    f"{__package__}.summaries:SummaryReader",
    f"{__package__}.items:ItemReader",
    f"{__package__}.paragraphs:ParagraphReader",
)


def readers() -> tuple[Reader, ...]:
    """One instance of each registered reader, in the registry's order (made per parse: no state
    outlives it)."""
    found: list[Reader] = []
    for name in READERS:
        module, _, cls = name.partition(":")
        found.append(getattr(importlib.import_module(module), cls)())
    return tuple(found)


def bundled_list() -> Path:
    """The copy of the awesome list shipped with the package: the default input."""
    return Path(str(resources.files("wsss_bib") / "data" / "awesome-wsss.md"))


def read_list(path: str | Path) -> ParsedList:
    """Parse the list at `path`; unreadable files raise InputError, unreadable rows warn."""
    path = Path(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except OSError as err:  # a folder, no permission, a device that fails
        raise InputError(path, None, f"cannot be read ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(path, line, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    return parse_list(text, str(path))


def _published(row: Row) -> bool:
    """Whether a row under "## Video" or "## Tutorials" is still a paper: it links its paper on an
    archive or publisher's site ("[Title](https://arxiv.org/abs/…)"), not a talk, a post or a course."""
    return bool(row.facts.text_arxiv) or any(
        link.kind == "paper" and link.source not in ("page", "pdf") and not WHOLE_BOOK.search(link.url)
        for link in row.facts.links.all)


# A publisher's page of a whole book ("sciencedirect.com/book/…", "books.google.com/…"): under "### Books", no paper
WHOLE_BOOK = re.compile(r"^https?://books\.google\.|/books?/", re.IGNORECASE)


def _read_rows(tokens: list[Token], context: Context, shapes: tuple[Reader, ...], start: int = 0,
               stop: int | None = None) -> list[Placed]:
    """Each reader's rows, with the section each sits in: (row, section year, section venue, section path)."""
    rows: list[Placed] = []
    context.consumed = set()  # token indices of this part
    i = start
    stop = len(tokens) if stop is None else stop
    while i < stop:
        reader = None if i in context.consumed else next((r for r in shapes if r.accepts(tokens, i)), None)
        if reader is None:
            i += 1
            continue
        i, found = reader.read(tokens, i, context)
        rows += _placed(found, context)
    return rows


def _placed(found: list[Row], context: Context) -> list[Placed]:
    """A block's rows with the section they sit in; under a heading of talks or blogs, or where a row's
    venue is "Blog" or "Talk", only papers."""
    kept = [row for row in found if not (context.resources or RESOURCE_VENUE.match(row.facts.venue)) or _published(row)]
    papers = {id(row) for row in kept}
    context.resource_rows += [row.line for row in found if id(row) not in papers]
    # "| [Title](arXiv) | Blog |": a paper, announced in a post; no venue
    found = [replace(row, facts=replace(row.facts, venue="")) if RESOURCE_VENUE.match(row.facts.venue) else row
             for row in kept]
    # Under "### 2020 and before" or "# 2025-09-03" (a digest's day), a preprint's own arXiv id dates it
    return [(row, context.year if context.year_exact or not _preprint(row) else None, context.venue,
             context.section_path) for row in found]


def _preprint(row: Row) -> bool:
    """A row with an arXiv id of its own and no year or venue of its own."""
    facts = row.facts
    return facts.year is None and not (facts.venue and facts.venue.lower() != "arxiv") \
        and bool(facts.links.arxiv_id() or facts.text_arxiv)


# How many papers of one written shape make it the list's shape for papers, and how few items of
# that shape may name no paper (one in ten).
SHAPE_PAPERS = 20


def _adopted(rows: list[Placed], context: Context) -> list[Placed]:
    """The skipped items written as the list writes its papers: when twenty items or more of one shape
    ("- **Title;** Ann Lee, Bo Chen", no link) are papers and nine in ten items of that shape are,
    the rest of that shape ("- **Title;** Ann Lee", one author) are papers too, as a reader of the
    list would take them. Items of another shape (a URL after the title, a tool's code link) are not,
    nor items whose title is not set apart (plain text could be any sentence)."""
    papers = Counter(row.facts.written for row, *_ in rows if row.shape == "item" and row.facts.written[0])
    skipped = Counter(row.facts.written for row, *_ in context.unread)
    return [found for found in context.unread
            if _shaped(shape := found[0].facts.written, found[0].facts) and papers[shape] >= SHAPE_PAPERS
            and papers[shape] >= 9 * skipped[shape] and len(found[0].facts.title.split()) >= 2
            and not PLACEHOLDER.match(found[0].facts.title) and not EVENT.search(found[0].facts.title)]


# How many papers written people first ("Ann Lee, Bo Chen: Title") make it how the list writes its
# papers, when they are also a third of its items' papers or more.
PEOPLE_FIRST = 10


def _people_first(rows: list[Placed], context: Context) -> list[Placed]:
    """In a list that names the people before each title, a title that opens with names is read so:
    "Thomas Hofmann: Made-Up Semantic Indexing, UAI 1999" among "Ann Lee, et al.: Title" papers is by
    Thomas Hofmann, and an item skipped for want of authors ("Kevin Knight: Title, 2009") is a paper."""
    items = [row for row, *_ in rows if row.shape == "item"]
    first = sum(row.facts.people_first for row in items)
    if first < PEOPLE_FIRST or 3 * first < len(items):
        return rows
    read: list[Placed] = [(_people_opening(row), year, venue, path) for row, year, venue, path in rows]
    kept = []
    for row, year, venue, path in context.unread:
        again = _people_opening(row)
        if again is not row and again.facts.evidence(venue, section_year=year):
            read.append((again, year, venue, path))
            context.skipped_items.remove(row.line)
        else:
            kept.append((row, year, venue, path))
    context.unread = kept
    return sorted(read, key=lambda found: found[0].line)


def _people_opening(row: Row) -> Row:
    facts = row.facts
    if facts.authors or not (found := facts.people_reading):
        return row
    people, title = found
    raw = facts.raw_title[facts.raw_title.find(title[:20]):] if title[:20] in facts.raw_title else title
    return replace(row, facts=replace(facts, title=title, raw_title=raw, authors=people, people_first=True))


def _shaped(shape: tuple[str, str, str], facts: Facts) -> bool:
    """Whether an item's written shape can make it a paper: a title set apart, or a plain title of three
    words or more with its year in brackets after it ("- Made-Up Learned Index (2019)" among "- Title
    (Venue 2019)" papers): a plain sentence with no year says nothing."""
    if shape[0] == "plain":
        return shape[1] == "(" and facts.year is not None and len(facts.title.split()) >= 3
    return shape[0] != ""


def _summarise(context: Context, parsed: ParsedList, no_year: list[int],
               typos: dict[tuple[str, str], list[int]]) -> None:
    """The warnings that count rows: misspelt and unknown venues, rows with no year, items skipped."""
    for (name, short), lines in typos.items():
        context.warn(lines[0], f"venue {name!r} read as {short}, the nearest spelling the venue vocabulary knows "
                               f"({len(lines)} row{'s' if len(lines) > 1 else ''}); kept as written")
    for name, lines in parsed.unknown_venues.items():
        context.warn(lines[0], f"venue {name!r} is not in the venue vocabulary ({len(lines)} "
                               f"row{'s' if len(lines) > 1 else ''}); kept as written")
    if no_year:
        context.warn(no_year[0], f"{len(no_year)} paper{'s' if len(no_year) > 1 else ''} with no year in the "
                                 "item or a heading above it")
    if context.skipped_items:
        count = len(context.skipped_items)
        context.warn(context.skipped_items[0], f"{count} list item{'s' if count > 1 else ''} named no paper "
                                               "(no title with a paper link, venue, or authors and year); skipped")
    if context.resource_rows:
        count = len(context.resource_rows)
        context.warn(context.resource_rows[0], f"{count} item{'s' if count > 1 else ''} under a heading of talks, "
                                               "blogs, videos or courses (or said to be one) skipped: not papers")
    if not parsed.entries:
        context.warn(1, "no paper rows found")


def _drained(rows: list[Placed]) -> Iterator[Placed]:
    """The rows in order, each let go of by the list as it is handed out: a row is dropped as its entry
    is made (memory, issue 23: ~2 KB a row beside its entry)."""
    rows.reverse()
    while rows:
        yield rows.pop()


def _read_parts(text: str, context: Context, shapes: tuple[Reader, ...]) -> list[Placed]:
    """The rows of the whole text, read a part's tokens at a time (`_parts`), each dropped before the next."""
    rows: list[Placed] = []  # row, section year, section venue, section path
    table: tuple[list[Inline], list[tuple[int, list[Inline]]]] | None = None  # a long table's cells so far
    for part in _parts(text):
        tokens = _tokens(part.text, context)
        if part.table is None:
            rows += _read_rows(tokens, context, shapes)
            continue
        # A long table cut into parts (each after the first under a copy of its header): its cells are
        # gathered part by part and read as one table where it ends, as the table reader reads it whole.
        at = next(k for k, token in enumerate(tokens) if token.type == "table_open" and token.level == 0)
        rows += _read_rows(tokens, context, shapes, stop=at)  # the heading above it, in its first part
        end, header, cells = table_cells(tokens, at)
        if table is None:
            table = (header, cells)
        else:
            table[1].extend(cells)
        if part.last:
            rows += _placed(read_rows(*table, part.table + 1, context), context)
            table = None
            rows += _read_rows(tokens, context, shapes, start=end)
    return rows


def parse_list(text: str, path: str = "<list>") -> ParsedList:
    text = text.removeprefix("\ufeff")  # a byte-order mark would hide the first heading
    # List cells are text that enters a record: what no text holds goes now (lines stay where they are),
    # so that titles, venues, keys and the lock file's fingerprints are the ones the records have.
    text = clean_text(text)
    context = Context(path)
    rows = _read_parts(text, context, readers())
    rows = _people_first(rows, context)
    if adopted := _adopted(rows, context):
        rows = sorted(rows + adopted, key=lambda found: found[0].line)
        lines = {found[0].line for found in adopted}
        context.skipped_items = [line for line in context.skipped_items if line not in lines]
    parsed = ParsedList()
    seen: dict[tuple[str, str], int] = {}  # what identifies a paper -> its index in parsed.entries
    warned_tables: set[int] = set()
    no_year: list[int] = []
    typos: dict[tuple[str, str], list[int]] = {}  # (name as written, the venue it misspells) -> lines
    people = {name.casefold() for row, *_ in rows for name in row.facts.authors}
    for row, section_year, section_venue, section in _drained(rows):
        entry = _entry(_person_not_venue(row, people), section_year, section_venue, section, path)
        for href in row.facts.unusable:
            context.warn(row.line, f"link {href.strip()!r} is not a usable http(s) URL; ignored")
        for _, link in row.facts.links.found:
            if ARXIV_PAGE.search(link.url) and not ARXIV_URL.search(link.url.split("#")[0]):
                context.warn(row.line, f"arXiv link {link.url!r} holds no valid arXiv id; the row keeps none")
        if entry.year is None:
            if row.table_line and row.table_line not in warned_tables:
                context.warn(row.table_line, "table has no year heading above it")
                warned_tables.add(row.table_line)
            elif not row.table_line:
                no_year.append(row.line)
        if len(entry.title) > MAX_TITLE:
            context.warn(row.line, f"row skipped: its title is {len(entry.title):,} characters long (a title "
                                   f"has at most {MAX_TITLE:,}: a cell run together with others?)")
            continue
        known, identities = _identities(entry)
        if (first := next((seen[key] for key in known if key in seen), None)) is not None:
            context.warn(row.line, f"row skipped: duplicate of line {parsed.entries[first].line}")
            parsed.entries[first] = _filled(parsed.entries[first], entry)
            continue
        for key in identities:
            seen.setdefault(key, len(parsed.entries))
        parsed.entries.append(entry)
        if entry.venue and venues.lookup(entry.venue) is None:
            parsed.unknown_venues.setdefault(entry.venue, []).append(entry.line)
        elif entry.venue and (meant := venues.misspelt(entry.venue)):
            typos.setdefault((entry.venue, meant.short), []).append(entry.line)
    _summarise(context, parsed, no_year, typos)
    parsed.warnings = context.warnings
    return parsed


# Token streaming (speed, issue 23): markdown-it's tokens take ~14 KB per table row, so a large list
# is parsed in parts of at least this many lines, each read and dropped before the next is parsed.
PART_LINES = 2000
ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Reference definitions reach across the document, and HTML blocks of these kinds across empty lines.
WHOLE_DOCUMENT = re.compile(r"^ {0,3}(?:\[[^\]]*\]:|<(?:script|pre|style|textarea|!|\?))", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class _Part:
    """Some of the list's lines, padded with empty lines so that they keep their numbers."""

    text: str
    table: int | None = None  # the header's line (0-based) of the long table whose rows this part holds
    last: bool = True  # the table's last rows are in this part


def _parts(text: str) -> Iterator[_Part]:
    """The text in parts that markdown-it reads as it reads the whole: each part after the first
    begins at a heading in column 0 after an empty line, outside a fenced block (where every open
    block ends), or inside a long table (`_table_cuts`), under a copy of the table's header."""
    lines = re.sub(r"\r\n?", "\n", text).split("\n")  # markdown-it's own lines
    if len(lines) <= 2 * PART_LINES or WHOLE_DOCUMENT.search(text):
        yield _Part(text)
        return
    start, fence, n = 0, "", 0
    header: str = ""  # the header and delimiter rows heading the part from `start`, in a long table
    table: int | None = None  # that table's header line
    while n < len(lines):
        line = lines[n]
        if fence:
            if line.lstrip(" ").startswith(fence) and len(line) - len(line.lstrip(" ")) <= 3 \
                    and not line.strip().lstrip(fence[0]):
                fence = ""
        elif opened := FENCE.match(line):
            fence = opened.group(1)
        elif n - start >= PART_LINES and ATX_HEADING.match(line) and not lines[n - 1].strip():
            yield _Part(_padded(lines, start, n, header), table)
            start, header, table = n, "", None
        elif line.startswith("|") and (cuts := _table_cuts(lines, n)):
            begin = n - 1 if ATX_HEADING.match(lines[n - 1]) else n  # the table's own heading goes with it
            if begin > start:
                yield _Part(_padded(lines, start, begin, header), table)
            copy = f"{lines[n]}\n{lines[n + 1]}\n"
            for first, after in zip([begin, *cuts], cuts):
                yield _Part(_padded(lines, first, after, "" if first == begin else copy), n, last=False)
            start, header, table = cuts[-1], copy, n
            n = cuts[-1]
            continue
        n += 1
    yield _Part(_padded(lines, start, len(lines), header), table)


def _padded(lines: list[str], start: int, end: int, header: str = "") -> str:
    """lines[start:end] at their own line numbers; `header` (two lines) on the two lines above."""
    return "\n" * (start - 2 * bool(header)) + header + "\n".join(lines[start:end])


def _table_cuts(lines: list[str], n: int) -> list[int]:
    """Where to cut the table whose header is line `n`, every PART_LINES rows: its tokens take ~12 KB
    a row, so a 10,000-row table would be ~120 MB at once (memory, issue 23). Only a table that a
    copy of its header reads the same from any of its rows: one at the top level (after an empty
    line or a heading that follows one), rows each starting with `|` in column 0 (so no other block
    can interrupt them), ended by an empty line or the end of the text, and never more empty cells
    filled in than markdown-it allows a table (counted from its start and from each cut); else none."""
    above = lines[n - 1] if n >= 1 else ""
    if n < 2 or above.strip() and not (ATX_HEADING.match(above) and not lines[n - 2].strip()):
        return []
    end = n + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end - n <= 2 * PART_LINES or end < len(lines) and lines[end].strip() or not _is_table(lines[n:n + 3]):
        return []
    cuts = list(range(n + 2 + PART_LINES, end - PART_LINES // 2, PART_LINES))
    width, whole, since_cut, cut = _cell_count(lines[n]), 0, 0, set(cuts)
    for k in range(n + 2, end):
        since_cut = 0 if k in cut else since_cut
        filled = width - _cell_count(lines[k])
        whole, since_cut = whole + filled, since_cut + filled
        if max(whole, since_cut) > MAX_AUTOCOMPLETED_CELLS:
            return []
    return cuts


def _is_table(lines: list[str]) -> bool:
    """Whether markdown-it reads a table from these lines (a header, a delimiter row and a row)."""
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
    return bool(tokens) and tokens[0].type == "table_open"


def _cell_count(line: str) -> int:
    """The cells markdown-it's table rule counts in a row (its escapedSplit, less an empty first and
    last cell): a pipe after a backslash is text."""
    text = mdTrim(line)
    pipes = text.count("|") - text.count("\\|")
    return pipes + 1 - (text == "" or text.startswith("|")) - (text.endswith("|") and not text.endswith("\\|"))


def _tokens(text: str, context: Context) -> list[Token]:
    """The document's tokens. markdown-it stops reading where blocks nest past its limit (lists or
    quotes 10 deep) and silently takes the rest of the file for their content: there reading starts
    again at the next block that begins a line after an empty one, and a warning names the lines skipped."""
    parser = MarkdownIt("commonmark").enable("table")
    limit = parser.options.maxNesting
    lines = re.sub(r"\r\n?", "\n", text).split("\n")  # markdown-it's own lines
    tokens: list[Token] = []
    start = 0
    while True:
        found = parser.parse("\n".join(lines[start:]))
        for token in found:
            if token.map:
                token.map = [token.map[0] + start, token.map[1] + start]
        tokens += found
        # The container whose content markdown-it did not read: the first open at the last level it reads.
        stop = next((t.map[0] for t in found if t.nesting == 1 and t.level == limit - 1 and t.map), None)
        if stop is None:
            return tokens
        resume = next((n for n in range(stop + 1, len(lines)) if lines[n][:1].strip() and not lines[n - 1].strip()
                       or lines[n].startswith("#")), None)
        skipped = (resume if resume is not None else len(lines) - (lines[-1] == "")) - stop
        where = f"reading goes on at line {resume + 1}" if resume is not None else "to the end of the file"
        context.warn(stop + 1, f"blocks nested more than {limit // 2} deep: {skipped} line{'s' * (skipped > 1)} "
                               f"skipped, {where}")
        if resume is None:
            return tokens
        start = resume


def _entry(row: Row, section_year: int | None, section_venue: str, section: str, path: str) -> ListEntry:
    facts: Facts = row.facts
    links = facts.links
    paper = links.paper()
    code = links.first("code")
    project = links.first("project")
    arxiv_id = links.arxiv_id() or facts.text_arxiv
    venue = facts.venue or section_venue
    year = facts.year or section_year
    if year is None and arxiv_id and (not venue or venue.lower() == "arxiv"):
        if found := re.match(r"^(\d\d)(?:0[1-9]|1[0-2])\.", arxiv_id):
            year = 2000 + int(found.group(1))  # a preprint's year is its arXiv id's
    return ListEntry(
        title=facts.title,
        venue=venue,
        year=year,
        supervision=facts.supervision,
        pdf_url=paper.url if paper else None,
        code_url=code.url if code else None,
        project_url=project.url if project else None,
        arxiv_id=arxiv_id,
        link_doi=links.doi(),
        path=path,
        line=row.line,
        raw_title=facts.raw_title,
        authors=facts.authors,
        section=section,
        links=links.all,
        shape=row.shape,
    )


def _identities(entry: ListEntry) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What makes two rows one paper (the keys to look up, and the keys to remember the row by):
    the same title at the same venue; the same title when one row gives no venue or only a
    preprint server (the preprint of the paper listed again at its venue, in either order); the
    same title and paper link (arXiv id or URL); the same paper link under two method names
    ("PairwiseDistance: Title" and "EdgeMask: Title"). One title at two venues, with links of
    their own, is two papers."""
    title = _fold(entry.title)
    venue = venues.lookup(entry.venue) if entry.venue else None
    preprint = not entry.venue or venue is not None and venue.csl_type == "article"
    both = [(title, entry.venue.lower())]
    named = re.match(r"^[^:]{1,40}:\s+(?=\S)", entry.title)
    paper = f"arxiv:{entry.arxiv_id.lower()}" if entry.arxiv_id else f"url:{entry.pdf_url}" if entry.pdf_url else ""
    if paper:  # one title, one paper link: one paper, whatever venues the two rows give it
        both.append((title, paper))
    if paper and named and len(entry.title[:named.end()].split()) <= 4:
        both.append((_fold(entry.title[named.end():]), "named " + paper))
    if preprint:
        return both + [(title, "")], both + [(title, "preprint"), (title, "")]
    return both + [(title, "preprint")], both + [(title, "")]


def _person_not_venue(row: Row, people: set[str]) -> Row:
    """"1. **Title**" over "*Ron Levie*": one person in italics reads as a venue no vocabulary knows; when
    the list names that person among another paper's authors, the paper's author it is, not its venue."""
    said = row.facts.venue
    if not said or said.casefold() not in people or venues.lookup(said) is not None:
        return row
    return replace(row, facts=replace(row.facts, venue="", authors=row.facts.authors or (said,)))


def _filled(kept: ListEntry, again: ListEntry) -> ListEntry:
    """The first row of a paper, with what only its repetition gives (an arXiv id, a DOI, code)."""
    return replace(kept, arxiv_id=kept.arxiv_id or again.arxiv_id, link_doi=kept.link_doi or again.link_doi,
                   code_url=kept.code_url or again.code_url, year=kept.year or again.year,
                   authors=kept.authors or again.authors)



__all__ = ["ARXIV_URL", "READERS", "bundled_list", "parse_list", "read_list"]
