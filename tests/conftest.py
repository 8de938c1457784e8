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


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory):
    """Every example rendered once through the real CLI; tests only read the results."""
    from reporter.cli import main

    out = tmp_path_factory.mktemp("out")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        code = main(["build", *map(str, EXAMPLES), "-o", str(out)])
    finally:
        patch.undo()
    assert code == 0
    return out
