"""Inline markdown flattened: a cell's or item's visible text, with where its links, bold and
italics are. Readers read markdown-it inline tokens through this (`inline`), so that the grammar
sees "**SLIP**:" as bold text and `[[Paper](…)]` as a link, whatever the shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it.token import Token


@dataclass
class LinkSpan:
    label: str
    href: str
    start: int
    end: int


@dataclass
class Inline:
    """A cell's or item's visible text, with where its links and emphasis are."""

    text: str = ""
    links: list[LinkSpan] = field(default_factory=list)
    strong: list[tuple[int, int]] = field(default_factory=list)
    em: list[tuple[int, int]] = field(default_factory=list)

    def extend(self, other: Inline, separator: str = " | ") -> None:
        offset = len(self.text) + (len(separator) if self.text else 0)
        self.text = self.text + separator + other.text if self.text else other.text
        if not self.text.strip():
            offset = 0
        self.links += [LinkSpan(s.label, s.href, s.start + offset, s.end + offset) for s in other.links]
        self.strong += [(a + offset, b + offset) for a, b in other.strong]
        self.em += [(a + offset, b + offset) for a, b in other.em]


BARE_URL = re.compile(r"https?://[^\s<>()\[\]|，。]+[^\s<>()\[\]|，。.,;:!?'\"]")
LINE_BREAK = "\x00\x00\x00"  # as long as its replacement, so no span moves
LINE_PARTS = " | "  # what a line break that starts the item's next part becomes
CONNECTORS = {"a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "via", "by", "from", "or", "at",
              "under", "over", "into", "using", "towards", "toward", "through", "without", "as", "is", "are"}


def _line_breaks(text: str) -> str:
    """A line break inside an item: the title going on ("… Covariate and / Label Shift", "… /
    for Adversarial …") or the next part (authors, venue) starting."""
    if LINE_BREAK not in text:
        return text

    def replace(found: re.Match[str]) -> str:
        before, after = str(found.group(1)), str(found.group(2))
        joined = before.lower() in CONNECTORS or after[:1].islower()
        return before + ("   " if joined else LINE_PARTS) + after
    return re.sub(r"(\w*)\x00\x00\x00(\S?)", replace, text)


# "arxiv.org/pdf/2402.00525.pdf", "www.example.org/paper": a web address written without its scheme, which
# markdown takes for a file of the repository; "paper.pdf", "docs/notes.md" stay relative
SCHEMELESS = re.compile(r"^(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|edu|io|ai|cc|gov|info|me|dev|app|ac\.[a-z]{2}"
                        r"|[a-z]{2})/\S*$", re.IGNORECASE)
FILE_SUFFIX = re.compile(r"^[^/]*\.(?:md|pdf|html?|txt|png|jpe?g|gif|svg|py|ipynb|bib|zip)(?:[/#?]|$)", re.IGNORECASE)


# An address wrapped by a typo: "[https://a", "(https://a)", "<https://a", "[https://a](https://b)", also
# percent-encoded as markdown leaves a bracket in an address ("%5Bhttps://a%5D(https://b)"). Read in steps,
# each anchored, so that no address makes the matching take longer than its length.
TYPO_OPENING = re.compile(r"(?:[\[<(]|%5B|%3C|%28)+(?=https?://|www\.)", re.IGNORECASE)
TYPO_PASTED = re.compile(r"[^\s\[\]()<>]*(?:\]|%5D)\((https?://[^\s()]+)\)(?:[\]>)]|%5D|%3E|%29)*", re.IGNORECASE)
TYPO_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s\[\]()<>]*", re.IGNORECASE)
TYPO_CLOSING = re.compile(r"(?:[\]>)]|%5D|%3E|%29)+", re.IGNORECASE)  # what may follow the address
CLOSERS = ("]", ">", ")", "%5D", "%3E", "%29", "%5d", "%3e")


def _meant(href: str) -> str | None:
    """The address a typo wrapped, or None if `href` is no such thing."""
    if not (opening := TYPO_OPENING.match(href)):
        return None
    rest = href[opening.end():]
    if pasted := TYPO_PASTED.fullmatch(rest):  # "[(paper)]([https://a](https://b))": the target is meant
        return pasted.group(1)
    address = TYPO_ADDRESS.match(rest)
    if address is None or address.end() < len(rest) and not TYPO_CLOSING.fullmatch(rest, address.end()):
        return None
    meant, end = address.group(0), address.end() - address.start()
    while meant.endswith(CLOSERS, 0, end):
        end -= 1 if meant[end - 1] in "]>)" else 3
    return meant[:end] or None


def with_scheme(href: str) -> str:
    """The link's address, with "https://" before a web address written without it, and without the
    bracket a typo left before it ("[[PDF]([https://arxiv.org/abs/…)]")."""
    bare = href.strip()
    if meant := _meant(bare):
        bare = href = meant
    if SCHEMELESS.match(bare) and not FILE_SUFFIX.match(bare):
        return "https://" + bare
    return href


EMOJI_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:")
DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\b", re.IGNORECASE)  # "</details" unclosed, as lists do write it
HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
HTML_BOLD_OPEN = re.compile(r"<(?:b|strong)\s*>", re.IGNORECASE)  # "<b>Title (2016)</b> [[Paper]](…)"
HTML_BOLD_CLOSE = re.compile(r"</(?:b|strong)\s*>", re.IGNORECASE)


FULL_WIDTH = str.maketrans("（）［］", "()[]")


