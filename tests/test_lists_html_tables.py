"""Tables written in HTML: read as markdown tables are, cells spanning rows and columns included."""

from pathlib import Path

from wsss_bib.lists import parse_list, read_list


def test_an_html_table_with_spanning_cells_and_a_paper_column(data: Path):
    parsed = read_list(data / "lists" / "html_table.md")
    assert [(e.line, e.shape, e.title, e.venue, e.year) for e in parsed.entries] == [
        (18, "table", "MadeMix: Beyond A Made-Up Risk Minimisation", "ICLR", 2018),
        # "Robust Loss" spans two rows: the row below still has its paper in the Paper column
        (24, "table", "A Made-Up Cross Entropy for Noisy Labels", "ICCV", 2019),
        # a blank line splits the HTML block; the table goes on; "&amp;" is "&"
        (30, "table", "A Made-Up Generalised Loss & Its Noisy Labels", "NeurIPS", 2018),
    ]
    assert parsed.entries[0].arxiv_id == "2101.00111"
    assert parsed.warnings == []  # the second header row ("Category", "Method") is no paper row


def test_an_html_table_with_th_headers_and_linked_titles():
    text = ("<table>\n<tr><th>Title</th><th>Venue</th><th>Code</th></tr>\n"
            "<tr><td><a href=\"https://arxiv.org/abs/2101.00121\">A Made-Up Linked Title</a><br>Ann Lee, Bo Chen</td>"
            "<td>ICCV'21</td><td><a href=\"https://github.com/example/made\">code</a></td></tr>\n</table>\n")
    entry = parse_list(text).entries[0]
    assert (entry.line, entry.title, entry.venue, entry.year, entry.arxiv_id, entry.code_url) == (
        3, "A Made-Up Linked Title", "ICCV", 2021, "2101.00121", "https://github.com/example/made")


def test_an_html_table_of_contents_is_skipped_with_one_note():
    text = ("<table>\n<tr><td colspan=\"2\"><a href=\"#surveys\">1. Surveys</a></td></tr>\n"
            "<tr><td><a href=\"#models\">2.1 Models</a></td><td><a href=\"#graphs\">2.2 Graphs</a></td></tr>\n"
            "</table>\n")
    parsed = parse_list(text, "x.md")
    assert parsed.entries == []
    assert "x.md:1: table skipped: no column of paper titles (a results, benchmark or dataset table, not a paper " \
           "list)" in parsed.warnings


def test_an_html_table_that_never_closes_or_spans_too_far_is_read_without_harm():
    text = ("<table>\n<tr><th>Title</th><th>Paper</th></tr>\n"
            "<tr><td rowspan=\"99999999\">A Made-Up Title Spanning Far</td>"
            "<td colspan=\"x\"><a href=\"https://arxiv.org/abs/2101.00131\">pdf</a></td></tr>\n")
    assert [e.title for e in parse_list(text).entries] == ["A Made-Up Title Spanning Far"]


def test_a_numbered_bibliography_in_html_tables_is_one_citation_a_row(data: Path):
    """bibtex2html's tables have no header: the first row is a citation too, each read as one (its title in
    curly quotes, its venue in italics)."""
    parsed = read_list(data / "lists" / "html_bibliography.md")
    assert [(e.line, e.title, e.venue, e.year, e.arxiv_id) for e in parsed.entries] == [
        (12, "A made-up neural translation system: Bridging the gap", "", 2016, "1609.00901"),
        (26, "A made-up multilingual translation system", "Transactions of the Association for Computational "
         "Linguistics", 2017, None)]
    assert parsed.entries[1].authors == ("D. Marsh", "E. Stone")
