"""The attack catalogue: hostile values for every text field of a self-assessment, and builders.

Attacks name two things a render must never touch: ``{secret}``, a file the test plants (its path,
for file: URLs and bare paths), and ``{port}``, a loopback HTTP server that must receive no request.
Assessments are written as JSON, which is YAML: every string is quoted, every number plain.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

SECRET_TOKEN = "HOSTILE-SECRET-d41d8cd98f00"

# Markup in any text field: raw HTML and CSS that would make a browser (or WeasyPrint) fetch, embed or run.
MARKUP = {
    "script": "<script>document.title = 'owned'</script>",
    "img-file": '<img src="file://{secret}">',
    "link-attachment": '<link rel="attachment" href="file://{secret}">',
    "a-attachment": '<a rel="attachment" href="file://{secret}">report</a>',
    "object": '<object data="file://{secret}" type="text/plain"></object>',
    "embed": '<embed src="http://127.0.0.1:{port}/embed">',
    "iframe": '<iframe src="http://127.0.0.1:{port}/iframe"></iframe>',
    "base": '<base href="http://127.0.0.1:{port}/">',
    "style-import": "<style>@import url(http://127.0.0.1:{port}/import.css);</style>",
    "style-attr": '<span style="background:url(http://127.0.0.1:{port}/bg.png)">x</span>',
    "svg": ('<svg xmlns="http://www.w3.org/2000/svg"><image href="file://{secret}"/>'
            '<use href="http://127.0.0.1:{port}/s.svg#a"/></svg>'),
    "meta-refresh": '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:{port}/">',
    "entity-encoded": "&lt;img src=&quot;file://{secret}&quot;&gt; &#60;script&#62;",
    "css-break-out": "red; } body { display:none } .x {",
    "template": "{{ 7*191 }}{% if true %}TEMPLATE-RAN{% endif %}",
}

# Markdown that asks for a fetch: images, autolinks and references to local files or the loopback server.
MARKDOWN = {
    "md-image-path": "![the secret]({secret})",
    "md-image-passwd": "![](/etc/passwd)",
    "md-image-loopback": "![probe](http://127.0.0.1:{port}/img.png)",
    "md-autolink-file": "<file://{secret}>",
    "md-link-file": "[open](file://{secret})",
    "md-link-js": "[run](javascript:alert(1))",
    "md-ref-image": "![ref][probe]\n\n[probe]: http://127.0.0.1:{port}/ref.png",
    "md-ref-link-file": "[ref][s]\n\n[s]: file://{secret}",
    "md-html-block": "<div>\n<img src=\"http://127.0.0.1:{port}/block.png\">\n</div>",
}

ATTACKS = {**MARKUP, **MARKDOWN}

# Every text field of the contract, by the path the loader names it with. (field, single line, limit)
LEVEL = "L6"
EVIDENCE_ITEM = "l6.domain_expertise.1"
TEXT_FIELDS = {
    "candidate.name": True,
    "candidate.current_title": True,
    f"competencies.{EVIDENCE_ITEM}.evidence": False,
    "stories[0].title": True,
    "stories[0].principles[0]": True,
    "stories[0].situation": False,
    "stories[0].task": False,
    "stories[0].action": False,
    "stories[0].result": False,
    "notes": False,
}


def fill(template: str, secret: Path, port: int) -> str:
    return template.replace("{secret}", str(secret)).replace("{port}", str(port))


def base() -> dict:
    """A small valid L6 self-assessment (dated for 2026-12-01)."""
    return {
        "candidate": {"name": "Sample candidate (hostile input)", "target_level": LEVEL,
                      "interview_date": "2027-02-22", "plan_start": "2026-12-01", "hours_per_week": 10,
                      "current_title": "Engineering Manager"},
        "competencies": {EVIDENCE_ITEM: {"status": "partial", "evidence": "Payments."},
                         "l6.architecture_skills.1": "yes"},
        "practice": {"leetcode_solved": 40},
        "stories": [{"title": "Ledger rewrite", "principles": ["Ownership"], "situation": "s", "task": "t",
                     "action": "a", "result": "r", "scope": {"engineers": 12, "teams": 2}}],
        "notes": "Keep going.",
    }


def _parts(path: str) -> list:
    parts: list = []
    for piece in path.replace("]", "").split("."):
        if "[" in piece:
            name, *indexes = piece.split("[")
            parts.append(name)
            parts.extend(int(i) for i in indexes)
        else:
            parts.append(piece)
    # Checklist ids contain dots: "competencies.l6.domain_expertise.1.evidence" → one key.
    if parts[0] == "competencies" and len(parts) > 2:
        parts = ["competencies", ".".join(parts[1:-1]), parts[-1]]
    return parts


def with_field(data: dict, path: str, value) -> dict:
    """A copy of ``data`` with the field at ``path`` set to ``value``."""
    data = copy.deepcopy(data)
    *outer, last = _parts(path)
    target = data
    for part in outer:
        target = target[part]
    target[last] = value
    return data


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
