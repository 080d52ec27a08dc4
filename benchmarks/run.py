"""wsss-bib benchmark: cold and warm runs against simulated services, scale, and a peer.

    .venv/bin/python benchmarks/run.py            # everything (about 10 minutes)
    .venv/bin/python benchmarks/run.py --quick    # one run of each, scale up to 5,000 rows

1. Cold: `wsss-bib export --format all` of the bundled 50-row list with --mailto, an empty cache,
   no overrides and a fresh --out, against Crossref, arXiv and dblp simulated on 127.0.0.1 with
   their latency and polite limits (services.py). Reported against the lower bound the limits imply
   for the requests the run actually sent, with 429s provoked and requests per row per service.
2. Warm: the same command again, with the lock file the cold run wrote, and without it (the
   cache answers); wall-clock including interpreter start-up, and the split by stage.
3. Scale: synthetic lists of 500, 5,000 and 50,000 rows, --offline with an empty cache: time
   and peak memory (ru_maxrss of the child).
4. Peer: `pandoc wsss.bib -t csljson` on the same files.
5. Bundled (`--only bundled`): the bundled list with overrides off against the three services
   holding only the overrides' sourced facts (facts.py); the per-field table (DOI, authors, year,
   type, venue, pages, arXiv id) against those facts, and with `--before DIR` the same for the
   code checked out in DIR (run with PYTHONPATH=DIR), for a before/after comparison.

Results go to stdout (markdown) and benchmarks/results.json. Nothing outside a temporary
directory is written except that JSON file; the server listens on 127.0.0.1 only and stops
by itself after --server-lifetime seconds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from services import SimulatedServices  # noqa: E402
from synthetic import papers_for, render_list, synthetic_rows  # noqa: E402

from wsss_bib.lists import bundled_list, read_list  # noqa: E402

PYTHON = Path(sys.executable)
CLI = PYTHON.parent / "wsss-bib"
MAILTO = "benchmark@example.org"
CROSSREF_RATE, CROSSREF_LATENCY, ARXIV_INTERVAL, ARXIV_LATENCY = 10.0, 0.3, 3.0, 0.5
DBLP_INTERVAL, DBLP_LATENCY = 1.0, 0.3  # dblp's FAQ: at least a second between requests
POOLS = {"polite": (10.0, 5), "public": (5.0, 1)}  # Crossref's requests/s and requests at once


# -- running a child ------------------------------------------------------------------------

def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    # The children run as an installed tool does, from compiled bytecode (pip compiles a wheel's
    # modules): with PYTHONDONTWRITEBYTECODE set, as on the development machine, every run
    # compiled the package from source, 0.08-0.1 s of each warm run.
    env = {k: v for k, v in os.environ.items() if not k.startswith("WSSS_BIB_") and k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> dict:
    """Run cmd; wall-clock seconds, peak RSS of that child (MiB) and exit code."""
    with open(log, "w") as out:
        began = time.perf_counter()
        child = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT, env=child_env(env),
                                 cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_mib": usage.ru_maxrss / 1024,
              "rc": child.returncode}
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} exited {child.returncode}:\n{log.read_text()[-3000:]}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal")), 0)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem_kib / 1024 ** 2, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit.stdout.strip(), "pandoc": pandoc.stdout.splitlines()[0] if pandoc.stdout else None}


# -- 1. cold ---------------------------------------------------------------------------------

def export_cmd(services: SimulatedServices, work: Path, extra: list[str] = (), polite: bool = True,
               dblp: bool = True) -> list:
    return [CLI, "export", "--format", "all", "-q", *(["--mailto", MAILTO] if polite else []),
            "--crossref-url", f"{services.url}/crossref", "--arxiv-url", f"{services.url}/arxiv/query",
            *(["--dblp-url", f"{services.url}/dblp"] if dblp else []),
            "--cache", work / "cache.sqlite", "--overrides", work / "overrides", "--out", work / "out", *extra]


def lock_statuses(out: Path) -> dict[str, int]:
    rows = json.loads((out / "wsss.lock.json").read_text())["rows"]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def pool_bound(n_c: int, n_a: int, pool: str, n_d: int = 0) -> float:
    """The least time the limits allow for these requests: each service's own, as they overlap.

    Crossref: n requests at `rate`/s and `concurrency` at once, 0.3 s each; arXiv: 3 s between
    request starts, 0.5 s each; dblp: 1 s between request starts, 0.3 s each. The three services
    are asked side by side, so the bound is the longest of the three: the slowest service's.
    """
    rate, concurrency = POOLS[pool]
    crossref = max((n_c - 1) / rate, (-(-n_c // concurrency) - 1) * CROSSREF_LATENCY) + CROSSREF_LATENCY if n_c else 0
    arxiv = (n_a - 1) * ARXIV_INTERVAL + ARXIV_LATENCY if n_a else 0.0
    dblp = (n_d - 1) * DBLP_INTERVAL + DBLP_LATENCY if n_d else 0.0
    return max(crossref, arxiv, dblp)


def accuracy(services: SimulatedServices, out: Path) -> dict:
    """The exported records against what the simulated services hold for each row (overrides off)."""
    records = json.loads((out / "wsss-zotero.json").read_text())  # the CSL file that keeps `custom`
    held = found = wrong = 0
    aaai = eccv = arxiv_held = arxiv_found = 0
    aaai_ok = eccv_ok = 0
    for paper, record in zip(services.papers, records):
        published = [w for w in paper.works if w["type"] != "posted-content"]
        truth = published[0]["DOI"].lower() if published else None
        doi = (record.get("DOI") or "").lower() or None
        held += truth is not None
        found += doi is not None and doi == truth
        wrong += doi is not None and doi != truth
        if truth and published[0]["DOI"].startswith("10.1609/aaai"):
            aaai += 1
            aaai_ok += record.get("type") == "paper-conference"
        if truth and published[0]["type"] == "book-chapter":
            eccv += 1
            eccv_ok += record.get("container-title", "").startswith("Computer Vision – ECCV") and \
                record.get("collection-title") == "Lecture Notes in Computer Science"
        if paper.arxiv_unlisted:
            arxiv_held += 1
            arxiv_found += record.get("custom", {}).get("arxiv") == paper.arxiv_unlisted
    return {"dois_held": held, "dois_found": found, "dois_wrong": wrong, "aaai": aaai, "aaai_conference": aaai_ok,
            "eccv": eccv, "eccv_volume_container": eccv_ok, "arxiv_unlisted": arxiv_held,
            "arxiv_found_by_title": arxiv_found}


def cold(services: SimulatedServices, rows: int, runs: int, tmp: Path, pool: str = "polite") -> tuple[list[dict], Path]:
    samples = []
    work = tmp
    for n in range(runs):
        work = tmp / f"cold-{pool}-{n}"
        (work / "overrides").mkdir(parents=True)
        time.sleep(services.arxiv_ready_in())  # as a person would: arXiv's 3 s since the previous run
        mark = services.mark()
        load = os.getloadavg()[0]  # the machine is shared: how busy it was when the run began
        spawned = time.monotonic()  # the services log request arrivals on this clock
        result = run(export_cmd(services, work, polite=pool == "polite"), work / "log.txt")
        exited = time.monotonic()
        log = services.since(mark)
        crossref = [r for r in log if r.service == "crossref"]
        arxiv = [r for r in log if r.service == "arxiv"]
        dblp = [r for r in log if r.service == "dblp"]
        per_row: dict[int, int] = {}
        for r in crossref:
            if r.row is not None:
                per_row[r.row] = per_row.get(r.row, 0) + 1
        n_c, n_a, n_d = len(crossref), len(arxiv), len(dblp)
        brief_bound = n_c / CROSSREF_RATE + n_a * ARXIV_INTERVAL
        tight_bound = ((n_a - 1) * ARXIV_INTERVAL + ARXIV_LATENCY if n_a else 0.0) + \
                      ((n_c - 1) / CROSSREF_RATE + CROSSREF_LATENCY if n_c else 0.0)
        starts = sorted(r.at for r in crossref)
        tightest = min((b - a for a, b in zip(starts, starts[10:])), default=None)  # 11 arrivals within
        first = min((r.at for r in log), default=0.0)
        last = max((r.at for r in log), default=0.0)
        latency = {"crossref": CROSSREF_LATENCY, "arxiv": ARXIV_LATENCY, "dblp": DBLP_LATENCY}
        last_answer = max((r.at + latency[r.service] for r in log), default=exited)
        dblp_starts = sorted(r.at for r in dblp)
        samples.append({**result, "crossref_requests": n_c, "arxiv_requests": n_a,
                        "crossref_searches": sum(r.kind == "search" for r in crossref),
                        "crossref_works": sum(r.kind == "work" for r in crossref),
                        "crossref_batches": sum(r.kind == "batch" for r in crossref),
                        "dblp_requests": n_d, "dblp_per_row": n_d / rows, "arxiv_per_row": n_a / rows,
                        "bound_pool": pool_bound(n_c, n_a, pool, n_d),
                        "ratio_pool": result["wall"] / pool_bound(n_c, n_a, pool, n_d),
                        "arxiv_ids": [r.ids for r in arxiv], "http_429": sum(r.status == 429 for r in log),
                        "http_429_why": [f"{r.service}: {r.why}" for r in log if r.status == 429],
                        "tightest_11_crossref_arrivals": tightest,
                        "max_crossref_per_row": max(per_row.values(), default=0),
                        "crossref_per_row": n_c / rows, "bound_brief": brief_bound, "bound_tight": tight_bound,
                        "ratio_brief": result["wall"] / brief_bound, "ratio_tight": result["wall"] / tight_bound,
                        "network_span": last - first + CROSSREF_LATENCY, "statuses": lock_statuses(work / "out"),
                        "load_1min": load, "first_request_after": first - spawned, "tail": exited - last_answer,
                        "tightest_dblp_spacing": min((b - a for a, b in zip(dblp_starts, dblp_starts[1:])),
                                                     default=None),
                        "accuracy": accuracy(services, work / "out")})
        print(f"  accuracy: {samples[-1]['accuracy']}", flush=True)
        print(f"  cold run ({pool} pool) {n + 1}/{runs}: {result['wall']:.2f} s (pool bound "
              f"{samples[-1]['bound_pool']:.2f} s), {n_c} Crossref + {n_a} arXiv + {n_d} dblp requests, "
              f"{samples[-1]['http_429']} x 429 {samples[-1]['http_429_why']}, "
              f"11 arrivals within {tightest or 0:.4f} s, dblp arrivals >= "
              f"{samples[-1]['tightest_dblp_spacing'] or 0:.4f} s apart, first request after "
              f"{samples[-1]['first_request_after']:.2f} s, exit {samples[-1]['tail']:.2f} s after the last "
              f"answer, load {load:.2f}, statuses {samples[-1]['statuses']}", flush=True)
    return samples, work


# -- 2. warm ---------------------------------------------------------------------------------

def stage_split(cmd: list, runs: int, work: Path, before=None) -> dict[str, float]:
    splits: list[dict[str, float]] = []
    for n in range(runs):
        if before:
            before()
        timings = work / f"stages-{n}.json"
        run([PYTHON, HERE / "stages.py", timings, *cmd[1:]], work / "stages-log.txt")
        splits.append(json.loads(timings.read_text()))
    return {stage: median([s.get(stage, 0.0) for s in splits]) for stage in splits[0]}


def warm(services: SimulatedServices, work: Path, runs: int) -> dict:
    cmd = export_cmd(services, work)
    lock = work / "out" / "wsss.lock.json"
    saved_lock = work / "wsss.lock.json.saved"
    shutil.copy(lock, saved_lock)
    out: dict = {}
    for variant, before in (("lock", lambda: shutil.copy(saved_lock, lock)), ("cache", lambda: lock.unlink())):
        mark = services.mark()
        samples = []
        for _ in range(runs):
            before()
            samples.append(run(cmd, work / f"warm-{variant}.txt"))
        split = stage_split(cmd, runs, work, before)
        requests = len(services.since(mark))
        out[variant] = {"samples": samples, "split": split, "requests": requests}
        print(f"  warm ({variant}): {median([s['wall'] for s in samples]):.3f} s, {requests} requests", flush=True)
    shutil.copy(saved_lock, lock)
    out["settled"] = settled(services, work, runs)
    startup = [run([PYTHON, "-c", "pass"], work / "startup.txt")["wall"] for _ in range(runs)]
    out["interpreter_startup"] = median(startup)
    importtime = subprocess.run([PYTHON, "-X", "importtime", "-c", "import wsss_bib.cli"], capture_output=True,
                                text=True, env=child_env(), cwd=ROOT).stderr.splitlines()
    top = []
    for line in importtime:
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("   "):
            top.append((int(parts[1]) / 1e6, parts[2].strip()))  # top-level packages (cumulative)
    out["imports_top"] = sorted(top, reverse=True)[:10]
    return out


def settled(services: SimulatedServices, work: Path, runs: int) -> dict:
    """The bundled list as a maintainer re-exports it: its overrides, the committed lock (every row
    settled), a new empty cache, online (the simulated services' URLs, so a request would count)."""
    folder = work / "settled"
    shutil.copytree(ROOT / "output", folder)
    cmd = [CLI, "export", "--format", "all", "-q", "--crossref-url", f"{services.url}/crossref",
           "--arxiv-url", f"{services.url}/arxiv/query", "--cache", work / "settled-cache.sqlite", "--out", folder]
    mark = services.mark()
    samples = [run(cmd, work / "warm-settled.txt") for _ in range(runs)]
    split = stage_split(cmd, runs, work)
    requests = len(services.since(mark))
    unchanged = all((folder / p.name).read_bytes() == p.read_bytes() for p in (ROOT / "output").iterdir())
    print(f"  warm (committed lock): {median([s['wall'] for s in samples]):.3f} s (CPU of the child "
          f"{median([s['cpu'] for s in samples]):.3f} s), {requests} requests, "
          f"output/ reproduced byte for byte: {unchanged}", flush=True)
    return {"samples": samples, "split": split, "requests": requests, "unchanged": unchanged}


def startup(work: Path, runs: int) -> dict:
    """Start-up and the warm export at their floor (issue 23): `--help`, and the bundled list
    re-exported into a copy of the committed output/ (every row settled by the lock), offline with
    every format and online (services at a closed port, so a request would fail the run) as bibtex."""
    folder = work / "startup-out"
    shutil.copytree(ROOT / "output", folder)
    dead = ["--crossref-url", "http://127.0.0.1:9", "--arxiv-url", "http://127.0.0.1:9/query",
            "--source-url", "dblp=http://127.0.0.1:9/dblp", "--cache", work / "startup-cache.sqlite"]
    commands = {
        "help": [CLI, "--help"],
        "all_offline": [CLI, "export", "--format", "all", "--offline", "-q", "--out", folder, *dead],
        "bibtex": [CLI, "export", "--format", "bibtex", "-q", "--out", folder, *dead],
    }
    out: dict = {}
    for name, cmd in commands.items():
        run(cmd, work / f"startup-{name}.txt")  # warms the page cache
        samples = [run(cmd, work / f"startup-{name}.txt") for _ in range(runs)]  # a failed run stops the benchmark
        out[name] = {"samples": samples}
        print(f"  {name}: {median([s['wall'] for s in samples]):.3f} s "
              f"(CPU {median([s['cpu'] for s in samples]):.3f} s)", flush=True)
    out["unchanged"] = all((folder / p.name).read_bytes() == p.read_bytes() for p in (ROOT / "output").iterdir())
    return out


# -- 3. scale --------------------------------------------------------------------------------

def scale(sizes: list[int], runs_for, tmp: Path) -> dict:
    results = {}
    for size in sizes:
        work = tmp / f"scale-{size}"
        (work / "overrides").mkdir(parents=True)
        listing = work / "list.md"
        listing.write_text(render_list(synthetic_rows(size)), encoding="utf-8")
        cmd = [CLI, "export", "--format", "all", "-q", "--offline", "--list", listing, "--cache",
               work / "cache.sqlite", "--overrides", work / "overrides", "--out", work / "out"]

        def clean(work: Path = work) -> None:  # an empty cache and no lock file for every run
            shutil.rmtree(work / "out", ignore_errors=True)
            (work / "cache.sqlite").unlink(missing_ok=True)

        samples = []
        for n in range(runs_for(size)):
            clean()
            samples.append(run(cmd, work / "log.txt"))
            print(f"  {size} rows, run {n + 1}: {samples[-1]['wall']:.2f} s, "
                  f"{samples[-1]['maxrss_mib']:.0f} MiB", flush=True)
        entries = len(json.loads((work / "out" / "list.json").read_text(encoding="utf-8")))
        results[size] = {"samples": samples, "entries": entries, "bib": str(work / "out" / "list.bib")}
        if size == max(sizes):  # where the time goes, from one more run
            results[size]["split"] = stage_split(cmd, 1, work, clean)
    return results


# -- 5. the bundled list against its own facts -------------------------------------------------

def bundled(tmp: Path, before: Path | None, lifetime: float) -> dict:
    """The bundled list, overrides off, against services holding the overrides' facts (facts.py): per field,
    how many of the rows whose fact is known the export has right. With `before`, the same for that code."""
    import facts

    out: dict = {}
    runs = [("after", None)] + ([("before", before)] if before else [])
    for label, code in runs:
        with SimulatedServices(facts.papers(), [], CROSSREF_LATENCY, ARXIV_LATENCY, ARXIV_INTERVAL, lifetime,
                               DBLP_LATENCY, DBLP_INTERVAL) as services:
            work = tmp / f"bundled-{label}"
            (work / "overrides").mkdir(parents=True)
            env = {"PYTHONPATH": str(code)} if code else None
            result = run(export_cmd(services, work, dblp=code is None), work / "log.txt", env)
            log = services.since(0)
            records = json.loads((work / "out" / "wsss-zotero.json").read_text())
            plain = json.loads((work / "out" / "wsss.json").read_text())
            sources: dict[str, int] = {}
            for record in records:
                for field, source in record.get("custom", {}).get("provenance", {}).items():
                    if field in ("page", "DOI", "container-title", "author"):
                        sources[f"{field}:{source}"] = sources.get(f"{field}:{source}", 0) + 1
            out[label] = {"wall": result["wall"], "table": facts.table(records, plain),
                          "requests": {svc: sum(r.service == svc for r in log)
                                       for svc in ("crossref", "arxiv", "dblp")},
                          "http_429": sum(r.status == 429 for r in log), "provenance": sources,
                          "statuses": lock_statuses(work / "out")}
            print(f"  bundled ({label}): {result['wall']:.2f} s, requests {out[label]['requests']}", flush=True)
            for field, counts in out[label]["table"].items():
                print(f"    {field}: {counts['right']} / {counts['known']} right, missing {counts['missing']}, "
                      f"wrong {counts['wrong']}", flush=True)
    return out


# -- 4. peer ---------------------------------------------------------------------------------

def pandoc(bib: Path, runs: int, work: Path) -> float | None:
    if not shutil.which("pandoc"):
        return None
    return median([run(["pandoc", bib, "-t", "csljson", "-o", work / "pandoc.json"], work / "pandoc.txt")["wall"]
                   for _ in range(runs)])


# -- report ----------------------------------------------------------------------------------

def _startup_rows(st: dict, row) -> None:
    for name, label, goal in (("help", "`wsss-bib --help`", 0.15),
                              ("all_offline", "warm export, committed lock, `--format all --offline`", 0.3),
                              ("bibtex", "warm export, committed lock, `--format bibtex` (no request)", 0.3)):
        v = st[name]
        wall, cpu = median([s["wall"] for s in v["samples"]]), median([s["cpu"] for s in v["samples"]])
        row(f"{label}: wall-clock (CPU) incl. start-up", f"{wall:.3f} s ({cpu:.3f} s)", len(v["samples"]),
            f"<= {goal} s", wall / goal, wall <= goal)
    row("warm export: output/ reproduced byte for byte", str(st["unchanged"]), "")


def _memory_row(sc: dict, small: int, big: int, row) -> None:
    # Peak memory grows by a fixed amount per row; the line through the two sizes, at 100,000 rows.
    peaks = {n: max(s["maxrss_mib"] for s in sc[n]["samples"]) for n in (small, big)}
    per_thousand = (peaks[big] - peaks[small]) / (big - small) * 1000
    at_100k = peaks[big] + per_thousand * (100_000 - big) / 1000
    row(f"scale: peak memory per 1,000 rows ({small:,} to {big:,} rows); at 100,000 rows",
        f"{per_thousand:.1f} MiB; {at_100k:.0f} MiB" + ("" if big == 100_000 else " (extrapolated)"), "",
        "<= 512 MiB at 100,000 rows", at_100k / 512, at_100k <= 512)


def _cold_pool_rows(results: dict, pool: str, row) -> None:
    """The cold runs of one pool: time, requests, the bound and its ratio, 429s."""
    c = results[f"cold_{pool}"]
    k = len(c)
    wall = median([s["wall"] for s in c])
    row(f"cold, {pool} pool: wall-clock, 50 rows", f"{wall:.2f} s", k)
    row(f"cold, {pool} pool: requests sent", f"{median([s['crossref_requests'] for s in c]):.0f} Crossref "
        f"({median([s['crossref_searches'] for s in c]):.0f} searches, "
        f"{median([s['crossref_batches'] for s in c]):.0f} DOI batches, "
        f"{median([s['crossref_works'] for s in c]):.0f} /works/DOI), "
        f"{median([s['arxiv_requests'] for s in c]):.0f} arXiv, "
        f"{median([s.get('dblp_requests', 0) for s in c]):.0f} dblp", k)
    row(f"cold, {pool} pool: the pool's bound for those requests",
        f"{median([s['bound_pool'] for s in c]):.2f} s", k)
    ratio = median([s["ratio_pool"] for s in c])
    row(f"cold, {pool} pool: ratio to the pool's bound", f"{ratio:.2f}", k, "<= 1.15", ratio / 1.15, ratio <= 1.15)
    row(f"cold, {pool} pool: Crossref requests per row (mean)",
        f"{median([s['crossref_per_row'] for s in c]):.2f}", k, "< 1", None,
        median([s['crossref_per_row'] for s in c]) < 1)
    row(f"cold, {pool} pool: arXiv / dblp requests per row (mean)",
        f"{median([s.get('arxiv_per_row', 0) for s in c]):.2f} / "
        f"{median([s.get('dblp_per_row', 0) for s in c]):.2f}",
        k)
    http_429 = max(s["http_429"] for s in c)
    row(f"cold, {pool} pool: 429s provoked (max over runs)", str(http_429), k, "0", None, http_429 == 0)
    if "tail" in c[0]:
        row(f"cold, {pool} pool: first request after spawn; exit after the last answer",
            f"{median([s['first_request_after'] for s in c]):.2f} s; {median([s['tail'] for s in c]):.2f} s", k)
        spacing = min((s["tightest_dblp_spacing"] for s in c if s["tightest_dblp_spacing"]), default=0.0)
        row(f"cold, {pool} pool: dblp request arrivals, least spacing (min over runs)", f"{spacing:.3f} s", k,
            ">= 1 s", None, spacing >= 1.0)
        row(f"cold, {pool} pool: load average (1 min) when each run began",
            ", ".join(f"{s['load_1min']:.2f}" for s in c), k)
    _cold_accuracy_rows(c, pool, k, row)


def _cold_accuracy_rows(c: list, pool: str, k: int, row) -> None:
    a = c[-1]["accuracy"]
    row(f"cold, {pool} pool: DOIs found / held by the services; wrong DOIs",
        f"{a['dois_found']} / {a['dois_held']}; {a['dois_wrong']} wrong", k, "all; 0", None,
        a["dois_found"] == a["dois_held"] and a["dois_wrong"] == 0)
    row(f"cold, {pool} pool: AAAI rows as paper-conference; ECCV chapters in their volume (LNCS as series)",
        f"{a['aaai_conference']} / {a['aaai']}; {a['eccv_volume_container']} / {a['eccv']}", k, "all", None,
        a["aaai_conference"] == a["aaai"] and a["eccv_volume_container"] == a["eccv"])
    row(f"cold, {pool} pool: arXiv ids found by title for rows without an arXiv link",
        f"{a['arxiv_found_by_title']} / {a['arxiv_unlisted']} on arXiv", k, "all", None,
        a["arxiv_found_by_title"] == a["arxiv_unlisted"])
    row(f"cold, {pool} pool: rows resolved / unresolved / failed",
        " / ".join(str(c[-1]["statuses"].get(s, 0)) for s in ("resolved", "unresolved", "failed")), k)


def _cold_rows(c: list, row) -> None:
    """The cold runs of the first sittings (one pool, the brief's and the tight bound)."""
    k = len(c)
    wall = median([s["wall"] for s in c])
    row("cold: wall-clock, 50 rows", f"{wall:.2f} s", k)
    n_c = median([s["crossref_requests"] for s in c])
    n_a = median([s["arxiv_requests"] for s in c])
    row("cold: requests sent", f"{n_c:.0f} Crossref ({median([s['crossref_searches'] for s in c]):.0f} "
        f"searches, {median([s['crossref_works'] for s in c]):.0f} /works/DOI), {n_a:.0f} arXiv "
        f"({'+'.join(map(str, c[0]['arxiv_ids']))} ids)", k)
    row("cold: lower bound, brief's formula (Crossref n/10 s + arXiv n x 3 s)",
        f"{median([s['bound_brief'] for s in c]):.2f} s", k)
    ratio = median([s["ratio_brief"] for s in c])
    row("cold: ratio to that bound", f"{ratio:.2f}", k, "<= 1.3", ratio / 1.3, ratio <= 1.3)
    row("cold: tight bound ((n-1)/10 s + 0.3 s Crossref, (n-1) x 3 s + 0.5 s arXiv)",
        f"{median([s['bound_tight'] for s in c]):.2f} s", k)
    ratio = median([s["ratio_tight"] for s in c])
    row("cold: ratio to the tight bound", f"{ratio:.2f}", k, "<= 1.3", ratio / 1.3, ratio <= 1.3)
    http_429 = max(s["http_429"] for s in c)
    row("cold: 429s provoked (max over runs)", str(http_429), k, "0", None, http_429 == 0)
    per_row = max(s["max_crossref_per_row"] for s in c)
    row("cold: Crossref requests per row (mean; max)",
        f"{median([s['crossref_per_row'] for s in c]):.2f}; {per_row}", k, "<= 2", per_row / 2, per_row <= 2)
    row("cold: arXiv requests (batched)", f"{n_a:.0f} for {sum(c[0]['arxiv_ids'])} ids", k, "batched", None,
        n_a <= 1 + sum(c[0]["arxiv_ids"]) // 100)
    row("cold: rows resolved / unresolved / failed",
        " / ".join(str(c[-1]["statuses"].get(s, 0)) for s in ("resolved", "unresolved", "failed")), k)


def _warm_rows(w: dict, row) -> None:
    for variant, label in (("lock", "warm, lock file present"), ("cache", "warm, no lock (cache answers)")):
        v = w[variant]
        wall = median([s["wall"] for s in v["samples"]])
        row(f"{label}: wall-clock incl. start-up, 50 rows", f"{wall:.3f} s", len(v["samples"]), "< 1 s",
            wall / 1.0, wall < 1.0)
        s = v["split"]
        row(f"{label}: split", f"start-up {w['interpreter_startup']:.3f}, imports {s['imports']:.3f}, "
            f"parse {s['parse list']:.3f}, overrides {s['overrides']:.3f}, resolution {s['resolve']:.3f}, "
            f"merge+keys {s['merge'] + s['keys']:.3f}, export (render+write+lock) "
            f"{s['render'] + s['write'] + s['lock file']:.3f} s; requests sent {v['requests']}",
            len(v["samples"]))
    if "settled" in w:
        v = w["settled"]
        wall = median([s["wall"] for s in v["samples"]])
        row("warm, bundled list with the committed lock (all rows settled): wall-clock incl. start-up",
            f"{wall:.3f} s; requests sent {v['requests']}; output/ reproduced: {v['unchanged']}",
            len(v["samples"]), "<= 0.4 s, no request", wall / 0.4, wall <= 0.4 and v["requests"] == 0)


def _scale_rows(sc: dict, row) -> None:
    sc = {int(n): v for n, v in sc.items()}
    sizes = sorted(sc)
    walls = {n: median([s["wall"] for s in sc[n]["samples"]]) for n in sizes}
    fixed = walls.get(10)
    for n in sizes:
        size = int(n)
        rss = max(s["maxrss_mib"] for s in sc[n]["samples"])
        per_row = (walls[size] - fixed) / (size - 10) * 1000 if fixed is not None and size > 10 else None
        text = f"{walls[size]:.2f} s, peak {rss:.0f} MiB"
        if per_row is not None:
            text += f", {per_row:.2f} ms/row beyond the fixed cost"
        if size == 10:
            text += " (fixed cost: start-up, imports, empty stages)"
        row(f"scale: {size:,} rows, --offline, empty cache", text, len(sc[n]["samples"]))
        if size == 50000:
            row("scale: 50,000 rows, wall-clock", f"{walls[size]:.1f} s", len(sc[n]["samples"]), "< 60 s",
                walls[size] / 60, walls[size] < 60)
            row("scale: 50,000 rows, peak memory (max of runs)", f"{rss:.0f} MiB", len(sc[n]["samples"]),
                "< 1 GiB", rss / 1024, rss < 1024)
    big, small = max(walls), min((n for n in walls if n >= 500), default=None)
    if small is not None and big != small:
        _memory_row(sc, small, big, row)
    split = sc[big].get("split")
    if split:
        row(f"scale: {big:,} rows, split (1 run)", ", ".join(
            f"{stage} {seconds:.1f}" for stage, seconds in split.items() if seconds >= 0.05) + " s", 1)
    if fixed is not None and small is not None and big != small:
        growth = ((walls[big] - fixed) / (big - 10)) / ((walls[small] - fixed) / (small - 10))
        row(f"scale: time per row, {big:,} vs {small:,} rows (fixed cost removed)", f"{growth:.2f}x", "",
            "<= 1.5x", growth / 1.5, growth <= 1.5)
        raw = (walls[big] / big) / (walls[small] / small)
        row(f"scale: time per row, {big:,} vs {small:,} rows (raw wall / rows)", f"{raw:.2f}x", "",
            "<= 1.5x", raw / 1.5, raw <= 1.5)


def _bundled_lines(b: dict) -> list[str]:
    """The bundled list against its own facts, per field: a table of its own."""
    lines: list[str] = []
    labels = [label for label in ("before", "after") if label in b]
    lines += ["", "Bundled list, overrides off, against the three services holding the overrides' facts "
              "(right / rows whose fact is known; missing; wrong):", "",
              "| field | " + " | ".join(labels) + " |", "| --- |" + " --- |" * len(labels)]
    for field in b[labels[-1]]["table"]:
        cells = []
        for label in labels:
            t = b[label]["table"][field]
            cells.append(f"{t['right']} / {t['known']}; {len(t['missing'])} missing; {len(t['wrong'])} wrong")
        lines.append(f"| {field} | " + " | ".join(cells) + " |")
    for label in labels:
        lines.append(f"| requests ({label}) | {b[label]['requests']}, {b[label]['http_429']} x 429 |")
    return lines


def _pandoc_rows(pandoc: dict, row) -> None:
    for label, p in pandoc.items():
        row(f"peer: `pandoc wsss.bib -t csljson`, {label}", f"{p['pandoc']:.3f} s (wsss-bib: {p['ours']:.3f} s, "
            "whole export of 3 formats)" if p["pandoc"] is not None else "pandoc not installed", p["runs"])


def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
             f"{m['platform']}; {m['pandoc']}; commit {m['commit']}; {m['date']}.", ""]
    lines += ["| measure | median | runs | goal | ratio to goal | met |", "| --- | --- | --- | --- | --- | --- |"]

    def row(measure, value, runs, goal="", ratio=None, met=None):
        ratio_text = "" if ratio is None else f"{ratio:.2f}"
        met_text = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {measure} | {value} | {runs} | {goal} | {ratio_text} | {met_text} |")

    for pool in ("polite", "public"):
        if f"cold_{pool}" in results:
            _cold_pool_rows(results, pool, row)
    if "cold" in results:
        _cold_rows(results["cold"], row)
    if "warm" in results:
        _warm_rows(results["warm"], row)
    if "startup" in results:
        _startup_rows(results["startup"], row)
    if "scale" in results:
        _scale_rows(results["scale"], row)
    if "bundled" in results:
        lines += _bundled_lines(results["bundled"])
    if "pandoc" in results:
        _pandoc_rows(results["pandoc"], row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each warm, scale and peer measure")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold runs (each asks the simulated services)")
    parser.add_argument("--large-runs", type=int, default=3, help="runs of the 50,000-row scale measure")
    parser.add_argument("--sizes", default="10,500,5000,50000", help="scale list sizes (10 = fixed cost)")
    parser.add_argument("--only", default="cold,warm,startup,scale,pandoc", help="which parts to run")
    parser.add_argument("--quick", action="store_true", help="one run each, sizes up to 5,000")
    parser.add_argument("--server-lifetime", type=float, default=3600.0, help="the server stops after this")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the raw results")
    parser.add_argument("--report", type=Path, help="only print the report of an earlier results JSON")
    parser.add_argument("--before", type=Path, help="bundled: also run the code checked out in this folder")
    args = parser.parse_args()
    if args.report:
        print(report(json.loads(args.report.read_text())))
        return
    if args.quick:
        args.runs = args.cold_runs = args.large_runs = 1
        args.sizes = "10,500,5000"
    parts = set(args.only.split(","))
    results: dict = {"machine": machine(), "settings": vars(args) | {"json": str(args.json)}}
    print(f"machine: {results['machine']}", flush=True)
    subprocess.run([PYTHON, "-m", "compileall", "-q", ROOT / "wsss_bib"], check=True, env=child_env())
    entries = read_list(bundled_list()).entries
    papers, noise = papers_for(entries)
    with tempfile.TemporaryDirectory(prefix="wsss-bench-") as name, \
            SimulatedServices(papers, noise, CROSSREF_LATENCY, ARXIV_LATENCY, ARXIV_INTERVAL,
                              args.server_lifetime) as services:
        tmp = Path(name)
        work = None
        if "cold" in parts or "warm" in parts:
            print("cold runs against the simulated services", flush=True)
            results["cold"], work = cold(services, len(entries), args.cold_runs if "cold" in parts else 1, tmp)
            if "cold" in parts:
                results["cold_polite"] = results["cold"]
                print("cold runs, Crossref's public pool (no --mailto)", flush=True)
                results["cold_public"], _ = cold(services, len(entries), args.cold_runs, tmp, pool="public")
        if "warm" in parts:
            print("warm runs", flush=True)
            results["warm"] = warm(services, work, args.runs)
        if "startup" in parts:
            print("start-up and the warm export at their floor", flush=True)
            results["startup"] = startup(tmp, args.runs)
        if "scale" in parts:
            print("scale (offline, empty cache)", flush=True)
            sizes = [int(s) for s in args.sizes.split(",")]
            results["scale"] = scale(sizes, lambda n: args.large_runs if n >= 50000 else args.runs, tmp)
        if "pandoc" in parts:
            print("peer: pandoc", flush=True)
            results["pandoc"] = {}
            if work is not None and "warm" in results:
                results["pandoc"]["50 rows (the warm run's output)"] = {
                    "pandoc": pandoc(work / "out" / "wsss.bib", args.runs, tmp), "runs": args.runs,
                    "ours": median([s["wall"] for s in results["warm"]["lock"]["samples"]])}
            if "scale" in results:
                big = max(results["scale"])
                runs = args.large_runs if big >= 50000 else args.runs
                results["pandoc"][f"{big:,} rows (the scale run's output)"] = {
                    "pandoc": pandoc(Path(results["scale"][big]["bib"]), runs, tmp), "runs": runs,
                    "ours": median([s["wall"] for s in results["scale"][big]["samples"]])}
    if "bundled" in parts:
        print("the bundled list against its facts (overrides off)", flush=True)
        with tempfile.TemporaryDirectory(prefix="wsss-bench-") as name:
            results["bundled"] = bundled(Path(name), args.before, args.server_lifetime)
    if "cold" in results and "cold" not in parts:
        del results["cold"]  # only the warm runs' set-up
    text = report(results)
    results["report"] = text
    args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print()
    print(text)


if __name__ == "__main__":
    main()
