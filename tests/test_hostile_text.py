"""Hostile text through every exporter: what goes in as a title or a name comes back out.

Hypothesis generates CSL records whose titles, names and containers are made of LaTeX
specials, unbalanced braces, newlines, `@ , =`, RIS tag lines, very long strings,
right-to-left text, combining marks and NFD accents. Each export is read back by parsers
that share no code with the writers (pybtex and bibtexparser, rispy, jsonschema with the
CSL schema), and the titles and authors must come back the same: exactly in CSL-JSON,
with runs of whitespace collapsed in RIS (a line-based format), and in BibTeX after undoing
the LaTeX escapes of wsss_bib/export/latex.py (decoded below, independently) and in NFC.
A smaller sample also goes through bibtex and pdflatex with plainnat.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from exports import bibtex_both, csl_valid, ris_records
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wsss_bib.export import bibtex, csljson, ris

# ---- generating hostile records ----------------------------------------------------------

NASTY = [
    "{", "}", "}{", "{{", "\\", "\\\\", "\\textbf{x}", "\\}", "%", "% comment", "&", "#1", "_", "$x^2$", "~", "^",
    "@", "@article{x,", ",", "=", "title = {", '"', "'", "`", "\n", "\r\n", "\t", "  ", "\x0b", "\x85", "\u2028",
    "\u00a0", "\nER  - \n", "ER  - ", "TY  - JOUR", "\nAU  - Evil, E", " and ", " AND ", "and", "\nand\t", "--", "---",
    "\u202e", "\u200f", "\u200d", "שלום עולם", "مرحبا", "e\u0301", "A\u030a", "Dolla\u0301r", "n\u0303", "q\u0301",
    "\u0301", "ﬁ", "–", "—", "“", "”", "‘", "’", "ß", "ø", "Ł", "ı", "İ", "ǅ", "Ω", "中文", "😀", "CAM", "L2G",
]
LATIN = ["é", "ü", "ß", "ø", "Å", "ç", "ł", "ñ", "e\u0301", "u\u0308", "c\u0327", "A\u030a", "n\u0303"]
STACKED = ["ế", "Nguyễn", "e\u0302\u0301", "ǘ", "ĭ", "q\u0301"]  # only --ascii can typeset these with pdflatex
ASCII_NASTY = [t for t in NASTY if t.isascii()]


def text(pieces: list[str], alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    token = st.sampled_from(pieces) | st.text(alphabet, min_size=1, max_size=8)
    short = st.lists(token, min_size=1, max_size=12).map("".join)
    long = st.builds(lambda s, n: s * n, short, st.integers(20, 120))  # hundreds to thousands of characters
    return st.one_of(short, short, short, long).filter(lambda s: s.strip())


# Any character but surrogates (not encodable) and control characters other than whitespace.
ANY = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")
# What pdflatex can typeset with inputenc: ASCII (specials included) and Latin letters.
TYPESETTABLE = st.sampled_from([chr(c) for c in range(32, 127)] + ["\n", "\t"])


def records(alphabet: st.SearchStrategy[str], pieces: list[str], max_size: int, min_size: int = 1):
    words = text(pieces, alphabet)
    name = st.one_of(
        st.builds(lambda family, given: {"family": family, "given": given}, words, words),
        st.builds(lambda family: {"family": family}, words),
        st.builds(lambda literal: {"literal": literal}, words),
    )
    record = st.fixed_dictionaries({
        "type": st.sampled_from(["paper-conference", "article-journal", "article", "chapter"]),
        "title": words,
        "author": st.lists(name, min_size=1, max_size=4),
        "container-title": words,
        "issued": st.just({"date-parts": [[2022, 6]]}),
    })
    return st.lists(record, min_size=min_size, max_size=max_size).map(
        lambda items: [{"id": f"k{i}", **item} for i, item in enumerate(items)])


# ---- reading BibTeX back: exactly the escapes latex.py writes ----------------------------

SPECIAL_COMMANDS = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
                    r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}
ESCAPED_OR_BRACE = re.compile("|".join(re.escape(c) for c in SPECIAL_COMMANDS) + r"|\\[&%$#_]|[{}]")
# --ascii: letters with a macro of their own, and accent macros over an ASCII base or \i, \j.
LETTER_MACROS = {r"{\ss}": "ß", r"{\o}": "ø", r"{\O}": "Ø", r"{\ae}": "æ", r"{\AE}": "Æ", r"{\oe}": "œ",
                 r"{\OE}": "Œ", r"{\l}": "ł", r"{\L}": "Ł", r"{\i}": "ı", r"{\aa}": "å", r"{\AA}": "Å"}
ASCII_STANDINS = {"–": "--", "—": "---", "“": "``", "”": "''", "‘": "`", "’": "'"}  # not reversible: compared so
MARKS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", '"': "\u0308", "=": "\u0304", ".": "\u0307",
         "H": "\u030b", "v": "\u030c", "u": "\u0306", "r": "\u030a", "c": "\u0327", "k": "\u0328", "d": "\u0323"}
ACCENT = re.compile(r"\\([`'^~\"=.])(\\[ij]|[A-Za-z0-9])|\\([`'^~\"=.Hvurckd])\{(\\[ij]|[^{}\\]+)\}")


def decode(value: str) -> str:
    """BibTeX field text as latex.py wrote it -> the text: macros undone, protective braces gone."""
    while True:  # innermost accent first (\u{\i} before {\i}); a second accent braces the first
        undone = ACCENT.sub(lambda m: unicodedata.normalize("NFC", (m[2] or m[4]).replace("\\i", "i").replace(
            "\\j", "j") + MARKS[m[1] or m[3]]), value)
        if undone == value:
            break
        value = undone
    for macro, letter in LETTER_MACROS.items():
        value = value.replace(macro, letter)
    return ESCAPED_OR_BRACE.sub(lambda m: SPECIAL_COMMANDS.get(m[0]) or m[0][1:] if len(m[0]) > 1 else "", value)


def as_written(value: str, ascii_only: bool = False) -> str:
    """What the BibTeX export keeps of a text: collapsed whitespace, NFC (and --ascii's stand-ins)."""
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    if ascii_only:
        for char, standin in ASCII_STANDINS.items():
            value = value.replace(char, standin)
        # What has no accent macro (α, ², 中, ﬁ) is written as latex.py's ASCII stand-in
        # (\ensuremath{...}, NFKC's spelling, `?`), which no decoder can undo: compared as it decodes.
        from wsss_bib.export import latex
        value = "".join(part if part.isascii() else decode(latex.to_ascii(part) if part[0].isspace() else
                                                            latex.escape(part, ascii_only=True))
                        for part in re.findall(r".[\u0300-\u036f]*", value, re.DOTALL))
        value = " ".join(value.split())  # a stand-in may be a space (U+3000 in NFKC) at a name's end
    return value


def collapsed(value: str) -> str:
    return " ".join(value.split())


def name_text(person: dict, transform) -> str:
    """A CSL name as the BibTeX/RIS name lists write it: 'Family, Given' or the literal."""
    if "literal" in person or not person.get("given"):
        return transform(person.get("literal") or person["family"])
    return f"{transform(person['family'])}, {transform(person['given'])}"


def cut_for_the_label(expected: str, got: str) -> str:
    """`expected`, or `got` where the writer cut a family name that its escapes make too long for
    plainnat's label (docs/reliability.md): a shorter prefix of it, then "..."."""
    if got != expected and got.endswith("...") and len(got) < len(expected) + 3 and expected.startswith(got[:-3]):
        return got
    return expected


# ---- the properties -------------------------------------------------------------------------

HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(records(ANY, NASTY, 5))
def test_csl_json_keeps_every_character(items):
    back = csl_valid(csljson.dump(items))
    assert [(r["title"], r["author"], r["container-title"]) for r in back] == \
        [(r["title"], r["author"], r["container-title"]) for r in items]


@HOSTILE
@given(records(ANY, NASTY, 5))
def test_ris_reads_back_the_same_titles_and_authors(items):
    back = ris_records(ris.dump(items))
    assert [r["id"] for r in back] == [r["id"] for r in items]  # no record split or swallowed by an `ER  - `
    for record, item in zip(back, items):
        assert record["title"] == collapsed(item["title"])
        assert record["authors"] == [name_text(person, collapsed) for person in item["author"]]
        container = record.get("custom3") or record.get("secondary_title")
        assert container == collapsed(item["container-title"])


@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
@HOSTILE
@given(items=records(ANY, NASTY, 5))
def test_bibtex_reads_back_the_same_titles_and_authors_in_pybtex_and_bibtexparser(items, ascii_only):
    if ascii_only:  # a text of nothing but zero-width characters (U+200D) is no field in ASCII
        assume(all(as_written(text, True).strip() for item in items for text in (
            item["title"], item["container-title"], *(part for name in item["author"] for part in name.values()))))
    pybtex_db, library = bibtex_both(bibtex.dump(items, ascii_only=ascii_only))
    for item, entry in zip(items, library.entries):
        fields = {field.key: field.value for field in entry.fields}
        expected_title = as_written(item["title"], ascii_only)
        assert decode(fields["title"]) == expected_title
        assert decode(pybtex_db.entries[entry.key].fields["title"]) == expected_title
        container = "booktitle" if item["type"] in ("paper-conference", "chapter") else \
            "journal" if item["type"] == "article-journal" else None
        if container:
            assert decode(fields[container]) == as_written(item["container-title"], ascii_only)
        # pybtex: each name split into its parts; bibtexparser: the name list as written
        persons = pybtex_db.entries[entry.key].persons["author"]
        assert len(persons) == len(item["author"])
        names = []
        for person, original in zip(persons, item["author"]):
            family = decode(" ".join(person.prelast_names + person.last_names))
            given = decode(" ".join(person.first_names + person.middle_names + person.lineage_names))
            if "literal" in original or not original.get("given"):
                literal = cut_for_the_label(as_written(original.get("literal") or original["family"], ascii_only),
                                            family)
                assert (family, given) == (literal, "")
                names.append(literal)
            else:
                expected = cut_for_the_label(as_written(original["family"], ascii_only), family)
                assert (family, given) == (expected, as_written(original["given"], ascii_only))
                names.append(f"{expected}, {given}")
        assert decode(fields["author"]) == " and ".join(names)


def test_decoder_undoes_each_escape_latex_py_writes():
    from wsss_bib.export import latex

    sample = "{a}\\b%c&d#e_f$g~h^i} @x {CAM} Éé ﬁ ß ı q\u0301 ế Nguyễn ǘ Łódź"
    assert decode(latex.escape(sample)) == as_written(sample)
    assert decode(latex.escape(sample, ascii_only=True)) == as_written(sample, ascii_only=True)
    assert decode(latex.title("CAM {and} L2G-Net: ReCAM")) == "CAM {and} L2G-Net: ReCAM"


# ---- through bibtex and pdflatex -------------------------------------------------------------

TEX = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage{natbib}
\usepackage{url}
\begin{document}
\nocite{*}
\bibliographystyle{plainnat}
\bibliography{hostile}
\end{document}
"""


def latex_tools() -> bool:
    found = all(shutil.which(tool) for tool in ("pdflatex", "bibtex", "kpsewhich"))
    found = found and subprocess.run(["kpsewhich", "plainnat.bst"], capture_output=True, text=True).stdout.strip()
    if not found and os.environ.get("CI") == "true":
        pytest.fail("pdflatex, bibtex and plainnat.bst are required in CI")
    return bool(found)


def compile_bibliography(folder: Path, bib: str) -> str:
    (folder / "hostile.bib").write_text(bib, encoding="utf-8")
    (folder / "main.tex").write_text(TEX)
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "main.tex"]
    for command in (latex, ["bibtex", "main"], latex):
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace", timeout=120)
        log = (folder / "main.blg").read_text(errors="replace") if command[0] == "bibtex" else result.stdout
        assert result.returncode == 0 or (command[0] == "bibtex" and result.returncode == 1), log[-3000:]
        if command[0] == "bibtex":
            assert "error message" not in log, log
    return (folder / "main.bbl").read_text(encoding="utf-8", errors="replace")


def every_piece(pieces: list[str]) -> list[dict]:
    """Twenty records that together hold every piece, in titles, names and containers."""
    cycle = iter(pieces * 10)

    def chunk() -> str:  # the next four pieces, between letters
        return "x" + "".join(next(cycle) for _ in range(4)) + "y"
    return [{"id": f"k{i}", "type": ["paper-conference", "article-journal", "article", "chapter"][i % 4],
             "title": chunk() + " CAM " + chunk(), "container-title": chunk(),
             "author": [{"family": chunk(), "given": chunk()}, {"literal": chunk()}],
             "issued": {"date-parts": [[2022]]}} for i in range(20)]


def typesettable(ascii_only: bool):
    pieces = ASCII_NASTY + LATIN + (STACKED if ascii_only else [])
    return pieces, records(TYPESETTABLE | st.sampled_from([c for c in pieces if len(c) == 1 and not c.isascii()]),
                           pieces, 20, 20)


@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
def test_twenty_hostile_records_compile_through_bibtex_and_pdflatex(ascii_only, tmp_path_factory):
    if not latex_tools():
        pytest.skip("pdflatex, bibtex or plainnat.bst is not installed")
    pieces, strategy = typesettable(ascii_only)
    samples = [every_piece(pieces)]

    @settings(max_examples=1, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(items):
        samples.append(items)
    draw()
    for items in samples:
        bbl = compile_bibliography(tmp_path_factory.mktemp("tex"), bibtex.dump(items, ascii_only=ascii_only))
        assert bbl.count(r"\bibitem") == len(items)
