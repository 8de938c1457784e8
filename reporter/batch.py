"""Load all → validate → plan → render → write, for many inputs at once, never stopping on a bad one.

The steps of ``build``:
1. expand the inputs (files, folders, globs), take this run's shard;
2. hash each input and decide from OUT/manifest.json what a rerun may skip;
3. render the rest on a pool of warm workers (pool.py), each input parsed and rendered once;
4. write every PDF atomically as its result arrives, then the manifest; report what happened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import glob
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from . import config
from . import manifest as manifests
from .config import BuildOptions
from .errors import ReporterError, UsageError


def expand_inputs(patterns: Sequence[str]) -> list[Path]:
    """Files, folders (their *.yaml / *.yml) and globs, each file once, in a stable order."""
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
            if not inside:
                raise UsageError(f"{pattern}: a folder with no .yaml or .yml files")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            matches = sorted(glob.glob(pattern))
            if not matches:
                raise UsageError(f"{pattern}: no such file, folder or matching glob")
            found.extend(Path(m) for m in matches)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def parse_shard(value: str) -> tuple[int, int]:
    """'I/N' → (I, N) with 1 ≤ I ≤ N."""
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value!r}: expected I/N, such as 2/3") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value!r}: I must be between 1 and N")
    return index, count


def select_shard(sources: Sequence[Path], index: int, count: int) -> list[Path]:
    """The index-th of count slices: inputs sorted by name, dealt out in turn. Same inputs, same slices."""
    ordered = sorted(sources, key=_name)
    return [source for position, source in enumerate(ordered) if position % count == index - 1]


def _name(source: Path) -> str:
    """An input's name in the manifest and in messages: its path as given, normalised."""
    return Path(os.path.normpath(source)).as_posix()


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; a written document gets the usual mode
            os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


_UMASK: int | None = None


def _sweep_parts(folder: Path) -> None:
    """Temporary files a killed earlier build left in an input's output folder (only one input writes there)."""
    if folder.is_dir():
        for pattern in (".*.pdf.*.part", ".*.json.*.part", ".*.ics.*.part"):
            for stale in folder.glob(pattern):
                stale.unlink(missing_ok=True)


@dataclass(frozen=True)
class BatchSettings:
    """How a build runs. Unlike BuildOptions, none of this changes what a document looks like."""

    jobs: int | None = None  # default: the machine's cores
    force: bool = False
    shard: tuple[int, int] | None = None
    timeout: float = 300.0  # seconds per input
    memory_cap_mb: int = 1024  # per worker
    quiet: bool = False
    json: bool = False
    content_dir: Path | None = None


@dataclass(frozen=True)
class Task:
    """One input to render; picklable, sent to a worker."""

    source: str
    folder: str  # output folder, relative to OUT
    kinds: tuple[str, ...]
    today: dt.date
    dated_by_epoch: bool
    options: BuildOptions
    theme: Any = None  # themes.Theme, validated once by the parent
    # --since: the previous build's plan.json of this input ("" when it has none); None without --since
    since_plan: str | None = None


@dataclass
class Document:
    filename: str
    data: bytes
    pages: int
    seconds: float


@dataclass
class TaskResult:
    sha256: str | None = None
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the input's own (assessment.warnings); it still builds


class _WorkerState:
    """What a warm worker keeps between documents: the content pack and the renderer."""

    def __init__(self, content_dir: Path | None):
        from . import content
        from .pdf import Renderer

        self.playbook = _LOADED_PACK or content.load(content_dir)
        self.renderer = Renderer()


_LOADED_PACK = None  # the parent's copy, inherited by forked workers


def _init_worker(content_dir: Path | None) -> _WorkerState:
    return _WorkerState(content_dir)


def _init_with(content_dir: Path | None):
    import functools

    return functools.partial(_init_worker, content_dir)


