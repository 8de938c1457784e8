"""The roster (reporter roster, --formats ...,roster) and plan.json as a document kind."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from reporter import checkin, roster
from reporter.assessment import load
from reporter.cli import main
from reporter.plan import build_plan

from . import pdfcheck
from .conftest import EXAMPLES, EXAMPLES_DAY, EXAMPLES_EPOCH

BROKEN = """\
candidate:
  name: Sample candidate (broken)
  target_level: L9
  interview_date: 2026-12-20
  hours_per_week: 5
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def dated(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)


@pytest.fixture(scope="module")
def examples_build(tmp_path_factory):
    """The examples and a broken input in one folder, built as plan, json and roster."""
    work = tmp_path_factory.mktemp("roster")
    folder = work / "clients"
    folder.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, folder / example.name)
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        code, _, err = run("build", str(folder), "-o", str(work / "out"), "--formats", "plan,json,roster", "-q")
    finally:
        patch.undo()
    assert code == 1, err  # the broken input fails; the others and the roster are still made
    return work / "out"


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_every_example_gets_a_plan_json_recorded_in_the_manifest(examples_build, playbook):
    manifest = json.loads((examples_build / "manifest.json").read_text(encoding="utf-8"))
    for example in EXAMPLES:
        path = examples_build / example.stem / "plan.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        assessment = load(example, playbook, EXAMPLES_DAY)
        assert data == checkin.plan_record(build_plan(assessment, playbook, EXAMPLES_DAY), assessment, playbook)
        entry = next(v for k, v in manifest["inputs"].items() if k.endswith(f"/{example.name}"))
        assert entry["outputs"][f"{example.stem}/plan.json"]["pages"] == 0
        assert not list(path.parent.glob(".*.part"))


def test_the_roster_lists_every_client_in_the_stated_order(examples_build):
    rows = csv_rows(examples_build / "roster.csv")
    assert tuple(rows[0]) == roster.CSV_HEADER
    clients = [r for r in rows[1:] if r[1]]
    assert len(clients) == len(EXAMPLES)
    # The rule printed under the table: fewest days left first, then lowest readiness.
    keys = [(int(r[3]), int(r[4])) for r in clients]
    assert keys == sorted(keys)
    text = pdfcheck.squash(pdfcheck.text(examples_build / "roster.pdf"))
    assert pdfcheck.squash(roster.ORDER_RULE) in text
    positions = [text.index(pdfcheck.squash(r[0])) for r in clients]
    assert positions == sorted(positions)
    assert pdfcheck.squash(f"{len(EXAMPLES) + 1} clients") in text


def test_a_broken_input_is_listed_with_its_located_message(examples_build):
    rows = csv_rows(examples_build / "roster.csv")
    failed = [r for r in rows[1:] if r[0].endswith("broken.yaml")]
    assert len(failed) == 1 and "broken.yaml:3:" in failed[0][8] and "target_level" in failed[0][8]
    text = pdfcheck.text(examples_build / "roster.pdf")
    assert "Inputs that could not be read" in text
    assert pdfcheck.squash("broken.yaml:3:17: candidate.target_level:") in pdfcheck.squash(text)


def test_the_roster_is_a_document_like_the_others(examples_build):
    path = examples_build / "roster.pdf"
    meta = pdfcheck.metadata(path)
    assert meta["title"] == "Client roster, 1 December 2026" and meta["lang"] == "en"
    (width, height), = set(pdfcheck.page_sizes_pt(path))
    assert (round(width), round(height)) == (595, 842)
    assert "&#39;" not in pdfcheck.text(path) and "&amp;" not in pdfcheck.text(path)
    assert [o.title for o in pdfcheck.outlines(path)][0] == "Client roster"
    for font in pdfcheck.fonts(path):  # only bundled faces
        assert pdfcheck.family_of(font).split()[0] in ("Inter", "Source", "Noto", "JetBrains"), font


def many_clients(folder: Path, playbook, count: int) -> None:
    """count plan.json files as a build writes them (no manifest: the roster reads OUT/*/plan.json)."""
    for number in range(count):
        source = folder / "in" / f"client-{number:03d}.yaml"
        source.parent.mkdir(parents=True, exist_ok=True)
        level = "L6" if number % 3 else "L7"
        source.write_text(f"candidate:\n  name: Sample client {number:03d} with a longer name to wrap\n"
                          f"  target_level: {level}\n  interview_date: {dt.date(2026, 12, 10) + dt.timedelta(days=number)}\n"
                          f"  hours_per_week: {3 + number % 9}\n  plan_start: 2026-12-01\n", encoding="utf-8")
        assessment = load(source, playbook, EXAMPLES_DAY)
        record = checkin.plan_record(build_plan(assessment, playbook, EXAMPLES_DAY), assessment, playbook)
        out = folder / "out" / source.stem / "plan.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(checkin.dumps(record))


