"""What resolution says about one row (the stage's result type, used by pipeline and lock)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Record


@dataclass
class Resolution:
    """What the services said about one row: source layers and how sure the match is."""

    layers: list[tuple[str, Record]] = field(default_factory=list)  # (source name, record), weakest first
    status: str = "not looked up"  # "resolved", "unresolved", "failed", "not looked up"
    reason: str = ""
    score: float | None = None
    margin: float | None = None
