"""Batch builds: isolation of bad inputs, atomic writes under kill, reproducibility, incremental reruns, shards.

Few inputs, cheap ones: each test renders a handful of documents at most, and the first build of the
module is shared (copied) by the tests that start from it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from reporter import themes
from reporter.batch import select_shard
from reporter.cli import main
from reporter.pool import Done, Failed, Started, WorkerPool, peak_rss_kb

from .conftest import EXAMPLES_EPOCH, ROOT, ctrl_c_live

VALID = """\
candidate:
  name: Sample candidate ({name})
  target_level: {level}
  interview_date: 2026-12-20
  hours_per_week: 5
  plan_start: 2026-12-01
"""
# Line 3 is the bad one: the file:line the report must name.
INVALID = """\
candidate:
  name: Sample candidate (invalid)
  target_level: L9
  interview_date: 2026-12-20
  hours_per_week: 5
"""


def write_inputs(folder: Path, names=("alpha", "beta", "gamma"), invalid=True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for position, name in enumerate(names):
        (folder / f"{name}.yaml").write_text(VALID.format(name=name, level="L6" if position % 2 == 0 else "L7"))
    if invalid:
        (folder / "broken.yaml").write_text(INVALID)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


@pytest.fixture(autouse=True)
def dated(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """in/ (three valid inputs and a broken one) built into out/, from inside the work folder."""
    work = tmp_path_factory.mktemp("work")
    write_inputs(work / "in")
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", EXAMPLES_EPOCH)
    patch.chdir(work)
    try:
        result = run("build", "in", "-o", "out", "--jobs", "2", "--json")
    finally:
        patch.undo()
    return work, result


@pytest.fixture
def workspace(first_build, tmp_path, monkeypatch):
    """A private copy of the first build's folder (inputs, outputs, manifest), as the current folder."""
    work, _ = first_build
    copy = tmp_path / "work"
    shutil.copytree(work, copy)
    monkeypatch.chdir(copy)
    return copy


def test_one_invalid_input_fails_alone_and_is_named_with_its_line(first_build):
    work, (code, stdout, stderr) = first_build
    assert code == 1
    assert sorted(pdfs(work / "out")) == ["alpha/prep-plan.pdf", "beta/prep-plan.pdf", "gamma/prep-plan.pdf"]
    assert "in/broken.yaml:3:17: candidate.target_level: 'L9' is not a level (write L6 or L7)" in stderr
    assert "3 built, 0 skipped, 1 failed" in stderr
    summary = json.loads(stdout)
    assert (summary["built"], summary["skipped"], summary["failed"]) == (3, 0, 1)
    assert summary["failures"][0]["input"] == "in/broken.yaml"
    assert not list((work / "out").rglob("*.part"))


def test_manifest_records_inputs_outputs_and_fingerprints(first_build):
    work, _ = first_build
    manifest = json.loads((work / "out" / "manifest.json").read_text())
    assert manifest["reporter"] and manifest["content"] and manifest["theme"] == themes.default().fingerprint
    assert set(manifest["inputs"]) == {"in/alpha.yaml", "in/beta.yaml", "in/gamma.yaml", "in/broken.yaml"}
    broken = manifest["inputs"]["in/broken.yaml"]
    assert broken["status"] == "failed" and broken["outputs"] == {}
    assert broken["errors"][0].startswith("in/broken.yaml:3:17:")
    alpha = manifest["inputs"]["in/alpha.yaml"]
    assert alpha["status"] == "built" and alpha["errors"] == []
    output = alpha["outputs"]["alpha/prep-plan.pdf"]
    data = (work / "out" / "alpha" / "prep-plan.pdf").read_bytes()
    assert output["bytes"] == len(data) and output["pages"] == len(PdfReader(io.BytesIO(data)).pages)
    assert output["render_seconds"] > 0 and len(output["sha256"]) == 64


