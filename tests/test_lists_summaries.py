"""`<details>` blocks whose summary is a paper's title (the summary plays the part of the heading in
headings.md, the body that of its paragraph)."""

from wsss_bib.lists import parse_list, read_list


def test_a_details_block_whose_summary_is_a_title_is_one_paper():
    text = ("# Made-Up\n\n"
            "<details><summary><b>A Made-Up Planner For Trains</b> (CVPR 2021)</summary>\n\n"
            "Ann Lee, Bo Chen. [[paper]](https://arxiv.org/abs/2101.01006)\n</details>\n\n"
            "<details>\n<summary>A Made-Up Planner For Planes</summary>\n\n"
            "- Paper: https://arxiv.org/abs/2101.01007\n</details>\n")
    entries = parse_list(text).entries
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in entries] == [
        (3, "A Made-Up Planner For Trains", "CVPR", 2021, "2101.01006"),
        (8, "A Made-Up Planner For Planes", "", 2021, "2101.01007"),
    ]


def test_a_details_block_that_groups_papers_is_no_paper():
    text = ("# Made-Up\n\n## 2022\n\n<details><summary>CVPR</summary>\n\n"
            "- A Made-Up Planner For Bikes [[paper]](https://arxiv.org/abs/2101.01008)\n"
            "- A Made-Up Planner For Buses [[paper]](https://arxiv.org/abs/2101.01009)\n</details>\n\n"
            "<details><summary>Click to see more made-up papers</summary>\n\n"
            "- A Made-Up Planner For Vans [[paper]](https://arxiv.org/abs/2101.01010)\n</details>\n\n"
            "<details><summary>Made-Up Papers Of 2023</summary>\n\n"
            "**A Made-Up Planner For Carts** [[paper]](https://arxiv.org/abs/2101.01011)\n\n"
            "**A Made-Up Planner For Sleds** [[paper]](https://arxiv.org/abs/2101.01012)\n</details>\n")
    assert [e.title for e in parse_list(text).entries] == [
        "A Made-Up Planner For Bikes", "A Made-Up Planner For Buses", "A Made-Up Planner For Vans",
        "A Made-Up Planner For Carts", "A Made-Up Planner For Sleds"]


def test_a_papers_details_block_keeps_its_abstract_notes_and_code_and_may_leave_its_summary_open(data):
    """The abstract in quotes, notes in a list (one naming "Quill et al. (2022)") and code are the paper's and
    never papers; a summary left unclosed on its line still titles its block."""
    parsed = read_list(data / "lists" / "details_notes.md")
    assert [(e.line, e.title, e.year, e.arxiv_id) for e in parsed.entries] == [
        (7, "A Made-Up Attack On Language Models", 2022, "2211.00901"),
        (14, "Made-Up Vulnerabilities In Integrated Apps", 2023, "2309.00902"),
        (24, "Jailbreaking Made-Up Models In Twenty Queries", 2023, "2310.00903")]


def test_a_papers_details_block_over_papers_of_their_own_lets_them_be_read():
    """A list of papers (a linked title, a title with its [[paper]] link) in a paper's block are papers too."""
    text = ("# Made-Up\n\n<details><summary>A Made-Up Planner For Trains (2021) "
            "[<a href=\"https://arxiv.org/abs/2101.01013\">Paper</a>]</summary>\n\n"
            "- A Made-Up Planner For Trams [[paper]](https://arxiv.org/abs/2101.01014)\n"
            "- [A Made-Up Planner For Ferries](https://arxiv.org/abs/2101.01015)\n</details>\n")
    assert [e.title for e in parse_list(text).entries] == [
        "A Made-Up Planner For Trains", "A Made-Up Planner For Trams", "A Made-Up Planner For Ferries"]
