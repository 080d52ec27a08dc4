"""Crossref works -> CSL records, on real records (tests/data/crossref/recorded, see its README)."""

import json
import re

import jsonschema
import pytest
from conftest import DATA

from wsss_bib.resolve.crossref import PUBLISHED_TYPES, TYPES, to_candidate, to_record

RECORDED = DATA / "crossref" / "recorded"
FILES = sorted(RECORDED.glob("*.json"))
CSL_SCHEMA = json.loads((DATA / "csl-data.json").read_text())
CSL_TYPES = set(CSL_SCHEMA["items"]["properties"]["type"]["enum"])
CSL_NAME_KEYS = {"family", "given", "suffix", "literal"}


def work(doi: str) -> dict:
    return json.loads((RECORDED / (re.sub(r"[^a-z0-9.]+", "-", doi.lower()).strip("-") + ".json")).read_text())


def test_the_corpus_is_real_and_large():
    sources = dict(line.split("\t")[:2] for line in (RECORDED / "SOURCES").read_text().splitlines())
    assert len(FILES) >= 100 and {f.name for f in FILES} == set(sources)
    assert all(re.fullmatch(r"(sckott/habanero@[0-9a-f]{40}:test/cassettes/\S+\.yaml|"
                            r"ropensci/rcrossref@[0-9a-f]{40}:tests/fixtures/\S+\.yml)", s) for s in sources.values())


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_every_recorded_work_maps_to_a_clean_csl_record(path):
    item = json.loads(path.read_text())
    record = to_record(item)
    assert record["type"] in CSL_TYPES and record["DOI"] == item["DOI"]
    jsonschema.validate([{**record, "id": "k"}], CSL_SCHEMA)  # valid CSL-JSON as it is
    for field, value in record.items():
        if field in ("author", "editor"):
            assert value and all(set(name) <= CSL_NAME_KEYS and all(isinstance(v, str) and v for v in name.values())
                                 for name in value)
        elif field == "issued":
            assert value == {"date-parts": [expected_date(item)]}
        elif field != "custom":
            assert isinstance(value, str) and value == value.strip() and "  " not in value
            # no markup and no entity survives, escaped or not
            assert not re.search(r"</?[a-z][\w:.-]*[\s>/]|&(lt|gt|amp|quot|#\d+);|\u2010", value), (field, value)
    assert len(record.get("author", [])) == sum(1 for a in item.get("author", []) if a.get("family") or a.get("name"))
    assert record.get("URL") == item.get("URL")
    if item.get("article-number") and not item.get("page"):
        assert record["page"] == item["article-number"]
    candidate = to_candidate(item)
    assert candidate.published == (item.get("type") in PUBLISHED_TYPES)
    dates = [item[k]["date-parts"][0][0] for k in ("issued", "published-print", "published-online") if k in item]
    assert set(dates) - {None} <= candidate.years


def test_the_type_map_covers_crossrefs_whole_type_list():
    listed = {t["id"] for t in json.loads((DATA / "crossref" / "types.json").read_text())["message"]["items"]}
    assert len(listed) == 30 and set(TYPES) == listed and set(TYPES.values()) <= CSL_TYPES
    assert (TYPES["dissertation"], TYPES["monograph"], TYPES["peer-review"], TYPES["reference-entry"],
            TYPES["dataset"], TYPES["standard"], TYPES["report"]) == (
        "thesis", "book", "review", "entry-encyclopedia", "dataset", "standard", "report")
    assert to_record(work("10.31390/gradschool_theses.6125"))["type"] == "thesis"  # a recorded dissertation


def expected_date(item: dict) -> list:
    """The year rule, spelled out independently: a journal article in a volume or issue (or a dated
    journal issue) is dated by its print date or its issue's date; any other work by Crossref's `issued` (where that is
    [[null]], no date deposited, by `created`)."""
    def parts(value):
        return (value or {}).get("date-parts", [[None]])[0] if isinstance(value, dict) else [None]
    issue = item.get("journal-issue") if isinstance(item.get("journal-issue"), dict) else {}
    issue_dated = any(parts(issue.get(k))[0] is not None for k in ("published-print", "published-online"))
    if item.get("type") == "journal-article" and (item.get("volume") or item.get("issue") or issue_dated):
        for date in (parts(item.get("published-print")), parts(issue.get("published-print")),
                     parts(issue.get("published-online"))):
            if date and date[0] is not None:
                return date
    known = "issued" in item and item["issued"]["date-parts"][0][0] is not None
    return item["issued" if known else "created"]["date-parts"][0]


