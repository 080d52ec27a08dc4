"""The `wsss-bib` command: arguments in, a pipeline call, files and exit codes out.

Exit codes: 0 done; 1 `--check` found the files stale; 2 bad input or usage (or --out cannot be
written); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): nothing written, what was already
fetched stays cached.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import shlex
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from . import export as formats_registry
from .errors import InputError
from .export import Text
from .identity import ListIdentity, default_out, identify
from .resolve.config import HttpConfig, default_cache_path
from .resolve.sources import names as source_names

if TYPE_CHECKING:
    from .bundle import ListInputs
    from .list_cache import ListCache
    from .lists import ListEntry
    from .pipeline import Bibliography
    from .rendered import RenderedFiles

# What each command needs beyond this (the list reader, the resolver, the writers, pybtex,
# markdown-it) is imported inside the command, so `wsss-bib --help` starts at its floor.
OUTPUT_SUFFIXES = (".bib", ".json", ".ris", ".md", ".html", ".txt")
ENV = (f"Environment: WSSS_BIB_CACHE, WSSS_BIB_MAILTO, "
       f"{', '.join(f'WSSS_BIB_{name.upper()}_URL' for name in source_names())}, WSSS_BIB_EXPIRE_DAYS.")


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


def _check_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is None:
        return None  # the list's own folder (identity.default_out)
    if value.exists() and not value.is_dir():
        raise click.BadParameter(f"{value} is a file; --out names the folder the files go into", ctx, param)
    if not value.exists() and value.suffix.lower() in OUTPUT_SUFFIXES:
        raise click.BadParameter(f"{value} looks like a file name; --out names a folder (the files in it are "
                                 "<name>.bib, <name>.json, ...)", ctx, param)
    return value


def common_options(func: Callable[..., None]) -> Callable[..., None]:
    """--list, --overrides, --out, --name and --title: what every subcommand reads, and which list it is."""
    options = [
        click.option("--list", "list_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Awesome list to read (default: the bundled list)."),
        click.option("--overrides", "overrides_dir", type=click.Path(path_type=Path),
                     help="Folder of override files (default: the bundled list's own; for another list, the "
                          "`overrides/` folder beside it, if there is one)."),
        click.option("--out", "out_dir", callback=_check_out, type=click.Path(path_type=Path),
                     help="Folder of the bibliography and its lock file (default: output/ for the bundled "
                          "list; for another list, <name>-bibliography/ beside it)."),
        click.option("--name", "list_name", metavar="NAME",
                     help="The list's file stem: NAME.bib, NAME.json, ... (default: the list file's name; "
                          "wsss for the bundled list)."),
        click.option("--title", "list_title", metavar="TEXT",
                     help="The list's title on the pages (default: its first heading)."),
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
        # Any registered source's base URL, by its name (resolve/sources.py): NAME=URL; the same as --NAME-url.
        click.option("--source-url", "source_urls", multiple=True, metavar="NAME=URL",
                     help="Base URL of a registered source, e.g. crossref=https://api.crossref.org."),
        # Hidden, for tests against a local fake service (docs/reliability.md): short timeouts and
        # backoff, so faults are tried in seconds instead of minutes.
        click.option("--timeout", type=float, default=defaults.timeout, envvar="WSSS_BIB_TIMEOUT", hidden=True),
        click.option("--backoff-base", type=float, default=defaults.backoff_base, envvar="WSSS_BIB_BACKOFF_BASE",
                     hidden=True),
    ]
    for name in source_names():  # --NAME-url and the hidden --NAME-interval of every registered source
        options.append(click.option(f"--{name}-url", f"url_{name}", envvar=f"WSSS_BIB_{name.upper()}_URL",
                                    show_envvar=True, metavar="URL",
                                    help=f"{name} API base URL (default: the public service; see README)."))
        options.append(click.option(f"--{name}-interval", f"interval_{name}", type=float,
                                    envvar=f"WSSS_BIB_{name.upper()}_INTERVAL", hidden=True))
    for option in reversed(options):
        func = option(func)

    @functools.wraps(func)
    def with_config(*args: Any, offline: bool, refresh: bool, cache_path: Path | None, expire_days: float,
                    mailto: str | None, source_urls: tuple[str, ...], timeout: float, backoff_base: float,
                    **kwargs: Any) -> None:
        if offline and refresh:
            raise click.UsageError("--refresh asks every service again; --offline asks none: choose one")
        names = source_names()
        urls = {m.group(1).lower(): url for name, url in os.environ.items()
                if (m := re.fullmatch(r"WSSS_BIB_(\w+)_URL", name)) and m.group(1).lower() not in names}
        for pair in source_urls:
            name, sep, url = pair.partition("=")
            if not sep or not name.strip() or not url.strip():
                raise click.BadParameter(f"{pair!r} is not NAME=URL", param_hint="--source-url")
            urls[name.strip().lower()] = url.strip()
        intervals = {}
        for name in names:
            url, interval = kwargs.pop(f"url_{name}"), kwargs.pop(f"interval_{name}")
            if url and name not in {pair.partition("=")[0].strip().lower() for pair in source_urls}:
                urls[name] = url
            if interval is not None:
                intervals[name] = interval
        config = HttpConfig(offline=offline, refresh=refresh, mailto=mailto, expire_days=expire_days,
                            cache_path=cache_path or default_cache_path(), timeout=timeout,
                            backoff_base=backoff_base, urls=urls, intervals=intervals)
        func(*args, config=config, **kwargs)
    return with_config


@dataclass(frozen=True)
class Target:
    """Which list a run is about and where its files are."""

    inputs: ListInputs
    identity: ListIdentity
    out_dir: Path
    out_given: bool
    name_given: str | None = None
    title_given: str | None = None
    lists: ListCache | None = None  # the list's stored parse, if the run uses the store


def _list_cache(config: HttpConfig, writable: bool) -> ListCache:
    """The store of parsed lists beside the HTTP cache (list_cache.py); only an export that writes adds to it."""
    from .list_cache import ListCache, store_folder

    return ListCache(store_folder(config.cache_path), writable)


def _target(list_path: Path | None, overrides_dir: Path | None, out_dir: Path | None, list_name: str | None,
            list_title: str | None, lists: ListCache | None = None) -> Target:
    from .bundle import find_inputs

    inputs = find_inputs(list_path, overrides_dir)
    identity = identify(inputs.list_path, inputs.is_bundled, list_title, list_name,
                        heading=lists.heading if lists is not None else None)
    out = out_dir if out_dir is not None else default_out(inputs.list_path, identity, inputs.is_bundled)
    return Target(inputs, identity, out, out_dir is not None, list_name, list_title, lists)


def _build(target: Target, quiet: bool, config: HttpConfig) -> tuple[Bibliography, Callable[[], str]]:
    """Run the pipeline with the service resolver; returns the bibliography and what makes the new
    lock file's text (once: it then lets go of the list's rows and their resolutions)."""
    from . import pipeline
    from .resolve import lock
    from .resolve.resolver import ServiceResolver

    inputs, identity = target.inputs, target.identity
    lock.check_owner(target.out_dir, identity.stem, identity.title, inputs.list_path)
    lock_path = target.out_dir / identity.lock_name
    if not lock_path.exists() and inputs.lock_fallback_dir is not None:
        lock_path = inputs.lock_fallback_dir / lock.NAME  # an installed tool, a new --out: the bundled decisions
    locked = lock.load(lock_path)
    warn = lambda message: click.echo(f"warning: {message}", err=True)  # noqa: E731
    overrides = inputs.overrides_dir
    present = {p.name for p in overrides.iterdir()} if overrides is not None and overrides.is_dir() else set()
    bar = lambda length: click.progressbar(length=length, label="resolving", file=sys.stderr)  # noqa: E731
    resolver = ServiceResolver(config, locked, progress=bar if not quiet and sys.stderr.isatty() else None, warn=warn,
                               overrides=present)

    def pinned(entries: list[ListEntry]) -> dict[int, str]:
        # Every key the lock gave out stays, so a citation never breaks: a row keyed offline (by its
        # title, no author known) keeps that key once the services answer. Only the placeholder
        # keys (`anon…`) of older locks are given afresh.
        rows = {i: locked.get(place) for i, place in enumerate(lock.identities(entries))}
        return {i: row.key for i, row in rows.items() if row and not row.key.startswith("anon")}

    stored = target.lists
    bib = pipeline.build(inputs.list_path, inputs.overrides_dir, resolver, pinned, warn,
                         read=stored.read if stored is not None else None,
                         **({"load": stored.overrides} if stored is not None else {}))

    def lock_text(bib: Bibliography) -> str:
        rows = [lock.row(entry, resolution, record["id"], bib.named_dois.get(i), bib.curated_by.get(i))
                for i, (entry, resolution, record) in enumerate(zip(bib.entries, bib.resolutions, bib.records))]
        return lock.dump(rows, identity.stem, identity.title)
    return bib, _Once(functools.partial(lock_text, bib))


class _Once:
    """A text made once, after which what it was made from is let go (a 100,000-row list's rows)."""

    def __init__(self, make: Callable[[], str]) -> None:
        self.make: Callable[[], str] | None = make

    def __call__(self) -> str:
        make, self.make = self.make, None
        if make is None:
            raise RuntimeError("made once already")
        return make()


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    names: list[str] = []
    for value in values or ("bibtex",):
        for name in (value.split(",") if "," in value else [value]):
            if name.strip().lower() == "all":
                names.extend(formats_registry.names())
            elif (fmt := formats_registry.by_name(name)) is not None:
                names.append(fmt.name)
            else:
                choices = ", ".join([*(n for f in formats_registry.FORMATS for n in (f.name, *f.aliases)), "all"])
                raise click.BadParameter(f"{name.strip().lower()!r} is not a format (choose from {choices})",
                                         ctx, param)
    return list(dict.fromkeys(names))


def _formats_help() -> str:
    """The --format help, from the registry: each format, its aliases and its file."""
    described = []
    for fmt in formats_registry.FORMATS:
        spelled = " or ".join((fmt.name, *fmt.aliases))
        file = fmt.file.format(stem="NAME")
        described.append(f"{spelled} ({file}, {fmt.help})" if fmt.help else f"{spelled} ({file})")
    return (f"Which files to write, repeatable or comma-separated: {', '.join(described)}, or all; NAME is the "
            "list's name (wsss for the bundled list). Default: bibtex.")


def _own_files(identity: ListIdentity) -> set[str]:
    """Every file an export may write into --out (what a journal of a killed write may name)."""
    return {*(formats_registry.file_name(fmt, identity, ascii_only) for fmt in formats_registry.names()
              for ascii_only in (False, True)), identity.lock_name}


class _FormatOption(click.Option):
    """--format, its help written from the format registry when it is shown."""

    @property
    def help(self) -> str:
        return _formats_help()

    @help.setter
    def help(self, value: str | None) -> None:
        pass


@main.command(short_help="Write the bibliography files (default: output/wsss.bib).", epilog=ENV)
@click.option("--format", "formats", cls=_FormatOption, multiple=True, callback=_formats, metavar="FORMAT")
@common_options
@click.option("--check", is_flag=True, help="Write nothing, ask no service; exit 1 if the files in --out are stale.")
@click.option("--ascii", "ascii_only", is_flag=True,
              help="BibTeX with LaTeX accent macros instead of UTF-8, written as NAME.ascii.bib.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@resolution_options
@_fail_on_input_error
def export(formats: list[str], out_dir: Path | None, list_path: Path | None, overrides_dir: Path | None,
           list_name: str | None, list_title: str | None, check: bool, ascii_only: bool, quiet: bool,
           config: HttpConfig) -> None:
    """Write the bibliography and the lock file (what was decided, per row) into --out."""
    target = _target(list_path, overrides_dir, out_dir, list_name, list_title, _list_cache(config, not check))
    if check:
        # The files are judged by what is decided, not by a new lookup.
        _check(formats, target, list_path, overrides_dir, ascii_only, quiet, replace(config, offline=True))
        return
    write_bibliography(formats, target, ascii_only, quiet, config)


def write_bibliography(formats: list[str], target: Target, ascii_only: bool, quiet: bool, config: HttpConfig) -> None:
    """What `export` does once its options are read: build, write every file or none, report."""
    from . import report
    from .output import exclusive, write_rendered

    out = target.out_dir
    with exclusive(out), _SharedPages() as pages:  # a second export into this folder waits, its requests too
        bib, renderers, notes = _renderers(formats, target, ascii_only, quiet, config, pages)
        summary = "" if quiet else report.summary(bib, str(out / target.identity.lock_name))
        # Memory (issue 23, 100,000 rows): the lock is made and staged first, and with it the last
        # use of the list's rows and their resolutions, which the files after it do not need.
        lock_name = target.identity.lock_name
        del bib
        try:
            write_rendered(out, {lock_name: renderers[lock_name], **renderers}, own=_own_files(target.identity))
        except OSError as err:  # disk full, no permission: write_files has put the old files back
            click.echo(f"error: cannot write to {out}: {err}; its files are as they were", err=True)
            sys.exit(2)
        if notes is not None:
            notes.save()
    if not quiet:
        click.echo(f"wrote {', '.join(str(out / n) for n in renderers)}")
        click.echo(summary)


def _renderers(formats: list[str], target: Target, ascii_only: bool, quiet: bool, config: HttpConfig,
               pages: _SharedPages) -> tuple[Bibliography, dict[str, Callable[[], Text]], RenderedFiles | None]:
    """The bibliography, and each file's name with what makes its text: made one at a time when
    written, so a large list's files are never all in memory together; and the note of which
    files in --out are already what they would be made (rendered.py), to save once written."""
    bib, lock_text = _build(target, quiet, config)
    notes = None
    if target.lists is not None:
        from .rendered import RenderedFiles

        notes = RenderedFiles(target.lists.store_folder, target.out_dir, target.lists.writable, bib.records,
                              target.identity)
    renderers: dict[str, Callable[[], Text]] = {}
    for fmt in formats:
        # --ascii is for the BibTeX file only: the pages stay as committed.
        ascii_bibtex = ascii_only and bool(formats_registry.get(fmt).ascii_file)
        render: Callable[[], Text] = functools.partial(formats_registry.pieces, fmt, bib.records, ascii_bibtex,
                                                      target.identity)
        render = pages.page(render) if formats_registry.get(fmt).page else render
        name = formats_registry.file_name(fmt, target.identity, ascii_bibtex)
        renderers[name] = notes.renderer(name, fmt, ascii_bibtex, render) if notes is not None else render
    renderers[target.identity.lock_name] = lock_text
    return bib, renderers, notes


class _SharedPages(contextlib.ExitStack):
    """Both pages of one run share one build of their sections (export.page.shared_sections), from
    the first page made to the end of the block; pybtex is loaded only when a page is made."""

    def page(self, render: Callable[[], Text]) -> Callable[[], Text]:
        def made() -> Text:
            if not getattr(self, "sharing", False):
                from .export.page import shared_sections

                self.enter_context(shared_sections())
                self.sharing = True
            return render()
        return made


def _check(formats: list[str], target: Target, list_path: Path | None, overrides_dir: Path | None,
           ascii_only: bool, quiet: bool, config: HttpConfig) -> None:
    from .output import stale_rendered

    with _SharedPages() as pages:
        bib, renderers, _ = _renderers(formats, target, ascii_only, True, config, pages)
        problems = stale_rendered(target.out_dir, renderers)  # made and compared one at a time
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"stale: run `{_command_line(formats, target, list_path, overrides_dir, ascii_only)}` "
                   "and commit the result", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"{', '.join(renderers)} up to date ({len(bib.records)} entries)")


def _command_line(formats: list[str], target: Target, list_path: Path | None, overrides_dir: Path | None,
                  ascii_only: bool) -> str:
    words = ["wsss-bib", "export", "--format", "all" if formats == formats_registry.names() else ",".join(formats)]
    for flag, value in (("--list", list_path), ("--overrides", overrides_dir)):
        if value is not None:
            words += [flag, str(value)]
    if target.out_given:
        words += ["--out", str(target.out_dir)]
    for flag, given in (("--name", target.name_given), ("--title", target.title_given)):
        if given is not None:
            words += [flag, shlex.quote(given)]
    return " ".join(words + (["--ascii"] if ascii_only else []))


@main.command("report", short_help="Per entry: DOI, match score, field sources, flags.", epilog=ENV)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--online", is_flag=True, help="Look rows up again first (default: report what the lock file, "
                                             "cache and overrides decided, without the network).")
@common_options
@resolution_options
@_fail_on_input_error
def report_command(fmt: str, online: bool, out_dir: Path | None, list_path: Path | None,
                   overrides_dir: Path | None, list_name: str | None, list_title: str | None,
                   config: HttpConfig) -> None:
    """Per entry: DOI, match score and margin, field sources, and flags for the list's maintainer."""
    from . import report

    config = config if online else replace(config, offline=True)
    target = _target(list_path, overrides_dir, out_dir, list_name, list_title, _list_cache(config, False))
    bib, _ = _build(target, not online, config)
    click.echo(report.as_json(bib) if fmt == "json" else report.as_markdown(bib), nl=False)


@main.command("check", short_help="List entries lacking a DOI, pages or authors, and why.", epilog=ENV)
@common_options
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), envvar="WSSS_BIB_CACHE",
              show_envvar=True, help=f"HTTP cache (SQLite), only read. Default: {default_cache_path()}")
