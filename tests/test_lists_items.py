"""Bullet and numbered items: one paper per item, in the grammars real lists use."""

import re
from pathlib import Path

import pytest

from wsss_bib import venues
from wsss_bib.lists import parse_list, read_list, titles


@pytest.fixture
def lists(data: Path) -> Path:
    return data / "lists"


def by_line(parsed):
    return {entry.line: entry for entry in parsed.entries}


def test_quoted_titles_with_acronyms_and_bracketed_links(lists):
    parsed = read_list(lists / "items_quoted.md")
    rows = by_line(parsed)
    fake = rows[7]
    assert (fake.title, fake.venue, fake.year, fake.arxiv_id) == (
        "A Fictional Planner for Household Robots", "ECCV", 2022, "2101.00011")
    assert fake.code_url == "https://github.com/example/fake"
    assert fake.project_url == "https://example.github.io/fake/"
    assert [link.kind for link in fake.links] == ["paper", "code", "project"]
    icra = rows[8]
    assert (icra.venue, icra.year, icra.arxiv_id) == (
        "International Conference on Robotics and Automation (ICRA)", 2024, "2101.00012")
    assert rows[9].venue == "arXiv"  # the acronym "TIP" names the method, not the journal
    assert (rows[10].venue, rows[10].year) == ("Nature Machine Intelligence", 2025)
    assert {e.shape for e in parsed.entries} == {"item"} and parsed.warnings == []


def test_piped_items_and_a_results_table_skipped_with_one_note(lists):
    parsed = read_list(lists / "items_pipes.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (14, "A Fictional Detector With Pyramids", "CVPR", 2017),
        (15, "Another Fictional Detector In Two Stages", "NIPSW", 2016),
        (16, "A Fictional Detector Without Acronym", "ICCV", 2019),
    ]
    assert parsed.entries[0].code_url == "https://github.com/example/fakenet"
    path = lists / "items_pipes.md"
    assert parsed.warnings == [
        f"{path}:7: table skipped: no column of paper titles (a results, benchmark or dataset table, "
        "not a paper list)",
        f"{path}:15: venue 'NIPSW' is not in the venue vocabulary (1 row); kept as written",
    ]
    assert parsed.unknown_venues == {"NIPSW": [15]}


def test_plain_titles_linked_titles_and_venues_before_or_after(lists):
    rows = by_line(read_list(lists / "items_plain.md"))
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (8, "A Fictional Title Followed By Its Venue", "CVPR", 2021),
        (9, "A Fictional Linked Title", "BMVC", 2021),
        (10, "A Fictional Title After Its Venue", "CVPR", 2021),
        (11, "A Fictional Title With Its Venue In Italics", "CVPR", 2021),
        (12, "A Fictional Title Before Its Bold Venue", "TPAMI", 2022),
        (13, "A Fictional Survey Linked By Its Date", "", 2022),
        (16, "A Fictional Preprint Under A Bold Label", "Arxiv", 2019),  # the label's venue
    ]
    linked = rows[9]
    assert linked.pdf_url == "https://example.org/project/" and linked.authors == ("Doe et al",)
    assert linked.code_url == "https://github.com/example/linked"
    assert rows[10].pdf_url.startswith("https://openaccess.thecvf.com/")
    assert rows[13].arxiv_id == "2211.00032"


def test_numbered_items_with_authors_below_or_after_the_title(lists):
    parsed = read_list(lists / "numbered.md")
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (6, "A Fictional Graph Network", "ICML", 2019),
        (10, "Short Title", "arxiv", 2020),
        (12, "A Fictional Distillation Method", "CVPR", 2019),
        (13, "A Fictional Teacher Without Venue", "arXiv", 2020),
        (14, "When Does A Fictional Trick Help?", "NeurIPS", 2019),
        (15, "A Fictional Title Between Pipes", "CVPR", 2017),
    ]
    assert rows[6].authors == ("Jane Doe", "John Roe")
    assert rows[12].authors == ("Roe, John et al",)
    assert rows[13].arxiv_id == "2005.00042"  # written "arXiv:2005.00042", with no link
    assert parsed.warnings == []


def test_a_bom_emoji_unknown_venues_and_items_that_are_no_papers(lists):
    path = lists / "quirks_bom.md"
    parsed = read_list(path)
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (9, "A Fictional Robust Method With Emoji", "", 2020),  # 2020: the first heading, behind the BOM
        (10, "A Fictional Paper At An Unknown Venue", "FAKECONF", 2020),
        (11, "A Fictional Medical Paper", "TMI", 2020),
        (12, "A Fictional Paper With A Curly Quote Year", "ICCV", 2019),
    ]
    assert parsed.unknown_venues == {"FAKECONF": [10]}
    assert parsed.warnings == [
        f"{path}:6: 3 list items named no paper (no title with a paper link, venue, or authors and year); skipped",
        f"{path}:10: venue 'FAKECONF' is not in the venue vocabulary (1 row); kept as written",
    ]


def test_details_in_sub_items_and_citations_authors_first(lists):
    parsed = read_list(lists / "details_below.md")
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items() if e.shape == "item"] == [
        (26, "A Fictional Load Monitoring Method", "IEEE Access", 2016),  # venue and authors in the sub-item
        (28, "A Fictional Disaggregation Benchmark", "BuildSys", 2019),
        (30, "A fictional safe exploration method for Gaussian processes", "ICML", 2015),
    ]
    assert rows[26].authors == ("J. Doe et al",)
    assert 27 not in rows and 29 not in rows  # the sub-items are no papers of their own


