"""Jinja → HTML: the only module that imports jinja2.

Templates display values the planner computed; the filters here only format them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import config
from .markup import to_html, to_inline_html


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def counted(count: int, singular: str, plural: str) -> str:
    """3, "story", "stories" → "3 stories": the number with its noun, so no template spells a plural."""
    return f"{number(count)} {singular if count == 1 else plural}"


def number(value: float) -> str:
    """12 → "12", 7.5 → "7.5", 1234 → "1,234"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


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
                       short_date=short_date, number=number, counted=counted)
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(**context)


def render_string(source: str, context: dict[str, Any]) -> str:
    """A short template kept in Python (a slide's title or speaker notes), autoescaped like the files."""
    return environment().from_string(source).render(**context)
