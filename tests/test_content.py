"""The content pack, checked against the playbook page itself.

Every expected value here is parsed out of tests/fixtures/playbook-page.md, never retyped, so a pack
that drifts from the page (or a page edit the pack has not followed) fails.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from reporter import config, content
from reporter.errors import ContentError

PAGE = (Path(__file__).parent / "fixtures" / "playbook-page.md").read_text(encoding="utf-8")
LEVELS = ("L6", "L7")


# The page writes a range with a hyphen (10-25, $100K - $2M) and a dash as a spaced hyphen; the pack sets
# both with an en dash (10–25, $100K–$2M, "level – instead"), as print does. Comparisons fold that one
# difference away on both sides, dash and the spaces around it, and nothing else.
_DASH = re.compile(r" ?[-\u2013] ?")
_HYPHEN_RANGE = re.compile(r"\d[%KMB]? ?- ?~?\$?\d")


def fold_dashes(text: str) -> str:
    return _DASH.sub("-", text)


def norm(text: str) -> str:
    return " ".join(fold_dashes(text).split())


def norms(texts) -> list[str]:
    return [norm(t) for t in texts]


@pytest.fixture(scope="module")
def pack() -> content.Playbook:
    return content.load()


# --- reading the page ---------------------------------------------------------------------------

def section(start: str, end: str | None, text: str = PAGE) -> str:
    """The text from the first line containing ``start`` up to the next line containing ``end``."""
    begin = text.index(start)
    stop = text.index(end, begin + len(start)) if end else len(text)
    return text[begin:stop]


def level_section(level: str) -> str:
    following = {"L6": "L7 Success Formula", "L7": "Scope and Impact Expectations"}[level]
    return section(f"{level} Success Formula", following)


def bullets_after(text: str, heading: str) -> list[str]:
    """The ``- `` lines that directly follow the line containing ``heading``."""
    lines = text[text.index(heading):].splitlines()[1:]
    out = []
    for line in lines:
        if line.startswith("- "):
            out.append(line[2:])
        elif out or line.strip():
            break
    return out


def page_framework(level: str) -> list[tuple[int, str, list[str]]]:
    part = level_section(level)
    return [(int(w), name, bullets_after(part, f"**{w}% {name}**"))
            for w, name in re.findall(r"^\*\*(\d+)% (.+)\*\*$", part, re.M)]


def page_checklist(level: str) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(group name, group key, [(category id, [items])]) in page order."""
    part = section("Core Competency Checklist", "Interview Preparation Priority", level_section(level))
    groups = []
    for name, block in re.findall(r"^#### (.+?) \S+\n```yaml\n(.*?)```", part, re.M | re.S):
        key = re.match(r"(\w+):", block)[1]
        categories = []
        for line in block.splitlines()[1:]:
            if m := re.fullmatch(r"  (\w+):\s*", line):
                categories.append((m[1], []))
            elif m := re.fullmatch(r"\s+- \[ \] (.+)", line):
                categories[-1][1].append(m[1])
        groups.append((name, key, categories))
    return groups


def page_preparation(level: str) -> list[tuple[str, int, int, list[str]]]:
    part = level_section(level)
    return [(name, int(pct), int(hours), bullets_after(part, f"**{name} ({pct}% - ~{hours} hours)**:"))
            for name, pct, hours in re.findall(r"^\*\*(.+) \((\d+)% - ~(\d+) hours\)\*\*:$", part, re.M)]


def page_pie(level: str) -> list[tuple[str, int]]:
    part = level_section(level)
    return [(name, int(n)) for name, n in re.findall(r'^\s+"(.+)" : (\d+)$', part, re.M)]


def page_case_study(level: str) -> dict:
    part = section("Real Success Case Studies", None, level_section(level))
    quoted = " ".join(line[1:].strip() for line in part.splitlines() if line.startswith(">"))
    star = dict(re.findall(r"\*\*(Situation|Task|Action|Result)\*\*: (.*?)(?= \*\*(?:Task|Action|Result)\*\*:|$)",
                           quoted))
    return {
        "title": re.search(r"^#### (Case Study .+)$", part, re.M)[1],
        "background": re.search(r"^\*\*Background\*\*: (.+)$", part, re.M)[1],
        "challenge": re.search(r"^\*\*Challenge\*\*: (.+)$", part, re.M)[1],
        "scope": re.search(r"^\*\*Scope\*\*: (.+)$", part, re.M)[1],
        "star": {k.lower(): v.strip().strip('"') for k, v in star.items()},
        "why": bullets_after(part, "**Why This Succeeds**:"),
    }


