"""Which characters the bundled fonts print, from the coverage table written by tools/bundle_fonts.py.

One table answers two questions without loading a font: which characters of an input no font prints (the
same verdict at `validate` and at `build`), and which script faces a document's text needs (the renderer
loads only those, so a Latin-only document never pays for the 16 MB Han face).
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import config

COVERAGE_FILE = config.FONTS_DIR / "coverage.json"
SCRIPT_FACES_CSS = config.FONTS_DIR / "script-faces.css"
# Loaded into every document (fonts.css): the text faces, then emoji, symbols and maths.
TEXT_FAMILIES = ("Inter", "Source Serif 4", "JetBrains Mono")
ALWAYS_FALLBACKS = ("Noto Emoji", "Noto Sans Symbols 2", "Noto Sans Math")
# Characters that print as nothing: controls of layout, joiners, variation selectors, bidi marks.
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Mn") 


@dataclass(frozen=True)
class Coverage:
    """Per family, sorted (start, end) ranges of code points."""

    starts: dict[str, tuple[int, ...]]
    ends: dict[str, tuple[int, ...]]

    def covers(self, family: str, point: int) -> bool:
        starts = self.starts.get(family)
        if not starts:
            return False
        index = bisect.bisect_right(starts, point) - 1
        return index >= 0 and point <= self.ends[family][index]

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(self.starts)


def _from_ranges(table: dict[str, list[list[int]]]) -> Coverage:
    return Coverage(starts={f: tuple(r[0] for r in rs) for f, rs in table.items()},
                    ends={f: tuple(r[1] for r in rs) for f, rs in table.items()})


@lru_cache(maxsize=1)
def bundled() -> Coverage:
    return _from_ranges(json.loads(COVERAGE_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def script_families() -> tuple[str, ...]:
    """The faces loaded only on need, in stack order (after the fallbacks loaded always)."""
    return tuple(f for f in bundled().families if f not in TEXT_FAMILIES and f not in ALWAYS_FALLBACKS)


def fallback_stack() -> tuple[str, ...]:
    """Every family after a document's own text face, in the order Pango tries them."""
    return (*ALWAYS_FALLBACKS, *script_families())


@lru_cache(maxsize=64)
def font_file_points(path: Path) -> frozenset[int]:
    """A theme's font file's code points (read with fontTools only when a theme brings fonts)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:  # a lazy font holds its file open until closed
        return frozenset(font.getBestCmap())


def _printable_without_font(char: str) -> bool:
    return char in "\n\r\t" or unicodedata.category(char) in _INVISIBLE_CATEGORIES


@lru_cache(maxsize=4096)
def _bundled_prints(char: str) -> bool:
    point = ord(char)
    if _printable_without_font(char):
        return True
    coverage = bundled()
    return any(coverage.covers(family, point) for family in coverage.families)


def unprintable(text: str, extra_points: Iterable[frozenset[int]] = ()) -> list[tuple[int, str]]:
    """(index, character) of each character no bundled font (nor a theme font in ``extra_points``) prints."""
    if text.isascii():
        return []
    extra = tuple(extra_points)
    return [(index, char) for index, char in enumerate(text)
            if not _bundled_prints(char) and not any(ord(char) in points for points in extra)]


@lru_cache(maxsize=4096)
def _face_for(char: str) -> str | None:
    """The script face a character needs, or None when a face loaded always prints it."""
    coverage, point = bundled(), ord(char)
    if _printable_without_font(char) or all(coverage.covers(f, point) for f in TEXT_FAMILIES) \
            or any(coverage.covers(f, point) for f in ALWAYS_FALLBACKS):
        return None
    return next((f for f in script_families() if coverage.covers(f, point)), None)


def faces_needed(text: str) -> tuple[str, ...]:
    """The script faces that ``text`` needs, in stack order (empty for Latin-only text)."""
    if text.isascii():
        return ()
    needed = {_face_for(char) for char in set(text)}
    return tuple(f for f in script_families() if f in needed)


def describe(char: str) -> str:
    """'U+13000 (EGYPTIAN HIEROGLYPH A001)'."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed character')})"
