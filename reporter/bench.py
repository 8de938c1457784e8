"""`make bench`: how fast a batch builds, measured against WeasyPrint itself. Not a test.

Generates COUNT varied candidates from a fixed seed, then measures in one run:
- reports/s of `reporter build` at --jobs 1 and at the default (the machine's cores), from cold processes;
- the floor: the same documents' HTML rendered straight through WeasyPrint, serially, in one warm
  process (templates rendered beforehand, not timed), and our --jobs 1 overhead over it;
- the wall time of a rerun where nothing changed;
- the wall time of `reporter build` for one candidate from a cold process, beside the floor of the
  same thing (a cold process that imports WeasyPrint and renders the one document);
- peak resident memory per worker;
- the wall time of `reporter roster` for ROSTER_CLIENTS clients from a cold process, reading plan.json
  files written beforehand (the roster never plans or lays out a prep plan).

    python -m reporter.bench [--count 100] [--seed 2026] [--keep DIR] [--roster-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import config
from .content import Playbook

EPOCH = 1796083200  # 2026-12-01, as `make demo`
START = dt.date(2026, 12, 1)
STATUSES = ("yes", "partial", "no")
WORDS = ("ownership latency rollout migration budget hiring roadmap outage ledger platform review metric "
         "customer escalation quarter launch checkout search pipeline reliability mentoring").split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def candidate_yaml(rng: random.Random, number: int, playbook: Playbook) -> str:
    """One varied, valid self-assessment: level, statuses, practice, stories and notes drawn from ``rng``."""
    level = playbook.level(rng.choice(["L6", "L7"]))
    weights = rng.choice([(6, 3, 1), (3, 4, 3), (1, 3, 6)])
    lines = ["candidate:",
             f"  name: {_quoted(f'Sample candidate (bench {number:03d})')}",
             f"  target_level: {level.id}",
             f"  interview_date: {START + dt.timedelta(days=rng.randint(14, 200))}",
             f"  plan_start: {START}",
             f"  hours_per_week: {rng.randint(3, 25)}",
             "competencies:"]
    for item in level.items:
        if rng.random() < 0.85:
            status = rng.choices(STATUSES, weights)[0]
            if rng.random() < 0.2:
                lines.append(f"  {item.id}: {{status: {status}, evidence: {_quoted(_sentence(rng, 12))}}}")
            else:
                lines.append(f"  {item.id}: {status}")
    lines += ["practice:",
              f"  leetcode_solved: {rng.randint(0, 300)}",
              f"  system_design_problems: {rng.randint(0, 15)}",
              f"  mock_interviews: {rng.randint(0, 6)}"]
    stories = rng.randint(0, 10)
    if stories:
        lines.append("stories:")
    for story in range(stories):
        principles = ", ".join(map(_quoted, rng.sample(playbook.principles, rng.randint(1, 3))))
        scope = {"engineers": rng.randint(3, 120), "teams": rng.randint(1, 12),
                 "duration_months": rng.randint(1, 30), "budget_usd": rng.choice([0, 50_000, 400_000, 3_000_000])}
        lines += [f"  - title: {_quoted(f'Story {story + 1}: ' + _sentence(rng, 3))}",
                  f"    principles: [{principles}]"]
        for part in ("situation", "task", "action", "result"):
            lines.append(f"    {part}: {_quoted(_sentence(rng, rng.randint(8, 40)))}")
        lines.append("    scope: {" + ", ".join(f"{k}: {v}" for k, v in scope.items() if v) + "}")
    if rng.random() < 0.5:
        lines += ["notes: |", *(f"  {_sentence(rng, rng.randint(10, 60))}\n" for _ in range(rng.randint(1, 4)))]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int, playbook: Playbook) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"candidate-{number:03d}.yaml"
        path.write_text(candidate_yaml(rng, number, playbook), encoding="utf-8")
        paths.append(path)
    return paths


ROSTER_CLIENTS = 200


def roster_output(folder: Path, count: int, seed: int, playbook: Playbook) -> Path:
    """A build's output as the roster reads it: count varied clients' plan.json files (planned, not rendered)."""
    from .assessment import load
    from .checkin import FILENAME, dumps, plan_record
    from .plan import build_plan

    out = folder / "roster-out"
    for path in generate(folder / "roster-in", count, seed, playbook):
        assessment = load(path, playbook, START)
        target = out / path.stem / FILENAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(dumps(plan_record(build_plan(assessment, playbook, START), assessment, playbook)))
    return out


def _timed_roster(out: Path) -> float:
    command = [sys.executable, "-m", "reporter", "roster", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stderr}")
    return seconds


def _roster_row(work: Path, seed: int, playbook: Playbook) -> tuple[str, str, str]:
    out = roster_output(work, ROSTER_CLIENTS, seed, playbook)
    seconds = statistics.median(_timed_roster(out) for _ in range(3))
    return (f"roster, {ROSTER_CLIENTS} clients", f"{seconds:.2f} s (median of 3, cold process, from plan.json)",
            _verdict(seconds < 5, "< 5 s"))


def _print(rows) -> None:
    width = max(len(r[0]) for r in rows)
    for name, value, verdict in rows:
        print(f"{name:<{width}}  {value}{'  ' + verdict if verdict else ''}")


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}


def _timed_build(args: list[str]) -> tuple[float, dict]:
    """Wall time of a cold `reporter build` process, and its --json summary."""
    command = [sys.executable, "-m", "reporter", "build", *args, "--json"]
    started = time.perf_counter()
    # The build's one line per document goes on to our stderr, to follow a long run.
    done = subprocess.run(command, env=_env(), stdout=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stdout}")
    return seconds, json.loads(done.stdout)


def _same_material(inputs_) -> tuple[str, list[Path], str]:
    """What our path hands WeasyPrint for a prep plan: the HTML, the stylesheet files (bundled fonts first,
    the paper last) and the theme's generated CSS, so the floor lays out exactly the same document."""
    from . import documents

    kind = documents.KINDS["plan"]
    sheets = [config.FONTS_DIR / "fonts.css", *kind.stylesheets,
              documents.paper_stylesheet(documents.paper_of(inputs_))]
    return documents.html_of(kind, inputs_), sheets, inputs_.look.css()


