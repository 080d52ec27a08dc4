"""Paragraph entries: one paper per top-level paragraph that opens with bold text or with a
linked title.

    **[4]** Lee, Ann, and Bo Chen. "**Title**." Venue (2012). [[pdf]](…) **(a note)** :star:
    [Title](…) (Ann Lee, TPAMI 1986)
    **Title** \\                 (or "[Title](…) <br>" alone on the first line)
    *Ann Lee, Bo Chen* \\
    ICLR 2023. [[Paper](…)] [[Github](…)] \\
    3 Mar 2023

The paragraph is the unit (its lines joined by a trailing backslash or a soft break are one
paper). It is an entry only when it says what an item would (a title and a paper link, a known
venue, or authors with a year); prose that merely opens with a bold word is no paper.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from .grammar import read_item, read_unit
from .items import detail_list
from .links import Rank, classify, label_kind
from .reader import Context, Row, line_of
from .spans import inline

# A paragraph whose first line is only a linked title, ended by <br>, a backslash or the line's end,
# with more lines below it; "[(Challenge Website)](…)", a label in brackets, is no title.
LINKED_FIRST_LINE = re.compile(r"^\[(?!\s*\()[^\[\]]{8,}\]\([^()\s]+\)\s*(?:<br\s*/?>|\\)?\s*\n\S")


class ParagraphReader:
    name = "paragraph"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        if tokens[i].type != "paragraph_open" or tokens[i].level != 0 or i + 1 >= len(tokens):
            return False
        if LINKED_FIRST_LINE.match(tokens[i + 1].content):
            return True  # "[Title](…) <br>" alone on its first line, the rest of the unit below it
        if _linked_title_alone(tokens[i + 1]):
            return True  # "[Title](https://arxiv.org/abs/…)" and nothing else: a paper, its summary below
        text = inline(tokens[i + 1])
        lead = len(text.text) - len(text.text.lstrip())
        opening = text.links[0].label.strip() if text.links and text.links[0].start <= lead else ""
        after = text.text[text.links[0].end:].lstrip(" *_") if opening else ""
        # "[Title](…) (Ann Lee, TPAMI 1986)": a linked title, then what an item says, not a sentence
        # going on ("[Our survey](…) has been accepted")
        if len(opening.split()) >= 2 and not opening.startswith(("(", "[")) and not label_kind(opening) \
                and after and not after[:1].islower():  # (a link alone is _linked_title_alone's)
            return True
        return any(a <= lead for a, _ in text.strong)  # opens with bold: "**[4]**", "**Title**"

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        paragraph = inline(tokens[i + 1])
        if _linked_title_alone(tokens[i + 1]):
            # the list right below it summarises the paper ("- Name: introduces a …"): its, not papers
            facts = read_item(paragraph)
            if (summary := detail_list(tokens, i + 3)) is not None:
                facts = read_unit(paragraph, summary[0])
                context.consumed.update(summary[1])
            if facts.evidence(context.venue, strict=True, section_year=context.year):
                return i + 3, [Row(line_of(tokens[i]), facts, self.name)]
            return i + 3, []
        facts = read_item(paragraph)
        if len(facts.title.split()) < 2 and not facts.labelled_paper() \
                or not facts.evidence(context.venue, strict=True, section_year=context.year):
            return i + 3, []
        # The title is set apart, in bold or quotes: "**Awesome-X** is a list of … [paper](…)" is prose.
        set_apart = [" ".join(paragraph.text[a:b].split()) for a, b in paragraph.strong] + \
            [" ".join(span.label.split()) for span in paragraph.links[:1]] + \
            [found.group(1) for found in re.finditer(r"[\"“]([^\"“”]+)[\"”]", paragraph.text)]
        if not any(facts.raw_title in " ".join(part.split()) for part in set_apart):
            return i + 3, []
        return i + 3, [Row(line_of(tokens[i]), facts, self.name)]


def _linked_title_alone(token: Token) -> bool:
    """A paragraph that is one link and nothing else, its label a title of two words or more
    ("[Made-Up World Models for Agents](https://arxiv.org/abs/…)"), to an archive's or a publisher's
    page: a PDF on a personal site says no more than its label does (a thesis, slides, notes)."""
    text = inline(token)
    if len(text.links) != 1 or text.text.strip(" *_") != text.links[0].label.strip(" *_"):
        return False
    label = text.links[0].label.strip(" *_[]")
    ranked = classify(text.links[0].href, label, "title")
    return len(label.split()) >= 2 and not label_kind(label) and ranked is not None \
        and ranked[0] <= Rank.PAPER_SITE and ranked[1].source not in ("pdf", "page")
