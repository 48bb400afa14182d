"""S — schema: the exchange schema (S01), null where a value is expected (S02) and which version a file was
checked against (S03), as cases on the SHV base delivery. Every error kind and its Dutch message is tested in
tests/test_validate.py and tests/test_schemas.py.

S03 always reports (it says what the file was checked against): its passing case is the `info` finding.
"""

from __future__ import annotations

from conftest import Case, T, nothing, phase, set_fields, traject


def _v09_shape(doc: dict) -> None:
    """Schulden inside client[].leefsituatie[]: only SHV v0.9 has that."""
    schulden = traject(doc, 2).pop("schulden")
    traject(doc, 2)["client"][0]["leefsituatie"] = [{"datumGeldigVanaf": "2022-03-01", "schulden": schulden}]


CASES = [
    # S01 — valid against the schema of the domain and version, with format checks
    Case("S01", "bedrag als tekst", set_fields(0, totaalSchuldbedragBijAanvangSchuld="12000"),
         f"{T}[0].totaalSchuldbedragBijAanvangSchuld", "error"),
    Case("S01", "oplossingssoort die niet in de lijst staat", phase(0, "oplossing", soort="Lening"),
         f"{T}[0].oplossing.soort", "error"),
    Case("S01", "onbekend veld startDatum", set_fields(1, startDatum="2024-06-30"), f"{T}[1]", "error"),
    Case("S01", "verplichte gemeentecode ontbreekt", lambda d: traject(d, 0).pop("gemeentecode"), f"{T}[0]", "error"),
    Case("S01", "datum die niet bestaat", lambda d: d.update(startdatumLevering="2024-13-45"), "$.startdatumLevering",
         "error"),
    Case("S01", "geldige levering", nothing, None),
    # S02 — null where the schema expects a value (S02 only, not also S01)
    Case("S02", "einddatum null", set_fields(1, einddatum=None), f"{T}[1].einddatum", "error"),
    Case("S02", "veld weggelaten in plaats van null", nothing, None),
    # S03 — what the file was checked against: info for the current version, warning for an outdated one
    Case("S03", "huidige versie (v1.0)", nothing, "$", "info"),
    # no levering at all is no v0.9 export (v0.9 allowed an empty list): the current version's error
    Case("S01", "geen enkele levering", lambda d: d.update(leveringen=[]), "$.leveringen", "error"),
    Case("S03", "verouderde versie (v0.9: schulden in leefsituatie)", _v09_shape, "$", "warning"),
]
