"""A generated VS delivery written in one version of the exchange model (v0.9, v1.0, v1.1 draft or v1.2).

The builder and the defect injectors work on one shape (v0.9's names, a client with BSN, name and address);
`in_version` then writes that delivery the way the asked version defines it, without a random draw (the same
seed gives the same delivery in every version, and a defect lands on the same path):

- v1.0: value lists only. contactsoort "Overige" is gone ("Afspraak op locatie" in its place) and eindresultaat
  "Inwoner hoeft geen hulp vanuit vroegsignalering" is "Inwoner regelt het zelf/hoeft geen hulp ...".
- v1.1: the client is either a BSN alone, or (without BSN) geslachtsaanduiding, geboortedatum, postcode and
  huisnummer, all in lowercase; names, street and city are gone.
- v1.2: camelCase names (aanleverendeOrganisatie, contactpersonen, startdatumMatchingperiode, datumOpgepakt,
  einddatumMatchingperiode); "Overige" is a contactsoort again, and a signal whose zaak was picked up and
  that has no status of its own gets the new status "Opgepakt".
"""

from __future__ import annotations

from .. import DOMAIN

#: The versions the generator writes, newest first (every version the tool checks).
SUPPORTED_VERSIONS = DOMAIN.versions

_V09_ONLY = {"Inwoner hoeft geen hulp vanuit vroegsignalering":
             "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"}
_RENAMED_V12 = {"startdatum_matchtingperiode": "startdatumMatchingperiode", "datum_opgepakt": "datumOpgepakt",
                "einddatum_matchingperiode": "einddatumMatchingperiode"}


def check_version(version: str | None) -> str:
    """The version asked (default: the current one); ValueError (Dutch) for one the generator cannot write."""
    version = (version or DOMAIN.current).strip().lstrip("vV")
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"Versie {version} van het VS-uitwisselmodel kent de generator niet. "
                         f"Wel: {', '.join(SUPPORTED_VERSIONS)}.")
    return version


def new_client_model(version: str) -> bool:
    """From v1.1 a client is a BSN alone, or an address without BSN (the schema's oneOf)."""
    return version not in ("0.9", "1.0")


def in_version(document: dict, version: str) -> dict:
    """The delivery as `version` writes it (changed in place and returned)."""
    if version == "0.9":
        return document
    for levering in document.get("leveringen", []):
        zaken = levering.get("vroegsignaalzaken", [])
        for zaak in zaken:
            if zaak.get("resultaat") in _V09_ONLY:
                zaak["resultaat"] = _V09_ONLY[zaak["resultaat"]]
            for poging in zaak.get("contactpogingen", []):
                if poging.get("soort") == "Overige" and version in ("1.0", "1.1"):
                    poging["soort"] = "Afspraak op locatie"
        if new_client_model(version):
            for signaal in levering.get("vroegsignalen", []):
                signaal["client"] = _client_v11(signaal["client"])
        if version == "1.2":
            _camel_case(levering)
            picked_up = {ref["ID"] for zaak in zaken if "datumOpgepakt" in zaak for ref in zaak["vroegsignalen"]}
            for signaal in levering.get("vroegsignalen", []):
                if "status" not in signaal and signaal.get("ID") in picked_up:
                    signaal["status"] = "Opgepakt"
    return document


def _client_v11(client: dict) -> dict:
    """v1.1 and later: a BSN and nothing else, or no BSN with the address (and birth date, gender)."""
    if "Burgerservicenummer" in client:
        return {"burgerservicenummer": client["Burgerservicenummer"]}
    new: dict = {}
    if "Huisnummer" in client:
        # no random draw: the gender follows the house number, so every version keeps the same stream
        new["geslachtsaanduiding"] = "Man" if int(client["Huisnummer"]) % 2 else "Vrouw"
    for old, key in (("Geboortedatum", "geboortedatum"), ("Postcode", "postcode"), ("Huisnummer", "huisnummer")):
        if old in client:
            new[key] = client[old]
    return new


def _camel_case(levering: dict) -> None:
    organisatie = levering.pop("aanleverende_organisatie", None)
    if organisatie is not None:
        if "contactpersoonen" in organisatie:
            organisatie["contactpersonen"] = organisatie.pop("contactpersoonen")
        # keep the key order of the model: teller, gemeentecode, aanleverendeOrganisatie, ...
        rest = {key: levering.pop(key) for key in list(levering) if key not in ("teller", "gemeentecode")}
        levering["aanleverendeOrganisatie"] = organisatie
        levering.update(rest)
    for zaak in levering.get("vroegsignaalzaken", []):
        for key in [k for k in zaak if k in _RENAMED_V12]:
            zaak[_RENAMED_V12[key]] = zaak.pop(key)
