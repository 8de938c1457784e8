"""Themes and bundled fonts: every shipped theme renders every document, bad themes get located errors,
and PDFs carry only bundled or theme fonts, emoji included."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from reporter import config, documents, themes
from reporter.cli import main
from reporter.errors import InputError, RenderError, UsageError

from . import pdfcheck
from .samples import GOOD_THEME
from .conftest import ALL_FORMATS, EXAMPLES, EXAMPLES_EPOCH

SHIPPED = [p.name for p in themes.shipped()]
BUNDLED = set(themes.BUNDLED_FAMILIES + themes.FALLBACK_FAMILIES)
ICONS = "🎯🚀📊🎪✅"  # the playbook's level, section and checklist icons
PLAN_LIMIT_BYTES = 300_000  # a prep plan without a logo; subsetting keeps the fonts small


def allowed_families(theme: themes.Theme) -> set[str]:
    return BUNDLED | {f.family for f in theme.font_files}


def assert_only_allowed_fonts(pdf: Path, theme: themes.Theme) -> None:
    names = pdfcheck.fonts(pdf)
    assert names, pdf
    allowed = allowed_families(theme)
    for name in names:
        family = pdfcheck.family_of(name)
        assert any(family == f or family.startswith(f + " ") for f in allowed), (pdf.name, name)


def run_build(tmp: Path, *args: str) -> int:
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        return main(["build", *args, "-o", str(tmp)])
    finally:
        patch.undo()


@pytest.fixture(scope="module", params=SHIPPED)
def themed(request):
    """One example built in every document kind, and the edition, with one shipped theme."""
    example = EXAMPLES[0]
    if request.param == config.DEFAULT_THEME:  # the session's shared builds are in the default theme
        built, edition = request.getfixturevalue("built_examples"), request.getfixturevalue("built_edition")
        assert {*documents.KINDS, *documents.BUILD_END_KINDS} == set(ALL_FORMATS.split(","))
        return themes.load(request.param), built / example.stem, edition
    folder, edition = request.getfixturevalue("built_themes")[request.param]
    return themes.load(request.param), folder, edition


# -- shipped themes ---------------------------------------------------------------------------------------

def test_at_least_three_distinct_shipped_themes_default_first():
    assert SHIPPED[0] == config.DEFAULT_THEME and len(SHIPPED) >= 3
    loaded = [themes.load(name) for name in SHIPPED]
    assert len({t.colour["primary"] for t in loaded}) == len(loaded)
    assert len({(t.heading_font, t.body_font) for t in loaded}) == len(loaded)
    assert len({t.fingerprint for t in loaded}) == len(loaded)


def test_every_shipped_theme_renders_every_document_kind(themed):
    theme, folder, edition = themed
    expected = [folder / kind.filename for kind in documents.KINDS.values()]
    expected += [edition / kind.filename for kind in getattr(documents, "EDITION_KINDS", {}).values()]
    expected += [folder.parent / kind.filename for kind in documents.BUILD_END_KINDS.values()]
    for pdf in expected:
        assert pdf.is_file(), (theme.name, pdf.name)
    # every file written, including a kind's companions (a deck's notes handout)
    for pdf in sorted([*folder.glob("*.pdf"), *edition.glob("*.pdf"), *folder.parent.glob("*.pdf")]):
        pages = pdfcheck.page_texts(pdf)
        assert pages and all(page.strip() for page in pages), (theme.name, pdf.name)
        assert_only_allowed_fonts(pdf, theme)


def test_theme_colours_fonts_logo_and_footer_reach_the_prep_plan(themed):
    theme, folder, _ = themed
    pdf = folder / "prep-plan.pdf"
    names = {pdfcheck.family_of(n) for n in pdfcheck.fonts(pdf)}
    assert any(n.startswith(theme.heading_font) for n in names), names
    assert any(n.startswith(theme.body_font) for n in names), names
    pages = pdfcheck.page_texts(pdf)
    footer = theme.footer or "Interview prep plan"
    assert pdfcheck.squash(footer) in pdfcheck.squash(pages[2])
    assert "prep plan" in pages[2].splitlines()[0]  # the running title heads every page after the cover
    # The logo is drawn on the cover and in the footers: an image each time (SVG logos become XObjects).
    if theme.logo:
        assert b"/XObject" in pdf.read_bytes()


def test_prep_plan_without_logo_stays_small(built_examples):
    for pdf in built_examples.glob("*/prep-plan.pdf"):
        assert pdf.stat().st_size < PLAN_LIMIT_BYTES, (pdf, pdf.stat().st_size)


def test_default_build_uses_only_bundled_fonts(built_examples):
    for pdf in built_examples.glob("*/*.pdf"):
        assert_only_allowed_fonts(pdf, themes.default())


def test_themes_command_lists_name_folder_and_description(capsys):
    assert main(["themes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == SHIPPED
    for line in lines:
        name, title, folder, description = line.split("\t")
        assert Path(folder) == config.THEMES_DIR / name and title and description


def test_bundled_font_licences_are_shipped():
    fonts_css = (config.FONTS_DIR / "fonts.css").read_text() + (config.FONTS_DIR / "script-faces.css").read_text()
    for family in BUNDLED:
        assert f'font-family: "{family}"' in fonts_css
    licences = list(config.FONTS_DIR.glob("*.LICENSE.txt"))
    assert len(licences) == 6 + 19 and all("SIL OPEN FONT LICENSE" in p.read_text().upper() for p in licences)
    # TrueType rather than woff2 (fast to load in every process), subsets in the PDFs; the Han face is 16 MB.
    total = sum(p.stat().st_size for p in config.FONTS_DIR.iterdir())
    assert total < 25_000_000


# -- emoji and the isolation from system fonts ------------------------------------------------------------

def test_playbook_icons_print_as_emoji_glyphs(built_edition):
    """The book's headings carry the page's emoji; each must be a real glyph of the bundled emoji face."""
    pdf = built_edition / "playbook.pdf"
    text = pdfcheck.text(pdf)
    glyphs = pdfcheck.glyphs_by_font(pdf)
    emoji = next(chars for name, chars in glyphs.items() if name.startswith("Noto-Emoji"))
    for icon in ICONS:
        assert icon in text, f"{icon} is not in the text layer"
        assert emoji.get(icon, 0) > 0, f"{icon} has no glyph"
    # The page's one arrow was its "Next:" link to a chapter the book does not hold, which is not printed.
    assert "→" not in text
    assert_only_allowed_fonts(pdf, themes.default())


def test_machine_fonts_are_never_used(tmp_path):
    """Greek and Cyrillic are bundled; a character no bundled font has (an Egyptian hieroglyph) fails the document, naming it, instead of printing in whatever the machine has installed."""
    from reporter.pdf import Renderer

    renderer, base = Renderer(), [config.STYLES_DIR / "base.css"]
    pdf = tmp_path / "scripts.pdf"
    html = "<html lang='en'><title>t</title><p>Łódź, Ωμέγα, Привет → ≥ ✓</p></html>"
    pdf.write_bytes(renderer.render(html, base, "scripts").pdf_bytes())
    assert_only_allowed_fonts(pdf, themes.default())
    symbols = next(chars for name, chars in pdfcheck.glyphs_by_font(pdf).items() if name.startswith("Noto-Sans-Symbols"))
    assert symbols.get("✓", 0) > 0
    with pytest.raises(RenderError, match=r"U\+13000"):
        renderer.render("<html lang='en'><title>t</title><p>\U00013000</p></html>", base, "hieroglyph").pdf_bytes()


# -- bad themes -------------------------------------------------------------------------------------------



def make_theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def test_four_problems_are_reported_at_once_with_locations(tmp_path):
    (tmp_path / "outside.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    folder = make_theme(tmp_path / "coach", """\
