"""dblp as a source: its answers' shapes (tests/data/dblp, SOURCES says where each comes from), the
refusal of same-title records that are other papers, and dblp beside Crossref and arXiv on loopback."""

from __future__ import annotations

import json

import pytest
from conftest import DATA
from services import FakeServices, crossref_items
from werkzeug import Response

from wsss_bib.lists import parse_list
from wsss_bib.resolve import match
from wsss_bib.resolve.dblp import candidates, hits, to_record
from wsss_bib.resolve.source import NotFound, Outcome, SourceError, SourceUnavailable

DBLP = DATA / "dblp"
PIXEL = "Weakly Supervised Semantic Segmentation by Pixel-to-Prototype Contrast"


def answer(name: str) -> dict:
    return json.loads((DBLP / name).read_text(encoding="utf-8"))


def by_key(found) -> dict:
    return {c.record.get("custom", {}).get("dblp") or c.record["title"]: c for c in found}


def test_every_fixture_names_its_source():
    sources = dict(line.split("\t", 1) for line in (DBLP / "SOURCES").read_text().splitlines())
    assert set(sources) == {p.name for p in DBLP.glob("*.json")}
    recorded = [name for name, where in sources.items() if not where.startswith("hand-made")]
    assert recorded and all("@" in sources[name] and ":" in sources[name] for name in recorded)


def test_a_recorded_answer_plain_string_authors_entities_and_types():
    """A real answer as dblp gave it before 2020: authors as strings, one author as a lone string."""
    found = by_key(candidates(answer("recorded-test-query.json")))
    assert len(found) == 7  # every hit is a publication
    ats = found["conf/ats/ShinogiYHTY05"].record
    assert ats["title"] == ("A Test Cost Reduction Method by Test Response and Test Vector Overlapping for "
                            "Full-Scan Test Architecture")  # dblp's final period is not the title's
    assert ats["author"][0] == {"family": "Shinogi", "given": "Tsuyoshi"} and len(ats["author"]) == 5
    assert (ats["type"], ats["page"], ats["issued"]) == ("paper-conference", "366-371", {"date-parts": [[2005]]})
    assert ats["container-title"] == "Asian Test Symposium"  # a venue the vocabulary lacks stays as dblp says
    lone = found["conf/date/Pomeranz14"].record
    assert lone["author"] == [{"family": "Pomeranz", "given": "Irith"}]
    journal = found["journals/stvr/BruckerJ14"].record
    assert (journal["type"], journal["volume"], journal["issue"], journal["page"]) == ("article-journal", "24", "7",
                                                                                        "497-498")
    assert journal["DOI"] == "10.1002/stvr.1560"  # dblp upper-cases `doi`; the ee link keeps the DOI's spelling
    chapter = found["books/tf/11/VainKKMR11"].record
    assert chapter["type"] == "chapter" and chapter["container-title"] == "Model-Based Testing for Embedded Systems"
    thesis = found["phd/hal/Bessayah10"].record
    assert thesis["type"] == "book" and "container-title" not in thesis
    assert "l'injection de fautes" in thesis["title"] and "&apos;" not in thesis["title"]  # entities decoded
    qsic = found["conf/qsic/GuderleiM07"].record
    assert qsic["URL"] == "http://doi.ieeecomputersociety.org/10.1109/QSIC.2007.54"
    assert qsic["DOI"] == "10.1109/QSIC.2007.54"
    assert all(c.published for c in found.values())


def test_an_empty_answer_has_no_hit():
    empty = answer("empty.json")
    assert "hit" not in empty["result"]["hits"] and hits(empty) == [] and candidates(empty) == []
    assert candidates({}) == [] and candidates({"result": {"hits": {"hit": {"info": "odd"}}}}) == []


