"""Headings: the sections that give rows their year and venue, and heading entries.

    ## 2021            a section: its rows are from 2021
    ### CVPR           a subsection: its rows keep 2021 and are CVPR papers
    **Arxiv**          a bold paragraph alone works as a label, below every heading
    #### [Title](url) CVPR'19     a heading entry: one paper, with the paragraphs below it

    ## 2024:           a section too, with or without its colon
    #### 12. Title     a numbered heading entry: its body (up to the next heading) holds the
                      authors ("**Authors**: …") and links; a <details> block there is an abstract

A heading is an entry when it says what an item would (a title and a paper link or venue),
when the paragraph right below it gives only the paper's venue and links, or when it is
numbered and its body links the paper or names its authors.
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.token import Token

from .. import venues
from .grammar import EVENT, Facts, read_item, read_unit
from .items import NOTE_FIELD, describes_parent, detail_list, list_close
from .links import Rank, label_kind
from .reader import Context, Row, Section, line_of
from .spans import Inline, details_depth, inline
from .titles import AUTHORS_LABEL, ORIGINAL_TITLE, clean_title, looks_like_authors
from .venue_and_year import YEAR4, only_venue, venue_year, year_of

YEAR_PARAGRAPH = re.compile(r"^\s*(#{1,6})\s*(?=(?:19|20)\d\d\b)")  # "##2022" is no heading in CommonMark
LABEL_LEVEL = 7
# "### 12. Title" (not "## 2021. Papers"), "##### • Title": an entry of the list, written as a heading
NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,4}\]|[•·▪►◦])\s+(?=\S)")  # "#### [250] Title" too


class HeadingReader:
    name = "heading"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        token = tokens[i]
        if token.type == "heading_open":
            return True
        if token.type != "paragraph_open" or token.level != 0:
            return False
        content = tokens[i + 1].content
        return bool(YEAR_PARAGRAPH.match(content)) or _is_bold(inline(tokens[i + 1]))

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        token, heading = tokens[i], inline(tokens[i + 1])
        if token.type == "paragraph_open":
            return i + 3, _read_paragraph(tokens, i, heading, context)
        level = int(token.tag[1])
        if numbered := NUMBERED.match(heading.text):
            heading.text = " " * numbered.end() + heading.text[numbered.end():]  # "### 12. Title": no span moves
        if _only_venue(heading):  # "### CVPR 2021", "#### 23rd June 2026": what follows is from then
            context.open_section(_section(level, heading))
            return i + 3, []
        facts = read_item(heading)
        if body := _body_entry(tokens, i, heading, facts, bool(numbered)):
            text, after, taken = body
            context.close_sections(level)
            context.consumed.update(taken)
            return after, [Row(line_of(token), _in_its_own_words(read_unit(heading, text), text), self.name)]
        details, after = _details(tokens, i + 3)
        entry = facts.evidence(strict=True) or bool(details.text) and _described_below(facts, details)
        if not entry and not details.text and len(facts.title.split()) >= 3 and facts.links.found \
                and _field_items(tokens, after):
            entry = True  # "### [Title](page)" over "- **Metrics:** …", "- **Datasets:** …": the fields say so
        if not entry and not details.text and (listed := _with_detail_list(tokens, i + 3, heading, context)):
            context.close_sections(level)
            return i + 3, [Row(line_of(token), listed, self.name)]
        if not entry:
            context.open_section(_section(level, heading))
            return i + 3, []
        context.close_sections(level)
        if details.text:
            facts = read_unit(heading, details)
        context.consumed.update(_field_items(tokens, after))
        return after, [Row(line_of(token), facts, self.name)]


def _read_paragraph(tokens: list[Token], i: int, heading: Inline, context: Context) -> list[Row]:
    """A paragraph that works as a heading: "##2022" (no heading in CommonMark), a bold title whose
    links follow as a list ("**Title**" then "- Paper: …"), or a bold label over the items below
    ("**Arxiv**")."""
    if found := YEAR_PARAGRAPH.match(tokens[i + 1].content):
        context.open_section(_section(len(found.group(1)), heading))
        return []
    if listed := _with_detail_list(tokens, i + 3, heading, context):
        return [Row(line_of(tokens[i]), listed, HeadingReader.name)]
    if _is_label(heading):
        context.open_section(_section(LABEL_LEVEL, heading))
    return []


def _prose(text: Inline) -> str:
    """The text without its links' labels."""
    prose = text.text
    for span in reversed(text.links):
        prose = prose[: span.start] + prose[span.end:]
    return prose


