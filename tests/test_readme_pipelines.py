"""The example CI pipelines in the README ("## In de bouwstraat (CI)") are real: parsed, checked, and run.

Each YAML block is taken from README.md, parsed with PyYAML and checked for the structure its CI system needs
(GitHub Actions: jobs, steps, the SARIF upload; GitLab: script, artifacts:reports junit and codequality). Then
its shell commands run in a temporary folder, in order, each with `bash -eo pipefail` as GitHub and GitLab
run them, and the test asserts their exit codes and the files they write (SARIF against the official schema).

One deviation, on purpose: the install step (`pip install ddas-quality`) is not run (that would need the
network); the already-installed `ddas-quality` of this environment is first on PATH instead. Everything else
runs verbatim. A second run swaps the test delivery for one with defects (`--defect T01` added to the generate
command) to show that the gate fails with exit code 1 while the reports are still written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from test_ci_formats import assert_valid_sarif

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = "## In de bouwstraat (CI)"
INSTALL = "pip install ddas-quality"

pytestmark = pytest.mark.slow   # runs the real command several times in subprocesses


def yaml_block(first_line: str) -> str:
    """The ```yaml block of the CI section that starts with `first_line` (a comment naming the file)."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    matching = [block for block in blocks if block.startswith(first_line + "\n")]
    assert len(matching) == 1, f"expected one yaml block starting with {first_line!r} in {SECTION}"
    return matching[0]


def run_commands(commands: list[str], folder: Path) -> list[int]:
    """Run each command like a CI step (bash -eo pipefail), with this environment's ddas-quality on PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    codes = []
    for command in commands:
        if command.strip() == INSTALL:    # replaced by the installed package (no network in tests)
            codes.append(0)
            continue
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), f"{command!r} failed to run ({done.returncode}): {done.stderr[-2000:]}"
        codes.append(done.returncode)
    return codes


def with_defect(commands: list[str]) -> list[str]:
    """The same commands, but the test delivery gets a T01 defect (every check then finds errors)."""
    changed = [c.replace("ddas-quality generate ", "ddas-quality generate --defect T01 ", 1) for c in commands]
    assert changed != commands
    return changed


# ------------------------------------------------------------------------------------------ GitHub Actions
def github_workflow() -> dict:
    return yaml.safe_load(yaml_block("# .github/workflows/ddas-quality.yml"))


def test_github_workflow_structure() -> None:
    workflow = github_workflow()
    assert workflow["permissions"]["security-events"] == "write"
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on"
    assert workflow.get("on", workflow.get(True)) == ["push", "pull_request"]
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    assert all(("run" in step) != ("uses" in step) for step in steps)
    assert any(step.get("run") == INSTALL for step in steps)
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "${{ !cancelled() }}"
    sarif_step = next(step for step in steps if "--format sarif" in step.get("run", ""))
    assert f"--output {upload['with']['sarif_file']}" in sarif_step["run"]
    assert any("--format github" in step.get("run", "") for step in steps)


def _github_run(folder: Path, defect: bool) -> tuple[list[str], list[int]]:
    steps = github_workflow()["jobs"]["levering"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    commands = with_defect(commands) if defect else commands
    return commands, run_commands(commands, folder)


def test_github_workflow_runs_clean(tmp_path: Path) -> None:
    commands, codes = _github_run(tmp_path, defect=False)
    assert codes == [0] * len(commands)
    assert_valid_sarif(json.loads((tmp_path / "ddas-quality.sarif").read_text(encoding="utf-8")))


def test_github_workflow_fails_on_defects_and_still_writes_sarif(tmp_path: Path) -> None:
    commands, codes = _github_run(tmp_path, defect=True)
    gate = next(i for i, c in enumerate(commands) if "--format github" in c)
    sarif_step = next(i for i, c in enumerate(commands) if "--format sarif" in c)
    assert codes[gate] == 1                      # the job fails here ...
    assert codes[sarif_step] == 0                # ... and the SARIF step (if: !cancelled()) still succeeds
    log = json.loads((tmp_path / "ddas-quality.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert "T01" in {result["ruleId"] for result in log["runs"][0]["results"]}


# ----------------------------------------------------------------------------------------------- GitLab CI
def gitlab_job() -> dict:
    (job,) = yaml.safe_load(yaml_block("# .gitlab-ci.yml")).values()
    return job


def test_gitlab_job_structure() -> None:
    job = gitlab_job()
    assert job["stage"] == "test" and job["image"].startswith("python:3.11")
    assert job["artifacts"]["when"] == "always"
    reports = job["artifacts"]["reports"]
    assert set(reports) == {"junit", "codequality"}
    assert any(f"--format junit --output {reports['junit']}" in line for line in job["script"])
    assert any(f"--format gitlab --output {reports['codequality']}" in line for line in job["script"])


@pytest.mark.parametrize("defect", [False, True], ids=["schoon", "met-fout"])
def test_gitlab_job_runs(defect: bool, tmp_path: Path) -> None:
    job = gitlab_job()
    commands = with_defect(job["script"]) if defect else job["script"]
    codes = run_commands(commands, tmp_path)
    # every line passes but the JUnit check, the gate, which fails the job exactly when there are errors
    assert codes == [0] * (len(codes) - 1) + [1 if defect else 0]
    issues = json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert isinstance(issues, list)
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert ("T01" in {issue["check_name"] for issue in issues}) is defect
    junit = ET.parse(tmp_path / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites" and (int(junit.get("failures")) > 0) is defect
