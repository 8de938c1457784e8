"""Theme packs: a coach's colours, fonts, logo and footer, validated like any other input.

A theme is a folder with a ``theme.yaml``; the shipped ones are under ``reporter/assets/themes/``. Every
problem of a theme is reported at once as ``file:line:col: field: message``. A theme never supplies CSS:
:meth:`Theme.css` writes CSS variable declarations (and ``@font-face`` rules for the theme's own font
files) from validated values only — colours that match ``#RRGGBB``, family names from a strict
character set, and files that resolve inside the theme's folder after following symlinks.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from . import charts, config, glyphs
from .errors import InputError, Problem, UsageError
from .source import Checker, Node, decode, parse_text, read_bytes

THEME_FILE = "theme.yaml"
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
FAMILY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,62}[A-Za-z0-9]$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")  # a shipped theme's folder name

# Families in reporter/assets/fonts/fonts.css. Emoji and symbols close every stack, so no character of a
# document is looked up anywhere else.
BUNDLED_FAMILIES = ("Inter", "Source Serif 4", "JetBrains Mono")
FALLBACK_FAMILIES = glyphs.fallback_stack()
REQUIRED_COLOURS = ("primary", "accent", "text", "muted", "background")
# Optional colours; each defaults to the value in styles/base.css, except the cover's: the primary colour
# with white text.
OPTIONAL_COLOURS = ("rule", "wash", "yes", "partial", "no", "cover", "cover_text")
PAPERS = {"a4": "A4", "letter": "Letter"}
FONT_FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
FONT_MAGIC = (b"wOF2", b"wOFF", b"\x00\x01\x00\x00", b"OTTO", b"true")
LOGO_TYPES = (".svg", ".png")
MAX_CHART_COLOURS = 8
MAX_FOOTER_CHARS = 160

TOP_KEYS = ("name", "description", "colours", "chart", "fonts", "logo", "footer", "paper")
FONT_KEYS = ("heading", "body", "mono", "files")
FILE_KEYS = ("family", "file", "weight", "style")

# What an SVG logo may not contain: anything that loads or runs something else.
_SVG_REFUSED = re.compile(
    r"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet|<script|<foreignObject|@import|<image\b|"
    r"href\s*=\s*[\"']\s*(?!#)|url\(\s*[\"']?\s*(?!#)",
    re.IGNORECASE)


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path  # resolved, inside the theme folder
    weight: int
    style: str  # normal | italic


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    folder: Path  # resolved
    colours: tuple[tuple[str, str], ...]  # (role, #rrggbb), the required ones and any optional ones given
    chart_colours: tuple[str, ...]  # empty: the charts' own palette
    heading_font: str
    body_font: str
    mono_font: str
    font_files: tuple[FontFile, ...]
    logo: Path | None
    footer: str
    paper: str  # "A4" | "Letter"
    fingerprint: str  # sha256 over theme.yaml and every file it names

    @property
    def colour(self) -> dict[str, str]:
        return dict(self.colours)

    @property
    def palette(self) -> tuple[str, ...]:
        """Series colours for every chart: the theme's own, else the charts' print-safe palette."""
        return self.chart_colours or charts.PALETTE

    @property
    def effective(self) -> dict[str, str]:
        """Every colour role as documents print it: the theme's, else the default of styles/base.css."""
        found = {**css_defaults(), **{role.replace("_", "-"): value for role, value in self.colours}}
        found.setdefault("cover", found["primary"])
        return found

    @property
    def chart_ink(self) -> charts.Ink:
        """The theme's colours and body face for a chart's text, grid and tracks."""
        colour = self.effective
        return charts.Ink(text=colour["text"], muted=colour["muted"], grid=colour["rule"], track=colour["wash"],
                          light=colour["background"], font=",".join((self.body_font, *FALLBACK_FAMILIES)))

    @property
    def logo_uri(self) -> str | None:
        return self.logo.as_uri() if self.logo else None

    @property
    def cover_soft_colour(self) -> str:
        """The cover's secondary text (labels, kickers): its text colour 80 % over the cover colour.

        A solid colour, not CSS opacity: WeasyPrint draws text with opacity into a form XObject that the PDF's
        tag tree does not reach, so a screen reader would hear the value without its label.
        """
        colour = self.colour
        cover = colour.get("cover", colour["primary"])
        text = colour.get("cover_text", "#ffffff")
        return blend(text, cover, 0.8)

    def css(self, text: str | None = None) -> str:
        """CSS variable declarations (and @font-face rules for the theme's files), from validated values only.

        With ``text`` (the document's HTML), each font stack names only the script faces that text needs, as
        the renderer loads only those: a family named in a stack costs Pango a lookup at every run of text
        even when it is not loaded (the whole list made a Latin prep plan 4 % slower to lay out).
        """
        scripts = glyphs.script_families() if text is None else glyphs.faces_needed(text)
        lines = ["/* generated from a validated theme.yaml */", ":root {"]
        for role, value in self.colours:
            lines.append(f"  --color-{role.replace('_', '-')}: {value};")
        lines.append(f"  --color-cover-soft: {self.cover_soft_colour};")
        lines.append(f"  --font-heading: {_stack(self.heading_font, scripts)};")
        lines.append(f"  --font-body: {_stack(self.body_font, scripts)};")
        lines.append(f"  --font-mono: {_stack(self.mono_font, scripts)};")
        lines.append("}")
        for font in self.font_files:
            lines.append(f'@font-face {{ font-family: "{font.family}"; font-style: {font.style}; '
                         f'font-weight: {font.weight}; src: url("{font.path.as_uri()}") '
                         f'format("{FONT_FORMATS[font.path.suffix.lower()]}"); }}')
        return "\n".join(lines) + "\n"

    def view(self) -> dict:
        """What templates may show of the theme."""
        return {"name": self.name, "footer": self.footer, "logo_uri": self.logo_uri, "paper": self.paper,
                "colour": self.colour,
                # SVG text reads a plain comma list (WeasyPrint's SVG takes no CSS variables and no quotes)
                "svg_font": ",".join((self.body_font, *FALLBACK_FAMILIES))}


