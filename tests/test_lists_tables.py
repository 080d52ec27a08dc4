"""Tables in any column order and vocabulary; tables that are no paper list are skipped."""

from pathlib import Path

from wsss_bib.lists import parse_list, read_list


def test_tables_of_other_shapes(data: Path):
    path = data / "lists" / "tables_any.md"
    parsed = read_list(path)
    rows = {entry.line: entry for entry in parsed.entries}
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (8, "A Fictional Milestone Paper", "", 2017),  # a Date column: "2017-06"
        (9, "Another Fictional Milestone Paper", "", 2020),
        (13, "A Fictional Segmentation Method", "", 2020),  # "20201004"; the remark names no venue
        (19, "A Fictional Paper Linked Outside Its Title", "cvpr", 2021),
        (23, "A Fictional Paper With A Links Cell", "INFFUS", 2025),
        (24, "A Fictional Paper In A Journal Written Out", "Pattern Recognition", 2021),
        (39, "A Fictional Recommender Paper With A Short Name", "Arxiv", 2023),  # Paper, not Name, is the title
    ]
    assert rows[39].arxiv_id == "2305.00065"
    assert rows[8].arxiv_id == "1706.00061"
    assert rows[13].arxiv_id == "2010.00062" and rows[13].code_url == "https://github.com/example/seg"
    assert rows[13].authors == ("Jane Doe",)
    assert rows[19].pdf_url.startswith("https://openaccess.thecvf.com/")  # in the "Paper" column
    links = rows[23]
    assert (links.pdf_url, links.link_doi, links.code_url) == (
        "https://doi.org/10.1016/j.inffus.2025.000001", "10.1016/j.inffus.2025.000001",
        "https://github.com/example/links")
    assert parsed.warnings == [f"{path}:26: table skipped: no column of paper titles (a results, benchmark or "
                               "dataset table, not a paper list)"]


def test_a_results_table_named_method_is_skipped():
    text = ("## 2020\n| Method | Pub. | Backbone | val |\n|---|---|---|---|\n"
            "| AffinityNet | CVPR18 | ResNet38 | 61.7 |\n| IRNet | CVPR19 | ResNet50 | 63.5 |\n")
    parsed = parse_list(text, "r.md")
    assert parsed.entries == []
    assert parsed.warnings == ["r.md:1: no paper rows found",
                               "r.md:2: table skipped: no column of paper titles (a results, benchmark or "
                               "dataset table, not a paper list)"]


def test_a_venue_in_another_column_and_a_year_from_its_venue_cell():
    text = ("| Title | Method | Link |\n|---|---|---|\n"
            "| A Fictional Lookup Table Paper | SR-LUT | [cvpr21](https://openaccess.thecvf.com/x.pdf) |\n"
            "| A Fictional Second Paper | X | [ICCV 2019](https://example.org/x.pdf) |\n")
    entries = parse_list(text).entries
    assert [(e.venue, e.year) for e in entries] == [("cvpr", 2021), ("ICCV", 2019)]


def test_a_table_without_outer_pipes_bare_code_urls_and_accepted_at(data: Path):
    parsed = read_list(data / "lists" / "pipes_no_border.md")
    assert [(e.title, e.venue, e.year, e.arxiv_id, e.code_url) for e in parsed.entries] == [
        ("A Fictional Value Factorisation For Many Agents", "AAMAS", 2018, "1706.00091", "https://github.com/example/vdn"),
        ("A Fictional Protocol For Agents That Talk", "ICML", 2019, None, "https://github.com/example/talk"),
    ]
    assert parsed.warnings == []


def test_a_mistyped_arxiv_link_is_warned_about_and_gives_no_id(data):
    path = data / "lists" / "arxiv_typo.md"
    parsed = read_list(path)
    assert [e.arxiv_id for e in parsed.entries] == [None, "2203.17801"]
    assert parsed.warnings == [f"{path}:6: arXiv link 'https://arxiv.org/abs/2203.1780x' holds no valid arXiv id; "
                               "the row keeps none"]


