"""`wsss-bib add LINK` against Crossref and arXiv on loopback (tests/services.py, answering from the
recorded fixtures): a row removed from a list comes back, in its place and its list's shape."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from services import FakeServices
from werkzeug import Response

from wsss_bib.add import Paper, insert, unit_end, write_atomically
from wsss_bib.errors import InputError
from wsss_bib.lists import parse_list, read_list

BUNDLED = ROOT / "wsss_bib" / "data" / "awesome-wsss.md"
MCTFORMER_ROW = ("|Multi-class Token Transformer for Weakly Supervised Semantic Segmentation | CVPR | Image | "
                 "[PDF](https://arxiv.org/pdf/2203.02891.pdf) | [CODE](https://github.com/xulianuwa/MCTformer) |\n")
MCTFORMER_CODE = "https://github.com/xulianuwa/MCTformer"


@pytest.fixture
def services(httpserver):
    return FakeServices(httpserver)


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def without(text: str, *parts: str) -> str:
    for part in parts:
        assert text.count(part) == 1, part
        text = text.replace(part, "")
    return text


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` has that `before` lacks, checking that nothing else changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    k = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), len(old))
    extra = len(new) - len(old)
    assert new[:k] == old[:k] and new[k + extra:] == old[k:], "only lines were inserted"
    return new[k:k + extra]


def add(run, services, tmp_path, listed: Path, *args: str):
    return run("add", *args, "--list", listed, "--out", tmp_path / "out", "--arxiv-interval", "0",
               *services.options(tmp_path / "cache.sqlite"))


def test_a_row_removed_from_the_bundled_list_comes_back_in_its_table_with_its_five_cells(run, services, tmp_path):
    original = BUNDLED.read_text(encoding="utf-8")
    listed = tmp_path / "wsss.md"  # named as the bundled list, whose output/ it reuses
    listed.write_text(without(original, MCTFORMER_ROW), encoding="utf-8")
    shutil.copytree(ROOT / "output", tmp_path / "out")  # the committed bibliography and its lock
    result = add(run, services, tmp_path, listed, "https://arxiv.org/pdf/2203.02891.pdf", "--code", MCTFORMER_CODE,
                 "--supervision", "Image", "--overrides", ROOT / "overrides", "--quiet")
    assert result.exit_code == 0, result.stderr
    text = listed.read_text(encoding="utf-8")
    [row] = added_lines(without(original, MCTFORMER_ROW), text)
    assert cells(row) == cells(MCTFORMER_ROW)
    # In the 2022 table, after its last CVPR row; written as that table's rows are.
    assert row == "| " + " | ".join(cells(MCTFORMER_ROW)) + " |\n"
    lines = text.splitlines()
    at = lines.index(row.rstrip("\n"))
    assert lines[at - 1].startswith("|Cross Language Image Matching") and lines[at + 1].startswith("| Uncertainty")
    entry = next(e for e in read_list(listed).entries if e.arxiv_id == "2203.02891")
    assert (entry.section, entry.venue, entry.year, entry.supervision) == ("2022", "CVPR", 2022, "Image")
    # Then the bibliography is exported as `export` would: every format that was there, the row in the lock.
    assert "2203.02891" in (tmp_path / "out" / "wsss.lock.json").read_text()
    assert "@inproceedings{xu2022multi," in (tmp_path / "out" / "wsss.bib").read_text()
    assert "xu2022multi" in (tmp_path / "out" / "wsss.ris").read_text()
    bib = (tmp_path / "out" / "wsss.bib").read_bytes()
    requests = len(services.requests)

    again = add(run, services, tmp_path, listed, "2203.02891", "--overrides", ROOT / "overrides")
    assert again.exit_code == 0, again.stderr
    assert "already in the list" in again.stdout and f":{at + 1} " in again.stdout
    assert listed.read_text(encoding="utf-8") == text and (tmp_path / "out" / "wsss.bib").read_bytes() == bib
    assert len(services.requests) == requests  # known by its id: nobody is asked


@pytest.mark.parametrize("name, removed, code", [
    ("items.md", "- Multi-class Token Transformer for Weakly Supervised Semantic Segmentation. CVPR 2022 "
                 "[[paper]](https://arxiv.org/abs/2203.02891) [[code]](https://github.com/xulianuwa/MCTformer)\n",
     MCTFORMER_CODE),
    ("headings.md", "### [Multi-class Token Transformer for Weakly Supervised Semantic Segmentation]"
                    "(https://arxiv.org/abs/2203.02891)\n\n**CVPR 2022** [[code]](https://github.com/xulianuwa/MCTformer)"
                    "\n\n", MCTFORMER_CODE),
])
def test_a_removed_bullet_or_heading_comes_back_as_it_was_written(run, services, tmp_path, name, removed, code):
    original = (DATA / "add" / name).read_text(encoding="utf-8")
    listed = tmp_path / name
    listed.write_text(without(original, removed), encoding="utf-8")
    result = add(run, services, tmp_path, listed, "https://arxiv.org/abs/2203.02891", "--code", code)
    assert result.exit_code == 0, result.stderr
    text = listed.read_text(encoding="utf-8")
    new = "".join(added_lines(without(original, removed), text))
    assert new.strip("\n") == removed.strip("\n")
    entry = next(e for e in read_list(listed).entries if e.arxiv_id == "2203.02891")
    assert (entry.section, entry.venue, entry.year, entry.code_url) == ("2022", "CVPR", 2022, code)
    again = add(run, services, tmp_path, listed, "arXiv:2203.02891v1")
    assert again.exit_code == 0 and "already in the list" in again.stdout
    assert listed.read_text(encoding="utf-8") == text


def test_a_year_the_list_has_no_section_for_gets_one_in_order(run, services, tmp_path):
    original = (DATA / "add" / "items.md").read_text(encoding="utf-8")
    section = original[original.index("## 2021"):]
    listed = tmp_path / "items.md"
    listed.write_text(without(original, section), encoding="utf-8")
    # The fixture's Crossref answer for this title is another paper: the venue comes from the maintainer.
    result = add(run, services, tmp_path, listed, "2110.06530", "--venue", "NeurIPS", "--code",
                 "https://github.com/jbeomlee93/RIB")
    assert result.exit_code == 0, result.stderr
    text = listed.read_text(encoding="utf-8")
    assert text.replace("https://arxiv.org/abs/2110.06530", "LINK") == \
        original.replace("https://arxiv.org/abs/2110.06530", "LINK")


def test_a_paper_already_listed_under_its_title_is_not_added_twice(run, services, tmp_path):
    # The list links the paper by another page than its arXiv one: the sources give its title, the list's.
    listed = tmp_path / "awesome.md"
    listed.write_bytes(BUNDLED.read_bytes().replace(b"https://arxiv.org/abs/2110.07110", b"https://example.org/p2p.pdf"))
    changed = listed.read_bytes()
    result = add(run, services, tmp_path, listed, "2110.07110")
    assert result.exit_code == 0, result.stderr
    assert "already in the list" in result.stdout and listed.read_bytes() == changed
    assert services.count("arxiv") == 1  # asked for the title, once


def test_a_new_year_goes_before_the_older_years_as_their_sections_are_written(run, services, tmp_path):
    original = (DATA / "add" / "headings.md").read_text(encoding="utf-8")
    listed = tmp_path / "headings.md"
    listed.write_text(without(original, original[original.index("## 2022"):original.index("## 2021")]),
                      encoding="utf-8")
    result = add(run, services, tmp_path, listed, "2203.02891", "--code", MCTFORMER_CODE)
    assert result.exit_code == 0, result.stderr
    pixel_to_prototype = original[original.index("### [Weakly"):original.index("### [Multi")]
    assert listed.read_text(encoding="utf-8") == without(original, pixel_to_prototype)


@pytest.mark.parametrize("link, why", [
    ("2203.99999", "arXiv: no such id"),
    ("https://ieeexplore.ieee.org/document/9760057", "--paper-title"),
    ("not a link", "not a paper link"),
    ("https://github.com/xulianuwa/MCTformer", "a github code link, not a paper's"),
    ("https://openreview.net/forum?id=abcdef", "no source reads this OpenReview page"),
])
def test_a_link_no_source_knows_leaves_the_list_untouched_and_says_why(run, services, tmp_path, link, why):
    listed = tmp_path / "items.md"
    shutil.copy(DATA / "add" / "items.md", listed)
    result = add(run, services, tmp_path, listed, link)
    assert result.exit_code == 2
    assert why in result.stderr and "Traceback" not in result.stderr
    assert listed.read_bytes() == (DATA / "add" / "items.md").read_bytes()
    assert not (tmp_path / "out").exists()


def test_offline_without_the_answer_cached_is_exit_2_and_the_list_untouched(run, services, tmp_path):
    listed = tmp_path / "items.md"
    shutil.copy(DATA / "add" / "items.md", listed)
    result = add(run, services, tmp_path, listed, "https://arxiv.org/abs/2203.00001", "--offline")
    assert result.exit_code == 2 and "not in the cache (offline)" in result.stderr
    assert listed.read_bytes() == (DATA / "add" / "items.md").read_bytes() and not services.requests


def test_line_endings_and_a_missing_last_newline_are_kept(run, services, tmp_path):
    original = (DATA / "add" / "items.md").read_text(encoding="utf-8")
    removed = next(line for line in original.splitlines(keepends=True) if "2203.02891" in line)
    crlf = without(original, removed).replace("\n", "\r\n").rstrip("\r\n")
    listed = tmp_path / "items.md"
    listed.write_bytes(crlf.encode())
    result = add(run, services, tmp_path, listed, "2203.02891", "--code", MCTFORMER_CODE)
    assert result.exit_code == 0, result.stderr
    data = listed.read_bytes()
    assert data.count(b"\r\n") == crlf.count("\r\n") + 1 and b"\n" not in data.replace(b"\r\n", b"")
    assert not data.endswith(b"\n")
    assert removed.rstrip("\n").encode() + b"\r\n" in data


def test_a_title_with_markup_stays_text_in_its_cell(run, services, tmp_path):
    feed = (DATA / "add" / "hostile-feed.xml").read_bytes()
    services.fail(Response(feed, content_type="application/atom+xml"), service="arxiv", times=10)
    listed = tmp_path / "awesome.md"
    shutil.copy(BUNDLED, listed)
    result = add(run, services, tmp_path, listed, "2201.00077", "--supervision", "Image")
    assert result.exit_code == 0, result.stderr
    [row] = added_lines(BUNDLED.read_text(encoding="utf-8"), listed.read_text(encoding="utf-8"))
    assert len(re.split(r"(?<!\\)\|", row.strip().strip("|"))) == 5 and "<script>" not in row
    entry = next(e for e in read_list(listed).entries if e.arxiv_id == "2201.00077")
    assert entry.title == ("Pipes | Stars *and* [Links](javascript:alert(1)) in a <script> Title_With_Underscores")
    assert (entry.venue, entry.year, entry.section) == ("arXiv", 2022, "2022")  # a preprint, in its year


def test_a_doi_link_a_cvf_page_and_a_titled_ieee_page_find_the_paper_too(run, services, tmp_path):
    original = (DATA / "add" / "items.md").read_text(encoding="utf-8")
    removed = next(line for line in original.splitlines(keepends=True) if "2203.02891" in line)
    title = "Multi-class Token Transformer for Weakly Supervised Semantic Segmentation"
    for link, extra in (("https://doi.org/10.5555/fixture.mctformer", ()),
                        ("https://openaccess.thecvf.com/content/CVPR2022/papers/Xu_Multi-Class_Token_Transformer_for"
                         "_Weakly_Supervised_Semantic_Segmentation_CVPR_2022_paper.pdf", ()),
                        # No source reads an IEEE page: with its title, arXiv's search finds the preprint,
                        # whose journal reference gives the venue.
                        ("https://ieeexplore.ieee.org/document/0000002", ("--paper-title", title))):
        listed = tmp_path / "items.md"
        listed.write_text(without(original, removed), encoding="utf-8")
        result = add(run, services, tmp_path, listed, link, "--code", MCTFORMER_CODE, *extra)
        assert result.exit_code == 0, result.stderr
        [row] = added_lines(without(original, removed), listed.read_text(encoding="utf-8"))
        assert row == removed.replace("https://arxiv.org/abs/2203.02891", link)
        # Already there, by its DOI or its title, whichever link names it.
        assert "already in the list" in add(run, services, tmp_path, listed, "10.5555/fixture.mctformer").stdout
        assert "already in the list" in add(run, services, tmp_path, listed, "2203.02891").stdout


def test_section_names_where_a_paper_goes_and_an_unknown_one_is_refused(run, services, tmp_path):
    listed = tmp_path / "headings.md"
    shutil.copy(DATA / "add" / "headings.md", listed)
    before = listed.read_bytes()
    result = add(run, services, tmp_path, listed, "2203.02664", "--section", "2020")
    assert result.exit_code == 2 and "no section '2020'" in result.stderr and "'2022', '2021'" in result.stderr
    assert listed.read_bytes() == before
    result = add(run, services, tmp_path, listed, "2203.02664", "--section", "2021", "--venue", "CVPR")
    assert result.exit_code == 0, result.stderr
    entry = next(e for e in read_list(listed).entries if e.arxiv_id == "2203.02664")
    assert (entry.section, entry.venue, entry.year) == ("2021", "CVPR", 2022)


def test_several_links_at_once_and_one_nobody_knows(run, services, tmp_path):
    original = (DATA / "add" / "items.md").read_text(encoding="utf-8")
    rows = [line for line in original.splitlines(keepends=True) if "2203.02891" in line or "2203.02664" in line]
    listed = tmp_path / "items.md"
    listed.write_text(without(original, *rows), encoding="utf-8")
    result = add(run, services, tmp_path, listed, "2203.02891", "2203.99999", "2203.02664")
    assert result.exit_code == 2 and "2203.99999" in result.stderr and "arXiv: no such id" in result.stderr
    assert result.stdout.count("added ") == 2
    ids = [e.arxiv_id for e in read_list(listed).entries]
    assert ids[:3] == ["2110.07110", "2203.02891", "2203.02664"] and "2203.99999" not in ids
    assert (tmp_path / "out" / "items.bib").read_text().count("@") == 4  # exported once, with both


@pytest.mark.parametrize("code", ["javascript:alert(1)", "github.com/me/repo", "https://exa mple.org/x"])
def test_a_code_link_that_is_no_web_address_is_refused(run, services, tmp_path, code):
    listed = tmp_path / "items.md"
    shutil.copy(DATA / "add" / "items.md", listed)
    result = add(run, services, tmp_path, listed, "2201.00077", "--code", code)
    assert result.exit_code == 2 and "--code is not an http(s) URL" in result.stderr and not services.requests
    assert listed.read_bytes() == (DATA / "add" / "items.md").read_bytes()


@pytest.mark.parametrize("year, before, after", [
    (2023, "*NOTE:*", "##2022"),  # newest first, as the list is; "## 2023" as most of its headings are written
    (2017, "| Weakly-Supervised Semantic Segmentation Network with Deep Seeded Region Growing", None),
])
def test_a_new_year_section_in_the_bundled_list_copies_its_heading_and_table_header(year, before, after):
    text = BUNDLED.read_text(encoding="utf-8")
    paper = Paper(title="A Paper Of Another Year", venue="CVPR", year=year, url="https://arxiv.org/abs/2301.00001",
                  arxiv_id="2301.00001", dois=set(), supervision="Box")
    new, line = insert(text, parse_list(text, "list.md"), paper, None, "list.md")
    added = added_lines(text, new)
    assert [a.rstrip("\n") for a in added if a.strip()] == [
        f"## {year}", "| Title | Venue | Supervision | PDF | CODE |", "| :-----|:-----:|:---:|:---:|:----:|",
        "| A Paper Of Another Year | CVPR | Box | [PDF](https://arxiv.org/abs/2301.00001) | CODE |"]
    lines = new.splitlines()
    heading = lines.index(f"## {year}")
    above = next(x for x in reversed(lines[:heading]) if x.strip())
    below = next((x for x in lines[line:] if x.strip()), None)
    assert above.startswith(before) and (below == after if after else below is None)
    entry = next(e for e in parse_list(new, "list.md").entries if e.line == line)
    assert (entry.section, entry.year, entry.code_url) == (str(year), year, None)


def test_a_list_edited_meanwhile_is_not_overwritten(tmp_path):
    listed = tmp_path / "list.md"
    listed.write_bytes(b"edited by someone else\n")
    with pytest.raises(InputError, match="changed while the paper was looked up"):
        write_atomically(listed, b"new text\n", expected=b"as it was read\n")
    assert listed.read_bytes() == b"edited by someone else\n" and [p.name for p in tmp_path.iterdir()] == ["list.md"]
    write_atomically(listed, b"new text\n", expected=b"edited by someone else\n")
    assert listed.read_bytes() == b"new text\n" and [p.name for p in tmp_path.iterdir()] == ["list.md"]


# Rows `add` refuses to write back without --section, and why: the list cannot say where (no year
# section for the paper and more than one section), or no neighbour can say the paper (a borderless
# table whose first column is a category no service knows; a venue heading the row would sit under).
REFUSED = {
    ("lists/pipes_no_border.md", 7), ("lists/pipes_no_border.md", 8), ("lists/tables_any.md", 23),
    ("nested_headings.md", 9), ("nested_headings.md", 15), ("nested_headings.md", 27),
    ("other_columns.md", 5), ("other_columns.md", 6), ("other_columns.md", 12), ("other_columns.md", 13),
    ("bad_rows.md", 7), ("lists/table_tools.md", 11),
    # A one-word bold title: a paper's only with its "[[Paper]]" link and year, which a written row cannot keep.
    ("lists/html_bold_paragraphs.md", 27),
    # A bold title after a bracketed tag with no year ("[The Journal of Made-Up Physics] **Title**"): its section's
    # other row, the only template, is tagged with a venue no vocabulary knows, so no row written like it reads back.
    ("lists/glued_numbers_and_tags.md", 13),
    # A table of bare titles whose venue is the list's title, and a preprint under a year heading its arXiv id
    # is not from (the only paper of its section): no row written like theirs reads back as the paper.
    *(("lists/venue_list_table.md", line) for line in (12, 13, 15, 18)),
    ("lists/digest_days.md", 22),
    # A table whose first cell is the day each paper was listed ("25-02-08"): add knows no day to write there.
    ("lists/short_date_table.md", 8), ("lists/short_date_table.md", 9),
    # A citation inside a tool's <details> block, the only template of its section: add writes rows of the list's
    # own shape, never a citation into such a block.
    ("lists/tools_citing_papers.md", 10),
    # A one-word name linking its preprint among named datasets: a row written like it is no paper on its own.
    ("lists/books_and_reports.md", 21),
    # A paper with no year anywhere, in a list whose papers sit under year headings: add asks for a year.
    ("lists/heading_entries_body.md", 19),
    # References written people first, in a one-column table and a paragraph above it: a row written like them needs
    # the paper's authors (this test's papers have none), and a table has no default row to fall back on.
    *(("lists/reference_table.md", line) for line in (9, 15, 16, 17, 18)),
    # An HTML <table>: add writes markdown rows, and says so rather than write one the table does not hold.
    *(("lists/html_table.md", line) for line in range(1, 200)),
}


@pytest.mark.parametrize("name", sorted(str(p.relative_to(DATA)) for p in [*DATA.glob("*.md"), *DATA.glob("*/*.md")]
                                        if p.name != "README.md"))
def test_every_row_of_every_fixture_list_goes_back_as_it_reads_or_is_refused(name):
    text = (DATA / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for entry in parse_list(text, name).entries:
        rest = "".join(lines[:entry.line - 1] + lines[unit_end(lines, entry):])
        parsed = parse_list(rest, name)
        if len(parsed.entries) != len(parse_list(text, name).entries) - 1:
            continue  # its lines hold more than the one paper (details another entry reads)
        paper = Paper(title=entry.title, venue=entry.venue or "arXiv", year=entry.year,
                      url=entry.pdf_url or (f"https://arxiv.org/abs/{entry.arxiv_id}" if entry.arxiv_id else
                                            "https://example.org/paper.pdf"), arxiv_id=entry.arxiv_id, dois=set(),
                      code=entry.code_url, supervision=entry.supervision)
        if (name, entry.line) in REFUSED:
            with pytest.raises(InputError):
                insert(rest, parsed, paper, None, name)
            continue
        try:
            new, line = insert(rest, parsed, paper, None, name)
        except InputError as err:  # a list sectioned by topic: the maintainer names the section
            if "not sectioned by year" not in str(err):
                raise
            section = entry.section.split(" › ")[-1]
            if not section or section not in {e.section.split(" › ")[-1] for e in parsed.entries}:
                continue  # above every heading, or its section's only paper: no section to name
            new, line = insert(rest, parsed, paper, section, name)
        added_lines(rest, new)
        back = next(e for e in parse_list(new, name).entries if e.line == line)
        assert (back.title, back.arxiv_id, back.code_url, back.year) == \
            (entry.title, entry.arxiv_id, entry.code_url, entry.year), (name, entry.line)


def test_no_network_is_exit_2_with_the_reason_and_the_list_untouched(run, tmp_path):
    listed = tmp_path / "items.md"
    shutil.copy(DATA / "add" / "items.md", listed)
    # conftest points both services at a closed port on 127.0.0.1
    result = run("add", "2203.00001", "10.1145/3474085.3475402", "--list", listed, "--out", tmp_path / "out")
    assert result.exit_code == 2 and result.stderr.count("no network (127.0.0.1:9: Connection refused)") == 2
    assert listed.read_bytes() == (DATA / "add" / "items.md").read_bytes() and not (tmp_path / "out").exists()


NEW = Paper(title="A New Paper Title", venue="BMVC", year=2019, url="https://arxiv.org/abs/1901.09999",
            arxiv_id="1901.09999", dois=set(), authors=[("Ada", "Lovelace"), ("Alan", "Turing")],
            code="https://github.com/example/new")


@pytest.mark.parametrize("name, venue, row", [
    # The template's authors become the new paper's, in its form ("Doe et al." -> "Lovelace et al.");
    # its other links (a BibTeX file) go with their separator.
    ("lists/items_plain.md", "BMVC", "- [A New Paper Title](https://arxiv.org/abs/1901.09999), Lovelace et al., "
                                     "BMVC 2019 | [github](https://github.com/example/new)"),
    # The template's month is its paper's: it goes with its year.
    ("lists/items_quoted.md", "CVPR", '* "A New Paper Title", *CVPR, 2019*, [[Paper](https://arxiv.org/abs/1901.09999)]'
                                      ' [code](https://github.com/example/new)'),
    # An acronym before the template's title is its paper's: that template is passed over.
    ("lists/items_pipes.md", "CVPR", "- A New Paper Title\t| **[CVPR' 19]** |[`[pdf]`](https://arxiv.org/abs/1901.09999)"
                                     " [code](https://github.com/example/new)"),
    # Numbered items keep their numbering style; a code link the template lacks is written after the rest.
    ("lists/numbered.md", "ICML", "1. **A New Paper Title** ICML 2019. [paper](https://arxiv.org/abs/1901.09999) "
                                  "[code](https://github.com/example/new)"),
])
def test_a_neighbour_is_copied_without_what_belongs_to_its_own_paper(name, venue, row):
    text = (DATA / name).read_text(encoding="utf-8")
    paper = replace(NEW, venue=venue)
    new, line = insert(text, parse_list(text, name), paper, None, name)
    assert new.splitlines()[line - 1] == row
    assert row + "\n" in added_lines(text, new)  # with its year's new section where the list has none
