from pathlib import Path

import pytest

from wsss_bib.errors import InputError
from wsss_bib.overrides import load_overrides


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
