"""The command as a user runs it: files written, checked, and errors that leave output alone."""

import json
import subprocess
import sys
from pathlib import Path

import pytest


def export_all(run, data, out, overrides):
    return run("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides,
               "--out", out, "--quiet")


def test_export_all_writes_three_files_one_entry_per_row(run, data, tmp_path, overrides_copy):
    result = export_all(run, data, tmp_path / "out", overrides_copy)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["README.md", "index.html", "wsss.bib", "wsss.json", "wsss.lock.json", "wsss.ris"]
    assert len(json.loads((tmp_path / "out/wsss.json").read_text())) == 8


def test_two_runs_are_byte_identical(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "a", overrides_copy)
    export_all(run, data, tmp_path / "b", overrides_copy)
    for name in ("wsss.bib", "wsss.json", "wsss.ris", "README.md", "index.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_override_pins_key_and_journal_extension_gets_its_own(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "out", overrides_copy)
    ids = [item["id"] for item in json.loads((tmp_path / "out/wsss.json").read_text())]
    assert ids[:2] == ["sun2020mining", "sun2022looking"] and len(set(ids)) == len(ids)


def test_check_passes_when_fresh_and_fails_when_stale(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "out", overrides_copy)
    args = ("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides_copy,
            "--out", tmp_path / "out", "--check")
    assert run(*args).exit_code == 0
    bib = tmp_path / "out/wsss.bib"
    bib.write_text(bib.read_text().replace("Mining", "Minning"))
    result = run(*args)
    assert result.exit_code == 1 and "wsss.bib: 1 line(s) differ" in result.stderr
    assert bib.read_text().count("Minning") == 1  # --check writes nothing


@pytest.mark.parametrize("name, text, line", [
    ("broken.yaml", "source: x\ntitle: a: b\n", 2),
    ("nomatch2020x.yaml", "source: x\nmatch:\n  title: No such paper\n", 2),
    ("sun2020mining.yaml", "source: x\ntitle: Extra\nmatch:\n  arxiv: '2007.01947'\n", 3),
    ("typo2020x.yaml", "source: x\ntitel: Typo\n", 2),  # unknown field
    ("type2020x.yaml", "source: x\nvolume: [1, 2]\n", 2),  # wrong type
    ("doi2020x.yaml", "source: x\nDOI: doi.org/10.1/x\n", 2),  # malformed DOI
])
def test_bad_override_exits_2_and_leaves_output_untouched(run, data, tmp_path, overrides_copy, name, text, line):
    out = tmp_path / "out"
    export_all(run, data, out, overrides_copy)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path = overrides_copy / ("twice.yaml" if name == "sun2020mining.yaml" else name)
    path.write_text(text)
    result = export_all(run, data, out, overrides_copy)
    assert result.exit_code == 2
    assert f"error: {path}:{line}:" in result.stderr and "no network" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_list_is_exit_2(run, tmp_path):
    result = run("export", "--list", tmp_path / "nope.md", "--out", tmp_path)
    assert result.exit_code == 2 and "nope.md: no such file" in result.stderr


def test_unknown_format_is_a_usage_error(run):
    assert run("export", "--format", "docx").exit_code == 2


def test_console_script_runs_and_prints_version():
    result = subprocess.run([Path(sys.executable).parent / "wsss-bib", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("wsss-bib, version ")


BAD_ROWS = """# A list with rows that cannot all be read

| Title | Venue | Supervision | PDF | CODE |
|---|---|---|---|---|
| A paper under no year | CVPR | Image | [PDF](https://arxiv.org/abs/2101.00001) | CODE |

## 2021
| Title | Venue | Supervision | PDF | CODE |
|---|---|---|---|---|
| Only a title |
| A good paper | ICCV | Image | [PDF](https://arxiv.org/abs/2101.00002) | CODE |
| A good paper | ICCV | Image | [PDF](https://arxiv.org/abs/2101.00002) | CODE |
"""


def test_unreadable_rows_warn_with_their_line_and_the_rest_is_exported(run, tmp_path):
    path = tmp_path / "list.md"
    path.write_text(BAD_ROWS)
    result = run("export", "--format", "all", "--list", path, "--overrides", tmp_path / "none", "--out",
                 tmp_path / "out", "--offline", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {path}:3: table has no year heading above it",
        f"warning: {path}:10: row skipped: no venue",
        f"warning: {path}:12: row skipped: duplicate of line 11",
    ]
    items = json.loads((tmp_path / "out" / "wsss.json").read_text())
    assert [(item["title"], item.get("issued")) for item in items] == [
        ("A paper under no year", None), ("A good paper", {"date-parts": [[2021]]})]
    assert (tmp_path / "out" / "wsss.bib").read_text().count("@inproceedings{") == 2


@pytest.mark.parametrize("content, message", [
    (b"", ":1: no paper rows found"),
    (b"# Only a heading\n\n## 2021\n| Title |\n|---|\n| Lonely |\n", ":6: row skipped: no venue"),
    ("## 2020\n| Caf\xe9 | CVPR |\n".encode("latin-1"), ":2: not UTF-8 text"),
], ids=["empty", "no-readable-row", "not-utf8"])
def test_a_list_with_nothing_to_export_is_exit_2_and_writes_nothing(run, data, tmp_path, overrides_copy, content,
                                                                    message):
    out = tmp_path / "out"
    export_all(run, data, out, overrides_copy)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path = tmp_path / "list.md"
    path.write_bytes(content)
    result = run("export", "--format", "all", "--list", path, "--overrides", tmp_path / "none", "--out", out,
                 "--offline")
    assert result.exit_code == 2
    assert f"{path}{message}" in result.stderr and result.stderr.splitlines()[-1].startswith(f"error: {path}")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_check_lists_each_missing_field_with_its_recorded_reason(run, data, tmp_path, overrides_copy):
    result = run("check", "--list", data / "quirks.md", "--overrides", overrides_copy, "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    looking = [line for line in lines if ": sun2022looking: " in line]
    where = f"{data / 'quirks.md'}:7: sun2022looking"
    assert looking == [f"{where}: no DOI: test fixture: unknown",
                       f"{where}: no pages: test fixture: no page range in any source read"]
    # A row with neither an override nor a lookup says so instead of inventing a reason.
    assert any(": no authors: no override; lookup " in line for line in lines)
    assert lines[-1] == f"8 entries; {len(lines) - 1} missing field(s)"
