"""Bullet and numbered items: one paper per item, in any of the usual item grammars.

    * **SLIP**: "Title", ECCV, 2022 (*Berkeley*). [[Paper](…)][[Code](…)]
    - Title | **[CVPR' 20]** | [pdf](…) | [code](…)
    - [Title](url). Authors. (**ECCV**, 2018)
    1. **Title.** Venue 2020. [paper](…)   (authors on an indented line below)

One item is one unit: its own paragraphs (continuation lines included) and the nested items
that only describe it (authors, venue and year, links: "  - Ann Lee, Bo Chen. *ICML 2019*") are
read together as one paper. A nested item is a paper of its own only when it says so (a linked
title, a title with its own venue); an item that names no paper (a table of contents, a tool, a
news line) is skipped and counted.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import venues
from ..normalise import normalised_title
from .grammar import NEWS_PREFIX, Facts, read_item, read_unit, title_after_authors
from .links import label_kind, usable
from .reader import Context, Row, line_of
from .spans import CONNECTORS, LINE_PARTS, Inline, details_depth, inline
from .titles import is_name_list, looks_like_authors, names_only
from .venue_and_year import only_venue, venue_year

EQUAL_CONTRIBUTION = re.compile(r"[*†‡§]")  # "Biagio Brattoli*, Uta Büchler*": marks after names
# "  - Task: Motion Prediction", "  - 🔑 Key: [benchmark]", "  - Datasets: [nuScenes](…)": a labelled note on the
# paper above, whose words are no venue, year or people of it ("Comments: Accepted at ICML 2024" says its venue)
NOTE_FIELD = re.compile(r"^\W*(?:tasks?|keywords?|keys?|datasets?|env(?:ironments?)?|summary|tl;?\s?dr|metrics?|"
                        r"institutions?|affiliations?|highlights?|contributions?|benchmarks?|"
                        r"simulators?|abstract|标签|关键词|摘要|中文概述|概述|核心贡献|贡献|方法|结论|动机)\s*[:：]",
                        re.IGNORECASE)  # (the same in Chinese: tags, keywords, abstract, summary, contributions, …)


class ItemReader:
    name = "item"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "list_item_open"

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        item = tokens[i]
        text, nested = _own_text(tokens, i)
        if not text.text.strip():
            return i + 1, []
        if glued := _glued_items(tokens, i):
            # "73. **Title**" then "74.[arXiv 2021] **Title**": a number with no space after it makes no item in
            # markdown, only a line of the item above; it is an item of the list all the same
            return i + 1, context.item_rows([(line, read_item(part)) for line, part in glued], self.name)
        if cited := _cited(tokens, i):
            # "- A tool for … <details><summary>Paper</summary> Lee, Ann. “Title.” Journal, 2021. …": the
            # papers the block cites are the item's entries, the tool's description none
            return i + 1, context.item_rows(cited, self.name)
        facts = read_item(text)
        described = facts.authors or facts.venue or facts.year
        if nested is None and not described and (sibling := _describing_sibling(tokens, i)):
            # "-  Title." then "  - Ann Lee, Bo Chen. *CVPR 2022*" indented too little to nest: the
            # item after it still only describes it
            merged = read_unit(text, sibling[0])
            if merged.title == facts.title and merged.evidence(context.venue, section_year=context.year):
                context.consumed.add(sibling[1])
                return i + 1, [Row(line_of(item), merged, self.name)]
        if nested is not None and (below := _one_citation_below(tokens, nested, facts)):
            # "- Grid LSTM [[Paper](…)]" over "  - Ann Lee, Bo Chen, *Grid Long Short-Term Memory*, arXiv:…":
            # the model's (or the lab's) name and its paper's link, the paper cited below
            merged = read_unit(below[0], text)
            if merged.title == below[2].title and merged.evidence(context.venue, section_year=context.year):
                context.consumed.add(below[1])
                return i + 1, [Row(line_of(item), merged, self.name)]
        titled = _titled(text, facts)
        if nested is not None and (details := detail_list(tokens, nested, titled)):
            # "- **Title**" with its venue, authors or links in sub-items ("  - Paper: https://…")
            merged = read_unit(text, details[0])
            if merged.evidence(context.venue, section_year=context.year) and merged.title == facts.title:
                context.consumed.update(details[1])
                return i + 1, [Row(line_of(item), merged, self.name)]
        if not facts.evidence(context.venue, section_year=context.year):
            context.skipped_items.append(line_of(item))
            if not context.resources:
                context.unread.append((Row(line_of(item), facts, self.name), context.year, context.venue,
                                       context.section_path))
            return i + 1, []  # nested items are read on their own
        context.consumed.update(_abstract_items(tokens, i))
        return i + 1, [Row(line_of(item), facts, self.name)]


# "74.[arXiv 2021] Title", "5 [Arxiv 2022]**Title**": an ordered item's number glued to what follows it
GLUED_NUMBER = re.compile(r"\d{1,3}(?:\.(?=[^\s\d.])|\.?\s+(?=[\[【(*]))")


def _glued_items(tokens: list[Token], i: int) -> list[tuple[int, Inline]] | None:
    """The lines of an ordered item's paragraph, split where a line opens with a number glued to a
    bracket or emphasis, each with its line (the number made spaces); None if no line does."""
    item = tokens[i]
    if item.markup not in (".", ")") or i + 2 >= len(tokens) or tokens[i + 1].type != "paragraph_open":
        return None
    paragraph, first = tokens[i + 2], line_of(tokens[i + 1])
    children = list(paragraph.children or [])  # a copy: the numbers made spaces are this reading's
    parts: list[list[Token]] = [[]]
    lines, breaks = [first], 0
    for k, child in enumerate(children):
        if child.type == "softbreak":
            breaks += 1
            after = children[k + 1] if k + 1 < len(children) else None
            if after is not None and after.type == "text" and (found := GLUED_NUMBER.match(after.content)):
                parts.append([])
                lines.append(first + breaks)
                children[k + 1] = Token("text", "", 0, content=" " * found.end() + after.content[found.end():])
                continue
        parts[-1].append(children[k])
    if len(parts) < 2:
        return None
    return [(line, inline(Token("inline", "", 0, children=part))) for line, part in zip(lines, parts)]


def _abstract_items(tokens: list[Token], i: int) -> list[int]:
    """The items nested in a `<details>` block of the paper at item i: its abstract or notes, written
    as a list ("<details><summary>Abstract</summary> - This paper proposes …"), never papers."""
    level, inside, found = tokens[i].level, 0, []
    for k in range(i + 1, len(tokens)):
        token = tokens[k]
        if token.type == "list_item_close" and token.level == level:
            break
        inside = details_depth(token, inside)
        if inside and token.type == "list_item_open":
            found.append(k)
    return found


def _describing_sibling(tokens: list[Token], i: int) -> tuple[Inline, int] | None:
    """The next item of the same list, if all it says is the authors (and venue) of item i."""
    level = tokens[i].level
    close = next((k for k in range(i + 1, len(tokens)) if tokens[k].type == "list_item_close"
                  and tokens[k].level == level), None)
    if close is None or close + 1 >= len(tokens) or tokens[close + 1].type != "list_item_open":
        return None
    text, nested = _own_text(tokens, close + 1)
    prose = text.text
    for span in reversed(text.links):
        prose = prose[: span.start] + prose[span.end:]
    if nested is not None or not describes_parent(text, prose) or read_item(text).year is None:
        return None  # "Ann Lee, Bo Chen. *CVPR 2022*": names alone could be the next title
    return text, close + 1


# An inline <details> whose summary says it holds the item's paper: one citation a line below it
CITING_DETAILS = re.compile(r"<details\b[^>]*>\s*<summary\b[^>]*>\s*(?:papers?|references?|citations?)\s*:?\s*"
                            r"</summary\s*>([^<]*(?:<(?!/details)[^<]*)*)", re.IGNORECASE)


def list_close(tokens: list[Token], start: int) -> int:
    """The index of the token that closes the list opened at tokens[start]."""
    opened = tokens[start]
    close = opened.type.replace("_open", "_close")
    closes = (j for j in range(start + 1, len(tokens)) if tokens[j].type == close and tokens[j].level == opened.level)
    return next(closes, len(tokens) - 1)


def _cited(tokens: list[Token], i: int) -> list[tuple[int, Facts]]:
    """The papers an item's "<details><summary>Paper</summary>" block cites, each with its line (the
    block may open at the end of the item's paragraph and go on as HTML of its own)."""
    item, lines, numbers = tokens[i], [], []
    for k in range(i + 1, len(tokens)):
        token = tokens[k]
        if token.type == "list_item_close" and token.level == item.level:
            break
        if token.type in ("inline", "html_block") and token.map and "<" in token.content:
            for offset, line in enumerate(token.content.split("\n")):
                lines.append(line)
                numbers.append(token.map[0] + offset + 1)
    if not lines or not any("<summary" in line.lower() for line in lines):
        return []
    text, found, markdown = "\n".join(lines), [], MarkdownIt("commonmark")
    for block in CITING_DETAILS.finditer(text):
        first = text.count("\n", 0, block.start(1))
        for offset, line in enumerate(block.group(1).split("\n")):
            if len(line.split()) >= 4:
                found.append((numbers[first + offset], read_item(inline(markdown.parseInline(line.strip())[0]))))
    return found


