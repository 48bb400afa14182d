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
from ..pipeline import FileReport, RunResult
from .batch_text import FIX_FIRST, worst_first
from .html_parts import (
    CSP,
    CSS,
    SEVERITY_NL,
    SEVERITY_PLURAL_NL,
    dutch_dates,
    number,
    page,
    search_box,
    table,
)

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
        search = (search_box(table_id, f"Zoek in deze {number(len(rows))} plaatsen (pad, datum, gemeentecode, "
                                       "tekst)") if len(rows) > 5 else "")
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


def _records(report: FileReport) -> tuple[str, int]:
    """What the file holds, in its domain's unit: ("Trajecten", n) for SHV, ("Vroegsignalen", n) for VS."""
    if report.counts.get("vroegsignalen") or report.domain == "VS":
        return "Vroegsignalen", report.counts.get("vroegsignalen", 0)
    return "Trajecten", report.counts.get("trajecten", 0)


def _file_summary(report: FileReport, findings: list[Finding], fail_on: str) -> tuple[bool, str]:
    ok, verdict = _verdict(findings, fail_on)
    counts = _counts(findings)
    version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
    unit, records = _records(report)
    facts = table(
        ["Oordeel", "Fouten", "Waarschuwingen", "Meldingen", "Uitwisselmodel", unit, "Cliënten"],
        [[verdict, number(counts["error"]), number(counts["warning"]), number(counts["info"]), escape(version),
          number(records), number(report.counts.get("clienten", 0))]],
        numeric={1, 2, 3, 5, 6})
    return ok, facts + f"<p><strong>Wat nu?</strong> {_next_step(ok, counts)}</p>"


def _records_heading(result: RunResult) -> str:
    """The index column's heading: the unit of the files shown, both when SHV and VS are mixed."""
    units = {_records(report)[0] for report in result.files if report.domain}
    return " / ".join(sorted(units, reverse=True)) or "Trajecten"


def _previews(result: RunResult, files: set[str] | None) -> list[tuple[str, str, str]]:
    """Each domain's op-orde preview of these files (default: all) as (anchor, title, HTML); none without data."""
    from ..domains import all_domains

    if not result.frames:
        return []
    found = []
    for domain in all_domains():
        preview = domain.stage("preview")
        html = preview.render(result.frames, files)
        if html:
            found.append((preview.ANCHOR, preview.TITLE, html))
    return found


def render_file_page(result: RunResult, report: FileReport, locations: _Locations, fail_on: str) -> str:
    own = result.findings_for(report.file)
    _, summary = _file_summary(report, own, fail_on)
    body = (
        "<nav class='alleen-scherm'><a href='index.html'>← Overzicht van alle bestanden</a></nav>"
        f"<h1>Controle van {escape(report.file)}</h1>"
        f"<p class='noot'>ddas-quality {__version__}, op uw eigen computer gemaakt; er zijn geen gegevens "
        "verstuurd. Een cliënt staat hier hoogstens met een gemaskeerd BSN.</p>"
        f"{summary}<h2 class='eerste'>Bevindingen</h2>{_findings_section(own, locations, 'b')}"
        + "".join(html for _, _, html in _previews(result, {report.file}))
    )
    return page(f"Controle {report.file}", body, script=True)


