"""The committed output/: read by independent parsers, and exactly what the code makes."""

from conftest import ROOT
from exports import bibtex_both, csl_valid, ris_records

OUTPUT = ROOT / "output"


def test_bibtex_reads_back_in_pybtex_and_bibtexparser():
    text = (OUTPUT / "wsss.bib").read_text(encoding="utf-8")
    pybtex_db, library = bibtex_both(text)
    keys = [entry.key for entry in library.entries]
    assert len(keys) == 50 and len(set(keys)) == 50
    for key, entry in pybtex_db.entries.items():
        doi = entry.fields.get("doi", "")
        assert "\\" not in doi and "{" not in doi, key  # verbatim: Springer's `_` stays `_`


def test_csl_json_is_valid_and_ris_has_no_unknown_tags():
    assert len(csl_valid((OUTPUT / "wsss.json").read_text(encoding="utf-8"))) == 50
    assert len(ris_records((OUTPUT / "wsss.ris").read_text(encoding="utf-8"))) == 50


def test_output_is_what_the_code_and_overrides_make(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("export", "--format", "all", "--check", "--offline")
    assert result.exit_code == 0, result.stderr
