"""VS versions told apart by fields and values only some versions have.

What changed between the published versions (read from the schemas themselves):
- v0.9 -> v1.0: value lists only. contactsoort loses "Overige" and gains "Afspraak op locatie"; eindresultaat
  "Inwoner hoeft geen hulp vanuit vroegsignalering" becomes "Inwoner regelt het zelf/hoeft geen hulp vanuit
  vroegsignalering" and "Verwijzing zonder contact" becomes "Verwijzing zonder toestemming".
- v1.0 -> v1.1 (draft): the client is rebuilt with lowercase fields (`burgerservicenummer`, `postcode`, ...),
  without names, street and city, with `geslachtsaanduiding`; either a BSN alone or postcode and huisnummer.
- v1.1 -> v1.2: camelCase names (`aanleverendeOrganisatie`, `contactpersonen`, `startdatumMatchingperiode`,
  `datumOpgepakt`, `einddatumMatchingperiode`) and longer value lists.

So the order of the signs is: a camelCase name means v1.2; else a lowercase client field means v1.1; else the
file has the v0.9/v1.0 shape, and a value that only one of those two has decides. A file in that shape without
such a value fits both: it is checked as the current version (`domains/vs/__init__.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...identify import leveringen

# Keys that only v1.2 has (renamed from snake_case), per object.
V12_LEVERING_KEYS = ("aanleverendeOrganisatie",)
V12_ORGANISATIE_KEYS = ("contactpersonen",)
V12_ZAAK_KEYS = ("startdatumMatchingperiode", "datumOpgepakt", "einddatumMatchingperiode")
# Client fields of v1.1 and later (all lowercase) and of v0.9/v1.0 (capitalised).
V11_CLIENT_KEYS = ("burgerservicenummer", "geslachtsaanduiding", "geboortedatum", "postcode", "huisnummer",
                   "huisnummertoevoeging")
V09_CLIENT_KEYS = ("Burgerservicenummer", "Voorletters", "Voorvoegsel", "Achternaam", "Geboortedatum",
                   "Straatnaam", "Postcode", "Huisnummer", "Huisnummertoevoeging", "Plaatsnaam")
# Values of the v0.9/v1.0 shape that only one of the two versions allows (field, value).
V09_ONLY_VALUES = (("resultaat", "Inwoner hoeft geen hulp vanuit vroegsignalering"),
                   ("resultaat", "Verwijzing zonder contact"), ("soort", "Overige"))
V10_ONLY_VALUES = (("resultaat", "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"),
                   ("resultaat", "Verwijzing zonder toestemming"), ("soort", "Afspraak op locatie"))


def _dicts(value: object) -> Iterator[dict]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _first_key(obj: dict, keys: tuple[str, ...]) -> str | None:
    return next((key for key in keys if key in obj), None)


def version_signs(document: object) -> tuple[str, str] | None:
    """(version, how) from the first telling field or value, or None when nothing tells.

    Nothing tells for a file without leveringen, or with snake_case names only (v0.9 to v1.1) and no client
    and no value of one version: the current version is then tried first (`identify.identify`).
    """
    v11 = None                # a lowercase client field (v1.1 and later) seen
    v09_value = v10_value = None
    for levering in leveringen(document):
        zaken = list(_dicts(levering.get("vroegsignaalzaken")))
        key = _first_key(levering, V12_LEVERING_KEYS)
        for organisatie in (levering.get("aanleverendeOrganisatie"), levering.get("aanleverende_organisatie")):
            if key is None and isinstance(organisatie, dict):
                key = _first_key(organisatie, V12_ORGANISATIE_KEYS)
        for zaak in zaken:
            key = key or _first_key(zaak, V12_ZAAK_KEYS)
        if key:
            return "1.2", f"vorm ({key} is nieuw in v1.2)"
        for signaal in _dicts(levering.get("vroegsignalen")):
            client = signaal.get("client")
            if isinstance(client, dict):
                v11 = v11 or _first_key(client, V11_CLIENT_KEYS)
        for zaak in zaken:
            values = [("resultaat", zaak.get("resultaat"))]
            values += [("soort", poging.get("soort")) for poging in _dicts(zaak.get("contactpogingen"))]
            v09_value = v09_value or next((v for v in values if v in V09_ONLY_VALUES), None)
            v10_value = v10_value or next((v for v in values if v in V10_ONLY_VALUES), None)
    if v11:
        return "1.1", f"vorm (client.{v11} met kleine letters is nieuw in v1.1)"
    # The newer version wins when a file mixes values of both: S01 then names v1.0's lists.
    if v10_value:
        return "1.0", f"waarde ({v10_value[0]} '{v10_value[1]}' is nieuw in v1.0)"
    if v09_value:
        return "0.9", f"waarde ({v09_value[0]} '{v09_value[1]}' bestaat alleen in v0.9)"
    return None  # the v0.9/v1.0 shape without a telling value fits both: the current version (v0.9) decides
