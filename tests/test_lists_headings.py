"""Headings: sections that give rows a year and a venue, and papers written as headings."""

from pathlib import Path

from wsss_bib.lists import parse_list, read_list


def test_heading_entries_and_sections(data: Path):
    path = data / "lists" / "headings.md"
    parsed = read_list(path)
    assert [(e.line, e.shape, e.title, e.venue, e.year) for e in parsed.entries] == [
        (8, "heading", "A Fictional Paper Written As A Heading", "CVPR", 2019),
        (10, "heading", "A Fictional Heading With Its Venue Below", "ICML", 2019),
        (16, "heading", "A Fictional ICCV Paper Under A Venue Section", "ICCV", 2019),  # "### ICCV" under "## 2019"
        (24, "item", "A Fictional Challenge Entry Paper", "MICCAI", 2019),
    ]
    below = parsed.entries[1]
    assert below.arxiv_id == "1905.00052" and below.code_url == "https://github.com/example/below"
    assert parsed.entries[2].section == "2019 › ICCV"  # no list title: a level-1 heading of no year or venue
    assert parsed.warnings == []  # the challenge heading with a summary below is a section, not a paper


def test_a_subsection_keeps_the_year_and_gives_its_venue():
    text = "## 2021\n### CVPR\n- A Fictional Paper Without Its Own Venue [[paper](https://arxiv.org/abs/2101.00001)]\n"
    entry = parse_list(text).entries[0]
    assert (entry.venue, entry.year) == ("CVPR", 2021)


def test_a_quoted_year_in_a_heading_is_a_year():
    text = "## ICCV'19\n| Title | Venue |\n|---|---|\n| A Fictional Paper | ICCV |\n"
    assert parse_list(text).entries[0].year == 2019


def test_a_bold_label_is_a_section_until_the_next_heading():
    text = ("## Theory\n**Arxiv**\n- A Fictional Preprint [[2019]](https://example.org/p)\n"
            "## Other\n- A Fictional Paper Later [[2019]](https://example.org/q) by Doe et al.\n")
    parsed = parse_list(text)
    assert [(e.title, e.venue) for e in parsed.entries] == [("A Fictional Preprint", "Arxiv"),
                                                            ("A Fictional Paper Later", "")]


def test_a_bold_title_with_its_links_in_the_list_below(data: Path):
    path = data / "lists" / "details_below.md"
    parsed = read_list(path)
    splat, video = parsed.entries[0], parsed.entries[1]
    assert (splat.line, splat.shape) == (14, "heading")
    assert splat.title == "FakeSplat: A Fictional Renderer From Sparse Views"
    assert (splat.arxiv_id, splat.code_url, splat.project_url) == (
        "2403.00081", "https://github.com/example/fakesplat", "https://example.github.io/fakesplat")  # bare URLs
    assert splat.year == 2024  # no year written: the arXiv id's
    assert (video.title, video.code_url, video.pdf_url) == (
        "A Fictional Video Model With Code Only", "https://github.com/example/videomodel", None)
    # The link lines were read as the papers' details, not as items naming no paper.
    assert f"{path}:9: 2 list items named no paper (no title with a paper link, venue, or authors and year); " \
           "skipped" in parsed.warnings


def test_a_table_of_contents_below_a_heading_is_no_paper():
    text = "## Table of Contents\n\n* [NeurIPS](#nips)\n* [ICLR](#iclr)\n\n## NeurIPS\n"
    parsed = parse_list(text, "toc.md")
    assert parsed.entries == []


def test_titles_under_a_dated_venue_section_are_papers():
    text = "## KDD\n### KDD 2020\n* A Fictional Federated Method Without Links\n* [Contents](#top)\n"
    entries = parse_list(text).entries
    assert [(e.title, e.venue, e.year) for e in entries] == [
        ("A Fictional Federated Method Without Links", "KDD", 2020)]


