"""The loader and the JSON Schema are one contract: both run over one corpus and must agree.

The corpus is the examples, the starter of each level, and many small variants of one valid file,
each labelled with what it is: valid, invalid, or invalid by a rule the schema cannot say (one of
``assessment.RULES_BEYOND_THE_SCHEMA``). The schema side is the real ``check-jsonschema`` (a test
dependency), run on the files as an editor would see them: YAML 1.2, formats checked, and once with
ECMA-262 and once with Python regular expressions. No network: the schema is a local file and refers
only to itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reporter import assessment, config, content
from reporter.assessment import RULES_BEYOND_THE_SCHEMA, json_schema, load, schema_text, starter_yaml
from reporter.errors import InputError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = dt.date(2026, 12, 1)  # the examples' date (SOURCE_DATE_EPOCH in the Makefile)
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

BASE = """\
candidate:
  name: Ada Lovelace
  current_title: Engineering Manager
  target_level: L6
  interview_date: 2027-03-01
  hours_per_week: 8
  plan_start: 2026-12-07
competencies:
  l6.domain_expertise.1: yes
  l6.domain_expertise.2:
    status: partial
    evidence: |
      Led the **payments** migration.
practice:
  leetcode_solved: 40
  system_design_problems: 3
  mock_interviews: 1
stories:
  - title: Ledger rewrite
    principles: [Ownership, Deliver Results]
    situation: Legacy ledger.
    task: Replace it.
    action: Planned it.
    result: No downtime.
    scope: {engineers: 14, teams: 3, duration_months: 9.5, budget_usd: 900000}
notes: |
  Travel in February.
