import pytest

from wsss_bib.record import merge, sanitised


def test_later_sources_win_field_by_field_and_provenance_says_which():
    merged = merge([("list", {"title": "t", "URL": "https://example.org/u", "custom": {"arxiv": "2101.00001"}}),
                    ("crossref", {"title": "T", "DOI": "10.1000/x"}),
                    ("override", {"DOI": None, "custom": {"doi-reason": "why"}})])
    assert merged["title"] == "T" and merged["URL"] == "https://example.org/u" and "DOI" not in merged
    assert merged["custom"] == {"arxiv": "2101.00001", "doi-reason": "why",
                                "provenance": {"URL": "list", "title": "crossref"}}


def test_preprint_fields_from_the_list_go_when_a_source_says_published():
    listed = {"type": "article", "publisher": "arXiv", "number": "2103.01795", "title": "t"}
    published = merge([("list", listed), ("override", {"type": "paper-conference"})])
    assert "publisher" not in published and "number" not in published
    still_preprint = merge([("list", listed)])
    assert still_preprint["publisher"] == "arXiv" and still_preprint["number"] == "2103.01795"


@pytest.mark.parametrize("field, value", [
    ("DOI", "10.1109/CVPR.2019.00231\\input{/etc/passwd}\\relax"),
    ("DOI", "10.1109/CVPR52688"),
    ("DOI", "10.1000/x y"),
    ("issued", {"date-parts": [[2022, 13]]}),
    ("issued", {"date-parts": [[2022, 2, 30]]}),
    ("issued", {"date-parts": []}),
    ("issued", {"date-parts": [[2022, {"a": 1}]]}),
    ("title", 5),
    ("title", ["a", "b"]),
    ("title", "x" * 5000),
    ("author", "Somebody"),
    ("author", [{"given": "No family"}]),
    ("ISSN", "0162-8828}"),
    ("nonsense-field", "text"),
    ("DOI", "10.١٢٣٤/abc"), ("DOI", "10.１２３４/abc"), ("ISSN", "١٢٣٤-٥٦٧٨"), ("ISBN", "٩٧٨٣١٦١٤٨٤١٠٠"),
])
def test_a_field_not_in_its_csl_shape_is_dropped_whatever_sent_it(field, value):
    assert field not in sanitised({field: value})
    assert merge([("crossref", {field: value})]).get(field) is None


@pytest.mark.parametrize("field, value", [
    ("arxiv", "2101.0001x"),
    ("arxiv-category", "cs.CV}\n}\n@misc{injected2024,"),
    ("arxiv-doi", "10.48550/arXiv.2101.00001}"),
    ("arxiv", "٢١١٠.٠٧١١٠"), ("arxiv", "2110.０７１１０"), ("arxiv-doi", "10.٤٨٥٥٠/arXiv.2101.00001"),
])
def test_an_identifier_in_custom_that_breaks_its_grammar_is_dropped(field, value):
    assert field not in merge([("arxiv", {"title": "t", "custom": {field: value}})])["custom"]


def test_a_url_with_tex_or_control_characters_is_percent_encoded():
    merged = merge([("crossref", {"URL": 'https://x.org/a\\input{b}%c "d"\n%41', "custom": {"code": "javascript:x"}})])
    assert merged["URL"] == "https://x.org/a%5Cinput%7Bb%7D%25c%20%22d%22%0A%41"
    assert "code" not in merged["custom"]  # not an http(s) URL at all


def test_valid_values_pass_unchanged():
    layer = {"DOI": "10.1002/(SICI)1097-4636(199812)43:4<356::AID-JBM3>3.0.CO;2-8", "ISSN": "0162-8828, 2160-9292",
             "issued": {"date-parts": [[2024, 2, 29]]}, "volume": 12, "author": [{"family": "Ahn", "given": "J"}],
             "custom": {"arxiv": "hep-th/9901001v2", "arxiv-category": "q-bio.NC", "sources": ["a"]}}
    assert sanitised(layer) == {**layer, "volume": "12"}


def test_bibtex_type_table_reads_back_what_it_writes_and_months_come_from_calendar():
    from wsss_bib.record import BIBTEX_OF_CSL, CSL_OF_BIBTEX, MONTH_MACROS, MONTH_NAMES

    for csl_type, bibtex_type in BIBTEX_OF_CSL.items():  # read back, then written again: the same entry type
        assert BIBTEX_OF_CSL[CSL_OF_BIBTEX[bibtex_type]] == bibtex_type, csl_type
    assert BIBTEX_OF_CSL["paper-conference"] == "inproceedings" and CSL_OF_BIBTEX["inproceedings"] == "paper-conference"
    assert BIBTEX_OF_CSL["article"] == "misc" and CSL_OF_BIBTEX["phdthesis"] == "thesis"
    assert MONTH_NAMES[0] == "January" and MONTH_NAMES[-1] == "December" and len(MONTH_MACROS) == 12
    assert MONTH_MACROS == ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# Modules owned by others that still spell the custom key by hand, with how often: the list only
# shrinks (a module that stops spelling it must leave the list, one that spells it more fails).
CUSTOM_SPELLINGS_ALLOWED = {
    "wsss_bib/resolve/resolver.py": 7, "wsss_bib/resolve/match.py": 4, "wsss_bib/resolve/dblp.py": 1,
    "wsss_bib/resolve/arxiv.py": 1, "wsss_bib/resolve/crossref.py": 1, "wsss_bib/add.py": 4,
}


def test_only_record_py_spells_the_custom_key():
    """The custom fields are reached through record.py's accessors (custom_of, custom_text, arxiv_id,
    set_custom, CUSTOM); a string literal "custom" anywhere else is a hand-spelled key."""
    import io
    import tokenize
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "wsss_bib"
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package.parent).as_posix()
        if name == "wsss_bib/record.py":
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        count = sum(1 for token in tokens if token.type == tokenize.STRING and token.string in ('"custom"', "'custom'"))
        if count:
            found[name] = count
    over = {name: count for name, count in found.items() if count > CUSTOM_SPELLINGS_ALLOWED.get(name, 0)}
    assert not over, f"spell the custom key through record.py's accessors: {over}"
    stale = {name: allowed for name, allowed in CUSTOM_SPELLINGS_ALLOWED.items() if found.get(name, 0) < allowed}
    assert not stale, f"fewer spellings than allowed: lower CUSTOM_SPELLINGS_ALLOWED to {found}"
