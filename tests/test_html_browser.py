"""The HTML report in a real browser (Debian's headless Chromium), with every non-local request refused.

Skipped when Chromium or Playwright is missing, unless DDAS_REQUIRE_BROWSER=1 (set by .ci/run, which
installs both): then a missing browser is a failure, so CI can never pass without running these tests.
Screenshots land in test-artifacts/ for a human look.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import IDENTIFIERS, ROOT, SAMPLE_DATA, base_delivery, identifying_values
from typer.testing import CliRunner

from ddas_quality.cli import app

pytestmark = pytest.mark.slow   # a real browser per test

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if CHROMIUM is None or sync_playwright is None:
        if os.environ.get("DDAS_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium en Playwright zijn nodig voor de browsertest (apt install chromium; "
                        "pip install playwright)")
        pytest.skip("geen Chromium of Playwright op deze machine")
    return sync_playwright


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rapport")
    inputs = [SAMPLE_DATA / "SHV_2024_Voorbeeldgemeente_defecten.json", SAMPLE_DATA / "SHV_2024_Zandvoort.json"]
    result = CliRunner().invoke(app, ["report", *map(str, inputs), "--output", str(out)])
    assert result.exit_code == 1, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _open(browser, url: str, screenshot: str | None = None):
    """Load a page; returns (page, requests that tried to leave the machine, console errors)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    remote: list[str] = []
    errors: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith(("file://", "data:", "about:")):
            request_route.continue_()
        else:
            remote.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("load")
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
    return page, remote, errors


def test_overview_renders_offline_with_the_key_numbers(browser, report_dir) -> None:
    page, remote, errors = _open(browser, (report_dir / "index.html").as_uri(), "rapport-overzicht.png")
    text = page.inner_text("body")
    assert remote == [] and errors == []
    assert "Eerst herstellen" in text and "Klaar voor aanlevering" in text
    assert "SHV_2024_Zandvoort.json" in text and "Voorproefje van het op-orde-rapport" in text
    # Zandvoort has 60 trajecten: the overview's file table shows it
    row = page.locator("#bestanden ~ table tr", has_text="SHV_2024_Zandvoort.json")
    assert "60" in row.inner_text().split()
    assert page.locator("svg.grafiek").count() >= 2


def test_file_page_lists_findings_with_dutch_dates_and_filter_works_by_keyboard(browser, report_dir) -> None:
    page, remote, errors = _open(browser, (report_dir / "bestand-1.html").as_uri(), "rapport-bestand.png")
    assert remote == [] and errors == []
    text = page.inner_text("body")
    assert "P02" in text and "Fasen in de verkeerde volgorde" in text and "Wat te doen" in text
    assert "$.leveringen[0].schuldhulptrajecten[" in text
    assert re.search(r"\b\d{2}-\d{2}-20\d{2}\b", text), "dates are shown as 31-12-2024"
    assert not re.search(r"\b20\d{2}-\d{2}-\d{2}\b", text), "no ISO dates in the Dutch report"
    tables = page.locator("table[id]")
    assert tables.count() >= 3


def test_data_docs_render_offline(browser, report_dir) -> None:
    for doc in sorted((report_dir / "data-docs").glob("*.html"))[:3]:
        page, remote, errors = _open(browser, doc.as_uri())
        assert remote == [] and errors == [], doc.name
        assert page.inner_text("body").strip()


def test_filter_narrows_a_long_location_table(browser, write_delivery, tmp_path) -> None:
    """A rule with many locations gets a search box; typing in it hides the other rows."""
    doc = base_delivery()
    trajecten = doc["leveringen"][0]["schuldhulptrajecten"]
    trajecten.extend(copy.deepcopy(trajecten) + copy.deepcopy(trajecten))   # 12 trajecten
    for item in trajecten:
        item["totaalSchuldbedragBijAanvangSchuld"] = -100  # T12 on every traject
    out = tmp_path / "rapport"
    CliRunner().invoke(app, ["report", str(write_delivery(doc)), "--output", str(out)])
    page, remote, errors = _open(browser, (out / "bestand-1.html").as_uri())
    assert remote == [] and errors == []
    box = page.locator("input[type=search][data-filter*='T12']")
    assert box.count() == 1
    box.focus()
    page.keyboard.type("schuldhulptrajecten[2]")
    table_id = box.get_attribute("data-filter")
    visible = page.locator(f"#{table_id} tbody tr:not([hidden])")
    assert visible.count() == 1


def test_report_holds_no_identifiers(report_dir) -> None:
    values = set(IDENTIFIERS)
    for sample in SAMPLE_DATA.glob("*.json"):
        values |= identifying_values(json.loads(sample.read_text(encoding="utf-8")))
    assert len(values) > 50
    for path in report_dir.rglob("*"):
        if path.is_file():
            content = path.read_text(encoding="utf-8", errors="replace")
            assert not [value for value in values if value in content], path.name


def test_a_batch_report_names_the_files_to_fix_and_filters_its_file_table(browser, tmp_path) -> None:
    """With many files the summary says which to fix first (with links), and the file table has a search box."""
    folder = tmp_path / "set"
    made = CliRunner().invoke(app, ["generate", "--landelijk", "--output", str(folder), "--max-bestanden", "6"])
    assert made.exit_code == 0, made.output
    shutil.copy(SAMPLE_DATA / "SHV_2024_Voorbeeldgemeente_defecten.json", folder)
    out = tmp_path / "rapport"
    done = CliRunner().invoke(app, ["report", str(folder), "--output", str(out), "--profile", "geanonimiseerd"])
    assert done.exit_code == 1, done.output
    page, remote, errors = _open(browser, (out / "index.html").as_uri(), "rapport-batch.png")
    assert remote == [] and errors == []
    summary = page.locator(".kaart").inner_text()
    assert "Eerst herstellen (1 van 7, meeste fouten eerst): " in summary
    assert "SHV_2024_Voorbeeldgemeente_defecten.json" in summary
    link = page.locator(".kaart a", has_text="Voorbeeldgemeente_defecten")
    link.click()
    page.wait_for_load_state("load")
    assert "P02" in page.inner_text("body")   # the file's own page, with its findings
    page, _, _ = _open(browser, (out / "index.html").as_uri())
    box = page.locator("#bestanden-tabel-zoek")
    box.focus()
    page.keyboard.type("herstellen")
    visible = page.locator("#bestanden-tabel tbody tr:not([hidden])")
    assert visible.count() == 1 and "Voorbeeldgemeente_defecten" in visible.inner_text()
    assert page.locator("#bestanden-tabel tbody tr").count() == 7