def test_tools_and_posts_in_a_paper_table_are_no_papers(data: Path):
    path = data / "lists" / "table_tools.md"
    parsed = read_list(path)
    rows = {entry.line: entry for entry in parsed.entries}
    assert [(n, e.title, e.year, e.arxiv_id) for n, e in rows.items()] == [
        (10, "MadeKV: A Made-Up Cache For Serving Language Models", 2024, "2406.00401"),  # "(@Nowhere Lab)" left
        (11, "A Made-Up Sequence Parallel Attention For Long Inputs", 2024, "2405.00402"),  # the nickname left
        (12, "A Made-Up Technical Report", 2024, None),
    ]
    assert rows[12].pdf_url == "https://github.com/example/madereport/blob/main/report.pdf"  # [[pdf]] on GitHub
    assert rows[12].code_url == "https://github.com/example/madereport"
    # a warning sign, documentation or a blog post in the paper column: a tool or a post
    assert [w for w in parsed.warnings if "row skipped" in w] == [
        f"{path}:{line}: row skipped: no paper link or venue" for line in (13, 14, 15)]


def test_a_placeholder_title_is_no_paper():
    text = ("## 2020\n| Date | Team | Title | Dice |\n|---|---|---|---|\n| 20201008 | Lab A | TBA | 0.758 |\n"
            "| 20201009 | Lab B | A Made-Up Method For Organs [(paper)](https://arxiv.org/abs/2010.00001) | 0.8 |\n"
            "| 20201010 | Lab C | tbd | 0.7 |\n")
    parsed = parse_list(text, "challenge.md")
    assert [e.title for e in parsed.entries] == ["A Made-Up Method For Organs"]
    assert [w for w in parsed.warnings if "empty title" in w] == [
        "challenge.md:4: row skipped: empty title", "challenge.md:6: row skipped: empty title"]


def test_a_method_name_after_the_title_is_not_part_of_it(data):
    rows = {e.line: e for e in read_list(data / "lists" / "duplicates.md").entries}
    assert (rows[33].title, rows[33].venue, rows[33].year) == ("Structural Made-Up Clustering Network", "WWW", 2020)
    assert rows[34].title == "Learning Made-Up Representations for Clustering"


def test_a_title_cell_with_its_authors_on_a_second_line():
    text = ("| Title | Conference | Year |\n| --- | --- | --- |\n"
            "| [A Made-Up Table Title](https://arxiv.org/abs/2101.00107)<br>Ann Lee, Bo Chen | CVPR | 2020 |\n")
    entry = parse_list(text).entries[0]
    assert (entry.title, entry.venue, entry.year, entry.arxiv_id) == ("A Made-Up Table Title", "CVPR", 2020,
                                                                      "2101.00107")


def test_a_weekly_digest_cell_holds_a_rank_a_title_and_a_description(data: Path):
    # "1) Title  This paper introduces …", "2) **Title** - argues that …": the title alone is the title
    parsed = read_list(data / "lists" / "weekly_digest_table.md")
    assert [(e.title, e.year, e.arxiv_id) for e in parsed.entries] == [
        ("Made-Up Diffusion Language Models", 2025, "2506.00041"),
        ("Rook Agents Are Not Enough", 2025, "2506.00042"),
        # two spaces after a colon are still the title's; in a ranked cell a dash before three words is not
        ("Reliability Does Matter: A Made-Up Segmentation Approach", 2025, "2506.00043"),
        ("Fenn: A Made-Up Model", 2025, "2506.00044"),
        # a question ends the title too; the description's own link names no title
        ("Can Made-Up Models Plan?", 2025, "2506.00045"),
        ("Rook-V2", 2025, "2506.00046"),  # "Rook-V2 -a strong …": the dash glued to the description
    ]