"""


def variant(old: str, new: str, base: str = BASE) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def lines(count: int, indent: int) -> str:
    return "|\n" + "".join(f"{' ' * indent}- line {i}\n" for i in range(count))


VALID = {
    "base": BASE,
    "status in capitals": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1: YES"),
    "status mixed case, quoted with spaces": variant("status: partial", 'status: " Partial "'),
    "status no, unquoted": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1: no"),
    "level in lower case": variant("target_level: L6", "target_level: l6"),
    "level quoted with spaces": variant("target_level: L6", 'target_level: " L6 "'),
    "principles in any case and punctuation": variant(
        "[Ownership, Deliver Results]",
        '[ownership, "have backbone, disagree and commit", are right; a lot, "  Think-Big!! "]'),
    "dates quoted": variant("interview_date: 2027-03-01", 'interview_date: "2027-03-01"'),
    "plan start quoted": variant("plan_start: 2026-12-07", "plan_start: '2026-12-07'"),
    "interview today": variant("interview_date: 2027-03-01\n", "interview_date: 2026-12-01\n").replace(
        "plan_start: 2026-12-07", "plan_start: 2026-12-01"),
    "optional fields blank": variant("current_title: Engineering Manager", "current_title:").replace(
        "plan_start: 2026-12-07", "plan_start: ~"),
    "optional sections blank": "candidate:\n" + BASE.split("candidate:\n")[1].split("competencies:")[0]
                               + "competencies:\npractice: null\nstories:\nnotes: ~\n",
    "empty sections": "candidate:\n" + BASE.split("candidate:\n")[1].split("competencies:")[0]
                      + "competencies: {}\npractice: {}\nstories: []\nnotes: ''\n",
    "blank evidence and scope": variant("      Led the **payments** migration.\n", "").replace(
        "evidence: |\n", "evidence:\n").replace(
        "scope: {engineers: 14, teams: 3, duration_months: 9.5, budget_usd: 900000}", "scope:"),
    "hours as a decimal": variant("hours_per_week: 8", "hours_per_week: 7.5"),
    "hours written 8.": variant("hours_per_week: 8", "hours_per_week: 8."),
    "hours written .5": variant("hours_per_week: 8", "hours_per_week: .5"),
    "hours at the limit": variant("hours_per_week: 8", f"hours_per_week: {config.MAX_HOURS_PER_WEEK}"),
    "name as a block with a final newline": variant("name: Ada Lovelace", "name: |\n    Ada Lovelace"),
    "name with surrounding spaces": variant("name: Ada Lovelace", 'name: "  Ada Lovelace  "'),
    "name at its limit": variant("name: Ada Lovelace", "name: " + "x" * config.MAX_NAME_CHARS),
    "title at its limit": variant("title: Ledger rewrite", "title: " + "t" * config.MAX_SHORT_TEXT),
    "name outside ASCII": variant("name: Ada Lovelace", "name: Zoë Çelik-Ωmega"),
    "evidence at its line limit": variant("evidence: |\n      Led the **payments** migration.\n",
                                          "evidence: " + lines(config.MAX_TEXT_LINES, 6)),
    "evidence at its line limit, no final newline": variant(
        "evidence: |\n      Led the **payments** migration.\n",
        "evidence: " + lines(config.MAX_TEXT_LINES, 6).replace("|\n", "|-\n", 1)),
    "notes at their line limit": variant("notes: |\n  Travel in February.\n",
                                         "notes: " + lines(config.MAX_NOTES_LINES, 2)),
    "current title blank, quoted": variant("current_title: Engineering Manager", 'current_title: ""'),
    "scope at the bounds": variant("{engineers: 14, teams: 3, duration_months: 9.5, budget_usd: 900000}",
                                   "{engineers: 0, teams: 100000, duration_months: 1200, budget_usd: 0}"),
    "an L7 file": variant("target_level: L6", "target_level: L7").replace(
        "l6.domain_expertise.1: yes", "l7.technical_vision.1: yes").replace(
        "l6.domain_expertise.2:", "l7.technical_vision.2:"),
    'schedule fields, all given': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable:\n    - {from: 2026-12-24, to: 2027-01-01, reason: Holidays}\n    - from: \'2027-02-10\'\n      to: \'2027-02-10\'\n  study_days: [mon, Wednesday, SAT]\n  study_time: "19:30"\n  timezone: Europe/Berlin\n'),
    'study time with one hour digit and spaces': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_time: " 7:05 "\n'),
    'schedule fields left blank': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable:\n  study_days: ~\n  study_time: null\n  timezone:\n'),
    'an unavailable day without a reason': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-05, to: 2027-01-05}]\n'),
}

INVALID = {
    "name blank": variant("name: Ada Lovelace", 'name: ""'),
    "name only spaces": variant("name: Ada Lovelace", 'name: "   "'),
    "name left empty": variant("name: Ada Lovelace", "name:"),
    "name missing": variant("  name: Ada Lovelace\n", ""),
    "name on two lines": variant("name: Ada Lovelace", 'name: "Ada\\nLovelace"'),
    "name with a carriage return": variant("name: Ada Lovelace", 'name: "Ada\\rLovelace"'),
    "name over its limit": variant("name: Ada Lovelace", "name: " + "x" * (config.MAX_NAME_CHARS + 1)),
    "name with a NUL": variant("name: Ada Lovelace", 'name: "Ada\\0"'),
    "name a list": variant("name: Ada Lovelace", "name: [Ada]"),
    "title on two lines": variant("title: Ledger rewrite", 'title: "Ledger\\nrewrite"'),
    "title over its limit": variant("title: Ledger rewrite", "title: " + "t" * (config.MAX_SHORT_TEXT + 1)),
    "title blank": variant("title: Ledger rewrite", "title: ' '"),
    "evidence of 201 lines": variant("evidence: |\n      Led the **payments** migration.\n",
                                     "evidence: " + lines(config.MAX_TEXT_LINES + 1, 6)),
    "evidence of 201 lines, no final newline": variant(
        "evidence: |\n      Led the **payments** migration.\n",
        "evidence: " + lines(config.MAX_TEXT_LINES + 1, 6).replace("|\n", "|-\n", 1)),
    "result of 201 lines": variant("result: No downtime.", "result: " + lines(config.MAX_TEXT_LINES + 1, 6)),
    "notes of 1,001 lines": variant("notes: |\n  Travel in February.\n",
                                    "notes: " + lines(config.MAX_NOTES_LINES + 1, 2)),
    "evidence over its length": variant("      Led the **payments** migration.",
                                        "      " + "e" * (config.MAX_TEXT_CHARS + 1)),
    "evidence a number": variant("evidence: |\n      Led the **payments** migration.\n", "evidence: 5\n"),
    "level L8": variant("target_level: L6", "target_level: L8"),
    "level with a suffix": variant("target_level: L6", "target_level: L6x"),
    "level too long": variant("target_level: L6", 'target_level: "    L6     "'),
    "level a number": variant("target_level: L6", "target_level: 6"),
    "status maybe": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1: maybe"),
    "status true": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1: true"),
    "status left empty": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1:"),
    "status a list": variant("l6.domain_expertise.1: yes", "l6.domain_expertise.1: [yes]"),
    "status missing beside evidence": variant("    status: partial\n", ""),
    "unknown key": variant("  hours_per_week: 8\n", "  hours_per_week: 8\n  favourite_colour: blue\n"),
    "unknown checklist item": variant("l6.domain_expertise.1: yes", "l6.domain_expertize.1: yes"),
    "item of the other level": variant("l6.domain_expertise.1: yes", "l7.technical_vision.1: yes"),
    "item of the other level, level in lower case": variant(
        "target_level: L6", "target_level: l7"),
    "hours 0": variant("hours_per_week: 8", "hours_per_week: 0"),
    "hours over the limit": variant("hours_per_week: 8", "hours_per_week: 81"),
    "hours negative": variant("hours_per_week: 8", "hours_per_week: -1"),
    "hours quoted": variant("hours_per_week: 8", 'hours_per_week: "8"'),
    "hours left empty": variant("hours_per_week: 8", "hours_per_week:"),
    "practice a fraction": variant("leetcode_solved: 40", "leetcode_solved: 12.5"),
    "practice negative": variant("leetcode_solved: 40", "leetcode_solved: -1"),
    "practice over the limit": variant("leetcode_solved: 40", "leetcode_solved: 100001"),
    "practice quoted": variant("mock_interviews: 1", "mock_interviews: '1'"),
    "practice a list": variant("practice:\n  leetcode_solved: 40\n  system_design_problems: 3\n  mock_interviews: 1\n",
                               "practice: [40]\n"),
    "scope in words": variant("teams: 3", "teams: two"),
    "scope over the bound": variant("budget_usd: 900000", f"budget_usd: {10**13 + 1}"),
    "duration over the bound": variant("duration_months: 9.5", "duration_months: 1200.5"),
    "unknown scope key": variant("budget_usd: 900000", "budget: 5"),
    "impossible date": variant("interview_date: 2027-03-01", "interview_date: 2027-02-30"),
    "date in words": variant("interview_date: 2027-03-01", "interview_date: next week"),
    "date with a space, quoted": variant("interview_date: 2027-03-01", 'interview_date: " 2027-03-01"'),
    "date without zeros": variant("interview_date: 2027-03-01", "interview_date: 2027-3-1"),
    "date a number": variant("interview_date: 2027-03-01", "interview_date: 20270301"),
    "unknown principle": variant("[Ownership, Deliver Results]", "[Customer Obsesion]"),
    "principle glued together": variant("[Ownership, Deliver Results]", "[DeliverResults]"),
    "principle written twice": variant("[Ownership, Deliver Results]", "[Ownership, Ownership]"),
    "principle a number": variant("[Ownership, Deliver Results]", "[7]"),
    "61 stories": variant("stories:\n", "stories:\n" + "  - title: s\n" * config.MAX_STORIES),
    "story without a title": variant("  - title: Ledger rewrite\n    principles:", "  - principles:"),
    "story a word": variant("stories:\n", "stories:\n  - just a word\n"),
    "candidate not a mapping": "candidate: Ada\n",
    "candidate missing": "notes: hi\n",
    "the file a list": "- candidate\n",
    "the file empty": "",
    "duplicate key": variant("  hours_per_week: 8\n", "  hours_per_week: 8\n  hours_per_week: 9\n"),
    "a tab in the indentation": variant("  hours_per_week: 8\n", "\thours_per_week: 8\n"),
    "a python tag": variant("name: Ada Lovelace", "name: !!python/object:os.system [echo]"),
    "not YAML": "candidate: [\n",
    'study day misspelt': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_days: [mon, mondy]\n'),
    'study days empty': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_days: []\n'),
    'study days not a list': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_days: mon\n'),
    'study day the same word twice': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_days: [mon, mon]\n'),
    'study time 25:00': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_time: "25:00"\n'),
    'study time 7pm': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_time: "7pm"\n'),
    'study time with seconds': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_time: "19:30:00"\n'),
    'unavailable without its end': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-05}]\n'),
    'unavailable with an unknown key': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-05, to: 2027-01-06, until: 2027-01-07}]\n'),
    'unavailable end not a date': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-05, to: soon}]\n'),
    'unavailable not a list': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: {from: 2027-01-05, to: 2027-01-06}\n'),
    'unavailable reason on two lines': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-05, to: 2027-01-06, reason: "a\\nb"}]\n'),
    'timezone a list': variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  timezone: [Europe/Berlin]\n'),
}

BEYOND = {  # variants the loader refuses by a rule the schema cannot say; the value names the rule
    "name yes, unquoted": ("quotes", variant("name: Ada Lovelace", "name: yes")),
    "name a date, unquoted": ("quotes", variant("name: Ada Lovelace", "name: 2026-01-01")),
    "title NO, unquoted": ("quotes", variant("current_title: Engineering Manager", "current_title: NO")),
    "title 1:30, unquoted": ("quotes", variant("title: Ledger rewrite", "title: 1:30")),
    "hours 1e1": ("numbers", variant("hours_per_week: 8", "hours_per_week: 1e1")),
    "hours .nan": ("numbers", variant("hours_per_week: 8", "hours_per_week: .nan")),
    "practice with a leading zero": ("numbers", variant("leetcode_solved: 40", "leetcode_solved: 012")),
    "practice in hex": ("numbers", variant("leetcode_solved: 40", "leetcode_solved: 0x1f")),
    "practice with an underscore": ("numbers", variant("leetcode_solved: 40", "leetcode_solved: 1_000")),
    "practice written 12.0": ("numbers", variant("leetcode_solved: 40", "leetcode_solved: 12.0")),
    "an alias": ("yaml", variant("name: Ada Lovelace", "name: &who Ada Lovelace").replace(
        "current_title: Engineering Manager", "current_title: *who")),
    "a str tag": ("yaml", variant("name: Ada Lovelace", "name: !!str Ada Lovelace")),
    "interview in the past": ("dates", variant("interview_date: 2027-03-01", "interview_date: 2026-11-30")),
    "plan start after the interview": ("dates", variant("plan_start: 2026-12-07", "plan_start: 2027-03-02")),
    "one principle twice, in two spellings": ("principles", variant("[Ownership, Deliver Results]",
                                                                    "[Ownership, ownership]")),
    "all text over the character budget": ("limits", variant(
        "notes: |\n  Travel in February.\n", "notes: |\n" + ("  " + "n" * 99 + "\n") * 450).replace(
        "      Led the **payments** migration.", "      " + "e" * 9_000).replace(
        "action: Planned it.", "action: " + "a" * 9_000)),
    "all text over the line budget": ("limits", variant(
        "notes: |\n  Travel in February.\n", "notes: " + lines(config.MAX_NOTES_LINES, 2)).replace(
        "evidence: |\n      Led the **payments** migration.\n", "evidence: " + lines(config.MAX_TEXT_LINES, 6)).replace(
        "result: No downtime.", "result: " + lines(config.MAX_TEXT_LINES, 6)).replace(
        "action: Planned it.", "action: " + lines(config.MAX_TEXT_LINES, 6))),
    "a file over the size limit": ("limits", BASE + "#" * config.MAX_ASSESSMENT_BYTES + "\n"),
    'unavailable ending before it starts': ('unavailable', variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  unavailable: [{from: 2027-01-06, to: 2027-01-05}]\n')),
    'a study day twice, in two spellings': ('study_days', variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_days: [mon, Monday]\n')),
    'study time unquoted': ('quotes', variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  study_time: 19:30\n')),
    'timezone not an IANA name': ('timezone', variant("  plan_start: 2026-12-07\n", "  plan_start: 2026-12-07\n" + '  timezone: Europe/Berln\n')),
}

# How the loader words each rule the schema cannot say.
BEYOND_MESSAGES = {
    "quotes": r"is not text to every YAML reader",
    "numbers": r"is not a (whole )?number",
    "yaml": r"YAML aliases|YAML tags|duplicate key",
    "dates": r"interview date is in the past|plan start is after the interview date",
    "principles": r"is listed twice",
    "limits": r"the text of this file passes|file is [\d,]+ bytes; the limit is",
    "unavailable": r"is before the range's start",
    "study_days": r"is listed twice",
    "timezone": r"is not an IANA time zone",
}


@dataclass
class Verdicts:
    loader: dict[str, list[str]]  # case -> the loader's problems (none: valid)
    schema: dict[str, dict[str, list[str]]]  # regex dialect -> case -> check-jsonschema's errors (none: valid)


@pytest.fixture(scope="module")
def playbook() -> content.Playbook:
    return content.load()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory, playbook) -> Verdicts:
    assert CHECK_JSONSCHEMA.exists(), f"{CHECK_JSONSCHEMA} is missing: install the test extras (pip install -e '.[test]')"
    folder = tmp_path_factory.mktemp("corpus")
    schema = folder / assessment.SCHEMA_FILE
    schema.write_text(schema_text(playbook), encoding="utf-8")
    files: dict[str, Path] = {}
    for name, text in corpus(playbook).items():
        path = folder / f"{len(files):03d}.yaml"
        path.write_text(text, encoding="utf-8")
        files[name] = path
    loader = {}
    for name, path in files.items():
        try:
            load(path, playbook, TODAY)
        except InputError as error:
            loader[name] = error.lines()
        else:
            loader[name] = []
    return Verdicts(loader, {dialect: check_jsonschema(schema, files, dialect) for dialect in REGEX_DIALECTS})


# Editors and Ajv use ECMA-262 regular expressions, the jsonschema library Python's: the schema must
# mean the same in both.
REGEX_DIALECTS = ("default", "python")


def check_jsonschema(schema: Path, files: dict[str, Path], dialect: str) -> dict[str, list[str]]:
    run = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "--regex-variant", dialect,
                          "-o", "json", *(str(p) for p in files.values())], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    by_file: dict[str, list[str]] = {}
    for error in report.get("errors", []):
        by_file.setdefault(error["filename"], []).append(f"{error['path']}: {error['message']}")
    for error in report.get("parse_errors", []):
        by_file.setdefault(error["filename"], []).append(f"(parse): {error['message']}")
    return {name: by_file.get(str(path), []) for name, path in files.items()}


def corpus(playbook) -> dict[str, str]:
    texts = {f"example {p.name}": p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
    texts.update({f"starter {level}": starter_yaml(playbook, level, TODAY) for level in assessment.LEVELS})
    texts.update(VALID)
    texts.update(INVALID)
    texts.update({name: text for name, (_, text) in BEYOND.items()})
    return texts


def expected(name: str) -> str:
    if name in INVALID:
        return "invalid"
    if name in BEYOND:
        return BEYOND[name][0]
    return "valid"


def test_the_corpus_covers_each_outcome():
    assert len(VALID) >= 25 and len(INVALID) >= 50
    assert {rule for rule, _ in BEYOND.values()} == set(RULES_BEYOND_THE_SCHEMA) == set(BEYOND_MESSAGES)


def test_the_loader_gives_each_case_its_expected_verdict(verdicts):
    wrong = {name: problems for name, problems in verdicts.loader.items()
             if (expected(name) == "valid") != (not problems)}
    assert not wrong


@pytest.mark.parametrize("dialect", REGEX_DIALECTS)
def test_the_schema_agrees_with_the_loader_on_every_case(verdicts, dialect):
    """Any disagreement fails, except a refusal by a rule the schema cannot say, named and worded as such."""
    disagreements = {}
    for name, problems in verdicts.loader.items():
        schema_errors = verdicts.schema[dialect][name]
        rule = expected(name)
        if rule in RULES_BEYOND_THE_SCHEMA:
            # The premise: the schema accepts it, and the loader refuses it by exactly that rule.
            if schema_errors or not problems or not all(re.search(BEYOND_MESSAGES[rule], p) for p in problems):
                disagreements[name] = {"loader": problems, "schema": schema_errors}
        elif bool(problems) != bool(schema_errors):
            disagreements[name] = {"loader": problems, "schema": schema_errors}
    assert not disagreements


def test_the_schema_is_valid_draft_2020_12(tmp_path, playbook):
    schema = tmp_path / "schema.json"
    schema.write_text(schema_text(playbook), encoding="utf-8")
    run = subprocess.run([str(CHECK_JSONSCHEMA), "--check-metaschema", str(schema)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_schema_states_what_it_cannot_check(playbook):
    description = json_schema(playbook)["description"]
    for sentence in RULES_BEYOND_THE_SCHEMA.values():
        assert sentence in description


# -- the contract in other tools: pre-commit --------------------------------------------------------

def test_the_pre_commit_hook_runs_validate_on_yaml_files(tmp_path, monkeypatch, capsys, playbook):
    import yaml

    from reporter.cli import main

    hooks = yaml.safe_load((EXAMPLES.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert (hook["id"], hook["entry"], hook["language"]) == ("reporter-validate", "reporter validate", "python")
    assert hook.get("pass_filenames", True)
    files = re.compile(hook["files"])  # pre-commit matches with Python's re.search
    assert [bool(files.search(name)) for name in ("me.yaml", "clients/ada.yml", "A.YAML", "me.json", "yaml.txt")] \
        == [True, True, True, False, False]
    # The hook's command, as pre-commit calls it: the entry's arguments, then the staged files.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01, the examples' date
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(VALID["base"], encoding="utf-8")
    bad.write_text(INVALID["level L8"], encoding="utf-8")
    argv = hook["entry"].split()[1:]
    assert main([*argv, str(good)]) == 0
    assert main([*argv, str(good), str(bad)]) == 1
    assert f"{bad}:4:17: candidate.target_level: 'L8' is not a level (write L6 or L7)" in capsys.readouterr().err


def test_a_field_added_with_a_pattern_is_checked_alike_by_both(playbook):
    """How a new field is added (assessment's docstring): a Text with a pattern, read and described."""
    import jsonschema

    from reporter.contract import Context, Text, TextChecker
    from reporter.source import parse_text

    kind = Text("Local time sessions start, HH:MM.", 8, single_line=True, pattern="^[0-2][0-9]:[0-5][0-9]$",
                pattern_message="is not a time of day")
    validator = jsonschema.Draft202012Validator(kind.schema(Context(playbook, TODAY)))
    verdicts = {}
    for written in ('"19:30"', '"07:05"', '"7pm"', '"19:30 "', '"1930"', "19:30"):
        check = TextChecker("f.yaml")
        node = parse_text(f"study_time: {written}\n", "f.yaml").entries["study_time"][1]
        value = kind.read(check, node, "candidate.study_time", Context(playbook, TODAY))
        schema_ok = validator.is_valid(node.text)
        verdicts[written] = (value, [str(p) for p in check.problems], schema_ok)
    assert verdicts['"19:30"'] == ("19:30", [], True)
    assert verdicts['"07:05"'] == ("07:05", [], True)
    assert verdicts['"7pm"'] == (None, ["f.yaml:1:13: candidate.study_time: '7pm' is not a time of day"], False)
    assert verdicts['"19:30 "'][1:] == (["f.yaml:1:13: candidate.study_time: '19:30 ' is not a time of day"], False)
    assert verdicts['"1930"'][2] is False
    # Unquoted, 19:30 is a YAML 1.1 sexagesimal number: refused by a rule beyond the schema (quotes).
    assert verdicts["19:30"][1] == ["f.yaml:1:13: candidate.study_time: '19:30' is not text to every YAML reader "
                                    "(it may be read as a number, date, boolean or null) (put it in quotes: \"19:30\")"]


def test_spaces_are_every_space_character_unicode_has():
    from reporter import contract

    everywhere = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert "".join(everywhere) == contract.SPACE_CHARACTERS
    assert re.fullmatch(f"[{contract.spaces()}]+", "".join(everywhere))
    assert not re.search(f"[{contract.spaces()}]", "a\u200bb")  # a zero-width space is not a space to strip
