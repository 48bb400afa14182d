"""The op-orde preview figures, checked by hand on the base delivery (rules.md "Reported figures")."""

from __future__ import annotations

from conftest import base_delivery

from ddas_quality.domains.shv.figures import compute
from ddas_quality.pipeline import check_paths


def _figures(doc, write_delivery):
    result = check_paths([write_delivery(doc)])
    return compute(result.frames)


def test_base_delivery_figures_by_hand(write_delivery) -> None:
    """Vlieland 2024: client A twice (sequential), B only in 2022, C with a partner without BSN."""
    gemeente, total = _figures(base_delivery(), write_delivery)
    assert gemeente.gemeentecode == "0096" and total.gemeentecode == "Totaal"
    assert (total.trajecten, total.clienten, total.actieve_clienten) == (4, 4, 3)   # B had no step in 2024
    # A's latest step in 2024 is nazorg (1 Jul, after uitstroom on 30 Jun); C and partner: aanmelding
    assert {k: v for k, v in total.actief_naar_stap.items() if v} == {"Nazorg": 1, "Aanmelding": 2}
    # inflow: A (latest traject still running), C, partner; only A has a begeleiding
    assert (total.instroom, total.instroom_uitgestroomd, total.instroom_nog_actief) == (3, 0, 3)
    assert total.instroom_met_begeleiding == 1
    assert {k: v for k, v in total.fasen_gestart.items() if v} == {
        "aanmelding": 3, "intake": 1, "stabilisatie": 1, "oplossing": 1, "nazorg": 1}
    assert total.totale_schuld == 48_000
    assert total.oplossingssoorten["Betalingsregeling"] == 2
    assert total.schuld_per_soort == {"Zorg": 7000, "Publiek": 12000, "Nuts": 5000, "Overig": 0}
    assert round(total.schuldsoort_aandeel()["Publiek"], 2) == 0.5
    assert gemeente.actieve_clienten == total.actieve_clienten


def test_ended_inflow_and_two_gemeenten(write_delivery) -> None:
    doc = base_delivery()
    trajecten = doc["leveringen"][0]["schuldhulptrajecten"]
    trajecten.pop(1)                      # A's second traject: now A's latest 2024 traject has ended
    trajecten[2]["gemeentecode"] = "0363"  # C and partner move to Amsterdam
    doc["leveringen"][0]["aanleverende_organisatie"] = {"(Statutaire) Naam": "Kredietbank", "KvK-nummer": "12345678"}
    figures = compute(check_paths([write_delivery(doc)]).frames)
    assert [f.gemeentecode for f in figures] == ["0096", "0363", "Totaal"]
    vlieland, amsterdam, total = figures
    assert (vlieland.instroom, vlieland.instroom_uitgestroomd) == (1, 1)
    assert (amsterdam.trajecten, amsterdam.actieve_clienten, amsterdam.instroom) == (1, 2, 2)
    assert total.trajecten == vlieland.trajecten + amsterdam.trajecten == 3
