"""A large list is parsed part by part, each part's tokens dropped before the next is parsed
(wsss_bib/lists/document.py: `_parts`, issue 23's memory bound); the rows, lines and warnings are
those of the whole document parsed at once. The lists are the reader's fixtures in tests/data/lists
and the bundled list; a part of one line forces a split at every heading where one is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsss_bib.lists import bundled_list, document

LISTS = sorted((Path(__file__).parent / "data" / "lists").glob("*.md")) + [bundled_list()]


def parse(path: Path, part_lines: int, monkeypatch: pytest.MonkeyPatch) -> document.ParsedList:
    monkeypatch.setattr(document, "PART_LINES", part_lines)
    return document.parse_list(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_a_list_read_in_parts_reads_as_the_whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = parse(path, 10**9, monkeypatch)
    in_parts = parse(path, 1, monkeypatch)
    assert in_parts.entries == whole.entries
    assert in_parts.warnings == whole.warnings
    assert in_parts.unknown_venues == whole.unknown_venues


def test_the_bundled_list_is_split_at_its_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "PART_LINES", 1)
    text = bundled_list().read_text(encoding="utf-8")
    parts = list(document._parts(text))
    assert len({part.table for part in parts}) > 3  # the bundled list has a heading per year, each with a table
    assert all(part.text.count("\n") <= text.count("\n") for part in parts)
    # Each part keeps its lines where they were: padded with empty lines up to its first one.
    lines = text.split("\n")
    for part in parts:
        found = part.text.split("\n")
        first = len(part.text) - len(part.text.lstrip("\n"))
        if part.table is not None and first not in (part.table - 1, part.table):
            assert found[first:first + 2] == lines[part.table:part.table + 2]  # a table's rows under its header
            first += 2
        assert found[first:] == lines[first:len(found)]


def test_a_heading_inside_a_fence_or_after_a_reference_definition_is_no_split(monkeypatch):
    monkeypatch.setattr(document, "PART_LINES", 1)
    fenced = "# List\n\n```\n\n# not a heading\n\n```\n\n## 2021\n\nrow\n"
    assert [part.text.lstrip("\n").split("\n")[0] for part in document._parts(fenced)] == ["# List", "## 2021"]
    with_reference = "# List\n\n[ref]: https://example.org\n\n## 2021\n\n[x][ref]\n"
    assert [part.text for part in document._parts(with_reference)] == [with_reference]


def table_list(header: str, rows: list[str], after: str = "") -> str:
    return "\n".join(["# List", "", "## 2021", header, "|---|---|---|", *rows, "", after, "## 2022", "", "text"]) + "\n"


ROWS = [
    "| [Title Number {n} of a Paper]({url}) | CVPR | [code](https://github.com/a/b{n}) |",
    "| Title \\| With an Escaped Pipe {n} | ICCV 2021 |",  # fewer cells than the header
    "|Title {n} `with | code`|ECCV| | extra | cells |",  # more cells
    "| | AAAI | |",  # no title: a warning on its line
    "| **Bold Title {n}** | [arXiv](https://arxiv.org/abs/2101.{n:05d}) | x |",
]


@pytest.mark.parametrize("header", ["| Title | Venue | Code |", "| Method | Venue | Code |", "| A | B | C |"])
@pytest.mark.parametrize("part_lines", [1, 2, 7])
def test_a_long_table_cut_into_parts_reads_as_the_whole(header, part_lines, monkeypatch):
    """A table is cut every PART_LINES rows, each part after the first under a copy of its header
    (memory, issue 23: a 10,000-row table's tokens); its rows are read as one table: the same
    entries, lines, warnings (once per table) and column choice (which reads every row)."""
    rows = [ROWS[n % len(ROWS)].format(n=n, url=f"https://arxiv.org/abs/2102.{n:05d}") for n in range(60)]
    text = table_list(header, rows, after="A paragraph after the table.\n\n| x | y |\n|---|---|\n| 1 | 2 |")
    monkeypatch.setattr(document, "PART_LINES", part_lines)
    parts = list(document._parts(text))
    assert len(parts) > 3 and sum(part.last is False for part in parts) >= 3
    in_parts = document.parse_list(text, "list.md")
    monkeypatch.setattr(document, "PART_LINES", 10**9)
    whole = document.parse_list(text, "list.md")
    assert in_parts.entries == whole.entries and in_parts.warnings == whole.warnings
    assert len(whole.entries) > 30 or header == "| A | B | C |"


def test_a_table_that_markdown_it_would_end_for_its_filled_cells_is_not_cut(monkeypatch):
    """markdown-it ends a table once it has filled in more empty cells than MAX_AUTOCOMPLETED_CELLS,
    counted from the table's start: a copy of the header would count afresh, so such a table stays whole."""
    import importlib

    table_rule = importlib.import_module("markdown_it.rules_block.table")  # the module, not its function
    monkeypatch.setattr(table_rule, "MAX_AUTOCOMPLETED_CELLS", 20)
    monkeypatch.setattr(document, "MAX_AUTOCOMPLETED_CELLS", 20)
    monkeypatch.setattr(document, "PART_LINES", 2)
    rows = [f"| Title Number {n} of a Paper |" for n in range(30)]  # two cells filled in a row: ends at row 11
    text = table_list("| Title | Venue | Code |", rows)
    assert all(part.table is None for part in document._parts(text))
    in_parts = document.parse_list(text, "list.md")
    monkeypatch.setattr(document, "PART_LINES", 10**9)
    assert in_parts.entries == document.parse_list(text, "list.md").entries


@pytest.mark.parametrize("line", ["| a | b |", "a | b", "|a|b", "| a \\| b |", "| a \\|", "|", "||", "| `x|y` |",
                                  "\\\\|a|", "|  |  |", " | a | ", "| a |\t", "\\|"])
def test_the_cells_of_a_row_are_counted_as_markdown_it_counts_them(line):
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block.table import escapedSplit

    columns = escapedSplit(mdTrim(line))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    assert document._cell_count(line) == len(columns)
