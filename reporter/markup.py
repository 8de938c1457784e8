"""Markdown → HTML: the only module that imports ``markdown``.

Candidate text is untrusted: raw HTML is escaped (never passed through), images are dropped
(their alt text stays), and links keep only http, https and mailto targets. The same converter
renders the trusted content pack, so both come out with identical markup.

What people write is what prints: a list or a table right after a line of text (no blank line
between, as most editors allow), tables, fenced code, ``~~strikethrough~~``, autolinks and e-mail
addresses. On paper a link cannot be followed, so a link whose text is not its address is printed
with the address after it.

Untrusted text must also not be able to make the converter (or WeasyPrint after it) work without
bound. Python-Markdown scans ahead from every ``[`` for its closing bracket and link target, which
is quadratic in a run of brackets, and it recurses once per level of nested lists or quotes. So link
scans look at most a few hundred characters ahead, and a text with more than ``MAX_LINK_BRACKETS``
brackets, more than ``MAX_LINES`` lines (block parsing re-splits the rest of the text for every block)
or nested deeper than ``MAX_NESTING`` levels is shown as typed, as plain paragraphs. The loader's own
limits keep a candidate's fields below these; they guard every caller, the content pack included.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Long unbroken runs (hashes, URLs, pasted junk) get break opportunities so they cannot overflow a page.
_LONG_WORD = re.compile(r"(\S{40})(?=\S)")

MAX_LINK_BRACKETS = 64      # more '[' than this in one text: shown as typed, no links
MAX_NESTING = 8             # lists and quotes nested deeper than this: shown as typed
MAX_LINES = 1_000           # more lines than this: shown as typed (block parsing is quadratic in lines)
MAX_DEPTH = 32              # elements nested deeper than this (e.g. ****…): shown as typed
MAX_LINK_TEXT = 500         # a link's [text] is looked for this far ahead, no further
MAX_LINK_TARGET = 2_000     # and its (target) this far
# One level of nesting on a line: a quote marker, a list marker, or four columns of indentation.
_CONTAINER = re.compile(r"[ ]{0,3}(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))[ \t]*")
_INDENT = re.compile(r"[ \t]*")


# Python-Markdown stashes entities and escapes as \x02…\x03 placeholders until it serializes; a break
# inserted inside one would leave the control characters in the output (and WeasyPrint fails on them).
_PLACEHOLDER = re.compile("(\x02[^\x03]*\x03)")


def _break_long_words(text: str) -> str:
    parts = _PLACEHOLDER.split(text)
    parts[::2] = [_LONG_WORD.sub("\\1\u200b", part) for part in parts[::2]]
    return "".join(parts)


def _safe_href(href: str) -> bool:
    match = _SCHEME.match(href)
    return bool(match) and match.group(1).lower() in SAFE_SCHEMES


class _TooDeep(Exception):
    """The converted tree nests deeper than MAX_DEPTH (WeasyPrint lays out nesting by recursion)."""


def _depth(root: etree.Element) -> int:
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


class _Confine(Treeprocessor):
    """Drops images and unsafe links; the renderer must never be asked to fetch what a user wrote."""

    def run(self, root: etree.Element) -> None:
        if _depth(root) > MAX_DEPTH:
            raise _TooDeep
        for element in root.iter():
            if element.text:
                element.text = _break_long_words(element.text)
            if element.tail:
                element.tail = _break_long_words(element.tail)
        links: list[tuple[etree.Element, etree.Element]] = []
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
                        links.append((parent, child))
                else:
                    # Nothing the Markdown grammar makes needs attributes beyond these.
                    for name in list(child.attrib):
                        if name not in ("href", "start", "align"):
                            del child.attrib[name]
        for parent, link in links:  # after the walk: inserting while walking would shift its indexes
            _print_address(parent, list(parent).index(link), link, link.get("href", ""))


def _address(href: str) -> str:
    """What a reader would type: the address without its mailto: scheme."""
    return href[len("mailto:"):] if href.lower().startswith("mailto:") else href


def _print_address(parent: etree.Element, index: int, link: etree.Element, href: str) -> None:
    """After a link whose text differs from its address, the address in brackets (paper has no links)."""
    shown = "".join(link.itertext()).replace("\u200b", "").strip()
    address = _address(href)
    if shown in (address, href) or not address:
        return
    span = etree.Element("span", {"class": "link-address"})
    span.text = _break_long_words(f" ({address})")
    span.tail = link.tail
    link.tail = None
    parent.insert(index + 1, span)


class _Automail(inlinepatterns.InlineProcessor):
    """<name@example.com> as a plain mailto link (Python-Markdown's own hides it in entities)."""

    def handleMatch(self, m, data):
        link = etree.Element("a", {"href": f"mailto:{m.group(1)}"})
        link.text = m.group(1)
        return link, m.start(0), m.end(0)


# A line that starts a list item, or a table row followed by its separator row.
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[-+*]|[0-9]{1,9}[.)])[ \t]+\S")
_TABLE_RULE = re.compile(r"^[ ]{0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


class _BlankBeforeBlocks(Preprocessor):
    """A blank line before a list or a table that follows a line of text, outside fences and lists.

    Python-Markdown starts a list or a table only at the start of a block; people write them right
    under a line of text ("Things to do:" then "- one"), and would see literal hyphens and pipes.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = ""
        in_list = False
        for number, line in enumerate(lines):
            fenced = _FENCE.match(line)
            if fence:
                if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                    fence = ""
                out.append(line)
                continue
            if fenced:
                fence = fenced.group(1)
            previous = out[-1] if out else ""
            is_item = bool(_LIST_ITEM.match(line))
            is_table = ("|" in line and number + 1 < len(lines) and bool(_TABLE_RULE.match(lines[number + 1]))
                        and "|" not in previous)
            if previous.strip() and not previous.startswith((" ", "\t")) and not in_list and (is_item or is_table):
                out.append("")
            if not line.strip():
                pass
            elif is_item:
                in_list = True
            elif not line.startswith((" ", "\t")) and not previous.strip():
                in_list = False
            out.append(line)
        return out


def _bounded(processor: type) -> type:
    """A link processor that looks only a bounded distance ahead for the closing ']' and the target."""

    class Bounded(processor):
        def getText(self, data: str, index: int):
            return super().getText(data[: index + MAX_LINK_TEXT], index)

        def getLink(self, data: str, index: int):
            return super().getLink(data[: index + MAX_LINK_TARGET], index)

    Bounded.__name__ = f"Bounded{processor.__name__}"
    return Bounded


# Python-Markdown's link processors as it registers them: name, class, pattern, priority.
_LINK_PROCESSORS = (
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    ("image_reference", inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 140),
    ("short_reference", inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130),
    ("short_image_ref", inlinepatterns.ShortImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 125),
)


class _Untrusted(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(_BlankBeforeBlocks(md), "blank_before_blocks", 25)
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_Automail(inlinepatterns.AUTOMAIL_RE, md), "automail", 110)
        md.inlinePatterns.register(inlinepatterns.SimpleTagInlineProcessor(r"(~{2})(?!~)(.+?)(?<!~)\1", "del"),
                                   "strikethrough", 65)
        for name, processor, pattern, priority in _LINK_PROCESSORS:
            md.inlinePatterns.register(_bounded(processor)(pattern, md), name, priority)
        md.treeprocessors.register(_Confine(md), "confine", 0)


def _converter() -> markdown.Markdown:
    # The extensions as objects, not names: a name is looked up among the entry points of every installed
    # package (30 ms at each start). Tables mark alignment with the align attribute (the confiner drops every
    # style attribute).
    return markdown.Markdown(extensions=[_Untrusted(), SaneListExtension(), FencedCodeExtension(),
                                         TableExtension(use_align_attribute=True)], output_format="html")


_MD = _converter()


def nesting(text: str) -> int:
    """How deeply any line of ``text`` could nest lists and quotes (an upper bound, in linear time)."""
    deepest = 0
    for line in text.splitlines():
        indent = _INDENT.match(line).group().expandtabs(4)
        depth, position = len(indent) // 4, len(indent)
        while match := _CONTAINER.match(line, position):
            if match.end() == position:
                break
            depth, position = depth + 1, match.end()
        deepest = max(deepest, depth)
    return deepest


def too_complex(text: str) -> str | None:
    """Why ``text`` is shown as typed rather than as Markdown, or None."""
    if text.count("\n") >= MAX_LINES:
        return f"more than {MAX_LINES:,} lines"
    if text.count("[") > MAX_LINK_BRACKETS:
        return f"more than {MAX_LINK_BRACKETS} '[' characters"
    if nesting(text) > MAX_NESTING:
        return f"lists or quotes nested more than {MAX_NESTING} levels deep"
    return None


def _as_typed(text: str) -> str:
    """Plain paragraphs, one line break per line: what the author typed, with nothing interpreted."""
    root = etree.Element("div")
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        paragraph = etree.SubElement(root, "p")
        lines = block.splitlines()
        paragraph.text = _break_long_words(lines[0]) if lines else ""
        for line in lines[1:]:
            br = etree.SubElement(paragraph, "br")
            br.tail = _break_long_words(line)
    return "".join(etree.tostring(p, encoding="unicode", method="html") for p in root)


@lru_cache(maxsize=4096)
def to_html(text: str) -> Markup:
    """Markdown to safe HTML (cached: the pack's texts are converted once per process)."""
    if not text:
        return Markup("")
    if too_complex(text):
        return Markup(_as_typed(text))
    try:
        html = _MD.reset().convert(text)
    except (_TooDeep, RecursionError):  # RecursionError: a construct the bounds did not foresee
        return Markup(_as_typed(text))
    return Markup(html)


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> Markup:
    """Like to_html, without the wrapping paragraph, for one-line fields."""
    html = str(to_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
