"""A batch of 20 self-assessments, 5 of them hostile: the 15 good ones are built, the 5 are reported.

The 15 good ones are not tame either: each carries attacks that must render harmlessly (markup and
Markdown in every field, text the sanitizer shows as typed, 60 stories, a BOM, bidi controls). Every
PDF built passes ``qpdf --check`` and carries no attachment, script, action or the planted secret;
the loopback server (conftest) sees nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil

import pytest

from . import pdfcheck_bridge as pdftext
from .attacks import ATTACKS, MARKUP, SECRET_TOKEN, base, fill, with_field, write
from .pdfsafety import assert_safe
from .test_yaml import BILLION_LAUGHS

L7_ITEM = "l7.technical_vision.1"
EPOCH = "1796083200"  # 2026-12-01, the day the examples and attacks are dated for
PRINCIPLES = ["Customer Obsession", "Ownership", "Invent and Simplify", "Are Right, A Lot", "Learn and Be Curious",
              "Hire and Develop the Best", "Insist on the Highest Standards", "Think Big", "Bias for Action",
              "Frugality", "Earn Trust", "Dive Deep", "Have Backbone; Disagree and Commit", "Deliver Results",
              "Strive to be Earth's Best Employer", "Success and Scale Bring Broad Responsibility"]


def good_inputs(secret, port) -> dict[str, dict | bytes]:
    every = "\n\n".join(fill(t, secret, port) for t in ATTACKS.values())
    one_line = [fill(t, secret, port) for t in MARKUP.values() if "\n" not in t]
    inputs: dict[str, dict | bytes] = {}
    data = base()
    data["competencies"] = {item: {"status": "partial", "evidence": every}
                            for item in ("l6.domain_expertise.1", "l6.architecture_skills.1", "l6.direct_reports.2")}
    data["stories"][0].update(situation=every, task=every, action=every, result=every)
    data["notes"] = every
    inputs["g01-every-attack-in-free-text"] = data
    data = base()
    data["candidate"]["name"] = fill(MARKUP["img-file"], secret, port)
    data["candidate"]["current_title"] = fill(MARKUP["link-attachment"], secret, port)[:120]
    data["stories"] = [{"title": title[:300], "principles": ["Ownership"]} for title in one_line]
    inputs["g02-markup-in-one-line-fields"] = data
    inputs["g03-long-words"] = with_field(with_field(base(), "candidate.name", "N" * 120),
                                          "competencies.l6.domain_expertise.1.evidence", "x" * 10_000)
    inputs["g04-shown-as-typed"] = with_field(base(), "notes", "\n\n".join(
        [">" * 5_000, "1. " * 3_000, "*" * 3_000 + "x" + "*" * 3_000, "[" * 10_000]))
    data = base()
    data["stories"] = [{"title": f"{MARKUP['css-break-out']} {i}", "principles": PRINCIPLES[i % 16: i % 16 + 1],
                        "scope": {"engineers": i + 1, "teams": 1 + i % 9, "duration_months": 1 + i % 30,
                                  "budget_usd": 10_000 * (i + 1)}} for i in range(60)]
    inputs["g05-sixty-stories"] = data
    text = (json.dumps(base(), ensure_ascii=False, indent=1) + "\n").replace("\n", "\r\n")
    inputs["g06-bom-and-crlf"] = b"\xef\xbb\xbf" + text.encode()
    inputs["g07-unicode-controls"] = with_field(with_field(
        base(), "candidate.name", "Sample candidate \u202egnp.exe\u202c \u200d\u200b\u2066isolate\u2069 \u041f\u0440\u0438\u0432\u0435\u0442 \u0395\u03bb\u03bb\u03ac\u03b4\u03b1"),
        "notes", "Zero\u200bwidth, e\u0301\u0301\u0301, \u202eoverride\u202c, tab\tstop.")
    inputs["g08-links-kept-and-dropped"] = with_field(base(), "notes", "\n\n".join(
        ["[web](https://example.com/a?b=1&c=2)", "[mail](mailto:someone@example.com)", "<https://example.com/auto>",
         "[rel](relative/path)", "[frag](#top)", "[data](data:text/html,<script>x</script>)",
         "[vb](vbscript:msgbox)", "[spaced]( javascript:alert(1))", "[upper](JAVASCRIPT:alert(1))"]))
    data = with_field(base(), "candidate.target_level", "L7")
    data["competencies"] = {L7_ITEM: {"status": "partial", "evidence": every}}
    data["notes"] = every
    inputs["g09-l7-with-attacks"] = data
    data = base()
    data["notes"] = "\n".join(f"- item {i} {fill(MARKUP['style-attr'], secret, port)}" for i in range(300))
    inputs["g10-attack-per-list-item"] = data
    inputs["g11-empty-optionals"] = {"candidate": {**base()["candidate"], "current_title": None},
                                     "competencies": None, "practice": None, "stories": None, "notes": None}
    for n, example in enumerate(("l6-nearly-ready", "l6-three-weeks", "l7-large-gaps"), start=12):
        inputs[f"g{n:02d}-example-{example}"] = example
    inputs["g15-entities"] = with_field(base(), "notes", "&lt;script&gt; &#60;img src=x&#62; &amp;amp; "
                                        "https://example.com/?a=1&amp;b=2&amp;c=3&amp;dddddddddddddddddddd")
    return inputs


BAD = {
    "b1-billion-laughs": (BILLION_LAUGHS.encode(), r":3:9: \(yaml\): YAML aliases"),
    "b2-python-tag": (b'candidate: !!python/object/apply:os.system ["touch owned"]\n',
                      r":1:12: \(yaml\): YAML tags \(tag:yaml.org,2002:python/object/apply:os.system\)"),
    "b3-thousand-stories": (None, r":\d+:\d+: stories: 1,000 entries; the limit is 60$"),
    "b4-huge-word": (None, r":\d+:\d+: notes: 100,000 characters; the limit is 50,000$"),
    "b5-binary": (b"candidate:\n  name: \xff\xfe\n", r":2:9: \(file\): not UTF-8 text"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, secret, loopback):
    """The 20 inputs built once through the real CLI."""
    from reporter.cli import main

    from ..conftest import ROOT

    root = tmp_path_factory.mktemp("batch")
    inputs, out = root / "in", root / "out"
    inputs.mkdir()
    for name, data in good_inputs(secret, loopback.port).items():
        if isinstance(data, str):
            shutil.copy(ROOT / "examples" / f"{data}.yaml", inputs / f"{name}.yaml")
        elif isinstance(data, bytes):
            (inputs / f"{name}.yaml").write_bytes(data)
        else:
            write(inputs / f"{name}.yaml", data)
    (inputs / "b1-billion-laughs.yaml").write_bytes(BAD["b1-billion-laughs"][0])
    (inputs / "b2-python-tag.yaml").write_bytes(BAD["b2-python-tag"][0])
    write(inputs / "b3-thousand-stories.yaml", with_field(base(), "stories", [{"title": "s"}] * 1_000))
    write(inputs / "b4-huge-word.yaml", with_field(base(), "notes", "x" * 100_000))
    (inputs / "b5-binary.yaml").write_bytes(BAD["b5-binary"][0])
    assert len(list(inputs.iterdir())) == 20

    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            code = main(["build", str(inputs), "-o", str(out)])
    finally:
        patch.undo()
    return code, inputs, out, stderr.getvalue()


def test_the_15_good_ones_are_built_and_the_5_hostile_reported(batch):
    code, inputs, out, stderr = batch
    assert code == 1
    built = sorted(p.parent.name for p in out.glob("*/prep-plan.pdf"))
    assert built == sorted(p.stem for p in inputs.glob("g*.yaml")) and len(built) == 15
    assert not list(out.rglob("*.part")) and not list(out.glob("b*"))
    for name, (_, message) in BAD.items():
        lines = [line for line in stderr.splitlines() if line.startswith(str(inputs / f"{name}.yaml") + ":")]
        assert len(lines) == 1 and re.search(message, lines[0]), (name, stderr)
    assert "Traceback" not in stderr


def test_every_built_pdf_is_clean(batch):
    _, _, out, _ = batch
    for pdf in sorted(out.glob("*/prep-plan.pdf")):
        assert_safe(pdf, SECRET_TOKEN)
        assert SECRET_TOKEN not in pdftext.text(pdf)


def test_attacks_are_printed_as_text_not_obeyed(batch, secret):
    _, _, out, _ = batch
    text = pdftext.squash(pdftext.text(out / "g02-markup-in-one-line-fields" / "prep-plan.pdf"))
    assert pdftext.squash(f'<img src="file://{secret}">') in text  # the name, as typed
    assert pdftext.squash("<script>document.title = 'owned'</script>") in text
    notes = pdftext.squash(pdftext.text(out / "g01-every-attack-in-free-text" / "prep-plan.pdf"))
    assert pdftext.squash("<iframe") in notes and pdftext.squash("@import url(") in notes
    typed = pdftext.squash(pdftext.text(out / "g04-shown-as-typed" / "prep-plan.pdf"))
    assert "[" * 200 in typed and ">" * 200 in typed


def test_only_web_and_mail_links_survive(batch):
    from pypdf import PdfReader

    _, _, out, _ = batch
    reader = PdfReader(str(out / "g08-links-kept-and-dropped" / "prep-plan.pdf"))
    uris = sorted({str(annot.get_object()["/A"]["/URI"]) for page in reader.pages
                   for annot in page.get("/Annots", []) or []
                   if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]})
    assert uris == ["https://example.com/a?b=1&c=2", "https://example.com/auto", "mailto:someone@example.com"]


def test_every_document_kind_shows_attacks_as_text(tmp_path, secret, loopback, monkeypatch):
    """The sheet and the coaching deck show candidate text too (name, story titles): same attacks, same result."""
    from reporter.cli import main

    data = base()
    data["candidate"]["name"] = "{{ 7*191 }} " + fill(MARKUP["img-file"], secret, loopback.port)[:90]
    data["stories"] = [{"title": fill(t, secret, loopback.port)[:300], "principles": ["Ownership"],
                        "scope": {"engineers": 400}} for t in MARKUP.values()]
    data["notes"] = "\n\n".join(fill(t, secret, loopback.port) for t in ATTACKS.values())
    source = write(tmp_path / "every-kind.yaml", data)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--formats", "plan,sheet,slides"]) == 0
    pdfs = sorted((tmp_path / "out" / "every-kind").glob("*.pdf"))
    assert len(pdfs) >= 3, pdfs
    for pdf in pdfs:
        assert_safe(pdf, SECRET_TOKEN)
        text = pdftext.squash(pdftext.text(pdf))
        assert "1337" not in text and "TEMPLATE-RAN" not in text, pdf.name
    assert pdftext.squash("{{ 7*191 }}") in pdftext.squash(pdftext.text(tmp_path / "out" / "every-kind" / "prep-plan.pdf"))
