"""Hostile theme packs: a coach's theme folder is untrusted like any input (CI builds pull requests).

Each case is a located ``theme.yaml`` error, or a harmless render. tests/test_themes.py covers the
contract; here are the attacks: CSS injection, unknown fonts, a 50-megapixel logo, paths that leave the
folder (``../``, symlinks, devices, FIFOs, huge files), and theme.yaml itself linking elsewhere.
"""

from __future__ import annotations

import json
import os
import struct

import pytest

from reporter import themes
from reporter.errors import InputError

from ..samples import GOOD_THEME as GOOD
from .attacks import MARKUP, SECRET_TOKEN, base, fill, write
from .pdfsafety import assert_safe



def theme_folder(tmp_path, text: str = GOOD):
    folder = tmp_path / "theme"
    folder.mkdir(exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def problems(folder) -> list[str]:
    with pytest.raises(InputError) as caught:
        themes.load(folder)
    return caught.value.lines()


def png(width: int, height: int) -> bytes:
    """The start of a PNG: enough for its header to claim a size."""
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height)
            + b"\x08\x06\x00\x00\x00")


CSS_INJECTIONS = {
    "colour breaks out of its declaration": ('  primary: "#123456"\n', '  primary: "red;}*{x:y"\n',
                                             "colours.primary: 'red;}*{x:y' is not a colour"),
    "long colour breaks out": ('  primary: "#123456"\n', '  primary: "red; } body { display:none"\n',
                               "colours.primary: 26 characters; the limit is 20"),
    "colour with url()": ('  primary: "#123456"\n', '  primary: "url(//x)"\n', "is not a colour"),
    "family closes its string": ("  body: Inter\n", "  body: 'Inter\"; } * { display: none; } x {'\n",
                                 "fonts.body: 'Inter\"; } * { display: none; } x {' is not a font family name"),
    "family with an @import": ("  body: Inter\n", "  body: '@import url(file:///etc/passwd)'\n",
                               "is not a font family name"),
    "unknown font": ("  body: Inter\n", "  body: Comic Sans\n",
                     "fonts.body: font family 'Comic Sans' is neither bundled nor given by fonts.files"),
}


@pytest.mark.parametrize("old, new, message", CSS_INJECTIONS.values(), ids=CSS_INJECTIONS.keys())
def test_css_injection_and_unknown_fonts_are_located_errors(tmp_path, old, new, message):
    folder = theme_folder(tmp_path, GOOD.replace(old, new))
    lines = problems(folder)
    assert len(lines) == 1 and lines[0].startswith(f"{folder / 'theme.yaml'}:") and message in lines[0], lines


def _paths(tmp_path, secret):
    folder = theme_folder(tmp_path)
    (folder / "huge.png").write_bytes(png(7_072, 7_072))  # 50 megapixels
    (folder / "wide.png").write_bytes(png(50_000_000, 1))
    os.symlink(secret, folder / "secret-link.svg")
    os.symlink("/dev/zero", folder / "zero.svg")
    os.mkfifo(folder / "fifo.svg")
    with open(folder / "sparse.svg", "wb") as handle:  # 10 GB on paper, nothing on disk
        handle.truncate(10 * 2**30)
    os.symlink(secret, folder / "secret-font.woff2")
    return folder


PATHS = {
    "50 MP logo": ("logo: huge.png", "logo: 7072×7072 pixels; the limit is 2000×2000"),
    "50 million pixels wide": ("logo: wide.png", "logo: 50000000×1 pixels; the limit is 2000×2000"),
    "../ in the logo": ("logo: ../secret.svg", "logo: '../secret.svg' is outside the theme folder"),
    "absolute logo": ("logo: /etc/passwd.svg", "is outside the theme folder"),
    "symlink out of the folder": ("logo: secret-link.svg", "logo: 'secret-link.svg' leads outside the theme folder"),
    "/dev/zero": ("logo: zero.svg", "logo: 'zero.svg' leads outside the theme folder"),
    "FIFO": ("logo: fifo.svg", "logo: 'fifo.svg' is not a regular file"),
    "huge file": ("logo: sparse.svg", "logo: 'sparse.svg' is 10,737,418,240 bytes; the limit is 200,000"),
    "../ in a font file": ("fonts:\n  heading: Inter\n  body: Brand\n  files:\n    - {family: Brand, file: ../x.woff2}",
                           "fonts.files[0].file: '../x.woff2' is outside the theme folder"),
    "font symlink out": ("fonts:\n  heading: Inter\n  body: Brand\n  files:\n"
                         "    - {family: Brand, file: secret-font.woff2}",
                         "leads outside the theme folder"),
}


@pytest.mark.parametrize("line, message", PATHS.values(), ids=PATHS.keys())
def test_theme_paths_stay_in_the_folder_and_small(tmp_path, secret, line, message):
    folder = _paths(tmp_path, secret)
    text = GOOD.replace("fonts:\n  heading: Inter\n  body: Inter\n", "") + line + "\n" if "fonts:" in line \
        else GOOD + line + "\n"
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    lines = problems(folder)
    assert any(message in line for line in lines), lines
    assert SECRET_TOKEN not in "\n".join(lines)


def test_theme_yaml_linking_outside_the_folder_is_refused_unread(tmp_path, secret):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("name: x\ncolours: {primary: 'hunter2'}\n", encoding="utf-8")  # a value messages echo
    folder = tmp_path / "theme"
    folder.mkdir()
    os.symlink(outside, folder / "theme.yaml")
    lines = problems(folder)
    assert lines == [f"{folder / 'theme.yaml'}:1:1: (file): links to a file outside the theme folder "
                     "(copy the file into the theme folder instead of linking to it)"]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_theme_yaml_that_is_not_a_file_is_refused_without_blocking(tmp_path, kind):
    folder = tmp_path / "theme"
    folder.mkdir()
    if kind == "fifo":
        os.mkfifo(folder / "theme.yaml")
    else:
        os.symlink("/dev/zero", folder / "theme.yaml")
    lines = problems(folder)
    assert len(lines) == 1 and lines[0].startswith(f"{folder / 'theme.yaml'}:1:1: (file): "), lines


def test_a_hostile_footer_prints_as_text(tmp_path, secret, loopback, monkeypatch):
    from reporter.cli import main

    from ..pdfcheck import squash, text

    footer = fill(MARKUP["img-file"], secret, loopback.port)
    folder = theme_folder(tmp_path, GOOD + f"footer: {json.dumps(footer)}\n")
    source = write(tmp_path / "candidate.yaml", base())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--theme", str(folder)]) == 0
    pdf = tmp_path / "out" / "candidate" / "prep-plan.pdf"
    assert_safe(pdf, SECRET_TOKEN)
    assert squash(footer) in squash(text(pdf))