@_fail_on_input_error
def check_command(out_dir: Path | None, list_path: Path | None, overrides_dir: Path | None, list_name: str | None,
                  list_title: str | None, cache_path: Path | None) -> None:
    """List the entries still lacking a DOI, pages or authors, and why (offline)."""
    from . import report

    config = HttpConfig(offline=True, cache_path=cache_path or default_cache_path())
    target = _target(list_path, overrides_dir, out_dir, list_name, list_title, _list_cache(config, False))
    bib, _ = _build(target, True, config)
    lines = report.missing(bib)
    for line in lines:
        click.echo(line)
    click.echo(f"{len(bib.records)} entries; {len(lines)} missing field(s)")


def _formats_or_present(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    return _formats(ctx, param, values) if values else None


@main.command("add", short_help="Add papers to the list by their links, then re-export.", epilog=ENV)
@click.argument("links", nargs=-1, required=True, metavar="LINK...")
@click.option("--section", help="The section to add to (its heading's text), for lists not sectioned by year.")
@click.option("--venue", help="The venue as the list writes it (default: the published record's, in the list's "
                              "spelling; arXiv for a preprint).")
@click.option("--code", "code_url", metavar="URL", help="The paper's code repository.")
@click.option("--supervision", help="What the table's Supervision column says (Image, Box, ...).")
@click.option("--paper-title", "title", help="The paper's title, for a page no source reads (IEEE, OpenReview, ...).")
@click.option("--format", "formats", multiple=True, callback=_formats_or_present, metavar="FORMAT",
              help="Which files to re-export, as for `export` (default: those already in --out, else bibtex).")
@common_options
@click.option("--quiet", "-q", is_flag=True, help="Print only what was added, warnings and errors.")
@resolution_options
@_fail_on_input_error
def add_command(links: tuple[str, ...], section: str | None, venue: str | None, code_url: str | None,
                supervision: str | None, title: str | None, formats: list[str] | None, out_dir: Path | None,
                list_path: Path | None, overrides_dir: Path | None, list_name: str | None, list_title: str | None,
                quiet: bool, config: HttpConfig) -> None:
    """Add each LINK's paper to the list (an arXiv id or link, a DOI, a CVF, ECVA, OpenReview, NeurIPS, ACM or
    IEEE page): one row in the list's own shape, in its year's section; then re-export the bibliography.

    A paper already in the list (same arXiv id, DOI or title) is not added again. When no source knows a
    link, the list is left as it was and the exit code is 2.
    """
    from .add import Given, add_paper
    from .bundle import PACKAGE
    from .resolve import lock

    if len(links) > 1 and (code_url or title):
        raise click.UsageError("--code and --title describe one paper: give one LINK with them")
    target = _target(list_path, overrides_dir, out_dir, list_name, list_title)
    inputs = target.inputs
    if inputs.is_bundled and (PACKAGE / "bundled").exists():
        raise InputError(inputs.list_path, None, "the bundled list is part of the installed package; add to "
                                                 "your own list with --list PATH")
    # A folder holding another list's bibliography is refused before the list is touched.
    lock.check_owner(target.out_dir, target.identity.stem, target.identity.title, inputs.list_path)
    warn = lambda message: click.echo(f"warning: {message}", err=True)  # noqa: E731
    given = Given(venue=venue, code=code_url, supervision=supervision, title=title, section=section)
    added, failed = 0, []
    for link in links:
        try:
            outcome = add_paper(inputs.list_path, link, given, config, warn)
        except InputError as err:
            failed.append(str(err))
            continue
        click.echo(outcome.message)
        added += outcome.added
    if added:
        present = [fmt for fmt in formats_registry.names()
                   if (target.out_dir / formats_registry.file_name(fmt, target.identity)).exists()]
        write_bibliography(formats or present or ["bibtex"], target, False, quiet, config)
    for problem in failed:
        click.echo(f"error: {problem}", err=True)
    if failed:
        sys.exit(2)
