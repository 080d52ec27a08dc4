"""The stored parse of a list (list_cache.py): the same entries, warnings and heading as a parse,
used only for the same bytes by the same code, and never trusted past its checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from wsss_bib import list_cache
from wsss_bib.identity import first_heading
from wsss_bib.list_cache import ListCache
from wsss_bib.lists import bundled_list, read_list

LISTS = [bundled_list(), *sorted((DATA / "lists").glob("*.md"))]


def no_parse(path: Path):
    raise AssertionError(f"{path} was parsed, not read from the store")


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_a_stored_parse_is_the_parse(path, tmp_path):
    first = ListCache(tmp_path, writable=True)
    assert first.heading(path) == first_heading(path)
    assert first.read(path) == read_list(path)
    again = ListCache(tmp_path, writable=True, parse=no_parse)
    assert again.heading(path) == first_heading(path)
    assert again.read(path) == read_list(path)


def test_a_changed_list_is_parsed_again_and_replaces_its_stored_parse(tmp_path):
    listing = tmp_path / "list.md"
    text = (DATA / "lists" / "awesome-nerf.md").read_text(encoding="utf-8")
    listing.write_text(text, encoding="utf-8")
    ListCache(tmp_path, writable=True).read(listing)
    listing.write_text(text.replace("Awesome Neural Radiance Fields", "Awesome Fields"), encoding="utf-8")
    assert ListCache(tmp_path, writable=True, parse=read_list).heading(listing) == "Awesome Fields"
    with pytest.raises(AssertionError, match="was parsed"):
        ListCache(tmp_path, writable=True, parse=no_parse).read(listing)
    assert ListCache(tmp_path, writable=True).read(listing) == read_list(listing)
    assert len(list((tmp_path / list_cache.FOLDER).iterdir())) == 1  # one file per list, not per version


@pytest.mark.parametrize("damage", [
    lambda stored: "not json at all {",
    lambda stored: json.dumps([]),
    lambda stored: json.dumps({**stored, "entries": [stored["entries"][0][:-1]]}),  # a field short
    lambda stored: json.dumps({**stored, "entries": [[7] + stored["entries"][0][1:]]}),  # a title that is a number
    lambda stored: json.dumps({**stored, "warnings": [None]}),
    lambda stored: json.dumps({**stored, "unknown_venues": {"X": ["one"]}}),
    lambda stored: json.dumps({**stored, "key": "0" * 64}),  # another list's, or another code's
    lambda stored: "[" * 100_000 + "]" * 100_000,
], ids=["garbage", "list", "short-row", "number-title", "warning", "venue-lines", "other-key", "deep"])
def test_a_damaged_store_is_a_miss_not_an_error(damage, tmp_path):
    path = DATA / "lists" / "items_plain.md"
    ListCache(tmp_path, writable=True).read(path)
    [slot] = (tmp_path / list_cache.FOLDER).iterdir()
    slot.write_text(damage(json.loads(slot.read_text())), encoding="utf-8")
    assert ListCache(tmp_path, writable=False).read(path) == read_list(path)


def test_nothing_is_stored_without_a_cache_folder_or_by_a_run_that_only_reads(tmp_path):
    path = DATA / "lists" / "items_plain.md"
    assert ListCache(tmp_path / "no-cache-folder" / "stored", writable=True).read(path) == read_list(path)
    assert not (tmp_path / "no-cache-folder").exists()
    assert ListCache(tmp_path, writable=False).read(path) == read_list(path)
    assert not (tmp_path / list_cache.FOLDER).exists()
    assert ListCache(None, writable=True).read(path) == read_list(path)


def test_a_list_too_large_to_store_is_parsed_each_time(tmp_path, monkeypatch):
    monkeypatch.setattr(list_cache, "MAX_BYTES", 100)
    ListCache(tmp_path, writable=True).read(DATA / "lists" / "items_plain.md")
    assert not (tmp_path / list_cache.FOLDER).exists()


def test_the_code_mark_follows_every_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "wsss_bib"
    (package / "lists").mkdir(parents=True)
    (package / "lists" / "grammar.py").write_text("A = 1\n")
    (package / "__pycache__").mkdir()
    monkeypatch.setattr(list_cache, "PACKAGE", package)
    marks = []
    for change in (lambda: None, lambda: (package / "__pycache__" / "x.pyc").write_bytes(b"1"),
                   lambda: (package / "lists" / "grammar.py").write_text("A = 2\n"),
                   lambda: (package / "venues.yaml").write_text("{}\n")):
        change()
        monkeypatch.setattr(list_cache, "_package_mark", None)
        marks.append(list_cache.code_mark())
    assert marks[0] == marks[1]  # compiled code is not the code
    assert len({marks[1], marks[2], marks[3]}) == 3


def test_the_store_is_a_folder_beside_the_http_cache_named_after_it(tmp_path):
    assert list_cache.store_folder(tmp_path / "http-cache.sqlite") == tmp_path / "http-cache-stored"
    assert list_cache.store_folder(Path(":memory:")) is None


def test_a_second_export_reads_no_list_renders_no_file_and_writes_the_same_files(tmp_path):
    # In a child process: what a warm export imports (markdown-it, ftfy) is process-wide.
    script = ("import sys; from wsss_bib.cli import main\n"
              "try:\n    main(sys.argv[1:], standalone_mode=False)\nfinally:\n"
              "    print(sorted(m for m in ('markdown_it', 'ftfy', 'wsss_bib.lists.document', 'pybtex', 'rispy')\n"
              "                 if m in sys.modules))")
    args = ["export", "--format", "all", "--offline", "-q", "--cache", str(tmp_path / "cache" / "http.sqlite")]
    (tmp_path / "cache").mkdir()
    loaded = []
    for out in ("first", "second", "second"):  # the second time into the same folder: its files are made already
        done = subprocess.run([sys.executable, "-c", script, *args, "--out", str(tmp_path / out)], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        loaded.append(done.stdout.strip())
    assert loaded == ["['ftfy', 'markdown_it', 'pybtex', 'rispy', 'wsss_bib.lists.document']", "['pybtex', 'rispy']",
                      "[]"]
    for path in (ROOT / "output").iterdir():
        assert (tmp_path / "second" / path.name).read_bytes() == path.read_bytes(), path.name
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["http-stored"]  # no HTTP cache: nothing asked


def test_stored_overrides_are_the_overrides_and_follow_every_file(tmp_path, overrides_copy):
    from wsss_bib.overrides import load_overrides

    cache = tmp_path / "cache"
    cache.mkdir()
    assert ListCache(cache, writable=True).overrides(overrides_copy) == load_overrides(overrides_copy)
    [slot] = (cache / list_cache.FOLDER).glob("overrides-*.json")
    slot.touch()
    stored = ListCache(cache, writable=True).overrides(overrides_copy)
    assert stored == load_overrides(overrides_copy) and stored  # the same, read from the store
    first = sorted(overrides_copy.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("title:", "title: Changed", 1), encoding="utf-8")
    assert ListCache(cache, writable=True).overrides(overrides_copy) == load_overrides(overrides_copy) != stored


def test_a_stored_override_folder_with_a_broken_file_fails_as_it_would_without_the_store(tmp_path, overrides_copy):
    from wsss_bib.errors import InputError

    cache = tmp_path / "cache"
    cache.mkdir()
    ListCache(cache, writable=True).overrides(overrides_copy)
    (overrides_copy / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        ListCache(cache, writable=True).overrides(overrides_copy)


def test_an_override_folder_with_a_link_is_read_every_time(tmp_path, overrides_copy):
    # A link's bytes do not say where it points, which decides whether it is read: never stored.
    from wsss_bib.errors import InputError

    cache = tmp_path / "cache"
    cache.mkdir()
    first = sorted(overrides_copy.glob("*.yaml"))[0]
    (tmp_path / "elsewhere.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    first.unlink()
    first.symlink_to(tmp_path / "elsewhere.yaml")
    for _ in range(2):
        with pytest.raises(InputError, match="outside the overrides folder"):
            ListCache(cache, writable=True).overrides(overrides_copy)
    assert not (cache / list_cache.FOLDER).exists()


def test_a_damaged_override_store_is_a_miss(tmp_path, overrides_copy):
    from wsss_bib.overrides import load_overrides

    cache = tmp_path / "cache"
    cache.mkdir()
    ListCache(cache, writable=True).overrides(overrides_copy)
    [slot] = (cache / list_cache.FOLDER).glob("overrides-*.json")
    stored = json.loads(slot.read_text())
    for damaged in ({**stored, "overrides": [["k", "../x.yaml", {}, {}, 1]]},
                    {**stored, "overrides": [["k", "x.yaml", [], {}, 1]]},
                    {**stored, "overrides": [["k", "x.yaml", {}, {"title": 3}, 1]]}, {**stored, "overrides": 1}):
        slot.write_text(json.dumps(damaged))
        assert ListCache(cache, writable=False).overrides(overrides_copy) == load_overrides(overrides_copy)
