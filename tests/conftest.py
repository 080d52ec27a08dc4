"""Shared test helpers: paths to fixture files and a CLI runner that keeps stderr apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wsss_bib.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def run():
    """Run `wsss-bib ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""
    def invoke(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return invoke


@pytest.fixture
def overrides_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture overrides."""
    target = tmp_path / "overrides"
    shutil.copytree(DATA / "overrides_ok", target)
    return target