def _body_entry(tokens: list[Token], i: int, heading: Inline, facts: Facts,
                numbered: bool) -> tuple[Inline, int, list[int]] | None:
    """"### 12. Title" then authors, an abstract, a line of links: an entry if its body names the
    paper's authors or links the paper; the abstract is no part of it. Unnumbered, the body must
    say "Authors:" and link the paper, or be only a line of links. The body, where it ends, the
    items it took; None if the heading is no such entry."""
    if _title_words(facts.title) < 2 or not (body := _body(tokens, i + 3)):
        return None
    text = body[0]
    if _named_things(tokens, body[2]):
        return None
    below = read_item(text)
    said_authors = any(AUTHORS_LABEL.match(part) for part in text.text.split(" | "))
    # "### Title", an abstract in <details>, then "[📄 Paper](…) | [💻 Code](…)" and nothing else
    links_only = len(facts.title.split()) >= 3 and not facts.venue and len(_prose(text).split()) <= 8 \
        and not _titles_another(facts, text)
    paper = below.links.paper(best=Rank.PAPER_SITE)
    if _event(facts, below) and not said_authors:
        return None
    if numbered and (paper or below.authors or said_authors) \
            or (said_authors or links_only or _own_line(tokens, i + 3)) and paper \
            or said_authors and facts.links.paper(best=Rank.PAPER_SITE):  # "### [Title](arXiv)" over "Authors: …"
        return body
    return None


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul: words not set apart


def _title_words(title: str) -> int:
    """About how many words a title has, in a script that puts no spaces between them too."""
    return len(title.split()) + len(CJK.findall(title)) // 2


def _in_its_own_words(facts: Facts, body: Inline) -> Facts:
    """"### [基于…的金融文本情感分析](https://arxiv.org/…)" over "**原文**: Sentiment Analysis of …": a heading that
    translates the title, the body giving the paper's own; that one is its title."""
    if len(CJK.findall(facts.title)) < 4:  # "Prune4Web：面向Web Agent的…" is translated too
        return facts
    for part in body.text.split(" | "):
        if (found := ORIGINAL_TITLE.match(part)) and len(found.group(1).split()) >= 2:
            title = clean_title(" ".join(found.group(1).split()))
            return replace(facts, title=title, raw_title=found.group(1).strip())
    return facts


def _titles_another(facts: Facts, body: Inline) -> bool:
    """"#### Conditional Random Field" over "[An Introduction to Conditional Random Fields](…) (Ann Lee,
    2010)": the body links a title of its own, so the heading names its topic."""
    own = " ".join(re.sub(r"\W+", " ", facts.title.casefold()).split())
    for span in body.links:
        label = " ".join(re.sub(r"\W+", " ", span.label.casefold()).split())
        if len(label.split()) >= 3 and not label_kind(span.label.strip(" []()*_")) and label != own:
            return True
    return False


def _event(facts: Facts, below: Facts) -> bool:
    """"## CVPR2025 Workshop: …" over "[(Challenge Website)](…)", "[(Workshop Papers)](…)": a heading that
    names an event and links no paper of its own, its body naming no authors."""
    return EVENT.search(facts.title) is not None and not (below.authors or facts.links.paper())


def _own_line(tokens: list[Token], start: int) -> bool:
    """Whether the paragraph right under a heading is the heading's own line of venue or authors
    ("*CVPR 2021*", "Ann Lee, Bo Chen. ICML 2019."): then its body is the paper's, an abstract too."""
    if start + 1 >= len(tokens) or tokens[start].type != "paragraph_open" or tokens[start].level != 0:
        return False
    line = inline(tokens[start + 1])
    if line.links:
        return False
    text = line.text.strip(" *_|")
    return only_venue(text) and venue_year(text).venue is not None or describes_parent(line, line.text)


def _described_below(facts: Facts, details: Inline) -> bool:
    """Whether the paragraphs right below a heading describe its paper: a short line of venue and
    links, the heading's own authors in italics, or only its authors and venue ("Ann Lee, Bo Chen.
    CVPR 2023."); a sentence ("Summary: The … Benchmark, Bilic et al. [(arxiv)](…)") is about
    something else."""
    if len(facts.title.split()) < 3 or facts.venue:
        return False
    below = read_item(details)
    if _event(facts, below):
        return False
    prose = _prose(details)
    own_authors = any(looks_like_authors(details.text[a:b]) for a, b in details.em)
    people = describes_parent(details, prose)
    # "USENIX Security 2023" alone on its line: a known venue, whatever the grammar takes for a title there
    venue_line = only_venue(prose.strip(" *_|.")) and venue_year(prose.strip(" *_|.")).venue is not None
    return (len(prose.split()) <= 8 and (not below.authors or own_authors) or people) \
        and bool(below.links.paper(best=Rank.PAPER_SITE) or below.known_venue or venue_line)


