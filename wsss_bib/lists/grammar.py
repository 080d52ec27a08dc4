"""The item grammar every reader shares: what one row, item or heading entry says of its paper.

A row of a table, a bullet or numbered item and a heading entry all say the same things in
different places; this module finds them wherever they sit: the title (quoted, bold, linked,
after its authors or plain), the venue and year, the authors and the links, from the text and
spans that `spans.inline` makes of the markdown. The parts have modules of their own: `links`
(what a link points to), `venue_and_year` (venue + year spellings), `titles` (titles and authors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import venues
from .links import ARXIV_IN_TEXT, ARXIV_URL, Links, Rank, classify, is_label_word, label_kind, unwrapped
from .spans import CONNECTORS, Inline
from .titles import (
    AUTHORS_LABEL,
    CITATION_AUTHORS,
    ET_AL,
    GROUP_AUTHOR,
    INSTITUTION,
    NAMES_SENTENCE,
    authors_of,
    clean_title,
    is_name_list,
    looks_like_authors,
    names_only,
)
from .venue_and_year import PAGE_RANGE, VENUE_WORDS, VenueYear, only_venue, venue_year

# What names an event rather than a paper; an event's item links a site, a paper's its paper.
EVENT = re.compile(r"\b(?:workshops?|tutorials?|challenges?|competitions?|symposium|summer school|keynotes?|"
                   r"hackathon|webinars?|meetups?|seminars?|bootcamp|forums?|special issues?|call for papers)\b",
                   re.IGNORECASE)
# How a sentence about the list or its papers opens ("We provide …", "Our latest survey …", "Due to …")
PROSE_OPENING = re.compile(r"(?:we|our|here|due to|thanks|welcome)\b", re.IGNORECASE)
# … and how only such a sentence opens, however short ("This repository complements our survey [Title](…)")
ABOUT_THE_LIST = re.compile(r"(?:please (?:refer|cite|see|check|star|feel|contact|note)|if you (?:find|have|use|want)|"
                            r"(?:in )?this (?:repo|repository|list|project|page)|"
                            r"in this survey)\b", re.IGNORECASE)
# What names a list of papers, not a paper: "ACL, EMNLP Paper List", "AAAI Library", "IJCAI Proceedings"
PAPERS_INDEX = re.compile(r"\b(?:paper|reading) lists?$|^(?:[A-Z][A-Za-z]*[, ]+){1,4}(?:proceedings|library)$",
                          re.IGNORECASE)
# Labs working together, "Univ. Montreal + Middle East Tech. Univ. + Univ. Maine", "DeepMind + Oxford": no title
LABS = re.compile(r"[^+]{2,40}(?:\s\+\s[^+]{2,40})+")
# A dataset's name, not a paper's title: "The SimpleQuestions dataset", "The Made-Up Summarization Corpus"
DATASET_NAME = re.compile(r"(?:the\s)?(?:\S+\s){0,3}(?:datasets?|corpus|corpora|data\s?sets?)", re.IGNORECASE)
# A link's label that is an address, not words: "https://github.com/hhc1997/L2RM", "www.example.org/cvpr2021"
ADDRESS = re.compile(r"\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
# What asks for papers, whatever it links: a special issue, a call for papers, a submission deadline
CALL_FOR_PAPERS = re.compile(r"\b(?:special issues?|call for papers|paper submission|submission deadline)\b",
                             re.IGNORECASE)
# What stands where a title will be: "TBA", "Coming soon", a template's "Paper Title".
PLACEHOLDER = re.compile(r"^\W*(?:tba|tbd|todo|to be (?:announced|added|released)|coming soon|"
                         r"(?:the )?(?:paper |article )?(?:title|name)(?: of (?:the|your) paper)?|x{3,})\W*$",
                         re.IGNORECASE)
# "[2024-05] We added …", "[News] The updated version …": news lines, not papers.
# "[2024-05] New papers added", "[07/07/2023] The first version is released": a dated note, not a paper
NEWS_PREFIX = re.compile(r"^\W*(?:(?:19|20)\d\d[-./]\d\d?(?:[-./]\d\d?)?|\d\d?[-./]\d\d?[-./](?:19|20)\d\d|news|"
                         r"update[sd]?|\d\d\.(?:0?[1-9]|1[0-2])(?=\]))\W", re.IGNORECASE)  # "[24.1] We …" too
# A title's end: a stop, or a question mark before its authors ("…noise? Lukasik, M. et al."; not "…? Maybe, but")
SENTENCE_END = re.compile(r"(?<!\bvs)(?<!\bal)(?<!\bet)(?<!\be\.g)(?<!\bi\.e)(?<!\bNo)(?<!\b[A-Z])"
                          r"(?<!\bUniv)(?<!\bTech)\.\s+"
                          r"|(?<=\?)\s+(?=[A-Z][\w'’-]+,\s[A-Z]|[A-Z][^.?|]*\bet\.? al\b)")
# "Title[C]//Proceedings of …", "Title[J]. Journal, 2011": a document type glued to the title, as China's GB/T 7714
# citations write them; the title ends there
GBT_TYPE_MARK = re.compile(r"\[(?:[JCMDRNPSAZ]|EB|[JCM]/OL|EB/OL)\](?=\s*(?://|[.,]|$))")
# Where an author list ends: "Liu et al. CVPR", "Liu et al., CVPR", or a sentence's end.
AUTHORS_END = re.compile(r"(?<=\bal)\.?,?\s+(?=[A-Z(\d])|" + SENTENCE_END.pattern)
# "(ArXiv 2020)", "[ICML 2019 Workshop]" closing a bold title: a venue and year, not title words.
TRAILING_VENUE = re.compile(r"\s*[(\[]([^()\[\]]*(?<![\d.])(?:19|20)\d\d(?!\d)[^()\[\]]*)[)\]]\s*$")
BRACKETED = re.compile(r"[\[(【]([^\[\]()【】|]{3,60})[\])】]")
CHUNK_SPLIT = re.compile(r"[,;|()\[\]{}·•]|(?<!\b[A-Z])\.\s|\s[-–—]\s|\s/\s")


@dataclass
class Facts:
    """What one row or item says, before the document adds what its sections say."""

    title: str = ""
    raw_title: str = ""
    venue: str = ""
    year: int | None = None
    authors: tuple[str, ...] = ()
    links: Links = field(default_factory=Links)
    text_arxiv: str | None = None  # "arXiv:2005.09163" written without a link
    supervision: str | None = None
    unusable: list[str] = field(default_factory=list)  # hrefs a reader wanted but could not use
    venue_written: bool = False  # the venue is in the text, not only a link's label
    title_set_apart: bool = False  # in bold, italics, quotes or a link's label: the list marks it a title
    # how the item is written: the title's mark, what follows the title, the kind of its best link
    # ("strong", ";", "none" for "- **Title;** Ann Lee"): items of one shape in a list are one kind of thing
    written: tuple[str, str, str] = ("", "", "")
    # "[Zhu et al., RSS 2018](#Zhu18rss)": it points to another place of the list, where the paper is
    refers_within: bool = False
    # "CVPR 2024 submission, Title": sent to a known venue that year; said as a venue would be, but no venue
    submitted: bool = False
    # "Computer Vision : CVPR, ICCV, ECCV": how many known venues the item names apart from one another
    venues_named: int = 0
    # "Ann Lee, Bo Chen: Title", "Lee, A., *Title*": the people who wrote it come before the title
    people_first: bool = False
    # How the item reads if its opening words are people ("Ann Lee: Title", "Ann Lee. Title."): the
    # people and the title, taken only where the list writes its papers people first
    people_reading: tuple[tuple[str, ...], str] | None = None

    @property
    def known_venue(self) -> bool:
        return bool(self.venue) and venues.lookup(self.venue) is not None

    def labelled_paper(self) -> bool:
        """"<b>PointCNN (2018)</b> [[Paper]](https://arxiv.org/…)", "Eigenpruning <br> NAACL 2024
        [[Paper]](…)": a one-word title is a paper's when a link said to be the paper points to an
        archive or publisher and a year or venue is written."""
        return bool(self.year or self.venue) and any(
            rank == Rank.SAID and link.source not in ("page", "pdf")
            and label_kind(link.label.strip(" []()`*_")) == "paper"
            for rank, link in self.links.found)

    def prose(self) -> bool:
        """A sentence, not a title: "We provide a survey of … Please refer to the paper [(Venue'24)](…)", "Due to
        …, SAM [(paper)](…) and SAM2 [(paper)](…) signify …" (papers named in passing, none of them the item's)."""
        words = self.title.split()
        if len(words) >= 3 and ABOUT_THE_LIST.match(self.title) and not self.title_set_apart:
            return True
        if self.title_set_apart or self.links.ranked(Rank.TITLE):
            return False
        arxiv_ids = {found.group(1) for link in self.links.all if (found := ARXIV_URL.search(link.url))}
        # a title with its preprint and an extension ("STRIP: … [[pdf]](…) [[extension]](…)") is no sentence
        return len(words) >= 8 and PROSE_OPENING.match(self.title) is not None \
            or len(words) >= 20 and len(arxiv_ids) >= 2

    def several_papers(self) -> bool:
        """"[Topic](https://github.com/…) ([1](paper), [2](another paper))": a topic whose papers are numbered
        links, its title linking no paper of its own."""
        papers = [link for _, link in self.links.found if link.kind == "paper"]
        numbered = {link.url for link in papers if re.fullmatch(r"\W*\d{1,2}\W*", link.label)}
        return len(numbered) >= 2 and len(numbered) == len({link.url for link in papers})

    def evidence(self, section_venue: str = "", strict: bool = False, section_year: int | None = None) -> bool:
        """Whether this says enough to be a paper: a title and a paper link, a known venue, or a
        year with authors or under a venue section ("**Arxiv**")."""
        if not self.title or PLACEHOLDER.match(self.title):
            return False  # "- Paper Title [[paper]](…/xxxx.xxxx)": a contribution template
        paper = self.links.paper(best=Rank.PAPER_SITE)
        # "[Workshop on Made-Up Learning](site) - ICML 2023", "[Made-Up Special Issue](site), June 5": an event
        event = EVENT.search(self.title) or any(EVENT.search(link.label) for link in self.links.all
                                                if len(link.label.split()) >= 3)
        if event and self.links.found and paper is None and not (self.text_arxiv or self.authors):
            return False
        if self.venues_named >= 2 and not self.year and paper is None and not self.text_arxiv:
            return False  # "- Artificial Intelligence : ICLR, NeurIPS, ICML": a field and its venues, no paper
        if CALL_FOR_PAPERS.search(self.title):
            return False  # "[Made-Up Special Issue on Cameras](publisher's page)": it asks for papers
        if PAPERS_INDEX.search(self.title):
            return False  # "[JMLR Paper List](http://www.jmlr.org/papers/)": where papers are listed
        if self.prose() or self.several_papers() or LABS.fullmatch(self.title) \
                or DATASET_NAME.fullmatch(self.title):
            return False  # (LABS: "Google + NYU [[Paper](…)]": who made the paper its sub-items name; a dataset)
        if len(self.title.split()) < 2 and not self.labelled_paper():
            return False  # "[DeepSeek-MoE-16B](…)": a model, a tool, a name
        if self.refers_within and paper is None and not self.text_arxiv:
            return False  # "[Zhu et al., RSS 2018](#Zhu18rss), *Title*": the list's entry is elsewhere
        dated = (self.year or section_year) is not None and len(self.title.split()) >= 3
        # "- **Title;** Ann Lee, Bo Chen": a title set apart and the people who wrote it
        # ("Seville, Spain" are no people: a person is named in two words or more)
        cited = self.title_set_apart and len(self.title.split()) >= 2 and (
            len(self.authors) >= 2 and all(len(name.split()) >= 2 for name in self.authors)
            or any(ET_AL.search(name) or GROUP_AUTHOR.fullmatch(name) for name in self.authors))
        # An unknown name with a year alone is no evidence: "Thyroid nodule segmentation
        # challenge [(TN-SCUI 2020)](…)" is a challenge, not a paper.
        # "[Title](page), [code](github)": a linked title with its code beside it is a paper with code.
        with_code = len(self.title.split()) >= 3 and self.links.ranked(Rank.TITLE) \
            and self.links.first("code") is not None
        # An unknown venue with its year written after the title ("… Distillation [WISE 2022]") is
        # evidence in an item; a link labelled so ("[(TN-SCUI 2020)](…)") names a challenge.
        written = not strict and dated and (bool(self.venue) and self.venue_written or self.submitted)
        # A preprint server named with neither a year nor an id ("check out [ArXiv](https://arxiv.org/)")
        # says nothing of a paper.
        venue = venues.lookup(self.venue) if self.venue else None
        known = venue is not None and (venue.csl_type != "article" or self.year is not None)
        return bool(paper or self.text_arxiv or known or self.year and self.authors
                    or dated and section_venue or with_code or written or cited)