def test_many_clients_repeat_the_header_and_never_split_a_row(tmp_path, playbook):
    many_clients(tmp_path, playbook, 70)
    (tmp_path / "out" / "client-005" / "plan.json").write_text('{"schema_version": 1,\n  "level": [}')
    target = tmp_path / "coach" / "roster.pdf"
    code, _, err = run("roster", str(tmp_path / "out"), "-o", str(target), "--theme", "monochrome")
    assert code == 0, err
    pages = pdfcheck.page_texts(target)
    assert len(pages) >= 2
    for page in pages:
        if "Sample client" in page:
            assert "Client" in page and "Readiness" in page and "Flags" in page and "Days left" in page  # the header on every page
    rows = csv_rows(target.with_suffix(".csv"))
    names = [r[0] for r in rows[1:] if r[1]]
    assert len(names) == 69
    for name in names:  # a row is never split: its whole name is on one page
        assert sum(pdfcheck.squash(name) in pdfcheck.squash(page) for page in pages) == 1, name
    assert pdfcheck.squash("client-005/plan.json:2:13: (file): not valid JSON") in pdfcheck.squash(pages[-1])
    days = [int(r[3]) for r in rows[1:] if r[1]]
    assert days == sorted(days)


def test_the_roster_takes_the_builds_theme_and_paper(examples_build, tmp_path):
    manifest = json.loads((examples_build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["theme"] == "default"
    copy = tmp_path / "out"
    shutil.copytree(examples_build, copy)
    manifest["options"]["paper"] = "letter"
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = run("roster", str(copy))
    assert code == 0, err
    (width, height), = set(pdfcheck.page_sizes_pt(copy / "roster.pdf"))
    assert (round(width), round(height)) == (612, 792)


def test_a_quiet_build_prints_only_its_failures_the_roster_included(examples_build, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(examples_build, copy)
    code, _, err = run("build", str(examples_build.parent / "clients"), "-o", str(copy), "--formats",
                       "plan,json,roster", "-q")
    assert code == 1 and (copy / "roster.pdf").is_file()
    *failures, summary = err.splitlines()  # with a failure, --quiet still ends with the counts
    assert failures and all("broken.yaml" in line for line in failures), err
    assert summary.startswith("0 built, 3 skipped, 1 failed"), err


def test_roster_of_a_missing_folder_is_a_usage_error(tmp_path):
    code, _, err = run("roster", str(tmp_path / "nowhere"))
    assert code == 2 and "no such folder" in err


def test_urgency_puts_past_interviews_last_and_breaks_ties_by_readiness():
    def row(name, days, readiness):
        return roster.Row(name=name, level="L6", interview_date=EXAMPLES_DAY + dt.timedelta(days=days),
                          days_left=days, readiness=readiness, readiness_points=round(readiness * 100),
                          hours_available=1, hours_recommended=2, top_gap="", flags=(), trend="", trend_points=None)

    ordered = roster.order([row("a", 30, 0.9), row("b", -2, 0.1), row("c", 30, 0.4), row("d", 3, 0.99)])
    assert [r.name for r in ordered] == ["d", "c", "a", "b"]


def test_names_and_messages_print_as_typed(tmp_path, playbook):
    """A name with markup, and a failure message quoting it, are text in the roster, never HTML."""
    many_clients(tmp_path, playbook, 1)
    path = tmp_path / "out" / "client-000" / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["candidate"] = "Ana & Bo <b>{{ 7 * 7 }}</b> 'quoted'"
    path.write_bytes(checkin.dumps(data))
    (tmp_path / "out" / "client-001").mkdir()
    (tmp_path / "out" / "client-001" / "plan.json").write_text('{"schema_version": "<i>2</i>"}', encoding="utf-8")
    code, _, err = run("roster", str(tmp_path / "out"))
    assert code == 0, err
    text = pdfcheck.squash(pdfcheck.text(tmp_path / "out" / "roster.pdf"))
    assert pdfcheck.squash("Ana & Bo <b>{{ 7 * 7 }}</b> 'quoted'") in text
    assert pdfcheck.squash('"<i>2</i>" is not a schema_version') in text
    assert "&#39;" not in text and "&amp;" not in text and "49" not in text
    rows = csv_rows(tmp_path / "out" / "roster.csv")
    assert rows[1][0] == "Ana & Bo <b>{{ 7 * 7 }}</b> 'quoted'"
