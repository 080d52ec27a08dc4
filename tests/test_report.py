"""`wsss-bib report` and the export summary: what was decided, per entry, for the maintainer."""

from wsss_bib import pipeline, report
from wsss_bib.resolve.resolution import Resolution


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
    bib = bibliography(data, data / "overrides_ok")
    lines = report.summary(bib).splitlines()
    # Of the two overrides, one gives a whole record (it settles its row); the other only corrects a field.
    assert lines[0].startswith("8 entries,") and "2 with an override" in lines[0]
    assert "1 curated (settled by overrides" in lines[0] and "7 still to look up" in lines[0]
    # Each row still to ask is named with its line and its key.
    pending = [line for line in lines[1:] if "lookup failed" in line]
    assert len(pending) == 7 and all(line.startswith(f"  {data / 'quirks.md'}:") for line in pending)
    assert {line.split(": ")[1] for line in pending} == {r["id"] for r in bib.records} - {"sun2020mining"}


def test_summary_names_keys_made_from_titles(data):
    """Rows no service gave authors for are keyed by their titles; the summary names each, and says they stay."""
    bib = bibliography(data)
    lines = report.summary(bib, "out/quirks.lock.json").splitlines()
    titled = [r["id"] for r in bib.records if not r.get("author")]
    assert titled and any("key(s) made from the title" in line and "out/quirks.lock.json keeps them" in line
                          for line in lines)
    assert all(any(line.endswith(f": {key}") for line in lines) for key in titled)
    assert not any(key.startswith("anon") for key in titled)


def test_rows_an_override_settles_are_curated_in_the_lock_and_the_report(data):
    """A lookup that could not run, for a row whose override gives the whole record: `curated`,
    settled (not asked again), named by its override; its report row has no lookup flag."""
    from wsss_bib.resolve import lock

    bib = bibliography(data, data / "overrides_ok")
    assert bib.curated_by == {0: "sun2020mining.yaml"}  # the other override corrects one field only
    rows = [lock.row(e, r, rec["id"], bib.named_dois.get(i), bib.curated_by.get(i))
            for i, (e, r, rec) in enumerate(zip(bib.entries, bib.resolutions, bib.records))]
    assert (rows[0].status, rows[0].reason, rows[0].settled) == ("curated", "settled by override sun2020mining.yaml",
                                                                 True)
    assert all(row.status == "failed" and not row.settled for row in rows[1:])
    by_key = {row["key"]: row for row in report.rows(bib)}
    assert by_key["sun2020mining"]["status"] == "failed"  # this run's lookup; the lock keeps it as curated
    # Read back from the lock, a curated row stays curated while its override settles it, and is
    # asked again (not looked up) once the override is gone.
    again = Resolution([], "curated", "settled by override sun2020mining.yaml")
    assert lock.row(bib.entries[0], again, "sun2020mining", None, "sun2020mining.yaml").status == "curated"
    gone = lock.row(bib.entries[0], again, "sun2020mining", None, None)
    assert (gone.status, gone.settled) == ("not looked up", False)
    curated_bib = bibliography(data, data / "overrides_ok", status="curated")
    assert "low confidence" not in {flag for row in report.rows(curated_bib) for flag in row["flags"]}


def test_the_markdown_report_says_which_source_gave_which_field(data):
    def resolver(entries, named):
        return [Resolution([("crossref", {"title": "T", "DOI": "10.5555/x"}), ("dblp", {"page": "1-9"})], "resolved")
                for _ in entries]
    bib = pipeline.build(data / "quirks.md", None, resolver)
    lines = report.as_markdown(bib).splitlines()
    assert lines[0].endswith("| fields from |")
    assert "crossref: DOI, title" in lines[2] and "dblp: page" in lines[2] and "list: " in lines[2]


def test_a_curated_lock_row_settles_its_row_only_while_its_override_is_there(data):
    """Run without the override (another --overrides, or none) and the row is asked again: what
    the lock says an override settled is no decision once that override is not read."""
    from wsss_bib.resolve import lock

    bib = bibliography(data, data / "overrides_ok")
    entry = bib.entries[0]
    row = lock.row(entry, Resolution([], "failed", "offline"), "sun2020mining", None, "sun2020mining.yaml")
    assert lock.settled(row, entry, None, {"sun2020mining.yaml", "other.yaml"})
    assert not lock.settled(row, entry, None, {"other.yaml"}) and not lock.settled(row, entry, None, set())
