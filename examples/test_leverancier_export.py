"""Voorbeeld voor leveranciers: test de DDAS-export van uw software met ddas-quality, in uw eigen pytest-suite.

Kopieer dit bestand naar de tests van uw product en laat `exporteer_levering` uw eigen export aanroepen, met
testgegevens. Draaien:

    pytest examples/test_leverancier_export.py

Een test die faalt, toont de meldingen: regelcode, ernst, plaats in het bestand en wat u moet herstellen.
Meldingen bevatten nooit een BSN, geboortedatum, postcode met huisnummer of contactgegevens uit het bestand,
dus u kunt ze veilig in uw CI-log laten zien.
"""

from __future__ import annotations

from pathlib import Path

from ddas_quality import CheckResult, check


def exporteer_levering(map: Path, *, fouten: tuple[str, ...] = ()) -> Path:
    """Staat hier voor úw export. In dit voorbeeld: een synthetische levering (geen echte gegevens) uit de
    generator van ddas-quality; `fouten` voegt fouten toe die de genoemde regels moeten vinden."""
    from ddas_quality.domains import get_domain
    from ddas_quality.domains.common.synthetic import write_delivery

    generator = get_domain("SHV").stage("generator")
    levering = generator.generate(40, seed=7, year=2024, half=None, gemeentecodes=None, defects=list(fouten))
    pad = map / "SHV_2024_Voorbeeldstad.json"
    write_delivery(levering.document, pad)
    return pad


def meldingen(result: CheckResult) -> str:
    """De meldingen als tekst voor de foutmelding van de test: zonder gegevens van personen."""
    return "\n".join(f"{f.severity:<7} {f.rule} {f.path or '(bestand)'}: {f.message}" for f in result.findings)


def test_export_is_in_orde(tmp_path: Path) -> None:
    result = check(exporteer_levering(tmp_path))

    assert result.passed, meldingen(result)
    # De cijfers die CBS straks in het op-orde-rapport toont, om met uw eigen telling te vergelijken.
    assert result.figures["SHV"]["totaal"]["trajecten"] == 40


def test_export_met_fout_wordt_afgekeurd(tmp_path: Path) -> None:
    # P02: een fase begint vóór de fase die eraan voorafgaat.
    result = check(exporteer_levering(tmp_path, fouten=("P02",)))

    assert not result.passed
    assert "P02" in {finding.rule for finding in result.findings}, meldingen(result)


def test_export_uit_het_geheugen(tmp_path: Path) -> None:
    """Schrijft uw export niet naar schijf? Geef de bytes (of het ingelezen document, een dict) en de
    bestandsnaam die het bestand zal krijgen: dan wordt ook de bestandsnaam gecontroleerd."""
    inhoud = exporteer_levering(tmp_path).read_bytes()

    result = check(inhoud, name="SHV_2024_Voorbeeldstad.json")

    assert result.passed, meldingen(result)
