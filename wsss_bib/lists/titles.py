"""Titles and the people who wrote them: a title as a reader writes it (no emoji, quotes or
the makers' lab after it), and author lists in the spellings lists use ("Ann Lee, Bo Chen",
"Lee, A., Chen, B.", "Lee et al", "Made-Up Team").
"""

from __future__ import annotations

import re
import unicodedata

from .spans import EMOJI_SHORTCODE

# "Title(@Lab)", "Title (@Univ etc)": who made it, not part of the title.
AFFILIATION = re.compile(r"\s*\(@[^()]*\)\s*$")
# "Structural Deep Clustering Network (SDCN/SDCN_Q)": the method's short name after the title, not part of it.
NICKNAME = re.compile(r"(?<=\w)\s+\((?=[^()\s]*[A-Z][^()\s]*[A-Z])[A-Za-z][\w/+\-.]{1,24}\)$")
# "et al.", "et al", "etal": the authors go on
ET_AL = re.compile(r"\bet\.?\s?al\b", re.IGNORECASE)
# "Qwen Team", "Gemini Team, Google", "Team GLM", "The Movie Gen team @ Meta": a group that wrote the paper
GROUP_AUTHOR = re.compile(r"(?:the\s+)?(?:[\w.&'’-]+\s+){0,4}(?:team|group)(?:\s*[,@]\s*[\w .@&'’-]{1,40})?"
                          r"|team\s+[\w.-]+", re.IGNORECASE)
AUTHORS_LABEL = re.compile(r"^\W*(?:authors?|by|作者)\s*[:：]\s*", re.IGNORECASE)  # (作者: "authors" in Chinese)
# "**原文**: Title" (the original, under a heading that translates it), "English title: …": the paper's own title
ORIGINAL_TITLE = re.compile(r"^\W*(?:原文|原标题|英文标题|论文标题|original title|english title)\s*[:：]\s*(.+)$",
                            re.IGNORECASE)
# "Sui, Y., Gotovos, A., and Krause, A. " before a citation's title.
# Also as APA writes them, with "&" and the year after: "Lee, A., & Chen, B. (2020). Title."
CITATION_AUTHORS = re.compile(r"(?:(?:(?:and|&)\s+)?[A-Z][\w'’\-]+,\s+(?:[A-Z]\.\s*)+(?:-?[A-Z]\.\s*)*,?\s*)+"
                              r"(?:\((?:19|20)\d\d[a-z]?\)\.?\s*)?(?=[A-Z\"“](?:[a-z]|\s))")
# "Ann Lee, Bo Chen, and Cy Diaz. Title. ICML 2019": the people, then a stop, then the title
# The stops that may end a sentence of people before a title, a year after them kept with them
NAMES_SENTENCE = re.compile(r"\.\s+(?:\(?(?:19|20)\d\d[a-z]?\)?\.\s+)?"
                            r"(?=[A-Z\"“]|(?!(?i:arxiv|doi|https?|pp|vol|in)\b)[a-z][\w-]*:\s)")
# (a title may open in lower case when it is a name and its subtitle: "Dong et al. metapath2vec: Scalable …")
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[a-z]['’][A-Z][\w'’\-]*|[A-Z]\.(?:-?[A-Z]\.)*|[A-Z](?:\.-?[A-Z])+\.?"
                        r"|van|von|der|den|ter|de|da|del|di|du|dos|la|le)$")
# "*Made-Up University, Example Lab*" under a paper heading: where the authors work, not who they are.
INSTITUTION = re.compile(r"\b(?:universit(?:y|ies|ät|é)|institutes?|laborator(?:y|ies)|labs?|college|academy|"
                         r"school|department|centers?|centres?|research|inc|ltd|corporation|google|microsoft|"
                         r"deepmind|openai|nvidia|alibaba|tencent|baidu|huawei|bytedance)\b", re.IGNORECASE)
# A company's name that is also a given name ("Huawei Shen"): one person's, where it opens a name of two words
GIVEN_NAME_TOO = re.compile(r"^(?:huawei|alibaba)\s+[A-Z][a-z]+$", re.IGNORECASE)
INITIALS = re.compile(r"^(?:[A-Z]\.?\s*)+(?:-?[A-Z]\.?\s*)*$")