def page_indicators(level: str) -> list[tuple[str, list[str]]]:
    block = re.search(rf"#### {level} Success Indicators\n```yaml\n(.*?)```", PAGE, re.S)[1]
    groups: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if m := re.fullmatch(r"(\w+):", line):
            groups.append((m[1], []))
        elif m := re.fullmatch(r"  - (.+)", line):
            groups[-1][1].append(m[1])
    return groups


def page_question(level: str) -> dict:
    other = {"L6": "L7", "L7": "L6"}[level]
    title = f"{level} Candidate Responding to {other}-Level Question"
    part = section(f"#### {title}", "####" if level == "L6" else "---")
    wrong = re.search(r"^\*\*Wrong Approach\*\* \((.+)\):\n> \"(.+)\"$", part, re.M)
    right = re.search(r"^\*\*Right Approach\*\* \((.+)\):\n> \"(.+)\"$", part, re.M)
    return {"title": title, "question": re.search(r'^\*\*Question\*\*: "(.+)"$', part, re.M)[1],
            "wrong_label": wrong[1], "wrong": wrong[2], "right_label": right[1], "right": right[2]}


def page_admonition(kind: str) -> tuple[str, str]:
    m = re.search(rf'^!!! {kind} "(.+)"\n((?:    .+\n?)+)', PAGE, re.M)
    return m[1], norm(m[2]).strip('"')


