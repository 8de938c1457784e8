"""HTML → PDF: the only module that imports WeasyPrint.

The renderer may read only our own packaged assets (styles, fonts, images under the project's
asset folders) and ``data:`` URLs. Any other fetch — a local file a candidate named, a network
address — fails the document with a clear error instead of being skipped with a log line.

What WeasyPrint says falls in two lists, named below: ENVIRONMENT_NOTICES are about the machine
(the PDF is still what we meant to print) and are let through; everything else it logs is a
message that changes what is printed (DOCUMENT_FAILURES lists the ones we know) and fails the
document.

WeasyPrint numbers every release as a major version, and this module reaches into its internals
where the public API has no way to do what we need. Each use is commented with why and listed in
INTERNALS; ``missing_internals()`` checks them all against the installed version (a test runs it),
so an upgrade that removes one is reported by name instead of as an AttributeError in a render.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import re
import shutil
import sys
import threading
import types
import warnings
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from . import bindings

# Messages about the machine reporter runs on, not about a document: the PDF holds the same text in
# the same fonts, so they never fail a document (nor, as Python warnings, break `pytest -W error`).
ENVIRONMENT_NOTICES: tuple[re.Pattern[str], ...] = (
    # libharfbuzz-subset0 is not installed: WeasyPrint subsets our fonts with fontTools instead (slower,
    # same glyphs). Logged once per font of every document.
    re.compile(r"Using fontTools instead of HarfBuzz-Subset\b"),
    # The same fact, raised as a DeprecationWarning when weasyprint.text.ffi is first imported.
    re.compile(r"HarfBuzz-Subset will be required by future versions of WeasyPrint\b"),
)

# Messages that change what is printed. Each fails its document with a RenderError; so does any other
# message WeasyPrint logs that is not an environment notice. tests/test_pdf.py renders a real case of each.
DOCUMENT_FAILURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a fetch outside the packaged assets (ours, not WeasyPrint's)", re.compile(r"^blocked fetch of ")),
    ("a character no font of the document has: an empty box", re.compile(r"\.notdef glyph rendered")),
    ("a CSS property WeasyPrint does not know: the style is dropped", re.compile(r"unknown property")),
    ("a CSS value WeasyPrint cannot use: the style is dropped", re.compile(r"invalid value")),
    ("an image that did not load: a hole in the page", re.compile(r"^Failed to load image")),
    ("a font face that did not load: text in another face", re.compile(r"^Font-face .* cannot be loaded")),
)


def is_environment_notice(message: str) -> bool:
    return any(notice.match(message) for notice in ENVIRONMENT_NOTICES)


class _LinkerCache:
    """``ctypes.util.find_library`` answered from one reading of the dynamic linker's cache (Linux).

    WeasyPrint opens each system library by trying several names in turn (``libgobject-2.0-0``,
    ``gobject-2.0-0``, ``gobject-2.0``, …, the Windows and macOS ones too), and cffi looks every name
    up with ``find_library``, which on Linux runs ``ldconfig -p``, then ``gcc`` and ``ld`` for each name
    it cannot find: 54 processes and a quarter of a second at every start, most of them for the optional
    HarfBuzz libraries. Here ``ldconfig -p`` runs once and each name is matched against its list as
    ``find_library`` matches it (the first ``lib<name>.<suffix>`` soname). A name the cache lacks is
    passed on to the real lookup only where it could find more (LD_LIBRARY_PATH or LIBRARY_PATH set).
    """

    def __init__(self, fallback):
        self.fallback = fallback
        self._sonames: list[str] | None = None

    def sonames(self) -> list[str]:
        if self._sonames is None:
            import subprocess

            try:
                listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, timeout=30,
                                         env={"LC_ALL": "C", "LANG": "C"}).stdout
            except (OSError, subprocess.SubprocessError):
                listing = b""
            self._sonames = [line.split()[0].decode("utf-8", "replace") for line in listing.splitlines()[1:]
                             if line.strip()]
        return self._sonames

    def find_library(self, name: str) -> str | None:
        pattern = re.compile(rf"lib{re.escape(name)}\.\S+")
        sonames = self.sonames()
        found = next((soname for soname in sonames if pattern.fullmatch(soname)), None)
        if found or (sonames and not os.environ.get("LD_LIBRARY_PATH") and not os.environ.get("LIBRARY_PATH")):
            return found
        return self.fallback(name)


@contextlib.contextmanager
def _libraries_found_quickly():
    """While WeasyPrint opens its libraries: ``find_library`` from one linker cache reading (see _LinkerCache)."""
    import ctypes.util

    if not sys.platform.startswith("linux") or not os.path.exists("/sbin/ldconfig"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _LinkerCache(original).find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


class _Deferred(types.ModuleType):
    """Stands in for a module until it is used: the first attribute asked for imports the real module.

    WeasyPrint imports fontTools' subsetter and variable-font instancer at its top (135 ms, a tenth of a
    cold build) and uses them only to subset a font when HarfBuzz's subsetter is missing, or to make a
    variable font static: neither happens with the bundled fonts. A name imported from the module with
    ``from … import`` (``callables``) is a function that imports the module when it is first called, so a
    theme's variable font is still made static, by the real instancer.
    """

    def __init__(self, name: str, callables: tuple[str, ...] = ()):
        super().__init__(name)
        self._callables = callables

    def _real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)  # the import machinery's questions: answered as a module's would be
        if name in self._callables:
            def call(*args, **kwargs):
                return getattr(self._real(), name)(*args, **kwargs)
            return call
        return getattr(self._real(), name)


# INTERNAL: what WeasyPrint's PDF writer (weasyprint/pdf/fonts.py) imports of fontTools at its top, and the
# names it takes from each with ``from … import``.
DEFERRED_MODULES: dict[str, tuple[str, ...]] = {
    "fontTools.subset": (),
    "fontTools.varLib.instancer": ("instantiateVariableFont",),
}


def _defer_rarely_used_modules() -> None:
    """Before WeasyPrint is imported: each of DEFERRED_MODULES not imported yet becomes a _Deferred stand-in,
    which stays until something uses it."""
    for name, callables in DEFERRED_MODULES.items():
        if name not in sys.modules:
            sys.modules[name] = _Deferred(name, callables)


# INTERNAL: declared with WeasyPrint's bindings when they do not declare it (by function name), as WeasyPrint 70's
# do not; see BundledFontConfiguration.
DECLARED_HERE = {"FcConfigCreate": "FcConfig * FcConfigCreate (void);"}

_defer_rarely_used_modules()
with warnings.catch_warnings(), _libraries_found_quickly(), bindings.compiled_while_importing(DECLARED_HERE):
    for _notice in ENVIRONMENT_NOTICES:
        warnings.filterwarnings("ignore", message=_notice.pattern, category=DeprecationWarning)
    import pydyf  # WeasyPrint's PDF writer: the finisher below adds the metadata stream with it
    import weasyprint
    from weasyprint import CSS, HTML
    # INTERNAL: the layout's box classes, to find text or images drawn outside a page's content area
    # (Rendered.pages_with_overflow); the public API gives pages, not what is on them.
    from weasyprint.formatting_structure import boxes
    # INTERNAL: WeasyPrint's cffi bindings of fontconfig and pangoft2, to give the font map an empty
    # fontconfig set (BundledFontConfiguration); no public option keeps the machine's fonts out.
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration
    # INTERNAL: one pagination pass, and the counters that page-based content last saw, to take the page
    # count as known before a pass (_paginate_with_what_the_last_pass_found).
    import weasyprint.layout
    # Public since WeasyPrint 68: the fetcher class and its response and error types.
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

WEASYPRINT_VERSION = weasyprint.__version__

# Every WeasyPrint internal this module uses, and why; missing_internals() checks each one.
INTERNALS: dict[str, str] = {
    "weasyprint.text.ffi.ffi, .fontconfig, .pangoft2": "give the font map an empty fontconfig set",
    "weasyprint.text.ffi: ffi = cffi.FFI(); ffi.cdef(...) at import":
        "its declarations read back compiled instead of parsed at every start (reporter.bindings)",
    "fontconfig.FcConfigCreate, .FcConfigDestroy, pangoft2.pango_fc_font_map_set_config":
        "make and install that empty set (FcConfigCreate is declared here when WeasyPrint does not)",
    "FontConfiguration.font_map, FontConfiguration._config": "the font map to configure, and the configuration "
                                                             "WeasyPrint adds @font-face files to",
    "Page._page_box": "the laid-out page, for overflow and fit checks",
    "FontConfiguration._folder": "where @font-face files are copied; Renderer.close() removes it",
    "boxes.MarginBox, .TextBox, .ReplacedBox, .ParentBox": "walk a page's content, skipping headers and footers",
    "Box.position_x, .position_y, .margin_width(), .margin_height(), .content_box_x(), .content_box_y(), "
    ".width, .height, .children": "where each box of a page lies",
    "pydyf.zlib": "compress streams at zlib's default level, not pydyf's 9 (_DefaultLevelZlib)",
    "weasyprint.layout.make_all_pages; LayoutContext.page_maker, .target_collector; "
    "TargetCollector.target_lookup_items, .counter_lookup_items; TargetLookupItem.cached_page_counter_values; "
    "CounterLookupItem.missing_counters, .missing_target_counters, .cached_page_counter_values, "
    ".page_maker_index, .parse_again; Box.descendants()":
        "a contents page laid out twice, not three times (_paginate_with_what_the_last_pass_found)",
}


# -- the same PDF for less work ------------------------------------------------------------------------

class _DefaultLevelZlib:
    """zlib as pydyf sees it, compressing at zlib's default level (6) where pydyf asks for 9.

    Measured on a 16-page prep plan: its 47 streams (857 kB) take 62 ms at level 9 and 20 ms at level 6,
    for a PDF 2.6 % larger (150 kB of compressed streams against 154 kB): 2 % of a warm render.
    """

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs):
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)


# What was there before the patches below (None: an upgrade removed it; missing_internals() names it, and
# the patch that needs it is not made).
_PYDYF_ZLIB = getattr(pydyf, "zlib", None)
_make_all_pages = getattr(weasyprint.layout, "make_all_pages", None)

if _PYDYF_ZLIB is zlib:
    pydyf.zlib = _DefaultLevelZlib()
TOTAL_PAGES = "pages"  # the page counter that holds the document's page count


def _paginate_with_what_the_last_pass_found(context, root_box, html, pages):
    """weasyprint.layout.make_all_pages (one pagination pass), after what the last pass found is applied.

    A contents entry shows ``target-counter(attr(href), page)``. WeasyPrint 70 records the targets such an
    entry needs under the unresolved ``attr(href)`` and so never re-parses the entry when a target's page
    becomes known. The numbers came in by accident: the first pass counts the pages as 0, so in the second
    pass the entry's page counters "changed" (0 pages, then 16), it was re-parsed after its page was laid out,
    and a third pass laid that page out again with the numbers (the prep plan's contents page, three times:
    2 % of a warm plan). Before each pass after the first, each entry that reads a target is re-parsed with
    the targets as the last pass placed them, and its page is laid out again only if its text changed; the
    page count goes into what was last seen by content that does not show the count, so the count alone
    no longer forces a pass. Content that shows counter(pages) or target-counter(…, pages) is left to
    WeasyPrint as it was.
    """
    if pages:
        _count_known_where_not_shown(context)
        _reparse_target_counters(context)
    return _make_all_pages(context, root_box, html, pages)


def _shows_count(lookup) -> bool:
    return TOTAL_PAGES in lookup.missing_counters or any(
        TOTAL_PAGES in names for names in lookup.missing_target_counters.values())


def _count_known_where_not_shown(context) -> None:
    total = context.page_maker[0][3][1].get(TOTAL_PAGES)  # page_maker item: (…, page_state, …); [1]: counters
    if not total:
        return
    collector = context.target_collector
    anchors_shown = {anchor for lookup in collector.counter_lookup_items.values()
                     for anchor, names in lookup.missing_target_counters.items() if TOTAL_PAGES in names}
    for lookup in collector.counter_lookup_items.values():
        if not _shows_count(lookup) and TOTAL_PAGES in lookup.cached_page_counter_values:
            lookup.cached_page_counter_values[TOTAL_PAGES] = list(total)
    for anchor, target in collector.target_lookup_items.items():
        if anchor not in anchors_shown and TOTAL_PAGES in target.cached_page_counter_values:
            target.cached_page_counter_values[TOTAL_PAGES] = list(total)


def _reparse_target_counters(context) -> None:
    page_maker = context.page_maker
    for (box, token), lookup in context.target_collector.counter_lookup_items.items():
        index = lookup.page_maker_index
        if (token != "content" or not lookup.missing_target_counters or _shows_count(lookup)
                or index is None or index >= len(page_maker)):
            continue
        before = _box_text(box)
        lookup.parse_again(lookup.cached_page_counter_values)
        if _box_text(box) != before:
            page_maker[index][-1]["content_changed"] = True


def _box_text(box) -> str:
    return "".join(descendant.text for descendant in box.descendants() if isinstance(descendant, boxes.TextBox))


if callable(_make_all_pages):
    weasyprint.layout.make_all_pages = _paginate_with_what_the_last_pass_found

from . import config, glyphs
from .errors import RenderError

ASSET_ROOTS: tuple[Path, ...] = (config.STYLES_DIR, config.TEMPLATES_DIR, config.FONTS_DIR)
MAX_ASSET_BYTES = 8_000_000
# The @font-face rules of the bundled fonts: loaded first into every document.
FONTS_CSS = config.FONTS_DIR / "fonts.css"


class BlockedFetch(FatalURLFetchingError):
    """A URL outside what documents may load."""


class ConfinedFetcher(URLFetcher):
    """Serves data: URLs and files inside the allowed roots; refuses everything else."""

    def __init__(self, roots: Iterable[Path]):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.blocked: list[str] = []

    def fetch(self, url: str, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                # The cap is for what a theme brings; the bundled Han face alone is 16 MB.
                if path.stat().st_size > MAX_ASSET_BYTES and not path.is_relative_to(config.FONTS_DIR.resolve()):
                    self._refuse(url, "asset too large")
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})
        self._refuse(url, "not a packaged asset or data: URL")

    def _refuse(self, url: str, why: str):
        shown = url if len(url) < 120 else url[:117] + "…"
        self.blocked.append(shown)
        raise BlockedFetch(f"blocked fetch of {shown} ({why})")


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2",
            ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}.get(path.suffix.lower(),
                                                                                 "application/octet-stream")


if not hasattr(fontconfig, "FcConfigCreate"):  # WeasyPrint was imported before this module, with cffi's own FFI
    ffi.cdef(DECLARED_HERE["FcConfigCreate"])


class BundledFontConfiguration(FontConfiguration):
    """A font configuration that sees only the fonts our stylesheets load with @font-face.

    WeasyPrint starts from the machine's fontconfig set, so a character our fonts lack would be drawn
    with whatever the machine has installed, and the same input would print differently on two machines.
    An empty fontconfig configuration leaves only the bundled and theme fonts: every machine prints the
    same glyphs (and a character none of them has prints as the same empty box everywhere).
    """

    def __init__(self):
        super().__init__()
        empty = fontconfig.FcConfigCreate()
        # INTERNAL: font_map is WeasyPrint's Pango font map; _config is where it adds @font-face files.
        pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), empty)
        fontconfig.FcConfigDestroy(empty)  # the font map keeps its own reference
        self._config = empty


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not is_environment_notice(message):  # see ENVIRONMENT_NOTICES and DOCUMENT_FAILURES
            self.records.append(message)


# -- XMP metadata -------------------------------------------------------------------------------
# WeasyPrint writes an XMP packet only for a PDF/A, PDF/UA or PDF/X variant, and never with the language.
# Every PDF we write carries one packet, made here from the document's metadata (the HTML head: title,
# author, description, generator, dates, <html lang>), so that a default build is the same tagged document
# as a PDF/UA-1 one and only the conformance declaration differs. The declaration itself stays WeasyPrint's:
# its Descriptions are carried over from the packet the variant wrote.

_XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}
# The namespaces of conformance declarations (PDF/A, PDF/UA, PDF/X identification schemas).
_DECLARATION_NS = ("http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfua/ns/id/",
                   "http://www.npes.org/pdfx/ns/id/", "http://ns.adobe.com/pdfx/1.3/")
_PACKET_HEAD = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_PACKET_TAIL = b'\n<?xpacket end="r"?>'


def _rdf(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_XMP_NS[prefix]}}}{local}"


def _declarations(packet: bytes | None) -> list[ElementTree.Element]:
    """The rdf:Descriptions of a variant's packet that declare conformance (pdfaid:part, pdfuaid:part, …)."""
    if not packet:
        return []
    start, end = packet.find(b"<x:xmpmeta"), packet.rfind(b"</x:xmpmeta>")
    root = ElementTree.fromstring(packet[start:end + len(b"</x:xmpmeta>")])
    found = []
    for description in root.iter(_rdf("rdf:Description")):
        names = [*description.attrib, *(child.tag for child in description)]
        if any(name.startswith(f"{{{ns}}}") for name in names for ns in _DECLARATION_NS):
            found.append(description)
    return found


