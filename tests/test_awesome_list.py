from pathlib import Path

import pytest

from wsss_bib.errors import InputError
from wsss_bib.lists import bundled_list, parse_list, read_list

HEADER = "| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"


@pytest.fixture
def quirks(data: Path):
    return read_list(data / "quirks.md")


def by_title(parsed, start: str):
    return next(e for e in parsed.entries if e.title.startswith(start))


def test_reads_every_row_with_its_year_and_line(quirks):
    assert [(e.line, e.year) for e in quirks.entries] == [
        (6, 2022), (7, 2022), (8, 2022), (13, 2020), (14, 2020), (15, 2020), (16, 2020), (17, 2020)]
    assert quirks.warnings == []


def test_heading_without_space_still_gives_the_year(quirks):
    assert by_title(quirks, "Mining").year == 2022  # written "##2022"


def test_mojibake_is_repaired_and_the_raw_text_kept(quirks):
    cian = by_title(quirks, "CIAN")
    assert cian.title == "CIAN: Cross-Image Affinity Net for Weakly Supervised Semantic Segmentation"
    assert "AfÔ¨Ånity" in cian.raw_title


def test_row_without_trailing_pipe_lowercase_pdf_and_extra_spaces(quirks):
    puzzle = by_title(quirks, "Puzzle-CAM")
    assert puzzle.arxiv_id == "2101.11253" and puzzle.code_url == "https://github.com/OFRIN/PuzzleCAM"
    reliability = by_title(quirks, "Reliability")
    assert reliability.title == ("Reliability Does Matter: An End-to-End Weakly Supervised "
                                 "Semantic Segmentation Approach")


def test_tilde_supervision_is_unknown_and_bare_code_has_no_link(quirks):
    reliability = by_title(quirks, "Reliability")
    assert reliability.supervision is None
    assert reliability.code_url is None and reliability.project_url is None


def test_project_page_is_not_a_repository(quirks):
    bana = by_title(quirks, "Background-Aware")
    assert bana.code_url is None
    assert bana.project_url == "https://cvlab.yonsei.ac.kr/projects/BANA"


def test_shared_repository_and_journal_extension_stay_two_entries(quirks):
    mining, looking = by_title(quirks, "Mining"), by_title(quirks, "Looking")
    assert mining.code_url == looking.code_url
    assert mining.venue == "ECCV" and looking.venue == "TPAMI"
    assert looking.arxiv_id is None and looking.pdf_url.endswith("9760057")


@pytest.mark.parametrize("url, expected", [
    ("https://arxiv.org/abs/2110.07110", "2110.07110"),
    ("https://arxiv.org/pdf/2203.03860.pdf", "2203.03860"),
    ("https://arxiv.org/pdf/1910.05475v2.pdf", "1910.05475"),
    ("https://arxiv.org/abs/1811.10842v2", "1811.10842"),
    ("https://arxiv.org/pdf/1911.08039v3", "1911.08039"),
    ("http://arxiv.org/abs/cs/0112017", "cs/0112017"),
    ("https://openaccess.thecvf.com/x/paper.pdf", None),
])
def test_arxiv_ids_from_abs_and_pdf_links(url, expected):
    text = f"## 2021\n{HEADER}| T | CVPR | Image | [PDF]({url}) | CODE |\n"
    assert parse_list(text).entries[0].arxiv_id == expected


def test_doi_in_a_publisher_link_is_kept(quirks):
    assert by_title(quirks, "End-to-end").link_doi == "10.1145/3474085.3475402"


def test_unreadable_rows_warn_with_their_line_and_the_rest_export():
    text = ("## 2021\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
            "|  | CVPR | Image | | |\n"
            "| Good paper | CVPR | Image | [PDF](https://arxiv.org/abs/2101.00001) | CODE |\n"
            "| Only a title |\n"
            "| Broken link | CVPR | Image | [PDF](htp:/nowhere) | CODE |\n"
            "| Good paper | CVPR | Image | [PDF](https://arxiv.org/abs/2101.00001) | CODE |\n")
    parsed = parse_list(text, "x.md")
    assert [e.title for e in parsed.entries] == ["Good paper", "Broken link"]
    assert any(w.startswith("x.md:4:") and "empty title" in w for w in parsed.warnings)
    assert any(w.startswith("x.md:6:") and "no venue" in w for w in parsed.warnings)
    assert any(w.startswith("x.md:7:") and "htp:/nowhere" in w for w in parsed.warnings)
    assert any(w.startswith("x.md:8:") and "duplicate of line 5" in w for w in parsed.warnings)


def test_table_without_year_heading_warns_and_keeps_rows():
    text = f"# List\n\n{HEADER}| A paper | CVPR | Image | | |\n"
    parsed = parse_list(text, "y.md")
    assert parsed.entries[0].year is None
    assert parsed.warnings == ["y.md:3: table has no year heading above it"]


def test_empty_file_warns():
    assert parse_list("", "empty.md").warnings == ["empty.md:1: no paper rows found"]


def test_not_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("## 2020\n| Caf\xe9 | CVPR |\n".encode("latin-1"))
    with pytest.raises(InputError) as err:
        read_list(path)
    assert str(err.value).startswith(f"{path}:2: not UTF-8")


def test_bundled_list_has_fifty_papers():
    parsed = read_list(bundled_list())
    assert len(parsed.entries) == 50 and parsed.warnings == []


def test_columns_are_found_by_their_header_names(data: Path):
    parsed = read_list(data / "other_columns.md")
    year_column = by_title(parsed, "Fictional Row With A Year")
    assert (year_column.venue, year_column.year) == ("CVPR", 2021)
    assert year_column.arxiv_id == "2101.00001" and year_column.code_url == "https://github.com/example/yearcol"
    assert by_title(parsed, "Fictional Row Without Links").year == 2019


