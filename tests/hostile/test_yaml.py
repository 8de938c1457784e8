"""Hostile YAML through the real loader, in a capped child: every case a located error, nothing built.

The PyYAML-level cases are also unit-tested in tests/test_source.py; here they go through
``assessment.load`` as a coach or CI would run them, with a time and memory cap.
"""

from __future__ import annotations

import re

import pytest

from .conftest import run_capped

HEADER = ('candidate: {name: "Sample candidate", target_level: L6, interview_date: 2027-02-22, '
          'hours_per_week: 10}\n')

BILLION_LAUGHS = HEADER + 'notes: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f'x{i}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n'
    for i in range(9))

CASES = {
    "billion laughs": (BILLION_LAUGHS.encode(),
                       r":3:9: \(yaml\): YAML aliases \(\*name\) are not allowed; write the value out$"),
    "deep flow nesting": ((HEADER + "notes: " + "[" * 100_000).encode(),
                          r":2:\d+: \(yaml\): nesting deeper than 24 levels$"),
    "deep block nesting": ((HEADER + "".join("  " * i + f"k{i}:\n" for i in range(200))).encode(),
                           r":\d+:\d+: \(yaml\): nesting deeper than 24 levels$"),
    "10 MB file": ((HEADER + "notes: |\n" + "  lol\n" * 1_800_000).encode(),
                   r":1:1: \(file\): file is 10,800,\d+ bytes; the limit is 1,000,000$"),
    "duplicate keys": ((HEADER + "notes: a\nnotes: b\n").encode(),
                       r":3:1: notes: duplicate key \(first defined on line 2\)$"),
    "python object tag": ((HEADER + 'notes: !!python/object/apply:os.system ["touch owned"]\n').encode(),
                          r":2:8: \(yaml\): YAML tags \(tag:yaml.org,2002:python/object/apply:os.system\) "
                          r"are not allowed$"),
    "python name tag": ((HEADER + "notes: !!python/name:os.system\n").encode(),
                        r":2:8: \(yaml\): YAML tags \(tag:yaml.org,2002:python/name:os.system\) are not allowed$"),
    "verbatim tag": ((HEADER + "notes: !<tag:yaml.org,2002:python/object:os.system> {}\n").encode(),
                     r":2:8: \(yaml\): YAML tags \(tag:yaml.org,2002:python/object:os.system\) are not allowed$"),
    "binary bytes": (HEADER.encode() + b"notes: \xff\xfe\x00\x01binary\n",
                     r":2:8: \(file\): not UTF-8 text \(save the file as UTF-8\)$"),
    "UTF-16 file": ((HEADER + "notes: hi\n").encode("utf-16"), r":1:1: \(file\): not UTF-8 text"),
    "NUL in a quoted string": ((HEADER + 'notes: "a\\0b"\n').encode(), r":2:8: notes: contains a NUL character$"),
    "control character": ((HEADER + "notes: a\x1bb\n").encode(),
                          r":2:9: \(yaml\): not valid YAML: character #x001b is not allowed"),
}


@pytest.mark.parametrize("data, message", CASES.values(), ids=CASES.keys())
def test_hostile_yaml_is_a_located_error(tmp_path, data, message):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(data)
    problems = run_capped("load", str(path)).result["problems"]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:") and re.search(message, problems[0]), problems


def test_a_bom_is_harmless(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "notes: hi\n").encode())
    assert run_capped("load", str(path)).result["problems"] == []


def test_nothing_the_tags_asked_for_happened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "tag.yaml"
    path.write_bytes(CASES["python object tag"][0])
    run_capped("load", str(path))
    assert not (tmp_path / "owned").exists()
