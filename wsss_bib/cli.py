"""The `wsss-bib` command: arguments in, a pipeline call, files and exit codes out.

Exit codes: 0 done; 1 `--check` found output/ stale; 2 bad input or usage (or --out cannot be
written); 130 interrupted (Ctrl-C): nothing written, what was already fetched stays cached.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import click

from . import __version__, pipeline, report
from .awesome_list import bundled_list
from .errors import InputError
from .export import FORMATS, render
from .output import stale_files, write_files
from .resolve import HttpConfig, ServiceResolver, lock
from .resolve.http import default_cache_path


def _fail_on_input_error(func):
    """Turn InputError into one line on stderr and exit code 2; Ctrl-C into one line and 130."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            # Not click's "Aborted!" with exit 1 (1 means "stale" under --check): the shell's 128+SIGINT.
            newline = "\n" if sys.stderr.isatty() else ""  # after the ^C and any progress bar
            click.echo(f"{newline}interrupted: nothing written; answers already fetched are cached for the next run",
                       err=True)
            sys.exit(130)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wsss-bib")
def main() -> None:
    """Turn an awesome list of WSSS papers into BibTeX, CSL-JSON and RIS."""


list_option = click.option("--list", "list_path", type=click.Path(dir_okay=False, path_type=Path),
                           help="Awesome list to read (default: the bundled list).")


def resolution_options(func):
    """Where and how the services are asked; every option also has an environment variable."""
    options = [
        click.option("--offline", is_flag=True, help="Never touch the network: cache, lock file and overrides only."),
        click.option("--refresh", is_flag=True, help="Ask again about every row (no cache, no lock)."),
        click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path),
                     envvar="WSSS_BIB_CACHE", help=f"HTTP cache (SQLite). Default: {default_cache_path()}"),
        click.option("--expire-days", type=float, default=90.0, show_default=True, envvar="WSSS_BIB_EXPIRE_DAYS",
                     help="How long a cached answer is used."),
        click.option("--mailto", envvar="WSSS_BIB_MAILTO",
                     help="Your e-mail, for Crossref's polite pool (faster, and Crossref can reach you)."),
        click.option("--crossref-url", envvar="WSSS_BIB_CROSSREF_URL", default="https://api.crossref.org",
                     show_default=True, help="Crossref REST API base URL."),
        click.option("--arxiv-url", envvar="WSSS_BIB_ARXIV_URL", default="https://export.arxiv.org/api/query",
                     show_default=True, help="arXiv API query endpoint."),
        # Any registered source's base URL, by its name (resolve/sources.py): NAME=URL, or the
        # environment variable WSSS_BIB_<NAME>_URL; --crossref-url and --arxiv-url are the same for those two.
        click.option("--source-url", "source_urls", multiple=True, metavar="NAME=URL",
                     help="Base URL of a registered source, e.g. crossref=https://api.crossref.org."),
        # Hidden, for tests against a local fake service (docs/reliability.md): short timeouts and
        # backoff, so faults are tried in seconds instead of minutes.
        click.option("--timeout", type=float, default=HttpConfig.timeout, envvar="WSSS_BIB_TIMEOUT", hidden=True),
        click.option("--backoff-base", type=float, default=HttpConfig.backoff_base, envvar="WSSS_BIB_BACKOFF_BASE",
                     hidden=True),
        click.option("--arxiv-interval", type=float, default=HttpConfig.arxiv_interval,
                     envvar="WSSS_BIB_ARXIV_INTERVAL", hidden=True),
    ]
    for option in reversed(options):
        func = option(func)

    @functools.wraps(func)
    def with_config(*args, offline, refresh, cache_path, expire_days, mailto, crossref_url, arxiv_url,
                    source_urls, timeout, backoff_base, arxiv_interval, **kwargs):
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
        return func(*args, config=config, **kwargs)
    return with_config