def xmp_packet(*, title: str | None, creators: Sequence[str], description: str | None, lang: str | None,
               creator_tool: str | None, created: str | None, modified: str | None, producer: str,
               declarations: Sequence[ElementTree.Element] = ()) -> bytes:
    """One XMP packet: Dublin Core title, creator, description and language, the XMP basic dates and tool, the
    PDF producer, and any conformance declarations. Values mirror the Info dictionary (PDF/A asks for both)."""
    for prefix, uri in _XMP_NS.items():
        ElementTree.register_namespace(prefix, uri)
    meta = ElementTree.Element(_rdf("x:xmpmeta"))
    rdf = ElementTree.SubElement(meta, _rdf("rdf:RDF"))
    rdf.extend(declarations)

    def description_of(name: str) -> ElementTree.Element:
        element = ElementTree.SubElement(rdf, _rdf("rdf:Description"), {_rdf("rdf:about"): ""})
        return ElementTree.SubElement(element, _rdf(name))

    def items(name: str, container: str, values: Sequence[str], lang_alt: bool = False) -> None:
        holder = ElementTree.SubElement(description_of(name), _rdf(container))
        for value in values:
            item = ElementTree.SubElement(holder, _rdf("rdf:li"))
            if lang_alt:
                item.set("{http://www.w3.org/XML/1998/namespace}lang", "x-default")
            item.text = value

    description_of("pdf:Producer").text = producer
    if title:
        items("dc:title", "rdf:Alt", [title], lang_alt=True)
    if creators:
        items("dc:creator", "rdf:Seq", list(creators))
    if description:
        items("dc:description", "rdf:Alt", [description], lang_alt=True)
    if lang:
        items("dc:language", "rdf:Bag", [lang])
    for name, value in (("xmp:CreatorTool", creator_tool), ("xmp:CreateDate", created), ("xmp:ModifyDate", modified)):
        if value:
            description_of(name).text = value
    return _PACKET_HEAD + ElementTree.tostring(meta, encoding="utf-8", xml_declaration=False) + _PACKET_TAIL


