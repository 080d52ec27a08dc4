from exports import ris_records

from wsss_bib.export import ris

CONF = {"id": "k", "type": "paper-conference", "title": "A Title", "event-title": "CVPR 2021",
        "container-title": "Proceedings of CVPR", "author": [{"family": "Lee", "given": "Jungbeom"}],
        "issued": {"date-parts": [[2021, 6, 19]]}, "page": "4071-4080", "DOI": "10.1109/x_1",
        "URL": "https://e.org", "keyword": "Image", "custom": {"code": "https://github.com/a/b", "arxiv": "2103.08896"}}


def test_conference_paper_tags_follow_zoteros_reader():
    text = ris.dump([CONF])
    assert not any(line.strip().endswith(".") and line.strip()[:-1].isdigit() for line in text.splitlines())
    (record,) = ris_records(text)
    assert record["type_of_reference"] == "CONF"
    assert record["secondary_title"] == "CVPR 2021" and record["custom3"] == "Proceedings of CVPR"
    assert record["date"] == "2021/06/19/" and record["year"] == "2021"
    assert (record["start_page"], record["end_page"]) == ("4071", "4080")
    assert record["authors"] == ["Lee, Jungbeom"] and record["doi"] == "10.1109/x_1"
    assert record["notes"] == ["Code: https://github.com/a/b", "arXiv: 2103.08896"]


def test_journal_article_has_journal_in_t2_and_jo():
    record = {"id": "j", "type": "article-journal", "title": "T", "container-title": "IJCV", "volume": "128",
              "issue": "6", "issued": {"date-parts": [[2020]]}}
    (parsed,) = ris_records(ris.dump([record]))
    assert parsed["type_of_reference"] == "JOUR"
    assert parsed["secondary_title"] == parsed["journal_name"] == "IJCV"
    assert (parsed["volume"], parsed["number"], parsed["date"]) == ("128", "6", "2020///")


def test_newlines_cannot_forge_a_tag_line():
    record = {"id": "x", "type": "paper-conference", "title": "Evil\nER  - \nTY  - JOUR"}
    (parsed,) = ris_records(ris.dump([record]))
    assert parsed["title"] == "Evil ER - TY - JOUR"
