"""Citation keys: first author + year + first significant title word, e.g. `du2022weakly`.

Keys are readable, stable and unique. A collision is settled by each paper's own title
(more title words, then a short hash), never by row order; keys that are pinned (by an
override's file name or by the lock file) are kept as they are, so adding or reordering
rows never changes a key that was already given out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .record import Record, first_author_family, year

STOPWORDS = frozenset(
    "a an the on of for in to with and via by from at is not vs using towards toward into".split()
)
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+-]*$")
# Letters that NFKD does not fold to ASCII.
FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                      "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})


def ascii_fold(text: str) -> str:
    """'Dollár' -> 'dollar': lower case, ASCII letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD))
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def normalised_title(title: str) -> str:
    """A title for comparison: folded words, no punctuation, case or accents."""
    return " ".join(word for word in (ascii_fold(w) for w in re.split(r"[\s\-–—/:]+", title)) if word)


def title_words(title: str) -> list[str]:
    """The title's significant words, folded, in order."""
    words = (ascii_fold(word) for word in re.split(r"[\s\-–—/:]+", title))
    return [word for word in words if word and word not in STOPWORDS]


def assign_keys(records: list[Record], pinned: dict[int, str]) -> list[str]:
    """A unique key for each record; `pinned` maps record positions to keys to keep."""
    keys: list[str | None] = [pinned.get(i) for i in range(len(records))]
    taken = {key for key in keys if key}
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        if keys[i] is None:
            groups.setdefault(_base(record), []).append(i)
    for base, members in sorted(groups.items()):
        if len(members) == 1 and base not in taken:
            keys[members[0]] = base
            continue
        for i in members:
            keys[i] = _disambiguated(records, i, members, taken)
        taken.update(keys[i] for i in members)
    return [key for key in keys if key]


def _base(record: Record) -> str:
    author = ascii_fold(first_author_family(record) or "") or "anon"
    words = title_words(record.get("title", "")) or ["untitled"]
    return f"{author}{year(record) or 'nd'}{words[0]}"


def _disambiguated(records: list[Record], i: int, members: list[int], taken: set[str]) -> str:
    """The shortest longer key, from the record's own title, that no other member shares."""
    def candidate(j: int, length: int) -> str:
        return _base(records[j]) + "".join(title_words(records[j].get("title", ""))[1:length])

    words = title_words(records[i].get("title", ""))
    for length in range(2, len(words) + 1):
        key = candidate(i, length)
        if key not in taken and all(candidate(j, length) != key for j in members if j != i):
            return key
    identity = "|".join(str(records[i].get(f, "")) for f in ("title", "container-title", "DOI", "URL"))
    return f"{_base(records[i])}-{hashlib.sha1(identity.encode()).hexdigest()[:4]}"