def test_a_linked_title_is_the_paper_link_and_a_venue_year_counts(data: Path):
    linked = by_title(read_list(data / "other_columns.md"), "Fictional Linked")
    assert linked.title == "Fictional Linked Title"
    assert (linked.arxiv_id, linked.venue, linked.year) == ("2102.00002", "ECCV", 2020)  # the venue without its year


def test_only_a_table_whose_rows_lack_a_year_warns(data: Path):
    parsed = read_list(data / "other_columns.md")
    assert by_title(parsed, "Fictional Row With No Year").year is None
    assert parsed.warnings == [f"{data / 'other_columns.md'}:10: table has no year heading above it"]


def test_a_header_naming_no_title_column_is_no_paper_list_and_says_so():
    text = ("## 2020\n| Col 1 | Col 2 | Col 3 | Col 4 |\n|---|---|---|---|\n"
            "| X | CVPR | Box | [pdf](https://arxiv.org/abs/2001.00001) |\n")
    parsed = parse_list(text, "t.md")
    assert parsed.entries == []  # no fixed column order to fall back on: "X" is no title
    assert "t.md:2: table skipped: no column of paper titles" in parsed.warnings[1]


def test_subheadings_keep_their_sections_year_and_may_give_their_own(data: Path):
    parsed = read_list(data / "nested_headings.md")
    assert [(e.title.split()[-1], e.year) for e in parsed.entries] == [
        ("Subheading", 2021), ("Subheading", 2021), ("Subheading", 2019), ("Year", None)]
    assert parsed.warnings == [f"{data / 'nested_headings.md'}:25: table has no year heading above it"]


def test_each_row_knows_the_headings_it_is_under(data: Path, quirks):
    # The pages group rows by these: the open headings, less the list's own level-1 title.
    nested = read_list(data / "nested_headings.md")
    assert [e.section for e in nested.entries] == [
        "2021 › CVPR", "2021 › ICCV", "2021 › ICCV 2019 (a venue heading with its own year)", "Surveys"]
    assert [e.section for e in quirks.entries] == ["2022"] * 3 + ["2020"] * 5  # "##2022" counts as a heading


def nested_bullets(depth: int) -> str:
    return "".join("  " * level + f"- level {level}\n" for level in range(depth))


def test_rows_after_bullets_nested_past_markdowns_limit_are_still_read():
    """Item 8: markdown-it's nesting limit ended the document silently; every later row was dropped."""
    text = ("## 2022\n" + HEADER + "| First Paper on Segmentation | CVPR | Image | [PDF](https://x.org/1.pdf) | |\n\n"
            + nested_bullets(12) + "\n## 2021\n" + HEADER
            + "| Second Paper on Segmentation | ICCV | Image | [PDF](https://x.org/2.pdf) | |\n"
            + "| Third Paper on Segmentation | ECCV | Image | [PDF](https://x.org/3.pdf) | |\n")
    parsed = parse_list(text)
    assert [(e.title.split()[0], e.year) for e in parsed.entries] == [("First", 2022), ("Second", 2021),
                                                                    ("Third", 2021)]
    line = text.splitlines().index("  " * 9 + "- level 9") + 1  # the first item past the limit
    assert any(w.startswith(f"<list>:{line}: ") and "nested" in w and "lines" in w for w in parsed.warnings), \
        parsed.warnings


def test_a_document_nested_past_the_limit_to_its_end_says_how_many_lines_were_skipped():
    text = "## 2022\n" + HEADER + "| First Paper on Segmentation | CVPR | Image | [PDF](https://x.org/1.pdf) | |\n\n" \
        + "> " * 40 + "| Hidden | CVPR | Image | [PDF](https://x.org/h.pdf) | |\n" + "continued\n" * 5
    parsed = parse_list(text)
    assert [e.title for e in parsed.entries] == ["First Paper on Segmentation"]
    assert any(w.startswith("<list>:6: ") and "6 lines" in w for w in parsed.warnings), parsed.warnings


@pytest.mark.parametrize("length", [4001, 200_000])
def test_an_absurdly_long_title_is_a_warning_naming_its_line(length):
    """Item 9: a 4,001-character title was exported as `anon2022untitled`, without a word."""
    text = "## 2022\n" + HEADER + "| First Paper on Segmentation | CVPR | Image | [PDF](https://x.org/1.pdf) | |\n" \
        + f"| {'a' * length} | CVPR | Image | [PDF](https://x.org/2.pdf) | |\n"
    parsed = parse_list(text)
    assert [e.title for e in parsed.entries] == ["First Paper on Segmentation"]
    assert any(w.startswith("<list>:5: ") and f"{length:,} characters" in w for w in parsed.warnings), \
        parsed.warnings


def test_list_cells_lose_control_and_bidi_characters_and_keep_their_lines():
    """Item 5 for the list: the gate's rule (characters.clean_text) for text that enters a record."""
    text = "## 2022\r\n" + HEADER + "| A \x1b[31mRed\x07 Title\u202e on\x0bSegmentation\x7f | CVPR\x08 | Image | " \
        "[PDF](https://x.org/1.pdf) | |\n| Second\x00 Paper on Segmentation | ICCV | Image | " \
        "[PDF](https://x.org/2.pdf) | |\n"
    parsed = parse_list(text)
    assert [(e.title, e.venue, e.line) for e in parsed.entries] == [
        ("A Red Title on Segmentation", "CVPR", 4), ("Second Paper on Segmentation", "ICCV", 5)]
    assert parsed.warnings == []
