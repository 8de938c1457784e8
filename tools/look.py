"""Contact sheets: every page of every PDF under a folder, small and side by side, one image per document.

    python tools/look.py OUT [SHEETS]      (default SHEETS: OUT/look)

A whole document reads in one image: a near-empty page, a page holding one table row, a chart that
overlaps or a slide cut at its edge shows at a glance. Pages are drawn by poppler's pdftoppm; the sheet
is put together with Pillow, which WeasyPrint already depends on.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

RESOLUTION = 30  # dots per inch: an A4 page is about 250 × 350 pixels, enough to see the layout
COLUMNS = 8
GAP = 12
MARGIN = 24
LABEL = 18  # height of the page-number line under each page


def pages_of(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def contact_sheet(pages: list[Path], title: str) -> Image.Image:
    images = [Image.open(page).convert("RGB") for page in pages]
    cell_w = max(image.width for image in images)
    cell_h = max(image.height for image in images) + LABEL
    columns = min(COLUMNS, len(images))
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (2 * MARGIN + columns * cell_w + (columns - 1) * GAP,
                              2 * MARGIN + LABEL + rows * cell_h + (rows - 1) * GAP), "#9aa0a6")
    draw = ImageDraw.Draw(sheet)
    draw.text((MARGIN, MARGIN // 2), f"{title}: {len(images)} page{'' if len(images) == 1 else 's'}", fill="#000000")
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        x = MARGIN + column * (cell_w + GAP)
        y = MARGIN + LABEL + row * (cell_h + GAP)
        sheet.paste(image, (x, y))
        draw.text((x, y + image.height + 3), str(index + 1), fill="#000000")
    return sheet


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    sheets = Path(argv[1]) if len(argv) > 1 else out / "look"
    pdfs = sorted(p for p in out.rglob("*.pdf") if sheets not in p.parents)
    if not pdfs:
        print(f"no PDF under {out}", file=sys.stderr)
        return 1
    sheets.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        name = "-".join(pdf.relative_to(out).with_suffix("").parts)
        with tempfile.TemporaryDirectory() as folder:
            sheet = contact_sheet(pages_of(pdf, Path(folder)), str(pdf.relative_to(out)))
        target = sheets / f"{name}.png"
        partial = target.with_suffix(".png.part")
        sheet.save(partial, format="PNG")
        partial.replace(target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
