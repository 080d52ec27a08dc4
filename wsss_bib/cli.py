"""The `wsss-bib` command: arguments in, a pipeline call, files and exit codes out.

Exit codes: 0 done; 1 `--check` found the files stale; 2 bad input or usage (or --out cannot be
written); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): nothing written, what was already
fetched stays cached.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from . import __version__, pipeline, report
from .bundle import ListInputs, find_inputs
from .errors import InputError
from .export import FORMATS, render
from .output import exclusive, stale_files, write_files
from .resolve import HttpConfig, ServiceResolver, lock
from .resolve.config import default_cache_path

FORMAT_ALIASES = {"json": "csl-json", "csljson": "csl-json", "bib": "bibtex"}
OUTPUT_SUFFIXES = (".bib", ".json", ".ris", ".md", ".html", ".txt")
ENV = "Environment: WSSS_BIB_CACHE, WSSS_BIB_MAILTO, WSSS_BIB_CROSSREF_URL, WSSS_BIB_ARXIV_URL, WSSS_BIB_EXPIRE_DAYS."


class Terminated(BaseException):
    """SIGTERM (what `timeout`, CI cancellation and systemd send), handled as Ctrl-C is: a
    BaseException like KeyboardInterrupt, so no `except Exception` on the way turns it into a failed row."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated


def _fail_on_input_error(func: Callable[..., None]) -> Callable[..., None]:
    """InputError -> one line on stderr, exit 2; Ctrl-C -> 130 and SIGTERM -> 143, nothing written."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
        try:
            func(*args, **kwargs)
        except InputError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except (KeyboardInterrupt, Terminated) as err:
            # Not click's "Aborted!" with exit 1 (1 means "stale" under --check): the shell's 128+signal.
            newline = "\n" if sys.stderr.isatty() else ""  # after the ^C and any progress bar
            what = "interrupted" if isinstance(err, KeyboardInterrupt) else "terminated"
            click.echo(f"{newline}{what}: nothing written; answers already fetched are cached for the next run",
                       err=True)
            sys.exit(130 if isinstance(err, KeyboardInterrupt) else 143)
        finally:
            signal.signal(signal.SIGTERM, previous)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=ENV)
@click.version_option(__version__, prog_name="wsss-bib")
@click.option("--verbose", "-v", is_flag=True, help="Log each request and the traceback of any unexpected error.")
def main(verbose: bool) -> None:
    """Turn an awesome list of papers into BibTeX, CSL-JSON and RIS (default: the bundled WSSS list)."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(name)s: %(message)s")


