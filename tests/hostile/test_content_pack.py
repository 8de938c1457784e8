"""An edited content pack (``--content DIR``) is untrusted like any input: same sanitizer, no links out."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from reporter import content, documents
from reporter.assessment import load
from reporter.errors import ContentError
from reporter.plan import build_plan

from .attacks import ATTACKS, SECRET_TOKEN, base, fill, write
from .cases import TODAY
from .pdfsafety import assert_safe
from .test_fields import assert_harmless, shape


def _block(text: str, indent: str) -> str:
    return "\n".join(indent + line if line else "" for line in text.splitlines()) + "\n\n"


def hostile_pack(root, secret, port):
    """The packaged pack with every attack in its Markdown fields (intro, the L6 question) and the subtitle."""
    pack = root / "pack"
    shutil.copytree(content.config.CONTENT_DIR, pack)
    attacks = "\n\n".join(fill(t, secret, port) for t in ATTACKS.values())
    main = (pack / "playbook.yaml").read_text(encoding="utf-8")
    main = main.replace("intro: >-\n", "intro: |-\n" + _block(attacks, "  "), 1)
    main = main.replace("subtitle: The Science of L6 vs L7 Success\n",
                        f"subtitle: {json.dumps(fill(ATTACKS['img-file'], secret, port))}\n", 1)
    (pack / "playbook.yaml").write_text(main, encoding="utf-8")
    level = (pack / "l6.yaml").read_text(encoding="utf-8")
    level = level.replace("  wrong: >-\n", "  wrong: |-\n" + _block(attacks, "    "), 1)
    level = level.replace("  right: >-\n", "  right: |-\n" + _block(attacks, "    "), 1)
    (pack / "l6.yaml").write_text(level, encoding="utf-8")
    return pack


def _html(pack_dir, tmp_path):
    pack = content.load(pack_dir)
    assessment = load(write(tmp_path / "a.yaml", base()), pack, TODAY)
    kind = documents.KINDS["plan"]
    inputs = documents.Inputs(playbook=pack, assessment=assessment, plan=build_plan(assessment, pack, TODAY),
                              generated=TODAY)
    return documents.html_of(kind, inputs)


def test_attacks_in_an_edited_pack_render_harmlessly(tmp_path, secret, loopback):
    pack = hostile_pack(tmp_path, secret, loopback.port)
    baseline = shape(_html(None, tmp_path))
    html = _html(pack, tmp_path)
    assert "&lt;script&gt;" in html  # the attack is there, as text
    assert_harmless(html, baseline, secret)


def test_an_edited_pack_with_attacks_builds_a_clean_pdf(tmp_path, secret, loopback, monkeypatch):
    from reporter.cli import main

    pack = hostile_pack(tmp_path, secret, loopback.port)
    source = write(tmp_path / "candidate.yaml", base())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert main(["--content", str(pack), "build", str(source), "-o", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "out" / "candidate" / "prep-plan.pdf"
    assert_safe(pdf, SECRET_TOKEN)


def test_a_pack_file_linking_outside_the_pack_is_refused_unread(tmp_path, secret):
    pack = tmp_path / "pack"
    shutil.copytree(content.config.CONTENT_DIR, pack)
    # A file outside the pack, shaped so that a loader reading it would echo the secret in its message.
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"id: {SECRET_TOKEN}\n", encoding="utf-8")
    (pack / "l6.yaml").unlink()
    os.symlink(outside, pack / "l6.yaml")
    with pytest.raises(ContentError) as caught:
        content.load(pack)
    lines = caught.value.lines()
    assert f"{pack / 'l6.yaml'}:1:1: (file): links to a file outside the content pack folder " \
           "(copy the file into the pack instead of linking to it)" in lines
    assert SECRET_TOKEN not in "\n".join(lines)


def test_the_main_pack_file_linking_outside_is_refused(tmp_path, secret):
    pack = tmp_path / "pack"
    shutil.copytree(content.config.CONTENT_DIR, pack)
    (pack / "playbook.yaml").unlink()
    os.symlink(secret, pack / "playbook.yaml")
    with pytest.raises(ContentError) as caught:
        content.load(pack)
    assert caught.value.lines() == [f"{pack / 'playbook.yaml'}:1:1: (file): links to a file outside the content "
                                    "pack folder (copy the file into the pack instead of linking to it)"]


@pytest.mark.parametrize("name", ["../l6.yaml", "/etc/passwd", ".hidden.yaml"])
def test_a_level_file_name_outside_the_pack_is_refused(tmp_path, name):
    pack = tmp_path / "pack"
    shutil.copytree(content.config.CONTENT_DIR, pack)
    main = (pack / "playbook.yaml").read_text(encoding="utf-8")
    (pack / "playbook.yaml").write_text(main.replace("levels: [l6.yaml, l7.yaml]", f"levels: [{json.dumps(name)}, l7.yaml]"),
                                        encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        content.load(pack)
    assert any("levels: a level file must be a plain file name in the pack folder" in line
               for line in caught.value.lines())


def test_a_fifo_in_the_pack_is_refused_without_blocking(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(content.config.CONTENT_DIR, pack)
    (pack / "l7.yaml").unlink()
    os.mkfifo(pack / "l7.yaml")
    with pytest.raises(ContentError) as caught:
        content.load(pack)
    assert f"{pack / 'l7.yaml'}:1:1: (file): is not a regular file" in caught.value.lines()
