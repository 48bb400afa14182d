"""P — phases: failing and passing cases as small patches on the SHV base delivery.

Base delivery (conftest): traject 0 runs through every phase in 2024 with one Budgetcoaching begeleiding,
traject 2 started in 2022 and still runs (schuldregeling toegekend, a moratorium, a Betalingsregeling
without einddatum), trajecten 1 and 3 are only in aanmelding. aanleverdatumEnTijd is 2025-01-20.
"""

from __future__ import annotations

from collections.abc import Callable

from conftest import Case, T, combine, nothing, phase, pop, traject


def moratorium(drop: tuple[str, ...] = (), **fields) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        item = traject(doc, 2)["moratoria"][0]
        for key in drop:
            item.pop(key, None)
        item.update(fields)
    return patch


def begeleiding(*items: dict, at: int | None = None, drop_end_of_first: bool = False) -> Callable[[dict], None]:
    def patch(doc: dict) -> None:
        lijst = traject(doc, 0)["begeleiding"]
        if drop_end_of_first:
            lijst[0].pop("einddatum")
        for item in items:
            lijst.insert(len(lijst) if at is None else at, item)
    return patch


BC = "Budgetcoaching"
CASES = [
    # P01 — period objects: start <= end
    Case("P01", "fase eindigt voor start", phase(0, "stabilisatie", einddatum="2024-02-01"), f"{T}[0].stabilisatie",
         "error"),
    Case("P01", "begeleiding eindigt voor start",
         lambda d: traject(d, 0)["begeleiding"][0].update(einddatum="2024-01-15"), f"{T}[0].begeleiding[0]", "error"),
    Case("P01", "moratorium eindigt voor start",
         lambda d: traject(d, 2)["moratoria"][0].update(einddatum="2022-03-01"), f"{T}[2].moratoria[0]", "error"),
    Case("P01", "voorlopige voorziening eindigt voor start",
         lambda d: traject(d, 3)["voorlopigeVoorzieningen"][0].update(einddatum="2024-03-01"),
         f"{T}[3].voorlopigeVoorzieningen[0]", "error"),
    Case("P01", "crisisinterventie eindigt voor start",
         lambda d: traject(d, 2)["crisisinterventies"][0].update(einddatum="2022-02-01"),
         f"{T}[2].crisisinterventies[0]", "error"),
    Case("P01", "start gelijk aan eind is goed", phase(0, "stabilisatie", einddatum="2024-02-16"), None),
    # P02 — phase order
    Case("P02", "intake voor aanmelding", phase(0, "intake", startdatum="2024-01-05"), f"{T}[0]", "error"),
    Case("P02", "oplossing voor stabilisatie, intake ontbreekt",
         combine(lambda d: traject(d, 0).pop("intake"), phase(0, "oplossing", startdatum="2024-02-10")), f"{T}[0]",
         "error"),
    Case("P02", "schuldregeling.datum voor intake", phase(2, "schuldregeling", datum="2022-03-12"), f"{T}[2]", "error"),
    Case("P02", "ontbrekende fasen tussendoor zijn geen fout", lambda d: traject(d, 0).pop("stabilisatie"), None),
    Case("P02", "nazorg na het einde van het traject is goed", nothing, None),
    # P03 — any phase without aanmelding; schuldregeling/oplossing without intake. At the first phase that lacks one.
    Case("P03", "intake zonder aanmelding", pop(0, "aanmelding"), f"{T}[0].intake", "warning"),
    Case("P03", "schuldregeling zonder intake", pop(2, "intake"), f"{T}[2].schuldregeling", "warning"),
    Case("P03", "oplossing zonder intake; stabilisatie zonder intake is goed", pop(0, "intake"),
         f"{T}[0].oplossing", "warning"),
    Case("P03", "aanmelding en intake ontbreken: één melding bij de eerste fase", pop(0, "aanmelding", "intake"),
         f"{T}[0].stabilisatie", "warning"),
    Case("P03", "traject van voor de peilperiode zonder aanmelding meldt ook", pop(2, "aanmelding"),
         f"{T}[2].intake", "warning"),
    Case("P03", "stabilisatie overgeslagen is geen P03", pop(0, "stabilisatie"), None),
    Case("P03", "traject zonder enige fase", pop(3, "aanmelding"), None),
    Case("P03", "alleen informatie en advies", combine(pop(3, "aanmelding"),
                                                     phase(3, "informatieEnAdvies", startdatum="2024-03-01")), None),
    # P04 — beschikkingssoort and beschikkingsdatum together
    Case("P04", "soort zonder datum", phase(0, "intake", drop=("beschikkingsdatum",)), f"{T}[0].intake", "error"),
    Case("P04", "datum zonder soort", phase(2, "intake", drop=("beschikkingssoort",)), f"{T}[2].intake", "error"),
    Case("P04", "null als datum telt als leeg (S02 en P04)", phase(0, "intake", beschikkingsdatum=None),
         f"{T}[0].intake", "error"),
    Case("P04", "beide leeg", phase(0, "intake", drop=("beschikkingsdatum", "beschikkingssoort")), None),
    Case("P04", "onleesbare datum is S01, geen P04", phase(0, "intake", beschikkingsdatum="15-02-2024"), None),
    # P05 — intake.einddatum equals beschikkingsdatum
    Case("P05", "einddatum voor de beschikkingsdatum", phase(0, "intake", einddatum="2024-02-10"),
         f"{T}[0].intake", "warning"),
    Case("P05", "einddatum na de beschikkingsdatum", phase(2, "intake", einddatum="2022-04-02"),
         f"{T}[2].intake", "warning"),
    Case("P05", "intake zonder einddatum", phase(0, "intake", drop=("einddatum",)), None),
    Case("P05", "gelijke datums", nothing, None),
    # P06 — no stabilisatie, schuldregeling or oplossing after an Afwijzingsbeschikking
    Case("P06", "stabilisatie en oplossing na afwijzing",
         phase(0, "intake", beschikkingssoort="Afwijzingsbeschikking"), f"{T}[0].stabilisatie", "warning"),
    Case("P06", "schuldregeling na afwijzing", phase(2, "intake", beschikkingssoort="Afwijzingsbeschikking"),
         f"{T}[2].schuldregeling", "warning"),
    Case("P06", "afwijzing gevolgd door alleen nazorg",
         combine(phase(0, "intake", beschikkingssoort="Afwijzingsbeschikking"), pop(0, "stabilisatie", "oplossing")),
         None),
    Case("P06", "toelating met vervolgfasen", nothing, None),
    # P07 — dwangakkoord only with toegekend (error); without datumVerzoekDwangakkoord (warning)
    Case("P07", "dwangakkoord zonder toekenning", phase(2, "schuldregeling", drop=("toegekend",), dwangakkoord=True,
                                                         datumVerzoekDwangakkoord="2022-06-15"),
         f"{T}[2].schuldregeling", "error"),
    Case("P07", "dwangakkoord zonder toekenning en zonder verzoek: één fout",
         phase(2, "schuldregeling", drop=("toegekend",), dwangakkoord=True), f"{T}[2].schuldregeling", "error"),
    Case("P07", "dwangakkoord zonder datum verzoek", phase(2, "schuldregeling", dwangakkoord=True),
         f"{T}[2].schuldregeling", "warning"),
    Case("P07", "dwangakkoord met toekenning en verzoek",
         phase(2, "schuldregeling", dwangakkoord=True, datumVerzoekDwangakkoord="2022-06-15"), None),
    Case("P07", "dwangakkoord false zonder toekenning", phase(2, "schuldregeling", drop=("toegekend",),
                                                               dwangakkoord=False), None),
    # P08 — not both toegekend and afgewezen; no outcome before schuldregeling.datum
    Case("P08", "toegekend en afgewezen", phase(2, "schuldregeling", afgewezen="2022-08-01"),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "toegekend vóór indienen", combine(phase(2, "schuldregeling", toegekend="2022-05-15"),
                                                lambda d: traject(d, 2).update(toekenningsdatum="2022-05-15")),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "ingetrokken vóór indienen", phase(2, "schuldregeling", drop=("toegekend",), ingetrokken="2022-05-31"),
         f"{T}[2].schuldregeling", "error"),
    Case("P08", "toegekend op de dag van indienen", combine(phase(2, "schuldregeling", toegekend="2022-06-01"),
                                                         lambda d: traject(d, 2).update(toekenningsdatum="2022-06-01")),
         None),
    Case("P08", "afgewezen na indienen", phase(2, "schuldregeling", drop=("toegekend",), afgewezen="2022-08-01"),
         None),
    # P09 — Saneringskrediet/Schuldbemiddeling at most 18 + 3 months; open end = aanleverdatum (2025-01-20)
    Case("P09", "lopend saneringskrediet sinds 2022", phase(2, "oplossing", soort="Saneringskrediet"),
         f"{T}[2].oplossing", "warning"),
    Case("P09", "lopend saneringskrediet van 17 maanden",
         phase(2, "oplossing", soort="Saneringskrediet", startdatum="2023-08-20"), None),
    Case("P09", "precies 21 maanden op de aanleverdatum",
         phase(2, "oplossing", soort="Schuldbemiddeling", startdatum="2023-04-20"), None),
    Case("P09", "21 maanden en een dag op de aanleverdatum",
         phase(2, "oplossing", soort="Schuldbemiddeling", startdatum="2023-04-19"), f"{T}[2].oplossing", "warning"),
    Case("P09", "afgelopen schuldbemiddeling van precies 21 maanden",
         phase(2, "oplossing", soort="Schuldbemiddeling", einddatum="2024-06-01"), None),
    Case("P09", "afgelopen schuldbemiddeling van 21 maanden en een dag",
         phase(2, "oplossing", soort="Schuldbemiddeling", einddatum="2024-06-02"), f"{T}[2].oplossing", "warning"),
    Case("P09", "lange betalingsregeling", nothing, None),
    # P10 — moratorium at most 6 + 1 months; datumAanvraag <= datumGoedkeuring <= startdatum
    Case("P10", "moratorium van 7 maanden en een dag", moratorium(einddatum="2022-10-05"),
         f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "moratorium van precies 7 maanden", moratorium(einddatum="2022-10-04"), None),
    Case("P10", "moratorium zonder einddatum loopt tot de aanleverdatum", moratorium(drop=("einddatum",)),
         f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "aanvraag na goedkeuring", moratorium(datumAanvraag="2022-03-04"), f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "goedkeuring na start", moratorium(datumGoedkeuring="2022-03-05"), f"{T}[2].moratoria[0]", "warning"),
    Case("P10", "aanvraag, goedkeuring en start op één dag", moratorium(datumAanvraag="2022-03-04",
                                                                        datumGoedkeuring="2022-03-04"), None),
    Case("P10", "kort lopend moratorium",
         lambda d: traject(d, 3).update(moratoria=[{"datumAanvraag": "2024-11-20", "datumGoedkeuring": "2024-11-25",
                                                    "startdatum": "2024-12-01"}]), None),
    # P11 — oplossing with startdatum but no soort
    Case("P11", "oplossing zonder soort", phase(0, "oplossing", drop=("soort",)), f"{T}[0].oplossing", "warning"),
    Case("P11", "oplossing zonder startdatum en soort", phase(0, "oplossing", drop=("soort", "startdatum")), None),
    Case("P11", "onbekende soort is S01, geen P11", phase(0, "oplossing", soort="Sanering"), None),
    # P12 — overlapping begeleidingen of the same soort (info), reported at the later one
    Case("P12", "twee keer budgetcoaching overlappend",
         begeleiding({"soort": BC, "startdatum": "2024-04-01", "einddatum": "2024-06-01"}),
         f"{T}[0].begeleiding[1]", "info"),
    Case("P12", "de latere staat eerst in de lijst",
         begeleiding({"soort": BC, "startdatum": "2024-03-01", "einddatum": "2024-04-01"}, at=0),
         f"{T}[0].begeleiding[0]", "info"),
    Case("P12", "eerdere begeleiding zonder einddatum loopt nog",
         begeleiding({"soort": BC, "startdatum": "2024-06-01", "einddatum": "2024-06-20"}, drop_end_of_first=True),
         f"{T}[0].begeleiding[1]", "info"),
    # each later begeleiding overlaps the first: one finding at each
    Case("P12", "drie keer budgetcoaching overlappend",
         begeleiding({"soort": BC, "startdatum": "2024-02-10", "einddatum": "2024-02-20"},
                     {"soort": BC, "startdatum": "2024-03-01", "einddatum": "2024-03-15"}),
         (f"{T}[0].begeleiding[1]", f"{T}[0].begeleiding[2]"), "info"),
    Case("P12", "aansluitend op dezelfde dag is een overdracht",
         begeleiding({"soort": BC, "startdatum": "2024-05-01", "einddatum": "2024-06-01"}), None),
    Case("P12", "overlap met een andere soort",
         begeleiding({"soort": "Budgetbeheer", "startdatum": "2024-04-01", "einddatum": "2024-06-01"}), None),
]

