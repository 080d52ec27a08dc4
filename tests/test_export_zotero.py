"""What Zotero's importers rely on, pinned record by record on the committed output/.

Each expectation is what Zotero's import translators (RIS.js, BibTeX.js, CSL JSON.js) do with a
tag or field, as measured with Zotero's translation-server 2.0.5 (schema 29 = Zotero 7.0; see the
README's "Importing into Zotero"): CI has no Zotero, so a writer that stops giving it what it keeps
fails here. The expected values are derived from the records independently of wsss_bib.export.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from exports import bibtex_both, csl_valid, ris_records, shipped_records

from wsss_bib.export import get, zotero

OUTPUT = ROOT / "output"
RECORDS = shipped_records(ROOT, ROOT / ".pytest_cache" / "no-cache.sqlite")
IDS = [record["id"] for record in RECORDS]


def _file(fmt: str) -> str:
    return (OUTPUT / get(fmt).file.format(stem="wsss")).read_text(encoding="utf-8")


RIS = {record["id"]: record for record in ris_records(_file("ris"))}
BIBTEX = bibtex_both(_file("bibtex"))[0].entries
BIBLATEX = bibtex_both(_file("biblatex"))[0].entries
ZOTERO_CSL = {item["id"]: item for item in csl_valid(_file("csl-json-zotero"))}
PROCESSOR_CSL = {item["id"]: item for item in csl_valid(_file("csl-json"))}


def _expected_extra(record: dict) -> list[str]:
    """Extra lines: the arXiv id; the issue of a conference paper and the publisher of a journal
    article, which schema 29's conferencePaper and journalArticle have no field for."""
    lines = [f"arXiv: {record['custom']['arxiv']}"] if record.get("custom", {}).get("arxiv") else []
    if record["type"] in ("paper-conference", "chapter") and record.get("issue"):
        lines.append(f"Issue: {record['issue']}")
    if record["type"] == "article-journal" and record.get("publisher"):
        lines.append(f"Publisher: {record['publisher']}")
    return lines


def _parts(record: dict) -> list[int]:
    return [int(p) for p in (record.get("issued") or {}).get("date-parts", [[]])[0]]


def test_every_record_is_in_every_file():
    assert list(RIS) == list(BIBTEX) == list(BIBLATEX) == list(ZOTERO_CSL) == list(PROCESSOR_CSL) == IDS


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_ris_record(record):
    ris = RIS[record["id"]]
    conference = record["type"] in ("paper-conference", "chapter")  # an LNCS chapter is a CONF
    assert ris["type_of_reference"] == ("CONF" if conference else "JOUR")
    if conference:  # C3 = proceedings, T2 = conference name only where there is one, T3 = series
        assert ris["custom3"] == record["container-title"]
        assert ris.get("secondary_title") == record.get("event-title")
        assert ris.get("tertiary_title") == record.get("collection-title")
    else:
        assert ris["secondary_title"] == record["container-title"]
    assert "journal_name" not in ris  # JO: Zotero's journal abbreviation
    assert ris.get("extra", []) == _expected_extra(record)  # M2 -> Extra
    parts = _parts(record)
    assert [int(p) for p in ris["date"].split("/") if p] == parts
    code = record["custom"].get("code")
    assert (f"Code: {code}" in ris.get("notes", [])) == bool(code)  # N1 -> child note
    assert ris.get("keywords") == ([record["keyword"]] if record.get("keyword") else None)  # KW -> tags


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_bibtex_records_both_dialects(record):
    arxiv = record["custom"].get("arxiv")
    parts = _parts(record)
    for entry in (BIBTEX[record["id"]], BIBLATEX[record["id"]]):
        fields = {name.lower(): value for name, value in entry.fields.items()}
        # Zotero keeps an arXiv id only from eprint + eprinttype = arxiv (Extra `arXiv: ID`).
        assert (fields.get("eprinttype"), fields.get("eprint")) == (("arxiv", arxiv) if arxiv else (None, None))
        assert fields.get("eventtitle") == record.get("event-title")  # Zotero's conference name
        assert entry.type == ("inproceedings" if record["type"] in ("paper-conference", "chapter") else "article")
        if record.get("keyword"):
            assert fields["keywords"].replace("\\&", "&") == record["keyword"]  # one tag (no `,` or `;`)
        for line in _expected_extra(record)[1 if arxiv else 0:]:  # no Extra route in BibTeX: a child note
            assert line in fields["annote"]
    classic = {name.lower(): value for name, value in BIBTEX[record["id"]].fields.items()}
    modern = {name.lower(): value for name, value in BIBLATEX[record["id"]].fields.items()}
    assert classic["year"] == str(parts[0]) and classic.get("day") == (str(parts[2]) if len(parts) > 2 else None)
    assert [int(p) for p in modern["date"].split("-")] == parts and "year" not in modern
    assert (classic.get("archiveprefix"), "archiveprefix" in modern) == (("arXiv" if arxiv else None), False)
    if record["type"] == "article-journal":
        assert classic["journal"] == modern["journaltitle"] == record["container-title"]
    # Zotero's newest rules (schema 41: conferencePaper has an issue, journalArticle a publisher):
    # BibTeX.js reads `issue` (and, in biblatex, `number`) as a conference paper's issue and
    # `publisher` into a journal article. bibtex styles take `volume` and `number` of a proceedings
    # as alternatives, so the classic file gives the issue as `issue`, which they ignore.
    if record["type"] in ("paper-conference", "chapter") and record.get("issue"):
        if record.get("volume"):
            assert (classic.get("issue"), classic.get("number")) == (record["issue"], None)
        else:
            assert classic.get("number") == record["issue"]
        assert modern.get("number") == record["issue"] and "issue" not in modern
    if record["type"] == "article-journal" and record.get("publisher"):
        assert classic["publisher"] == modern["publisher"] == record["publisher"]


