"""The registry of sources: every service the resolver asks, in the order they are asked.

Adding a source is one module in this package (a `source.Source` named `SOURCE`, whose name
is the module's name) and one line here. Preprint sources are asked first, published sources
after them; the merge puts their layers in this order.

Only the names are read without importing the modules: the lock file's validation, the
command-line options and the environment variables come from `names()`, so a run that the
lock file settles never imports a source (habanero, feedparser, ...).
"""

from __future__ import annotations

import importlib

from .source import Source

MODULES: tuple[str, ...] = (
    "arxiv",
    "crossref",
    "dblp",
)


def names() -> tuple[str, ...]:
    """The registered sources' names (each source's name is its module's)."""
    return MODULES


def load() -> tuple[Source, ...]:
    """The registered sources, their modules imported now."""
    loaded = []
    for module in MODULES:
        source: Source = importlib.import_module(f"{__package__}.{module}").SOURCE
        if source.name != module:
            raise RuntimeError(f"source module {module} names its source {source.name!r}")
        loaded.append(source)
    return tuple(loaded)


def __getattr__(name: str) -> tuple[Source, ...]:
    """`REGISTRY`: the loaded sources, for code that wants them all (`sources=(*REGISTRY, mine)`)."""
    if name == "REGISTRY":
        return load()
    raise AttributeError(name)
