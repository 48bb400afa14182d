"""Building blocks of the HTML report: Dutch number/date formats, inline SVG bar charts, the page shell.

Everything is inline (styles, the tiny filter script, charts): the report opens offline and makes no
request to any host; a Content-Security-Policy in every page enforces that in the browser.
"""

from __future__ import annotations

import re
from html import escape

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

CSS = """
:root{--fout:#a40000;--waarschuwing:#7a4d00;--melding:#0b5c8a;--ok:#116611;--rand:#c8c8c8;--bar:#2f6db5}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:72rem;
padding:1rem 1.25rem 3rem;color:#1b1b1b;line-height:1.45}
a{color:#1d4f91}a:focus,summary:focus,input:focus,button:focus{outline:3px solid #f0b400;outline-offset:2px}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{font-size:1.08rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid var(--rand);padding:.28rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f1f1f1}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:var(--ok);font-weight:700}.nok{color:var(--fout);font-weight:700}
.error{color:var(--fout)}.warning{color:var(--waarschuwing)}.info{color:var(--melding)}
.badge{display:inline-block;border-radius:.3rem;padding:0 .4rem;font-weight:700;font-size:.85rem;color:#fff}
.badge.error{background:var(--fout);color:#fff}.badge.warning{background:var(--waarschuwing);color:#fff}
.badge.info{background:var(--melding);color:#fff}
.kaart{border:1px solid var(--rand);border-radius:.4rem;padding:.6rem 1rem;margin:.8rem 0}
.cijfers{display:flex;flex-wrap:wrap;gap:.8rem;margin:.6rem 0}
.cijfer{border:1px solid var(--rand);border-radius:.4rem;padding:.4rem .8rem;min-width:9rem}
.cijfer b{display:block;font-size:1.35rem}
details{margin:.2rem 0 .8rem}summary{cursor:pointer;font-weight:600;padding:.2rem 0}
.regel{border-left:4px solid var(--rand);padding-left:.8rem;margin:1rem 0}
.regel.sev-error{border-color:var(--fout)}.regel.sev-warning{border-color:var(--waarschuwing)}
.regel.sev-info{border-color:var(--melding)}.regel p{margin:.3rem 0}td{overflow-wrap:anywhere}
label{font-size:.9rem}input[type=search]{font:inherit;padding:.2rem .4rem;min-width:18rem}
.grafiek{max-width:44rem}.grafiek text{font-size:12px;fill:#1b1b1b}
.noot{font-size:.9rem;color:#444}code{font-size:.88rem;word-break:break-all}
nav ul{padding-left:1.2rem}
@media print{body{max-width:none;padding:0;font-size:10pt}input,.filter,nav.alleen-scherm{display:none}
details{display:block}details>summary{list-style:none}h2{break-before:page}h2.eerste{break-before:avoid}
tr{break-inside:avoid}a{color:#000;text-decoration:none}}
"""

# Filters the rows of one location table by the text typed in its search box (keyboard-only use works).
FILTER_SCRIPT = """
document.querySelectorAll('input[data-filter]').forEach(function(box){
  var table=document.getElementById(box.getAttribute('data-filter'));
  var count=document.getElementById(box.getAttribute('data-filter')+'-telling');
  box.addEventListener('input',function(){
    var q=box.value.toLowerCase(),shown=0;
    table.querySelectorAll('tbody tr').forEach(function(row){
      var hit=row.textContent.toLowerCase().indexOf(q)!==-1;row.hidden=!hit;if(hit){shown++;}
    });
    count.textContent=shown.toLocaleString('nl-NL')+' getoond';
  });
});
"""

SEVERITY_NL = {"error": "Fout", "warning": "Waarschuwing", "info": "Melding"}
SEVERITY_PLURAL_NL = {"error": "fouten", "warning": "waarschuwingen", "info": "meldingen"}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def number(value: float | int) -> str:
    """1234567 -> '1.234.567' (Dutch thousands separator)."""
    return f"{round(value):,}".replace(",", ".")


def euro(value: float) -> str:
    return "€ " + number(value)


def percent(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + "%"


def dutch_dates(text: str) -> str:
    """ISO dates inside a text as the Dutch 31-12-2024."""
    return _ISO_DATE.sub(lambda m: f"{m.group(3)}-{m.group(2)}-{m.group(1)}", text)


def page(title: str, body: str, *, script: bool = False) -> str:
    """A complete, self-contained HTML page in Dutch."""
    tail = f"<script>{FILTER_SCRIPT}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n<main>\n{body}\n</main>\n{tail}"
        "</body></html>\n"
    )


def key_figures(figures: list[tuple[str, str]]) -> str:
    """The big numbers at the top of a preview: (label, formatted value) as tiles."""
    return ("<div class='cijfers'>"
            + "".join(f"<div class='cijfer'><b>{value}</b>{escape(name)}</div>" for name, value in figures)
            + "</div>")


def bar_chart(title: str, bars: list[tuple[str, float]], *, unit: str = "") -> str:
    """A horizontal bar chart as inline SVG, readable in print and by screen readers (title + table)."""
    if not bars:
        return ""
    label_width, bar_width, row = 170, 380, 24
    top = max((value for _, value in bars), default=0) or 1
    height = row * len(bars) + 8
    parts = [f'<svg class="grafiek" role="img" aria-label="{escape(title)}" viewBox="0 0 {label_width + bar_width + 90}'
             f' {height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(bars):
        y = 4 + i * row
        width = bar_width * value / top
        shown = number(value) + unit
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" fill="#2f6db5"></rect>'
            f'<text x="{label_width + width + 5:.1f}" y="{y + 16}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def search_box(table_id: str, label: str) -> str:
    """The search box that filters the table `table_id` (`FILTER_SCRIPT`); `label` is already-escaped HTML."""
    return (f"<p class='filter'><label for='{table_id}-zoek'>{label}: </label><input type='search' "
            f"id='{table_id}-zoek' data-filter='{table_id}'> <span id='{table_id}-telling' aria-live='polite'></span>"
            "</p>")


def table(headers: list[str], rows: list[list[str]], *, numeric: set[int] = frozenset(),
          table_id: str | None = None, caption: str | None = None) -> str:
    """A plain table; cells are already-escaped HTML; columns in `numeric` are right-aligned."""
    def cell(tag: str, i: int, content: str) -> str:
        return f"<{tag} class='num'>{content}</{tag}>" if i in numeric else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in rows)
    ident = f" id='{table_id}'" if table_id else ""
    cap = f"<caption class='noot'>{caption}</caption>" if caption else ""
    return f"<table{ident}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
