"""Independent readers of the export formats, used as checkers by the tests."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import rispy
from pybtex.database import parse_string

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text())
# rispy has no name for M2, which Zotero's RIS reader files as Extra.
RIS_MAPPING = {**rispy.TAG_KEY_MAPPING, "M2": "extra"}
RIS_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "M2"]


def bibtex_both(text: str):
    """Parse with pybtex and bibtexparser; both must accept every entry without complaint."""
    pybtex_db = parse_string(text, "bibtex")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    assert [e.key for e in library.entries] == list(pybtex_db.entries)
    return pybtex_db, library


def csl_valid(text: str) -> list[dict]:
    items = json.loads(text)
    jsonschema.validate(items, SCHEMA)
    return items


def ris_records(text: str) -> list[dict]:
    records = rispy.loads(text, mapping=RIS_MAPPING, list_tags=RIS_LIST_TAGS)
    for record in records:
        assert "unknown_tag" not in record, record.get("unknown_tag")
    return records


def shipped_records(root: Path, cache: Path) -> list[dict]:
    """The records behind the committed output/, built offline as `wsss-bib export --offline` builds them."""
    from wsss_bib import cli
    from wsss_bib.resolve.config import HttpConfig

    target = cli._target(None, root / "overrides", root / "output", None, None)
    bib, _ = cli._build(target, True, HttpConfig(offline=True, cache_path=cache))
    return bib.records
