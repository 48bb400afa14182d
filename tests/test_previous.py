"""A05 with --previous: per gemeente, trajecten and active clients compared with the previous delivery."""

from __future__ import annotations

import copy
import json

from conftest import IDENTIFIERS, base_delivery
from typer.testing import CliRunner

from ddas_quality.cli import app

runner = CliRunner()


def _check(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _a05(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == "A05"]


def _trajecten(doc: dict) -> list[dict]:
    return doc["leveringen"][0]["schuldhulptrajecten"]


def test_silent_without_previous(write_delivery) -> None:
    _, report = _check(str(write_delivery(base_delivery())))
    assert _a05(report) == []


def test_fires_when_trajecten_doubled(write_delivery) -> None:
    now = write_delivery(base_delivery())
    before = base_delivery()
    del _trajecten(before)[2:]                    # 2 trajecten then, 4 now: +100%
    previous = write_delivery(before, "Vlieland_vorige")
    code, report = _check(str(now), "--previous", str(previous))
    assert code == 0                                # a warning does not fail the run
    [finding] = _a05(report)
    assert finding["severity"] == "warning" and finding["path"] == "$" and finding["file"] == str(now)
    assert finding["message"].startswith("Gemeente Vlieland (0096): 4 trajecten, vorige levering 2 (+100%).")
    assert finding["context"]["gemeentecode"] == "0096"
    assert [f["file"] for f in report["files"]] == [str(now)]   # the previous delivery is not reported on


def test_silent_on_a_change_of_20_percent(write_delivery) -> None:
    now = write_delivery(base_delivery())
    before = base_delivery()
    _trajecten(before).append(copy.deepcopy(_trajecten(before)[2]))   # 5 trajecten then, 4 now: -20%
    _, report = _check(str(now), "--previous", str(write_delivery(before, "Vlieland_vorige")))
    assert _a05(report) == []


def test_threshold_from_config(write_delivery, tmp_path) -> None:
    now = write_delivery(base_delivery())
    before = base_delivery()
    _trajecten(before).append(copy.deepcopy(_trajecten(before)[2]))
    previous = write_delivery(before, "Vlieland_vorige")
    config = tmp_path / "ddas-quality.toml"
    config.write_text("[thresholds.A05]\nmax_change = 0.1\n", encoding="utf-8")
    _, report = _check(str(now), "--previous", str(previous), "--config", str(config))
    [finding] = _a05(report)
    assert "4 trajecten, vorige levering 5 (-20%)" in finding["message"]


def test_gemeente_gone_is_minus_100_percent(write_delivery) -> None:
    now = write_delivery(base_delivery())
    before = base_delivery()
    before["leveringen"].append({
        "teller": 2,
        "aanleverende_organisatie": {"(Statutaire) Naam": "Kredietbank Test", "KvK-nummer": "12345678"},
        "schuldhulptrajecten": [dict(copy.deepcopy(_trajecten(before)[2]), gemeentecode="0392")],
    })
    _, report = _check(str(now), "--previous", str(write_delivery(before, "Vlieland_vorige")))
    [finding] = _a05(report)
    assert finding["context"]["gemeentecode"] == "0392"
    assert "Haarlem (0392): 0 trajecten, vorige levering 1 (-100%)" in finding["message"]


def test_previous_findings_and_identifiers_stay_out(write_delivery) -> None:
    now = write_delivery(base_delivery())
    before = base_delivery()
    del _trajecten(before)[2:]
    _trajecten(before)[0]["client"][0]["Burgerservicenummer"] = "999990001"   # C01 in the previous file
    _trajecten(before)[1]["einddatum"] = "2020-01-01"                         # T01 in the previous file
    previous = write_delivery(before, "Vlieland_vorige")
    _, report = _check(str(now), "--previous", str(previous))
    assert {f["rule"] for f in report["findings"]} <= {"A05", "S03"}
    assert all(f["file"] == str(now) for f in report["findings"])
    output = json.dumps(report, ensure_ascii=False)
    assert not [value for value in (*IDENTIFIERS, "999990001") if value in output]


def test_missing_previous_path_exits_2(write_delivery) -> None:
    result = runner.invoke(app, ["check", str(write_delivery(base_delivery())), "--previous", "weg.json"])
    assert result.exit_code == 2 and "Vorige levering" in result.output


def test_every_changed_gemeente_of_one_file_is_reported(write_delivery) -> None:
    def with_haarlem(doc: dict, n: int) -> dict:
        extra = dict(copy.deepcopy(_trajecten(doc)[2]), gemeentecode="0392")
        doc["leveringen"].append({"teller": 2, "schuldhulptrajecten": [copy.deepcopy(extra) for _ in range(n)],
                                  "aanleverende_organisatie": {"(Statutaire) Naam": "KB", "KvK-nummer": "12345678"}})
        return doc

    now = write_delivery(with_haarlem(base_delivery(), 2))
    before = with_haarlem(base_delivery(), 1)
    del _trajecten(before)[2:]
    _, report = _check(str(now), "--previous", str(write_delivery(before, "Vlieland_vorige")))
    assert {f["context"]["gemeentecode"] for f in _a05(report)} == {"0096", "0392"}
