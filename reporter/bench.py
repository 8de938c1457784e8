"""`make bench`: how fast reporter builds, beside its floors and the earlier commits. Not a test.

One run measures, in interleaved rounds (each round runs every contender once, in an order that
turns from round to round, so a load that drifts over the run falls on all of them alike), and
prints medians side by side with a verdict per target:

1. the book (`reporter edition --formats book`) against pandoc + WeasyPrint printing the same
   playbook page (the page's mojibake emoji repaired first);
2. the cold single build (`reporter build one.yaml --formats plan --force`) against WeasyPrint's
   own cold render of the same HTML, each a fresh process;
3. the batch of COUNT generated candidates (`--formats plan`): plans/s, pages/s and peak memory per
   worker, against commit BEFORE_ROUND (the product before this round of work), built in slices that
   every version builds in turn;
4. the edition with 1 and 2 workers, and a rerun of it where nothing changed;
5. the roster of ROSTER_CLIENTS clients, read from plan.json files written beforehand;
6. Latin-only inputs against commit BEFORE_SCRIPTS (before the world-script fonts): the cold single
   build and the batch plans/s.

Every contender is a fresh process of this same Python; an earlier commit is unpacked from git
into a temporary folder and run from there (`PYTHONPATH`), after checking that it is the code
that runs. Without the git history (an installed wheel) those rows say they were skipped.

    python -m reporter.bench [--quick] [--count 100] [--seed 2026] [--keep DIR] [--roster-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from . import config
from .content import Playbook

EPOCH = 1796083200  # 2026-12-01, as `make demo`
START = dt.date(2026, 12, 1)
STATUSES = ("yes", "partial", "no")
WORDS = ("ownership latency rollout migration budget hiring roadmap outage ledger platform review metric "
         "customer escalation quarter launch checkout search pipeline reliability mentoring").split()
ROSTER_CLIENTS = 200
BEFORE_ROUND = "cd727ef"  # the product before this round of issues
BEFORE_SCRIPTS = "71e02d4"  # the product before the world-script fonts were added
PROJECT_DIR = Path(__file__).resolve().parent.parent  # the checkout, when this runs from one
PAGE = PROJECT_DIR / "tests" / "fixtures" / "playbook-page.md"  # the playbook page as published (mkdocs)


# --- generated candidates ---------------------------------------------------------------------

def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def candidate_yaml(rng: random.Random, number: int, playbook: Playbook) -> str:
    """One varied, valid self-assessment: level, statuses, practice, stories and notes drawn from ``rng``.

    Every word is ASCII, so the batch is also the Latin-only input of the comparison with BEFORE_SCRIPTS.
    """
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


# --- pure helpers: figures, ratios, verdicts, the page for pandoc ------------------------------

def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ratio(ours: float, theirs: float) -> float | None:
    """ours / theirs, or None when there is nothing to divide by."""
    return ours / theirs if theirs > 0 else None


def verdict(value: float | None, target: str) -> str:
    """``target`` is "<= 1.5", "< 0.5" or ">= 1.3": met, MISSED, or "no figure" without a value."""
    if value is None:
        return "no figure"
    operator, limit = target.split()
    checks = {"<=": value <= float(limit), "<": value < float(limit),
              ">=": value >= float(limit), ">": value > float(limit)}
    return "met" if checks[operator] else "MISSED"


_MOJIBAKE = re.compile(r"[^\x00-\x7f]+")


def repair_mojibake(text: str) -> str:
    """UTF-8 that was read as Windows-1252 and saved again (``ðŸŽ¯`` for 🎯), turned back into what it was.

    The same repair the content pack's tests check the pack against: each run of non-ASCII
    characters is encoded as cp1252 and decoded as UTF-8; a run that is not mojibake (it does not
    round-trip) stays as written.
    """
    def fix(match: re.Match) -> str:
        run = match.group(0)
        try:
            return run.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
    return _MOJIBAKE.sub(fix, text)


def one_round(contenders: dict[str, Callable[[], "Run"]], turn: int) -> dict[str, "Run"]:
    """Every contender once, the order turned by ``turn`` (round n of a series runs with turn n)."""
    names = list(contenders)
    shift = turn % len(names)
    return {name: contenders[name]() for name in names[shift:] + names[:shift]}


def interleaved(contenders: dict[str, Callable[[], "Run"]], rounds: int) -> dict[str, list["Run"]]:
    """Each round runs every contender once; the order turns by one each round."""
    runs: dict[str, list[Run]] = {name: [] for name in contenders}
    for number in range(rounds):
        for name, run in one_round(contenders, number).items():
            runs[name].append(run)
    return runs


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the workers it waited for
    json: dict = field(default_factory=dict)


@dataclass
class Row:
    number: str
    measure: str
    ours: str = ""
    against: str = ""
    figure: str = ""  # the figure the target is about: a ratio, seconds, MB
    target: str = ""
    verdict: str = ""
    notes: tuple[str, ...] = ()  # lines printed under the row: rounds, spread, CPU time, why skipped


# --- running contenders -----------------------------------------------------------------------

class Failed(Exception):
    """A contender's process failed; the row says so and the bench goes on."""


