"""The list reader's old home: what other modules import from here lives in `lists/`."""

from .lists import Link, ListEntry, ParsedList, bundled_list, parse_list, read_list
from .lists.grammar import ARXIV_URL

__all__ = ["ARXIV_URL", "Link", "ListEntry", "ParsedList", "bundled_list", "parse_list", "read_list"]