def _one_citation_below(tokens: list[Token], start: int, named: Facts) -> tuple[Inline, int, Facts] | None:
    """The one item of the list at tokens[start] (its text, token and facts), if it cites a paper people
    first with its title set apart ("Ann Lee, Bo Chen, *Title*, ICML 2015") and no other paper link than
    the item above's, which only names it (a few words and links: "Grid LSTM [[Paper](…)]")."""
    if named.authors or named.year or named.venue or len(named.title.split()) > 5 or named.title_set_apart:
        return None
    close = list_close(tokens, start)
    items = [k for k in range(start + 1, close) if tokens[k].type == "list_item_open"]
    if len(items) != 1:
        return None
    text, nested = _own_text(tokens, items[0])
    cited = read_item(text)
    own = cited.links.paper()
    if nested is not None or not (cited.people_first and cited.title_set_apart) or len(cited.title.split()) < 2 \
            or venue_year(cited.title).venue is not None \
            or own is not None and own.url not in {link.url for link in named.links.all}:
        return None
    return text, items[0], cited


def _own_text(tokens: list[Token], i: int) -> tuple[Inline, int | None]:
    """The item's own paragraphs, and where its first nested list starts (if it has one)."""
    item, text, nested, inside = tokens[i], Inline(), None, 0
    for k in range(i + 1, len(tokens)):
        token = tokens[k]
        if token.type == "list_item_close" and token.level == item.level:
            break
        inside = details_depth(token, inside)
        if token.type == "paragraph_open" and token.level == item.level + 1 and not inside:
            text.extend(inline(tokens[k + 1]))
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == item.level + 1 \
                and nested is None:
            nested = k
    return text, nested


