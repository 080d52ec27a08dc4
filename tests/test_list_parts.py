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
    assert len(parts) > 3  # the bundled list has a heading per year
    assert all(part.count("\n") <= text.count("\n") for part in parts)
    # Each part keeps its lines where they were: padded with empty lines up to its first one.
    lines = text.split("\n")
    for part in parts:
        first = len(part) - len(part.lstrip("\n"))
        assert part.split("\n")[first:] == lines[first: first + len(part.split("\n")) - first]


def test_a_heading_inside_a_fence_or_after_a_reference_definition_is_no_split(monkeypatch):
    monkeypatch.setattr(document, "PART_LINES", 1)
    fenced = "# List\n\n```\n\n# not a heading\n\n```\n\n## 2021\n\nrow\n"
    assert [part.lstrip("\n").split("\n")[0] for part in document._parts(fenced)] == ["# List", "## 2021"]
    with_reference = "# List\n\n[ref]: https://example.org\n\n## 2021\n\n[x][ref]\n"
    assert list(document._parts(with_reference)) == [with_reference]
