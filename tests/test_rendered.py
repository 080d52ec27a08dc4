"""The note of which files in --out are already what they would be made (rendered.py): a file is
taken as made only when its bytes and everything it is made from are what they were."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from wsss_bib import rendered
from wsss_bib.list_cache import store_folder

ARGS = ("export", "--format", "all", "--offline", "-q")


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    shutil.copytree(ROOT / "output", folder)
    return folder


def note_of(out: Path) -> dict:
    cache = store_folder(Path(os.environ["WSSS_BIB_CACHE"]))
    [slot] = (cache / rendered.FOLDER).iterdir()
    assert slot.name.startswith(rendered._digest(str(out.absolute()).encode())[:24])
    return json.loads(slot.read_text())


def test_an_export_notes_each_file_it_made_and_the_files_stay_as_committed(run, out):
    for _ in range(2):
        assert run(*ARGS, "--out", out).exit_code == 0
    assert sorted(note_of(out)) == sorted(p.name for p in (ROOT / "output").iterdir()
                                          if not p.name.endswith(".lock.json"))
    for path in (ROOT / "output").iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_file_edited_by_hand_is_made_again(run, out):
    assert run(*ARGS, "--out", out).exit_code == 0
    (out / "wsss.bib").write_text("edited\n", encoding="utf-8")
    (out / "README.md").unlink()
    (out / "README.md").symlink_to(ROOT / "output" / "README.md")  # the same bytes, but a link: made again
    assert run(*ARGS, "--check", "--out", out).exit_code == 1
    assert run(*ARGS, "--out", out).exit_code == 0
    assert (out / "wsss.bib").read_bytes() == (ROOT / "output" / "wsss.bib").read_bytes()
    assert not (out / "README.md").is_symlink()
    assert run(*ARGS, "--check", "--out", out).exit_code == 0


def test_other_inputs_make_the_files_again(run, out):
    assert run(*ARGS, "--out", out).exit_code == 0
    assert run(*ARGS, "--out", out, "--title", "Another title").exit_code == 0
    assert "Another title" in (out / "index.html").read_text(encoding="utf-8")
    assert run(*ARGS, "--out", out).exit_code == 0
    assert (out / "index.html").read_bytes() == (ROOT / "output" / "index.html").read_bytes()


@pytest.mark.parametrize("damage", ["{", "[]", '{"wsss.bib": 3}', '{"wsss.bib": ["a", "b", "c"]}'])
def test_a_damaged_note_makes_every_file(run, out, damage):
    assert run(*ARGS, "--out", out).exit_code == 0
    cache = store_folder(Path(os.environ["WSSS_BIB_CACHE"]))
    [slot] = (cache / rendered.FOLDER).iterdir()
    slot.write_text(damage, encoding="utf-8")
    (out / "wsss.ris").write_text("stale\n", encoding="utf-8")
    assert run(*ARGS, "--out", out).exit_code == 0
    assert (out / "wsss.ris").read_bytes() == (ROOT / "output" / "wsss.ris").read_bytes()


def test_a_note_is_used_only_for_a_file_with_the_bytes_it_names(run, out):
    # The right inputs, another file's digest: the file's own bytes decide, not its name or time.
    assert run(*ARGS, "--out", out).exit_code == 0
    cache = store_folder(Path(os.environ["WSSS_BIB_CACHE"]))
    [slot] = (cache / rendered.FOLDER).iterdir()
    note = json.loads(slot.read_text())
    note["wsss.bib"][1] = "0" * 64
    slot.write_text(json.dumps(note))
    (out / "wsss.bib").write_text("stale\n", encoding="utf-8")
    assert run(*ARGS, "--check", "--out", out).exit_code == 1
    assert run(*ARGS, "--out", out).exit_code == 0
    assert (out / "wsss.bib").read_bytes() == (ROOT / "output" / "wsss.bib").read_bytes()


def test_check_and_a_new_cache_folder_write_no_note(run, out, tmp_path):
    assert run(*ARGS, "--check", "--out", out).exit_code == 0
    cache = store_folder(Path(os.environ["WSSS_BIB_CACHE"]))
    assert not (cache / rendered.FOLDER).exists()
    assert run(*ARGS, "--out", out, "--cache", tmp_path / "none" / "http.sqlite").exit_code == 0
    assert not (tmp_path / "none").exists()


def test_too_many_records_are_not_noted(run, out, monkeypatch):
    monkeypatch.setattr(rendered, "MAX_RECORDS", 10)
    assert run(*ARGS, "--out", out).exit_code == 0
    cache = store_folder(Path(os.environ["WSSS_BIB_CACHE"]))
    assert not (cache / rendered.FOLDER).exists()
