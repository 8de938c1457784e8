"""The bench's pure helpers: figures, verdicts, round order, the table, the page handed to pandoc.

Nothing here times anything: speed is measured by `make bench`, never in a test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reporter import bench

PAGE = Path(__file__).parent / "fixtures" / "playbook-page.md"


@pytest.mark.parametrize(("value", "target", "expected"), [
    (1.0, "<= 1.0", "met"), (1.01, "<= 1.0", "MISSED"),
    (0.49, "< 0.5", "met"), (0.5, "< 0.5", "MISSED"),
    (1.3, ">= 1.3", "met"), (1.29, ">= 1.3", "MISSED"),
    (None, "<= 1.5", "no figure"),
])
def test_verdict(value, target, expected):
    assert bench.verdict(value, target) == expected


def test_ratio_and_median():
    assert bench.ratio(3.0, 2.0) == 1.5
    assert bench.ratio(1.0, 0.0) is None
    assert bench.median([5.0, 1.0, 3.0]) == 3.0
    assert bench.median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_rounds_interleave_and_turn_the_order():
    order = []
    contenders = {name: (lambda name=name: order.append(name) or bench.Run(1.0, 0.5)) for name in "abc"}
    runs = bench.interleaved(contenders, 4)
    assert order == list("abc" "bca" "cab" "abc")
    assert {name: len(done) for name, done in runs.items()} == {"a": 4, "b": 4, "c": 4}


def test_the_page_for_pandoc_has_its_emoji_back():
    page = PAGE.read_text(encoding="utf-8")
    repaired = bench.repair_mojibake(page)
    assert "ðŸŽ¯" in page and "ðŸŽ¯" not in repaired
    for emoji in ("🎯", "✅", "🎪", "📊", "🚀", "→"):
        assert emoji in repaired, emoji
    assert not re.search("[\u00c0-\u00ff][\u0080-\u02ff\u2000-\u20ff]", repaired)  # no UTF-8 read as cp1252 left
    assert repaired.count("\n") == page.count("\n")  # only the mojibake runs changed


def test_text_that_is_not_mojibake_stays_as_written():
    assert bench.repair_mojibake("café — naïve 🎯") == "café — naïve 🎯"
    assert bench.repair_mojibake("plain ASCII") == "plain ASCII"


def test_table_aligns_columns_and_prints_notes_under_their_row():
    rows = [bench.Row("1", "book", "2.00 s", "1.00 s", "2.00", "<= 1.0", "MISSED", ("ours: the whole edition",)),
            bench.Row("6", "Latin-only cold build", notes=("skipped: needs the git checkout",))]
    lines = bench.table(rows).splitlines()
    assert lines[0].split() == ["#", "measure", "ours", "against", "figure", "target", "verdict"]
    assert lines[1].index("2.00 s") == lines[0].index("ours")
    assert lines[1].endswith("MISSED")
    assert lines[2].strip() == "ours: the whole edition"
    assert lines[4].strip() == "skipped: needs the git checkout"


def test_generated_candidates_are_latin_only_and_valid(tmp_path, playbook):
    from reporter.assessment import load

    paths = bench.generate(tmp_path, 5, 2026, playbook)
    assert all(path.read_text(encoding="utf-8").isascii() for path in paths)
    for path in paths:
        load(path, playbook, bench.START)  # raises on an invalid one


def test_unpack_without_git_history_says_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "PROJECT_DIR", tmp_path)  # a folder that is no checkout, as a wheel's
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert bench.unpack("cd727ef", tmp_path / "old", tmp_path) == "skipped: needs the git checkout"


def test_one_round_turns_the_order_by_its_number():
    order = []
    contenders = {name: (lambda name=name: order.append(name) or bench.Run(1.0, 0.5)) for name in "abc"}
    assert list(bench.one_round(contenders, 4)) == list("bca")
    assert order == list("bca")


def test_the_batch_is_dealt_into_slices_in_turn(tmp_path):
    inputs = []
    for number in range(1, 8):
        path = tmp_path / "in" / f"candidate-{number:03d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"n: {number}\n")
        inputs.append(path)
    folders = bench.slices(inputs, 3, tmp_path / "slices")
    assert [sorted(p.name for p in f.iterdir()) for f in folders] == [
        ["candidate-001.yaml", "candidate-004.yaml", "candidate-007.yaml"],
        ["candidate-002.yaml", "candidate-005.yaml"],
        ["candidate-003.yaml", "candidate-006.yaml"]]
    assert (folders[0] / "candidate-004.yaml").read_text() == "n: 4\n"
    assert len(bench.slices(inputs[:1], 3, tmp_path / "one")) == 1  # never an empty slice