def test_comma_bullets_and_other_single_separators(lists):
    """`- Title, CVPR 2023, [arXiv](…)`: the venue + year after one separator is no part of the title."""
    parsed = read_list(lists / "items_comma.md")
    assert [(e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        ("A Fictional Field Of Radiance", "CVPR", 2023, "2101.00061"),
        ("Another Fictional Field Of Radiance", "ICCV", 2023, "2101.00062"),
        ("A Third Fictional Field", "ECCV", 2022, "2101.00063"),
        ("Mean Shift, Mode Seeking, and Fictional Clustering", "TPAMI", 2021, "2101.00064"),
        ("A Fictional Field Without A Year", "NeurIPS", None, "2101.00065"),
    ]
    assert [w.split(": ", 1)[1] for w in parsed.warnings] == ["1 paper with no year in the item or a heading above it"]


@pytest.mark.parametrize("name", ["sub_items.md", "continuation.md", "continuation_sub_items.md"])
def test_a_details_sub_item_never_becomes_an_entry(lists, name):
    """Every entry is a top-level item (or a sub-item with a linked title of its own), and no
    entry's title is a list of people: the author lines below each paper were read as its details."""
    path = lists / name
    parsed = read_list(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    linked_sub_item = re.compile(r"\s+[-*]\s+\[[^\[]")  # "  - [Title](…)": a paper of its own
    for entry in parsed.entries:
        written = lines[entry.line - 1]
        assert re.match(r"[-*]\s", written) or linked_sub_item.match(written), written
        assert not titles.looks_like_authors(entry.title), entry.title
    details = [n for n, line in enumerate(lines, 1) if re.match(r"\s+[-*]\s", line) and not linked_sub_item.match(line)]
    assert details and not set(details) & {entry.line for entry in parsed.entries}


def test_a_paper_on_its_own_lines_takes_every_sub_item_without_a_linked_title_as_its_details(lists):
    """However the details' names are spelt (lower case, cut short) and whatever follows the venue (its
    year after a comma, a note in brackets), a sub-item with no linked title describes the paper above."""
    parsed = read_list(lists / "continuation_sub_items.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (11, "A Made-Up Trigger Hidden In Cloud Training", "IEEE Journal on Made-Up Areas in Communications", 2021,
         None),
        (15, "A Made-Up Ink That Poisons Quietly", "arXiv", 2021, "2108.00301"),
        (19, "A Made-Up Guard Against Model Theft", "AAAI", 2022, None),
        # a name of eight words the vocabulary does not know is not taken for a venue; its year is
        (23, "Detecting Made-Up Backdoors In Classifiers Without Their Data", "", 2020, "1908.00302"),
        (27, "ebastien-Style Names Cut Short In A Made-Up Federated Defence", "arXiv", 2020, "2011.00303"),
        (33, "A Made-Up Detector Of Poisoned Data", "ICLR", 2021, "2101.00304"),
        (36, "A Made-Up Extension Of The Detector", "ICML", 2022, "2201.00305"),  # its own linked title
    ]
    assert parsed.entries[0].authors == ("Ada Quill", "Ben Rook", "Cal Fenn", "Dot Marsh")
    assert parsed.entries[5].authors == ("Sue Tate", "Tom Urr")


def test_a_linked_title_takes_authors_venue_and_year_from_its_sub_item(lists):
    parsed = read_list(lists / "sub_items.md")
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year, e.arxiv_id) for n, e in rows.items()] == [
        (9, "A Made-Up Contrastive Objective For Molecules", "ICLR", 2022, "2201.00101"),
        (11, "A Made-Up Pooling Operator For Graphs", "NeuIPS", 2022, "2202.00102"),  # kept as written
        (13, "A Made-Up Explainer Presented At A Workshop", "KDD Workshop", 2019, "1906.00103"),
        (15, "A Made-Up Submission Under Open Review", "Openreview", None, None),
        (17, "A Made-Up Preprint With A Comma Before Its Year", "arXiv", 2022, "2203.00105"),
        (22, "A Made-Up Aggregation Scheme For Graph Nets", "ArXiV", 2020, "2004.00106"),
        (27, "A Made-Up Attention Pooling For Graph Classification", "AAAI", 2020, "1911.00107"),
        (33, "A Made-Up Detector With A Summary Below", "CVPR", 2021, "2104.00110"),  # a sentence among details
        # sub-items with linked titles of their own under an item that only groups them
        (40, "A Made-Up Sub-Item Paper With Its Own Link", "ICML", 2021, "2101.00108"),
        (41, "Another Made-Up Sub-Item Paper", "NeurIPS", 2021, "2101.00109"),
        (45, "A Made-Up Parent Whose Link Sits Below", "ICML", 2021, "2105.00111"),  # "[[pdf]](…) Authors"
    ]
    assert rows[33].authors == ("Ada Quill", "Ben Rook")
    assert rows[9].authors == ("Ada Quill", "Ben Rook", "Cal Fenn")
    assert rows[22].authors == ("Gus Hale", "Hal Ives", "Ida Penn")
    assert rows[27].authors == ("Jo Kemp", "Kit Lowe", "Lu van den Berg")
    assert rows[22].code_url == "https://github.com/example/aggregation"
    # every venue is understood: the typo (said once), the workshop, OpenReview
    assert parsed.unknown_venues == {}
    assert f"{lists / 'sub_items.md'}:11: venue 'NeuIPS' read as NeurIPS, the nearest spelling the venue " \
           "vocabulary knows (1 row); kept as written" in parsed.warnings


def test_a_bullet_whose_parts_are_continuation_lines(lists):
    path = lists / "continuation.md"
    parsed = read_list(path)
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (9, "A Made-Up Theory Of Pretext Tasks", "ICML", 2019),
        (12, "A Made-Up Bound For Contrastive Losses", "NeurIPS", 2019),
        (17, "A Made-Up Video Pretext From Game Engines", "CVPR", 2018),  # one author alone below
        (22, "A Made-Up Face Tracker Adapted Without Labels", "CVPR", 2018),  # authors parted by ";"
        (25, "A Made-Up Sketch Learner Without A Paper Link", "CVPR", 2018),  # "Kit nath Lowe"
    ]
    assert rows[9].authors == ("Ada Quill", "Ben Rook") and rows[9].arxiv_id == "1901.00201"
    assert rows[12].code_url == "https://github.com/example/bound"
    assert rows[17].project_url == "https://example.org/game-pretext/"
    # the talks are no papers: one is a video, the other sits under "## Talks"
    assert f"{path}:32: 1 item under a heading of talks, blogs, videos or courses (or said to be one) skipped: " \
           "not papers" in parsed.warnings


def test_a_name_in_bold_parentheses_then_an_italic_title_and_a_code_set_venue(lists):
    parsed = read_list(lists / "acronym_parens.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (9, "FakeBERT: A Made-Up Language Model for Scientific Text", "EMNLP", 2019, "2101.00031"),
        # "X and Y …" in title case could be two names; after the "**(Name)**" it is the title
        (12, "Interactive and Explainable Made-Up Report Generation", "CVPR", 2023, "2101.00032"),
        (15, "FakeMat: A Made-Up Materials Model for Text Mining", "", 2022, "2101.00033"),
        (18, "Made Transformer", "ICML", 2021, None),  # two words, right after its name
    ]
    assert parsed.entries[0].code_url == "https://github.com/example/fakebert"  # the unindented link line


def test_a_sub_item_indented_too_little_still_describes_its_item(lists):
    parsed = read_list(lists / "loose_sub_items.md")
    rows = by_line(parsed)
    loose = rows[9]
    assert (loose.title, loose.venue, loose.year, loose.authors) == (
        "FakeSSL: Addressing A Made-Up Mismatch in Semi-Supervised Learning", "CVPR", 2022,
        ("Ada Quill", "Ben Rook", "Cal Fenn"))
    # two papers in a row: a title with "and" in it is not the authors of the item above
    assert rows[13].title == "Bridging Theory and Practice for Made-Up Adaptation"
    assert rows[14].title == "Proximal and Made-Up Random Reshuffling"
    assert 10 not in rows and 11 not in rows


def test_author_sub_items_as_a_pdf_writes_names_are_details(lists):
    rows = by_line(read_list(lists / "loose_sub_items.md"))
    assert (rows[18].title, rows[18].year, rows[18].arxiv_id) == (
        "GROF: Towards A Made-Up Robust Contrastive Objective", 2021, "2101.00051")
    assert (rows[20].title, rows[20].arxiv_id) == ("STF: A Made-Up Spatio-Temporal Infomax", "2101.00052")
    assert not any(line in rows for line in (19, 21, 23, 25))


def test_one_paper_under_two_method_names_is_one_entry(lists):
    path = lists / "loose_sub_items.md"
    parsed = read_list(path)
    assert [e.line for e in parsed.entries if e.arxiv_id == "2101.00053"] == [22]
    assert f"{path}:24: row skipped: duplicate of line 22" in parsed.warnings
    # the same without an arXiv id: one PDF link under two method names
    assert [e.line for e in parsed.entries if e.pdf_url and "madeup20a" in e.pdf_url] == [26]
    assert f"{path}:28: row skipped: duplicate of line 26" in parsed.warnings


def test_a_preprint_and_its_published_version_are_one_paper(lists):
    path = lists / "duplicates.md"
    parsed = read_list(path)
    rows = by_line(parsed)
    prompting = rows[15]
    assert (prompting.venue, prompting.year, prompting.arxiv_id) == ("arXiv", 2022, "2101.00061")
    program = rows[16]  # published first, its preprint later: the preprint's arXiv id joins it
    assert (program.venue, program.year, program.arxiv_id) == ("ICML", 2023, "2101.00062")
    assert f"{path}:20: row skipped: duplicate of line 15" in parsed.warnings
    assert f"{path}:21: row skipped: duplicate of line 16" in parsed.warnings
    assert (rows[22].venue, rows[23].venue) == ("CVPR", "TPAMI")  # one title at two venues: two papers


