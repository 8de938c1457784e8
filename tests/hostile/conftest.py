"""Fixtures every hostile case shares: a planted secret, a loopback server that must stay silent, and caps.

The loopback server counts connections, not just well-formed requests, and every test in this folder
fails at teardown if anything connected to it.
"""

from __future__ import annotations

import http.server
import json
import math
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .attacks import SECRET_TOKEN

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Loopback:
    port: int
    hits: list[str] = field(default_factory=list)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def verify_request(self, request, client_address) -> bool:
        self.loopback.hits.append(f"connection from {client_address[0]}")
        return True


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.loopback.hits.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { display: none }")

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def loopback():
    server = _Server(("127.0.0.1", 0), _Handler)
    server.loopback = Loopback(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="loopback", daemon=True)
    thread.start()
    try:
        yield server.loopback
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _nothing_reached_the_loopback(loopback):
    before = len(loopback.hits)
    yield
    assert loopback.hits[before:] == [], "a render reached the loopback server"


@pytest.fixture(scope="session")
def secret(tmp_path_factory) -> Path:
    """A file no render may read: its token must never appear in any output."""
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(f"{SECRET_TOKEN}\n", encoding="utf-8")
    return path


# -- caps ---------------------------------------------------------------------------------------

MEMORY_CAP_MB = 600     # address space of a capped case (WeasyPrint maps fonts; RSS stays far lower)
RSS_CAP_MB = 400        # what a case may really use
HANG_CAP_S = 600        # wall clock, only to end a case that waits forever instead of computing
TIME_CAP_S = 20         # CPU seconds, generous: a quadratic case takes minutes, a linear one a second or two


@dataclass(frozen=True)
class Capped:
    result: dict
    seconds: float
    max_rss_mb: float


def run_capped(case: str, *args, timeout: float = TIME_CAP_S) -> Capped:
    """Run ``tests.hostile.cases.<case>(*args)`` in a child process under an address-space cap and a timeout.

    A runaway case ends as a clear failure (timeout, MemoryError) instead of hanging or swapping the
    suite. The child reports its own peak memory, so the cap assertion is about this case alone.
    """
    code = ("import json, resource, sys, time; from tests.hostile import cases; t = time.monotonic(); "
            f"r = cases.{case}(*json.loads(sys.stdin.read())); "
            "print(json.dumps({'result': r, 'seconds': time.monotonic() - t, "
            "'rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))")
    limit = (MEMORY_CAP_MB * 2**20) * 4  # address space is far above RSS for a Python + Pango process

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        # The cap is on the CPU time the case spends, not the wall clock: a machine busy with other work
        # slows the clock, not the count. The kernel stops the child with SIGXCPU past it.
        cpu = math.ceil(timeout)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(list(args)), capture_output=True,
                              text=True, timeout=HANG_CAP_S, preexec_fn=limits, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:  # not computing at all (waiting on something): a hang
        pytest.fail(f"{case} hung: no result after {HANG_CAP_S} s")
    if proc.returncode == -signal.SIGXCPU:
        pytest.fail(f"{case} ran past the {timeout:g} s CPU cap")
    assert proc.returncode == 0, f"{case} failed:\n{proc.stderr[-2000:]}"
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    capped = Capped(report["result"], time.monotonic() - start, report["rss"] / 1024)
    assert capped.max_rss_mb < RSS_CAP_MB, f"{case} used {capped.max_rss_mb:.0f} MB"
    return capped
