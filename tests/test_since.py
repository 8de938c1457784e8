"""--since PREVIOUS_OUT: a client's two builds a month apart, and the cases that compare nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from reporter.cli import main

from . import pdfcheck
from .test_checkin import NOW, THEN

NOV_EPOCH = str(int(dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc).timestamp()))
DEC_EPOCH = str(int(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc).timestamp()))


def run(epoch: str, *argv: str) -> tuple[int, str]:
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", epoch)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(list(argv))
    finally:
        patch.undo()
    return code, err.getvalue()


@pytest.fixture(scope="module")
def month_apart(tmp_path_factory):
    """client.yaml built on 1 November, then raised and with a story more on 1 December, --since the first."""
    work = tmp_path_factory.mktemp("since")
    (work / "nov").mkdir()
    (work / "dec").mkdir()
    (work / "nov" / "client.yaml").write_text(THEN, encoding="utf-8")
    (work / "dec" / "client.yaml").write_text(NOW, encoding="utf-8")
    code, err = run(NOV_EPOCH, "build", str(work / "nov"), "-o", str(work / "out-nov"), "--formats", "plan,json", "-q")
    assert code == 0, err
    code, err = run(DEC_EPOCH, "build", str(work / "dec"), "-o", str(work / "out-dec"), "--formats",
                    "plan,json,slides,roster", "--since", str(work / "out-nov"), "-q")
    assert code == 0, err
    return work


def plan_json(folder: Path) -> dict:
    return json.loads((folder / "client" / "plan.json").read_text(encoding="utf-8"))


def pct(fraction: float) -> int:
    return round(fraction * 100)


def since_chapter(pdf: Path) -> str:
    text = pdfcheck.text(pdf)
    start = text.index("Since 1 November 2026\n", text.index("Contents") + 200)
    # The next chapter's heading, not its name in the running header of a page the chapter flows onto.
    return text[start:text.index("Top gaps and actions\nGaps are ordered", start)]


def test_every_number_of_the_since_section_is_a_difference_of_the_two_plan_files(month_apart):
    then, now = plan_json(month_apart / "out-nov"), plan_json(month_apart / "out-dec")
    chapter = pdfcheck.squash(since_chapter(month_apart / "out-dec" / "client" / "prep-plan.pdf"))
    overall_then, overall_now = pct(then["overall_readiness"]), pct(now["overall_readiness"])
    change = overall_now - overall_then
    assert change > 0
    assert pdfcheck.squash(f"from {overall_then}% to {overall_now}% (+{change} pts) in 30 days") in chapter
    for area_id, area in now["readiness"].items():
        before, after = pct(then["readiness"][area_id]["readiness"]), pct(area["readiness"])
        moved = f"{after - before:+d} pts" if after != before else "no change"
        assert pdfcheck.squash(f"{before}% → {after}%{moved}") in chapter, area["name"]
    # Items that moved, both ways, from the two checklists.
    status = lambda data: {i["id"]: i["status"] for c in data["checklist"] for i in c["items"]}  # noqa: E731
    rank = {"no": 0, "partial": 1, "yes": 2}
    up = [k for k, v in status(now).items() if rank[v] > rank[status(then)[k]]]
    down = [k for k, v in status(now).items() if rank[v] < rank[status(then)[k]]]
    assert (len(up), len(down)) == (2, 1)
    assert pdfcheck.squash(f"{len(up)} checklist items raised, {len(down)} went back") in chapter
    for item in up + down:
        assert pdfcheck.squash(item) in chapter
    titles = lambda data: [s["title"] for s in data["story_scope"]]  # noqa: E731
    added = [t for t in titles(now) if t not in titles(then)]
    assert added == ["Hiring loop redesign"]
    assert pdfcheck.squash(f"{len(added)} story added, none removed") in chapter
    new = [p for p in now["principles"]["covered"] if p not in then["principles"]["covered"]]
    assert pdfcheck.squash(f"{len(new)} principle newly covered") in chapter and pdfcheck.squash(new[0]) in chapter
    for metric, value in now["practice"].items():
        before, after = then["practice"][metric]["count"], value["count"]
        shown = f"+{after - before}" if after > before else ("0" if after == before else f"−{before - after}")
        label = value["label"][:1].upper() + value["label"][1:]
        assert pdfcheck.squash(f"{label}{before}{after}{shown}") in chapter, metric
    # The projection, labelled as one: points a week from the two files, carried to the interview.
    per_week = round(change / (30 / 7), 1)
    weeks_left = (dt.date.fromisoformat(now["interview_date"]) - dt.date(2026, 12, 1)).days / 7
    projected = min(100, int(overall_now + change / (30 / 7) * weeks_left))
    assert pdfcheck.squash(f"Projection At +{per_week:g} pts a week") in chapter
    assert pdfcheck.squash(f"would be {projected}% at the interview") in chapter
    # plan.json carries the same summary, which the roster's trend column reads.
    assert now["since"] == {"note": "", "date": "2026-11-01", "overall_then": overall_then,
                            "overall_now": overall_now, "change_points": change, "points_per_week": per_week,
                            "projected": projected}


def test_the_method_appendix_states_the_projection_rule(month_apart):
    text = pdfcheck.squash(pdfcheck.text(month_apart / "out-dec" / "client" / "prep-plan.pdf"))
    from reporter.plan import METHOD

    title, rule = METHOD[-1]
    assert title == "Progress since a check-in" and pdfcheck.squash(rule) in text


def test_the_coaching_deck_gains_a_progress_slide(month_apart):
    deck = month_apart / "out-dec" / "client" / "slides.pdf"
    then, now = plan_json(month_apart / "out-nov"), plan_json(month_apart / "out-dec")
    pages = pdfcheck.page_texts(deck)
    (slide,) = [p for p in pages if "Since 1 November 2026" in p]
    flat = pdfcheck.squash(slide)
    assert pdfcheck.squash(f"{pct(then['overall_readiness'])}% → {pct(now['overall_readiness'])}%") in flat
    assert pdfcheck.squash("2 checklist items raised, 1 went back") in flat
    assert pdfcheck.squash("1 story added, none removed") in flat
    assert pdfcheck.squash("LeetCode problems solved: 40 → 70") in flat
    assert "Projection" in slide
    assert min(size for size in pdfcheck.font_sizes(deck) if size > 12.5) >= 17.9  # body text at 18 pt or more
    titles = [o.title for o in pdfcheck.outlines(deck)]
    assert titles[2] == f"Since 1 November 2026: {pct(then['overall_readiness'])}% → {pct(now['overall_readiness'])}%"
    assert titles[1].startswith("Readiness by area")  # right after the readiness it compares


def test_the_roster_gains_a_trend_column(month_apart):
    text = pdfcheck.text(month_apart / "out-dec" / "roster.pdf")
    now = plan_json(month_apart / "out-dec")
    assert "Trend" in text
    assert pdfcheck.squash(f"+{now['since']['change_points']} pts since 1 Nov 2026") in pdfcheck.squash(text)


@pytest.fixture(scope="module")
def three_clients(tmp_path_factory):
    """One client with no earlier plan, one whose earlier plan is corrupt, one who changed level."""
    work = tmp_path_factory.mktemp("since-cases")
    previous = work / "previous"
    (previous / "corrupt").mkdir(parents=True)
    (previous / "corrupt" / "plan.json").write_text('{\n  "schema_version": 1,\n  "level": "L6",\n', encoding="utf-8")
    (work / "in").mkdir()
    for name in ("fresh", "corrupt", "promoted"):
        (work / "in" / f"{name}.yaml").write_text(THEN, encoding="utf-8")
    # The same candidate aiming at L7 now (the L6 checklist answers dropped).
    promoted = THEN.replace("target_level: L6", "target_level: L7")
    promoted = promoted.split("competencies:")[0] + "practice:" + promoted.split("practice:")[1]
    (work / "in" / "promoted.yaml").write_text(promoted, encoding="utf-8")
    code, err = run(NOV_EPOCH, "build", str(work / "in" / "fresh.yaml"), "-o", str(work / "l6"), "--formats", "json")
    assert code == 0, err
    (previous / "promoted").mkdir()
    (previous / "promoted" / "plan.json").write_bytes((work / "l6" / "fresh" / "plan.json").read_bytes())
    code, err = run(DEC_EPOCH, "build", str(work / "in"), "-o", str(work / "out"), "--formats", "plan,json,roster",
                    "--since", str(previous), "-q")
    return work, code, err


def test_a_corrupt_earlier_plan_fails_only_that_client_with_a_located_message(three_clients):
    work, code, err = three_clients
    assert code == 1
    location = f"{work / 'previous' / 'corrupt' / 'plan.json'}:4:1: (file): not valid JSON"
    assert location in err
    assert not (work / "out" / "corrupt").exists()
    assert (work / "out" / "fresh" / "prep-plan.pdf").is_file() and (work / "out" / "promoted" / "plan.json").is_file()
    roster = pdfcheck.squash(pdfcheck.text(work / "out" / "roster.pdf"))
    assert pdfcheck.squash(location) in roster


def test_a_client_without_an_earlier_plan_builds_as_today_with_a_note(three_clients):
    work, _, _ = three_clients
    data = json.loads((work / "out" / "fresh" / "plan.json").read_text(encoding="utf-8"))
    assert data["since"] == {"note": "no earlier check-in"}
    text = pdfcheck.text(work / "out" / "fresh" / "prep-plan.pdf")
    assert "Check-in: no earlier check-in." in text and "Since 1 November" not in text
    roster = pdfcheck.squash(pdfcheck.text(work / "out" / "roster.pdf"))
    assert pdfcheck.squash("no earlier check-in") in roster
    assert pdfcheck.squash("level changed from L6 to L7") in roster


def test_a_level_change_is_noted_not_compared(three_clients):
    work, _, _ = three_clients
    data = json.loads((work / "out" / "promoted" / "plan.json").read_text(encoding="utf-8"))
    assert data["since"] == {"note": "level changed from L6 to L7"}
    assert "Check-in: level changed from L6 to L7." in pdfcheck.text(work / "out" / "promoted" / "prep-plan.pdf")


def test_since_a_folder_that_does_not_exist_is_a_usage_error(tmp_path):
    code, err = run(DEC_EPOCH, "build", str(tmp_path), "-o", str(tmp_path / "out"), "--since", str(tmp_path / "none"))
    assert code == 2 and "--since" in err and "no such folder" in err