def read_unit(*parts: Inline) -> Facts:
    """What one paper's unit says, read as one: an item with its continuation lines and the
    sub-items that describe it, a heading with its body. The parts are joined as a row's cells."""
    unit = Inline()
    for part in parts:
        unit.extend(part)
    return read_item(unit)


def read_item(item: Inline) -> Facts:
    """Title, authors, venue + year and links of one item, wherever in it they are."""
    facts = Facts()
    text = item.text
    if (news := NEWS_PREFIX.match(text)) and not _dated_bold_title(item, news.end()):
        return facts  # "[2024-05] New papers added": news, not a paper
    title_span, prefix_end = _title_span(item)
    inside = ""  # "[**Title, IEEE Transactions on Made-Up Systems 2025**](…)": the venue set in the title's mark
    kept = _venue_after_separator(text[title_span[0]:title_span[1]]) if title_span else 0
    if title_span and kept < title_span[1] - title_span[0]:
        inside = text[title_span[0] + kept:title_span[1]].strip(" ,;-–—*_")
        title_span = (title_span[0], title_span[0] + kept)
    title_links = [s for s in item.links if title_span and s.start >= title_span[0] - 1 and s.end <= title_span[1] + 1]
    for span in item.links:
        label = venue_year("" if ADDRESS.match(span.label) else span.label)
        role = "title" if span in title_links else "venue" if label.venue or label.year and not label.name else None
        said = span.label
        if span.label == span.href:  # a bare URL: its label is the word before it ("Code：https://…")
            said = re.split(r"[\s|]+", text[: span.start].rstrip(" :：-"))[-1].strip("-*_")
        ranked = classify(span.href, venue_label(said), role)
        if ranked and ranked[1].label != said:  # "[ICLR2018 Poster]" read as the venue's link, kept as written
            ranked = ranked[0], replace(ranked[1], label=said)
        facts.refers_within = facts.refers_within or span.href.strip(" \"'").startswith("#")
        if ranked is None and (role == "title" or label_kind(span.label) in ("paper", "code")):
            facts.unusable.append(span.href)
        facts.links.add(ranked)
    facts.links.title_first({unwrapped(span.href.strip()) for span in title_links})
    lead = text[title_span[0]:title_span[1]] if title_span else ""
    if title_span and looks_like_authors(lead) and re.search(r"\bet\.? al\b|\b[A-Z]\.(?:\s|$)", lead):
        title_span = None  # "B. Zhao et al. *IEEE Access.*": the authors of the paper above, no title
    if title_span:
        facts.raw_title = " ".join(text[title_span[0]:title_span[1]].split())
        facts.title_set_apart = _set_apart(item, title_span)
        facts.title = clean_title(facts.raw_title)
    # What is left once the title is taken out; link labels are read as spans, not as chunks.
    rest = text
    cut = [(s.start, s.end) for s in item.links] + ([title_span] if title_span else []) + [(0, prefix_end)]
    for start, end in reversed(_merged(cut)):
        rest = rest[:start] + " | " + rest[end:]
    _venue_and_authors(facts, item, rest, title_span, prefix_end)
    if inside and not (facts.venue or facts.year):
        written = venue_year(inside)
        facts.venue, facts.year, facts.venue_written = written.name, written.year, True
    if title_span:
        facts.written = _written(item, title_span, facts)
        surname = facts.authors[0].split()[-1] if facts.authors else ""
        facts.people_first = bool(surname) and surname in text[prefix_end:title_span[0]]
        if not facts.authors:
            facts.people_reading = people_opening(facts.title) or _person_then_title(item, title_span)
    return facts


