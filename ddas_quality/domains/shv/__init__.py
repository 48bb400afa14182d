"""Schuldhulpverlening (SHV): schuldhulptrajecten with their phases, clients and debts."""

from .. import Domain

DOMAIN = Domain(
    name="SHV",
    title="schuldhulpverlening",
    versions=("1.0", "0.10", "0.9"),
    # v1.0 is the published version CBS asks for; older exports are still checked, with S03 as a warning.
    current="1.0",
    shape_keys=("schuldhulptrajecten",),
    entities=(("leveringen", "levering", "leveringen"), ("trajecten", "traject", "trajecten"),
              ("clienten", "cliënt", "cliënten")),
    unit="trajecten",
    order=0,
    uses_previous=True,
    package=__name__,
)
