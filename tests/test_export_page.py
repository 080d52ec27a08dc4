"""The two pages (output/README.md and output/index.html), read back by independent parsers:
markdown-it for the markdown as GitHub reads it, the standard library's HTML parser for the
page, bibtexparser and pybtex for each BibTeX block, and Zotero's COinS rules for the spans.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from html.parser import HTMLParser

import bibtexparser
import coins
import pytest
from conftest import DATA, ROOT
from exports import bibtex_both
from markdown_it import MarkdownIt

from wsss_bib.export import bibtex, get, render

OUTPUT = ROOT / "output"
HOSTILE = json.loads((DATA / "page" / "hostile.json").read_text(encoding="utf-8"))


def committed_records() -> list[dict]:
    return json.loads((OUTPUT / "wsss-zotero.json").read_text(encoding="utf-8"))


def bib_entries() -> dict[str, dict[str, str]]:
    """wsss.bib's entries as bibtexparser reads them: key -> {field: raw value}."""
    library = bibtexparser.parse_string((OUTPUT / "wsss.bib").read_text(encoding="utf-8"))
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in library.entries}


class Page(HTMLParser):
    """Per paper (li.paper): its id, links, BibTeX text and COinS; plus every tag and the section order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.papers: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, list[str]]] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "li" and attributes.get("class") == "paper":
            self.papers.append({"id": attributes["id"], "links": [], "bibtex": "", "coins": None, "ref": ""})
            self.headings[-1][1].append(attributes["id"])
        elif tag == "span" and attributes.get("class") == "Z3988":
            self.papers[-1]["coins"] = attributes["title"]
        elif tag in ("h2", "pre", "a") or (tag == "p" and attributes.get("class") == "ref"):
            self._in = "ref" if tag == "p" else tag
            self._text = []
            self._href = attributes.get("href")
        elif tag == "section":
            self.headings.append(("", []))

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        text = "".join(self._text)
        if self._in == "h2" and tag == "h2":
            self.headings[-1] = (text, self.headings[-1][1])
        elif self._in == "pre" and tag == "pre":
            self.papers[-1]["bibtex"] = text
        elif self._in == "ref" and tag == "p":
            self.papers[-1]["ref"] = text
        elif self._in == "a" and tag == "a" and self.papers and self.headings:
            self.papers[-1]["links"].append((text, self._href))
        else:
            return
        self._in = None


def parse_html(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def markdown_papers(text: str) -> tuple[list[tuple[str, list[str]]], dict[str, dict]]:
    """Sections (heading, paper ids) and per paper its links and BibTeX block, as markdown-it reads it."""
    tokens = MarkdownIt("commonmark").parse(text)  # raw HTML on, as GitHub renders it (then sanitises)
    sections: list[tuple[str, list[str]]] = []
    papers: dict[str, dict] = {}
    current: dict | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            sections.append(("".join(c.content for c in tokens[i + 1].children or [] if c.type == "text"), []))
        elif token.type == "inline" and (
                (anchor := re.match(r'<a id="([^"]+)"></a>', token.content))
                or current is not None and current["bibtex"] is None):  # the links' paragraph below it
            if anchor:
                current = papers[anchor.group(1)] = {"links": [], "bibtex": None, "html": [], "text": ""}
                if not sections:
                    sections.append(("", []))
                sections[-1][1].append(anchor.group(1))
            assert current is not None
            children = token.children or []
            for j, child in enumerate(children):
                if child.type == "link_open":
                    current["links"].append((children[j + 1].content, child.attrs["href"]))
                elif child.type == "html_inline":
                    current["html"].append(child.content)
                elif child.type == "text":
                    current["text"] += child.content
        elif token.type == "fence" and token.info == "bibtex" and current is not None:
            current["bibtex"] = token.content
        elif token.type == "html_block" and current is not None:
            current["html"].append(token.content.strip())
    return sections, papers


def expected_links(record: dict, bib: dict[str, str]) -> dict[str, str]:
    """DOI and arXiv links as wsss.bib gives them, and the code link as the record has it."""
    links = {}
    if "doi" in bib:
        links["DOI"] = "https://doi.org/" + bib["doi"]
    if "eprint" in bib:
        links["arXiv"] = "https://arxiv.org/abs/" + bib["eprint"]
    if record.get("custom", {}).get("code"):
        links["code"] = record["custom"]["code"]
    return links


def list_sections(records: list[dict]) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for record in records:
        heading = record["custom"].get("list-section", "")
        if not sections or sections[-1][0] != heading:
            sections.append((heading, []))
        sections[-1][1].append(record["id"])
    return sections


def test_both_pages_are_registered_formats():
    assert get("markdown").file == "README.md" and get("html").file == "index.html"
    assert get("markdown").page and get("html").page


def test_committed_html_page_has_every_paper_in_list_order_with_wsss_bib_entries_and_links():
    records = committed_records()
    entries = bib_entries()
    page = parse_html((OUTPUT / "index.html").read_text(encoding="utf-8"))
    assert [p["id"] for p in page.papers] == [r["id"] for r in records]
    assert len(page.papers) == len(records) == 50
    assert page.headings == list_sections(records)
    assert [h for h, _ in page.headings] == ["2022", "2021", "2020", "2019", "2018"]
    for paper, record in zip(page.papers, records):
        _, library = bibtex_both(paper["bibtex"])
        (entry,) = library.entries
        assert {f.key: f.value for f in entry.fields} == entries[record["id"]], record["id"]
        links = dict(paper["links"])
        assert links.items() >= expected_links(record, entries[record["id"]]).items(), record["id"]
        assert paper["ref"].strip(), record["id"]


def test_committed_markdown_page_has_every_paper_in_list_order_with_wsss_bib_entries_and_links():
    records = committed_records()
    entries = bib_entries()
    sections, papers = markdown_papers((OUTPUT / "README.md").read_text(encoding="utf-8"))
    assert sections == list_sections(records)
    assert list(papers) == [r["id"] for r in records] and len(papers) == 50
    for record in records:
        paper = papers[record["id"]]
        _, library = bibtex_both(paper["bibtex"])
        assert {f.key: f.value for f in library.entries[0].fields} == entries[record["id"]]
        assert dict(paper["links"]).items() >= expected_links(record, entries[record["id"]]).items()
        # The only raw HTML: the anchor and the collapsed <details> around the BibTeX block.
        assert paper["html"] == [f'<a id="{record["id"]}">', "</a>", "<details><summary>BibTeX</summary>",
                                 "</details>"], paper["html"]


def test_committed_coins_read_by_zoteros_rules_agree_with_csl_json():
    page = parse_html((OUTPUT / "index.html").read_text(encoding="utf-8"))
    for paper, record in zip(page.papers, committed_records()):
        assert coins.read(paper["coins"]) == coins.expected(record), record["id"]


def test_html_page_is_self_contained():
    text = (OUTPUT / "index.html").read_text(encoding="utf-8")
    page = parse_html(text)
    tags = [tag for tag, _ in page.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1
    assert not {"link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"} & set(tags)
    assert all("src" not in attributes for _, attributes in page.tags)
    assert "url(" not in text and "@import" not in text and "fetch(" not in text and "XMLHttpRequest" not in text
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'; script-src 'sha256-")


def test_hostile_text_is_inert_in_the_html_page():
    text = render("html", HOSTILE)
    page = parse_html(text)
    tags = [tag for tag, _ in page.tags]
    assert tags.count("script") == 1 and "img" not in tags and tags.count("style") == 1 and "b" not in tags
    assert "i" not in tags
    assert all(not k.startswith("on") for _, attributes in page.tags for k in attributes)
    evil = page.papers[0]
    assert "<script>window.pwned = 1</script>" in evil["ref"]  # shown as text
    assert "O'Neil\" onmouseover=\"window.pwned = 3" in " ".join(evil["ref"].split())  # pybtex ties with nbsp
    assert evil["bibtex"] == bibtex.entry(HOSTILE[0]).rstrip()
    hrefs = [href for _, href in evil["links"]]
    assert all(href.startswith("https://") for href in hrefs)  # javascript: code and URL links dropped
    assert page.headings[0][0] == "2024 <script>window.pwned = 7</script>"
    assert [(h, ids) for h, ids in page.headings] == list_sections(HOSTILE)


def test_hostile_text_is_inert_in_the_markdown_page():
    sections, papers = markdown_papers(render("markdown", HOSTILE))
    assert [ids for _, ids in sections] == [ids for _, ids in list_sections(HOSTILE)]
    assert sections[0][0] == "2024 <script>window.pwned = 7</script>"  # markdown-it decoded the entities: text
    for record in HOSTILE:
        paper = papers[record["id"]]
        assert paper["html"] == [f'<a id="{record["id"]}">', "</a>", "<details><summary>BibTeX</summary>",
                                 "</details>"]
        assert all(label in ("DOI", "arXiv", "paper", "code", "project") for label, _ in paper["links"])
        assert all(href.startswith("https://") for _, href in paper["links"])
        assert paper["bibtex"] == bibtex.entry(record)
    assert "<script>window.pwned = 1</script>" in papers["evil2024script"]["text"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_pages_are_deterministic_and_follow_ascii(fmt):
    records = committed_records()
    assert render(fmt, records) == render(fmt, json.loads(json.dumps(records)))
    ascii_page = render(fmt, HOSTILE[1:], ascii_only=True)
    entry = bibtex.entry(HOSTILE[1], ascii_only=True).rstrip()
    assert 'M{\\"u}ller' in entry and (html.escape(entry) if fmt == "html" else entry) in ascii_page
    assert "Zoë Müller" in ascii_page  # the reference is text from the record, not from the BibTeX


def test_check_covers_the_pages(run, data, tmp_path, overrides_copy):
    args = ["export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides_copy,
            "--out", tmp_path / "out", "--quiet"]
    assert run(*args).exit_code == 0
    assert run(*args, "--check").exit_code == 0
    page = tmp_path / "out" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<li ", "<li data-x ", 1), encoding="utf-8")
    result = run(*args, "--check")
    assert result.exit_code == 1 and "index.html: 1 line(s) to add" in result.stderr


def added_lines(old: str, new: str) -> list[list[str]]:
    """The hunks of a line diff, each the lines added; fails if any line was removed or changed."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    hunks = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag == "insert", (tag, old.splitlines()[a0:a1], new.splitlines()[b0:b1])
        hunks.append(new.splitlines()[b0:b1])
    return hunks