def test_a_journal_article_is_dated_by_its_issue_and_every_year_counts_for_matching():
    item = work("10.1002/jmv.26532")  # online 2020, printed 2021 in volume 93, issue 2
    record, candidate = to_record(item), to_candidate(item)
    assert item["issued"]["date-parts"][0][0] == 2020 and item["published-print"]["date-parts"][0][:2] == [2021, 2]
    assert record["issued"] == {"date-parts": [item["published-print"]["date-parts"][0]]}
    assert record["volume"] == "93" and record["issue"] == "2"
    assert {2020, 2021} <= candidate.years


def test_the_year_rule_on_every_recorded_journal_article_printed_after_it_went_online():
    moved = []
    for path in FILES:
        item = json.loads(path.read_text())
        if item.get("type") == "journal-article" and (item.get("volume") or item.get("issue")):
            online = item["issued"]["date-parts"][0][0]
            year = to_record(item)["issued"]["date-parts"][0][0]
            if year != online:
                moved.append(path.stem)
                assert year == expected_date(item)[0] > online
    assert len(moved) >= 30  # 32 recorded journal articles whose issue is a year after their online date


def test_anything_else_keeps_crossrefs_issued():
    item = work("10.1002/jmv.26532")
    for changed in ({"type": "proceedings-article"}, {"volume": None, "issue": None, "journal-issue": None}):
        record = to_record({**item, **changed})
        assert record["issued"] == {"date-parts": [item["issued"]["date-parts"][0]]}


def test_a_subtitle_completes_the_title_with_a_colon_and_the_main_title_still_counts():
    acm = to_candidate(work("10.1145/3027385.3027428"))
    assert acm.record["title"] == ("Widget, widget as you lead, I am performing well indeed!: using results from "
                                   "an exploratory offline study to inform an empirical online study about a "
                                   "learning analytics widget in a collaborative learning environment")
    assert acm.titles == ("Widget, widget as you lead, I am performing well indeed!",)
    assert to_record(work("10.1007/978-1-4612-2326-9"))["title"] == \
        "Cannulated Screw Fixation: Principles and Operative Techniques"


def test_running_heads_and_cited_books_are_no_subtitles():
    assert to_record(work("10.1002/nme.2527"))["title"] == \
        "Pseudo-transient continuation for nonlinear transient elasticity"  # subtitle: its running head
    review = to_record(work("10.1080/0147037x.2024.2403941"))
    assert review["title"] == "Women in Ming China."  # subtitle: the reviewed book's imprint


def test_entities_are_decoded_before_tags_are_stripped():
    assert to_record(work("10.5902/1980509848072"))["title"] == \
        "Cytogenetic study and pollen viability of Diatenopteryx sorbifolia Radlk."  # &lt;i&gt; in the record
    assert to_record(work("10.1039/d1cy90042k"))["title"] == \
        "Outstanding Reviewers for Catalysis Science & Technology in 2020"
    tex = to_record(work("10.1109/tasc.2014.2368072"))["title"]  # escaped JATS around TeX
    assert tex.startswith("Optimizing Flux Pinning of YBa_2Cu_3 O_7-δ (YBCO) Thin Films") and "$" not in tex


def test_wileys_small_caps_and_unicode_hyphens():
    assert to_record(work("10.1002/fee.70021"))["title"] == "The role of AI in ecology’s computational carbon footprint"
    assert to_record(work("10.1002/aqc.3262"))["title"] == \
        "Longitudinal distribution of uncommon fishes in a species-rich basin"


def test_mathml_is_one_word_and_does_not_glue_its_neighbours():
    assert to_record(work("10.1155/2013/345601"))["title"] == \
        "Robust H∞ Control of Uncertain T-S Fuzzy Time-Delay System: A Delay Decomposition Approach"
    assert to_record(work("10.1155/2011/132985"))["title"] == \
        "Topological Entropy and Special α-Limit Points of Graph Maps"
    assert to_record(work("10.1016/j.oceaneng.2023.114201"))["title"].startswith("ν-gap metric based")


