"""The renderer may fetch only packaged assets and data: URLs, and every warning fails the document."""

import pytest

from reporter import config, pdf
from reporter.errors import RenderError
from reporter.pdf import Renderer

BASE = [config.STYLES_DIR / "base.css"]
PNG_1PX = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


def test_plain_document_renders(renderer):
    rendered = renderer.render(f"<html lang='en'><title>t</title><p>hello</p><img alt='dot' src='{PNG_1PX}'>",
                               BASE, "ok")
    assert rendered.page_count == 1
    assert rendered.pdf_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("html", [
    "<img src='file:///etc/passwd'>",
    "<img src='../../etc/passwd'>",
    "<link rel='stylesheet' href='file:///etc/hostname'>",
    "<img src='http://127.0.0.1:9/x.png'>",
    "<div style='background: url(file:///etc/passwd)'>x</div>",
])
def test_fetches_outside_the_package_fail_the_document(renderer, html):
    with pytest.raises(RenderError) as caught:
        renderer.render(html, BASE, "doc.pdf")
    assert "blocked fetch" in str(caught.value)
    assert str(caught.value).startswith("doc.pdf: ")


def test_a_renderer_warning_fails_the_document(renderer):
    with pytest.raises(RenderError) as caught:
        renderer.render("<p style='colour: red; not-a-property: 1'>x</p>", BASE, "warn.pdf")
    assert "not-a-property" in str(caught.value) or "colour" in str(caught.value)


def test_accessibility_errors_of_tagged_pdf_fail_the_document(renderer):
    with pytest.raises(RenderError, match="lang"):
        renderer.render("<p>no language</p>", BASE, "untagged").pdf_bytes()


def test_pages_are_reported_before_writing(renderer):
    rendered = renderer.render("<p style='break-after: page'>one</p><p>two</p>", BASE, "two")
    assert rendered.page_count == 2
    width, height = rendered.pages[0].width_pt, rendered.pages[0].height_pt
    assert (round(width), round(height)) == (595, 842)  # A4 is WeasyPrint's default page


# -- what WeasyPrint says: environment notices pass, messages that change the print fail ----------------

FAILURE_CASES = {
    "blocked fetch": ("<img alt='x' src='file:///etc/hostname'>", None),
    ".notdef glyph": ("<p>\U00013000</p>", None),  # an Egyptian hieroglyph: no bundled font has it
    "unknown property": ("<p class='odd'>x</p>", "p.odd { not-a-property: 1 }"),
    "invalid value": ("<p class='odd'>x</p>", "p.odd { color: 12px }"),
    "image not loaded": ("<img alt='x' src='data:image/png;base64,AAAA'>", None),
    "font face not loaded": ("<p class='odd'>x</p>",
                             "@font-face { font-family: Odd; src: url(data:font/ttf;base64,AAAA) } "
                             "p.odd { font-family: Odd }"),
}


def test_every_known_document_failure_has_a_case():
    assert len(FAILURE_CASES) == len(pdf.DOCUMENT_FAILURES)


@pytest.mark.parametrize("case", list(FAILURE_CASES), ids=list(FAILURE_CASES))
def test_a_message_that_changes_the_print_fails_the_document(renderer, tmp_path, case):
    index = list(FAILURE_CASES).index(case)
    what, pattern = pdf.DOCUMENT_FAILURES[index]
    body, css = FAILURE_CASES[case]
    sheets = list(BASE)
    if css is not None:  # a real stylesheet file, as a document's own would be
        sheet = tmp_path / "odd.css"
        sheet.write_text(css, encoding="utf-8")
        sheets.append(sheet)
    with pytest.raises(RenderError) as caught:
        renderer.render(f"<html lang='en'><title>t</title>{body}</html>", sheets, "doc.pdf").pdf_bytes()
    message = str(caught.value)
    assert message.startswith("doc.pdf: ")
    assert pattern.search(message.removeprefix("doc.pdf: ")), (what, message)


