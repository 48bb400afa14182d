"""The rule catalogue as a Markdown page (`docs/regels.md`), generated so it can never drift from the code.

Regenerate with `python -m ddas_quality.rules_doc`; a test fails when the committed page is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .catalogue import CATALOGUE, GROUPS, Rule

SEVERITY_NL = {"error": "fout", "warning": "waarschuwing", "info": "melding"}
DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "regels.md"


def severity_label(rule: Rule) -> str:
    return "/".join(SEVERITY_NL[s] for s in rule.severities)


def render(implemented: dict[str, str]) -> str:
    """The whole page: an overview table per group, then one section per rule."""
    lines = [
        "# Regelcatalogus van ddas-quality",
        "",
        "Gegenereerd uit `ddas_quality/catalogue.py` met `python -m ddas_quality.rules_doc`; niet met de hand",
        "bewerken. In de terminal: `ddas-quality rules` en `ddas-quality rules CODE`.",
        "",
        f"{sum(code in implemented for code in CATALOGUE)} van {len(CATALOGUE)} regels zijn actief.",
        "",
        "| code | ernst | titel | domein | status |",
        "|---|---|---|---|---|",
    ]
    for rule in CATALOGUE.values():
        status = "actief" if rule.code in implemented else "nog niet gebouwd"
        anchor = f"[{rule.code}](#{rule.code.lower()})"
        lines.append(f"| {anchor} | {severity_label(rule)} | {rule.title} | {', '.join(rule.domains)} | {status} |")
    current_group = None
    for rule in CATALOGUE.values():
        if rule.group != current_group:
            current_group = rule.group
            lines += ["", f"## {rule.group} — {GROUPS.get(rule.group, '')}"]
        lines += ["", f"### {rule.code}", "", f"**{rule.title}** ({severity_label(rule)}; "
                  f"{'actief' if rule.code in implemented else 'nog niet gebouwd'})", ""]
        for heading, text in (("Wat wordt gecontroleerd", rule.checks), ("Waarom", rule.why),
                              ("Voorbeeld", rule.example), ("Hoe herstellen", rule.fix), ("Bron", rule.source)):
            lines += [f"*{heading}.* {text}", ""]
        if rule.thresholds:
            lines.append("*Instelbare drempels:* " + ", ".join(f"`{k} = {v}`" for k, v in rule.thresholds.items()))
            lines.append("")
        while lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def main() -> None:
    from .implemented import implemented_codes

    DOC_PATH.write_text(render(implemented_codes()), encoding="utf-8")
    sys.stdout.write(f"geschreven: {DOC_PATH}\n")


if __name__ == "__main__":
    main()