def test_one_title_with_one_arxiv_link_at_two_venues_is_one_paper(lists):
    path = lists / "duplicates.md"
    parsed = read_list(path)
    assert [(e.line, e.venue) for e in parsed.entries if e.arxiv_id == "2101.00065"] == [(26, "ICME")]
    assert f"{path}:27: row skipped: duplicate of line 26" in parsed.warnings


def test_a_comma_list_ending_a_title_is_the_title(lists):
    rows = by_line(read_list(lists / "duplicates.md"))
    assert (rows[24].title, rows[24].venue) == (
        "Made-Up-NAS: Upgrade Your Detector with NAS, Pruning and Dynamic Distillation", "CVPR")
    assert (rows[25].title, rows[25].authors) == (
        "Made-Up Distillation as Pre-training: Faster Convergence, Higher Efficiency, and Better Transfer",
        ("Lee et al",))


def test_a_bracketed_venue_before_the_title_and_authors_on_the_next_line(lists):
    parsed = read_list(lists / "venue_first.md")
    assert [(e.line, e.title, e.venue, e.year, e.authors) for e in parsed.entries] == [
        (7, "Made-Up Handshape Recognition With Extended Datasets", "EMNLP Findings", 2023, ("Ada Quill", "Ben Rook")),
        (9, "MadeSign: Exploring Made-Up Signals in Skeleton-based Recognition", "ICCV", 2023,
         ("Cal Fenn", "Dot Marsh", "Eli Stone")),
        (11, "A Made-Up Community Dataset For Isolated Recognition", "NeurIPS Dataset", 2023, ("Fay Lark", "Gus Hale")),
    ]
    assert parsed.warnings == []  # "NeurIPS Dataset" is NeurIPS's datasets track, a known venue


def test_a_date_before_a_bold_title_is_no_news_line(data):
    parsed = read_list(data / "lists" / "dated_items.md")
    assert [(e.line, e.title, e.year, e.arxiv_id) for e in parsed.entries] == [
        (7, "A Fictional Evaluation Of Dated Bold Titles", 2023, "2308.00066"),
        (9, "Another Fictional Paper With A Date Before It", 2023, "2306.00067"),
    ]  # "[2024-05] New fictional papers added": a news line, no paper
    assert parsed.entries[1].code_url == "https://github.com/example/dated"


def test_a_year_and_venue_before_a_dash_open_the_item(data: Path):
    # "2016-CVPR - Title. [[Paper]](…)": the prefix is the venue and year, the title follows the dash
    path = data / "lists" / "dated_venue_prefix.md"
    parsed = read_list(path)
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (6, "A Made-Up Introduction to Noisy Labels", "", 2014),
        (8, "Training Made-Up Networks with Noisy Labels", "ICLR W", 2015),
        (10, "Seeing Through Made-Up Annotators: Robust Classifiers", "CVPR", 2016),
        (12, "Combating Made-Up Noise Using Abstention", "ICML", 2019),
        (14, "A Made-Up Survey of Label Noise", "Arxiv", 2020),
        # the venue hyphenated to its publisher, a dash glued to the venue, spaces around the first dash
        (16, "A Made-Up Light Network for Noisy Faces", "IEEE-TIFS", 2017),
        (18, "Made-Up Pose Estimation using Label Correction", "Arxiv", 2018),
        (20, "Made-Up Adversarial Regularization for Label Noise", "IEEE PAMI", 2021),
    ]
    assert parsed.entries[2].code_url == "https://github.com/example/seeing"
    assert parsed.warnings == [f"{path}:22: 1 list item named no paper (no title with a paper link, venue, "
                               "or authors and year); skipped"]  # "2021 Trends … - [our slides](…)"


def test_key_word_and_digest_sub_items_describe_the_parent_and_a_template_is_no_paper(data: Path):
    parsed = read_list(data / "lists" / "key_word_sub_items.md")
    assert [(e.line, e.title, e.authors, e.year, e.arxiv_id) for e in parsed.entries] == [
        (11, "Made-Up Robustness Under Shift Is Not Free", ("Ann Lee", "Bo Chen", "Cy Diaz"), 2025, "2501.00061"),
        (16, "A Made-Up Study of Certified Forgetting", ("Dee Evans", "Fay Gold"), 2025, None),
    ]
    assert all("Key Word" not in e.title and "Digest" not in e.title for e in parsed.entries)


def test_a_date_before_a_plain_title_linked_on_arxiv_is_no_news(data: Path):
    parsed = read_list(data / "lists" / "dated_plain_titles.md")
    assert [(e.line, e.title, e.year, e.arxiv_id) for e in parsed.entries] == [
        (14, "Made-Up Compression of Large Models", 2023, "2305.00076"),
        (15, "Made-Up Quantization at Four Bits", 2023, "2306.00078"),
    ]
    assert parsed.entries[1].code_url == "https://github.com/example/four"


def test_an_event_linking_its_site_is_no_paper(data: Path):
    path = data / "lists" / "events_not_papers.md"
    parsed = read_list(path)
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (11, "A Made-Up Tutorial on Spectral Methods", "arXiv", 2021),
        (12, "Made-Up Robust Learning for Everyone", "NeurIPS", 2022),
    ]
    assert parsed.warnings == [f"{path}:9: 2 list items named no paper (no title with a paper link, venue, or "
                               "authors and year); skipped"]


def test_words_quoted_inside_a_title_do_not_make_the_title(data: Path):
    parsed = read_list(data / "lists" / "quotes_inside_titles.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (9, '"Give Me Made-Up Data or Give Me Nothing"? Trade-Offs in Made-Up Quantization', "Arxiv", 2024),
        (10, 'Made-Up Pruning Irreversibly Impairs "Difficult" Downstream Tasks', "ICML", 2024),
        (11, 'Decoupling "when to update" from "how to update"', "NIPS", 2017),
        (12, "A Made-Up Quoted Title of a Paper", "ICML", 2019),
        (13, "Eigenmadeup", "NAACL Abstract", 2024),  # one word, its [[Paper]] on arXiv; a linked name is no paper
    ]
    assert parsed.entries[3].authors == ("Ann Lee", "Bo Chen")


def test_citations_naming_their_authors_first(lists):
    """"Lee, A., Chen, B.,  / *[Title](…)*,  / Venue, year": the linked words after the authors are
    the title, on the authors' line or the next; a cross-reference to an entry elsewhere is none."""
    parsed = read_list(lists / "citations_authors_first.md")
    rows = by_line(parsed)
    assert [(n, e.title, e.year) for n, e in rows.items()] == [
        (11, "A Made-Up 64x64 Sensor With Low Latency", 2008),
        (13, "A Made-Up Stacked Sensor With Small Pixels", 2020),
        (16, "A Made-Up Frameless Optical Flow", 2012),
        (21, "A Made-Up Tracker With Events", 2015),
        (24, "A Made-Up Color Event Dataset", 2018),
        (27, "A Made-Up Report On Remote Monitoring", 2022),
    ]
    assert rows[16].authors == ("A. Quill", "F.-G. Lark", "E. Stone")
    assert rows[16].link_doi == "10.5555/fake.003"
    assert rows[21].authors == ("B. Rook", "Ö. Yılmaz", "I. Penn")  # the sub-item is a paper of its own
    assert venues.lookup(rows[24].venue).short == "CVPRW"


