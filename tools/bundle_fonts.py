"""Build the bundled fonts from unpacked Fontsource npm packages (a development-time step, never run at install).

    npm pack @fontsource/inter @fontsource/source-serif-4 @fontsource/jetbrains-mono @fontsource/noto-emoji
    # unpack each fontsource-NAME-VERSION.tgz into a folder fontsource-NAME-VERSION/, then:
    # and the world-script faces from Debian's packages (the Fontsource split of CJK is 100 chunks):
    apt-get download fonts-noto-core fonts-noto-cjk && for f in fonts-noto-*.deb; do dpkg-deb -x "$f" DEBIAN_DIR; done
    python tools/bundle_fonts.py UNPACKED_DIR DEBIAN_DIR

Fontsource splits each face into one file per Unicode subset. WeasyPrint cannot tell apart several files
of one family, weight and style (it mixes their glyphs up in the PDF), so the subsets of each face are
merged here into one font file. Every face is written as TrueType: WeasyPrint decodes woff2 in Python
each time a process loads the fonts (about 0.6 s for the text faces, a second for the emoji face),
while TrueType loads in milliseconds; the PDFs embed subsets either way, so their size is unchanged. Writes reporter/assets/fonts/: the fonts,
each package's OFL licence, fonts.css with one @font-face per face, and coverage.json: per family the code
points its cmap maps, as ranges, so that `validate` can tell which characters print without loading a font, and
the renderer loads a script face only for a document whose text needs it (script-faces.css, one rule per face).

Han: one face, Noto Sans CJK SC (one font of the collection, every glyph of it): it covers Simplified and
Traditional Chinese, Japanese kana and Kanji and Hangul, with mainland glyph shapes where regions differ.
Regional faces (TC, JP, KR) would each add 16 MB for shape differences of a few hundred characters.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont, woff2

TEXT_SUBSETS = ("latin", "latin-ext", "cyrillic", "greek")
# (package, family, [(weight, style)], subsets (None: every numbered chunk), flavour of the written file)
FACES = [
    ("inter", "Inter", [(400, "normal"), (400, "italic"), (700, "normal")], TEXT_SUBSETS, "ttf"),
    ("source-serif-4", "Source Serif 4", [(400, "normal"), (400, "italic"), (700, "normal")], TEXT_SUBSETS, "ttf"),
    ("jetbrains-mono", "JetBrains Mono", [(400, "normal")], ("latin", "latin-ext"), "ttf"),
    ("noto-emoji", "Noto Emoji", [(400, "normal")], None, "ttf"),
    ("noto-sans-symbols-2", "Noto Sans Symbols 2", [(400, "normal")], ("symbols",), "ttf"),
    ("noto-sans-math", "Noto Sans Math", [(400, "normal")], ("latin",), "ttf"),
]
# The symbols and math faces close every font stack (check marks, shapes, arrows, operators): keep only
# those blocks of them, not braille, box drawing, game pieces or mathematical alphabets.
# Spaces and joiners stay too: a run of symbols shaped with this face includes the spaces between them.
KEEP = {"noto-sans-symbols-2": [0x20, 0xA0, *range(0x2000, 0x2010), 0x200B, 0x200C, 0x200D, 0x202F, 0xFE0E, 0xFE0F,
                                *range(0x2190, 0x2300), *range(0x2460, 0x2500), *range(0x25A0, 0x27C0),
                                *range(0x2900, 0x2980), *range(0x2B00, 0x2C00)]}
KEEP["noto-sans-math"] = [0x20, 0xA0, *range(0x2000, 0x2010), 0x202F, *range(0x2100, 0x2400)]


# Debian fonts-noto-core / fonts-noto-cjk: (file under usr/share/fonts, collection index, family, stem).
# Loaded only when a document's text needs them; after the faces above in every stack, so they never change
# how a character that already printed looks. Regular weight only: bold text in these scripts prints regular.
SCRIPT_FACES = [
    ("truetype/noto/NotoSans-Regular.ttf", None, "Noto Sans", "noto-sans"),  # Vietnamese, polytonic Greek, ₹ ₺ …
    *((f"truetype/noto/NotoSans{script}-Regular.ttf", None, f"Noto Sans {script}", f"noto-sans-{script.lower()}")
      for script in ("Hebrew", "Arabic", "Armenian", "Georgian", "Devanagari", "Bengali", "Gurmukhi", "Gujarati",
                     "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Ethiopic")),
    ("opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC", "noto-sans-cjk-sc"),
]


def ranges(codepoints) -> list[list[int]]:
    out: list[list[int]] = []
    for point in sorted(codepoints):
        if out and out[-1][1] == point - 1:
            out[-1][1] = point
        else:
            out.append([point, point])
    return out


def merged_face(files: list[Path], work: Path) -> TTFont:
    plain = []
    for index, source in enumerate(files):
        out = work / f"{index}.ttf"
        with source.open("rb") as handle, out.open("wb") as target:
            woff2.decompress(handle, target)
        plain.append(str(out))
    if len(plain) == 1:
        return TTFont(plain[0])
    font = Merger().merge(plain)
    font["head"].created = font["head"].modified = TTFont(plain[0])["head"].created  # not the time of merging
    return font


def main(unpacked: Path, debian: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        old.unlink()
    rules: list[str] = []
    for package, family, faces, subsets, flavour in FACES:
        root = next(p for p in unpacked.glob(f"fontsource-{package}-[0-9]*") if p.is_dir()) / "package"
        (target / f"{package}.LICENSE.txt").write_bytes((root / "LICENSE").read_bytes())
        for weight, style in faces:
            files = sorted((root / "files").glob(f"{package}-*-{weight}-{style}.woff2"))
            if subsets is not None:
                files = [f for f in files if f.name.removeprefix(f"{package}-").removesuffix(
                    f"-{weight}-{style}.woff2") in subsets]
                assert len(files) == len(subsets), (package, weight, style, files)
            with tempfile.TemporaryDirectory() as work:
                font = merged_face(files, Path(work))
                if package in KEEP:
                    options = subset.Options()
                    options.layout_features = ["*"]
                    subsetter = subset.Subsetter(options)
                    subsetter.populate(unicodes=KEEP[package])
                    subsetter.subset(font)
                name = f"{package}-{weight}-{style}.{flavour}"
                font.flavor = "woff2" if flavour == "woff2" else None
                font.recalcTimestamp = False  # the same packages give the same bytes
                buffer = io.BytesIO()
                font.save(buffer)
                (target / name).write_bytes(buffer.getvalue())
            fmt = "woff2" if flavour == "woff2" else "truetype"
            rules.append(f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight};\n'
                         f'             src: url({name}) format("{fmt}"); }}')
    coverage = {}
    for family, name in [(r.split('"')[1], r.split("url(")[1].split(")")[0]) for r in rules]:
        coverage.setdefault(family, set()).update(TTFont(target / name).getBestCmap())
    script_rules: list[str] = []
    for relative, index, family, stem in SCRIPT_FACES:
        source = debian / "usr" / "share" / "fonts" / relative
        font = TTFont(source, fontNumber=index if index is not None else -1)
        font.recalcTimestamp = False
        name = f"{stem}-400-normal.{'otf' if 'CFF ' in font else 'ttf'}"
        font.save(target / name)
        notice = font["name"].getDebugName(0) or "Copyright Google LLC"
        licence = (target / "noto-emoji.LICENSE.txt").read_text()
        (target / f"{stem}.LICENSE.txt").write_text(notice + "\n" + licence.split("\n", 1)[1])
        coverage[family] = set(font.getBestCmap())
        fmt = "opentype" if name.endswith(".otf") else "truetype"
        script_rules.append(f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: 400;\n'
                            f'             src: url({name}) format("{fmt}"); }}')
    (target / "script-faces.css").write_text(
        "/* Generated by tools/bundle_fonts.py from Debian's fonts-noto-core and fonts-noto-cjk: one rule per\n"
        "   face, each added to a document only when its text needs the face. */\n" + "\n".join(script_rules) + "\n")
    (target / "coverage.json").write_text(json.dumps(
        {family: ranges(points) for family, points in coverage.items()}, separators=(",", ":")) + "\n")
    header = ("/* Generated by tools/bundle_fonts.py from the Fontsource packages: the only fonts documents use.\n"
              "   Licences: *.LICENSE.txt beside this file (SIL Open Font License 1.1). */\n")
    (target / "fonts.css").write_text(header + "\n".join(rules) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(__file__).resolve().parent.parent / "reporter" / "assets" / "fonts")