def clean_title(text: str) -> str:
    """The title as a reader writes it: no emoji or shortcodes, quotes, stars or trailing marks;
    mojibake ("AfÔ¨Ånity" is "Affinity") and ligatures repaired; LaTeX's accents ("Caf{\\'e}") as letters."""
    text = EMOJI_SHORTCODE.sub(" ", latex_accents(text))
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cs", "Co") and ch != "\ufe0f")
    if not (text.isascii() and text.isprintable() and "&" not in text):
        # ftfy (70 ms to import) changes only text with non-ASCII, control characters or entities.
        import ftfy
        text = ftfy.fix_text(text)
    text = " ".join(text.split())
    text = AFFILIATION.sub("", text)
    if (nickname := NICKNAME.search(text)) and len(text[: nickname.start()].split()) >= 3:
        text = text[: nickname.start()]
    text = text.strip(" *_|")
    for left, right in (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’")):
        if len(text) > 2 and text.startswith(left) and text.endswith(right):
            text = text[1:-1].strip()
    for quote in ('"', "”"):  # 'Title: Subtitle", *arXiv*': a closing quote that opens nothing
        if text.endswith(quote) and text.count(quote) == 1 and "“" not in text:
            text = text[:-1].rstrip()
    for quote in ('"', "“"):  # '"Title' ('"**“Title**."'): an opening quote that closes nothing
        if text.startswith(quote) and text.count(quote) == 1 and "”" not in text:
            text = text[1:].lstrip()
    if re.fullmatch(r"\[[^\[\]]{8,}\]", text):  # "**[A Made-Up Title In Brackets]**"
        text = text[1:-1].strip()
    for left, right in (("[", "]"), ("(", ")")):
        if text.endswith(right) and text.count(left) < text.count(right):
            text = text[:-1]
        if text.startswith(left) and text.count(left) > text.count(right):
            text = text[1:]
    return text.rstrip(" ,;:|-–—").rstrip(".") if not text.endswith("..") else text


# What a name may carry that is no part of it: the name the person goes by ("Wang, Z. (Winston)", 'Jan
# "Honza" Cernocky'), a footnote's number glued to it ("Federico Raue1, and Marcus Liwicki1") or the numbers
# of their affiliations and an ORCID mark, as a paper's first page has them ("Ann Lee 1,2,*ORCID,Bo Chen 3")
NAME_EXTRAS = re.compile(r"\s\([A-Z][a-z]+\)|\s[\"“'‘][A-Z][a-z]+[\"”'’](?=\s)|(?<=[a-z])\d(?=,|\s|$)"
                         r"|(?<=[a-z])\s\d(?:,\d)*(?=,|\s|$)|,?\s*\*?\s*ORCID\b")


def _as_named(text: str) -> str:
    """The names without their extras, an initial glued to its surname set apart ("A.Graves"), letters
    written as LaTeX writes accents ("Herv{\\'e}") as the letters they are."""
    text = NAME_EXTRAS.sub("", latex_accents(text)).replace("，", ", ").replace("、", ", ")  # (full-width commas)
    text = re.sub(r"\band(?=[A-Z][a-z])", "and ", text)  # "Bo Chen andCy Diaz": a space lost
    return re.sub(r"(?<=\b[A-Z]\.)(?=[A-Z][a-z])", " ", text)


# "Herv{\'e} J{\'e}gou" as a BibTeX export writes it ("Herv{'e}" once markdown took the backslash as an escape)
LATEX_ACCENT = re.compile(r"\{\\?(['`^\"~])\s?\{?([A-Za-z])\}?\}|\\(['`^\"~])\{?([A-Za-z])\}?")
COMBINING = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303"}


def latex_accents(text: str) -> str:
    if "{" not in text and "\\" not in text:
        return text
    return LATEX_ACCENT.sub(lambda found: unicodedata.normalize(
        "NFC", (found.group(2) or found.group(4)) + COMBINING[found.group(1) or found.group(3)]), text)


def is_name_list(text: str) -> bool:
    """"Zhiyuan Liu, Jie Zhou." or "Wang, Xiaolong and Girshick, Ross": people, not words."""
    text = _as_named(text).strip(" .;*_")
    names = [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]
    if not text or re.search(r"\d", text) or any(INSTITUTION.search(n) and not GIVEN_NAME_TOO.match(n) for n in names):
        return False
    text = _unaccented(text)  # "Yılmaz, Ö.": capitals with accents are capitals
    names = [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]
    return bool(names) and all(1 <= len(n.split()) <= 5 and all(NAME_TOKEN.match(t) for t in n.split())
                               for n in names)


# Letters with a stroke or ligatures, which NFKD leaves whole ("Vuk Đuranović", "Ana Łukasik", "Bo Øster")
STROKED = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ħ": "H", "ħ": "h",
                         "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Þ": "Th", "þ": "th", "ß": "ss", "ı": "i"})


