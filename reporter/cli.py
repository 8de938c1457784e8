"""Command line: argument parsing and exit codes. Business logic lives in the modules it calls.

Exit codes: 0 success, 1 an input or a document failed, 2 usage error.
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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reporter", description="Personalized L6/L7 interview prep documents.")
    parser.add_argument("--content", type=Path, metavar="DIR", help="use an edited content pack")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("init", help="write a commented starter self-assessment")
    p.add_argument("--level", required=True, type=str.upper, choices=["L6", "L7"])
    p.add_argument("-o", "--output", type=Path, help="file to write (default: print)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("validate", help="check self-assessments and report every problem")
    p.add_argument("files", nargs="+", type=Path)

    sub.add_parser("schema", help="print the JSON Schema of the self-assessment")

    p = sub.add_parser("plan", help="print the computed plan as JSON")
    p.add_argument("file", type=Path)

    p = sub.add_parser("build", help="render documents for self-assessments")
    p.add_argument("inputs", nargs="+", help="files, folders or globs")
    p.add_argument("-o", "--output", type=Path, default=Path("out"))
    p.add_argument("--formats", default="plan", help="comma-separated: plan, sheet, slides, ics")
    _paper_options(p)
    _theme_option(p)
    _batch_arguments(p)

    p = sub.add_parser("merge-manifests", help="combine the manifests of a sharded build")
    p.add_argument("manifests", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="manifest to write")

    sub.add_parser("themes", help="list the shipped themes")

    p = sub.add_parser("edition", help="render the documents that belong to no candidate: the playbook as a "
                                       "book, the comparison sheet, the workshop deck")
    p.add_argument("-o", "--output", type=Path, default=Path("out"))
    _paper_options(p)
    _theme_option(p)
    return parser


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


def _batch_arguments(p: argparse.ArgumentParser) -> None:
    """How a build runs (none of these change a document): workers, output, incremental, shards."""
    p.add_argument("-j", "--jobs", type=_positive_int, metavar="N", help="worker processes (default: cores)")
    p.add_argument("--force", action="store_true", help="rebuild even what the manifest says is up to date")
    p.add_argument("--shard", metavar="I/N", help="build only the I-th of N stable slices of the inputs")
    p.add_argument("--timeout", type=_positive_float, default=300.0, metavar="SECONDS",
                   help="fail an input whose documents take longer (default: 300)")
    p.add_argument("--memory-cap", type=_positive_int, default=1024, metavar="MB",
                   help="fail an input whose worker grows beyond this (default: 1024)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    p.add_argument("--json", action="store_true", help="print a machine-readable summary on stdout")


def _theme_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--theme", default="default", metavar="NAME|DIR",
                   help="a shipped theme (see `reporter themes`) or a theme folder (default: default)")


def _paper_options(p: argparse.ArgumentParser) -> None:
    from .config import PAPERS, PDF_VARIANTS

    p.add_argument("--paper", choices=PAPERS, default=None, help="paper size (default: the theme's, else a4)")
    p.add_argument("--pdf-variant", choices=PDF_VARIANTS, default=None,
                   help="write a PDF/A or PDF/UA variant (passed to the renderer)")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
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
    from . import content

    if args.command == "themes":
        from . import themes

        for folder in themes.shipped():
            theme = themes.load(folder.name)
            print(f"{folder.name}\t{theme.name}\t{folder}\t{theme.description}")
        return 0

    # A build loads the content pack only if something needs rendering (a no-change rerun does not).
    if args.command == "build":
        return _build(args)
    if args.command == "merge-manifests":
        return _merge_manifests(args)
    playbook = content.load(args.content)
    if args.command == "schema":
        from .assessment import json_schema

        print(json.dumps(json_schema(playbook), indent=2, ensure_ascii=False))
        return 0
    if args.command == "init":
        from .assessment import SCHEMA_FILE, json_schema, starter_yaml

        text = starter_yaml(playbook, args.level, today())
        if args.output is None:
            sys.stdout.write(text)
            return 0
        if args.output.exists() and not args.force:
            raise UsageError(f"{args.output} exists; use --force to overwrite it")
        args.output.write_text(text, encoding="utf-8")
        # The starter's modeline names the schema beside it, so editors can complete and check the file.
        schema_path = args.output.with_name(SCHEMA_FILE)
        if not schema_path.exists():
            schema_path.write_text(json.dumps(json_schema(playbook), indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
        print(f"wrote {args.output} and {schema_path.name}", file=sys.stderr)
        return 0
    if args.command == "validate":
        from .assessment import load
        from .errors import InputError

        failed = 0
        for path in args.files:
            try:
                load(path, playbook, today())
            except InputError as error:
                failed += 1
                for line in error.lines():
                    print(line)
        if not failed:
            print(f"{len(args.files)} file(s) valid", file=sys.stderr)
        return 1 if failed else 0
    if args.command == "plan":
        from .assessment import load
        from .plan import build_plan, plan_to_json

        assessment = load(args.file, playbook, today())
        print(json.dumps(plan_to_json(build_plan(assessment, playbook, today())), indent=2, ensure_ascii=False))
        return 0
    if args.command == "edition":
        from .batch import build_edition

        return build_edition(args.output, playbook, today(), paper=args.paper, pdf_variant=args.pdf_variant,
                             theme=args.theme)
    raise UsageError(f"unknown command {args.command}")


def _build(args: argparse.Namespace) -> int:
    from .batch import BatchSettings, build, parse_shard
    from .config import BuildOptions
    from .documents import kinds_for

    options = BuildOptions(formats=tuple(kind.name for kind in kinds_for(args.formats)),
                           pdf_variant=args.pdf_variant, paper=args.paper, theme=args.theme)
    settings = BatchSettings(jobs=args.jobs, force=args.force, shard=parse_shard(args.shard) if args.shard else None,
                             timeout=args.timeout, memory_cap_mb=args.memory_cap, quiet=args.quiet,
                             json=args.json, content_dir=args.content)
    return build(args.inputs, args.output, options, today(), settings, dated_by_epoch=epoch_date() is not None)


def _merge_manifests(args: argparse.Namespace) -> int:
    from . import manifest
    from .batch import write_atomic

    merged = manifest.merge(args.manifests)
    try:
        write_atomic(args.output, manifest.dumps(merged))
    except OSError as error:
        raise ReporterError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {args.output}: {len(merged['inputs'])} input(s) from {len(args.manifests)} manifest(s)",
          file=sys.stderr)
    return 0


def entry() -> None:
    sys.exit(main())