def _write_xmp(document, pdf) -> None:
    """WeasyPrint's finisher hook: the document's one metadata stream (replacing a variant's packet)."""
    metadata = document.metadata
    reference = pdf.catalog.get("Metadata")
    stream = pdf.objects[int(reference.split()[0])] if reference else None
    old_packet = b"".join(_as_bytes(part) for part in stream.stream) if stream is not None else None
    packet = xmp_packet(title=metadata.title, creators=metadata.authors, description=metadata.description,
                        lang=metadata.lang, creator_tool=metadata.generator, created=metadata.created,
                        modified=metadata.modified, producer=pdf.info["Producer"].string,
                        declarations=_declarations(old_packet))
    if stream is None:
        stream = pydyf.Stream([packet], {"Type": "/Metadata", "Subtype": "/XML"})
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference
    else:
        stream.stream = [packet]


def _scope_header_cells(pdf) -> None:
    """Give every TH tag a Scope: Column in a table head, Row elsewhere (a header cell starting a body row).

    WeasyPrint links data cells to their headers by ID but writes no Scope, which PDF/UA asks of TH; the rule
    is HTML's own for a th without a scope attribute, and ours are only ever column heads or row heads.
    """
    for element in pdf.objects:
        if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
            continue
        row = pdf.objects[int(element["P"].split()[0])]
        group = pdf.objects[int(row["P"].split()[0])]
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = "/Column" if group.get("S") == "/THead" else "/Row"


