"""`reporter edition` built as a batch: --formats, its manifest, reruns that render nothing, a failing document.

The edition's documents themselves are checked in test_edition.py; these tests render the cheapest one
(the one-page sheet) and fake the failures, so they stay quick.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reporter import config, documents, pool
from reporter.cli import main
from reporter.errors import RenderError

from . import pdfcheck
from .conftest import EXAMPLES, EXAMPLES_EPOCH, ROOT

MANIFEST = "edition-manifest.json"
# The keys of `reporter build --json`; the edition's summary has the same shape.
SUMMARY_KEYS = {"built", "skipped", "failed", "interrupted", "seconds", "jobs", "manifest", "failures",
                "outputs", "workers"}
FORKED = pool._context().get_start_method() == "fork"  # a fault patched in here reaches the workers


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        patch.undo()
    return code, out.getvalue(), err.getvalue()


def manifest(out: Path) -> dict:
    return json.loads((out / MANIFEST).read_text(encoding="utf-8"))["inputs"]


def counts(summary: dict) -> tuple[int, int, int]:
    return summary["built"], summary["skipped"], summary["failed"]


@pytest.fixture(scope="module")
def sheet_only(tmp_path_factory):
    """The edition's sheet alone, built once: OUT, and the run's (code, stdout, stderr)."""
    out = tmp_path_factory.mktemp("edition-sheet")
    return out, run("edition", "-o", str(out), "--formats", "sheet", "--json")


@pytest.fixture
def built(sheet_only, tmp_path) -> Path:
    """A private copy of that OUT."""
    copy = tmp_path / "out"
    shutil.copytree(sheet_only[0], copy)
    return copy


def test_the_edition_formats_name_the_edition_documents_in_order():
    assert tuple(documents.EDITION_KINDS) == config.EDITION_FORMATS
    assert sorted(config.EDITION_LONGEST_FIRST) == sorted(config.EDITION_FORMATS)


def test_the_edition_hands_the_workers_its_longest_document_first(tmp_path, monkeypatch):
    from reporter import batch

    handed = []
    monkeypatch.setattr(batch, "start_first_worker", lambda *args: None)  # nothing is rendered: no worker to stop
    monkeypatch.setattr(batch, "build_entries", lambda entries, *args: handed.extend(e.source for e in entries) or 0)
    batch.build_edition(tmp_path, dt.date(2026, 12, 1), ("sheet", "book", "workshop"))
    assert handed == ["workshop", "book", "sheet"]


def test_a_formats_subset_writes_only_its_files_and_records_them(sheet_only):
    out, (code, stdout, stderr) = sheet_only
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["comparison.pdf", MANIFEST]
    assert len(pdfcheck.page_sizes_pt(out / "comparison.pdf")) == 1
    record = manifest(out)["sheet"]
    assert record["status"] == "built" and record["errors"] == [] and list(record["outputs"]) == ["comparison.pdf"]
    assert record["outputs"]["comparison.pdf"]["bytes"] == (out / "comparison.pdf").stat().st_size
    assert "[1/1]" in stderr and "built sheet" in stderr and "1 built, 0 skipped, 0 failed" in stderr


def test_the_json_summary_has_the_shape_of_builds(sheet_only, tmp_path):
    _, (_, stdout, _) = sheet_only
    summary = json.loads(stdout)
    assert set(summary) == SUMMARY_KEYS
    assert counts(summary) == (1, 0, 0) and summary["interrupted"] is False and summary["failures"] == []
    assert summary["outputs"] == ["comparison.pdf"] and summary["jobs"] == 1
    assert summary["manifest"].endswith(MANIFEST)
    assert [worker["documents"] for worker in summary["workers"]] == [1]
    # build's own summary, from a build that renders nothing (its one input is unreadable as YAML)
    (tmp_path / "bad.yaml").write_text("candidate: [\n")
    code, build_out, _ = run("build", str(tmp_path / "bad.yaml"), "-o", str(tmp_path / "b"), "--json")
    assert code == 1 and set(json.loads(build_out)) == SUMMARY_KEYS


def test_a_rerun_renders_nothing_and_loads_no_renderer(built):
    before = {p.name: p.stat().st_mtime_ns for p in built.glob("*.pdf")}
    probe = ("import sys; from reporter.cli import main; code = main(sys.argv[1:]); "
             "loaded = [m for m in ('weasyprint', 'reporter.documents', 'reporter.pool') if m in sys.modules]; "
             "assert not loaded, loaded; sys.exit(code)")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EXAMPLES_EPOCH, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe, "edition", "-o", str(built), "--formats", "sheet", "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert counts(summary) == (0, 1, 0) and summary["outputs"] == [] and summary["workers"] == []
    assert {p.name: p.stat().st_mtime_ns for p in built.glob("*.pdf")} == before  # nothing was rewritten
    assert manifest(built)["sheet"]["status"] == "skipped"


def test_force_a_changed_option_or_a_changed_content_pack_rebuilds(built, tmp_path):
    code, stdout, _ = run("edition", "-o", str(built), "--formats", "sheet", "--json", "--force")
    assert code == 0 and counts(json.loads(stdout)) == (1, 0, 0)

    code, stdout, _ = run("edition", "-o", str(built), "--formats", "sheet", "--json", "--paper", "letter")
    assert code == 0 and counts(json.loads(stdout)) == (1, 0, 0)
    assert {(round(w), round(h)) for w, h in pdfcheck.page_sizes_pt(built / "comparison.pdf")} == {(612, 792)}
    code, stdout, _ = run("edition", "-o", str(built), "--formats", "sheet", "--json", "--paper", "letter")
    assert counts(json.loads(stdout)) == (0, 1, 0)

    pack = tmp_path / "pack"
    shutil.copytree(config.CONTENT_DIR, pack, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    edited = next(p for p in sorted(pack.glob("*.yaml")))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    code, stdout, stderr = run("--content", str(pack), "edition", "-o", str(built), "--formats", "sheet", "--json",
                               "--paper", "letter")
    assert code == 0, stderr
    assert counts(json.loads(stdout)) == (1, 0, 0)


@pytest.mark.skipif(not FORKED, reason="the patched document must reach forked workers")
def test_asking_for_other_documents_keeps_the_records_of_the_first(built, monkeypatch):
    """A run that asks for another subset neither forgets nor rebuilds what an earlier one made."""
    monkeypatch.setitem(documents.EDITION_KINDS, "workshop", _failing(documents.EDITION_KINDS["workshop"], "raise"))
    code, stdout, _ = run("edition", "-o", str(built), "--formats", "workshop", "--json")
    assert code == 1 and counts(json.loads(stdout)) == (0, 0, 1)
    assert {name: record["status"] for name, record in manifest(built).items()} == {
        "sheet": "built", "workshop": "failed"}
    code, stdout, _ = run("edition", "-o", str(built), "--formats", "sheet", "--json")
    assert code == 0 and counts(json.loads(stdout)) == (0, 1, 0)


def _failing(kind, how: str):
    def producer(kind, inputs, renderer, name):
        if how == "exit":
            os._exit(3)  # the worker dies in the middle of the document
        raise RenderError(name, "a fault made for this test")

    return dataclasses.replace(kind, producer=producer)


@pytest.mark.skipif(not FORKED, reason="the patched document must reach forked workers")
@pytest.mark.parametrize("how, message", [
    ("raise", "workshop: slides.pdf: a fault made for this test"),
    ("exit", "workshop: worker exited with status 3"),
], ids=["document fails", "worker dies"])
def test_a_failing_document_leaves_the_others_built_and_nothing_half_written(tmp_path, monkeypatch, how, message):
    out = tmp_path / "out"
    monkeypatch.setitem(documents.EDITION_KINDS, "workshop", _failing(documents.EDITION_KINDS["workshop"], how))
    code, stdout, stderr = run("edition", "-o", str(out), "--formats", "workshop,sheet", "--json", "--jobs", "2")
    assert code == 1 and "Traceback" not in stderr
    summary = json.loads(stdout)
    assert counts(summary) == (1, 0, 1) and summary["outputs"] == ["comparison.pdf"]
    assert summary["failures"] == [{"input": "workshop", "errors": [message]}]
    assert message in stderr
    assert sorted(p.name for p in out.iterdir()) == ["comparison.pdf", MANIFEST]  # no slides, no *.part
    records = manifest(out)
    assert records["workshop"]["status"] == "failed" and records["workshop"]["outputs"] == {}
    assert records["sheet"]["status"] == "built"
    # a failed document is tried again; the built one is not
    code, stdout, _ = run("edition", "-o", str(out), "--formats", "sheet,workshop", "--json")
    assert code == 1 and counts(json.loads(stdout)) == (0, 1, 1)


def test_an_unknown_format_is_a_usage_error_with_a_suggestion(tmp_path):
    code, _, stderr = run("edition", "-o", str(tmp_path / "out"), "--formats", "bok,sheet")
    assert code == 2
    assert stderr.strip() == "error: unknown format bok (did you mean book?); known: book, sheet, workshop"
    assert not (tmp_path / "out").exists()


def test_the_edition_and_a_build_share_an_output_folder(built, tmp_path):
    """Each keeps its own manifest, so neither rebuilds because of the other (make demo writes both to out/)."""
    source = tmp_path / "client.yaml"
    shutil.copyfile(EXAMPLES[0], source)
    code, stdout, stderr = run("build", str(source), "-o", str(built), "--formats", "json", "--json")
    assert code == 0, stderr
    assert counts(json.loads(stdout)) == (1, 0, 0)
    code, stdout, _ = run("edition", "-o", str(built), "--formats", "sheet", "--json")
    assert counts(json.loads(stdout)) == (0, 1, 0)
    code, stdout, _ = run("build", str(source), "-o", str(built), "--formats", "json", "--json")
    assert counts(json.loads(stdout)) == (0, 1, 0)
    build_manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(name).name for name in build_manifest["inputs"]] == ["client.yaml"]
    assert list(manifest(built)) == ["sheet"]
