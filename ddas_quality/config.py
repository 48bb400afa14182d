"""Configuration: turn a config file plus command-line options into the run's `Options`.

Where the settings come from, most important first:
1. the command line (`--select`, `--ignore`, `--fail-on`, `--gemeenten`, `--profile`);
2. the file given with `--config FILE`, or else the first one found from the current directory upwards:
   in each directory `ddas-quality.toml`, then `pyproject.toml` when it has a `[tool.ddas-quality]` table;
   the search stops after the filesystem root or a directory that holds `.git` (like ruff);
3. the catalogue defaults.

Every problem is a `ConfigError` with a Dutch message that names the file and the key, and for an
unknown key the closest valid one. Standard library only: `--help` must stay fast.
"""

from __future__ import annotations

import difflib
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import CATALOGUE, UnknownRuleError, get_rule
from .selection import split_codes

CONFIG_FILE = "ddas-quality.toml"
PYPROJECT = "pyproject.toml"
SECTION = ("tool", "ddas-quality")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning")
PROFILES = ("standaard", "geanonimiseerd")
KEYS = ("select", "ignore", "fail-on", "severity", "thresholds", "gemeenten", "profile")


class ConfigError(Exception):
    """A config file or option the tool cannot use: the run stops with exit code 2."""


@dataclass(frozen=True)
class FileConfig:
    """The validated contents of one config file (None = not set there)."""

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    gemeenten: Path | None = None
    profile: str | None = None


@dataclass(frozen=True)
class CliSettings:
    """What the command line said; None = not given, so the config file (or the default) decides."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    gemeenten: Path | None = None
    profile: str | None = None
    previous: list[str] = field(default_factory=list)
    domain: str | None = None
    schema_version: str | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The config file that applies in `start` (default: the current directory), or None."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _section(_read_toml(pyproject), pyproject) is not None:
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path) -> FileConfig:
    """Read and check one config file (`pyproject.toml`: its `[tool.ddas-quality]` table)."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        section = _section(data, path)
        if section is None:
            raise ConfigError(f"{path} heeft geen tabel [tool.ddas-quality]. Zet de instellingen daaronder.")
        data = section
    return _validate(data, path)


def resolve(cli: CliSettings, config: Path | None = None, cwd: Path | None = None):
    """The run's Options: command line over config file over defaults."""
    from .pipeline import Options

    if config is not None:
        problem = file_problem(config, "Configuratiebestand",
                               "Wilt u geen instellingen uit een bestand? Geef dan een leeg bestand op, "
                               "bijvoorbeeld leeg.toml.")
        if problem:
            raise ConfigError(problem)
        found = load_config(config)
    else:
        located = find_config(cwd)
        found = load_config(located) if located else FileConfig()

    # An option given empty ('') is a mistake, not "not given": it must not fall back to the config or default.
    for option, values in (("--select", cli.select), ("--ignore", cli.ignore)):
        if values and not split_codes(values):
            raise ConfigError(f"{option} is leeg. Geef regelcodes, groepen of patronen op, bv. {option} T01,P.")
    select = _check_patterns(split_codes(cli.select) or None, "--select") if cli.select else found.select
    ignore = _check_patterns(split_codes(cli.ignore) or None, "--ignore") if cli.ignore else found.ignore
    fail_on = cli.fail_on if cli.fail_on is not None else found.fail_on or "error"
    if fail_on not in FAIL_ON:
        raise ConfigError(f"--fail-on moet 'error' of 'warning' zijn, niet '{fail_on}'.")
    profile = cli.profile if cli.profile is not None else found.profile or "standaard"
    if profile not in PROFILES:
        raise ConfigError(f"Onbekend profiel '{profile}'{_closest(profile, PROFILES)} Kies uit: {', '.join(PROFILES)}.")
    gemeenten = cli.gemeenten if cli.gemeenten is not None else found.gemeenten
    if gemeenten is not None:
        where = " (uit " + str(found.path) + ")" if cli.gemeenten is None and found.path else ""
        problem = file_problem(gemeenten, "Gemeentetabel", "Geef het CSV-bestand zelf op.", where)
        if problem:
            raise ConfigError(problem)
    return Options(domain=cli.domain, schema_version=cli.schema_version, select=select or None,
                   ignore=ignore or None, gemeenten_table=gemeenten, thresholds=found.thresholds,
                   severity=found.severity, fail_on=fail_on, profile=profile,
                   previous=tuple(cli.previous), config_file=found.path)