def render_task(state: _WorkerState, task: Task) -> TaskResult:
    """Parse, plan and render one input's documents. Nothing is written here."""
    from . import documents
    from .assessment import load as load_assessment
    from . import glyphs
    from .errors import InputError
    from .plan import build_plan

    result = TaskResult()
    try:
        theme_fonts = tuple(glyphs.font_file_points(f.path) for f in task.theme.font_files) if task.theme else ()
        assessment = load_assessment(Path(task.source), state.playbook, task.today, font_points=theme_fonts)
        result.sha256 = assessment.sha256
        result.warnings.extend(str(warning) for warning in assessment.warnings)
        plan = build_plan(assessment, state.playbook, task.today)
        since = None if task.since_plan is None else check_in(task.since_plan, plan, assessment, state.playbook)
    except InputError as error:
        result.errors.extend(error.lines())
        return result
    inputs = documents.Inputs(playbook=state.playbook, assessment=assessment, plan=plan,
                              generated=task.today if task.dated_by_epoch else plan.plan_start,
                              options=task.options, theme=task.theme, since=since)
    for name in task.kinds:
        kind = documents.KINDS[name]
        started = time.perf_counter()
        try:
            made = [(filename, documents.payload(rendered), rendered.page_count)
                    for filename, rendered in documents.outputs(kind, inputs, state.renderer,
                                                                f"{task.source}: {kind.filename}")]
        except ReporterError as error:
            result.errors.extend(error.lines())
            continue
        seconds = (time.perf_counter() - started) / max(1, len(made))
        result.documents.extend(Document(filename, data, pages, seconds) for filename, data, pages in made)
    return result