def _run(command: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(list(command), env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise Failed(f"{Path(command[0]).name} {' '.join(command[1:4])} … exited {done.returncode}: "
                     + " / ".join(tail))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = {}
    if done.stdout.lstrip().startswith("{"):
        try:
            summary = json.loads(done.stdout)
        except ValueError:
            pass
    return Run(wall, cpu, summary)


@dataclass
class Product:
    """One version of reporter, run as fresh processes of this Python."""

    label: str
    path: Path  # the folder put first on PYTHONPATH: it holds the `reporter` package
    work: Path  # every process starts here, a folder without a `reporter` of its own

    def env(self) -> dict[str, str]:
        return {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONPATH": str(self.path)}

    def reporter(self, *args: str) -> Run:
        return _run([sys.executable, "-m", "reporter", *args], self.env(), self.work)

    def compile(self) -> None:
        """Byte-compile this version's modules first, so that no contender compiles its sources on every run
        (a process started with PYTHONDONTWRITEBYTECODE never writes the .pyc files it would read next time)."""
        folders = [str(self.path / name) for name in ("reporter", "content", "templates", "styles")
                   if (self.path / name).is_dir()]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], cwd=self.work, capture_output=True)

    def where(self) -> tuple[str, str]:
        """Where this product's `reporter` and its content pack are imported from, asked of a fresh process."""
        probe = "import reporter, reporter.config as c; print(reporter.__file__); print(c.CONTENT_DIR)"
        done = subprocess.run([sys.executable, "-c", probe], env=self.env(), cwd=self.work,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise Failed(f"{self.label}: cannot import reporter: {done.stderr.strip().splitlines()[-1:]}")
        source, content = done.stdout.split("\n")[:2]
        return source, content


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(PROJECT_DIR), *args], capture_output=True)


def head_label() -> str:
    done = _git("rev-parse", "--short", "HEAD")
    if done.returncode != 0:
        return "this install"
    dirty = _git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    return done.stdout.decode().strip() + (" + uncommitted changes" if dirty else "")


# An earlier commit maps content/, templates/ and styles/ into the package (pyproject's package-dir);
# unpacked from git, those folders sit beside reporter/, so they are linked in where it looks for them.
_RESOURCE_PACKAGES = {"pack": "content", "templates": "templates", "styles": "styles"}


