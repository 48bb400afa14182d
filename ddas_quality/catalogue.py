"""The rule catalogue: one frozen record per rule code, the single source of truth for rule metadata.

Everything a user reads about a rule (``ddas-quality rules``, the docs, the report) comes from here.
Codes are a public contract: never renumber or reuse one; retire a rule with ``removed=True``.
The user-facing texts are Dutch; ``why`` also states every decision from the "Decisions" section of
rules.md that applies to the rule (marked "Besluit:").

This module imports only the standard library and ``findings`` so that ``ddas-quality rules`` starts fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ddas_quality.findings import SEVERITY_RANK, Severity

DOMAINS: tuple[str, ...] = ("SHV", "VS")

_SHV = ("SHV",)
_VS = ("VS",)
_BOTH = ("SHV", "VS")

_CODE_RE = re.compile(r"^[A-Z]\d\d$")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    """Metadata of one rule code; the check itself lives in a pipeline stage or an expectation suite."""

    code: str
    name: str
    severity: Severity
    other_severities: tuple[Severity, ...]
    title: str
    checks: str
    why: str
    fix: str
    example: str
    source: str
    domains: tuple[str, ...]
    # Defaults of the configurable thresholds. Shared by all users of the catalogue: copy before changing.
    thresholds: dict[str, float] | None = field(default=None, hash=False)
    removed: bool = False
    # A code ddas-quality adds beyond rules.md: the issue that asked for it (e.g. "#13"). None for every
    # code of rules.md; once rules.md takes a code over, its `beyond` goes.
    beyond: str | None = None

    def __post_init__(self) -> None:
        # Guards against editing mistakes in the table below; cheap enough to run at import.
        if not _CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must look like 'P02'")
        if not _NAME_RE.match(self.name):
            raise ValueError(f"{self.code}: name {self.name!r} must be kebab-case")
        for other in self.other_severities:
            if SEVERITY_RANK[other] <= SEVERITY_RANK[self.severity]:
                raise ValueError(
                    f"{self.code}: other severity {other!r} must be less severe than the severity"
                )
        if not self.domains or not set(self.domains) <= set(DOMAINS):
            raise ValueError(f"{self.code}: domains must be a non-empty subset of {DOMAINS}")

    @property
    def group(self) -> str:
        """The group letter, e.g. ``"P"`` for ``P02``."""
        return self.code[0]

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Every level the rule can give, most severe first."""
        return (self.severity, *self.other_severities)


GROUPS: dict[str, str] = {
    "F": "Bestand",
    "B": "API-berichten",
    "S": "Schema",
    "L": "Levering",
    "T": "Schuldhulptraject",
    "P": "Fasen",
    "C": "Cliënten",
    "D": "Schulden",
    "A": "Aantallen en plausibiliteit",
    "V": "Vroegsignalering",
}

_PROTOCOL_F = "Aanleverprotocol DDAS, hfst. 4.1 en Bijlage I"
_MODEL = "DDAS-uitwisselmodel"
_MODEL_VS = "DDAS-uitwisselmodel VS v0.9"
_QA = "Vraag en Antwoord SHV"
_NVVK = "NVVK-referentieproces"
_PLAUS = "ddas-quality (plausibiliteit)"
_API = "DDAS API-specificatie (DDAS-SHV en DDAS-VS, OpenAPI 3.1) met de niet-functionele eisen"

# Decision texts that apply to more than one rule: written once so the rules say exactly the same.
_BESLUIT_OPEN_END = (
    "Besluit: een open einde betekent 'loopt nog op aanleverdatumEnTijd', niet 'loopt nog vandaag'."
)
_BESLUIT_OVERLAP = (
    "Besluit: twee periodes overlappen als de ene begint vóórdat de andere eindigt. Eindigt de ene op "
    "dag X en begint de andere op dag X, dan is dat een overdracht en geen overlap."
)
_ORGANISATIE = (
    "Wie aanlevert (zelfde organisatie: C07, een andere: C08) volgt uit het KvK-nummer, anders een echte "
    "gemeentecode (met of zonder GM; 'Onbekend' is geen gemeente), anders de naam: een gemeente die haar naam in "
    "twee leveringen anders schrijft, blijft "
    "dezelfde organisatie. Een traject zonder einddatum met een uitstroomdatum is op die datum geëindigd (de "
    "uitstroom beëindigt het traject, zie de begrippen in de regelcatalogus)."
)
_BESLUIT_TELLING = (
    "Besluit: er wordt geteld per gemeentecode over alle bestanden van één controle, zodat een gemeente "
    "die door twee organisaties wordt bediend één keer telt. Wordt één bestand apart gecontroleerd, dan "
    "zegt de melding dat leveringen van andere organisaties voor die gemeente niet zijn meegeteld."
)
_BESLUIT_SHV_ONLY_L = (
    "Besluit: deze regel geldt alleen voor SHV; het organisatieblok van VS heeft andere veldnamen "
    "(kvk-nummer, contactpersoonen)."
)

