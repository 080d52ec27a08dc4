"""output/index.html in a real headless Chromium (the Debian package), loaded from disk.

Checked: every paper of wsss.json is shown, in order; typing in the search box filters them;
"Copy BibTeX" puts the wsss.bib entry on the clipboard; the page logs no console message or
error, throws nothing and requests nothing but itself; each COinS span, read back from the DOM
by Zotero's rules, agrees with the paper's CSL-JSON item. A screenshot of the page is kept
(WSSS_BIB_ARTIFACTS, else pytest's temporary folder; its path is printed). With CI=true a
missing Chromium fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import bibtexparser
import coins
import pytest
from browser import Chromium
from conftest import DATA, ROOT

from wsss_bib.export import render

CI = os.environ.get("CI") == "true"
OUTPUT = ROOT / "output"
VISIBLE_IDS = ("Array.from(document.querySelectorAll('li.paper'))"
               ".filter(e => e.getClientRects().length > 0).map(e => e.id)")
COINS = ("Array.from(document.querySelectorAll('span.Z3988'))"
         ".map(s => [s.closest('li.paper').id, s.getAttribute('title')])")


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        message = "chromium is not installed (Debian package chromium)"
        if CI:
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)
    browser = Chromium(binary, tmp_path_factory.mktemp("chromium") / "profile")  # a fresh profile
    try:
        # Clipboard access for the page (headless has no user to ask), so "Copy BibTeX" can be read back.
        browser.send("Browser.grantPermissions",
                     {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]}, session=False)
        yield browser
    finally:
        browser.close()


@pytest.fixture
def artifacts(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("WSSS_BIB_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def load(browser: Chromium, path: Path) -> str:
    browser.events.clear()
    browser.open_page()
    url = path.resolve().as_uri()
    browser.navigate(url)
    return url


def problems(browser: Chromium, url: str, records: list[dict]) -> list[str]:
    """What is wrong with the loaded page: missing papers, console output, exceptions, requests."""
    browser.drain()
    found = []
    shown = browser.evaluate(VISIBLE_IDS)
    expected = [record["id"] for record in records]
    if shown != expected:
        missing = [key for key in expected if key not in shown]
        found.append(f"papers shown {len(shown)} of {len(expected)}; missing {missing}; order ok: "
                     f"{[k for k in shown if k in expected] == [k for k in expected if k in shown]}")
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            found.append(f"console.{params['type']}: {[a.get('value', a.get('description')) for a in params['args']]}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            found.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            found.append(f"log {params['entry']['level']}: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent" and params["request"]["url"] != url:
            found.append(f"request: {params['request']['url']}")
    return found


def shown_after_typing(browser: Chromium, text: str) -> list[str]:
    browser.evaluate("document.getElementById('search').focus()")
    browser.evaluate("document.getElementById('search').select()")  # what is typed replaces the old query
    if text:
        browser.type_text(text)
    else:
        browser.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Backspace", "code": "Backspace",
                                                "windowsVirtualKeyCode": 8})
        browser.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Backspace", "code": "Backspace",
                                                "windowsVirtualKeyCode": 8})
    return browser.evaluate(VISIBLE_IDS)


def bib_entries() -> dict[str, str]:
    """wsss.bib's entries, each as its raw text."""
    library = bibtexparser.parse_string((OUTPUT / "wsss.bib").read_text(encoding="utf-8"))
    return {entry.key: entry.raw for entry in library.entries}


