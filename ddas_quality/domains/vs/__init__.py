"""Vroegsignalering (VS): vroegsignalen of payment arrears, the zaken made of them and the contact attempts."""

from .. import Domain

DOMAIN = Domain(
    name="VS",
    title="vroegsignalering",
    # Every published version (VNG-Realisatie/ddas-vroegsignalering), newest first; v1.1 exists only as a draft.
    versions=("1.2", "1.1", "1.0", "0.9"),
    # v0.9, because rules.md (Decisions, "Schema version (S03)") names VS v0.9 as the current version, and the
    # published documentation's versions.json (2025-11-27) lists v0.9 as the newest final one. v1.0 has a
    # complete folder but no announcement; v1.1 is a draft; v1.2's examples are still drafts and two of three
    # fail its schema. Files in v1.0, v1.1 or v1.2 are recognised by their own fields and values and checked as
    # their own version (S03 info, "newer"). Change this one line when CBS names the version it asks for.
    current="0.9",
    shape_keys=("vroegsignalen", "vroegsignaalzaken"),
    entities=(("leveringen", "levering", "leveringen"), ("vroegsignalen", "vroegsignaal", "vroegsignalen"),
              ("vroegsignaalzaken", "zaak", "zaken"), ("clienten", "cliënt", "cliënten")),
    unit="signalen",
    order=1,
    package=__name__,
)