name: Coach
colours:
  primary: "#12345"
  accent: "#abcdef"
  text: "#111111"
  muted: "#666666"
  background: "#ffffff"
fonts:
  heading: Brand
  body: Inter
  files:
    - family: Brand
      file: fonts/brand.woff2
logo: ../outside.svg
colour_scheme: dark
""")
    with pytest.raises(InputError) as caught:
        themes.load(folder)
    file = str(folder.resolve() / "theme.yaml")
    assert caught.value.lines() == [
        f"{file}:3:12: colours.primary: '#12345' is not a colour (write it as \"#RRGGBB\", e.g. \"#1f4e79\")",
        f"{file}:9:12: fonts.heading: font family 'Brand' is neither bundled nor given by fonts.files "
        "(bundled: Inter, Source Serif 4, JetBrains Mono)",
        f"{file}:13:13: fonts.files[0].file: 'fonts/brand.woff2' does not exist in the theme folder",
        f"{file}:14:7: logo: '../outside.svg' is outside the theme folder (name a file inside the theme folder)",
        f"{file}:15:1: colour_scheme: unknown key (did you mean 'colours'?)",
    ]


def test_a_bad_theme_fails_the_build_before_anything_is_written(tmp_path, capsys):
    folder = make_theme(tmp_path / "coach", GOOD_THEME.replace('"#123456"', '"red"'))
    assert run_build(tmp_path / "out", str(EXAMPLES[0]), "--theme", str(folder)) == 1
    assert "colours.primary: 'red' is not a colour" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_theme_name_is_a_usage_error(tmp_path):
    assert run_build(tmp_path / "out", str(EXAMPLES[0]), "--theme", "no-such-theme") == 2
    with pytest.raises(UsageError, match="default"):
        themes.load("no-such-theme")


@pytest.mark.parametrize("line, message", [
    ("  primary: #123456\n", "colours.primary: empty (in YAML a # starts a comment)"),
    ('  primary: "#123;}*{x"\n', "is not a colour"),
    ('  primary: "rgb(1, 2, 3)"\n', "is not a colour"),
])
def test_colours_are_only_hex_triplets(tmp_path, line, message):
    folder = make_theme(tmp_path / "t", GOOD_THEME.replace('  primary: "#123456"\n', line))
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        themes.load(folder)


@pytest.mark.parametrize("family", ['Inter"; } * { color: red', "Comic/Sans", "x" * 70])
def test_font_families_are_plain_names(tmp_path, family):
    folder = make_theme(tmp_path / "t", GOOD_THEME.replace("  body: Inter", f"  body: '{family}'"))
    with pytest.raises(InputError, match="fonts.body"):
        themes.load(folder)


@pytest.mark.parametrize("value, message", [
    ("https://example.invalid/logo.svg", "is a URL"),
    ("file:///etc/hostname.svg", "is a URL"),
    ("data:image/svg+xml,<svg/>", "is a URL"),
    ("/etc/logo.svg", "is outside the theme folder"),
    ("a/../../logo.svg", "is outside the theme folder"),
    ("link.svg", "leads outside the theme folder"),
    ("logo.gif", "is not one of .svg, .png"),
    ("big.png", "the limit is 2000×2000"),
    ("remote.svg", "refers to something outside itself"),
    ("script.svg", "refers to something outside itself"),
    ("missing.svg", "does not exist"),
])
def test_logo_files_stay_inside_the_folder_and_small(tmp_path, value, message):
    outside = tmp_path / "secret.svg"
    outside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    folder = make_theme(tmp_path / "t", GOOD_THEME + f"logo: '{value}'\n")
    (folder / "link.svg").symlink_to(outside)
    (folder / "logo.gif").write_bytes(b"GIF89a")
    (folder / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
                                     + struct.pack(">II", 5000, 40) + b"\x08\x06\x00\x00\x00")
    (folder / "remote.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                                       "<use xlink:href='http://example.invalid/a.svg#x'/></svg>")
    (folder / "script.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    with pytest.raises(InputError) as caught:
        themes.load(folder)
    assert len(caught.value.problems) == 1 and message in str(caught.value), str(caught.value)
    assert caught.value.problems[0].field == "logo"


def test_oversized_logo_is_refused(tmp_path):
    folder = make_theme(tmp_path / "t", GOOD_THEME + "logo: logo.svg\n")
    (folder / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + " " * config.MAX_LOGO_BYTES + "</svg>")
    with pytest.raises(InputError, match="the limit is 200,000"):
        themes.load(folder)


def test_font_files_must_be_fonts_with_their_own_family(tmp_path):
    folder = make_theme(tmp_path / "t", GOOD_THEME.replace("  body: Inter\n", """\
  body: Inter
  files:
    - {family: Brand, file: fake.woff2}
    - {family: Inter, file: real.ttf, weight: 450, style: oblique}
