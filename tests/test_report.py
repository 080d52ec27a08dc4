"""`wsss-bib report` and the export summary: what was decided, per entry, for the maintainer."""

from wsss_bib import pipeline, report
from wsss_bib.resolve import Resolution


def bibliography(data, overrides=None, status="failed"):
    def resolver(entries, named):
        return [Resolution([], status, "Crossref: not in the cache (offline)") for _ in entries]
    return pipeline.build(data / "quirks.md", overrides, resolver)


def test_markdown_report_has_one_row_per_entry_and_escapes_pipes(data):
    bib = bibliography(data, data / "overrides_ok")
    lines = report.as_markdown(bib).splitlines()
    assert lines[0].startswith("| line | key | DOI |") and len(lines) == 2 + len(bib.records)
    assert all(line.count(" | ") >= 7 for line in lines[2:])
    assert "| sun2020mining |" in lines[2]


def test_a_failed_lookup_is_flagged_only_where_no_override_settles_the_row(data):
    rows = report.rows(bibliography(data, data / "overrides_ok"))
    by_key = {row["key"]: row for row in rows}
    assert "lookup failed" not in by_key["sun2020mining"]["flags"]
    assert all("lookup failed" in row["flags"] for row in rows if row["key"] not in ("sun2020mining", "sun2022looking"))


def test_summary_counts_rows_settled_by_overrides_apart_from_rows_still_to_ask(data):
    line = report.summary(bibliography(data, data / "overrides_ok"))
    assert line.startswith("8 entries,") and "2 with an override" in line
    assert "8 could not run this time (2 of them settled by overrides" in line


def test_the_markdown_report_says_which_source_gave_which_field(data):
    def resolver(entries, named):
        return [Resolution([("crossref", {"title": "T", "DOI": "10.5555/x"}), ("dblp", {"page": "1-9"})], "resolved")
                for _ in entries]
    bib = pipeline.build(data / "quirks.md", None, resolver)
    lines = report.as_markdown(bib).splitlines()
    assert lines[0].endswith("| fields from |")
    assert "crossref: DOI, title" in lines[2] and "dblp: page" in lines[2] and "list: " in lines[2]