def _object(pdf, reference):
    return pdf.objects[int(reference.split()[0])]


def _reachable_elements(pdf) -> set[int]:
    """Object numbers of the structure elements reachable from the structure tree root."""
    seen: set[int] = set()
    stack = list(_object(pdf, pdf.catalog["StructTreeRoot"])["K"])
    while stack:
        reference = stack.pop()
        if not isinstance(reference, bytes):
            continue  # a marked-content id
        number = int(reference.split()[0])
        element = pdf.objects[number]
        if number in seen or not isinstance(element, pydyf.Dictionary) or element.get("Type") != "/StructElem":
            continue
        seen.add(number)
        stack.extend(element.get("K", ()))
    return seen


def _margin_text_as_artifacts(pdf) -> None:
    """Running headers and footers become artifacts, which assistive technology skips.

    WeasyPrint marks the text of page-margin boxes as tagged content whose structure elements it leaves out
    of the tree (an Artifact element exists only in PDF 2.0): a reader would find content that belongs to no
    tag. Every marked-content id that maps to an element outside the tree is rewritten as an Artifact
    sequence in its page's content stream, and its slot in the parent tree is emptied.
    """
    reachable = _reachable_elements(pdf)
    nums = _object(pdf, _object(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]  # Kids: number, 0, R, number, 0, R, …
    for key, refs in zip(nums[0::2], nums[1::2]):
        if not isinstance(refs, pydyf.Array) or key >= len(pages):
            continue  # an annotation's entry, not a page's
        orphans = {mcid for mcid, ref in enumerate(refs)
                   if isinstance(ref, bytes) and int(ref.split()[0]) not in reachable}
        if not orphans:
            continue
        stream = _object(pdf, pages[key]["Contents"])
        items, rewritten = stream.stream, []
        index = 0
        while index < len(items):
            item = items[index]
            if (isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans and rewritten
                    and index + 1 < len(items) and items[index + 1] == b"BDC"):
                rewritten[-1] = "/Artifact"
                rewritten.append(b"BMC")
                index += 2
                continue
            rewritten.append(item)
            index += 1
        stream.stream = rewritten
        for mcid in orphans:
            refs[mcid] = "null"


def _finish(document, pdf) -> None:
    """WeasyPrint's finisher hook, run on the whole PDF before it is written."""
    _write_xmp(document, pdf)
    if "StructTreeRoot" in pdf.catalog:
        _scope_header_cells(pdf)
        _margin_text_as_artifacts(pdf)


def _as_bytes(part) -> bytes:
    return part if isinstance(part, bytes) else str(part).encode()


_LOGGER = logging.getLogger("weasyprint")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class PageInfo:
    width_pt: float
    height_pt: float


class Rendered:
    """A laid-out document: pages are known before anything is written."""

    def __init__(self, document, name: str, options: dict, fetcher: ConfinedFetcher | None = None):
        self._document = document
        self._name = name
        self._options = options
        self._fetcher = fetcher  # images (an SVG's own references) and attachments are fetched while writing

    @property
    def page_count(self) -> int:
        return len(self._document.pages)

    @property
    def pages(self) -> list[PageInfo]:
        # WeasyPrint page sizes are CSS px (1/96 in); PDF points are 1/72 in.
        return [PageInfo(p.width * 0.75, p.height * 0.75) for p in self._document.pages]

    def page_boxes(self):
        """The laid-out page boxes, for fit and overflow checks."""
        return [p._page_box for p in self._document.pages]  # INTERNAL: see INTERNALS

    def page_anchors(self) -> list[frozenset[str]]:
        """Per page, the ids of the elements that start on it."""
        return [frozenset(p.anchors) for p in self._document.pages]

    def pages_with_overflow(self, slack_px: float = 1.0) -> list[int]:
        """0-based numbers of pages where text or an image lies outside the page's content area.

        WeasyPrint moves what does not fit to the next page, but a long unbreakable line or a flex
        item can still be drawn past the edge; this finds those. Margin boxes (running headers and
        footers) are not content and are skipped.
        """
        found = []
        for number, page in enumerate(self._document.pages):
            box = page._page_box  # INTERNAL: see INTERNALS
            left, top = box.content_box_x(), box.content_box_y()
            right, bottom = left + box.width + slack_px, top + box.height + slack_px
            left, top = left - slack_px, top - slack_px
            if any(b.position_x < left or b.position_y < top or b.position_x + b.margin_width() > right
                   or b.position_y + b.margin_height() > bottom for b in _content_leaves(box)):
                found.append(number)
        return found

    @classmethod
    def combined(cls, pages: Sequence[tuple["Rendered", int]]) -> "Rendered":
        """One document of the given pages, each (laid-out document, 0-based page), in order; nothing is laid out.

        Metadata, options and fetcher come from the first page's document. A page keeps what it was laid out
        with, including its margin boxes (a page counter counts in the document it came from) and its anchors,
        which links of the combined document resolve against.
        """
        first = pages[0][0]
        document = first._document.copy([rendered._document.pages[number] for rendered, number in pages])
        return cls(document, first._name, first._options, first._fetcher)

    def pdf_bytes(self) -> bytes:
        handler = _Collect()
        with _LOCK:
            _LOGGER.addHandler(handler)
            try:
                data = self._document.write_pdf(finisher=_finish, **self._options)
            except FatalURLFetchingError as error:  # attachments are fetched while writing, not laying out
                raise RenderError(self._name, str(error.__cause__ or error)) from None
            finally:
                _LOGGER.removeHandler(handler)
        if self._fetcher is not None and self._fetcher.blocked:
            raise RenderError(self._name, f"blocked fetch of {self._fetcher.blocked[0]}")
        if handler.records:
            raise RenderError(self._name, "; ".join(dict.fromkeys(handler.records)))
        return data


def _content_leaves(page_box):
    """Text and image boxes of a page, outside its margin boxes."""
    stack = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            yield box
        elif isinstance(box, boxes.ParentBox):
            stack.extend(box.children)


# -- CSS variables ------------------------------------------------------------------------------------

_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,[^()]*)?\)")
_SETS_VARIABLE = re.compile(r"(--[A-Za-z0-9_-]+)\s*:")
RESOLVED_SHEETS_KEPT = 64  # parsed stylesheets with values written in, per renderer (a few per theme)


