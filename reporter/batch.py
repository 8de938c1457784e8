"""Load all → validate → plan → render → write, for many inputs at once, never stopping on a bad one.

``build`` (self-assessments into OUT/<stem>/) and ``build_edition`` (the documents of no candidate, into
OUT/) are the same steps, each a function below:
1. an entry per thing to make, with its key: an input (expanded from files, folders, globs; this run's
   shard), or one edition document; and the task a worker renders for it;
2. ``plan_tasks``: decide from the manifest what a rerun may skip;
3. ``run_on_pool``: render the rest on a pool of warm workers (pool.py); ``record`` writes each result
   atomically as it arrives;
4. ``save_manifest``, then ``report`` what happened.
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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

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


def _sweep_parts(out_dir: Path, task) -> None:
    """Temporary files a killed earlier build left where a task writes (``task.leftovers``: globs in its folder)."""
    folder = out_dir / task.folder
    if folder.is_dir():
        for pattern in task.leftovers():
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
    # (kind name, its HTML) made by the build while its only worker was starting (see with_html)
    html: tuple[tuple[str, str], ...] = ()

    def leftovers(self) -> tuple[str, ...]:
        return (".*.pdf.*.part", ".*.json.*.part", ".*.ics.*.part")  # only this input writes in its folder


@dataclass(frozen=True)
class EditionTask:
    """One document of the edition to render; picklable, sent to a worker."""

    document: str  # its --formats word, a key of documents.EDITION_KINDS
    today: dt.date
    options: BuildOptions
    theme: Any = None  # themes.Theme, validated once by the parent
    folder: str = ""  # written to OUT itself
    html: str | None = None  # its HTML, made by the build while its only worker was starting (see with_html)

    def leftovers(self) -> tuple[str, ...]:
        # OUT is shared with a candidate build (its manifest, the roster): only this document's own files.
        from . import documents

        return tuple(f".{name}.*.part" for name in documents.filenames(documents.EDITION_KINDS[self.document]))


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
        from . import assessment, content, documents, plan  # noqa: F401  (render_task's, loaded before it runs)
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
    from .errors import InputError

    result = TaskResult()
    try:
        assessment = _assessed(task, state.playbook)
        result.sha256 = assessment.sha256
        result.warnings.extend(str(warning) for warning in assessment.warnings)
        inputs = _planned(task, state.playbook, assessment)
    except InputError as error:
        result.errors.extend(error.lines())
        return result
    made = dict(task.html)
    for name in task.kinds:
        _render_kind(documents.KINDS[name], inputs, state.renderer, task.source, result, made.get(name))
    return result


def _assessed(task: Task, playbook):
    """The task's self-assessment, parsed and checked (InputError: where it is wrong)."""
    from . import glyphs
    from .assessment import load as load_assessment

    theme_fonts = tuple(glyphs.font_file_points(f.path) for f in task.theme.font_files) if task.theme else ()
    return load_assessment(Path(task.source), playbook, task.today, font_points=theme_fonts)


def _planned(task: Task, playbook, assessment):
    """Its plan (and check-in) as the documents' inputs."""
    from . import documents
    from .plan import build_plan

    plan = build_plan(assessment, playbook, task.today)
    since = None if task.since_plan is None else check_in(task.since_plan, plan, assessment, playbook)
    return documents.Inputs(playbook=playbook, assessment=assessment, plan=plan,
                            generated=task.today if task.dated_by_epoch else plan.plan_start,
                            options=task.options, theme=task.theme, since=since)


def _edition_inputs(task: EditionTask, playbook):
    from . import documents

    return documents.EditionInputs(playbook=playbook, generated=task.today, options=task.options, theme=task.theme)


def render_edition_document(state: _WorkerState, task: EditionTask) -> TaskResult:
    """Render one document of the edition. Nothing is written here."""
    from . import documents

    result = TaskResult()
    _render_kind(documents.EDITION_KINDS[task.document], _edition_inputs(task, state.playbook), state.renderer,
                 task.document, result, task.html)
    return result


