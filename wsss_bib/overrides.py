"""Hand-curated facts: one file per paper in overrides/, named by its citation key; and the YAML reader.

An override holds CSL fields that replace the resolved ones, plus `source:` (where the
facts were read). It finds its row by an explicit `match:` (arXiv id, link DOI or title) or, without
one, by the key its file is named after. Anything wrong with a file is an InputError that
names the file and line: overrides are trusted facts, so a broken one stops the run.

`OVERRIDE_READERS` is the one registry of file formats: adding one is a module with a reader
(`override.OverrideReader`) and one line there. `override.built` checks what every reader gives.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import InputError
from .keys import KEY_PATTERN
from .lists.model import ListEntry
from .normalise import normalised_title
from .override import ALLOWED, META_FIELDS, Field, Override, OverrideFields, OverrideReader, built, text_problem_in

MAX_FILE_BYTES = 256 * 1024  # an override is a few hundred bytes; a larger file is a mistake


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML with dates left as text: `2022-02-30` is checked here, not a crash in PyYAML.

    libyaml's parser where PyYAML has it (the wheels do): the pure-Python one took 0.5 s of a
    0.4 s warm export for the 50 bundled overrides."""


# YAML 1.1 reads `012` as 10, `0x1F` as 31, `1_000` as 1000, `1:30` as 90, `1.10` as 1.1 and `no`
# as False: a volume, page or issue written so would be silently another. Here a number is plain
# decimal (`44`, `-3`), a boolean `true` or `false`, and every other scalar is the text as written.
_PLAIN: dict[str, tuple[str, str]] = {
    "tag:yaml.org,2002:int": (r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float", *_PLAIN)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, (_pattern, _first) in _PLAIN.items():
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
    """A mapping whose keys are given once, at any depth (PyYAML keeps the last of two silently)."""
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"{key!r} given twice in one mapping",
                                                    key_node.start_mark)
        seen.add(key)
    yield from yaml.SafeLoader.construct_yaml_map(loader, node)


MAX_DEPTH = 8  # an override nests three deep (author: - family:); PyYAML's composer recurses
MAX_DIGITS = 30  # a volume or page number; Python's int() refuses past 4300 digits


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = sum(char.isdigit() for char in node.value)
    if digits > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(None, None, f"a number of {digits:,} digits (at most {MAX_DIGITS})",
                                                node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _unique_mapping)


# File suffix -> "module:function" of its reader, imported when a file of that suffix is first read.
OVERRIDE_READERS: dict[str, str] = {
    ".yaml": f"{__name__}:yaml_overrides",
    ".yml": f"{__name__}:yaml_overrides",
    ".bib": f"{__package__}.bib_overrides:bib_overrides",  # its LaTeX decoder costs ~0.15 s to import
}


def load_overrides(directory: str | Path | None) -> list[Override]:
    """Every override in `directory` (none if None), validated, files in name order; a file whose
    suffix has no reader is no override (a README, a backup)."""
    if directory is None:
        return []
    directory = Path(directory)
    overrides: list[Override] = []
    for path in sorted(directory.iterdir()):
        if path.suffix in OVERRIDE_READERS:
            read = reader(path.suffix)(path, _read(path, directory))
            overrides += [built(path, fields) for fields in read]
    return overrides


def reader(suffix: str) -> OverrideReader:
    """The reader of files ending in `suffix` (a key of OVERRIDE_READERS)."""
    module, _, function = OVERRIDE_READERS[suffix].partition(":")
    return cast("OverrideReader", getattr(importlib.import_module(module), function))


def match_overrides(overrides: list[Override], rows: list[tuple[ListEntry, str]]) -> dict[int, Override]:
    """Pair overrides with rows given as (list entry, provisional key); each exactly once."""
    by_row: dict[int, Override] = {}
    titles = [normalised_title(entry.title) for entry, _ in rows]  # once per row, not once per pair
    for override in overrides:
        wanted = normalised_title(override.match["title"]) if "title" in override.match else None
        hits = [i for i, (entry, key) in enumerate(rows) if _matches(override, entry, key, titles[i], wanted)]
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


def _matches(override: Override, entry: ListEntry, key: str, title: str, wanted_title: str | None) -> bool:
    if "arxiv" in override.match:
        return entry.arxiv_id is not None and entry.arxiv_id == override.match["arxiv"]
    if "doi" in override.match:  # the DOI in the row's PDF link (dl.acm.org/doi/..., doi.org/...)
        return entry.link_doi is not None and entry.link_doi.lower() == override.match["doi"].lower()
    if "title" in override.match:
        return title == wanted_title
    return key == override.key


def _read(path: Path, directory: Path) -> str:
    """The file's text; an InputError for what is no override file (and nothing of its content)."""
    if path.is_symlink() and not path.resolve().is_relative_to(directory.resolve()):
        raise InputError(path, None, "a link to a file outside the overrides folder is not read")
    if path.is_symlink() and not path.exists():
        raise InputError(path, None, "a link to a file that does not exist")
    if not path.is_file():
        raise InputError(path, None, "not a readable file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(path, None, f"larger than {MAX_FILE_BYTES // 1024} KiB: not an override")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, data.count(b"\n", 0, err.start) + 1, "not UTF-8 text") from None


def _parse(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    """The document and its node tree, parsed once; aliases are refused (nothing here needs
    them, and `*a` repeated in `*b`... grows a 1 KB file into gigabytes when written out)."""
    loader = _Loader(text)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):  # events come from a loop: no recursion yet
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise InputError(path, line, "YAML aliases (*name) are not allowed here")
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_DEPTH:
                raise InputError(path, line, f"nested more than {MAX_DEPTH} deep: no override field is")
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as err:
        # The line where the parser found the problem; where the broken construct began too.
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        context = getattr(err, "context_mark", None)
        what = " ".join(str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part)
        began = f" (it began at line {context.line + 1})" if context and mark and context.line != mark.line else ""
        raise InputError(path, mark.line + 1 if mark else None, f"invalid YAML: {what or err}{began}") from None
    finally:
        loader.dispose()


def yaml_overrides(path: Path, text: str) -> Iterator[OverrideFields]:
    """The one override of a YAML file: a mapping of field: value, named by the file."""
    data, node = _parse(path, text)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(path, 1, "an override is a YAML mapping of field: value")
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        name = key_node.value
        if name in lines:
            raise InputError(path, key_node.start_mark.line + 1, f"field {name!r} given twice")
        lines[name] = key_node.start_mark.line + 1
    if not KEY_PATTERN.match(path.stem):
        raise InputError(path, 1, f"file name {path.stem!r} is not a usable citation key")
    yield OverrideFields(path.stem, _yaml_fields(path, data, lines))


def _yaml_fields(path: Path, data: dict[Any, Any], lines: dict[str, int]) -> Iterator[Field]:
    for name, value in data.items():
        line = lines.get(str(name), 1)
        if name not in ALLOWED:
            raise InputError(path, line, f"unknown field {name!r} (allowed: {', '.join(sorted(ALLOWED))})")
        if name not in META_FIELDS:
            yield name, value, line
    # After every field is checked: a `doi-reason` given is text or a number by now.
    reason = data.get("doi-reason")
    if "DOI" in data and data["DOI"] is None and (reason is None or not str(reason).strip()):
        raise InputError(path, lines["DOI"], "DOI: null needs a `doi-reason:` saying what is unknown and where it "
                                             "was looked for")
    yield "source", _sources(path, data, lines), lines.get("source", 1)
    yield "match", _match(path, data, lines), lines.get("match", 1)


def _sources(path: Path, data: dict[Any, Any], lines: dict[str, int]) -> list[str]:
    sources = data.get("source")
    if isinstance(sources, str):
        sources = [sources]
    if not sources or not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise InputError(path, lines.get("source", 1), "`source:` must name where the facts were read")
    if (problem := text_problem_in([sources, data.get("match")])) is not None:
        raise InputError(path, lines.get("source" if text_problem_in(sources) else "match", 1), problem)
    return sources


def _match(path: Path, data: dict[Any, Any], lines: dict[str, int]) -> dict[str, str]:
    match = data.get("match") or {}
    if not isinstance(match, dict) or not set(match) <= {"arxiv", "doi", "title"} or len(match) > 1:
        raise InputError(path, lines.get("match", 1),
                         "`match:` takes one of `arxiv: ID`, `doi: DOI` (of the row's link) or `title: TEXT`")
    if not all(isinstance(v, str) for v in match.values()):
        # An unquoted 2110.07110 is the number 2110.0711: the id must be quoted.
        raise InputError(path, lines.get("match", 1), "`match:` values must be quoted text")
    return {k: str(v) for k, v in match.items()}
