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
from wsss_bib.export import FORMATS, render
from wsss_bib.keys import assign_keys
from wsss_bib.overrides import load_overrides
from wsss_bib.record import merge
from wsss_bib.resolve import arxiv, crossref, lock

DATA = Path(__file__).parent / "data"
ATTACKS = [
    "\\input{sentinel}", "\\immediate\\write18{touch pwned}", "}\n}\n@misc{injected,", "@article{x,", "%", "\\",
    "{", "}", "#", "$", "&", "_", "^", "~", "\n", "\r\n", "ER  - ", "\nTY  - JOUR\n", "\nER  - \n", " and ",
    "\\def\\x{y}", "\\catcode`\\@=11", "\\end{document}", "\\csname", "\u202e", "\x0b", "\"", "'", ",", "=",
    "javascript:alert(1)", "10.1000/x\\input{sentinel}", "cs.CV}", "<b>", "&amp;", "]]>",
]
# XML 1.0 has no place for most control characters; Atom cannot carry them (feedparser would refuse).
XML_CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")
HOSTILE = st.lists(st.sampled_from(ATTACKS) | st.text(XML_CHARS, min_size=1, max_size=6), min_size=1,
                   max_size=6).map("".join)
WORK = json.loads((DATA / "crossref" / "work-10.5555-fixture.mctformer.json").read_text(encoding="utf-8"))["message"]
FEED = (DATA / "arxiv" / "feed.xml").read_text(encoding="utf-8")


def crossref_layer(s: list[str]) -> dict:
    """The real recorded work with hostile strings in its text fields and identifiers."""
    item = {**WORK, "title": [s[0]], "subtitle": [s[1]], "container-title": [s[2]], "publisher": s[3],
            "page": s[4], "volume": s[5], "issue": s[6], "DOI": s[7], "URL": s[8], "ISSN": [s[9]],
            "author": [{"given": s[10], "family": s[11], "sequence": "first"}], "event": {"name": s[12]}}
    return crossref.to_record(item)


def arxiv_layer(s: list[str]) -> dict:
    """The first entry of the real feed with hostile title, author, category and DOI."""
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
            "note": s[3], "author": [{"family": s[4], "given": s[5]}], "DOI": s[6], "code": s[7]}
    (folder / "hostile2024x.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        return load_overrides(folder)[0].record
    except InputError:
        return None


def lock_layer(s: list[str], folder: Path) -> dict | None:
    """A lock row whose layer holds hostile fields, read back by the lock's own reader."""
    row = {"identity": "arxiv:2110.07110", "fingerprint": "f", "key": "du2022weakly", "status": "resolved",
           "reason": s[0], "score": 90.0, "margin": 20.0,
           "layers": [["crossref", {"title": s[1], "DOI": s[2], "author": [{"family": s[3]}], "page": s[4],
                                    "custom": {"arxiv-category": s[5], "code": s[6]}}]]}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wsss.lock.json"
    path.write_text(json.dumps({"version": 1, "rows": [row]}), encoding="utf-8")
    try:
        return dict(lock.load(path)["arxiv:2110.07110"].layers[0][1])
    except InputError:
        return None


def papers(strings: list[list[str]], folder: Path) -> list[dict]:
    """One record per source, and one with every source merged."""
    layers = [("crossref", crossref_layer(strings[0])), ("arxiv", arxiv_layer(strings[1]))]
    override, locked = override_layer(strings[2], folder / "overrides"), lock_layer(strings[3], folder)
    layers += [("override", override)] * bool(override) + [("crossref", locked)] * bool(locked)
    base = ("list", {"type": "paper-conference", "title": "A listed title", "issued": {"date-parts": [[2022]]}})
    records = [merge([base, layer]) for layer in layers] + [merge([base, *layers])]
    for record, key in zip(records, assign_keys(records, {})):
        record["id"] = key
    return records


def check_parses_back(records: list[dict]) -> dict[str, str]:
    files = {fmt: render(fmt, records) for fmt in FORMATS}
    for fmt in ("bibtex", "biblatex"):
        pybtex_db, library = bibtex_both(files[fmt])
        assert len(library.entries) == len(pybtex_db.entries) == len(records)
        assert "injected" not in [entry.key for entry in library.entries]
    for fmt in ("csl-json", "csl-json-zotero"):
        assert len(csl_valid(files[fmt])) == len(records)
    assert len(ris_records(files["ris"])) == len(records)
    return files


STRINGS = st.lists(st.lists(HOSTILE, min_size=13, max_size=13), min_size=4, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strings=STRINGS)
def test_every_format_reads_back_one_entry_per_paper(strings, tmp_path):
    check_parses_back(papers(strings, tmp_path))


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
    typesettable = [attack for attack in ATTACKS if attack.isascii() and attack.replace("\n", "").isprintable()]
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
