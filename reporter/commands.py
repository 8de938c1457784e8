"""One function per command: what `reporter <command>` does, called by cli.py with parsed values.

cli.py owns arguments and exit codes; these functions own the steps. Each returns the exit code
(see EXIT_CODES in cli.py) and raises ReporterError or UsageError for the CLI to print.
Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Sequence

from .errors import InputError, ReporterError, UsageError


def themes() -> int:
    """List the shipped themes: name, title, folder, description."""
    from . import themes as theme_packs

    for folder in theme_packs.shipped():
        theme = theme_packs.load(folder.name)
        print(f"{folder.name}\t{theme.name}\t{folder}\t{theme.description}")
    return 0


def schema(content_dir: Path | None) -> int:
    """Print the JSON Schema of the self-assessment."""
    from . import content
    from .assessment import schema_text

    sys.stdout.write(schema_text(content.load(content_dir)))
    return 0


def init(content_dir: Path | None, level: str, output: Path | None, today: dt.date, *, force: bool) -> int:
    """Write a commented starter (and its schema beside it), or print it when no output is given."""
    from . import content
    from .assessment import starter_yaml, write_starter

    playbook = content.load(content_dir)
    if output is None:
        sys.stdout.write(starter_yaml(playbook, level, today))
        return 0
    schema_path = write_starter(output, playbook, level, today, force=force)
    print(f"wrote {output} and {schema_path.name}", file=sys.stderr)
    return 0


def validate(content_dir: Path | None, patterns: Sequence[str], today: dt.date) -> int:
    """Report every problem of every file (files, folders or globs, as build takes them)."""
    from . import content
    from .assessment import load
    from .batch import expand_inputs

    files = expand_inputs(patterns)
    playbook = content.load(content_dir)
    failed = 0
    for path in files:
        try:
            warnings = load(path, playbook, today).warnings
        except InputError as error:
            failed += 1
            for line in error.lines():
                print(line, file=sys.stderr)
        else:
            for warning in warnings:
                print(warning, file=sys.stderr)
    if not failed:
        from .typography import counted
        print(f"{counted(len(files), 'file', 'files')} valid", file=sys.stderr)
    return 1 if failed else 0


def plan(content_dir: Path | None, path: Path, today: dt.date) -> int:
    """Print the computed plan of one self-assessment as JSON."""
    from . import content
    from .assessment import load
    from .checkin import plan_record
    from .plan import build_plan

    playbook = content.load(content_dir)
    assessment = load(path, playbook, today)
    for warning in assessment.warnings:
        print(warning, file=sys.stderr)
    record = plan_record(build_plan(assessment, playbook, today), assessment, playbook)
    print(json.dumps(record, indent=2, ensure_ascii=False))
    return 0


def build(patterns: Sequence[str], out_dir: Path, formats: str, today: dt.date, *, pdf_variant: str | None,
          paper: str | None, theme: str, since: Path | None, settings, dated_by_epoch: bool) -> int:
    """Render each input's documents into OUT/<stem>/, then what is made once per build (the roster)."""
    from .batch import build as build_batch
    from .batch import build_roster
    from .config import BuildOptions
    from .documents import build_end_kinds_for, kinds_for

    refuse_file_as_folder(out_dir)
    if since is not None and not since.is_dir():
        raise UsageError(f"--since {since}: no such folder")
    roster = bool(build_end_kinds_for(formats))
    per_input = [kind.name for kind in kinds_for(formats)]
    if roster and "json" not in per_input:  # the roster reads each client's plan.json: without it, no rows
        per_input = [kind.name for kind in kinds_for(",".join([*per_input, "json"]))]
    options = BuildOptions(formats=tuple(per_input), pdf_variant=pdf_variant,
                           paper=paper, theme=theme)
    code = 0
    if options.formats:
        code = build_batch(patterns, out_dir, options, today, settings, dated_by_epoch=dated_by_epoch, since=since)
    if roster and code != 130:  # a failed input is listed in the roster; an interrupted build makes none
        code = max(code, build_roster(out_dir, today, theme=theme, paper=paper, pdf_variant=pdf_variant,
                                        quiet=settings.quiet))
    return code


def edition(out_dir: Path, formats: str, today: dt.date, *, paper: str | None, pdf_variant: str | None,
            theme: str, settings) -> int:
    """Render the documents of no candidate (the book, the generic sheet, the workshop deck) as a batch."""
    from .batch import build_edition
    from .config import EDITION_FORMATS, pick_formats

    refuse_file_as_folder(out_dir)
    return build_edition(out_dir, today, pick_formats(formats, EDITION_FORMATS), paper=paper,
                         pdf_variant=pdf_variant, theme=theme, settings=settings)


def roster(out_dir: Path, output: Path | None, today: dt.date, *, theme: str | None, paper: str | None) -> int:
    """The roster of an existing build folder, read from its plan.json files."""
    from .batch import build_roster

    if not out_dir.is_dir():
        raise UsageError(f"{out_dir}: no such folder")
    return build_roster(out_dir, today, output=output, theme=theme, paper=paper)


def merge_manifests(manifests: Sequence[Path], output: Path) -> int:
    """Combine the manifests of a sharded build into one."""
    from . import manifest
    from .batch import write_atomic

    merged = manifest.merge(manifests)
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give the manifest file to write")
    try:
        write_atomic(output, manifest.dumps(merged))
    except OSError as error:
        raise ReporterError(f"{output}: cannot write: {error.strerror or error}") from None
    from .typography import counted
    print(f"wrote {output}: {counted(len(merged['inputs']), 'input', 'inputs')} from "
          f"{counted(len(manifests), 'manifest', 'manifests')}", file=sys.stderr)
    return 0


def refuse_file_as_folder(out_dir: Path) -> None:
    """An output folder that is a file is refused before anything is loaded or rendered."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: is a file, not a folder; give -o a folder to write into")