def check_in(previous_plan: str, plan, assessment, playbook):
    """Compare this plan with the previous build's plan.json of the same input ("": there is none).

    A previous plan.json that cannot be read fails this input only, with a located message.
    """
    from . import checkin

    current = checkin.snapshot_of(checkin.plan_record(plan, assessment, playbook))
    if not previous_plan:
        return checkin.compare(None, current)
    try:
        text = Path(previous_plan).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        from .errors import InputError, Problem

        raise InputError([Problem(previous_plan, 1, 1, "", f"cannot read the earlier plan: "
                                  f"{getattr(error, 'strerror', None) or error}")]) from None
    return checkin.compare(checkin.parse(text, previous_plan), current)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def _scratch_folder():
    """A temporary folder of this build's own, set as the default for the workers forked inside the block.

    WeasyPrint copies each renderer's @font-face files into a new temporary folder and removes it only
    when the renderer is collected, which a worker that exits (or is killed) never does; removing this
    folder at the end of the build removes all of theirs.
    """
    folder = tempfile.mkdtemp(prefix="reporter-build-")
    previous = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield Path(folder)
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _interrupts_deferred():
    """SIGINT and SIGTERM that arrive inside the block are raised when it ends, not in the middle of it."""
    if not threading_main():
        yield
        return
    arrived: list[int] = []
    previous = {number: signal.signal(number, lambda signum, frame: arrived.append(signum))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if arrived:
        raise KeyboardInterrupt


@dataclass
class _Entry:
    source: str
    key: str
    folder: str
    record: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def build(patterns: Sequence[str], out_dir: Path, options: BuildOptions, today: dt.date,
          settings: BatchSettings = BatchSettings(), *, dated_by_epoch: bool = False,
          since: Path | None = None) -> int:
    """Build every input's documents into ``out_dir``; 0 all good, 1 an input failed, 130 interrupted.

    ``dated_by_epoch``: ``today`` came from SOURCE_DATE_EPOCH and dates every document; otherwise a
    document is dated by its assessment's plan start. ``since``: a previous build's output folder,
    whose plan.json of each input its prep plan and deck are compared with.
    """
    from . import documents, themes
    from .pool import Done, Failed
    from .progress import Progress

    started = time.perf_counter()
    kinds = [documents.KINDS[name] for name in options.formats]  # names checked by kinds_for() in the CLI
    filenames = tuple(kind.filename for kind in kinds)
    sources = expand_inputs(patterns)
    owners = _folder_owners(sources)
    if settings.shard:
        sources = select_shard(sources, *settings.shard)
    look = themes.load(options.theme)  # a bad theme fails the whole build before anything is rendered
    fingerprints = manifests.Fingerprints.of(options, settings.content_dir, look.fingerprint)
    manifest_path = out_dir / manifests.FILENAME
    previous = manifests.read(manifest_path)["inputs"]

    entries: list[_Entry] = []
    tasks: list[Task] = []
    skipped: list[_Entry] = []
    failed: list[_Entry] = []
    for source in sources:
        name, folder = _name(source), source.stem
        try:
            sha = manifests.sha256_file(source)
        except OSError as error:
            sha = ""
            problem = f"{name}: cannot read: {error.strerror or error}"
        else:
            problem = None
        since_plan = _since_plan(since, folder)
        key = fingerprints.key(sha, filenames, today.isoformat(), since=_since_key(since_plan))
        entry = _Entry(name, key, folder,
                       {"sha256": sha, "key": key, "status": "failed", "errors": [], "outputs": {}})
        entries.append(entry)
        owner = owners[folder]
        if problem is None and owner != source:
            problem = (f"{name}: its output folder {folder}/ is also that of {_name(owner)}; "
                       "rename one of the files")
        if problem is not None:
            entry.record["errors"] = [problem]
            failed.append(entry)
            continue
        old = previous.get(name)
        if (not settings.force and isinstance(old, dict) and old.get("key") == key
                and old.get("status") in ("built", "skipped") and manifests.outputs_intact(out_dir, old)):
            entry.record = {**old, "status": "skipped", "errors": []}
            skipped.append(entry)
            continue
        tasks.append(Task(source=name, folder=folder, kinds=tuple(kind.name for kind in kinds), today=today,
                          dated_by_epoch=dated_by_epoch, options=options, theme=look, since_plan=since_plan))

    jobs = min(settings.jobs or os.cpu_count() or 1, max(1, len(tasks)))
    mode = "quiet" if settings.quiet else ("bar" if sys.stderr.isatty() else "lines")
    progress = Progress(len(entries), sys.stderr, mode)
    for entry in skipped:
        progress.finished(entry.source, "skipped")
    for entry in failed:
        progress.finished(entry.source, "failed")

    by_source = {entry.source: entry for entry in entries}
    built: list[_Entry] = []
    workers: dict[int, dict[str, int]] = {}
    interrupted = False
    previous_handler = None
    pool = None
    next_save = time.monotonic() + MANIFEST_EVERY if len(tasks) > 1 else float("inf")
    stack = contextlib.ExitStack()
    try:
        if threading_main():
            previous_handler = signal.signal(signal.SIGTERM, _raise_interrupt)
        if tasks:
            stack.enter_context(_scratch_folder())
            pool = _start_pool(jobs, settings)
            for task in tasks:
                _sweep_parts(out_dir / task.folder)
            for event in pool.run(tasks, on_wait=progress.tick):
                entry = by_source[event.task.source]
                if not isinstance(event, (Done, Failed)):
                    progress.started(entry.source)
                    continue
                # Writing an input's documents and counting it are one step: a Ctrl-C that lands between
                # the two would leave a PDF on disk that the manifest does not list.
                with _interrupts_deferred():
                    if isinstance(event, Done):
                        _record(entry, event.result, out_dir, event.seconds)
                        stats = workers.setdefault(event.worker, {"documents": 0, "peak_rss_kb": 0})
                        stats["documents"] += 1
                        stats["peak_rss_kb"] = max(stats["peak_rss_kb"], event.peak_rss_kb)
                    else:
                        entry.record["errors"] = [f"{entry.source}: {event.message}"]
                        entry.record["render_seconds"] = round(event.seconds, 3)
                    status = entry.record["status"]
                    (built if status == "built" else failed).append(entry)
                progress.finished(entry.source, status, event.seconds)
                if time.monotonic() >= next_save:  # a killed build's rerun skips what it finished
                    _save_manifest(manifest_path, fingerprints, _done(built, skipped, failed), final=False)
                    next_save = time.monotonic() + MANIFEST_EVERY
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if pool is not None:
            pool.close(kill=interrupted)
        stack.close()  # after the workers: they write their font copies into the scratch folder
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        progress.close()
        _save_manifest(manifest_path, fingerprints, _done(built, skipped, failed))

    return _report(settings, progress, built, skipped, failed, interrupted, workers, jobs,
                   manifest_path, time.perf_counter() - started)


MANIFEST_EVERY = 1.0  # seconds between manifest saves while a build runs


def _since_plan(since: Path | None, folder: str) -> str | None:
    """The previous build's plan.json of an input's folder: its path, "" when there is none, None without --since."""
    if since is None:
        return None
    from .checkin import FILENAME

    path = since / folder / FILENAME
    return str(path) if path.is_file() else ""


def _since_key(since_plan: str | None) -> str:
    """What of a check-in a document depends on: the earlier plan.json's bytes (a rerun sees it change)."""
    if since_plan is None:
        return ""
    if not since_plan:
        return "none"
    try:
        return manifests.sha256_file(Path(since_plan))
    except OSError:
        return "unreadable"


def _done(*groups: list[_Entry]) -> dict[str, dict]:
    return {entry.source: entry.record for group in groups for entry in group}


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _start_pool(jobs: int, settings: BatchSettings):
    """Load WeasyPrint and the content pack once, here, so forked workers start warm."""
    global _LOADED_PACK
    from . import content, pdf  # noqa: F401  (imported for the workers to inherit)
    from .pool import WorkerPool

    _LOADED_PACK = content.load(settings.content_dir)  # a bad pack is reported once, not per input
    # What is loaded now lives as long as the workers: the collector need not scan it again (and a
    # forked worker that does not touch it keeps sharing its pages).
    gc.freeze()
    return WorkerPool(jobs, _init_with(settings.content_dir), render_task,
                      timeout=settings.timeout, memory_cap_mb=settings.memory_cap_mb)


def _folder_owners(sources: Sequence[Path]) -> dict[str, Path]:
    """Output folder (an input's stem) → the input that claims it; of two with one stem, the first by name."""
    owners: dict[str, Path] = {}
    for source in sorted(sources, key=_name, reverse=True):
        owners[source.stem] = source
    return owners


def _record(entry: _Entry, result: TaskResult, out_dir: Path, seconds: float) -> None:
    """Write a worker's documents atomically and note them in the entry."""
    record = entry.record
    if result.sha256 and result.sha256 != record["sha256"]:  # the file changed while we were building
        record["sha256"] = result.sha256
        record["key"] = entry.key = ""
    record["render_seconds"] = round(seconds, 3)
    entry.warnings = list(result.warnings)
    write_errors = []
    for document in result.documents:
        relative = f"{entry.folder}/{document.filename}"
        try:
            write_atomic(out_dir / relative, document.data)
        except OSError as error:  # a full disk, a folder we may not write: this input fails, the rest go on
            write_errors.append(f"{entry.source}: cannot write {out_dir / relative}: {error.strerror or error}")
            continue
        record["outputs"][relative] = {"sha256": hashlib.sha256(document.data).hexdigest(),
                                       "pages": document.pages, "bytes": len(document.data),
                                       "render_seconds": round(document.seconds, 3)}
    record["errors"] = [*result.errors, *write_errors]
    record["status"] = "failed" if record["errors"] else "built"


def _save_manifest(path: Path, fingerprints: manifests.Fingerprints, done: dict[str, dict],
                   final: bool = True) -> None:
    """Merge this run's entries into the manifest on disk (other shards may share OUT) and write it.

    A save during the build that cannot be written is retried at the end; the final one that cannot
    be written fails the build with a clear message (the PDFs written so far stay valid).
    """
    if not done:
        return
    current = manifests.read(path)
    manifest = {**manifests.empty(fingerprints), "inputs": {**current["inputs"], **done}}
    try:
        write_atomic(path, manifests.dumps(manifest))
    except OSError as error:
        if final:
            raise ReporterError(f"{path}: cannot write the manifest: {error.strerror or error}") from None


def _report(settings: BatchSettings, progress, built, skipped, failed, interrupted: bool,
            workers: dict, jobs: int, manifest_path: Path, seconds: float) -> int:
    failures = [(entry.source, entry.record["errors"]) for entry in failed]
    if settings.json:
        summary = {
            "built": len(built), "skipped": len(skipped), "failed": len(failed), "interrupted": interrupted,
            "seconds": round(seconds, 3), "jobs": jobs, "manifest": str(manifest_path),
            "failures": [{"input": source, "errors": errors} for source, errors in failures],
            "outputs": sorted(name for entry in built for name in entry.record["outputs"]),
            "workers": [{"documents": stats["documents"], "peak_rss_mb": round(stats["peak_rss_kb"] / 1024, 1)}
                        for stats in workers.values()],
        }
        print(json.dumps(summary, indent=2))
    stream = sys.stderr
    if not settings.json or not settings.quiet:
        if not settings.quiet:
            for entry in (*built, *failed):
                for line in entry.warnings:
                    print(line, file=stream)
        for _, errors in failures:
            for line in errors:
                print(line, file=stream)
        if not settings.quiet or failures or interrupted:
            print(f"{len(built)} built, {len(skipped)} skipped, {len(failed)} failed"
                  f"{' (interrupted)' if interrupted else ''} in {seconds:.1f} s", file=stream)
    if interrupted:
        return 130
    return 1 if failed else 0


def build_edition(out_dir: Path, playbook, today: dt.date, *, paper: str | None = None,
                  pdf_variant: str | None = None, theme: str = config.DEFAULT_THEME) -> int:
    """The documents that belong to no candidate (documents.EDITION_KINDS: the playbook as a book, the
    generic comparison sheet, the workshop deck), written to OUT/."""
    from . import documents, themes

    options = BuildOptions(formats=tuple(documents.EDITION_KINDS), pdf_variant=pdf_variant, paper=paper,
                           theme=theme)
    look = themes.load(theme)
    from .pdf import Renderer

    renderer = Renderer()
    inputs = documents.EditionInputs(playbook=playbook, generated=today, options=options, theme=look)
    built = failed = 0
    for kind in documents.EDITION_KINDS.values():
        try:
            for filename, rendered in documents.outputs(kind, inputs, renderer, f"{kind.name}: {kind.filename}"):
                write_atomic(out_dir / filename, rendered.pdf_bytes())
                print(f"built {out_dir / filename}", file=sys.stderr)
                built += 1
        except ReporterError as error:
            failed += 1
            for line in error.lines():
                print(line, file=sys.stderr)
        except OSError as error:  # a full disk, a folder we may not write: this document fails, the rest go on
            failed += 1
            print(f"{kind.name}: cannot write into {out_dir}: {error.strerror or error}", file=sys.stderr)
    renderer.close()
    print(f"{built} document(s) built, {failed} document(s) failed", file=sys.stderr)
    return 1 if failed else 0


def build_roster(out_dir: Path, today: dt.date, *, output: Path | None = None, theme: str | None = None,
                 paper: str | None = None, pdf_variant: str | None = None) -> int:
    """OUT/roster.pdf and OUT/roster.csv (or ``output`` and the .csv beside it) from the plan.json files of a
    build. The theme and paper are the build's, from its manifest, unless given. 0 written, 1 on failure."""
    from . import documents, roster, themes
    from .pdf import Renderer

    recorded = manifests.read(out_dir / manifests.FILENAME).get("options") or {}
    theme = theme or recorded.get("theme") or config.DEFAULT_THEME
    paper = paper or recorded.get("paper")
    pdf_variant = pdf_variant or recorded.get("pdf_variant")
    look = themes.load(theme)
    clients = roster.collect(out_dir, today)
    options = BuildOptions(formats=(documents.ROSTER.name,), pdf_variant=pdf_variant, paper=paper, theme=theme)
    inputs = documents.RosterInputs(roster=clients, generated=today, options=options, theme=look)
    pdf_path = output or out_dir / documents.ROSTER.filename
    csv_path = pdf_path.with_suffix(".csv")
    renderer = Renderer()
    try:
        (_, rendered), = documents.outputs(documents.ROSTER, inputs, renderer, str(pdf_path))
        data = documents.payload(rendered)
    finally:
        renderer.close()
    try:
        write_atomic(pdf_path, data)
        write_atomic(csv_path, roster.csv_bytes(clients))
    except OSError as error:
        raise ReporterError(f"{pdf_path}: cannot write the roster: {error.strerror or error}") from None
    print(f"wrote {pdf_path} and {csv_path.name}: {len(clients.rows)} client(s), "
          f"{len(clients.failures)} that could not be read", file=sys.stderr)
    return 0