def detail_list(tokens: list[Token], start: int, titled: bool = False) -> tuple[Inline, list[int]] | None:
    """The items of the list at tokens[start] joined, if every one is a detail of something above
    it (a label and a link, authors, a venue: no paper of its own), with their token indices.
    `titled`: the paper above has its title set apart and a year or paper link, so a sub-item of
    its people and italic words ("S. Lee et al. *Made-Up Energy Letters.*") names its venue."""
    if start >= len(tokens) or tokens[start].type not in ("bullet_list_open", "ordered_list_open"):
        return None
    level, joined, items = tokens[start].level, Inline(), []
    for k in range(start + 1, len(tokens)):
        token = tokens[k]
        if token.type in ("bullet_list_close", "ordered_list_close") and token.level == level:
            break
        if token.type == "list_item_open" and token.level == level + 1:
            text, _ = _own_text(tokens, k)
            prose = text.text
            for span in reversed(text.links):
                prose = prose[: span.start] + prose[span.end:]
            describes = describes_parent(text, prose) or _points_to_parent(text, prose) \
                or titled and (_venue_after_people(text) or not _names_a_paper(text))
            if not describes and read_item(text).evidence():
                if titled:
                    continue  # a paper of its own under a paper ("- [Its Extension](…), ICML 2022"): read on its own
                return None  # a paper of its own: the item above groups papers
            if text.links and not any(usable(span.href) for span in text.links):
                return None  # "- [NeurIPS](#nips)": a table of contents, not a paper's details
            if NEWS_PREFIX.match(text.text):
                return None  # "- [07/07/2023] The survey is out: [Title](…)": news under the list's title
            if (describes or len(prose.split()) <= 12) and not NOTE_FIELD.match(text.text):
                joined.extend(text)
            # else a sentence about the paper above ("This work proposes …"): its, but no facts
            items.append(k)
            if titled:  # "  - Summary:" over "    - Introduced a novel approach … [MTR](…)": notes, no papers
                items += [j for j in _nested_items(tokens, k) if not _names_a_paper(_own_text(tokens, j)[0])]
    return (joined, items) if items else None


