"""Settings and limits, with their defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
CONTENT_DIR = PROJECT_DIR / "content"
TEMPLATES_DIR = PROJECT_DIR / "templates"
STYLES_DIR = PROJECT_DIR / "styles"

# Limits on untrusted input. Each has its own error message where it is enforced.
MAX_ASSESSMENT_BYTES = 1_000_000      # one self-assessment file
MAX_CONTENT_BYTES = 2_000_000         # one content-pack file
MAX_CONTENT_TEXT = 20_000             # one text field of the content pack
MAX_NAME_CHARS = 120                  # candidate name, current title
MAX_SHORT_TEXT = 300                  # story titles and similar one-liners
MAX_TEXT_CHARS = 10_000               # one free-text field (evidence, STAR parts)
MAX_NOTES_CHARS = 50_000              # the Markdown notes
MAX_WORD_CHARS = 200                  # longest unbroken word kept as is in free text
MAX_STORIES = 60
MAX_PRINCIPLES_PER_STORY = 16
MAX_COMPETENCIES = 200
MAX_PLAN_WEEKS = 104                  # two years of weekly schedule
MAX_HOURS_PER_WEEK = 80

SCHEMA_URL = "https://reporter.invalid/schema/assessment-v1.json"

# Paper sizes a build can ask for; each has styles/paper-<name>.css setting the @page size.
PAPERS = ("a4", "letter")
DEFAULT_PAPER = "a4"
# WeasyPrint's PDF variants we pass through (archiving, accessibility checks).
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1", "pdf/ua-2")
# The one-page comparison sheet steps its type down to fit, never below this size (points).
MIN_SHEET_TYPE_PT = 7


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked for, beyond its inputs. Part of every output's identity."""

    formats: tuple[str, ...] = ("plan",)
    pdf_variant: str | None = None
    paper: str = DEFAULT_PAPER  # one of PAPERS