"""))
    (folder / "fake.woff2").write_bytes(b"<html>not a font</html>")
    shutil.copy(config.FONTS_DIR / "inter-400-normal.ttf", folder / "real.ttf")
    with pytest.raises(InputError) as caught:
        themes.load(folder)
    messages = [f"{p.field}: {p.message}" for p in caught.value.problems]
    assert messages == [
        "fonts.files[0].file: not a font file (woff2, woff, ttf or otf)",
        "fonts.files[1].family: 'Inter' is a bundled family",
        "fonts.files[1].weight: 450 is not a multiple of 100",
        "fonts.files[1].style: 'oblique' is not one of normal, italic",
    ]


# -- a coach's own theme, end to end ----------------------------------------------------------------------

def test_a_theme_folder_with_its_own_font_and_png_logo_renders(tmp_path):
    folder = make_theme(tmp_path / "coach", GOOD_THEME.replace("  heading: Inter\n", "  heading: Coach Serif\n")
                        + "  files:\n    - {family: Coach Serif, file: fonts/serif.ttf, weight: 700}\n"
                        + "logo: logo.png\nfooter: Sample coaching practice\npaper: letter\n")
    (folder / "fonts").mkdir()
    shutil.copy(config.FONTS_DIR / "source-serif-4-700-normal.ttf", folder / "fonts" / "serif.ttf")
    (folder / "logo.png").write_bytes(_png_1px())
    theme = themes.load(folder)
    assert theme.paper == "Letter" and theme.logo == (folder / "logo.png").resolve()
    assert run_build(tmp_path / "out", str(EXAMPLES[0]), "--theme", str(folder)) == 0
    pdf = tmp_path / "out" / EXAMPLES[0].stem / "prep-plan.pdf"
    assert_only_allowed_fonts(pdf, theme)
    assert "Sample coaching practice" in pdfcheck.page_texts(pdf)[3]


def test_theme_files_are_readable_only_by_renders_of_that_theme(tmp_path):
    from reporter.pdf import Renderer

    folder = make_theme(tmp_path / "coach", GOOD_THEME + "logo: logo.png\n")
    (folder / "logo.png").write_bytes(_png_1px())
    theme = themes.load(folder)
    html = f"<html lang='en'><title>t</title><img alt='logo' src='{theme.logo_uri}'></html>"
    renderer = Renderer()
    base = [config.STYLES_DIR / "base.css"]
    assert renderer.render(html, base, "ok", extra_css=theme.css(), extra_roots=(theme.folder,)).page_count == 1
    with pytest.raises(RenderError, match="blocked fetch"):
        renderer.render(html, base, "no roots", extra_css=theme.css())
    # the theme's stylesheet is parsed once per renderer
    assert renderer._extra_stylesheet(theme.css(), (theme.folder,)) is renderer._extra_stylesheet(
        theme.css(), (theme.folder,))


def test_fingerprint_covers_theme_yaml_and_the_files_it_names(tmp_path):
    folder = tmp_path / "vivid"
    shutil.copytree(config.THEMES_DIR / "vivid", folder)
    before = themes.parse(folder.resolve()).fingerprint
    (folder / "unrelated.txt").write_text("notes")
    assert themes.parse(folder.resolve()).fingerprint == before
    logo = folder / "logo.svg"
    logo.write_text(logo.read_text().replace("#ea580c", "#ea580d"))
    assert themes.parse(folder.resolve()).fingerprint != before
    assert config.BuildOptions().theme == config.DEFAULT_THEME


def test_theme_css_declares_only_variables_and_font_faces():
    for name in SHIPPED:
        css = themes.load(name).css()
        for line in css.splitlines():
            line = line.strip()
            assert (line in (":root {", "}") or line.startswith("--") or line.startswith("@font-face")
                    or line.startswith("/*")), line


def test_font_stacks_name_only_the_script_faces_the_text_needs():
    theme = themes.default()
    body = next(line for line in theme.css("<p>Ada Lovelace</p>").splitlines() if "--font-body" in line)
    assert body == '  --font-body: "Inter", "Noto Emoji", "Noto Sans Symbols 2", "Noto Sans Math";'
    arabic = next(line for line in theme.css("<p>\u0644\u064a\u0644\u0649 \u2014 \u4e2d\u6587</p>").splitlines()
                  if "--font-body" in line)
    assert arabic.endswith('"Noto Sans Math", "Noto Sans Arabic", "Noto Sans CJK SC";'), arabic
    # Without the document's text: every face, as a stylesheet written for any document needs.
    assert all(family in theme.css() for family in themes.FALLBACK_FAMILIES)


def _png_1px() -> bytes:
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
