"""Read an awesome list of papers, whatever its shape: tables, bullet and numbered items,
heading entries, mixed and nested under year and venue sections.

Each shape is a reader (`tables`, `items`, `headings`) behind one small interface
(`reader.Reader`) and one registry (`document.READERS`); `grammar` is what they share:
titles, authors, venue + year, and every link classified by what it points to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Link, ListEntry, ParsedList

if TYPE_CHECKING:
    from .document import READERS, bundled_list, parse_list, read_list

__all__ = ["READERS", "Link", "ListEntry", "ParsedList", "bundled_list", "parse_list", "read_list"]
# The reader (markdown-it, the grammar's patterns) is imported when first used, so the model's
# users (records, the lock, the resolver) and `wsss-bib --help` do not load it.
_READER_NAMES = frozenset({"READERS", "bundled_list", "parse_list", "read_list"})


def __getattr__(name: str) -> Any:
    if name in _READER_NAMES:
        from . import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