def test_adding_a_row_changes_only_that_rows_lines(run, tmp_path):
    """A paper added in the middle of the bundled list: both pages (and the lock) gain its lines and
    change no other line (no running number, no count, no trailing-space line break)."""
    listing = (ROOT / "wsss_bib" / "data" / "awesome-wsss.md").read_text(encoding="utf-8")
    anchor = "|Cross Language Image Matching for Weakly Supervised Semantic Segmentation |"
    row = ("| A Fictional Row Added Between Two Papers | CVPR | Box | [PDF](https://arxiv.org/abs/2101.00099) "
           "| [CODE](https://github.com/example/added) |\n")
    at = listing.index(anchor)
    (tmp_path / "before.md").write_text(listing, encoding="utf-8")
    (tmp_path / "after.md").write_text(listing[:at] + row + listing[at:], encoding="utf-8")
    for name in ("before", "after"):
        result = run("export", "--format", "all", "--list", tmp_path / f"{name}.md", "--name", "wsss",
                     "--overrides", ROOT / "overrides", "--out", tmp_path / name, "--offline", "-q")
        assert result.exit_code == 0, result.stderr
    for page, opening in (("README.md", '<a id="'), ("index.html", '<li class="paper" id="')):
        old, new = ((tmp_path / name / page).read_text(encoding="utf-8") for name in ("before", "after"))
        (hunk,) = added_lines(old, new)  # one block of lines, nothing else touched
        assert sum(line.startswith(opening) for line in hunk) == 1, hunk
        assert any("A Fictional Row Added Between Two Papers" in line for line in hunk)
        assert not any(line.endswith(" ") for line in new.splitlines()), page
    (hunk,) = added_lines(*((tmp_path / name / "wsss.lock.json").read_text(encoding="utf-8")
                            for name in ("before", "after")))
    assert any('"key": "fictional' in line for line in hunk)  # keyed by its title: no author known offline