def unpack(commit: str, folder: Path, work: Path) -> Product | str:
    """Commit ``commit`` of this checkout, unpacked into ``folder`` and checked to be what runs; or why not."""
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        return "skipped: needs the git checkout"
    if _git("cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        return f"skipped: needs the git checkout (commit {commit} is not in its history)"
    archive = _git("archive", "--format=tar", commit, "reporter", "content", "templates", "styles")
    if archive.returncode != 0:
        return f"skipped: git archive {commit} failed: {archive.stderr.decode(errors='replace').strip()}"
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        # Our own history, but a checkout may be anyone's: refuse links out of the folder where Python can.
        tar.extractall(folder, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    for package, source in _RESOURCE_PACKAGES.items():
        link = folder / "reporter" / package
        if (folder / source).is_dir() and not link.exists():
            link.symlink_to(Path("..") / source, target_is_directory=True)
    product = Product(commit, folder, work)
    product.compile()
    try:
        source, content = product.where()
    except Failed as error:
        return f"skipped: {error}"
    inside = folder.resolve()
    if not (Path(source).resolve().is_relative_to(inside) and Path(content).resolve().is_relative_to(inside)):
        return f"skipped: {commit} imported reporter from {source} and its content from {content}, not from {folder}"
    return product


# --- the measurements -------------------------------------------------------------------------

@dataclass
class Settings:
    count: int = 100
    cold_rounds: int = 5
    book_rounds: int = 3
    edition_rounds: int = 2
    rerun_rounds: int = 3
    batch_slices: int = 4
    roster_rounds: int = 3

    @classmethod
    def quick(cls) -> "Settings":
        return cls(count=20, cold_rounds=3, book_rounds=2, edition_rounds=1, rerun_rounds=2, batch_slices=2,
                   roster_rounds=2)


def _median_wall(runs: Sequence[Run]) -> float:
    return median([run.wall for run in runs])


def _median_cpu(runs: Sequence[Run]) -> float:
    return median([run.cpu for run in runs])


def _spread(runs: Sequence[Run]) -> str:
    """Median wall time, its range over the rounds, and the median CPU time (less moved by other load)."""
    walls = [run.wall for run in runs]
    text = f"{median(walls):.2f} s"
    if len(walls) > 1:
        text += f" ({min(walls):.2f}–{max(walls):.2f} over {len(walls)})"
    return text + f", cpu {median([run.cpu for run in runs]):.2f} s"


def _edition_options(head: Product) -> set[str]:
    done = subprocess.run([sys.executable, "-m", "reporter", "edition", "--help"], env=head.env(), cwd=head.work,
                          capture_output=True, text=True)
    return {option for option in ("--formats", "--jobs") if option in done.stdout}


def book_rows(head: Product, work: Path, page: Path | None, rounds: int, options: set[str]) -> list[Row]:
    """1. The book alone against pandoc + WeasyPrint printing the same page."""
    number, measure, target = "1", "book / pandoc + WeasyPrint", "<= 1.0"
    if page is None or not page.is_file():
        return [Row(number, measure, notes=("skipped: the playbook page (tests/fixtures/playbook-page.md) is in "
                                            "the checkout only; pass --page",))]
    if shutil.which("pandoc") is None:
        return [Row(number, measure, notes=("skipped: no pandoc (make bench-deps installs it)",))]
    folder = work / "book"
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "page.md"
    markdown.write_text(repair_mojibake(page.read_text(encoding="utf-8")), encoding="utf-8")
    html, pdf = folder / "page.html", folder / "page.pdf"
    whole = "--formats" not in options
    book_args = ["edition", "-o", str(folder / "out")] + ([] if whole else ["--formats", "book"])

    def pandoc_weasyprint() -> Run:
        converted = _run(["pandoc", "-s", "-f", "markdown", "-t", "html5", "-M", "pagetitle=Level-Specific Playbooks",
                          "-o", str(html), str(markdown)], head.env(), folder)
        printed = _run([sys.executable, "-m", "weasyprint", str(html), str(pdf)], head.env(), folder)
        return Run(converted.wall + printed.wall, converted.cpu + printed.cpu,
                   {"pandoc": converted.wall, "weasyprint": printed.wall})

    def book() -> Run:
        shutil.rmtree(folder / "out", ignore_errors=True)  # whatever the edition skips on a rerun, it builds
        return head.reporter(*book_args)

    contenders = {"book": book, "floor": pandoc_weasyprint}
    try:
        interleaved(contenders, 1)  # warm-up: font caches, the page cache; not counted
        runs = interleaved(contenders, rounds)
    except Failed as error:
        return [Row(number, measure, notes=(f"failed: {error}",))]
    figure = ratio(_median_wall(runs["book"]), _median_wall(runs["floor"]))
    return [Row(number, measure, f"{_median_wall(runs['book']):.2f} s", f"{_median_wall(runs['floor']):.2f} s",
                f"{figure:.2f}", target, verdict(figure, target), (
                    ("ours: the WHOLE edition (book, sheet, deck, notes): edition has no --formats yet" if whole
                     else "ours: reporter edition --formats book") + f"; {_spread(runs['book'])}",
                    f"against: pandoc -s (mkdocs page, emoji repaired) then the weasyprint CLI; "
                    f"{_spread(runs['floor'])}; pandoc {median([r.json['pandoc'] for r in runs['floor']]):.2f} s, "
                    f"weasyprint {median([r.json['weasyprint'] for r in runs['floor']]):.2f} s"))]


def _plan_material(one: Path, playbook: Playbook, folder: Path) -> list[str]:
    """The prep plan's HTML and stylesheets as our renderer hands them to WeasyPrint, written as files,
    and the `weasyprint` command line that prints them (bundled fonts first, the theme's CSS last)."""
    from . import documents
    from .assessment import load
    from .plan import build_plan

    assessment = load(one, playbook, START)
    inputs = documents.Inputs(playbook=playbook, assessment=assessment,
                              plan=build_plan(assessment, playbook, START), generated=START)
    kind = documents.KINDS["plan"]
    html, theme = folder / "plan.html", folder / "theme.css"
    html.write_text(documents.html_of(kind, inputs), encoding="utf-8")
    theme.write_text(inputs.look.css(), encoding="utf-8")
    sheets = [config.FONTS_DIR / "fonts.css", *kind.stylesheets,
              documents.paper_stylesheet(documents.paper_of(inputs)), theme]
    return [sys.executable, "-m", "weasyprint", "--pdf-tags", "-u", config.STYLES_DIR.as_uri() + "/",
            *(part for sheet in sheets for part in ("-s", str(sheet))), str(html), str(folder / "plan.pdf")]


def cold_rows(head: Product, old: Product | str, work: Path, one: Path, playbook: Playbook,
              rounds: int) -> list[Row]:
    """2. The cold single build against WeasyPrint cold; 6. the same build of BEFORE_SCRIPTS."""
    folder = work / "cold"
    folder.mkdir(parents=True, exist_ok=True)
    floor_command = _plan_material(one, playbook, folder)
    build = ["build", str(one), "--formats", "plan", "--force", "-q", "-o"]
    contenders: dict[str, Callable[[], Run]] = {
        "head": lambda: head.reporter(*build, str(folder / "out-head")),
        "floor": lambda: _run(floor_command, head.env(), folder),
    }
    if isinstance(old, Product):
        contenders["old"] = lambda: old.reporter(*build, str(folder / "out-old"))
    try:
        interleaved(contenders, 1)  # warm-up
        runs = interleaved(contenders, rounds)
    except Failed as error:
        return [Row("2", "cold single build", notes=(f"failed: {error}",))]
    ours, floor = _median_wall(runs["head"]), _median_wall(runs["floor"])
    rows = [Row("2", "cold single build (plan)", f"{ours:.2f} s", f"{floor:.2f} s", f"{ours:.2f} s", "<= 1.5 s",
                verdict(ours, "<= 1.5"), (
                    f"ours: reporter build one.yaml --formats plan --force; {_spread(runs['head'])}",
                    f"against: python -m weasyprint on the same HTML and stylesheets; {_spread(runs['floor'])}; "
                    f"ours / WeasyPrint {ratio(ours, floor):.2f}"))]
    if isinstance(old, Product):
        theirs = _median_wall(runs["old"])
        figure = ratio(ours, theirs)
        rows.append(Row("6", "Latin-only cold single build", f"{ours:.2f} s", f"{theirs:.2f} s", f"{figure:.2f}",
                        "<= 1.05", verdict(figure, "<= 1.05"),
                        (f"against: {old.label}, the same build; {_spread(runs['old'])}; cpu ratio "
                         f"{ratio(_median_cpu(runs['head']), _median_cpu(runs['old'])):.2f}",)))
    else:
        rows.append(Row("6", "Latin-only cold single build", notes=(old,)))
    return rows


def _pages(out: Path) -> list[int]:
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        return []
    return [o.get("pages", 0) for e in manifest.get("inputs", {}).values() for o in e.get("outputs", {}).values()
            if isinstance(o, dict)]


@dataclass
class Batch:
    plans_per_second: float
    pages_per_second: float
    peak_mb: float
    cpu: float
    text: str


def _batch_figures(label: str, runs: Sequence[Run], outs: Sequence[Path]) -> Batch:
    """One version's batch, built slice by slice: totals over the slices (built, wall, CPU, pages), peak of all."""
    seconds = sum(run.wall for run in runs)
    cpu = sum(run.cpu for run in runs)
    built = sum(run.json.get("built", 0) for run in runs)
    failed = sum(run.json.get("failed", 0) for run in runs)
    pages = sum(sum(_pages(out)) for out in outs)
    peak = max((w.get("peak_rss_mb", 0) for run in runs for w in run.json.get("workers", [])), default=0)
    text = (f"{label}: {built} built" + (f", {failed} FAILED" if failed else "")
            + f" with --jobs {runs[-1].json.get('jobs', '?')} in {len(runs)} slices; {seconds:.1f} s, cpu {cpu:.1f} s; "
            f"{built / seconds:.2f} plans/s, {pages / seconds:.1f} pages/s, peak {peak:.0f} MB per worker")
    return Batch(built / seconds, pages / seconds, peak, cpu, text)


def slices(inputs: Sequence[Path], count: int, folder: Path) -> list[Path]:
    """The inputs dealt into ``count`` folders in turn (hard links where the file system allows)."""
    folders = [folder / f"slice-{number + 1}" for number in range(max(1, min(count, len(inputs))))]
    for number, path in enumerate(inputs):
        target = folders[number % len(folders)] / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
    return folders


def batch_rows(head: Product, olds: dict[str, Product | str], work: Path, inputs: Sequence[Path],
               slice_count: int) -> list[Row]:
    """3. The batch against BEFORE_ROUND; 6. its plans/s against BEFORE_SCRIPTS (the inputs are Latin-only).

    The batch is built in slices, each slice by every version in turn (the order turning from slice to
    slice): one batch per version in a row would let a load that comes or goes fall on one version only.
    """
    count = len(inputs)
    products = {"HEAD": head, **{label: old for label, old in olds.items() if isinstance(old, Product)}}
    folders = slices(inputs, slice_count, work / "slices")

    def batch(label: str, product: Product, folder: Path) -> Callable[[], Run]:
        out = work / f"batch-{label}" / folder.name
        return lambda: product.reporter("build", str(folder), "-o", str(out), "--formats", "plan", "--force",
                                        "-q", "--json")

    runs: dict[str, list[Run]] = {label: [] for label in products}
    try:
        for number, folder in enumerate(folders):
            done = one_round({label: batch(label, product, folder) for label, product in products.items()}, number)
            for label, run in done.items():
                runs[label].append(run)
    except Failed as error:
        return [Row("3", f"batch, {count} plans", notes=(f"failed: {error}",))]
    figures = {label: _batch_figures(label, runs[label], [work / f"batch-{label}" / f.name for f in folders])
               for label in runs}
    ours = figures["HEAD"]
    pages = [page for folder in folders for page in _pages(work / "batch-HEAD" / folder.name)]
    about = f"{count} generated Latin-only candidates" + (f", {min(pages)}–{max(pages)} pages each" if pages else "")
    rows = []
    old = olds[BEFORE_ROUND]
    if isinstance(old, Product):
        theirs = figures[BEFORE_ROUND]
        figure = ratio(ours.plans_per_second, theirs.plans_per_second)
        rows += [Row("3", f"batch, {count} plans: plans/s", f"{ours.plans_per_second:.2f}",
                     f"{theirs.plans_per_second:.2f}", f"{figure:.2f}x", ">= 1.3x", verdict(figure, ">= 1.3"),
                     (about, ours.text, theirs.text, f"cpu ratio {ratio(theirs.cpu, ours.cpu):.2f}x "
                                                     "(the earlier commit's CPU time over ours)")),
                 Row("3", "  pages/s", f"{ours.pages_per_second:.1f}", f"{theirs.pages_per_second:.1f}",
                     f"{ratio(ours.pages_per_second, theirs.pages_per_second):.2f}x")]
    else:
        rows += [Row("3", f"batch, {count} plans: plans/s", f"{ours.plans_per_second:.2f}",
                     notes=(about, ours.text, f"{BEFORE_ROUND}: {old}")),
                 Row("3", "  pages/s", f"{ours.pages_per_second:.1f}")]
    rows.append(Row("3", "  peak memory per worker", f"{ours.peak_mb:.0f} MB",
                    f"{figures[BEFORE_ROUND].peak_mb:.0f} MB" if BEFORE_ROUND in figures else "",
                    f"{ours.peak_mb:.0f} MB", "<= 400 MB", verdict(ours.peak_mb, "<= 400")))
    old = olds[BEFORE_SCRIPTS]
    if isinstance(old, Product):
        theirs = figures[BEFORE_SCRIPTS]
        figure = ratio(theirs.plans_per_second, ours.plans_per_second)  # time per plan, HEAD over the commit
        rows.append(Row("6", "Latin-only batch, time per plan", f"{1 / ours.plans_per_second:.2f} s",
                        f"{1 / theirs.plans_per_second:.2f} s", f"{figure:.2f}", "<= 1.05", verdict(figure, "<= 1.05"),
                        (f"the batch of row 3: {ours.plans_per_second:.2f} plans/s against {BEFORE_SCRIPTS}'s "
                         f"{theirs.plans_per_second:.2f}; cpu ratio {ratio(ours.cpu, theirs.cpu):.2f}", theirs.text)))
    else:
        rows.append(Row("6", "Latin-only batch, time per plan", notes=(old,)))
    return rows


def edition_rows(head: Product, work: Path, rounds: int, rerun_rounds: int, options: set[str]) -> list[Row]:
    """4. The edition with 1 and 2 workers, and a rerun where nothing changed."""
    rows = []

    def fresh(name: str, *args: str) -> Run:
        """An edition into an emptied folder, so that whatever the edition skips on a rerun, it builds."""
        shutil.rmtree(work / name, ignore_errors=True)
        return head.reporter("edition", "-o", str(work / name), *args)

    try:
        if "--jobs" in options:
            contenders = {jobs: (lambda jobs=jobs: fresh(f"edition-{jobs}", "--jobs", jobs)) for jobs in ("1", "2")}
            runs = interleaved(contenders, rounds)
            figure = ratio(_median_wall(runs["2"]), _median_wall(runs["1"]))
            rows.append(Row("4", "edition, 2 workers / 1", f"{_median_wall(runs['2']):.2f} s",
                            f"{_median_wall(runs['1']):.2f} s", f"{figure:.2f}", "<= 0.7", verdict(figure, "<= 0.7"),
                            (f"ours: --jobs 2; {_spread(runs['2'])}", f"against: --jobs 1; {_spread(runs['1'])}")))
            fresh("edition-rerun")  # built once, then rebuilt below with nothing changed
        else:
            first = fresh("edition-rerun")
            rows.append(Row("4", "edition, 2 workers / 1", f"{first.wall:.2f} s",
                            notes=("skipped: edition has no --jobs yet; the figure is one whole edition, "
                                   f"cpu {first.cpu:.2f} s",)))
        rerun = interleaved({"rerun": lambda: head.reporter("edition", "-o", str(work / "edition-rerun"))},
                            rerun_rounds)["rerun"]
    except Failed as error:
        return [*rows, Row("4", "edition", notes=(f"failed: {error}",))]
    seconds = _median_wall(rerun)
    rows.append(Row("4", "edition, no-change rerun", f"{seconds:.2f} s", "", f"{seconds:.2f} s", "< 0.5 s",
                    verdict(seconds, "< 0.5"), (f"the same edition again into the same folder; {_spread(rerun)}",)))
    return rows


def roster_rows(head: Product, work: Path, seed: int, playbook: Playbook, rounds: int) -> list[Row]:
    """5. The roster of ROSTER_CLIENTS clients, from plan.json files, from a cold process."""
    out = roster_output(work, ROSTER_CLIENTS, seed, playbook)
    measure = f"roster, {ROSTER_CLIENTS} clients"
    try:
        runs = interleaved({"roster": lambda: head.reporter("roster", str(out))}, rounds)["roster"]
    except Failed as error:
        return [Row("5", measure, notes=(f"failed: {error}",))]
    seconds = _median_wall(runs)
    return [Row("5", measure, f"{seconds:.2f} s", "", f"{seconds:.2f} s", "< 5 s", verdict(seconds, "< 5"),
                (f"reporter roster OUT, from plan.json files written beforehand; {_spread(runs)}",))]


# --- the report -------------------------------------------------------------------------------

def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()}"


def load() -> str:
    try:
        averages = os.getloadavg()
    except OSError:
        return "load average unknown"
    text = "load average {:.1f} {:.1f} {:.1f}".format(*averages)
    if averages[0] > (os.cpu_count() or 1):
        text += " (busier than its cores: wall times are inflated; the cpu figures are steadier)"
    return text


def table(rows: Sequence[Row]) -> str:
    """The rows as aligned columns; a row's notes go on lines of their own under it, indented."""
    header = Row("#", "measure", "ours", "against", "figure", "target", "verdict")
    cells = [[r.number, r.measure, r.ours, r.against, r.figure, r.target, r.verdict] for r in (header, *rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
    lines = []
    for row, line in zip((header, *rows), cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        lines += [" " * (widths[0] + 4) + note for note in row.notes]
    return "\n".join(lines)


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reporter.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer candidates and rounds (a smoke run)")
    parser.add_argument("--count", type=int, help="candidates in the batch (default 100; 20 with --quick)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--page", type=Path, default=PAGE, help="the mkdocs playbook page pandoc prints")
    parser.add_argument("--keep", type=Path, help="generate and build in this folder and keep it")
    parser.add_argument("--roster-only", action="store_true", help="measure only the roster")
    args = parser.parse_args(argv)
    settings = Settings.quick() if args.quick else Settings()
    if args.count:
        settings.count = args.count

    from .content import load as load_pack

    playbook = load_pack()
    started = time.perf_counter()
    header = [f"reporter bench, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, HEAD {head_label()}",
              f"machine: {machine()}; {load()} at the start"]
    with tempfile.TemporaryDirectory(prefix="reporter-bench-") as temp:
        work = (args.keep or Path(temp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        head = Product("HEAD", Path(__file__).resolve().parent.parent, work)
        head.compile()
        source, _ = head.where()
        header.append(f"HEAD runs {source}")
        if args.roster_only:
            rows = roster_rows(head, work, args.seed, playbook, settings.roster_rounds)
        else:
            rows = measure_all(head, work, args, settings, playbook, header)
    header.append(f"{load()} at the end; {time.perf_counter() - started:.0f} s in all")
    print("\n".join(header))
    print()
    print(table(rows))
    return 0


def measure_all(head: Product, work: Path, args, settings: Settings, playbook: Playbook,
                header: list[str]) -> list[Row]:
    inputs = generate(work / "in", settings.count, args.seed, playbook)
    assert all(path.read_text(encoding="utf-8").isascii() for path in inputs)  # Latin-only, for row 6
    olds: dict[str, Product | str] = {}
    for commit in (BEFORE_ROUND, BEFORE_SCRIPTS):
        olds[commit] = unpack(commit, work / f"at-{commit}", work)
        old = olds[commit]
        header.append(f"{commit} runs {old.where()[0]}" if isinstance(old, Product) else f"{commit}: {old}")
    options = _edition_options(head)
    rounds = (f"rounds: cold {settings.cold_rounds}, book {settings.book_rounds}, edition {settings.edition_rounds}, "
              f"rerun {settings.rerun_rounds}, batch {settings.batch_slices} slices, roster {settings.roster_rounds}; "
              "every figure is a median of its rounds, wall clock")
    header.append(rounds)
    _say(f"{settings.count} candidates (seed {args.seed}) in {work / 'in'}")
    _say("1. book vs pandoc + WeasyPrint …")
    book = book_rows(head, work, args.page, settings.book_rounds, options)
    _say("2, 6. cold single builds …")
    cold = cold_rows(head, olds[BEFORE_SCRIPTS], work, inputs[0], playbook, settings.cold_rounds)
    _say(f"3, 6. batch of {settings.count} …")
    batch = batch_rows(head, olds, work, inputs, settings.batch_slices)
    _say("4. edition …")
    edition = edition_rows(head, work, settings.edition_rounds, settings.rerun_rounds, options)
    _say("5. roster …")
    roster = roster_rows(head, work, args.seed, playbook, settings.roster_rounds)
    latin = [r for r in (*cold, *batch) if r.number == "6"]
    return [*book, *[r for r in cold if r.number == "2"], *[r for r in batch if r.number == "3"], *edition,
            *roster, *latin]


if __name__ == "__main__":
    sys.exit(main())
