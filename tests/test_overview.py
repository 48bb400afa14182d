"""`ddas-quality overzicht`: CSV and Parquet rows that agree with the JSON output of the same run, an
unreadable file that still gets its row, no identifier in any written file, and the exit codes of `check`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import identifying_values
from test_batch_output import BROKEN, make_batch
from typer.testing import CliRunner

from ddas_quality.cli import app
from ddas_quality.overview import COLUMNS, GROUPS, score


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("overzicht") / "levering")


@pytest.fixture(scope="module")
def written(batch):
    """(overview folder, exit code, JSON output of `check` on the same set)."""
    out = batch.parent / "uit"
    # as the DDAS team runs it: anonymized deliveries (pseudonyms in the BSN field)
    profile = ["--profile", "geanonimiseerd"]
    result = CliRunner().invoke(app, ["overzicht", str(batch), "--output", str(out), "--rapporten", *profile])
    as_json = CliRunner().invoke(app, ["check", str(batch), "--format", "json", *profile])
    return out, result, json.loads(as_json.stdout)


def _rows(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "overzicht.csv", dtype={"gemeentecode": str, "versie": str})


def _of(file: str, findings: list[dict]) -> list[dict]:
    """A file's findings as the overview counts them: its own and those over several files that name it."""
    return [f for f in findings if f["file"] == file or file in f["file"].split(", ")]


def test_writes_csv_parquet_and_html_with_the_documented_columns(written) -> None:
    out, result, _ = written
    assert result.exit_code == 1, result.output
    written_names = {p.name for p in out.iterdir()}
    assert written_names >= {"overzicht.csv", "overzicht-excel.csv", "overzicht.parquet", "index.html", "bestanden"}
    csv = _rows(out)
    parquet = pd.read_parquet(out / "overzicht.parquet")
    assert tuple(csv.columns) == tuple(parquet.columns) == COLUMNS
    assert csv["bestand"].tolist() == parquet["bestand"].tolist()
    for column in ("fouten", "waarschuwingen", "score", "rang", "trajecten", "signalen", "a01", "verhouding"):
        left, right = csv[column].tolist(), parquet[column].tolist()
        assert [None if pd.isna(v) else v for v in left] == [None if pd.isna(v) else v for v in right], column
    assert "Overzicht geschreven" in result.output
    ratios = pd.read_csv(out / "overzicht.csv", dtype=str)["verhouding"].dropna()   # the text as written
    assert len(ratios) and all(len(ratio.partition(".")[2]) <= 4 for ratio in ratios)   # 1.0929, not 1.09288326615


def test_excel_csv_has_dutch_separators_and_the_same_rows(written) -> None:
    out, _, _ = written
    raw = (out / "overzicht-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")   # byte order mark: Excel then reads UTF-8 (Súdwest-Fryslân)
    header = raw[3:].split(b"\n", 1)[0].decode()
    assert header.split(";")[:3] == ["bestand", "domein", "versie"] and "," not in header
    excel = pd.read_csv(out / "overzicht-excel.csv", sep=";", decimal=",", encoding="utf-8-sig",
                        dtype={"gemeentecode": str, "versie": str})
    plain = _rows(out)
    assert tuple(excel.columns) == tuple(plain.columns)
    pd.testing.assert_frame_equal(excel, plain)
    assert any("," in line.split(";")[plain.columns.get_loc("verhouding")]
               for line in raw.decode("utf-8-sig").splitlines()[1:])   # 0,85 rather than 0.85


def test_excel_csv_never_hands_excel_a_formula() -> None:
    from ddas_quality.cli.overzicht import for_excel

    rows = pd.DataFrame({"bestand": ["=HYPERLINK(\"http://x\").json", "+31.json", "@som.json", "gewoon.json"],
                         "score": [90, 80, 70, -5]})
    safe = for_excel(rows)
    assert safe["bestand"].tolist() == ["'=HYPERLINK(\"http://x\").json", "'+31.json", "'@som.json", "gewoon.json"]
    assert safe["score"].tolist() == [90, 80, 70, -5]   # numbers stay numbers


def test_one_row_per_file_and_gemeente_agreeing_with_the_json_output(written) -> None:
    out, _, data = written
    rows = _rows(out)
    assert set(rows["bestand"]) == {report["file"] for report in data["files"]}
    for report in data["files"]:
        mine = rows[rows["bestand"] == report["file"]]
        findings = _of(report["file"], data["findings"])
        first = mine.iloc[0]
        assert first["fouten"] == sum(f["severity"] == "error" for f in findings)
        assert first["waarschuwingen"] == sum(f["severity"] == "warning" for f in findings)
        for group in GROUPS:
            assert first[f"fouten_{group}"] == sum(f["severity"] == "error" and f["rule"][0] == group
                                                   for f in findings)
        assert first["domein"] == report["domain"] or (pd.isna(first["domein"]) and report["domain"] is None)
        if report["domain"] == "SHV":
            assert mine["trajecten"].sum() == report["counts"]["trajecten"]
        if report["domain"] == "VS":
            assert mine["signalen"].sum() == report["counts"]["vroegsignalen"]
        assert first["score"] == score(_as_findings(findings), report["domain"] is not None)


