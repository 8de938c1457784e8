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


ALL_FORMATS = "plan,sheet,slides,ics,json,roster"  # every per-input kind, and the roster at the end
SLIDES_STRESS = ROOT / "tests" / "fixtures" / "slides" / "stress.yaml"


def ctrl_c_live() -> None:
    """A child process's SIGINT as a terminal gives it: the default, whatever the test runner was started with
    (a background job of a shell without job control, and some CI runners, start with SIGINT ignored)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


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
    """The stress inputs in every document kind (A4): the sheet's long-titles candidate and the slides' one."""
    from .stress import write_sheet_stress

    folder = tmp_path_factory.mktemp("stress-in")
    sheet_stress = write_sheet_stress(folder / "stress-l7.yaml", "L7")
    out = tmp_path_factory.mktemp("stress-out")
    assert run_cli("build", str(sheet_stress), str(SLIDES_STRESS), "-o", str(out), "--formats", ALL_FORMATS) == 0
    return out


@pytest.fixture(scope="session")
def built_edition(tmp_path_factory):
    """The edition (book, generic sheet, workshop deck) on A4 in the default theme."""
    out = tmp_path_factory.mktemp("edition-a4")
    assert run_cli("edition", "-o", str(out), "--paper", "a4") == 0
    return out


@pytest.fixture(scope="session")
def built_edition_letter(tmp_path_factory):
    """The edition on US Letter."""
    out = tmp_path_factory.mktemp("edition-letter")
    assert run_cli("edition", "-o", str(out), "--paper", "letter") == 0
    return out


@pytest.fixture(scope="session")
def built_sheets_letter(tmp_path_factory):
    """Every example's and the sheet stress candidate's comparison sheet on US Letter."""
    from .stress import write_sheet_stress

    stress = write_sheet_stress(tmp_path_factory.mktemp("stress-letter") / "stress-l7.yaml", "L7")
    out = tmp_path_factory.mktemp("sheets-letter")
    assert run_cli("build", *map(str, EXAMPLES), str(stress), "-o", str(out), "--formats", "sheet",
                   "--paper", "letter") == 0
    return out


@pytest.fixture(scope="session")
def built_themes(tmp_path_factory):
    """theme name -> (one example's folder with every kind, the edition's folder), for every shipped theme.

    The default theme is the session's shared builds; the others are built here once.
    """
    from reporter import config, documents, themes

    example = EXAMPLES[0]
    found = {}
    for folder in themes.shipped():
        name = folder.name
        if name == config.DEFAULT_THEME:
            continue
        out = tmp_path_factory.mktemp(f"theme-{name}")
        assert run_cli("build", str(example), "-o", str(out), "--formats", ",".join([*documents.KINDS, *documents.BUILD_END_KINDS]),
                       "--theme", name) == 0
        assert run_cli("edition", "-o", str(out / "edition"), "--theme", name) == 0
        found[name] = (out / example.stem, out / "edition")
    return found
