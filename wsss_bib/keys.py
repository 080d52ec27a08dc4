"""Citation keys: first author + year + first significant title word, e.g. `du2022weakly`.

Keys are readable, stable and unique. A collision is settled by each paper's own title
(more title words, then a short hash), never by row order; keys that are pinned (by an
override's file name or by the lock file) are kept as they are, so adding or reordering
rows never changes a key that was already given out.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

# ascii_fold and normalised_title live in normalise.py; named here too for the modules that
# still import them from keys (resolve/arxiv.py, add.py).
from .normalise import ascii_fold as ascii_fold
from .normalise import folded_words
from .normalise import normalised_title as normalised_title
from .record import Record, custom_of, first_author_family, year

STOPWORDS = frozenset(
    "a an the on of for in to with and via by from at is not vs using towards toward into".split()
)
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+-]*$")


def title_words(title: str) -> list[str]:
    """The title's significant words, folded, in order."""
    return [word for word in folded_words(title) if word not in STOPWORDS]


def assign_keys(records: list[Record], pinned: dict[int, str]) -> list[str]:
    """A unique key for each record; `pinned` maps record positions to keys to keep. A key pinned
    twice (a lock edited by hand) is kept by the first record; the second is keyed afresh."""
    keys: list[str | None] = []
    taken: set[str] = set()
    for i in range(len(records)):
        key = pinned.get(i)
        keys.append(key if key and key not in taken else None)
        if key:
            taken.add(key)
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        if keys[i] is None:
            groups.setdefault(_base(record), []).append(i)
    for base, members in sorted(groups.items()):
        if len(members) == 1 and base not in taken:
            keys[members[0]] = base
            continue
        words = [title_words(records[i].get("title", "")) for i in members]
        counts: dict[int, Counter[str]] = {}  # per length: how many members' candidates are each key
        for n, i in enumerate(members):
            key = _disambiguated(base, words, n, taken, counts) or _hashed(records[i], base)
            # Records alike in every field that names them get the same hash: number the later ones
            # (which of two identical records is which cannot matter).
            repeat, unique = 1, key
            while unique in taken:
                repeat += 1
                unique = f"{key}-{repeat}"
            keys[i] = key = unique
            taken.add(key)
    return [key for key in keys if key]


def _base(record: Record) -> str:
    """`du2022weakly`; without any author known, the list's named author (`liu2019learning`),
    else the title's first two words around the year (`token2023contrast`), so an offline run
    gives a row the key it keeps: the lock pins it, whatever the services say later."""
    words = title_words(record.get("title", "")) or ["untitled"]
    author = ascii_fold(first_author_family(record) or "") or ascii_fold(list_author_family(record))
    if not author:
        return f"{words[0]}{year(record) or 'nd'}{words[1] if len(words) > 1 else ''}"
    return f"{author}{year(record) or 'nd'}{words[0]}"


def keyed_by_title(record: Record) -> bool:
    """Whether the record's key was made from its title: no author was known when it was given."""
    return not first_author_family(record) and not list_author_family(record)


def list_author_family(record: Record) -> str:
    """The family name of the first author the list itself names ("Liu et al.", "Zhiyuan Liu", "Liu, Y.")."""
    names = custom_of(record).get("list-authors") or []
    first = re.sub(r"\bet\.?\s*al\b\.?", "", str(names[0]) if names else "").strip(" ,.")
    if "," in first:
        return first.split(",")[0].strip()
    return first.split()[-1] if first.split() else ""


def _disambiguated(base: str, words: list[list[str]], n: int, taken: set[str],
                   counts: dict[int, Counter[str]]) -> str | None:
    """The shortest longer key, from member n's own title, that no other member of its group shares.

    `words` holds every member's title words; a member's candidate of a given length is the
    base plus its next title words (all of them, if its title is shorter). Each length's
    candidates are counted once per group, so a large group costs linear, not quadratic, time.
    """
    for length in range(2, len(words[n]) + 1):
        key = base + "".join(words[n][1:length])
        if key in taken:
            continue
        if length not in counts:
            counts[length] = Counter(base + "".join(member[1:length]) for member in words)
        if counts[length][key] == 1:  # only member n's own candidate
            return key
    return None


def _hashed(record: Record, base: str) -> str:
    identity = "|".join(str(record.get(f, "")) for f in ("title", "container-title", "DOI", "URL"))
    return f"{base}-{hashlib.sha1(identity.encode()).hexdigest()[:4]}"
