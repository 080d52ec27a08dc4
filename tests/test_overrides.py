import re
from pathlib import Path

import pytest
from conftest import DATA

from wsss_bib.errors import InputError
from wsss_bib.lists import parse_list
from wsss_bib.overrides import MAX_DEPTH, load_overrides, match_overrides


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_overrides_load_in_csl_form(data):
    overrides = {o.key: o for o in load_overrides(data / "overrides_ok")}
    mining = overrides["sun2020mining"]
    assert mining.match == {"arxiv": "2007.01947"}
    assert mining.record["issued"] == {"date-parts": [[2020]]}
    assert mining.record["volume"] == "12347"  # numbers become CSL text
    assert mining.record["custom"]["sources"] == ["test fixture: facts invented for tests only"]
    looking = overrides["sun2022looking"]
    assert looking.record["DOI"] is None and looking.record["issued"] == {"date-parts": [[2022, 4]]}


@pytest.mark.parametrize("text, line, message", [
    ("source: x\ntitle: [unclosed\n", 3, "invalid YAML: while parsing a flow sequence"),  # found at the end
    ("source: x\ntitle: 'unclosed\nvolume: 3\n", 4, "it began at line 2"),
    ("source: x\ntitle: A\nvolume: 3\npage: 1-2\n\n\n\n\ntitle - b: c: d\n", 9, "invalid YAML"),
    ("source: x\ntitel: Typo\n", 2, "unknown field 'titel'"),
    ("source: x\nauthor: Somebody\n", 2, "author"),
    ("source: x\nissued: soon\n", 2, "issued"),
    ("source: x\n\nDOI: doi.org/10.1/x\n", 3, "not a whole DOI"),
    ("title: No source\n", 1, "source"),
    ("source: x\ntype: journal\n", 2, "not a CSL type"),
    ("source: x\ntitle: A\ntitle: B\n", 3, "given twice"),
    ("source: x\nmatch:\n  arxiv: 2110\n", 2, "quoted"),  # a number; 2110.07110 unquoted is text as written
    ("- a list\n", 1, "mapping"),
    ("source: x\nissued: 2022-02-30\n", 2, "not a real date"),
    ("source: x\nissued: 2022-13\n", 2, "not a real date"),
    ("source: x\nissued: 2022-00\n", 2, "not a real date"),
    ("source: x\nissued: {date-parts: []}\n", 2, "not a real date"),
    ("source: x\nissued: {date-parts: [[2022, {a: 1}]]}\n", 2, "not a real date"),
    ("source: x\ntype: [1]\n", 2, "not a CSL type"),
    ("source: x\nDOI: 10.1109/CVPR52688\n", 2, "not a whole DOI"),  # an IEEE DOI cut short
    ("source: x\nDOI: 10.1109/CVPR.2019.00231\\input{/etc/passwd}\n", 2, "not a whole DOI"),
    ("source: x\nDOI: '10.1000/a{b}'\n", 2, "not a whole DOI"),
    ("source: x\nDOI: null\n", 2, "doi-reason"),
    ("source: x\narxiv: '2101.0001x'\n", 2, "not a valid arXiv id"),
    ("source: x\ncode: 'https://github.com/a/b}\\input'\n", 2, "not a valid http(s) URL"),
    ("source: x\nauthor: [{family: A}]\ntitle: &t [a, b]\nnote: *t\n", 4, "aliases"),
])
def test_bad_override_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "o", "key2020bad.yaml", text)
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_no_folder_means_no_overrides():
    assert load_overrides(None) == []


def test_a_doi_link_is_stored_as_the_bare_doi(tmp_path):
    write(tmp_path / "o", "key2019x.yaml", "source: x\nDOI: https://doi.org/10.1007/978-3-030-58555-6%5F21\n")
    assert load_overrides(tmp_path / "o")[0].record["DOI"] == "10.1007/978-3-030-58555-6_21"


def test_billion_laughs_is_refused_before_anything_expands(tmp_path):
    laughs = "source: x\nnote: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"k{n}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9))
    write(tmp_path / "o", "laughs2020x.yaml", laughs)
    with pytest.raises(InputError, match="aliases"):
        load_overrides(tmp_path / "o")


def test_invalid_utf8_names_its_line(tmp_path):
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / "key2020x.yaml").write_bytes(b"source: x\ntitle: Caf\xe9\n")
    with pytest.raises(InputError, match=r"key2020x.yaml:2: not UTF-8 text"):
        load_overrides(tmp_path / "o")


