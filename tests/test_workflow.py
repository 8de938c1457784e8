"""The publish workflow is well-formed for GitHub Actions and calls only Makefile targets that exist."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))


def run_steps(job):
    return [step["run"] for step in job["steps"] if "run" in step]


def test_triggers_on_push_and_tags(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does; Actions reads it as "on"
    assert "push" in triggers and triggers["push"]["tags"]
    assert workflow["name"] and workflow["jobs"]


def test_every_job_is_runnable(workflow):
    jobs = workflow["jobs"]
    for name, job in jobs.items():
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", name)
        assert job["runs-on"].startswith("ubuntu-")
        assert job["steps"], name
        needs = job.get("needs", [])
        assert set([needs] if isinstance(needs, str) else needs) <= set(jobs) - {name}
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
            assert set(step) <= {"name", "uses", "with", "run", "env", "if", "id", "shell", "working-directory"}


def test_steps_call_make_targets_that_exist(workflow):
    targets = make_targets()
    called = [m for job in workflow["jobs"].values() for run in run_steps(job)
              for m in re.findall(r"\bmake\s+([a-z][a-z-]*)", run)]
    assert {"test", "build-examples", "build-edition", "collect-shards"} <= set(called)
    assert set(called) <= targets


def test_examples_are_sharded_over_the_matrix_and_uploaded(workflow):
    job = workflow["jobs"]["examples"]
    shards = job["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(workflow["env"]["SHARDS"]) + 1))
    build = next(run for run in run_steps(job) if "build-examples" in run)
    assert "SHARD=${{ matrix.shard }}/${{ env.SHARDS }}" in build
    out = re.search(r"OUT=(\S+)", build).group(1)
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == out


def test_release_only_on_tags_with_write_access(workflow):
    release = workflow["jobs"]["release"]
    assert release["if"].startswith("startsWith(github.ref, 'refs/tags/')")
    assert release["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}