def test_numbered_heading_entries_with_authors_an_abstract_and_labelled_links(data: Path):
    path = data / "lists" / "numbered_headings.md"
    parsed = read_list(path)
    assert [(e.line, e.shape, e.title, e.year, e.section) for e in parsed.entries] == [
        (17, "heading", "A Made-Up World Model For Driving Scenes", 2024, "2024 › Autonomous Driving"),
        (30, "heading", "A Made-Up Planner With Only A Video", 2024, "2024 › Autonomous Driving"),
        (40, "heading", "A Made-Up Grasping Policy From Language", 2023, "2023 › Robotics"),
        (46, "heading", "A Made-Up Policy With Its Links Listed", 2023, "2023 › Robotics"),
        (52, "heading", "A Made-Up Unnumbered Paper With Its Authors Said", 2023, "2023 › Robotics"),
        (64, "heading", "A Made-Up Unnumbered Paper With Only Its Links", 2022, "2022"),  # past its abstract
    ]
    world, planner, grasping, listed, unnumbered, links_only = parsed.entries
    assert (links_only.arxiv_id, links_only.venue) == ("2208.00306", "")
    assert (unnumbered.authors, unnumbered.arxiv_id) == (("Ida Penn",), "2307.00305")
    assert world.authors == ("Ada Quill", "Ben Rook")
    # the paper link is the labelled one, not the link inside the <details> abstract; the abstract's
    # venue, year and names are not the paper's, even where a blank line makes it markdown
    assert (world.venue, world.year) == ("", 2024)
    assert (world.arxiv_id, world.project_url, world.code_url) == (
        "2401.00301", "https://example.github.io/worldmodel", "https://github.com/example/worldmodel")
    assert "2301.00399" not in {link.url.rsplit("/", 1)[-1] for e in parsed.entries for link in e.links}
    assert (planner.arxiv_id, planner.authors) == ("2402.00302", ("Cal Fenn",))
    assert [link.kind for link in planner.links] == ["paper", "other"]  # "🎥 Video" is neither paper nor code
    assert grasping.authors == ("Dot Marsh", "Eli Stone", "Fay Lark")
    # its body a list of labelled details, read with it and not as items of their own
    assert (listed.authors, listed.arxiv_id, listed.code_url) == (
        ("Gus Hale", "Hal Ives"), "2306.00304", "https://github.com/example/policy")
    assert parsed.warnings == []
    # "## 1. How to read this list" links a guide, not a paper: a section, no entry
    assert all("read this list" not in e.title for e in parsed.entries)


def test_a_year_written_as_a_label_groups_the_topic_headings_beside_it():
    text = ("## 2024:\n## Autonomous Driving:\n### 12. A Made-Up Driving Paper\n**Authors**: Ann Lee\n\n"
            "[📄 Paper](https://example.org/a.pdf)\n## Robotics:\n### 13. A Made-Up Robot Paper\n"
            "**Authors**: Bo Chen\n\n"
            "[📄 Paper](https://example.org/b.pdf)\n## 2023:\n## Robotics:\n### 14. A Made-Up Older Paper\n"
            "**Authors**: Cy Diaz\n\n[📄 Paper](https://example.org/c.pdf)\n"
            "# Other\n## Surveys\n- A Made-Up Survey Of Nothing [[paper]](https://example.org/d.pdf)\n")
    entries = parse_list(text).entries
    assert [(e.title, e.year, e.section) for e in entries] == [
        ("A Made-Up Driving Paper", 2024, "2024 › Autonomous Driving"),
        ("A Made-Up Robot Paper", 2024, "2024 › Robotics"),
        ("A Made-Up Older Paper", 2023, "2023 › Robotics"),
        ("A Made-Up Survey Of Nothing", None, "Surveys"),  # a higher heading ends the year
    ]
    # without the colon a year heading is a section like any other: its sibling ends it
    assert parse_list("## 2021\n## Surveys\n- A Made-Up Survey [[paper]](https://example.org/e.pdf)\n"
                      ).entries[0].year is None


