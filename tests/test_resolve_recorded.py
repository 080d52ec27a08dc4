"""Recorded Crossref works replayed on 127.0.0.1 through the CLI, as a person's list names them.

A local Crossref answers `query.bibliographic` with the ten recorded works
(tests/data/crossref/recorded) whose titles are most like the query, in Crossref's work-list
shape; arXiv knows none of these papers. Each row is typed the way a person would: the
printed year, the main title without its subtitle, plain letters for MathML and hyphens.
"""

import json
import re

import bibtexparser
from conftest import DATA
from rapidfuzz import fuzz
from werkzeug import Response

RECORDED = DATA / "crossref" / "recorded"
ROWS = [  # (title as listed, venue, year, the DOI it must get)
    ("Robust H∞ Control of Uncertain T-S Fuzzy Time-Delay System: A Delay Decomposition Approach",
     "Somewhere", 2013, "10.1155/2013/345601"),
    ("Widget, widget as you lead, I am performing well indeed!", "LAK", 2017, "10.1145/3027385.3027428"),
    ("Longitudinal distribution of uncommon fishes in a species-rich basin", "Aquat. Conserv.", 2021,
     "10.1002/aqc.3262"),
    ("The role of AI in ecology's computational carbon footprint", "Front Ecol Environ", 2026, "10.1002/fee.70021"),
    ("Automatic airway wall segmentation and thickness measurement for long-range optical coherence "
     "tomography images", "SPIE BiOS", 2016, "10.1117/12.2214605"),
]


def test_rows_typed_by_a_person_resolve_to_their_recorded_works(httpserver, run, tmp_path):
    works = [json.loads(p.read_text()) for p in sorted(RECORDED.glob("*.json"))]

    def crossref(request):
        query = request.args.get("query.bibliographic", "")
        ranked = sorted(works, key=lambda w: -fuzz.token_set_ratio(query.lower(), " ".join(w.get("title", [])).lower()))
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                "message": {"total-results": 10, "items": ranked[:10], "items-per-page": 10}}
        return Response(json.dumps(body), content_type="application/json")

    def arxiv(request):
        return Response('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
                        content_type="application/atom+xml")

    httpserver.expect_request(re.compile("^/crossref/.*")).respond_with_handler(crossref)
    httpserver.expect_request("/arxiv/query").respond_with_handler(arxiv)
    listing = tmp_path / "list.md"
    lines = []
    for title, venue, year, _ in ROWS:
        lines += [f"## {year}", "| Title | Venue | Supervision | PDF | CODE |", "|---|---|---|---|---|",
                  f"| {title} | {venue} | Image | | |", ""]
    listing.write_text("\n".join(lines))
    result = run("export", "--format", "all", "--list", listing,
                 "--out", tmp_path / "out", "--cache", tmp_path / "c.sqlite", "--arxiv-interval", "0",
                 "--crossref-url", httpserver.url_for("/crossref"), "--arxiv-url", httpserver.url_for("/arxiv/query"))
    assert result.exit_code == 0, result.stderr
    items = json.loads((tmp_path / "out" / "list.json").read_text())
    got = {item["title"]: item.get("DOI") for item in items}
    for item, (title, _, _, doi) in zip(items, ROWS):
        assert item.get("DOI") == doi, (title, got)
    spie = next(i for i in items if i["DOI"] == "10.1117/12.2214605")
    assert spie["container-title"].startswith("Optical Coherence Tomography") and \
        spie["collection-title"] == "SPIE Proceedings"
    bib = (tmp_path / "out" / "list.bib").read_text()
    library = bibtexparser.parse_string(bib)
    assert len(library.entries) == len(ROWS) and not library.failed_blocks
    assert "<" not in bib and "&lt;" not in bib and "scp" not in bib
