"""The registry of sources: every service the resolver asks, in the order they are asked.

Adding a source is one module (a `source.Source`) and one line here. Preprint sources are
asked first, published sources after them; the merge puts their layers in this order.
"""

from __future__ import annotations

from . import arxiv, crossref
from .source import Source

REGISTRY: tuple[Source, ...] = (
    arxiv.SOURCE,
    crossref.SOURCE,
)
