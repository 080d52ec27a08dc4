"""Hostile strings in every field of every source, through the sources' own readers to every format.

Where test_hostile_text.py hands writers hostile records, this test starts one step earlier:
hypothesis puts hostile strings into a real Crossref work (tests/data/crossref/), a real arXiv
Atom entry (tests/data/arxiv/feed.xml), an override file and a lock row, each read by the
product's own reader, merged, keyed and written in every format. Every file must read back to
one entry per paper (pybtex and bibtexparser, rispy, jsonschema), and a batch of them must go
through bibtex and biber and pdflatex, even with -shell-escape, without any file being read or
any command run: the strings carry `\\input` of a sentinel file and `\\write18`.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
import yaml
from exports import bibtex_both, csl_valid, ris_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wsss_bib.errors import InputError
from wsss_bib.export import names, render
from wsss_bib.keys import assign_keys
from wsss_bib.overrides import load_overrides
from wsss_bib.record import merge
from wsss_bib.resolve import arxiv, crossref, lock
from wsss_bib.resolve.source import Candidate

DATA = Path(__file__).parent / "data"
ATTACKS = [
    "\\input{sentinel}", "\\immediate\\write18{touch pwned}", "}\n}\n@misc{injected,", "@article{x,", "%", "\\",
    "{", "}", "#", "$", "&", "_", "^", "~", "\n", "\r\n", "ER  - ", "\nTY  - JOUR\n", "\nER  - \n", " and ",
    "\\def\\x{y}", "\\catcode`\\@=11", "\\end{document}", "\\csname", "\u202e", "\x0b", "\"", "'", ",", "=",
    "javascript:alert(1)", "10.1000/x\\input{sentinel}", "cs.CV}", "<b>", "&amp;", "]]>",
]
# Issue 19's classes: nesting past every parser's limit, huge and non-ASCII numbers, control and
# bidirectional characters (a terminal's escape sequence among them), lone surrogates.
NESTED = ["{" * 60, "}" * 60, "\\begin{x}" * 60, "$" + "\\sqrt{" * 60 + "x" + "}" * 60 + "$", "\\sqrt" * 60,
          "<tex-math>" + "{" * 60 + "x" + "}" * 60 + "</tex-math>", "<i>" * 60, "[" * 70, "{a: " * 10]
HUGE = ["1" + "0" * 5000, "9" * 300, "²", "\u0661\u0662", "-0", "1e99999"]
INVISIBLE = ["\x00", "\x1b[31m", "\x07", "\x08", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069",
             "\ufeff", "\ud800", "\udfff"]
ROUND_TWO = NESTED + HUGE + INVISIBLE
# What no written file may hold (characters.UNWANTED, written out again here).
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# XML 1.0 has no place for most control characters; Atom cannot carry them (feedparser would refuse).
XML_CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")
HOSTILE = st.lists(st.sampled_from(ATTACKS) | st.sampled_from(ROUND_TWO) | st.text(XML_CHARS, min_size=1, max_size=6),
                   min_size=1, max_size=6).map("".join)
# Numbers where a service or a file may give one instead of text: small, huge (JSON carries up to
# 4300 digits, Python no further), or text.
NUMBER = st.integers(-(10 ** 40), 10 ** 40) | st.sampled_from([10 ** 300, 2 ** 64, -1, 0]) | HOSTILE
WORK = json.loads((DATA / "crossref" / "work-10.5555-fixture.mctformer.json").read_text(encoding="utf-8"))["message"]
FEED = (DATA / "arxiv" / "feed.xml").read_text(encoding="utf-8")


def crossref_layer(s: list[str], n: list) -> dict:
    """The real recorded work with hostile strings in its text fields and identifiers, and hostile
    numbers where Crossref gives numbers; a work that cannot be read fails its row (no layer)."""
    item = {**WORK, "title": [s[0]], "subtitle": [s[1]], "container-title": [s[2]], "publisher": s[3],
            "page": s[4], "volume": s[5], "issue": s[6], "DOI": s[7], "URL": s[8], "ISSN": [s[9]],
            "author": [{"given": s[10], "family": s[11], "sequence": "first"}], "event": {"name": s[12]},
            "article-number": n[0], "published": {"date-parts": [[n[1], n[2]]]}, "issued": {"date-parts": [[n[3]]]}}
    try:
        return Candidate(crossref.to_record(item), "crossref", True).record
    except ValueError as err:  # nesting.TooDeep: the product fails the row with this reason
        assert "nested" in str(err) or "TeX" in str(err)
        return {}


def arxiv_layer(s: list[str]) -> dict:
    """The first entry of the real feed with hostile title, author, category and DOI (what an Atom
    feed can carry: no surrogate, no NUL); an entry that cannot be read gives no record."""
    s = [re.sub("[\x00\ud800-\udfff]", "", text) for text in s]
    start, end = FEED.index("<entry>"), FEED.index("</entry>") + len("</entry>")
    entry = FEED[start:end]
    entry = entry.replace(entry[entry.index("<title>"):entry.index("</title>") + 8], f"<title>{escape(s[0])}</title>")
    entry = entry.replace("<author><name>Ye Du</name></author>", f"<author><name>{escape(s[1])}</name></author>")
    entry = entry.replace('term="cs.CV" scheme', f"term={quoteattr(s[2])} scheme", 1)
    entry = entry.replace("<arxiv:comment", f'<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(s[3])}'
                          "</arxiv:doi><arxiv:comment")
    records, error = arxiv.parse_feed(FEED[:start] + entry + FEED[FEED.rindex("</entry>") + 8:])
    assert error is None
    return next(iter(records.values()), {})


def override_layer(s: list[str], folder: Path) -> dict | None:
    """An override file written with hostile values; one the loader refuses adds nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    data = {"source": "https://example.org/hostile", "title": s[0], "container-title": s[1], "page": s[2],
            "note": s[3], "author": [{"family": s[4], "given": s[5]}], "DOI": s[6], "code": s[7], "volume": s[8],
            "issue": s[9], "publisher": s[10]}
    (folder / "hostile2024x.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        return load_overrides(folder)[0].record
    except InputError:
        return None


def lock_layer(s: list[str], n: list, folder: Path) -> dict | None:
    """A lock row whose layer holds hostile fields, read back by the lock's own reader."""
    row = {"identity": "arxiv:2110.07110", "fingerprint": "f", "key": "du2022weakly", "status": "resolved",
           "reason": s[0], "score": 90.0, "margin": 20.0,
           "layers": [["crossref", {"title": s[1], "DOI": s[2], "author": [{"family": s[3], "given": s[7]}],
                                    "page": s[4], "volume": n[0], "issue": n[1], "publisher": s[8],
                                    "container-title": s[9], "issued": {"date-parts": [[n[2]]]},
                                    "custom": {"arxiv-category": s[5], "code": s[6], s[10]: s[11]}}]]}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wsss.lock.json"
    path.write_text(json.dumps({"version": 1, "rows": [row]}), encoding="utf-8")
    try:
        return dict(lock.load(path)["arxiv:2110.07110"].layers[0][1])
    except InputError:
        return None


def papers(strings: list[list[str]], folder: Path, numbers: list | None = None) -> list[dict]:
    """One record per source, and one with every source merged."""
    numbers = numbers or [[2022, 6, 1, 2022]] * 2
    layers = [("crossref", crossref_layer(strings[0], numbers[0])), ("arxiv", arxiv_layer(strings[1]))]
    override, locked = override_layer(strings[2], folder / "overrides"), lock_layer(strings[3], numbers[1], folder)
    layers += [("override", override)] * bool(override) + [("crossref", locked)] * bool(locked)
    base = ("list", {"type": "paper-conference", "title": "A listed title", "issued": {"date-parts": [[2022]]}})
    records = [merge([base, layer]) for layer in layers] + [merge([base, *layers])]
    for record, key in zip(records, assign_keys(records, {})):
        record["id"] = key
    return records


def check_parses_back(records: list[dict]) -> dict[str, str]:
    files = {fmt: render(fmt, records) for fmt in names()}
    for fmt, text in files.items():
        assert not UNWANTED.search(text), (fmt, UNWANTED.search(text))
        text.encode("utf-8")  # no lone surrogate: every format can be written
    for fmt in ("bibtex", "biblatex"):
        pybtex_db, library = bibtex_both(files[fmt])
        assert len(library.entries) == len(pybtex_db.entries) == len(records)
        assert "injected" not in [entry.key for entry in library.entries]
    for fmt in ("csl-json", "csl-json-zotero"):
        assert len(csl_valid(files[fmt])) == len(records)
    assert len(ris_records(files["ris"])) == len(records)
    return files


STRINGS = st.lists(st.lists(HOSTILE, min_size=13, max_size=13), min_size=4, max_size=4)
NUMBERS = st.lists(st.lists(NUMBER, min_size=4, max_size=4), min_size=2, max_size=2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strings=STRINGS, numbers=NUMBERS)
def test_every_format_reads_back_one_entry_per_paper(strings, numbers, tmp_path):
    check_parses_back(papers(strings, tmp_path, numbers))


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


DOCUMENT = {
    "bibtex": "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}\\usepackage{url}"
              "\\usepackage[numbers]{natbib}\\begin{document}\\nocite{*}\\bibliographystyle{plainnat}"
              "\\bibliography{refs}\\end{document}\n",
    "biblatex": "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage[backend=biber]{biblatex}"
                "\\addbibresource{refs.bib}\\begin{document}\\nocite{*}\\printbibliography\\end{document}\n",
}


@pytest.mark.parametrize("dialect, processor", [("bibtex", "bibtex"), ("biblatex", "biber")])
def test_a_batch_compiles_without_reading_a_file_or_running_a_command(tmp_path, dialect, processor):
    """Drawn from the same attacks (the ASCII ones: pdflatex cannot typeset every script), 8 batches."""
    tool("pdflatex"), tool(processor)
    # What the gate removes (controls, bidi, surrogates) or refuses (nesting) is drawn too: none of it
    # may reach the file. A row the nesting fails keeps the list's layer.
    typesettable = [attack for attack in ATTACKS if attack.isascii() and attack.replace("\n", "").isprintable()] \
        + [piece for piece in ROUND_TWO if piece.isascii() or piece in INVISIBLE]
    draw = random.Random(20261201)  # fixed: the same batch every run
    records: list[dict] = []
    for n in range(8):
        strings = [["".join(draw.choices(typesettable, k=draw.randint(1, 4))) for _ in range(13)] for _ in range(4)]
        records += papers(strings, tmp_path / f"p{n}")
    for record, key in zip(records, assign_keys(records, {})):
        record["id"] = key
    files = check_parses_back(records)
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "refs.bib").write_text(files[dialect], encoding="utf-8")
    (folder / "doc.tex").write_text(DOCUMENT[dialect], encoding="utf-8")
    (folder / "sentinel.tex").write_text("\\errmessage{SENTINEL READ}\n", encoding="utf-8")
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=folder, capture_output=True, text=True, errors="replace", timeout=300,
                              stdin=subprocess.DEVNULL)
    latex = ("pdflatex", "-interaction=nonstopmode", "-shell-escape", "doc.tex")
    run(*latex)
    processed = run(processor, "doc")
    assert processed.returncode in (0, 1) and "error" not in processed.stdout.lower().replace("errors", ""), \
        processed.stdout[-3000:]
    run(*latex)
    final = run(*latex)
    log = (folder / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert final.returncode == 0, log[-3000:]
    assert "SENTINEL READ" not in log and "sentinel.tex" not in log and not (folder / "pwned").exists()