def test_a_title_cell_of_a_table_of_titles_keeps_its_dashes():
    # only a digest's cell (a rank, or a long cell) has a description to cut: "-marc- para" is the title's
    text = ("# L\n\n## 2017\n\n| Title | Venue | Paper |\n|---|---|---|\n"
            "| Los métodos -marc- para el fortalecimiento - una propuesta | TG | [pdf](https://example.org/a.pdf) |\n")
    assert [e.title for e in parse_list(text).entries] == [
        "Los métodos -marc- para el fortalecimiento - una propuesta"]


def test_the_lines_under_a_title_in_its_cell_give_its_authors_and_venue():
    """"**Title**<br>Ann Lee, Bo Chen<br>ACL 2021" in the title cell, with no venue column."""
    text = ("| Title | Links |\n|---|---|\n"
            "| **A Made-Up Parser For Trees**<br>Ann Lee, Bo Chen<br>ACL 2021 | "
            "[[paper]](https://arxiv.org/abs/2101.00901) |\n"
            "| A Made-Up Parser For Bushes <br> *EMNLP 2020* | [paper](https://aclanthology.org/madeup) |\n")
    entries = parse_list(text).entries
    assert [(e.title, e.venue, e.year, e.authors) for e in entries] == [
        ("A Made-Up Parser For Trees", "ACL", 2021, ("Ann Lee", "Bo Chen")),
        ("A Made-Up Parser For Bushes", "EMNLP", 2020, ()),
    ]


def test_a_table_of_models_whose_long_cells_are_their_data_has_no_title_column(data):
    # "| PTMs | Architecture | Pretraining Data | Params | Download |": the longest cells name the datasets a
    # model was trained on ("MadeSet (2M) + OtherSet (400K)"), never titles; the table is skipped with its note
    parsed = read_list(data / "lists" / "venue_lists_and_model_tables.md")
    assert all(entry.line < 13 for entry in parsed.entries)
    assert any(":13: table skipped: no column of paper titles" in warning for warning in parsed.warnings)


def test_a_row_whose_venue_says_blog_is_a_post_unless_it_links_its_paper(data: Path):
    path = data / "lists" / "table_venue_blog.md"
    parsed = read_list(path)
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (11, "A Made-Up Visual Agent", "arXiv", 2026),
        (12, "Introducing Made-Up Model 5", "Made-Up Lab", 2025),
        (13, "A Made-Up Tuner For Instructions", "", 2023),  # on arXiv, announced in a post: a paper, no venue
        (14, "A Made-Up Encoder For Images", "CVPR", 2024),
    ]
    assert f"{path}:10: 1 item under a heading of talks, blogs, videos or courses (or said to be one) skipped: " \
           "not papers" in parsed.warnings


def test_a_conference_list_of_bare_titles_takes_its_venue_from_the_title_and_skips_rows_of_one_cell(data: Path):
    """"# ICRA2021-paper-list" over "| Title | 8 |": each title is an ICRA 2021 paper; a session's row and a
    row continuing the authors of the one above fill only their first cell: no papers."""
    path = data / "lists" / "venue_list_table.md"
    parsed = read_list(path)
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (12, "A Made-Up Bayesian Mapper From Range Observations", "ICRA", 2021),
        (13, "Made-Up Attention For Planning With Perception", "ICRA", 2021),
        (15, "A Made-Up Synchronisation Of Quadrotors Carrying A Load", "ICRA", 2021),
        (18, "A Made-Up Failure Search From Expert States", "ICRA", 2021),
    ]
    assert [w for w in parsed.warnings if "only its first cell" in w] == [
        f"{path}:{n}: row skipped: only its first cell filled" for n in (11, 14, 16, 17)]


def test_a_date_cell_written_year_first_in_two_digits_dates_a_row_whose_venue_has_no_year(data: Path):
    parsed = read_list(data / "lists" / "short_date_table.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (8, "A Made-Up Search For Augmentation Policies", "TMLR", 2025),
        (9, "A Made-Up Forecaster Of Cycles", "NeurIPS", 2024)]
