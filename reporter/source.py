"""Strict, located YAML: the only module that imports PyYAML.

Files are parsed into a tree of :class:`Node` that keeps every line and column, with no
implicit typing at all: every scalar stays the text the author wrote. The :class:`Checker`
then reads each field with the type the contract asks for, so YAML 1.1 surprises (``NO``
becoming false, ``1:30`` becoming 90) cannot happen silently, and every problem of a file is
collected before any is reported.

Aliases, tags, duplicate keys, deep nesting, non-UTF-8 bytes and oversized files are errors.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import InputError, Problem

MAX_DEPTH = 24


@dataclass
class Node:
    """A YAML node with its 1-based position. Scalars keep their source text."""

    kind: str  # "map" | "seq" | "scalar"
    line: int
    col: int
    text: str = ""  # scalars only
    quoted: bool = False  # scalars only: written with quotes or as a block
    items: list["Node"] = field(default_factory=list)  # sequences
    entries: dict[str, tuple["Node", "Node"]] = field(default_factory=dict)  # maps: key -> (key node, value)


class _Refused(Exception):
    def __init__(self, mark, message: str):
        self.mark = mark
        self.message = message


class _StrictComposer(Composer):
    """Composer that refuses aliases, explicit tags and runaway nesting."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "YAML aliases (*name) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
            raise _Refused(event.start_mark, f"YAML tags ({tag}) are not allowed")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _PlainResolver(BaseResolver):
    """Resolves nothing implicitly: every scalar is text until a field says otherwise."""


class _Loader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, _PlainResolver):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)


try:  # libyaml's parser, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:
    _CParser = None

if _CParser is not None:
    class _TrustedLoader(_CParser, SafeConstructor, _PlainResolver):
        """libyaml's parser for files we ship (the packaged content pack): ten times faster than the located
        loader and the same tree, but without its refusals (aliases, tags, depth), which guard against input
        nobody has reviewed. tests/test_content.py checks that both give the packaged pack the same tree."""

        def __init__(self, stream):
            _CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _PlainResolver.__init__(self)
else:
    _TrustedLoader = None


def _to_node(raw, file: str, problems: list[Problem], path: str = "") -> Node:
    line, col = raw.start_mark.line + 1, raw.start_mark.column + 1
    if isinstance(raw, ScalarNode):
        # A plain scalar has no style: None from the located loader, "" from libyaml's.
        return Node("scalar", line, col, text=raw.value, quoted=bool(raw.style))
    if isinstance(raw, SequenceNode):
        return Node("seq", line, col, items=[_to_node(x, file, problems, f"{path}[{i}]") for i, x in enumerate(raw.value)])
    assert isinstance(raw, MappingNode)
    node = Node("map", line, col)
    for key_raw, value_raw in raw.value:
        key = _to_node(key_raw, file, problems, path)
        if key.kind != "scalar":
            problems.append(Problem(file, key.line, key.col, path or "(top)", "mapping keys must be plain words"))
            continue
        name = f"{path}.{key.text}" if path else key.text
        if key.text in node.entries:
            first = node.entries[key.text][0]
            problems.append(Problem(file, key.line, key.col, name,
                                    f"duplicate key (first defined on line {first.line})"))
            continue
        node.entries[key.text] = (key, _to_node(value_raw, file, problems, name))
    return node


