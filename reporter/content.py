"""The content pack: the playbook page as structured, checked data.

``content/playbook.yaml`` holds what both levels share and names one file per level. The pack is
loaded and validated once; an edited pack (``--content DIR``) gets the same located errors as any
other input. Nothing here knows about a candidate.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import config
from .errors import ContentError, InputError, Problem
from .source import Checker, Node, read_file
from .typography import title_case, typeset

PRACTICE_METRICS = ("leetcode_solved", "system_design_problems", "stories")
BAND_DIMENSIONS = ("engineers", "teams", "duration_months", "budget_usd")


@dataclass(frozen=True)
class PracticeTarget:
    metric: str  # one of PRACTICE_METRICS
    target: int
    label: str
    source: str  # the page's own words for the target


@dataclass(frozen=True)
class FrameworkArea:
    id: str
    name: str
    weight: int
    bullets: tuple[str, ...]
    practice: PracticeTarget | None  # set only for areas no checklist item evidences


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # e.g. "l6.domain_expertise.1"
    text: str


@dataclass(frozen=True)
class ChecklistCategory:
    id: str
    area: str  # FrameworkArea.id this category evidences
    items: tuple[ChecklistItem, ...]

    @property
    def name(self) -> str:
        """In sentence case, as the prep plan's headings are: "influence_and_collaboration" -> "Influence and collaboration"."""
        return self.id.replace("_", " ").capitalize()

    @property
    def title(self) -> str:
        """In the playbook's own Title Case, for the book: "Influence and Collaboration"."""
        return title_case(self.id.replace("_", " "))


@dataclass(frozen=True)
class ChecklistGroup:
    name: str
    icon: str
    key: str
    categories: tuple[ChecklistCategory, ...]

    @property
    def key_label(self) -> str:
        """The group's key as words: "technical_excellence" -> "Technical excellence"."""
        return self.key.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PrepArea:
    id: str
    name: str
    percent: int
    hours: int
    areas: tuple[str, ...]  # FrameworkArea ids this preparation builds
    practice: PracticeTarget | None
    bullets: tuple[str, ...]


# The four parts of a STAR story, in order, with the label a reader sees: the one list every document uses.
STAR_PARTS = (("Situation", "situation"), ("Task", "task"), ("Action", "action"), ("Result", "result"))


@dataclass(frozen=True)
class Star:
    situation: str
    task: str
    action: str
    result: str

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """(label, text) of each part, in STAR order."""
        return tuple((label, getattr(self, field)) for label, field in STAR_PARTS)


@dataclass(frozen=True)
class CaseStudy:
    title: str
    background: str
    challenge: str
    scope: str
    story: Star
    why: tuple[str, ...]
    # The story as the slides show it: a brief written for the slide (the pack's `story.slide`), else the story.
    slide_story: Star | None = None

    @property
    def story_for_slides(self) -> Star:
        return self.slide_story or self.story


@dataclass(frozen=True)
class IndicatorGroup:
    key: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class QuestionAdvice:
    title: str
    question: str
    wrong_label: str
    wrong: str
    right_label: str
    right: str
    # Briefs written for a slide (the pack's `wrong_slide`, `right_slide`); the full answers go to the notes.
    wrong_slide: str = ""
    right_slide: str = ""

    @property
    def wrong_for_slides(self) -> str:
        return self.wrong_slide or self.wrong

    @property
    def right_for_slides(self) -> str:
        return self.right_slide or self.right


@dataclass(frozen=True)
class Level:
    id: str  # "L6" | "L7"
    title: str
    icon: str
    framework_title: str
    framework: tuple[FrameworkArea, ...]
    checklist_title: str
    checklist: tuple[ChecklistGroup, ...]
    preparation_title: str
    preparation_chart_title: str
    preparation: tuple[PrepArea, ...]
    case_studies_title: str
    case_studies: tuple[CaseStudy, ...]
    indicators_title: str
    indicators: tuple[IndicatorGroup, ...]
    question: QuestionAdvice

    @property
    def framework_name(self) -> str:
        """The framework's title as it reads inside a sentence or after a level: "Competency Framework"."""
        return self.framework_title.removeprefix("The ")

    @property
    def recommended_hours(self) -> int:
        return sum(p.hours for p in self.preparation)

    @property
    def categories(self) -> tuple[ChecklistCategory, ...]:
        return tuple(c for g in self.checklist for c in g.categories)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for c in self.categories for i in c.items)

    def area(self, area_id: str) -> FrameworkArea:
        return next(a for a in self.framework if a.id == area_id)


