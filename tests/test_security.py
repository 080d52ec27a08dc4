"""Hostile answers, local files and servers (issue 15): safe output, clear errors, bounded runs.

Each test turns one reproduction of docs/reliability.md's security table into a check. The
services are the fakes of tests/services.py, or the raw servers of tests/raw_servers.py for
what misbehaves below HTTP (silence, trickling, a redirect to another host).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests_cache
from exports import bibtex_both
from raw_servers import raw_server, silent, trickling
from services import DATA, FakeServices, crossref_items, threaded_server
from werkzeug import Response

WSSS_BIB = Path(sys.executable).parent / "wsss-bib"
ROWS = 6  # tests/data/resolve.md


@pytest.fixture
def services():
    with threaded_server() as server:
        yield FakeServices(server)


@pytest.fixture
def fast(monkeypatch):
    """Short timeouts and backoff, so that faults cost seconds (hidden options' variables)."""
    monkeypatch.setenv("WSSS_BIB_TIMEOUT", "0.3")
    monkeypatch.setenv("WSSS_BIB_BACKOFF_BASE", "0.01")
    monkeypatch.setenv("WSSS_BIB_ARXIV_INTERVAL", "0")


def export(run, data, tmp_path, *options):
    result = run("export", "--format", "all", "--list", data / "resolve.md", "--out", tmp_path / "out", "-q",
                 *options)
    assert result.exit_code == 0, result.stderr
    return result


def written(tmp_path):
    names = ("resolve.bib", "resolve-biblatex.bib", "resolve.json", "resolve-zotero.json", "resolve.ris")
    return {name: (tmp_path / "out" / name).read_text(encoding="utf-8") for name in names}


# --- 1, 2: what a service says cannot inject entries or TeX commands -------------------------

def hostile_feed(request):
    feed = (DATA / "arxiv" / "feed.xml").read_text(encoding="utf-8")
    term = 'cs.CV}\n}\n@misc{injected2024, title = {pwned}'
    feed = feed.replace('<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV"',
                        f'<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="{term}"', 1)
    return Response(feed, content_type="application/atom+xml; charset=utf-8")


def test_an_arxiv_category_with_an_entry_in_it_adds_no_entry(run, data, tmp_path, services, fast):
    services.fail(hostile_feed, service="arxiv", times=1)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    bib = written(tmp_path)["resolve.bib"]
    pybtex_db, library = bibtex_both(bib)
    assert len(library.entries) == len(pybtex_db.entries) == ROWS and "injected2024" not in bib


def test_a_crossref_doi_or_url_holding_tex_commands_is_never_written(run, data, tmp_path, services, fast):
    record = json.loads((DATA / "crossref" / "work-10.5555-fixture.mctformer.json").read_text())["message"]
    record = {**record, "DOI": "10.5555/fixture.mctformer\\input{/etc/hostname}\\relax",
              "URL": "https://x.org/a}\\input{/etc/hostname}"}
    services.fail(lambda request: Response(json.dumps({"status": "ok", "message-type": "work", "message": record}),
                                           content_type="application/json"), service="crossref",
                  where="/works/10.5555/fixture.mctformer", times=4)
    services.fail(crossref_items(record), service="crossref", where="Token", times=4)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    for text in written(tmp_path).values():
        assert "\\input" not in text and "input{" not in text


# --- 3: the lock file is validated --------------------------------------------------------

LOCK_ROW = {"identity": "arxiv:2110.07110", "fingerprint": "f", "key": "du2022weakly", "status": "resolved",
            "reason": "", "score": 99.0, "margin": 30.0, "layers": []}


@pytest.mark.parametrize("change, message", [
    ({"key": "du2022weakly,\n  title = {x}\n}\n@misc{lockinjected,"}, "is not a citation key"),
    ({"key": 5}, "`key` must be text"),
    ({"layers": 5}, "`layers` must be"),
    ({"layers": [["crossref", "not a record"]]}, "`layers` must be"),
    ({"layers": [["evil", {}]]}, "`layers` must be"),
    ({"status": None}, "`status` must be text"),
    ({"status": "trusted"}, "is not one of"),
    ({"score": "high"}, "numbers or null"),
], ids=["injected-key", "integer-key", "layers-5", "layer-not-mapping", "unknown-source", "no-status",
        "unknown-status", "text-score"])
def test_a_tampered_lock_file_is_a_clear_error_naming_it(run, data, tmp_path, change, message):
    out = tmp_path / "out"
    out.mkdir()
    (out / "resolve.lock.json").write_text(json.dumps({"version": 1, "rows": [{**LOCK_ROW, **change}]}, indent=1))
    result = run("export", "--list", data / "resolve.md", "--out", out, "--offline")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"{out / 'resolve.lock.json'}:" in result.stderr and message in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["resolve.lock.json"]  # nothing written


@pytest.mark.parametrize("text, message", [
    ('{"version": 99, "rows": []}', "lock version 99"),
    ('{"rows": [', "not JSON"),
    ("[]", "no list of rows"),
])
def test_an_unreadable_or_unknown_lock_version_is_refused(run, data, tmp_path, text, message):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "resolve.lock.json").write_text(text)
    result = run("export", "--list", data / "resolve.md", "--out", tmp_path / "out", "--offline")
    assert result.exit_code == 2 and message in result.stderr and "delete the file" in result.stderr


