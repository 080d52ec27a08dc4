"""Where a list's overrides and lock file are found, in a checkout and in an installed package.

The bundled list travels with its curated facts: a wheel carries the repository's `overrides/`
and `output/wsss.lock.json` as `wsss_bib/bundled/` (pyproject.toml maps them there), so an
installed tool builds the committed bibliography offline, from any folder. In a checkout the
same files are read where they are.

Another list brings its own: the `overrides/` folder beside the list file, if there is one.
The bundled list's overrides never apply to another list (they would match none of its rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

PACKAGE = Path(__file__).resolve().parent


def bundled_list() -> Path:
    """The list shipped with the package (`lists.bundled_list`, without importing the list reader)."""
    return Path(__file__).parent / "data" / "awesome-wsss.md"  # as importlib.resources names it: not resolved


def bundled(name: str) -> Path:
    """`overrides` or `output` of the bundled list: installed beside the code, else the checkout's."""
    installed = PACKAGE / "bundled" / name
    return installed if installed.exists() else PACKAGE.parent / name


@dataclass(frozen=True)
class ListInputs:
    """What one run reads: the list, its overrides (or none) and the lock to fall back on."""

    list_path: Path
    overrides_dir: Path | None
    lock_fallback_dir: Path | None  # the folder whose lock is read when --out holds none yet
    is_bundled: bool


def find_inputs(list_path: Path | None, overrides_dir: Path | None) -> ListInputs:
    """The inputs for `--list` and `--overrides` as given (None: not given)."""
    default = bundled_list()
    chosen = list_path or default
    is_bundled = list_path is None or _same_file(chosen, default)
    if overrides_dir is not None:
        if not overrides_dir.is_dir():
            raise InputError(overrides_dir, None, "no such folder of overrides (--overrides)")
        found: Path | None = overrides_dir
    elif is_bundled:
        found = bundled("overrides")
    else:
        beside = chosen.parent / "overrides"
        found = beside if beside.is_dir() else None
    fallback = bundled("output") if is_bundled else None
    return ListInputs(chosen, found if found and found.is_dir() else None, fallback, is_bundled)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