def _check_out(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    if value.exists() and not value.is_dir():
        raise click.BadParameter(f"{value} is a file; --out names the folder the files go into", ctx, param)
    if not value.exists() and value.suffix.lower() in OUTPUT_SUFFIXES:
        raise click.BadParameter(f"{value} looks like a file name; --out names a folder (the files in it are "
                                 "wsss.bib, wsss.json, ...)", ctx, param)
    return value


def common_options(func: Callable[..., None]) -> Callable[..., None]:
    """--list, --overrides and --out: what every subcommand reads and where its files are."""
    options = [
        click.option("--list", "list_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Awesome list to read (default: the bundled list)."),
        click.option("--overrides", "overrides_dir", type=click.Path(path_type=Path),
                     help="Folder of override files (default: the bundled list's own; for another list, the "
                          "`overrides/` folder beside it, if there is one)."),
        click.option("--out", "out_dir", default="output", show_default=True, callback=_check_out,
                     type=click.Path(path_type=Path), help="Folder of the bibliography and its lock file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def resolution_options(func: Callable[..., None]) -> Callable[..., None]:
    """Where and how the services are asked; each option also has an environment variable."""
    defaults = HttpConfig()
    options = [
        click.option("--offline", is_flag=True, help="Never touch the network: cache, lock file and overrides only."),
        click.option("--refresh", is_flag=True, help="Ask again about every row (no cache, no lock)."),
        click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path),
                     envvar="WSSS_BIB_CACHE", show_envvar=True,
                     help=f"HTTP cache (SQLite). Default: {default_cache_path()}"),
        click.option("--expire-days", type=float, default=defaults.expire_days, show_default=True,
                     envvar="WSSS_BIB_EXPIRE_DAYS", show_envvar=True, help="How long a cached answer is used."),
        click.option("--mailto", envvar="WSSS_BIB_MAILTO", show_envvar=True,
                     help="Your e-mail, for Crossref's polite pool (faster, and Crossref can reach you)."),
        click.option("--crossref-url", envvar="WSSS_BIB_CROSSREF_URL", default=defaults.crossref_url,
                     show_default=True, show_envvar=True, help="Crossref REST API base URL."),
        click.option("--arxiv-url", envvar="WSSS_BIB_ARXIV_URL", default=defaults.arxiv_url,
                     show_default=True, show_envvar=True, help="arXiv API query endpoint."),
        # Any registered source's base URL, by its name (resolve/sources.py): NAME=URL, or the
        # environment variable WSSS_BIB_<NAME>_URL; --crossref-url and --arxiv-url are the same for those two.
        click.option("--source-url", "source_urls", multiple=True, metavar="NAME=URL",
                     help="Base URL of a registered source, e.g. crossref=https://api.crossref.org."),
        # Hidden, for tests against a local fake service (docs/reliability.md): short timeouts and
        # backoff, so faults are tried in seconds instead of minutes.
        click.option("--timeout", type=float, default=defaults.timeout, envvar="WSSS_BIB_TIMEOUT", hidden=True),
        click.option("--backoff-base", type=float, default=defaults.backoff_base, envvar="WSSS_BIB_BACKOFF_BASE",
                     hidden=True),
        click.option("--arxiv-interval", type=float, default=defaults.arxiv_interval,
                     envvar="WSSS_BIB_ARXIV_INTERVAL", hidden=True),
    ]
    for option in reversed(options):
        func = option(func)

    @functools.wraps(func)
    def with_config(*args: Any, offline: bool, refresh: bool, cache_path: Path | None, expire_days: float,
                    mailto: str | None, crossref_url: str, arxiv_url: str, source_urls: tuple[str, ...],
                    timeout: float, backoff_base: float, arxiv_interval: float, **kwargs: Any) -> None:
        if offline and refresh:
            raise click.UsageError("--refresh asks every service again; --offline asks none: choose one")
        urls = {m.group(1).lower(): url for name, url in os.environ.items()
                if (m := re.fullmatch(r"WSSS_BIB_(\w+)_URL", name)) and m.group(1) not in ("CROSSREF", "ARXIV")}
        for pair in source_urls:
            name, sep, url = pair.partition("=")
            if not sep or not name.strip() or not url.strip():
                raise click.BadParameter(f"{pair!r} is not NAME=URL", param_hint="--source-url")
            urls[name.strip().lower()] = url.strip()
        crossref_url = urls.pop("crossref", crossref_url)
        arxiv_url = urls.pop("arxiv", arxiv_url)
        config = HttpConfig(crossref_url=crossref_url.rstrip("/"), arxiv_url=arxiv_url, offline=offline,
                            refresh=refresh, mailto=mailto, expire_days=expire_days,
                            cache_path=cache_path or default_cache_path(), timeout=timeout,
                            backoff_base=backoff_base, arxiv_interval=arxiv_interval, urls=urls)
        func(*args, config=config, **kwargs)
    return with_config


def _build(inputs: ListInputs, out_dir: Path, quiet: bool, config: HttpConfig) -> tuple[pipeline.Bibliography, str]:
    """Run the pipeline with the service resolver; returns the bibliography and the new lock file."""
    lock_path = out_dir / lock.NAME
    if not lock_path.exists() and inputs.lock_fallback_dir is not None:
        lock_path = inputs.lock_fallback_dir / lock.NAME  # an installed tool, a new --out: the bundled decisions
    locked = lock.load(lock_path)
    warn = lambda message: click.echo(f"warning: {message}", err=True)  # noqa: E731
    resolver = ServiceResolver(config, locked, progress=not quiet and sys.stderr.isatty(), warn=warn)

    def pinned(entries: list) -> dict[int, str]:
        # Keys the lock gave out for settled rows stay; a key given while a row's lookup failed was
        # made from partial data, and a placeholder ("anon") key may improve: both are provisional.
        rows = {i: locked.get(lock.identity(e)) for i, e in enumerate(entries)}
        return {i: row.key for i, row in rows.items() if row and row.settled and not row.key.startswith("anon")}

    bib = pipeline.build(inputs.list_path, inputs.overrides_dir, resolver, pinned, warn)
    rows = [lock.row(entry, resolution, record["id"], bib.named_dois.get(i))
            for i, (entry, resolution, record) in enumerate(zip(bib.entries, bib.resolutions, bib.records))]
    return bib, lock.dump(rows)


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    names: list[str] = []
    for value in values or ("bibtex",):
        for name in (value.split(",") if "," in value else [value]):
            name = FORMAT_ALIASES.get(name.strip().lower(), name.strip().lower())
            if name != "all" and name not in FORMATS:
                choices = ", ".join([*FORMATS, *FORMAT_ALIASES, "all"])
                raise click.BadParameter(f"{name!r} is not a format (choose from {choices})", ctx, param)
            names.extend(FORMATS if name == "all" else [name])
    return list(dict.fromkeys(names))


def _own_files() -> set[str]:
    """Every file an export may write into --out (what a journal of a killed write may name)."""
    return {*(_file_name(fmt, ascii_only) for fmt in FORMATS for ascii_only in (False, True)), lock.NAME}


def _file_name(fmt: str, ascii_only: bool) -> str:
    """The format's file; --ascii BibTeX is a file of its own, so the committed UTF-8 one stays."""
    name = FORMATS[fmt][0]
    return name.replace(".bib", ".ascii.bib") if ascii_only and fmt == "bibtex" else name


@main.command(short_help="Write the bibliography files (default: output/wsss.bib).", epilog=ENV)
@click.option("--format", "formats", multiple=True, callback=_formats, metavar="FORMAT",
              help="Which files to write, repeatable or comma-separated: bibtex (wsss.bib, natbib/bibtex), "
                   "biblatex (wsss-biblatex.bib, biber), csl-json or json (wsss.json: pandoc, citeproc), "
                   "csl-json-zotero (wsss-zotero.json), ris (wsss.ris), markdown (README.md), html (index.html), "
                   "or all. Default: bibtex.")
@common_options
@click.option("--check", is_flag=True, help="Write nothing, ask no service; exit 1 if the files in --out are stale.")
@click.option("--ascii", "ascii_only", is_flag=True,
              help="BibTeX with LaTeX accent macros instead of UTF-8, written as wsss.ascii.bib.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@resolution_options
@_fail_on_input_error
def export(formats: list[str], out_dir: Path, list_path: Path | None, overrides_dir: Path | None, check: bool,
           ascii_only: bool, quiet: bool, config: HttpConfig) -> None:
    """Write the bibliography and the lock file (what was decided, per row) into --out."""
    inputs = find_inputs(list_path, overrides_dir)
    if check:
        # The files are judged by what is decided, not by a new lookup.
        _check(formats, out_dir, inputs, list_path, overrides_dir, ascii_only, quiet, replace(config, offline=True))
        return
    with exclusive(out_dir):  # a second export into this folder waits, its requests too
        bib, files = _files(formats, out_dir, inputs, ascii_only, quiet, config)
        try:
            write_files(out_dir, files, own=_own_files())
        except OSError as err:  # disk full, no permission: write_files has put the old files back
            click.echo(f"error: cannot write to {out_dir}: {err}; its files are as they were", err=True)
            sys.exit(2)
    if not quiet:
        click.echo(f"wrote {', '.join(str(out_dir / n) for n in files)}")
        click.echo(report.summary(bib))


def _files(formats: list[str], out_dir: Path, inputs: ListInputs, ascii_only: bool, quiet: bool,
           config: HttpConfig) -> tuple[pipeline.Bibliography, dict[str, str]]:
    bib, lock_text = _build(inputs, out_dir, quiet, config)
    # --ascii is for the BibTeX file only: the pages stay as committed.
    files = {_file_name(fmt, ascii_only): render(fmt, bib.records, ascii_only and fmt == "bibtex") for fmt in formats}
    files[lock.NAME] = lock_text
    return bib, files


def _check(formats: list[str], out_dir: Path, inputs: ListInputs, list_path: Path | None,
           overrides_dir: Path | None, ascii_only: bool, quiet: bool, config: HttpConfig) -> None:
    bib, files = _files(formats, out_dir, inputs, ascii_only, True, config)
    problems = stale_files(out_dir, files)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"stale: run `{_command_line(formats, out_dir, list_path, overrides_dir, ascii_only)}` "
                   "and commit the result", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"{', '.join(files)} up to date ({len(bib.records)} entries)")


def _command_line(formats: list[str], out_dir: Path, list_path: Path | None, overrides_dir: Path | None,
                  ascii_only: bool) -> str:
    words = ["wsss-bib", "export", "--format", "all" if formats == list(FORMATS) else ",".join(formats)]
    for flag, value in (("--list", list_path), ("--overrides", overrides_dir)):
        if value is not None:
            words += [flag, str(value)]
    if out_dir != Path("output"):
        words += ["--out", str(out_dir)]
    return " ".join(words + (["--ascii"] if ascii_only else []))


@main.command("report", short_help="Per entry: DOI, match score, field sources, flags.", epilog=ENV)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--online", is_flag=True, help="Look rows up again first (default: report what the lock file, "
                                             "cache and overrides decided, without the network).")
@common_options
@resolution_options
@_fail_on_input_error
def report_command(fmt: str, online: bool, out_dir: Path, list_path: Path | None, overrides_dir: Path | None,
                   config: HttpConfig) -> None:
    """Per entry: DOI, match score and margin, field sources, and flags for the list's maintainer."""
    config = config if online else replace(config, offline=True)
    bib, _ = _build(find_inputs(list_path, overrides_dir), out_dir, not online, config)
    click.echo(report.as_json(bib) if fmt == "json" else report.as_markdown(bib), nl=False)


@main.command("check", short_help="List entries lacking a DOI, pages or authors, and why.", epilog=ENV)
@common_options
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), envvar="WSSS_BIB_CACHE",
              show_envvar=True, help=f"HTTP cache (SQLite), only read. Default: {default_cache_path()}")
@_fail_on_input_error
def check_command(out_dir: Path, list_path: Path | None, overrides_dir: Path | None, cache_path: Path | None) -> None:
    """List the entries still lacking a DOI, pages or authors, and why (offline)."""
    config = HttpConfig(offline=True, cache_path=cache_path or default_cache_path())
    bib, _ = _build(find_inputs(list_path, overrides_dir), out_dir, True, config)
    lines = report.missing(bib)
    for line in lines:
        click.echo(line)
    click.echo(f"{len(bib.records)} entries; {len(lines)} missing field(s)")