@dataclass(frozen=True)
class ScopeRow:
    id: str
    dimension: str
    l6: str
    l7: str


@dataclass(frozen=True)
class Band:
    """A numeric range of the scope table; ``high`` None means open-ended ("100+")."""

    low: int
    high: int | None

    def contains(self, value: float) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Playbook:
    title: str
    subtitle: str
    intro: str
    quote_source: str
    quote: str
    levels: dict[str, Level]
    scope_title: str
    scope_icon: str
    scope_table_title: str
    scope_rows: tuple[ScopeRow, ...]
    bands: dict[str, dict[str, Band]]  # level -> dimension -> band
    band_rows: dict[str, str]  # dimension -> ScopeRow.id it comes from
    indicators_title: str
    questions_title: str
    questions_icon: str
    questions_subtitle: str
    closing_title: str
    closing: str
    closing_warning: str
    next_text: str
    principles: tuple[str, ...]
    practice_targets: dict[str, PracticeTarget]
    fingerprint: str  # sha256 over the pack's files, for manifests and caches

    @property
    def stories_asked(self) -> str:
        """What the playbook asks of a candidate's stories, from its own targets and principles."""
        target = self.practice_targets["stories"].target
        return (f"The playbook asks for at least {target} STAR stories, covering all {len(self.principles)} "
                "Leadership Principles.")

    def level(self, level_id: str) -> Level:
        return self.levels[level_id]

    @cached_property
    def item_ids(self) -> dict[str, ChecklistItem]:
        return {i.id: i for level in self.levels.values() for i in level.items}


# ---------------------------------------------------------------------------------------------
# Loading


def load(directory: Path | None = None) -> Playbook:
    """Load and validate the pack in ``directory`` (default: the packaged ``content/``)."""
    root = Path(directory) if directory is not None else config.CONTENT_DIR
    main_path = root / "playbook.yaml"
    shipped = directory is None  # the packaged pack: parsed with libyaml (source._TrustedLoader)
    try:
        files = [main_path]
        node = read_file(_inside(root, main_path), config.MAX_CONTENT_BYTES, str(main_path), trusted=shipped)
        check = Checker(str(main_path))
        top = check.mapping(node, "", _TOP_KEYS, required=_TOP_KEYS) or {}
        practice_targets = _practice_targets(check, top.get("practice_targets"))
        levels: dict[str, Level] = {}
        unreadable = 0  # level files with problems of their own: their level is not "missing" too
        for entry in check.sequence(top.get("levels"), "levels", 4):
            name = check.text(entry, "levels", 100)
            if name is None:
                continue
            if "/" in name or "\\" in name or name.startswith("."):
                check.problem(entry, "levels", "a level file must be a plain file name in the pack folder")
                continue
            level_path = root / name
            try:
                level = _level(read_file(_inside(root, level_path), config.MAX_CONTENT_BYTES, str(level_path),
                                         trusted=shipped), str(level_path), practice_targets)
            except InputError as error:
                check.problems.extend(error.problems)
                unreadable += 1
                continue
            files.append(level_path)  # fingerprinted only once read: a refused file is not opened again
            if level.id in levels:
                check.problem(entry, "levels", f"level {level.id} is defined twice")
            levels[level.id] = level
        playbook = _playbook(check, top, levels, practice_targets, _fingerprint(files), unreadable)
        check.raise_if_any(ContentError)
    except ContentError:
        raise
    except InputError as error:
        raise ContentError(error.problems) from None
    assert playbook is not None
    return playbook


_TOP_KEYS = ("title", "subtitle", "intro", "quote", "levels", "scope", "indicators_title", "questions_title",
             "questions_icon", "questions_subtitle", "closing", "next", "principles", "practice_targets")