def with_html(task: Task | EditionTask, playbook) -> Task | EditionTask:
    """``task`` with the HTML of its one-pass documents made here, for a worker that is still starting.

    A build whose only worker started early waits for it to load WeasyPrint; making the HTML meanwhile
    (the templates' first compile is most of it) takes that off the time to the first document. The
    worker parses and plans the input again, as it would anyway, and lays out this HTML. Whatever goes
    wrong here is left for the worker to meet and report as it always does.
    """
    from . import documents

    try:
        if isinstance(task, EditionTask):
            return replace(task, html=documents.one_pass_html(documents.EDITION_KINDS[task.document],
                                                                          _edition_inputs(task, playbook)))
        if task.since_plan is not None:
            return task  # a check-in reads the earlier plan; the worker does that once
        inputs = _planned(task, playbook, _assessed(task, playbook))
        made = ((name, documents.one_pass_html(documents.KINDS[name], inputs)) for name in task.kinds)
        return replace(task, html=tuple((name, html) for name, html in made if html is not None))
    except Exception:  # noqa: BLE001 (the worker reports it, located, as for any input)
        return task


def _render_kind(kind, inputs, renderer, source: str, result: TaskResult, html: str | None = None) -> None:
    """Lay out every file of one kind into ``result``: its documents, or the lines of why it failed."""
    from . import documents

    started = time.perf_counter()
    try:
        made = [(filename, documents.payload(rendered), rendered.page_count)
                for filename, rendered in documents.outputs(kind, inputs, renderer, f"{source}: {kind.filename}",
                                                            html)]
    except ReporterError as error:
        result.errors.extend(error.lines())
        return
    seconds = (time.perf_counter() - started) / max(1, len(made))
    result.documents.extend(Document(filename, data, pages, seconds) for filename, data, pages in made)


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
def _sigterm_interrupts():
    """Inside the block SIGTERM stops the build as Ctrl-C does: what finished is kept and recorded.

    A build started with SIGTERM ignored keeps ignoring it.
    """
    if not threading_main() or signal.getsignal(signal.SIGTERM) == signal.SIG_IGN:
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    """SIGINT and SIGTERM that arrive inside the block are raised when it ends, not in the middle of it.

    A signal the build was started ignoring (``nohup``, a background job of a shell without job control)
    stays ignored here too: deferring it would turn it into an interrupt.
    """
    if not threading_main():
        yield
        return
    arrived: list[int] = []
    previous = {number: signal.signal(number, lambda signum, frame: arrived.append(signum))
                for number in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(number) != signal.SIG_IGN}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if arrived:
        raise KeyboardInterrupt


@dataclass
class _Entry:
    """One thing a build makes (an input's documents, or one document of the edition) and its manifest record."""

    source: str  # its name in the manifest and in messages: an input's path, an edition document's word
    key: str
    folder: str  # where its files go, relative to OUT ("" is OUT itself)
    record: dict[str, Any]
    task: Task | EditionTask | None = None  # what a worker renders; None: it cannot be built (record["errors"])
    warnings: list[str] = field(default_factory=list)
    # What rendering it is expected to cost, relative to the others (an input's size in bytes): the dearest
    # go to the workers first, so the build does not end waiting on a long one started last.
    cost: int = 0


def _new_record(key: str, **fields: Any) -> dict[str, Any]:
    """An entry's manifest record before it is built: failed until a worker's result says otherwise."""
    return {**fields, "key": key, "status": "failed", "errors": [], "outputs": {}}


@dataclass
class Batch:
    """One run of a build: every entry, sorted by what became of it. The steps below fill it in, in order."""

    out_dir: Path
    manifest_path: Path
    fingerprints: manifests.Fingerprints
    jobs: int = 1
    to_render: list[_Entry] = field(default_factory=list)
    built: list[_Entry] = field(default_factory=list)
    skipped: list[_Entry] = field(default_factory=list)
    failed: list[_Entry] = field(default_factory=list)
    workers: dict[int, dict[str, int]] = field(default_factory=dict)  # pid -> documents, peak_rss_kb
    interrupted: bool = False

    def done(self) -> dict[str, dict]:
        """The records of every entry that has an outcome, by name: what the manifest is told."""
        return {entry.source: entry.record for group in (self.built, self.skipped, self.failed) for entry in group}


