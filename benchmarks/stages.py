"""Run `wsss-bib <args>` in this process with each stage of the flow timed.

    python benchmarks/stages.py TIMINGS.json export --format all ...

Writes {stage: seconds} to TIMINGS.json: imports (the package and everything it imports),
list parsing, overrides, resolution (lock or cache), merge, keys, lock file, rendering of
the three formats, writing, and `total` (from the first line of this script to the end;
interpreter start-up before it is measured separately by the benchmark).
"""

import time

START = time.perf_counter()

import functools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

spent: dict[str, float] = {}


def timed(stage: str, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - began
    return wrapper


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    began = time.perf_counter()
    import wsss_bib.cli as cli
    from wsss_bib import export, list_cache, output, pipeline
    from wsss_bib.resolve import lock
    from wsss_bib.resolve.resolver import ServiceResolver
    spent["imports"] = time.perf_counter() - began

    pipeline.read_list = timed("parse list", pipeline.read_list)
    pipeline.load_overrides = timed("overrides", pipeline.load_overrides)
    # The CLI reads both through the store of parsed lists and overrides (list_cache.py): timed there,
    # so a warm run's split shows what reading them from the store costs.
    list_cache.ListCache.read = timed("parse list", list_cache.ListCache.read)
    list_cache.ListCache.overrides = timed("overrides", list_cache.ListCache.overrides)
    pipeline.match_overrides = timed("overrides", pipeline.match_overrides)
    pipeline.assign_keys = timed("keys", pipeline.assign_keys)
    pipeline.build = timed("build", pipeline.build)
    ServiceResolver.__call__ = timed("resolve", ServiceResolver.__call__)
    lock.load = timed("lock file", lock.load)
    lock.dump = timed("lock file", lock.dump)
    export.render = timed("render", export.render)  # the CLI imports these when it runs
    output.write_files = timed("write", output.write_files)
    try:
        cli.main(args, standalone_mode=False)
    finally:
        build = spent.pop("build", 0.0)
        spent["merge"] = build - sum(spent.get(s, 0.0) for s in ("parse list", "overrides", "resolve", "keys"))
        spent["total"] = time.perf_counter() - START
        with open(out, "w") as stream:
            json.dump(spent, stream)


if __name__ == "__main__":
    main()
