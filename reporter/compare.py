"""Where a candidate stands against L6 and L7: pure functions for the one-page comparison sheet.

The sheet prints, for one candidate, readiness against each level's framework, their strongest
story placed on each row of the scope table, and one plain verdict. The rules are stated once, in
RULES, which the sheet prints in its small print.
"""

from __future__ import annotations

import re

from collections import Counter
from dataclasses import dataclass

from .assessment import Assessment
from .content import Level, Playbook
from .plan import FITS_ORDER, Plan, StoryPlacement, practice_counts

# How high a place on the scope bands counts when choosing the strongest story.
PLACE_POINTS = {"below L6": 0.0, "L6": 1.0, "L6–L7": 1.5, "between": 2.0, "L7": 3.0, "above L7": 3.0,
                "unknown": 0.0}
# Places that meet a level's band.
MEETS = {"L6": ("L6", "L6–L7"), "L7": ("L6–L7", "L7", "above L7")}
FIT_WORDS = {"L6": "fits L6", "L7": "fits L7", "between": "sits between L6 and L7", "below L6": "sits below L6"}
MAX_GAPS_NAMED = 3

RULES = (
    "How this sheet measures you: readiness for your target level is the prep plan's; your self-assessment answers "
    "one level's checklist, so the other level's checklist areas are not assessed and only its practice is measured. "
    "Your strongest story is the one whose numbers sit highest on the scope bands (ties to the first listed); "
    "rows without numbers (—) are yours to judge from your stories."
)


@dataclass(frozen=True)
class AreaStanding:
    id: str
    name: str
    weight: int
    readiness: float | None  # None: not assessed (the other level's checklist)
    detail: str


@dataclass(frozen=True)
class LevelStanding:
    level: str
    target: bool
    areas: tuple[AreaStanding, ...]
    readiness: float | None  # weighted over the whole framework; None unless every area is measured
    measured_weight: int  # percent of the framework with a measurement


@dataclass(frozen=True)
class ScopePart:
    shown: str  # e.g. "14 engineers"
    place: str  # one of plan.PLACES

    @property
    def place_class(self) -> str:
        """The CSS class of the place's mark: "below L6" -> "place-below-l6", "L6–L7" -> "place-l6-l7"."""
        return "place-" + re.sub(r"[^a-z0-9]+", "-", self.place.lower()).strip("-")


@dataclass(frozen=True)
class ScopeStanding:
    row_id: str
    dimension: str
    parts: tuple[ScopePart, ...]  # empty: the row has no number a story can give


@dataclass(frozen=True)
class Standing:
    target: str
    levels: tuple[LevelStanding, ...]  # in the pack's level order
    strongest: StoryPlacement | None
    scope: tuple[ScopeStanding, ...]  # one per scope row, in the table's order
    story_fits: tuple[tuple[str, int], ...]  # (fit, number of stories), in FITS_ORDER then "unknown"
    tally: str  # the story_fits in words
    verdict: str


def standing(assessment: Assessment, plan: Plan, playbook: Playbook) -> Standing:
    strongest = strongest_story(plan.story_scope)
    levels = tuple(level_standing(level, plan, assessment) for level in playbook.levels.values())
    counts = Counter(s.fits for s in plan.story_scope)
    fits = tuple((fit, counts[fit]) for fit in (*FITS_ORDER, "unknown") if counts[fit])
    return Standing(target=plan.level, levels=levels, strongest=strongest,
                    scope=scope_standing(strongest, playbook), story_fits=fits, tally=tally(fits),
                    verdict=verdict(plan, strongest, playbook))


def level_standing(level: Level, plan: Plan, assessment: Assessment) -> LevelStanding:
    """The plan's readiness for the target level; for the other level only what practice measures."""
    if level.id == plan.level:
        areas = tuple(AreaStanding(a.id, a.name, a.weight, a.readiness, a.detail) for a in plan.readiness)
        return LevelStanding(level.id, True, areas, plan.overall_readiness, 100)
    counts = practice_counts(assessment)
    areas = []
    for area in level.framework:
        has_items = any(c.area == area.id for c in level.categories)
        if area.practice is not None and not has_items:
            count = counts.get(area.practice.metric, 0)
            areas.append(AreaStanding(area.id, area.name, area.weight, min(1.0, count / max(area.practice.target, 1)),
                                      f"{count} of {area.practice.target} {area.practice.label}"))
        else:
            areas.append(AreaStanding(area.id, area.name, area.weight, None,
                                      f"{level.id} checklist not assessed"))
    measured = sum(a.weight for a in areas if a.readiness is not None)
    return LevelStanding(level.id, False, tuple(areas), None, measured)


