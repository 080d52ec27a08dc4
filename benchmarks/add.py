"""How long `wsss-bib add` spends on the list itself, for lists of 50 to 50,000 rows: reading it,
finding a duplicate, and placing, rendering and reading back a new row (the services' time is
the resolver's, measured by run.py). Run: .venv/bin/python benchmarks/add.py [sizes...]"""

from __future__ import annotations

import statistics
import sys
import time

from synthetic import render_list, synthetic_rows

from wsss_bib.add import Paper, duplicate, insert
from wsss_bib.lists import parse_list


def measure(size: int, runs: int = 3) -> dict[str, float]:
    text = render_list(synthetic_rows(size))
    timings: dict[str, list[float]] = {"read": [], "duplicate": [], "insert": []}
    for _ in range(runs):
        start = time.perf_counter()
        parsed = parse_list(text, "bench.md")
        timings["read"].append(time.perf_counter() - start)
        entry = parsed.entries[len(parsed.entries) // 2]
        start = time.perf_counter()
        assert duplicate(parsed, {entry.arxiv_id or ""}, set(), {entry.title}) is not None
        timings["duplicate"].append(time.perf_counter() - start)
        paper = Paper(title="A Benchmark Paper on Placing Rows in Lists", venue="CVPR", year=entry.year,
                      url="https://arxiv.org/abs/2299.00001", arxiv_id="2299.00001", dois=set(),
                      code="https://github.com/example/bench", supervision="Image")
        start = time.perf_counter()
        insert(text, parsed, paper, None, "bench.md")
        timings["insert"].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


if __name__ == "__main__":
    sizes = [int(s) for s in sys.argv[1:]] or [50, 5000, 50000]
    print("| rows | read the list | duplicate check | place, render, read back |")
    print("| ---: | ---: | ---: | ---: |")
    for size in sizes:
        result = measure(size)
        print(f"| {size} | {result['read']:.3f} s | {result['duplicate'] * 1000:.1f} ms | {result['insert']:.3f} s |")
