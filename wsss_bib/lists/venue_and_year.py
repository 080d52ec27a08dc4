"""A venue and its year in any of the usual spellings: `cvpr21`, `CVPR'19`, `ICCV’19`, `*CVPR2021*`,
`Nature Machine Intelligence, Mar 2025`, `17 Nov 2022`, `2017-06`, `arXiv 2023.08`; the name is
looked up in the venue vocabulary (`data/venues.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import venues
from .links import is_label_word
from .spans import CONNECTORS
from .titles import INSTITUTION

# A year, also dated to its month ("arXiv 2023.08"), not the start of a number ("2012.01234", "2019.5")
YEAR4 = r"(?<![\d.])(?:19[5-9]\d|20[0-4]\d)(?!\d|\.(?!(?:0[1-9]|1[0-2])(?!\d))\d)"
# Pictographs and dingbats a list marks a venue with
SYMBOLS = re.compile(r"[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]+")
# Pages, never a year: "37(10):2028-2040" (after a volume and issue), "pp. 1963-1978"
PAGE_RANGE = re.compile(r"(?<=\):)\d+\s?[-–]+\s?\d+|\bpp?\.\s?\d+\s?[-–]+\s?\d+")
YEAR4_PATTERN = re.compile(YEAR4)
YEAR2_QUOTED = re.compile(r"['’‘`]\s?(\d\d)(?!\d)")  # CVPR'19, ICCV’19, [ECCV' 14]
# cvpr21, AAAI21, and spaced, "ICS 22", "SC 19" (an acronym or a known venue, then two digits, nothing else)
YEAR2_GLUED = re.compile(r"^(?P<name>[A-Za-z][A-Za-z&\-]*?)(?:[-_]|\s)?(?P<yy>\d\d)$")
NOT_VENUES = re.compile(r"^(?:covid|sars|mers|h\d+n\d+)$", re.IGNORECASE)  # "COVID-19" names no year
DATE_DIGITS = re.compile(r"^(?P<year>(?:19|20)\d\d)(?:0[1-9]|1[0-2])(?:[0-3]\d)?$")  # 20201004, 201811
SHORT_DATE = re.compile(r"^(?P<yy>\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$")  # a Date cell "25-02-08"
DOTTED_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)\.(?:0?[1-9]|1[0-2])(?:\.[0-3]?\d)?$")  # a Date cell "2024.06"
MONTHS = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?", re.IGNORECASE)
NOISE_WORDS = re.compile(r"\b(?:accepted(?: by| at| to)?|to appear(?: in)?|published(?: in| at)?|in press|"
                         r"submitted(?: to)?|under review|(?:publish(?:ed|er)?|publication|release)\s+dat[ae])\b",
                         re.IGNORECASE)  # "Publish Date: 2024.03.12": a date's label, no venue
# "CVPR 2024 submission", "Submitted to ICLR 2024", "under review at NeurIPS 2023": where the paper was
# sent, not where it appeared; the year stays, the venue does not
SUBMITTED = re.compile(r"\b(?:submission|submitted(?:\s+to)?|under\s+review(?:\s+(?:at|by|for|in))?)\b",
                       re.IGNORECASE)


# Words a venue's name is made of, in whatever case a list writes it ("Advances in neural information
# processing systems", as Google Scholar gives it)
VENUE_WORDS = re.compile(r"\b(?:journal|transactions|proceedings|conference|symposium|workshops?|advances|letters|"
                         r"review|annals|magazine|bulletin|systems|intelligence|research|science|engineering|"
                         r"networks?|computing|learning|vision|recognition|processing|communications|security|"
                         r"information|data|international|association|society|sensing|physics|medicine|"
                         r"mathematics|computation|statistics|economics|biology|chemistry|neuroscience|robotics|"
                         r"graphics|informatics|cybernetics|frontiers|reports|access)\b", re.IGNORECASE)


@dataclass(frozen=True)
class VenueYear:
    name: str  # the venue as written, without year or date ("" if the text is only a date)
    year: int | None
    venue: venues.Venue | None  # the vocabulary's venue, if it knows the name
    submitted: bool = False  # a known venue's submission ("CVPR 2024 submission"): the year alone

    @property
    def plausible(self) -> bool:
        """Whether an unknown name looks like a venue at all (short, capitalised, no author list)."""
        words = self.name.split()
        if not words or len(self.name) < 2 or len(words) > 7 or "et al" in self.name.lower() \
                or not re.search(r"[A-Za-z]", self.name):
            return False
        capitalised = words[0][0].isupper() or words[0][0].isdigit() and not words[0].islower()  # "3D HUMANS"
        if all(is_label_word(word.lower()) for word in words) or not capitalised \
                or INSTITUTION.search(self.name) and not self.venue:
            return False  # "Made-Up University": where the authors work
        if sum(word.isalpha() and word.islower() and word not in CONNECTORS for word in words) >= 2 \
                and not VENUE_WORDS.search(self.name):
            return False  # "Initial list with first papers": a sentence, not "Advances in neural information …"
        return not re.search(r"[.!?]$|\d{3,}", self.name)


def year_of(text: str) -> int | None:
    """A year written anywhere in `text`: "2021", "CVPR'19", "20201004", "cvpr21"."""
    found = venue_year(text)
    return found.year


def venue_year(text: str) -> VenueYear:
    """Split a venue + year spelling: `cvpr21`, `CVPR'19`, `ICCV’19`, `*CVPR2021*`, `INFFUS 2025`,
    `Nature Machine Intelligence, Mar 2025`, `17 Nov 2022`, `2017-06`; `CVPR 2024 submission` is its year."""
    if SUBMITTED.search(text) and only_venue(sent := SUBMITTED.sub(" ", text)):
        return VenueYear("", venue_year(sent).year, None, submitted=True)
    # "(SIGMOD 2021 **Best Paper**!)": the cheer is no part of the name; "SVT[66]": a reference's number, no year
    clean = " ".join(re.sub(r"[*_`\[\]]", " ", re.sub(r"\[\d{1,3}\]", " ", text)).split()).strip(" ,.;:|!")
    clean = SYMBOLS.sub(" ", clean).strip()  # "[⚡MICCAI, 2022]", "🔥 CVPR 2023": the marks say no name
    if clean.count("(") != clean.count(")"):
        clean = clean.strip("()")
    year: int | None = None
    if found := DATE_DIGITS.match(clean) or DOTTED_DATE.match(clean):
        return VenueYear("", int(found.group("year")), None)
    if found := SHORT_DATE.match(clean):
        return VenueYear("", _century(found.group("yy")), None)
    if found := YEAR4_PATTERN.search(clean):
        year = int(found.group(0))
        clean = clean[: found.start()] + " " + clean[found.end():]
    elif found := YEAR2_QUOTED.search(clean):
        year = _century(found.group(1))
        clean = clean[: found.start()] + " " + clean[found.end():]
    elif (found := YEAR2_GLUED.match(clean)) and not NOT_VENUES.match(found.group("name")) \
            and (venues.lookup(found.group("name")) or found.group("name").isupper()):
        year, clean = _century(found.group("yy")), found.group("name")
    clean = MONTHS.sub(" ", clean)
    clean = NOISE_WORDS.sub(" ", clean)
    clean = re.sub(r"^\s*In:?\s+(?=[A-Z])", "", clean)  # "In CVPR, 2019", "In: Proceedings of …"
    clean = re.sub(r"(?<![\w&])\d{1,2}(?:st|nd|rd|th)?(?![\w&])|^[\s\-–—/.,:;']+|[\s\-–—/.,:;']+$", " ", clean)
    name = " ".join(clean.split()).strip(" ,.;:-–—/'’")
    name = re.sub(r"\(\s*\)", "", name).strip()
    venue = venues.lookup(name) if name else None
    if venue is None and year:  # "Sabuncu, Mert R. NeurIPS 2020": the venue is the words before the year
        words = name.split()
        # "… Pattern Recognition Workshops (CVPRW)": the short name the list gives in brackets first
        if words and (short := re.fullmatch(r"\(([\w-]{2,12})\)", words[-1])) and venues.lookup(short.group(1)):
            return VenueYear(short.group(1), year, venues.lookup(short.group(1)))
        for k in range(min(6, len(words) - 1), 0, -1):
            if words[-k].islower():
                continue  # "… Vision and Pattern Recognition": no name opens with "and"
            if venue := venues.lookup(" ".join(words[-k:])):
                name = " ".join(words[-k:])
                break
    return VenueYear(name, year, venue)


def _century(two_digits: str) -> int:
    value = int(two_digits)
    return 1900 + value if value >= 50 else 2000 + value


def only_venue(text: str) -> bool:
    """"CVPR 2022", "arXiv'21", "2021": a known venue and/or a year, and nothing else."""
    said = venue_year(text)
    if said.submitted:  # "[CVPR 2024 submission]": a known venue, said to be where it was sent
        return True
    alone = venues.strip_year(re.sub(r"[*_`\[\]]", " ", text)).strip(" ()【】") == said.name
    return alone and (said.venue is not None or said.year is not None and not said.name)