def all_strings(value) -> list[str]:
    """Every string anywhere in the loaded pack."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in all_strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in all_strings(k) + all_strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in all_strings(v)]
    return []


# --- the page parser reads what the page holds (so the comparisons below are not vacuous) --------

def test_page_parsers_find_everything():
    item_counts = [sum(len(items) for _, _, cats in page_checklist(lvl) for _, items in cats) for lvl in LEVELS]
    assert item_counts == [32, 28]
    assert [w for w, _, _ in page_framework("L6")] == [40, 30, 20, 10]
    assert [w for w, _, _ in page_framework("L7")] == [50, 25, 20, 5]
    assert [h for _, _, h, _ in page_preparation("L6")] == [100, 85, 70, 30]
    assert [h for _, _, h, _ in page_preparation("L7")] == [130, 80, 80, 30]
    assert all(len(b) == 4 for lvl in LEVELS for _, _, b in page_framework(lvl))
    assert all(len(b) == 4 for lvl in LEVELS for _, _, _, b in page_preparation(lvl))
    assert all(set(page_case_study(lvl)["star"]) == {"situation", "task", "action", "result"} for lvl in LEVELS)


# --- checklist ----------------------------------------------------------------------------------

@pytest.mark.parametrize("level, count", [("L6", 32), ("L7", 28)])
def test_checklist_items_are_the_page_lines_in_order(pack, level, count):
    page_items = [m for m in re.findall(r"^\s*- \[ \] (.+)$", level_section(level), re.M)]
    assert len(page_items) == count
    assert norms(i.text for i in pack.level(level).items) == norms(page_items)


@pytest.mark.parametrize("level", LEVELS)
def test_checklist_groups_and_categories_follow_the_page(pack, level):
    got = [(g.name, g.key, [(c.id, norms(i.text for i in c.items)) for c in g.categories])
           for g in pack.level(level).checklist]
    want = [(name, key, [(cid, norms(items)) for cid, items in cats]) for name, key, cats in page_checklist(level)]
    assert got == want
    icons = set(re.findall(r"^#### .+? (\S+)$", section("Core Competency Checklist", "```", level_section(level)), re.M))
    assert {g.icon for g in pack.level(level).checklist} == {i.encode("cp1252").decode("utf-8") for i in icons}


def test_item_ids_are_stable_and_unique(pack):
    ids = [i.id for lvl in LEVELS for i in pack.level(lvl).items]
    assert len(ids) == len(set(ids)) == 60
    assert len(pack.item_ids) == 60
    assert ids[0] == "l6.domain_expertise.1"
    assert ids[3] == "l6.domain_expertise.4"
    assert ids[4] == "l6.architecture_skills.1"
    for lvl in LEVELS:
        for category in pack.level(lvl).categories:
            assert [i.id for i in category.items] == [
                f"{lvl.lower()}.{category.id}.{n}" for n in range(1, len(category.items) + 1)]
            assert all(re.fullmatch(r"l[67]\.[a-z_]+\.[0-9]+", i.id) for i in category.items)


# --- framework and preparation ------------------------------------------------------------------

@pytest.mark.parametrize("level", LEVELS)
def test_framework_weights_names_and_bullets(pack, level):
    lvl = pack.level(level)
    want = page_framework(level)
    assert [(a.weight, a.name, norms(a.bullets)) for a in lvl.framework] == [(w, n, norms(b)) for w, n, b in want]
    heading = re.search(r"^### (The [\d-]+ Framework)$", level_section(level), re.M)[1]
    assert fold_dashes(lvl.framework_title) == fold_dashes(heading)
    assert heading == "The " + "-".join(str(w) for w, _, _ in want) + " Framework"
    assert sum(a.weight for a in lvl.framework) == 100


@pytest.mark.parametrize("level, hours", [("L6", 285), ("L7", 320)])
def test_preparation_split_follows_the_detailed_breakdown(pack, level, hours):
    lvl = pack.level(level)
    want = page_preparation(level)
    assert [(p.name, p.percent, p.hours, norms(p.bullets)) for p in lvl.preparation] == [
        (n, pct, h, norms(b)) for n, pct, h, b in want]
    assert lvl.recommended_hours == hours == sum(h for _, _, h, _ in want)
    assert sum(p.percent for p in lvl.preparation) == 100
    chart = re.search(r"pie title (.+)$", level_section(level), re.M)[1]
    assert lvl.preparation_chart_title == chart


@pytest.mark.parametrize("level", LEVELS)
def test_pie_chart_agrees_with_the_detailed_breakdown(level):
    # The page states each split twice; if they ever disagree the pack cannot follow both.
    assert page_pie(level) == [(name, pct) for name, pct, _, _ in page_preparation(level)]


@pytest.mark.parametrize("level", LEVELS)
def test_every_category_and_prep_area_maps_to_a_framework_area(pack, level):
    lvl = pack.level(level)
    area_ids = {a.id for a in lvl.framework}
    assert all(c.area in area_ids for c in lvl.categories)
    assert all(p.areas and set(p.areas) <= area_ids for p in lvl.preparation)
    # and every area is built by some preparation and measured by a category or a practice target
    assert {a for p in lvl.preparation for a in p.areas} == area_ids
    assert all(a.practice or any(c.area == a.id for c in lvl.categories) for a in lvl.framework)


def test_practice_targets_quote_the_page(pack):
    for target in pack.practice_targets.values():
        assert f"-{fold_dashes(target.source)}" in fold_dashes(PAGE)
        assert str(target.target) in target.source


# --- case studies -------------------------------------------------------------------------------

@pytest.mark.parametrize("level", LEVELS)
def test_case_study_fields_and_star_equal_the_page(pack, level):
    (study,) = pack.level(level).case_studies
    want = page_case_study(level)
    assert study.title == want["title"]
    assert (norm(study.background), norm(study.challenge), norm(study.scope)) == (
        norm(want["background"]), norm(want["challenge"]), norm(want["scope"]))
    assert {k: norm(getattr(study.story, k)) for k in want["star"]} == {k: norm(v) for k, v in want["star"].items()}
    assert norms(study.why) == norms(want["why"])


@pytest.mark.parametrize("level, figures", [
    ("L6", {"challenge": ["850ms"], "scope": ["$50M"], "situation": ["850ms"], "task": ["$50M"],
            "result": ["285ms", "$12M", "6 weeks"]}),
    ("L7", {"result": ["8 months", "6 weeks", "60%", "15%"]}),
])
def test_case_study_figures(pack, level, figures):
    (study,) = pack.level(level).case_studies
    for where, numbers in figures.items():
        text = getattr(study.story, where, None) or getattr(study, where)
        for number in numbers:
            assert number in text, (where, number)


# --- scope, indicators, questions ---------------------------------------------------------------

def test_scope_rows_equal_the_table(pack):
    rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.+?) \| (.+?) \|$", PAGE, re.M)
    assert len(rows) == 7
    assert ([tuple(fold_dashes(t) for t in (r.dimension, r.l6, r.l7)) for r in pack.scope_rows]
            == [tuple(fold_dashes(t) for t in row) for row in rows])
    assert pack.scope_table_title == re.search(r"^### (L6 vs L7 .+)$", PAGE, re.M)[1]


def test_scope_bands_come_from_the_rows_they_name(pack):
    rows = {r.id: r for r in pack.scope_rows}
    for level in LEVELS:
        for dim, row_id in pack.band_rows.items():
            band = pack.bands[level][dim]
            text = getattr(rows[row_id], level.lower()).replace(",", "")
            numbers = [int(n) * {"K": 1000, "M": 1_000_000, "": 1}[s] for n, s in re.findall(r"(\d+)([KM]?)", text)]
            assert band.low in numbers or dim == "teams", (level, dim)


@pytest.mark.parametrize("level", LEVELS)
def test_indicators_equal_the_page(pack, level):
    lvl = pack.level(level)
    assert lvl.indicators_title == f"{level} Success Indicators"
    assert [(g.key, norms(g.items)) for g in lvl.indicators] == [(k, norms(i)) for k, i in page_indicators(level)]
    assert [g.name for g in lvl.indicators] == [k.replace("_", " ").title() for k, _ in page_indicators(level)]


@pytest.mark.parametrize("level", LEVELS)
def test_question_handling_equals_the_page(pack, level):
    q = pack.level(level).question
    want = page_question(level)
    assert {k: norm(getattr(q, k)) for k in want} == {k: norm(v) for k, v in want.items()}


# --- page frame ---------------------------------------------------------------------------------

def test_title_intro_quote_and_closing(pack):
    assert pack.title == re.search(r"^# (.+)$", PAGE, re.M)[1]
    assert pack.subtitle == re.search(r"^## (The Science .+)$", PAGE, re.M)[1]
    intro = section("Each level at Amazon", "\n\n")
    assert norm(pack.intro) == norm(intro)
    assert (pack.quote_source, norm(pack.quote)) == page_admonition("quote")
    title, closing = page_admonition("success")
    assert (pack.closing_title, norm(pack.closing)) == (title, closing)
    assert norm(pack.closing_warning) in closing
    next_line = re.search(r"^\*Next: \[(.+)\]\(.+\) (.+)\*$", PAGE, re.M)
    assert pack.next_text == f"Next: {next_line[1]} {next_line[2].encode('cp1252').decode('utf-8')}"
    assert pack.indicators_title == re.search(r"^### (Success Metrics .+)$", PAGE, re.M)[1]
    assert pack.questions_subtitle == re.search(r"^### (Question Adaptation .+)$", PAGE, re.M)[1]


def test_sixteen_distinct_principles(pack):
    assert "all 16 Leadership Principles" in PAGE
    assert len(pack.principles) == len(set(pack.principles)) == 16


def test_section_headings_and_their_emoji(pack):
    headings = dict((title, icon.encode("cp1252").decode("utf-8"))
                    for icon, title in re.findall(r"^## ([^\x00-\x7f]+) (.+)$", PAGE, re.M))
    assert headings == {
        pack.level("L6").title: pack.level("L6").icon,
        pack.level("L7").title: pack.level("L7").icon,
        pack.scope_title: pack.scope_icon,
        pack.questions_title: pack.questions_icon,
    }


def test_mojibake_is_repaired_everywhere(pack):
    runs = set(re.findall(r"[^\x00-\x7f]+", PAGE))
    repairs = {run: run.encode("cp1252").decode("utf-8") for run in runs}
    assert len(runs) >= 6
    assert all(len(fixed) < len(run) for run, fixed in repairs.items())  # each run really was mojibake
    repaired = set(repairs.values())
    strings = all_strings(pack)
    text = "\n".join(strings)
    for emoji in repaired:
        assert emoji in text, emoji
    for s in strings:
        for run in runs:
            assert run not in s
        assert "ðŸ" not in s and "âœ" not in s and "â†" not in s
        assert not re.search("[\u00c0-\u00ff][\u0080-\u02ff\u2000-\u20ff]", s), s  # any other UTF-8-read-as-cp1252


def test_every_range_of_the_pack_is_set_with_an_en_dash(pack):
    """The page's 10-25 becomes 10–25 when the pack is loaded; the folded comparisons above rely on it."""
    strings = all_strings(pack)
    assert [s for s in strings if _HYPHEN_RANGE.search(s) or re.search(r"\S - \S", s)] == []
    assert "10–25 engineers, 2–4 teams" in strings and "The 40–30–20–10 Framework" in strings
    assert "$100K–$2M" in strings and any("a higher level – instead" in s for s in strings)
    assert "12-person team, $50M annual revenue impact" in strings  # a hyphenated word keeps its hyphen


