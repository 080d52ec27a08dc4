"""The command as a user runs it: files written, checked, and errors that leave output alone."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from services import FakeServices, threaded_server


def export_all(run, data, out, overrides):
    return run("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides,
               "--out", out, "--quiet")


def test_export_all_writes_three_files_one_entry_per_row(run, data, tmp_path, overrides_copy):
    result = export_all(run, data, tmp_path / "out", overrides_copy)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    # Named after the list's file (quirks.md), never the bundled list's wsss.*
    assert names == ["README.md", "index.html", "quirks-biblatex.bib", "quirks-zotero.json", "quirks.bib",
                     "quirks.json", "quirks.lock.json", "quirks.ris"]
    assert len(json.loads((tmp_path / "out/quirks.json").read_text())) == 8


def test_two_runs_are_byte_identical(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "a", overrides_copy)
    export_all(run, data, tmp_path / "b", overrides_copy)
    for name in ("quirks.bib", "quirks-biblatex.bib", "quirks.json", "quirks-zotero.json", "quirks.ris", "README.md",
                 "index.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_override_pins_key_and_journal_extension_gets_its_own(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "out", overrides_copy)
    ids = [item["id"] for item in json.loads((tmp_path / "out/quirks.json").read_text())]
    assert ids[:2] == ["sun2020mining", "sun2022looking"] and len(set(ids)) == len(ids)


def test_check_passes_when_fresh_and_fails_when_stale(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "out", overrides_copy)
    args = ("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides_copy,
            "--out", tmp_path / "out", "--check")
    assert run(*args).exit_code == 0
    bib = tmp_path / "out/quirks.bib"
    bib.write_text(bib.read_text().replace("Mining", "Minning"))
    result = run(*args)
    assert result.exit_code == 1 and "quirks.bib: 1 line(s) to add, 1 to remove" in result.stderr
    assert f"stale: run `wsss-bib export --format all --list {data / 'quirks.md'}" in result.stderr
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


def test_console_script_runs_and_prints_version():
    result = subprocess.run([Path(sys.executable).parent / "wsss-bib", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("wsss-bib, version ")




def test_unreadable_rows_warn_with_their_line_and_the_rest_is_exported(run, data, tmp_path):
    path = data / "bad_rows.md"
    result = run("export", "--format", "all", "--list", path, "--out",
                 tmp_path / "out", "--offline", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {path}:5: table has no year heading above it",
        f"warning: {path}:12: row skipped: no venue",
        f"warning: {path}:14: row skipped: duplicate of line 13",
    ]
    items = json.loads((tmp_path / "out" / "bad_rows.json").read_text())
    assert [(item["title"], item.get("issued")) for item in items] == [
        ("A paper under no year", None), ("A good paper", {"date-parts": [[2021]]})]
    assert (tmp_path / "out" / "bad_rows.bib").read_text().count("@inproceedings{") == 2


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
    # The same list, emptied or broken in a copy: --name says it is quirks.md's bibliography.
    result = run("export", "--format", "all", "--list", path, "--out", out, "--name", "quirks",
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


# --- Issue 14: the command line behaves as users expect -------------------------------------

def test_a_missing_overrides_folder_is_an_error_not_silence(run, data, tmp_path):
    result = run("export", "--list", data / "quirks.md", "--overrides", tmp_path / "nonexistent", "--out", tmp_path)
    assert result.exit_code == 2 and "nonexistent: no such folder of overrides" in result.stderr


def test_another_list_uses_the_overrides_beside_it_and_never_the_bundled_ones(run, data, tmp_path):
    shutil.copy(data / "quirks.md", tmp_path / "list.md")
    plain = run("export", "--format", "csl-json-zotero", "--list", tmp_path / "list.md", "--out", tmp_path / "a", "-q")
    assert plain.exit_code == 0, plain.stderr  # the bundled overrides would match no row of it: not applied
    items = json.loads((tmp_path / "a/list-zotero.json").read_text())
    assert not any("sources" in item["custom"] for item in items)
    shutil.copytree(data / "overrides_ok", tmp_path / "overrides")
    beside = run("export", "--format", "csl-json", "--list", tmp_path / "list.md", "--out", tmp_path / "b", "-q")
    assert beside.exit_code == 0, beside.stderr
    ids = [item["id"] for item in json.loads((tmp_path / "b/list.json").read_text())]
    assert ids[:2] == ["sun2020mining", "sun2022looking"]


@pytest.mark.parametrize("out", ["mybib.bib", "file"])
def test_out_names_a_folder_never_a_file(run, data, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("a file\n")
    result = run("export", "--list", data / "quirks.md", "--out", out)
    assert result.exit_code == 2 and "--out names" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_ascii_bibtex_is_a_file_of_its_own(run, data, tmp_path, overrides_copy):
    export_all(run, data, tmp_path / "out", overrides_copy)
    utf8 = (tmp_path / "out/quirks.bib").read_bytes()
    result = run("export", "--ascii", "--list", data / "quirks.md", "--overrides", overrides_copy, "--out",
                 tmp_path / "out", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out/quirks.bib").read_bytes() == utf8
    assert (tmp_path / "out/quirks.ascii.bib").read_text().isascii()


def test_formats_repeat_combine_and_have_the_alias_json(run, data, tmp_path):
    result = run("export", "--format", "bibtex", "--format", "json,ris", "--list", data / "quirks.md", "--out",
                 tmp_path, "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quirks.bib", "quirks.json", "quirks.lock.json", "quirks.ris"]
    refused = run("export", "--format", "docx", "--list", data / "quirks.md", "--out", tmp_path)
    assert refused.exit_code == 2 and "'docx' is not a format" in refused.stderr


def test_refresh_and_offline_together_are_refused(run, data, tmp_path):
    result = run("export", "--refresh", "--offline", "--list", data / "quirks.md", "--out", tmp_path)
    assert result.exit_code == 2 and "choose one" in result.stderr and not list(tmp_path.iterdir())


def test_help_shows_whole_summaries_and_the_environment_variables(run):
    top = run("--help").stdout
    assert "Write the bibliography files (default: output/wsss.bib)." in top and "WSSS_BIB_MAILTO" in top
    assert "env var: WSSS_BIB_CACHE" in run("export", "--help").stdout


def test_python_dash_m_runs_the_command():
    result = subprocess.run([sys.executable, "-m", "wsss_bib", "--version"], capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith("wsss-bib, version ")


@pytest.fixture
def recording_server(httpserver):
    """A service that answers nothing useful and records every request: a request sent is a failure here."""
    httpserver.expect_request("").respond_with_data("{}", status=503)
    return httpserver


def test_check_report_and_check_command_ask_no_service(run, data, tmp_path, overrides_copy, recording_server,
                                                       monkeypatch):
    url = recording_server.url_for("")
    monkeypatch.setenv("WSSS_BIB_CROSSREF_URL", url)
    monkeypatch.setenv("WSSS_BIB_ARXIV_URL", url + "query")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache = tmp_path / "never-made.sqlite"
    common = ("--list", data / "quirks.md", "--overrides", overrides_copy, "--out", tmp_path / "out")
    assert run("export", "--format", "all", *common, "--offline", "-q").exit_code == 0
    assert run("export", "--format", "all", *common, "--check", "--cache", cache).exit_code == 0
    assert run("report", *common, "--cache", cache).exit_code == 0
    assert run("check", *common, "--cache", cache).exit_code == 0
    assert recording_server.log == [] and not cache.exists() and not (tmp_path / "user-cache").exists()


def test_no_stray_cache_file_in_the_working_folder(run, data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with threaded_server() as server:
        services = FakeServices(server)
        result = run("export", "--list", data / "resolve.md", "--out", tmp_path / "out",
                     *services.options(tmp_path / "cache" / "http.sqlite"), "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out"]


def test_offline_summary_says_what_settled_the_rows(run, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = run("export", "--format", "all", "--offline", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("50 entries") and "50 curated (settled by overrides" in summary
    assert "failed" not in summary and "still to look up" not in summary


@pytest.mark.parametrize("given", ["", "."], ids=["empty", "a-folder"])
def test_a_list_that_is_no_file_is_exit_2_in_one_line(run, tmp_path, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--list", given, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "rror: " in result.stderr and "Traceback" not in result.stderr
