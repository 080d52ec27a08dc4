from wsss_bib.resolve.arxiv import parse_feed, split_name


def test_feed_entries_become_preprint_records(data):
    records, error = parse_feed((data / "arxiv" / "feed.xml").read_bytes())
    assert error is None and sorted(records) == ["2110.06530", "2110.07110", "2203.02664", "2203.02891"]
    pixel = records["2110.07110"]
    assert pixel["title"] == "Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast"
    assert pixel["author"][0] == {"family": "Du", "given": "Ye"}
    assert pixel["issued"] == {"date-parts": [[2021, 10, 14]]}  # the first version's date
    assert pixel["custom"] == {"arxiv": "2110.07110", "arxiv-category": "cs.CV"}
    mct = records["2203.02891"]["custom"]
    assert mct["arxiv-doi"] == "10.5555/fixture.mctformer" and mct["arxiv-journal-ref"] == "CVPR 2022"


def test_error_entry_is_reported_not_a_record(data):
    records, error = parse_feed((data / "arxiv" / "error.xml").read_bytes())
    assert records == {} and error == "incorrect id format for 1234.1234"


def test_names_keep_particles_with_the_family_name():
    assert split_name("Laurens van der Maaten") == {"family": "van der Maaten", "given": "Laurens"}
    assert split_name("Luc Van Gool") == {"family": "Gool", "given": "Luc Van"}
    assert split_name("Cher") == {"literal": "Cher"}
