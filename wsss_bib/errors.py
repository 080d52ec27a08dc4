"""The one error the CLI turns into exit code 2: bad input, named by file and line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that cannot be used: a broken list or override file."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
