"""`.pre-commit-hooks.yaml`: valid for pre-commit, picks DDAS deliveries by name and nothing else, and fails a
commit of a defective delivery with the rule code in its output.

The hooks run here through the real `pre-commit` with their own entry, args and file filter, but as
`language: system` (the `ddas-quality` of this virtualenv): `language: python` would first install
ddas-quality and all its dependencies into a new virtualenv, which needs the package index and minutes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, base_delivery, traject

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HOOKS = {"ddas-quality-shv": "SHV", "ddas-quality-vs": "VS"}


def _hooks() -> dict[str, dict]:
    from pre_commit.clientlib import load_manifest

    return {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}   # pre-commit's own schema check


def test_manifest_is_valid_for_pre_commit_and_runs_our_check() -> None:
    hooks = _hooks()

    assert set(hooks) == set(HOOKS)
    for hook in hooks.values():
        assert hook["entry"] == "ddas-quality check"
        assert hook["language"] == "python"
        assert hook["require_serial"], "all files in one run: rules across files, and GX starts once"
        assert hook["pass_filenames"]


@pytest.mark.parametrize(("hook_id", "picked", "left"), [
    ("ddas-quality-shv",
     ["SHV_2024_Haarlem.json", "data/SHV_2024_Haarlem_deel1.json", "shv_2024_haarlem.json", "x/SHV_2024_Ha.JSON"],
     ["VS_2024_Haarlem.json", "package.json", "SHV_2024_Haarlem.zip", "data/SHV_Haarlem.json",
      "MYSHV_2024_Haarlem.json", "SHV_2024_Haarlem.json/readme.md"]),
    ("ddas-quality-vs",
     ["VS_2024_Haarlem.json", "leveringen/VS_2025_Zandvoort_h1.json", "vs_2024_haarlem.json"],
     ["SHV_2024_Haarlem.json", ".vscode/settings.json", "vs_code.json", "DEVS_2024_Haarlem.json"]),
])
def test_files_pattern_picks_deliveries_and_no_other_json(hook_id: str, picked: list[str], left: list[str]) -> None:
    pattern = re.compile(_hooks()[hook_id]["files"])   # pre-commit matches with re.search on the path

    assert [name for name in picked if not pattern.search(name)] == []
    assert [name for name in left if pattern.search(name)] == []


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def _pre_commit(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
           "PRE_COMMIT_COLOR": "never"}
    _git(folder, "add", "-A")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_pre_commit_passes_clean_deliveries_and_fails_a_defective_one(tmp_path: Path) -> None:
    from ddas_quality.domains import get_domain

    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    local = [{**hook, "language": "system"} for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "exports").mkdir()
    (repo / "exports" / "SHV_2024_Vlieland.json").write_text(json.dumps(base_delivery()), encoding="utf-8")
    signals = get_domain("VS").stage("generator").generate(10, seed=5, year=2024, half=None, gemeentecodes=None,
                                                            defects=[])
    (repo / "exports" / "VS_2024_Voorbeeldstad.json").write_text(json.dumps(signals.document), encoding="utf-8")
    (repo / "package.json").write_text("{ geen JSON, en geen levering", encoding="utf-8")   # must be left alone

    clean = _pre_commit(repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.count("Passed") == 2, clean.stdout

    defective = base_delivery()
    traject(defective, 0)["intake"]["startdatum"] = "2024-01-05"   # P02: intake before aanmelding
    (repo / "exports" / "SHV_2024_Vlieland.json").write_text(json.dumps(defective), encoding="utf-8")
    failed = _pre_commit(repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "P02" in failed.stdout and "Failed" in failed.stdout
    assert failed.stdout.count("Passed") == 1, "the VS hook still passes"


def test_readme_local_hook_matches_the_manifest() -> None:
    """The `repo: local` example in the README selects the same files and runs the same command as our hook."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
              if "repo: local" in block]
    assert len(blocks) == 1
    (hook,) = blocks[0]["repos"][0]["hooks"]
    ours = _hooks()[hook["id"]]
    assert (hook["entry"], hook["files"], hook["require_serial"]) == (ours["entry"], ours["files"], True)
    assert hook["language"] == "system"
