"""Lists written in HTML: each `<li>` read as a markdown item is (no measured list has one; the
shape is the HTML form of the items of items_plain.md)."""

from wsss_bib.lists import parse_list


def test_html_list_items_are_read_as_items():
    text = ("# Made-Up\n\n<ul>\n"
            '<li><a href="https://arxiv.org/abs/2101.00905">A Made-Up Parser For Stems</a>, ACL 2020</li>\n'
            '<li><b>A Made-Up Parser For Seeds</b>. Ann Lee, Bo Chen. EMNLP 2019. '
            '<a href="https://arxiv.org/abs/2101.00906">[pdf]</a></li>\n'
            '<li><a href="#contents">Contents</a></li>\n'
            "</ul>\n")
    parsed = parse_list(text)
    assert [(e.line, e.shape, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (4, "item", "A Made-Up Parser For Stems", "ACL", 2020, "2101.00905"),
        (5, "item", "A Made-Up Parser For Seeds", "EMNLP", 2019, "2101.00906"),
    ]
    assert parsed.entries[1].authors == ("Ann Lee", "Bo Chen")
    assert any("1 list item named no paper" in warning for warning in parsed.warnings)
