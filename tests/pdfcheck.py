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
    # pdftotext joins a word hyphenated at a line end ("non-\ntechnical" → "nontechnical"): drop hyphens too.
    return re.sub(r"[\s\-]+", "", value.replace("\u00ad", "").replace("\u200b", ""))


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