def test_an_edited_pack_gets_its_ranges_set_too(edited):
    folder, edit, _ = edited
    edit("l6.yaml", "Manages 8-15 engineers effectively", "Manages 8 - 15 engineers effectively")
    texts = [i.text for i in content.load(folder).level("L6").items]
    assert "Manages 8–15 engineers effectively" in texts


def test_load_is_deterministic(pack):
    assert content.load().fingerprint == pack.fingerprint
    assert re.fullmatch(r"[0-9a-f]{64}", pack.fingerprint)


# --- an edited pack gets located errors ---------------------------------------------------------

@pytest.fixture()
def edited(tmp_path: Path):
    """Copy the pack, apply ``(file, old, new)`` edits, and return (folder, locate)."""
    folder = tmp_path / "pack"
    shutil.copytree(content.config.CONTENT_DIR, folder)

    def edit(file: str, old: str, new: str) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    def where(file: str, needle: str, col_of: str | None = None) -> str:
        """``path:line:col`` of the first line holding ``needle``, column of ``col_of`` (default: the needle)."""
        lines = (folder / file).read_text(encoding="utf-8").splitlines()
        n = next(i for i, line in enumerate(lines) if needle in line)
        return f"{folder / file}:{n + 1}:{lines[n].index(col_of or needle) + 1}"

    return folder, edit, where


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        content.load(folder)
    return caught.value.lines()


