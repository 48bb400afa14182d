"""The VS op-orde preview: counts per signaalpartner, status, eindresultaat and contactsoort, hand-checked."""

from __future__ import annotations

import re

from cases.vroegsignalering import sig, vs_base, write_vs
from conftest import BSN_A

from ddas_quality.domains.vs.figures import EMPTY, OTHER, compute_vs
from ddas_quality.pipeline import check_paths
from ddas_quality.reporters import html_report


def test_the_figures_of_the_base_delivery_are_counted_by_hand(tmp_path):
    result = check_paths([write_vs(vs_base(), tmp_path)])
    figures = compute_vs(result.frames)
    assert (figures.signalen, figures.zaken, figures.contactpogingen, figures.bereikt) == (3, 2, 3, 1)
    assert figures.per_gemeente == {"0096": 3}
    assert {k: v for k, v in figures.per_signaalpartner.items() if v} == {"Energie": 1, "Huur": 1, "Water": 1}
    assert {k: v for k, v in figures.per_status.items() if v} == {"Nog niet opgepakt": 1, EMPTY: 2}
    assert {k: v for k, v in figures.per_resultaat.items() if v} == {"(Budget)advies en/of quick fix": 1, EMPTY: 1}
    assert {k: v for k, v in figures.per_contactsoort.items() if v} == {"Telefoon": 1, "Huisbezoek": 1, "Brief": 1}
    assert list(figures.per_signaalpartner)[:3] == ["Energie", "Huur", "Hypotheek"]   # the model's order


def test_a_value_outside_the_model_is_counted_as_other_and_never_shown(tmp_path):
    document = vs_base()
    sig(document, 0)["signaalpartner"] = {"type": f"Bel {BSN_A}"}
    result = check_paths([write_vs(document, tmp_path)])
    assert compute_vs(result.frames).per_signaalpartner[OTHER] == 1
    html_report.write(result, tmp_path / "rapport")
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "rapport").rglob("*.html"))
    assert BSN_A not in pages


def test_the_report_shows_the_vs_preview_per_file_and_in_the_overview(tmp_path):
    result = check_paths([write_vs(vs_base(), tmp_path)])
    index = html_report.write(result, tmp_path / "rapport")
    overview = index.read_text(encoding="utf-8")
    page = (tmp_path / "rapport" / "bestand-1.html").read_text(encoding="utf-8")
    for html in (overview, page):
        text = re.sub(r"<[^>]+>", " ", html)
        assert "Voorproefje van het op-orde-rapport (vroegsignalering)" in text
        assert re.search(r"Huisbezoek\s+1\b", text) and re.search(r"Nog niet opgepakt\s+1\b", text)
    assert "href='#op-orde-vs'" in overview


def test_the_report_counts_a_vs_file_in_vroegsignalen_not_trajecten(tmp_path):
    result = check_paths([write_vs(vs_base(), tmp_path)])
    index = html_report.write(result, tmp_path / "rapport")
    for html in (index.read_text(encoding="utf-8"), (tmp_path / "rapport" / "bestand-1.html").read_text("utf-8")):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Vroegsignalen" in text and "Trajecten" not in text
        assert re.search(r"VS v0\.9 3\b", text)   # the three signalen of the base delivery, after the version
