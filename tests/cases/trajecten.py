"""T — schuldhulptraject: failing and passing cases as small patches on the SHV base delivery (conftest)."""

from __future__ import annotations

import copy

from conftest import Case, T, combine, nothing, phase, set_fields, traject

from .aantallen import big_vlieland


def _kredietbank_with_onbekend(doc: dict) -> None:
    """The levering comes from an organisation that is not a gemeente, and traject 3 has gemeente Onbekend."""
    organisation = doc["leveringen"][0]["aanleverende_organisatie"]
    organisation.pop("gemeentecode")
    organisation["KvK-nummer"] = "12345678"
    traject(doc, 3)["gemeentecode"] = "Onbekend"


def _delivered(moment: str):
    def patch(doc: dict) -> None:
        doc["aanleverdatumEnTijd"] = moment
    return patch


CASES = [
    # T01 — traject start <= end
    Case("T01", "traject eindigt voor start", set_fields(0, einddatum="2024-01-05"), f"{T}[0]", "error"),
    Case("T01", "lopend traject zonder einddatum", nothing, None),
    # T02 — traject overlaps the peilperiode
    Case("T02", "traject geheel voor de peilperiode", set_fields(2, einddatum="2023-06-30"), f"{T}[2]", "error"),
    Case("T02", "traject start na de peilperiode",
         combine(set_fields(1, startdatum="2025-01-05"),
                 phase(1, "aanmelding", startdatum="2025-01-05", einddatum="2025-01-06")),
         f"{T}[1]", "error"),
    Case("T02", "traject uit 2022 dat nog loopt hoort erin", nothing, None),
    Case("T02", "traject dat op de eerste dag van de peilperiode eindigt", set_fields(2, einddatum="2024-01-01"), None),
    # T03 — no future dates
    Case("T03", "nazorg eindigt na de aanleverdatum", phase(0, "nazorg", einddatum="2025-03-01"), f"{T}[0]", "error"),
    Case("T03", "schuld met peildatum na aanleverdatum",
         set_fields(1, schulden=[{"bedrag": 500, "peildatum": "2025-02-01", "schuldsoort": "Zorg"}]), f"{T}[1]",
         "error"),
    Case("T03", "datum op de aanleverdag zelf is goed", phase(0, "nazorg", einddatum="2025-01-20"), None),
    # the file's own zone decides the day: 00:30 Dutch time on the 21st is the 21st (in UTC still the 20th)
    Case("T03", "net na middernacht Nederlandse tijd: die dag is de aanleverdag",
         combine(_delivered("2025-01-21T00:30:00+01:00"), phase(0, "nazorg", einddatum="2025-01-21")), None),
    Case("T03", "avond in New York: de volgende dag (UTC) ligt nog in de toekomst",
         combine(_delivered("2025-01-20T20:00:00-05:00"), phase(0, "nazorg", einddatum="2025-01-21")),
         f"{T}[0]", "error"),
    # T04/T05/T06 — gemeentecode
    Case("T04", "drie cijfers", set_fields(3, gemeentecode="096"), f"{T}[3]", "error"),
    Case("T04", "GM-voorvoegsel is goed", set_fields(3, gemeentecode="GM0096"), None),
    Case("T04", "Onbekend is geen T04-fout", set_fields(3, gemeentecode="Onbekend"), None),
    Case("T05", "Onbekend bij een aanleverende organisatie die geen gemeente is", _kredietbank_with_onbekend,
         f"{T}[3]", "warning"),
    Case("T05", "Onbekend bij een gemeente die zelf levert is L05, geen T05", set_fields(3, gemeentecode="Onbekend"),
         None),
    Case("T06", "code opgeheven vóór de peilperiode (Haaren, 2021)", set_fields(3, gemeentecode="0788"), f"{T}[3]",
         "error"),
    Case("T06", "code die niet bestaat", set_fields(3, gemeentecode="0001"), f"{T}[3]", "error"),
    Case("T06", "bestaande code", set_fields(3, gemeentecode="0363"), None),
    Case("T06", "code in een verkeerde vorm is alleen T04", set_fields(3, gemeentecode="096"), None),
    Case("T06", "Onbekend is geen T06-fout", set_fields(3, gemeentecode="Onbekend"), None),
    # T07 — toekenningsdatum equals schuldregeling.toegekend
    Case("T07", "toekenningsdatum wijkt af", set_fields(2, toekenningsdatum="2022-06-15"), f"{T}[2]", "warning"),
    Case("T07", "alleen een van beide ingevuld", lambda d: traject(d, 2).pop("toekenningsdatum"), None),
    # T08 — einddatum = uitstroom.datum = datumBeeindigingsbeschikking
    Case("T08", "uitstroomdatum wijkt af", lambda d: traject(d, 0)["uitstroom"].update(datum="2024-06-29"), f"{T}[0]",
         "warning"),
    Case("T08", "alle drie gelijk", nothing, None),
    # T09 — uitstroom reden means ended (error); einddatum without reden (warning)
    Case("T09", "reden zonder einddatum en zonder uitstroomdatum", set_fields(3, uitstroom={"reden": "Verhuisd"}),
         f"{T}[3]", "error"),
    Case("T09", "einddatum zonder reden (waarschuwing)", set_fields(3, einddatum="2024-08-01"), f"{T}[3]", "warning"),
    Case("T09", "reden met uitstroomdatum",
         set_fields(3, einddatum="2024-08-01", uitstroom={"reden": "Verhuisd", "datum": "2024-08-01"}), None),
    # T10 — phase before traject start
    Case("T10", "aanmelding vóór de startdatum van het traject", set_fields(0, startdatum="2024-01-15"),
         f"{T}[0].aanmelding", "warning"),
    Case("T10", "traject start op de dag van aanmelding", nothing, None),
    # a phase without startdatum is dated by its einddatum
    Case("T10", "intake zonder startdatum eindigt vóór de startdatum van het traject",
         phase(0, "intake", drop=("startdatum",), einddatum="2024-01-05"), f"{T}[0].intake", "warning"),
    Case("T10", "intake zonder startdatum eindigt na de startdatum", phase(0, "intake", drop=("startdatum",)), None),
    Case("T10", "aanmelding start én eindigt vóór de startdatum: één melding",
         set_fields(0, startdatum="2024-01-21"), f"{T}[0].aanmelding", "warning"),
    # planVanAanpak is a phase too (Terms of rules.md), dated by its datumAfronding
    Case("T10", "plan van aanpak afgerond vóór de startdatum",
         set_fields(0, planVanAanpak={"datumAfronding": "2024-01-05"}), f"{T}[0].planVanAanpak", "warning"),
    Case("T10", "plan van aanpak afgerond op de startdatum",
         set_fields(0, planVanAanpak={"datumAfronding": "2024-01-10"}), None),
    # T11 — nothing but nazorg after the traject end
    Case("T11", "oplossing start na het einde",
         combine(set_fields(0, einddatum="2024-03-31"),
                 lambda d: traject(d, 0)["uitstroom"].update(datum="2024-03-31",
                                                             datumBeeindigingsbeschikking="2024-03-31")),
         f"{T}[0].oplossing", "error"),
    Case("T11", "nazorg na het einde is goed", nothing, None),
    # T12 / T13 — amounts
    Case("T12", "negatieve schuld", lambda d: traject(d, 0)["schulden"][1].update(bedrag=-5000), f"{T}[0].schulden[1]",
         "error"),
    Case("T12", "negatief vtlb", phase(0, "oplossing", vtlb=-1), f"{T}[0]", "error"),
    Case("T12", "bedragen van 0 en meer", nothing, None),
    Case("T13", "totaal boven een miljoen", set_fields(2, totaalSchuldbedragBijAanvangSchuld=2_500_000), f"{T}[2]",
         "warning"),
    Case("T13", "vtlb per jaar in plaats van per maand", phase(0, "oplossing", vtlb=18000), f"{T}[0]", "warning"),
    Case("T13", "negatief vtlb ligt ook buiten 0-5.000", phase(0, "oplossing", vtlb=-1), f"{T}[0]", "warning"),
    Case("T13", "gewone bedragen", nothing, None),
    # T14 — total against the sum of schulden
    Case("T14", "totaal wijkt meer dan 25% af", set_fields(0, totaalSchuldbedragBijAanvangSchuld=20000), f"{T}[0]",
         "warning"),
    Case("T14", "totaal wijkt 10% af", set_fields(0, totaalSchuldbedragBijAanvangSchuld=13200), None),
    # T15 — duplicate traject (runs alone: it looks across the files of a run)
    Case("T15", "hetzelfde traject twee keer",
         lambda d: d["leveringen"][0]["schuldhulptrajecten"].append(copy.deepcopy(traject(d, 2))), f"{T}[4]", "error"),
    Case("T15", "kopie achteraan een lange lijst: de kopie is het duplicaat ([12] na [2])",
         combine(lambda d: big_vlieland(d, 8),
                 lambda d: d["leveringen"][0]["schuldhulptrajecten"].append(copy.deepcopy(traject(d, 2)))),
         f"{T}[12]", "error"),
    Case("T15", "zelfde cliënt, andere startdatum (opeenvolgend)", nothing, None),
    # T16 — crisisinterventie flag against the list
    Case("T16", "vlag true zonder crisisinterventies", phase(3, "aanmelding", crisisinterventie=True), f"{T}[3]",
         "warning"),
    Case("T16", "crisisinterventies zonder vlag", phase(2, "aanmelding", crisisinterventie=False), f"{T}[2]",
         "warning"),
    Case("T16", "vlag en lijst kloppen", nothing, None),
]
