"""Every text field of a self-assessment against every markup and Markdown attack.

For each field the attacks go in one at a time (single-line fields) or all together (free text), through
the real loader, planner and template. Each either stops at the loader with a located error, or
renders harmlessly: the HTML handed to WeasyPrint has no element, attribute or URL that the same
document without the attack lacks. The full PDF render of the same attacks is in test_batch.py.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from reporter import documents
from reporter.assessment import load
from reporter.errors import InputError
from reporter.plan import build_plan

from .attacks import ATTACKS, SECRET_TOKEN, TEXT_FIELDS, base, fill, with_field, write
from .cases import TODAY

# What the Markdown converter may add to a document: plain structure, and links to web or mail.
MARKDOWN_TAGS = {"p", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span", "br", "hr",
                 "h1", "h2", "h3", "h4", "h5", "h6"}
URL_ATTRIBUTES = {"src", "href", "data", "style", "srcset", "xlink:href", "poster", "background", "action",
                  "formaction", "http-equiv"}
SAFE_HREF = re.compile(r"^(https?:|mailto:)", re.I)


class _Shape(HTMLParser):
    """Tags, attributes and every URL-bearing value of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: set[tuple[str, str, str]] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            if tag == "a" and name == "href":
                self.hrefs.append(value or "")
            else:
                self.attributes.add((tag, name, value or ""))

    handle_startendtag = handle_starttag


def shape(html: str) -> _Shape:
    parser = _Shape()
    parser.feed(html)
    return parser


def html_of(path, playbook) -> str:
    assessment = load(path, playbook, TODAY)
    plan = build_plan(assessment, playbook, TODAY)
    kind = documents.KINDS["plan"]
    inputs = documents.Inputs(playbook=playbook, assessment=assessment, plan=plan, generated=TODAY)
    return documents.html_of(kind, inputs)


@pytest.fixture(scope="module")
def baseline(playbook, tmp_path_factory):
    return shape(html_of(write(tmp_path_factory.mktemp("base") / "base.yaml", base()), playbook))


def assert_harmless(html: str, baseline: _Shape, secret) -> None:
    found = shape(html)
    new_tags = {t for t in found.tags if t not in baseline.tags and t not in MARKDOWN_TAGS}
    assert not new_tags, f"new elements: {new_tags}"
    for tag in ("script", "style", "link", "img", "image", "object", "embed", "iframe", "base", "meta", "svg",
                "use", "form", "input"):
        assert found.tags[tag] == baseline.tags[tag], f"<{tag}> added"
    added = {(t, n) for t, n, _ in found.attributes} - {(t, n) for t, n, _ in baseline.attributes}
    assert not added, f"new attributes: {added}"
    # URL-bearing attribute values the attack could steer: none may point anywhere. (Text attributes such
    # as <meta name="author" content> carry the escaped text, which WeasyPrint only copies into metadata.)
    for tag, name, value in found.attributes - baseline.attributes:
        if name not in URL_ATTRIBUTES:
            continue
        assert "url(" not in value and "file:" not in value and "127.0.0.1" not in value, (tag, name, value)
        assert str(secret) not in value, (tag, name, value)
    for href in found.hrefs:
        assert SAFE_HREF.match(href) or href.startswith("#"), f"unsafe link {href!r}"
    assert SECRET_TOKEN not in html
    # Control characters (e.g. a converter's placeholders left behind) make WeasyPrint warn: a failed document.
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", html), "control characters in the HTML"


def outcome(path, playbook, field: str):
    """("error", lines) when the loader refuses the file, ("html", html) when it renders."""
    try:
        return "html", html_of(path, playbook)
    except InputError as error:
        lines = error.lines()
        assert lines and all(re.match(rf"^{re.escape(str(path))}:\d+:\d+: {re.escape(field)}: ", line)
                             for line in lines), lines
        return "error", lines


@pytest.mark.parametrize("field", [f for f, single in TEXT_FIELDS.items() if single])
def test_every_attack_in_a_one_line_field_is_refused_or_harmless(field, playbook, baseline, tmp_path, secret,
                                                                 loopback):
    rendered = 0
    for name, template in ATTACKS.items():
        value = fill(template, secret, loopback.port)
        path = write(tmp_path / f"{name}.yaml", with_field(base(), field, value))
        kind, result = outcome(path, playbook, field)
        if kind == "html":
            rendered += 1
            assert_harmless(result, baseline, secret)
    if field != "stories[0].principles[0]":  # principles are names from a list: every attack is an error
        assert rendered >= len(ATTACKS) // 2, "most one-line attacks should reach the template"


@pytest.mark.parametrize("field", [f for f, single in TEXT_FIELDS.items() if not single])
def test_all_attacks_together_in_a_free_text_field_render_harmlessly(field, playbook, baseline, tmp_path, secret,
                                                                     loopback):
    value = "\n\n".join(fill(t, secret, loopback.port) for t in ATTACKS.values())
    path = write(tmp_path / "all.yaml", with_field(base(), field, value))
    kind, html = outcome(path, playbook, field)
    assert kind == "html", html
    assert_harmless(html, baseline, secret)