def parse_text(text: str, file: str, problems: list[Problem] | None = None, *, trusted: bool = False) -> Node:
    """Parse YAML text into a located tree, or raise InputError.

    Text that is not YAML at all always raises. Problems that still leave a usable tree (duplicate
    and non-scalar keys; the first value wins) are appended to ``problems`` when the caller passes a
    list, so they are reported together with the caller's own checks in one run; otherwise raised.
    """
    collect = problems is not None
    problems = problems if problems is not None else []
    try:
        raw = _trusted_parse(text) if trusted else None
        if raw is None:  # untrusted, or a shipped file libyaml did not take: the located loader says why
            loader = _Loader(text)
            try:
                raw = loader.get_single_node()
            finally:
                loader.dispose()
    except _Refused as refused:
        mark = refused.mark
        raise InputError([Problem(file, mark.line + 1, mark.column + 1, "(yaml)", refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        tab = _tab_at(text, mark)
        if tab:
            raise InputError([Problem(file, line, col, "(yaml)", tab, "use spaces")]) from None
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise InputError([Problem(file, line, col, "(yaml)", f"not valid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:  # control characters and the like: locate them
        line, col = _line_col(text, error.position)
        what = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
        raise InputError([Problem(file, line, col, "(yaml)", f"not valid YAML: character {what} is not allowed",
                                  "remove the control character")]) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(file, 1, 1, "(yaml)", f"not valid YAML: {error}")]) from None
    if raw is None:
        return Node("map", 1, 1)
    node = _to_node(raw, file, problems)
    if problems and not collect:
        raise InputError(problems)
    return node


def _trusted_parse(text: str):
    """A shipped file's YAML tree from libyaml; None without libyaml, or for a file it cannot parse."""
    if _TrustedLoader is None:
        return None
    loader = _TrustedLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _tab_at(text: str, mark) -> str:
    """What to say when a YAML error stops at a tab: editors that insert tabs make this the usual cause."""
    if mark is None:
        return ""
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines) or lines[mark.line][mark.column: mark.column + 1] != "\t":
        return ""
    if not lines[mark.line][: mark.column].strip(" \t"):
        return "a tab in the indentation; YAML indents with spaces only"
    return "a tab where YAML allows only spaces"


def _line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset."""
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def read_file(path: Path, max_bytes: int, display: str | None = None, *, trusted: bool = False) -> Node:
    """Read and parse one YAML file with a size cap; refuses devices, FIFOs and directories.

    ``trusted``: a file we ship, parsed with libyaml when it can (see _TrustedLoader)."""
    name = display or str(path)
    return parse_text(decode(read_bytes(path, max_bytes, name), name), name, trusted=trusted)


def read_bytes(path: Path, max_bytes: int, display: str | None = None) -> bytes:
    """The bytes of one regular file, with a size cap (callers that hash what they parse need them)."""
    name = display or str(path)
    try:
        if not path.is_file():
            what = "does not exist" if not path.exists() else "is not a regular file"
            raise InputError([Problem(name, 1, 1, "(file)", what)])
        # Open without blocking and check what was opened: the path may have been swapped for a
        # FIFO or a device since is_file() looked at it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError([Problem(name, 1, 1, "(file)", "is not a regular file")])
            if info.st_size > max_bytes:
                raise InputError([Problem(name, 1, 1, "(file)",
                                          f"file is {info.st_size:,} bytes; the limit is {max_bytes:,}")])
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError([Problem(name, 1, 1, "(file)", f"cannot be read: {error.strerror or error}")]) from None
    if len(data) > max_bytes:
        raise InputError([Problem(name, 1, 1, "(file)", f"file is larger than the limit of {max_bytes:,} bytes")])
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM is allowed); anything else is a located error."""
    # Strip the BOM ourselves: with "utf-8-sig" the error offsets would not count it, and we want
    # the column in characters (as an editor shows it), not bytes.
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        col = len(data[line_start: error.start].decode("utf-8", errors="replace")) + 1
        raise InputError([Problem(name, line, col, "(file)", "not UTF-8 text",
                                  "save the file as UTF-8")]) from None


# Plain scalars that some YAML reader (1.1 or 1.2) would turn into something other than text.
_NON_TEXT = re.compile(
    r"""^(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        |~|null|Null|NULL
        |[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |[-+]?0[0-7_]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
    )$""",
    re.VERBOSE,
)
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# No leading zeros: YAML 1.1 reads 012 as octal 10, and we must not silently read it as 12.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_MAX_DIGITS = 30  # longer numbers are out of any range here, and int() refuses 4,300+ digits
_NUMBER = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)")


def closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in choices}
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        return lowered[found[0]] if found else None
    return found[0]


class Checker:
    """Reads typed fields out of a located tree, collecting every problem instead of stopping."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: Node, field_name: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, node.line, node.col, field_name, message, hint))

    def raise_if_any(self, error_type: type[InputError] = InputError) -> None:
        if self.problems:
            raise error_type(self.problems)

    # -- containers -------------------------------------------------------------------------
    def mapping(self, node: Node | None, field_name: str, known: Sequence[str],
                required: Sequence[str] = ()) -> dict[str, Node] | None:
        if node is None:
            return None
        if node.kind != "map":
            self.problem(node, field_name, f"expected a mapping of {', '.join(known[:4])}…")
            return None
        result: dict[str, Node] = {}
        for key, (key_node, value) in node.entries.items():
            name = f"{field_name}.{key}" if field_name else key
            if key not in known:
                guess = closest(key, known)
                self.problem(key_node, name, "unknown key",
                             f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(known)}")
                continue
            result[key] = value
        for key in required:
            if key not in result and key not in node.entries:
                self.problem(node, f"{field_name}.{key}" if field_name else key, "required field is missing")
        return result

    def sequence(self, node: Node | None, field_name: str, max_items: int) -> list[Node]:
        if node is None:
            return []
        if node.kind != "seq":
            self.problem(node, field_name, "expected a list (lines starting with '- ')")
            return []
        if len(node.items) > max_items:
            self.problem(node, field_name, f"{len(node.items):,} entries; the limit is {max_items:,}")
            return []
        return node.items

    def keyed(self, node: Node | None, field_name: str, max_items: int) -> list[tuple[str, Node, Node]]:
        """A mapping with free-form keys (validated by the caller): (key, key node, value)."""
        if node is None:
            return []
        if node.kind != "map":
            self.problem(node, field_name, "expected a mapping")
            return []
        if len(node.entries) > max_items:
            self.problem(node, field_name, f"{len(node.entries):,} entries; the limit is {max_items:,}")
            return []
        return [(key, key_node, value) for key, (key_node, value) in node.entries.items()]

    # -- scalars ----------------------------------------------------------------------------
    def _scalar(self, node: Node | None, field_name: str, what: str) -> Node | None:
        if node is None:
            return None
        if node.kind != "scalar":
            self.problem(node, field_name, f"expected {what}, found a {'list' if node.kind == 'seq' else 'mapping'}")
            return None
        return node

    def text(self, node: Node | None, field_name: str, max_chars: int, required: bool = True) -> str | None:
        node = self._scalar(node, field_name, "text")
        if node is None:
            return None
        value = node.text
        if not node.quoted and _NON_TEXT.match(value):
            self.problem(node, field_name, f"'{value}' is not text to every YAML reader (it may be read as a "
                                           "number, date, boolean or null)", f'put it in quotes: "{value}"')
            return None
        if "\x00" in value:
            self.problem(node, field_name, "contains a NUL character")
            return None
        if len(value) > max_chars:
            self.problem(node, field_name, f"{len(value):,} characters; the limit is {max_chars:,}")
            return None
        if required and not value.strip():
            self.problem(node, field_name, "must not be empty")
            return None
        return value

    def integer(self, node: Node | None, field_name: str, minimum: int, maximum: int) -> int | None:
        node = self._scalar(node, field_name, "a whole number")
        if node is None:
            return None
        if node.quoted or not _INT.fullmatch(node.text):
            self.problem(node, field_name, f"'{node.text}' is not a whole number", "write digits only, e.g. 12")
            return None
        if len(node.text) > _MAX_DIGITS:
            self.problem(node, field_name, "the number is out of range", f"allowed: {minimum} to {maximum}")
            return None
        return self._bounded(node, field_name, int(node.text), minimum, maximum)

    def number(self, node: Node | None, field_name: str, minimum: float, maximum: float) -> float | None:
        node = self._scalar(node, field_name, "a number")
        if node is None:
            return None
        if node.quoted or not _NUMBER.fullmatch(node.text):
            self.problem(node, field_name, f"'{node.text}' is not a number", "write it like 8 or 7.5")
            return None
        if len(node.text) > _MAX_DIGITS:
            self.problem(node, field_name, "the number is out of range", f"allowed: {minimum} to {maximum}")
            return None
        return self._bounded(node, field_name, float(node.text), minimum, maximum)

    def _bounded(self, node: Node, field_name: str, value, minimum, maximum):
        if not minimum <= value <= maximum:
            self.problem(node, field_name, f"{node.text} is out of range", f"allowed: {minimum} to {maximum}")
            return None
        return value

    def date(self, node: Node | None, field_name: str) -> dt.date | None:
        node = self._scalar(node, field_name, "a date")
        if node is None:
            return None
        # The whole scalar, as a schema's "format": "date" reads it: no surrounding spaces or line breaks.
        match = _DATE.fullmatch(node.text)
        if not match:
            self.problem(node, field_name, f"'{node.text}' is not a date", "write it as YYYY-MM-DD")
            return None
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.problem(node, field_name, f"{node.text} is not a real calendar date")
            return None

    def choice(self, node: Node | None, field_name: str, choices: Sequence[str]) -> str | None:
        node = self._scalar(node, field_name, " or ".join(choices))
        if node is None:
            return None
        word = node.text.strip().lower()
        if word not in choices:
            self.problem(node, field_name, f"'{node.text}' is not one of {', '.join(choices)}")
            return None
        return word