def build(patterns: Sequence[str], out_dir: Path, options: BuildOptions, today: dt.date,
          settings: BatchSettings = BatchSettings(), *, dated_by_epoch: bool = False,
          since: Path | None = None) -> int:
    """Build every input's documents into ``out_dir``; 0 all good, 1 an input failed, 130 interrupted.

    ``dated_by_epoch``: ``today`` came from SOURCE_DATE_EPOCH and dates every document; otherwise a
    document is dated by its assessment's plan start. ``since``: a previous build's output folder,
    whose plan.json of each input its prep plan and deck are compared with.
    """
    from . import themes

    started = time.perf_counter()
    sources = expand_inputs(patterns)
    owners = _folder_owners(sources)
    if settings.shard:
        sources = select_shard(sources, *settings.shard)
    look = themes.load(options.theme)  # a bad theme fails the whole build before anything is rendered

    def entries() -> tuple[manifests.Fingerprints, list[_Entry]]:
        fingerprints = manifests.Fingerprints.of(options, settings.content_dir, look.fingerprint)
        return fingerprints, [_input_entry(source, owners[source.stem], fingerprints, options, look, today,
                                           dated_by_epoch=dated_by_epoch, since=since) for source in sources]

    return _build_all(entries, len(sources), out_dir / manifests.FILENAME, settings, render_task, started)


def build_edition(out_dir: Path, today: dt.date, formats: Sequence[str] = config.EDITION_FORMATS, *,
                  paper: str | None = None, pdf_variant: str | None = None, theme: str = config.DEFAULT_THEME,
                  settings: BatchSettings = BatchSettings()) -> int:
    """The documents that belong to no candidate (``formats``, words of config.EDITION_FORMATS: the playbook
    as a book, the generic comparison sheet, the workshop deck), written to OUT/ as a build writes an input's:
    one task per document on the pool, recorded in OUT/edition-manifest.json. 0, 1 or 130 as build's.

    A rerun with nothing changed decides from the manifest alone: it loads neither the document table nor
    WeasyPrint, and starts no worker.
    """
    from . import themes

    started = time.perf_counter()
    look = themes.load(theme)
    # The options name every edition document whatever --formats picked, so a document's key does not
    # change with which others were asked for this time.
    options = BuildOptions(formats=config.EDITION_FORMATS, pdf_variant=pdf_variant, paper=paper, theme=theme)

    def entries() -> tuple[manifests.Fingerprints, list[_Entry]]:
        fingerprints = manifests.Fingerprints.of(options, settings.content_dir, look.fingerprint)
        return fingerprints, [_edition_entry(name, fingerprints, options, look, today)
                              for name in sorted(formats, key=config.EDITION_LONGEST_FIRST.index)]

    return _build_all(entries, len(formats), out_dir / manifests.EDITION_FILENAME, settings,
                      render_edition_document, started)


def _build_all(make_entries: Callable[[], tuple[manifests.Fingerprints, list[_Entry]]], count: int,
               manifest_path: Path, settings: BatchSettings, work: Callable[[Any, Any], TaskResult],
               started: float) -> int:
    """Both commands: start the first worker (start_first_worker), make the ``count`` entries meanwhile, then
    run the shared steps (build_entries), the worker's temporary files in a folder removed at the end."""
    with _scratch_folder():
        pool = start_first_worker(manifest_path, settings, work, count)
        try:
            fingerprints, entries = make_entries()
        except BaseException:
            _stop_unused(pool)
            raise
        return build_entries(entries, manifest_path, fingerprints, settings, work, started, pool)


def build_entries(entries: Sequence[_Entry], manifest_path: Path, fingerprints: manifests.Fingerprints,
                  settings: BatchSettings, work: Callable[[Any, Any], TaskResult], started: float,
                  pool=None) -> int:
    """The steps both commands run once their entries are made: plan, show, render and record, save, report.

    ``pool``: one started by start_first_worker, which the render step takes over (and always closes).
    """
    try:
        batch = plan_tasks(entries, manifest_path.parent, manifest_path, fingerprints, settings)
        progress = show_planned(batch, settings)
    except BaseException:
        _stop_unused(pool)
        raise
    try:
        run_on_pool(batch, settings, work, progress, pool)
    finally:
        progress.close()
        save_manifest(batch)
    return report(batch, settings, time.perf_counter() - started)


