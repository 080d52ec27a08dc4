"""A test writer, CSL-YAML (pandoc reads a bibliography in that form): the whole of what adding a
format takes. Registered for a test with one line:
`FORMATS = (*FORMATS, Format("csl-yaml", "{stem}.yaml", "csl_yaml_writer:dump", ...))`.
"""

from __future__ import annotations

import yaml

from wsss_bib.record import Record


def dump(records: list[Record]) -> str:
    """The records as one YAML document: `references:` then the CSL items, in order."""
    items = [{name: value for name, value in record.items() if name != "custom"} for record in records]
    return yaml.safe_dump({"references": items}, allow_unicode=True, sort_keys=False)
