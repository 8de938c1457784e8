"""The renderer's own defences, for HTML that got past every other layer (a template bug, a theme).

The ConfinedFetcher serves only data: URLs and packaged assets; anything else fails the document with
a RenderError naming the URL, and so does every WeasyPrint warning. The loopback server (conftest)
must see no connection from any of these.
"""

from __future__ import annotations

import pytest

from reporter import config
from reporter.errors import RenderError
from reporter.pdf import Renderer

from .attacks import SECRET_TOKEN

BASE = [config.STYLES_DIR / "base.css"]

FETCHES = {
    "img file": '<img alt="x" src="file://{secret}">',
    "img relative path out of the styles folder": '<img alt="x" src="../../../../../../{secret}">',
    "img loopback": '<img alt="x" src="http://127.0.0.1:{port}/i.png">',
    "link stylesheet": '<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">',
    "link attachment": '<link rel="attachment" href="file://{secret}">',
    "a attachment": '<a rel="attachment" href="file://{secret}">x</a>',
    "object": '<object data="file://{secret}" type="text/plain">x</object>',
    "embed": '<embed src="http://127.0.0.1:{port}/e" type="image/png">',
    "base href": '<base href="http://127.0.0.1:{port}/"><img alt="x" src="i.png">',
    "style @import": "<style>@import url(http://127.0.0.1:{port}/import.css);</style>",
    "style @font-face": ("<style>@font-face { font-family: X; src: url(http://127.0.0.1:{port}/f.woff); }"
                         "p { font-family: X }</style>"),
    "style url()": '<p style="background: url(http://127.0.0.1:{port}/bg.png)">x</p>',
    "svg image": ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                  '<image href="file://{secret}" width="10" height="10"/></svg>'),
    "img svg with an external image": ('<img alt="x" src="data:image/svg+xml,'
                                       '%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Cimage href=%22'
                                       'http://127.0.0.1:{port}/x.png%22 width=%2210%22 height=%2210%22/%3E%3C/svg%3E">'),
    "css in a data stylesheet": ('<link rel="stylesheet" href="data:text/css,@import url(http://127.0.0.1:{port}/x.css);">'),
}


# Markup WeasyPrint does not load at all: the document renders, and nothing is fetched or embedded.
IGNORED = {
    "iframe": '<iframe src="http://127.0.0.1:{port}/f"></iframe>',
    "svg use": ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                '<use href="http://127.0.0.1:{port}/s.svg#a"/></svg>'),
    "script": "<script>document.body.innerHTML = 'owned'</script><p>x</p>",
    "meta refresh": '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:{port}/"><p>x</p>',
    "style attribute break-out": '<p style="color: red; } body { display:none">x</p>',
}


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


def page(body: str) -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("html", FETCHES.values(), ids=FETCHES.keys())
def test_a_fetch_outside_the_package_fails_the_document(renderer, html, secret, loopback, tmp_path):
    html = html.replace("{secret}", str(secret).lstrip("/") if "../" in html else str(secret))
    html = html.replace("{port}", str(loopback.port))
    with pytest.raises(RenderError) as caught:
        renderer.render(page(html), BASE, "doc.pdf").pdf_bytes()
    message = str(caught.value)
    assert message.startswith("doc.pdf: ") and SECRET_TOKEN not in message
    assert "blocked fetch of " in message, message


WARNINGS = {
    "unknown property": '<p style="not-a-property: 1">x</p>',
    "unknown font": '<p style="font-family: NoSuchFontAnywhere">x</p>',
}


@pytest.mark.parametrize("html", WARNINGS.values(), ids=WARNINGS.keys())
def test_weasyprint_warnings_fail_the_document(renderer, html):
    try:
        renderer.render(page(html), BASE, "warn.pdf").pdf_bytes()
    except RenderError as error:
        assert str(error).startswith("warn.pdf: ")
    else:
        assert html == WARNINGS["unknown font"], "rendered without a warning"


@pytest.mark.parametrize("html", IGNORED.values(), ids=IGNORED.keys())
def test_markup_weasyprint_ignores_renders_without_reaching_out(renderer, html, loopback, tmp_path):
    from .pdfsafety import assert_safe

    pdf = tmp_path / "ignored.pdf"
    pdf.write_bytes(renderer.render(page(html.replace("{port}", str(loopback.port))), BASE, "doc.pdf").pdf_bytes())
    assert_safe(pdf, SECRET_TOKEN)
