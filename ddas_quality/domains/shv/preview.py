"""The SHV op-orde preview in the HTML report: per gemeente and in total, as tables and bar charts."""

from __future__ import annotations

from html import escape

import pandas as pd

from ...reporters.html_parts import bar_chart, euro, key_figures, number, percent, table
from .figures import OPLOSSINGSSOORTEN, STEP_NAMES, compute

ANCHOR = "op-orde"
TITLE = "Voorproefje van het op-orde-rapport"
PHASE_LABELS = {"aanmelding": "Aanmelding", "informatieEnAdvies": "Informatie en advies", "intake": "Intake",
                "stabilisatie": "Stabilisatie", "schuldregeling": "Schuldregeling", "oplossing": "Oplossing",
                "nazorg": "Nazorg"}


def render(frames: dict[str, pd.DataFrame], files: set[str] | None) -> str:
    """The preview of these files (default: all), or nothing when they hold no trajecten."""
    figures = _compute_figures(frames, files)
    return _figures_section(figures) if figures and figures[-1].trajecten else ""


def _compute_figures(frames: dict[str, pd.DataFrame], files: set[str] | None) -> list:
    """The op-orde figures; gemeente names from the run's own gemeente table (via the derived `gemeenten` frame,
    so `--gemeenten` counts here too)."""
    if not frames:
        return []
    known = frames.get("gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True) if naam}
             if known is not None else {})
    return compute(frames, files, names)


def _figures_section(figures: list, heading_level: str = "h2") -> str:
    """The op-orde preview: per gemeente and in total, as tables and bar charts."""
    total = figures[-1]
    per_gemeente = figures[:-1]
    label = {code: f"{g.naam} ({code})" if g.naam else code for g in per_gemeente for code in [g.gemeentecode]}
    out = [f"<{heading_level} id='op-orde'>Voorproefje van het op-orde-rapport</{heading_level}>",
           "<p class='noot'>Deze cijfers zijn hier berekend, vóór de aanlevering, op de manier van de DDAS-app. "
           "De cijfers van CBS kunnen afwijken: CBS voegt samenloop samen, koppelt cliënten over organisaties "
           "heen en hanteert eigen definities. Grote verschillen met uw eigen registratie zijn wel een reden "
           "om te kijken.</p>",
           key_figures([("trajecten", number(total.trajecten)), ("unieke cliënten", number(total.clienten)),
                        ("unieke actieve cliënten", number(total.actieve_clienten)),
                        ("instroom (cliënten)", number(total.instroom)),
                        ("totale schuld", euro(total.totale_schuld))])]
    rows = [[escape(label[g.gemeentecode]), number(g.trajecten), number(g.clienten), number(g.actieve_clienten),
             number(g.instroom), number(g.instroom_uitgestroomd), number(g.instroom_nog_actief),
             number(g.instroom_met_begeleiding), euro(g.totale_schuld)] for g in per_gemeente]
    rows.append(["<strong>Totaal</strong>", *(f"<strong>{c}</strong>" for c in (
        number(total.trajecten), number(total.clienten), number(total.actieve_clienten), number(total.instroom),
        number(total.instroom_uitgestroomd), number(total.instroom_nog_actief),
        number(total.instroom_met_begeleiding), euro(total.totale_schuld)))])
    out.append("<h3>Per gemeente</h3>" + table(
        ["Gemeente", "Trajecten", "Unieke cliënten", "Actieve cliënten", "Instroom", "waarvan uitgestroomd",
         "waarvan nog actief", "met begeleiding", "Totale schuld"], rows, numeric=set(range(1, 9))))
    if len(per_gemeente) > 1:
        top = sorted(per_gemeente, key=lambda g: -g.actieve_clienten)[:30]
        shown = "" if len(per_gemeente) <= 30 else " (de 30 grootste)"
        out.append(f"<h3>Actieve cliënten per gemeente{shown}</h3>")
        out.append(bar_chart("Actieve cliënten per gemeente", [(label[g.gemeentecode], g.actieve_clienten)
                                                               for g in top]))
    out.append("<h3>Actieve cliënten naar meest recente processtap in de periode</h3>")
    out.append(bar_chart("Actieve cliënten naar meest recente processtap",
                         [(s, total.actief_naar_stap.get(s, 0)) for s in STEP_NAMES]))
    out.append(table(["Processtap", "Actieve cliënten", "Laatst bekende fase (ook vóór de periode)"],
                     [[s, number(total.actief_naar_stap.get(s, 0)), number(total.laatste_fase_actief.get(s, 0))]
                      for s in STEP_NAMES], numeric={1, 2}))
    out.append("<h3>Fasen gestart in de periode</h3>")
    out.append(bar_chart("Fasen gestart in de periode",
                         [(PHASE_LABELS.get(k, k), v) for k, v in total.fasen_gestart.items()]))
    out.append("<h3>Oplossingen en schulden</h3>")
    shares = total.schuldsoort_aandeel()
    out.append(table(["Soort oplossing", "Aantal trajecten"],
                     [[s, number(total.oplossingssoorten.get(s, 0))] for s in OPLOSSINGSSOORTEN], numeric={1}))
    out.append(table(["Schuldsoort", "Bedrag", "Aandeel"],
                     [[s, euro(v), percent(shares.get(s, 0.0))] for s, v in total.schuld_per_soort.items()],
                     numeric={1, 2}))
    return "\n".join(out)
