"""What the list's venue names mean: the CSL type and the name a reader expects.

The vocabulary is data (`data/venues.yaml`), not code: a maintainer adds a venue there.
Used three times: to read a venue + year out of a list's text, to describe an unresolved
row from the list alone, and to check that a Crossref candidate was published where the
list says (venue agreement in matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError

CSL_TYPES = ("paper-conference", "chapter", "article-journal", "article")
FIELDS = {"short", "type", "name", "also", "match", "doi"}
# "CVPR 2021", "ICCV'19", "ICCV’19", "ECCV-2020", "cvpr21": the year is not part of the name.
# A match starts only where a run of spaces and quotes starts: tried at every place inside a
# run of 16,000 spaces (an item of emphasis runs) it took quadratic time.
YEAR_IN_NAME = re.compile(r"(?<![\s'’‘`-])[\s'’‘`-]*"
                          r"(?:(?<!\d)(?:19|20)\d\d(?!\d)|['’‘`]\s?\d\d(?!\d)|(?<=[A-Za-z])\d\d$)")
# Words that qualify a paper's presentation, not its venue ("CVPR 2021 Oral").
QUALIFIERS = re.compile(r"\b(?:oral|spotlight|highlight|poster|accepted|to appear|main|long|short|paper|track|"
                        # "CVPR 2023 award candidate", "ICLR 2023 outstanding paper honorable mentions"
                        r"best (?:student )?paper|award(?: candidates?| finalists?)?|finalists?|outstanding|"
                        r"honou?rable mentions?|"
                        r"datasets? and benchmarks?|datasets?)\b")  # "NeurIPS 2023 Dataset": its datasets track
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
    # Each venue's short name, lower-cased, when it is an acronym ("neurips", "icassp"): what a typo is near.
    acronyms: tuple[tuple[str, Venue], ...] = ()
    # Each venue's name as citations abbreviate it ("J. Mach. Learn. Res."): see `abbreviated`
    by_abbreviation: dict[str, Venue] = field(default_factory=dict)

    def lookup(self, listed: str) -> Venue | None:
        return self.spelt(listed) or self.misspelt(listed)

    def spelt(self, listed: str) -> Venue | None:
        """The venue `listed` names as the vocabulary spells it (or a workshop of one)."""
        key = _key(listed)
        if not key:
            return None
        for candidate in _candidates(key):
            if candidate in self.by_spelling:
                return self.by_spelling[candidate]
        if (short := abbreviated(key)) in self.by_abbreviation:
            return self.by_abbreviation[short]
        if (workshop := WORKSHOP.match(key)) and (host := self.lookup(workshop.group(1))) \
                and host.csl_type in ("paper-conference", "chapter"):
            return _workshop_of(host)  # "KDD 2019 Workshop": a workshop of a known venue, its own venue
        return None

    def misspelt(self, listed: str) -> Venue | None:
        """The venue whose acronym `listed` misspells ("NeuIPS", "NAALC"), if exactly one is that
        close: one edit (a letter added, dropped, changed or two swapped) for acronyms of five
        to seven letters, two for longer ones. Short acronyms (ICML, ICLR, ICPR) are too close to
        each other to guess, and a name that only adds letters to one ("ICMLW") is another venue."""
        name = strip_year(listed).strip(" ,.;:*_[]()")
        if not (name.isalpha() and len(name) >= 5 and sum(ch.isupper() for ch in name) >= 2):
            return None
        written = name.lower()
        # the known acronym has five letters or more too: "NCVPR" (a letter before CVPR) is no CVPR
        near = {venue for short, venue in self.acronyms if abs(len(short) - len(written)) <= 2 and len(short) >= 5
                and not (written.startswith(short) or short.startswith(written) or written.endswith(short))
                and _edits(written, short) <= (1 if len(short) < 8 else 2)}
        return near.pop() if len(near) == 1 else None


# "kdd workshop", "icml workshops", "aaai-workshop": the key of a workshop held with a venue.
# "KDD Workshop", "ICLR-Workshops", "ICLR_W" (a list's short tag for a workshop paper)
WORKSHOP = re.compile(r"^(.+?)(?:[\s_-]*workshops?|[\s_-]w)$")


def _workshop_of(host: Venue) -> Venue:
    """The workshops of a known conference, typed as proceedings: "KDD" -> "…Mining Workshops (KDDW)"."""
    short = f"{host.short}W"
    name = re.sub(rf"\s*\({re.escape(host.short)}\)$", "", host.name)
    return Venue("paper-conference" if host.csl_type != "chapter" else "chapter", f"{name} Workshops ({short})",
                 host.aliases, short)


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def vocabulary_file() -> Path:
    return Path(str(resources.files("wsss_bib") / "data" / "venues.yaml"))


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Read a venues file; a malformed entry is an InputError naming its line."""
    import yaml  # here, not at the top: `wsss-bib --help` reads no vocabulary

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
    acronyms = {(v.short.lower(), v) for v in by_spelling.values()
                if v.short.isalpha() and sum(ch.isupper() for ch in v.short) >= 2}
    by_abbreviation: dict[str, Venue] = {}
    shared: set[str] = set()  # abbreviations two venues share name neither
    for spelling, venue in by_spelling.items():
        short = abbreviated(spelling)
        if len(short.split()) >= 2 and by_abbreviation.setdefault(short, venue) != venue:
            shared.add(short)
    for short in shared:
        del by_abbreviation[short]
    return Vocabulary(by_spelling, tuple(sorted(acronyms, key=lambda pair: pair[0])), by_abbreviation)


