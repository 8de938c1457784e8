"""Settings and limits, with their defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence


def resource_dir(package: str) -> Path:
    """The folder of one of our resource packages, as a real path on disk.

    content/, templates/ and styles/ sit at the top of the repository and are mapped into the package
    as reporter.pack, reporter.templates and reporter.styles (pyproject.toml), so a wheel, an editable
    install and a build from the sdist all find them here the same way. The renderer's confined fetcher
    allows reads by real path, and every install pip makes keeps resources as plain files; a zipped
    import (no such path) is refused with a clear message instead of failing inside a render.
    """
    found = resources.files(package)
    if not isinstance(found, Path):
        raise RuntimeError(f"{package}: reporter's resources must be installed as files, not zipped "
                           f"(found {found!r}); install reporter with pip")
    return found.resolve()


PACKAGE_DIR = resource_dir("reporter")
CONTENT_DIR = resource_dir("reporter.pack")
TEMPLATES_DIR = resource_dir("reporter.templates")
STYLES_DIR = resource_dir("reporter.styles")
# Fonts and shipped themes live inside the package itself.
ASSETS_DIR = PACKAGE_DIR / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
THEMES_DIR = ASSETS_DIR / "themes"
DEFAULT_THEME = "default"
LANG = "en"  # the language every document declares (tagged PDF, hyphenation)

# Limits on untrusted input. Each has its own error message where it is enforced.
MAX_ASSESSMENT_BYTES = 1_000_000      # one self-assessment file
MAX_CONTENT_BYTES = 2_000_000         # one content-pack file
MAX_CONTENT_TEXT = 20_000             # one text field of the content pack
MAX_NAME_CHARS = 120                  # candidate name, current title
MAX_SHORT_TEXT = 300                  # story titles and similar one-liners
MAX_TEXT_CHARS = 10_000               # one free-text field (evidence, STAR parts)
MAX_NOTES_CHARS = 50_000              # the Markdown notes
MAX_TEXT_LINES = 200                  # lines of one free-text field (evidence, STAR parts)
MAX_NOTES_LINES = 1_000               # lines of the notes
MAX_TOTAL_TEXT_CHARS = 60_000         # all text fields of one self-assessment together (bounds render time)
MAX_TOTAL_TEXT_LINES = 1_500          # and all their lines together
MAX_PLAN_PAGES = 100                  # pages of one prep plan
MAX_STORIES = 60
MAX_PRINCIPLES_PER_STORY = 16
MAX_COMPETENCIES = 200
MAX_PLAN_WEEKS = 104                  # two years of weekly schedule
MAX_HOURS_PER_WEEK = 80
MAX_THEME_BYTES = 64_000              # one theme.yaml
MAX_THEME_FONT_BYTES = 3_000_000      # one font file of a theme
MAX_THEME_FONT_FILES = 12
MAX_LOGO_BYTES = 200_000              # a theme's logo, SVG or PNG
MAX_LOGO_PIXELS = 2_000               # a PNG logo's width and height, each

SCHEMA_URL = "https://reporter.invalid/schema/assessment-v1.json"

# Paper sizes a build can ask for; each has styles/paper-<name>.css setting the @page size.
PAPERS = ("a4", "letter")
DEFAULT_PAPER = "a4"
# WeasyPrint's PDF variants we pass through (archiving, accessibility checks).
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1", "pdf/ua-2")
# The one-page comparison sheet steps its type down to fit, never below this size (points).
MIN_SHEET_TYPE_PT = 7

# The documents of `reporter edition`, by their --formats word, in the order of documents.EDITION_KINDS
# (which holds how each is laid out). Named here so that a rerun with nothing to do, which must answer
# in a fraction of a second, decides what to skip without importing the document table and its renderers.
EDITION_FORMATS = ("book", "sheet", "workshop")
# The order the edition hands its documents to the workers: the longest layout first, so that the short
# sheet fills the gap a worker leaves, not the tail of the build. The workshop deck (18 slides, the ones that
# overflow laid out again, and its 12-page handout) takes longest, then the book, then the one-page sheet.
# With two workers the edition then ends with the book and the sheet together against the deck, not
# with the sheet and the deck together against the book (0.07 s of 1.7 s).
EDITION_LONGEST_FIRST = ("workshop", "book", "sheet")


def pick_formats(value: str, known: Sequence[str]) -> list[str]:
    """The words of a --formats value ("plan,sheet") that are in ``known``, in known's order.

    An unknown word, or none at all, is a usage error naming the closest known word.
    """
    from .errors import UsageError

    wanted = [word.strip() for word in value.split(",") if word.strip()]
    unknown = [word for word in wanted if word not in known]
    if unknown or not wanted:
        import difflib

        hints = [f" (did you mean {close[0]}?)" if (close := difflib.get_close_matches(word, known, 1, 0.6)) else ""
                 for word in unknown]
        named = ", ".join(f"{word}{hint}" for word, hint in zip(unknown, hints)) or "(none)"
        raise UsageError(f"unknown format {named}; known: {', '.join(known)}")
    return [name for name in known if name in wanted]


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked for, beyond its inputs. Part of every output's identity."""

    formats: tuple[str, ...] = ("plan",)
    pdf_variant: str | None = None
    paper: str | None = None  # one of PAPERS; None: the theme's paper (A4 unless the theme says otherwise)
    theme: str = DEFAULT_THEME  # a shipped theme's name or a theme folder; see themes.fingerprint()
