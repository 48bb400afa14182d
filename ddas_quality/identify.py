"""Identify stage: which domain (SHV/VS) and schema version a document is, and how we know (S03).

Also F01's part that needs the content: a file name whose prefix names another domain than the file holds
(rules.md, Decisions: the file would go to the wrong upload).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .domains import Domain, all_domains, default_domain, get_domain
from .findings import Finding


@dataclass(frozen=True)
class Identification:
    domain: str
    version: str
    finding: Finding                     # S03: what the file was checked against, and how we know
    prefix_finding: Finding | None = None   # F01: the name's prefix names another domain than the content

    @property
    def findings(self) -> list[Finding]:
        return [self.finding, *([self.prefix_finding] if self.prefix_finding else [])]


def leveringen(document: object) -> list[dict]:
    """The leveringen of a document that are objects (the rest is the schema's to report)."""
    if isinstance(document, dict) and isinstance(document.get("leveringen"), list):
        return [lev for lev in document["leveringen"] if isinstance(lev, dict)]
    return []


def domain_by_shape(document: object) -> Domain | None:
    """The domain whose own keys the first telling levering has, or None."""
    for levering in leveringen(document):
        for domain in all_domains():
            if any(key in levering for key in domain.shape_keys):
                return domain
    return None


def domain_by_name(file: str) -> Domain | None:
    """The domain the file name's prefix names (`VS_...`, a zip member's own name), or None."""
    name = PurePath(file.split("!")[-1]).name.upper()
    return next((domain for domain in all_domains() if name.startswith(f"{domain.name}_")), None)


def detect_domain(document: object, file: str) -> tuple[str, str]:
    """Domain by shape, then by file name prefix; the first domain (SHV) when nothing tells."""
    shape = domain_by_shape(document)
    if shape:
        return shape.name, f"vorm ({shape.shape_keys[0]})"
    named = domain_by_name(file)
    if named:
        return named.name, f"bestandsnaam ({named.name}_)"
    return default_domain().name, "standaard (niets wees op een ander domein)"


def prefix_finding(document: object, file: str) -> Finding | None:
    """F01 when the name's prefix names another domain than the content shows (a swapped SHV_/VS_)."""
    shape, named = domain_by_shape(document), domain_by_name(file)
    if shape is None or named is None or shape == named:
        return None
    return Finding(
        "F01", "error",
        f"De bestandsnaam begint met {named.name}_, maar het bestand bevat {shape.title} "
        f"({shape.shape_keys[0]}). Met deze naam komt de levering bij de verkeerde aanlevering terecht. Laat de "
        f"naam beginnen met {shape.name}_, bijvoorbeeld {shape.name}_2024_Voorbeeldstad.json.",
        file, None, context={"voorvoegsel": f"{named.name}_", "domein": shape.name},
    )


def _older(record: Domain, version: str) -> bool:
    """A known version after the current one in the record's list (newest first)."""
    return version in record.versions and record.versions.index(version) > record.versions.index(record.current)


def _newer(record: Domain, version: str) -> bool:
    return version in record.versions and record.versions.index(version) < record.versions.index(record.current)


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
    record = get_domain(domain)
    severity = "info"
    if version:
        how_version = "opgegeven met --schema-version"
    else:
        found = record.stage("identify").version_signs(document)
        if found:
            version, how_version = found
            severity = "warning" if _older(record, version) else "info"
        else:
            version, how_version = record.current, "standaard (huidige versie)"
            # An older version only for a file with content: one without any levering is no old export (v0.9
            # allowed an empty list; the current version's minItems error is the finding it needs).
            if leveringen(document) and not get_validator(domain, version).is_valid(document):
                for older in record.versions[record.versions.index(record.current) + 1:]:
                    if get_validator(domain, older).is_valid(document):
                        version, severity = older, "warning"
                        how_version = f"past niet op v{record.current} maar wel op de oudere v{older}"
                        break
    message = f"Gecontroleerd als {domain} v{version}; domein: {how_domain}; versie: {how_version}."
    if severity == "warning":
        message += (
            f" Dit bestand is geëxporteerd in een verouderde versie van het uitwisselmodel. "
            f"Vraag uw softwareleverancier om een export in v{record.current}."
        )
    elif _newer(record, version):
        message += (
            f" Deze versie is nieuwer dan v{record.current}, de versie waar ddas-quality voor {domain} van "
            f"uitgaat. Ga na of CBS leveringen in v{version} al aanneemt."
        )
    finding = Finding(
        rule="S03",
        severity=severity,
        message=message,
        file=file,
        path="$",
        context={"domein": domain, "versie": version},
    )
    return Identification(domain, version, finding, prefix_finding(document, file))
