"""The VS op-orde preview in the HTML report: signals per gemeente, signaalpartner and status; zaken per
eindresultaat; contactpogingen per soort."""

from __future__ import annotations

from html import escape

import pandas as pd

from ...reporters.html_parts import bar_chart, key_figures, number, table
from .figures import EMPTY, OTHER, compute_vs

ANCHOR = "op-orde-vs"
TITLE = "Voorproefje van het op-orde-rapport (vroegsignalering)"


def render(frames: dict[str, pd.DataFrame], files: set[str] | None) -> str:
    """The preview of these files (default: all), or nothing when they hold no vroegsignalen."""
    figures = compute_vs(frames, files) if frames else None
    if figures is None or not figures.signalen:
        return ""
    known = frames.get("vs_gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True)
              if isinstance(naam, str) and naam} if known is not None else {})
    return _section(figures, names)


def _section(figures, names: dict[str, str]) -> str:
    """The VS op-orde preview: signals per gemeente, signaalpartner and status; zaken and contactpogingen."""
    out = ["<h2 id='op-orde-vs'>Voorproefje van het op-orde-rapport (vroegsignalering)</h2>",
           "<p class='noot'>Deze cijfers zijn hier berekend, vóór de aanlevering. De cijfers van CBS kunnen "
           "afwijken door eigen definities; grote verschillen met uw eigen registratie zijn wel een reden om te "
           "kijken.</p>",
           key_figures([("vroegsignalen", number(figures.signalen)), ("zaken", number(figures.zaken)),
                        ("contactpogingen", number(figures.contactpogingen)),
                        ("waarvan inwoner bereikt", number(figures.bereikt))])]
    if len(figures.per_gemeente) > 1:
        out.append("<h3>Signalen per gemeente</h3>" + table(
            ["Gemeente", "Signalen"],
            [[escape(f"{names[c]} ({c})" if names.get(c) else c), number(n)] for c, n in figures.per_gemeente.items()],
            numeric={1}))
    for title, counts, header in (("Signalen per signaalpartner", figures.per_signaalpartner, "Signaalpartner"),
                                  ("Signalen per status", figures.per_status, "Status"),
                                  ("Zaken per eindresultaat", figures.per_resultaat, "Eindresultaat"),
                                  ("Contactpogingen per soort", figures.per_contactsoort, "Soort")):
        # the model's list in full; "anders" and "niet ingevuld" only when they occur
        counts = {name: n for name, n in counts.items() if n or name not in (OTHER, EMPTY)}
        out.append(f"<h3>{title}</h3>")
        out.append(bar_chart(title, [(name, n) for name, n in counts.items() if n]))
        out.append(table([header, "Aantal"], [[escape(name), number(n)] for name, n in counts.items()],
                         numeric={1}))
    return "\n".join(out)
