"""The shipped overrides/ folder: every row curated, every source a place a reader can open."""

import re

from conftest import ROOT

from wsss_bib.lists import bundled_list, read_list
from wsss_bib.overrides import load_overrides, match_overrides

# A URL (with or without its scheme), repository@commit:path, an arXiv id or a DOI: what a reader
# can open to check a fact.
PUBLIC_PLACE = re.compile(r"https?://\S+|\b(?:[\w-]+\.)+(?:org|com|net|io|edu|info|ai|cn|jp|de|uk|tw|sg|sk)/\S*"
                          r"|[\w.-]+/[\w.-]+@[0-9a-f]{7,40}(?::\S+)?"
                          r"|\barXiv[: ]\d{4}\.\d{4,5}|\bdoi[: ]10\.\d{4,9}/\S+",
                          re.IGNORECASE)


def test_every_row_of_the_bundled_list_has_an_override():
    overrides = load_overrides(ROOT / "overrides")
    entries = read_list(bundled_list()).entries
    matched = match_overrides(overrides, [(e, "") for e in entries])
    assert sorted(matched) == list(range(len(entries)))


def test_every_source_names_a_public_place_and_no_search_tool():
    for override in load_overrides(ROOT / "overrides"):
        for source in override.record["custom"]["sources"]:
            opaque = re.search(r"find_string|search[- ]tool|stored (?:corpus|copy)|\bid \d{6,}", source)
            assert not opaque, f"{override.path}: {source[:80]!r} cites a search tool no reader has"
            if not source.startswith("NOTE"):
                assert PUBLIC_PLACE.search(source), f"{override.path}: {source[:80]!r} names no URL or repo@commit:path"