def _section(level: int, heading: Inline) -> Section:
    text = " ".join(heading.text.split())
    found = venue_year(_venue_words(text))
    venue = found.name if found.venue and _only_venue(heading) else ""
    title = re.sub(r"^#+\s*", "", text).strip("*_ :")  # "##2022", a heading CommonMark does not see; "## 2024:"
    groups = bool(re.fullmatch(r"[#*_\s]*(?:19|20)\d\d[*_\s]*:[*_\s]*", text))  # "## 2024:"
    year = found.year if found.year else _any_year(text)
    # "2020 and before", "Before 2021", "2025-09-03", "23rd June 2026": a range or a day, not the papers' year
    exact = not (DAY.search(text) or YEAR_RANGE.search(text))
    # "# ICRA2021-paper-list": the list's own title says all of it is one venue's papers
    venue_list = bool(venue and found.year and LIST_WORDS.search(text))
    return Section(level, title, year, venue, groups, exact, venue_list)


# Years as a range: "2020 and before", "Before 2021", "Earlier", "2019-2021", "2015 – 2018"
YEAR_RANGE = re.compile(r"\b(?:before|after|earlier|older|prior|since|until)\b"
                        r"|(?:19|20)\d\d\s*[-–—~]\s*(?:19|20)\d\d\b", re.IGNORECASE)
# A day: "2025-09-03", "2025.09.03", "23rd June 2026", "June 23, 2026"
DAY = re.compile(r"(?:19|20)\d\d[-./]\d\d?[-./]\d\d?|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+(?:19|20)\d\d"
                 r"|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d")


def _any_year(text: str) -> int | None:
    """A year anywhere in a heading ("### 2018 MICCAI: …", "## Papers (2019)")."""
    found = re.search(YEAR4, text)
    return int(found.group(0)) if found else None


# "# ICRA2021-paper-list", "## CVPR 2023 Accepted Papers": a venue's papers, the words around it say so
# ("# CVPR2024-Papers-with-Code-Demo", "# CVPR 2024 论文和开源项目合集(Papers with Code)": words in another script too)
LIST_WORDS = re.compile(r"\b(?:accepted|awesome|papers?|lists?|with|code|collection|all|demos?|open[- ]?source|"
                        r"projects?)\b|[\u3000-\u9fff\uff00-\uffef]+|[()]", re.IGNORECASE)


def _venue_words(text: str) -> str:
    """The heading's words, without those that call it a list of papers when it names a year."""
    text = " ".join(text.split())
    if year_of(text) is None or not LIST_WORDS.search(text):
        return text
    return " ".join(LIST_WORDS.sub(" ", text.replace("-", " ")).split())


def _only_venue(heading: Inline) -> bool:
    """Whether the heading names only a venue and/or a year ("### CVPR", "## ICCV 2019"), maybe as a
    list of its papers ("# ICRA2021-paper-list")."""
    text = _venue_words(heading.text)
    name = venues.strip_year(text)
    if _a_field(name, heading.text):
        return False
    if venues.lookup(name) is not None or not name and year_of(heading.text) is not None:
        return True
    said = venue_year(heading.text)  # "#### 23rd June 2026": a date, the papers' below
    return said.year is not None and not said.name


def _a_field(name: str, heading: str) -> bool:
    """"## Machine Learning", "### Pattern Recognition", "## Neural Networks": a journal's name that is also a field's,
    written in plain words with no year, heads a topic; "### PR", "### Pattern Recognition 2021", "## Neurocomputing"
    name the journal."""
    words = name.strip(" *_:#").split()
    return len(words) >= 2 and year_of(heading) is None and all(word[:1].isupper() and word[1:].islower() or
                                                            word.islower() for word in words)


def _is_bold(paragraph: Inline) -> bool:
    """A paragraph that is one bold phrase and nothing else."""
    text = paragraph.text
    return bool(text.strip()) and not paragraph.links and any(
        a <= len(text) - len(text.lstrip()) and b >= len(text.rstrip()) for a, b in paragraph.strong)


def _is_label(paragraph: Inline) -> bool:
    """A short bold paragraph: a label above the items that follow ("**Arxiv**", "**Conference**")."""
    return _is_bold(paragraph) and len(paragraph.text.strip()) <= 60


def _named_things(tokens: list[Token], items: list[int]) -> bool:
    """Whether list items taken as details each name a thing of their own ("- **SpatialQA**, 2024. [[link]](…)",
    "- **K-EQA**, 2023. …"): datasets or models, not the details of the paper above."""
    named = [found for k in items if k + 2 < len(tokens) and tokens[k + 2].type == "inline"
             and (found := BOLD_NAME.match(tokens[k + 2].content))]
    return sum(not found.group(2).rstrip().endswith((":", "：")) and not found.group(3) for found in named) >= 2