def test_hostile_fields_inside_a_lock_layer_are_dropped_not_written(run, data, tmp_path):
    layer = {"title": 7, "DOI": "10.5555/x}\\input{a}", "author": "Somebody", "issued": {"date-parts": [[2022, 13]]},
             "custom": {"arxiv-category": "cs.CV}\n@misc{x,", "code": "javascript:alert(1)"}}
    row = {**LOCK_ROW, "layers": [["crossref", layer]]}
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "resolve.lock.json").write_text(json.dumps({"version": 1, "rows": [row]}))
    export(run, data, tmp_path, "--offline")
    item = json.loads(written(tmp_path)["resolve-zotero.json"])[0]
    assert item["title"].startswith("Weakly Supervised") and "DOI" not in item and "author" not in item
    assert "issued" in item and item["issued"] != layer["issued"]  # the list's year, not month 13
    assert "arxiv-category" not in item["custom"] and "code" not in item["custom"]


@pytest.mark.parametrize("custom", [
    {"list-section": ["2022", "2021"]}, {"supervision": {"a": "Image"}}, {"doi-reason": ["x"]},
    {"sources": "one text where a list goes"}, {"sources": [["nested"], {"a": 1}, 5]}, {"provenance": ["crossref"]},
    {"provenance": "crossref"}, {"list-authors": {"a": "b"}}, {"orcid": ["https://orcid.org/0000-0001"]},
    {"arxiv-journal-ref": 12.5}, {"code": ["https://github.com/a/b"]}, {"page-reason": True},
], ids=lambda custom: "-".join(f"{k}:{type(v).__name__}" for k, v in custom.items()))
def test_custom_fields_of_the_wrong_shape_in_a_lock_layer_are_dropped(run, data, tmp_path, custom):
    """Each custom field has one shape (text; `sources`/`list-authors` lists of text; `provenance`/`orcid`
    maps of text): a list or map where text goes (or text where a list goes) is dropped by the gate, never
    written as Python's `['2022', '2021']`."""
    row = {**LOCK_ROW, "layers": [["crossref", {"title": "Weakly Supervised Semantic Segmentation by Pixel-to-"
                                                         "Prototype Contrast", "custom": custom}]]}
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "resolve.lock.json").write_text(json.dumps({"version": 1, "rows": [row]}))
    export(run, data, tmp_path, "--offline", "--format", "all")
    files = {name: (tmp_path / "out" / name).read_text(encoding="utf-8") for name in (
        "resolve.bib", "resolve-biblatex.bib", "resolve.ris", "resolve.json", "resolve-zotero.json", "README.md",
        "index.html")}
    for name, text in files.items():
        assert not re.search(r"\[['{]|['\"]\]", text), (name, re.search(r"\[['{]|['\"]\]", text))
    item = json.loads(files["resolve-zotero.json"])[0]
    for field, value in custom.items():
        kept = item["custom"].get(field)
        assert field == "provenance" or kept is None or kept != value, (field, kept)
    assert isinstance(item["custom"]["provenance"], dict)