def test_current_shapes_corr_one_author_object_homonyms_editorship():
    found = candidates(answer("search-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json"))
    assert len(found) == 4  # the Editorship (the proceedings volume) is no paper's record
    cvpr, corr, stranger, old = found
    assert cvpr.published and cvpr.record["type"] == "paper-conference"
    assert cvpr.record["container-title"] == "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    assert cvpr.record["DOI"] == "10.1109/CVPR52688.2022.00428" and cvpr.record["page"] == "4320-4329"
    assert [a["family"] for a in cvpr.record["author"]] == ["Du", "Fu", "Liu", "Wang"]
    # CoRR: the preprint, never a published version; its arXiv id kept, its DataCite DOI not a DOI of the paper
    assert not corr.published and corr.record["type"] == "article" and corr.record["custom"]["arxiv"] == "2110.07110"
    assert "DOI" not in corr.record and corr.record["URL"] == "https://arxiv.org/abs/2110.07110"
    # one author: an object, not a list; "0002" is dblp's homonym number, not part of the name
    assert stranger.record["author"] == [{"family": "Hand", "given": "Ada"}]
    assert old.years == frozenset({2015})


def test_venues_are_expanded_through_the_vocabulary_and_ee_may_be_a_list():
    tpami = candidates(answer("search-leveraging-instance-image-and-dataset-level-information.json"))[0].record
    assert tpami["container-title"] == "IEEE Transactions on Pattern Analysis and Machine Intelligence"
    assert (tpami["volume"], tpami["issue"], tpami["issued"]) == ("44", "3", {"date-parts": [[2022]]})
    assert tpami["URL"] == "https://doi.org/10.1109/TPAMI.2020.3023152"
    volume = to_record({"title": "A Paper.", "venue": "CVPR (1)", "year": "2019",
                        "type": "Conference and Workshop Papers"})
    assert volume and volume["container-title"] == \
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    assert to_record({"title": "Gone.", "type": "Journal Articles", "access": "withdrawn"}) is None


def entry(title: str = PIXEL, venue: str = "CVPR", year: int = 2022, arxiv: str = "2110.07110"):
    link = f"[PDF](https://arxiv.org/abs/{arxiv})" if arxiv else "PDF"
    text = (f"## {year}\n| Title | Venue | Supervision | PDF | CODE |\n|---|---|---|---|---|\n"
            f"| {title} | {venue} | Image | {link} | |\n")
    return parse_list(text).entries[0]


PREPRINT = {"title": PIXEL, "author": [{"family": "Du", "given": "Ye"}, {"family": "Fu", "given": "Zehua"},
                                       {"family": "Liu", "given": "Qingjie"}, {"family": "Wang", "given": "Yunhong"}]}


def test_same_title_records_of_another_year_or_without_a_common_author_are_refused():
    found = candidates(answer("search-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json"))
    decision = match.supplement(entry(), PREPRINT, None, found, "dblp")
    assert decision.record is not None and decision.record["DOI"] == "10.1109/CVPR52688.2022.00428"
    assert "hand-made/distractor-another-year (2015: another year)" in decision.reason
    assert "hand-made/distractor-no-common-author (no common author)" in decision.reason
    # Only the distractors and the preprint: nothing is taken.
    others = [c for c in found if c.record.get("custom", {}).get("dblp", "").startswith("hand-made") or not c.published]
    refused = match.supplement(entry(), PREPRINT, None, others, "dblp")
    assert refused.record is None and "no dblp record is this paper" in refused.reason


def test_a_record_naming_another_doi_or_venue_than_the_base_is_another_paper():
    found = candidates(answer("search-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json"))[:1]
    base = {**PREPRINT, "DOI": "10.5555/another", "container-title": "2022 IEEE/CVF Conference on Computer Vision and "
            "Pattern Recognition (CVPR)", "issued": {"date-parts": [[2022]]}}
    assert match.supplement(entry(), PREPRINT, base, found, "dblp").record is None
    tpami = candidates(answer("search-leveraging-instance-image-and-dataset-level-information.json"))
    row = entry("Leveraging Instance-, Image- and Dataset-Level Information for Weakly Supervised "
                "Instance Segmentation", "CVPR", 2022, "")
    assert match.supplement(row, None, None, tpami, "dblp").record is None  # the list says CVPR, dblp a journal


def test_two_papers_that_both_fit_leave_the_row_as_it_was():
    found = candidates(answer("search-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json"))
    # Without the arXiv authors nobody can tell the real paper from the stranger's of the same year.
    decision = match.supplement(entry(arxiv=""), None, None, found, "dblp")
    assert decision.record is None and "2 dblp records fit" in decision.reason