def tally(fits: tuple[tuple[str, int], ...]) -> str:
    """"Your 9 stories on the scope bands: 8 fit L6, 1 sits below L6." from (fit, count) pairs."""
    total = sum(count for _, count in fits)
    if not total:
        return "No stories yet."
    words = []
    for fit, count in fits:
        if fit == "unknown":
            words.append(f"{count} give{'s' if count == 1 else ''} no scope numbers")
        else:
            verb = FIT_WORDS[fit].split(" ", 1)
            words.append(f"{count} {verb[0].rstrip('s') if count != 1 else verb[0]} {verb[1]}")
    return f"Your {total} stor{'y' if total == 1 else 'ies'} on the scope bands: {', '.join(words)}."


def story_strength(story: StoryPlacement) -> float:
    return sum(PLACE_POINTS.get(d.place, 0.0) for d in story.dimensions)


def strongest_story(stories: tuple[StoryPlacement, ...]) -> StoryPlacement | None:
    """The story placed highest on the scope bands; ties go to the story listed first."""
    best = None
    for story in stories:
        if story_strength(story) > 0 and (best is None or story_strength(story) > story_strength(best)):
            best = story
    return best


def _part(dim) -> ScopePart:
    unit = {"engineers": " engineers", "teams": " teams"}.get(dim.dimension, "")
    return ScopePart(f"{dim.shown}{unit}", dim.place)


def scope_standing(story: StoryPlacement | None, playbook: Playbook) -> tuple[ScopeStanding, ...]:
    out = []
    for row in playbook.scope_rows:
        dims = [d for d in (story.dimensions if story else ()) if playbook.band_rows.get(d.dimension) == row.id]
        has_numbers = any(r == row.id for r in playbook.band_rows.values())
        parts = tuple(_part(d) if d.place != "unknown" else ScopePart(f"{d.label.lower()} not stated", "unknown")
                      for d in dims)
        if has_numbers and not parts:
            parts = (ScopePart("no story gives this", "unknown"),)
        out.append(ScopeStanding(row.id, row.dimension, parts))
    return tuple(out)


def _short(dim, band: str) -> str:
    if dim.place == "unknown":
        return f"{dim.label.lower()} (not stated; {band})"
    return f"{dim.label.lower()} ({dim.shown}; {band})"


def verdict(plan: Plan, strongest: StoryPlacement | None, playbook: Playbook) -> str:
    """One plain line: the level your evidence fits, what the next level needs, and your largest gaps."""
    sentences = []
    if strongest is None:
        sentences.append("No story gives scope numbers yet (engineers, teams, months, budget), so your evidence "
                         "cannot be placed on the scope table.")
        lacking_l7 = []
    else:
        sentences.append(f"Your evidence {FIT_WORDS.get(strongest.fits, 'cannot be placed')} "
                         f"(strongest story: “{strongest.title}”).")
        lacking_l7 = [_short(d, f"L7 {d.l7_band}") for d in strongest.dimensions if d.place not in MEETS["L7"]]
        if strongest.fits == "below L6":
            lacking_l6 = [_short(d, f"L6 {d.l6_band}") for d in strongest.dimensions
                          if d.place in ("below L6", "unknown")]
            sentences.append(f"For L6 you lack {', '.join(lacking_l6)}.")
    if strongest is None or lacking_l7:
        if lacking_l7:
            sentences.append(f"For L7 you lack {', '.join(lacking_l7)}.")
    elif plan.level == "L6":
        sentences.append(f"It reaches L7 scope: {playbook.closing_warning}")
    gaps = plan.gaps[:MAX_GAPS_NAMED]
    if gaps:
        named = ", ".join(f"{g.name} ({round(g.shortfall * 100)}% short)" for g in gaps)
        sentences.append(f"For {plan.level} readiness, close {named}.")
    else:
        sentences.append(f"Every {plan.level} framework area is fully evidenced.")
    return " ".join(sentences)
