"""Reading back the PDFs we write: text (poppler's pdftotext), pages, outlines and metadata (pypdf)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MOJIBAKE = ("ðŸ", "âœ", "â€", "Ã")


def text(path: Path, layout: bool = False, raw: bool = False) -> str:
    """raw: in the order the PDF draws it (a block beside another is not interleaved with it line by line)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + (["-raw"] if raw else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def page_texts(path: Path) -> list[str]:
    return text(path).split("\f")[:-1]


def squash(value: str) -> str:
    """Whitespace-insensitive form for 'is this sentence in the PDF' checks (lines wrap anywhere)."""
    # pdftotext joins a word hyphenated at a line end ("non-\ntechnical" → "nontechnical"): drop hyphens too,
    # and en dashes, which the playbook page writes as hyphens (10-25 prints as 10–25).
    return re.sub(r"[\s\-\u2013]+", "", value.replace("\u00ad", "").replace("\u200b", ""))


@dataclass(frozen=True)
class Outline:
    title: str
    page: int  # 1-based
    depth: int


def outlines(path: Path) -> list[Outline]:
    reader = PdfReader(str(path))
    found: list[Outline] = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append(Outline(entry.title, reader.get_destination_page_number(entry) + 1, depth))

    walk(reader.outline, 1)
    return found


def page_sizes_pt(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(str(path))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def metadata(path: Path) -> dict:
    reader = PdfReader(str(path))
    info = reader.metadata or {}
    root = reader.trailer["/Root"]
    return {"title": info.get("/Title"), "author": info.get("/Author"), "lang": root.get("/Lang"),
            "tagged": "/StructTreeRoot" in root}


def font_sizes(path: Path) -> dict[float, int]:
    """Printed text size in points (font size × text and graphics scaling) → characters set at that size."""
    import math

    reader = PdfReader(str(path))
    sizes: dict[float, int] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            key = round(size * scale, 2)
            sizes[key] = sizes.get(key, 0) + len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def fonts(path: Path) -> list[str]:
    """The embedded fonts as poppler's pdffonts lists them, without the subset tag (ABCDEF+)."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True).stdout.decode("utf-8")
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return [name.split("+", 1)[-1] for name in names]


def family_of(font_name: str) -> str:
    """"Source-Serif-4,-Bold" → "Source Serif 4 Bold": a PDF font name read as words."""
    return font_name.replace("-", " ").replace(",", "").strip()


def glyphs_by_font(path: Path) -> dict[str, dict[str, int]]:
    """For each embedded font (subset tag removed): character → glyph id, from its ToUnicode map."""
    reader = PdfReader(str(path))
    found: dict[str, dict[str, int]] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
            cmap = font.get("/ToUnicode")
            if cmap is None:
                continue
            data = cmap.get_object().get_data().decode("latin-1")
            chars = found.setdefault(name, {})
            for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
                for gid, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    chars[bytes.fromhex(uni).decode("utf-16-be")] = int(gid, 16)
            for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
                for low, high, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    start = ord(bytes.fromhex(uni).decode("utf-16-be"))
                    for offset, gid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                        chars[chr(start + offset)] = gid
    return found


# ---------------------------------------------------------------------------------------------
# The page check: what a reader sees, on every page of every document the tests render.

PAPER_PT = {"a4": (595.28, 841.89), "letter": (612.0, 792.0), "slide": (720.0, 405.0)}
# Of the page between its top and bottom bands (running heads, footers), how far down the ink reaches.
# 40 %: a story card with its scope table is kept whole, and may leave the rest of a page to the next one.
MIN_FILL = {"prep-plan": 0.4, "playbook": 0.5, "comparison": 0.9, "slides": 0.0, "slides-notes": 0.0,
            "roster": 0.5}  # a roster page but the last is rows to its foot: only a lone header would fail
ONE_PAGERS = {"comparison"}  # its only page is held to the fill as well
# A last page holds more than a few lines: a plan's closing sections go over together, not a sentence's end.
MIN_LAST_FILL = {"prep-plan": 0.15}
BAND = 0.08  # top and bottom bands left out of the fill: running header, page numbers, logo
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
# Markdown that should have become formatting: emphasis markers around a word, strikethrough, link
# syntax, table rows, and a list item printed as a line that starts with its marker after a line ending ':'.
MARKDOWN = re.compile(r"\*\*\S|\S\*\*|~~|\[[^\]\n]+\]\([^)\s]+\)|\|\s*:?-{3,}|^\s*\|.*\|\s*$|:\s+[-*+] \w", re.M)
ELLIPSIS = re.compile(r"(\S{1,20})\s?(\.\.\.|…)")
# A hyphen standing for "to" between two figures ("10-25", "$100K - $2M"): a range takes an en dash (10–25).
# A hyphenated word ("12-person", "L6-level") has a letter on one side and is not matched.
HYPHEN_RANGE = re.compile(r"\d[%KMB]?[ \n]?-[ \n]?~?\$?\d")


def _grey_pages(path: Path, dpi: int = 20) -> list[list[bytes]]:
    """Every page as rows of 8-bit grey pixels (pdftoppm's PGM)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(path), f"{folder}/p"], check=True)
        pages = []
        for file in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            data = file.read_bytes()
            magic, width, height, maxval, pixels = data.split(maxsplit=4)
            assert magic == b"P5" and maxval == b"255"
            width, height = int(width), int(height)
            pages.append([pixels[row * width:(row + 1) * width] for row in range(height)])
        return pages


def fill(path: Path) -> list[float]:
    """Per page: how far down the ink reaches in the page between its bands, 0..1 (1: to the bottom band).

    Ink is anything that differs from the page's own background (its commonest grey), so a coloured
    cover or a theme's tinted page counts like white paper.
    """
    from collections import Counter

    found = []
    for rows in _grey_pages(path):
        background = Counter(b"".join(rows)).most_common(1)[0][0]
        if background < 200:  # a full-bleed page (a coloured cover): all of it is used
            found.append(1.0)
            continue
        top, bottom = int(len(rows) * BAND), int(len(rows) * (1 - BAND))
        inked = [i for i in range(top, bottom) if any(abs(p - background) > 48 for p in rows[i])]
        found.append(0.0 if not inked else (inked[-1] - top + 1) / (bottom - top))
    return found


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Page sizes and every word with its box, from pdftotext -bbox."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True).stdout.decode()
    pages, found = [], []
    for number, page in enumerate(re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)):
        pages.append((float(page[0]), float(page[1])))
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page[2]):
            found.append(Word(number, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return pages, found


def page_problems(path: Path, kind: str, paper: str, source: str = "") -> list[str]:
    """Everything a reader would see wrong on the pages of one document, one line per problem.

    kind: the file's stem (prep-plan, comparison, playbook, slides, slides-notes); paper: a4, letter or
    slide; source: every text the document was made from (content pack and input), for the ellipses.
    """
    problems = []
    want = PAPER_PT[paper]
    for number, (width, height) in enumerate(page_sizes_pt(path), 1):
        if abs(width - want[0]) > 0.5 or abs(height - want[1]) > 0.5:
            problems.append(f"page {number}: {width:.1f} × {height:.1f} pt, not {paper} ({want[0]} × {want[1]})")
    fills = fill(path)
    least = MIN_FILL[kind]
    for number, used in enumerate(fills if kind in ONE_PAGERS else fills[:-1], 1):
        if used < least:
            problems.append(f"page {number}: {used:.0%} used, below the {least:.0%} a page but the last must fill")
    if kind in MIN_LAST_FILL and len(fills) > 1 and fills[-1] < MIN_LAST_FILL[kind]:
        problems.append(f"last page {len(fills)}: {fills[-1]:.0%} used, a few lines below the "
                        f"{MIN_LAST_FILL[kind]:.0%} a last page must hold")
    sizes, placed = words(path)
    for word in placed:
        width, height = sizes[word.page]
        if word.x0 < 1 or word.y0 < 1 or word.x1 > width - 1 or word.y1 > height - 1:
            problems.append(f"page {word.page + 1}: '{word.text}' drawn outside the page")
    for number, page in enumerate(page_texts(path), 1):
        for match in ENTITY.finditer(page):
            problems.append(f"page {number}: entity {match.group()!r} in the text")
        for match in MARKDOWN.finditer(page):
            problems.append(f"page {number}: Markdown syntax {match.group().strip()!r} in the text")
        for match in HYPHEN_RANGE.finditer(page):
            problems.append(f"page {number}: hyphen in the range {match.group()!r}; a range takes an en dash")
        flat_source = squash(source)
        for match in ELLIPSIS.finditer(page):
            if squash(match.group(1) + match.group(2)) not in flat_source:
                problems.append(f"page {number}: '{match.group()}' shortens a text the source has whole")
    return problems


# ---------------------------------------------------------------------------------------------
# The running header: the chapter a page is in.
TOP_BAND_PT = 45.0  # the page margin boxes sit above this (the documents' top margins are 20 mm, 56.7 pt)


def _key(text: str) -> str:
    """Letters and digits only: emoji, spacing and line breaks differ between a bookmark and the text layer."""
    return re.sub(r"[\W_]+", "", text).lower()


def header_problems(path: Path) -> tuple[list[str], int]:
    """One line per page whose top-right header does not name the chapter that page's first body text is in.

    The chapters are the PDF's first-level bookmarks. The chapter running at a page's top is the one whose
    heading is the page's first line of body text, else the last one begun on an earlier page. Also returns
    how many pages begin inside one chapter and start another: the pages a header can get wrong.
    """
    chapters = [(o.title, o.page) for o in outlines(path) if o.depth == 1]
    sizes, placed = words(path)
    problems, mid_page = [], 0
    for index, (width, _) in enumerate(sizes):
        number = index + 1
        on_page = [w for w in placed if w.page == index]
        header = " ".join(w.text for w in sorted(on_page, key=lambda w: w.x0)
                          if w.y1 < TOP_BAND_PT and w.x0 > width / 2)
        body = sorted((w for w in on_page if w.y0 >= TOP_BAND_PT), key=lambda w: (round(w.y0), w.x0))
        begun = [title for title, page in chapters if page < number]
        if not body or (not begun and not any(page == number for _, page in chapters)):
            continue  # the cover: no chapter yet, no header
        first_line = " ".join(w.text for w in body if abs(w.y0 - body[0].y0) < 2)
        starting = [title for title, page in chapters if page == number]
        at_top = bool(starting) and bool(_key(first_line)) and _key(starting[0]).startswith(_key(first_line)[:12])
        mid_page += bool(starting) and bool(begun) and not at_top
        expected = starting[0] if at_top else (begun[-1] if begun else "")
        if _key(header) != _key(expected):
            problems.append(f"page {number}: header {header!r}, but the page begins in {expected!r} "
                            f"(first line {first_line[:40]!r})")
    return problems, mid_page


@dataclass(frozen=True)
class Tag:
    """One element of a PDF's tag tree (its structure tree), as assistive technology reads it."""

    role: str  # "H1", "Figure", "TH", … without the slash
    depth: int
    alt: str | None
    scope: str | None  # a TH's /Scope: "Column" or "Row"


def tags(path: Path) -> list[Tag]:
    """The tag tree in reading order (depth first), from the catalog's StructTreeRoot."""
    reader = PdfReader(str(path))
    found: list[Tag] = []

    def walk(node, depth):
        node = node.get_object()
        if isinstance(node, dict) and "/S" in node:
            attributes = node.get("/A")
            attributes = attributes.get_object() if attributes is not None else {}
            scope = attributes.get("/Scope") if isinstance(attributes, dict) else None
            found.append(Tag(str(node["/S"])[1:], depth, str(node["/Alt"]) if "/Alt" in node else None,
                             str(scope)[1:] if scope is not None else None))
        kids = node.get("/K") if isinstance(node, dict) else None
        if kids is None:
            return
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in (kids if isinstance(kids, list) else [kids]):
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], 0)
    return found


def struct_text(path: Path) -> list[str]:
    """The text of each tagged content item in reading order, as poppler's `pdfinfo -struct-text` gives it."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True).stdout
    return [m.group(1) for m in re.finditer(r'^\s*"(.*)"$', out.decode("utf-8"), re.MULTILINE) if m.group(1).strip()]


def xmp(path: Path) -> bytes | None:
    """The catalog's XMP metadata packet."""
    root = PdfReader(str(path)).trailer["/Root"]
    return root["/Metadata"].get_object().get_data() if "/Metadata" in root else None