def test_springer_chapter_and_spie_paper_get_their_volume_as_container_and_the_series_apart():
    series_first = to_record(work("10.1007/978-3-031-33148-0_45"))  # Crossref lists the series first
    assert series_first["container-title"] == "Mediterranean Architecture and the Green-Digital Transition"
    assert series_first["collection-title"] == "Innovative Renewable Energy"
    lncs = to_record(work("10.1007/978-3-319-56154-7_43"))  # and here the book first
    assert (lncs["container-title"], lncs["collection-title"]) == (
        "Bioinformatics and Biomedical Engineering", "Lecture Notes in Computer Science")
    assert lncs["ISBN"] == "9783319561530, 9783319561547" and lncs["ISSN"] == "0302-9743, 1611-3349"
    spie = to_record(work("10.1117/12.2214605"))
    assert spie["container-title"] == \
        "Optical Coherence Tomography and Coherence Domain Optical Methods in Biomedicine XX"
    assert (spie["collection-title"], spie["event-title"], spie["event-place"]) == (
        "SPIE Proceedings", "SPIE BiOS", "San Francisco, California, United States")


@pytest.mark.parametrize("doi, volume, series", [  # recorded by rcrossref, the series listed first
    ("10.1007/bfb0022061", "Database and Expert Systems Applications", "Lecture Notes in Computer Science"),
    ("10.1007/978-3-642-33823-6_2", "Edible Ectomycorrhizal Mushrooms", "Soil Biology"),
    ("10.17875/gup2021-1672", "Of body snatchers and cyberpunks", "Göttinger Schriften zur Englischen Philologie"),
    ("10.4242/balisagevol23.renear01", "Proceedings of Balisage: The Markup Conference 2019",
     "Balisage Series on Markup Technologies"),
])
def test_a_series_listed_first_is_still_the_series(doi, volume, series):
    record = to_record(work(doi))
    assert (record["container-title"], record["collection-title"]) == (volume, series)


def test_article_number_stands_in_for_pages():
    item = work("10.1002/eng2.12059")
    assert "page" not in item and to_record(item)["page"] == item["article-number"]


def test_names_keep_suffixes_editors_and_orcids():
    item = work("10.1002/jor.1100150407")
    suffixed = [a for a in item["author"] if a.get("suffix")]
    record = to_record(item)
    assert suffixed and all({"family": a["family"], "given": a["given"], "suffix": a["suffix"]} in record["author"]
                            for a in suffixed)
    book = to_record(work("10.1007/978-3-642-74679-6"))  # an edited book: editors, no authors
    assert "author" not in book and book["editor"] and book["type"] == "book"
    with_orcid = work("10.1002/2016gl071374")
    assert set(to_record(with_orcid)["custom"]["orcid"].values()) == \
        {a["ORCID"] for a in with_orcid["author"] if a.get("ORCID")}


def test_missing_parts_are_absent_not_errors():
    record = to_record({"DOI": "10.5555/x", "type": "book-chapter", "title": [],
                        "container-title": ["Computer Vision – ECCV 2020", "Lecture Notes in Computer Science"],
                        "author": [{"name": "The Consortium"}, {"given": "No family"}]})
    assert "title" not in record and record["author"] == [{"literal": "The Consortium"}]
    assert record["container-title"] == "Computer Vision – ECCV 2020"
    assert record["collection-title"] == "Lecture Notes in Computer Science"
    reversed_order = to_record({"type": "book-chapter", "title": ["x"], "container-title": [
        "Lecture Notes in Computer Science", "Computer Vision – ECCV 2020"]})
    assert reversed_order["container-title"] == "Computer Vision – ECCV 2020"


@pytest.mark.parametrize("service", ["crossref", "arxiv", "dblp"])
def test_every_fixture_file_says_where_its_shape_came_from(service):
    """Each file of tests/data/<service>/ has a line in its SOURCES; one carrying Crossref's test
    prefix (10.5555) or a fixture id was written for the tests, and its line says it is hand-made."""
    folder = DATA / service
    sources = dict(line.split("\t", 1) for line in (folder / "SOURCES").read_text().splitlines() if "\t" in line)
    files = {f.name for f in folder.iterdir() if f.is_file() and f.name != "SOURCES"}
    assert files == set(sources)
    for name in files:
        text = (folder / name).read_text(encoding="utf-8")
        if "10.5555/" in text or "api/fixture" in text:
            assert sources[name].startswith("hand-made"), name
