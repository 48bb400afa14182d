"""D — schulden: failing and passing cases as small patches on the SHV base delivery."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Case, T, nothing, pop, set_fields, traject


def schuld(i: int, s: int, **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        traject(doc, i)["schulden"][s].update(fields)
    return patch


def eiser(i: int, s: int, drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        eiser = traject(doc, i)["schulden"][s].setdefault("schuldeiser", {})
        for key in drop:
            eiser.pop(key, None)
        eiser.update(fields)
    return patch


CASES = [
    # D01 — bedrag 0
    Case("D01", "schuld van 0 euro", schuld(0, 1, bedrag=0), f"{T}[0].schulden[1]", "warning"),
    Case("D01", "schuld van 0,0 euro", schuld(2, 0, bedrag=0.0), f"{T}[2].schulden[0]", "warning"),
    Case("D01", "schuld van 1 euro", schuld(0, 1, bedrag=1), None),
    # D02 — peildatum after aanleverdatum, or more than 2 years (configurable) before the traject start
    Case("D02", "peildatum na de aanleverdatum", schuld(0, 0, peildatum="2025-02-01"), f"{T}[0].schulden[0]",
         "warning"),
    Case("D02", "peildatum op de aanleverdag zelf", schuld(0, 0, peildatum="2025-01-20"), None),
    Case("D02", "peildatum ruim 2 jaar voor de start", schuld(0, 1, peildatum="2022-01-09"), f"{T}[0].schulden[1]",
         "warning"),
    Case("D02", "peildatum precies 2 jaar voor de start", schuld(0, 1, peildatum="2022-01-10"), None),
    Case("D02", "peildatum voor de start van een traject uit 2022", schuld(2, 0, peildatum="2020-03-01"), None),
    # D03 — naam and Naam differ when both filled
    Case("D03", "twee verschillende namen", eiser(0, 0, Naam="Energiebedrijf Zuid"), f"{T}[0].schulden[0]",
         "warning"),
    Case("D03", "alleen hoofdletters en spaties verschillen", eiser(0, 0, Naam="zorgverzekeraar  test "), None),
    Case("D03", "alleen naam gevuld", eiser(0, 0, drop=("Naam",)), None),
    Case("D03", "alleen Naam gevuld", eiser(0, 0, drop=("naam",)), None),
    # D04 — kvknummer 8 digits; a privepersoon has none
    Case("D04", "kvknummer van 4 cijfers", eiser(0, 0, kvknummer="1234"), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "kvknummer met letters", eiser(0, 0, kvknummer="1234567A"), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "privépersoon met kvknummer", eiser(0, 0, privepersoon=True), f"{T}[0].schulden[0]", "warning"),
    Case("D04", "privépersoon zonder kvknummer", eiser(0, 0, drop=("kvknummer",), privepersoon=True), None),
    Case("D04", "bedrijf met kvknummer", eiser(0, 0, privepersoon=False), None),
    Case("D04", "schuldeiser zonder kvknummer", eiser(0, 0, drop=("kvknummer",)), None),
    # D05 — a schuldregeling or oplossing without schulden
    Case("D05", "schuldregeling en oplossing zonder schulden", pop(2, "schulden"), f"{T}[2]", "warning"),
    Case("D05", "oplossing met lege lijst schulden", set_fields(0, schulden=[]), f"{T}[0]", "warning"),
    Case("D05", "alleen een schuldregeling zonder schulden", pop(2, "schulden", "oplossing"), f"{T}[2]", "warning"),
    Case("D05", "traject in aanmelding zonder schulden", nothing, None),
]

