"""The bundled list, overrides off, against loopback Crossref, arXiv and dblp that hold only what its
overrides state (benchmarks/facts.py, benchmarks/services.py): every DOI, author list, year, type,
venue, page range and arXiv id the overrides know comes out right, and no wrong DOI, though dblp's
answers hold each paper's CoRR record and, on every other row, same-title papers of another year or
by strangers. (benchmarks/run.py --only bundled prints the same table, and the code's before it.)"""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
sys.path.append(str(BENCHMARKS))  # after tests/: its services.py is not ours
import facts  # noqa: E402  (benchmarks/facts.py)


def simulated_services():
    """benchmarks/services.py under its own name (tests/services.py is another module)."""
    spec = importlib.util.spec_from_file_location("benchmark_services", BENCHMARKS / "services.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("benchmark_services", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.SimulatedServices


def test_the_bundled_list_against_its_facts_is_right_in_every_field(run, tmp_path):
    (tmp_path / "none").mkdir()
    # No latency and no spacing beyond Crossref's polite pool: the same answers as the benchmark's, faster.
    with simulated_services()(facts.papers(), [], 0.0, 0.0, 0.0, 600.0, 0.0, 0.0) as services:
        result = run("export", "--format", "all", "--overrides", tmp_path / "none", "--out", tmp_path / "out",
                     "--mailto", "tests@example.org", "--cache", tmp_path / "c.sqlite",
                     "--crossref-url", f"{services.url}/crossref", "--arxiv-url", f"{services.url}/arxiv/query",
                     "--dblp-url", f"{services.url}/dblp", "--arxiv-interval", "0", "--dblp-interval", "0")
        log = services.since(0)
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    table = facts.table(json.loads((out / "wsss-zotero.json").read_text()), json.loads((out / "wsss.json").read_text()))
    for field, counts in table.items():
        assert counts["right"] == counts["known"] and not counts["wrong"], (field, counts)
    assert table["DOI"]["known"] == 40 and table["pages"]["known"] == 43 and table["authors"]["known"] == 49
    assert sum(r.service == "dblp" for r in log) and not [r for r in log if r.status == 429]
    records = json.loads((out / "wsss-zotero.json").read_text())
    assert not any(str(r.get("custom", {}).get("dblp", "")).endswith(("-stranger", "-another-year", "-corr"))
                   for r in records)