def _inside(root: Path, path: Path) -> Path:
    """``path`` resolved, if it stays in the pack folder: an edited pack may not link to files elsewhere."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise InputError([Problem(str(path), 1, 1, "(file)", "links to a file outside the content pack folder",
                                  "copy the file into the pack instead of linking to it")])
    return resolved


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _texts(check: Checker, node: Node | None, field: str, max_items: int = 40) -> tuple[str, ...]:
    return tuple(text for text, _, _ in _located_texts(check, node, field, max_items))


def _located_texts(check: Checker, node: Node | None, field: str,
                   max_items: int = 40) -> list[tuple[str, Node, str]]:
    """The valid texts of a list, each with its node and field name for located messages."""
    out = []
    for i, entry in enumerate(check.sequence(node, field, max_items)):
        value = check.text(entry, f"{field}[{i}]", config.MAX_CONTENT_TEXT)
        if value is not None:
            out.append((typeset(value.strip()), entry, f"{field}[{i}]"))
    return out


def _t(check: Checker, fields: dict[str, Node], key: str, field: str) -> str:
    """A text field as print sets it (typography.typeset: the page writes 10-25; print sets 10–25)."""
    text = check.text(fields.get(key), f"{field}.{key}" if field else key, config.MAX_CONTENT_TEXT) or ""
    return typeset(text.strip())


def _practice_targets(check: Checker, node: Node | None) -> dict[str, PracticeTarget]:
    targets: dict[str, PracticeTarget] = {}
    for metric, key_node, value in check.keyed(node, "practice_targets", 10):
        field = f"practice_targets.{metric}"
        if metric not in PRACTICE_METRICS:
            check.problem(key_node, field, "unknown practice metric", f"known: {', '.join(PRACTICE_METRICS)}")
            continue
        fields = check.mapping(value, field, ("target", "label", "source"), required=("target", "label", "source"))
        if fields is None:
            continue
        target = check.integer(fields.get("target"), f"{field}.target", 1, 10_000)
        targets[metric] = PracticeTarget(metric, target or 1, _t(check, fields, "label", field),
                                         _t(check, fields, "source", field))
    return targets


def _practice_ref(check: Checker, node: Node | None, field: str,
                  targets: dict[str, PracticeTarget]) -> PracticeTarget | None:
    if node is None:
        return None
    name = check.text(node, field, 60)
    if name is None:
        return None
    if name not in targets:
        check.problem(node, field, f"'{name}' is not a practice target of the pack",
                      f"known: {', '.join(sorted(targets))}")
        return None
    return targets[name]


_LEVEL_KEYS = ("id", "title", "icon", "framework", "checklist", "preparation", "case_studies", "indicators",
               "question")


def _level(node: Node, file: str, targets: dict[str, PracticeTarget]) -> Level:
    check = Checker(file)
    top = check.mapping(node, "", _LEVEL_KEYS, required=_LEVEL_KEYS) or {}
    level_id = check.choice(top.get("id"), "id", ("l6", "l7"))
    level_id = (level_id or "l6").upper()
    prefix = level_id.lower()

    # Framework
    fw = check.mapping(top.get("framework"), "framework", ("title", "areas"), required=("title", "areas")) or {}
    areas: list[FrameworkArea] = []
    area_nodes: list[tuple[str, Node, str]] = []
    for i, entry in enumerate(check.sequence(fw.get("areas"), "framework.areas", 12)):
        field = f"framework.areas[{i}]"
        f = check.mapping(entry, field, ("id", "name", "weight", "bullets", "practice"),
                          required=("id", "name", "weight", "bullets"))
        if f is None:
            continue
        area_id = _id(check, f, field)
        area_nodes.append((area_id, f.get("id", entry), f"{field}.id"))
        areas.append(FrameworkArea(
            id=area_id, name=_t(check, f, "name", field),
            weight=check.integer(f.get("weight"), f"{field}.weight", 0, 100) or 0,
            bullets=_texts(check, f.get("bullets"), f"{field}.bullets"),
            practice=_practice_ref(check, f.get("practice"), f"{field}.practice", targets)))
    area_ids = [a.id for a in areas]
    if areas and sum(a.weight for a in areas) != 100:
        check.problem(fw.get("areas", node), "framework.areas",
                      f"weights sum to {sum(a.weight for a in areas)}, not 100")
    _unique(check, area_nodes)

    # Checklist
    cl = check.mapping(top.get("checklist"), "checklist", ("title", "groups"), required=("title", "groups")) or {}
    groups: list[ChecklistGroup] = []
    category_ids: list[tuple[str, Node, str]] = []
    for g, gnode in enumerate(check.sequence(cl.get("groups"), "checklist.groups", 12)):
        gfield = f"checklist.groups[{g}]"
        gf = check.mapping(gnode, gfield, ("name", "icon", "key", "categories"), required=("name", "key", "categories"))
        if gf is None:
            continue
        categories = []
        for c, cnode in enumerate(check.sequence(gf.get("categories"), f"{gfield}.categories", 12)):
            cfield = f"{gfield}.categories[{c}]"
            cf = check.mapping(cnode, cfield, ("id", "area", "items"), required=("id", "area", "items"))
            if cf is None:
                continue
            cat_id = _id(check, cf, cfield)
            area = _t(check, cf, "area", cfield)
            if area and area not in area_ids:
                check.problem(cf["area"], f"{cfield}.area", f"'{area}' is not a framework area of {level_id}",
                              f"known: {', '.join(area_ids)}")
            texts = _texts(check, cf.get("items"), f"{cfield}.items")
            category_ids.append((cat_id, cf.get("id", cnode), f"{cfield}.id"))
            categories.append(ChecklistCategory(
                cat_id, area, tuple(ChecklistItem(f"{prefix}.{cat_id}.{n}", t) for n, t in enumerate(texts, 1))))
        groups.append(ChecklistGroup(_t(check, gf, "name", gfield), (check.text(gf.get("icon"), f"{gfield}.icon", 8, required=False) or "") if gf.get("icon") else "",
                                     _t(check, gf, "key", gfield), tuple(categories)))
    _unique(check, category_ids)

    # Preparation
    pr = check.mapping(top.get("preparation"), "preparation", ("title", "chart_title", "areas"),
                       required=("title", "chart_title", "areas")) or {}
    prep: list[PrepArea] = []
    prep_ids: list[tuple[str, Node, str]] = []
    for i, entry in enumerate(check.sequence(pr.get("areas"), "preparation.areas", 12)):
        field = f"preparation.areas[{i}]"
        f = check.mapping(entry, field, ("id", "name", "percent", "hours", "areas", "practice", "bullets"),
                          required=("id", "name", "percent", "hours", "areas", "bullets"))
        if f is None:
            continue
        refs = _located_texts(check, f.get("areas"), f"{field}.areas", 6)
        maps_to = tuple(ref for ref, _, _ in refs)
        for ref, ref_node, ref_field in refs:
            if ref not in area_ids:
                check.problem(ref_node, ref_field, f"'{ref}' is not a framework area of {level_id}",
                              f"known: {', '.join(area_ids)}")
        if not maps_to and "areas" in f:
            check.problem(f["areas"], f"{field}.areas", "must name at least one framework area")
        prep_id = _id(check, f, field)
        prep_ids.append((prep_id, f.get("id", entry), f"{field}.id"))
        prep.append(PrepArea(
            id=prep_id, name=_t(check, f, "name", field),
            percent=check.integer(f.get("percent"), f"{field}.percent", 0, 100) or 0,
            hours=check.integer(f.get("hours"), f"{field}.hours", 0, 2000) or 0,
            areas=maps_to, practice=_practice_ref(check, f.get("practice"), f"{field}.practice", targets),
            bullets=_texts(check, f.get("bullets"), f"{field}.bullets")))
    if prep and sum(p.percent for p in prep) != 100:
        check.problem(pr.get("areas", node), "preparation.areas",
                      f"percents sum to {sum(p.percent for p in prep)}, not 100")
    _unique(check, prep_ids)
    covered = {a for p in prep for a in p.areas}
    for area in areas:
        if area.id not in covered:
            check.problem(fw.get("areas", node), "framework.areas",
                          f"no preparation area builds '{area.id}'", "list it under a preparation area's areas")
    evidenced = {c.area for g in groups for c in g.categories}
    for area in areas:
        if area.id not in evidenced and area.practice is None:
            check.problem(fw.get("areas", node), "framework.areas",
                          f"'{area.id}' has no checklist category and no practice target to measure it")

    # Case studies
    cs = check.mapping(top.get("case_studies"), "case_studies", ("title", "items"), required=("title", "items")) or {}
    studies = []
    for i, entry in enumerate(check.sequence(cs.get("items"), "case_studies.items", 10)):
        field = f"case_studies.items[{i}]"
        f = check.mapping(entry, field, ("title", "background", "challenge", "scope", "story", "why"),
                          required=("title", "background", "challenge", "scope", "story", "why"))
        if f is None:
            continue
        sfield = f"{field}.story"
        star_keys = ("situation", "task", "action", "result")
        s = check.mapping(f.get("story"), sfield, (*star_keys, "slide"), required=star_keys) or {}
        brief = check.mapping(s.get("slide"), f"{sfield}.slide", star_keys, required=star_keys)
        studies.append(CaseStudy(
            _t(check, f, "title", field), _t(check, f, "background", field), _t(check, f, "challenge", field),
            _t(check, f, "scope", field), Star(*(_t(check, s, k, sfield) for k in star_keys)),
            _texts(check, f.get("why"), f"{field}.why"),
            Star(*(_t(check, brief, k, f"{sfield}.slide") for k in star_keys)) if brief else None))

    # Indicators
    ind = check.mapping(top.get("indicators"), "indicators", ("title", "groups"), required=("title", "groups")) or {}
    indicators = []
    for i, entry in enumerate(check.sequence(ind.get("groups"), "indicators.groups", 10)):
        field = f"indicators.groups[{i}]"
        f = check.mapping(entry, field, ("key", "name", "items"), required=("key", "name", "items"))
        if f is None:
            continue
        indicators.append(IndicatorGroup(_t(check, f, "key", field), _t(check, f, "name", field),
                                         _texts(check, f.get("items"), f"{field}.items")))

    q_keys = ("title", "question", "wrong_label", "wrong", "right_label", "right")
    q_briefs = ("wrong_slide", "right_slide")
    q = check.mapping(top.get("question"), "question", (*q_keys, *q_briefs), required=q_keys) or {}
    question = QuestionAdvice(*(_t(check, q, k, "question") for k in q_keys),
                              *(_t(check, q, k, "question") if k in q else "" for k in q_briefs))

    # Every field is read before deciding: a problem found after raise_if_any would be lost.
    level = Level(
        id=level_id, title=_t(check, top, "title", ""), icon=_t(check, top, "icon", ""),
        framework_title=_t(check, fw, "title", "framework"), framework=tuple(areas),
        checklist_title=_t(check, cl, "title", "checklist"), checklist=tuple(groups),
        preparation_title=_t(check, pr, "title", "preparation"),
        preparation_chart_title=_t(check, pr, "chart_title", "preparation"), preparation=tuple(prep),
        case_studies_title=_t(check, cs, "title", "case_studies"), case_studies=tuple(studies),
        indicators_title=_t(check, ind, "title", "indicators"), indicators=tuple(indicators), question=question)
    check.raise_if_any(ContentError)
    return level


def _unique(check: Checker, ids: list[tuple[str, Node, str]]) -> None:
    """Report each repeated id at its second (third, …) use, naming the line of the first."""
    first: dict[str, Node] = {}
    for ident, node, field in ids:
        if not ident:
            continue  # missing or invalid: already reported
        if ident in first:
            check.problem(node, field, f"'{ident}' is used twice (first on line {first[ident].line})")
        else:
            first[ident] = node


_ID = re.compile(r"[a-z][a-z0-9_]{0,59}")


def _id(check: Checker, fields: dict[str, Node], field: str) -> str:
    """An identifier that becomes part of stable ids such as ``l6.domain_expertise.1``."""
    ident = _t(check, fields, "id", field)
    if ident and not _ID.fullmatch(ident):
        check.problem(fields["id"], f"{field}.id", f"'{ident}' is not an id",
                      "use lower-case letters, digits and _ (e.g. domain_expertise)")
        return ""
    return ident


def _playbook(check: Checker, top: dict[str, Node], levels: dict[str, Level],
              targets: dict[str, PracticeTarget], fingerprint: str, unreadable: int = 0) -> Playbook | None:
    for required in ("L6", "L7"):
        if required not in levels and "levels" in top and not unreadable:
            check.problem(top["levels"], "levels", f"level {required} is missing")
    quote = check.mapping(top.get("quote"), "quote", ("source", "text"), required=("source", "text")) or {}
    scope_keys = ("title", "icon", "table_title", "rows", "bands", "band_rows")
    scope = check.mapping(top.get("scope"), "scope", scope_keys, required=scope_keys) or {}
    rows = []
    row_nodes: list[tuple[str, Node, str]] = []
    for i, entry in enumerate(check.sequence(scope.get("rows"), "scope.rows", 20)):
        field = f"scope.rows[{i}]"
        f = check.mapping(entry, field, ("id", "dimension", "l6", "l7"), required=("id", "dimension", "l6", "l7"))
        if f is not None:
            row_id = _id(check, f, field)
            row_nodes.append((row_id, f.get("id", entry), f"{field}.id"))
            rows.append(ScopeRow(row_id, *(_t(check, f, k, field) for k in ("dimension", "l6", "l7"))))
    row_ids = [r.id for r in rows]
    _unique(check, row_nodes)

    bands: dict[str, dict[str, Band]] = {}
    for level_id, key_node, value in check.keyed(scope.get("bands"), "scope.bands", 4):
        if level_id not in ("L6", "L7"):
            check.problem(key_node, f"scope.bands.{level_id}", "bands are given for L6 and L7 only")
            continue
        dims = check.mapping(value, f"scope.bands.{level_id}", BAND_DIMENSIONS, required=BAND_DIMENSIONS) or {}
        bands[level_id] = {}
        for dim, band_node in dims.items():
            field = f"scope.bands.{level_id}.{dim}"
            pair = check.sequence(band_node, field, 2)
            if len(pair) != 2:
                check.problem(band_node, field, "a band is [low, high] (high may be null)")
                continue
            low = check.integer(pair[0], field, 0, 10**12)
            high = None if (pair[1].kind == "scalar" and pair[1].text == "null" and not pair[1].quoted) \
                else check.integer(pair[1], field, 0, 10**12)
            if low is not None and high is not None and high < low:
                check.problem(band_node, field, f"the band [{low}, {high}] ends below its start")
            elif low is not None:
                bands[level_id][dim] = Band(low, high)
    for level_id in ("L6", "L7"):
        if level_id not in bands and "bands" in scope:
            check.problem(scope["bands"], "scope.bands", f"bands for {level_id} are missing")
    band_rows: dict[str, str] = {}
    for dim, key_node, value in check.keyed(scope.get("band_rows"), "scope.band_rows", 8):
        row = check.text(value, f"scope.band_rows.{dim}", 60)
        if dim not in BAND_DIMENSIONS:
            check.problem(key_node, f"scope.band_rows.{dim}", "unknown dimension", f"known: {', '.join(BAND_DIMENSIONS)}")
        elif row is not None and row not in row_ids:
            check.problem(value, f"scope.band_rows.{dim}", f"'{row}' is not a scope row id")
        elif row is not None:
            band_rows[dim] = row

    closing = check.mapping(top.get("closing"), "closing", ("title", "text", "warning"),
                            required=("title", "text", "warning")) or {}
    nxt = check.mapping(top.get("next"), "next", ("text",), required=("text",)) or {}
    located_principles = _located_texts(check, top.get("principles"), "principles")
    principles = tuple(text for text, _, _ in located_principles)
    if "principles" in top and len(principles) != 16:
        check.problem(top["principles"], "principles", f"{len(principles)} principles listed; Amazon has 16")
    _unique(check, located_principles)
    for metric in PRACTICE_METRICS:
        if metric not in targets and "practice_targets" in top:
            check.problem(top["practice_targets"], "practice_targets", f"target for '{metric}' is missing")
    if check.problems:
        return None
    return Playbook(
        title=_t(check, top, "title", ""), subtitle=_t(check, top, "subtitle", ""), intro=_t(check, top, "intro", ""),
        quote_source=_t(check, quote, "source", "quote"), quote=_t(check, quote, "text", "quote"),
        levels=dict(sorted(levels.items())), scope_title=_t(check, scope, "title", "scope"),
        scope_icon=_t(check, scope, "icon", "scope"), scope_table_title=_t(check, scope, "table_title", "scope"),
        scope_rows=tuple(rows), bands=bands, band_rows=band_rows,
        indicators_title=_t(check, top, "indicators_title", ""), questions_title=_t(check, top, "questions_title", ""),
        questions_icon=_t(check, top, "questions_icon", ""), questions_subtitle=_t(check, top, "questions_subtitle", ""),
        closing_title=_t(check, closing, "title", "closing"), closing=_t(check, closing, "text", "closing"),
        closing_warning=_t(check, closing, "warning", "closing"), next_text=_t(check, nxt, "text", "next"),
        principles=principles, practice_targets=targets, fingerprint=fingerprint)
