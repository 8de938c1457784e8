"""Load all → validate → plan → render → write, one input at a time, never stopping on a bad one."""

from __future__ import annotations

import datetime as dt
import glob
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import config, documents, themes
from .assessment import load as load_assessment
from .config import BuildOptions
from .content import Playbook
from .errors import InputError, ReporterError, UsageError
from .plan import build_plan


def expand_inputs(patterns: Sequence[str]) -> list[Path]:
    """Files, folders (their *.yaml / *.yml) and globs, each file once, in a stable order."""
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
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


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@dataclass
class Outcome:
    source: Path
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def build_one(source: Path, out_dir: Path, playbook: Playbook, today: dt.date,
              kinds: Sequence[documents.DocumentKind], renderer,
              options: BuildOptions = BuildOptions(), theme=None) -> Outcome:
    outcome = Outcome(source)
    try:
        assessment = load_assessment(source, playbook, today)
        plan = build_plan(assessment, playbook, today)
    except InputError as error:
        outcome.errors.extend(error.lines())
        return outcome
    inputs = documents.Inputs(playbook=playbook, assessment=assessment, plan=plan,
                              generated=plan.plan_start if "SOURCE_DATE_EPOCH" not in os.environ else today,
                              options=options, theme=theme)
    for kind in kinds:
        try:
            for filename, rendered in documents.outputs(kind, inputs, renderer, f"{source}: {kind.filename}"):
                target = out_dir / assessment.stem / filename
                write_atomic(target, rendered.pdf_bytes())
                outcome.written.append(target)
        except ReporterError as error:
            outcome.errors.extend(error.lines())
    return outcome


def build(patterns: Sequence[str], out_dir: Path, playbook: Playbook, today: dt.date, *, formats: str = "plan",
          paper: str | None = None, pdf_variant: str | None = None, theme: str = config.DEFAULT_THEME) -> int:
    kinds = documents.kinds_for(formats)
    options = BuildOptions(formats=tuple(k.name for k in kinds), pdf_variant=pdf_variant, paper=paper, theme=theme)
    if paper is not None:
        documents.paper_stylesheet(paper)  # an unknown paper is a usage error before any work
    sources = expand_inputs(patterns)
    look = themes.load(theme)  # a bad theme fails the whole build before anything is rendered
    from .pdf import Renderer  # WeasyPrint loads only for commands that render

    renderer = Renderer()
    built = failed = 0
    for source in sources:
        outcome = build_one(source, out_dir, playbook, today, kinds, renderer, options, look)
        for path in outcome.written:
            print(f"built {path}", file=sys.stderr)
        for line in outcome.errors:
            print(line, file=sys.stderr)
        built += len(outcome.written)
        failed += bool(outcome.errors)
    print(f"{built} document(s) built, {failed} input(s) failed", file=sys.stderr)
    return 1 if failed else 0


def build_edition(out_dir: Path, playbook: Playbook, today: dt.date, *, paper: str | None = None,
                  pdf_variant: str | None = None, theme: str = config.DEFAULT_THEME) -> int:
    """The documents that belong to no candidate (documents.EDITION_KINDS: the playbook as a book, the
    generic comparison sheet, the workshop deck), written to OUT/."""
    options = BuildOptions(formats=tuple(documents.EDITION_KINDS), pdf_variant=pdf_variant, paper=paper,
                           theme=theme)
    if paper is not None:
        documents.paper_stylesheet(paper)
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
    print(f"{built} document(s) built, {failed} document(s) failed", file=sys.stderr)
    return 1 if failed else 0
