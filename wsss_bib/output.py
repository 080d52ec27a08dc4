"""Writing the export files: all or nothing, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_files(directory: Path, files: dict[str, str]) -> None:
    """Write every file to a temporary sibling first, then rename each into place.

    A failure before the renames leaves every old file as it was; a rename is atomic.
    """
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            staged.append((name, Path(temporary)))
        for name, temporary in staged:
            os.replace(temporary, directory / name)
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)


def stale_files(directory: Path, files: dict[str, str]) -> list[str]:
    """One line per file in `directory` that differs from what would be written."""
    problems = []
    for name, text in files.items():
        path = directory / name
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        new = text.splitlines()
        changed = sum(a != b for a, b in zip(old, new)) + abs(len(old) - len(new))
        if changed:
            problems.append(f"{path}: {changed} line(s) differ ({len(old)} now, {len(new)} expected)")
    return problems