def test_committed_page_in_chromium(chromium, artifacts):
    records = json.loads((OUTPUT / "wsss-zotero.json").read_text(encoding="utf-8"))
    url = load(chromium, OUTPUT / "index.html")
    assert problems(chromium, url, records) == []
    assert chromium.evaluate("document.getElementById('count').textContent") == f"{len(records)} of 50 papers"
    screenshot = artifacts / "index.png"
    chromium.screenshot(screenshot)
    print(f"screenshot of output/index.html: {screenshot}")
    assert screenshot.stat().st_size > 10_000

    # COinS as the browser parsed the attribute, read by Zotero's rules, against CSL-JSON.
    spans = chromium.evaluate(COINS)
    assert [key for key, _ in spans] == [r["id"] for r in records]
    for (key, kev), record in zip(spans, records):
        assert coins.read(kev) == coins.expected(record), key

    # Typing filters: a title word, a citation key, a word in no paper, then an empty box again.
    with_affinity = [r["id"] for r in records if "affinity" in r["title"].lower()]
    assert 0 < len(with_affinity) < len(records)
    assert shown_after_typing(chromium, "affinity") == with_affinity
    assert chromium.evaluate("document.getElementById('count').textContent") == f"{len(with_affinity)} of 50 papers"
    chromium.screenshot(artifacts / "index-search-affinity.png", full_page=False)
    assert shown_after_typing(chromium, "lee2021anti") == ["lee2021anti"]
    assert shown_after_typing(chromium, "qwxzv") == []
    assert chromium.evaluate("document.querySelectorAll('section.group:not([hidden])').length") == 0
    assert shown_after_typing(chromium, "") == [r["id"] for r in records]

    # The filters narrow by supervision, year and venue, alone and together; "all" shows every paper again.
    def chosen(**values: str) -> list[str]:
        for name, value in values.items():
            chromium.evaluate(f"(() => {{ const s = document.getElementById('filter-{name}'); s.value = {value!r};"
                              " s.dispatchEvent(new Event('change')); })()")
        return chromium.evaluate(VISIBLE_IDS)

    box = [r["id"] for r in records if r["custom"].get("supervision") == "Box"]
    of_2019 = [r["id"] for r in records if r["issued"]["date-parts"][0][0] == 2019]
    tpami = [r["id"] for r in records if "Pattern Analysis" in r.get("container-title", "")]
    assert box and of_2019 and tpami
    assert chosen(supervision="Box") == box
    assert chromium.evaluate("document.getElementById('count').textContent") == f"{len(box)} of 50 papers"
    assert chosen(supervision="", year="2019") == of_2019
    assert chosen(year="", venue="TPAMI") == tpami
    assert chosen(year="2019") == [key for key in tpami if key in of_2019]
    assert chosen(venue="", year="") == [r["id"] for r in records]
    shown_supervision = chromium.evaluate("Array.from(document.querySelectorAll('li.paper')).map(e => "
                                          "(e.querySelector('.supervision') || {}).textContent || '')")
    assert shown_supervision == [f"supervision: {r['custom']['supervision']}" if r["custom"].get("supervision")
                                 else "" for r in records]

    # "Copy BibTeX" puts exactly the wsss.bib entry on the clipboard.
    entries = bib_entries()
    for key in (records[0]["id"], records[-1]["id"]):
        chromium.click(f"#{key} button.copy")
        label = chromium.evaluate(
            f"new Promise(resolve => {{ const b = document.querySelector('#{key} button.copy');"
            " if (b.textContent !== 'Copy BibTeX') { resolve(b.textContent); return; }"
            " new MutationObserver(() => resolve(b.textContent)).observe(b, {childList: true, subtree: true}); })")
        assert label == "Copied"
        assert chromium.evaluate("navigator.clipboard.readText()").strip() == entries[key].strip()
    assert problems(chromium, url, records) == []  # nothing logged, thrown or fetched by any of it


def test_hostile_records_stay_text_in_chromium(chromium, tmp_path, artifacts):
    records = json.loads((DATA / "page" / "hostile.json").read_text(encoding="utf-8"))
    page = tmp_path / "index.html"
    page.write_text(render("html", records), encoding="utf-8")
    url = load(chromium, page)
    assert problems(chromium, url, records) == []  # a blocked inline script would be logged here
    assert chromium.evaluate("typeof window.pwned") == "undefined"
    assert chromium.evaluate("document.querySelectorAll('script, img, style').length") == 2
    title = chromium.evaluate("document.querySelector('#evil2024script .ref').textContent")
    assert "<script>window.pwned = 1</script>" in title and "<img src=x" in title
    assert chromium.evaluate("Array.from(document.links).map(a => a.protocol)") == ["file:"] * 3 + ["https:"] * 3
    for (key, kev), record in zip(chromium.evaluate(COINS), records):
        assert coins.read(kev) == coins.expected(record), key
    assert shown_after_typing(chromium, "müller") == ["plain2023paper"]
    chromium.screenshot(artifacts / "hostile.png")


def test_the_check_catches_a_missing_paper_and_a_throwing_page(chromium, tmp_path):
    records = json.loads((OUTPUT / "wsss-zotero.json").read_text(encoding="utf-8"))
    text = (OUTPUT / "index.html").read_text(encoding="utf-8")
    text = re.sub(r'<li class="paper" id="lee2021anti"[^>]*>.*?</li>\n', "", text, count=1, flags=re.DOTALL)
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", text)  # so the edited script runs
    text = text.replace("  filter();\n}());", "  filter();\n  undefinedFunction();\n}());")
    broken = tmp_path / "index.html"
    broken.write_text(text, encoding="utf-8")
    found = problems(chromium, load(chromium, broken), records)
    assert any("missing ['lee2021anti']" in problem for problem in found), found
    assert any(problem.startswith("exception: ReferenceError: undefinedFunction") for problem in found), found
