"""Faults while writing a batch: a full disk, a folder that cannot be written, a worker killed, Ctrl-C.

Each leaves the earlier good outputs intact, no partial file, a manifest that says what happened and
a non-zero exit, without a traceback. They drive the worker pool (reporter/pool.py) and the manifest
(reporter/manifest.py) through the real build.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from ..conftest import ctrl_c_live
from .attacks import SECRET_TOKEN, base, with_field, write
from .conftest import ROOT
from .pdfsafety import assert_safe

EPOCH = "1796083200"
NAMES = ("a1", "a2", "a3")


def inputs(folder):
    folder.mkdir()
    for name in NAMES:
        write(folder / f"{name}.yaml", with_field(base(), "candidate.name", f"Sample candidate ({name})"))
    return folder


def build(monkeypatch, *argv) -> tuple[int, str]:
    from reporter.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["build", *map(str, argv), "--jobs", "1"])
    return code, stderr.getvalue()


def manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["inputs"]


def entry(out, name: str) -> dict:
    return next(value for key, value in manifest(out).items() if key.endswith(f"/{name}.yaml"))


def _fail_writes_of(monkeypatch, stem: str, error: OSError):
    """Make writing the documents of one input fail as the operating system would."""
    import reporter.batch as batch

    real = batch.tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        handle, temp = real(*args, **kwargs)
        if os.path.basename(kwargs.get("dir") or args[2]) == stem:
            os.close(handle)
            os.unlink(temp)
            raise error
        return handle, temp

    monkeypatch.setattr(batch.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("error, shown", [
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
], ids=["disk full", "folder not writable"])
def test_a_write_that_fails_fails_that_input_only(tmp_path, monkeypatch, error, shown):
    source, out = inputs(tmp_path / "in"), tmp_path / "out"
    _fail_writes_of(monkeypatch, "a2", error)
    code, stderr = build(monkeypatch, source, "-o", out)
    assert code == 1 and "Traceback" not in stderr
    assert shown in stderr and "a2" in stderr
    assert not list(out.rglob("*.part"))
    assert sorted(p.parent.name for p in out.rglob("*.pdf")) == ["a1", "a3"]
    for name in ("a1", "a3"):
        assert_safe(out / name / "prep-plan.pdf", SECRET_TOKEN)
        assert entry(out, name)["status"] == "built"
    failed = entry(out, "a2")
    assert failed["status"] == "failed" and any(shown in line for line in failed["errors"]), failed


def _start(tmp_path):
    inputs(tmp_path / "in")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "reporter", "build", "in", "-o", "out", "--jobs", "1"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_live)
    out, deadline = tmp_path / "out", time.monotonic() + 90
    while not list(out.rglob("*.pdf")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.05)
    return process, out


def _workers(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


# Run by the killed-worker test in place of `python -m reporter`: the worker rendering a2 says so in a marker
# file (its process id) and then waits inside the render, so the test kills a worker that is provably mid-render.
INSIDE_A_RENDER = """
import os, sys, time
import reporter.documents as documents

real, MARKER = documents.outputs, sys.argv.pop(1)

def outputs(kind, inputs, renderer, name, *args, **kwargs):
    if "a2" in name:
        with open(MARKER, "w") as marker:
            marker.write(str(os.getpid()))
        time.sleep(120)
    return real(kind, inputs, renderer, name, *args, **kwargs)

documents.outputs = outputs
from reporter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_worker_killed_mid_render_fails_its_input_and_the_rest_are_built(tmp_path):
    inputs(tmp_path / "in")
    hook, marker, out = tmp_path / "inside_a_render.py", tmp_path / "rendering-a2", tmp_path / "out"
    hook.write_text(INSIDE_A_RENDER, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, str(hook), str(marker), "build", "in", "-o", "out", "--jobs", "1"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not marker.exists() or not marker.read_text():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no worker reached the render of a2"
        time.sleep(0.05)
    worker = int(marker.read_text())
    assert worker in _workers(process.pid), "the marker was not written by a worker of this build"
    os.kill(worker, signal.SIGKILL)  # the premise holds: this worker is inside the render of a2
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 1 and "Traceback" not in stderr, stderr
    assert "SIGKILL" in stderr
    assert not list(out.rglob("*.part"))
    records = manifest(out)
    status = {key.rsplit("/", 1)[-1]: record["status"] for key, record in records.items()}
    assert status == {"a1.yaml": "built", "a2.yaml": "failed", "a3.yaml": "built"}, records
    for pdf in out.rglob("*.pdf"):
        assert_safe(pdf, SECRET_TOKEN)


def test_ctrl_c_mid_batch_keeps_what_was_built_and_says_so(tmp_path):
    process, out = _start(tmp_path)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr and "(interrupted)" in stderr
    assert not list(out.rglob("*.part"))
    built = sorted(p.parent.name for p in out.rglob("*.pdf"))
    records = manifest(out)
    assert sorted(key.rsplit("/", 1)[-1][:-5] for key, r in records.items() if r["status"] == "built") == built
    for pdf in out.rglob("*.pdf"):
        assert_safe(pdf, SECRET_TOKEN)


def test_a_build_leaves_nothing_in_the_temp_folder(tmp_path):
    """WeasyPrint copies the fonts of each renderer into a temporary folder; a batch (with a worker killed
    mid-render too) and an edition remove every one of them."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    inputs(tmp_path / "in")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    done = subprocess.run([sys.executable, "-m", "reporter", "build", "in", "-o", "out", "--jobs", "2",
                           "--formats", "plan,sheet"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 6  # the premise: workers rendered with fonts
    done = subprocess.run([sys.executable, "-m", "reporter", "edition", "-o", "ed"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []
