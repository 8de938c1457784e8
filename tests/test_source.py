"""The strict, located YAML layer: what it refuses, and exactly where it says the problem is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reporter.errors import InputError
from reporter.source import MAX_DEPTH, Checker, Node, parse_text, read_file


def messages(error: InputError) -> list[str]:
    return error.lines()


def refused(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_text(text, "f.yaml")
    return messages(caught.value)


def value(text: str) -> Node:
    """The value of key ``v`` in a one-key document."""
    return parse_text(text, "f.yaml").entries["v"][1]


# --- parsing ------------------------------------------------------------------------------------

def test_scalars_keep_their_text_and_position():
    node = parse_text("a: NO\nb:\n  - 1:30\n  - '12'\n", "f.yaml")
    a = node.entries["a"][1]
    assert (a.kind, a.text, a.quoted, a.line, a.col) == ("scalar", "NO", False, 1, 4)
    first, second = node.entries["b"][1].items
    assert (first.text, first.quoted, first.line, first.col) == ("1:30", False, 3, 5)
    assert (second.text, second.quoted, second.line, second.col) == ("12", True, 4, 5)


def test_empty_document_is_an_empty_mapping():
    node = parse_text("# only a comment\n", "f.yaml")
    assert (node.kind, node.entries) == ("map", {})


def test_duplicate_key_is_located_at_the_second_and_names_the_first_line():
    assert refused("a: 1\nb: 2\n\na: 3\n") == ["f.yaml:4:1: a: duplicate key (first defined on line 1)"]


def test_nested_duplicate_key_names_its_path():
    assert refused("top:\n  x: 1\n  x: 2\n") == ["f.yaml:3:3: top.x: duplicate key (first defined on line 2)"]


def test_alias_is_refused():
    assert refused("a: &anchor 1\nb: *anchor\n") == [
        "f.yaml:2:4: (yaml): YAML aliases (*name) are not allowed; write the value out"]


def test_billion_laughs_is_refused_at_the_first_alias():
    bomb = 'a: &a ["lol", "lol"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n'
    started = time.perf_counter()
    assert refused(bomb) == ["f.yaml:2:8: (yaml): YAML aliases (*name) are not allowed; write the value out"]
    assert time.perf_counter() - started < 1


def test_an_anchor_alone_is_harmless():
    assert value("v: &name text\n").text == "text"


@pytest.mark.parametrize("text, col, tag", [
    ("v: !!python/object/apply:os.system ['echo hi']\n", 4, "tag:yaml.org,2002:python/object/apply:os.system"),
    ("v: !!str 12\n", 4, "tag:yaml.org,2002:str"),
    ("v: !custom {a: 1}\n", 4, "!custom"),
])
def test_tags_are_refused(text, col, tag):
    assert refused(text) == [f"f.yaml:1:{col}: (yaml): YAML tags ({tag}) are not allowed"]


def test_nesting_up_to_the_limit_is_accepted_and_deeper_is_refused():
    # the document's top mapping is level 1, so MAX_DEPTH - 1 nested lists still fit
    ok = "v: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_text(ok, "f.yaml").entries["v"][1].kind == "seq"
    deep = "v: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert refused(deep) == [f"f.yaml:1:{3 + MAX_DEPTH}: (yaml): nesting deeper than {MAX_DEPTH} levels"]


def test_very_deep_nesting_fails_fast_without_recursion_error():
    started = time.perf_counter()
    lines = refused("v: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert lines == [f"f.yaml:1:{3 + MAX_DEPTH}: (yaml): nesting deeper than {MAX_DEPTH} levels"]
    assert time.perf_counter() - started < 5


def test_syntax_error_is_located():
    assert refused("a: [1, 2\nb: 3\n") == [
        "f.yaml:2:2: (yaml): not valid YAML: while parsing a flow sequence expected ',' or ']', but got ':'"]


def test_control_character_is_located_by_line_and_column():
    assert refused("a: 1\nb: x\x07y\n") == [
        "f.yaml:2:5: (yaml): not valid YAML: character #x0007 is not allowed (remove the control character)"]


def test_non_scalar_key_is_refused():
    assert refused("? [a, b]\n: 1\n") == ["f.yaml:1:3: (top): mapping keys must be plain words"]


# --- files --------------------------------------------------------------------------------------

def test_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Ada\n")
    node = read_file(path, 1000)
    assert node.entries["name"][1].text == "Ada"
    assert node.entries["name"][1].line == 1


@pytest.mark.parametrize("data, line, col", [
    (b"a: 1\nb: caf\xe9\n", 2, 7),                  # Latin-1 é
    (b"\xef\xbb\xbfa: \xff\n", 1, 4),               # after a BOM, which is not a column
    ("a: 1\nb: ✅ ok\n".encode() + b"\x80\n", 3, 1),
    (b"v: " + "✅✅".encode() + b" \xff", 1, 7),     # columns count characters, not bytes
])
def test_non_utf8_bytes_are_located(tmp_path: Path, data, line, col):
    path = tmp_path / "latin.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_file(path, 1000, display="latin.yaml")
    assert messages(caught.value) == [f"latin.yaml:{line}:{col}: (file): not UTF-8 text (save the file as UTF-8)"]


def test_file_over_the_cap_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: 5 GB on paper, nothing on disk
        handle.truncate(5_000_000_000)
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_file(path, 1000, display="big.yaml")
    # the size comes from the file's metadata, before any byte is read
    assert messages(caught.value) == ["big.yaml:1:1: (file): file is 5,000,000,000 bytes; the limit is 1,000"]
    assert time.perf_counter() - started < 1


def test_file_at_the_cap_is_read(tmp_path: Path):
    path = tmp_path / "exact.yaml"
    path.write_bytes(b"a: " + b"x" * 7 + b"\n")  # 11 bytes
    assert read_file(path, 11).entries["a"][1].text == "x" * 7


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        read_file(tmp_path / "nope.yaml", 1000, display="nope.yaml")
    assert messages(caught.value) == ["nope.yaml:1:1: (file): does not exist"]


def _not_regular(path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_file(path, 1000, display="special")
    assert messages(caught.value) == ["special:1:1: (file): is not a regular file"]
    assert time.perf_counter() - started < 1


def test_directory_is_not_a_regular_file(tmp_path: Path):
    _not_regular(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    _not_regular(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused():
    _not_regular(Path("/dev/zero"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_symlink_to_a_device_is_refused(tmp_path: Path):
    link = tmp_path / "link.yaml"
    link.symlink_to("/dev/zero")
    _not_regular(link)


# --- Checker: scalars ---------------------------------------------------------------------------

@pytest.mark.parametrize("plain", ["NO", "yes", "1:30", "2024-01-01", "12", "null", "~", "3.5", "09", "0x1F", ".inf",
                                   "1e3", "off"])
def test_text_refuses_plain_scalars_that_are_not_text_to_every_reader(plain):
    check = Checker("f.yaml")
    assert check.text(value(f"v: {plain}\n"), "v", 100) is None
    assert [str(p) for p in check.problems] == [
        f"f.yaml:1:4: v: '{plain}' is not text to every YAML reader (it may be read as a number, date, "
        f'boolean or null) (put it in quotes: "{plain}")']


@pytest.mark.parametrize("plain", ["NO", "yes", "1:30", "2024-01-01", "12", "null"])
def test_text_accepts_the_same_words_quoted(plain):
    check = Checker("f.yaml")
    assert check.text(value(f'v: "{plain}"\n'), "v", 100) == plain
    assert check.text(value(f"v: '{plain}'\n"), "v", 100) == plain
    assert check.problems == []


def test_text_accepts_ordinary_plain_text_and_block_scalars():
    check = Checker("f.yaml")
    assert check.text(value("v: Norway\n"), "v", 100) == "Norway"
    assert check.text(value("v: 12 engineers\n"), "v", 100) == "12 engineers"
    assert check.text(value("v: |\n  12\n"), "v", 100) == "12\n"
    assert check.problems == []


def test_text_limits():
    check = Checker("f.yaml")
    assert check.text(value('v: "a\\0b"\n'), "v", 100) is None
    assert check.text(value("v: abcdef\n"), "v", 5) is None
    assert check.text(value('v: "  "\n'), "v", 5) is None
    assert check.text(value('v: ""\n'), "v", 5, required=False) == ""
    assert check.text(value("v: [a]\n"), "v", 5) is None
    assert [str(p) for p in check.problems] == [
        "f.yaml:1:4: v: contains a NUL character",
        "f.yaml:1:4: v: 6 characters; the limit is 5",
        "f.yaml:1:4: v: must not be empty",
        "f.yaml:1:4: v: expected text, found a list",
    ]


@pytest.mark.parametrize("written, shown", [("1:30", "1:30"), ('"12"', "12"), ("12.5", "12.5"), ("012", "012"),
                                            ("1_000", "1_000"), ("twelve", "twelve")])
def test_integer_refuses_what_is_not_plain_digits(written, shown):
    check = Checker("f.yaml")
    assert check.integer(value(f"v: {written}\n"), "v", 0, 10_000) is None
    assert [str(p) for p in check.problems] == [
        f"f.yaml:1:4: v: '{shown}' is not a whole number (write digits only, e.g. 12)"]


def test_integer_accepts_digits_within_range_and_locates_out_of_range():
    check = Checker("f.yaml")
    assert check.integer(value("v: 12\n"), "v", 0, 100) == 12
    assert check.integer(value("v: 0\n"), "v", 0, 100) == 0
    assert check.integer(value("v: 101\n"), "v", 0, 100) is None
    assert [str(p) for p in check.problems] == ["f.yaml:1:4: v: 101 is out of range (allowed: 0 to 100)"]


def test_integer_with_thousands_of_digits_is_an_error_not_a_crash():
    check = Checker("f.yaml")
    assert check.integer(value("v: " + "9" * 5000 + "\n"), "v", 0, 100) is None
    assert [str(p) for p in check.problems] == ["f.yaml:1:4: v: the number is out of range (allowed: 0 to 100)"]


def test_number():
    check = Checker("f.yaml")
    assert check.number(value("v: 7.5\n"), "v", 0, 80) == 7.5
    assert check.number(value("v: 8\n"), "v", 0, 80) == 8
    assert check.number(value('v: "8"\n'), "v", 0, 80) is None
    assert check.number(value("v: 1e3\n"), "v", 0, 80) is None
    assert [str(p) for p in check.problems] == [
        "f.yaml:1:4: v: '8' is not a number (write it like 8 or 7.5)",
        "f.yaml:1:4: v: '1e3' is not a number (write it like 8 or 7.5)",
    ]


def test_date():
    import datetime as dt

    check = Checker("f.yaml")
    assert check.date(value("v: 2026-02-28\n"), "v") == dt.date(2026, 2, 28)
    assert check.date(value("v: 2026-02-30\n"), "v") is None
    assert check.date(value("v: 28/02/2026\n"), "v") is None
    assert [str(p) for p in check.problems] == [
        "f.yaml:1:4: v: 2026-02-30 is not a real calendar date",
        "f.yaml:1:4: v: '28/02/2026' is not a date (write it as YYYY-MM-DD)",
    ]


def test_choice_is_case_insensitive_and_lists_the_choices():
    check = Checker("f.yaml")
    assert check.choice(value("v: NO\n"), "v", ("yes", "partial", "no")) == "no"
    assert check.choice(value("v: maybe\n"), "v", ("yes", "partial", "no")) is None
    assert [str(p) for p in check.problems] == ["f.yaml:1:4: v: 'maybe' is not one of yes, partial, no"]


# --- Checker: containers ------------------------------------------------------------------------

def test_mapping_unknown_key_suggests_the_closest():
    check = Checker("f.yaml")
    node = parse_text("candidate:\n  name: Ada\n  interveiw_date: 2026-03-01\n", "f.yaml")
    fields = check.mapping(node.entries["candidate"][1], "candidate", ("name", "interview_date"))
    assert list(fields) == ["name"]
    assert [str(p) for p in check.problems] == [
        "f.yaml:3:3: candidate.interveiw_date: unknown key (did you mean 'interview_date'?)"]


def test_mapping_unknown_key_without_a_close_match_lists_the_known_keys():
    check = Checker("f.yaml")
    check.mapping(parse_text("zzz: 1\n", "f.yaml"), "", ("name", "level"))
    assert [str(p) for p in check.problems] == ["f.yaml:1:1: zzz: unknown key (known keys: name, level)"]


def test_mapping_required_field_missing_is_located_at_the_parent():
    check = Checker("f.yaml")
    node = parse_text("other: 1\ncandidate:\n  name: Ada\n", "f.yaml")
    check.mapping(node.entries["candidate"][1], "candidate", ("name", "level"), required=("name", "level"))
    assert [str(p) for p in check.problems] == ["f.yaml:3:3: candidate.level: required field is missing"]


def test_mapping_and_sequence_of_the_wrong_kind():
    check = Checker("f.yaml")
    assert check.mapping(value("v: [1]\n"), "v", ("a", "b")) is None
    assert check.sequence(value("v: {a: 1}\n"), "v", 5) == []
    assert check.sequence(value("v: [1, 2, 3]\n"), "v", 2) == []
    assert [str(p) for p in check.problems] == [
        "f.yaml:1:4: v: expected a mapping of a, b…",
        "f.yaml:1:4: v: expected a list (lines starting with '- ')",
        "f.yaml:1:4: v: 3 entries; the limit is 2",
    ]


def test_raise_if_any_collects_every_problem_sorted():
    check = Checker("f.yaml")
    node = parse_text("b: x\na: 1:30\n", "f.yaml")
    check.integer(node.entries["b"][1], "b", 0, 9)
    check.integer(node.entries["a"][1], "a", 0, 9)
    with pytest.raises(InputError) as caught:
        check.raise_if_any()
    assert messages(caught.value) == [
        "f.yaml:1:4: b: 'x' is not a whole number (write digits only, e.g. 12)",
        "f.yaml:2:4: a: '1:30' is not a whole number (write digits only, e.g. 12)",
    ]
