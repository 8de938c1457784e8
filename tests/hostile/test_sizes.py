"""Sizes: each documented limit has its own located message, and what passes the limits stays cheap.

The risky cases run in a child process under an address-space cap and a timeout (conftest.run_capped);
a quadratic parser or a runaway layout ends as a clear failure, never a hung suite.
"""

from __future__ import annotations

import re

import pytest

from reporter import config, markup

from .attacks import EVIDENCE_ITEM, base, with_field, write
from .conftest import run_capped

MARKDOWN_CAP_S = 5  # one field through the converter; the bounded converter takes well under 0.1 s


# -- Markdown that makes a parser work: bounded time, a harmless result -----------------------------

PATHOLOGICAL = {
    "10,000 [": "[" * 10_000,
    "50,000 [ (the notes limit)": "[" * 50_000,
    "5,000 ![": "![" * 5_000,
    "[a]( unclosed x 2,500": "[a](" * 2_500,
    "64 [ before 49,000 characters": "[" * 64 + "x" * 49_000,
    "unclosed ( after a few links": "[a](" * 16 + "(" * 49_000,
    "10,000 > (nested quotes)": ">" * 10_000,
    "3,000 '1. ' on one line (nested lists)": "1. " * 3_000,
    "3,000 * around a word (nested emphasis)": "*" * 3_000 + "x" + "*" * 3_000,
    "deeply indented list": "".join("    " * i + "- a\n" for i in range(300)),
    "1,000 setext headings": "a\n=\n" * 1_000,
    "100,000-character word": "x" * 100_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_converts_quickly(text):
    capped = run_capped("markdown", text, timeout=MARKDOWN_CAP_S * 3)
    assert capped.result["chars"] > 0


def test_text_the_parser_cannot_bound_is_shown_as_typed():
    assert str(markup.to_html("[" * 65)) == "<p>" + "[" * 40 + "\u200b" + "[" * 25 + "</p>"
    assert str(markup.to_html("> " * 9 + "a")).startswith("<p>&gt; &gt;")
    assert str(markup.to_html("a\n\n<img src=x>\nb" + "\n[" * 70)).startswith("<p>a</p><p>&lt;img src=x&gt;<br>b")
    nested = str(markup.to_html("*" * 3_000 + "x" + "*" * 3_000))
    assert "<strong>" not in nested and "<em>" not in nested
    # Within the bounds Markdown still works, links and all.
    assert str(markup.to_html("> " * 8 + "[a](https://example.com)")).count("<blockquote>") == 8
    assert '<a href="https://example.com">' in str(markup.to_html("[x] " * 60 + "[a](https://example.com)"))


def test_a_link_target_beyond_the_scan_window_is_not_a_link():
    assert "<a " not in str(markup.to_html("[a](https://example.com/" + "x" * markup.MAX_LINK_TARGET + ")"))
    assert "<a " not in str(markup.to_html("[" + "x" * markup.MAX_LINK_TEXT + "](https://example.com)"))


# -- limits of the loader: one located message each ----------------------------------------------------

def _problems(tmp_path, data: dict | None = None, text: str | None = None) -> list[str]:
    path = tmp_path / "big.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        write(path, data)
    return run_capped("load", str(path)).result["problems"]


EVIDENCE = f"competencies.{EVIDENCE_ITEM}.evidence"

LIMITS = {
    "1 MB field (the file limit)": (
        with_field(base(), "notes", "word " * 210_000),
        r"^\S+:1:1: \(file\): file is 1,050,\d+ bytes; the limit is 1,000,000$"),
    "100,000-character word in the notes": (
        with_field(base(), "notes", "x" * 100_000),
        r"^\S+:\d+:\d+: notes: 100,000 characters; the limit is 50,000$"),
    "100,000-character word in evidence": (
        with_field(base(), EVIDENCE, "x" * 100_000),
        rf"^\S+:\d+:\d+: {re.escape(EVIDENCE)}: 100,000 characters; the limit is 10,000$"),
    "120-character name plus one": (
        with_field(base(), "candidate.name", "N" * 121),
        r"^\S+:\d+:\d+: candidate\.name: 121 characters; the limit is 120$"),
    "5,000 list items in the notes": (
        with_field(base(), "notes", "- item\n" * 5_000),
        r"^\S+:\d+:\d+: notes: 5,000 lines; the limit is 1,000$"),
    "2,400 list items in evidence": (
        with_field(base(), EVIDENCE, "- a\n" * 2_400),
        rf"^\S+:\d+:\d+: {re.escape(EVIDENCE)}: 2,400 lines; the limit is 200$"),
    "5,000 stories (a YAML list)": (
        with_field(base(), "stories", [{"title": f"story {i}"} for i in range(5_000)]),
        r"^\S+:\d+:\d+: stories: 5,000 entries; the limit is 60$"),
    "1,000 stories": (
        with_field(base(), "stories", [{"title": f"story {i}"} for i in range(1_000)]),
        r"^\S+:\d+:\d+: stories: 1,000 entries; the limit is 60$"),
    "5,000 principles in one story": (
        with_field(base(), "stories[0].principles", ["Ownership"] * 5_000),
        r"^\S+:\d+:\d+: stories\[0\]\.principles: 5,000 entries; the limit is 16$"),
    "10,000 competency entries": (
        with_field(base(), "competencies", {f"l6.x.{i}": "yes" for i in range(10_000)}),
        r"^\S+:\d+:\d+: competencies: 10,000 entries; the limit is 200$"),
}


@pytest.mark.parametrize("data, message", LIMITS.values(), ids=LIMITS.keys())
def test_each_limit_has_its_own_located_message(tmp_path, data, message):
    problems = _problems(tmp_path, data)
    assert len(problems) == 1 and re.match(message, problems[0]), problems


def _every_item(playbook_level_items: int = 32) -> list[str]:
    cats = ["domain_expertise", "architecture_skills", "delivery_excellence", "direct_reports",
            "influence_and_collaboration", "talent_development", "project_complexity", "customer_focus"]
    return [f"l6.{c}.{i}" for c in cats for i in range(1, 5)][:playbook_level_items]


def test_all_fields_together_have_a_character_budget_named_where_it_is_passed(tmp_path):
    data = base()
    data["competencies"] = {item: {"status": "partial", "evidence": "word " * 1_999} for item in _every_item()}
    problems = _problems(tmp_path, data)
    assert len(problems) == 1, problems
    assert re.match(r"^\S+:\d+:\d+: competencies\.l6\.\w+\.\d\.evidence: the text of this file passes 60,000 "
                    r"characters here; that is the limit for all fields together \(shorten", problems[0])


def test_all_fields_together_have_a_line_budget(tmp_path):
    data = with_field(base(), "notes", "- a\n" * 1_000)
    data["competencies"] = {item: {"status": "partial", "evidence": "- a\n" * 199} for item in _every_item()[:8]}
    problems = _problems(tmp_path, data)
    assert len(problems) == 1 and "passes 1,500 lines here" in problems[0], problems


def test_a_page_limit_fails_the_document_before_anything_is_written(playbook, tmp_path, monkeypatch):
    from reporter import documents
    from reporter.assessment import load
    from reporter.errors import RenderError
    from reporter.pdf import Renderer
    from reporter.plan import build_plan

    from .cases import TODAY

    assert documents.KINDS["plan"].max_pages == config.MAX_PLAN_PAGES
    kind = documents.KINDS["plan"].__class__(**{**documents.KINDS["plan"].__dict__, "max_pages": 3})
    assessment = load(write(tmp_path / "a.yaml", base()), playbook, TODAY)
    inputs = documents.Inputs(playbook=playbook, assessment=assessment, plan=build_plan(assessment, playbook, TODAY),
                              generated=TODAY)
    with pytest.raises(RenderError, match=r"^a\.yaml: prep-plan\.pdf: \d+ pages; the limit is 3$"):
        documents.produce(kind, inputs, Renderer(), "a.yaml: prep-plan.pdf")


# -- what passes every limit renders in seconds and a few hundred MB -------------------------------------

HEAVIEST = {
    "every evidence cell near the text budget": {
        "competencies": {item: {"status": "partial", "evidence": "word " * 370} for item in _every_item()}},
    "notes at the line limit (1,000 list items)": {"notes": "- item\n" * 1_000},
    "brackets and hyphens at every field's limit": {
        "notes": "[" * 39_000, "competencies": {
            EVIDENCE_ITEM: {"status": "partial", "evidence": "![" * 4_999},
            "l6.domain_expertise.2": {"status": "partial", "evidence": "a-" * 4_999}}},
}


@pytest.mark.parametrize("overrides", HEAVIEST.values(), ids=HEAVIEST.keys())
def test_the_heaviest_valid_inputs_render_within_the_caps(tmp_path, secret, overrides):
    data = {**base(), **overrides}
    path = write(tmp_path / "heavy.yaml", data)
    capped = run_capped("render", str(path), str(tmp_path / "heavy.pdf"), timeout=30)
    assert capped.result["problems"] == []
    assert 0 < capped.result["pages"] <= config.MAX_PLAN_PAGES
    from .pdfsafety import assert_safe
    from .attacks import SECRET_TOKEN
    assert_safe(tmp_path / "heavy.pdf", SECRET_TOKEN)
