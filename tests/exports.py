"""Independent readers of the three formats, used as checkers by the tests."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import rispy
from pybtex.database import parse_string

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text())


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
    records = rispy.loads(text)
    for record in records:
        assert "unknown_tag" not in record, record.get("unknown_tag")
    return records