def _nested_items(tokens: list[Token], i: int) -> list[int]:
    """The items nested at any depth in the item at tokens[i]."""
    level, found = tokens[i].level, []
    for k in range(i + 1, len(tokens)):
        if tokens[k].type == "list_item_close" and tokens[k].level == level:
            break
        if tokens[k].type == "list_item_open":
            found.append(k)
    return found


def _titled(text: Inline, facts: Facts) -> bool:
    """Whether an item is a paper on its own: a title set apart (in bold, a link's label, or alone on the
    item's first line, its links on the lines below) and a year or a link to the paper."""
    if not facts.title:
        return False
    first_line = text.text.split(LINE_PARTS, 1)[0]
    alone = LINE_PARTS in text.text and normalised_title(first_line) == normalised_title(facts.title)
    return (facts.title_set_apart or alone) and bool(facts.year or facts.links.paper())


def _names_a_paper(text: Inline) -> bool:
    """Whether a sub-item names a paper of its own: a linked title ("- [Title](…)", "- Lee, A.,
    [Title](…)"). Under a paper, a sub-item with no linked title of its own only describes it (its
    authors, venue, year or a note), however its names are spelt."""
    if _opens_with_title_link(text):
        return True
    found = title_after_authors(text)
    if found is None:
        return False
    (a, b), _ = found
    return any(span.start < b and a < span.end for span in text.links)  # the title is (in) a link


def describes_parent(text: Inline, prose: str) -> bool:
    """Whether a sub-item only describes the paper above it: its authors ("Ann Lee, Bo Chen, and
    Cy Diaz"), maybe followed by a venue and year ("ICLR, 2022.", "*ICML 2019*") and links. A
    sub-item whose title is linked is a paper of its own."""
    if _opens_with_title_link(text) or title_after_authors(text):
        return False  # "- [Title](…)", "- Lee, A., *[Title](…)*", not "- [[pdf]](…) Ann Lee, Bo Chen"
    prose = " ".join(EQUAL_CONTRIBUTION.sub("", prose).split()).strip(" .,;|")
    if _only_names(prose):
        return True
    for cut in re.finditer(r"([.,;|])?\s+", prose):  # one person only before a stop: "Ann Lee. CVPR 2018"
        head, tail = prose[: cut.start()].strip(" .,;|"), prose[cut.end():]
        said = venue_year(tail)
        if not cut.group(1) and not _venue_alone(tail):
            continue  # "Relax and Let the Database Do … (BIRTE 2011)": capitalised words joined by "and" are no people
        if (stop := re.search(r"[A-Za-z][a-z]\.\s", head)) and _only_names(head[:stop.end() - 2]):
            break  # "Ann Lee, Bo Chen. **Made-Up Title**. AAAI 2020": the people ended at the stop, a title follows
        first, _, more = tail.partition(". ")
        if more.strip() and len(first.split()) >= 2 and not only_venue(first.strip(" *_")):
            continue  # "Ann Lee, Bo Chen. Made-Up Title. AAAI 2020": a title between the people and the venue
        if len(tail.split()) <= 8 and (said.year or said.venue) and _only_names(head, alone=bool(cut.group(1))):
            return True
    return False