def _input_entry(source: Path, owner: Path, fingerprints: manifests.Fingerprints, options: BuildOptions, look,
                 today: dt.date, *, dated_by_epoch: bool, since: Path | None) -> _Entry:
    """An input's entry: its key (its bytes, the build, the day, --since's plan.json) and its task, or why not."""
    from . import documents

    name, folder = _name(source), source.stem
    filenames = tuple(documents.KINDS[kind].filename for kind in options.formats)  # checked by kinds_for()
    try:
        sha, size, problem = manifests.sha256_file(source), source.stat().st_size, None
    except OSError as error:
        sha, size, problem = "", 0, f"{name}: cannot read: {error.strerror or error}"
    since_plan = _since_plan(since, folder)
    key = fingerprints.key(sha, filenames, today.isoformat(), since=_since_key(since_plan))
    entry = _Entry(name, key, folder, _new_record(key, sha256=sha), cost=size)
    if problem is None and owner != source:
        problem = (f"{name}: its output folder {folder}/ is also that of {_name(owner)}; "
                   "rename one of the files")
    if problem is not None:
        entry.record["errors"] = [problem]
        return entry
    entry.task = Task(source=name, folder=folder, kinds=options.formats, today=today,
                      dated_by_epoch=dated_by_epoch, options=options, theme=look, since_plan=since_plan)
    return entry


def _edition_entry(name: str, fingerprints: manifests.Fingerprints, options: BuildOptions, look,
                   today: dt.date) -> _Entry:
    """An edition document's entry: its key (the build and the day; there is no input) and its task."""
    key = fingerprints.key("", (name,), today.isoformat())
    return _Entry(name, key, "", _new_record(key),
                  task=EditionTask(document=name, today=today, options=options, theme=look))


def plan_tasks(entries: Sequence[_Entry], out_dir: Path, manifest_path: Path,
               fingerprints: manifests.Fingerprints, settings: BatchSettings) -> Batch:
    """Decide what this run renders: an entry with no task has failed already; one whose key and files
    match its record in the manifest is skipped (unless --force); the rest are rendered, dearest first."""
    previous = manifests.read(manifest_path)["inputs"]
    batch = Batch(out_dir, manifest_path, fingerprints)
    for entry in entries:
        old = previous.get(entry.source)
        if entry.task is None:
            batch.failed.append(entry)
        elif not settings.force and _up_to_date(old, entry.key, out_dir):
            entry.record = {**old, "status": "skipped", "errors": []}
            batch.skipped.append(entry)
        else:
            batch.to_render.append(entry)
    batch.to_render.sort(key=lambda entry: entry.cost, reverse=True)  # stable: equal costs keep their order
    batch.jobs = min(settings.jobs or os.cpu_count() or 1, max(1, len(batch.to_render)))
    return batch


def _up_to_date(old: Any, key: str, out_dir: Path) -> bool:
    return (isinstance(old, dict) and old.get("key") == key and old.get("status") in ("built", "skipped")
            and manifests.outputs_intact(out_dir, old))


def show_planned(batch: Batch, settings: BatchSettings):
    """The progress display, showing at once what was skipped or failed before anything is rendered."""
    from .progress import Progress

    mode = "quiet" if settings.quiet else ("bar" if sys.stderr.isatty() else "lines")
    progress = Progress(len(batch.to_render) + len(batch.skipped) + len(batch.failed), sys.stderr, mode)
    for entry in batch.skipped:
        progress.finished(entry.source, "skipped")
    for entry in batch.failed:
        progress.finished(entry.source, "failed")
    return progress


