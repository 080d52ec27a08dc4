"""Paragraph entries: a top-level paragraph that opens in bold is one paper, read as one unit."""

from pathlib import Path

from wsss_bib.lists import parse_list, read_list


def test_citation_paragraphs_and_backslash_joined_entries(data: Path):
    path = data / "lists" / "paragraphs.md"
    parsed = read_list(path)
    assert [(e.line, e.shape, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (11, "paragraph", "Made-up learning of everything", "", 2015, None),
        (13, "paragraph", "A made-up residual network for pictures", "arXiv", 2016, "2101.00021"),
        (30, "paragraph", "A Made-Up Benchmark For Honest Language Models", "arXiv", 2023, "2101.00022"),
        (35, "paragraph", "A Made-Up Study Of Calibration Under Shift", "ICLR", 2023, None),
    ]
    first, honest = parsed.entries[0], parsed.entries[2]
    assert first.pdf_url == "http://www.example.org/quill-survey.pdf"  # the "**(note)**" after it is no venue
    assert first.authors == ("Ada Quill", "Ben Rook", "Cal Fenn")  # "Quill, Ada, Ben Rook, and Cal Fenn"
    assert parsed.entries[1].authors == ("Rook, Ben, et al",)  # the quote opening the title is not a name
    assert honest.authors == ("Eli Stone", "Fay Lark", "Gus Hale")  # the italic line of the unit
    assert honest.code_url == "https://github.com/example/honest"
    # "**Note**: …" opens in bold but names no paper; the blog post under "## Introductory Posts" is no
    # paper either: its "[[Link](…)]" points to a page on no paper site
    assert parsed.warnings == []


def test_a_bold_paragraph_of_prose_with_a_link_is_no_paper():
    text = "# A list\n\n**Contributions** are welcome: read [the guide](https://example.org/guide) first.\n"
    assert parse_list(text).entries == []


def test_a_paragraph_under_a_tutorial_section_is_no_paper():
    text = ("## Tutorial\n\n**A Made-Up Tutorial On Uncertainty** \\\n*Ada Quill, Ben Rook* \\\n"
            "COLING 2022. [[Link](https://example.org/tutorial.pdf)]\n")
    assert parse_list(text).entries == []


def test_prose_opening_with_a_bold_name_is_no_paper():
    text = ("# Awesome Made-Up\n\n**Awesome-Made-Up** is a curated list of papers on made-up learning, "
            "started with our survey in 2023 [paper](https://arxiv.org/abs/2101.00071).\n")
    assert parse_list(text).entries == []


def test_a_linked_title_alone_on_the_first_line_of_a_paragraph():
    # hand-made: the lines of one paper joined by <br>, its title linked
    text = ("# A list\n\n[A Made-Up Title As A Linked Paragraph](https://arxiv.org/abs/2101.00018) <br>\n"
            "Ann Lee, Bo Chen <br>\nCVPR 2022\n\n"
            "[Our made-up survey paper](https://arxiv.org/abs/2101.00019) has been accepted, read it.\n")
    parsed = parse_list(text)
    assert [(e.title, e.venue, e.year, e.authors) for e in parsed.entries] == [
        ("A Made-Up Title As A Linked Paragraph", "CVPR", 2022, ("Ann Lee", "Bo Chen"))]


def test_html_bold_title_paragraphs_with_the_year_inside_the_bold(data: Path):
    # "<b>Title (2016)</b> [[Paper]](…)": HTML bold is bold; the year in parentheses closes the title
    parsed = read_list(data / "lists" / "html_bold_paragraphs.md")
    assert [(e.line, e.shape, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        # "QuillNet … (2016) [[Link]](project page)": a dataset's page, no paper
        (14, "paragraph", "RookScan: A Made-Up Benchmark of Scanned Rooms", "ICCV", 2019, "2101.00031"),
        (21, "paragraph", "Made-Up Voxel Networks for Shape Recognition", "", 2017, "2101.00032"),
        # a line break inside the bold title is the title going on
        (24, "paragraph", "Made-Up Reinforcement Learning for Semantic Parsing of Large Point Clouds", "", 2017,
         "1707.00033"),
        # one word is a title when the paper link is on an archive; "RookCNN" links only a project page
        (27, "paragraph", "QuillScan", "CVPR", 2017, "1702.00034"),
    ]
    assert parsed.entries[1].code_url == "https://github.com/example/voxels"
    # "[[Link]](its page) [[Paper]](arXiv)": the paper is the arXiv link, the page its project
    assert (parsed.entries[0].pdf_url, parsed.entries[0].project_url) == ("https://arxiv.org/abs/2101.00031",
                                                                          "https://example.org/rookscan/")


def test_a_paragraph_that_is_only_a_linked_title_is_a_paper(data: Path):
    """"[Title](https://arxiv.org/abs/…)" alone, its summary in a list below: one paper; the date
    heading above it is the day it was listed, no paper, and the paper's own arXiv id dates it; a link
    alone to a page on no paper site is none, nor one to a PDF on a personal site (a thesis: nothing but
    its label says what it is)."""
    parsed = read_list(data / "lists" / "linked_title_paragraphs.md")
    assert [(e.line, e.shape, e.title, e.year, e.arxiv_id) for e in parsed.entries] == [
        (13, "paragraph", "Made-Up World Models for General Agents", 2021, "2101.00201"),
        (20, "paragraph", "Made-Up Coordination", 2021, "2101.00202"),
        (30, "paragraph", "Probing Made-Up Memory via Hidden State Recovery", 2021, "2101.00203"),
    ]
    assert not any("named no paper" in warning for warning in parsed.warnings)  # the summaries are the papers'


def test_a_paragraph_entry_of_three_lines_with_a_marked_venue_and_a_stray_bracket_before_its_address(data: Path):
    """The list's title, a sentence about its survey, is no entry; the paragraph's venue is MICCAI and its
    PDF link the preprint, whatever bracket a typo left before the address."""
    parsed = read_list(data / "lists" / "paragraph_lines.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (11, "A Made-Up Transformer For Scans", "MICCAI", 2022, "2205.00901")]


def test_bare_paragraphs_opening_with_a_linked_title_then_the_first_author_and_year(data: Path):
    """"[Title](…) (Ann P. Quill, TPAMI 1986)" as a paragraph of its own is a paper, its first author the name in
    brackets ("ACM SIGAPP SAC" is none); a heading over one is its topic, not a paper; a link to a venue's
    list of papers is none, nor a sentence going on after its link."""
    parsed = read_list(data / "lists" / "linked_paragraph_citations.md")
    assert [(e.line, e.title, e.venue, e.year, e.authors) for e in parsed.entries] == [
        (13, "A Made-Up Approach to Edge Detection", "TPAMI", 1986, ("Ann P. Quill",)),
        (15, "A Made-Up Corner Detector", "", 1988, ("Bo Rook",)),
        (19, "A Made-Up Introduction to Random Fields", "", 2010, ("Cy Fenn",)),
        (21, "A Made-Up Study Of Indexes", "ACM SIGAPP SAC", 2022, ())]
    assert parsed.entries[2].section == "Vision › Conditional Random Field"
