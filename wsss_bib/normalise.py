"""Text for comparison and for keys: the one home of folding, hyphen maps and title normalising.

Everything here is pure text in, text out; it imports nothing of the project, so every layer
(the list reader, the resolver, keys, overrides, the report) can use it.

Three title forms, from strictest to loosest, each with one job:
- `title_words` / `normalised_title`: ASCII-folded words split at spaces, hyphens, dashes, slashes
  and colons. Keys are built from these words, so this split must not change: it would move keys.
- `comparable_title`: `normalised_title` after `DASHES`, for matching a list's title against a
  source's, where one side writes "weakly‐supervised" (U+2010) and the other "weakly-supervised".
- `loose_title`: lower case with every run of non-[a-z0-9] as one space, the list reader's cheap
  duplicate-row test (accents are not folded: two rows of one list spell a title the same way).
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not fold to ASCII.
FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                      "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})
# Unicode hyphens that stand for the ASCII one, and the soft hyphen that stands for nothing: applied
# to service text as it is read, so "weakly‐supervised" stays two words in a record.
HYPHEN_CHARACTERS = {"\u2010": "-", "\u2011": "-", "\u00ad": ""}
HYPHENS = str.maketrans(HYPHEN_CHARACTERS)
# For comparison only, also the figure dash and the minus sign that writers put between words.
DASHES = str.maketrans({**HYPHEN_CHARACTERS, "\u2012": "-", "\u2212": "-"})
# Where a title splits into words (for keys and comparison).
WORD_BREAK = re.compile(r"[\s\-–—/:]+")


def ascii_fold(text: str) -> str:
    """'Dollár' -> 'dollar': lower case, ASCII letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD))
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def folded_words(title: str) -> list[str]:
    """The title's words, folded, in order (empty ones dropped)."""
    return [word for word in (ascii_fold(w) for w in WORD_BREAK.split(title)) if word]


def normalised_title(title: str) -> str:
    """A title for comparison: folded words, no punctuation, case or accents."""
    return " ".join(folded_words(title))


def comparable_title(title: str) -> str:
    """`normalised_title` with Unicode dashes read as hyphens (a list against a source)."""
    return normalised_title(title.translate(DASHES))


def loose_title(title: str) -> str:
    """Lower case, each run of anything but [a-z0-9] one space (rows of one list against each other)."""
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


__all__ = ["DASHES", "FOLD", "HYPHENS", "ascii_fold", "comparable_title", "folded_words", "loose_title",
           "normalised_title"]
