"""A small pool of warm worker processes where one bad document can only fail itself.

Each worker sets itself up once (``init``: WeasyPrint, fonts, parsed stylesheets, the content pack)
and then runs many tasks. concurrent.futures would mark the whole pool broken when one worker
dies; here every worker has its own pipe, so the parent always knows which task a dead, stuck or
bloated worker was running: that task fails, the worker is replaced, the others carry on.

Workers never write files. They send results back and the parent writes them, so a worker killed
at any moment leaves nothing half-written behind.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator


@dataclass(frozen=True)
class Started:
    task: Any


@dataclass(frozen=True)
class Done:
    task: Any
    result: Any
    seconds: float
    worker: int  # process id
    peak_rss_kb: int


@dataclass(frozen=True)
class Failed:
    task: Any
    message: str
    seconds: float
    worker: int


def _context():
    # fork starts a worker in milliseconds and shares what the parent already imported (WeasyPrint,
    # the content pack) copy-on-write. The parent starts no threads before forking.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else "spawn")


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return None


def _limit_memory(cap_mb: int) -> None:
    """A hard backstop under the parent's RSS watch: allocations past it raise MemoryError."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = (cap_mb * 3) << 20  # data segment counts untouched reservations too: be generous
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _die_with_parent(parent: int) -> None:
    """On Linux, a worker whose parent is killed stops at once instead of finishing a document nobody reads."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _serve(conn, init: Callable[[], Any], work: Callable[[Any, Any], Any], memory_cap_mb: int,
           inherited: list, parent: int) -> None:
    # The parent decides what an interrupt means; a terminal's Ctrl-C reaches the whole process group.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker holds copies of the parent's pipe ends; closed, a dead parent means EOF here.
    for other in inherited:
        other.close()
    _die_with_parent(parent)
    _limit_memory(memory_cap_mb)
    # Warm up before the first task arrives (a worker started early loads WeasyPrint while the parent is
    # still reading the inputs). An init that fails here is tried again with the first task, which it fails.
    try:
        state = init()
    except Exception:  # noqa: BLE001 (reported with the first task, below)
        state = None
    _tune_collector()
    served = False
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        if served:  # the task before's garbage, collected now rather than after its result: close() waits for that
            gc.collect()
        served = True
        fatal = False
        try:
            if state is None:
                state = init()
            message = ("ok", work(state, task), peak_rss_kb())
        except MemoryError:
            message, fatal = ("error", "ran out of memory", peak_rss_kb()), True
        except Exception as error:  # a bug, not a bad input: fail this task, keep serving
            message = ("error", f"internal error: {type(error).__name__}: {error}", peak_rss_kb())
        try:
            conn.send(message)
        except (BrokenPipeError, OSError):
            return
        except Exception as error:  # the result could not be pickled
            conn.send(("error", f"internal error: {type(error).__name__}: {error}", peak_rss_kb()))
        if fatal:
            return


# A task (a document's layout) allocates hundreds of thousands of objects that live until it ends, and at
# the default threshold (700) the young collections scanned them thousands of times a task: a tenth of a
# worker's time. A worker collects once between tasks instead, and in a task only when a great deal has piled up.
WORKER_GC_THRESHOLD = (50_000, 20, 100)


def _tune_collector() -> None:
    """What init loaded lives as long as the worker: no collection scans it again. Then the task thresholds."""
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


class _Worker:
    def __init__(self, context, init, work, memory_cap_mb: int, others: list["_Worker"]):
        self.conn, child = context.Pipe()
        forked = context.get_start_method() == "fork"
        inherited = [self.conn, *(w.conn for w in others)] if forked else []
        self.process = context.Process(target=_serve, args=(child, init, work, memory_cap_mb, inherited, os.getpid()),
                                       daemon=True)
        self.process.start()
        child.close()
        self.task: Any = None
        self.started = 0.0

    def stop(self, kill: bool = False) -> None:
        if self.process.is_alive():
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except (BrokenPipeError, OSError):
                    self.process.kill()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _exit_reason(process) -> str:
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"worker stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"worker stopped by signal {-code}"
    return f"worker exited with status {code}"


class WorkerPool:
    """Runs ``work(state, task)`` for every task on up to ``jobs`` warm processes (``state = init()``)."""

    def __init__(self, jobs: int, init: Callable[[], Any], work: Callable[[Any, Any], Any], *,
                 timeout: float, memory_cap_mb: int, poll_seconds: float = 0.1):
        self.jobs = max(1, jobs)
        self.init, self.work = init, work
        self.timeout, self.memory_cap_mb = timeout, memory_cap_mb
        self.poll_seconds = poll_seconds
        self._context = _context()
        self._workers: list[_Worker] = []

    def allow(self, jobs: int) -> None:
        """Let the pool grow to ``jobs`` workers (a pool started with one early worker, then given the build's)."""
        self.jobs = max(1, jobs)

    def start_worker(self) -> None:
        """Start one worker now, ahead of ``run`` (which gives it the first task): it warms up meanwhile."""
        if len(self._workers) < self.jobs:
            self._start()

    def run(self, tasks: Iterable[Any], on_wait: Callable[[], None] | None = None
            ) -> Iterator[Started | Done | Failed]:
        """Events as tasks start and end; ``on_wait`` is called after every poll (a progress clock)."""
        pending = deque(tasks)
        idle: list[_Worker] = [worker for worker in self._workers if worker.task is None]
        busy: list[_Worker] = []
        while pending or busy:
            while pending and (idle or len(self._workers) < self.jobs):
                worker = idle.pop() if idle else self._start()
                task = pending.popleft()
                try:
                    worker.conn.send(task)
                except (BrokenPipeError, OSError):  # died while idle: replace it, retry the task
                    self._discard(worker)
                    pending.appendleft(task)
                    continue
                worker.task, worker.started = task, time.monotonic()
                busy.append(worker)
                yield Started(task)
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=self.poll_seconds)
            if on_wait is not None:
                on_wait()
            now = time.monotonic()
            for worker in list(busy):
                event = self._check(worker, now)
                if event is None:
                    continue
                busy.remove(worker)
                worker.task = None
                if isinstance(event, Done) and worker.process.is_alive():
                    idle.append(worker)
                else:
                    self._discard(worker)
                yield event

    def _check(self, worker: _Worker, now: float) -> Done | Failed | None:
        task, seconds, pid = worker.task, now - worker.started, worker.process.pid
        if worker.conn.poll():
            try:
                kind, payload, peak = worker.conn.recv()
            except (EOFError, OSError):
                return Failed(task, _exit_reason(worker.process), seconds, pid)
            if kind == "ok":
                return Done(task, payload, seconds, pid, peak)
            return Failed(task, payload, seconds, pid)
        if not worker.process.is_alive():
            return Failed(task, _exit_reason(worker.process), seconds, pid)
        if seconds > self.timeout:
            worker.process.kill()
            return Failed(task, f"took longer than {self.timeout:g} s; stopped", seconds, pid)
        rss = _rss_kb(pid)
        if rss is not None and rss > self.memory_cap_mb * 1024:
            worker.process.kill()
            return Failed(task, f"used more than {self.memory_cap_mb} MB of memory; stopped", seconds, pid)
        return None

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.init, self.work, self.memory_cap_mb, self._workers)
        self._workers.append(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.stop(kill=True)

    def close(self, kill: bool = False) -> None:
        """Stop every worker: politely after a finished run, at once after an interrupt."""
        for worker in self._workers:
            worker.stop(kill=kill or worker.task is not None)
        self._workers.clear()