def test_two_builds_give_byte_identical_pdfs(first_build, tmp_path, monkeypatch):
    work, _ = first_build
    monkeypatch.chdir(work)
    code, _, _ = run("build", "in/beta.yaml", "-o", str(tmp_path / "again"), "-q")
    assert code == 0
    assert pdfs(tmp_path / "again") == {"beta/prep-plan.pdf": (work / "out" / "beta" / "prep-plan.pdf").read_bytes()}


def test_a_rerun_skips_everything_without_loading_weasyprint(workspace):
    (workspace / "in" / "broken.yaml").unlink()
    probe = ("import sys; from reporter.cli import main; code = main(['build', 'in', '-o', 'out', '--json']); "
             "assert 'weasyprint' not in sys.modules, 'loaded'; sys.exit(code)")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["built"], summary["skipped"], summary["failed"]) == (0, 3, 0)
    assert time.monotonic() - started < 5


def test_changing_one_input_rebuilds_exactly_that_one(workspace):
    before = pdfs(workspace / "out")
    beta = workspace / "in" / "beta.yaml"
    beta.write_text(beta.read_text().replace("hours_per_week: 5", "hours_per_week: 6"))
    code, stdout, _ = run("build", "in", "-o", "out", "--json")
    summary = json.loads(stdout)
    assert code == 1  # broken.yaml is still broken
    assert summary["outputs"] == ["beta/prep-plan.pdf"]
    assert (summary["built"], summary["skipped"], summary["failed"]) == (1, 2, 1)
    after = pdfs(workspace / "out")
    assert [name for name in after if after[name] != before[name]] == ["beta/prep-plan.pdf"]


def test_a_damaged_output_is_rebuilt_and_force_rebuilds_all(workspace):
    (workspace / "out" / "gamma" / "prep-plan.pdf").write_bytes(b"%PDF-1.7 truncated")
    (workspace / "in" / "broken.yaml").unlink()
    _, stdout, _ = run("build", "in", "-o", "out", "--json", "--jobs", "1")
    assert json.loads(stdout)["outputs"] == ["gamma/prep-plan.pdf"]
    assert len(PdfReader(workspace / "out" / "gamma" / "prep-plan.pdf").pages) > 1


