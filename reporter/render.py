"""Jinja → HTML: the only module that imports jinja2.

Templates display values the planner computed; the filters here only format them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import config
from .markup import to_html, to_inline_html
from .typography import counted, number, sentence_case


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def medium_date(day: dt.date) -> str:
    """"22 Dec 2026": a date with its year that fits one line of a slide's cover at display size."""
    return f"{day.day} {day.strftime('%b %Y')}"


def direction(text: str) -> str:
    """"rtl" when the first strongly directional character is Arabic or Hebrew (the Unicode rule P2), else "ltr"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def isolate(text: str) -> Markup:
    """Candidate text set apart from the document's own direction: an Arabic name keeps its order and its
    punctuation inside the name, and the text around it (" · L6 prep plan") stays where it was."""
    return Markup('<bdi dir="{}">{}</bdi>').format(direction(str(text)), escape(text))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(config.TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=to_html, md_inline=to_inline_html, percent=percent, long_date=long_date,
                       short_date=short_date, medium_date=medium_date, number=number, isolate=isolate,
                       counted=counted, sentence=sentence_case)
    return env


# The monochrome emoji face has ZWJ sequences, flags and keycaps as one glyph each, but no skin tones: a
# modifier after an emoji would print as a swatch of its own. The documented fallback drops the modifier,
# so 👋🏽 prints as the face's one-tone 👋.
_SKIN_TONES = dict.fromkeys(range(0x1F3FB, 0x1F400))


def printable(html: str) -> str:
    """The HTML with what the bundled faces cannot draw as one glyph replaced by its documented fallback."""
    return html if html.isascii() else html.translate(_SKIN_TONES)


def render(template: str, context: dict[str, Any]) -> str:
    return printable(environment().get_template(template).render(**context))


def render_string(source: str, context: dict[str, Any]) -> str:
    """A short template kept in Python (a slide's title or speaker notes), autoescaped like the files."""
    return environment().from_string(source).render(**context)