def test_what_is_no_override_file_is_an_error_that_shows_none_of_its_content(tmp_path):
    folder = tmp_path / "o"
    folder.mkdir()
    (folder / "dir2020x.yaml").mkdir()
    with pytest.raises(InputError, match="dir2020x.yaml: not a readable file"):
        load_overrides(folder)
    (folder / "dir2020x.yaml").rmdir()
    (folder / "gone2020x.yaml").symlink_to(folder / "missing.yaml")
    with pytest.raises(InputError, match="gone2020x.yaml: a link to a file that does not exist"):
        load_overrides(folder)
    (folder / "gone2020x.yaml").unlink()
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret line\n")
    (folder / "out2020x.yaml").symlink_to(secret)
    with pytest.raises(InputError) as err:
        load_overrides(folder)
    assert "outside the overrides folder" in str(err.value) and "secret" not in str(err.value).replace(
        str(tmp_path), "")


def rows():
    return [(entry, "") for entry in parse_list((DATA / "override_rows.md").read_text()).entries]


@pytest.mark.parametrize("match, row", [
    ("doi: '10.5555/fixture.acm'", 0),  # DOIs compare without case
    ("title: 'a paper behind a DOI link'", 0),
    ("arxiv: '2101.00001'", 1),
])
def test_match_finds_its_row_by_link_doi_title_or_arxiv_id(tmp_path, match, row):
    write(tmp_path / "o", "some2021key.yaml", f"source: x\nmatch:\n  {match}\n")
    assert list(match_overrides(load_overrides(tmp_path / "o"), rows())) == [row]


def test_a_match_that_finds_no_row_names_the_file_and_line(tmp_path):
    path = write(tmp_path / "o", "some2021key.yaml", "source: x\nmatch:\n  doi: '10.5555/other'\n")
    with pytest.raises(InputError) as err:
        match_overrides(load_overrides(tmp_path / "o"), rows())
    assert str(err.value).startswith(f"{path}:2:") and "matches no row" in str(err.value)


def test_an_override_without_match_finds_its_row_by_the_key_its_file_is_named_after(tmp_path):
    write(tmp_path / "o", "paper2021arxiv.yaml", "source: https://example.org/x\nvolume: 3\n")
    entries = [entry for entry, _ in rows()]
    keyed = [(entries[0], "other2021x"), (entries[1], "paper2021arxiv")]
    matched = match_overrides(load_overrides(tmp_path / "o"), keyed)
    assert list(matched) == [1] and matched[1].record["volume"] == "3"


def test_an_override_matching_two_rows_names_the_file_and_how_many(tmp_path):
    path = write(tmp_path / "o", "both2021x.yaml", "source: x\nmatch:\n  title: 'A Paper Behind a DOI Link'\n")
    twice = rows() + rows()[:1]
    with pytest.raises(InputError) as err:
        match_overrides(load_overrides(tmp_path / "o"), twice)
    assert str(err.value).startswith(f"{path}:2:") and "matches 2 rows" in str(err.value)


@pytest.mark.parametrize("text, line, message", [
    ("source: x\ntitle: A\nvolume: 1" + "0" * 5000 + "\n", 3, "digits"),
    # libyaml (the C loader) refuses a lone surrogate in its own words
    ('source: x\ntitle: "a\\ud800b"\n', 2, "surrogate|invalid Unicode character"),
    ('source: x\ntitle: "a\\0b\\x1b[31m"\n', 2, "control character"),
    ('source: x\nauthor: [{family: "Du\\u202e", given: Ye}]\n', 2, r"U\+202E"),
    ("source: x\nnote:\n" + "".join(" " * i + "a:\n" for i in range(1, 200)), MAX_DEPTH + 2, "nested"),
    ("source: x\nnote: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n", 2, "nested"),
    ("source: x\nnote: " + "[" * 3000 + "]" * 3000 + "\n", 2, "nested|nesting depth"),
], ids=["5000-digit-volume", "lone-surrogate", "controls", "bidi-override", "mapping-200-deep", "mapping-3000-deep",
                 "list-3000-deep"])
def test_huge_numbers_invisible_characters_and_deep_nesting_name_file_and_line(tmp_path, text, line, message):
    """Item 10: ValueError, UnicodeEncodeError and RecursionError tracebacks before."""
    path = write(tmp_path / "o", "key2020bad.yaml", text)
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:{line}:") and re.search(message, str(err.value)), str(err.value)
