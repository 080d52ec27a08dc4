"""List shapes are plug-ins: a new one is a reader (`lists.reader.Reader`) and one line in the
registry (`lists.document.READERS`), and its rows come out of `parse_list` like every other's.

The shape here is made up for the test: a fenced block tagged `papers`, one paper a line,
`Title | Venue Year | URL`. Its reader is its own module (`tests/fenced_papers_reader.py`),
registered for one test only.
"""

from __future__ import annotations

import pytest

from wsss_bib.lists import document, parse_list

LIST = """\
# A made-up list

## 2021

| Title | Venue | PDF |
|---|---|---|
| A Table Row Paper About Segmentation | CVPR | [PDF](https://arxiv.org/abs/2101.00002) |

```papers
Fenced Papers Are Read Too | ICCV 2021 | https://arxiv.org/abs/2101.00003
A Second Fenced Paper | NeurIPS 2022 | https://openreview.net/forum?id=abc
```
"""


@pytest.fixture
def fenced_papers(monkeypatch):
    # The one registry line a new shape takes:
    monkeypatch.setattr(document, "READERS", (*document.READERS, "fenced_papers_reader:FencedPapersReader"))


def test_a_registered_readers_rows_come_out_of_parse_list(fenced_papers):
    entries = parse_list(LIST).entries
    assert [(e.title, e.venue, e.year, e.line, e.shape) for e in entries] == [
        ("A Table Row Paper About Segmentation", "CVPR", 2021, 7, "table"),
        ("Fenced Papers Are Read Too", "ICCV", 2021, 10, "fenced-papers"),
        ("A Second Fenced Paper", "NeurIPS", 2022, 11, "fenced-papers"),
    ]
    fenced = entries[1]
    assert fenced.arxiv_id == "2101.00003" and fenced.pdf_url == "https://arxiv.org/abs/2101.00003"
    assert fenced.section == "2021"  # the document adds what the sections say, as for every shape


def test_without_the_registry_line_the_shape_is_not_read():
    entries = parse_list(LIST).entries
    assert [e.shape for e in entries] == ["table"]
