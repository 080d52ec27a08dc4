"""Read an awesome list of papers, whatever its shape: tables, bullet and numbered items,
heading entries, mixed and nested under year and venue sections.

Each shape is a reader (`tables`, `items`, `headings`) behind one small interface
(`reader.Reader`) and one registry (`document.READERS`); `grammar` is what they share:
titles, authors, venue + year, and every link classified by what it points to.
"""

from .document import READERS, bundled_list, parse_list, read_list
from .model import Link, ListEntry, ParsedList

__all__ = ["READERS", "Link", "ListEntry", "ParsedList", "bundled_list", "parse_list", "read_list"]