RULES: tuple[Rule, ...] = (
    # ----------------------------------------------------------------- F: bestand
    Rule(
        code="F01",
        name="file-name-pattern",
        severity="error",
        other_severities=(),
        title="Bestandsnaam volgt het voorgeschreven patroon niet",
        checks=(
            "De bestandsnaam heeft de vorm SHV_<jaar>_<organisatie>[_<uitvraagdeel>].json. SHV is vaste "
            "tekst, <jaar> is de code van de uitvraag in 4 cijfers en staat er altijd in, het uitvraagdeel "
            "mag ontbreken. Voor vroegsignalering geldt hetzelfde patroon met VS_ vooraan."
        ),
        why=(
            "Het Aanleverprotocol schrijft deze naam voor: aan de naam is te zien om welk domein, welke "
            "uitvraag en welke organisatie het gaat. Het protocol noemt alleen SHV; dat een bestand voor "
            "vroegsignalering met VS_ begint, is een aanname van ddas-quality, en de melding zegt dat ook. "
            "Besluit: de regel geldt voor .json-bestanden en voor de .json-bestanden in een zip; de naam "
            "van de zip zelf krijgt alleen de tekencontrole van F02. Besluit: het voorvoegsel moet passen bij "
            "de inhoud: SHV_ voor schuldhulpverlening, VS_ voor vroegsignalering. Een verwisseld voorvoegsel "
            "is een fout, hoe de rest van de naam ook is, want het bestand zou bij de verkeerde aanlevering "
            "terechtkomen."
        ),
        fix=(
            "Geef het bestand een naam volgens het patroon, bijvoorbeeld SHV_2024_Voorbeeldstad.json. "
            "Stel zo nodig de bestandsnaam in de export van het schuldhulpprogramma anders in."
        ),
        example="Het bestand heet shv-export-2024.json in plaats van SHV_2024_Voorbeeldstad.json.",
        source=_PROTOCOL_F,
        domains=_BOTH,
    ),
    Rule(
        code="F02",
        name="file-name-characters",
        severity="error",
        other_severities=("warning",),
        title="Bestandsnaam bevat tekens die niet mogen",
        checks=(
            'De bestandsnaam bevat geen van deze tekens: : \\ / ? ; * " > < | ] [ en geen punt, behalve '
            "de punt vóór de extensie. Een spatie direct na een liggend streepje (_) is een waarschuwing."
        ),
        why=(
            "Het Aanleverprotocol staat deze tekens niet toe in de bestandsnaam; ze geven problemen bij het "
            "uploaden en verwerken. Een spatie na een liggend streepje staat zelfs in het voorbeeld van "
            "het protocol (SHV_2024_ ISDBollenstreek_Teylingen.json); daarom is dat alleen een "
            "waarschuwing. Besluit: ook de naam van een zip krijgt deze controle (maar niet F01)."
        ),
        fix=(
            "Haal de tekens en de extra punten uit de naam, bijvoorbeeld door ze te vervangen door een "
            "liggend streepje, en haal een spatie na een liggend streepje weg."
        ),
        example=("SHV_2024_Gemeente.Noord.json (extra punt) of SHV_2024_ Voorbeeldstad.json (spatie na _)."),
        source=_PROTOCOL_F,
        domains=_BOTH,
    ),
    Rule(
        code="F03",
        name="file-extension",
        severity="error",
        other_severities=(),
        title="Geen .json-bestand, of iets anders dan .json-bestanden in de zip",
        checks=(
            "Het bestand heeft de extensie .json; dat geldt ook voor elk bestand in een zip. Een zip mag "
            "meerdere .json-bestanden bevatten. Elk ander bestand in de zip is een fout."
        ),
        why=(
            "Het Aanleverprotocol vraagt JSON-bestanden. Een bestand met een andere extensie, ook in een "
            "zip, wordt niet verwerkt of laat de verwerking mislukken. Besluit: de extensie .JSON in "
            "hoofdletters wordt geaccepteerd (F03 kent geen waarschuwingsniveau en de inhoud is gewoon JSON)."
        ),
        fix=(
            "Lever alleen .json-bestanden aan. Haal andere bestanden (zoals .docx, .xlsx of .csv) uit de "
            "zip. Is het wel een JSON-bestand, geef het dan de extensie .json."
        ),
        example="Een zip met SHV_2024_Voorbeeldstad.json en ook toelichting.docx.",
        source=_PROTOCOL_F,
        domains=_BOTH,
    ),
    Rule(
        code="F04",
        name="encoding",
        severity="error",
        other_severities=("warning",),
        title="Bestand is niet in UTF-8 opgeslagen",
        checks=(
            "De inhoud van het bestand is in UTF-8 gecodeerd. Een UTF-8-BOM (onzichtbare tekens aan het "
            "begin van het bestand) is een waarschuwing. UTF-16, Latin-1 of een andere codering is een "
            "fout; de melding noemt de gevonden codering."
        ),
        why=(
            "JSON hoort in UTF-8 te staan. In een andere codering worden letters als ë en é verkeerd "
            "gelezen, of kan het bestand helemaal niet gelezen worden. Niet elk programma kan met een BOM "
            "overweg."
        ),
        fix=(
            "Laat de export opslaan in UTF-8 zonder BOM. Open en bewaar het bestand niet in een programma "
            "dat de codering verandert, zoals Kladblok of Excel."
        ),
        example="Het bestand is in Kladblok bewaard met 'Opslaan als Unicode' en staat daardoor in UTF-16.",
        source=_PROTOCOL_F + "; JSON-standaard (RFC 8259)",
        domains=_BOTH,
    ),
    Rule(
        code="F05",
        name="json-syntax",
        severity="error",
        other_severities=(),
        title="Bestand is geen geldige JSON",
        checks=(
            "De inhoud is geldige JSON; bij een fout in de opbouw noemt de melding de regel en de kolom. "
            "Een sleutel die twee keer in hetzelfde object staat, is een fout. De waarden NaN en Infinity "
            "zijn ook een fout."
        ),
        why=(
            "Een bestand dat geen geldige JSON is, kan CBS niet inlezen. Bij een dubbele sleutel houdt een "
            "programma zonder waarschuwing alleen de laatste waarde over: de eerste gaat verloren. NaN en "
            "Infinity zijn geen geldige JSON-waarden."
        ),
        fix=(
            "Maak het bestand opnieuw met de export van het schuldhulpprogramma in plaats van het met de "
            "hand te bewerken. Komt de fout terug, geef dan de regel en kolom door aan de leverancier van "
            "de software."
        ),
        example='Een komma te veel na het laatste traject, of twee keer "einddatum" in één intake.',
        source=_PROTOCOL_F + "; JSON-standaard (RFC 8259)",
        domains=_BOTH,
    ),
    Rule(
        code="F06",
        name="file-name-year",
        severity="warning",
        other_severities=(),
        title="Jaar in de bestandsnaam past niet bij de peilperiode",
        checks="Het jaar in de bestandsnaam is gelijk aan het jaar van einddatumLevering.",
        why=(
            "Het jaar in de naam is de code van de uitvraag. Wijkt het af van de peilperiode in het "
            "bestand, dan is de naam verkeerd of is de verkeerde periode geëxporteerd. Besluit: het jaar is "
            "het getal van 4 cijfers direct na SHV_ of VS_ in de naam van het bestand (bij een bestand in een "
            "zip de naam van dat bestand). Staat daar geen jaar, dan meldt F01 dat al en zwijgt F06."
        ),
        fix=(
            "Controleer of de juiste periode is geëxporteerd. Klopt de periode, pas dan het jaar in de "
            "bestandsnaam aan."
        ),
        example="SHV_2023_Voorbeeldstad.json met einddatumLevering 2024-06-30.",
        source=_PROTOCOL_F,
        domains=_BOTH,
    ),
    Rule(
        code="F07",
        name="one-gemeente-per-file",
        severity="warning",
        other_severities=(),
        title="Eén bestand bevat trajecten van meerdere gemeenten",
        checks=(
            "Eén bestand bevat trajecten van meer dan één gemeente, terwijl het protocol bij handmatig "
            "uploaden één bestand per gemeente vraagt. Meerdere bestanden samen in één zip is wel goed."
        ),
        why=(
            "Het Aanleverprotocol vraagt bij handmatig uploaden één bestand per gemeente, zodat elke "
            "levering bij de juiste gemeente terechtkomt. Besluit: gemeentecodes worden "
            "vergeleken zoals ze er staan, met GM weggelaten (GM0363 is dezelfde gemeente als 0363), ook als een "
            "code geen bekende CBS-gemeentecode is: twee verschillende codes zijn twee gemeenten (T04 meldt een "
            "code van de verkeerde vorm daarnaast apart). Onbekend telt niet als gemeente. F07 en L06 staan "
            "naast elkaar: één levering met trajecten van twee gemeenten geeft F07 (het bestand) én L06 (de "
            "levering); een bestand met een aparte levering per gemeente geeft alleen F07, want bij handmatig "
            "uploaden hoort ook dan elke gemeente in een eigen bestand."
        ),
        fix=(
            "Maak per gemeente een eigen export en een eigen bestand. Wilt u ze in één keer aanleveren, "
            "zet de bestanden dan samen in één zip."
        ),
        example="Eén bestand van een samenwerkingsverband met trajecten met gemeentecode 0363 en 0384.",
        source=_PROTOCOL_F,
        domains=_BOTH,
    ),
    # ----------------------------------------------------------------- B: API-berichten (#13)
    Rule(
        code="B01",
        name="api-gegevens-object",
        severity="error",
        other_severities=(),
        title="API-bericht zonder levering in gegevens",
        checks=(
            "Een antwoord van de DDAS-API (een object met gegevens en/of paginering) heeft het veld gegevens, "
            "en gegevens is een object: de levering volgens het uitwisselmodel."
        ),
        why=(
            "Volgens de API-specificatie is gegevens verplicht en bevat het de levering; zonder gegevens, of met "
            "iets anders dan een object erin, krijgt CBS geen levering binnen. Een bericht wordt herkend aan de "
            "inhoud (gegevens of paginering bovenaan, geen velden van een levering ernaast), niet aan de "
            "bestandsnaam. Besluit: is gegevens geen object, dan wordt de inhoud niet verder gecontroleerd; de "
            "bestandsnaamregels (F01, F02, F06) en F07 gelden niet voor API-berichten, want een API-antwoord heeft "
            "geen bestandsnaam en wordt niet handmatig geüpload."
        ),
        fix=(
            "Laat de API de levering (het uitwisselmodel) als object in het veld gegevens van het antwoord "
            "zetten."
        ),
        example="Een antwoord met alleen paginering, of met gegevens als lijst in plaats van object.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B02",
        name="api-unknown-field",
        severity="warning",
        other_severities=(),
        title="API-bericht heeft een ander veld dan gegevens en paginering",
        checks=(
            "Het antwoord van de DDAS-API heeft bovenaan alleen de velden gegevens en paginering."
        ),
        why=(
            "De API-specificatie beschrijft het antwoord met precies die twee velden. CBS leest een ander veld "
            "niet; meestal wijst het op metadata of een foutmelding van de eigen software die in het antwoord "
            "terechtkwam, of op een veld van de levering dat per ongeluk buiten gegevens staat. Besluit: een "
            "waarschuwing, geen fout, want de specificatie verbiedt extra velden niet uitdrukkelijk."
        ),
        fix="Haal het veld uit het antwoord, of zet de inhoud op de goede plek in de levering.",
        example="Een antwoord met naast gegevens ook een veld status.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B03",
        name="paginering-complete",
        severity="error",
        other_severities=(),
        title="Paginering niet volledig of niet geldig",
        checks=(
            "Als paginering er is, is het een object met pageSize, currentPage, totalPages en totalRecords, alle "
            "vier gehele getallen: pageSize minstens 1 en hoogstens 25.000 (SHV) of 50.000 (VS), currentPage en "
            "totalPages minstens 1, totalRecords minstens 0, en currentPage niet groter dan totalPages."
        ),
        why=(
            "De niet-functionele eisen van de API zeggen: paginering is optioneel, maar als het gebruikt wordt, "
            "moeten alle velden gevuld zijn, met deze grenzen. Zonder volledige paginering kan CBS niet weten "
            "welke pagina's er nog zijn. Besluit: een pagina met ongeldige paginering telt niet mee in de "
            "controles van B04 tot en met B06."
        ),
        fix=(
            "Vul in elk gepagineerd antwoord alle vier velden met gehele getallen binnen de grenzen, of laat "
            "paginering weg als alles in één bericht past."
        ),
        example="paginering met pageSize, currentPage en totalPages, maar zonder totalRecords.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B04",
        name="page-size-respected",
        severity="error",
        other_severities=(),
        title="Aantal records op de pagina past niet bij pageSize",
        checks=(
            "Een pagina bevat hoogstens pageSize records (schuldhulptrajecten of vroegsignalen), en elke pagina "
            "behalve de laatste precies pageSize."
        ),
        why=(
            "pageSize is volgens de niet-functionele eisen het aantal records per pagina. Meer records dan "
            "pageSize is in strijd met het verzoek van CBS; minder op een pagina die niet de laatste is, wijst "
            "op records die tussen twee pagina's zijn weggevallen of dubbel geteld. Besluit: records zijn de "
            "schuldhulptrajecten (SHV) of vroegsignalen (VS) van alle leveringen op de pagina samen; "
            "vroegsignaalzaken tellen niet mee."
        ),
        fix="Vul elke pagina behalve de laatste met precies pageSize records en zet de rest op volgende pagina's.",
        example="Pagina 1 van 3 met pageSize 1000 bevat 998 trajecten.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B05",
        name="paginering-consistent",
        severity="error",
        other_severities=(),
        title="Paginering van de pagina's klopt niet met elkaar",
        checks=(
            "Alle pagina's van één bericht hebben dezelfde pageSize, totalPages en totalRecords; totalPages is "
            "totalRecords gedeeld door pageSize, naar boven afgerond (minstens 1); en als alle pagina's er zijn, "
            "is totalRecords het aantal records van alle pagina's samen."
        ),
        why=(
            "totalRecords is volgens de niet-functionele eisen het totaal aantal te versturen records en "
            "totalPages het totaal aantal pagina's. Spreken de pagina's elkaar tegen, of tellen de records niet op "
            "tot totalRecords, dan weet CBS niet of de levering compleet is. Besluit: pagina's horen bij één "
            "bericht als ze in dezelfde map of zip staan en hetzelfde domein, dezelfde peilperiode en dezelfde "
            "aanleverende organisatie (van de eerste levering) hebben; de telling van totalRecords gebeurt alleen "
            "als elke pagina precies één keer aanwezig is."
        ),
        fix=(
            "Bepaal pageSize, totalRecords en totalPages één keer per verzoek en zet ze ongewijzigd op elke "
            "pagina."
        ),
        example="Pagina 1 zegt totalRecords 60000, pagina 2 zegt 59999.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B06",
        name="pages-complete",
        severity="error",
        other_severities=(),
        title="Pagina van het bericht ontbreekt of is dubbel",
        checks="Van een gepagineerd bericht is elke pagina 1 tot en met totalPages precies één keer aanwezig.",
        why=(
            "De levering is pas compleet met alle pagina's: een ontbrekende pagina betekent ontbrekende "
            "trajecten of signalen, een dubbele pagina dubbele. De regels over de hele levering (aantallen, "
            "dubbele trajecten, overlap) zeggen alleen iets als alle pagina's samen gecontroleerd worden."
        ),
        fix=(
            "Sla alle pagina's van het bericht op in één map of zip en controleer ze samen; lever elke pagina "
            "één keer, met zijn eigen currentPage."
        ),
        example="Een map met pagina 1 en 3 van een bericht met totalPages 3.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B07",
        name="pages-need-paginering",
        severity="error",
        other_severities=(),
        title="Meerdere berichten van één levering zonder paginering",
        checks=(
            "Als een levering over meer dan één API-bericht verdeeld is, heeft elk bericht een paginering."
        ),
        why=(
            "Volgens de niet-functionele eisen moet paginering gevuld zijn zodra de gegevens over verschillende "
            "berichten verdeeld worden. Zonder paginering is niet te zien welke pagina een bericht is, of alle "
            "pagina's er zijn en of er geen dubbel is."
        ),
        fix="Geef elk bericht van de levering paginering met pageSize, currentPage, totalPages en totalRecords.",
        example="Twee antwoorden met dezelfde peilperiode en organisatie in één map, geen van beide met paginering.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B08",
        name="message-size-limit",
        severity="error",
        other_severities=(),
        title="API-bericht bevat meer records dan toegestaan",
        checks=(
            "Eén API-bericht bevat hoogstens 25.000 schuldhulptrajecten (SHV) of 50.000 vroegsignalen (VS), met "
            "of zonder paginering."
        ),
        why=(
            "De niet-functionele eisen leggen deze maxima per bericht vast, zodat de API binnen de time-out "
            "antwoordt. Wordt het maximum overschreden, dan moeten de gegevens over pagina's verdeeld worden."
        ),
        fix="Verdeel de gegevens over pagina's met paginering, met een pageSize van hoogstens het maximum.",
        example="Eén antwoord zonder paginering met 30.000 schuldhulptrajecten.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    Rule(
        code="B09",
        name="pages-same-delivery",
        severity="error",
        other_severities=(),
        title="Pagina's van één bericht verschillen buiten de records",
        checks=(
            "De pagina's van één bericht zijn delen van dezelfde levering: alle velden behalve de "
            "schuldhulptrajecten, vroegsignalen en vroegsignaalzaken zijn op elke pagina gelijk (aanleverdatum, "
            "codeGegevensleverancier, en per levering teller en aanleverende organisatie)."
        ),
        why=(
            "De pagina's samen vormen één levering. ddas-quality controleert ze als één levering: de records van "
            "alle pagina's achter elkaar, bij de levering met dezelfde teller. Besluit: de overige velden komen "
            "van de eerste pagina waarop de levering staat; wijkt een latere pagina daarvan af, dan is niet "
            "duidelijk welke waarde geldt. Meldingen wijzen altijd naar de pagina en de plek in die pagina "
            "($.gegevens...)."
        ),
        fix="Vul de velden buiten de records op elke pagina met dezelfde waarden, uit hetzelfde moment.",
        example="Pagina 2 heeft een andere aanleverdatumEnTijd dan pagina 1.",
        source=_API,
        domains=_BOTH,
        beyond="#13",
    ),
    # ----------------------------------------------------------------- S: schema
    Rule(
        code="S01",
        name="schema-valid",
        severity="error",
        other_severities=(),
        title="Bestand voldoet niet aan het DDAS-uitwisselmodel",
        checks=(
            "Het bestand voldoet aan het JSON-schema van het DDAS-uitwisselmodel voor zijn domein en versie "
            "(SHV v1.0, v0.10 en v0.9; VS v1.2, v1.1, v1.0 en v0.9), volgens JSON Schema draft 2020-12 en met "
            "controle van de formaten date, date-time en email. Elke schemafout is een aparte melding met "
            "het JSON-pad en een uitleg: verplicht veld ontbreekt, verkeerd type, waarde staat niet in de "
            "lijst (met de toegestane waarden), onbekend veld (met de bekende veldnaam die er het meest op "
            "lijkt, in elk domein en elke versie: startdatumMatchtingperiode geeft 'Bedoelt u "
            "startdatumMatchingperiode?'), te veel cliënten, of een cliënt die geen van de toegestane vormen "
            "heeft (met die vormen)."
        ),
        why=(
            "Het uitwisselmodel is de afspraak over de vorm van de levering. Een bestand dat er niet aan "
            "voldoet, komt niet door de technische toets van CBS. Ook de formaten tellen: 31-12-2024 in "
            "plaats van 2024-12-31 is fout. Welke versie is gebruikt en waarom, staat in S03. Besluit: een "
            "veld met null wordt als S02 gemeld en niet nog een keer als S01."
        ),
        fix=(
            "Pas de registratie of de export aan zoals de melding zegt: vul het verplichte veld, kies een "
            "waarde uit de lijst, schrijf datums als JJJJ-MM-DD of verbeter de schrijfwijze van de "
            "veldnaam. Zit de fout in de export zelf, meld die dan bij de leverancier van de software."
        ),
        example=(
            'uitstroom.reden is "Verhuizing", maar die waarde staat niet in de lijst (de lijst heeft '
            "onder meer Verhuisd en Afgerond)."
        ),
        source=_MODEL + " (JSON Schema SHV v1.0, v0.10, v0.9 en VS v1.2, v1.1 (concept), v1.0, v0.9)",
        domains=_BOTH,
    ),
    Rule(
        code="S02",
        name="null-value",
        severity="error",
        other_severities=(),
        title="Veld heeft de waarde null",
        checks=(
            "Een veld heeft de waarde null waar het schema een waarde verwacht. De samenvatting telt dit "
            "per veld, niet per record."
        ),
        why=(
            "Het schema staat null niet toe: een veld zonder waarde hoort weg te blijven. Het gepubliceerde "
            "uitgebreide voorbeeld van het uitwisselmodel doet dit zelf ook, dus exports nemen het vaak "
            "over. Besluit: null wordt alleen als S02 gemeld, niet ook nog als S01."
        ),
        fix=(
            "Laat het veld weg in plaats van null. Meestal gaat het om één instelling in de export; de "
            "telling per veld laat zien om welke velden het gaat."
        ),
        example='"einddatum": null bij een intake die nog loopt.',
        source=_MODEL,
        domains=_BOTH,
    ),
    Rule(
        code="S03",
        name="schema-version",
        severity="warning",
        other_severities=("info",),
        title="Domein en schemaversie waartegen is gecontroleerd",
        checks=(
            "Tegen welk domein (SHV of VS) en welke schemaversie het bestand is gecontroleerd, en hoe dat "
            "is bepaald: met een optie of aan de vorm van het bestand. Past het bestand bij geen enkele "
            "bekende versie, dan staan de fouten van de versie die er het meest op lijkt in het rapport."
        ),
        why=(
            "Zo is duidelijk tegen welke afspraken het bestand is gecontroleerd. Normaal is deze melding "
            "alleen informatie. Besluit: velden die per versie verschillen beslissen (SHV v0.9 heeft "
            "client[].leefsituatie met de schulden daarin; SHV v1.0 heeft uitstroom.datumBeeindigingsbeschikking "
            "erbij; VS v1.2 heeft veldnamen in camelCase zoals aanleverendeOrganisatie, VS v1.1 cliëntvelden "
            "met kleine letters zoals burgerservicenummer, en VS v0.9 en v1.0 verschillen alleen in de "
            "waardelijsten: een waarde die alleen v1.0 kent maakt het v1.0); zonder zulke velden geldt de "
            "huidige versie (SHV v1.0, VS v0.9). Is de versie ouder dan de huidige, of voldoet een bestand "
            "niet aan de huidige versie maar wel aan een oudere, dan is S03 een waarschuwing: het bestand "
            "is in een verouderde versie geëxporteerd. Een nieuwere versie (VS v1.1 en v1.2) wordt als die "
            "versie gecontroleerd en blijft informatie (v1.0 ook: de huidige VS-versie blijft v0.9, zoals de "
            "besluiten van de regelcatalogus zeggen; v1.1 bestaat alleen als concept en van v1.2 zijn alleen "
            "conceptvoorbeelden gepubliceerd, waarvan er twee niet aan het v1.2-schema voldoen)."
        ),
        fix=(
            "Meestal is niets nodig. Bij de waarschuwing over een verouderde versie: vraag de leverancier "
            "van de software om een export volgens de huidige versie (SHV v1.0, VS v0.9). Koos "
            "ddas-quality de verkeerde versie, geef die dan op met --domain en --schema-version."
        ),
        example=(
            "Het bestand heeft client[].leefsituatie met de schulden daarin en is daarom gecontroleerd "
            "als SHV v0.9, een verouderde versie."
        ),
        source=_MODEL + "; ddas-quality",
        domains=_BOTH,
    ),
    # ----------------------------------------------------------------- L: levering
    Rule(
        code="L01",
        name="levering-period-order",
        severity="error",
        other_severities=(),
        title="Startdatum van de levering ligt na de einddatum",
        checks="startdatumLevering ligt op of vóór einddatumLevering.",
        why=(
            "De peilperiode loopt van startdatumLevering tot en met einddatumLevering. Staan ze "
            "omgedraaid, dan kan geen enkel traject of signaal in de periode vallen. Besluit: deze regel "
            "geldt voor SHV en voor VS. Besluit: bij een omgedraaide periode zwijgen de regels die met de "
            "periode vergelijken (L02, T02, T06, A01, A02, V01, V05, V10) voor dat bestand; anders zou elk "
            "traject of signaal een melding krijgen voor deze ene fout."
        ),
        fix="Vul de juiste peilperiode in bij de export, bijvoorbeeld van 2024-01-01 tot en met 2024-06-30.",
        example="startdatumLevering 2024-12-31 en einddatumLevering 2024-01-01.",
        source=_MODEL,
        domains=_BOTH,
    ),
    Rule(
        code="L02",
        name="levering-period-shape",
        severity="warning",
        other_severities=(),
        title="Peilperiode is geen half jaar of kalenderjaar",
        checks=(
            "Voor SHV is de peilperiode een half jaar of een kalenderjaar: 1 januari tot en met 30 juni, "
            "1 juli tot en met 31 december, of 1 januari tot en met 31 december van hetzelfde jaar. Voor "
            "VS is elke periode van hele kalendermaanden goed."
        ),
        why=(
            "De leverrondes lopen per half jaar (1 januari–30 juni, 1 juli–31 december) of per "
            "kalenderjaar (2024 is als één jaar geleverd). Een andere periode past niet bij de uitvraag en "
            "geeft verkeerde aantallen. Besluit: voor VS is elke periode van hele kalendermaanden goed, "
            "omdat VS naar maandelijks of per kwartaal leveren gaat."
        ),
        fix="Exporteer de periode van de uitvraag, bijvoorbeeld 2024-01-01 tot en met 2024-06-30.",
        example="Een SHV-levering met peilperiode 2024-01-15 tot en met 2024-07-14.",
        source="Aanleverprotocol DDAS (leverrondes)",
        domains=_BOTH,
    ),
    Rule(
        code="L03",
        name="aanleverdatum-in-range",
        severity="error",
        other_severities=("warning",),
        title="Aanleverdatum past niet bij de peilperiode",
        checks=(
            "aanleverdatumEnTijd ligt niet vóór startdatumLevering; anders is het een fout. Een "
            "waarschuwing volgt als aanleverdatumEnTijd vóór einddatumLevering ligt (de periode is nog "
            "niet voorbij) of in de toekomst ligt."
        ),
        why=(
            "Een levering kan niet gemaakt zijn vóór de periode waar ze over gaat. Is de periode nog niet "
            "voorbij, dan zijn de gegevens onvolledig. Een aanleverdatum in de toekomst wijst op een "
            "verkeerde klok of een handmatige aanpassing; de aanleverdatum is ook de grens voor alle "
            "datums in het bestand (T03). Besluit: deze regel geldt voor SHV en voor VS. Besluit: vergeleken "
            "wordt de kalenderdag van aanleverdatumEnTijd zoals die in het bestand staat (in de tijdzone van "
            "het bestand). De peilperiode loopt tot en met de hele einddag: een bestand van de laatste dag van "
            "de periode krijgt dus de waarschuwing. In de toekomst betekent: na de datum van vandaag, op het "
            "moment van controleren."
        ),
        fix=(
            "Exporteer pas als de peilperiode voorbij is, en laat de export de echte datum en tijd van "
            "aanmaken invullen."
        ),
        example="aanleverdatumEnTijd 2024-05-01T10:00:00 bij een peilperiode van 2024-01-01 tot 2024-06-30.",
        source=_MODEL + "; Aanleverprotocol DDAS",
        domains=_BOTH,
    ),
    Rule(
        code="L04",
        name="teller-sequence",
        severity="error",
        other_severities=("warning",),
        title="Teller van de leveringen is dubbel of loopt niet door",
        checks=(
            "De teller-waarden van de leveringen in een bestand zijn uniek en lopen van 1 tot en met n. "
            "Een dubbele teller is een fout; een reeks die niet bij 1 begint of gaten heeft, is een "
            "waarschuwing."
        ),
        why=(
            "Met de teller worden de leveringen in één bestand uit elkaar gehouden. Besluit: alleen een "
            "dubbele teller is een fout. Een reeks die niet bij 1 begint of gaten heeft, is een "
            "waarschuwing, want een samenloopbestand mag terecht alleen levering 2 bevatten. De regel "
            "geldt voor SHV en voor VS. De fout staat bij de tweede en volgende levering met dezelfde teller, "
            "de waarschuwing bij de eerste levering waar de reeks niet aansluit."
        ),
        fix="Nummer de leveringen in het bestand 1, 2, 3 enzovoort, en gebruik elk nummer één keer.",
        example="Twee leveringen in één bestand hebben allebei teller 1.",
        source=_MODEL,
        domains=_BOTH,
    ),
    Rule(
        code="L05",
        name="own-gemeentecode",
        severity="error",
        other_severities=(),
        title="Traject heeft niet de gemeentecode van de leverende gemeente",
        checks=(
            "Als aanleverende_organisatie.gemeentecode gevuld is (de gemeente levert zelf), dan hebben "
            "alle trajecten van die levering diezelfde gemeentecode. Onbekend telt hier als een andere "
            "code."
        ),
        why=(
            "Een gemeente die zelf levert, levert haar eigen trajecten; een andere code telt trajecten bij "
            "de verkeerde gemeente. Besluit: een gemeente die zelf levert, kent haar eigen code. Onbekend "
            "als gemeentecode van een traject is hier daarom alleen de fout L05 (niet ook T05: één fout, één "
            "melding); in andere leveringen is Onbekend de waarschuwing T05. Besluit: gemeentecodes worden "
            "vergeleken zoals ze er staan, met GM weggelaten, ook als een code geen bekende CBS-gemeentecode "
            "is; een code van de verkeerde vorm meldt T04 daarnaast apart. " + _BESLUIT_SHV_ONLY_L
        ),
        fix=(
            "Vul bij elk traject de gemeentecode van de eigen gemeente in. Horen er trajecten bij een "
            "andere gemeente, lever die dan in een aparte levering."
        ),
        example="aanleverende_organisatie.gemeentecode 0363 en een traject met gemeentecode Onbekend.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="L06",
        name="one-gemeente-per-levering",
        severity="warning",
        other_severities=(),
        title="Levering bevat trajecten van meerdere gemeenten",
        checks="Binnen één levering hebben alle trajecten dezelfde gemeentecode.",
        why=(
            "Voor een organisatie die voor meerdere gemeenten werkt, kent het uitwisselmodel een variant "
            "met één levering per gemeente. Staan meerdere gemeenten in één levering, dan zijn de "
            "gegevens per gemeente lastig te controleren. " + _BESLUIT_SHV_ONLY_L + " Besluit: "
            "gemeentecodes worden vergeleken zoals ze er staan, met GM weggelaten (GM0363 is dezelfde gemeente "
            "als 0363), ook als een code geen bekende CBS-gemeentecode is: twee verschillende codes zijn twee "
            "gemeenten (T04 meldt een code van de verkeerde vorm daarnaast apart). Onbekend telt niet als "
            "gemeente. Bij meerdere gemeenten in één levering volgt ook F07 voor het "
            "bestand; levert een gemeente zelf, dan meldt L05 daarnaast elk traject met een andere code."
        ),
        fix=(
            "Maak in het bestand een aparte levering per gemeente (elk met een eigen teller), of een apart "
            "bestand per gemeente."
        ),
        example="Eén levering met trajecten met gemeentecode 0363 en trajecten met gemeentecode 0384.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="L07",
        name="kvk-number",
        severity="warning",
        other_severities=(),
        title="KvK-nummer van de organisatie ontbreekt of is onjuist",
        checks=(
            "KvK-nummer van de aanleverende organisatie bestaat uit 8 cijfers. Het wordt verwacht als de "
            "organisatie geen gemeente is (geen gemeentecode)."
        ),
        why=(
            "Een organisatie die geen gemeente is, heeft geen gemeentecode; dan is het KvK-nummer de "
            "manier om de organisatie te herkennen. " + _BESLUIT_SHV_ONLY_L
        ),
        fix="Vul het KvK-nummer van de organisatie in: 8 cijfers, zonder spaties of punten.",
        example='KvK-nummer "1234567" (7 cijfers) bij een kredietbank zonder gemeentecode.',
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="L08",
        name="contact-email",
        severity="warning",
        other_severities=(),
        title="Geen contactpersoon met een geldig e-mailadres",
        checks="Er is ten minste één contactpersoon met een geldig e-mailadres.",
        why=(
            "CBS stuurt het op-orde-rapport naar dit e-mailadres. Zonder geldig adres komt de "
            "terugkoppeling niet aan. " + _BESLUIT_SHV_ONLY_L + " Besluit: de melding noemt alleen het "
            "aantal contactpersonen, nooit hun naam, e-mailadres of telefoonnummer."
        ),
        fix="Vul bij de aanleverende organisatie minstens één contactpersoon met een werkend e-mailadres in.",
        example='Een contactpersoon met e-mail "schuldhulp@" of helemaal zonder e-mail.',
        source="Aanleverprotocol DDAS (op-orde-rapport)",
        domains=_SHV,
    ),
    Rule(
        code="L09",
        name="supplier-version",
        severity="warning",
        other_severities=(),
        title="Versie van de software ontbreekt in codeGegevensleverancier",
        checks=(
            "codeGegevensleverancier bevat de naam van de softwareleverancier en de versie van de "
            "software. Een waarschuwing volgt als er geen versienummer in staat."
        ),
        why=(
            "Volgens de Vraag en Antwoord SHV hoort hier naam plus versie in. Met de versie kan een fout in "
            "de export worden teruggevonden bij een bepaalde versie van de software. " + _BESLUIT_SHV_ONLY_L
            + " Besluit: als versienummer telt een getal met een punt (4.2, 2024.1) of een los getal, "
            "eventueel met v ervoor (v3). Ontbreekt het veld, dan meldt S01 dat en zwijgt L09."
        ),
        fix=(
            'Laat de export naam en versie invullen, bijvoorbeeld "Leverancier Schuldhulp 5.2.1". Vraag '
            "dit zo nodig aan de leverancier van de software."
        ),
        example='codeGegevensleverancier is "Leverancier Schuldhulp", zonder versienummer.',
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="L10",
        name="empty-levering",
        severity="warning",
        other_severities=(),
        title="Levering zonder schuldhulptrajecten",
        checks="Een levering bevat geen schuldhulptrajecten.",
        why=(
            "Een lege levering komt meestal door een mislukte export of een verkeerde selectie (periode, "
            "gemeente). In de cijfers lijkt het dan alsof de gemeente geen schuldhulp heeft gegeven (zie "
            "ook A01). " + _BESLUIT_SHV_ONLY_L + " Besluit: een levering zonder het veld "
            "schuldhulptrajecten telt ook als leeg."
        ),
        fix=(
            "Controleer de selectie van de export (peilperiode, gemeente, organisatie) en exporteer "
            "opnieuw. Was er echt geen enkel traject, dan kan de waarschuwing blijven staan."
        ),
        example='Een levering met "schuldhulptrajecten": [].',
        source=_PLAUS,
        domains=_SHV,
    ),
    # ----------------------------------------------------------------- T: schuldhulptraject
    Rule(
        code="T01",
        name="traject-date-order",
        severity="error",
        other_severities=(),
        title="Startdatum van het traject ligt na de einddatum",
        checks="De startdatum van het traject ligt op of vóór de einddatum.",
        why=(
            "Een traject kan niet eindigen voordat het begint. De looptijd en de telling van actieve "
            "cliënten kloppen dan niet."
        ),
        fix=(
            "Corrigeer de start- of einddatum van het traject in de registratie. Vaak zijn dag en maand "
            "verwisseld of is het jaar verkeerd getypt."
        ),
        example="startdatum 2024-05-01 en einddatum 2024-03-01.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="T02",
        name="traject-in-period",
        severity="error",
        other_severities=(),
        title="Traject valt buiten de peilperiode",
        checks=(
            "Het traject overlapt de peilperiode: de startdatum ligt op of vóór einddatumLevering, en de "
            "einddatum is leeg of ligt op of na startdatumLevering. Alleen trajecten die in de "
            "peilperiode liepen, horen in het bestand."
        ),
        why=(
            "Een traject buiten de peilperiode hoort niet in deze levering en maakt de aantallen te hoog. "
            + _BESLUIT_OPEN_END
        ),
        fix=(
            "Pas de selectie van de export aan, zodat alleen trajecten meekomen die in de peilperiode "
            "liepen. Klopt de selectie, controleer dan de start- en einddatum van het traject."
        ),
        example="Een traject met einddatum 2023-11-30 in een levering over 2024-01-01 tot en met 2024-06-30.",
        source="Aanleverprotocol DDAS",
        domains=_SHV,
    ),
    Rule(
        code="T03",
        name="date-after-aanleverdatum",
        severity="error",
        other_severities=(),
        title="Datum ligt na de aanleverdatum",
        checks="Geen enkele datum in het traject ligt na aanleverdatumEnTijd.",
        why=(
            "Wat gebeurd is, kan niet gedateerd zijn na het moment van aanleveren. Een datum in de "
            "toekomst is een tikfout, of een geplande datum die niet in de levering hoort. De datums in het "
            "bestand zijn kalenderdagen in de tijdzone van het bestand: de aanleverdatum telt zoals ze er staat "
            "(00:30+01:00 op de 21e is de 21e, ook al is het in UTC nog de 20e). rules.md noemt geen tijdzone; "
            "dezelfde lezing geldt voor een open einde (P09, P10, P12, C07, C08)."
        ),
        fix=(
            "Corrigeer de datum in de registratie. Is het een geplande datum, laat die dan weg tot het "
            "echt gebeurd is."
        ),
        example="nazorg.startdatum 2025-03-01 in een bestand met aanleverdatumEnTijd 2024-08-15T09:00:00.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="T04",
        name="gemeentecode-format",
        severity="error",
        other_severities=(),
        title="Gemeentecode heeft een ongeldige vorm",
        checks=(
            "De gemeentecode van het traject is een CBS-gemeentecode: 4 cijfers, eventueel met GM ervoor "
            "(bijvoorbeeld 0363 of GM0363), of de tekst Onbekend."
        ),
        why=(
            "Met de gemeentecode telt CBS het traject bij de gemeente die verantwoordelijk is voor het "
            "traject. Een code in een andere vorm kan niet worden gekoppeld. Onbekend mag volgens "
            "de Vraag en Antwoord SHV, maar geeft de waarschuwing T05 (en bij een gemeente die zelf "
            "levert de fout L05). Besluit: T04 en T05 melden een onbekende code apart; voor L05, L06 en F07 "
            "worden gemeentecodes vergeleken zoals ze er staan (met GM weggelaten), ook als een code de "
            "verkeerde vorm heeft, zodat een traject met code 363 in een levering van 0363 ook daar gemeld "
            "wordt. Een code van de verkeerde vorm staat alleen in een melding als dat niemand kan "
            "identificeren."
        ),
        fix="Vul de CBS-gemeentecode in met 4 cijfers, inclusief voorloopnullen: 0363 en niet 363.",
        example='gemeentecode "363" of "Amsterdam" in plaats van 0363.',
        source=_MODEL + "; " + _QA,
        domains=_SHV,
    ),
    Rule(
        code="T05",
        name="gemeentecode-onbekend",
        severity="warning",
        other_severities=(),
        title="Gemeentecode is Onbekend",
        checks="De gemeentecode van het traject is Onbekend.",
        why=(
            "Onbekend is toegestaan (Vraag en Antwoord SHV), maar zo'n traject telt bij geen enkele "
            "gemeente mee. Besluit: in een SHV-levering van een gemeente die zelf levert, is Onbekend alleen de "
            "fout L05 (niet ook T05: één fout, één melding); in alle andere leveringen is het deze "
            "waarschuwing. In een levering vroegsignalering is Onbekend de fout V01."
        ),
        fix=(
            "Zoek uit welke gemeente verantwoordelijk is voor het traject en vul de gemeentecode van die "
            "gemeente in."
        ),
        example='gemeentecode "Onbekend" bij een traject van een kredietbank die voor veel gemeenten werkt.',
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="T06",
        name="gemeentecode-exists",
        severity="error",
        other_severities=(),
        title="Gemeentecode bestond niet in de peilperiode",
        checks=(
            "De gemeentecode bestond tijdens de peilperiode, volgens de CBS-lijst van gemeenten met de "
            "herindelingen. Een code die vóór de periode is opgeheven of pas na de periode is ingesteld, "
            "is fout. ddas-quality heeft een eigen gemeentetabel; in de configuratie kan een nieuwere "
            "tabel worden opgegeven."
        ),
        why=(
            "CBS telt op de gemeentecode die in de peilperiode gold. Na een herindeling hoort het traject "
            "bij de code van de nieuwe gemeente; een opgeheven code hoort bij geen enkele gemeente meer."
        ),
        fix=(
            "Gebruik de gemeentecode die in de peilperiode gold; na een herindeling is dat de code van de "
            "nieuwe gemeente. Werk zo nodig de gemeentetabel in het schuldhulpprogramma bij."
        ),
        example="gemeentecode 0017 (Haren, sinds 2019 deel van Groningen) in een levering over 2024.",
        source="CBS Gemeentelijke indeling (met herindelingen)",
        domains=_SHV,
    ),
    Rule(
        code="T07",
        name="toekenningsdatum-matches",
        severity="warning",
        other_severities=(),
        title="toekenningsdatum verschilt van schuldregeling.toegekend",
        checks=(
            "De toekenningsdatum van het traject is gelijk aan schuldregeling.toegekend. Er volgt alleen "
            "een melding als beide gevuld zijn en verschillen."
        ),
        why=(
            "Volgens de Vraag en Antwoord SHV wordt in beide velden dezelfde waarde gevraagd. Verschillen "
            "ze, dan is een van de twee fout. Besluit: alleen als beide velden gevuld zijn en verschillen; "
            "ontbreekt er een, dan volgt geen melding."
        ),
        fix="Vul in beide velden dezelfde datum in: de datum waarop de schuldregeling is toegekend.",
        example="toekenningsdatum 2024-04-02 en schuldregeling.toegekend 2024-04-16.",
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="T08",
        name="end-dates-match",
        severity="warning",
        other_severities=(),
        title="Einddatum van het traject en uitstroomdatums verschillen",
        checks=(
            "De einddatum van het traject, uitstroom.datum en uitstroom.datumBeeindigingsbeschikking zijn "
            "gelijk, voor zover ze gevuld zijn."
        ),
        why=(
            "Volgens de Vraag en Antwoord SHV gaat het in alle drie de velden om dezelfde datum. "
            "Verschillen ze, dan is niet duidelijk wanneer het traject eindigde."
        ),
        fix="Vul in alle drie de velden dezelfde datum in: de datum waarop het traject eindigde.",
        example="einddatum 2024-06-01 en uitstroom.datum 2024-06-14.",
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="T09",
        name="uitstroom-end-date",
        severity="error",
        other_severities=("warning",),
        title="Uitstroom en einddatum passen niet bij elkaar",
        checks=(
            "Een uitstroom met een reden betekent dat het traject is beëindigd: dan is de einddatum van "
            "het traject of uitstroom.datum gevuld; anders is het een fout. Andersom is een einddatum "
            "zonder uitstroom.reden een waarschuwing."
        ),
        why=(
            "Zonder einddatum telt een beëindigd traject als lopend. Zonder reden is niet bekend waarom "
            "het traject eindigde."
        ),
        fix="Vul bij een beëindigd traject zowel de einddatum als de reden van uitstroom in.",
        example='uitstroom.reden "Afgerond", maar geen einddatum en geen uitstroom.datum.',
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="T10",
        name="phase-before-traject",
        severity="warning",
        other_severities=(),
        title="Fase begint vóór de start van het traject",
        checks=(
            "Een fase heeft een startdatum vóór de startdatum van het traject; een fase zonder (geldige) "
            "startdatum een einddatum ervoor; een plan van aanpak een datumAfronding ervoor. Verwacht wordt "
            "dat het traject begint op of vóór de start van de eerste fase."
        ),
        why=(
            "Het traject omvat al zijn fasen. Een fase die eerder begint dan het traject, wijst op een "
            "verkeerde datum en geeft een verkeerde looptijd. Besluit: de melding staat op het JSON-pad van "
            "de fase (bv. schuldhulptrajecten[0].aanmelding), zodat u ziet welke datum u moet nakijken. Een "
            "fase wordt op haar startdatum beoordeeld, en alleen zonder startdatum op haar einddatum (rules.md "
            "noemt de datums van een fase): één melding per fase."
        ),
        fix=(
            "Controleer de startdatum van het traject en die van de eerste fase, en corrigeer de datum die "
            "fout is."
        ),
        example="Traject met startdatum 2024-03-01 en aanmelding.startdatum 2024-02-20.",
        source=_NVVK,
        domains=_SHV,
    ),
    Rule(
        code="T11",
        name="phase-after-traject-end",
        severity="error",
        other_severities=(),
        title="Fase begint na de einddatum van het traject",
        checks=(
            "Geen fase en geen deelperiode (begeleiding, crisisinterventie, moratorium, voorlopige "
            "voorziening) begint na de einddatum van het traject. Uitzondering: nazorg, want die komt per "
            "definitie na het traject."
        ),
        why=(
            "Wat na het einde van een traject begint, hoort niet bij dat traject. Vaak is de einddatum te "
            "vroeg ingevuld, of hoort de fase bij een nieuw traject. Besluit: de melding staat op het "
            "JSON-pad van de fase of deelperiode die na het einde begint; nazorg is uitgezonderd."
        ),
        fix=(
            "Controleer de einddatum van het traject. Loopt de hulp nog, haal de einddatum dan weg; hoort "
            "de fase bij een nieuw traject, registreer dan een nieuw traject."
        ),
        example="Traject met einddatum 2024-04-30 en oplossing.startdatum 2024-05-15.",
        source=_NVVK,
        domains=_SHV,
    ),
    Rule(
        code="T12",
        name="negative-amount",
        severity="error",
        other_severities=(),
        title="Negatief geldbedrag",
        checks=(
            "Geldbedragen zijn niet negatief: totaalSchuldbedragBijAanvangSchuld, schulden[].bedrag en "
            "oplossing.vtlb."
        ),
        why=(
            "Een schuld of een vtlb kan niet negatief zijn. Een negatief bedrag verlaagt ten onrechte het "
            "totaal van de schulden in de cijfers."
        ),
        fix=(
            "Vul het bedrag zonder minteken in. Een minteken komt vaak uit de boekhouding (een "
            "creditbedrag); zet het om in een positief bedrag."
        ),
        example="schulden[].bedrag -1250.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="T13",
        name="amount-outlier",
        severity="warning",
        other_severities=(),
        title="Uitzonderlijk hoog bedrag",
        checks=(
            "Een bedrag is uitzonderlijk: de totale schuld (totaalSchuldbedragBijAanvangSchuld) is hoger "
            "dan € 1.000.000, één schuld is hoger dan € 500.000, of de vtlb ligt buiten € 0–€ 5.000 per "
            "maand. De grenzen zijn instelbaar."
        ),
        why=(
            "Zulke bedragen komen zelden voor en zijn meestal een invoerfout, bijvoorbeeld een bedrag in "
            "centen in plaats van in euro's. Eén zo'n bedrag verstoort het totaal van de schulden van de "
            "hele gemeente. Een negatieve vtlb ligt ook buiten € 0–€ 5.000: die geeft T12 (fout) én T13."
        ),
        fix=(
            "Controleer het bedrag in het dossier. Klopt het, dan kan de waarschuwing blijven staan; is "
            "het fout, corrigeer het dan in de registratie."
        ),
        example="Eén schuld van 1250000, terwijl de schuld € 12.500 is (het bedrag staat in centen).",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_totaal_schuld": 1_000_000, "max_schuld": 500_000, "max_vtlb": 5000},
    ),
    Rule(
        code="T14",
        name="debt-total-mismatch",
        severity="warning",
        other_severities=(),
        title="Totale schuld wijkt af van de som van de schulden",
        checks=(
            "totaalSchuldbedragBijAanvangSchuld wijkt meer dan 25% af van de som van schulden[].bedrag, "
            "als beide gevuld zijn. Het verschil wordt gedeeld door de som van de schulden. De grens is "
            "instelbaar."
        ),
        why=(
            "Het totaal en de losse schulden beschrijven dezelfde schuldenlast. Een groot verschil wijst "
            "erop dat schulden ontbreken of dubbel staan, of dat het totaal een ander moment beschrijft."
        ),
        fix=(
            "Controleer of alle schulden in de lijst staan en of het totaal klopt, en corrigeer wat niet "
            "klopt."
        ),
        example="totaalSchuldbedragBijAanvangSchuld 20000, terwijl de schulden samen 8000 zijn.",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_difference": 0.25},
    ),
    Rule(
        code="T15",
        name="duplicate-traject",
        severity="error",
        other_severities=(),
        title="Dubbel traject",
        checks=(
            "Hetzelfde traject staat twee keer in de bestanden die samen gecontroleerd worden: dezelfde "
            "cliëntsleutel(s) met dezelfde startdatum. De cliëntsleutel is het BSN; zonder BSN de "
            "combinatie geboortedatum + postcode + huisnummer (+ toevoeging)."
        ),
        why=(
            "Een dubbel traject telt twee keer mee in de aantallen en de bedragen. Het ontstaat door een "
            "dubbele registratie of door een bestand dat twee keer is meegenomen. Besluit: de melding staat "
            "bij de latere kopie (in bestandsvolgorde) en noemt het pad van het eerste exemplaar; zo'n paar "
            "wordt niet ook nog als overlap (C07) gemeld."
        ),
        fix=(
            "Verwijder het dubbele traject uit de registratie of de export, of voeg de twee registraties "
            "samen."
        ),
        example="Twee trajecten van dezelfde cliënt, allebei met startdatum 2024-02-01.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="T16",
        name="crisisinterventie-mismatch",
        severity="warning",
        other_severities=(),
        title="Crisisinterventie aangevinkt zonder vastlegging, of andersom",
        checks=(
            "aanmelding.crisisinterventie is true maar er zijn geen crisisinterventies[], of er zijn "
            "crisisinterventies[] terwijl aanmelding.crisisinterventie niet true is."
        ),
        why=(
            "Het veld en de lijst gaan allebei over de vraag of er een crisisinterventie was. Spreken ze "
            "elkaar tegen, dan worden crisisinterventies verkeerd geteld."
        ),
        fix=(
            "Was er een crisisinterventie, zet dan crisisinterventie op true en leg de crisisinterventie "
            "vast met start- en einddatum. Was die er niet, zet het veld dan op false."
        ),
        example="aanmelding.crisisinterventie true, maar crisisinterventies ontbreekt.",
        source=_MODEL,
        domains=_SHV,
    ),
    # ----------------------------------------------------------------- P: fasen
    Rule(
        code="P01",
        name="period-date-order",
        severity="error",
        other_severities=(),
        title="Fase of deelperiode eindigt voordat ze begint",
        checks=(
            "Elke periode heeft een startdatum op of vóór de einddatum: aanmelding, informatieEnAdvies, "
            "intake, stabilisatie, oplossing, nazorg, en elk item van begeleiding, crisisinterventies, "
            "moratoria en voorlopigeVoorzieningen."
        ),
        why=(
            "Een periode kan niet eindigen voordat ze begint. De duur van de fase en de telling van fasen "
            "kloppen dan niet."
        ),
        fix="Corrigeer de start- of einddatum van de fase of periode in de registratie.",
        example="intake.startdatum 2024-04-10 en intake.einddatum 2024-04-01.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="P02",
        name="phase-order",
        severity="error",
        other_severities=(),
        title="Fasen in de verkeerde volgorde",
        checks=(
            "De startdatums van de fasen die er zijn, lopen niet terug in de volgorde van het proces: "
            "aanmelding ≤ intake ≤ stabilisatie ≤ schuldregeling.datum ≤ oplossing ≤ nazorg. Gelijke "
            "datums zijn goed; ontbrekende fasen worden overgeslagen. De melding noemt het eerste paar dat "
            "niet klopt."
        ),
        why=(
            "De fasen volgen het NVVK-referentieproces. Een fase die eerder begint dan de fase ervoor, "
            "wijst op een verkeerde datum; de telling per fase en de laatst bekende fase in het "
            "op-orde-rapport kloppen dan niet."
        ),
        fix="Controleer de startdatums van de twee genoemde fasen en corrigeer de datum die fout is.",
        example="intake.startdatum 2024-03-01, terwijl aanmelding.startdatum 2024-03-09 is.",
        source=_NVVK,
        domains=_SHV,
    ),
    Rule(
        code="P03",
        name="missing-earlier-phase",
        severity="warning",
        other_severities=(),
        title="Fase zonder de fase die ervoor nodig is",
        checks=(
            "Een latere fase zonder de fase die ervoor nodig is: een oplossing of schuldregeling zonder "
            "intake, of welke fase ook zonder aanmelding."
        ),
        why=(
            "Volgens het NVVK-referentieproces begint elk traject met een aanmelding, en komt een "
            "schuldregeling of oplossing pas na een intake. Ontbreekt die fase, dan is ze waarschijnlijk "
            "niet geregistreerd of niet geëxporteerd. Besluit: één melding per traject, bij de eerste fase "
            "(in procesvolgorde) die een fase vóór zich mist; de melding noemt alles wat ontbreekt. Fasen "
            "zijn intake, stabilisatie, schuldregeling, oplossing en nazorg; informatieEnAdvies en "
            "planVanAanpak tellen niet mee, en een traject zonder fasen krijgt geen melding. Een fase telt "
            "als aanwezig als het object er is, ook zonder datums. Ook een traject dat vóór de peilperiode "
            "begon krijgt de melding (een levering bevat hele trajecten, met hun oude fasen); de melding "
            "wijst dan op een mogelijk niet overgenomen aanmelding bij een overstap van systeem."
        ),
        fix=(
            "Registreer de ontbrekende aanmelding of intake met de juiste datum, of controleer of de "
            "export deze fase meeneemt."
        ),
        example="Een traject met schuldregeling.datum 2024-05-01, maar zonder intake.",
        source=_NVVK,
        domains=_SHV,
    ),
    Rule(
        code="P04",
        name="beschikking-pair",
        severity="error",
        other_severities=(),
        title="Soort en datum van de beschikking niet allebei ingevuld",
        checks=(
            "intake.beschikkingssoort en intake.beschikkingsdatum zijn allebei gevuld of allebei leeg. "
            "De een zonder de ander is fout."
        ),
        why=(
            "Een beschikking heeft altijd een soort en een datum. Met maar één van de twee kan de "
            "toelating of afwijzing niet goed worden geteld. Besluit: een veld dat er is met een verkeerde "
            "vorm (S01) telt als ingevuld; null telt als leeg (naast S02)."
        ),
        fix=(
            "Vul de ontbrekende soort (Toelatingsbeschikking of Afwijzingsbeschikking) of de ontbrekende "
            "datum van de beschikking in."
        ),
        example="intake.beschikkingssoort Toelatingsbeschikking, maar geen beschikkingsdatum.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="P05",
        name="intake-end-is-beschikking",
        severity="warning",
        other_severities=(),
        title="Einddatum van de intake verschilt van de beschikkingsdatum",
        checks=(
            "intake.einddatum is gelijk aan intake.beschikkingsdatum. Er volgt een melding als beide "
            "gevuld zijn en verschillen."
        ),
        why=(
            "Volgens de Vraag en Antwoord SHV is de beschikkingsdatum leidend: de einddatum van de intake "
            "hoort dezelfde datum te hebben. Besluit: alleen als beide datums gevuld en leesbaar zijn; "
            "ontbreekt er één, dan zwijgt P05 (een ontbrekende beschikkingsdatum is P04)."
        ),
        fix="Vul als einddatum van de intake de beschikkingsdatum in.",
        example="intake.beschikkingsdatum 2024-04-12 en intake.einddatum 2024-04-05.",
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="P06",
        name="phase-after-rejection",
        severity="warning",
        other_severities=(),
        title="Vervolgfase na een afwijzingsbeschikking",
        checks=(
            "Na een Afwijzingsbeschikking (intake.beschikkingssoort) volgt geen stabilisatie, "
            "schuldregeling of oplossing."
        ),
        why=(
            "Na een afwijzing is de cliënt niet toegelaten tot de schuldhulpverlening; een vervolgfase "
            "spreekt dat tegen. Vaak is de verkeerde soort beschikking gekozen, of hoort de fase bij een "
            "nieuw traject. Besluit: het gaat om de aanwezigheid van de fase, los van haar datums; de melding "
            "staat bij de eerste van die fasen en noemt ze allemaal. Nazorg na een afwijzing valt er niet "
            "onder."
        ),
        fix=(
            "Controleer de soort beschikking. Was het een toelating, kies dan Toelatingsbeschikking. Is er "
            "na de afwijzing een nieuwe aanvraag gedaan, registreer dan een nieuw traject."
        ),
        example="intake.beschikkingssoort Afwijzingsbeschikking en daarna een oplossing Betalingsregeling.",
        source=_NVVK,
        domains=_SHV,
    ),
    Rule(
        code="P07",
        name="dwangakkoord",
        severity="error",
        other_severities=("warning",),
        title="Dwangakkoord zonder toegekende schuldregeling",
        checks=(
            "schuldregeling.dwangakkoord is alleen true als schuldregeling.toegekend een datum heeft; "
            "anders is het een fout. Is dwangakkoord true zonder datumVerzoekDwangakkoord, dan volgt een "
            "waarschuwing."
        ),
        why=(
            "Volgens de Vraag en Antwoord SHV kan dwangakkoord alleen true zijn bij een toegekende "
            "schuldregeling. Zonder datum van het verzoek is niet te zien wanneer het dwangakkoord is "
            "gevraagd. Besluit: ontbreken beide datums, dan volgt één fout die ook de ontbrekende datum van "
            "het verzoek noemt."
        ),
        fix=(
            "Vul de datum van toekenning en de datum van het verzoek om een dwangakkoord in. Is er geen "
            "dwangakkoord gevraagd, zet dwangakkoord dan op false."
        ),
        example="schuldregeling.dwangakkoord true, maar schuldregeling.toegekend is leeg.",
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="P08",
        name="schuldregeling-outcome",
        severity="error",
        other_severities=(),
        title="Uitkomst of datums van de schuldregeling kloppen niet",
        checks=(
            "Een schuldregeling is niet tegelijk toegekend en afgewezen. De datums toegekend, afgewezen, "
            "ingetrokken en datumVerzoekDwangakkoord liggen niet vóór schuldregeling.datum (de datum van "
            "indienen)."
        ),
        why=(
            "Een schuldregeling kan niet tegelijk toegekend en afgewezen zijn, en er kan niet over worden "
            "beslist voordat ze is ingediend. Besluit: een datum op de dag van indienen is goed; alle "
            "problemen van één schuldregeling staan in één melding."
        ),
        fix="Laat alleen de echte uitkomst staan en corrigeer de datums in de registratie.",
        example="schuldregeling.datum 2024-05-01 en schuldregeling.toegekend 2024-04-15.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="P09",
        name="oplossing-duration",
        severity="warning",
        other_severities=(),
        title="Saneringskrediet of schuldbemiddeling duurt te lang",
        checks=(
            "Een oplossing van de soort Saneringskrediet of Schuldbemiddeling duurt hoogstens 18 maanden. "
            "Een waarschuwing volgt boven 18 maanden plus 3 maanden speling. Beide getallen zijn "
            "instelbaar."
        ),
        why=(
            "Een saneringskrediet of schuldbemiddeling duurt hoogstens 18 maanden. Een veel langere duur "
            "wijst op een vergeten einddatum of een verkeerde soort oplossing. Besluit: een oplossing "
            "zonder einddatum loopt nog op aanleverdatumEnTijd (niet: vandaag); de duur wordt tot die "
            "datum gemeten. De duur telt in kalendermaanden: een oplossing van 2023-01-15 mag tot en met "
            "2024-10-15 lopen (21 maanden), een dag later volgt de waarschuwing."
        ),
        fix=(
            "Controleer de einddatum en de soort van de oplossing. Is de oplossing afgelopen, vul dan de "
            "einddatum in."
        ),
        example=(
            "Schuldbemiddeling met startdatum 2022-01-01 en zonder einddatum, bij aanleverdatum "
            "2024-07-15: 30 maanden."
        ),
        source=_NVVK + "; " + _PLAUS,
        domains=_SHV,
        thresholds={"max_months": 18, "grace_months": 3},
    ),
    Rule(
        code="P10",
        name="moratorium",
        severity="warning",
        other_severities=(),
        title="Moratorium duurt te lang of datums in verkeerde volgorde",
        checks=(
            "Een moratorium duurt hoogstens 6 maanden; een waarschuwing volgt boven 6 maanden plus 1 maand "
            "speling (instelbaar). Ook geldt: datumAanvraag ≤ datumGoedkeuring ≤ startdatum."
        ),
        why=(
            "Een moratorium duurt hoogstens 6 maanden, en de aanvraag komt vóór de goedkeuring en de "
            "goedkeuring vóór de start. Een andere volgorde of een veel langere duur wijst op een verkeerde "
            "datum. Besluit: de speling is 1 maand, en een moratorium zonder einddatum loopt nog op "
            "aanleverdatumEnTijd (niet: vandaag); de duur wordt tot die datum gemeten, in kalendermaanden "
            "(van 2024-03-04 tot en met 2024-10-04 is 7 maanden: nog goed). Alleen gevulde datums worden "
            "vergeleken; alle problemen van één moratorium staan in één melding."
        ),
        fix="Controleer de datums van het moratorium en vul de einddatum in als het moratorium voorbij is.",
        example="moratoria[].datumAanvraag 2024-03-20 en datumGoedkeuring 2024-03-10.",
        source=_MODEL + "; " + _PLAUS,
        domains=_SHV,
        thresholds={"max_months": 6, "grace_months": 1},
    ),
    Rule(
        code="P11",
        name="oplossing-without-soort",
        severity="warning",
        other_severities=(),
        title="Oplossing zonder soort",
        checks="Een oplossing heeft een startdatum maar geen soort.",
        why=(
            "Het op-orde-rapport telt oplossingen per soort; een oplossing zonder soort valt buiten die "
            "telling."
        ),
        fix=(
            "Vul de soort oplossing in: Betalingsregeling, Herfinanciering, Saneringskrediet, "
            "Schuldbemiddeling of 0%-aanbod."
        ),
        example="oplossing.startdatum 2024-06-01, maar geen oplossing.soort.",
        source=_MODEL + "; CBS op-orde-rapport",
        domains=_SHV,
    ),
    Rule(
        code="P12",
        name="begeleiding-overlap",
        severity="info",
        other_severities=(),
        title="Begeleidingen van dezelfde soort overlappen",
        checks=(
            "Twee begeleidingen van dezelfde soort in één traject overlappen in tijd. Een begeleiding "
            "zonder einddatum loopt nog."
        ),
        why=(
            "CBS voegt zulke begeleidingen samen tot één. De melding laat zien wat CBS samenvoegt; het is "
            "geen fout. " + _BESLUIT_OVERLAP + " " + _BESLUIT_OPEN_END + " De melding staat bij de begeleiding "
            "die later begint en noemt de eerdere begeleiding waarmee ze overlapt."
        ),
        fix=("Meestal is niets nodig. Ging het om één begeleiding, leg die dan vast als één periode."),
        example="Twee keer Budgetbeheer: van 2024-01-01 tot 2024-05-01 en van 2024-04-01 tot 2024-09-01.",
        source="CBS-verwerking DDAS",
        domains=_SHV,
    ),
    # ----------------------------------------------------------------- C: cliënten
    Rule(
        code="C01",
        name="bsn-elfproef",
        severity="error",
        other_severities=(),
        title="BSN is ongeldig: geen 9 cijfers of elfproef klopt niet",
        checks=(
            "Burgerservicenummer bestaat, als het gevuld is, uit 9 cijfers en voldoet aan de elfproef. In "
            "het profiel geanonimiseerd (--profile geanonimiseerd) staat de elfproef uit; dan wordt in plaats "
            "daarvan gecontroleerd of de pseudoniemen consequent zijn: één pseudoniem in het BSN-veld hoort "
            "bij één persoon, dus de leeftijden bij de start van al zijn trajecten passen bij één geboortedatum."
        ),
        why=(
            "Met het BSN worden trajecten van dezelfde cliënt aan elkaar gekoppeld, ook tussen organisaties "
            "(samenloop). Een ongeldig BSN koppelt niet of aan de verkeerde persoon. Een geanonimiseerd "
            "bestand heeft geen echte BSN's; daar heeft de elfproef geen zin. Besluit: daar telt wel dat een "
            "pseudoniem steeds bij dezelfde persoon hoort, anders kloppen samenloop (C07, C08) en de "
            "aantallen (A01, A05) niet. Dat wordt getoetst aan de leeftijd bij de start van elk traject: "
            "twee leeftijden die niet bij één geboortedatum passen, zijn twee personen."
        ),
        fix=(
            "Controleer het BSN in de registratie en corrigeer het. Vaak is een voorloopnul weggevallen, "
            "zodat er 8 cijfers overblijven."
        ),
        example='Burgerservicenummer "12345678": 8 cijfers, de voorloopnul is weggevallen.',
        source=_MODEL + "; elfproef BSN",
        domains=_SHV,
    ),
    Rule(
        code="C02",
        name="client-identifiable",
        severity="error",
        other_severities=(),
        title="Cliënt zonder BSN en zonder volledige persoonsgegevens",
        checks=(
            "Elke cliënt heeft een BSN, of anders alle vier: Geboortedatum, Geslachtsaanduiding, Postcode "
            "en Huisnummer."
        ),
        why=(
            "Het uitwisselmodel vraagt een van beide, zodat de cliënt te herkennen is en trajecten van "
            "dezelfde cliënt gekoppeld kunnen worden. Zonder deze gegevens telt de cliënt niet goed mee."
        ),
        fix=(
            "Vul het BSN in. Heeft de cliënt geen BSN, vul dan geboortedatum, geslacht, postcode en "
            "huisnummer allemaal in."
        ),
        example="Een cliënt zonder BSN, met postcode en huisnummer maar zonder geboortedatum en geslacht.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="C03",
        name="birth-date",
        severity="error",
        other_severities=("warning",),
        title="Geboortedatum is ongeldig of onwaarschijnlijk",
        checks=(
            "Geboortedatum is een echte datum in de vorm JJJJ-MM-DD en ligt niet na de startdatum van het "
            "traject; anders is het een fout. Een waarschuwing volgt als de cliënt bij de start van het "
            "traject jonger dan 18 of ouder dan 100 is. Een opvuldatum (1900-01-01, 1970-01-01 of "
            "0001-01-01) is een waarschuwing, in welk datumveld die ook staat."
        ),
        why=(
            "In het schema is Geboortedatum gewone tekst, dus het schema controleert de datum niet. Een "
            "onmogelijke geboortedatum geeft een verkeerde leeftijd in de cijfers. Datums als 1900-01-01 "
            "of 1970-01-01 zijn meestal een standaardwaarde van het systeem voor 'onbekend'."
        ),
        fix=(
            "Corrigeer de geboortedatum in de registratie. Is een datum onbekend, laat het veld dan weg in "
            "plaats van een standaarddatum in te vullen."
        ),
        example=(
            'Geboortedatum "1900-01-01" (een standaardwaarde), of een geboortedatum na de start van '
            "het traject."
        ),
        source=_MODEL + "; " + _PLAUS,
        domains=_SHV,
    ),
    Rule(
        code="C04",
        name="gender-values",
        severity="warning",
        other_severities=(),
        title="Geslachtsaanduiding heeft een onbekende waarde",
        checks="Geslachtsaanduiding is Man, Vrouw, Onbekend of Leeg.",
        why=(
            "Volgens de Vraag en Antwoord SHV had het schema deze lijst moeten gebruiken. Andere waarden "
            "worden niet goed geteld."
        ),
        fix=(
            "Gebruik Man, Vrouw, Onbekend of Leeg. Laat de export andere codes (zoals M, V of X) omzetten "
            "naar deze waarden."
        ),
        example='Geslachtsaanduiding "M" in plaats van "Man".',
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="C05",
        name="address-format",
        severity="warning",
        other_severities=(),
        title="Postcode of huisnummer heeft een onjuiste vorm",
        checks=(
            "Postcode is een Nederlandse postcode: 4 cijfers en 2 letters (1234AB; een spatie ertussen "
            "mag). Huisnummer bestaat alleen uit cijfers."
        ),
        why=(
            "Zonder BSN zijn postcode en huisnummer nodig om de cliënt te herkennen. In een verkeerde vorm "
            "lukt die koppeling niet."
        ),
        fix=(
            "Vul de postcode in als 4 cijfers en 2 letters. Zet een toevoeging (zoals A of bis) in "
            "Huisnummertoevoeging en niet in Huisnummer."
        ),
        example='Huisnummer "12a": de toevoeging hoort in Huisnummertoevoeging.',
        source=_MODEL + "; " + _PLAUS,
        domains=_SHV,
    ),
    Rule(
        code="C06",
        name="distinct-clients",
        severity="error",
        other_severities=(),
        title="De twee cliënten van een traject zijn dezelfde persoon",
        checks="De twee cliënten van één traject zijn verschillende personen (verschillende cliëntsleutel).",
        why=(
            "Een traject kan twee cliënten hebben, bijvoorbeeld partners. Staat dezelfde persoon er twee "
            "keer in, dan wordt een cliënt te veel geteld."
        ),
        fix="Haal de dubbele cliënt weg, of vul de gegevens van de tweede persoon in.",
        example="Een traject met twee cliënten met hetzelfde BSN.",
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="C07",
        name="client-overlap",
        severity="error",
        other_severities=(),
        title="Cliënt zit in twee trajecten tegelijk",
        checks=(
            "Een cliënt zit in hoogstens één traject tegelijk: twee trajecten met dezelfde cliëntsleutel "
            "overlappen niet in tijd, binnen de bestanden die samen gecontroleerd worden. Een traject "
            "zonder einddatum loopt nog. Trajecten van verschillende organisaties die overlappen, zijn "
            "samenloop (C08) en geen C07-fout."
        ),
        why=(
            "Twee trajecten tegelijk voor één cliënt tellen de cliënt dubbel; meestal is het oude traject "
            "niet afgesloten of is één traject twee keer geregistreerd. "
            + _BESLUIT_OPEN_END
            + " "
            + _BESLUIT_OVERLAP
            + " "
            + _ORGANISATIE
        ),
        fix=(
            "Sluit het oude traject af met een einddatum, of voeg de twee trajecten samen als het om één "
            "traject gaat."
        ),
        example=(
            "Dezelfde cliënt in een traject vanaf 2024-01-10 zonder einddatum en in een traject vanaf "
            "2024-03-01, bij dezelfde organisatie."
        ),
        source=_MODEL,
        domains=_SHV,
    ),
    Rule(
        code="C08",
        name="samenloop",
        severity="info",
        other_severities=(),
        title="Samenloop: cliënt ook in traject van andere organisatie",
        checks=(
            "Dezelfde cliënt zit in overlappende trajecten die door verschillende organisaties zijn "
            "geleverd (andere bestanden of leveringen)."
        ),
        why=(
            "CBS voegt zulke trajecten samen (samenloop). De melding is geen fout: ze is er zodat beide "
            "partijen kunnen nagaan of het klopt. " + _BESLUIT_OVERLAP + " " + _ORGANISATIE
        ),
        fix=(
            "Niets nodig als beide trajecten kloppen. Klopt er een niet, overleg dan met de andere "
            "organisatie."
        ),
        example="Een cliënt in een traject bij de gemeente en tegelijk in een traject bij een kredietbank.",
        source="CBS-verwerking DDAS (samenloop)",
        domains=_SHV,
    ),
    Rule(
        code="C09",
        name="pseudonym-shape",
        severity="warning",
        other_severities=(),
        title="Pseudoniemen in het BSN-veld hebben niet één vorm",
        checks=(
            "Alleen in het profiel geanonimiseerd (--profile geanonimiseerd): alle pseudoniemen in het BSN-veld "
            "van een bestand hebben dezelfde vorm, dat is dezelfde lengte en dezelfde soort tekens (cijfers, "
            "hex, hex met streepjes, letters, letters en cijfers, base64-tekens, andere tekens). Eén melding per "
            "bestand, met per vorm het aantal pseudoniemen."
        ),
        why=(
            "Eén pseudonimisering geeft elk pseudoniem dezelfde vorm. Twee vormen in één bestand wijzen op twee "
            "bronnen of sleutels (dan koppelt dezelfde persoon niet meer tussen trajecten en bestanden: C07, C08 "
            "en de aantallen kloppen niet), of op waarden die niet gepseudonimiseerd zijn: negen cijfers tussen "
            "lange pseudoniemen kunnen echte BSN's zijn. Besluit: een waarschuwing, want een pseudonimisering "
            "met wisselende lengte (bijvoorbeeld een teller zonder voorloopnullen) geeft deze melding ook; sla "
            "C09 dan over met --ignore C09. De melding noemt alleen lengtes, soorten tekens en aantallen, nooit "
            "een pseudoniem. In het standaardprofiel zwijgt C09 (daar controleert C01 de BSN's)."
        ),
        fix=(
            "Pseudonimiseer alle cliënten van het bestand op dezelfde manier, met dezelfde sleutel, en controleer "
            "of er geen BSN's zijn blijven staan."
        ),
        example="3.412 pseudoniemen van 36 tekens (hex met streepjes) en 12 van 9 tekens (cijfers) in één bestand.",
        source="DDAS-team, geanonimiseerde steekproeven",
        domains=_SHV,
        beyond="#12",
    ),
    # ----------------------------------------------------------------- D: schulden
    Rule(
        code="D01",
        name="zero-debt",
        severity="warning",
        other_severities=(),
        title="Schuld met bedrag 0",
        checks="Een schuld in schulden[] heeft bedrag 0.",
        why=(
            "Een schuld van € 0 is geen schuld. Vaak is het bedrag niet ingevuld en heeft de export er 0 "
            "van gemaakt."
        ),
        fix="Vul het juiste bedrag in, of haal de schuld weg als er geen schuld is.",
        example="schulden[].bedrag 0 bij schuldsoort Nuts.",
        source=_PLAUS,
        domains=_SHV,
    ),
    Rule(
        code="D02",
        name="debt-peildatum",
        severity="warning",
        other_severities=(),
        title="Peildatum van een schuld is onwaarschijnlijk",
        checks=(
            "De peildatum van een schuld ligt na de aanleverdatum, of meer dan 2 jaar vóór de startdatum "
            "van het traject. Het aantal jaren is instelbaar."
        ),
        why=(
            "De peildatum hoort bij het bedrag van de schuld. Een datum na de aanlevering kan niet; een "
            "datum jaren vóór het traject is meestal een tikfout of hoort bij een verouderd bedrag."
        ),
        fix="Controleer de peildatum en vul de datum in waarop het bedrag van de schuld is vastgesteld.",
        example="peildatum 2019-05-01 bij een traject dat op 2024-02-01 begon.",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_years_before_start": 2},
    ),
    Rule(
        code="D03",
        name="creditor-name",
        severity="warning",
        other_severities=(),
        title="De twee namen van de schuldeiser verschillen",
        checks="De velden naam en Naam van de schuldeiser verschillen, terwijl beide gevuld zijn.",
        why=(
            "Volgens de Vraag en Antwoord SHV horen beide velden dezelfde waarde te hebben. Alleen een echt "
            "verschil telt: hoofdletters en extra spaties niet (\"ENECO\" en \"Eneco \" zijn dezelfde naam); "
            "dat is strenger noch losser dan nodig om dezelfde schuldeiser te herkennen."
        ),
        fix="Vul in beide velden dezelfde naam van de schuldeiser in.",
        example='naam "Woningcorporatie Noord" en Naam "Energiebedrijf Zuid" bij dezelfde schuldeiser.',
        source=_QA,
        domains=_SHV,
    ),
    Rule(
        code="D04",
        name="creditor-kvk",
        severity="warning",
        other_severities=(),
        title="KvK-nummer van de schuldeiser is onjuist",
        checks=(
            "Het kvknummer van de schuldeiser bestaat uit 8 cijfers, als het gevuld is. Een schuldeiser met "
            "privepersoon = true heeft geen kvknummer."
        ),
        why=(
            "Met het KvK-nummer is een zakelijke schuldeiser te herkennen. Een privépersoon staat niet met "
            "een KvK-nummer ingeschreven, dus allebei tegelijk spreekt elkaar tegen."
        ),
        fix=(
            "Vul het KvK-nummer in met 8 cijfers, of haal het weg bij een schuldeiser die een privépersoon "
            "is."
        ),
        example='Een schuldeiser met privepersoon true en toch een kvknummer, of kvknummer "1234".',
        source=_MODEL + "; " + _PLAUS,
        domains=_SHV,
    ),
    Rule(
        code="D05",
        name="missing-debts",
        severity="warning",
        other_severities=(),
        title="Schuldregeling of oplossing zonder schulden",
        checks="Een traject met een schuldregeling of oplossing heeft geen schulden in de lijst.",
        why=(
            "Een schuldregeling of oplossing gaat over schulden. Zonder lijst ontbreken de bedragen en de "
            "verdeling per schuldsoort in de cijfers."
        ),
        fix="Registreer de schulden van de cliënt, of controleer of de export de schulden meeneemt.",
        example="Een traject met oplossing.soort Saneringskrediet en een lege lijst schulden.",
        source=_PLAUS,
        domains=_SHV,
    ),
    # ----------------------------------------------------------------- A: aantallen en plausibiliteit
    Rule(
        code="A01",
        name="too-few-clients",
        severity="error",
        other_severities=("warning",),
        title="Onwaarschijnlijk weinig cliënten voor de gemeente",
        checks=(
            "Het aantal unieke actieve cliënten van een gemeente ligt ver onder wat het aantal inwoners "
            "doet verwachten. Verwacht = inwoners × referentiegetal (standaard 5 actieve cliënten per 1.000 "
            "inwoners per jaar, naar rato voor een half jaar; instelbaar). Fout onder 10% van het verwachte "
            "aantal, waarschuwing onder 33%; allebei alleen voor gemeenten met ten minste 10.000 inwoners. "
            "Een cliënt is actief als een processtap in de peilperiode begon, of als de cliënt in de "
            "peilperiode is uitgestroomd."
        ),
        why=(
            "CBS publiceert zulke cijfers niet. Het protocol geeft als voorbeeld 'een grote gemeente met "
            "in totaal maar één SHV-cliënt'. Meestal ontbreken trajecten in de export of hebben trajecten "
            "een verkeerde gemeentecode. " + _BESLUIT_TELLING + " Besluit: het referentiegetal is 5 "
            "actieve cliënten per 1.000 inwoners per jaar, de orde van grootte van de landelijke instroom "
            "in de schuldhulpverlening (ongeveer 90.000 huishoudens per jaar op ongeveer 18 miljoen "
            "inwoners); voor een half jaar de helft. Gemeenten met minder dan 10.000 inwoners worden "
            "overgeslagen, omdat de aantallen daar te veel schommelen. Besluit: een gemeentecode die in de "
            "peilperiode niet bestond, meldt T06; A01 en A02 slaan zo'n code over, want het inwonertal van een "
            "opgeheven gemeente zegt niets over het aantal cliënten nu."
        ),
        fix=(
            "Controleer of de export alle trajecten van de peilperiode bevat (ook die van andere teams of "
            "systemen) en of de gemeentecodes kloppen. Leveren meerdere organisaties voor de gemeente, "
            "controleer hun bestanden dan samen."
        ),
        example=(
            "Een gemeente met 150.000 inwoners heeft 30 actieve cliënten in een half jaar; verwacht zijn "
            "er ongeveer 375."
        ),
        source="Aanleverprotocol DDAS; " + _PLAUS,
        domains=_SHV,
        thresholds={
            "reference_rate_per_1000": 5.0,
            "error_ratio": 0.10,
            "warning_ratio": 0.33,
            "min_inwoners": 10000,
        },
    ),
    Rule(
        code="A02",
        name="too-many-clients",
        severity="warning",
        other_severities=(),
        title="Onwaarschijnlijk veel cliënten voor de gemeente",
        checks=(
            "Het aantal unieke actieve cliënten van een gemeente is meer dan 5 keer het verwachte aantal "
            "(berekend zoals bij A01), en er zijn ten minste 20 cliënten geteld. Beide grenzen zijn "
            "instelbaar."
        ),
        why=(
            "Zoveel cliënten wijst op een dubbele levering of een verkeerde gemeentecode. "
            + _BESLUIT_TELLING
            + " Besluit: het verwachte aantal komt uit het referentiegetal van A01 "
            "(standaard 5 actieve cliënten per 1.000 inwoners per jaar, naar rato voor een half jaar). De "
            "regel geldt pas vanaf 20 getelde cliënten, omdat een handvol cliënten in een kleine gemeente "
            "geen teken is van een dubbele levering."
        ),
        fix=(
            "Controleer of een bestand of levering twee keer is meegenomen, en of de trajecten de juiste "
            "gemeentecode hebben."
        ),
        example=(
            "Een gemeente met 20.000 inwoners heeft 300 actieve cliënten in een half jaar; verwacht zijn "
            "er ongeveer 50."
        ),
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_ratio": 5.0, "min_clients": 20},
    ),
    Rule(
        code="A03",
        name="fill-rate",
        severity="warning",
        other_severities=(),
        title="Veld dat normaal gevuld is, is vaak leeg",
        checks=(
            "Voor elk veld wordt berekend welk deel van de records het veld vult. Een waarschuwing volgt "
            "als een veld dat normaal gevuld is, in meer dan 20% van de records leeg is (instelbaar). Het "
            "gaat om: BSN, geboortedatum, aanmelding.startdatum, intake.startdatum (bij trajecten voorbij "
            "de intake) en schulden (bij trajecten in een schuldregeling)."
        ),
        why=(
            "Als een veld bij veel records leeg is, ligt dat meestal aan de export of aan de manier van "
            "registreren, niet aan de cliënten. Zulke gegevens zijn voor de cijfers niet goed bruikbaar. "
            "Besluit: anders dan A04 geldt A03 ook voor kleine bestanden; de melding staat op $ en noemt het "
            "veld, het aantal lege records en het totaal."
        ),
        fix=(
            "Kijk om welke velden het gaat. Ga na of het veld in de registratie wordt ingevuld en of de "
            "export het meeneemt."
        ),
        example="Bij 35% van de trajecten ontbreekt aanmelding.startdatum.",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_empty_share": 0.20},
    ),
    Rule(
        code="A04",
        name="value-concentration",
        severity="warning",
        other_severities=(),
        title="Verdacht veel records met dezelfde waarde",
        checks=(
            "Meer dan 50% van de records heeft dezelfde datum in een datumveld, of hetzelfde bedrag in een "
            "bedragveld. Alleen voor velden die in ten minste 10 records gevuld zijn. Beide grenzen zijn "
            "instelbaar."
        ),
        why=(
            "Zoveel gelijke waarden wijzen op een standaardwaarde uit een conversie, bijvoorbeeld elke "
            "startdatum 2024-01-01 na een overstap naar andere software. Besluit: de regel geldt alleen "
            "voor velden die in ten minste 10 records gevuld zijn. De geboortedatum doet niet mee: de melding "
            "noemt de waarde, en een geboortedatum komt nooit in de uitvoer (privacy); een standaardwaarde als "
            "1900-01-01 meldt C03."
        ),
        fix=(
            "Zoek de echte datums of bedragen op in de dossiers, of laat het veld weg als de waarde "
            "onbekend is."
        ),
        example="Bij 80% van de trajecten is de startdatum 2024-01-01.",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_share": 0.5, "min_records": 10},
    ),
    Rule(
        code="A05",
        name="change-since-previous",
        severity="warning",
        other_severities=(),
        title="Grote verandering ten opzichte van de vorige levering",
        checks=(
            "Vergeleken met een vorige levering van dezelfde organisatie (opgegeven met --previous): per "
            "gemeentecode is het aantal trajecten of het aantal unieke actieve cliënten meer dan 50% veranderd "
            "(instelbaar: max_change = 0.5), omhoog of omlaag. Een gemeente die de vorige keer wel en nu niet "
            "voorkomt, is een verandering van -100%; een gemeente die nieuw is, wordt ook gemeld. Zonder "
            "--previous wordt niets vergeleken."
        ),
        why=(
            "Zo'n grote sprong komt zelden door een echte verandering. Meestal ontbreken trajecten, zijn "
            "ze dubbel meegenomen, of is de selectie van de export veranderd. Besluit: er wordt per "
            "gemeentecode over alle bestanden van de controle geteld, zoals bij A01; de vorige levering "
            "doorloopt dezelfde stappen (lezen, herkennen, omzetten) maar wordt zelf niet gecontroleerd. "
            "Zijn de peilperioden niet even lang (half jaar tegenover heel jaar), dan zegt de melding dat."
        ),
        fix=(
            "Vergelijk de selectie van de export (periode, gemeenten, teams) met die van de vorige keer. Is "
            "de verandering echt, dan kan de waarschuwing blijven staan."
        ),
        example="De vorige levering had 400 trajecten, deze levering heeft er 150.",
        source=_PLAUS,
        domains=_SHV,
        thresholds={"max_change": 0.5},
    ),
    # ----------------------------------------------------------------- V: vroegsignalering
    Rule(
        code="V01",
        name="vs-gemeentecode",
        severity="error",
        other_severities=(),
        title="Levering vroegsignalering zonder geldige gemeentecode",
        checks=(
            "Elke levering vroegsignalering is voor precies één gemeente: de gemeentecode is gevuld, heeft "
            "de juiste vorm en bestond in de peilperiode (dezelfde controles als T04 en T06)."
        ),
        why=(
            "Vroegsignalen worden per gemeente geteld. Zonder geldige gemeentecode horen ze bij geen "
            "enkele gemeente. Besluit: 'Onbekend' is bij VS een fout (een levering vroegsignalering is voor "
            "precies één gemeente, en die is bekend); een gemeentecode die geen tekst is, meldt S01."
        ),
        fix=(
            "Vul de CBS-gemeentecode in (4 cijfers, bijvoorbeeld 0363) die in de peilperiode gold. Maak "
            "voor elke gemeente een eigen levering."
        ),
        example="Een levering zonder gemeentecode, of met de code van een opgeheven gemeente.",
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V02",
        name="signal-id-unique",
        severity="error",
        other_severities=(),
        title="ID van een vroegsignaal komt dubbel voor",
        checks="vroegsignalen[].ID is uniek binnen de levering.",
        why=(
            "Zaken verwijzen naar vroegsignalen via het ID. Met een dubbel ID is niet duidelijk welk signaal "
            "bedoeld is, en telt een signaal dubbel."
        ),
        fix=(
            "Geef elk vroegsignaal in de levering een eigen ID. Meestal zit de fout in de export; meld het "
            "dan bij de leverancier van de software."
        ),
        example='Twee vroegsignalen in één levering met ID "VS-0001".',
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V03",
        name="zaak-signal-reference",
        severity="error",
        other_severities=("warning",),
        title="Zaak verwijst naar een vroegsignaal dat er niet is",
        checks=(
            "Elk ID in vroegsignaalzaken[].vroegsignalen[] verwijst naar een vroegsignaal in dezelfde "
            "levering; anders is het een fout. Een waarschuwing volgt als één signaal in meer dan één zaak "
            "zit."
        ),
        why=(
            "Een zaak zonder bijbehorend signaal is niet te koppelen aan een signaalpartner of "
            "signaaldatum. Een signaal in twee zaken wordt dubbel geteld. Besluit: de fout staat bij de "
            "verwijzing in de zaak; de waarschuwing bij de verwijzing in de tweede en volgende zaak."
        ),
        fix=(
            "Neem het ontbrekende vroegsignaal op in dezelfde levering of corrigeer het ID in de zaak. "
            "Koppel elk signaal aan één zaak."
        ),
        example='Een zaak met vroegsignalen ["VS-0007"], terwijl de levering geen signaal VS-0007 heeft.',
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V04",
        name="signal-dates",
        severity="error",
        other_severities=(),
        title="Datums van een vroegsignaal in verkeerde volgorde",
        checks="ontstaansdatum ≤ signaaldatum ≤ aanleverdatum (aanleverdatumEnTijd).",
        why=(
            "Een signaal kan niet binnenkomen voordat de achterstand is ontstaan, en niet na het moment "
            "van aanleveren. Besluit: vergeleken wordt met de kalenderdag van aanleverdatumEnTijd zoals die "
            "in het bestand staat (zoals bij L03)."
        ),
        fix="Corrigeer de datum die fout is; vaak zijn ontstaansdatum en signaaldatum verwisseld.",
        example="ontstaansdatum 2024-05-01 en signaaldatum 2024-04-15.",
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V05",
        name="signal-in-period",
        severity="error",
        other_severities=(),
        title="Signaaldatum valt buiten de peilperiode",
        checks=(
            "De signaaldatum ligt in de peilperiode. Voor een signaal dat bij een zaak hoort, is het "
            "genoeg dat de zaak de peilperiode overlapt (de matchingsperiode van "
            "startdatum_matchtingperiode tot einddatum_matchingperiode; zonder einddatum loopt de zaak nog)."
        ),
        why=(
            "Alleen signalen uit de peilperiode horen in deze levering; een signaal daarbuiten wordt in de "
            "verkeerde periode geteld. Besluit: een zaak begint op startdatum_matchtingperiode (anders "
            "matchingsdatum, anders datum_opgepakt) en overlapt de peilperiode als ze uiterlijk op "
            "einddatumLevering begint en de matchingsperiode niet vóór startdatumLevering eindigt. Een zaak "
            "die de peilperiode niet overlapt, krijgt zelf ook deze fout."
        ),
        fix=(
            "Pas de selectie van de export aan, zodat alleen signalen en zaken uit de peilperiode meekomen."
        ),
        example="signaaldatum 2023-11-20, zonder zaak, in een levering over 2024-01-01 tot 2024-03-31.",
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V06",
        name="zaak-dates",
        severity="error",
        other_severities=(),
        title="Datums van een vroegsignaalzaak in verkeerde volgorde",
        checks=(
            "startdatum_matchtingperiode ≤ einddatum_matchingperiode; matchingsdatum ligt niet vóór de "
            "start van de matchingsperiode; datum_opgepakt ligt niet vóór matchingsdatum; contactpogingen "
            "liggen niet vóór de signaaldatum en niet na de aanleverdatum."
        ),
        why=(
            "De datums van een zaak hebben een vaste volgorde: eerst de matchingsperiode en de match, "
            "daarna het oppakken; contact kan pas na het signaal en vóór de aanlevering. Een andere "
            "volgorde wijst op een verkeerde datum. Besluit: 'de signaaldatum' van een zaak is de "
            "vroegste signaaldatum van de signalen in die zaak."
        ),
        fix="Corrigeer de datum die fout is in de registratie.",
        example="matchingsdatum 2024-03-01 en datum_opgepakt 2024-02-20.",
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V07",
        name="vs-contradiction",
        severity="warning",
        other_severities=(),
        title="Tegenstrijdige gegevens bij vroegsignalering",
        checks=(
            "Drie tegenstrijdigheden: een contactpoging met bereikt = true bij resultaat 'Definitief geen "
            "contact kunnen krijgen'; een resultaat van de soort 'Niet opgepakt' met contactpogingen; een "
            "signaal met status 'Nog niet opgepakt' dat bij een zaak met een resultaat hoort."
        ),
        why=(
            "Deze gegevens spreken elkaar tegen, dus ten minste één ervan klopt niet. Besluit: dit blijft "
            "een waarschuwing en wordt geen fout, want tot en met VS v1.1 heeft de statuslijst geen waarde "
            "'Opgepakt'; een signaal dat wel is opgepakt, mag dus terecht geen status hebben (ook in v1.2 "
            "is de status niet verplicht). Een signaal met status 'Opgepakt' (v1.2) in een zaak met een "
            "resultaat is geen tegenstrijdigheid."
        ),
        fix=(
            "Pas het resultaat, de contactpoging of de status aan zodat ze bij elkaar passen. Werk de "
            "status van een signaal bij zodra het is opgepakt."
        ),
        example=(
            "Een contactpoging met bereikt true, terwijl het resultaat 'Definitief geen contact kunnen "
            "krijgen' is."
        ),
        source=_MODEL_VS + "; " + _PLAUS,
        domains=_VS,
    ),
    Rule(
        code="V08",
        name="vs-amount",
        severity="warning",
        other_severities=(),
        title="Bedrag van een vroegsignaal negatief of uitzonderlijk hoog",
        checks="Het bedrag van een vroegsignaal is 0 of meer en lager dan € 100.000 (instelbaar).",
        why=(
            "Een negatief bedrag kan niet. Een achterstand van € 100.000 of meer is onwaarschijnlijk en "
            "meestal een invoerfout, bijvoorbeeld een bedrag in centen in plaats van in euro's."
        ),
        fix="Controleer het bedrag bij de signaalpartner en corrigeer het.",
        example="bedrag 125000, terwijl de achterstand € 1.250 is (het bedrag staat in centen).",
        source=_PLAUS,
        domains=_VS,
        thresholds={"max_bedrag": 100000},
    ),
    Rule(
        code="V09",
        name="vs-client-identifiable",
        severity="error",
        other_severities=(),
        title="Cliënt van een vroegsignaal is niet te herkennen",
        checks=(
            "De cliënt heeft een geldig BSN (9 cijfers, elfproef) of een postcode en huisnummer, met de "
            "veldnamen van de versie (Burgerservicenummer, Postcode en Huisnummer tot en met v1.0; "
            "burgerservicenummer, postcode en huisnummer vanaf v1.1)."
        ),
        why=(
            "Tot en met v1.0 vraagt het uitwisselmodel ten minste het adres van de cliënt. Zonder BSN en "
            "zonder adres is het signaal niet aan een inwoner te koppelen. Besluit: een BSN dat de elfproef "
            "niet haalt, telt niet; met postcode en huisnummer is de cliënt dan toch te herkennen en volgt "
            "geen melding. Vanaf v1.1 heeft een cliënt óf alleen een BSN, óf geen BSN en wel postcode en "
            "huisnummer; dat bewaakt het schema zelf (S01). Besluit: één fout, één melding. Heeft de cliënt "
            "geen van die twee vormen, dan meldt alleen S01 dat. Heeft hij er wel een, dan meldt V09 nog een "
            "BSN dat de elfproef niet haalt (een adres mag er dan niet bij) of een lege postcode of huisnummer."
        ),
        fix=(
            "Vul het BSN of de postcode en het huisnummer van de cliënt in. Vanaf v1.1: corrigeer het BSN, "
            "of laat het weg en vul postcode en huisnummer in."
        ),
        example="Een vroegsignaal met een cliënt zonder BSN en zonder postcode.",
        source=_MODEL_VS,
        domains=_VS,
    ),
    Rule(
        code="V10",
        name="vs-signal-volume",
        severity="error",
        other_severities=("warning",),
        title="Onwaarschijnlijk aantal vroegsignalen voor de gemeente",
        checks=(
            "Dezelfde werkwijze als A01 en A02, maar voor vroegsignalen per 1.000 inwoners. Verwacht = "
            "inwoners × referentiegetal (standaard 60 signalen per 1.000 inwoners per jaar, naar rato voor "
            "de lengte van de peilperiode; instelbaar). Fout onder 10% van het verwachte aantal, "
            "waarschuwing onder 33%; allebei alleen voor gemeenten met ten minste 10.000 inwoners. "
            "Waarschuwing boven 5 keer het verwachte aantal, alleen als er ten minste 20 signalen zijn "
            "geteld."
        ),
        why=(
            "Veel te weinig signalen wijst op een onvolledige export of een verkeerde gemeentecode; veel te "
            "veel op een dubbele levering. " + _BESLUIT_TELLING + " Besluit: het referentiegetal is 60 "
            "signalen per 1.000 inwoners per jaar; verder gelden dezelfde grenzen als bij A01 en A02. "
            "Geteld worden alle vroegsignalen van de leveringen met die gemeentecode, ook signalen zonder "
            "zaak. Bevat één bestand leveringen voor meer gemeenten, dan staat de melding bij de levering "
            "van de gemeente in plaats van bij $."
        ),
        fix=(
            "Controleer of de export alle signalen van de peilperiode bevat, of er niets dubbel is "
            "meegenomen en of de gemeentecode klopt."
        ),
        example=(
            "Een gemeente met 50.000 inwoners heeft 12 vroegsignalen in een kwartaal; verwacht zijn er "
            "ongeveer 750."
        ),
        source=_PLAUS,
        domains=_VS,
        thresholds={
            "reference_rate_per_1000": 60.0,
            "error_ratio": 0.10,
            "warning_ratio": 0.33,
            "min_inwoners": 10000,
            "max_ratio": 5.0,
            "min_signals": 20,
        },
    ),
)

