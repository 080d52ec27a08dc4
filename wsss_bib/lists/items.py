"""Bullet and numbered items: one paper per item, in any of the usual item grammars.

    * **SLIP**: "Title", ECCV, 2022 (*Berkeley*). [[Paper](…)][[Code](…)]
    - Title | **[CVPR' 20]** | [pdf](…) | [code](…)
    - [Title](url). Authors. (**ECCV**, 2018)
    1. **Title.** Venue 2020. [paper](…)   (authors on an indented line below)

An item's own paragraphs make one paper; its nested items are read as papers of their own.
An item that names no paper (a table of contents, a tool, a news line) is skipped and counted.
"""

from __future__ import annotations

from markdown_it.token import Token

from . import grammar
from .grammar import Inline
from .reader import Context, Row, line_of


class ItemReader:
    name = "item"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        return tokens[i].type == "list_item_open"

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        item = tokens[i]
        text = Inline()
        for k in range(i + 1, len(tokens)):
            token = tokens[k]
            if token.type == "list_item_close" and token.level == item.level:
                break
            if token.type == "paragraph_open" and token.level == item.level + 1:
                text.extend(grammar.inline(tokens[k + 1]))
        if not text.text.strip():
            return i + 1, []
        facts = grammar.read_item(text)
        if not facts.evidence(context.venue):
            context.skipped_items.append(line_of(item))
            return i + 1, []  # nested items are read on their own
        return i + 1, [Row(line_of(item), facts, self.name)]