def run_on_pool(batch: Batch, settings: BatchSettings, work: Callable[[Any, Any], TaskResult], progress,
                pool=None) -> None:
    """Render every task of ``batch.to_render`` with ``work`` on warm workers, and record each result as it
    arrives. Ctrl-C or SIGTERM stops the run (``batch.interrupted``); what finished is kept.

    ``pool``: one whose first worker was started early (start_first_worker); it is closed here in any case.
    """
    if not batch.to_render:
        _stop_unused(pool)
        return  # nothing to render: no pool, no WeasyPrint
    from .pool import Done, Failed

    next_save = time.monotonic() + MANIFEST_EVERY if len(batch.to_render) > 1 else float("inf")
    early = pool is not None
    try:
        with _sigterm_interrupts(), _scratch_folder():  # the folder is removed after the workers are stopped
            try:
                pool = _start_pool(batch.jobs, settings, work, pool)
                if early and batch.jobs == 1:  # its only worker is still loading WeasyPrint: make the HTML here
                    batch.to_render[0].task = with_html(batch.to_render[0].task, _LOADED_PACK)
                by_task = {id(entry.task): entry for entry in batch.to_render}  # the pool hands back its task
                for entry in batch.to_render:
                    _sweep_parts(batch.out_dir, entry.task)
                for event in pool.run([entry.task for entry in batch.to_render], on_wait=progress.tick):
                    entry = by_task[id(event.task)]
                    if not isinstance(event, (Done, Failed)):
                        progress.started(entry.source)
                        continue
                    # Writing an entry's documents and counting it are one step: a Ctrl-C that lands between
                    # the two would leave a PDF on disk that the manifest does not list.
                    with _interrupts_deferred():
                        record(batch, entry, event)
                    progress.finished(entry.source, entry.record["status"], event.seconds)
                    if time.monotonic() >= next_save:  # a killed build's rerun skips what it finished
                        save_manifest(batch, final=False)
                        next_save = time.monotonic() + MANIFEST_EVERY
            except KeyboardInterrupt:
                batch.interrupted = True
            finally:
                if pool is not None:
                    pool.close(kill=batch.interrupted)
                    gc.unfreeze()  # what _start_pool froze for the workers' sake is the collector's again
    except KeyboardInterrupt:  # one more while the workers were being stopped
        batch.interrupted = True


MANIFEST_EVERY = 1.0  # seconds between manifest saves while a build runs


def record(batch: Batch, entry: _Entry, event) -> None:
    """Count a finished task: write its documents atomically and note them (built), or note why it failed."""
    from .pool import Done

    if isinstance(event, Done):
        _write_documents(entry, event.result, batch.out_dir, event.seconds)
        stats = batch.workers.setdefault(event.worker, {"documents": 0, "peak_rss_kb": 0})
        stats["documents"] += 1
        stats["peak_rss_kb"] = max(stats["peak_rss_kb"], event.peak_rss_kb)
    else:
        entry.record["errors"] = [f"{entry.source}: {event.message}"]
        entry.record["render_seconds"] = round(event.seconds, 3)
    (batch.built if entry.record["status"] == "built" else batch.failed).append(entry)


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


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _new_pool(jobs: int, settings: BatchSettings, work: Callable[[Any, Any], TaskResult]):
    from .pool import WorkerPool

    return WorkerPool(jobs, _init_with(settings.content_dir), work,
                      timeout=settings.timeout, memory_cap_mb=settings.memory_cap_mb)


def _stop_unused(pool) -> None:
    """Stop the early worker of a build that ends (or fails) before it hands out any task."""
    if pool is not None:
        pool.close(kill=True)


def start_first_worker(manifest_path: Path, settings: BatchSettings, work: Callable[[Any, Any], TaskResult],
                       inputs: int):
    """A pool with one worker started now, before the build is planned, or None.

    Only when the build will render (``--force``, or no manifest yet: a rerun that may skip everything starts
    no worker) and the machine has a core to spare: the worker loads WeasyPrint, the fonts and the content
    pack on it while this process fingerprints the inputs and reads the manifest, and takes the first input.
    """
    if not inputs or (os.cpu_count() or 1) < 2 or not (settings.force or not manifest_path.exists()):
        return None
    pool = _new_pool(1, settings, work)
    pool.start_worker()
    return pool


def _start_pool(jobs: int, settings: BatchSettings, work: Callable[[Any, Any], TaskResult], pool=None):
    """The pool of ``jobs`` workers, ``pool`` (one already started) if given.

    WeasyPrint, the document table and the content pack are loaded once, here, so that the workers forked
    from here start warm; a pool's early worker loads them itself, and if it is the only one WeasyPrint is not
    loaded here at all.
    """
    global _LOADED_PACK
    from . import content

    _LOADED_PACK = content.load(settings.content_dir)  # a bad pack is reported once, not per input
    if pool is not None and jobs == 1:
        return pool
    from . import documents, pdf  # noqa: F401  (imported for the workers to inherit)

    # What is loaded now lives as long as the workers: the collector need not scan it again (and a
    # forked worker that does not touch it keeps sharing its pages).
    gc.freeze()
    if pool is None:
        return _new_pool(jobs, settings, work)
    pool.allow(jobs)
    return pool


def _folder_owners(sources: Sequence[Path]) -> dict[str, Path]:
    """Output folder (an input's stem) → the input that claims it; of two with one stem, the first by name."""
    owners: dict[str, Path] = {}
    for source in sorted(sources, key=_name, reverse=True):
        owners[source.stem] = source
    return owners