def _written(item: Inline, title_span: tuple[int, int], facts: Facts) -> tuple[str, str, str]:
    """How the item is written (see Facts.written)."""
    a, b = title_span
    mark = "link" if any(s.start <= a + 2 and s.end >= b - 2 for s in item.links) else \
        "strong" if any(x <= a + 2 and y >= b - 2 for x, y in item.strong) else \
        "em" if any(x <= a + 2 and y >= b - 2 for x, y in item.em) else "plain"
    after = item.text[b:].lstrip(" *_\"”")
    follows = after[:1] if after[:1] in ";:,.|-–—([" else "end" if not after.strip() else "word"
    links = "paper" if facts.links.paper(best=Rank.PAPER_SITE) else "code" if facts.links.first("code") else \
        "other" if facts.links.found or item.links else "none"
    return mark, follows, links


def _dated_bold_title(item: Inline, date_end: int) -> bool:
    """Whether a leading date ("[2024/01] **Title.** *Authors.* [[paper](…)]", "2023.05.01 Title
    [[Paper]](https://arxiv.org/…)") dates the title of a paper the item links, rather than a news
    line ("[2024/05] We released the code")."""
    if not re.match(r"^\W*(?:19|20)\d\d[-./]\d", item.text) or not item.links:
        return False
    first = min(item.strong, default=None)
    if first is not None and first[0] <= date_end + 3 and len(item.text[first[0]:first[1]].split()) >= 3:
        if first[0] >= date_end:  # "[2019/11] **How Can We Know …?**": the bold after the date is the title
            return True
        # "**2024-01-03 We release a new paper: "[Title](…)"**": news set in bold, date and all
        bold = item.text[date_end:first[1]]
        return not NEWS_WORDS.search(" ".join(bold.split()[:8]))
    opening = " ".join(item.text[date_end:item.links[0].start].split()[:8])
    on_archive = any((ranked := classify(s.href, s.label)) and ranked[0] <= Rank.PAPER_SITE
                     and ranked[1].source != "pdf" for s in item.links)
    if not opening.strip(" *_[(") and (linked := item.links[0]).start <= date_end + 3:
        # "[2023/05] [Made-Up Title](https://arxiv.org/abs/…)": the date's paper is the linked title
        label = linked.label.strip(" *_[]")
        opening = label if not label_kind(label) and not NEWS_WORDS.search(label) else ""
    return on_archive and len(opening.split()) >= 3 and not NEWS_WORDS.search(opening)