@lru_cache(maxsize=1)
def bundled_vocabulary() -> Vocabulary:
    return load_vocabulary(vocabulary_file())


def lookup(listed: str) -> Venue | None:
    """The venue the list's name stands for, or None for a name we do not know."""
    return bundled_vocabulary().lookup(listed)


def misspelt(listed: str) -> Venue | None:
    """The venue a name misspells ("NeuIPS" -> NeurIPS); None if it is spelt right or unknown."""
    vocabulary = bundled_vocabulary()
    return None if vocabulary.spelt(listed) else vocabulary.misspelt(listed)


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


# The words citations abbreviate (ISO 4, as journals' lists of abbreviations write them), and the small
# words they leave out: "J. of Machine Learning Research", "J. Mach. Learn. Res." and "Journal of Machine
# Learning Research" are one journal.
ABBREVIATIONS = {"journal": "j", "transactions": "trans", "proceedings": "proc", "conference": "conf",
                 "international": "int", "intl": "int", "machine": "mach", "learning": "learn", "research": "res",
                 "intelligence": "intell", "analysis": "anal", "recognition": "recognit", "computer": "comput",
                 "computing": "comput", "computational": "comput", "vision": "vis", "networks": "netw",
                 "systems": "syst", "information": "inf", "processing": "process", "language": "lang",
                 "science": "sci", "sciences": "sci", "artificial": "artif", "statistics": "stat",
                 "statistical": "stat", "robotics": "robot", "letters": "lett", "engineering": "eng",
                 "applications": "appl", "neural": "neural", "automation": "autom", "graphics": "graph",
                 "association": "assoc", "linguistics": "linguist", "medical": "med", "imaging": "imaging"}
SMALL_WORDS = {"of", "on", "the", "and", "in", "for", "&"}


def abbreviated(key: str) -> str:
    """A venue's name as ISO 4 abbreviates it, small words left out: the spelling that "J. of Machine
    Learning Research" and "Journal of Machine Learning Research" share."""
    words = re.findall(r"[a-z&]+", key.lower())
    return " ".join(ABBREVIATIONS.get(word, word) for word in words if word not in SMALL_WORDS)


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
    found.append(bare.replace("-", " "))  # "IEEE-TIFS", "ACM-MM": the publisher and the name, hyphenated
    return [candidate for candidate in found if candidate]
