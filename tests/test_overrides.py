from pathlib import Path

import pytest

from wsss_bib.awesome_list import parse_list
from wsss_bib.errors import InputError
from wsss_bib.overrides import load_overrides, match_overrides


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
    ("source: x\ntitle: [unclosed\n", 2, "invalid YAML"),
    ("source: x\ntitel: Typo\n", 2, "unknown field 'titel'"),
    ("source: x\nauthor: Somebody\n", 2, "author"),
    ("source: x\nissued: soon\n", 2, "issued"),
    ("source: x\n\nDOI: doi.org/10.1/x\n", 3, "not a DOI"),
    ("title: No source\n", 1, "source"),
    ("source: x\ntype: journal\n", 2, "not a CSL type"),
    ("source: x\ntitle: A\ntitle: B\n", 3, "given twice"),
    ("source: x\nmatch:\n  arxiv: 2110.07110\n", 2, "quoted"),
    ("- a list\n", 1, "mapping"),
])
def test_bad_override_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "o", "key2020bad.yaml", text)
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_missing_folder_means_no_overrides(tmp_path):
    assert load_overrides(tmp_path / "none") == []


ROWS = """## 2021
| Title | Venue | Supervision | PDF | CODE |
|---|---|---|---|---|
| A Paper Behind a DOI Link | Multimedia | Image | [PDF](https://dl.acm.org/doi/pdf/10.5555/Fixture.ACM) | CODE |
| An arXiv Paper | CVPR | Image | [PDF](https://arxiv.org/abs/2101.00001) | CODE |
"""


def rows():
    return [(entry, "") for entry in parse_list(ROWS).entries]


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
