"""Cases run in a capped child process (see conftest.run_capped). Each returns plain JSON data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2026, 12, 1)


def markdown(text: str) -> dict:
    """Convert untrusted Markdown; report what came out."""
    from reporter.markup import to_html

    html = str(to_html(text))
    return {"chars": len(html), "head": html[:200]}


def load(path: str) -> dict:
    """Load one self-assessment: its problems, or nothing."""
    from reporter import content
    from reporter.assessment import load as load_assessment
    from reporter.errors import InputError

    try:
        load_assessment(Path(path), content.load(), TODAY)
    except InputError as error:
        return {"problems": error.lines()}
    return {"problems": []}


def render(path: str, out: str) -> dict:
    """The real build path for one input: load → plan → produce → PDF bytes, written to ``out``."""
    from reporter import content, documents
    from reporter.assessment import load as load_assessment
    from reporter.errors import ReporterError
    from reporter.pdf import Renderer
    from reporter.plan import build_plan

    playbook = content.load()
    try:
        assessment = load_assessment(Path(path), playbook, TODAY)
        plan = build_plan(assessment, playbook, TODAY)
        inputs = documents.Inputs(playbook=playbook, assessment=assessment, plan=plan, generated=TODAY)
        rendered = documents.produce(documents.KINDS["plan"], inputs, Renderer(), f"{path}: prep-plan.pdf")
        Path(out).write_bytes(rendered.pdf_bytes())
    except ReporterError as error:
        return {"problems": error.lines(), "pages": 0}
    return {"problems": [], "pages": rendered.page_count}
