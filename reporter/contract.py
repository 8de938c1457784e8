"""Kinds of field: each one both checks a located YAML node and describes itself as JSON Schema.

The self-assessment's table of fields (``assessment.CANDIDATE``, ``assessment.STORY``, …) is built
from these kinds, so the loader and ``reporter schema`` are one definition: a rule is written once,
in a kind's :meth:`Kind.read`, and stated beside it in its :meth:`Kind.schema`. Where JSON Schema
cannot say a rule (it sees parsed values, not whether a word was quoted; it cannot compare two
fields or count across the file), the table's descriptions say it instead.

Patterns are written for both regular-expression dialects a schema meets: ECMA-262 with the ``u``
flag (editors, Ajv, check-jsonschema) and Python's ``re`` (the ``jsonschema`` library): only ``^``,
``$``, classes with ``\\uXXXX`` escapes, groups and bounded repeats.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import config
from .source import Checker, Node

# Written as nothing, `~` or `null`: an optional field left blank, which counts as absent.
_BLANK = ("", "~", "null", "Null", "NULL")


def absent(node: Node | None) -> bool:
    return node is None or (node.kind == "scalar" and not node.quoted and node.text in _BLANK)


def ascii_fold(text: str, fold: str) -> str:
    """Case folded the way the contract compares words: A-Z only, so a pattern can say the same."""
    table = _UPPER if fold == "upper" else _LOWER
    return text.translate(table)


_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_UPPER = str.maketrans({chr(c + 32): chr(c) for c in range(ord("A"), ord("Z") + 1)})


@dataclass
class Context:
    """What reading a field may depend on beyond its node."""

    playbook: Any  # content.Playbook
    today: dt.date
    level: str | None = None  # the target level, once the candidate has been read
    lines: tuple[str, ...] = ()  # the file's text, for rules that look at how a value was written
    warnings: list = field(default_factory=list)  # errors.InputWarning: reported, but the file loads


class TextChecker(Checker):
    """A Checker that also holds free text to a line limit per field and a character budget per file.

    Rendering time grows with the text a document carries, so the budget is what keeps one file from
    costing minutes of layout; it is charged in reading order and the field that passes it is named.
    """

    def __init__(self, file: str):
        super().__init__(file)
        self.total_chars = self.total_lines = 0

    def text(self, node: Node | None, field_name: str, max_chars: int, required: bool = True,
             max_lines: int | None = None) -> str | None:
        value = super().text(node, field_name, max_chars, required)
        if value is None or node is None:
            return value
        lines = line_count(value)
        if max_lines is not None and lines > max_lines:
            self.problem(node, field_name, f"{lines:,} lines; the limit is {max_lines:,}")
            return None
        for total, added, limit, unit in (("total_chars", len(value), config.MAX_TOTAL_TEXT_CHARS, "characters"),
                                          ("total_lines", lines, config.MAX_TOTAL_TEXT_LINES, "lines")):
            before = getattr(self, total)
            setattr(self, total, before + added)
            if before <= limit < before + added:
                self.problem(node, field_name, f"the text of this file passes {limit:,} {unit} here; that is the "
                                               "limit for all fields together", "shorten the evidence, stories or notes")
        return value


def line_count(value: str) -> int:
    """Lines of a text as an editor numbers them: a final newline does not start another."""
    return value.count("\n") + (not value.endswith("\n"))


# -- patterns ---------------------------------------------------------------------------------------

# The characters ``str.strip()`` removes: those ``str.isspace()`` is true of, by Python's Unicode database.
# Written out rather than found by scanning the code points at every start of the program (10 ms);
# tests/test_contract.py scans all of them and checks that this is the list.
SPACE_CHARACTERS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


@functools.cache
def spaces(without: str = "") -> str:
    """The characters ``str.strip()`` removes (less ``without``), as the inside of a character class."""
    codes = [ord(c) for c in SPACE_CHARACTERS if c not in without]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


def any_case(word: str) -> str:
    """A pattern matching ``word`` with its letters A-Z in either case (JSON Schema has no flags)."""
    out = []
    for char in word:
        if "a" <= char.lower() <= "z":
            out.append(f"[{char.upper()}{char.lower()}]")
        elif char.isalnum():
            out.append(char)
        else:
            out.append("\\" + char if char in r"\^$.|?*+()[]{}/" else char)
    return "".join(out)


def no_nul() -> tuple[str, str]:
    return "^[^\\u0000]*$", "contains a NUL character"


def not_blank() -> tuple[str, str]:
    return f"[^{spaces()}]", "must not be empty"


def single_line() -> tuple[str, str]:
    # Surrounding spaces and line breaks are dropped (str.strip); a carriage return anywhere is refused.
    edge = spaces(without="\r")
    return f"^[{edge}]*[^\\n\\r]*[{edge}]*$", "must be a single line"


def at_most_lines(limit: int) -> tuple[str, str]:
    # line_count(): k newlines are k lines when the text ends with one, k + 1 otherwise.
    return f"^(?:[^\\n]*\\n){{0,{limit - 1}}}[^\\n]*\\n?$", f"at most {limit:,} lines"


def with_patterns(schema: dict, patterns: list[tuple[str, str]]) -> dict:
    """Attach patterns, each with the loader's message (``patternErrorMessage``: VS Code, yaml-language-server)."""
    if len(patterns) == 1:
        schema["pattern"], schema["patternErrorMessage"] = patterns[0]
    elif patterns:
        schema["allOf"] = [{"pattern": p, "patternErrorMessage": m} for p, m in patterns]
    return schema


