"""Command line: argument parsing and exit codes. What each command does lives in commands.py.

Every command exits with one of EXIT_CODES. Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import ReporterError, UsageError


# The exit codes of every command (the README's table is this one).
EXIT_CODES: dict[int, str] = {
    0: "success (warnings, if any, were printed)",
    1: "an input or a document failed (the others were still built)",
    2: "usage error: a bad option, argument or output path; nothing was written",
    130: "interrupted (Ctrl-C); what was finished is kept and recorded",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit itself; we want our exit codes
        raise UsageError(f"{self.prog}: {message}")


def epoch_date() -> dt.date | None:
    """SOURCE_DATE_EPOCH as a date, when set: reproducible builds date every document by it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None


def today() -> dt.date:
    """The date documents are made on: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    return epoch_date() or dt.date.today()


class _Version(argparse.Action):
    """--version: the installed version, looked up only when asked. importlib.metadata scans the installed
    packages, which every command (and a rerun with nothing to do) would otherwise pay a tenth of a second for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import version

        print(f"reporter {version('reporter')}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reporter", description="Personalized L6/L7 interview prep documents.",
                     epilog="exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()))
    parser.add_argument("-V", "--version", action=_Version, help="show the version and exit")
    parser.add_argument("--content", type=Path, metavar="DIR", help="use an edited content pack")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("init", help="write a commented starter self-assessment")
    p.add_argument("--level", required=True, type=str.upper, choices=["L6", "L7"])
    p.add_argument("-o", "--output", type=Path, help="file to write (default: print)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("validate", help="check self-assessments and report every problem")
    p.add_argument("files", nargs="+", help="files, folders or globs (as build takes them)")

    sub.add_parser("schema", help="print the JSON Schema of the self-assessment")

    p = sub.add_parser("plan", help="print the computed plan as JSON")
    p.add_argument("file", type=Path)

    p = sub.add_parser("build", help="render documents for self-assessments")
    p.add_argument("inputs", nargs="+", help="files, folders or globs")
    p.add_argument("-o", "--output", type=Path, default=Path("out"))
    p.add_argument("--formats", default="plan", help="comma-separated: plan, sheet, slides, ics, json, roster")
    p.add_argument("--since", type=Path, metavar="PREVIOUS_OUT",
                   help="compare each plan with its plan.json in an earlier build's output folder")
    _paper_options(p)
    _theme_option(p)
    _batch_arguments(p)

    p = sub.add_parser("roster", help="one row per client of a build, most urgent first (OUT/roster.pdf, .csv)")
    p.add_argument("out", type=Path, metavar="OUT", help="a build's output folder (with plan.json files)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="PDF to write (default: OUT/roster.pdf); "
                                                                     "the CSV is written beside it")
    p.add_argument("--paper", choices=_papers(), type=str.lower, default=None, help="paper size (default: the build's)")
    p.add_argument("--theme", default=None, metavar="NAME|DIR", help="a theme (default: the build's)")

    p = sub.add_parser("merge-manifests", help="combine the manifests of a sharded build")
    p.add_argument("manifests", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="manifest to write")

    sub.add_parser("themes", help="list the shipped themes")

    p = sub.add_parser("edition", help="render the documents that belong to no candidate: the playbook as a "
                                       "book, the comparison sheet, the workshop deck")
    p.add_argument("-o", "--output", type=Path, default=Path("out"))
    p.add_argument("--formats", default=",".join(_edition_formats()),
                   help=f"comma-separated: {', '.join(_edition_formats())} (default: all)")
    _paper_options(p)
    _theme_option(p)
    _batch_arguments(p, shards=False)
    return parser


def _edition_formats() -> tuple[str, ...]:
    from .config import EDITION_FORMATS

    return EDITION_FORMATS


def _papers() -> tuple[str, ...]:
    from .config import PAPERS

    return PAPERS


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def _batch_arguments(p: argparse.ArgumentParser, shards: bool = True) -> None:
    """How a build runs (none of these change a document): workers, output, incremental, shards."""
    p.add_argument("-j", "--jobs", type=_positive_int, metavar="N", help="worker processes (default: cores)")
    p.add_argument("--force", action="store_true", help="rebuild even what the manifest says is up to date")
    if shards:
        p.add_argument("--shard", metavar="I/N", help="build only the I-th of N stable slices of the inputs")
    slow, big = (("an input whose documents take", "an input whose worker grows") if shards
                 else ("a document that takes", "a document whose worker grows"))
    p.add_argument("--timeout", type=_positive_float, default=300.0, metavar="SECONDS",
                   help=f"fail {slow} longer (default: 300)")
    p.add_argument("--memory-cap", type=_positive_int, default=1024, metavar="MB",
                   help=f"fail {big} beyond this (default: 1024)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    p.add_argument("--json", action="store_true", help="print a machine-readable summary on stdout")


def _theme_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--theme", default="default", metavar="NAME|DIR",
                   help="a shipped theme (see `reporter themes`) or a theme folder (default: default)")


def _paper_options(p: argparse.ArgumentParser) -> None:
    from .config import PAPERS, PDF_VARIANTS

    p.add_argument("--paper", choices=PAPERS, type=str.lower, default=None, help="paper size (default: the theme's, else a4)")
    p.add_argument("--pdf-variant", choices=PDF_VARIANTS, default=None,
                   help="write a PDF/A or PDF/UA variant (passed to the renderer)")


# The cyclic collector's thresholds for a run of reporter. Laying out a document allocates millions of
# short-lived objects (WeasyPrint's boxes and styles); at Python's default (700, 10, 10) a cold prep plan
# ran 463 collections, 8 % of its CPU time, mostly rescanning the imported modules. Fewer, larger young
# collections, and a full one every 4 million allocations, still return a finished document's memory.
COLLECTOR_THRESHOLDS = (10_000, 20, 20)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser()
    if not argv:  # `reporter` alone: the usage and the list of commands, as a usage error
        parser.print_help(sys.stderr)
        return 2
    try:
        args = parser.parse_args(argv)
        return _run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ReporterError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from . import commands

    if args.command == "themes":
        return commands.themes()
    if args.command == "schema":
        return commands.schema(args.content)
    if args.command == "init":
        return commands.init(args.content, args.level, args.output, today(), force=args.force)
    if args.command == "validate":
        return commands.validate(args.content, args.files, today())
    if args.command == "plan":
        return commands.plan(args.content, args.file, today())
    if args.command == "build":
        return commands.build(args.inputs, args.output, args.formats, today(), pdf_variant=args.pdf_variant,
                              paper=args.paper, theme=args.theme, since=args.since, settings=_batch_settings(args),
                              dated_by_epoch=epoch_date() is not None)
    if args.command == "edition":
        return commands.edition(args.output, args.formats, today(), paper=args.paper,
                                pdf_variant=args.pdf_variant, theme=args.theme, settings=_batch_settings(args))
    if args.command == "roster":
        return commands.roster(args.out, args.output, today(), theme=args.theme, paper=args.paper)
    if args.command == "merge-manifests":
        return commands.merge_manifests(args.manifests, args.output)
    raise UsageError(f"unknown command {args.command}")


def _batch_settings(args: argparse.Namespace):
    from .batch import BatchSettings, parse_shard

    shard = getattr(args, "shard", None)
    return BatchSettings(jobs=args.jobs, force=args.force, shard=parse_shard(shard) if shard else None,
                         timeout=args.timeout, memory_cap_mb=args.memory_cap, quiet=args.quiet, json=args.json,
                         content_dir=args.content)


def entry() -> None:
    """The process's entry point (the ``reporter`` command, ``python -m reporter``): the process is ours, so
    its collector is tuned here, not in ``main``, which a program embedding reporter may call."""
    import gc

    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    _leave(main())


def _leave(code: int) -> None:
    """End the process with ``code`` without tearing the interpreter down.

    A finished build holds WeasyPrint's modules, fonts and caches, and freeing them one by one at exit took
    70 ms of a 1.8 s cold build, for nothing. What an exit must still do is done: the exit handlers run
    (logging, finalizers, temporary folders) and the standard streams are flushed. A reader that closed the
    pipe early (``reporter build --json | head``) loses nothing it asked for.
    """
    import atexit

    atexit._run_exitfuncs()  # INTERNAL but stable: what interpreter shutdown runs first
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