def render_index(result: RunResult, file_pages: list[str], data_doc_pages: list[str], locations: _Locations,
                 fail_on: str = "error") -> str:
    names = {r.file for r in result.files}
    rows = []
    links: dict[str, str] = {}
    to_fix: list[tuple[int, str]] = []   # (failing findings, file), as the terminal summary counts them
    for report, page_name in zip(result.files, file_pages, strict=True):
        own = result.findings_for(report.file)
        file_ok, verdict = _verdict(own, fail_on)
        counts = _counts(own)
        links[report.file] = link = f"<a href='{page_name}'>{escape(report.file)}</a>"
        if not file_ok:
            to_fix.append((counts["error"] + (counts["warning"] if fail_on == "warning" else 0), report.file))
        version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
        rows.append([link, verdict, number(counts["error"]),
                     number(counts["warning"]), number(counts["info"]), escape(version),
                     number(_records(report)[1])])
    ok, verdict = _verdict(result.findings, fail_on)
    counts = _counts(result.findings)
    combined = [f for f in result.findings if f.file not in names]
    previews = _previews(result, None)
    docs = "".join(f"<li><a href='data-docs/{escape(p)}'>{escape(p[:-5])}</a></li>" for p in data_doc_pages)
    body = (
        "<h1>Kwaliteitscontrole DDAS-levering</h1>"
        f"<p class='noot'>ddas-quality {__version__}. Dit rapport is op uw eigen computer gemaakt; er zijn geen "
        "gegevens verstuurd. Een cliënt staat er hoogstens met een gemaskeerd BSN in (******782).</p>"
        f"<div class='kaart'><p style='font-size:1.2rem;margin:.2rem 0'>{verdict}</p>"
        f"<p>{number(len(result.files))} {'bestand' if len(result.files) == 1 else 'bestanden'} gecontroleerd: "
        + ", ".join(f"{number(counts[s])} {SEVERITY_PLURAL_NL[s] if counts[s] != 1 else SEVERITY_NL[s].lower()}"
                    for s in ("error", "warning", "info"))
        + f".</p>{_files_to_fix(to_fix, links, len(result.files))}"
        f"<p><strong>Wat nu?</strong> {_next_step(ok, counts)}</p></div>"
        "<nav class='alleen-scherm' aria-label='Inhoud'><ul><li><a href='#bestanden'>Bestanden</a></li>"
        + ("<li><a href='#samen'>Bevindingen over alle bestanden samen</a></li>" if combined else "")
        + "".join(f"<li><a href='#{anchor}'>{title}</a></li>" for anchor, title, _ in previews)
        + ("<li><a href='#data-docs'>Technische uitslag (data docs)</a></li>" if docs else "")
        + "</ul></nav>"
        "<h2 id='bestanden' class='eerste'>Bestanden</h2><p>Klik op een bestand voor de bevindingen met uitleg.</p>"
        + (search_box("bestanden-tabel", f"Zoek in deze {number(len(rows))} bestanden (naam, oordeel, bv. "
                      "<q>herstellen</q>)") if len(rows) > 5 else "")
        + table(["Bestand", "Oordeel", "Fouten", "Waarschuwingen", "Meldingen", "Uitwisselmodel",
                 _records_heading(result)], rows, numeric={2, 3, 4, 6}, table_id="bestanden-tabel")
        + (f"<h2 id='samen'>Bevindingen over alle bestanden samen</h2>"
           f"{_findings_section(combined, locations, 'samen')}" if combined else "")
        + "".join(html for _, _, html in previews)
        + (f"<h2 id='data-docs'>Technische uitslag (Great Expectations data docs)</h2><p>De uitslag per "
           f"controle-suite, zonder waarden uit de levering:</p><ul>{docs}</ul>" if docs else "")
    )
    return page("Kwaliteitscontrole DDAS-levering", body, script=bool(combined) or len(rows) > 5)


def _files_to_fix(to_fix: list[tuple[int, str]], links: dict[str, str], files: int) -> str:
    """With several files: which to fix first, in the terminal summary's order, each a link to its page."""
    if files < 2 or not to_fix:
        return ""
    named = [links[file] for _, file in worst_first(to_fix)[:FIX_FIRST]]
    rest = len(to_fix) - len(named)
    return (f"<p><strong>Eerst herstellen ({number(len(to_fix))} van {number(files)}, meeste fouten eerst):</strong> "
            + ", ".join(named) + (f" en nog {number(rest)} (zie de tabel Bestanden)" if rest else "") + "</p>")


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
