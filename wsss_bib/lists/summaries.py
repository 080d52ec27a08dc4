"""`<details>` blocks whose summary is a paper's title: the summary is the entry's title, the
block's body its authors, venue and links (an abstract there is no paper's fact either way).

    <details><summary><b>Title</b> (CVPR 2021)</summary>

    Ann Lee, Bo Chen. [[paper]](https://arxiv.org/abs/…)
    </details>

A summary that only groups what the block holds ("<summary>CVPR</summary>", "<summary>Click to
see the 2023 papers</summary>") is no entry: its papers are read on their own.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .grammar import read_item, read_unit
from .items import detail_list, list_close
from .links import Rank, label_kind
from .reader import Context, Row, line_of
from .spans import DETAILS_CLOSE, Inline, inline
from .titles import names_only
from .venue_and_year import only_venue

# (a summary left unclosed on its line, "<details><summary>Title (2023) [<a …>Paper</a>]", ends with its block)
SUMMARY = re.compile(r"^\s*<details\b[^>]*>\s*<summary\b[^>]*>(.*?)(?:</summary\s*>(.*)|\s*$)",
                     re.IGNORECASE | re.DOTALL)


class SummaryReader:
    name = "heading"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "html_block" and tokens[i].level == 0 and bool(SUMMARY.match(tokens[i].content))

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        found = SUMMARY.match(tokens[i].content)
        assert found is not None  # accepts() saw it
        markdown = MarkdownIt("commonmark")
        summary = inline(markdown.parseInline(" ".join(found.group(1).split()))[0])
        title = read_item(summary)
        if len(title.title.split()) < 3 or only_venue(summary.text):
            return i + 1, []
        body, after, taken = _body(tokens, i, found.group(2) or "", markdown)
        facts = read_unit(summary, body)
        if facts.title != title.title:
            facts = title  # the body quotes its abstract or notes ("“MIAs are used …”"): the summary says it all
        if not facts.links.paper(best=Rank.PAPER_SITE):
            return i + 1, []
        context.consumed.update(taken)
        return after, [Row(line_of(tokens[i]), facts, self.name)]


def _body(tokens: list[Token], i: int, rest: str, markdown: MarkdownIt) -> tuple[Inline, int, list[int]]:
    """What the block says below its summary, up to its `</details>`: the rest of its first line,
    its short paragraphs and a list of its details. An abstract, notes in a list or code are the
    paper's too, and say none of its facts. Also where reading goes on and the items taken."""
    body = Inline()
    taken: list[int] = []
    rest = DETAILS_CLOSE.split(rest)[0]
    if rest.strip():
        body.extend(inline(markdown.parseInline(" ".join(rest.split()))[0]))
    if DETAILS_CLOSE.search(tokens[i].content):
        return body, i + 1, taken
    k = i + 1
    while k < len(tokens):
        token = tokens[k]
        if token.type == "html_block" and DETAILS_CLOSE.search(token.content):
            return body, k + 1, taken
        if token.type in ("bullet_list_open", "ordered_list_open"):
            end = list_close(tokens, k)
            if listed := detail_list(tokens, k):
                body.extend(listed[0])
                taken += listed[1]
            elif _papers_of_their_own(tokens, k, end):
                break  # a list of papers of their own: the block holds more than one paper
            k = end + 1  # else notes about the paper ("- Found RCE in 16 of 51 apps …"): its, never papers
            continue
        if token.type == "paragraph_open" and token.level == 0:
            paragraph = inline(tokens[k + 1])
            own = read_item(paragraph)
            if len(own.title.split()) >= 3 and own.links.paper(best=Rank.PAPER_SITE) and not names_only(own.title):
                return Inline(), i + 1, []  # "**Title** [[paper]](…)": a paper of its own, the block a group
            if len(paragraph.text.split()) <= ABSTRACT_WORDS and not QUOTED.match(paragraph.text):
                # a longer one, or one in quotes ("“…we demonstrate that …”"), is the abstract
                body.extend(paragraph)
            k += 3
            continue
        if token.type in ("fence", "code_block", "hr") \
                or token.type == "html_block" and "<details" not in token.content:
            k += 1  # code or a figure in the block
            continue
        break  # a heading, a table, another block: the block is over, its close left out
    return body, k, taken


QUOTED = re.compile(r"^\s*[\"“].*[\"”]\W*$", re.DOTALL)
ABSTRACT_WORDS = 40  # a paragraph longer than this under a summary is its abstract, no list of facts


def _papers_of_their_own(tokens: list[Token], start: int, end: int) -> bool:
    """Whether a list's items are papers of their own ("- [Title](https://arxiv.org/…)", "- Title
    [[paper]](…)"), not notes about the one above ("- Similar to [GCG](…), but …")."""
    for k in range(start, end):
        if tokens[k].type == "inline" and tokens[k - 1].type == "paragraph_open":
            facts = read_item(inline(tokens[k]))
            said = any(label_kind(link.label.strip(" []()`*_")) == "paper" for link in facts.links.all)
            # the paper link is the title's or said to be the paper's, not one named in a note's sentence
            if 3 <= len(facts.title.split()) <= 25 and facts.links.paper(best=Rank.PAPER_SITE) \
                    and (facts.links.ranked(Rank.TITLE) or said):
                return True
    return False