def _venue_after_people(text: Inline) -> bool:
    """"S. Lee et al. *Made-Up Energy Letters.*": people, then italic words that end the sub-item
    and link nothing; under a paper whose title is set apart, the italics are where it appeared."""
    if text.links or not text.em:
        return False
    a, b = max(text.em)
    people = text.text[:a].strip(" .,;*_")
    return not text.text[b:].strip(" .,;*_") and len(text.text[a:b].split()) <= 8 \
        and bool(people) and (looks_like_authors(people) or names_only(people))


def _points_to_parent(text: Inline, prose: str) -> bool:
    """"- Paper available [here](https://arxiv.org/abs/…)", "- Code: https://…": a few words and a
    link that does not open the sub-item as its title: where the paper above is, not a paper."""
    return bool(text.links) and len(prose.split()) <= 4 and not _opens_with_title_link(text)


def _opens_with_title_link(text: Inline) -> bool:
    first = text.links[0] if text.links else None
    return first is not None and first.start <= len(text.text) - len(text.text.lstrip(" *_[")) + 1 \
        and not label_kind(first.label.strip(" []()`*_"))


def _only_names(text: str, alone: bool = False) -> bool:
    """"Ann Lee, Bo Chen, and Cy Diaz", "Doe, Jane et al.", "Jae Yoon; Ty Shir": a list of people
    and nothing else; one person ("Philipp Krähenbühl") only when `alone` allows it."""
    text = text.strip(" .,;").replace(";", ",")
    # Names as a PDF's text layer gives them ("Jovanovi´c", "Li` o") or run together ("Robert.C.Qiu")
    text = re.sub(r"(?<=\w)[´`ˇ¨˜]\s?(?=\w)", "", text)
    text = re.sub(r"(?<=[A-Za-z]\.)(?=[A-Z])", " ", text)
    # "Pinaki nath Chowdhury": a lower-case word between two capitalised ones is a name's part
    text = re.sub(r"(?<=\w )(?!and )([a-z]{2,})(?= [A-Z])", lambda found: found.group(1) if found.group(1)
                  in CONNECTORS else found.group(1).capitalize(), text)
    bare = re.sub(r",?\s*\bet\.? al\.?$", "", text)
    several = bare != text or bool(re.search(r",|\band\b|&", bare))
    return (several or alone and 2 <= len(bare.split()) <= 3) and is_name_list(bare)


def _venue_alone(tail: str) -> bool:
    """Whether the words after people that no stop parts from them end in a venue and its year alone, after
    a stop or none ("Ann Lee, Bo Chen CVPR 2018", "Ann Lee and Made-Up University and Bo Chen. *CVPR 2018*"),
    not the rest of a title ("… for Zero-Shot Work (VLDB 2024)"): a short name, capitalised."""
    last = re.split(r"[.;|]\s+", tail.strip())[-1]
    said = venue_year(last)
    name = venues.strip_year(re.sub(r"[*_`()\[\]]", " ", last))
    return said.venue is not None and only_venue(last) or bool(said.year) and bool(name) \
        and name[0].isupper() and len(name.split()) <= 3
