"""Configuration as a user meets it: a ddas-quality.toml or [tool.ddas-quality] that is found and obeyed,
the command line winning over it, and typos that stop the run with a Dutch hint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import base_delivery
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.config import ConfigError, find_config, load_config

runner = CliRunner()


def _cli(*args: str):
    return runner.invoke(app, list(args))


def _json(*args: str) -> dict:
    result = _cli("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _traject(doc: dict, index: int) -> dict:
    return doc["leveringen"][0]["schuldhulptrajecten"][index]


@pytest.fixture
def invalid_bsn(write_delivery) -> Path:
    """The base delivery with one BSN that fails the elfproef (C01, an error)."""
    doc = base_delivery()
    _traject(doc, 0)["client"][0]["Burgerservicenummer"] = "999990001"
    return write_delivery(doc)


@pytest.fixture
def total_off_by_17_percent(write_delivery) -> Path:
    """Total debt 14,000 against schulden of 12,000: a T14 warning only below the default 25% difference."""
    doc = base_delivery()
    _traject(doc, 0)["totaalSchuldbedragBijAanvangSchuld"] = 14000
    return write_delivery(doc)


# ----------------------------------------------------------------------------- lookup


def test_config_file_in_current_directory_is_used(invalid_bsn, tmp_path, monkeypatch) -> None:
    assert _cli("check", str(invalid_bsn)).exit_code == 1
    (tmp_path / "ddas-quality.toml").write_text('ignore = ["C01"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _cli("check", str(invalid_bsn)).exit_code == 0


def test_pyproject_in_a_parent_directory_is_used(invalid_bsn, tmp_path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ddas-quality]\nignore = ["C"]\n',
                                             encoding="utf-8")
    work = tmp_path / "leveringen" / "2024"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert find_config() == tmp_path / "pyproject.toml"
    assert _cli("check", str(invalid_bsn)).exit_code == 0


def test_lookup_order_and_where_it_stops(tmp_path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    (tmp_path / "ddas-quality.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    # The search stops at the directory with .git: the file above the repository is not used.
    assert find_config(repo / "sub") is None
    # A pyproject.toml without our table is skipped; ddas-quality.toml wins over pyproject.toml.
    (repo / "pyproject.toml").write_text('[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    assert find_config(repo / "sub") is None
    (repo / "pyproject.toml").write_text('[tool.ddas-quality]\nfail-on = "error"\n', encoding="utf-8")
    assert find_config(repo / "sub") == repo / "pyproject.toml"
    (repo / "sub" / "ddas-quality.toml").write_text("", encoding="utf-8")
    assert find_config(repo / "sub") == repo / "sub" / "ddas-quality.toml"


def test_explicit_config_option(invalid_bsn, tmp_path) -> None:
    config = tmp_path / "instellingen.toml"
    config.write_text('[severity]\nC01 = "warning"\n', encoding="utf-8")
    assert _cli("check", str(invalid_bsn), "--config", str(config)).exit_code == 0
    assert _cli("check", str(invalid_bsn), "--config", str(tmp_path / "weg.toml")).exit_code == 2


# ----------------------------------------------------------------------------- precedence and effect


def test_command_line_overrides_the_file(total_off_by_17_percent, tmp_path, monkeypatch) -> None:
    (tmp_path / "ddas-quality.toml").write_text(
        'fail-on = "warning"\nselect = ["T14"]\n\n[thresholds.T14]\nmax_difference = 0.1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _cli("check", str(total_off_by_17_percent)).exit_code == 1            # T14 warning, fail-on warning
    assert _cli("check", str(total_off_by_17_percent), "--fail-on", "error").exit_code == 0
    report = _json(str(total_off_by_17_percent), "--select", "T01")
    assert report["findings"] == []                                              # --select replaces select


def test_threshold_override_decides_whether_a_rule_fires(total_off_by_17_percent, tmp_path) -> None:
    assert "T14" not in {f["rule"] for f in _json(str(total_off_by_17_percent))["findings"]}
    config = tmp_path / "strenger.toml"
    config.write_text("[thresholds.T14]\nmax_difference = 0.1\n", encoding="utf-8")
    findings = _json(str(total_off_by_17_percent), "--config", str(config))["findings"]
    assert [f["severity"] for f in findings if f["rule"] == "T14"] == ["warning"]


def test_severity_override_changes_output_and_exit_code(total_off_by_17_percent, tmp_path) -> None:
    config = tmp_path / "ddas-quality.toml"
    config.write_text('[thresholds.T14]\nmax_difference = 0.1\n\n[severity]\nT14 = "error"\n', encoding="utf-8")
    result = _cli("check", str(total_off_by_17_percent), "--config", str(config), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["severity"] for f in report["findings"] if f["rule"] == "T14"] == ["error"]
    assert report["summary"]["error"] >= 1
    config.write_text('[thresholds.T14]\nmax_difference = 0.1\n\n[severity]\nT14 = "info"\n', encoding="utf-8")
    assert _cli("check", str(total_off_by_17_percent), "--config", str(config), "--fail-on", "warning").exit_code == 0


# ----------------------------------------------------------------------------- mistakes


@pytest.mark.parametrize(("content", "expected"), [
    ('selekt = ["T01"]\n', "'select'"),
    ('fail_on = "warning"\n', "'fail-on'"),
    ('[thresholds.A05]\nmax_chnage = 0.2\n', "'max_change'"),
    ('[severity]\nT100 = "error"\n', "T10"),
    ('[thresholds.T13]\nmax_schulden = 1\n', "'max_schuld'"),
])
def test_unknown_key_names_the_closest_valid_one(invalid_bsn, tmp_path, content, expected) -> None:
    config = tmp_path / "ddas-quality.toml"
    config.write_text(content, encoding="utf-8")
    result = _cli("check", str(invalid_bsn), "--config", str(config))
    assert result.exit_code == 2
    assert "Fout:" in result.output and expected in result.output and "ddas-quality.toml" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("content", "key"), [
    ('select = "T01"\n', "'select'"),
    ('fail-on = 1\n', "'fail-on'"),
    ('severity = "error"\n', "'severity'"),
    ('[severity]\nT01 = "fataal"\n', "'severity.T01'"),
    ('[thresholds.T14]\nmax_difference = "25%"\n', "'thresholds.T14.max_difference'"),
    ('profile = "anoniem"\n', "'profile'"),
    ('select = [\n', "geen geldige TOML"),
])
def test_wrong_type_names_key_and_file(tmp_path, content, key) -> None:
    config = tmp_path / "ddas-quality.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert key in str(caught.value) and str(config) in str(caught.value)


def test_pyproject_without_our_table_given_explicitly(tmp_path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool.ddas-quality\]"):
        load_config(config)


def test_a_select_typo_is_not_silently_an_empty_run(invalid_bsn) -> None:
    result = _cli("check", str(invalid_bsn), "--select", "X99")
    assert result.exit_code == 2 and "Onbekende regelcode" in result.output


def test_full_example_from_the_readme_loads(tmp_path) -> None:
    config = tmp_path / "ddas-quality.toml"
    config.write_text(
        'select = ["ALL"]\nignore = ["A04", "L09"]\nfail-on = "warning"\nprofile = "standaard"\n'
        'gemeenten = "gemeenten-2025.csv"\n\n[severity]\nT05 = "error"\nP12 = "warning"\n\n'
        '[thresholds.A01]\nreference_rate_per_1000 = 4.0\n\n[thresholds.A05]\nmax_change = 0.3\n',
        encoding="utf-8")
    loaded = load_config(config)
    assert loaded.ignore == ["A04", "L09"] and loaded.severity == {"T05": "error", "P12": "warning"}
    assert loaded.thresholds == {"A01": {"reference_rate_per_1000": 4.0}, "A05": {"max_change": 0.3}}
    assert loaded.gemeenten == (tmp_path / "gemeenten-2025.csv").resolve()   # relative to the config file


# ----------------------------------------------------------------------------- profile geanonimiseerd


def test_profile_geanonimiseerd_turns_off_the_elfproef(invalid_bsn, tmp_path) -> None:
    assert "C01" in {f["rule"] for f in _json(str(invalid_bsn))["findings"]}
    assert "C01" not in {f["rule"] for f in _json(str(invalid_bsn), "--profile", "geanonimiseerd")["findings"]}
    config = tmp_path / "ddas-quality.toml"
    config.write_text('profile = "geanonimiseerd"\n', encoding="utf-8")
    assert _cli("check", str(invalid_bsn), "--config", str(config)).exit_code == 0
    assert _cli("check", str(invalid_bsn), "--profile", "anoniem").exit_code == 2


def test_profile_geanonimiseerd_checks_one_pseudonym_one_person(write_delivery) -> None:
    doc = base_delivery()
    for traject in doc["leveringen"][0]["schuldhulptrajecten"]:
        for client in traject["client"]:
            if client.get("Burgerservicenummer"):
                client["Burgerservicenummer"] = "PSN-" + client["Burgerservicenummer"][-5:]  # not a BSN at all
    clean = write_delivery(doc)
    assert "C01" not in {f["rule"] for f in _json(str(clean), "--profile", "geanonimiseerd")["findings"]}
    # Traject 1 has the same pseudonym as traject 0, but a client 20 years older: two people, one pseudonym.
    _traject(doc, 1)["client"][0]["Geboortedatum"] = "1960-05-01"
    clash = write_delivery(doc, "Vlieland_botsing")
    findings = [f for f in _json(str(clash), "--profile", "geanonimiseerd")["findings"] if f["rule"] == "C01"]
    assert len(findings) == 1
    assert findings[0]["path"] == "$.leveringen[0].schuldhulptrajecten[1].client[0]"
    assert "pseudoniem" in findings[0]["message"] and "schuldhulptrajecten[0]" in findings[0]["message"]
    assert "1960" not in json.dumps(findings)
