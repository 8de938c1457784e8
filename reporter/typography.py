"""How figures are set in print: the one place that says which dash a range takes.

A range of figures ("10–25 engineers", "weeks 1–5") is set with an en dash, whoever wrote it: the
content pack's text is normalised when it is loaded, and the planner's own words build their ranges
here. Only text we own goes through this; a candidate's words print as they were typed.
"""

from __future__ import annotations

import re

RANGE_DASH = "\u2013"  # en dash

# A hyphen between two figures, with or without spaces around it: "10-25", "2-4", "35% - ~100".
# A hyphenated word ("12-person", "L6-level") has a letter beside the hyphen and is left alone, and so
# is an ISO date (2026-12-01), which is a date and not a range.
_HYPHEN_RANGE = re.compile(r"(?<=\d)(%?)( ?)-( ?)(?=~?\d)")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def number_range(low: object, high: object) -> str:
    """"10", "25" → "10–25"."""
    return f"{low}{RANGE_DASH}{high}"


def en_dash_ranges(text: str) -> str:
    """Every hyphen that stands for "to" between two figures becomes an en dash; dates stay as they are."""
    if "-" not in text:
        return text
    dates = [(m.start(), m.end()) for m in _ISO_DATE.finditer(text)]

    def dash(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in dates):
            return match.group()
        return f"{match[1]}{match[2]}{RANGE_DASH}{match[3]}"

    return _HYPHEN_RANGE.sub(dash, text)