def _set_apart(item: Inline, title_span: tuple[int, int]) -> bool:
    """Whether the title is in bold, italics, quotes or a link's label, as lists mark a title."""
    a, b = title_span
    spans = item.strong + item.em + [(s.start, s.end) for s in item.links]
    quoted = item.text[a - 1:a] in "\"“" and a > 0 or item.text[b:b + 1] in ("\"", "”") and b < len(item.text)
    return quoted or any(start <= a + 2 and end >= b - 2 for start, end in spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _spans_outside(item: Inline, title_span: tuple[int, int] | None) -> list[tuple[int, int]]:
    # a link written as its address ("https://github.com/hhc1997/L2RM") says no venue or year
    spans = sorted(set(item.strong + item.em + [(s.start, s.end) for s in item.links if not ADDRESS.match(s.label)]))
    if not title_span:
        return spans
    return [(a, b) for a, b in spans if b <= title_span[0] or a >= title_span[1]]


def _venue_and_authors(facts: Facts, item: Inline, rest: str, title_span: tuple[int, int] | None,
                       prefix_end: int) -> None:
    """The venue, year, arXiv id and authors the item says besides its title (`rest`: the item's text
    with the title and the links' labels cut out)."""
    rest = PAGE_RANGE.sub(lambda pages: " " * len(pages.group(0)), rest)
    facts.authors = _authors(item, rest, title_span)
    candidates, spoken = _venue_candidates(item, rest, title_span, prefix_end)
    candidates = _arxiv_months(candidates, facts, rest)
    if facts.authors:  # "Ann Lee and Bo Chen. 2020. Title.": the people before the year are no venue
        # (or the last of them: "Ann Lee, Bo Chen | Publish Date: 2023.11.09")
        kept = [k for k, c in enumerate(candidates)
                if not (c.name and not c.venue and (named := authors_of(c.name)) and set(named) <= set(facts.authors))]
        candidates, spoken = [candidates[k] for k in kept], [spoken[k] for k in kept]
    known = [c for c in candidates if c.venue]
    text = item.text
    # acronyms alone between separators, the title's words too ("Signal Processing : ICASSP, INTERSPEECH")
    acronyms = [venue_year(chunk) for chunk in re.split(r"[,;:|/]", text) if len(chunk.split()) == 1
                and sum(ch.isupper() for ch in chunk) >= 2]
    facts.venues_named = len({said.venue.short for said in acronyms if said.venue and not said.year})
    published = [c for c in known if c.venue and c.venue.csl_type != "article"]
    unknown = [c for c in candidates if not c.venue and c.year and c.plausible]
    # An emphasised name without a year ("B. Zhao et al. *IEEE Access.*") is a venue too when
    # nothing better is: lists set venues in italics.
    emphasised = [venue_year(text[a:b]) for a, b in item.em if b > prefix_end and not looks_like_authors(text[a:b])
                  and (not title_span or b <= title_span[0] or a >= title_span[1])]
    unknown += [c for c in emphasised if not c.venue and c.name and c.plausible]
    chosen = next(iter(published or known or unknown), None)
    if chosen:
        facts.venue = chosen.name
        facts.venue_written = any(c is chosen and said for c, said in zip(candidates, spoken))
    facts.submitted = any(c.submitted and said for c, said in zip(candidates, spoken))
    years = [c.year for c in candidates if c.year]
    facts.year = chosen.year if chosen and chosen.year else years[0] if years else None
    if found := ARXIV_IN_TEXT.search(rest):
        facts.text_arxiv = found.group(1)
        if not facts.venue:
            facts.venue = "arXiv"


def _arxiv_months(candidates: list[VenueYear], facts: Facts, rest: str) -> list[VenueYear]:
    """"arXiv 2011; Pattern Recognition" over a paper at arxiv.org/abs/2011.13526: the four digits after
    arXiv are its id's year and month (November 2020), not a year, when an arXiv id of the item opens with
    them (an id 2011.x is from 2020: new-style ids began in 2007). Those of another id than the paper's
    ("an earlier version at [arXiv 2009](…/2009.x)") date that version, not the paper: no year."""
    ids = [found.group(1) for link in facts.links.all if (found := ARXIV_URL.search(link.url.split("#")[0]))]
    ids += re.findall(r"(?<![\d.])(\d{4}\.\d{4,5})", rest)
    own = (facts.links.arxiv_id() or (ids[0] if ids else ""))[:4]
    openings = {found[:4] for found in ids}

    def month(c: VenueYear) -> VenueYear:
        said = str(c.year)
        if c.venue is None or c.venue.csl_type != "article" or said not in openings or not 1 <= int(said[2:]) <= 12:
            return c
        return replace(c, year=2000 + int(said[:2]) if said == own else None)

    return [month(c) for c in candidates] if openings else candidates


def _venue_candidates(item: Inline, rest: str, title_span: tuple[int, int] | None,
                      prefix_end: int) -> tuple[list[VenueYear], list[bool]]:
    """Every venue + year the item could be saying, in the order they count, and per candidate
    whether it is written as text (True) or only a link's label."""
    text = item.text
    candidates: list[VenueYear] = []
    spoken: list[bool] = []
    # Emphasised or linked text first, whole ("*International Conference on Robotics and Automation
    # (ICRA), May 2025*"), then the plain text in chunks ("…, Liu et al., NeurIPS 2020"); an
    # acronym before the title ("**TIP**: …") is the method's name, not a venue.
    linked = {(s.start, s.end) for s in item.links}
    # "[Video CVPRW 2019](https://youtu.be/…)", "[Code (ICCV 2021)](…)": where a talk was given or code
    # released, not where the paper appeared
    elsewhere = {(s.start, s.end) for s in item.links
                 if label_kind(venue_label(s.label).strip(" []()`*_")) in ("other", "code")}
    for a, b in _spans_outside(item, title_span):
        if b > prefix_end and (a, b) not in elsewhere:
            candidates.append(venue_year(text[a:b]))
            spoken.append((a, b) not in linked)
    # A bracketed venue is read whole ("[ACM Trans. Web 2023]"), before the chunks split it at its stops.
    for bracketed in BRACKETED.finditer(rest):
        if (inside := venue_year(bracketed.group(1))).venue and inside.year:
            candidates.append(inside)
            spoken.append(True)
    chunks = [venue_year(c) for c in CHUNK_SPLIT.split(rest) if c.strip()]
    for k, chunk in enumerate(chunks):  # "Applied Sciences, 2019": a name, then its year
        after = chunks[k + 1] if k + 1 < len(chunks) else None
        if chunk.name and not chunk.year and after and after.year and not after.name:
            chunk = VenueYear(chunk.name, after.year, chunk.venue)
        candidates.append(chunk)
        spoken.append(True)
    return candidates, spoken


def _authors(item: Inline, rest: str, title_span: tuple[int, int] | None) -> tuple[str, ...]:
    """The authors: said so ("**Authors**: …"), in italics, or a list of names among the item's parts."""
    for sentence in rest.split(" | "):  # "**Authors**: Ann Lee, Bo Chen": said to be the authors
        if (said := AUTHORS_LABEL.match(sentence)) and (names := authors_of(sentence[said.end():])):
            return names
    text = item.text
    for a, b in item.em:
        if (not title_span or b <= title_span[0] or a >= title_span[1]) and looks_like_authors(text[a:b]) \
                and (names := authors_of(text[a:b])):
            return names
    for sentence in rest.split(" | "):
        for piece in AUTHORS_END.split(sentence):
            # "Ann Lee, Bo Chen; Introduce a made-up method": a note after the authors
            for people in dict.fromkeys((piece.strip(" ,.;:|()-–—\"“”"), piece.split(";")[0].strip(" ,.;:|()-–—\"“”"))):
                if looks_like_authors(people) and (len(people.split()) <= 12 or is_name_list(people)):
                    return authors_of(people)
                if GROUP_AUTHOR.fullmatch(people) and not re.match(r"from\s", people, re.IGNORECASE):
                    return (people,)  # "Qwen Team"; "(from Ant Group)" says where a model comes from
    if title_span and (cited := NAME_YEAR.match(text, title_span[1])) \
            and venues.lookup(cited.group(1)) is None and not VENUE_WORDS.search(cited.group(1)):
        return (" ".join(cited.group(1).split()),)
    return ()


# "[Title](…) (Hans P. Moravec, 1977)", "(Qipeng Guo, 2019, [note](…))", "(John Canny, TPAMI 1986)": the first
# author in brackets right after the title, then the year or the venue and year
NAME_YEAR = re.compile(r"[\s*_\]]*\(\s*((?:[A-Z](?:[a-z][\w'’-]*|\.)\s+){1,3}[A-Z][a-z][\w'’-]*)\s*,\s*"
                       r"(?=(?:[A-Za-z][\w&.'’-]*\s+){0,3}(?:19|20)\d\d\b)")


def _title_span(item: Inline) -> tuple[tuple[int, int] | None, int]:
    """Where the title is (quoted, after its authors, bold, a linked label, italic first words, or the
    leading text), and where an acronym prefix before it ends ("**SLIP**:", "**[SPP-Net]**")."""
    text = item.text
    prefix_end = 0
    for a, b in sorted(item.strong):
        if a <= prefix_end + 3 and _is_acronym(text[a:b], text[b:]):
            prefix_end = b
    if found := _quoted_title(text):
        return (found.start(1), found.end(1)), min(prefix_end, found.start())
    if cited := title_after_authors(item):
        return cited
    bold, prefix_end = _bold_title(item)
    if bold:
        return bold, prefix_end
    if after_people := _title_after_people(item, prefix_end):
        return after_people, prefix_end
    if linked := _linked_title(item, prefix_end):
        return linked, prefix_end
    if italic := _italic_title(item, prefix_end):
        return italic, prefix_end
    leading = _leading_text(item, prefix_end)
    if leading is None and (opening := _opening_link_title(item, prefix_end)):
        return opening, prefix_end
    if leading and INSTITUTION.search(where := text[leading[0]:leading[1]]) and len(where.split()) <= 5:
        # "University of Cambridge [Distributed Consensus Revised](…pdf)": where it comes from, then its title
        after = next((s for s in item.links if leading[1] <= s.start <= leading[1] + 2), None)
        if after is not None and len(after.label.split()) >= 2 and not label_kind(after.label.strip(" []()")):
            return (after.start, after.end), prefix_end
    return leading, prefix_end


def _bold_title(item: Inline) -> tuple[tuple[int, int] | None, int]:
    """The bold title, if one is (and where an acronym prefix before the title ends)."""
    text = item.text
    prefix_end = 0
    for a, b in sorted(item.strong):
        inner = text[a:b].strip()
        if (marked := past_marks(inner)) and (not inner[marked:] or re.fullmatch(r"\[[^\[\]]{2,40}\]", inner[marked:])):
            prefix_end = max(prefix_end, b)
            continue  # "**[A] [TPAMI-2015]**", "**[12]**": the reference's number (and its venue's tag)
        if a <= prefix_end + 3 and re.search(r"\[\d{1,3}\]$", inner) and (colon := re.match(r"\s*[:：]", text[b:])):
            prefix_end = max(prefix_end, b + colon.end())
            continue  # "**MLT 2017[76]**：Lee, A; …": a dataset's name and its reference's number, then its paper
        if (tail := TRAILING_VENUE.search(inner)) and inner[: tail.start()].strip() \
                and (said := venue_year(tail.group(1))).year and (said.venue or said.plausible or not said.name):
            # "**Title (AAAI 2020)**", "<b>Title (2016)</b>": the venue and year set in the bold title;
            # the rest reads them.
            start = a + len(text[a:b]) - len(text[a:b].lstrip())
            return (start, start + tail.start()), prefix_end
        said = venue_year(inner)
        if said.venue or said.year and (not said.name or said.plausible):
            continue  # "**[CVPR' 20]**", "**[NIPSW' 16]**", "**2021**": a venue or year, not a title
        if _is_acronym(inner, text[b:]) and a <= prefix_end + 3:
            prefix_end = max(prefix_end, b)
            continue
        if len(inner.split()) >= 2 and not _link_label_only(item, a, b) and not _after_a_title(text, prefix_end, a):
            # what follows up to the next link: a link's label ("[Website](…)") is no word of the title
            after = text[b:min([s.start for s in item.links if s.start >= b] + [len(text)])]
            if inner[-1] not in ";.:," and not _set_apart_after(item, b) and _title_goes_on(after):
                # "**Title;** Ann Lee": ended in the bold; "**Title** *Ann Lee et al. arXiv.*": a field of its own
                return None, prefix_end  # the bold words are a part of the title, the rest reads it whole
            return (a, b), prefix_end
    return None, prefix_end


def _set_apart_after(item: Inline, end: int) -> bool:
    """Whether the words right after emphasis ending at `end` are set apart in emphasis of their own
    ("**Title** *Ann Lee et al. arXiv.*"): the list marks them as another field, not the title's rest."""
    start = end + len(item.text[end:]) - len(item.text[end:].lstrip())
    return start > end and any(a <= start < b and a >= end for a, b in item.strong + item.em)


# Where the words after a bold part of a title end: a separator, a link, a stop.
TITLE_PART_END = re.compile(r"\s*[,;|(\[]|\s[-–—]\s|\.\s|\.?$")


def _title_goes_on(after: str) -> bool:
    """Whether the title goes on past its bold words: "**Made-Up Name**: A Subtitle of Words, [arXiv](…)",
    "**Made-Up Name** -- Its Subtitle", "**Bold Words** for Made-Up Robots, …"; not authors ("**Title**
    Ann Lee, Bo Chen"), a venue or a sentence about the paper ("**Title**: this paper proposes …")."""
    subtitle = re.match(r"\s*(?::|--|[–—])\s+(?=[A-Za-z0-9])", after)
    if not subtitle and not re.match(r" (?=[A-Za-z0-9])", after):
        return False
    rest = after[subtitle.end():] if subtitle else after[1:]
    piece = rest[: TITLE_PART_END.search(rest).start()]  # type: ignore[union-attr]
    words = piece.split()
    # "Ann Lee, Bo Chen. [pdf](…)": a person's name, then more people up to the stop
    # ("Simpler, Faster, Stronger": single words are no people's names)
    sentence = re.split(r"\.\s", rest, maxsplit=1)[0]
    people = bool(ET_AL.search(piece)) or len(words) <= 3 and is_name_list(piece) and names_only(sentence) \
        and any(len(name.split()) >= 2 for name in re.split(r",|\band\b|&", sentence))
    if not subtitle and is_name_list(piece):  # "**Title** Ann Lee and Bo Chen": people named in two or three words
        people = people or all(2 <= len(name.split()) <= 3 for name in re.split(r",|\band\b|&", piece) if name.strip())
    if not words or people or only_venue(piece) or venue_year(piece).venue:
        return False
    if subtitle:  # "… : Subtitle Of Two Words Or More" ("Scalable, Robust Models"), not "**Title**: this paper …"
        sentence = re.split(r"[;|(\[]|\.\s", rest, maxsplit=1)[0]
        return len(sentence.split()) >= 2 and not re.match(r"(?:this|we|our|it|a new)\b", piece, re.IGNORECASE)
    # capitalised words alone could be people ("**Title** Ann Lee"); a title has small words or digits,
    # and one word is no person ("**Humanoid Parkour** Learning"), nor four words or more with no "and"
    # between them ("**Distilled Fields** Enable Few-Shot Guided Grasping": a person is two or three)
    return len(words) == 1 or len(words) >= 4 and not re.search(r"\band\b|&", piece) \
        or any(re.search(r"\d", word) or word.islower() for word in words)


def _title_after_people(item: Inline, prefix_end: int) -> tuple[int, int] | None:
    """The title after the people who wrote it: a linked or italic title after a person or a list of
    people and a stop ("Yoon Kim. [Title](…)", "Jason Weston, *Title*, arXiv …"), or the words after a
    list of people and a colon ("Kamal Nigam, et al.: Title. Machine Learning, 1999.")."""
    text = item.text
    spans = sorted([(s.start, s.end) for s in item.links] + item.em)
    for a, b in spans:
        if a <= prefix_end:
            continue
        who = text[prefix_end:a].strip(" *_|")
        if not who or who[-1] not in ".,:" or len(text[a:b].split()) < 2:
            break
        said = venue_year(inner := text[a:b].strip(" []`*_"))
        linked = any(s.start == a for s in item.links)
        # one person's name reads like a short title: before italics only with a comma ("Ann Lee, *Title*"),
        # for "Short Title. _Ann Lee_ arXiv 2023" puts the title first and the person in italics
        person = ONE_PERSON.fullmatch(who.rstrip(".,: ")) and (linked or who.endswith(","))
        if (names_only(who.rstrip(".,: ")) or person) and venues.lookup(who.rstrip(".,: ")) is None \
                and not label_kind(inner) and not (said.venue or said.year) \
                and not (looks_like_authors(inner) or names_only(inner)):
            return a, b
        break  # only the first span after the opening is asked about
    # (before a colon only people unmistakable as such: "Think Small, Act Big: …" is a title's opening)
    if (colon := re.compile(r":\s").search(text, prefix_end)) and names_only(who := text[prefix_end:colon.start()]) \
            and (ET_AL.search(who) or re.search(r"\b[A-Z]\.", who)
                 or len(names := [n for n in re.split(r",|\band\b|&", who) if n.strip()]) >= 3
                 and all(len(n.split()) >= 2 for n in names)):
        return _leading_text(item, colon.end())
    return None


def people_opening(title: str) -> tuple[tuple[str, ...], str] | None:
    """"Thomas Hofmann: Probabilistic Latent Semantic Indexing", "Collins and Singer: …", "Ann Lee at al.: …",
    "Ann Lee and Bo Chen, Made-Up Word Senses from Text": a title that opens with the people who wrote it.
    Taken so only where the list writes its papers that way (document._people_first): alone, "Deep
    Learning: A Survey" and "Domain Randomization and Pyramid Consistency: …" read the same."""
    said = re.sub(r"\bat\s+al\b", "et al", title)  # "at al.": a slip of "et al."
    if (colon := re.search(r":\s", said)) and (people := _people_named(said[:colon.start()], colon=True)):
        rest = title[colon.end():].strip()
    else:
        parts = re.split(r",\s", said)
        cut = next((k for k in range(len(parts) - 1, 0, -1) if _people_named(", ".join(parts[:k]))), 0)
        people = _people_named(", ".join(parts[:cut])) if cut else ()
        rest = ", ".join(title.split(", ")[cut:]).strip()
        if is_name_list(rest):
            return None  # "Ann Lee, Bo Chen, Cy Diaz": people all through, no title
    if not people or len(rest.split()) < 2 or not re.match(r"[\w\"“'‘(]", rest):
        return None
    return people, rest


def _person_then_title(item: Inline, title_span: tuple[int, int]) -> tuple[tuple[str, ...], str] | None:
    """"Ann Lee. Made-Up Graph Networks with Modulation. [Paper](…)": what was taken for a short title is
    one person's name, and the sentence after it is the title."""
    text = item.text
    a, b = title_span
    if not ONE_PERSON.fullmatch(text[a:b].strip()) or not re.match(r"\.\s", text[b:]):
        return None
    found = _leading_text(item, b + 1)
    title = clean_title(text[found[0]:found[1]]) if found else ""
    return ((" ".join(text[a:b].split()),), title) if len(title.split()) >= 3 else None


def _people_named(who: str, colon: bool = False) -> tuple[str, ...]:
    """The people `who` names, each in one to three words ("Collins and Singer" after a colon, where a
    surname alone is how some lists cite), or () when `who` is not only people."""
    who = " ".join(who.split()).strip(" ,")
    bare = re.sub(r",?\s*" + ET_AL.pattern + r"\.?$", "", who, flags=re.IGNORECASE).strip(" ,")
    names = [n.strip() for n in re.split(r",\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", bare) if n.strip()]
    shortest = 1 if colon else 2
    if not names or not is_name_list(bare) or venues.lookup(bare) is not None or INSTITUTION.search(bare) \
            or not all(shortest <= len(n.split()) <= 3 for n in names) or len(names) == 1 and len(names[0].split()) < 2:
        return ()
    return authors_of(who)


# (not two people joined by "and": "Domain Randomization and Pyramid Consistency: …" reads the same)
# One person, given names first: "Yoon Kim", "Zachary C. Lipton", "Jong Won Park"
ONE_PERSON = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s(?:[A-Z]\.|[A-Z][a-z][\w'’-]*)){1,2}")


def _linked_title(item: Inline, prefix_end: int) -> tuple[int, int] | None:
    """The linked title opening the item (past a prefix, a venue or a date), if one does."""
    text = item.text
    for span in item.links:
        label = span.label.strip(" []`*_")
        if label_kind(label) or venue_year(label).venue or (venue_year(label).year and not venue_year(label).name):
            continue
        if span.label.strip(" `*_").startswith("[") and _venue_tag(label):
            continue  # "[\[3D HUMANS Workshop\]](site) Title": a tag linking its workshop, not the title
        before = text[prefix_end:span.start].strip(" *_[]()【】|:-")
        # "[2023/05] [Title](…)", "[06/11] [Title](…)" (a month and day under a year's heading)
        dated = re.fullmatch(r"(?:19|20)\d\d(?:[-./]\d\d?){0,2}|[01]?\d[-./][0-3]?\d", before)
        if span.start > prefix_end + 4 and before and not only_venue(before) and not dated:
            break  # a title opens the item; a link after plain text ("Title. [Chen, S.][1] et al.") is not it
        if label:
            return span.start, span.end
    return None


def _italic_title(item: Inline, prefix_end: int) -> tuple[int, int] | None:
    """Italic words opening the item and followed by a stop or a venue: the title."""
    text = item.text
    for a, b in sorted(item.em):
        if a > prefix_end + 4:
            break  # only italics opening the item are asked about (each test below reads the rest of the item)
        inner = text[a:b].strip()
        followed = re.match(r"\s*(?:$|[,.;:|\[(])", text[b:]) or _venue_follows(text[b:]) \
            or any(c >= b and not text[b:c].strip() for c, _ in item.em)  # "_Title_ ```Venue 2022```"
        if a <= prefix_end + 4 and len(inner.split()) >= (2 if prefix_end else 3) and not venue_year(inner).venue \
                and (prefix_end or not looks_like_authors(inner)) and followed:  # after "**(Name)**": the title
            return a, b
    return None


def _opening_link_title(item: Inline, prefix_end: int) -> tuple[int, int] | None:
    """"[Web Things](https://doi.org/…) [ACM Trans. Web 2023]": when nothing else can be the title, the
    link opening the item is, even when its words could name a link ("web")."""
    if not item.links or item.links[0].start > prefix_end + 2:
        return None
    label = item.links[0].label.strip(" []`*_")
    words = re.findall(r"[a-z][a-z\-]*", label.lower())
    if len(words) >= 2 and label_kind(label) in ("project", "paper") and not venue_year(label).venue \
            and any(not is_label_word(word) for word in words):
        return item.links[0].start, item.links[0].end
    return None


def title_after_authors(item: Inline) -> tuple[tuple[int, int], int] | None:
    """A citation that names its authors first: "Lee, A., Chen, B., *[Title](…)*, Venue, 2019",
    "Lee et al., [Title](…)", also with the authors on a line of their own above the title. The
    first linked or italic words right after a list of people are the title; a label before the
    people ("**DVS**: Lee, A., …", "Described in: Lee et al., …") is a prefix."""
    text = item.text
    spans = sorted([(s.start, s.end, s.label) for s in item.links] + [(a, b, text[a:b]) for a, b in item.em])
    for a, b, label in spans:
        label = " ".join(label.strip(" []`*_").split())
        said = venue_year(label)
        # "*PMLR 2020*" is a venue; "Made-Up Eye Tracking. AIS 2024 Challenge Survey" a title with a year in it
        venue_like = said.venue or said.year and (not said.name or said.plausible and len(said.name.split()) <= 3)
        if len(label.split()) < 2 or label_kind(label) or venue_like or re.search(r"\bet\.? al\b", label):
            continue  # "[Liu et al., Signal Process. Mag. 2019](#Liu19)": a reference to a citation
        opening = text[:a]
        start = max((found.end() for found in re.finditer(r":\s|：", opening)), default=0)  # (a full-width colon too)
        if not opening[start:].strip(" *_[(|"):  # "Ann Lee, Bo Chen: [Title](…)": the people before the colon
            start = 0
        start = past_marks(text, start)
        people = re.sub(r"\(\s*(?:19|20)\d\d[a-z]?\s*\)", " ", opening[start:].replace("|", " "))  # "Lee, A. (2011)."
        if any(x < a and y > start and text[x:y].strip(" *_") for x, y in item.strong):
            return None  # "**Study: Languages and Positions Matter**. *Ann Lee, Bo Chen*": a bold title, no people
        if names_only(people.rstrip(" :")) and not people_follow(text[b:]):
            return (a, b), start
        return None  # the first candidate decides: a title after something else is no citation's
    return None


def _venue_tag(said: str) -> bool:
    """"[Nature Machine Itelligence 2022] Title": a bracketed name and year opening the item, as a list tags
    its papers with their venue, even one the vocabulary does not know (or misspelt)."""
    found = venue_year(said)
    # "[HANDS19 Workshop] Title": a workshop's name is a venue's, with its year glued to it or none
    workshop = re.search(r"\bworkshops?\b", said, re.IGNORECASE) is not None
    return (found.year is not None or workshop) and found.plausible and len(said.split()) <= 6


# What may open an item before its people: a task list's box ("[x]", "[ ]"), a reference's number ("[12]")
OPENING_MARKS = re.compile(r"\s*(?:(?:\[[ xX]\]|\[\d{1,4}\]|\[[A-Z]\])\s*)+")  # "[C]": a letter numbering


def past_marks(text: str, start: int = 0) -> int:
    """Where the item's words start past a box and a reference number ("[x] [1] Lee A, Chen B. …")."""
    found = OPENING_MARKS.match(text, start)
    return found.end() if found else start


def _after_a_title(text: str, start: int, at: int) -> bool:
    """Whether words that could be a title come before `at` ("Title. **Ann Lee**, Bo Chen. *CVPR 2023*":
    the bold name is one of the authors), not a venue, a date, a number or the authors; nor a tag in
    brackets opening the item ("[The Journal of Made-Up Physics] **Title**")."""
    if re.fullmatch(r"[\[【][^\[\]【】]{2,60}[\]】]", text[start:at].strip(" *_")):
        return False
    start = min(past_marks(text, start), at)
    # "**ICDAR2005[67]**: Lucas, S: **Title**": a dataset's name and its reference's number open the item
    before = re.sub(r"^\s*[^\s:：\[]{1,30}(?:\s[^\s:：\[]{1,10})?\[\d{1,3}\]\s*(?::\s+|：\s*)", "", text[start:at])
    before = re.sub(r"[*_`\[\]()【】|]", " ", before).strip(" .,;:：-–—\"“")
    if len(before.split()) < 3 or only_venue(before) or names_only(before) or _mostly_names(before):
        return False
    return not re.fullmatch(r"[\d\s./-]+", before)


def _mostly_names(text: str) -> bool:
    """"Ann Lee, Bo Chen, Cy Diaz, hongbin wang and Di Fu": four people or more, one of them written in
    lower case; a title has longer parts, or fewer."""
    parts = [part.strip() for part in re.split(r",|\band\b|&", text) if part.strip()]
    return len(parts) >= 4 and all(re.fullmatch(r"[^\W\d_]+(?:[ .'’-]+[^\W\d_]+){1,3}\.?", part) for part in parts) \
        and 4 * sum(is_name_list(part) for part in parts) >= 3 * len(parts)


def _quoted_title(text: str) -> re.Match[str] | None:
    """The title in quotes ('Ann Lee. "Title." ICML 2019'): quotes that open the item or follow a
    stop, and close before a stop, not a word quoted inside the title ('Decoupling "when to update"
    from …', '"Give Me BF16 or Give Me Death"? Accuracy …', 'Impairs "Difficult" Downstream Tasks')."""
    for found in re.finditer(r"[\"“]([^\"“”]{8,}?)[\"”]", text):
        before = text[: found.start()].rstrip(" *_")
        after = text[found.end():].lstrip(" *_")
        closed = not after or after[0] in ".,;:|([-–—" or found.group(1).rstrip()[-1:] in ".," \
            or re.match(r"(?:https?://|doi:)", after, re.IGNORECASE) is not None  # '"Title." ICML', '"Title" https://doi…'
        if after[:1] == ":" and _title_goes_on(after):
            continue  # '"I Just Need a Made-Up Tool": Rethinking Onboarding …': the quote opens a longer title
        if (not before or before[-1] in ".,:;|([-–—") and closed:
            return found
    return None


def _venue_follows(after: str) -> bool:
    """Whether a venue and its year follow, alone up to the next separator: "_Title_ ```EMNLP 2019```"."""
    chunk = re.split(r"\s\|\s|\[", after, maxsplit=1)[0].strip()
    said = venue_year(chunk)
    alone = venues.strip_year(re.sub(r"[*_`]", " ", chunk)) == said.name  # the venue, not words ending in one
    return alone and said.year is not None and (said.venue is not None or said.plausible)


# "[CVPR 2023] Title", "【CVPR 2023】Title", "(AAAI 2022) Title": the venue opening the item, bracketed
OPENING_VENUE = re.compile(r"[\[(【]([^\[\]()【】]{2,40})[\])】]\s*")


# "2016-ICLR - Title", "2014 - Title", "ICML 2019 - Title": a year (and venue) before a dash opens the item.
OPENING_DATED_VENUE = re.compile(r"((?:19|20)\d\d(?:\s*[-_ ]\s*[A-Za-z][\w&.'’]{0,20}(?:[- ][A-Za-z][\w&.'’]{0,20}){0,2})?"  # noqa: E501
                                 r"|[A-Za-z][\w&.'’]{0,20}[-_ ]?(?:19|20)\d\d)\s*[-–—]\s+")


# "CVPR 2024, Title", "arXiv 2024.03, Title", "ICLR 2024 oral, Title", "NIPS 2020 (spotlight), Title": a
# known venue, its year (maybe to the month) and how the paper fared there, then a comma, open the item.
# Also a journal named in full ("IEEE Transactions on Human-Machine Systems 2015, Title"), one without its
# year ("Science Robotics, Title": a known venue of two words or more), and two venues ("arXiv 2024.09 /
# CoRL 2024 Oral, Title": its preprint, then where it appeared).
OPENING_NAMED_VENUE = re.compile(r"([A-Za-z][\w&.'’-]*(?:\s[A-Za-z][\w&.'’-]*){0,5})\s+((?:19|20)\d\d)(?:[./]\d\d?)?"
                                 r"((?:\s+\(?[A-Za-z]+\)?){0,6})(?:,\s+|\s/\s(?=[A-Za-z]))")
OPENING_JOURNAL = re.compile(r"([A-Z][\w&.'’-]*(?:\s[A-Za-z][\w&.'’-]*){1,6}),\s+")


def _known_venue_year(found: re.Match[str]) -> bool:
    """"CVPR 2024, ", "CVPR 2024 submission, ": a known venue alone before its year, then small words;
    capitalised words after the year only when they say how it fared ("Best Paper Honorable Mention")."""
    venue = f"{found.group(1)} {found.group(2)}"
    if venue_year(venue).venue is None or not only_venue(venue):
        return False
    fared = found.group(3)
    return fared == fared.lower() or only_venue(f"{venue} {fared}")


def _known_journal(name: str) -> bool:
    """"Science Robotics": a known venue, not a preprint server, named alone in two words or more."""
    said = venue_year(name)
    return said.venue is not None and said.venue.csl_type != "article" and said.year is None \
        and said.name == name.strip() and len(name.split()) >= 2


# What a news line says ("[2024/05] We released the code", "2023-10: our paper is accepted")
NEWS_WORDS = re.compile(r"\b(?:we|our|us|release[sd]?|add(?:ed|s)?|updated?|accepted|new(?:ly)?|"
                        r"check out|welcome|join|coming)\b|🔥|🎉|📢", re.IGNORECASE)


# "2023.05.01 Title", "[2023/06] Title": the date the list added or published the paper, before its title.
DATE_OPENING = re.compile(r"(?:19|20)\d\d[-./]\d\d?(?:[-./]\d\d?)?\]?[\s:]+"
                          r"|(?:19|20)\d\d\s*\|\s+")  # "+ 2019 | Title | Authors | Venue | [PDF](…)", a row as an item


# "1) Title", "(2) Title" in a cell: the rank in the week's list, not the title.
NUMBERING = re.compile(r"(?:\d{1,3}\)|\(\d{1,3}\))\s+")


# "Title - proposes a method that …", "Title  This paper introduces …" (two spaces): a description
# follows the title, a sentence of its own ("Image- and Video-Level" is no such dash).
DESCRIPTION_AFTER = re.compile(r"\s[-–—]\s+(?=[a-z])|(?<=[\w)?!+])\s{2,}(?=[A-Z])")


# In a ranked digest's cell the dash may be glued to either side: "Auto-RAG- an …", "DeepSeek-V2 -a …".
RANKED_DESCRIPTION_AFTER = re.compile(r"(?:\s[-–—]\s*|(?<=\w)[-–—]\s+)(?=[a-z])|(?<=[\w)?!+])\s{2,}(?=[A-Z])")


def description_start(text: str, start: int = 0, words: int = 5, ranked: bool = False) -> int | None:
    """Where a description of at least `words` words follows the title in text[start:]: after a dash
    and a lower-case word, or after two spaces and a sentence of ten words or more."""
    for found in (RANKED_DESCRIPTION_AFTER if ranked else DESCRIPTION_AFTER).finditer(text, start):
        after = len(text[found.end():].split())
        if after >= (words if found.group(0).strip() else max(words, 10)):
            return found.start()
    return None


def _dated_venue(text: str) -> bool:
    """"2016-CVPR", "2014", "2021- IEEE PAMI": a year, and a venue of one word or one the vocabulary knows."""
    said = venue_year(text)
    if said.year is None:
        return False
    one_word = len(re.split(r"[\s-]+", said.name)) == 1
    return said.venue is not None or not said.name or one_word and said.plausible


def _after_connector(text: str, at: int) -> bool:
    """Whether emphasis at `at` follows a title's small word ("Learning Through **Graph Search and
    Retrieval**"): it goes on with the title, it is no list of people or venue."""
    before = text[:at].rstrip(" *_").split()
    return bool(before) and before[-1].lower() in CONNECTORS and text[at - 1:at].isspace()


def _ends_title(text: str) -> bool:
    found = venue_year(text)
    return bool(found.venue or found.year or looks_like_authors(text))


def _is_acronym(text: str, after: str = ":") -> bool:
    """"**SLIP**:", "**[SPP-Net]**", "**CortexBench** "…"": a short name before the title (a bold
    "**Graph U-Nets.**" with nothing such after it is the title itself)."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]") or text.startswith("(") and text.endswith(")"):
        # "**[Faster R-CNN, RPN]**", "**(SciBERT)**"; "**[A Made-Up Title Of Six Words]**" is a title
        return len(text.split()) <= 3
    if not (text.endswith((":", "：")) or re.match(r"\s*[:：\"“]", after)):
        return False
    text = text.strip(" :：")
    return bool(text) and len(text.split()) <= 2 and len(text) <= 25


# "[[ICLR2018 Poster]](…)", "[CVPR 2021 Oral]": how the paper was presented at its venue
PRESENTATION = re.compile(r"\b(?:posters?|orals?|spotlights?)\b", re.IGNORECASE)


def venue_label(label: str) -> str:
    """A link's label as its kind is read: a known venue with its year and how the paper was
    presented there ("ICLR2018 Poster") is the venue's link, not a poster's."""
    said = venue_year(label)
    if said.venue and said.year and PRESENTATION.search(label):
        return PRESENTATION.sub(" ", label)
    return label


def _link_label_only(item: Inline, a: int, b: int) -> bool:
    """Whether the bold text is just the label of a link ("**[Paper](…)**")."""
    return any(s.start <= a + 1 and s.end >= b - 1 and label_kind(s.label) for s in item.links)


def _leading_text(item: Inline, start: int) -> tuple[int, int] | None:
    """The plain text that opens the item, up to its first link, emphasis or separator."""
    text = item.text
    # Emphasis inside a title ("Fast Human _Pose Estimation_") is part of it; a venue, year or
    # author list in emphasis ends it, and so does a link.
    # bold words before a colon are a name and its subtitle, never people ("**Plan Online, Learn Offline**: …")
    named = {(a, b) for a, b in item.strong if re.match(r":\s", text[b:])
             and not ((said := venue_year(text[a:b])).venue or said.year)}
    spans = [(s.start, s.end) for s in item.links] + \
            [(a, b) for a, b in item.strong + item.em
             if _ends_title(text[a:b]) and not _after_connector(text, a) and (a, b) not in named]
    start = _past_opening(text, start, spans)
    end = min([a for a, _ in spans if a >= start] + [len(text)])
    if cited := CITATION_AUTHORS.match(text, start, end):  # "Sui, Y., Gotovos, A., and Krause, A. Title. ICML 2015"
        start = cited.end()
    elif (people := _names_sentence(text, start, end)) is not None:
        start = people  # "Ann Lee, Bo Chen. Title. ICML 2019", "Ann Lee and Bo Chen. 2020. Title."
    piece = text[start:end]
    cut = len(piece)
    separators = (re.compile(r"\s[|·•]\s|\s\|$|,\s(?=[^,.]*\bet\.? al\b)"), SENTENCE_END, INVERTED_AUTHORS_AFTER,
                  GBT_TYPE_MARK, ARXIV_AFTER,
                  re.compile(r"\s?[(\[](?=[^)\]]*\d{2}[^)\]]*[)\]])"))  # "Title [KDD 2021]", "Title (CVPR'19)"
    for separator in separators:
        if found := separator.search(piece):
            cut = min(cut, found.start())
    cut = min(cut, _venue_after_separator(piece))
    for bracketed in re.finditer(r"\s\(([^()]{2,40})\)", piece):  # "Title (NAACL)": a venue without its year
        if bracketed.start() and only_venue(bracketed.group(1)) and venue_year(bracketed.group(1)).venue:
            cut = min(cut, bracketed.start())
            break
    if (described := description_start(piece, words=8)) is not None:
        cut = min(cut, described)
    # "Title (not machine learning) (VLDB 2014)": a note in lower-case words right before the venue's brackets
    note = re.search(r"\s\((?:[a-z][a-z-]*\s?){2,6}\)\s*$", piece[:cut])
    if note and piece[cut:].lstrip()[:1] in ("(", "["):
        cut = note.start()
    piece = piece[:cut].rstrip(" ,.;:(|[")
    if len(piece.split()) < 1 or not re.search(r"[A-Za-z]", piece):
        return None
    return start, start + len(piece)


def _past_opening(text: str, start: int, spans: list[tuple[int, int]]) -> int:
    """Where the title starts past what opens the item: "[[CVPR](…)] Title", "| **CVPR'17** | Title",
    "2016-ICLR - Title", "1) Title", "CVPR 2024, Title"."""
    while True:
        start = past_marks(text, start)
        while start < len(text) and not text[start].isalnum() and text[start] not in "\"“'‘":
            start += 1
        opening = [b for a, b in spans if a <= start < b]
        bracket = start - 1 if start and text[start - 1] in "[(【" else start
        if (bracketed := OPENING_VENUE.match(text, bracket)) and (only_venue(bracketed.group(1))
                                                                  or _venue_tag(bracketed.group(1))):
            opening.append(bracketed.end())
        elif (dated := OPENING_DATED_VENUE.match(text, start)) and _dated_venue(dated.group(1)):
            opening.append(dated.end())
        elif numbered := NUMBERING.match(text, start) or DATE_OPENING.match(text, start):
            opening.append(numbered.end())
        elif (named := OPENING_NAMED_VENUE.match(text, start)) and _known_venue_year(named):
            opening.append(named.end())
        elif (journal := OPENING_JOURNAL.match(text, start)) and _known_journal(journal.group(1)):
            opening.append(journal.end())
        if not opening:
            return start
        start = max(opening)


# "Title, Hinton, Geoffrey, Oriol Vinyals, and Jeff Dean. arXiv:…", "Title, Lee, Ann, et al.": the first
# author written surname first, then more people; "Look, Listen, Learn" stays a title
INVERTED_AUTHORS_AFTER = re.compile(r",\s(?=[A-Z][\w'’-]+,\s[A-Z][\w'’-]*\.?(?:\s[A-Z]\.)*,?\s"
                                    r"(?:et\.?\s?al\b|(?:[A-Z][\w'’-]+\s[A-Z][\w'’-]+,\s)*and\s[A-Z][\w'’-]+\s[A-Z][\w'’-]+\.))")


# "Title, arXiv:1511.04670", "Title. arXiv preprint arXiv:1410.5401": the preprint's id after the title
ARXIV_AFTER = re.compile(r"[,.;]?\s+(?=(?:arxiv\s+preprint\s+)?arxiv:\s?\d{4}\.\d)", re.IGNORECASE)


# One separator between a title and what follows it: "Title, CVPR 2023, [arXiv](…)", "Title; ICCV 2023",
# "Title - SIGGRAPH 2022".
SINGLE_SEPARATOR = re.compile(r"\s*[,;]\s+|\s[-–—]\s")


def _names_sentence(text: str, start: int, end: int) -> int | None:
    """Where the title starts when the item opens with a sentence of people ("Ann B. Lee, Bo Chen.",
    "Lee A, Chen B.", maybe with the year after them: "… and Bo Chen. 2020."), None if it does not."""
    for stop in NAMES_SENTENCE.finditer(text, start, end):
        after = text[stop.end():end]
        if not names_only(text[start:stop.start()]):
            continue
        if re.search(r"(?:^|\s)[A-Z]$", text[start:stop.start()]) and re.match(r"[A-Z][\w'’-]+,", after):
            continue  # "Alexander G. Hauptmann, Title": a middle initial, the surname after it
        if people_follow(after):
            return None  # the people come after the title, not before it
        if len(after.split()) >= 2 and not only_venue(after.strip(" .")):
            return stop.end()
    return None


def people_follow(after: str) -> bool:
    """Whether the sentence after a supposed title is itself a list of people ("Lee, Ann et al.",
    "Park, Jo and Kim, Bo."): a paper names its people once, so the words before it that read
    as names ("Pruning and Quantization. Lee, Ann et al. ICCV 2019") were the title."""
    first = AUTHORS_END.split(after.lstrip(" .,;:*_"), maxsplit=1)[0]
    return bool(first.strip()) and (looks_like_authors(first) or names_only(first))


def _venue_after_separator(piece: str) -> int:
    """Where a title ends when a single separator (`,` `;` ` - `) is followed by a venue and year
    and nothing more before the next separator (`len(piece)` if none is): a comma inside a title
    ("Mean Shift, Mode Seeking, and Clustering") is followed by words, not a venue."""
    for found in SINGLE_SEPARATOR.finditer(piece):
        if found.start() == 0:
            continue
        after = piece[found.end():]
        chunk = SINGLE_SEPARATOR.split(after, maxsplit=1)[0].strip(" .")
        said = venue_year(chunk)
        # the venue alone: "…, Pruning and Dynamic Distillation. CVPR 2021" goes on with the title
        alone = venues.strip_year(re.sub(r"[*_`]", " ", chunk)) == said.name
        # "…, Fine-Grained Tuning (arXiv 2024)": words before a bracketed venue are the title's, unless they
        # name that venue ("…, International Conference on Learning Representations (ICLR 2020)")
        named = chunk.split("(")[0].strip(" *_`")
        if "(" in chunk and named and (said.venue is None or venues.lookup(named) != said.venue):
            continue
        if chunk and len(chunk.split()) <= 6 and alone and (
                said.venue is not None or said.year is not None and (not said.name or said.plausible)):
            return found.start()
        if said.year is None and LAST_YEAR.fullmatch(after[len(chunk):].strip(" .")) \
                and (VENUE_WORDS.search(chunk) or JOURNAL_ABBREVIATION.search(chunk)) \
                and re.fullmatch(r"[A-Z][\w.&'’ -]*", chunk) and not looks_like_authors(chunk) \
                and len(chunk.split()) <= 6:
            return found.start()  # "Title, J. of Made-Up Research, 2011.": a venue, then its year alone
    return len(piece)


# What is left after a venue's name: its year alone (", 2011." closing the item)
LAST_YEAR = re.compile(r"[,;]\s*(?:19|20)\d\d")
# A journal's name abbreviated as citations do ("J. of …", "Trans. on …", "MSR Technical Report")
JOURNAL_ABBREVIATION = re.compile(r"\b(?:J|Trans|Proc|Conf|Int|Intl|Comput|Mach|Res|Technical Report|Tech\. Rep)\b\.?")