def test_the_subsetter_missing_is_a_notice_and_the_document_still_builds(monkeypatch):
    """WeasyPrint checks this module attribute before subsetting; None is what it holds on a machine
    without libharfbuzz-subset0, and it then logs that it uses fontTools instead."""
    import logging

    import weasyprint.pdf.fonts as weasyprint_fonts

    assert hasattr(weasyprint_fonts, "harfbuzz_subset"), "WeasyPrint no longer checks harfbuzz_subset here"
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    heard: list[str] = []

    class Listen(logging.Handler):
        def emit(self, record):
            heard.append(record.getMessage())

    listener = Listen(logging.WARNING)
    logging.getLogger("weasyprint").addHandler(listener)
    try:
        data = Renderer().render("<html lang='en'><title>t</title><p>hello</p></html>", BASE, "ok").pdf_bytes()
    finally:
        logging.getLogger("weasyprint").removeHandler(listener)
    assert any(pdf.is_environment_notice(message) for message in heard), heard  # the premise: it was said
    assert data.startswith(b"%PDF-") and _embedded_fonts(data), "no font embedded"


def test_a_machine_without_the_subsetter_imports_and_renders_under_warnings_as_errors(tmp_path):
    """WeasyPrint raises a DeprecationWarning when it imports its text bindings and cannot load
    libharfbuzz-subset0; with -W error (as our test run uses) that must not stop the import."""
    import subprocess
    import sys

    script = """
import cffi
from reporter import bindings
def refusing(real):
    def dlopen(self, name, *args, **kwargs):
        if name and "harfbuzz-subset" in str(name):
            raise OSError(f"cannot load {name}")
        return real(self, name, *args, **kwargs)
    return dlopen
# WeasyPrint's bindings open their libraries through reporter.bindings (compiled) or cffi (parsed)
bindings.Declarations.dlopen = refusing(bindings.Declarations.dlopen)
cffi.FFI.dlopen = refusing(cffi.FFI.dlopen)
from reporter import config, pdf
import weasyprint.text.ffi
assert weasyprint.text.ffi.harfbuzz_subset is None, "the subsetter was loaded after all"
data = pdf.Renderer().render("<html lang='en'><title>t</title><p>hello</p></html>",
                             [config.STYLES_DIR / "base.css"], "ok").pdf_bytes()
assert data.startswith(b"%PDF-")
print("built", len(data))
"""
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built ")


def test_fonttools_is_imported_only_when_a_font_needs_it(tmp_path):
    """A plain render in a fresh process never imports fontTools' subsetter or instancer (the stand-ins are
    still there after writing the PDF); the instancer's first call imports the real one and runs it."""
    import subprocess
    import sys

    script = """
import sys
from reporter import config, pdf
data = pdf.Renderer().render("<html lang='en'><title>t</title><p>hello</p></html>",
                             [config.STYLES_DIR / "base.css"], "ok").pdf_bytes()
assert data.startswith(b"%PDF-")
for name in pdf.DEFERRED_MODULES:
    assert isinstance(sys.modules[name], pdf._Deferred), name + " was imported"
import weasyprint.pdf.fonts as weasyprint_fonts
try:
    weasyprint_fonts.instantiateVariableFont(None, {})
except Exception as error:
    print("called", type(error).__name__)
assert not isinstance(sys.modules["fontTools.varLib.instancer"], pdf._Deferred), "not imported by its call"
assert weasyprint_fonts.subset.Subsetter.__module__ == "fontTools.subset"
"""
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("called "), done.stdout


def test_every_weasyprint_internal_we_use_is_there():
    missing = pdf.missing_internals()
    assert not missing, (f"WeasyPrint {pdf.WEASYPRINT_VERSION} lacks what reporter/pdf.py relies on: "
                         f"{', '.join(missing)}; see pdf.INTERNALS and the bounds in pyproject.toml")