# -- kinds ------------------------------------------------------------------------------------------

class Kind:
    """One kind of field. ``read`` returns the value, or None after recording a problem."""

    description: str

    def read(self, check: TextChecker, node: Node, name: str, ctx: Context) -> Any:
        raise NotImplementedError

    def schema(self, ctx: Context) -> dict:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    """Text (Markdown where the document renders it). Unquoted words YAML could read as something else
    (NO, 1:30, 2024-01-01, 5) are refused with a request for quotes: that the schema cannot see."""

    description: str
    max_chars: int
    max_lines: int | None = None
    single_line: bool = False
    not_blank: bool = False
    strip: bool = True  # surrounding spaces and line breaks dropped from the value
    # A shape the text must have, searched for in the value as written (both dialects: see the module's
    # docstring), and what a value without it is: "is not a time of day" gives "'7pm' is not a time of day".
    pattern: str = ""
    pattern_message: str = ""
    pattern_hint: str = ""  # how to write it, given after the message: 'write it as "19:30"'

    def read(self, check, node, name, ctx):
        value = check.text(node, name, self.max_chars, required=self.not_blank, max_lines=self.max_lines)
        if value is None:
            return None
        if self.single_line and ("\n" in value.strip() or "\r" in value):
            check.problem(node, name, "must be a single line")
            return None
        if self.pattern and not re.search(self.pattern, value):
            check.problem(node, name, f"'{value}' {self.pattern_message}", self.pattern_hint or None)
            return None
        return value.strip() if self.strip else value

    def schema(self, ctx):
        patterns = [no_nul()]
        if self.not_blank:
            patterns.append(not_blank())
        if self.single_line:
            patterns.append(single_line())
        if self.max_lines is not None:
            patterns.append(at_most_lines(self.max_lines))
        if self.pattern:
            patterns.append((self.pattern, self.pattern_message))
        return with_patterns({"type": "string", "description": self.description, "maxLength": self.max_chars},
                             patterns)


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few words, compared after dropping surrounding spaces and folding A-Z to ``fold`` case.

    ``max_chars`` set: the word is read as text first (so an unquoted YAML 1.1 word needs quotes) and
    a wrong one is "'X' is not ``noun``"; unset: a bare word (yes, no) that never needs quotes.
    """

    description: str
    choices: tuple[str, ...]
    fold: str = "lower"  # "lower" | "upper"
    max_chars: int | None = None
    noun: str = ""

    def read(self, check, node, name, ctx):
        if self.max_chars is None:
            if node.kind != "scalar":
                check.problem(node, name, f"expected {' or '.join(self.choices)}, found a "
                                          f"{'list' if node.kind == 'seq' else 'mapping'}")
                return None
        elif check.text(node, name, self.max_chars) is None:
            return None
        word = ascii_fold(node.text.strip(), self.fold)
        if word in self.choices:
            return word
        if self.noun:
            check.problem(node, name, f"'{node.text}' is not {self.noun}", f"write {' or '.join(self.choices)}")
        else:
            check.problem(node, name, f"'{node.text}' is not one of {', '.join(self.choices)}")
        return None

    def pattern(self) -> str:
        edge = spaces()
        return f"^[{edge}]*(?:{'|'.join(any_case(c) for c in self.choices)})[{edge}]*$"

    def schema(self, ctx):
        message = (f"write {' or '.join(self.choices)}" if self.noun
                   else f"one of {', '.join(self.choices)}")
        schema = {"type": "string", "description": self.description, "examples": list(self.choices)}
        if self.max_chars is not None:
            schema["maxLength"] = self.max_chars
        return with_patterns(schema, [(self.pattern(), message)])


DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@dataclass(frozen=True)
class Date(Kind):
    """A calendar day written YYYY-MM-DD, quoted or not (quoted, YAML 1.1 readers keep it text)."""

    description: str

    def read(self, check, node, name, ctx):
        return check.date(node, name)

    def schema(self, ctx):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN,
                "patternErrorMessage": "write it as YYYY-MM-DD", "description": self.description}


@dataclass(frozen=True)
class Number(Kind):
    """A number in plain digits (8, 7.5); ``whole``: digits only. Bounds are inclusive unless
    ``above_minimum``, which refuses the minimum itself (0 hours a week is no plan)."""

    description: str
    minimum: int
    maximum: int
    whole: bool = True
    above_minimum: bool = False

    def read(self, check, node, name, ctx):
        if self.whole:
            return check.integer(node, name, self.minimum, self.maximum)
        if not self.above_minimum:
            return check.number(node, name, self.minimum, self.maximum)
        value = check.number(node, name, -float("inf"), float("inf"))
        if value is not None and not self.minimum < value <= self.maximum:
            check.problem(node, name, f"{value:g} is out of range",
                          f"allowed: more than {self.minimum}, at most {self.maximum}")
            return None
        return value

    def schema(self, ctx):
        schema: dict = {"type": "integer" if self.whole else "number", "description": self.description,
                        "maximum": self.maximum}
        schema["exclusiveMinimum" if self.above_minimum else "minimum"] = self.minimum
        return schema


@dataclass(frozen=True)
class Field:
    """An entry of a mapping. An optional field written blank (``~``, ``null``, nothing) counts as absent."""

    kind: Kind
    required: bool = False


@dataclass(frozen=True)
class Mapping(Kind):
    """A mapping with known keys; unknown keys are errors with the closest known key as a hint.

    ``make`` builds the value from the fields read (a dataclass whose defaults stand for absent fields);
    it is called only when every required field was read without a problem.
    """

    description: str
    fields: dict[str, Field]
    make: Callable[..., Any] = dict

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key for key, entry in self.fields.items() if entry.required)

    def read_fields(self, check, node, name, ctx) -> tuple[dict[str, Any], dict[str, Node]] | None:
        """The values read without a problem, and the nodes of every known key present."""
        nodes = check.mapping(node, name, tuple(self.fields), required=self.required)
        if nodes is None:
            return None
        values = {}
        for key, entry in self.fields.items():
            value_node = nodes.get(key)
            if value_node is None or (not entry.required and absent(value_node)):
                continue
            value = entry.kind.read(check, value_node, f"{name}.{key}" if name else key, ctx)
            if value is not None:
                values[key] = value
        return values, nodes

    def build(self, values: dict[str, Any]) -> Any:
        if any(key not in values for key in self.required):
            return None
        return self.make(**values)

    def read(self, check, node, name, ctx):
        read = self.read_fields(check, node, name, ctx)
        return None if read is None else self.build(read[0])

    def schema(self, ctx):
        properties = {}
        for key, entry in self.fields.items():
            properties[key] = entry.kind.schema(ctx) if entry.required else nullable(entry.kind.schema(ctx))
        schema = {"type": "object", "description": self.description, "additionalProperties": False,
                  "properties": properties}
        if self.required:
            schema["required"] = list(self.required)
        return schema


def nullable(schema: dict) -> dict:
    """The schema of an optional field, which may be left blank."""
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*kinds, "null"]}
    return {"anyOf": [schema, {"type": "null"}], "description": schema.get("description", "")}


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of at most ``max_items`` entries of one kind; the value is a tuple of the entries read."""

    description: str
    item: Kind
    max_items: int

    def read(self, check, node, name, ctx):
        values = []
        for i, entry in enumerate(check.sequence(node, name, self.max_items)):
            value = self.item.read(check, entry, f"{name}[{i}]", ctx)
            if value is not None:
                values.append(value)
        return tuple(values)

    def schema(self, ctx):
        return {"type": "array", "description": self.description, "maxItems": self.max_items,
                "items": self.item.schema(ctx)}