# --- 5: a damaged or unusable cache is recovered from -------------------------------------

@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_a_damaged_cache_is_moved_aside_with_one_warning(run, data, tmp_path, services, fast, damage):
    cache = tmp_path / "cache.sqlite"
    export(run, data, tmp_path, *services.options(cache))
    good = cache.read_bytes()
    cache.write_bytes(os.urandom(8192) if damage == "random" else good[: len(good) // 3])
    for offline in (["--offline"], []):
        (tmp_path / "out" / "resolve.lock.json").unlink()  # so that rows are looked up, in the cache first
        result = run("export", "--format", "all", "--list", data / "resolve.md", "--out", tmp_path / "out", "-q",
                     *services.options(cache), *offline)
        assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "cache.sqlite.damaged").exists()
    assert len(json.loads(written(tmp_path)["resolve.json"])) == ROWS


def test_an_unusable_cache_location_runs_from_memory_with_a_warning(run, data, tmp_path, services, fast):
    (tmp_path / "a-file").write_text("not a folder\n")
    result = export(run, data, tmp_path, *services.options(tmp_path / "a-file" / "cache.sqlite"))
    assert result.stderr.count("cannot be used") == 1 and "in memory only" in result.stderr


# --- 6, 7, 10: slow, huge and redirecting servers -----------------------------------------

def run_cli(tmp_path: Path, url: str, budget: float = 600) -> subprocess.CompletedProcess:
    """The CLI as a process, against `url` for all three services; the timeout is a hang guard only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WSSS_BIB_")}
    env |= {"WSSS_BIB_TIMEOUT": "0.3", "WSSS_BIB_BACKOFF_BASE": "0.01", "WSSS_BIB_ARXIV_INTERVAL": "0",
            "WSSS_BIB_CACHE": str(tmp_path / "cache.sqlite")}
    return subprocess.run([str(WSSS_BIB), "export", "--format", "all", "--list", str(DATA / "resolve.md"), "--out",
                           str(tmp_path / "out"), "--crossref-url", url, "--arxiv-url", url + "/query",
                           "--dblp-url", url + "/dblp", "-q"],
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("behaviour", [silent, trickling], ids=["silent", "trickling"])
def test_a_silent_or_trickling_service_is_given_up_and_the_run_goes_on(tmp_path, behaviour):
    stopped = threading.Event()
    with raw_server(behaviour(stopped)) as server:
        try:
            result = run_cli(tmp_path, server.url)
        finally:
            stopped.set()
    assert result.returncode == 0, result.stderr
    assert "treated as down" in result.stderr
    # Six timeouts in a row, then the service is down and every other row is answered at once; at
    # most the requests already in flight (the arXiv thread, two Crossref workers, dblp's one) come on top.
    assert server.connections <= 6 + 4
    statuses = [row["status"] for row in json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"]]
    assert statuses == ["failed"] * ROWS and len(json.loads((tmp_path / "out" / "resolve.json").read_text())) == ROWS


@functools.cache
def bomb() -> bytes:
    return gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)  # 200 MiB inflated from ~200 KiB


def gzip_bomb(request):
    return Response(bomb(), headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})


def huge(request):
    return Response(b"[" + b" " * (40 * 1024 * 1024) + b"]", content_type="application/json")


@pytest.mark.parametrize("answer", [gzip_bomb, huge], ids=["gzip-bomb", "40-MiB"])
def test_an_answer_over_the_size_cap_fails_its_rows_and_is_not_cached(run, data, tmp_path, services, fast, answer):
    bomb()  # made before the run, so that making it costs the server no answer time
    services.fail(answer, service="crossref", where="Pixel-to-Prototype", times=4)
    result = export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    row = json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"][0]
    assert row["status"] == "failed" and "larger than" in row["reason"], (row, result.stderr)
    cache = requests_cache.SQLiteCache(tmp_path / "cache.sqlite")
    assert all(len(response.content) < 1024 * 1024 for response in cache.responses.values())
    cache.close()


def test_a_redirect_to_another_host_is_refused_and_never_asked(run, data, tmp_path, services, fast):
    stopped = threading.Event()
    with raw_server(silent(stopped), host="127.0.0.2") as elsewhere:
        services.fail(lambda request: Response("", status=302, headers={"Location": elsewhere.url + "/works"}),
                      service="crossref", where="Pixel-to-Prototype", times=4)
        export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
        stopped.set()
    assert elsewhere.connections == 0
    row = json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"][0]
    assert row["status"] == "failed" and "redirect to another host" in row["reason"]


# --- 9: a key once given lasts (it may be cited); only the old placeholder keys are given afresh ------

@pytest.mark.parametrize("key, kept", [("wrong2019key", True), ("anon2019key", False)])
def test_a_key_given_while_a_lookup_failed_lasts_but_a_placeholder_does_not(run, data, tmp_path, services, fast,
                                                                            key, kept):
    out = tmp_path / "out"
    out.mkdir()
    failed = {**LOCK_ROW, "fingerprint": "stale", "key": key, "status": "failed"}
    (out / "resolve.lock.json").write_text(json.dumps({"version": 1, "rows": [failed]}))
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    keys = [item["id"] for item in json.loads(written(tmp_path)["resolve.json"])]
    assert (keys[0] == key) if kept else (key not in keys and keys[0].startswith("du2022"))


# --- Issue 19: nested, huge and invisible characters; rows lost without a word --------------

def feed_with_title(title: str):
    """arXiv's answer (tests/data/arxiv/feed.xml) with the first entry's title replaced."""
    def answer(request):
        feed = (DATA / "arxiv" / "feed.xml").read_text(encoding="utf-8")
        start = feed.index("<title>", feed.index("<entry>"))
        end = feed.index("</title>", start)
        return Response(feed[:start + 7] + title + feed[end:], content_type="application/atom+xml; charset=utf-8")
    return answer


def lock_rows(tmp_path) -> dict[str, dict]:
    return {row["identity"]: row for row in json.loads((tmp_path / "out" / "resolve.lock.json").read_text())["rows"]}


def test_an_arxiv_title_nested_5000_deep_fails_its_row_and_the_run_goes_on(run, data, tmp_path, services, fast):
    """Item 1: RecursionError in the TeX-to-text step, outside the per-row isolation."""
    services.fail(feed_with_title("{" * 5000 + "x" + "}" * 5000), service="arxiv", times=4)
    result = export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    assert "Traceback" not in result.stderr
    assert len(json.loads(written(tmp_path)["resolve.json"])) == ROWS
    rows = lock_rows(tmp_path)
    assert rows["arxiv:2110.07110"]["status"] == "failed" and "nested" in rows["arxiv:2110.07110"]["reason"]
    assert rows["arxiv:2203.02891"]["status"] == "resolved"  # the rest of the batch is read


MCTFORMER = json.loads((DATA / "crossref" / "work-10.5555-fixture.mctformer.json").read_text())["message"]


@pytest.mark.parametrize("change", [
    {"issued": {"date-parts": [["²"]]}},
    {"issued": {"date-parts": [["1" + "0" * 4999]]}},
    {"published": {"date-parts": [[2 * 10 ** 30, 1]]}},
    {"title": ["A <tex-math>" + "{" * 5000 + "x" + "}" * 5000 + "</tex-math> title"]},
    {"title": ["A <tex-math>" + "\\begin{x}" * 20000 + "</tex-math> title"]},
], ids=["superscript-digit", "5000-digit-text", "31-digit-number", "tex-math-5000-braces", "tex-math-20000-begins"])
def test_an_odd_answer_to_the_batched_doi_lookup_fails_only_its_row(run, data, tmp_path, services, fast, change):
    """Items 2 and 3: the batched DOI lookup ran outside the per-row isolation."""
    services.fail(crossref_items({**MCTFORMER, **change}), service="crossref", where="filter=doi:", times=4)
    result = export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    assert "Traceback" not in result.stderr
    assert len(json.loads(written(tmp_path)["resolve.json"])) == ROWS
    row = lock_rows(tmp_path)["arxiv:2203.02891"]
    if "title" in change:  # the work cannot be read: its row fails, saying why
        assert row["status"] == "failed" and "nested" in row["reason"], row
    elif "published" in change:  # no JSON reader is handed a number of more than 30 digits
        assert row["status"] == "failed" and "digits" in row["reason"], row
    else:  # a date part that is no number is no date: the year comes from the work's other dates
        assert row["status"] == "resolved", row
        item = next(i for i in json.loads(written(tmp_path)["resolve.json"]) if i["title"].startswith("Multi-class"))
        assert item["issued"]["date-parts"][0][0] == 2022


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_infinity_or_1e400_in_a_crossref_answer_fails_its_row_with_a_reason(run, data, tmp_path, services, fast,
                                                                                number):
    """Python's json reads NaN and Infinity (no JSON has them) and 1e400 as inf: an answer holding one is
    malformed, as one holding a 31-digit number is; the row fails saying so, the run goes on."""
    answer = crossref_items({**MCTFORMER, "score": "SENTINEL"})
    answer.set_data(answer.get_data(as_text=True).replace('"SENTINEL"', number))
    services.fail(answer, service="crossref", where="filter=doi:", times=4)
    result = export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    assert "Traceback" not in result.stderr
    row = lock_rows(tmp_path)["arxiv:2203.02891"]
    assert row["status"] == "failed" and "malformed" in row["reason"] and number.lstrip("-") in row["reason"], row
    assert "NaN" not in written(tmp_path)["resolve.json"] and "Infinity" not in written(tmp_path)["resolve.json"]


def test_a_collaboration_of_2500_authors_keeps_the_first_2000_and_says_and_others(run, data, tmp_path, services,
                                                                                     fast):
    """Before, a list of more than 2,000 names was dropped whole: the paper lost every author."""
    people = [{"given": f"Given{n}", "family": f"Family{n}"} for n in range(2500)]
    services.fail(crossref_items({**MCTFORMER, "author": [MCTFORMER["author"][0], *people]}), service="crossref",
                  where="filter=doi:", times=4)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"), "--format", "all")
    files = written(tmp_path)
    item = next(i for i in json.loads(files["resolve-zotero.json"]) if i["title"].startswith("Multi-class"))
    assert len(item["author"]) == 2000 and item["author"][0]["family"] == "Xu"
    assert item["author"][-1]["family"] == "Family1998" and item["custom"]["more-authors"] == "501"
    for name in ("resolve.bib", "resolve-biblatex.bib"):
        entry = next(e for e in files[name].split("\n@") if "xu2022multi" in e.split("\n")[0])
        assert "Family1998, Given1998 and others}" in entry, name
    # offline, from the lock alone: the same files
    (tmp_path / "again").mkdir()
    shutil.copy(tmp_path / "out" / "resolve.lock.json", tmp_path / "again")
    result = run("export", "--format", "all", "--list", data / "resolve.md", "--out", tmp_path / "again", "-q",
                 "--offline", "--cache", tmp_path / "none.sqlite")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "again" / "resolve.bib").read_text() == files["resolve.bib"]


@pytest.mark.parametrize("person", [
    {"family": "12345", "given": "Lian"}, {"family": "2022", "given": "7"}, {"family": "١٢٣"}, {"name": "42"},
    {"family": "--", "given": "."},
], ids=["digits", "digits-both", "arabic-digits", "literal-digits", "punctuation"])
def test_a_name_of_numbers_only_is_no_name(run, data, tmp_path, services, fast, person):
    services.fail(crossref_items({**MCTFORMER, "author": [person, *MCTFORMER["author"]]}), service="crossref",
                  where="filter=doi:", times=4)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"), "--format", "all")
    item = next(i for i in json.loads(written(tmp_path)["resolve-zotero.json"]) if i["title"].startswith("Multi"))
    assert item["author"][0]["family"] == "Xu" and item["id"] == "xu2022multi"
    assert all(any(c.isalpha() for c in part) for name in item["author"] for part in name.values())


def test_a_crossref_search_answer_nested_too_deep_fails_its_row_with_a_reason(run, data, tmp_path, services, fast):
    record = {**MCTFORMER, "title": ["A <tex-math>" + "\\begin{x}" * 20000 + "</tex-math>"]}
    services.fail(crossref_items(record), service="crossref", where="Pixel-to-Prototype", times=4)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"))
    row = lock_rows(tmp_path)["arxiv:2110.07110"]
    assert row["status"] == "failed" and "nested" in row["reason"] and "RecursionError" not in row["reason"]


CONTROLS = "\x00\x1b[31m\x07\x08\x7f\x9b\u202e\u2066\ud800"
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def test_control_bidi_and_surrogate_characters_from_crossref_are_never_written(run, data, tmp_path, services, fast):
    """Items 4 and 5: a lone surrogate failed the write; NUL, ESC, BEL, BS and U+202E were written raw."""
    record = {**MCTFORMER, "title": [f"Multi-class{CONTROLS} Token Transformer for Weakly Supervised Semantic "
                                     "Segmentation"],
              "author": [{"given": f"Lian{CONTROLS}", "family": f"Xu{CONTROLS}", "sequence": "first"}],
              "publisher": f"IEEE{CONTROLS}", "page": f"4310{CONTROLS}-4319", "volume": f"1{CONTROLS}"}
    services.fail(crossref_items(record), service="crossref", where="filter=doi:", times=4)
    export(run, data, tmp_path, *services.options(tmp_path / "cache.sqlite"), "--format", "markdown,html")
    files = {**written(tmp_path), **{name: (tmp_path / "out" / name).read_text(encoding="utf-8")
                                     for name in ("README.md", "index.html", "resolve.lock.json")}}
    for name, text in files.items():
        assert not UNWANTED.search(text), (name, UNWANTED.search(text))
    item = json.loads(files["resolve.json"])[1]
    assert item["title"].startswith("Multi-class Token Transformer") and item["author"][0]["family"] == "Xu"
    assert item["id"] == "xu2022multi" and item["publisher"] == "IEEE"


def test_control_characters_in_a_lock_layer_are_never_written(run, data, tmp_path):
    layer = {"title": f"Weakly{CONTROLS[:-1]} Supervised", "author": [{"family": "Du\x00\x1b", "given": "Ye\u202e"}],
             "page": "1\x07-2", "publisher": "IEEE\x08"}
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "resolve.lock.json").write_text(json.dumps({"version": 1, "rows": [
        {**LOCK_ROW, "layers": [["crossref", layer]]}]}))
    export(run, data, tmp_path, "--offline", "--format", "markdown,html")
    for name in ("resolve.bib", "resolve.ris", "resolve.json", "README.md", "index.html", "resolve.lock.json"):
        assert not UNWANTED.search((tmp_path / "out" / name).read_text(encoding="utf-8")), name


@pytest.mark.parametrize("text, message", [
    (json.dumps({"version": 1, "rows": [{**LOCK_ROW, "layers": [["crossref", {"title": "a\ud800b"}]]}]}),
     "surrogate"),
    ('{"version": 1, "rows": [' + "[" * 100_000 + "]" * 100_000 + "]}", "nested"),
    ('{"version": 1' + "0" * 5000 + ', "rows": []}', "digits"),
], ids=["lone-surrogate", "nested-100000", "5000-digit-version"])
def test_a_lock_file_with_a_surrogate_deep_nesting_or_a_huge_number_is_refused(run, data, tmp_path, text, message):
    """Item 12."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "resolve.lock.json").write_text(text, encoding="utf-8")
    result = run("export", "--list", data / "resolve.md", "--out", tmp_path / "out", "--offline")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'out' / 'resolve.lock.json'}" in result.stderr and message in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["mycache", "cache.v2.sqlite"])
def test_a_damaged_cache_without_the_sqlite_suffix_is_moved_aside_too(run, data, tmp_path, services, fast, name):
    """Item 14: requests-cache adds `.sqlite` to a path without a suffix; the damage check must look there."""
    cache = tmp_path / name
    export(run, data, tmp_path, *services.options(cache))
    real = cache if cache.suffix else cache.with_name(name + ".sqlite")
    assert real.is_file()
    real.write_bytes(os.urandom(8192))
    (tmp_path / "out" / "resolve.lock.json").unlink()
    result = run("export", "--format", "all", "--list", data / "resolve.md", "--out", tmp_path / "out", "-q",
                 *services.options(cache))
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("could not be read") == 1
    assert real.with_name(real.name + ".damaged").is_file()
