"""What no text of ours holds, whichever source or file it came from: the characters the one gate
(record.sanitised) removes from every text, and that the files read as trusted facts (overrides)
refuse. Kept apart from record.py so that the list reader, below the records, uses the same rule.
"""

from __future__ import annotations

import re

# What no text holds: C0 and C1 controls (NUL stops pdflatex, ESC acts on a terminal),
# the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: they reorder
# what a reader sees, and stop pdflatex), and lone surrogates (no character: they fail every write).
# Tab and newline stay: every writer knows what to do with them.
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Controls that separate words (CR, VT, FF, the information separators, NEL): a line break or space.
SEPARATORS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1f\x85]")
# A terminal's escape sequence (ESC [ 31 m: red) goes whole, not just its ESC.
TERMINAL_ESCAPE = re.compile("(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]")


def clean_text(text: str) -> str:
    """`text` without what no text holds (UNWANTED); word-separating controls become whitespace."""
    text = SEPARATORS.sub(lambda m: "\n" if m.group()[0] == "\r" else " ", text)
    return UNWANTED.sub("", TERMINAL_ESCAPE.sub("", text))


def text_problem(text: str) -> str | None:
    """Why `text` cannot be taken as it is (for files that are refused rather than cleaned), or None."""
    found = re.search("[\ud800-\udfff]|(?![\t\n\r])" + UNWANTED.pattern, text)
    if found is None:
        return None
    char = found.group()
    kind = ("a lone surrogate" if "\ud800" <= char <= "\udfff" else
            "the bidirectional control" if "\u202a" <= char <= "\u2069" else "the control character")
    return f"holds {kind} U+{ord(char):04X}, which no bibliography may hold"


__all__ = ["clean_text", "text_problem"]