def test_shards_cover_every_input_once_and_merge(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(7):  # invalid inputs: the shards are exercised without rendering anything
        (folder / f"c{number}.yaml").write_text(INVALID)
    seen = []
    for index in (1, 2, 3):
        code, stdout, _ = run("build", "in", "-o", f"out{index}", "--shard", f"{index}/3", "--json", "-q")
        assert code == 1
        seen.extend(f["input"] for f in json.loads(stdout)["failures"])
    assert sorted(seen) == [f"in/c{n}.yaml" for n in range(7)]
    code, _, _ = run("merge-manifests", *(f"out{i}/manifest.json" for i in (1, 2, 3)), "-o", "all/manifest.json")
    assert code == 0
    assert sorted(json.loads(Path("all/manifest.json").read_text())["inputs"]) == sorted(seen)


def test_shard_slices_are_stable_and_disjoint():
    names = [Path(f"in/{n:02d}.yaml") for n in range(10)]
    slices = [select_shard(names, i, 3) for i in (1, 2, 3)]
    assert sorted(p for s in slices for p in s) == names
    assert slices == [select_shard(list(reversed(names)), i, 3) for i in (1, 2, 3)]
    assert [len(s) for s in slices] == [4, 3, 3]


def test_merging_manifests_of_different_builds_fails(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps({"format": 1, "content": "a", "inputs": {}}))
    two.write_text(json.dumps({"format": 1, "content": "b", "inputs": {}}))
    code, _, stderr = run("merge-manifests", str(one), str(two), "-o", str(tmp_path / "m.json"))
    assert code == 1 and f"{two}:1:1: content: differs" in stderr
    assert not (tmp_path / "m.json").exists()


def test_two_inputs_with_one_output_folder_fail_the_second(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.yaml").write_text(INVALID)
    code, _, stderr = run("build", "a/same.yaml", "b/same.yaml", "-o", "out", "-q")
    assert code == 1
    assert "b/same.yaml: its output folder same/ is also that of a/same.yaml" in stderr


@pytest.mark.parametrize("argv", [["--jobs", "0"], ["--shard", "0/3"], ["--shard", "2"], ["--timeout", "-1"]])
def test_bad_build_options_are_usage_errors(argv, tmp_path):
    (tmp_path / "x.yaml").write_text(INVALID)
    code, _, stderr = run("build", str(tmp_path / "x.yaml"), "-o", str(tmp_path / "out"), *argv)
    assert code == 2 and stderr.startswith("error: ")


def test_a_missing_input_is_a_usage_error(tmp_path):
    code, _, stderr = run("build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out"))
    assert code == 2 and "no such file" in stderr


def test_the_unedited_starter_builds_with_its_warnings_on_stderr(tmp_path):
    starter = tmp_path / "me.yaml"
    assert run("init", "--level", "L6", "-o", str(starter))[0] == 0
    code, stdout, stderr = run("build", str(starter), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert code == 0 and stdout == ""
    assert (tmp_path / "out" / "me" / "prep-plan.pdf").is_file()
    lines = starter.read_text(encoding="utf-8").splitlines()
    name_line = next(n for n, row in enumerate(lines, 1) if row.startswith("  name:"))
    date_line = next(n for n, row in enumerate(lines, 1) if row.startswith("  interview_date:"))
    warnings = [line for line in stderr.splitlines() if ": warning: " in line]
    assert [line.split(": warning: ")[0] for line in warnings] == [
        f"{starter}:{name_line}:9: candidate.name", f"{starter}:{date_line}:19: candidate.interview_date"]
    assert "1 built, 0 skipped, 0 failed" in stderr


# --- interrupted builds: run the real command and stop it mid-way ---------------------------------

def _start_and_wait_for_first_output(tmp_path: Path, sigint=ctrl_c_live) -> tuple[subprocess.Popen, Path]:
    write_inputs(tmp_path / "in", names=("one", "two", "three", "four"), invalid=False)
    out = tmp_path / "out"
    # A build killed outright cannot remove its scratch folder: keep it inside the test's own folder.
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EXAMPLES_EPOCH, "PYTHONPATH": str(ROOT),
           "TMPDIR": str(tmp_path / "tmp")}
    process = subprocess.Popen([sys.executable, "-m", "reporter", "build", "in", "-o", "out", "--jobs", "1"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=sigint)
    deadline = time.monotonic() + 90
    # The first PDF is renamed into place, then the manifest follows; kill after both, mid-way through the next.
    while not (list(out.rglob("*.pdf")) and (out / "manifest.json").exists()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.05)
    return process, out


def _assert_nothing_partial(out: Path) -> list[str]:
    assert not list(out.rglob("*.part"))
    built = sorted(p.parent.name for p in out.rglob("*.pdf"))
    for pdf in out.rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) > 1, pdf
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(e["outputs"] and next(iter(e["outputs"])).split("/")[0] for e in manifest["inputs"].values()) \
        == built
    return built


def test_a_killed_build_leaves_no_partial_file(tmp_path):
    process, out = _start_and_wait_for_first_output(tmp_path)
    process.kill()
    process.communicate(timeout=30)  # returns once the worker, which shares its pipes, has stopped too
    built = _assert_nothing_partial(out)
    assert 1 <= len(built) < 4


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_a_build_started_ignoring_ctrl_c_keeps_ignoring_it(tmp_path):
    """As `nohup` or a background job starts it: a SIGINT, even one landing while documents are written, is
    not turned into an interrupt; the build finishes."""
    process, out = _start_and_wait_for_first_output(tmp_path, sigint=_ignore_sigint)
    deadline = time.monotonic() + 300
    while process.poll() is None:  # through every later write, the windows where signals are deferred
        process.send_signal(signal.SIGINT)
        assert time.monotonic() < deadline, "the build did not finish"
        time.sleep(0.01)
    _, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert "4 built, 0 skipped, 0 failed" in stderr and "interrupted" not in stderr
    assert len(_assert_nothing_partial(out)) == 4


def test_ctrl_c_stops_cleanly(tmp_path):
    process, out = _start_and_wait_for_first_output(tmp_path)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "(interrupted)" in stderr
    built = _assert_nothing_partial(out)
    assert 1 <= len(built) < 4


# --- the pool on its own: a worker that dies, hangs or bloats fails only its task ---------------------

def _init():
    return {"ready": True}


def _work(state, task):
    if task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "hang":
        time.sleep(30)
    if task == "bloat":
        hog = bytearray(400 << 20)
        hog[::4096] = b"x" * len(hog[::4096])
        time.sleep(30)
    if task == "bug":
        raise ValueError("no such thing")
    return f"{task} done" if state["ready"] else None


def test_pool_isolates_crashes_timeouts_and_memory(monkeypatch):
    # A forked worker starts as big as this test process (its pages are counted in the worker's resident
    # size): the cap is 200 MB above that, whatever the suite has loaded so far; "bloat" adds 400 MB.
    cap = peak_rss_kb() // 1024 + 200
    pool = WorkerPool(2, _init, _work, timeout=3, memory_cap_mb=cap, poll_seconds=0.05)
    try:
        events = list(pool.run(["a", "crash", "b", "hang", "c", "bloat", "bug", "d"]))
    finally:
        pool.close()
    results = {e.task: e.result for e in events if isinstance(e, Done)}
    failures = {e.task: e.message for e in events if isinstance(e, Failed)}
    assert results == {"a": "a done", "b": "b done", "c": "c done", "d": "d done"}
    assert failures["crash"] == "worker stopped by SIGKILL"
    assert failures["hang"] == "took longer than 3 s; stopped"
    assert failures["bloat"] in (f"used more than {cap} MB of memory; stopped", "ran out of memory")
    assert failures["bug"] == "internal error: ValueError: no such thing"
    assert sum(isinstance(e, Started) for e in events) == 8


def _pid(state, task):
    return os.getpid()


def _init_marked(marker: Path):
    marker.write_text(str(time.monotonic()))  # CLOCK_MONOTONIC: one clock for every process of the machine
    return {}


def _pid_and_clock(state, task):
    return os.getpid(), time.monotonic()


def test_a_worker_started_ahead_warms_up_and_takes_the_first_task(tmp_path):
    import functools

    marker = tmp_path / "ready"
    pool = WorkerPool(2, functools.partial(_init_marked, marker), _pid_and_clock, timeout=60, memory_cap_mb=4096,
                      poll_seconds=0.05)
    try:
        pool.start_worker()
        early = pool._workers[0].process.pid
        waited = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < waited:  # its init runs before any task is sent
            time.sleep(0.02)
        assert marker.exists(), "the worker started ahead never ran its init"
        sent = time.monotonic()
        first = next(e for e in pool.run(["one"]) if isinstance(e, Done))
    finally:
        pool.close()
    pid, ran = first.result
    assert pid == early and len(pool._workers) == 0  # the early worker took it (and close() stopped it)
    assert float(marker.read_text()) < sent < ran


@pytest.mark.parametrize("allowed, workers", [(1, 1), (2, 2)])
def test_a_pool_started_with_one_early_worker_grows_to_what_it_is_allowed(allowed, workers):
    pool = WorkerPool(1, _init, _pid, timeout=60, memory_cap_mb=4096, poll_seconds=0.05)
    try:
        pool.start_worker()
        pool.allow(allowed)
        pids = {e.result for e in pool.run(["a", "b", "c"]) if isinstance(e, Done)}
    finally:
        pool.close()
    assert len(pids) == workers  # with two allowed, the first two tasks are handed out before either ends


def _collector(state, task):
    import gc

    return gc.get_threshold(), gc.get_freeze_count() > 0, gc.get_stats()[2]["collections"]


def test_a_worker_collects_between_tasks_not_every_700_objects():
    import gc

    from reporter.pool import WORKER_GC_THRESHOLD

    here = gc.get_threshold()
    pool = WorkerPool(1, dict, _collector, timeout=60, memory_cap_mb=4096, poll_seconds=0.05)
    try:
        results = [e.result for e in pool.run(["one", "two", "three"]) if isinstance(e, Done)]
    finally:
        pool.close()
    assert [threshold for threshold, _, _ in results] == [WORKER_GC_THRESHOLD] * 3
    assert all(frozen for _, frozen, _ in results)  # what init loaded is never scanned again
    full = [collections for _, _, collections in results]
    assert full[1] == full[0] + 1 and full[2] == full[1] + 1  # once before each task but the first
    assert gc.get_threshold() == here  # the parent's own collector is left alone


def test_a_worker_whose_init_fails_fails_its_first_task_with_the_reason():
    def broken():
        raise OSError("no fonts here")

    pool = WorkerPool(1, broken, _pid, timeout=10, memory_cap_mb=4096, poll_seconds=0.05)
    try:
        pool.start_worker()
        events = [e for e in pool.run(["one"]) if isinstance(e, (Done, Failed))]
    finally:
        pool.close()
    assert [e.message for e in events] == ["internal error: OSError: no fonts here"]


@pytest.mark.parametrize(("force", "manifest", "cores", "started"), [
    (False, False, 2, True),  # a first build: it will render
    (True, True, 2, True),  # --force: it will render
    (False, True, 2, False),  # a rerun may render nothing: no worker before the manifest says so
    (True, False, 1, False),  # one core: the worker would only slow the planning down
])
def test_the_first_worker_starts_early_only_when_the_build_will_render(tmp_path, monkeypatch, force, manifest,
                                                                         cores, started):
    from reporter import batch

    if manifest:
        (tmp_path / "manifest.json").write_text("{}")
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    pool = batch.start_first_worker(tmp_path / "manifest.json", batch.BatchSettings(force=force), _pid, 1)
    try:
        assert (pool is not None) == started
        assert pool is None or len(pool._workers) == 1
    finally:
        if pool is not None:
            pool.close(kill=True)


def test_an_early_worker_with_nothing_to_render_is_stopped(tmp_path, monkeypatch):
    """Every entry failed before rendering (here: one with no task): the worker started for them ends."""
    from reporter import batch, config, manifest

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    settings = batch.BatchSettings(force=True, quiet=True)
    pool = batch.start_first_worker(tmp_path / "manifest.json", settings, _pid, 1)
    assert pool is not None
    worker = pool._workers[0].process
    assert worker.is_alive()
    fingerprints = manifest.Fingerprints.of(config.BuildOptions(), None, themes.load(config.DEFAULT_THEME).fingerprint)
    unbuildable = batch._Entry("x.yaml", "key", "x", {"key": "key", "status": "failed", "errors": ["x.yaml: no"],
                                                      "outputs": {}})
    code = batch.build_entries([unbuildable], tmp_path / "manifest.json", fingerprints, settings, _pid,
                               time.perf_counter(), pool)
    assert code == 1
    assert not worker.is_alive() and worker.exitcode is not None


def test_the_largest_inputs_are_rendered_first(tmp_path):
    """The dearest input goes to a worker first (its size stands for its cost): a long plan handed out last
    would leave the other workers idle at the end of the build."""
    from reporter import batch, config, manifest

    fingerprints = manifest.Fingerprints.of(config.BuildOptions(), None, themes.load(config.DEFAULT_THEME).fingerprint)
    entries = [batch._Entry(name, name, name, {}, task=name, cost=cost)
               for name, cost in (("small", 10), ("large", 900), ("medium", 300), ("same-as-medium", 300))]
    planned = batch.plan_tasks(entries, tmp_path, tmp_path / "manifest.json", fingerprints, batch.BatchSettings())
    assert [entry.source for entry in planned.to_render] == ["large", "medium", "same-as-medium", "small"]


def test_a_build_called_in_process_leaves_the_collector_as_it_found_it(tmp_path):
    """A program that embeds reporter (as this suite does) keeps its own collector: thresholds are tuned only
    by the command's entry point, and what the pool froze before forking is unfrozen after the build."""
    import gc

    write_inputs(tmp_path / "in", names=("one",), invalid=False)
    thresholds = gc.get_threshold()
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1"]) == 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_validate_does_not_load_weasyprint(tmp_path):
    (tmp_path / "x.yaml").write_text(VALID.format(name="x", level="L6"))
    probe = ("import sys; from reporter.cli import main; code = main(['validate', sys.argv[1]]); "
             "assert 'weasyprint' not in sys.modules, 'loaded'; sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "x.yaml")], capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EXAMPLES_EPOCH}, timeout=60)
    assert done.returncode == 0, done.stderr


def _task(source: Path, kinds=("plan", "slides"), **fields):
    from reporter import batch, config

    import datetime as dt

    return batch.Task(source=str(source), folder=source.stem, kinds=kinds, today=dt.date(2026, 12, 1),
                      dated_by_epoch=True, options=config.BuildOptions(formats=kinds),
                      theme=themes.load(config.DEFAULT_THEME), **fields)


def test_the_html_made_while_the_worker_starts_is_the_html_the_worker_would_make(tmp_path, playbook):
    from reporter import batch, documents

    source = tmp_path / "a.yaml"
    source.write_text(VALID.format(name="a", level="L6"))
    task = _task(source)
    made = batch.with_html(task, playbook)
    inputs = batch._planned(task, playbook, batch._assessed(task, playbook))
    assert dict(made.html) == {"plan": documents.html_of(documents.KINDS["plan"], inputs)}  # a deck fits itself
    assert made.html[0][1].startswith("<!DOCTYPE html>")
    edition = batch.EditionTask(document="book", today=task.today, options=task.options, theme=task.theme)
    assert "Level-Specific Playbooks" in batch.with_html(edition, playbook).html
    assert batch.with_html(batch.EditionTask(document="workshop", today=task.today, options=task.options,
                                             theme=task.theme), playbook).html is None


@pytest.mark.parametrize("case", ["invalid input", "check-in"])
def test_an_input_the_build_cannot_prepare_is_left_to_the_worker(tmp_path, playbook, case):
    from reporter import batch

    source = tmp_path / "a.yaml"
    source.write_text(INVALID if case == "invalid input" else VALID.format(name="a", level="L6"))
    task = _task(source, since_plan="" if case == "check-in" else None)
    assert batch.with_html(task, playbook) is task


def test_the_worker_lays_out_the_html_it_is_handed(tmp_path, playbook):
    from reporter import batch
    from reporter.pdf import Renderer

    source = tmp_path / "a.yaml"
    source.write_text(VALID.format(name="a", level="L6"))
    state = batch._WorkerState.__new__(batch._WorkerState)
    state.playbook, state.renderer = playbook, Renderer()
    handed = "<!DOCTYPE html><html lang='en'><title>t</title><p>Handed over</p></html>"
    result = batch.render_task(state, _task(source, kinds=("plan",), html=(("plan", handed),)))
    (document,) = result.documents
    assert document.pages == 1 and not result.errors
    assert "Handed over" in PdfReader(io.BytesIO(document.data)).pages[0].extract_text()


@pytest.mark.parametrize(("inputs", "prepared"), [(1, 1), (2, 0)])
def test_only_a_build_with_one_worker_started_early_makes_the_html_itself(tmp_path, monkeypatch, inputs, prepared):
    """One input: its worker is still loading WeasyPrint when the build is planned. Two: a second worker is
    forked once this process has loaded WeasyPrint, by which time the first is ready to take its input."""
    from reporter import batch

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    calls = []
    original = batch.with_html
    monkeypatch.setattr(batch, "with_html", lambda task, playbook: calls.append(task) or original(task, playbook))
    for number in range(inputs):
        (tmp_path / f"c{number}.yaml").write_text(VALID.format(name=f"c{number}", level="L6"))
    assert main(["build", *map(str, sorted(tmp_path.glob("*.yaml"))), "-o", str(tmp_path / "out"),
                 "--formats", "sheet", "-q"]) == 0
    assert len(calls) == prepared
    assert len(list((tmp_path / "out").glob("*/comparison.pdf"))) == inputs