def test_weights_not_summing_to_100(edited):
    folder, edit, where = edited
    edit("l6.yaml", "weight: 40", "weight: 45")
    assert problems(folder) == [
        f"{where('l6.yaml', '- id: leadership_excellence', '-')}: framework.areas: weights sum to 105, not 100"]


def test_duplicate_category_id(edited):
    folder, edit, where = edited
    edit("l6.yaml", "- id: architecture_skills", "- id: domain_expertise")
    first = where("l6.yaml", "- id: domain_expertise").split(":")[1]
    lines = (folder / "l6.yaml").read_text().splitlines()
    second = [i for i, line in enumerate(lines) if "- id: domain_expertise" in line][1]
    col = lines[second].index("domain_expertise") + 1
    assert problems(folder) == [
        f"{folder / 'l6.yaml'}:{second + 1}:{col}: checklist.groups[0].categories[1].id: "
        f"'domain_expertise' is used twice (first on line {first})"]


def test_category_mapped_to_an_unknown_area(edited):
    folder, edit, where = edited
    edit("l6.yaml", "- id: direct_reports\n          area: people_development",
         "- id: direct_reports\n          area: people_developmnt")
    assert problems(folder) == [
        f"{where('l6.yaml', 'people_developmnt')}: checklist.groups[1].categories[0].area: 'people_developmnt' is "
        "not a framework area of L6 (known: leadership_excellence, system_design_mastery, people_development, "
        "coding_competency)"]