def _as_findings(items: list[dict]):
    from ddas_quality.findings import Finding

    return [Finding(f["rule"], f["severity"], f["message"], f["file"], f["path"], f["count"], f["context"])
            for f in items]


def test_plausibility_verdicts_and_ratio_come_from_the_a01_findings(written) -> None:
    out, _, data = written
    rows = _rows(out)
    a01 = [f for f in data["findings"] if f["rule"] == "A01"]
    assert a01, "the generated set has gemeenten with far too few clients"
    for finding in a01:
        row = rows[rows["gemeentecode"] == finding["context"]["gemeentecode"]].iloc[0]
        assert row["a01"] == {"error": "fout", "warning": "waarschuwing"}[finding["severity"]]
        assert row["verwacht"] == float(finding["context"]["verwacht"])
        ratio = int(finding["context"]["actieve_clienten"]) / float(finding["context"]["verwacht"])
        assert row["verhouding"] == pytest.approx(ratio, rel=0.01)
    haarlem = rows[rows["gemeentecode"] == "0392"].iloc[0]
    assert haarlem["gemeente"] == "Haarlem" and haarlem["organisatie"] == "gemeente"
    assert rows[rows["bestand"].str.endswith("SHV_2024_Organisatie.json")]["organisatie"].iloc[0] == \
        "schuldhulporganisatie"


def test_an_unreadable_file_still_gets_its_row(written) -> None:
    out, _, _ = written
    rows = _rows(out)
    broken = rows[rows["bestand"].str.endswith(BROKEN)]
    assert len(broken) == 1
    row = broken.iloc[0]
    assert row["fouten_F"] >= 1 and row["oordeel"] == "eerst herstellen" and row["score"] == 0
    assert row["rang"] == rows["rang"].max()


def test_first_attention_lists_what_needs_it_the_unreadable_file_first(written) -> None:
    # a broken delivery has no gemeente: it was missing from this list, which clean gemeenten then filled
    out, _, _ = written
    rows = _rows(out)
    page = (out / "index.html").read_text(encoding="utf-8")
    attention = page.split("id='slechtste'>", 1)[1].split("</ol>", 1)[0]
    items = attention.split("<li>")[1:]
    assert items[0].startswith(f"bestand {rows[rows['bestand'].str.endswith(BROKEN)].iloc[0]['bestand']}: score 0")
    assert "geen gemeente te bepalen" in items[0]
    needing = rows[rows["score"] < 100]
    assert len(items) == min(10, needing["gemeentecode"].nunique() + needing["gemeentecode"].isna().sum())
    assert "score 100" not in attention and " 1 fouten" not in attention


def test_rank_orders_by_score(written) -> None:
    out, _, _ = written
    rows = _rows(out)
    ranked = rows.sort_values("rang")
    assert ranked["score"].is_monotonic_decreasing
    assert ranked["rang"].iloc[0] == 1


def test_no_identifier_in_any_written_file(written, batch) -> None:
    out, result, _ = written
    secrets = set()
    for path in batch.glob("*.json"):
        if path.name != BROKEN:
            secrets |= identifying_values(json.loads(path.read_text(encoding="utf-8")))
    assert len(secrets) > 50
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".parquet" for p in files) and any(p.parent.name == "bestanden" for p in files)
    blobs = [result.output.encode()] + [p.read_bytes() for p in files]
    for secret in secrets:
        needle = secret.encode()
        assert not any(needle in blob for blob in blobs), secret


def test_exit_codes_follow_check(tmp_path) -> None:
    clean = make_batch(tmp_path / "schoon", broken=False)
    for path in clean.glob("*.json"):   # keep only the clean one
        if "Haarlem" not in path.name:
            path.unlink()
    runner = CliRunner()
    # Haarlem alone has too few clients for its inhabitants (A01): ignore that rule for a clean run
    ok = runner.invoke(app, ["overzicht", str(clean), "--output", str(tmp_path / "a"), "--ignore", "A01"])
    assert ok.exit_code == 0, ok.output
    assert _rows(tmp_path / "a")["a01"].tolist() == ["n.v.t."]
    missing = runner.invoke(app, ["overzicht", str(tmp_path / "bestaat-niet"), "--output", str(tmp_path / "b")])
    assert missing.exit_code == 2 and "niet gevonden" in missing.output
    blocker = tmp_path / "bezet"
    blocker.write_text("", encoding="utf-8")
    taken = runner.invoke(app, ["overzicht", str(clean), "--output", str(blocker)])
    assert taken.exit_code == 2 and "geen map" in taken.output
    assert "Traceback" not in missing.output + taken.output
