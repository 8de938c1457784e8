"""Inputs at the limits of the contract, written by the tests that need them."""

from __future__ import annotations

from pathlib import Path

from reporter import config

STRESS_NAME = ("Sample candidate (stress test) " + "with a name as long as the contract allows " * 4)[:config.MAX_NAME_CHARS]


def stress_yaml(level: str) -> str:
    """A candidate at the limits that grow the sheet: the longest name and title, 40 stories with long titles."""
    lines = ["candidate:", f'  name: "{STRESS_NAME}"', f"  target_level: {level}", "  interview_date: 2027-03-01",
             "  plan_start: 2026-12-01", "  hours_per_week: 10",
             '  current_title: "' + ("Principal engineering manager, platforms " * 4)[:config.MAX_NAME_CHARS] + '"',
             "stories:"]
    for n in range(40):
        title = (f"Story {n + 1}: " + "a long title about a migration across many teams " * 3)[:config.MAX_NAME_CHARS]
        lines += [f'  - title: "{title}"', "    principles: [Ownership]",
                  f"    scope: {{engineers: {10 + 5 * n}, teams: {2 + n % 6}, duration_months: {3 + n}, "
                  f"budget_usd: {100000 * (n + 1)}}}"]
    return "\n".join(lines) + "\n"


def write_sheet_stress(path: Path, level: str) -> Path:
    path.write_text(stress_yaml(level), encoding="utf-8")
    return path