def test_a_heading_entrys_labelled_fields_are_never_papers(data: Path):
    path = data / "lists" / "heading_fields.md"
    parsed = read_list(path)
    assert [(e.line, e.shape, e.title) for e in parsed.entries] == [
        (10, "heading", "A Made-Up Steering Method Against Hallucination"),
        # a linked title on a site of no known kind is an entry because its body is fields
        (15, "heading", "A Made-Up Benchmark For Faithful Dialogue"),
        (24, "item", "A Made-Up Survey Of Hallucination In Generation"),
        # "Paper available [here](…)" says where the survey above it is: its paper link, not a paper
        (25, "item", "A Made-Up Survey With Its Paper Elsewhere"),
    ]
    assert parsed.entries[0].arxiv_id == "2101.00041"
    assert parsed.entries[3].arxiv_id == "2101.00043"
    assert parsed.entries[1].pdf_url == "https://direct.example.org/tacl/article/made-up-dialogue"
    # the blog post before the surveys links no paper
    assert f"{path}:23: 1 list item named no paper (no title with a paper link, venue, or authors and year); " \
           "skipped" in parsed.warnings


def test_a_labelled_list_under_a_section_heading_is_read_as_items():
    text = ("## Papers\n- **SLIP**: \"A Made-Up Planner For Household Robots\", ECCV, 2022. "
            "[[Paper](https://arxiv.org/abs/2101.00011)]\n")
    assert [e.title for e in parse_list(text).entries] == ["A Made-Up Planner For Household Robots"]


def test_a_heading_with_its_authors_in_italics_and_a_paper_link_below_is_an_entry():
    # hand-made: a heading entry whose body is an italic authors line, then a paragraph of links
    text = ("### A Made-Up Heading Paper Entry\n*Ann Lee, Bo Chen*\n\n"
            "[[Paper]](https://arxiv.org/abs/2101.00203)\n")
    entry = parse_list(text).entries[0]
    assert (entry.title, entry.authors, entry.arxiv_id) == (
        "A Made-Up Heading Paper Entry", ("Ann Lee", "Bo Chen"), "2101.00203")


def test_a_named_paper_under_a_heading_entry_is_not_its_field():
    # hand-made: a paper heading, then an item naming another paper after a short label
    text = ("### [A Made-Up Survey Of Planners](https://arxiv.org/abs/2101.00091)\n"
            "- **Comments:** Covers many planners. (ICML 2025)\n"
            "- **SLIP**: \"A Made-Up Planner For Household Robots\", ECCV, 2022. "
            "[[Paper](https://arxiv.org/abs/2101.00092)]\n")
    assert [e.title for e in parse_list(text).entries] == [
        "A Made-Up Survey Of Planners", "A Made-Up Planner For Household Robots"]


def test_a_topic_heading_named_like_a_resource_keeps_its_papers(data: Path):
    # "## Video" over arXiv papers is a topic; tutorials and talks linking sites and videos stay skipped
    path = data / "lists" / "topic_video_heading.md"
    parsed = read_list(path)
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (12, "Made-Up Video Diffusion at Scale", "CVPR", 2023, "2301.00073"),
        (13, "Made-Up Token Pruning for Video Language Models", "Arxiv", 2025, "2503.00074"),
    ]
    assert parsed.warnings == [
        f"{path}:17: 2 list items named no paper (no title with a paper link, venue, or authors and year); skipped",
        f"{path}:22: 1 item under a heading of talks, blogs, videos or courses (or said to be one) skipped: not papers"]