def test_outcomes_are_typed_and_not_found_is_no_lookup_error():
    assert not issubclass(NotFound, LookupError) and issubclass(NotFound, SourceError)
    assert NotFound("unknown to Crossref", "crossref").failure.settled
    down = SourceUnavailable("dblp: HTTP 503", "dblp").failure
    assert down.outcome is Outcome.UNAVAILABLE and not down.settled and down.short == "dblp: unavailable"
    assert str(down) == "dblp: HTTP 503"


# -- dblp beside Crossref and arXiv, through the CLI on loopback ------------------------------------------

@pytest.fixture
def services(httpserver):
    return FakeServices(httpserver)


@pytest.fixture
def export(run, tmp_path, services):
    (tmp_path / "none").mkdir()

    def invoke(*extra: str, out: str = "out"):
        return run("export", "--format", "all", "--list", DATA / "resolve.md", "--overrides", tmp_path / "none",
                   "--out", tmp_path / out, "--arxiv-interval", "0", "--dblp-interval", "0", "--backoff-base", "0.01",
                   *services.options(tmp_path / "c.sqlite"), *extra)
    return invoke


def records(tmp_path, out="out") -> dict:
    return {r["title"]: r for r in json.loads((tmp_path / out / "resolve-zotero.json").read_text())}


RIB = "Reducing Information Bottleneck for Weakly Supervised Semantic Segmentation"


def test_a_paper_only_dblp_knows_as_published_becomes_that_paper(export, tmp_path, services):
    result = export()
    assert result.exit_code == 0, result.stderr
    rib = records(tmp_path)[RIB]  # NeurIPS: no Crossref record; dblp has the proceedings paper and its CoRR record
    assert (rib["type"], rib["container-title"], rib["page"]) == (
        "paper-conference", "Advances in Neural Information Processing Systems (NeurIPS)", "27408-27421")
    assert rib["issued"] == {"date-parts": [[2021]]} and "DOI" not in rib and "publisher" not in rib
    assert rib["custom"]["arxiv"] == "2110.06530"  # the preprint's id kept beside the published paper
    provenance = rib["custom"]["provenance"]
    assert provenance["page"] == provenance["container-title"] == provenance["type"] == "dblp"
    # Rows Crossref gave pages were not asked about; the rows it could not were, once each.
    asked = [r.args["q"] for r in services.requests if r.path.startswith("/dblp")]
    assert len(asked) == len(set(asked)) and any(q.startswith("Reducing Information") for q in asked)
    assert not any(q.startswith("Weakly Supervised Semantic Segmentation by Pixel") for q in asked)
    report = run_report(tmp_path)
    assert report[RIB]["provenance"]["page"] == "dblp" and "dblp" in report[RIB]["reason"]


def run_report(tmp_path) -> dict:
    from click.testing import CliRunner

    from wsss_bib.cli import main
    result = CliRunner().invoke(main, ["report", "--format", "json", "--list", str(DATA / "resolve.md"),
                                       "--overrides", str(tmp_path / "none"), "--out", str(tmp_path / "out")])
    return {row["title"]: row for row in json.loads(result.stdout)}


def test_dblp_fills_the_pages_crossrefs_record_lacks_and_crossref_stays_the_base(export, tmp_path, services):
    work = json.loads((DATA / "crossref" / "works-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json")
                      .read_text())["message"]["items"]
    pixel = next(w for w in work if w["DOI"] == "10.5555/fixture.pixel")
    # Crossref's record of the paper as the IEEE DOI, without pages (as for a CVF paper whose pages it lacks).
    ieee = {k: v for k, v in {**pixel, "DOI": "10.1109/CVPR52688.2022.00428"}.items() if k != "page"}
    services.fail(crossref_items(ieee), service="crossref", where="query.bibliographic=Weakly Supervised Semantic "
                  "Segmentation by Pixel", times=5)
    result = export()
    assert result.exit_code == 0, result.stderr
    record = records(tmp_path)[PIXEL]
    assert record["DOI"] == "10.1109/CVPR52688.2022.00428" and record["page"] == "4320-4329"
    provenance = record["custom"]["provenance"]
    assert provenance["page"] == "dblp"
    assert provenance["DOI"] == provenance["title"] == provenance["author"] == "crossref"
    # the same-title distractors and the preprint were dblp's answer too, and none of them was taken
    assert record["issued"]["date-parts"][0][0] == 2022 and record["type"] == "paper-conference"