def _write_documents(entry: _Entry, result: TaskResult, out_dir: Path, seconds: float) -> None:
    """Write a worker's documents atomically and note them in the entry."""
    record = entry.record
    if result.sha256 and result.sha256 != record.get("sha256"):  # the file changed while we were building
        record["sha256"] = result.sha256
        record["key"] = entry.key = ""
    record["render_seconds"] = round(seconds, 3)
    entry.warnings = list(result.warnings)
    write_errors = []
    for document in result.documents:
        relative = f"{entry.folder}/{document.filename}" if entry.folder else document.filename
        try:
            write_atomic(out_dir / relative, document.data)
        except OSError as error:  # a full disk, a folder we may not write: this entry fails, the rest go on
            write_errors.append(f"{entry.source}: cannot write {out_dir / relative}: {error.strerror or error}")
            continue
        record["outputs"][relative] = {"sha256": hashlib.sha256(document.data).hexdigest(),
                                       "pages": document.pages, "bytes": len(document.data),
                                       "render_seconds": round(document.seconds, 3)}
    record["errors"] = [*result.errors, *write_errors]
    record["status"] = "failed" if record["errors"] else "built"


def save_manifest(batch: Batch, final: bool = True) -> None:
    """Merge this run's entries into the manifest on disk (other shards may share OUT) and write it.

    A save during the build that cannot be written is retried at the end; the final one that cannot
    be written fails the build with a clear message (the PDFs written so far stay valid).
    """
    done = batch.done()
    if not done:
        return
    current = manifests.read(batch.manifest_path)
    manifest = {**manifests.empty(batch.fingerprints), "inputs": {**current["inputs"], **done}}
    try:
        write_atomic(batch.manifest_path, manifests.dumps(manifest))
    except OSError as error:
        if final:
            raise ReporterError(f"{batch.manifest_path}: cannot write the manifest: "
                                f"{error.strerror or error}") from None


def report(batch: Batch, settings: BatchSettings, seconds: float) -> int:
    """The summary (JSON on stdout with --json), warnings and failures on stderr; the exit code."""
    failures = [(entry.source, entry.record["errors"]) for entry in batch.failed]
    if settings.json:
        summary = {
            "built": len(batch.built), "skipped": len(batch.skipped), "failed": len(batch.failed),
            "interrupted": batch.interrupted, "seconds": round(seconds, 3), "jobs": batch.jobs,
            "manifest": str(batch.manifest_path),
            "failures": [{"input": source, "errors": errors} for source, errors in failures],
            "outputs": sorted(name for entry in batch.built for name in entry.record["outputs"]),
            "workers": [{"documents": stats["documents"], "peak_rss_mb": round(stats["peak_rss_kb"] / 1024, 1)}
                        for stats in batch.workers.values()],
        }
        print(json.dumps(summary, indent=2))
    stream = sys.stderr
    if not settings.json or not settings.quiet:
        if not settings.quiet:
            for entry in (*batch.built, *batch.failed):
                for line in entry.warnings:
                    print(line, file=stream)
        for _, errors in failures:
            for line in errors:
                print(line, file=stream)
        if not settings.quiet or failures or batch.interrupted:
            print(f"{len(batch.built)} built, {len(batch.skipped)} skipped, {len(batch.failed)} failed"
                  f"{' (interrupted)' if batch.interrupted else ''} in {seconds:.1f} s", file=stream)
    if batch.interrupted:
        return 130
    return 1 if batch.failed else 0


def build_roster(out_dir: Path, today: dt.date, *, output: Path | None = None, theme: str | None = None,
                 paper: str | None = None, pdf_variant: str | None = None, quiet: bool = False) -> int:
    """OUT/roster.pdf and OUT/roster.csv (or ``output`` and the .csv beside it) from the plan.json files of a
    build. The theme and paper are the build's, from its manifest, unless given. 0 written, 1 on failure.
    ``quiet``: the build's --quiet, which prints only failures."""
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
    if quiet:
        return 0
    from .typography import counted
    print(f"wrote {pdf_path} and {csv_path.name}: {counted(len(clients.rows), 'client', 'clients')}, "
          f"{len(clients.failures)} that could not be read", file=sys.stderr)
    return 0
