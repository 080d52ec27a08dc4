"""Records as a CSL-JSON array: they already are CSL items, so this only fixes the layout."""

from __future__ import annotations

import json

from ..record import Record


def dump(records: list[Record]) -> str:
    # Sorted keys and a fixed indent: the same records always give the same bytes.
    return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
