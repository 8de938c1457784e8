"""OUT/manifest.json: what each input produced, and the fingerprints that decide what a rerun may skip.

An input's ``key`` hashes everything its documents depend on: the input's bytes, the reporter
version and its own templates, styles and code, the content pack, the theme, the build options and
the day the documents are dated. A rerun skips an input whose key is unchanged and whose outputs
are still on disk with the sha256 the manifest recorded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from . import __version__, config
from .errors import InputError, Problem

FILENAME = "manifest.json"
# `reporter edition` keeps its own, in the same format, one entry per document. A candidate build and the
# edition may share OUT (`make demo`); in one file, each run would rewrite the head (options, theme) that
# the other's keys were made with and that `reporter roster` reads the build's theme and paper from.
EDITION_FILENAME = "edition-manifest.json"
FORMAT = 1


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_fingerprint(paths: Iterable[Path], root: Path) -> str:
    """sha256 over the relative names and bytes of files, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def content_fingerprint(directory: Path | None) -> str:
    root = Path(directory) if directory is not None else config.CONTENT_DIR
    return tree_fingerprint(root.rglob("*"), root)


def code_fingerprint() -> str:
    """Our own templates, styles and code: an edit to any of them changes every document's key."""
    # Each tree is named by its place in the package, so a checkout and an install give the same key.
    digest = hashlib.sha256()
    for label, files, root in (("code", config.PACKAGE_DIR.glob("*.py"), config.PACKAGE_DIR),
                               ("templates", config.TEMPLATES_DIR.rglob("*"), config.TEMPLATES_DIR),
                               ("styles", config.STYLES_DIR.rglob("*"), config.STYLES_DIR),
                               ("assets", config.ASSETS_DIR.rglob("*"), config.ASSETS_DIR)):
        digest.update(f"{label}\0{tree_fingerprint(files, root)}\0".encode())
    return digest.hexdigest()


def options_json(options: config.BuildOptions) -> dict[str, Any]:
    """Every BuildOptions field, so a field added later is part of the key without touching this."""
    return json.loads(json.dumps(dataclasses.asdict(options), default=str, sort_keys=True))


@dataclasses.dataclass(frozen=True)
class Fingerprints:
    reporter: str
    code: str
    content: str
    theme: str
    options: dict[str, Any]

    @classmethod
    def of(cls, options: config.BuildOptions, content_dir: Path | None, theme: str) -> "Fingerprints":
        """``theme``: the chosen theme's fingerprint (themes.Theme.fingerprint)."""
        return cls(reporter=__version__, code=code_fingerprint(), content=content_fingerprint(content_dir),
                   theme=theme, options=options_json(options))

    def key(self, input_sha256: str, documents: Iterable[str], dated: str, since: str = "") -> str:
        """Everything one input's documents depend on, hashed. ``since``: the earlier plan.json a check-in
        compares with (its sha256, or "none"); "" without --since."""
        parts = {**dataclasses.asdict(self), "input": input_sha256, "documents": sorted(documents), "dated": dated}
        if since:
            parts["since"] = since
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def empty(fingerprints: Fingerprints | None = None) -> dict[str, Any]:
    head = dataclasses.asdict(fingerprints) if fingerprints else {}
    return {"format": FORMAT, **head, "inputs": {}}


def read(path: Path) -> dict[str, Any]:
    """A manifest, or an empty one when there is none yet or it cannot be trusted (then all is rebuilt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty()
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("inputs"), dict):
        return empty()
    return data


def outputs_intact(out_dir: Path, entry: dict[str, Any]) -> bool:
    """Every output the entry records is on disk with its recorded size and sha256."""
    outputs = entry.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return False
    for name, recorded in outputs.items():
        path = out_dir / name
        if not isinstance(recorded, dict):
            return False
        try:
            if path.stat().st_size != recorded.get("bytes") or sha256_file(path) != recorded.get("sha256"):
                return False
        except OSError:
            return False
    return True


def dumps(manifest: dict[str, Any]) -> bytes:
    ordered = dict(manifest)
    ordered["inputs"] = dict(sorted(manifest["inputs"].items()))
    return (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


HEAD_FIELDS = ("reporter", "code", "content", "theme", "options")


def merge(paths: Iterable[Path]) -> dict[str, Any]:
    """Combine the manifests of a build's shards. They must come from the same build settings."""
    merged: dict[str, Any] | None = None
    problems: list[Problem] = []
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(Problem(str(path), 1, 1, "", f"not a readable manifest: {error}"))
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("inputs"), dict):
            problems.append(Problem(str(path), 1, 1, "", f"not a reporter manifest (format {FORMAT})"))
            continue
        if merged is None:
            merged = {**data, "inputs": dict(data["inputs"])}
            continue
        for name in HEAD_FIELDS:
            if data.get(name) != merged.get(name):
                problems.append(Problem(str(path), 1, 1, name, "differs from the first manifest's; "
                                        "shards must be built with the same reporter, content, theme and options"))
        for source, entry in data["inputs"].items():
            if source in merged["inputs"] and merged["inputs"][source] != entry:
                problems.append(Problem(str(path), 1, 1, f"inputs.{source}", "also in another manifest, differently"))
            merged["inputs"][source] = entry
    if problems:
        raise InputError(problems)
    return merged if merged is not None else empty()
