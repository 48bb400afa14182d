"""HTML report: a self-contained Dutch findings page plus the GX data docs of the run, offline.

GX data docs pull scripts, stylesheets and a logo from remote hosts; every such reference is removed
here, so opening the report never contacts another host.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from pathlib import Path

from .. import __version__
from ..catalogue import CATALOGUE
from ..findings import SEVERITY_RANK, Finding
from ..run import RunResult

_SEVERITY_NL = {"error": "Fout", "warning": "Waarschuwing", "info": "Melding"}
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f1f1f1}.ok{color:#116611;font-weight:bold}.nok{color:#a40000;font-weight:bold}
.error{color:#a40000}.warning{color:#8a5a00}.info{color:#0b5c8a}code{font-size:.88rem}
details{margin:.3rem 0 1rem}summary{cursor:pointer;font-weight:600}
@media print{details{display:block}summary{list-style:none}body{margin:0}}
"""
_MAX_ROWS = 500
_REMOTE = re.compile(
    r"<script\b[^>]*>.*?</script>"
    r"|<link\b[^>]*href=[\"']https?://[^>]*>"
    r"|<img\b[^>]*src=[\"']https?://[^>]*>",
    re.S | re.I,
)
_REMOTE_HREF = re.compile(r"href=[\"'](?:https?://|\.\./)[^\"']*[\"']", re.I)
_REMOTE_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//[^)]*\)", re.I)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")


def offline(html: str) -> str:
    """Remove every reference to another host (and GX's links into a site we don't build)."""
    html = _REMOTE.sub("", html)
    html = _REMOTE_CSS_URL.sub("none", html)
    return _REMOTE_HREF.sub('href="../index.html"', html)


def render_data_docs(validation_results: list) -> dict[str, str]:
    """File name -> HTML of one GX validation result page (rendered by GX, then made offline)."""
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    pages = {}
    for result in validation_results:
        name = result.suite_name
        document = ValidationResultsPageRenderer().render(result)
        html = offline(DefaultJinjaPageView().render(document))
        html = html.replace("</head>", f"<style>{_CSS}</style></head>", 1)
        pages[f"{name}.html"] = html
    return pages


def _findings_section(findings: list[Finding]) -> str:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    parts = []
    for code, items in sorted(groups.items(), key=lambda kv: (min(SEVERITY_RANK[f.severity] for f in kv[1]), kv[0])):
        rule = CATALOGUE.get(code)
        worst = min((f.severity for f in items), key=SEVERITY_RANK.__getitem__)
        rows = "".join(
            f"<tr><td class='{f.severity}'>{_SEVERITY_NL[f.severity]}</td><td><code>{escape(f.path or '$')}</code></td>"
            f"<td>{escape(f.message)}</td></tr>"
            for f in items[:_MAX_ROWS]
        )
        more = f"<p>… en nog {len(items) - _MAX_ROWS} keer (zie de JSON-uitvoer).</p>" if len(items) > _MAX_ROWS else ""
        explain = (f"<p><strong>Waarom:</strong> {escape(rule.why)}</p><p><strong>Wat te doen:</strong> "
                   f"{escape(rule.fix)}</p>") if rule else ""
        parts.append(
            f"<details open><summary class='{worst}'>{code} — {escape(rule.title if rule else '')} "
            f"({len(items)}×)</summary>{explain}<table><thead><tr><th>Ernst</th><th>Plaats (JSON-pad)</th>"
            f"<th>Bevinding</th></tr></thead><tbody>{rows}</tbody></table>{more}</details>"
        )
    return "\n".join(parts) or "<p class='ok'>Geen bevindingen.</p>"


def render_index(result: RunResult, data_doc_pages: list[str], fail_on: str = "error") -> str:
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    names = {r.file for r in result.files}
    overview_rows = []
    sections = []
    for report in result.files:
        own = [f for f in result.findings if f.file == report.file]
        counts = {s: sum(f.severity == s for f in own) for s in ("error", "warning", "info")}
        ok = not any(f.severity in failing for f in own)
        verdict = (
            "<span class='ok'>Klaar voor aanlevering</span>" if ok else "<span class='nok'>Eerst herstellen</span>"
        )
        version = f"{report.domain} v{report.schema_version}" if report.domain else "niet te lezen"
        overview_rows.append(
            f"<tr><td>{escape(report.file)}</td><td>{verdict}</td><td>{counts['error']}</td><td>{counts['warning']}"
            f"</td><td>{counts['info']}</td><td>{escape(version)}</td><td>{report.counts['trajecten']:,}</td></tr>"
            .replace(",", ".")
        )
        sections.append(f"<h2>{escape(report.file)}</h2>{_findings_section(own)}")
    combined = [f for f in result.findings if f.file not in names]
    if combined:
        sections.append(f"<h2>Over alle bestanden samen</h2>{_findings_section(combined)}")
    docs = "".join(f"<li><a href='data-docs/{escape(p)}'>{escape(p[:-5])}</a></li>" for p in data_doc_pages)
    body = (
        f"<h1>Kwaliteitscontrole DDAS-levering</h1><p>ddas-quality {__version__}. Dit rapport is op uw eigen "
        f"computer gemaakt; er zijn geen gegevens verstuurd. BSN's staan er hoogstens gemaskeerd in.</p>"
        f"<h2>Overzicht</h2><table><thead><tr><th>Bestand</th><th>Oordeel</th><th>Fouten</th>"
        f"<th>Waarschuwingen</th><th>Meldingen</th><th>Uitwisselmodel</th><th>Trajecten</th></tr></thead>"
        f"<tbody>{''.join(overview_rows)}</tbody></table>"
        f"<p>Wat nu? Herstel eerst de fouten in de registratie of de export en controleer opnieuw. "
        f"Bekijk waarschuwingen voordat u aanlevert.</p>"
        + "".join(sections)
        + (f"<h2>Great Expectations data docs</h2><p>De technische uitslag per controle-suite:</p><ul>{docs}</ul>"
           if docs else "")
    )
    return _page("Kwaliteitscontrole DDAS-levering", body)


def write(result: RunResult, directory: Path, fail_on: str = "error") -> Path:
    """Write index.html and data-docs/ into `directory`; returns the index path."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = render_data_docs(result.validation_results) if result.validation_results else {}
    if pages:
        docs_dir = directory / "data-docs"
        docs_dir.mkdir(exist_ok=True)
        for name, html in pages.items():
            (docs_dir / name).write_text(html, encoding="utf-8")
    index = directory / "index.html"
    index.write_text(render_index(result, sorted(pages), fail_on), encoding="utf-8")
    return index
