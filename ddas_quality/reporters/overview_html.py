"""The national overview page (`overzicht`): files and gemeenten ranked by quality, a sortable and filterable
table, the distribution of the plausibility ratio as an inline SVG chart, and the totals.

Self-contained and offline like the HTML report: inline style and script, the same Content-Security-Policy,
no request to any host. Only the overview rows reach the page: counts, ratios and verdicts.
"""

from __future__ import annotations

import math
import os
from html import escape

import pandas as pd

from .html_parts import CSP, CSS, number
from .text import _plural

# Ratio bins (count / expected) for the chart; the last is open-ended.
RATIO_BINS: tuple[tuple[float, float, str], ...] = (
    (0.0, 0.1, "< 10%"), (0.1, 0.25, "10–25%"), (0.25, 0.5, "25–50%"), (0.5, 0.75, "50–75%"),
    (0.75, 1.0, "75–100%"), (1.0, 1.5, "100–150%"), (1.5, 2.0, "150–200%"), (2.0, 3.0, "200–300%"),
    (3.0, math.inf, "≥ 300%"),
)
_VERDICT_CLASS = {"fout": "nok", "waarschuwing": "warning", "ok": "ok"}

EXTRA_CSS = """
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;color:inherit;
text-align:inherit}
.breed{overflow-x:auto}#overzicht td{overflow-wrap:normal}#overzicht td.bestand{overflow-wrap:anywhere;min-width:12rem}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.filter{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:.6rem 0}
.filter select{font:inherit;padding:.15rem .3rem}
.grafiek rect.staaf{fill:#2f6db5}.grafiek line{stroke:#888}
"""

# Sorting by the header buttons (Enter/Space work: they are buttons) and filtering by text, verdict and domain.
SCRIPT = """
(function(){
  var table=document.getElementById('overzicht'),body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var count=document.getElementById('overzicht-telling');
  table.querySelectorAll('thead th').forEach(function(th,col){
    var button=th.querySelector('button');if(!button){return;}
    button.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending',numeric=th.hasAttribute('data-num');
      table.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute('data-v'),y=b.cells[col].getAttribute('data-v'),r;
        if(numeric){
          var nx=x===''?NaN:parseFloat(x),ny=y===''?NaN:parseFloat(y);
          if(isNaN(nx)&&isNaN(ny)){r=0;}else if(isNaN(nx)){return 1;}else if(isNaN(ny)){return -1;}else{r=nx-ny;}
        }else{r=x.localeCompare(y,'nl');}
        return asc?r:-r;
      });
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
  var text=document.getElementById('zoek'),oordeel=document.getElementById('filter-oordeel'),
      domein=document.getElementById('filter-domein');
  function filter(){
    var q=text.value.toLowerCase(),o=oordeel.value,d=domein.value,shown=0;
    rows.forEach(function(row){
      var hit=row.textContent.toLowerCase().indexOf(q)!==-1&&(!o||row.getAttribute('data-oordeel')===o)
        &&(!d||row.getAttribute('data-domein')===d);
      row.hidden=!hit;if(hit){shown++;}
    });
    count.textContent=shown.toLocaleString('nl-NL')+' van '+rows.length.toLocaleString('nl-NL')+' rijen getoond';
  }
  [text,oordeel,domein].forEach(function(el){el.addEventListener('input',filter);el.addEventListener('change',filter);});
})();
"""


