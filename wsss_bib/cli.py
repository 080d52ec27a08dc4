"""The `wsss-bib` command: arguments in, a pipeline call, files and exit codes out.

Exit codes: 0 done; 1 `--check` found output/ stale; 2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, pipeline
from .awesome_list import bundled_list
from .errors import InputError
from .export import FORMATS, render
from .output import stale_files, write_files


def _fail_on_input_error(func):
    """Turn InputError into one line on stderr and exit code 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wsss-bib")
def main() -> None:
    """Turn an awesome list of WSSS papers into BibTeX, CSL-JSON and RIS."""


list_option = click.option("--list", "list_path", type=click.Path(dir_okay=False, path_type=Path),
                           help="Awesome list to read (default: the bundled list).")
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
@_fail_on_input_error
def export(fmt: str, out_dir: Path, list_path: Path | None, overrides_dir: Path, check: bool,
           ascii_only: bool, quiet: bool) -> None:
    """Write the bibliography (default: output/wsss.bib)."""
    bib = pipeline.build(list_path or bundled_list(), overrides_dir)
    for warning in bib.warnings:
        click.echo(f"warning: {warning}", err=True)
    formats = list(FORMATS) if fmt == "all" else [fmt]
    files = {FORMATS[name][0]: render(name, bib.records, ascii_only) for name in formats}
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
    write_files(out_dir, files)
    if not quiet:
        click.echo(f"wrote {len(bib.records)} entries to {', '.join(str(out_dir / n) for n in files)}")
