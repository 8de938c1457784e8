"""Markdown → HTML: the only module that imports ``markdown``.

Candidate text is untrusted: raw HTML is escaped (never passed through), images are dropped
(their alt text stays), and links keep only http, https and mailto targets. The same converter
renders the trusted content pack, so both come out with identical markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Long unbroken runs (hashes, URLs, pasted junk) get break opportunities so they cannot overflow a page.
_LONG_WORD = re.compile(r"(\S{40})(?=\S)")


def _safe_href(href: str) -> bool:
    match = _SCHEME.match(href)
    return bool(match) and match.group(1).lower() in SAFE_SCHEMES


class _Confine(Treeprocessor):
    """Drops images and unsafe links; the renderer must never be asked to fetch what a user wrote."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text:
                element.text = _LONG_WORD.sub("\\1\u200b", element.text)
            if element.tail:
                element.tail = _LONG_WORD.sub("\\1\u200b", element.tail)
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = etree.Element("span", {"class": "dropped-image"})
                    span.text = child.get("alt") or "image"
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
                elif child.tag == "a":
                    href = child.get("href", "")
                    child.attrib = {"href": href} if _safe_href(href) else {}
                    if not child.attrib:
                        child.tag = "span"
                else:
                    # Nothing the Markdown grammar makes needs attributes beyond these.
                    for name in list(child.attrib):
                        if name not in ("href", "start", "align"):
                            del child.attrib[name]


class _Untrusted(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Confine(md), "confine", 0)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_Untrusted(), "sane_lists"], output_format="html")


_MD = _converter()


@lru_cache(maxsize=4096)
def to_html(text: str) -> Markup:
    """Markdown to safe HTML (cached: the pack's texts are converted once per process)."""
    if not text:
        return Markup("")
    html = _MD.reset().convert(text)
    return Markup(html)


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> Markup:
    """Like to_html, without the wrapping paragraph, for one-line fields."""
    html = str(to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