def test_bold_titles_followed_by_their_authors_are_papers(lists):
    """"- **Title;** Ann Lee, Bo Chen": a title set apart and the people (or team) who wrote it are a
    paper, with no link or year; a bold title followed by a URL alone names none."""
    parsed = read_list(lists / "bold_title_authors.md")
    rows = by_line(parsed)
    assert [(n, e.title) for n, e in rows.items()] == [
        (15, "A Made-Up Survey Of Multimodal Learning"),
        (16, "Another Made-Up Survey: Taxonomy And Challenges"),
        (17, "Trends In Made-Up Vision And Language Research"),
        (18, "A Made-Up Benchmark For Chain-Of-Thought Reasoning"),
        (19, "A Made-Up Study With Many Authors"),
        (23, "Made-Up-2: Open Models At A Practical Size"),
        (24, "The Made-Up Herd Of Models"),
    ]
    assert rows[15].authors == ("Ada Quill", "Ben Rook", "Cal Fenn")
    assert rows[16].authors == ("Dot Marsh", "Eli Stone")  # the note after them is not a name
    assert rows[18].authors == ("Gus Hale et al",)  # "etal" as "et al"
    assert len(rows[19].authors) == 6
    assert rows[23].authors == ("Made-Up Team, Example Lab",)


def test_a_preprint_dated_to_its_month_before_the_title(lists):
    rows = by_line(read_list(lists / "dated_preprints.md"))
    assert [(n, e.title, e.venue, e.year) for n, e in rows.items()] == [
        (8, "A Made-Up Framework To Reason Over Structured Data", "EMNLP", 2023),
        (9, "Made-Up Prompting With Iterative Verification", "arXiv", 2023),
        (10, "Made-Up Topologies Of Reasoning", "arxiv", 2024),
    ]


def test_items_under_a_workshops_heading_are_events_not_papers():
    """"# Workshops" lists events, as "## Talks" lists talks: their slides are no papers (the shape of
    uzh-rpg/event-based_vision_resources@a3cdd5d0353ff06a48aa70292c4b0fc2c17dfdc1:README.md)."""
    text = ("# Workshops\n\n- [ICCV 2021 Tutorial. Introduction To Made-Up Cameras](https://example.org/slides.pdf)\n"
            "- [IROS 2015 Made-Up Vision For Fast Robots (slides)](https://example.org/iros-slides.pdf), "
            "Workshop on Made-Up Sensing.\n\n# Papers\n\n"
            "- [A Made-Up Paper After The Workshops](https://arxiv.org/abs/2101.00501), CVPR 2021\n")
    assert [e.title for e in parse_list(text).entries] == ["A Made-Up Paper After The Workshops"]


def test_a_list_inside_an_items_details_block_is_its_abstract():
    """An item's `<details>` block is its abstract even when written as a list that links something:
    a defensive case (no measured list writes it), the sub-item kind of key_word_sub_items.md."""
    text = ("- **A Made-Up Segmenter For Dunes** [[Paper]](https://arxiv.org/abs/2101.00710)\n"
            "  <details>\n  <summary>Abstract</summary>\n\n"
            "  - This made-up paper proposes [a thing](https://arxiv.org/abs/2101.00799) in the abstract.\n"
            "  </details>\n\n- **A Made-Up Segmenter For Caves** [[Paper]](https://arxiv.org/abs/2101.00711)\n")
    assert [e.title for e in parse_list(text).entries] == ["A Made-Up Segmenter For Dunes",
                                                           "A Made-Up Segmenter For Caves"]


def test_items_written_as_the_lists_papers_are_papers(lists):
    """Twenty-two "- **Title;** Ann Lee, Bo Chen" items are papers by their authors; the list writes
    its papers so, so "- **Title;** Ada Quill" (one person) and "- **Title;** MadeUpCorp-AI" are too.
    A URL or "Tutorial; URL" after the title is another shape: no paper."""
    parsed = read_list(lists / "reading_list_shape.md")
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 24
    assert titles[-2:] == ["Made-Up Prompt Engineering", "A Made-Up Open Foundation Model"]
    assert any("2 list items named no paper" in warning for warning in parsed.warnings)


def test_a_few_items_of_a_shape_do_not_make_it_the_lists(lists):
    text = "\n".join(["# Made-Up", ""] + [f"- **A Made-Up Study Number {n};** Ada Quill, Ben Rook" for n in range(5)]
                     + ["- **A Made-Up Thing Alone;** Ada Quill", ""])
    assert len(parse_list(text).entries) == 5  # five papers say nothing of how the list writes them


def test_a_title_of_capitalised_words_joined_by_and_is_no_list_of_people(lists):
    # "Pruning and Quantization. Quill, Anna et al. ICCV 2019": the people come once, after the title
    parsed = read_list(lists / "titles_then_people.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (10, "Made-Up Pruning and Quantization Through Weight Sharing", "ICCV", 2019),
        (11, "Rethinking Made-Up Teachers and Students", "NeurIPS", 2020),
        (12, "Understanding and Improving Made-Up Distillation", "arXiv", 2021),
        # the italic words end the title, they are no title after a list of people
        (13, "Made-Up Flow Distillation: Towards Fast and Stable Made-Up Video Restyling", "ECCV", 2020),
        (14, "A Made-Up Paper Written People First", "ICML", 2019),  # people first still read
        (16, "A Made-Up Acceleration and Pruning Framework", "arXiv", 2021),
    ]
    rows = by_line(parsed)
    assert rows[12].arxiv_id == "2101.00301" and rows[14].authors == ("Ann Lee", "Bo Chen")


def test_a_sub_item_of_people_and_italic_words_under_a_titled_paper_is_its_venue(lists):
    # "  - A. Quill et al. *Made-Up Grid Letters.*": the paper above appeared there; no entry of its own
    parsed = read_list(lists / "sub_item_italic_venue.md")
    rows = by_line(parsed)
    assert [(n, e.title, e.venue, e.year, e.authors) for n, e in rows.items() if n < 16] == [
        (10, "A Made-Up Sparse Model for Online Load Monitoring", "Made-Up Grid Letters", 2015, ("A. Quill et al",)),
        (13, "A Made-Up Dataset of Household Energy", "Made-Up Data Journal", 2020, ("B. Rook et al",)),
    ]
    assert 11 not in rows and 14 not in rows
    # under a bold topic with no year or link, people and an italic title are a paper of their own
    assert 16 not in rows and rows[17].title == "A Made-Up Paper Listed Under A Topic"


def test_a_venue_link_saying_how_the_paper_was_presented_is_the_venue(lists):
    # "[[ICLR2018 Poster]](openreview)": the venue's link, not a poster; a "[[Poster]]" alone is one
    parsed = read_list(lists / "venue_link_presented.md")
    assert [(e.line, e.title, e.year, e.pdf_url) for e in parsed.entries] == [
        (7, "A Made-Up Approach to Shifting Domains", 2018, "https://openreview.net/forum?id=MadeUp01"),
        (8, "A Made-Up Adversarial Regularizer", 2018, "https://openreview.net/forum?id=MadeUp02"),
        (9, "A Made-Up Title With Its Poster", 2021, "https://arxiv.org/abs/2101.00311"),
    ]
    assert parsed.entries[0].venue.startswith("ICLR") and parsed.entries[0].code_url == "https://github.com/example/shift"


def test_the_titles_own_arxiv_link_wins_over_a_badge_with_another_id(lists):
    # the arXiv badge below the first paper was copied from the second: the title's link is its paper
    parsed = read_list(lists / "badge_continuation.md")
    assert [(e.line, e.title, e.arxiv_id, e.code_url) for e in parsed.entries] == [
        (7, "A Made-Up Controller for Video Models", "2101.00401", "https://github.com/example/ctrl"),
        (12, "A Made-Up Motion Guide for Video Models", "2101.00402", "https://github.com/example/motion"),
        (16, "A Made-Up Model Named By Its Repository", "2101.00403", "https://github.com/example/model"),
    ]


def test_an_implementation_in_a_notebook_is_no_paper(lists):
    # a notebook site (kaggle.com) holds code, like a code host: its linked name and year are no paper,
    # even where the list's own shape (a linked title, a comma) adopts items written like its papers
    parsed = read_list(lists / "notebook_implementations.md")
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 22 and all(title.startswith("A Made-Up Radiance Field for ") for title in titles)


