"""The overview page (`overzicht`) in a real headless Chromium with every non-local request refused: it renders
offline, sorts and filters by keyboard, and shows the ratio chart. Skips like tests/test_html_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_batch_output import BATCH, BROKEN, make_batch
from test_html_browser import _open, browser  # noqa: F401  (the browser fixture, shared)
from typer.testing import CliRunner

from ddas_quality.cli import app

pytestmark = pytest.mark.slow   # a real browser


@pytest.fixture(scope="module")
def overview_dir(tmp_path_factory) -> Path:
    batch = make_batch(tmp_path_factory.mktemp("overzicht-browser") / "levering")
    out = batch.parent / "uit"
    result = CliRunner().invoke(app, ["overzicht", str(batch), "--output", str(out), "--rapporten"])
    assert result.exit_code == 1, result.output
    return out


def _column(page, index: int) -> list[str]:
    return page.locator("#overzicht tbody tr:not([hidden])").evaluate_all(
        f"rows => rows.map(r => r.cells[{index}].getAttribute('data-v'))")


def test_overview_renders_offline_with_totals_ranking_and_chart(browser, overview_dir) -> None:  # noqa: F811
    page, remote, errors = _open(browser, (overview_dir / "index.html").as_uri(), "overzicht.png")
    assert remote == [] and errors == []
    text = page.inner_text("body")
    assert "Landelijk overzicht" in text and "Gemeenten naar kwaliteit" in text
    assert page.locator("#totalen .cijfer").count() >= 6
    chart = page.locator("svg.verhouding")
    assert chart.count() >= 1 and chart.first.locator("rect.staaf").count() >= 5
    assert page.locator("#overzicht tbody tr").count() == len(BATCH) + 1
    # the per-file reports are linked and open offline too
    link = page.locator("#overzicht a", has_text="SHV_2024_Amsterdam.json")
    assert link.count() == 1
    link.click()
    page.wait_for_load_state("load")
    assert "Amsterdam" in page.inner_text("body")


def test_sorting_by_keyboard(browser, overview_dir) -> None:  # noqa: F811
    page, _, errors = _open(browser, (overview_dir / "index.html").as_uri())
    ranks = [int(v) for v in _column(page, 0)]
    assert ranks == sorted(ranks)                       # ranked by quality at first
    score_button = page.locator("#overzicht thead th").nth(1).locator("button")
    score_button.focus()
    page.keyboard.press("Enter")                        # ascending: worst first
    scores = [float(v) for v in _column(page, 1)]
    assert scores == sorted(scores) and scores[0] == 0
    page.keyboard.press("Enter")                        # descending
    scores = [float(v) for v in _column(page, 1)]
    assert scores == sorted(scores, reverse=True)
    assert page.locator("#overzicht thead th").nth(1).get_attribute("aria-sort") == "descending"
    page.locator("#overzicht thead th").nth(4).locator("button").click()   # by file name
    files = _column(page, 4)
    assert files == sorted(files, key=str.lower) or files == sorted(files)
    assert errors == []


def test_filtering_by_text_verdict_and_domain(browser, overview_dir) -> None:  # noqa: F811
    page, _, errors = _open(browser, (overview_dir / "index.html").as_uri())
    page.locator("#zoek").focus()
    page.keyboard.type("haarlem")
    assert page.locator("#overzicht tbody tr:not([hidden])").count() == 1
    assert f"1 van {len(BATCH) + 1}" in page.inner_text("#overzicht-telling")
    page.locator("#zoek").fill("")
    page.select_option("#filter-domein", "VS")
    visible = page.locator("#overzicht tbody tr:not([hidden])")
    assert visible.count() == 1 and "VS_2025_Proef.json" in visible.inner_text()
    page.select_option("#filter-domein", "")
    page.select_option("#filter-oordeel", "klaar voor aanlevering")
    shown = page.locator("#overzicht tbody tr:not([hidden])").all_inner_texts()
    assert len(shown) == 1 and "SHV_2024_Schoon.json" in shown[0]
    page.select_option("#filter-oordeel", "eerst herstellen")
    shown = page.locator("#overzicht tbody tr:not([hidden])").all_inner_texts()
    assert len(shown) == len(BATCH) and any(BROKEN in row for row in shown)
    assert errors == []