@lru_cache(maxsize=1)
def css_defaults() -> dict[str, str]:
    """The colour variables of styles/base.css (role -> #rrggbb): what a theme that names no colour gets."""
    text = (config.STYLES_DIR / "base.css").read_text(encoding="utf-8")
    root = text[text.index(":root"):text.index("}")]
    return dict(re.findall(r"--color-([a-z-]+):\s*(#[0-9a-fA-F]{6})", root))


# Every pair of text colour and background the documents print (styles/*.css), with the ratio it needs:
# 4.5:1 for text, 3:1 for large type only. "white" is text fixed white in the stylesheets.
TEXT_ON = (
    ("body text", "text", "background", 4.5), ("captions, notes", "muted", "background", 4.5),
    ("headings, links, small labels", "primary", "background", 4.5), ("tags, figures", "primary", "wash", 4.5),
    ("figure labels", "muted", "wash", 4.5), ("callouts", "text", "wash", 4.5),
    ("table headers", "white", "primary", 4.5), ("status yes", "white", "yes", 4.5),
    ("status partial", "white", "partial", 4.5), ("status no", "white", "no", 4.5),
    ("wrong answers, off-scope stories", "no", "background", 4.5), ("right answers", "yes", "background", 4.5),
    ("scope marks", "white", "accent", 4.5), ("weights in the book", "accent", "background", 4.5),
    ("cover", "cover-text", "cover", 4.5),
)


def text_contrasts(theme: "Theme"):
    """(where, foreground, background, ratio, needed) for every text colour of the theme, charts included."""
    colour = {**theme.effective, "white": "#ffffff"}
    found = [(where, colour[fg], colour[bg], charts.contrast(colour[fg], colour[bg]), need)
             for where, fg, bg, need in TEXT_ON]
    ink = theme.chart_ink
    for series in theme.palette:
        label = charts.label_colour(series, ink)
        found.append((f"chart label on {series}", label, series, charts.contrast(label, series), 4.5))
    found.append(("chart notes", ink.muted, colour["background"], charts.contrast(ink.muted, colour["background"]), 4.5))
    return found


def blend(top: str, bottom: str, weight: float) -> str:
    """``top`` laid over ``bottom`` at ``weight`` (0..1), as one #rrggbb colour."""
    mixed = (round(int(top[i:i + 2], 16) * weight + int(bottom[i:i + 2], 16) * (1 - weight)) for i in (1, 3, 5))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _stack(family: str, scripts: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in (family, *glyphs.ALWAYS_FALLBACKS, *scripts))


# -- finding themes -------------------------------------------------------------------------------

def shipped() -> list[Path]:
    """The folders of the shipped themes, default first."""
    folders = sorted(p for p in config.THEMES_DIR.iterdir() if (p / THEME_FILE).is_file())
    return sorted(folders, key=lambda p: p.name != config.DEFAULT_THEME)


def locate(spec: str | Path) -> Path:
    """A shipped theme's name, or a folder holding a theme.yaml."""
    text = str(spec)
    if NAME_RE.match(text) and (config.THEMES_DIR / text / THEME_FILE).is_file():
        return (config.THEMES_DIR / text).resolve()
    path = Path(text)
    if path.is_dir():
        return path.resolve()
    if path.name == THEME_FILE and path.is_file():
        return path.parent.resolve()
    names = ", ".join(p.name for p in shipped())
    raise UsageError(f"unknown theme {text!r}: not a shipped theme ({names}) nor a folder")


