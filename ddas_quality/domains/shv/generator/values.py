"""The values a clean SHV delivery is drawn from, with weights that look like real exports (all invented)."""

from __future__ import annotations

import math
from statistics import NormalDist

from ...common.synthetic import Picker

REDEN_AANMELDING = Picker([("Nietverschenen", 35), ("Zelf", 25), ("Ingetrokken", 15),
                           ("Niet passend", 15), ("Verhuisd", 5), ("Overig", 5)])
REDEN_UITVAL = Picker([("Nietverschenen", 30), ("Ingetrokken", 25), ("Zelf", 15), ("Verhuisd", 10),
                       ("Overig", 15), ("Overleden", 5)])
REDEN_NA_STABILISATIE = Picker([("Afgerond", 60), ("Zelf", 20), ("Overig", 20)])
REDEN_AFWIJZING = Picker([("Voldoet niet", 75), ("Niet passend", 25)])
REDEN_REGELING_AFGEWEZEN = Picker([("Overig", 50), ("Niet passend", 30), ("Voldoet niet", 20)])
REDEN_OPLOSSING_GESTOPT = Picker([("Overig", 40), ("Nietverschenen", 20), ("Verhuisd", 15),
                                  ("Overleden", 10), ("Ingetrokken", 15)])
OPLOSSING_DIRECT = Picker([("Betalingsregeling", 50), ("Herfinanciering", 25), ("0%-aanbod", 25)])
BEGELEIDING = Picker([("Budgetbeheer", 35), ("Beschermingsbewind", 25), ("Budgetcoaching", 25),
                      ("Budgetbegeleiding", 10), ("Lange Termijn Begeleiding (DFD)", 5)])
GESLACHT = Picker([("Vrouw", 52), ("Man", 46), ("Onbekend", 2)])
OPPOSITE = {"Vrouw": "Man", "Man": "Vrouw", "Onbekend": "Onbekend"}

# Synthetic creditors per schuldsoort (names invented; weights ~ how often each soort occurs).
SCHULDEISERS = {
    "Publiek": ["Rijksincasso Oost", "Belastinginning Delta", "Toeslageninning Noord",
                "Boete-inning Centraal", "Gemeentebelastingen Kustregio", "Waterschap Veenland",
                "Studiefinanciering Inning", "Uitkeringsinstantie Terugvordering"],
    "Zorg": ["Zorgverzekeraar Noord", "Zorgverzekeraar Zuid", "Zorgverzekeraar Midden", "Zorgkantoor West",
             "Tandartsenpraktijk De Molen", "Ziekenhuis Rivierenland", "Apotheek Het Plein"],
    "Nuts": ["Energieleverancier West", "Energie Samen Noord", "Waterbedrijf Duinstreek",
             "Telecom Compleet", "Mobiel Voordeel", "Warmtenet Stadsdelen"],
    "Overig": ["Woonstichting Havenstad", "Woningcorporatie De Hoeksteen", "Incassobureau Snelpunt",
               "Postorderbedrijf Zuid", "Kredietverstrekker Plus", "Webwinkel Direct", "Sportschool Vitaal",
               "Autoverhuur Regio", "Deurwaarderskantoor Van Dam", "Verzekeraar Zekerheid"],
}
SOORT_WEIGHTS = {"Publiek": 0.30, "Zorg": 0.20, "Nuts": 0.20, "Overig": 0.30}
# Debt amounts: 4096 quantiles of a log-normal (median ~ EUR 735), jittered per schuld.
AMOUNTS = [math.exp(6.6 + 1.3 * NormalDist().inv_cdf((i + 0.5) / 4096)) for i in range(4096)]

ORG_KINDS = ["Stichting Schuldhulp {}", "Kredietbank {}", "Stichting Financiële Hulp {}", "Sociaal Raadslieden {}"]
FUNCTIES = ["Coördinator schuldhulpverlening", "Teamleider schulddienstverlening",
            "Informatieadviseur sociaal domein", "Functioneel beheerder"]
TOEVOEGINGEN = ["A", "B", "C", "2", "H", "bis"]
