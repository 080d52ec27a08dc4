"""Hand-curated facts: one YAML file per paper in overrides/, named by its citation key.

An override holds CSL fields that replace the resolved ones, plus `source:` (where the
facts were read). It finds its row by an explicit `match:` (arXiv id, link DOI or title) or, without
one, by the key its file is named after. Anything wrong with a file is an InputError that
names the file and line: overrides are trusted facts, so a broken one stops the run.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .awesome_list import ListEntry
from .errors import InputError
from .keys import KEY_PATTERN
from .record import DOI_PATTERN, Record, date_parts

CSL_TYPES = frozenset(
    "article article-journal article-magazine article-newspaper bill book broadcast chapter classic "
    "collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic "
    "hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet "
    "paper-conference patent performance periodical personal_communication post post-weblog "
    "regulation report review review-book software song speech standard thesis treaty webpage".split()
)
TEXT_FIELDS = frozenset(
    "title container-title container-title-short event-title event-place collection-title page "
    "volume issue number publisher publisher-place URL ISSN ISBN note language abstract "
    "title-short keyword".split()
)
# `<field>-reason`: why a DOI, pages or authors are missing, for `wsss-bib check`.
CUSTOM_FIELDS = {"arxiv": "arxiv", "code": "code", "project": "project", "doi-reason": "doi-reason",
                 "page-reason": "page-reason", "author-reason": "author-reason", "list-says": "list-says"}
META_FIELDS = frozenset({"match", "source"})
ALLOWED = TEXT_FIELDS | set(CUSTOM_FIELDS) | META_FIELDS | {"type", "author", "issued", "DOI"}
NAME_PARTS = frozenset({"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"})
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class Override:
    key: str
    path: Path
    record: Record  # CSL fields (None = "remove"), plus custom
    match: dict[str, str] = field(default_factory=dict)
    line: int = 1  # where `match:` is, for errors about matching


def load_overrides(directory: str | Path) -> list[Override]:
    """Every override in `directory` (none if it does not exist), validated: YAML and BibTeX files."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    yaml_overrides = [_load(path) for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))]
    bib_paths = sorted(directory.glob("*.bib"))
    if not bib_paths:
        return yaml_overrides
    # Imported here: it builds on this module's checks, and its LaTeX decoder costs ~0.15 s to import.
    from .bib_overrides import load_bib_overrides

    return yaml_overrides + [o for path in bib_paths for o in load_bib_overrides(path)]


def match_overrides(overrides: list[Override], rows: list[tuple[ListEntry, str]]) -> dict[int, Override]:
    """Pair overrides with rows given as (list entry, provisional key); each exactly once."""
    by_row: dict[int, Override] = {}
    for override in overrides:
        hits = [i for i, (entry, key) in enumerate(rows) if _matches(override, entry, key)]
        if not hits:
            raise InputError(override.path, override.line, f"override {override.key!r} matches no row of the list")
        if len(hits) > 1:
            raise InputError(override.path, override.line, f"override {override.key!r} matches {len(hits)} rows")
        if hits[0] in by_row:
            other = by_row[hits[0]]
            raise InputError(override.path, override.line,
                             f"a second override for the paper of {other.path.name}")
        by_row[hits[0]] = override
    return by_row


def _matches(override: Override, entry: ListEntry, key: str) -> bool:
    if "arxiv" in override.match:
        return entry.arxiv_id is not None and entry.arxiv_id == override.match["arxiv"]
    if "doi" in override.match:  # the DOI in the row's PDF link (dl.acm.org/doi/..., doi.org/...)
        return entry.link_doi is not None and entry.link_doi.lower() == override.match["doi"].lower()
    if "title" in override.match:
        return _folded(entry.title) == _folded(override.match["title"])
    return key == override.key


def _folded(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def _load(path: Path) -> Override:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        # Point at where the broken construct began (an unclosed `[` is found only at the end).
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        what = " ".join(str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part)
        raise InputError(path, mark.line + 1 if mark else None, f"invalid YAML: {what or err}") from None
    if not isinstance(data, dict) or node is None:
        raise InputError(path, 1, "an override is a YAML mapping of field: value")
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        name = key_node.value
        if name in lines:
            raise InputError(path, key_node.start_mark.line + 1, f"field {name!r} given twice")
        lines[name] = key_node.start_mark.line + 1
    if not KEY_PATTERN.match(path.stem):
        raise InputError(path, 1, f"file name {path.stem!r} is not a usable citation key")
    record: Record = {}
    custom: dict[str, Any] = {}
    for name, value in data.items():
        line = lines.get(name, 1)
        if name not in ALLOWED:
            raise InputError(path, line, f"unknown field {name!r} (allowed: {', '.join(sorted(ALLOWED))})")
        if name in META_FIELDS:
            continue
        checked = _checked(name, value, path, line)
        if name in CUSTOM_FIELDS:
            custom[CUSTOM_FIELDS[name]] = checked
        else:
            record[name] = checked
    sources = data.get("source")
    if isinstance(sources, str):
        sources = [sources]
    if not sources or not all(isinstance(s, str) and s.strip() for s in sources):
        raise InputError(path, lines.get("source", 1), "`source:` must name where the facts were read")
    custom["sources"] = sources
    record["custom"] = custom
    match = data.get("match") or {}
    if not isinstance(match, dict) or not set(match) <= {"arxiv", "doi", "title"} or len(match) > 1:
        raise InputError(path, lines.get("match", 1),
                         "`match:` takes one of `arxiv: ID`, `doi: DOI` (of the row's link) or `title: TEXT`")
    if not all(isinstance(v, str) for v in match.values()):
        # An unquoted 2110.07110 is the number 2110.0711: the id must be quoted.
        raise InputError(path, lines.get("match", 1), "`match:` values must be quoted text")
    return Override(path.stem, path, record, {k: str(v) for k, v in match.items()}, lines.get("match", 1))


def _checked(name: str, value: Any, path: Path, line: int) -> Any:
    """The field's value in CSL form, or an InputError saying what is wrong with it."""
    def fail(message: str) -> InputError:
        return InputError(path, line, f"{name}: {message}")

    if value is None:
        return None  # explicitly unknown: removes what a service said
    if name == "type":
        if value not in CSL_TYPES:
            raise fail(f"{value!r} is not a CSL type")
        return value
    if name == "DOI":
        if not isinstance(value, str) or not DOI_PATTERN.match(value.strip()):
            raise fail(f"{value!r} is not a DOI (10.NNNN/...)")
        return value.strip()
    if name == "author":
        if not isinstance(value, list) or not value:
            raise fail("a list of {family:, given:} names")
        for person in value:
            if not isinstance(person, dict) or not set(person) <= NAME_PARTS or not (
                    person.get("family") or person.get("literal")):
                raise fail(f"{person!r} is not a name with family (or literal)")
            if not all(isinstance(part, str) for part in person.values()):
                raise fail(f"{person!r}: name parts are text")
        return value
    if name == "issued":
        return _issued(value, fail)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise fail(f"expected text, got {type(value).__name__}")
    return str(value).strip()


def _issued(value: Any, fail: Any) -> dict[str, Any]:
    if isinstance(value, datetime.date):  # YAML reads an unquoted 2022-06-18 as a date
        return date_parts(value.year, value.month, value.day)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return date_parts(value)
    if isinstance(value, str) and (iso := ISO_DATE.match(value.strip())):
        return date_parts(*(int(part) for part in iso.groups() if part))
    if isinstance(value, dict) and isinstance(value.get("date-parts"), list):
        return value
    raise fail(f"{value!r} is not a year, YYYY-MM(-DD) or CSL date-parts")