def load(spec: str | Path) -> Theme:
    """Locate and validate a theme; raises InputError listing every problem, UsageError if not found."""
    return _load_folder(locate(spec))


@lru_cache(maxsize=16)
def _load_folder(folder: Path) -> Theme:
    return parse(folder)


def default() -> Theme:
    return load(config.DEFAULT_THEME)


def fingerprint(spec: str | Path) -> str:
    """sha256 over the theme's theme.yaml and the files it names (the identity of its look)."""
    return load(spec).fingerprint


# -- validation -----------------------------------------------------------------------------------

def parse(folder: Path) -> Theme:
    file = folder / THEME_FILE
    display = str(file)
    # Like the files it names, theme.yaml must be in the folder: a link to another YAML file would have
    # its values echoed in our messages (a CI log).
    if not file.resolve().is_relative_to(folder.resolve()):
        raise InputError([Problem(display, 1, 1, "(file)", "links to a file outside the theme folder",
                                  "copy the file into the theme folder instead of linking to it")])
    data = read_bytes(file, config.MAX_THEME_BYTES, display)
    checker = Checker(display)
    root = parse_text(decode(data, display), display, checker.problems)
    top = checker.mapping(root, "", TOP_KEYS, required=("name", "colours", "fonts")) or {}

    name = checker.text(top.get("name"), "name", 60)
    description = checker.text(top.get("description"), "description", 300, required=False) if "description" in top else ""
    colours = _colours(checker, top.get("colours"))
    chart = tuple(c for c in (_colour(checker, item, f"chart[{i}]")
                              for i, item in enumerate(checker.sequence(top.get("chart"), "chart", MAX_CHART_COLOURS)))
                  if c)
    files: list[FontFile] = []
    used: list[Path] = []
    fonts = checker.mapping(top.get("fonts"), "fonts", FONT_KEYS, required=("heading", "body")) or {}
    for index, item in enumerate(checker.sequence(fonts.get("files"), "fonts.files", config.MAX_THEME_FONT_FILES)):
        font = _font_file(checker, folder, item, f"fonts.files[{index}]")
        if font:
            files.append(font)
            used.append(font.path)
    declared = {f.family for f in files}
    families = {}
    for role in ("heading", "body", "mono"):
        if role in fonts:
            families[role] = _family(checker, fonts[role], f"fonts.{role}", declared)
    logo = None
    if "logo" in top:
        logo = _inside(checker, folder, top["logo"], "logo", LOGO_TYPES, config.MAX_LOGO_BYTES)
        if logo and not _logo_ok(checker, top["logo"], logo):
            logo = None
        if logo:
            used.append(logo)
    footer = checker.text(top.get("footer"), "footer", MAX_FOOTER_CHARS, required=False) if "footer" in top else ""
    paper = "A4"
    if "paper" in top:
        word = checker.choice(top["paper"], "paper", tuple(PAPERS))
        paper = PAPERS.get(word or "", paper)
    checker.raise_if_any()

    digest = hashlib.sha256()
    digest.update(data)
    for path in sorted(set(used)):
        digest.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return Theme(name=name or "", description=description or "", folder=folder, colours=colours,
                 chart_colours=chart, heading_font=families.get("heading") or BUNDLED_FAMILIES[1],
                 body_font=families.get("body") or BUNDLED_FAMILIES[0],
                 mono_font=families.get("mono") or BUNDLED_FAMILIES[2], font_files=tuple(files), logo=logo,
                 footer=footer or "", paper=paper, fingerprint=digest.hexdigest())


def _colours(checker: Checker, node: Node | None) -> tuple[tuple[str, str], ...]:
    known = REQUIRED_COLOURS + OPTIONAL_COLOURS
    found = checker.mapping(node, "colours", known, required=REQUIRED_COLOURS) or {}
    result = []
    for role in known:
        if role in found:
            value = _colour(checker, found[role], f"colours.{role}")
            if value:
                result.append((role, value))
    given = dict(result)
    if "primary" in given:
        result.extend((role, value) for role, value in (("cover", given["primary"]), ("cover_text", "#ffffff"))
                      if role not in given)
    return tuple(result)


def _colour(checker: Checker, node: Node, field: str) -> str | None:
    if node.kind == "scalar" and not node.text and not node.quoted:
        # `primary: #1f4e79` unquoted: YAML reads everything from # as a comment.
        checker.problem(node, field, "empty (in YAML a # starts a comment)", 'write the colour in quotes: "#1f4e79"')
        return None
    value = checker.text(node, field, 20)
    if value is None:
        return None
    if not COLOUR_RE.match(value.strip()):
        checker.problem(node, field, f"'{value}' is not a colour", 'write it as "#RRGGBB", e.g. "#1f4e79"')
        return None
    return value.strip().lower()