def test_a_venue_first_then_a_comma_and_titles_with_bold_parts(lists):
    # "RSS 2024, **Name**: Rest of the title, [Website](…)": the venue opens the item, the bold is part of it
    parsed = read_list(lists / "venue_comma_bold_parts.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries if e.line < 23] == [
        (9, "MadeDex: A Made-Up Suite for Dexterous Hands", "arXiv", 2026, "2101.00601"),
        (10, "MadeNet: A Made-Up Network for Legged Robots", "arXiv", 2024, "2101.00602"),
        (11, "Made-Up Diffusion Policy: Visuomotor Learning via Simple Made-Up Points", "RSS", 2024, None),
        (12, "Made-Up Scaling Laws for Synthetic Robot Images", "CVPR", 2024, "2101.00603"),
        (13, "Offline Made-Up Learning Through Graph Search and Retrieval", "RSS", 2024, "2101.00604"),
        (14, "Leveraging Made-Up Symmetry in Legged Control", "arXiv", 2024, "2101.00605"),
        (15, "What Can Made-Up Sketches Do for Detection?", "CVPR award candidate", 2023, None),
        (16, "A Made-Up Theory of Cell Types", "ICLR outstanding paper honorable mentions", 2023, None),
        (17, "Made-Up Ghost on the Shell: A Made-Up Representation of Shapes", "ICLR oral", 2024, None),
        (18, "A Made-Up Bold Title", "CVPR", 2020, None),  # people after a bold title are no part of it
        (19, "From Made-Up Imitation to Refinement -- Residual Learning for Assembly", "arXiv", 2024, "2101.00608"),
        (20, "Made-Up MP: A Generalist Made-Up Motion Planner", "arXiv", 2024, None),
        (21, "A Made-Up Titled Paper", "", 2021, "2101.00609"),  # nor after its colon
        (22, "Made-Up Features Let Networks Learn High Frequencies", "NIPS", 2020, None),
    ]
    rows = by_line(parsed)
    assert (rows[23].title, rows[23].year) == ("MU-MPC2: Scalable, Robust Made-Up World Models", 2024)
    assert rows[24].title == "Is A Made-Up Image worth 1 video? Learning made-up encoders from one long video"
    assert (rows[25].title, rows[25].authors) == ("A Made-Up Bold Title For Two", ("Ann Lee", "Bo Chen"))
    assert (rows[26].title, rows[26].year) == ("MADE: A Made-Up Model for Shapes", 2024)
    assert rows[18].authors == ("Ann Lee", "Bo Chen") and rows[13].authors == ()
    assert rows[21].authors == ("Cy Diaz", "Di Egan")


def test_a_closing_quote_that_opens_nothing_is_no_part_of_the_title():
    # hand-made, in the shape of GT-RIPL/Awesome-LLM-Robotics@5d580c574854c468d98c931bcb307c9ae5dc3408:README.md
    text = ('# List\n\n* **Made-Up Agents in Mobile Robots**: Coverage Planning with Made-Up Models", '
            '*arXiV, Jul 2024*, [[Paper](https://arxiv.org/abs/2101.00607)]\n')
    assert [(e.title, e.arxiv_id) for e in parse_list(text).entries] == [
        ("Made-Up Agents in Mobile Robots: Coverage Planning with Made-Up Models", "2101.00607")]


def test_news_lines_set_in_bold_with_their_date_are_no_papers(lists):
    # "- **2024-07-22 We release a new paper: "[Title](…)" …**": news, whatever it links
    parsed = read_list(lists / "bold_news_lines.md")
    assert [(e.line, e.title, e.arxiv_id) for e in parsed.entries] == [
        (15, "A Made-Up Memory Editor at Scale", "2101.00803"),
    ]


def test_an_item_of_thousands_of_italic_runs_asks_about_only_the_ones_opening_it(monkeypatch):
    """`- *_*_*_…` (hand-made: 1,000 emphasis runs): each run was asked whether a venue follows it, and
    each question read the rest of the item, so the item took time cubic in its length (2,000 runs:
    94 s). Only italics opening the item can be its title; counted, not timed."""
    from wsss_bib.lists import grammar
    asked = []
    real = grammar._venue_follows
    monkeypatch.setattr(grammar, "_venue_follows", lambda text: asked.append(len(text)) or real(text))
    parse_list("## 2020\n- " + "*_" * 1000 + " A Paper, CVPR 2020\n")
    assert len(asked) <= 5


def test_a_dated_bold_title_may_speak_in_the_first_person(lists):
    # "[2019/11] **How Can We …?**": the bold after the date is a title, however it speaks ("We");
    # only a bold holding the date too ("**2024-01-03 We release …**") is news
    entries = by_line(read_list(lists / "dated_bold_people_italic.md"))
    assert [(entries[n].title, entries[n].arxiv_id) for n in (11, 13) if n in entries] == [
        ("How Can We Tell What Made-Up Models Know?", "2101.00902"),
        ("Do We Need Made-Up Agents?", "2101.00904"),
    ]


def test_italic_people_after_a_bold_title_are_no_part_of_it(lists):
    # "**Title** *Cy Diaz oet al. arXiv.*": the italics after the bold are another field, not more of the title
    parsed = read_list(lists / "dated_bold_people_italic.md")
    assert [(e.line, e.title, e.arxiv_id) for e in parsed.entries] == [
        (10, "Made-Up Models of Code are Few-Shot Learners", "2101.00901"),
        (11, "How Can We Tell What Made-Up Models Know?", "2101.00902"),
        (12, "Made-Up Agent: Playing Imperfect Games with a Made-Up Mind Aware GPT-4", "2101.00903"),
        (13, "Do We Need Made-Up Agents?", "2101.00904"),
    ]


def test_venue_spellings_a_typo_a_workshop_a_journal_and_a_submission(lists):
    # issue 24, item 4: every spelling is read, and a submission is not the venue (the year stays)
    parsed = read_list(lists / "venue_spellings.md")
    read = [(e.line, e.title, e.venue, e.year) for e in parsed.entries]
    assert read == [
        (9, "A Made-Up Sparsifier For Noisy Graphs", "NCA", 2023),
        (10, "Ranking Made-Up Pages By Their Shadows", "ACM Trans. Web", 2023),
        (11, "Mining Made-Up Streams Of Small Graphs", "KDD Workshop", 2019),
        (12, "Learning To Forget Made-Up Facts Gently", "NeuIPS", 2021),  # kept as written
        (13, "Made-Up Sparse Experts For Tiny Devices", "NeurlPS", 2022),
        (14, "Made-Up Curriculum Games With Noisy Teachers", "Openreview", 2023),
        (15, "Made-Up Quiet Gradients In Deep Nets", "arXiv", 2022),
        (16, "Seeing Through Made-Up Fog With Event Cameras", "", 2024),
        (17, "Seeing Through Made-Up Rain With Event Cameras", "", 2024),
        (18, "MadeSnow: Seeing Through Snow With Event Cameras", "arXiv", 2024),  # its preprint
        (19, "Seeing Through Made-Up Hail With Event Cameras", "", 2024),
        (20, "A Made-Up Venue Nobody Knows", "NCVPR", 2022),
    ]
    assert [(venues.lookup(v).short, venues.lookup(v).csl_type) for _, _, v, _ in read[:6]] == [
        ("NCA", "article-journal"), ("TWEB", "article-journal"), ("KDDW", "paper-conference"),
        ("NeurIPS", "paper-conference"), ("NeurIPS", "paper-conference"), ("OpenReview", "article")]
    assert venues.lookup("NCVPR") is None  # a known name with a letter added is no typo of it
    warned = "\n".join(parsed.warnings)
    assert "venue 'NeurlPS' read as NeurIPS" in warned and "venue 'NeuIPS' read as NeurIPS" in warned
    assert "submission" not in warned  # no unknown venue "CVPR submission"