def test_the_newest_rules_fields_are_on_every_record_that_has_them():
    """The 11 values of the measurement (5 AAAI issues, 6 journal publishers) are all written."""
    issues = [r["id"] for r in RECORDS if r["type"] in ("paper-conference", "chapter") and r.get("issue")]
    publishers = [r["id"] for r in RECORDS if r["type"] == "article-journal" and r.get("publisher")]
    assert (len(issues), len(publishers)) == (5, 6)
    assert all("issue" in BIBTEX[key].fields and "number" in BIBLATEX[key].fields for key in issues)
    assert all("publisher" in BIBTEX[key].fields and "publisher" in BIBLATEX[key].fields
               for key in publishers)


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_zotero_csl_item(record):
    item = ZOTERO_CSL[record["id"]]
    # `chapter` would become a book section, which has no DOI in schema 29.
    assert item["type"] == ("paper-conference" if record["type"] == "chapter" else record["type"])
    assert item.get("event-title") == record.get("event-title")  # Zotero reads no `event`
    lines = item.get("note", "").split("\n")
    expected = _expected_extra(record)
    assert lines[:len(expected)] == expected  # note -> Extra
    assert all("non-dropping-particle" not in person for person in item.get("author", []))
    assert item.get("DOI") == record.get("DOI") and item["custom"] == record["custom"]


@pytest.mark.parametrize("record", RECORDS, ids=IDS)
def test_processor_csl_item_has_only_csl_1_0_1_variables(record):
    item = PROCESSOR_CSL[record["id"]]
    assert "custom" not in item and "event-title" not in item
    assert item.get("event") == record.get("event-title")
    arxiv = record["custom"].get("arxiv")
    assert (item.get("note", "").split("\n")[0] == f"arXiv: {arxiv}") if arxiv else "note" not in item


def test_fields_a_type_lacks_become_extra_lines():
    conference = {"type": "paper-conference", "issue": "7", "publisher": "AAAI Press",
                  "custom": {"arxiv": "1811.10842"}}
    journal = {"type": "article-journal", "issue": "2", "publisher": "Springer", "custom": {}}
    assert zotero.extra_lines(conference) == ["arXiv: 1811.10842", "Issue: 7"]
    assert zotero.extra_lines(journal) == ["Publisher: Springer"]
    assert zotero.item_type({"type": "chapter"}) == "conferencePaper"


def test_zotero_file_keeps_the_provenance():
    items = json.loads(_file("csl-json-zotero"))
    assert all(item["custom"].get("provenance") for item in items)