def _family(checker: Checker, node: Node, field: str, declared: set[str]) -> str | None:
    value = checker.text(node, field, 64)
    if value is None:
        return None
    value = value.strip()
    if not FAMILY_RE.match(value):
        checker.problem(node, field, f"'{value}' is not a font family name",
                        "letters, digits, spaces and hyphens only")
        return None
    if value not in BUNDLED_FAMILIES and value not in declared:
        checker.problem(node, field, f"font family '{value}' is neither bundled nor given by fonts.files",
                        f"bundled: {', '.join(BUNDLED_FAMILIES)}")
        return None
    return value


def _font_file(checker: Checker, folder: Path, node: Node, field: str) -> FontFile | None:
    entry = checker.mapping(node, field, FILE_KEYS, required=("family", "file"))
    if entry is None:
        return None
    family = checker.text(entry.get("family"), f"{field}.family", 64)
    if family is not None:
        family = family.strip()
        if not FAMILY_RE.match(family):
            checker.problem(entry["family"], f"{field}.family", f"'{family}' is not a font family name",
                            "letters, digits, spaces and hyphens only")
            family = None
        elif family in BUNDLED_FAMILIES + FALLBACK_FAMILIES:
            checker.problem(entry["family"], f"{field}.family", f"'{family}' is a bundled family",
                            "give the theme's font its own family name")
            family = None
    weight = 400
    if "weight" in entry:
        weight = checker.integer(entry["weight"], f"{field}.weight", 100, 900)
        if weight is not None and weight % 100:
            checker.problem(entry["weight"], f"{field}.weight", f"{weight} is not a multiple of 100")
            weight = None
    style = checker.choice(entry["style"], f"{field}.style", ("normal", "italic")) if "style" in entry else "normal"
    path = _inside(checker, folder, entry.get("file"), f"{field}.file", tuple(FONT_FORMATS),
                   config.MAX_THEME_FONT_BYTES)
    if path is not None:
        with path.open("rb") as handle:
            if handle.read(4) not in FONT_MAGIC:
                checker.problem(entry["file"], f"{field}.file", "not a font file (woff2, woff, ttf or otf)")
                path = None
    if family is None or path is None or weight is None or style is None:
        return None
    return FontFile(family=family, path=path, weight=weight, style=style)


def _inside(checker: Checker, folder: Path, node: Node | None, field: str, suffixes: tuple[str, ...],
            max_bytes: int) -> Path | None:
    """A file named relative to the theme folder that really lies inside it (symlinks followed)."""
    value = checker.text(node, field, 300)
    if value is None or node is None:
        return None
    value = value.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith("//"):
        checker.problem(node, field, f"'{value}' is a URL", "name a file inside the theme folder")
        return None
    relative = PurePosixPath(value)
    if relative.is_absolute() or "\\" in value or ".." in relative.parts:
        checker.problem(node, field, f"'{value}' is outside the theme folder", "name a file inside the theme folder")
        return None
    if relative.suffix.lower() not in suffixes:
        checker.problem(node, field, f"'{value}' is not one of {', '.join(suffixes)}")
        return None
    candidate = folder / relative
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        checker.problem(node, field, f"'{value}' does not exist in the theme folder")
        return None
    if not resolved.is_relative_to(folder):
        checker.problem(node, field, f"'{value}' leads outside the theme folder (a symlink)",
                        "copy the file into the theme folder")
        return None
    if not resolved.is_file():
        checker.problem(node, field, f"'{value}' is not a regular file")
        return None
    size = resolved.stat().st_size
    if size > max_bytes:
        checker.problem(node, field, f"'{value}' is {size:,} bytes; the limit is {max_bytes:,}")
        return None
    return resolved


def _logo_ok(checker: Checker, node: Node, path: Path) -> bool:
    data = path.read_bytes()
    limit = config.MAX_LOGO_PIXELS
    if path.suffix.lower() == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
            checker.problem(node, "logo", "not a PNG image")
            return False
        width, height = struct.unpack(">II", data[16:24])
        if not (0 < width <= limit and 0 < height <= limit):
            checker.problem(node, "logo", f"{width}×{height} pixels; the limit is {limit}×{limit}")
            return False
        return True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        checker.problem(node, "logo", "not UTF-8 SVG text")
        return False
    if "<svg" not in text:
        checker.problem(node, "logo", "not an SVG image")
        return False
    refused = _SVG_REFUSED.search(text)
    if refused:
        checker.problem(node, "logo", f"the SVG refers to something outside itself ({refused.group(0).strip()!r})",
                        "logos must be self-contained: no links, images, scripts, styles or entities")
        return False
    return True