def test_bold_title_words_go_on_to_the_link_and_a_bold_name_before_a_colon_names_no_people(lists):
    parsed = read_list(lists / "venue_openings.md")
    rows = by_line(parsed)
    assert [(rows[n].title, rows[n].venue, rows[n].year) for n in (8, 9, 10)] == [
        ("Made-Up Parkour Learning", "arXiv", 2024),  # the link's label "Website" is no person
        ("Made-Up Feature Fields Enable Few-Shot Guided Grasping", "CoRL best paper", 2023),  # four words: no person
        ("Plan Here, Act There: Efficient Made-Up Exploration via Model-Based Control", "ICLR", 2019),
    ]
    assert rows[10].arxiv_id == "2101.00801" and all(not rows[n].authors for n in (8, 9, 10))


def test_a_journal_named_in_full_or_without_its_year_and_two_venues_open_the_item(lists):
    # "IEEE Transactions on … 2015, Title", "Science Robotics, Title", "arXiv 2024.09 / CoRL 2024 Oral, Title"
    rows = by_line(read_list(lists / "venue_openings.md"))
    assert [(rows[n].title, rows[n].venue, rows[n].year) for n in (11, 12, 13)] == [
        ("The Made-Up Taxonomy of Human Grip Types", "IEEE Transactions on Human-Machine Systems", 2015),
        ("Intrinsic made-up sense of touch for physical human-robot contact", "Science Robotics", None),
        ("Robot Sees Robot: Imitating Made-Up Objects with Monocular Video", "CoRL Oral", 2024),  # where it appeared
    ]
    assert 14 not in rows  # words after a venue's name make it no opening, and nothing is left of a paper
    assert (rows[17].title, rows[17].venue, rows[17].year) == (
        "Body Design of a Made-Up Tripedal Soft Robot", "RoboSoft", 2024)  # a venue the vocabulary knows


def test_a_link_first_then_its_title_is_a_paper_when_the_link_is_a_paper_sites_page(lists):
    # "[website](https://openreview.net/forum?id=…), Title": a paper site's page is the paper, whatever its
    # label; a product's post, a code link alone or an event page there make no paper
    parsed = read_list(lists / "link_first_items.md")
    rows = by_line(parsed)
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (8, "Position: Made-Up Simulation Is Neither Necessary Nor Sufficient", "", None),
        (9, "A Made-Up Gripper For Soft Fruit Picking", "", None),
        (13, "Made-Up Pen Spinning Using a Fast Multifingered Hand", "Humanoid", 2006),
        (14, "Humanoid Made-Up Learning", "arXiv", 2024),  # a venue's name inside a bold title is the title's
    ]
    assert rows[8].pdf_url == "https://openreview.net/forum?id=MadeUp91"
    assert rows[9].pdf_url == "https://ieeexplore.ieee.org/document/1234567"


def test_a_submission_opening_an_item_says_enough_and_single_words_after_a_colon_are_its_subtitle(lists):
    # "CVPR 2024 submission, **Name**: Subtitle, [Github](…)": the year and where it was sent, as a venue would
    rows = by_line(read_list(lists / "venue_openings.md"))
    assert [(rows[n].title, rows[n].venue, rows[n].year, rows[n].authors) for n in (15, 16)] == [
        ("MadeSAM: Faster Made-Up Segmenting of Everything", "", 2024, ()),
        ("Made-Up Transformer V3: Simpler, Faster, Stronger", "arXiv", 2024, ()),  # single words: no people
    ]


def test_venues_in_parentheses_after_a_plain_title_full_width_or_after_a_comma(lists):
    # "Title （APSys 2020)": full-width brackets are brackets; "Title, More Words (arXiv 2024)": the words
    # before a bracketed venue are the title's; "Relax and Let …", "Combining … and Large …" are no people
    # describing the item above them
    parsed = read_list(lists / "parenthesised_venues.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (5, "Made-Up Learned Index for Text Keys", "APSys", 2020),
        (6, "Another Made-Up Index for Many Cores", "PPoPP", 2020),
        (7, "A Made-Up Optimizer for Adaptive, Fine-Grained Knob Tuning", "arXiv", 2024),
        (8, "Made-Up Partitioning in Shared-Nothing, Parallel OLTP Engines", "MUDB", 2012),
        (10, "Relax and Let the Made-Up Engine Do the Partitioning", "MUW", 2011),
        (12, "Combining Small Made-Up Models and Large Made-Up Models for Queries", "MUDB", 2024),
        # people with a place among them, a stop, then the venue: still the item's details
        (16, "Made-Up Feature Learning by Spotting Flaws", "CVPR", 2018),
    ]


