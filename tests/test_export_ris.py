import pytest
from exports import ris_records

from wsss_bib.export import ris

CONF = {"id": "k", "type": "paper-conference", "title": "A Title", "event-title": "CVPR 2021",
        "container-title": "Proceedings of CVPR", "author": [{"family": "Lee", "given": "Jungbeom"}],
        "issued": {"date-parts": [[2021, 6, 19]]}, "page": "4071-4080", "DOI": "10.1109/x_1", "issue": "3",
        "URL": "https://e.org", "keyword": "Image",
        "custom": {"code": "https://github.com/a/b", "arxiv": "2103.08896", "list-section": "2021"}}


def test_conference_paper_tags_follow_zoteros_reader():
    text = ris.dump([CONF])
    assert not any(line.strip().endswith(".") and line.strip()[:-1].isdigit() for line in text.splitlines())
    (record,) = ris_records(text)
    assert record["type_of_reference"] == "CONF"
    assert record["secondary_title"] == "CVPR 2021" and record["custom3"] == "Proceedings of CVPR"
    assert record["date"] == "2021/06/19/" and record["year"] == "2021"
    assert (record["start_page"], record["end_page"]) == ("4071", "4080")
    assert record["authors"] == ["Lee, Jungbeom"] and record["doi"] == "10.1109/x_1"
    # M2 is Zotero's Extra: the arXiv line, and the issue a Zotero conference paper has no field for.
    assert record["extra"] == ["arXiv: 2103.08896", "Issue: 3"] and record["number"] == "3"
    assert record["notes"] == ["Code: https://github.com/a/b", "Awesome-list section: 2021"]  # child notes


def test_no_event_title_no_t2():
    """Zotero makes any T2 of a CONF its conference name: without an event title there is none."""
    (record,) = ris_records(ris.dump([{**CONF, "event-title": None}]))
    assert "secondary_title" not in record and record["custom3"] == "Proceedings of CVPR"


def test_lncs_chapter_is_a_conference_paper_with_its_series():
    chapter = {"id": "c", "type": "chapter", "title": "T", "container-title": "Computer Vision – ECCV 2020",
               "event-title": "ECCV 2020", "collection-title": "Lecture Notes in Computer Science",
               "volume": "12347", "DOI": "10.1007/978-3-030-58536-5_21"}
    (record,) = ris_records(ris.dump([chapter]))
    assert record["type_of_reference"] == "CONF"
    assert (record["custom3"], record["secondary_title"], record["tertiary_title"]) == (
        "Computer Vision – ECCV 2020", "ECCV 2020", "Lecture Notes in Computer Science")
    assert record["doi"] == "10.1007/978-3-030-58536-5_21" and record["volume"] == "12347"


def test_journal_article_has_journal_in_t2_and_no_jo():
    record = {"id": "j", "type": "article-journal", "title": "T", "container-title": "IJCV", "volume": "128",
              "issue": "6", "publisher": "Springer", "issued": {"date-parts": [[2020]]}}
    (parsed,) = ris_records(ris.dump([record]))
    assert parsed["type_of_reference"] == "JOUR"
    assert parsed["secondary_title"] == "IJCV" and "journal_name" not in parsed
    assert (parsed["volume"], parsed["number"], parsed["date"]) == ("128", "6", "2020///")
    assert parsed["extra"] == ["Publisher: Springer"]  # a Zotero journal article has no publisher


def test_newlines_cannot_forge_a_tag_line():
    record = {"id": "x", "type": "paper-conference", "title": "Evil\nER  - \nTY  - JOUR",
              "custom": {"code": "https://x\nER  - "}}
    (parsed,) = ris_records(ris.dump([record]))
    assert parsed["title"] == "Evil ER - TY - JOUR" and parsed["notes"] == ["Code: https://x ER -"]


@pytest.mark.parametrize(("page", "first", "last"), [
    ("12--15", "12", "15"), ("12—15", "12", "15"), ("12–15", "12", "15"), ("12-15-18", "12", "15-18"),
    ("12 - 15", "12", "15"), ("12‐15", "12", "15"), ("12−15", "12", "15"), ("12---15", "12", "15"),
    ("e1234", "e1234", None), ("-15", None, "15"), ("12-", "12", None), ("S12–S15", "S12", "S15"),
])
def test_a_page_range_is_split_at_its_first_run_of_dashes(page, first, last):
    (record,) = ris_records(ris.dump([{**CONF, "page": page}]))
    assert (record.get("start_page"), record.get("end_page")) == (first, last)


@pytest.mark.parametrize(("page", "written"), [
    ("12--15", "12--15"), ("12—15", "12--15"), ("12---15", "12--15"), ("12-15-18", "12--15--18"),
    ("1-10, 20-30", "1--10, 20--30"),
])
def test_bibtex_writes_each_run_of_dashes_in_pages_as_one_en_dash(page, written):
    from wsss_bib.export import bibtex
    assert f"pages = {{{written}}}" in bibtex.dump([{**CONF, "page": page}])