def file_problem(path: Path, what: str, advice: str, where: str = "") -> str | None:
    """Why `path` cannot serve as the `what` file, in Dutch; None when it is a regular file (an empty one is
    fine). A device or pipe is refused without opening it: /dev/zero never ends, a FIFO blocks."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return f"{what} niet gevonden: {path}{where}. Controleer het pad."
    if stat.S_ISDIR(mode):
        return f"{what} {path}{where} is een map, geen bestand. Geef het bestand zelf op."
    if not stat.S_ISREG(mode):
        return f"{what} {path}{where} is geen gewoon bestand (maar bijvoorbeeld een apparaat of pipe). {advice}"
    return None


# ----------------------------------------------------------------------------- reading and checking


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is geen geldige TOML: {error}.") from None
    except OSError as error:
        raise ConfigError(f"Kan {path} niet lezen: {error.strerror}.") from None


def _section(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    tool = data.get(SECTION[0])
    if not isinstance(tool, dict) or SECTION[1] not in tool:
        return None
    section = tool[SECTION[1]]
    if not isinstance(section, dict):
        raise ConfigError(f"In {path} moet [tool.ddas-quality] een tabel zijn.")
    return section


def _validate(data: dict[str, Any], path: Path) -> FileConfig:
    _no_unknown(data, KEYS, path, where="")
    values: dict[str, Any] = {"path": path}
    for key in ("select", "ignore"):
        if key in data:
            items = data[key]
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{path}: '{key}' moet een lijst met regelcodes zijn, bv. {key} = [\"T01\", \"P\"].")
            values[key] = _check_patterns(split_codes(items), f"'{key}' in {path}")
    if "fail-on" in data:
        values["fail_on"] = _choice(data["fail-on"], FAIL_ON, "fail-on", path)
    if "profile" in data:
        values["profile"] = _choice(data["profile"], PROFILES, "profile", path)
    if "gemeenten" in data:
        if not isinstance(data["gemeenten"], str) or not data["gemeenten"].strip():
            raise ConfigError(f"{path}: 'gemeenten' moet een pad zijn (tekst), bv. gemeenten = \"gemeenten.csv\".")
        # Relative to the config file, so the setting means the same from every working directory.
        values["gemeenten"] = (path.parent / data["gemeenten"]).resolve()
    if "severity" in data:
        values["severity"] = _severities(_table(data["severity"], "severity", path), path)
    if "thresholds" in data:
        values["thresholds"] = _thresholds(_table(data["thresholds"], "thresholds", path), path)
    return FileConfig(**values)


def _severities(table: dict[str, Any], path: Path) -> dict[str, str]:
    result = {}
    for code, level in table.items():
        rule = _rule(code, f"severity.{code}", path)
        result[rule.code] = _choice(level, SEVERITIES, f"severity.{code}", path)
    return result


def _thresholds(table: dict[str, Any], path: Path) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for code, values in table.items():
        rule = _rule(code, f"thresholds.{code}", path)
        known = tuple(rule.thresholds or {})
        if not known:
            raise ConfigError(f"{path}: regel {rule.code} heeft geen instelbare drempels (thresholds.{code}). "
                              f"Welke regels er hebben, ziet u met: ddas-quality rules CODE")
        values = _table(values, f"thresholds.{code}", path)
        _no_unknown(values, known, path, where=f"thresholds.{code}.")
        for key, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{path}: 'thresholds.{code}.{key}' moet een getal zijn, niet {value!r}.")
            if value < 0:
                raise ConfigError(f"{path}: 'thresholds.{code}.{key}' mag niet negatief zijn ({value}).")
        result[rule.code] = {key: float(value) for key, value in values.items()}
    return result


def _rule(code: str, key: str, path: Path):
    try:
        return get_rule(code)
    except UnknownRuleError as error:
        raise ConfigError(f"{path}: onbekende regel in '{key}'. {error.args[0]}") from None


def _check_patterns(patterns: list[str] | None, where: str) -> list[str] | None:
    """A code, group letter, prefix or glob must name at least one rule: a typo would silently switch rules off."""
    from fnmatch import fnmatchcase

    for pattern in patterns or []:
        if pattern == "ALL" or any(ch in pattern for ch in "*?["):
            if pattern == "ALL" or any(fnmatchcase(code, pattern) for code in CATALOGUE):
                continue
            raise ConfigError(f"{where}: het patroon '{pattern}' past bij geen enkele regel.")
        if not any(code.startswith(pattern) for code in CATALOGUE):
            try:
                get_rule(pattern)
            except UnknownRuleError as error:
                raise ConfigError(f"{where}: {error.args[0]}") from None
    return patterns


def _table(value: Any, key: str, path: Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: '{key}' moet een tabel zijn, bv. [{_table_example(key)}].")
    return value


def _table_example(key: str) -> str:
    return "tool.ddas-quality." + key if key in KEYS else key


def _choice(value: Any, allowed: Sequence[str], key: str, path: Path) -> str:
    if not isinstance(value, str) or value not in allowed:
        hint = _closest(value, allowed) if isinstance(value, str) else "."
        raise ConfigError(f"{path}: '{key}' = {value!r} is niet toegestaan{hint} Kies uit: {', '.join(allowed)}.")
    return value


def _no_unknown(data: dict[str, Any], allowed: Sequence[str], path: Path, where: str) -> None:
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{path}: onbekende sleutel '{where}{key}'{_closest(key, allowed)} "
                              f"Geldig: {', '.join(allowed)}.")


def _closest(word: str, allowed: Sequence[str]) -> str:
    """`; bedoelt u 'select'?` for a typo, or `.` when nothing is close (ends the sentence either way)."""
    if not word.strip():   # nothing given: no suggestion is "close"
        return "."
    lowered = {option.lower(): option for option in allowed}
    match = (difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.5)
             or difflib.get_close_matches(word.lower().replace("_", "-"), list(lowered), n=1, cutoff=0.5))
    if not match and len(allowed) <= 3:
        match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.0)
    return f"; bedoelt u '{lowered[match[0]]}'?" if match else "."
