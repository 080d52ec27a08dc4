"""Service text to plain text: entities decoded, then markup (HTML, JATS, MathML) taken apart.

Crossref titles carry JATS/HTML tags (`<i>`, `<sub>`, Wiley's `<scp>` small caps), MathML,
and tags escaped once more (`&lt;i&gt;`), so entities are decoded *before* the markup is
parsed. Math is read as one word: its tokens are joined, and a space keeps it apart from a
word it touches ("Robust<math>H∞</math>Control" is "Robust H∞ Control"). Whitespace that
only lays out the XML (a line break and indentation around an inline element) is not a
space before closing punctuation or inside brackets. Unicode hyphens (U+2010, U+2011) are
the hyphen they stand for, so "weakly‐supervised" stays two words.
arXiv titles are TeX: read with pylatexenc.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from pylatexenc.latex2text import LatexNodes2Text

from ..characters import clean_text
from ..nesting import latex_to_text
from ..normalise import HYPHENS

MATH = frozenset({"math", "mml:math", "inline-formula", "disp-formula"})
TEX_MATH = frozenset({"tex-math"})
TIGHT_AFTER = set("-([{/‘“")  # no space after these
TIGHT_BEFORE = set("-)]},.;:!?/’”")  # nor before these
LAYOUT = "\x00"  # whitespace with a line break: layout, unless between two words


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.math_depth = 0
        self.tex: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in TEX_MATH:
            self.tex = []
        elif tag in MATH:
            if self.math_depth == 0:
                self.parts.append("\x01")  # math start: a word boundary unless punctuation touches it
            self.math_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in TEX_MATH and self.tex is not None:
            self.parts.append(tex_to_text("".join(self.tex)))
            self.tex = None
        elif tag in MATH and self.math_depth:
            self.math_depth -= 1
            if self.math_depth == 0:
                self.parts.append("\x01")

    def handle_data(self, data: str) -> None:
        if self.tex is not None:
            self.tex.append(data)
        elif self.math_depth:
            self.parts.append("".join(data.split()))
        else:
            self.parts.append(re.sub(r"\s*\n\s*", LAYOUT, data))


def markup_text(value: str) -> str:
    """Plain text of a service's title or name: no tags, no entities, single spaces."""
    # Cleaned (characters.clean_text) before anything else: a NUL would pass for LAYOUT below, and
    # what the gate removes later would leave two spaces where it stood.
    text = clean_text(html.unescape(value)).translate(HYPHENS)
    if "<" in text:
        parser = _Extractor()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    text = text.replace("\x01", LAYOUT)
    # Layout whitespace is a space only between two things that take one.
    pieces = re.split(f"[{LAYOUT}\\s]*{LAYOUT}[{LAYOUT}\\s]*", text)
    out = pieces[0]
    for piece in pieces[1:]:
        if out and piece and out[-1] not in TIGHT_AFTER and piece[0] not in TIGHT_BEFORE:
            out += " "
        out += piece
    return " ".join(out.split())


def tex_to_text(value: str) -> str:
    """TeX as text: `$\\omega$Test` is ωTest, `\\'e` é. Plain text is left as it is.

    nesting.TooDeep (a ValueError) for TeX nested deeper than nesting.MAX_TEX_DEPTH.
    """
    if not any(sign in value for sign in "\\$^_{}"):
        return " ".join(value.split())
    # A % in a title is a percent sign, not the start of a TeX comment.
    converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
    text = latex_to_text(converter.latex_to_text, value.replace("%", r"\%"))
    return " ".join(text.translate(HYPHENS).split())
