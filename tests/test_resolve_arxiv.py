"""arXiv Atom -> preprint records, on the feeds arXiv sent (tests/data/arxiv/recorded, see its README)."""

import re

import pytest
from conftest import DATA
from werkzeug import Response

from wsss_bib.resolve.arxiv import NOT_FOUND, SOURCE, parse_feed, split_name
from wsss_bib.resolve.config import HttpConfig
from wsss_bib.resolve.session import make_session
from wsss_bib.resolve.source import Outcome

RECORDED = DATA / "arxiv" / "recorded"
FEEDS = sorted(RECORDED.glob("*.xml"))


def test_feed_entries_become_preprint_records(data):
    records, error = parse_feed((data / "arxiv" / "feed.xml").read_bytes())
    assert error is None and sorted(records) == ["2110.06530", "2110.07110", "2203.02664", "2203.02891"]
    pixel = records["2110.07110"]
    assert pixel["title"] == "Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast"
    assert pixel["author"][0] == {"family": "Du", "given": "Ye"}
    assert pixel["issued"] == {"date-parts": [[2021, 10, 14]]}  # the first version's date
    mct = records["2203.02891"]["custom"]
    assert mct["arxiv-doi"] == "10.5555/fixture.mctformer" and mct["arxiv-journal-ref"] == "CVPR 2022"


@pytest.mark.parametrize("path", FEEDS, ids=[f.stem for f in FEEDS])
def test_every_recorded_feed_reads(path):
    records, error = parse_feed(path.read_bytes())
    entries = path.read_text().count("<entry>")
    assert len(records) + (error is not None) == entries
    for arxiv_id, record in records.items():
        assert record["custom"]["arxiv"] == arxiv_id and record["URL"].endswith(arxiv_id)
        assert record["title"] and "$" not in record["title"] and "  " not in record["title"]
        assert all(n.get("family") or n.get("literal") for n in record["author"])
    # no word of a name is lost or invented, whichever part it lands in
    names = re.findall(r"<name>([^<]*)</name>", path.read_text())
    people = [a for r in records.values() for a in r["author"]]
    assert sorted(" ".join(sorted(n.split())) for n in names if n != "arXiv api core") == sorted(
        " ".join(sorted(" ".join(p.get(k, "") for k in ("given", "family", "suffix", "literal")).replace(",", "")
                        .split())) for p in people)


def test_tex_in_titles_is_read_not_escaped():
    records, _ = parse_feed((RECORDED / "q_testing_s0_m100_cfe7536492ca.xml").read_bytes())
    assert "ωTest: WebView-Oriented Testing for Android Applications" in {r["title"] for r in records.values()}


def test_multi_part_names_as_arxiv_writes_them():
    records, _ = parse_feed((RECORDED / "id_1707.08567_s0_m100_6a1afebfc6a3.xml").read_bytes())
    names = [a for r in records.values() for a in r["author"]]
    # The feed's multi-part family names, each as arXiv writes it (given names before, particles kept).
    assert {"family": "Schouhamer Immink", "given": "Kees A."} in names
    assert {"family": "de With", "given": "Peter H. N."} in names
    assert {"family": "van der Putten", "given": "Joost"} in names
    assert split_name("Kees A. Schouhamer Immink") == {"family": "Schouhamer Immink", "given": "Kees A."}
    assert split_name("Yohann De Castro") == {"family": "De Castro", "given": "Yohann"}
    assert split_name("Laurens van der Maaten") == {"family": "van der Maaten", "given": "Laurens"}
    assert split_name("Luc Van Gool") == {"family": "Van Gool", "given": "Luc"}
    assert split_name("James W. Fox IV") == {"family": "Fox", "given": "James W.", "suffix": "IV"}
    assert split_name("Cher") == {"literal": "Cher"}
    # words nameparser takes for titles stay in the given name
    assert split_name("Md. Abdul Karim") == {"family": "Karim", "given": "Md. Abdul"}
    assert split_name("King Wong") == {"family": "Wong", "given": "King"}


def test_the_http_400_error_feed_is_read_and_the_rest_of_the_batch_asked_again(httpserver, tmp_path):
    """arXiv answers a malformed id with its error feed and HTTP 400 (recorded by arxiv.py)."""
    error = (RECORDED / "id_abc_s0_m100_b79c8dcf6bc3.xml").read_bytes()
    good = (RECORDED / "id_1605.08386_s0_m100_199195aa31ad.xml").read_bytes()

    def answer(request):
        ids = request.args["id_list"].split(",")
        if "abc" in ids:
            return Response(error, status=400, content_type="application/atom+xml")
        return Response(good if ids == ["1605.08386"] else b"", content_type="application/atom+xml")

    httpserver.expect_request("/query").respond_with_handler(answer)
    config = HttpConfig(cache_path=tmp_path / "c.sqlite", intervals={"arxiv": 0.0})
    url = httpserver.url_for("/query")
    session = make_session(config, lambda _: None, {"arxiv": (url, 0.0, 1)})
    lookup = SOURCE.fetch(session, url, ["abc", "1605.08386"], config)
    assert list(lookup.found) == ["1605.08386"]
    refused = lookup.failures["abc"]  # arXiv's answer: typed as refused, settled, with arXiv's own words
    assert refused.outcome is Outcome.REFUSED and refused.settled and refused.short == "arxiv: refused"
    assert str(refused).startswith(NOT_FOUND) and "incorrect id format for abc" in str(refused)
    assert re.search(r"id_list=1605\.08386\b", httpserver.log[-1][0].full_path)