def test_a_field_followed_by_its_venues_is_no_paper(lists):
    # "- Made-Up Learning : ICLR, NeurIPS, ICML": several venues, no year, no paper link: where a field
    # publishes, not a paper
    parsed = read_list(lists / "venue_lists_and_model_tables.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (9, "A Made-Up Study of Token Pruning", "ICLR", 2023)]


def test_plain_titles_with_a_year_alone_in_brackets_among_plain_titles_with_venues_are_papers(lists):
    # twenty items or more "* Title (Venue 2019)" are papers: "* Title (2020)", the same shape with its year
    # alone, is one too; "* Title" with no year says nothing
    parsed = read_list(lists / "plain_titles_dated.md")
    rows = by_line(parsed)
    assert len(parsed.entries) == 23
    assert [(rows[n].title, rows[n].venue, rows[n].year) for n in (26, 27)] == [
        ("Made-Up Learned Radix Splines", "", 2020), ("Made-Up Notes on Learned Structures", "", 2019)]
    assert 28 not in rows


def test_database_venues_are_known_and_a_cheer_after_an_award_is_no_part_of_the_venue(lists):
    # "(CIDR 2023)" after a two-word title, a typo of SIGMOD, PACMMOD named in full, "(SIGMOD 2021 **Best Paper**!)"
    parsed = read_list(lists / "database_venues.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (3, "Made-Up Gyms", "CIDR", 2023),
        (4, "A Made-Up Learned Planner for Joins", "SIGMDO", 2022),  # read as SIGMOD, kept as written
        (5, "Made-Up Hybrid Index Construction", "Proceedings of the ACM on Management of Data", 2024),
        (6, "Made-Up: Making Learned Planning Practical", "SIGMOD Best Paper", 2021),
    ]
    assert [venues.lookup(e.venue).short for e in parsed.entries] == ["CIDR", "SIGMOD", "PACMMOD", "SIGMOD"]
    assert any("'SIGMDO' read as SIGMOD" in warning for warning in parsed.warnings)


def test_a_number_glued_to_its_item_is_an_item_and_a_bracketed_tag_opens_the_title(lists):
    # "3.[arXiv 2021] **Title**", "4 [Arxiv 2022]**Title**": no items in markdown, lines of the item above;
    # "[Nature Made-Up Itelligence 2022] Title", "[The Journal of Made-Up Physics] **Title**": a tag, then the title
    parsed = read_list(lists / "glued_numbers_and_tags.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (5, "Made-Up Graph Contrastive Learning", "ICML", 2021, "2106.00601"),
        (6, "Made-Up Pretraining on Big Graphs", "KDD", 2021, "2105.00602"),
        (7, "Made-Up Group Contrast on Graphs", "arXiv", 2021, "2107.00603"),
        (8, "Made-Up Fine-Tuning via Transport", "Arxiv", 2022, "2203.00604"),
        (12, "Made-up molecular learning for property prediction", "Nature Made-Up Itelligence", 2022, None),
        (13, "Made-Up Transfer Across Atomic Systems", "", None, None),
    ]


def test_a_note_in_lower_case_words_before_the_venues_brackets_is_no_part_of_the_title(lists):
    # "* Title (not machine learning) (MUDB 2014)": the list's remark on the paper, then its venue
    parsed = read_list(lists / "notes_before_venues.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (3, "Towards Predicting Made-Up Query Times for Mixed Workloads", "MUDB", 2014),
        (4, "Made-Up Join Planning Without Learning", "MUDB", 2015),
    ]


def test_a_bold_title_with_words_joined_by_and_is_no_list_of_people(lists):
    """"**Study: Languages and Positions Matter**. *Ann Lee, Bo Chen*": the bold words after the colon are
    the title's, the italics its authors; a subtitle after a question mark goes on ("? Maybe, but not
    today."); a news line dated day/month/year names no paper, nor makes the list's title one."""
    parsed = read_list(lists / "numbered_bold_colon.md")
    assert [(e.line, e.title, e.venue, e.year, e.authors[:1]) for e in parsed.entries] == [
        (13, "A Made-Up Study Of Attacks On Translation: Languages and Positions Matter", "ACL-IJCNLP", 2021,
         ("Ada Quill",)),
        (14, "Made-Up Text Processing Like People Do: Seeing and Shielding Systems", "NAACL-HLT", 2019,
         ("Cal Fenn",)),
        (16, "Can Made-Up Models beat the old tools in diagnosis? Maybe, but not today", "arXiv", 2023,
         ("Fay Lark et al",)),
    ]


def test_labelled_fields_and_the_notes_under_them_are_the_papers_never_papers(lists):
    """"  - Task: …", "  - Publish Date: 2024.03.17", "  - Summary:" with notes nested under it that link
    other work: the paper's, never papers, and no venue; "* [06/11] [Title](…) (from Made-Up Group)" is a
    paper dated by its year heading, its maker no author."""
    parsed = read_list(lists / "sub_item_fields.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id, e.authors) for e in parsed.entries] == [
        (12, "A Made-Up Prediction With Context", "", 2024, "2403.00801", ("Ada Quill", "Ben Rook")),
        (20, "On the Road With Made-Up Models", "", 2023, "2311.00803", ("Cal Fenn", "Dot Marsh")),
        (31, "A Made-Up Omni Model For Perception", "", 2025, "2506.00805", ()),
        (32, "A Made-Up Generalist For Motion", "", 2025, "2505.00806", ()),
        (36, "A Made-Up Checker For Tampered Splats", "", 2025, "2508.00807", ("Eli Stone", "Fay Lark")),
        (42, "A Made-Up Planner Accepted Somewhere", "ICML", 2024, "2402.00808", ("Gus Hale", "Hal Ives")),
    ]


def test_gbt_citations_end_their_title_at_the_document_type(lists):
    """"Authors. Title[C]//Proceedings of …, 2009: 532-539." and "Title[J]. Journal, 2011, 38(3)": the type
    glued to the title ends it; what follows is where it appeared."""
    parsed = read_list(lists / "gbt_citations.md")
    assert [(e.title, e.venue, e.year) for e in parsed.entries] == [
        ("The wisdom of made-up crowds: a filtering approach from expert opinions", "", 2009),
        ("A made-up two-stage forecasting model for fashion retail", "Expert Systems with Applications", 2011),
        ("BPR-ish: made-up personalized ranking from implicit feedback", "", 2009),
    ]


def test_a_venues_year_in_two_digits_after_a_space(data: Path):
    """"…, ICS 22", "…, SC 19": the venue's year; "COVID-19" in a title is no year (the arXiv id dates it)."""
    parsed = read_list(data / "lists" / "by_authors_short_years.md")
    assert [(e.line, e.venue, e.year) for e in parsed.entries] == [
        (8, "ICS", 2022), (9, "SC", 2019), (10, "", 2020)]


def test_one_person_in_italics_whom_the_list_names_among_authors_is_no_venue(data: Path):
    """"*Ron Quill*" alone under a title reads like a venue; the list names Ron Quill among another paper's
    authors, so that paper is his and its venue is its heading's."""
    parsed = read_list(data / "lists" / "numbered_bold_authors.md")
    assert [(e.line, e.venue, e.year, e.authors) for e in parsed.entries] == [
        (8, "NeurIPS", 2023, ("Ron Quill",)), (12, "NeurIPS", 2023, ("Ada Marsh", "Ron Quill", "Bea Stone"))]
    assert not parsed.unknown_venues


def test_a_tools_details_block_titled_paper_cites_the_papers_that_are_the_items_entries(data: Path):
    """"- [Tool](…) - what it does. <details><summary>Paper</summary> Citation …</details>": each citation line is
    a paper, at its own line; the tool's description is none, nor a tool without such a block."""
    parsed = read_list(data / "lists" / "tools_citing_papers.md")
    assert [(e.line, e.title, e.year) for e in parsed.entries] == [
        (10, "Made-Up Methods for Annotating Cells", 2021),
        (15, "Made-Up Practices in Single-Cell Analysis: A Tutorial", 2019),
        (16, "A Made-Up Benchmark of Cell Filters", 2020)]
    assert parsed.entries[1].authors == ("Cal D. Fenn", "Dot J. Marsh")


def test_a_heading_of_several_resources_is_one_of_resources():
    text = ("### Books / Slides\n\n- [Made-Up Sequence Labelling](https://example.org/book.pdf)\n\n"
            "### Papers and Talks\n\n- [A Made-Up Paper On Labels](https://arxiv.org/abs/2001.00001)\n")
    assert [e.title for e in parse_list(text).entries] == ["A Made-Up Paper On Labels"]


def test_books_are_no_papers_and_a_report_after_its_institution_is_titled_by_its_link(data: Path):
    """Under "### Books" nothing is a paper, a publisher's page of a whole book neither; a heading over named
    things with their years ("* **Name**, 2024. [[link]](…)") is no paper with its details; the one linking its
    preprint is the preprint's entry."""
    parsed = read_list(data / "lists" / "books_and_reports.md")
    assert [(e.line, e.title, e.year) for e in parsed.entries] == [
        (15, "Distributed Consensus Made Up", None), (16, "A Made-Up Comparison of Merge Trees", 2014),
        (21, "K-MadeUp", 2023)]


def test_items_written_like_table_rows_open_with_their_year(data: Path):
    parsed = read_list(data / "lists" / "pipe_items.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (6, "Made-Up AutoML: A Survey of the State-of-the-Art", "arXiv", 2019),
        (7, "On Made-Up Hyperparameter Optimization: Theory and Practice", "Neurocomputing", 2020)]


def test_in_a_list_written_people_first_names_before_a_colon_are_the_people(data: Path):
    """Among papers written "Ann Lee, et al.: Title, Venue Year", one person, two joined by "and", surnames
    alone, "at al." and people before a comma are people too, and an item skipped for want of them
    ("Val West: Title, 2006") is a paper; a journal abbreviated ("J. of Machine Learning Research") is one."""
    parsed = read_list(data / "lists" / "people_first_colons.md")
    got = {e.line: (e.title, e.authors, e.venue, e.year) for e in parsed.entries}
    assert len(got) == 19
    assert got[9] == ("Made-Up Classification of Documents using EM", ("Ann Lee et al",), "Machine Learning", 1999)
    assert got[16][0] == "A Made-Up Neural Probabilistic Language Model" and got[16][3] == 2003
    assert venues.lookup(got[16][2]) is venues.lookup("JMLR")
    assert got[23] == ("Made-Up Probabilistic Semantic Indexing", ("Ned Park",), "UAI", 1999)
    assert got[24][:2] == ("Accurate Made-Up Unlexicalized Parsing", ("Olga Quinn", "Pat Reed"))
    assert got[25][:2] == ("Unsupervised Made-Up Models for Entity Classification", ("Quill", "Rook"))
    assert got[26][:2] == ("End-to-end Made-Up Coreference Resolution", ("Ray Stone et al",))
    assert got[27][:2] == ("Discovering Made-Up Word Senses from Text", ("Sam Todd", "Tia Upton"))
    assert got[28][0] == "A bit of made-up progress in language modeling"
    assert got[29] == ("A Made-Up Interpretation of Smoothing", ("Val West",), "", 2006)
    assert got[30][:2] == ("Made-Up Graph Networks with Feature-wise Modulation", ("Wes Xu",))  # "Wes Xu. Title."


def test_titles_opening_with_a_name_and_a_colon_stay_whole_in_a_list_written_title_first(data: Path):
    """"Deep Learning: A Survey", "Domain Randomization and Pyramid Consistency: …" read like people and a
    title; in a list that writes no paper people first they are titles, whole."""
    parsed = read_list(data / "lists" / "colon_titles_first.md")
    assert len(parsed.entries) == 11
    assert all(":" in e.title and not e.authors for e in parsed.entries)
    assert parsed.entries[1].title == "Domain Randomization and Pyramid Consistency: Made-Up Generalization"


def test_a_name_over_its_one_citation_is_that_papers_entry(data: Path):
    """"* Grid Model [[Paper](…)]" over "  * Ann Lee, Bo Chen, *Title*, arXiv:…": one paper, the citation's title,
    people and venue with the name's links; a bullet over two citations only groups them. Names keep no
    nickname in quotes, no footnote number, and an initial glued to its surname is set apart."""
    parsed = read_list(data / "lists" / "names_over_citations.md")
    assert [(e.line, e.title, e.year) for e in parsed.entries] == [
        (10, "Grid Made-Up Short-Term Memory", 2015), (12, "Made-Up Learning of Video Representations", 2015),
        (15, "Made-Up Tree-Structured Memory Networks", 2015), (16, "Made-Up Composition Without Trees", 2015),
        (20, "Made-Up Trojans", 2017)]  # a venue in italics below is no citation's title
    grid, video, _, composition, trojans = parsed.entries
    assert trojans.venue == "ICCD" and trojans.authors == ("Pat Reed", "Quy Shaw", "Rae Tran")
    assert grid.arxiv_id == "1507.00011" and grid.code_url == "https://github.com/me/grid-model"
    assert video.authors == ("Di Fu", "Ed Gray", "Fay Hill", "Gus Ives") and video.venue == "ICML"
    assert composition.authors == ("J. Lane", "K. Moss", "L. Nash")


def test_a_sections_number_heads_a_topic_and_its_one_paper_keeps_its_title(data: Path):
    """"### 1.12 Topic" over a list of one paper "1. Ann Lee, Bo Chen. **Title**. AAAI 2020. [[paper]](…)": the
    item is a paper of its own (its title between the people and the venue), not the heading's details; an
    author in lower case does not make the people a title."""
    parsed = read_list(data / "lists" / "numbered_sections.md")
    assert [(e.line, e.title, e.venue, e.year) for e in parsed.entries] == [
        (9, "Made-Up Joint Detection for Aspect Sentiment", "AAAI", 2020),
        (13, "Made-Up Paths of a Tree", "ACL Findings", 2022),
        (14, "A Made-Up Span-based Autoencoder for Entities", "EMNLP", 2022)]
    assert parsed.entries[0].section == "1.11 Made-Up Triple Extraction"


def test_letters_written_as_latex_accents_are_the_letters():
    """"Herv{\\'e} J{\\'e}gou" (a BibTeX export pasted in; markdown keeps "{'e}" of it) is Hervé Jégou."""
    text = ("1. Ann Lee, Bo Chen and Herv{\\'e} J{\\'e}gou. [Made-Up Word Translation](https://arxiv.org/abs/1710.00001)."
            " arXiv:1710.00001, 2017.\n")
    entry, = parse_list(text).entries
    assert entry.authors == ("Ann Lee", "Bo Chen", "Hervé Jégou") and entry.title == "Made-Up Word Translation"


def test_a_venue_set_inside_the_titles_link_is_the_venue():
    """"[**Title, IEEE Transactions on Made-Up Systems 2025**](…)": the title's mark holds its venue too."""
    text = "- [**Made-Up Survey on Embodied Agents, IEEE Transactions on Made-Up Systems 2025**](https://arxiv.org/abs/2407.00001)\n"
    entry, = parse_list(text).entries
    assert (entry.title, entry.venue, entry.year) == (
        "Made-Up Survey on Embodied Agents", "IEEE Transactions on Made-Up Systems", 2025)


def test_task_list_items_with_a_reference_number_open_with_their_people(data: Path):
    """"+ [x] **[1]** Lee A, Chen B. [**Title**](…)[J]. …, **2021**.": the box and the number open the item, the
    people follow, the bold link is the title; a note citing related work after "相关工作：" is a paper too."""
    parsed = read_list(data / "lists" / "task_list_references.md")
    assert [(e.line, e.title, e.authors[0], e.year) for e in parsed.entries] == [
        (10, "MadeMaps: A Made-Up Benchmark For Map Merging", "Lee A", 2021),
        (12, "Made-Up Anchor Selection Based on Graph Topology", "Fu D", 2021),
        (13, "Made-Up Odometry Revisited: What Should Be Learnt?", "Ives G", 2020)]
    assert parsed.entries[0].arxiv_id == "2105.00001"


def test_references_in_a_table_of_one_column_are_read_as_items(data: Path):
    """"|  |" over "| **[1]** Lee A. **Title**. Venue, 2012. [Paper](…) |": each row a reference, people first; a
    dataset's name and reference number before one ("**SVT[66]**:") open it, "[66]" is no year; a lettered paragraph
    with a venue tag ("**[A] \\[TPAMI-2015]**") opens with both."""
    parsed = read_list(data / "lists" / "reference_table.md")
    assert [(e.line, e.title, e.year) for e in parsed.entries] == [
        (9, "Made-Up Text Detection in Imagery: A Survey", 2015),
        (15, "Made-Up Texts of Arbitrary Orientations", 2012),
        (16, "Made-Up Character Maps for Text in the Wild", 2014),
        (17, "Made-Up Word Spotting in the Wild", 2010),
        (18, "Made-Up Robust Reading Challenge on Scripts", 2017)]
    got = {e.line: e for e in parsed.entries}
    assert venues.lookup(got[15].venue).short == "CVPR" and got[17].venue == "ECCV" and got[18].venue == "ICDAR"
    assert got[17].authors == ("Pat Reed", "S. Stone")
    assert got[18].authors == ("T. Todd", "U. Upton", "V. Vance et al")  # "Todd, T; Upton, U; …; et al."


def test_people_pasted_with_full_width_commas_affiliations_or_a_company_as_given_name(data: Path):
    parsed = read_list(data / "lists" / "numbered_people_quirks.md")
    assert [(e.title, e.authors) for e in parsed.entries] == [
        ("Made-Up Memory Networks for Time-Aware Recommendation", ("Ann Lee", "Bo Chen", "Cy Diaz")),
        ("Made-Up Spatial-Temporal Context for Recommendation", ("Dan Wang", "Huawei Shen", "Eve Cheng")),
        ("Made-Up Long- and Short-Term Preference Modeling",
         ("Fay Wang", "Gus Liu", "Hal Zhou", "Ida Leng", "Jo Wang"))]
    assert parsed.entries[1].venue == "PAKDD" and venues.lookup("PAKDD") is not None


def test_a_quote_opening_a_title_and_closing_nothing_is_no_part_of_it():
    text = ('**[4]** Ann Lee, et al. "**“Ask Me Made-Up Things: Memory Networks**." arXiv preprint arXiv:1506.00001'
            ' (2015)\n')
    entry, = parse_list(text).entries
    assert entry.title == "Ask Me Made-Up Things: Memory Networks"
