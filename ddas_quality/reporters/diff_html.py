"""`diff --format html --output MAP`: the comparison as one self-contained Dutch page (styling of html_parts)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .. import __version__
from ..diff import FIGURE_NAMES, DeliveryDiff, FindingChange, change_share
from .html_parts import SEVERITY_NL, dutch_dates, key_figures, number, page, table

SHOWN_PER_RULE = 200


def write(diff: DeliveryDiff, output: Path) -> Path:
    """Write `index.html` into the directory `output` (created when missing); returns its path."""
    output.mkdir(parents=True, exist_ok=True)
    index = output / "index.html"
    index.write_text(render(diff), encoding="utf-8")
    return index


def render(diff: DeliveryDiff) -> str:
    unit = diff.unit
    fixed = sum(c.count for c in diff.fixed)
    new = sum(c.count for c in diff.new_findings)
    verdict = (f"<p class='nok'>NIEUW heeft {number(diff.new_errors)} fout(en) die OUD niet had: herstel die vóór "
               "u de correctie levert.</p>" if diff.new_errors
               else "<p class='ok'>De correctie brengt geen nieuwe fouten mee.</p>")
    missing = diff.only_in_old
    if missing:
        names = ", ".join(f"{row.gemeentecode} {row.naam}".strip() for row in missing[:20])
        more = f" en {number(len(missing) - 20)} meer" if len(missing) > 20 else ""
        verdict += (f"<p class='nok'>Let op: {number(len(missing))} gemeente(n) staan wel in OUD maar niet in NIEUW "
                    f"({escape(names)}{more}): hun {escape(diff.unit)} tellen als verwijderd en hun bevindingen als "
                    "opgelost. Vergelijkt u een correctie van één levering? Geef dan als OUD alleen die eerdere "
                    "levering op.</p>")
    body = [
        f"<h1>Correctielevering vergeleken ({escape(diff.domain)})</h1>",
        f"<p class='noot'>ddas-quality {escape(__version__)}. Wat er in NIEUW anders is dan in OUD. "
        f"{escape(unit.capitalize())} worden herkend aan hun cliënt(en) en startdatum; er staan hier geen "
        "persoonsgegevens, alleen aantallen en de namen van gewijzigde velden.</p>",
        "<div class='kaart'>"
        f"<p><b>OUD:</b> {escape(', '.join(diff.old.files))} — {number(diff.old.units)} {escape(unit)}, "
        f"{number(diff.old.errors)} fouten, {number(diff.old.warnings)} waarschuwingen</p>"
        f"<p><b>NIEUW:</b> {escape(', '.join(diff.new.files))} — {number(diff.new.units)} {escape(unit)}, "
        f"{number(diff.new.errors)} fouten, {number(diff.new.warnings)} waarschuwingen</p>{verdict}</div>",
        key_figures([("toegevoegd", number(diff.added)), ("verwijderd", number(diff.removed)),
                     ("gewijzigd", number(diff.changed)), ("ongewijzigd", number(diff.unchanged)),
                     ("bevindingen opgelost", number(fixed)), ("bevindingen nieuw", number(new))]),
        "<h2 class='eerste'>Wat er veranderde</h2>",
        _fields(diff),
        "<h2>Cijfers per gemeente</h2>",
        "<p class='noot'>De op-orde-cijfers van OUD en NIEUW; + / − / ~ = toegevoegd, verwijderd, gewijzigd.</p>",
        _figures(diff),
        "<h2>Bevindingen</h2>",
        f"<p>{number(fixed)} opgelost, {number(new)} nieuw, {number(diff.remaining)} gebleven (fouten en "
        "waarschuwingen; meldingen ter informatie zijn geen problemen en tellen niet mee).</p>",
        _findings("Opgelost", diff.fixed), _findings("Nieuw", diff.new_findings),
    ]
    return page(f"Correctielevering {diff.domain}", "\n".join(body))


def _fields(diff: DeliveryDiff) -> str:
    if not diff.field_changes:
        return f"<p>Geen gewijzigde {escape(diff.unit)}.</p>"
    rows = [[escape(name), number(count)] for name, count in diff.field_changes.items()]
    return table(["wijziging", f"aantal {diff.unit}"], rows, numeric={1})


def _figures(diff: DeliveryDiff) -> str:
    names = list(diff.per_gemeente[-1].old) if diff.per_gemeente else []
    headers = ["gemeente", *(f"{FIGURE_NAMES.get(n, n)} oud → nieuw" for n in names), "+ / − / ~"]
    rows = []
    for row in diff.per_gemeente:
        label = escape(f"{row.gemeentecode} {row.naam}".strip())
        cells = []
        for name in names:
            old, new = row.old.get(name, 0), row.new.get(name, 0)
            share = change_share(old, new)
            cells.append(number(new) if old == new else f"{number(old)} → {number(new)} ({escape(share)})")
        rows.append([f"<b>{label}</b>" if row.gemeentecode == "Totaal" else label, *cells,
                     f"{row.added} / {row.removed} / {row.changed}"])
    return table(headers, rows, numeric=set(range(1, len(headers))))


def _findings(title: str, changes: list[FindingChange]) -> str:
    if not changes:
        return f"<h3>{escape(title)}</h3><p>Geen.</p>"
    parts = [f"<h3>{escape(title)}</h3>"]
    for change in changes:
        rows = [[escape(f.file.rsplit('/', 1)[-1]), f"<code>{escape(f.path or '')}</code>",
                 escape(dutch_dates(f.message))] for f in change.findings[:SHOWN_PER_RULE]]
        more = (f"<p class='noot'>… en {number(change.count - SHOWN_PER_RULE)} meer (zie --format json).</p>"
                if change.count > SHOWN_PER_RULE else "")
        parts.append(f"<details class='regel sev-{change.severity}'><summary><span class='badge {change.severity}'>"
                     f"{SEVERITY_NL[change.severity]}</span> {escape(change.rule)} ({number(change.count)}×)</summary>"
                     + table(["bestand", "plaats", "melding"], rows) + more + "</details>")
    return "".join(parts)