def _unaccented(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.translate(STROKED)) if not unicodedata.combining(ch))


def authors_of(text: str) -> tuple[str, ...]:
    text = _as_named(text).strip(" .,;*_\"“”")  # 'Szegedy, Christian, et al. "': a quoted title follows
    if found := ET_AL.search(text):
        # "Fengyuan Liu, Huang Yi, Sichun Luo et al.": the names written out, the last marked "et al"
        named = [" ".join(n.split()) for n in text[: found.start()].split(",") if n.strip()]
        if len(named) >= 2 and all(len(n.split()) >= 2 for n in named) and is_name_list(", ".join(named)):
            return (*named[:-1], f"{named[-1]} et al")
        # "Lee, A; Chen, B; et al.": every name written surname first
        inverted = [" ".join(n.split()) for n in re.split(r"[,;]", text[: found.start()]) if n.strip()]
        if len(inverted) >= 4 and ";" in text and (people := _uninverted(inverted)) != tuple(inverted):
            return (*people[:-1], f"{people[-1]} et al")
        if len(named) == 1 and not text[found.end():].strip(" ."):
            return (f"{named[0]} et al",)  # "Ann Lee, et al.": as "Ann Lee et al."
        return (" ".join(text.split()),)
    if is_name_list(text):
        return _uninverted([n.strip() for n in re.split(r",\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", text) if n.strip()])
    return ()


def _uninverted(names: list[str]) -> tuple[str, ...]:
    """Names written surname first, as citations do: "Sui, Y., Gotovos, A." (every name inverted:
    surnames and initials alternate) or "Bengio, Yoshua, Ian Goodfellow, and Aaron Courville" (the
    first name alone inverted, the others written in full) -> "Y. Sui", "Yoshua Bengio"."""
    if len(names) >= 2 and len(names) % 2 == 0 and all(len(n.split()) == 1 for n in names[::2]) \
            and all(INITIALS.match(_unaccented(n)) for n in names[1::2]):
        # the list's last stop was taken as the sentence's: "Krause, A." ends "A"
        pairs = zip(names[::2], names[1::2])
        return tuple(f"{re.sub(r'(?<=[A-Z])$', '.', given)} {surname}" for surname, given in pairs)
    if len(names) >= 3 and len(names[0].split()) == 1 and 1 <= len(names[1].split()) <= 3 \
            and all(len(n.split()) >= 2 for n in names[2:]):
        return (f"{names[1]} {names[0]}", *names[2:])
    return tuple(names)


def names_only(text: str) -> bool:
    """"Lee, A., Chen, B.,", "Lee, A. and Chen, B.", "Lee et al.,", "Taverni, G; Moeys, D;": a
    list of people and nothing else (one person only when written surname first)."""
    text = _as_named(text)
    text = " ".join(text.split()).strip(" ,.;*_").replace(";", ",")
    bare = re.sub(r",?\s*" + ET_AL.pattern + r"\.?$", "", text, flags=re.IGNORECASE).strip(" ,.;")
    several = bare != text or bool(re.search(r",|\band\b|&", bare))
    initials_first = re.fullmatch(r"(?:[A-Z]\.\s?)+[A-Z][\w'’-]+", bare)  # "A. Glaser"
    return bool(bare) and (several or bool(initials_first)) and is_name_list(bare)


def looks_like_authors(text: str) -> bool:
    """"Liu et al.", "Zhiyuan Liu, Jie Zhou": more than one name, or "et al." (a lone "Pose
    Estimation" could be a name or two title words)."""
    return bool(ET_AL.search(text)) or \
        bool(re.search(r"[,，、]|\band\b|&", text)) and is_name_list(text)
