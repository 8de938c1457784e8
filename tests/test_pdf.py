"""The renderer may fetch only packaged assets and data: URLs, and every warning fails the document."""

import pytest

from reporter import config
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
