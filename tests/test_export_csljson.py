
from exports import csl_valid

from wsss_bib.export import csljson

RECORD = {"id": "k", "type": "chapter", "title": "T", "issued": {"date-parts": [[2021]]},
          "event-title": "ECCV 2020", "container-title": "Computer Vision – ECCV 2020", "issue": "7",
          "author": [{"family": "Gool", "non-dropping-particle": "Van", "given": "Luc"}],
          "custom": {"arxiv": "2101.00001", "code": "https://github.com/x/y", "provenance": {"title": "list"}}}


def test_processor_items_are_csl_1_0_1():
    """No `custom` and no `event-title` (citeproc-py warns about both); the arXiv id as a note line."""
    (item,) = csl_valid(csljson.dump([RECORD]))
    assert "custom" not in item and "event-title" not in item
    assert item["event"] == "ECCV 2020" and item["note"] == "arXiv: 2101.00001"
    assert item["type"] == "chapter" and item["author"] == RECORD["author"]


def test_zotero_items_carry_extra_lines_and_keep_custom():
    (item,) = csl_valid(csljson.dump_zotero([{**RECORD, "note": "Accepted."}]))
    assert item["type"] == "paper-conference"  # a chapter would lose its DOI in Zotero 7.0
    assert item["event-title"] == "ECCV 2020" and item["custom"] == RECORD["custom"]
    assert item["note"].split("\n") == ["arXiv: 2101.00001", "Issue: 7", "Code: https://github.com/x/y", "Accepted."]
    assert item["author"] == [{"family": "Van Gool", "given": "Luc"}]  # Zotero drops the particle field


def test_the_files_are_written_an_item_at_a_time_as_json_dump_lays_out_the_list():
    """The export writes each item as it is made (memory, issue 23); the bytes are `json.dump`'s with
    a two-space indent, sorted keys and a last newline, for no item, one, and many."""
    import io
    import json

    hostile = {**RECORD, "title": "Line\nbreak \u2028 “quoted” \\ é", "note": "", "page": [], "x": {}}
    for records in ([], [RECORD], [RECORD, hostile, {"id": "empty"}]):
        for pieces, items in ((csljson.pieces, map(csljson._for_processors, records)),
                              (csljson.pieces_zotero, map(csljson._for_zotero, records))):
            expected = io.StringIO()
            json.dump(list(items), expected, ensure_ascii=False, indent=2, sort_keys=True)
            made = list(pieces(records))
            assert "".join(made) == expected.getvalue() + "\n" and len(made) == len(records) + 1