def test_prep_area_mapped_to_an_unknown_area(edited):
    folder, edit, where = edited
    edit("l7.yaml", "areas: [organizational_design, leadership_strategic_impact]",
         "areas: [organisational_design, leadership_strategic_impact]")
    assert problems(folder) == [
        # with the typo, nothing builds the area any more: said at the framework's list
        f"{where('l7.yaml', '- id: leadership_strategic_impact', '-')}: framework.areas: no preparation area "
        "builds 'organizational_design' (list it under a preparation area's areas)",
        f"{where('l7.yaml', 'organisational_design')}: preparation.areas[2].areas[0]: 'organisational_design' is "
        "not a framework area of L7 (known: leadership_strategic_impact, organizational_design, "
        "technical_architecture, technical_credibility)"]


def test_unknown_key_suggests_the_known_one(edited):
    folder, edit, where = edited
    edit("l7.yaml", "      practice: system_design_problems", "      practise: system_design_problems")
    assert problems(folder) == [
        f"{where('l7.yaml', 'practise:')}: preparation.areas[1].practise: unknown key (did you mean 'practice'?)"]


def test_prep_area_naming_an_unknown_practice_metric(edited):
    folder, edit, where = edited
    edit("l6.yaml", "practice: stories", "practice: story_count")
    assert problems(folder) == [
        f"{where('l6.yaml', 'story_count')}: preparation.areas[2].practice: 'story_count' is not a practice "
        "target of the pack (known: leetcode_solved, stories, system_design_problems)"]


def test_unknown_practice_metric_in_the_targets(edited):
    folder, edit, where = edited
    edit("playbook.yaml", "  stories: {target: 10,", "  story: {target: 10,")
    assert problems(folder) == sorted([
        f"{where('playbook.yaml', 'story:')}: practice_targets.story: unknown practice metric "
        "(known: leetcode_solved, system_design_problems, stories)",
        f"{where('playbook.yaml', 'leetcode_solved: {')}: practice_targets: target for 'stories' is missing",
    ] + [
        # the levels that use it cannot resolve it either
        f"{where(f, 'practice: stories', 'stories')}: preparation.areas[2].practice: 'stories' is not a practice "
        "target of the pack (known: leetcode_solved, system_design_problems)" for f in ("l6.yaml", "l7.yaml")
    ])


def test_a_level_title_that_is_not_text_is_reported(edited):
    # regression: fields read after the level's problems were raised used to be dropped silently
    folder, edit, where = edited
    edit("l6.yaml", "title: L6 Success Formula", "title: 12")
    assert problems(folder) == [
        f"{where('l6.yaml', 'title: 12', '12')}: title: '12' is not text to every YAML reader (it may be read as a "
        'number, date, boolean or null) (put it in quotes: "12")']


def test_every_problem_of_every_file_is_reported_at_once(edited):
    folder, edit, where = edited
    edit("l6.yaml", "weight: 40", "weight: 45")
    edit("l7.yaml", "      practice: system_design_problems", "      practise: system_design_problems")
    edit("playbook.yaml", "subtitle: The Science", "subtitle: [The Science")
    found = problems(folder)
    assert len(found) == 1 and "not valid YAML" in found[0]  # the main file is not YAML: nothing else is read
    edit("playbook.yaml", "subtitle: [The Science", "subtitle: The Science")
    assert [line.split(": ")[1] for line in problems(folder)] == ["framework.areas", "preparation.areas[1].practise"]


def test_cli_prints_the_located_error_and_exits_1(edited, capsys):
    from reporter import cli

    folder, edit, where = edited
    edit("l6.yaml", "weight: 40", "weight: 45")
    assert cli.main(["--content", str(folder), "schema"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{where('l6.yaml', '- id: leadership_excellence', '-')}: framework.areas: weights sum to 105, not 100"]


def test_the_shipped_pack_parses_to_the_same_tree_with_libyaml_as_with_the_located_loader():
    # content.load parses the packaged pack with libyaml (source._TrustedLoader), without the located loader's
    # refusals; this is the premise: for the files we ship, both give one tree, positions and quoting included.
    from reporter import source

    if source._TrustedLoader is None:
        pytest.skip("PyYAML without libyaml: the located loader parses the pack")
    files = sorted(config.CONTENT_DIR.glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert source.parse_text(text, path.name, trusted=True) == source.parse_text(text, path.name), path.name