def inline(token: Token | None) -> Inline:
    """The Inline of a markdown-it inline token (images and HTML tags dropped, <br> a separator)."""
    result = Inline()
    if token is None:
        return result
    built = _Spans(result)
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            built.add(child.content)
        elif kind == "code_inline":  # "```EMNLP 2019```": set apart as emphasis is, outside a link's label
            start = built.size
            built.add(child.content)
            if not built.open["link"]:
                result.em.append((start, built.size))
        elif kind in ("softbreak", "hardbreak"):
            # inside bold or a link's label ("<b>… for Semantic\nParsing of …</b>") the title goes on
            built.add("   " if built.open["strong"] or built.open["link"] else LINE_BREAK)
        elif kind == "html_inline":
            built.html(child.content)
        elif kind == "image" and (badge := badge_text(str(child.attrs.get("src", "")))):
            built.add(f" [{badge}] ")
        else:
            built.mark(kind, str(child.attrs.get("href", "")))
    # ":fire: :fire: Title": shortcodes become spaces of their length, so no span moves.
    result.text = EMOJI_SHORTCODE.sub(lambda m: " " * len(m.group(0)), _line_breaks("".join(built.parts)))
    # "Title （VLDB 2020）": full-width brackets, as lists typed with a CJK input method write them, are
    # brackets (NFKC's own reading); one character for one, so no span moves.
    result.text = result.text.translate(FULL_WIDTH)
    result.links = [LinkSpan(_line_breaks(s.label).translate(FULL_WIDTH), s.href, s.start, s.end)
                    for s in result.links]
    # A bare URL ("- Paper: https://arxiv.org/abs/…", a Code cell "https://github.com/…") is a link
    # too: CommonMark links only what is bracketed.
    for found in BARE_URL.finditer(result.text):
        if not any(s.start <= found.start() < s.end for s in result.links):
            result.links.append(LinkSpan(found.group(0), found.group(0), found.start(), found.end()))
    result.links.sort(key=lambda span: span.start)
    return result


# A static shields.io badge: "https://img.shields.io/badge/CVPR-2023-blue", "…/badge/arXiv-2101.00001-b31b1b.svg"
BADGE = re.compile(r"^https?://img\.shields\.io/badge/([^?#]+?)(?:\.svg|\.png)?(?:[?#].*)?$", re.IGNORECASE)


def badge_text(src: str) -> str:
    """What a static badge says ("CVPR 2023", "arXiv 2101.00001"): its label and message, read as
    text, as the list's reader sees them; "" for any other image (a logo, a star count)."""
    if not (found := BADGE.match(src.strip())):
        return ""
    parts = [part for part in re.split(r"(?<!-)-(?!-)", unquote(found.group(1))) if part]
    words = parts[:-1] if len(parts) >= 2 else parts  # the last part is the badge's colour
    return " ".join(part.replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_")
                    for part in words).strip()


# markdown-it's tokens that open and close a span: (the span's kind, whether it opens)
MARKS = {"link_open": ("link", True), "link_close": ("link", False), "strong_open": ("strong", True),
         "strong_close": ("strong", False), "em_open": ("em", True), "em_close": ("em", False)}


class _Spans:
    """The text of an inline token as it is built, and the links, bold and emphasis open in it."""

    def __init__(self, result: Inline) -> None:
        self.result = result
        self.parts: list[str] = []
        self.size = 0
        self.open: dict[str, list[tuple[int, str]]] = {"link": [], "strong": [], "em": []}
        self.hidden = 0  # inside an inline <details>: an abstract, none of the item's facts

    def add(self, text: str) -> None:
        if self.hidden:
            return
        self.parts.append(text)
        self.size += len(text)

    def mark(self, kind: str, href: str = "") -> None:
        if kind not in MARKS:
            return  # an image, a footnote reference: dropped
        span, opens = MARKS[kind]
        if opens:
            self.open[span].append((self.size, href))
            return
        if not self.open[span]:
            return
        start, opened_href = self.open[span].pop()
        if span == "link":
            label = "".join(self.parts)[start:self.size]
            self.result.links.append(LinkSpan(label, with_scheme(opened_href), start, self.size))
        else:
            (self.result.strong if span == "strong" else self.result.em).append((start, self.size))

    def html(self, tag: str) -> None:
        """An inline HTML tag: "<a href>" … "</a>" is a link, "<b>" … "</b>" (or <strong>) is bold,
        <br> a separator."""
        if DETAILS_OPEN.match(tag) or DETAILS_CLOSE.match(tag):
            self.hidden = max(self.hidden + (1 if DETAILS_OPEN.match(tag) else -1), 0)
        elif found := HTML_LINK.match(tag):
            self.mark("link_open", found.group(1))
        elif tag.lower().startswith("</a"):
            self.mark("link_close")
        elif HTML_BOLD_OPEN.match(tag):
            self.mark("strong_open")
        elif HTML_BOLD_CLOSE.match(tag):
            self.mark("strong_close")
        elif HTML_BREAK.match(tag):
            self.add(" | ")


def details_depth(token: Token, depth: int) -> int:
    """How deep inside `<details>` blocks the text after `token` is: an abstract or a figure there
    is never the paper's facts, even when a blank line inside makes it markdown paragraphs."""
    if token.type in ("html_block", "html_inline"):
        depth += len(DETAILS_OPEN.findall(token.content)) - len(DETAILS_CLOSE.findall(token.content))
    return max(depth, 0)