def _build(list_path: Path | None, overrides_dir: Path, out_dir: Path, quiet: bool,
           config: HttpConfig) -> tuple[pipeline.Bibliography, str]:
    """Run the pipeline with the service resolver; returns the bibliography and the new lock file."""
    locked = lock.load(out_dir / lock.NAME)
    warn = lambda message: click.echo(f"warning: {message}", err=True)  # noqa: E731
    resolver = ServiceResolver(config, locked, progress=not quiet and sys.stderr.isatty(), warn=warn)

    def pinned(entries):  # keys the lock gave out stay; placeholder "anon" keys may improve
        keys = {i: locked[lock.identity(e)]["key"] for i, e in enumerate(entries) if lock.identity(e) in locked}
        return {i: key for i, key in keys.items() if not key.startswith("anon")}

    bib = pipeline.build(list_path or bundled_list(), overrides_dir, resolver, pinned)
    for warning in bib.warnings:
        warn(warning)
    if not bib.entries:  # an emptied or unreadable list must not overwrite a bibliography with nothing
        raise InputError(list_path or bundled_list(), None, "no paper row could be read; nothing written")
    return bib, lock.dump(bib.entries, bib.resolutions, [r["id"] for r in bib.records])


overrides_option = click.option("--overrides", "overrides_dir", default="overrides", show_default=True,
                                type=click.Path(file_okay=False, path_type=Path),
                                help="Folder of override YAML files.")


@main.command()
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "all"]), default="bibtex", show_default=True,
              help="Which file to write: wsss.bib, wsss.json, wsss.ris, or all three.")
@click.option("--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
@list_option
@overrides_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the files in --out are not up to date.")
@click.option("--ascii", "ascii_only", is_flag=True, help="BibTeX with LaTeX accent macros instead of UTF-8.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@resolution_options
@_fail_on_input_error
def export(fmt: str, out_dir: Path, list_path: Path | None, overrides_dir: Path, check: bool,
           ascii_only: bool, quiet: bool, config: HttpConfig) -> None:
    """Write the bibliography (default: output/wsss.bib) and the lock file beside it."""
    bib, lock_text = _build(list_path, overrides_dir, out_dir, quiet, config)
    formats = list(FORMATS) if fmt == "all" else [fmt]
    files = {FORMATS[name][0]: render(name, bib.records, ascii_only) for name in formats}
    files[lock.NAME] = lock_text
    if check:
        problems = stale_files(out_dir, files)
        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            click.echo("output is stale: run `wsss-bib export --format all` and commit it", err=True)
            sys.exit(1)
        if not quiet:
            click.echo(f"{', '.join(files)} up to date ({len(bib.records)} entries)")
        return
    try:
        write_files(out_dir, files)
    except OSError as err:  # disk full, no permission: write_files has put the old files back
        click.echo(f"error: cannot write to {out_dir}: {err}; its files are as they were", err=True)
        sys.exit(2)
    if not quiet:
        click.echo(f"wrote {', '.join(str(out_dir / n) for n in files)}")
        click.echo(report.summary(bib))


@main.command("report")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder holding the lock file.")
@list_option
@overrides_option
@resolution_options
@_fail_on_input_error
def report_command(fmt: str, out_dir: Path, list_path: Path | None, overrides_dir: Path, config: HttpConfig) -> None:
    """Per entry: DOI, match score and margin, field sources, and flags for the list's maintainer."""
    bib, _ = _build(list_path, overrides_dir, out_dir, True, config)
    click.echo(report.as_json(bib) if fmt == "json" else report.as_markdown(bib), nl=False)


@main.command("check")
@click.option("--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder holding the lock file.")
@list_option
@overrides_option
@_fail_on_input_error
def check_command(out_dir: Path, list_path: Path | None, overrides_dir: Path) -> None:
    """List the entries still lacking a DOI, pages or authors, and why (offline)."""
    bib, _ = _build(list_path, overrides_dir, out_dir, True, HttpConfig(offline=True))
    lines = report.missing(bib)
    for line in lines:
        click.echo(line)
    click.echo(f"{len(bib.records)} entries; {len(lines)} missing field(s)")