@dataclass(frozen=True)
class Either(Kind):
    """A scalar of one kind (its value passed through ``from_scalar``), or a mapping: a status, or a
    status with evidence."""

    description: str
    scalar: Kind
    mapping: Mapping
    from_scalar: Callable[[Any], Any] = lambda value: value

    def read(self, check, node, name, ctx):
        if node.kind == "map":
            return self.mapping.read(check, node, name, ctx)
        value = self.scalar.read(check, node, name, ctx)
        return None if value is None else self.from_scalar(value)

    def schema(self, ctx):
        return {"description": self.description, "oneOf": [self.scalar.schema(ctx), self.mapping.schema(ctx)]}


@dataclass(frozen=True)
class Named(Kind):
    """A kind whose schema is written once under ``$defs/<name>`` and referenced where it is used."""

    name: str
    kind: Kind

    @property
    def description(self) -> str:  # type: ignore[override]
        return self.kind.description

    def read(self, check, node, name, ctx):
        return self.kind.read(check, node, name, ctx)

    def schema(self, ctx):
        definitions = getattr(ctx, "definitions", None)
        if definitions is None:
            return self.kind.schema(ctx)
        if self.name not in definitions:
            definitions[self.name] = {}  # claimed first: a kind that refers to itself stops here
            definitions[self.name] = self.kind.schema(ctx)
        return {"$ref": f"#/$defs/{self.name}", "description": self.description}


@dataclass
class SchemaContext(Context):
    """A Context that also collects the named definitions of a schema."""

    definitions: dict[str, dict] = field(default_factory=dict)