def render(rows: pd.DataFrame, *, fail_on: str = "error", reports: dict[str, str] | None = None,
           csv_name: str = "overzicht.csv", excel_name: str = "overzicht-excel.csv") -> str:
    """The page; `reports` maps a file to its HTML report (relative link) when `--rapporten` wrote them."""
    reports = reports or {}
    ordered = rows.sort_values(["rang", "bestand", "gemeentecode"], na_position="last", kind="stable")
    body = (
        "<h1>Landelijk overzicht DDAS-leveringen</h1>"
        f"<p class='noot'>Gemaakt met ddas-quality, offline. Alle cijfers per bestand en gemeente staan ook in "
        f"<a href='{escape(csv_name)}'>{escape(csv_name)}</a>, voor Excel met Nederlandse instellingen in "
        f"<a href='{escape(excel_name)}'>{escape(excel_name)}</a> (en als Parquet). Geen gegevens van personen: "
        "alleen aantallen, verhoudingen en oordelen.</p>"
        + _totals(rows)
        + _ranking(ordered)
        + "<h2>Alle bestanden en gemeenten</h2>"
        + _table(ordered, reports)
        + "<h2>Aantal tegen het verwachte aantal</h2>"
        + _ratio_section(rows)
        + _score_note()
    )
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Landelijk overzicht DDAS-leveringen</title><style>{CSS}{EXTRA_CSS}</style></head><body>\n"
        f"<main>\n{body}\n</main>\n<script>{SCRIPT}</script></body></html>\n"
    )


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _files(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per file (a file's verdict, counts and score repeat on each of its gemeente rows)."""
    return rows.drop_duplicates("bestand")


def _totals(rows: pd.DataFrame) -> str:
    files = _files(rows)
    ready = int((files["oordeel"] == "klaar voor aanlevering").sum())
    gemeenten = rows["gemeentecode"].dropna().nunique()
    tiles = [("bestanden", number(len(files))), ("klaar voor aanlevering", number(ready)),
             ("eerst herstellen", number(len(files) - ready)), ("gemeenten", number(gemeenten)),
             ("trajecten", number(_int(rows["trajecten"].sum()))),
             ("vroegsignalen", number(_int(rows["signalen"].sum()))),
             ("fouten", number(_int(files["fouten"].sum()))),
             ("waarschuwingen", number(_int(files["waarschuwingen"].sum())))]
    return ("<h2 class='eerste'>Totalen</h2><div class='cijfers' id='totalen'>"
            + "".join(f"<div class='cijfer'><b>{value}</b>{escape(label)}</div>" for label, value in tiles)
            + "</div>")


def _ranking(ordered: pd.DataFrame) -> str:
    """Gemeenten by quality: per gemeentecode the lowest score of the files that deliver for it."""
    known = ordered[ordered["gemeentecode"].notna()]
    if known.empty:
        return ""
    per = (known.groupby(["gemeentecode"], dropna=True)
           .agg(gemeente=("gemeente", "first"), score=("score", "min"), bestanden=("bestand", "nunique"),
                fouten=("fouten", "sum"))
           .reset_index().sort_values(["score", "fouten", "gemeentecode"], ascending=[True, False, True]))
    # Only what needs attention (a score under 100), and also a file no gemeente could be found for (unreadable,
    # or without gemeentecode): else a broken delivery, the worst of all, would be missing from this list.
    attention = [(int(r.score), -int(r.fouten), escape(_name(r.gemeente, r.gemeentecode)),
                  f"{number(r.bestanden)} {'bestand' if r.bestanden == 1 else 'bestanden'}, "
                  f"{_plural(int(r.fouten), 'fout', 'fouten')}")
                 for r in per[per["score"] < 100].itertuples(index=False)]
    attention += [(int(r.score), -int(r.fouten), f"bestand {escape(str(r.bestand))}",
                   f"geen gemeente te bepalen, {_plural(int(r.fouten), 'fout', 'fouten')}")
                  for r in _files(ordered[ordered["gemeentecode"].isna()]).itertuples(index=False)
                  if r.score < 100]
    attention.sort(key=lambda item: item[:3])
    items = "".join(f"<li>{label}: score {score} ({detail})</li>" for score, _, label, detail in attention[:10])
    items = items or "<li>niets: elk bestand scoort 100</li>"
    best = per.sort_values(["score", "fouten", "gemeentecode"], ascending=[False, True, True]).head(10)
    best_items = "".join(f"<li>{escape(_name(r.gemeente, r.gemeentecode))}: score {int(r.score)}</li>"
                         for r in best.itertuples(index=False))
    return ("<h2>Gemeenten naar kwaliteit</h2><p>De score van een gemeente is de laagste score van de bestanden "
            "met trajecten of signalen voor die gemeente.</p><div class='cijfers'>"
            f"<div class='kaart'><h3>Eerst aandacht</h3><ol id='slechtste'>{items}</ol></div>"
            f"<div class='kaart'><h3>Best op orde</h3><ol id='beste'>{best_items}</ol></div></div>")


def _name(naam, code) -> str:
    return f"{naam} ({code})" if isinstance(naam, str) and naam else f"gemeentecode {code}"


COLUMNS: tuple[tuple[str, str, bool], ...] = (   # (column, heading, numeric)
    ("rang", "Rang", True), ("score", "Score", True), ("gemeente", "Gemeente", False),
    ("gemeentecode", "Code", False), ("bestand", "Bestand", False), ("domein", "Domein", False),
    ("organisatie", "Organisatie", False), ("oordeel", "Oordeel", False), ("omvang", "Trajecten / signalen", True),
    ("fouten", "Fouten", True), ("waarschuwingen", "Waarsch.", True), ("a01", "A01", False), ("a02", "A02", False),
    ("v10", "V10", False), ("verhouding", "Aantal / verwacht", True),
)


def _table(ordered: pd.DataFrame, reports: dict[str, str]) -> str:
    domains = sorted(d for d in ordered["domein"].dropna().unique())
    head = "".join(
        f"<th scope='col'{' data-num' if numeric else ''}{' aria-sort=ascending' if column == 'rang' else ''}>"
        f"<button type='button'>{escape(title)}</button></th>" for column, title, numeric in COLUMNS)
    prefix = _common_folder(ordered["bestand"].tolist())
    body = "".join(_row(row, reports, prefix) for row in ordered.to_dict("records"))
    options = "".join(f"<option value='{escape(d)}'>{escape(d)}</option>" for d in domains)
    folder = (f"<p class='noot'>Bestanden in <code>{escape(prefix)}</code> (de kolom Bestand toont de rest van "
              "het pad).</p>") if prefix else ""
    return (
        folder + "<div class='filter'><label>Zoek (gemeente, code, bestand): <input type='search' id='zoek' "
        "aria-controls='overzicht'></label>"
        "<label>Oordeel: <select id='filter-oordeel' aria-controls='overzicht'><option value=''>alle</option>"
        "<option value='eerst herstellen'>eerst herstellen</option>"
        "<option value='klaar voor aanlevering'>klaar voor aanlevering</option></select></label>"
        f"<label>Domein: <select id='filter-domein' aria-controls='overzicht'><option value=''>alle</option>"
        f"{options}</select></label>"
        f"<span id='overzicht-telling' class='noot' aria-live='polite'>{number(len(ordered))} rijen</span></div>"
        "<div class='breed'><table id='overzicht'><caption class='noot'>Klik op een kolomkop (of Tab en Enter) "
        "om te sorteren.</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _common_folder(files: list[str]) -> str:
    """The folder all files share (`/data/2024-1/`), left out of the table to keep the names readable."""
    if len(files) < 2:
        return ""
    try:
        common = os.path.commonpath(files)
    except ValueError:   # absolute and relative names mixed
        return ""
    return common + "/" if common and all(f.startswith(common + "/") for f in files) else ""


def _row(row: dict, reports: dict[str, str], prefix: str = "") -> str:
    cells = []
    for column, _, numeric in COLUMNS:
        if column == "omvang":
            value = row["trajecten"] if row["domein"] == "SHV" else row["signalen"] if row["domein"] == "VS" else None
        else:
            value = row[column]
        missing = value is None or (not isinstance(value, str) and pd.isna(value))
        if numeric:
            sort_key = "" if missing else f"{float(value):.6g}"
            shown = "" if missing else (f"{float(value) * 100:.0f}%" if column == "verhouding" else number(value))
            cells.append(f"<td class='num' data-v='{sort_key}'>{shown}</td>")
            continue
        text = "" if missing else str(value)
        shown = escape(text)
        if column == "bestand":
            shown = escape(text[len(prefix):] if prefix and text.startswith(prefix) else text)
            if text in reports:
                shown = f"<a href='{escape(reports[text])}'>{shown}</a>"
            cells.append(f"<td class='bestand' data-v='{escape(text)}'>{shown}</td>")
            continue
        elif column in ("a01", "a02", "v10") and text in _VERDICT_CLASS:
            shown = f"<span class='{_VERDICT_CLASS[text]}'>{shown}</span>"
        elif column == "oordeel":
            shown = f"<span class='{'ok' if text == 'klaar voor aanlevering' else 'nok'}'>{shown}</span>"
        cells.append(f"<td data-v='{escape(text)}'>{shown}</td>")
    return (f"<tr data-oordeel='{escape(str(row['oordeel']))}' data-domein='{escape(str(row['domein'] or ''))}'>"
            + "".join(cells) + "</tr>")


def ratio_bins(ratios: pd.Series) -> list[tuple[str, int]]:
    """How many gemeenten fall in each ratio bin (RATIO_BINS)."""
    values = [float(v) for v in ratios.dropna()]
    return [(label, sum(1 for v in values if low <= v < high)) for low, high, label in RATIO_BINS]


def _ratio_section(rows: pd.DataFrame) -> str:
    """Per domain the distribution of count / expected over its gemeenten (each gemeente once)."""
    parts = ["<p>Per gemeente het aantal actieve cliënten (SHV, regels A01/A02) of vroegsignalen (VS, regel V10) "
             "over alle bestanden samen, gedeeld door het aantal dat bij het inwonertal te verwachten is. 100% is "
             "precies het verwachte aantal.</p>"]
    for domain, label in (("SHV", "actieve cliënten"), ("VS", "vroegsignalen")):
        mine = rows[(rows["domein"] == domain) & rows["gemeentecode"].notna()].drop_duplicates("gemeentecode")
        if mine["verhouding"].dropna().empty:
            continue
        bins = ratio_bins(mine["verhouding"])
        parts.append(f"<h3>{escape(domain)}: {escape(label)} tegen verwacht</h3>"
                     + column_chart(f"Gemeenten naar verhouding {label} / verwacht ({domain})", bins))
    if len(parts) == 1:
        parts.append("<p>Geen gemeente met een verwacht aantal in deze controle.</p>")
    return "".join(parts)


def column_chart(title: str, bars: list[tuple[str, int]]) -> str:
    """A vertical bar chart (histogram) as inline SVG with its title for screen readers."""
    width, height, left, bottom, top_margin = 640, 240, 40, 40, 20
    inner_w, inner_h = width - left - 10, height - bottom - top_margin
    top = max((n for _, n in bars), default=0) or 1
    step = inner_w / len(bars)
    parts = [f'<svg class="grafiek verhouding" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}"'
             f' width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{top_margin + inner_h}" x2="{width - 10}" y2="{top_margin + inner_h}"></line>']
    for i, (label, n) in enumerate(bars):
        h = inner_h * n / top
        x = left + i * step + 4
        y = top_margin + inner_h - h
        parts.append(f'<rect class="staaf" x="{x:.1f}" y="{y:.1f}" width="{step - 8:.1f}" height="{h:.1f}">'
                     f'<title>{escape(label)}: {n}</title></rect>'
                     f'<text x="{x + (step - 8) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{n}</text>'
                     f'<text x="{x + (step - 8) / 2:.1f}" y="{top_margin + inner_h + 16}" text-anchor="middle">'
                     f'{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _score_note() -> str:
    return ("<h2>Over de score</h2><p class='noot'>Elk bestand begint op 100. Per regel met een fout gaat er 10 af, "
            "per regel met alleen waarschuwingen 3 (niet lager dan 0); een bestand dat niet te lezen is, krijgt 0. "
            "Het telt regels, niet meldingen: één fout in de export die in elk traject terugkomt, weegt zo niet "
            "zwaarder dan één losse fout. Rang 1 is de beste score; gelijke scores delen een rang. A01, A02 en V10: "
            "<em>fout</em> of <em>waarschuwing</em> als de regel iets vond, <em>ok</em> als de regel de gemeente "
            "beoordeelde zonder bevinding, <em>n.v.t.</em> als de regel niet gold (te kleine gemeente, ander domein, "
            "regel uitgezet).</p>")