def test_dblps_429_and_retry_after_are_honoured(export, tmp_path, services):
    services.fail(Response("slow down", status=429, headers={"Retry-After": "1"}), service="dblp", times=1)
    result = export()
    assert result.exit_code == 0, result.stderr
    assert records(tmp_path)[RIB]["page"] == "27408-27421"
    assert sum(1 for r in services.requests if r.path.startswith("/dblp") and r.args["q"].startswith("Reducing")) == 2


def test_dblp_down_fails_only_the_rows_it_alone_could_settle_and_offline_works_from_the_cache(export, tmp_path,
                                                                                          services):
    services.fail(Response("down", status=503), service="dblp", times=100)
    result = export("--timeout", "2")
    assert result.exit_code == 0, result.stderr
    lock = {row["identity"]: row for row in json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"]}
    assert lock["arxiv:2110.06530"]["status"] == "failed" and "dblp: HTTP 503" in lock["arxiv:2110.06530"]["reason"]
    assert lock["arxiv:2110.07110"]["status"] == "resolved"  # Crossref's record, with pages, needed no dblp
    # dblp answers again: the failed row is asked again and settled; then offline, from the cache, the same files.
    services.targeted.clear()
    assert export().exit_code == 0 and records(tmp_path)[RIB]["page"] == "27408-27421"
    assert export("--offline", out="again").exit_code == 0
    assert records(tmp_path, "again") == records(tmp_path)


def test_a_recorded_answer_in_the_current_shape_gives_the_same_record_as_the_old_shape():
    """The same publication as dblp recorded it twice: authors as strings (before 2020) and as
    {"@pid", "text"} objects with hit scores and counted completions (now). One record either way."""
    [current] = candidates(answer("recorded-test-query-current.json"))
    old = by_key(candidates(answer("recorded-test-query.json")))["conf/ats/ShinogiYHTY05"]
    assert current.record == old.record and current.published
    assert [a["family"] for a in current.record["author"]] == ["Shinogi", "Yamada", "Hayashi", "Tsuruoka",
                                                                 "Yoshikawa"]
    assert current.record["DOI"] == "10.1109/ATS.2005.17" and current.record["page"] == "366-371"


# -- hostile years: only ASCII digits make a year ---------------------------------------------------------

ODD_YEARS = ["２０２１", "²⁰²¹", "2021a", "٢٠٢١", "0x7E5", " 2021 5", "99999999999999999999999999"]


@pytest.mark.parametrize("year", ODD_YEARS)
def test_a_dblp_year_that_is_not_ascii_digits_is_no_year(year):
    """dblp's `year` is text; `str.isdigit` takes "²⁰²¹" (which int() refuses) and "２０２１" for digits."""
    info = dict(hits(answer("search-reducing-information-bottleneck-for-weakly-supervised-semantic.json"))[0],
                year=year)
    record = to_record(info)
    assert record is not None and "issued" not in record
    envelope = {"result": {"hits": {"hit": [{"info": info}]}}}
    assert all(not c.years for c in candidates(envelope))


@pytest.mark.parametrize("year", ["²⁰²¹", "２０２１"])
def test_a_dblp_answer_with_an_odd_year_runs_through_the_cli(export, tmp_path, services, year):
    found = json.loads((DBLP / "search-reducing-information-bottleneck-for-weakly-supervised-semantic.json")
                       .read_text(encoding="utf-8"))
    for hit in found["result"]["hits"]["hit"]:
        hit["info"]["year"] = year
    services.fail(Response(json.dumps(found), content_type="application/json"), service="dblp",
                  where="Reducing Information", times=5)
    result = export()
    assert result.exit_code == 0, result.stderr
    lock = {row["identity"]: row for row in json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"]}
    row = lock["arxiv:2110.06530"]
    assert "ValueError" not in row["reason"] and "unusable" not in row["reason"]  # before: the whole answer failed
    assert all("issued" not in layer for source, layer in row["layers"] if source == "dblp")  # "２０２１" was 2021
    assert "²" not in (tmp_path / "out" / "resolve.bib").read_text()
