"""A list's identity: its title, its file stem and its folder, and that another list's files stay its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from wsss_bib.errors import InputError
from wsss_bib.identity import ListIdentity, default_out, first_heading, identify, stem_of
from wsss_bib.lists import bundled_list


def test_the_bundled_list_keeps_wsss_and_output():
    identity = identify(bundled_list(), is_bundled=True)
    assert identity == ListIdentity("Awesome Weakly Supervised Semantic Segmentation Papers", "wsss")
    assert default_out(bundled_list(), identity, True) == Path("output")


def test_another_list_is_named_after_its_file_and_titled_by_its_heading(data):
    path = data / "lists" / "awesome-nerf.md"
    identity = identify(path, is_bundled=False)
    assert identity == ListIdentity("Awesome Neural Radiance Fields", "awesome-nerf")
    assert default_out(path, identity, False) == path.parent / "awesome-nerf-bibliography"
    assert identify(path, False, title="NeRF papers", name="nerf") == ListIdentity("NeRF papers", "nerf")
    assert identity.lock_name == "awesome-nerf.lock.json" and identity.file_name("{stem}-zotero.json") == \
        "awesome-nerf-zotero.json"


def test_stems_and_titles_of_odd_files(tmp_path):
    repository = tmp_path / "Awesome-Incremental-Learning"
    repository.mkdir()
    (repository / "README.md").write_text("## 2021\n\n# [Awesome *Incremental* Learning](https://x.org)\n")
    assert stem_of(repository / "README.md") == "awesome-incremental-learning"  # a repository's list
    assert stem_of(tmp_path / "My List (2024).md") == "my-list-2024"
    assert first_heading(repository / "README.md") == "Awesome Incremental Learning"  # a year heading is no title
    (tmp_path / "plain.md").write_text("no heading at all\n")
    assert identify(tmp_path / "plain.md", False).title == "plain"


@pytest.mark.parametrize("name", ["../up", "A B", "", "-x", "x" * 81])
def test_a_name_that_is_no_file_stem_is_refused(data, name):
    with pytest.raises(InputError, match="--name"):
        identify(data / "lists" / "awesome-nerf.md", False, name=name)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_another_list_run_from_a_checkout_never_touches_output(run, data, tmp_path, monkeypatch):
    """`wsss-bib export --list other.md` in a checkout: its own folder, its own name, output/ untouched."""
    shutil.copytree(ROOT / "output", tmp_path / "output")
    shutil.copy(data / "lists" / "awesome-nerf.md", tmp_path / "other.md")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path / "output")
    result = run("export", "--format", "all", "--list", "other.md", "--offline")
    assert result.exit_code == 0, result.stderr
    assert snapshot(tmp_path / "output") == before
    made = tmp_path / "other-bibliography"
    assert sorted(snapshot(made)) == ["README.md", "index.html", "other-biblatex.bib", "other-zotero.json",
                                      "other.bib", "other.json", "other.lock.json", "other.ris"]
    html = (made / "index.html").read_text(encoding="utf-8")
    assert "<title>Awesome Neural Radiance Fields: the bibliography</title>" in html
    assert (made / "README.md").read_text(encoding="utf-8").startswith("# Awesome Neural Radiance Fields\\:")
    for path in made.iterdir():
        text = path.read_text(encoding="utf-8").lower()
        assert "semantic segmentation" not in text and "wsss" not in text, path.name


def test_a_folder_holding_another_lists_lock_is_an_error_naming_both(run, data, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "output", tmp_path / "output")
    shutil.copy(data / "lists" / "awesome-nerf.md", tmp_path / "other.md")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path / "output")
    result = run("export", "--format", "all", "--list", "other.md", "--out", "output", "--offline")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith("error: output/wsss.lock.json: ") and message.count("\n") == 0
    assert "'wsss' (Awesome Weakly Supervised Semantic Segmentation Papers)" in message
    assert "'other' (Awesome Neural Radiance Fields, other.md)" in message
    assert snapshot(tmp_path / "output") == before
    # The same list under another file name says so (--name), and is let in: stale (1), not refused (2).
    renamed = run("export", "--list", "other.md", "--out", "output", "--name", "wsss", "--check", "-q")
    assert renamed.exit_code == 1 and "belongs" not in renamed.stderr and "holds the bibliography" not in renamed.stderr
