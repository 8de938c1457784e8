"""What a produced PDF may not carry: attachments, scripts, launch or form actions, a planted secret."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

FORBIDDEN_KEYS = {"/EmbeddedFiles", "/EmbeddedFile", "/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA",
                  "/RichMedia", "/XFA", "/AcroForm"}
FORBIDDEN_NAMES = {"/FileAttachment", "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
                   "/RichMedia", "/Movie", "/Sound", "/EmbeddedFile"}
SAFE_URI_SCHEMES = ("http:", "https:", "mailto:")


def qpdf_check(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"qpdf --check {path.name}: {result.stdout[-400:]} {result.stderr[-400:]}"


def _objects(reader: PdfReader):
    size = int(reader.trailer.get("/Size", 0))
    for number in range(1, size):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry of the cross-reference table
            continue
        if obj is not None:
            yield number, obj


def problems(path: Path, secret_token: str) -> list[str]:
    """Everything wrong with one PDF, as readable lines (empty when it is clean)."""
    found: list[str] = []
    reader = PdfReader(str(path))
    token = secret_token.encode()

    def visit(where: str, value) -> None:
        if isinstance(value, IndirectObject):
            return  # visited on its own
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                if key in FORBIDDEN_KEYS:
                    found.append(f"{where}: key {key}")
                if key == "/URI" and not str(item).lower().startswith(SAFE_URI_SCHEMES):
                    found.append(f"{where}: link to {item}")
                visit(where, item)
        elif isinstance(value, ArrayObject):
            for item in value:
                visit(where, item)
        elif isinstance(value, NameObject) and value in FORBIDDEN_NAMES:
            found.append(f"{where}: name {value}")
        elif isinstance(value, (str, bytes)) and secret_token in str(value):
            found.append(f"{where}: the secret in a string")

    for number, obj in _objects(reader):
        visit(f"object {number}", obj)
    if token in _uncompressed(path):
        found.append("the secret in the uncompressed file")
    return found


def _uncompressed(path: Path) -> bytes:
    """Every object and stream of the PDF, decompressed by qpdf (fast, and it reads object streams too)."""
    result = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", str(path), "-"],
                            capture_output=True)
    assert result.returncode in (0, 3), result.stderr[-400:]
    return result.stdout


def assert_safe(path: Path, secret_token: str) -> None:
    qpdf_check(path)
    assert problems(path, secret_token) == [], path
