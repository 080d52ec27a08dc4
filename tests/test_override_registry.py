"""Override formats are plug-ins: a new one is a module and one registry line (tests/json_override_reader.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from wsss_bib import overrides
from wsss_bib.errors import InputError
from wsss_bib.lists import parse_list
from wsss_bib.overrides import load_overrides, match_overrides


@pytest.fixture
def json_reader(monkeypatch):
    monkeypatch.setitem(overrides.OVERRIDE_READERS, ".json", "json_override_reader:json_overrides")  # the line


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def rows():
    return [(entry, "") for entry in parse_list((DATA / "override_rows.md").read_text()).entries]


def test_a_registered_reader_gives_the_override_a_yaml_file_gives(json_reader, tmp_path):
    fields = {"match": {"arxiv": "2101.00001"}, "source": "test: facts invented for this test",
              "title": " An arXiv Paper ", "volume": 12, "issued": "2021-06", "DOI": "https://doi.org/10.5555/X.1"}
    write(tmp_path / "json", "an2021paper.json", json.dumps(fields, indent=1))
    write(tmp_path / "yaml", "an2021paper.yaml", "\n".join(f"{name}: {json.dumps(value)}"
                                                            for name, value in fields.items()))
    (from_json,) = load_overrides(tmp_path / "json")
    (from_yaml,) = load_overrides(tmp_path / "yaml")
    assert from_json.record == from_yaml.record and from_json.match == from_yaml.match
    assert from_json.record["title"] == "An arXiv Paper" and from_json.record["volume"] == "12"
    assert from_json.record["DOI"] == "10.5555/X.1"  # the link made a bare DOI by the common check
    assert list(match_overrides([from_json], rows())) == [1]


def test_a_registered_readers_fields_are_checked_as_every_others(json_reader, tmp_path):
    path = write(tmp_path / "o", "key2020bad.json", '{\n "source": "x",\n "DOI": "doi.org/10.1/x"\n}\n')
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:3: DOI:") and "not a whole DOI" in str(err.value)
    path.write_text('{"title": "No source"}', encoding="utf-8")
    with pytest.raises(InputError, match="key2020bad.json:1: .*where its facts were read"):
        load_overrides(tmp_path / "o")


def test_files_are_read_in_name_order_whatever_their_reader(json_reader, tmp_path):
    write(tmp_path / "o", "b2020x.json", '{"source": "x"}')
    write(tmp_path / "o", "a2020x.yaml", "source: x\n")
    write(tmp_path / "o", "c2020x.yml", "source: x\n")
    assert [o.key for o in load_overrides(tmp_path / "o")] == ["a2020x", "b2020x", "c2020x"]


def test_without_the_registry_line_a_json_file_is_no_override(tmp_path):
    write(tmp_path / "o", "an2021paper.json", '{"source": "x"}')
    write(tmp_path / "o", "README.md", "What these files are.\n")
    assert load_overrides(tmp_path / "o") == []
