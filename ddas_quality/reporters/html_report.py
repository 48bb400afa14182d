"""HTML report: a Dutch, self-contained report a coordinator can open anywhere and mail on without leaks.

`index.html` is the combined overview (verdict per file, findings over all files together, the op-orde
preview of all files); `bestand-N.html` holds one file's findings and preview; `data-docs/` the Great
Expectations results. Nothing refers to another host (GX's CDN links are stripped, a CSP forbids the rest);
a client appears at most as a masked BSN.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from pathlib import Path

from .. import __version__
from ..catalogue import CATALOGUE
from ..findings import SEVERITY_RANK, Finding
from ..run import FileReport, RunResult
from .html_parts import (
    CSP,
    CSS,
    SEVERITY_NL,
    SEVERITY_PLURAL_NL,
    bar_chart,
    dutch_dates,
    euro,
    key_figures,
    number,
    page,
    percent,
    table,
)

PHASE_LABELS = {"aanmelding": "Aanmelding", "informatieEnAdvies": "Informatie en advies", "intake": "Intake",
                "stabilisatie": "Stabilisatie", "schuldregeling": "Schuldregeling", "oplossing": "Oplossing",
                "nazorg": "Nazorg"}
# Rows per rule in the location table; the JSON output always has all of them.
MAX_LOCATIONS = 2000
_TRAJECT_PATH = re.compile(r"^(\$\.leveringen\[\d+\]\.schuldhulptrajecten\[\d+\])")
_CLIENT_PATH = re.compile(r"^(\$\.leveringen\[\d+\]\.schuldhulptrajecten\[\d+\]\.client\[\d+\])")
_REMOTE = re.compile(
    r"<script\b[^>]*>.*?</script>"
    r"|<link\b[^>]*href=[\"']https?://[^>]*>"
    r"|<img\b[^>]*src=[\"']https?://[^>]*>"
    r"|<link\b[^>]*rel=[\"'][^\"']*icon[^>]*>",
    re.S | re.I,
)
_REMOTE_HREF = re.compile(r"href=[\"'](?:https?://|\.\./)[^\"']*[\"']", re.I)
_REMOTE_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//[^)]*\)", re.I)


def offline(html: str) -> str:
    """Remove every reference to another host (and GX's links into a site we don't build)."""
    html = _REMOTE.sub("", html)
    html = _REMOTE_CSS_URL.sub("none", html)
    return _REMOTE_HREF.sub('href="../index.html"', html)


def render_data_docs(validation_results: list) -> dict[str, str]:
    """File name -> HTML of one GX validation result page (rendered by GX, then made offline)."""
    from ..gx_import import import_gx

    import_gx()
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    pages = {}
    for result in validation_results:
        document = ValidationResultsPageRenderer().render(result)
        html = offline(DefaultJinjaPageView().render(document))
        head = (f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
                f'<meta name="referrer" content="no-referrer"><style>{CSS}</style>')
        html = html.replace("<head>", "<head>" + head, 1) if "<head>" in html else head + html
        pages[f"{result.suite_name}.html"] = html
    return pages


class _Locations:
    """Per finding path: traject start date, gemeentecode and a masked BSN, from the derived frames."""

    def __init__(self, frames: dict) -> None:
        self.trajecten: dict[tuple[str, str], tuple[str, str]] = {}
        self.clients: dict[tuple[str, str], str] = {}
        self.first_client: dict[tuple[str, str], str] = {}
        trajecten = frames.get("trajecten")
        if trajecten is not None and len(trajecten):
            starts = trajecten["startdatum"].dt.strftime("%d-%m-%Y").fillna("")
            codes = trajecten["gemeentecode"].fillna("")
            self.trajecten = {(f, p): (s, c) for f, p, s, c in
                              zip(trajecten["file"], trajecten["path"], starts, codes, strict=True)}
        clienten = frames.get("clienten")
        if clienten is not None and len(clienten):
            masked = clienten["bsn_masked"].fillna("")
            for f, p, t, m in zip(clienten["file"], clienten["path"], clienten["traject_path"], masked,
                                  strict=True):
                self.clients[(f, p)] = m
                self.first_client.setdefault((f, t), m)

    def cells(self, finding: Finding) -> tuple[str, str, str]:
        path = finding.path or ""
        traject = _TRAJECT_PATH.match(path)
        if not traject:
            return "", "", ""
        start, code = self.trajecten.get((finding.file, traject.group(1)), ("", ""))
        client = _CLIENT_PATH.match(path)
        if client:
            masked = self.clients.get((finding.file, client.group(1)), "")
        else:
            masked = self.first_client.get((finding.file, traject.group(1)), "")
        return start, code, masked


def _verdict(findings: list[Finding], fail_on: str) -> tuple[bool, str]:
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    ok = not any(f.severity in failing for f in findings)
    html = ("<span class='ok'>✔ Klaar voor aanlevering</span>" if ok
            else "<span class='nok'>✘ Eerst herstellen</span>")
    return ok, html


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}


def _next_step(ok: bool, counts: dict[str, int]) -> str:
    if not ok:
        return ("Herstel eerst de fouten hieronder in de registratie of in de export, maak een nieuw bestand en "
                "controleer opnieuw. Pas daarna aanleveren.")
    if counts["warning"]:
        return ("Het bestand kan worden aangeleverd. Bekijk wel eerst de waarschuwingen: ze wijzen op gegevens "
                "die waarschijnlijk niet kloppen.")
    return "Het bestand kan worden aangeleverd."


def _findings_section(findings: list[Finding], locations: _Locations, prefix: str) -> str:
    """Per rule, most severe first: explanation, what to do, how often, and a filterable location table."""
    if not findings:
        return "<p class='ok'>Geen bevindingen.</p>"
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    ordered = sorted(groups.items(), key=lambda kv: (min(SEVERITY_RANK[f.severity] for f in kv[1]), kv[0]))
    parts = []
    for n, (code, items) in enumerate(ordered):
        rule = CATALOGUE.get(code)
        worst = min((f.severity for f in items), key=SEVERITY_RANK.__getitem__)
        table_id = f"{prefix}-{code}-{n}"
        rows = []
        for f in items[:MAX_LOCATIONS]:
            start, gemeente, masked = locations.cells(f)
            rows.append([f"<span class='{f.severity}'>{SEVERITY_NL[f.severity]}</span>",
                         f"<code>{escape(f.path or '$')}</code>", escape(start), escape(gemeente),
                         escape(masked), escape(dutch_dates(f.message))])
        more = (f"<p class='noot'>Hier de eerste {number(MAX_LOCATIONS)} van {number(len(items))}; alle plaatsen "
                f"staan in de JSON-uitvoer (<code>--format json</code>).</p>" if len(items) > MAX_LOCATIONS else "")
        title = escape(rule.title) if rule else ""
        explain = (f"<p><strong>Waarom dit telt:</strong> {escape(rule.why)}</p>"
                   f"<p><strong>Wat te doen:</strong> {escape(rule.fix)}</p>") if rule else ""
        search = (f"<p class='filter'><label for='{table_id}-zoek'>Zoek in deze {number(len(rows))} plaatsen "
                  f"(pad, datum, gemeentecode, tekst): </label><input type='search' id='{table_id}-zoek' "
                  f"data-filter='{table_id}'> <span id='{table_id}-telling' aria-live='polite'></span></p>"
                  if len(rows) > 5 else "")
        parts.append(
            f"<section class='regel sev-{worst}' aria-labelledby='{table_id}-kop'>"
            f"<h3 id='{table_id}-kop'><span class='badge {worst}'>{SEVERITY_NL[worst]}</span> {code} — {title} "
            f"<span class='noot'>({number(len(items))}×)</span></h3>{explain}"
            f"<details open><summary>Plaatsen ({number(len(items))})</summary>{search}"
            + table(["Ernst", "Plaats (JSON-pad)", "Start traject", "Gemeente", "BSN", "Bevinding"], rows,
                    table_id=table_id)
            + f"{more}</details></section>"
        )
    return "\n".join(parts)


def _figures_section(figures: list, heading_level: str = "h2") -> str:
    """The op-orde preview: per gemeente and in total, as tables and bar charts."""
    from ..figures import OPLOSSINGSSOORTEN, STEP_NAMES

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


def _vs_figures_section(figures, names: dict[str, str]) -> str:
    """The VS op-orde preview: signals per gemeente, signaalpartner and status; zaken and contactpogingen."""
    from ..figures_vs import EMPTY, OTHER

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


def _vs_preview(result: RunResult, files: set[str] | None) -> str:
    from ..figures_vs import compute_vs

    figures = compute_vs(result.frames, files) if result.frames else None
    if figures is None or not figures.signalen:
        return ""
    known = result.frames.get("vs_gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True)
              if isinstance(naam, str) and naam} if known is not None else {})
    return _vs_figures_section(figures, names)


def _file_summary(report: FileReport, findings: list[Finding], fail_on: str) -> tuple[bool, str]:
    ok, verdict = _verdict(findings, fail_on)
    counts = _counts(findings)
    version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
    facts = table(
        ["Oordeel", "Fouten", "Waarschuwingen", "Meldingen", "Uitwisselmodel", "Trajecten", "Cliënten"],
        [[verdict, number(counts["error"]), number(counts["warning"]), number(counts["info"]), escape(version),
          number(report.counts.get("trajecten", 0)), number(report.counts.get("clienten", 0))]],
        numeric={1, 2, 3, 5, 6})
    return ok, facts + f"<p><strong>Wat nu?</strong> {_next_step(ok, counts)}</p>"


def _compute_figures(result: RunResult, files: set[str] | None) -> list:
    """The op-orde figures; gemeente names from the run's own gemeente table (via the derived `gemeenten` frame,
    so `--gemeenten` counts here too)."""
    from ..figures import compute

    if not result.frames:
        return []
    known = result.frames.get("gemeenten")
    names = ({code: naam for code, naam in zip(known["gemeentecode"], known["naam"], strict=True) if naam}
             if known is not None else {})
    return compute(result.frames, files, names)


def render_file_page(result: RunResult, report: FileReport, locations: _Locations, fail_on: str) -> str:
    own = result.findings_for(report.file)
    _, summary = _file_summary(report, own, fail_on)
    figures = _compute_figures(result, {report.file})
    body = (
        "<nav class='alleen-scherm'><a href='index.html'>← Overzicht van alle bestanden</a></nav>"
        f"<h1>Controle van {escape(report.file)}</h1>"
        f"<p class='noot'>ddas-quality {__version__}, op uw eigen computer gemaakt; er zijn geen gegevens "
        "verstuurd. Een cliënt staat hier hoogstens met een gemaskeerd BSN.</p>"
        f"{summary}<h2 class='eerste'>Bevindingen</h2>{_findings_section(own, locations, 'b')}"
        + (_figures_section(figures) if figures and figures[-1].trajecten else "")
        + _vs_preview(result, {report.file})
    )
    return page(f"Controle {report.file}", body, script=True)


def render_index(result: RunResult, file_pages: list[str], data_doc_pages: list[str], locations: _Locations,
                 fail_on: str = "error") -> str:
    names = {r.file for r in result.files}
    rows = []
    for report, link in zip(result.files, file_pages, strict=True):
        own = result.findings_for(report.file)
        _, verdict = _verdict(own, fail_on)
        counts = _counts(own)
        version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
        rows.append([f"<a href='{link}'>{escape(report.file)}</a>", verdict, number(counts["error"]),
                     number(counts["warning"]), number(counts["info"]), escape(version),
                     number(report.counts.get("trajecten", 0))])
    ok, verdict = _verdict(result.findings, fail_on)
    counts = _counts(result.findings)
    combined = [f for f in result.findings if f.file not in names]
    figures = _compute_figures(result, None)
    vs_preview = _vs_preview(result, None)
    docs = "".join(f"<li><a href='data-docs/{escape(p)}'>{escape(p[:-5])}</a></li>" for p in data_doc_pages)
    body = (
        "<h1>Kwaliteitscontrole DDAS-levering</h1>"
        f"<p class='noot'>ddas-quality {__version__}. Dit rapport is op uw eigen computer gemaakt; er zijn geen "
        "gegevens verstuurd. Een cliënt staat er hoogstens met een gemaskeerd BSN in (******782).</p>"
        f"<div class='kaart'><p style='font-size:1.2rem;margin:.2rem 0'>{verdict}</p>"
        f"<p>{number(len(result.files))} {'bestand' if len(result.files) == 1 else 'bestanden'} gecontroleerd: "
        + ", ".join(f"{number(counts[s])} {SEVERITY_PLURAL_NL[s]}" for s in ("error", "warning", "info"))
        + f".</p><p><strong>Wat nu?</strong> {_next_step(ok, counts)}</p></div>"
        "<nav class='alleen-scherm' aria-label='Inhoud'><ul><li><a href='#bestanden'>Bestanden</a></li>"
        + ("<li><a href='#samen'>Bevindingen over alle bestanden samen</a></li>" if combined else "")
        + ("<li><a href='#op-orde'>Voorproefje van het op-orde-rapport</a></li>"
           if figures and figures[-1].trajecten else "")
        + ("<li><a href='#op-orde-vs'>Voorproefje van het op-orde-rapport (vroegsignalering)</a></li>"
           if vs_preview else "")
        + ("<li><a href='#data-docs'>Technische uitslag (data docs)</a></li>" if docs else "")
        + "</ul></nav>"
        "<h2 id='bestanden' class='eerste'>Bestanden</h2><p>Klik op een bestand voor de bevindingen met uitleg.</p>"
        + table(["Bestand", "Oordeel", "Fouten", "Waarschuwingen", "Meldingen", "Uitwisselmodel", "Trajecten"],
                rows, numeric={2, 3, 4, 6})
        + (f"<h2 id='samen'>Bevindingen over alle bestanden samen</h2>"
           f"{_findings_section(combined, locations, 'samen')}" if combined else "")
        + (_figures_section(figures) if figures and figures[-1].trajecten else "")
        + vs_preview
        + (f"<h2 id='data-docs'>Technische uitslag (Great Expectations data docs)</h2><p>De uitslag per "
           f"controle-suite, zonder waarden uit de levering:</p><ul>{docs}</ul>" if docs else "")
    )
    return page("Kwaliteitscontrole DDAS-levering", body, script=bool(combined))


def write(result: RunResult, directory: Path, fail_on: str = "error") -> Path:
    """Write index.html, one page per file and data-docs/ into `directory`; returns the index path."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = render_data_docs(result.validation_results) if result.validation_results else {}
    if pages:
        docs_dir = directory / "data-docs"
        docs_dir.mkdir(exist_ok=True)
        for name, html in pages.items():
            (docs_dir / name).write_text(html, encoding="utf-8")
    locations = _Locations(result.frames)
    file_pages = []
    for n, report in enumerate(result.files, start=1):
        name = f"bestand-{n}.html"
        (directory / name).write_text(render_file_page(result, report, locations, fail_on), encoding="utf-8")
        file_pages.append(name)
    index = directory / "index.html"
    index.write_text(render_index(result, file_pages, sorted(pages), locations, fail_on), encoding="utf-8")
    return index