CATALOGUE: dict[str, Rule] = {rule.code: rule for rule in RULES}

if len(CATALOGUE) != len(RULES):  # pragma: no cover - guards against a copy-paste slip in the table
    raise ValueError("duplicate rule code in the catalogue")


class UnknownRuleError(KeyError):
    """A rule code that is not in the catalogue; the message is Dutch and user-facing."""

    def __str__(self) -> str:
        # KeyError would show the message in quotes; this one is meant to be read as is.
        return str(self.args[0]) if self.args else ""


def _unknown_code_message(code: str) -> str:
    """Dutch message for an unknown code, naming the nearest existing codes."""
    import difflib  # only needed for this error message; kept out of the import path

    hint = "Alle regels met hun code ziet u met: ddas-quality rules"
    group = code[:1]
    if group in GROUPS:
        in_group = [c for c in CATALOGUE if c.startswith(group)]
        text = (
            f"Onbekende regelcode '{code}'. Groep {group} ({GROUPS[group]}) loopt van {in_group[0]} tot en "
            f"met {in_group[-1]}."
        )
        if code[1:].isdigit():
            number = int(code[1:])
            nearest = sorted(sorted(in_group, key=lambda c: (abs(int(c[1:]) - number), c))[:3])
            text = text[:-1] + f"; bedoelt u {_join_or(nearest)}?"
        return f"{text} {hint}"
    similar = difflib.get_close_matches(code, list(CATALOGUE), n=3, cutoff=0.6)
    groups = ", ".join(f"{letter} ({name})" for letter, name in GROUPS.items())
    suggestion = f" Bedoelt u {_join_or(similar)}?" if similar else ""
    return f"Onbekende regelcode '{code}'.{suggestion} De groepen zijn: {groups}. {hint}"


def _join_or(codes: list[str]) -> str:
    if len(codes) <= 1:
        return "".join(codes)
    return ", ".join(codes[:-1]) + " of " + codes[-1]


def get_rule(code: str) -> Rule:
    """The rule with this code (case and spaces ignored); UnknownRuleError (a KeyError) if there is none."""
    normalized = code.strip().upper()
    try:
        return CATALOGUE[normalized]
    except KeyError:
        raise UnknownRuleError(_unknown_code_message(normalized)) from None


def rules_for_domain(domain: str, *, include_removed: bool = False) -> list[Rule]:
    """The rules that apply to a domain ("SHV" or "VS", any case), in catalogue order."""
    normalized = domain.strip().upper()
    if normalized not in DOMAINS:
        raise ValueError(
            f"Onbekend domein '{domain}'. Kies SHV (schuldhulpverlening) of VS (vroegsignalering)."
        )
    return [rule for rule in RULES if normalized in rule.domains and (include_removed or not rule.removed)]