def _floor(inputs: list[Path], playbook: Playbook) -> float:
    """Serial WeasyPrint in this process: the HTML and parsed stylesheets are ready; only WeasyPrint is timed.

    This is the one place outside pdf.py that imports WeasyPrint, on purpose: the floor must not
    include our renderer's confinement and checks, to show what they cost.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from . import documents
    from .assessment import load
    from .plan import build_plan

    pages = []
    for path in inputs:
        assessment = load(path, playbook, START)
        plan = build_plan(assessment, playbook, START)
        inputs_ = documents.Inputs(playbook=playbook, assessment=assessment, plan=plan, generated=START)
        html, sheet_paths, theme_css = _same_material(inputs_)
        pages.append(html)
    fonts = FontConfiguration()
    base = config.STYLES_DIR.as_uri() + "/"
    sheets = [CSS(filename=str(p), font_config=fonts) for p in sheet_paths]
    sheets.append(CSS(string=theme_css, base_url=base, font_config=fonts))
    started = time.perf_counter()
    for html in pages:
        HTML(string=html, base_url=base).render(stylesheets=sheets, font_config=fonts).write_pdf(pdf_tags=True)
    return time.perf_counter() - started


def _paired(inputs: list[Path], playbook: Playbook, rounds: int = 2) -> tuple[float, float]:
    """Our per-document work (parse, plan, template, confined render, atomic write) and WeasyPrint's
    alone, interleaved document by document in this warm process, so that a machine whose load
    drifts during the long runs above still gets a fair comparison. Returns (ours, floor) seconds."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from . import batch, documents
    from .assessment import load
    from .config import BuildOptions
    from .plan import build_plan

    batch._LOADED_PACK = playbook
    state = batch._WorkerState(None)
    fonts = FontConfiguration()
    base = config.STYLES_DIR.as_uri() + "/"
    sheets = None
    ours = floor = 0.0
    with tempfile.TemporaryDirectory(prefix="reporter-bench-pair-") as temp:
        for round_ in range(rounds + 1):  # round 0 warms both paths up and is not counted
            for path in inputs:
                started = time.perf_counter()
                task = batch.Task(source=str(path), folder=path.stem, kinds=("plan",), today=START,
                                  dated_by_epoch=True, options=BuildOptions())
                for document in batch.render_task(state, task).documents:
                    batch.write_atomic(Path(temp) / path.stem / document.filename, document.data)
                mine = time.perf_counter() - started
                assessment = load(path, playbook, START)
                inputs_ = documents.Inputs(playbook=playbook, assessment=assessment,
                                           plan=build_plan(assessment, playbook, START), generated=START)
                html, sheet_paths, theme_css = _same_material(inputs_)
                if sheets is None:
                    sheets = [CSS(filename=str(p), font_config=fonts) for p in sheet_paths]
                    sheets.append(CSS(string=theme_css, base_url=base, font_config=fonts))
                started = time.perf_counter()
                HTML(string=html, base_url=base).render(stylesheets=sheets, font_config=fonts).write_pdf(pdf_tags=True)
                theirs = time.perf_counter() - started
                if round_:
                    ours, floor = ours + mine, floor + theirs
    return ours, floor