def test_an_institution_line_under_a_paper_heading_is_no_author_or_venue(data: Path):
    parsed = read_list(data / "lists" / "heading_institution.md")
    assert [(e.line, e.title, e.authors, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (8, "Made-Up Scaling of Sparse Models", (), "", 2023, "2301.00071"),
        (13, "Another Made-Up Paper on Long Inputs", (), "", 2023, "2301.00072"),
    ]
    assert parsed.warnings == []


def test_a_heading_over_its_authors_and_venue_is_an_entry():
    """"### Title" then "Ann Lee, Bo Chen. CVPR 2023.": the paragraph names only the people and the
    venue, so it describes the heading's paper (the heading-entry shape of headings.md, no link)."""
    text = ("# Made-Up\n\n## Planning\n\n### A Made-Up Planner For Robots\nAnn Lee, Bo Chen. CVPR 2023.\n\n"
            "### Planning In Practice\nThe papers below plan for made-up robots; see Lee et al. CVPR 2023.\n")
    entries = parse_list(text).entries
    assert [(e.line, e.title, e.venue, e.year, e.authors) for e in entries] == [
        (5, "A Made-Up Planner For Robots", "CVPR", 2023, ("Ann Lee", "Bo Chen"))]


def test_a_heading_over_its_venue_line_an_abstract_and_its_links_is_an_entry():
    """"#### Title", "*CVPR 2021*", a paragraph of abstract, "[[Paper]](…) [[Code]](…)": the line right
    under the heading is its venue, so the body is the paper's (the heading-entry shape of headings.md,
    with its abstract as a plain paragraph); "·" separates the parts of a line."""
    text = ("# Made-Up\n\n## Planning\n\n#### A Made-Up Planner With An Abstract\n*CVPR 2021*\n\n"
            "We propose a made-up planner that plans made-up things in made-up worlds, with many words.\n\n"
            "[[Paper]](https://arxiv.org/abs/2101.01401) [[Code]](https://github.com/example/planner)\n\n"
            "#### Another Made-Up Planner\nAnn Lee, Bo Chen · NeurIPS 2022 · [arXiv](https://arxiv.org/abs/2101.01402)\n\n"
            "### Made-Up Planners In General\nPlanning is a made-up field with many papers; see the made-up "
            "survey [here](https://arxiv.org/abs/2101.01403).\n")
    entries = parse_list(text).entries
    assert [(e.line, e.title, e.venue, e.year) for e in entries] == [
        (5, "A Made-Up Planner With An Abstract", "CVPR", 2021),
        (12, "Another Made-Up Planner", "NeurIPS", 2022),
    ]


def test_an_abstract_field_under_a_heading_entry_gives_none_of_its_facts(data):
    # "**Abstract**: … terms as "aligned", "orthogonal" …": a quoted word of the abstract is no title
    parsed = read_list(data / "lists" / "heading_abstract_field.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id, e.authors) for e in parsed.entries] == [
        (6, "Aligned, Orthogonal or Made-Up: When can we safely optimize made-up reasoning?", "", 2021,
         "2101.00701", ("Ann Lee", "Bo Chen", "Cy Diaz")),
        (15, "A Made-Up Second Paper on Planning", "", 2021, "2101.00702", ("Di Egan", "Ed Finch")),
    ]


def test_a_quoted_opening_with_a_subtitle_after_its_colon_is_one_title():
    # hand-made, in the shape of
    # CSQianDong/Awesome-arXiv-Daily-Reporter@48f8e84449034969f0e96fc813988460e9003492:1-Apr-2026/AI/README.md
    text = ('# "I Just Need a Made-Up Tool": Rethinking Onboarding with Made-Up Modeling Tools\n\n'
            "**Authors**: Fay Gale, Gus Hart  \n\n**Link**: [PDF](https://arxiv.org/pdf/2101.00703)  \n")
    assert [(e.title, e.arxiv_id, e.authors) for e in parse_list(text).entries] == [
        ('"I Just Need a Made-Up Tool": Rethinking Onboarding with Made-Up Modeling Tools', "2101.00703",
         ("Fay Gale", "Gus Hart"))]


def test_arxiv_and_four_digits_of_the_papers_own_id_are_its_year_and_month(data: Path):
    # "arXiv 2011; Pattern Recognition" over arxiv.org/…/2011.x: November 2020, not the year 2011; the
    # digits of an older version's id date that version; "arXiv 2012" with no id of 2012.x is a year
    parsed = read_list(data / "lists" / "arxiv_months.md")
    assert [(e.line, e.venue, e.year) for e in parsed.entries] == [
        (5, "Pattern Recognition", 2020),
        (9, "arXiv", 2021),
        (13, "arXiv", 2020),
        (17, "arXiv", 2012),
    ]


def test_a_heading_over_a_line_that_is_only_a_known_venue_is_an_entry(data: Path):
    # "#### [Title](a site's page)" then "NDSS 2023" alone: the line names where the paper appeared
    parsed = read_list(data / "lists" / "heading_venue_line.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (3, "Made-Up Triggered Patch Attacks on Cameras", "NDSS", 2023),
        (9, "Made-Up Lane Keeping Under Attack", "USENIX", 2021),
    ]


def test_a_search_engines_redirect_is_the_address_it_leads_to_and_open_access_publishers_are_known(data: Path):
    # "google.com/url?q=…", "scholar.google.com/scholar_url?url=…": pasted from a results page, they lead to the
    # paper; Hindawi and SpringerOpen are publishers; a search itself is no paper
    parsed = read_list(data / "lists" / "redirect_links.md")
    assert [(e.line, e.pdf_url) for e in parsed.entries] == [
        (3, "http://www.example.edu/workshop/papers/madeup-102.pdf"),
        (5, "https://www.mdpi.com/1424-0000/23/2/000/pdf"),
        (7, "https://www.hindawi.com/journals/madeup/2021/0000001/"),
        (9, "https://journalofmadeup.springeropen.com/articles/10.1186/s00000-019-0000-4"),
    ]


def test_heading_entries_with_authors_said_and_a_body_written_loosely(data: Path):
    """A numbered heading with its authors said is a paper before its link exists; an unfinished
    "</details" ends the abstract; "arxiv.org/pdf/…" is the paper's address; a note in brackets after a
    link's label ("📄 Paper (not yet)") is no title; a change log's dated lines are news, no papers."""
    parsed = read_list(data / "lists" / "heading_entries_body.md")
    assert [(e.line, e.title, e.year, e.arxiv_id, e.authors) for e in parsed.entries] == [
        (19, "A Made-Up Splatting For Real-Time Fields", None, None, ("Ada Quill", "Ben Rook")),
        (26, "A Made-Up Scene Generator Without Its Paper Yet", 2024, None, ("Cal Fenn", "Dot Marsh")),
        (36, "A Made-Up Segmenter With An Unfinished Tag", 2024, "2401.00401", ("Eli Stone", "Fay Lark")),
        (45, "A Made-Up Sorting Of Splats", 2024, "2402.00402", ("Gus Hale", "Hal Ives")),
    ]
    seminal, scenes = parsed.entries[:2]
    assert (seminal.pdf_url, seminal.code_url) == ("https://example.org/splatting_low.pdf",
                                                  "https://github.com/example/splatting")
    assert scenes.project_url == "https://example.github.io/scenes/"


def test_headings_opening_with_a_bullet_are_entries_with_a_workshop_tag_before_the_title(data: Path):
    """"##### • Title" with its authors in italics below is a paper, linked or not, under "### 2024 CVPR";
    "[HANDS19 Workshop]" and "[\\[3D HUMANS Workshop\\]](site)" before the title are tags, not the title."""
    parsed = read_list(data / "lists" / "bullet_headings.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id, e.authors[:1]) for e in parsed.entries] == [
        (12, "A Made-Up Denoiser For Hands Holding Things", "CVPR", 2024, None, ("Ada Quill",)),
        (15, "MadeHand: A Made-Up Relightable Hand", "CVPR", 2024, "2401.00601", ("Dot Marsh",)),
        (20, "A Made-Up Way To Part Pose From Looks", "", 2019, "1904.00602", ("Fay Lark",)),
        (24, "A Made-Up Refinable Net For Hands", "", 2019, None, ("Hal Ives",)),
    ]


def test_a_preprint_under_a_day_or_a_range_of_years_is_dated_by_its_arxiv_id(data: Path):
    """"# 2025-09-03" is the day a digest listed its papers, "### 2020 and before" a range: a preprint's own
    arXiv id dates it there; under "### 2024" the heading's year stands."""
    parsed = read_list(data / "lists" / "digest_days.md")
    assert [(e.line, e.year, e.arxiv_id) for e in parsed.entries] == [
        (10, 2025, "2509.00901"), (14, 2024, "2406.00902"), (22, 2024, "2309.00903"), (27, 2017, "1706.00904")]


def test_an_introduction_naming_papers_in_passing_and_an_event_heading_give_no_entries(data: Path):
    """Sentences that link papers in passing ("We provide a survey … [(TMI'24)](…)", "… [(paper)](…) and its
    successor [(paper)](…) …") and a workshop's heading over its challenge links are no papers; the table's
    row is, and so is a title with its preprint and the preprint's extension."""
    parsed = read_list(data / "lists" / "intro_and_events.md")
    assert [(e.line, e.title, e.arxiv_id) for e in parsed.entries] == [
        (22, "A Made-Up Benchmark For Interactive Segmentation", "2411.00904"),
        (26, "A Made-Up Defence Against Hidden Triggers in Deep Networks", "1902.00905")]


def test_a_list_titled_as_one_venues_papers_gives_its_venue_under_every_topic(data: Path):
    """"# CVPR2024-Papers-with-Code-Demo" titles the list: the topic headings after it at its level keep its
    venue and year, and a code address's user name ("ann1997") dates nothing."""
    parsed = read_list(data / "lists" / "venue_list_topics.md")
    assert [(e.line, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (10, "CVPR", 2024, "2312.00901"), (17, "CVPR", 2024, "2403.00902")]


def test_a_first_heading_that_only_names_a_venue_is_a_section_not_the_lists_title():
    """"# CVPR 2023" then "# Other Papers": the second heading closes the first; nothing says the list is one
    venue's."""
    parsed = parse_list("# CVPR 2023\n\n- [A Made-Up Paper On Leaves](https://arxiv.org/abs/2301.00901)\n\n"
                        "# Other Papers\n\n- [A Made-Up Paper On Roots](https://arxiv.org/abs/2302.00902)\n")
    assert [(e.venue, e.year) for e in parsed.entries] == [("CVPR", 2023), ("", 2023)]


def test_a_heading_that_translates_the_title_over_its_own_title_and_authors_as_labelled_fields(data: Path):
    """"### [中文标题](arXiv)" over "**原文**: Title", "**作者**: Ann Lee, …": an entry titled in its own words,
    its authors said; tags, summary and contributions are notes. "## Machine Learning" is a topic, not the
    journal, and the day's heading dates no preprint (their arXiv ids do)."""
    parsed = read_list(data / "lists" / "translated_headings.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (11, "Sentiment Analysis of Made-Up Financial Text", "", 2025, "2511.00901"),
        (29, "Prune4Web: Made-Up Pruning for Web Agents", "", 2025, "2511.00902")]
    assert parsed.entries[0].authors == ("Ada Quill", "Ben Rook", "Cal Fenn et al")
    assert parsed.entries[1].authors == ("Dot Marsh",)
    assert parsed.entries[1].section.endswith(" › Machine Learning")


def test_a_journals_name_that_is_also_a_field_heads_a_topic_unless_it_says_a_year():
    """"## Pattern Recognition" groups papers on the field; "## Pattern Recognition 2021" and "## PR" name the
    journal."""
    text = ("## Pattern Recognition\n\n- [A Made-Up Reader Of Digits](https://arxiv.org/abs/2101.00901)\n\n"
            "## Pattern Recognition 2021\n\n- [A Made-Up Reader Of Words](https://arxiv.org/abs/2101.00902)\n\n"
            "## PR\n\n- [A Made-Up Reader Of Maps](https://arxiv.org/abs/2101.00903)\n")
    assert [e.venue for e in parse_list(text).entries] == ["", "Pattern Recognition", "PR"]
