"""`ddas-quality overzicht`: the national picture of many deliveries (CSV, Parquet and an HTML page)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import options as opt
from .errors import EXIT_FINDINGS, EXIT_OK, fail
from .output import summary_console

CSV_NAME = "overzicht.csv"
EXCEL_CSV_NAME = "overzicht-excel.csv"   # for Excel with Dutch settings: ';' between fields, decimal comma
PARQUET_NAME = "overzicht.parquet"
REPORTS_DIR = "bestanden"


def overzicht(
    paths: list[str] = opt.Paths,
    output: Path = typer.Option(..., "--output", "-o", metavar="MAP",
                                help="Map voor overzicht.csv, overzicht-excel.csv, "
                                "overzicht.parquet en index.html (wordt gemaakt)."),
    rapporten: bool = typer.Option(False, "--rapporten", help="Schrijf ook het HTML-rapport per bestand (in "
                                   "MAP/bestanden/), gelinkt vanuit de tabel."),
    select: list[str] | None = opt.Select,
    ignore: list[str] | None = opt.Ignore,
    fail_on: str | None = opt.FailOn,
    domain: str | None = opt.Domain,
    schema_version: str | None = opt.SchemaVersion,
    gemeenten: Path | None = opt.Gemeenten,
    config: Path | None = opt.Config,
    profile: str | None = opt.Profile,
) -> None:
    from ..reporters import text
    from .check import run_checks
    from .progress import file_progress

    options = opt.build_options(select, ignore, domain, schema_version, gemeenten, fail_on=fail_on, config=config,
                                profile=profile)
    if output.exists() and not output.is_dir():
        fail(f"{output} bestaat al en is geen map. Kies met --output een (nieuwe) map.")
    with file_progress(paths) as progress:
        result = run_checks(paths, options, progress=progress)
    index = write(result, options, output, rapporten=rapporten)
    text.write(result, summary_console(), options.fail_on)
    typer.echo(f"\nOverzicht geschreven: {index} (en {CSV_NAME}, {EXCEL_CSV_NAME}, {PARQUET_NAME} in {output})")
    raise typer.Exit(EXIT_FINDINGS if result.failed(options.fail_on) else EXIT_OK)


def write(result, options, directory: Path, *, rapporten: bool = False) -> Path:
    """Write the overview files into `directory`; returns the path of index.html. Exit 2 when it cannot."""
    from ..overview import build
    from ..reporters import html_report, overview_html

    rows = build(result, options, options.fail_on)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        rows.to_csv(directory / CSV_NAME, index=False, encoding="utf-8")
        for_excel(rows).to_csv(directory / EXCEL_CSV_NAME, index=False, sep=";", decimal=",", encoding="utf-8-sig")
        rows.to_parquet(directory / PARQUET_NAME, index=False)
        reports: dict[str, str] = {}
        if rapporten:
            html_report.write(result, directory / REPORTS_DIR, options.fail_on)
            reports = {report.file: f"{REPORTS_DIR}/bestand-{n}.html" for n, report in enumerate(result.files, 1)}
        index = directory / "index.html"
        page = overview_html.render(rows, fail_on=options.fail_on, reports=reports, csv_name=CSV_NAME,
                                    excel_name=EXCEL_CSV_NAME)
        index.write_text(page, encoding="utf-8")
    except OSError as error:
        fail(f"Kan niet schrijven naar {directory}: {error.strerror}.")
    return index


# Excel reads a cell that starts with one of these as a formula (a file name like "=HYPERLINK(...).json" would run).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_excel(rows):
    """The rows for Excel with Dutch settings: text that Excel would take for a formula gets a leading quote.

    Excel with Dutch settings opens a CSV with commas as one column and reads 1.5 as a date or 15; the Excel
    file has ';' between fields, decimal commas and a byte order mark (so Súdwest-Fryslân stays readable)."""
    import pandas as pd

    safe = rows.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            values = safe[column]
            risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START), na_action="ignore")
            safe[column] = values.where(~risky.fillna(False).astype(bool), "'" + values.astype(str))
    return safe
