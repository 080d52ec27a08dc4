"""What the list's venue names mean: the CSL type and the name a reader expects.

The vocabulary is data (`data/venues.yaml`), not code: a maintainer adds a venue there.
Used three times: to read a venue + year out of a list's text, to describe an unresolved
row from the list alone, and to check that a Crossref candidate was published where the
list says (venue agreement in matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import InputError

CSL_TYPES = ("paper-conference", "chapter", "article-journal", "article")
FIELDS = {"short", "type", "name", "also", "match", "doi"}
# "CVPR 2021", "ICCV'19", "ICCV’19", "ECCV-2020", "cvpr21": the year is not part of the name.
YEAR_IN_NAME = re.compile(r"[\s'’‘`-]*(?:(?<!\d)(?:19|20)\d\d(?!\d)|['’‘`]\s?\d\d(?!\d)|(?<=[A-Za-z])\d\d$)")
# Words that qualify a paper's presentation, not its venue ("CVPR 2021 Oral").
QUALIFIERS = re.compile(r"\b(?:oral|spotlight|highlight|poster|accepted|to appear|main|long|short|paper|track)\b")
PREFIXES = re.compile(r"^(?:proceedings of (?:the )?|proc\.? (?:of (?:the )?)?|the |ieee/cvf |ieee |acm |cvf )")


@dataclass(frozen=True)
class Venue:
    csl_type: str
    name: str
    # Lower-case fragments that identify the venue in Crossref's container or event titles.
    aliases: tuple[str, ...]
    short: str = ""
    dois: bool = True  # False: its papers have no Crossref DOI (NeurIPS, ICLR, ICML, BMVC)


@dataclass(frozen=True)
class Vocabulary:
    by_spelling: dict[str, Venue]

    def lookup(self, listed: str) -> Venue | None:
        key = _key(listed)
        if not key:
            return None
        for candidate in _candidates(key):
            if candidate in self.by_spelling:
                return self.by_spelling[candidate]
        return None


def vocabulary_file() -> Path:
    return Path(str(resources.files("wsss_bib") / "data" / "venues.yaml"))


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Read a venues file; a malformed entry is an InputError naming its line."""
    path = Path(path)
    # libyaml when installed: the file is read at every start, and pure-Python YAML takes a second.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(path, 1, "expected a list of venues")
    by_spelling: dict[str, Venue] = {}
    for item in node.value:
        line = item.start_mark.line + 1
        entry = loader.construct_object(item, deep=True)
        if not isinstance(entry, dict):
            raise InputError(path, line, "a venue is a mapping with short, type and name")
        if unknown := set(entry) - FIELDS:
            raise InputError(path, line, f"unknown field {sorted(unknown)[0]!r}")
        short, csl_type, name = (entry.get(field) for field in ("short", "type", "name"))
        if not all(isinstance(value, str) and value.strip() for value in (short, csl_type, name)):
            raise InputError(path, line, "short, type and name are required strings")
        if csl_type not in CSL_TYPES:
            raise InputError(path, line, f"type {csl_type!r} is not one of {', '.join(CSL_TYPES)}")
        also, match = entry.get("also") or [], entry.get("match") or [str(short).lower()]
        if not all(isinstance(value, list) and all(isinstance(v, str) for v in value) for value in (also, match)):
            raise InputError(path, line, "also and match are lists of strings")
        if not isinstance(entry.get("doi", True), bool):
            raise InputError(path, line, "doi is true or false")
        venue = Venue(str(csl_type), str(name), tuple(m.lower() for m in match), str(short), entry.get("doi", True))
        for spelling in {_key(str(short)), _key(str(name)), *(_key(a) for a in also)}:
            if spelling in by_spelling and by_spelling[spelling] != venue:
                raise InputError(path, line, f"spelling {spelling!r} already belongs to {by_spelling[spelling].short}")
            by_spelling[spelling] = venue
    return Vocabulary(by_spelling)


@lru_cache(maxsize=1)
def bundled_vocabulary() -> Vocabulary:
    return load_vocabulary(vocabulary_file())


def lookup(listed: str) -> Venue | None:
    """The venue the list's name stands for, or None for a name we do not know."""
    return bundled_vocabulary().lookup(listed)


def strip_year(listed: str) -> str:
    """The venue's name as the list writes it, without its year: "CVPR'19" -> "CVPR"."""
    return " ".join(YEAR_IN_NAME.sub(" ", listed).split()).strip(" ,.;:-–—")


def agrees(listed: str, *published_names: str) -> bool | None:
    """Whether any published container/event name is the listed venue (None: can't tell)."""
    venue = lookup(listed)
    names = " | ".join(n.lower() for n in published_names if n)
    if venue is None or not names:
        return None
    return any(alias in names for alias in venue.aliases)


def _key(text: str) -> str:
    text = YEAR_IN_NAME.sub(" ", text.lower())
    return " ".join(text.replace("’", "'").split()).strip(" ,.;:*_-–—'")


def _candidates(key: str) -> list[str]:
    """Spellings to try, most literal first: the name, without qualifiers and prefixes,
    the acronym it gives in parentheses ("Conference on Robot Learning (CoRL)")."""
    found = [key]
    bare = " ".join(QUALIFIERS.sub(" ", key).split()).strip(" ,.;:-")
    found.append(bare)
    found.append(PREFIXES.sub("", bare))
    if acronym := re.search(r"\(([^()]+)\)\s*$", bare):
        found.append(acronym.group(1).strip())
        found.append(bare[: acronym.start()].strip())
    return [candidate for candidate in found if candidate]
