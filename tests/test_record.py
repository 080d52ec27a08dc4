from wsss_bib.record import merge


def test_later_sources_win_field_by_field_and_provenance_says_which():
    merged = merge([("list", {"title": "t", "URL": "u", "custom": {"arxiv": "1"}}),
                    ("crossref", {"title": "T", "DOI": "10.1/x"}),
                    ("override", {"DOI": None, "custom": {"doi-reason": "why"}})])
    assert merged["title"] == "T" and merged["URL"] == "u" and "DOI" not in merged
    assert merged["custom"] == {"arxiv": "1", "doi-reason": "why",
                                "provenance": {"URL": "list", "title": "crossref"}}


def test_preprint_fields_from_the_list_go_when_a_source_says_published():
    listed = {"type": "article", "publisher": "arXiv", "number": "2103.01795", "title": "t"}
    published = merge([("list", listed), ("override", {"type": "paper-conference"})])
    assert "publisher" not in published and "number" not in published
    still_preprint = merge([("list", listed)])
    assert still_preprint["publisher"] == "arXiv" and still_preprint["number"] == "2103.01795"
