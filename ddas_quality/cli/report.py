"""`ddas-quality report`: the HTML report in a directory."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options as opt
from .check import emit, run_checks
from .errors import EXIT_FINDINGS, EXIT_OK


def report(
    paths: list[str] = opt.Paths,
    output: Path = typer.Option(..., "--output", "-o", metavar="MAP", help="Map voor het rapport (wordt gemaakt)."),
    select: list[str] | None = opt.Select,
    ignore: list[str] | None = opt.Ignore,
    fail_on: str | None = opt.FailOn,
    domain: str | None = opt.Domain,
    schema_version: str | None = opt.SchemaVersion,
    gemeenten: Path | None = opt.Gemeenten,
    config: Path | None = opt.Config,
    previous: list[str] | None = opt.Previous,
    profile: str | None = opt.Profile,
) -> None:
    options = opt.build_options(select, ignore, domain, schema_version, gemeenten, fail_on=fail_on, config=config,
                                previous=previous, profile=profile)
    fail_on = options.fail_on
    result = run_checks(paths, options)
    emit(result, "html", output, fail_on)
    raise typer.Exit(EXIT_FINDINGS if result.failed(fail_on) else EXIT_OK)