def _embedded_fonts(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and any(k in descriptor.get_object() for k in
                                                  ("/FontFile", "/FontFile2", "/FontFile3")):
                    found.append(str(font.get("/BaseFont")))
    return found


def test_a_missing_internal_is_named(monkeypatch):
    import types

    # WeasyPrint itself still needs its boxes while laying out: take the name away from our view only.
    present = {name: getattr(pdf.boxes, name) for name in ("TextBox", "ReplacedBox", "ParentBox")}
    monkeypatch.setattr(pdf, "boxes", types.SimpleNamespace(**present))
    assert "weasyprint.formatting_structure.boxes.MarginBox" in pdf.missing_internals()


def test_an_upgrade_without_a_patched_internal_still_imports_and_names_it(tmp_path):
    """The patches of pydyf.zlib and weasyprint.layout.make_all_pages are made only where the names exist."""
    import json
    import subprocess
    import sys

    script = """
import pydyf, weasyprint.layout
del pydyf.zlib, weasyprint.layout.make_all_pages
from reporter import pdf
import json
print(json.dumps(pdf.missing_internals()))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    missing = json.loads(done.stdout.splitlines()[-1])
    assert "pydyf.zlib" in missing and "weasyprint.layout.make_all_pages" in missing, missing


def test_weasyprint_imported_before_reporter_still_renders(tmp_path):
    """Its bindings were then declared by cffi's own FFI: FcConfigCreate is declared afterwards."""
    import subprocess
    import sys

    script = """
import weasyprint
from reporter import config, pdf
data = pdf.Renderer().render("<html lang='en'><title>t</title><p>hello</p>", [config.STYLES_DIR / "base.css"],
                             "early").pdf_bytes()
print(data[:5].decode(), pdf.ffi.__class__.__module__)
"""
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["%PDF-", "cffi.api"]


def test_the_linker_cache_finds_what_find_library_finds(monkeypatch):
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the linker cache is read on Linux only")
    for variable in ("LD_LIBRARY_PATH", "LIBRARY_PATH"):  # where the real lookup could find more
        monkeypatch.delenv(variable, raising=False)
    cache = pdf._LinkerCache(fallback=lambda name: pytest.fail(f"fell back for {name}"))
    for name in ("gobject-2.0", "pango-1.0", "pangoft2-1.0", "fontconfig", "harfbuzz"):
        assert cache.find_library(name) == ctypes.util.find_library(name), name
    # Names WeasyPrint tries for other systems are not in a Linux cache, and need no process to say so.
    for name in ("libgobject-2.0-0", "gobject-2.0-0", "libpango-1.0-0.dll", "no-such-library-anywhere"):
        assert cache.find_library(name) is None, name


def test_only_variables_set_on_root_alone_are_written_in():
    values = pdf.root_variables([
        ":root { --a: #111111; --b: 10pt; --slide: 20pt; --loud: red !important; --chain: var(--a); }",
        ".slide { --slide: 22pt; } @media print { html { --media: 1pt; } }",
        ":root { --a: #222222; --media: 2pt; --empty: ; }",  # a later sheet wins, as in the cascade
    ])
    assert values == {"--a": "#222222", "--b": "10pt"}


def test_a_variable_is_replaced_with_its_value_fallback_and_all():
    text = "p { color: var(--a); margin: var( --b , 3pt) var(--unknown, 1pt); border: var(--slide) }"
    assert pdf.inline_variables(text, {"--a": "#222222", "--b": "10pt"}) == (
        "p { color: #222222; margin: 10pt var(--unknown, 1pt); border: var(--slide) }")


def test_a_theme_colour_reaches_the_page_through_the_written_in_stylesheets():
    renderer = Renderer()
    html = "<html lang='en'><title>t</title><h1>Heading</h1>"

    def heading_colour(rendered):
        (text,) = pdf._content_leaves(rendered._document.pages[0]._page_box)
        return tuple(round(part, 3) for part in text.style["color"][:3])

    assert heading_colour(renderer.render(html, BASE, "plain")) == (0.122, 0.306, 0.475)  # base.css, #1f4e79
    themed = renderer.render(html, BASE, "themed", extra_css=":root { --color-primary: #00ff00; }")
    assert heading_colour(themed) == (0.0, 1.0, 0.0)


def test_a_bad_value_written_in_fails_every_document_that_uses_it():
    renderer = Renderer()
    for name in ("first", "second"):  # the second is not handed a stylesheet parsed quietly once
        with pytest.raises(RenderError) as caught:
            renderer.render("<html lang='en'><title>t</title><h1>x</h1>", BASE, name,
                            extra_css=":root { --color-primary: 12px; }")
        assert "invalid value" in str(caught.value)


# -- the same PDF for less work ----------------------------------------------------------------------

def _contents_document(entry_after: str, extra_css: str = "") -> str:
    """A contents list sharing its page with the first section it lists; two more sections, a page each."""
    sections = "".join(f"<h2 id='s{n}' style='break-before: {'page' if n > 1 else 'auto'}'>Section {n}</h2>"
                       f"<p>text {n}</p>" for n in (1, 2, 3))
    entries = "".join(f"<li><a href='#s{n}'>Section {n}</a></li>" for n in (1, 2, 3))
    style = (f"<style>.contents a::after {{ content: {entry_after}; float: right }}{extra_css}"
             "@page { @bottom-right { content: counter(page) ' of ' counter(pages) } }</style>")
    return f"<html lang='en'><title>t</title>{style}<ul class='contents'>{entries}</ul>{sections}</html>"


def _section_lines(data: bytes, tmp_path) -> list[list[str]]:
    """Per page, the lines that start with "Section", whitespace and list bullets squeezed out."""
    from tests import pdfcheck

    path = tmp_path / "contents.pdf"
    path.write_bytes(data)
    pages = pdfcheck.text(path, layout=True).split("\f")
    squeezed = ([" ".join(line.replace("\N{BULLET}", " ").split()) for line in page.splitlines()] for page in pages)
    return [[line for line in page if line.startswith("Section")] for page in squeezed]


def test_a_contents_page_is_laid_out_twice_and_shows_its_targets_pages(renderer, monkeypatch, tmp_path):
    import weasyprint.layout.page as weasyprint_pages

    made: list[int] = []
    make_page = weasyprint_pages.make_page

    def counted(context, root_box, page_type, resume_at, page_number, page_state):
        made.append(page_number)
        return make_page(context, root_box, page_type, resume_at, page_number, page_state)

    monkeypatch.setattr(weasyprint_pages, "make_page", counted)
    rendered = renderer.render(_contents_document("target-counter(attr(href), page)"), BASE, "contents")
    assert made.count(1) == 2, f"pages made, in order: {made}"  # once with no numbers, once with them
    assert made.count(2) == made.count(3) == 1
    first_page = _section_lines(rendered.pdf_bytes(), tmp_path)[0]
    assert first_page[:3] == ["Section 1 1", "Section 2 2", "Section 3 3"]


def test_content_that_shows_the_page_count_still_gets_it(renderer, tmp_path):
    html = _contents_document("target-counter(attr(href), page)",
                              extra_css="h2::after { content: ' (' counter(page) ' of ' counter(pages) ')' }")
    pages = _section_lines(renderer.render(html, BASE, "count").pdf_bytes(), tmp_path)
    headings = [line for page in pages for line in page if "(" in line]
    assert headings == ["Section 1 (1 of 3)", "Section 2 (2 of 3)", "Section 3 (3 of 3)"]


def test_streams_are_compressed_at_zlibs_default_level(renderer):
    import re
    import zlib

    data = renderer.render("<html lang='en'><title>t</title><p>hello</p></html>", BASE, "z").pdf_bytes()
    streams = re.findall(rb"/FlateDecode[^>]*>>\s*stream\n(.*?)\nendstream", data, re.S)
    assert streams
    for body in streams:
        assert body == zlib.compress(zlib.decompress(body), zlib.Z_DEFAULT_COMPRESSION)
