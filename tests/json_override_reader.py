"""A test override reader, JSON: the whole of what adding an override format takes. Registered for
a test with one line: `OVERRIDE_READERS[".json"] = "json_override_reader:json_overrides"`.

A file is one JSON object of the fields a YAML override has (`source`, `match`, `title`, ...);
`override.built` checks them, so a bad field is the same error as in YAML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wsss_bib.errors import InputError
from wsss_bib.override import Field, OverrideFields


def json_overrides(path: Path, text: str) -> Iterator[OverrideFields]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(path, err.lineno, f"invalid JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise InputError(path, 1, "an override is a JSON object of field: value")
    yield OverrideFields(path.stem, _fields(path, text, data))


def _fields(path: Path, text: str, data: dict[str, Any]) -> Iterator[Field]:
    for name, value in data.items():
        line = text.count("\n", 0, max(text.find(json.dumps(name)), 0)) + 1  # where the name is first written
        if name == "source":
            value = [value] if isinstance(value, str) else value
        if name == "match" and not isinstance(value, dict):
            raise InputError(path, line, "`match` is an object: {\"arxiv\": ID}")
        yield name, value, line