FILTER_PROBE = """
import json, sys
from wsss_bib.export import html_page, page
venues = json.loads(sys.argv[1])
papers = [page.Paper({"id": v}, "", None, [], v, "", "") for v in venues]
print(json.dumps(html_page._filters(papers)))
"""


def test_html_filter_options_do_not_depend_on_hash_seed_or_input_order_when_values_differ_only_in_case():
    """Venues differing only in case ("ECCV", "Eccv", "eccv") come out in one order: a set's
    iteration order follows the string hash, so each run is a fresh interpreter with its own seed."""
    import subprocess
    import sys

    venues = ["eccv", "ECCV", "Eccv", "CVPR"]
    outputs = set()
    for seed, order in [(0, venues), (1, venues[::-1]), (2, venues), (3, venues[::-1]), (4, venues), (5, venues)]:
        done = subprocess.run([sys.executable, "-c", FILTER_PROBE, json.dumps(order)], capture_output=True,
                              text=True, check=True, env={"PYTHONHASHSEED": str(seed), "PATH": ""}, cwd=ROOT)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    lines = json.loads(outputs.pop())
    values = [re.search(r'value="([^"]*)"', line).group(1) for line in lines if line.startswith("<option")]
    assert values == ["", "CVPR", "ECCV", "Eccv", "eccv"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("records", [committed_records(), HOSTILE], ids=["committed", "hostile"])
def test_a_page_made_in_pieces_is_the_page_made_whole(fmt, records, monkeypatch):
    """The pages are written as they are made, a paper at a time (memory, issue 23): the pieces are
    the page built from its sections, whether both pages share the sections (a short list) or each
    builds every paper as it writes it (a list over SHARE_LIMIT). test_shipped_output holds the
    pages to the committed bytes."""
    from wsss_bib.export import page, pieces

    with page.shared_sections():
        whole = render(fmt, records)  # the sections built as a list, kept
        assert page.sections(records) is page.sections(records)
        assert render(fmt, records) == whole  # ... and used again
    made = pieces(fmt, records)
    assert not isinstance(made, str)
    parts = list(made)
    assert len(parts) > len(records) and "".join(parts) == whole
    monkeypatch.setattr(page, "SHARE_LIMIT", 0)
    with page.shared_sections():
        assert render(fmt, records) == whole  # each paper built as it is written
