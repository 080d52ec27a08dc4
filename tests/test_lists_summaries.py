"""`<details>` blocks whose summary is a paper's title (no measured list has them; the summary
plays the part of the heading in headings.md, the body that of its paragraph)."""

from wsss_bib.lists import parse_list


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
