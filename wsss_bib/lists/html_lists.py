"""Lists written in HTML (`<ul><li>…</li></ul>`), each item read as a markdown item is.

    <ul>
      <li><a href="https://arxiv.org/abs/…">Title</a>, ACL 2020</li>
      <li><b>Title</b>. Ann Lee. EMNLP 2019. <a href="…">[pdf]</a></li>
    </ul>

An item's HTML is read inline (links, bold, line breaks) by the shared grammar, and is an entry
when it says what a markdown item would.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .grammar import read_item
from .reader import Context, Row, line_of
from .spans import inline

LIST_OPEN = re.compile(r"<[uo]l\b", re.IGNORECASE)
# One item's HTML, up to the next item, the list's end or a nested list
ITEM = re.compile(r"<li\b[^>]*>(.*?)(?=<li\b|</li\s*>|</?[uo]l\b|$)", re.IGNORECASE | re.DOTALL)


class HtmlListReader:
    name = "item"

    def accepts(self, tokens: list[Token], i: int) -> bool:
        content = tokens[i].content
        # "<ul>" opening the list, or "<li>" going on with it after a blank line inside it
        listed = LIST_OPEN.search(content) is not None or content.lstrip().lower().startswith("<li")
        return tokens[i].type == "html_block" and listed and "<table" not in content.lower()

    def read(self, tokens: list[Token], i: int, context: Context) -> tuple[int, list[Row]]:
        block = tokens[i].content
        markdown = MarkdownIt("commonmark")
        items = []
        for found in ITEM.finditer(block):
            html = " ".join(found.group(1).split())
            if not html:
                continue
            # the HTML inline as markdown-it reads it, without markdown's own marks ("*", "_", "[") in it
            text = inline(markdown.parseInline(html)[0])
            items.append((line_of(tokens[i]) + block[: found.start()].count("\n"), read_item(text)))
        return i + 1, context.item_rows(items, self.name)
