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


# -- lock files: rows sharing an identity, keys pinned twice --------------------------------------------

TWINS = """# Twins (hand-made: one title listed in two sections, as lists that file a paper twice do)

## 2021
| Title | Venue | PDF |
|---|---|---|
| A Paper Listed Twice for Segmentation | CVPR | [PDF](https://example.org/a.pdf) |
| Another Paper About Segmentation | ICCV | [PDF](https://example.org/b.pdf) |

## Surveys
| Title | Venue | PDF |
|---|---|---|
| A Paper Listed Twice for Segmentation | TPAMI | [PDF](https://example.org/c.pdf) |
| A Third Paper About Segmentation | ECCV | [PDF](https://example.org/d.pdf) |
"""


def export_twins(run, tmp_path: Path, out: str = "out"):
    (tmp_path / "none").mkdir(exist_ok=True)
    path = tmp_path / "twins.md"
    path.write_text(TWINS, encoding="utf-8")
    result = run("export", "--format", "all", "--list", path, "--overrides", tmp_path / "none",
                 "--out", tmp_path / out, "--quiet", "--offline")
    assert result.exit_code == 0, result.stderr
    return [item["id"] for item in json.loads((tmp_path / out / "twins.json").read_text())]


def test_rows_sharing_an_identity_each_find_their_own_lock_row(run, tmp_path):
    first = export_twins(run, tmp_path)
    assert len(set(first)) == 4
    lock = json.loads((tmp_path / "out" / "twins.lock.json").read_text())
    assert len({row["identity"] for row in lock["rows"]}) == 3  # the twins share one identity
    again = export_twins(run, tmp_path)
    assert again == first  # before: both twins took the last row of their identity, and its key twice


def edit_lock(tmp_path: Path, edit) -> None:
    path = tmp_path / "out" / "twins.lock.json"
    data = json.loads(path.read_text())
    edit(data["rows"])
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def test_a_key_pinned_twice_in_the_lock_is_kept_by_the_first_row_only(run, tmp_path):
    first = export_twins(run, tmp_path)

    def same_key(rows):
        rows[3]["key"] = rows[1]["key"]  # a hand edit: the fourth row given the second's key
    edit_lock(tmp_path, same_key)
    again = export_twins(run, tmp_path)
    assert len(set(again)) == 4 and again[:3] == first[:3]  # before: the key twice in every file
    bib = (tmp_path / "out" / "twins.bib").read_text()
    assert all(bib.count("{" + key + ",") == 1 for key in again)


def test_a_lock_row_pinning_an_overrides_key_does_not_take_it(run, data, exported, overrides_copy):
    out, _ = exported
    first = [item["id"] for item in json.loads((out / "quirks.json").read_text())]
    path = out / "quirks.lock.json"
    lock = json.loads(path.read_text())
    puzzle = next(row for row in lock["rows"] if "Puzzle" in row["fingerprint"])
    puzzle["key"] = "sun2020mining"  # the key overrides/sun2020mining.yaml names its paper by
    path.write_text(json.dumps(lock, indent=1), encoding="utf-8")
    assert export(run, data, out, overrides_copy).exit_code == 0
    again = [item["id"] for item in json.loads((out / "quirks.json").read_text())]
    assert again[0] == "sun2020mining" and again.count("sun2020mining") == 1 and len(set(again)) == len(again)
    assert again[1:] == first[1:]


# -- JSON numbers no JSON has: NaN, Infinity (Python's json takes them), 1e400 (inf) ---------------

LOCK_ROW = {"identity": "arxiv:2110.07110", "fingerprint": "f", "key": "du2022weakly", "status": "resolved",
            "reason": "", "score": 99.0, "margin": 30.0, "layers": []}


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1." + "0" * 60])
@pytest.mark.parametrize("where", ["score", "layer"])
def test_a_lock_file_holding_nan_infinity_or_1e400_is_file_line_exit_2(run, data, tmp_path, number, where):
    row = dict(LOCK_ROW, layers=[["crossref", {"title": "Weakly", "volume": "SENTINEL"}]])
    text = json.dumps({"version": 1, "rows": [row]}, indent=1)
    text = text.replace('"SENTINEL"' if where == "layer" else "99.0", number)
    line = text[:text.index(number)].count("\n") + 1
    out = tmp_path / "out"
    out.mkdir()
    path = out / "resolve.lock.json"
    path.write_text(text, encoding="utf-8")
    result = run("export", "--list", data / "resolve.md", "--out", out, "--offline")
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"{path}:{line}: not a lock file (" in result.stderr, result.stderr  # before: exit 0, NaN as a score
    assert [p.name for p in out.iterdir()] == ["resolve.lock.json"] and path.read_text(encoding="utf-8") == text


# -- .bib overrides: each bad entry file:line, exit 2 (hand-made, in the shape of dblp's export) -------

BIB = "@inproceedings{x,\n  source = {test fixture},\n  match = {arxiv: 2007.01947},\n"


@pytest.mark.parametrize(("body", "line", "message"), [
    ("  year = {²⁰²⁰}\n}\n", 4, "is not a real date"),  # before: ValueError from int(), a traceback
    ("  year = {2020},\n  month = {²}\n}\n", 5, "is not a month"),  # before: ValueError
    ("  year = {２０２０}\n}\n", 4, "is not a real date"),  # before: silently 2020
    ("  title = nosuchmacro\n}\n", 4, "no @string macro"),  # before: the title "nosuchmacro"
    ("  title = {A Title}},\n  doi = {10.1007/978-3-030-58536-5_21}\n}\n", 4, "outside any entry"),  # doi dropped
    ("  title = {\\def\\a{\\a\\a}\\a}\n}\n", 4, "no text once its LaTeX is read"),  # before: the title removed
    ("  author = {12345 and Guolei Sun}\n}\n", 4, "no name"),  # before: an author "12345"
], ids=["year-superscript", "month-superscript", "year-fullwidth", "undefined-macro", "stray-brace", "def-title",
        "author-digits"])
def test_a_hostile_bib_override_names_file_and_line(run, data, exported, overrides_copy, body, line, message):
    (overrides_copy / MINING).unlink()
    path = overrides_copy / "sun2020mining.bib"
    path.write_text(BIB + body, encoding="utf-8")
    refused(run, data, exported, overrides_copy, path, line, message)


def test_a_yaml_override_with_a_name_of_digits_names_file_and_line(run, data, exported, overrides_copy):
    path = overrides_copy / MINING
    path.write_text(path.read_text(encoding="utf-8").replace("  - family: Sun\n", "  - family: '2020'\n"),
                    encoding="utf-8")
    refused(run, data, exported, overrides_copy, path, 7, "no name")  # the line of `author:`
