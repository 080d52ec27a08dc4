"""Hostile local files through the real CLI: overrides (YAML, .bib), lock files edited by hand.

Each bad file is `file:line: message`, exit 2, and `output/` as it was; each odd-but-valid value is
written as it was given. The files are made here from tests/data/overrides_ok (hand-made fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MINING = "sun2020mining.yaml"


def export(run, data: Path, out: Path, overrides: Path, *extra: str):
    return run("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides,
               "--out", out, "--quiet", "--offline", *extra)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.fixture
def exported(run, data, tmp_path, overrides_copy):
    """A first export of quirks.md; returns (out folder, its files' bytes)."""
    out = tmp_path / "out"
    assert export(run, data, out, overrides_copy).exit_code == 0
    return out, snapshot(out)


def refused(run, data, exported, overrides: Path, path: Path, line: int, message: str) -> None:
    out, before = exported
    result = export(run, data, out, overrides)
    assert result.exit_code == 2, result.stderr
    assert f"{path}:{line}: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


# -- YAML overrides: duplicate keys at any depth; YAML 1.1 numbers kept as written ------------------

@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("  - family: Sun\n    given: Guolei\n", "  - family: Sun\n    given: Guolei\n    family: Moon\n", 10,
     "'family' given twice"),
    ('match:\n  arxiv: "2007.01947"\n', 'match:\n  arxiv: "2007.01947"\n  arxiv: "2007.01948"\n', 3,
     "'arxiv' given twice"),
    ("issued: 2020\n", "issued:\n  date-parts: [[2020]]\n  date-parts: [[2021]]\n", 19, "given twice"),
], ids=["author-part", "match", "issued"])
def test_a_key_given_twice_in_a_nested_yaml_mapping_names_file_and_line(run, data, exported, overrides_copy, old,
                                                                         new, line, message):
    path = overrides_copy / MINING
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    refused(run, data, exported, overrides_copy, path, line, message)


@pytest.mark.parametrize(("written", "field"), [
    ("012", "volume"), ("0o12", "volume"), ("1_000", "volume"), ("0x1F", "issue"), ("1:30", "page"),
    ("1.10", "volume"), ("0b101", "issue"), ("1_0:30", "page"), ("no", "issue"), ("0012", "page"),
])
def test_yaml_1_1_number_forms_are_kept_as_written(run, data, tmp_path, overrides_copy, written, field):
    path = overrides_copy / MINING
    text = path.read_text(encoding="utf-8").replace("volume: 12347\n", "").replace('page: "347-365"\n', "")
    path.write_text(text + f"{field}: {written}\n", encoding="utf-8")
    result = export(run, data, tmp_path / "out", overrides_copy)
    assert result.exit_code == 0, result.stderr
    items = {item["id"]: item for item in json.loads((tmp_path / "out" / "quirks.json").read_text())}
    assert items["sun2020mining"][field] == written
