import json

import jsonschema
import pytest
from exports import SCHEMA, csl_valid

from wsss_bib.export import csljson


def test_items_are_valid_csl_and_keep_extras_in_custom():
    record = {"id": "k", "type": "paper-conference", "title": "T", "issued": {"date-parts": [[2021]]},
              "custom": {"arxiv": "2101.00001", "code": "https://github.com/x/y", "provenance": {"title": "list"}}}
    items = csl_valid(csljson.dump([record]))
    assert items == [record]


def test_an_extra_top_level_key_would_be_rejected_by_the_schema():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "k", "type": "paper-conference", "arxiv": "x"}], SCHEMA)


def test_layout_is_stable():
    record = {"type": "article", "id": "k", "title": "Ü"}
    text = csljson.dump([record])
    assert text == csljson.dump([dict(reversed(record.items()))]) and "Ü" in text
    assert json.loads(text)[0]["title"] == "Ü"
