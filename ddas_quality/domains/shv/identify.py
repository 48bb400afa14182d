"""SHV versions told apart by fields only one version has."""

from __future__ import annotations

from ...identify import leveringen


def version_signs(document: object) -> tuple[str, str] | None:
    """v0.9 kept schulden in client[].leefsituatie; v1.0 added uitstroom.datumBeeindigingsbeschikking.

    The structural v0.9 signs win over the v1.0 one when a file has both.
    """
    newest = None
    for levering in leveringen(document):
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