# A bold opening, and a colon after it if any ("**Authors**: …" is a label, "**SpatialQA**, 2024" a name)
BOLD_NAME = re.compile(r"\s*(\*\*|__)(.+?)\1\s*([:：]?)")


def _with_detail_list(tokens: list[Token], start: int, heading: Inline, context: Context) -> Facts | None:
    """A title (a heading or bold line) whose paper link or venue is in the list right below it."""
    title = read_item(heading)
    if len(title.title.split()) < 3 or _only_venue(heading) or not (details := detail_list(tokens, start)):
        return None
    if _named_things(tokens, details[1]):
        return None
    facts = read_unit(heading, details[0])
    code = facts.links.first("code")
    said_code = code is not None and label_kind(code.label) == "code"  # "- Code: https://github.com/…"
    if facts.title != title.title or not (facts.links.paper(best=Rank.PAPER_SITE) or facts.known_venue or said_code):
        return None
    context.consumed.update(details[1])
    return facts


# "**Metrics:** …", "Datasets: …", "- **Comments:** Introduces **X**, …": a labelled field of a heading entry
FIELD_LABEL = re.compile(r"^[^\w\[]*[A-Za-z][\w&/ -]{0,30}?\s*[:：]")


def _field_items(tokens: list[Token], start: int) -> list[int]:
    """The items of the list right under a heading entry that are its labelled fields (metrics,
    datasets, comments): they describe the heading's paper and are never papers of their own,
    whatever they emphasise or mention."""
    if start >= len(tokens) or tokens[start].type not in ("bullet_list_open", "ordered_list_open"):
        return []
    level, found = tokens[start].level, []
    for k in range(start + 1, len(tokens)):
        token = tokens[k]
        if token.type in ("bullet_list_close", "ordered_list_close") and token.level == level:
            break
        if token.type == "list_item_open" and token.level == level + 1 and tokens[k + 1].type == "paragraph_open":
            text = tokens[k + 2].content
            label = FIELD_LABEL.match(text)
            # "- **SLIP**: "Title", ECCV 2022", "- Name: [Title](…)": a paper of its own, not a field
            titled = label is not None and re.match(r"\s*\**\s*[\"“\[]", text[label.end():])
            if label and len(label.group(0).split()) <= 3 and "](" not in label.group(0) and not titled:
                found.append(k)
    return found


# "**Abstract**: …", "TL;DR: …": the paper's summary, whose words (a quoted term, a venue it compares with)
# are not its title, venue or people
ABSTRACT_LABEL = re.compile(r"^\W*(?:abstract|summary|tl;\s?dr)\W*[:：]", re.IGNORECASE)


def _details(tokens: list[Token], start: int) -> tuple[Inline, int]:
    """The top-level paragraphs right below a heading, up to the next heading, list or table."""
    details = Inline()
    k = start
    while k < len(tokens) and tokens[k].type == "paragraph_open" and tokens[k].level == 0:
        paragraph = inline(tokens[k + 1])
        if _is_label(paragraph):
            break  # "**Arxiv**" opens a subsection, it does not describe the heading
        if not ABSTRACT_LABEL.match(paragraph.text):  # "**Abstract**: … classify them as "aligned", …": prose
            details.extend(paragraph)
        k += 3
    return details, k


def _body(tokens: list[Token], start: int) -> tuple[Inline, int, list[int]] | None:
    """What lies under a heading entry up to the next heading or table: its paragraphs and a list
    of its details ("- Paper: https://…"), past any `<details>` block (an abstract, a figure:
    never the paper's facts). Also where it ends, and the detail items it took."""
    body, taken, inside = Inline(), [], 0
    k = start
    while k < len(tokens) and (tokens[k].level == 0 or inside):
        token = tokens[k]
        inside = details_depth(token, inside)
        if token.type == "html_block" or inside and token.type != "heading_open":
            k += 1  # an abstract inside <details>, even as paragraphs and lists: skipped
            continue
        if token.type in ("bullet_list_open", "ordered_list_open") and (listed := detail_list(tokens, k)):
            body.extend(listed[0])
            taken += listed[1]
            k = list_close(tokens, k) + 1
            continue
        if token.type != "paragraph_open":
            break
        paragraph = inline(tokens[k + 1])
        if _is_label(paragraph):
            break
        k += 3
        if NOTE_FIELD.match(paragraph.text):
            # "**标签**: …", "**Summary**: …", "**核心贡献**:" and the list under it: notes, none of the paper's facts
            if k < len(tokens) and tokens[k].type in ("bullet_list_open", "ordered_list_open"):
                k = list_close(tokens, k) + 1
            continue
        if not ABSTRACT_LABEL.match(paragraph.text):
            body.extend(paragraph)
    return (body, k, taken) if body.text.strip() else None
