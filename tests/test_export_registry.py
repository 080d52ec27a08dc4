"""Formats are plug-ins: a new one is a module and one registry line, and everything else follows."""

from __future__ import annotations

import json

import pytest
import yaml

from wsss_bib import export
from wsss_bib.export import FORMATS, Format

CSL_YAML = Format("csl-yaml", "{stem}.yaml", "csl_yaml_writer:dump", "pandoc", aliases=("yaml",))


@pytest.fixture
def csl_yaml(monkeypatch):
    monkeypatch.setattr(export, "FORMATS", (*FORMATS, CSL_YAML))  # the one registry line


def test_a_registered_writer_is_written_by_name_and_alias_and_by_all(csl_yaml, run, data, tmp_path):
    result = run("export", "--format", "yaml", "--list", data / "quirks.md", "--out", tmp_path / "one", "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["quirks.lock.json", "quirks.yaml"]
    result = run("export", "--format", "all", "--list", data / "quirks.md", "--out", tmp_path / "all", "-q")
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((tmp_path / "all/quirks.yaml").read_text(encoding="utf-8"))["references"]
    csl = json.loads((tmp_path / "all/quirks.json").read_text(encoding="utf-8"))
    # The same records as the CSL-JSON file, read back by an independent parser.
    assert [item["id"] for item in written] == [item["id"] for item in csl] and len(csl) > 3
    assert [item["title"] for item in written] == [item["title"] for item in csl]
    assert (tmp_path / "one/quirks.yaml").read_bytes() == (tmp_path / "all/quirks.yaml").read_bytes()


def test_a_registered_writer_is_in_the_help_and_the_refusal(csl_yaml, run, data, tmp_path):
    help_text = " ".join(run("export", "--help").output.split())
    assert "csl-yaml or yaml (NAME.yaml, pandoc)" in help_text
    refused = run("export", "--format", "docx", "--list", data / "quirks.md", "--out", tmp_path)
    assert refused.exit_code == 2 and "csl-yaml, yaml, all" in refused.stderr


def test_without_the_registry_line_there_is_no_such_format(run, data, tmp_path):
    assert "csl-yaml" not in " ".join(run("export", "--help").output.split())
    refused = run("export", "--format", "csl-yaml", "--list", data / "quirks.md", "--out", tmp_path)
    assert refused.exit_code == 2 and "'csl-yaml' is not a format" in refused.stderr


def test_the_pages_link_the_files_the_registry_names():
    identity = export.ListIdentity("Awesome NeRF", "awesome-nerf")
    assert export.page_links(identity) == {"bib": "awesome-nerf.bib", "json": "awesome-nerf.json",
                                           "ris": "awesome-nerf.ris", "markdown": "README.md", "html": "index.html"}
    page = export.render("markdown", [], identity=identity)
    assert "(awesome-nerf.bib)" in page and "(awesome-nerf.ris)" in page and "(index.html)" in page


def test_ascii_gives_the_bibtex_file_a_name_of_its_own():
    identity = export.ListIdentity("T", "mine")
    assert export.file_name("bibtex", identity, ascii_only=True) == "mine.ascii.bib"
    assert export.file_name("ris", identity, ascii_only=True) == "mine.ris"
    assert {fmt.name for fmt in FORMATS if fmt.takes_ascii} == {"bibtex", "markdown", "html"}
