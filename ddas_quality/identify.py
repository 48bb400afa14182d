"""Identify stage: which domain (SHV/VS) and schema version a document is, and how we know (S03)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .findings import Finding

CURRENT = {"SHV": "1.0", "VS": "0.9"}
KNOWN_VERSIONS = {"SHV": ("1.0", "0.10", "0.9"), "VS": ("0.9",)}


@dataclass(frozen=True)
class Identification:
    domain: str
    version: str
    finding: Finding


def _leveringen(document: object) -> list[dict]:
    if isinstance(document, dict) and isinstance(document.get("leveringen"), list):
        return [lev for lev in document["leveringen"] if isinstance(lev, dict)]
    return []


def detect_domain(document: object, file: str) -> tuple[str, str]:
    """Domain by shape, then by file name prefix; SHV when nothing tells."""
    for levering in _leveringen(document):
        if "schuldhulptrajecten" in levering:
            return "SHV", "vorm (schuldhulptrajecten)"
        if "vroegsignalen" in levering or "vroegsignaalzaken" in levering:
            return "VS", "vorm (vroegsignalen)"
    name = PurePath(file.split("!")[-1]).name.upper()
    if name.startswith("VS_"):
        return "VS", "bestandsnaam (VS_)"
    if name.startswith("SHV_"):
        return "SHV", "bestandsnaam (SHV_)"
    return "SHV", "standaard (niets wees op een ander domein)"


def _shv_distinguishing_version(document: object) -> tuple[str, str] | None:
    """v0.9 kept schulden in client[].leefsituatie; v1.0 added uitstroom.datumBeeindigingsbeschikking.

    The structural v0.9 signs win over the v1.0 one when a file has both.
    """
    newest = None
    for levering in _leveringen(document):
        trajecten = levering.get("schuldhulptrajecten")
        for traject in trajecten if isinstance(trajecten, list) else []:
            if not isinstance(traject, dict):
                continue
            clients = traject.get("client")
            if isinstance(clients, list) and any(isinstance(c, dict) and "leefsituatie" in c for c in clients):
                return "0.9", "vorm (client.leefsituatie bestaat alleen in v0.9)"
            intake = traject.get("intake")
            if isinstance(intake, dict) and "toelatingsbeschikking" in intake:
                return "0.9", "vorm (intake.toelatingsbeschikking bestaat alleen in v0.9)"
            uitstroom = traject.get("uitstroom")
            if newest is None and isinstance(uitstroom, dict) and "datumBeeindigingsbeschikking" in uitstroom:
                newest = ("1.0", "vorm (uitstroom.datumBeeindigingsbeschikking is nieuw in v1.0)")
    return newest


def identify(
    document: object,
    file: str,
    *,
    domain: str | None = None,
    version: str | None = None,
) -> Identification:
    """Choose domain and version: options first, then distinguishing fields, then the current version.

    A document without distinguishing fields that fails the current version but passes an older one
    is taken as that older version, with S03 as a warning (rules.md, Decisions).
    """
    from .validate import get_validator  # the schemas are what tell versions apart

    if domain:
        domain, how_domain = domain.upper(), "opgegeven met --domain"
    else:
        domain, how_domain = detect_domain(document, file)
    severity = "info"
    if version:
        how_version = "opgegeven met --schema-version"
    else:
        found = _shv_distinguishing_version(document) if domain == "SHV" else None
        if found:
            version, how_version = found
            severity = "info" if version == CURRENT[domain] else "warning"
        else:
            version, how_version = CURRENT[domain], "standaard (huidige versie)"
            if not get_validator(domain, version).is_valid(document):
                for older in KNOWN_VERSIONS[domain][1:]:
                    if get_validator(domain, older).is_valid(document):
                        version, severity = older, "warning"
                        how_version = f"past niet op v{CURRENT[domain]} maar wel op de oudere v{older}"
                        break
    message = f"Gecontroleerd als {domain} v{version}; domein: {how_domain}; versie: {how_version}."
    if severity == "warning":
        message += (
            f" Dit bestand is geëxporteerd in een verouderde versie van het uitwisselmodel. "
            f"Vraag uw softwareleverancier om een export in v{CURRENT[domain]}."
        )
    finding = Finding(
        rule="S03",
        severity=severity,
        message=message,
        file=file,
        path="$",
        context={"domein": domain, "versie": version},
    )
    return Identification(domain, version, finding)
