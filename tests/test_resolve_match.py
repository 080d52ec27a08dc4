import json

from wsss_bib.awesome_list import parse_list
from wsss_bib.resolve.crossref import to_candidate
from wsss_bib.resolve.match import choose

ROW = ("## {year}\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
       "| {title} | {venue} | Image | | |\n")
PIXEL = "works-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json"
RIB = "works-reducing-information-bottleneck-for-weakly-supervised-semantic.json"


def entry(title, venue, year):
    return parse_list(ROW.format(title=title, venue=venue, year=year)).entries[0]


def candidates(data, name):
    return [to_candidate(i) for i in json.loads((data / "crossref" / name).read_text())["message"]["items"]]


def test_published_version_beats_the_preprint(data):
    row = entry("Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast", "CVPR", 2022)
    decision = choose(row, None, candidates(data, PIXEL))
    assert decision.record["DOI"] == "10.5555/fixture.pixel" and decision.margin >= 8


def test_conference_and_journal_versions_with_one_title_go_by_venue_and_year(data):
    found = candidates(data, "works-integral-object-mining-via-online-attention-accumulation.json")
    conference = choose(entry("Integral Object Mining via Online Attention Accumulation", "ICCV", 2019), None, found)
    journal = choose(entry("Integral Object Mining via Online Attention Accumulation", "TPAMI", 2021), None, found)
    assert conference.record["DOI"] == "10.5555/fixture.iom.iccv"
    assert journal.record["DOI"] == "10.5555/fixture.iom.tpami"


def test_similar_title_by_other_authors_is_rejected_with_a_reason(data):
    preprint = {"title": "Reducing Information Bottleneck for Weakly Supervised Semantic Segmentation",
                "author": [{"family": "Lee", "given": "Jungbeom"}, {"family": "Yoon", "given": "Sungroh"}]}
    row = entry(preprint["title"], "NeurIPS", 2021)
    decision = choose(row, preprint, candidates(data, RIB))
    assert decision.record is None and "authors overlap 0%" in decision.reason


def test_without_authors_a_venue_mismatch_is_not_enough(data):
    row = entry("Reducing Information Bottleneck for Weakly Supervised Semantic Segmentation", "NeurIPS", 2021)
    decision = choose(row, None, candidates(data, RIB))
    assert decision.record is None


def test_no_candidates_means_unknown():
    assert choose(entry("Anything", "CVPR", 2020), None, []).reason == "no source returned candidates"
