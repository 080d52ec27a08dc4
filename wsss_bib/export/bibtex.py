"""Records as BibTeX, in two dialects (as Better BibTeX ships them): classic BibTeX for
natbib/bibtex (`dump`) and BibLaTeX for biber (`dump_biblatex`).

Entry types follow what the styles and Zotero's reader expect: conference papers and LNCS
chapters are @inproceedings (a proceedings volume of a series: booktitle + series + volume),
journal papers @article, arXiv-only papers @misc with the eprint fields. Both dialects carry
what Zotero's BibTeX import reads and the styles ignore: `eventtitle` (Zotero's conference
name), `eprinttype = {arxiv}` (the only form in which Zotero keeps an arXiv id: Extra
`arXiv: ID`), the full date, `keywords` (tags) and `annote` (a child note: code link, list
line, and the fields Zotero's item type lacks).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from urllib.parse import quote

from ..record import BIBTEX_OF_CSL, DASHES, MONTH_MACROS, MORE_AUTHORS, Name, Record, custom_of, year
from . import latex, zotero

# What Zotero's BibTeX reader makes of each entry type.
ZOTERO_TYPES = {"inproceedings": "conferencePaper", "article": "journalArticle"}


def dump(records: list[Record], ascii_only: bool = False) -> str:
    """Classic BibTeX: `journal`, `year`/`month`/`day`, `archivePrefix`/`eprint`/`primaryClass`."""
    return "\n".join(entry(record, ascii_only) for record in records)


def dump_biblatex(records: list[Record]) -> str:
    """BibLaTeX (UTF-8): `journaltitle`, `date`, `eprinttype`/`eprint`/`eprintclass`, `eventtitle`."""
    return "\n".join(entry(record, biblatex=True) for record in records)


def entry(record: Record, ascii_only: bool = False, biblatex: bool = False) -> str:
    custom = custom_of(record)
    kind = BIBTEX_OF_CSL.get(record.get("type", ""), "misc")

    def text(name: str) -> str | None:
        return latex.escape(record[name], ascii_only) if record.get(name) else None

    issued = [int(part) for part in (record.get("issued") or {}).get("date-parts", [[]])[0]]
    arxiv = custom.get("arxiv")
    container = {"inproceedings": "booktitle", "article": "journaltitle" if biblatex else "journal"}.get(kind)
    fields: dict[str, str | None] = {
        "author": _names(record.get("author", []), ascii_only, label_safe=not biblatex,
                         others=bool(custom.get(MORE_AUTHORS))),
        "title": latex.title(record["title"], ascii_only) if record.get("title") else None,
        container or "howpublished": text("container-title") if container else None,
        "eventtitle": text("event-title") if kind == "inproceedings" else None,
        "series": text("collection-title"),
        "volume": text("volume"),
        "number": _number(record, kind, text, biblatex),
        # Classic BibTeX has no room for a proceedings issue beside its volume (below); `issue` is no
        # bibtex field (the styles ignore it) and Zotero's reader takes it as the issue, which
        # conferencePaper has from schema 41 on (before, it stays in `annote`).
        "issue": text("issue") if kind == "inproceedings" and record.get("volume") and not biblatex else None,
        # biber reads a range with `-` and typesets it with \bibrangedash, so the biblatex file keeps
        # the record's pages as they are; bibtex styles print what they get, so there `--`.
        "pages": text("page") if biblatex else _pages(record.get("page")),
    }
    if biblatex:
        fields["date"] = "-".join(f"{part:02d}" if i else f"{part:04d}" for i, part in enumerate(issued)) or None
    else:
        fields["year"] = str(year(record)) if year(record) else None
        fields["month"] = MONTH_MACROS[issued[1] - 1] if len(issued) > 1 and 1 <= issued[1] <= 12 else None
        # Not a bibtex field (the styles ignore it): Zotero's reader completes the date with it.
        fields["day"] = str(issued[2]) if len(issued) > 2 and fields["month"] else None
    fields.update({
        # biblatex's @article and @misc have no publisher (biber's datamodel check flags it, biber
        # itself does not warn and the styles ignore it); Zotero reads it for a @misc (a document)
        # and, from schema 41 on, for an @article (journalArticle has a publisher there), so the
        # @article keeps it in both dialects and only biblatex's @misc goes without.
        "publisher": text("publisher") if not (biblatex and kind == "misc") else None,
        "doi": record.get("DOI"),
        "url": record.get("URL"),
        "eprint": arxiv,
        # biblatex: `archiveprefix` is an alias of `eprinttype` and biber flags the pair, so only the
        # latter; classic: arXiv's own form, plus `eprinttype`, which Zotero needs and bibtex ignores.
        "archiveprefix": "arXiv" if arxiv and not biblatex else None,
        "eprinttype": "arxiv" if arxiv else None,
        "eprintclass" if biblatex else "primaryclass": custom.get("arxiv-category") if arxiv else None,
        "keywords": text("keyword"),
        "annote": None,  # below: it names what the fields above do not carry
        "note": text("note"),
    })
    # Zotero's BibTeX reader has no way into Extra for the fields its item type lacks (an
    # @inproceedings' issue, an @article's publisher): they stay visible in this child note.
    lines = zotero.missing_field_lines(record, ZOTERO_TYPES.get(kind, "document"))
    if record.get("publisher") and not fields["publisher"] and not any(line.startswith("Publisher:") for line in lines):
        lines.append(f"Publisher: {record['publisher']}")
    fields["annote"] = latex.escape("; ".join(lines + zotero.note_lines(record)), ascii_only) or None
    body = ",\n".join(f"  {name} = {_value(name, value, ascii_only)}" for name, value in fields.items() if value)
    return f"@{kind}{{{record['id']},\n{body}\n}}\n"


def _value(name: str, value: str, ascii_only: bool = False) -> str:
    # month macros are bare words; doi/url/eprint are verbatim (a DOI's `_` is not LaTeX); with
    # --ascii, a URL's non-ASCII characters are percent-encoded (as UTF-8, which is what they mean).
    if name == "month":
        return value
    if name in ("doi", "url", "eprint"):
        value = "".join(value.split()).replace("{", "%7B").replace("}", "%7D")
        if ascii_only:
            value = "".join(char if char.isascii() else quote(char, safe="") for char in value)
    return "{" + value + "}"


def _number(record: Record, kind: str, text: Callable[[str], str | None], biblatex: bool = False) -> str | None:
    """BibTeX's `number`: a journal's issue; in @inproceedings the number within a series.

    bibtex styles read a proceedings' `volume` and `number` as alternatives ("can't use both
    volume and number"), so there a volume wins over an issue (AAAI's v34i07; the issue goes to
    `issue`); biblatex takes both, and Zotero's reader takes `number` as a conference paper's
    issue. CSL's `number` (an arXiv id the list gave) is not a proceedings number.
    """
    if kind == "inproceedings":
        return text("issue") if biblatex or not record.get("volume") else None
    return text("issue") or (text("number") if kind != "misc" else None)


def _names(authors: list[Name], ascii_only: bool, label_safe: bool = False, others: bool = False) -> str | None:
    """BibTeX's name list; with `label_safe`, each family name short enough for plainnat's label;
    with `others`, ending in `and others` (a collaboration's list cut at record.MAX_NAMES).

    bibtex keeps at most 250 characters of an entry's label (`ent_str_size`), and plainnat's
    label is the first two family names: one cut there inside a macro (`\\textbr`) stops pdflatex.
    """
    names = []
    for person in authors:
        if "literal" in person or not person.get("given"):
            literal = person.get("literal") or person.get("family", "")
            if label_safe:
                literal = _label_safe(literal, lambda text: "{" + latex.escape(text, ascii_only) + "}")
            names.append("{" + latex.escape(literal, ascii_only) + "}")
            continue
        family = " ".join(p for p in (person.get("non-dropping-particle"), person["family"]) if p)
        if label_safe:
            family = _label_safe(family, lambda text: _name_part(text, ascii_only))
        parts = [family, person.get("suffix"), person["given"]]
        escaped = [_name_part(part, ascii_only) for part in parts if part]
        names.append(", ".join(escaped))
    return " and ".join(names + ["others"] * (others and bool(names))) or None


LABEL_NAME = 110  # two of them, " and " and "(2022": within bibtex's 250


def _label_safe(name: str, written: Callable[[str], str]) -> str:
    """`name`, or as much of it as can be written in LABEL_NAME characters, then "...".

    Only a name that is written that long with a macro or a brace in it is cut (40 x ` }{`, a
    braced organisation): plain letters cut by bibtex break nothing, and no real family name comes near.
    """
    text = written(name)
    if len(text) <= LABEL_NAME or not any(sign in text for sign in "\\{}"):
        return name
    low, high = 0, len(name)  # the longest prefix that fits, found by halves: escaping is not linear
    while low < high:
        middle = (low + high + 1) // 2
        if len(written(name[:middle].rstrip() + "...")) <= LABEL_NAME:
            low = middle
        else:
            high = middle - 1
    while 0 < low < len(name) and unicodedata.combining(name[low]):
        low -= 1  # not between a letter and its accent
    return name[:low].rstrip() + "..."


def _name_part(part: str, ascii_only: bool) -> str:
    """A name part; braced whole when a comma or ' and ' would split the name list."""
    escaped = latex.escape(part, ascii_only)
    # Tested on the escaped text, whose whitespace is collapsed: "x\nand y" is written "x and y".
    if "," in escaped or " and " in f" {escaped.lower()} ":
        return "{" + escaped + "}"
    return escaped


def _pages(page: str | None) -> str | None:
    if not page:
        return None
    return latex.escape(DASHES.sub("--", page))  # each run of dashes ("-", "---", "—", "–") one en dash
