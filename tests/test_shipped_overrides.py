"""The shipped overrides/ folder: its format, not its facts (no test hard-codes a DOI)."""

from conftest import ROOT

from wsss_bib.awesome_list import bundled_list, read_list
from wsss_bib.keys import KEY_PATTERN
from wsss_bib.overrides import load_overrides, match_overrides
from wsss_bib.record import DOI_PATTERN


def test_every_override_loads_names_its_sources_and_matches_one_row():
    overrides = load_overrides(ROOT / "overrides")
    entries = read_list(bundled_list()).entries
    matched = match_overrides(overrides, [(e, "") for e in entries])
    assert len(matched) == len(overrides)  # each override found its own row
    for override in overrides:
        custom = override.record["custom"]
        assert KEY_PATTERN.match(override.key) and override.match, override.path
        assert all(len(source) > 10 for source in custom["sources"]), override.path
        doi = override.record.get("DOI")
        assert doi is None or DOI_PATTERN.match(doi), override.path
        if "DOI" in override.record and doi is None:
            assert custom.get("doi-reason"), f"{override.path}: DOI: null needs a doi-reason"


def test_every_row_of_the_bundled_list_has_an_override():
    overrides = load_overrides(ROOT / "overrides")
    entries = read_list(bundled_list()).entries
    matched = match_overrides(overrides, [(e, "") for e in entries])
    assert sorted(matched) == list(range(len(entries)))