def root_variables(texts: Iterable[str]) -> dict[str, str]:
    """The custom properties that only ``:root`` sets in these stylesheets, as the cascade leaves them.

    Later sheets win, as they do in the cascade (the same selector, later in the order). A variable that
    any other rule sets, or that is !important, or whose value reads another variable, is left out: its
    value can differ from element to element.
    """
    values: dict[str, str] = {}
    elsewhere: set[str] = set()
    for text in texts:
        at_root, other = _declared(text)
        values.update(at_root)
        elsewhere.update(other)
    return {name: value for name, value in values.items()
            if value and name not in elsewhere and "var(" not in value}


@lru_cache(maxsize=RESOLVED_SHEETS_KEPT)
def _declared(text: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """One stylesheet's variables: those set on :root (name, value), and those set anywhere else.

    Parsed once per text: every render (and every type scale a sheet is fitted with) asks again.
    """
    import tinycss2

    at_root: dict[str, str] = {}
    elsewhere: set[str] = set()
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            elsewhere.update(_SETS_VARIABLE.findall(tinycss2.serialize(rule.content or [])))
            continue
        if rule.type != "qualified-rule":
            continue
        on_root = tinycss2.serialize(rule.prelude).strip() == ":root"
        for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration" or not declaration.name.startswith("--"):
                continue
            if on_root and not declaration.important:
                at_root[declaration.name] = tinycss2.serialize(declaration.value).strip()
            else:
                elsewhere.add(declaration.name)
    return tuple(at_root.items()), frozenset(elsewhere)


def inline_variables(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``var()`` of a name in ``values`` replaced by its value (fallbacks included)."""
    return _VAR.sub(lambda match: values.get(match.group(1), match.group(0)), text)


class Renderer:
    """Keeps parsed stylesheets and the font configuration for many documents (one per process)."""

    def __init__(self, asset_roots: Sequence[Path] = ASSET_ROOTS):
        self.asset_roots = tuple(asset_roots)
        self.fonts = BundledFontConfiguration()
        self._css: dict[Path, CSS] = {}
        self._extra_css: dict[tuple[str, tuple[Path, ...]], CSS] = {}
        self._sources: dict[Path, tuple[str, tuple[str, ...]]] = {}
        self._resolved_css: dict[tuple[Path, tuple[tuple[str, str], ...]], CSS] = {}
        self._face_css: dict[str, CSS | str] = {}  # family -> its rule, parsed on first use

    def _script_faces(self, html: str) -> list[CSS]:
        """The @font-face rules of the script faces the text needs: a Latin-only document loads none of them."""
        needed = glyphs.faces_needed(html)
        if not needed:
            return []
        if not self._face_css:
            text = glyphs.SCRIPT_FACES_CSS.read_text(encoding="utf-8")
            rules = [rule + "}" for rule in text[text.index("@font-face"):].split("}") if "@font-face" in rule]
            for rule in rules:
                family = rule.split('font-family: "', 1)[1].split('"', 1)[0]
                self._face_css[family] = rule
        sheets = []
        for family in needed:
            sheet = self._face_css[family]
            if isinstance(sheet, str):
                sheet = CSS(string=sheet, base_url=config.FONTS_DIR.as_uri() + "/", font_config=self.fonts,
                            url_fetcher=ConfinedFetcher(self.asset_roots))
                self._face_css[family] = sheet
            sheets.append(sheet)
        return sheets

    def close(self) -> None:
        """Remove the folder WeasyPrint copied this renderer's @font-face files into.

        INTERNAL: FontConfiguration._folder, which WeasyPrint removes only when the object is collected;
        a process that ends without that (a forked worker, an exiting CLI) would leave it in the temp folder.
        """
        folder = getattr(self.fonts, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            self.fonts._folder = None

    def _stylesheet(self, path: Path) -> CSS:
        path = path.resolve()
        sheet = self._css.get(path)
        if sheet is None:
            fetcher = ConfinedFetcher(self.asset_roots)
            sheet = CSS(filename=str(path), font_config=self.fonts, url_fetcher=fetcher)
            self._css[path] = sheet
        return sheet

    def _source(self, path: Path) -> tuple[str, tuple[str, ...]]:
        """A stylesheet's text and the variables it reads, read once."""
        source = self._sources.get(path)
        if source is None:
            text = path.read_text(encoding="utf-8")
            source = self._sources[path] = (text, tuple(dict.fromkeys(_VAR.findall(text))))
        return source

    def _stylesheets(self, paths: Sequence[Path], extra_css: str | None, handler: _Collect) -> list[CSS]:
        """Our stylesheets with every variable set on :root alone written in as its value.

        WeasyPrint keeps a declaration that reads a variable pending and validates it again for each element
        it applies to: with the colours and type sizes in variables, that was 3 % of a prep plan's render.
        The values are the ones the cascade would give (the last sheet's :root wins, the theme's last), so
        the page is the same. A variable also set by another selector (a slide's type step) is left to
        the cascade.
        """
        paths = [path.resolve() for path in paths]
        values = root_variables([*(self._source(path)[0] for path in paths), extra_css or ""])
        sheets = []
        for path in paths:
            text, names = self._source(path)
            used = tuple((name, values[name]) for name in names if name in values)
            if not used:
                sheets.append(self._stylesheet(path))
                continue
            key = (path, used)
            sheet = self._resolved_css.get(key)
            if sheet is None:
                said = len(handler.records)
                sheet = CSS(string=inline_variables(text, values), base_url=path.as_uri(), font_config=self.fonts,
                            url_fetcher=ConfinedFetcher(self.asset_roots))
                if len(self._resolved_css) >= RESOLVED_SHEETS_KEPT:
                    self._resolved_css.clear()
                if len(handler.records) == said:  # a sheet that logged is parsed again, so each render says it
                    self._resolved_css[key] = sheet
            sheets.append(sheet)
        return sheets

    def _extra_stylesheet(self, css: str, roots: tuple[Path, ...]) -> CSS:
        key = (css, roots)
        sheet = self._extra_css.get(key)
        if sheet is None:
            fetcher = ConfinedFetcher(self.asset_roots + roots)
            sheet = CSS(string=css, base_url=config.STYLES_DIR.as_uri() + "/", font_config=self.fonts,
                        url_fetcher=fetcher)
            self._extra_css[key] = sheet
        return sheet

    def render(self, html: str, stylesheets: Sequence[Path], name: str, *,
               pdf_variant: str | None = None, extra_css: str | None = None,
               extra_roots: Sequence[Path] = ()) -> Rendered:
        """Lay out ``html`` with the bundled fonts and our stylesheets. Raises RenderError on a blocked fetch or
        any warning.

        ``extra_css`` (generated by us, e.g. a theme's variables) comes after ``stylesheets`` and is parsed once
        per renderer; ``extra_roots`` are folders this render may also read (a theme's fonts and logo).
        """
        roots = tuple(Path(r).resolve() for r in extra_roots)
        fetcher = ConfinedFetcher(self.asset_roots + roots)
        handler = _Collect()
        with _LOCK:
            _LOGGER.addHandler(handler)
            try:
                sheets = [self._stylesheet(FONTS_CSS), *self._script_faces(html),
                          *self._stylesheets(stylesheets, extra_css, handler)]
                if extra_css:
                    sheets.append(self._extra_stylesheet(extra_css, roots))
                document = HTML(string=html, base_url=config.STYLES_DIR.as_uri() + "/",
                                url_fetcher=fetcher).render(stylesheets=sheets, font_config=self.fonts)
            except FatalURLFetchingError as error:
                raise RenderError(name, str(error.__cause__ or error)) from None
            finally:
                _LOGGER.removeHandler(handler)
        if fetcher.blocked:
            raise RenderError(name, f"blocked fetch of {fetcher.blocked[0]}")
        if handler.records:
            raise RenderError(name, "; ".join(dict.fromkeys(handler.records)))
        options = {"pdf_tags": True}
        if pdf_variant:
            options["pdf_variant"] = pdf_variant
        return Rendered(document, name, options, fetcher)


def missing_internals() -> list[str]:
    """The WeasyPrint internals listed in INTERNALS that the installed version lacks (empty: all there).

    Lays out one small page to reach the attributes that exist only on laid-out objects.
    """
    missing = [f"weasyprint.formatting_structure.boxes.{name}" for name in
               ("MarginBox", "TextBox", "ReplacedBox", "ParentBox") if not hasattr(boxes, name)]
    if not isinstance(ffi, bindings.Declarations):
        missing.append("weasyprint.text.ffi.ffi made with cffi.FFI() (its declarations are parsed at every start)")
    missing += [f"fontconfig.{name}" for name in ("FcConfigCreate", "FcConfigDestroy")
                if not _has_symbol(fontconfig, name)]
    if not _has_symbol(pangoft2, "pango_fc_font_map_set_config"):
        missing.append("pangoft2.pango_fc_font_map_set_config")
    try:
        fonts = BundledFontConfiguration()
    except Exception as error:  # noqa: BLE001 (whatever broke, name it)
        return [*missing, f"FontConfiguration.font_map / _config ({type(error).__name__}: {error})"]
    missing += [f"FontConfiguration.{name}" for name in ("font_map", "_config") if not hasattr(fonts, name)]
    if _PYDYF_ZLIB is not zlib:  # pydyf no longer compresses through the zlib module it imports
        missing.append("pydyf.zlib")
    if not callable(_make_all_pages):
        missing.append("weasyprint.layout.make_all_pages")
    from weasyprint.css.targets import CounterLookupItem, TargetCollector, TargetLookupItem
    collector = TargetCollector()
    missing += [f"TargetCollector.{name}" for name in ("target_lookup_items", "counter_lookup_items")
                if not hasattr(collector, name)]
    if not hasattr(TargetLookupItem(), "cached_page_counter_values"):
        missing.append("TargetLookupItem.cached_page_counter_values")
    lookup = CounterLookupItem(None, [], {})
    missing += [f"CounterLookupItem.{name}" for name in
                ("missing_counters", "missing_target_counters", "cached_page_counter_values",
                 "page_maker_index", "parse_again")
                if not hasattr(lookup, name)]
    # A contents entry and its target on the next page run the pagination internals listed above.
    probe = ("<style>a::after { content: target-counter(attr(href), page) }</style>"
             "<a href='#x'>x</a><p id='x' style='break-before: page'>x</p>")
    try:
        document = HTML(string=probe).render(font_config=fonts)
    except (AttributeError, IndexError, KeyError, NameError, TypeError) as error:
        return [*missing, f"weasyprint.layout pagination internals ({type(error).__name__}: {error})"]
    page = document.pages[0]
    if not hasattr(page, "_page_box"):
        return [*missing, "Page._page_box"]
    box = page._page_box
    missing += [f"Box.{name}" for name in ("content_box_x", "content_box_y", "width", "height", "children")
                if not hasattr(box, name)]
    leaves = list(_content_leaves(box)) if not missing else []
    if not leaves and not missing:
        missing.append("boxes.TextBox (no text box found on a page with text)")
    for leaf in leaves[:1]:
        missing += [f"Box.{name}" for name in ("position_x", "position_y", "margin_width", "margin_height")
                    if not hasattr(leaf, name)]
    return missing


def _has_symbol(library, name: str) -> bool:
    try:
        getattr(library, name)
    except bindings.MISSING_SYMBOL:
        return False
    return True
