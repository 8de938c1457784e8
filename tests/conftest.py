"""Shared fixtures: the content pack, and the examples built once for every rendering test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reporter import content

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# The examples are written as of this day (see DEMO_EPOCH in the Makefile).
EXAMPLES_EPOCH = str(int(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc).timestamp()))
EXAMPLES_DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def playbook():
    return content.load()


ALL_FORMATS = "plan,sheet,slides,ics"
SLIDES_STRESS = ROOT / "tests" / "fixtures" / "slides" / "stress.yaml"


def run_cli(*args: str) -> int:
    """The real command line, dated like the examples."""
    from reporter.cli import main

    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        return main(list(args))
    finally:
        patch.undo()


# Rendering is the slow part of the suite: each document below is rendered once per session and every
# test that needs it reads the result.

@pytest.fixture(scope="session")
def built_examples(tmp_path_factory):
    """Every example in every document kind (A4, default theme)."""
    out = tmp_path_factory.mktemp("out")
    assert run_cli("build", *map(str, EXAMPLES), "-o", str(out), "--formats", ALL_FORMATS) == 0
    return out


@pytest.fixture(scope="session")
def built_stress(tmp_path_factory):
    """The stress inputs as sheet and slides (A4): the sheet's long-titles candidate and the slides' one."""
    from .stress import write_sheet_stress

    folder = tmp_path_factory.mktemp("stress-in")
    sheet_stress = write_sheet_stress(folder / "stress-l7.yaml", "L7")
    out = tmp_path_factory.mktemp("stress-out")
    assert run_cli("build", str(sheet_stress), str(SLIDES_STRESS), "-o", str(out), "--formats", "sheet,slides") == 0
    return out


@pytest.fixture(scope="session")
def built_edition(tmp_path_factory):
    """The edition (book, generic sheet, workshop deck) on A4 in the default theme."""
    out = tmp_path_factory.mktemp("edition-a4")
    assert run_cli("edition", "-o", str(out), "--paper", "a4") == 0
    return out