def _cold_floor(one: Path) -> float:
    """A cold process that imports WeasyPrint and renders one document's HTML (written beforehand)."""
    from . import documents
    from .assessment import load
    from .content import load as load_pack
    from .plan import build_plan

    playbook = load_pack()
    assessment = load(one, playbook, START)
    inputs_ = documents.Inputs(playbook=playbook, assessment=assessment,
                               plan=build_plan(assessment, playbook, START), generated=START)
    html_path = one.with_suffix(".html")
    html, sheet_paths, theme_css = _same_material(inputs_)
    html_path.write_text(html, encoding="utf-8")
    theme_path = one.with_suffix(".theme.css")
    theme_path.write_text(theme_css, encoding="utf-8")
    script = ("import sys; from weasyprint import HTML, CSS; "
              "HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf("
              "stylesheets=[CSS(filename=f) for f in sys.argv[3:]], pdf_tags=True)")
    command = [sys.executable, "-c", script, str(html_path), config.STYLES_DIR.as_uri() + "/",
               *map(str, sheet_paths), str(theme_path)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def _startup() -> float:
    """A cold process importing what a build needs before its first document: WeasyPrint and the pack."""
    command = [sys.executable, "-c", "import reporter.pdf, reporter.batch, reporter.documents; "
               "from reporter.content import load; load()"]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reporter.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="generate and build in this folder and keep it")
    parser.add_argument("--roster-only", action="store_true", help="measure only the roster")
    args = parser.parse_args(argv)

    from .content import load as load_pack

    playbook = load_pack()
    if args.roster_only:
        with tempfile.TemporaryDirectory(prefix="reporter-bench-") as temp:
            _print([("machine", _machine(), ""), _roster_row(args.keep or Path(temp), args.seed, playbook)])
        return 0
    with tempfile.TemporaryDirectory(prefix="reporter-bench-") as temp:
        work = args.keep or Path(temp)
        inputs = generate(work / "in", args.count, args.seed, playbook)
        say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
        say(f"bench: {len(inputs)} candidates (seed {args.seed}) in {work / 'in'}; {_machine()}")

        say("bench: --jobs 1 …")
        one_seconds, one = _timed_build([str(work / "in"), "-o", str(work / "out-1"), "--jobs", "1", "--force"])
        say("bench: default jobs …")
        all_seconds, many = _timed_build([str(work / "in"), "-o", str(work / "out-n"), "--force"])
        say("bench: no-change rerun …")
        rerun_seconds, rerun = _timed_build([str(work / "in"), "-o", str(work / "out-n")])
        say("bench: WeasyPrint floor …")
        floor_seconds = _floor(inputs, playbook)
        say("bench: cold single builds …")
        colds = [_timed_build([str(inputs[0]), "-o", str(work / f"cold-{n}")])[0] for n in range(3)]
        cold_floors = [_cold_floor(inputs[0]) for _ in range(3)]
        startups = [_startup() for _ in range(3)]
        say("bench: paired overhead …")
        paired = inputs[:4]
        paired_ours, paired_floor = _paired(paired, playbook)
        pages = sorted(_pages(work))
        say("bench: roster …")
        roster_row = _roster_row(work, args.seed, playbook)

    count = len(inputs)
    peak = max(w["peak_rss_mb"] for w in [*one["workers"], *many["workers"]])
    overhead = one_seconds / floor_seconds - 1
    cold = statistics.median(colds)
    rows = [
        ("machine", _machine(), ""),
        ("documents", f"{count} prep plans" + (f", {pages[0]}–{pages[-1]} pages" if pages else ""), ""),
        ("--jobs 1", f"{count / one_seconds:.2f} reports/s ({one_seconds:.1f} s)", ""),
        (f"--jobs {many['jobs']} (default)", f"{count / all_seconds:.2f} reports/s ({all_seconds:.1f} s)", ""),
        ("WeasyPrint floor, 1 process", f"{count / floor_seconds:.2f} reports/s ({floor_seconds:.1f} s)", ""),
        ("overhead of --jobs 1 over floor", f"{overhead * 100:+.1f} %", _verdict(overhead <= 0.10, "≤ 10 %")),
        ("  same, paired per document", f"{(paired_ours / paired_floor - 1) * 100:+.1f} % ({len(paired)} documents × 2, "
                                         "interleaved with WeasyPrint alone in one process)",
         _verdict(paired_ours <= paired_floor * 1.10, "≤ 10 %")),
        ("no-change rerun", f"{rerun_seconds:.2f} s (skipped {rerun['skipped']})", _verdict(rerun_seconds <= 1, "≤ 1 s")),
        ("cold single build", f"{cold:.2f} s (median of 3)", _verdict(cold <= 1.5, "≤ 1.5 s")),
        ("  of which WeasyPrint, cold", f"{statistics.median(cold_floors):.2f} s (import + render one document)", ""),
        ("  start-up before rendering", f"{statistics.median(startups):.2f} s (Python, imports, content pack)", ""),
        ("peak memory per worker", f"{peak:.0f} MB", _verdict(peak <= 400, "≤ 400 MB")),
        roster_row,
    ]
    _print(rows)
    return 0


def _pages(work: Path):
    try:
        manifest = json.loads((work / "out-n" / "manifest.json").read_text())
    except (OSError, ValueError):
        return []
    return [o["pages"] for e in manifest["inputs"].values() for o in e["outputs"].values()]


def _verdict(ok: bool, target: str) -> str:
    return f"target {target}: {'met' if ok else 'MISSED'}"


if __name__ == "__main__":
    sys.exit(main())
