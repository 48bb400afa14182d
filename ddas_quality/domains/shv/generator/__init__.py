"""Synthetic SHV v1.0 deliveries: clean ones, or ones with defects injected at known JSON paths.

Everything here is invented (see `domains.common.synthetic`): BSNs only from the official test range,
synthetic postcodes, creditor names, KvK numbers and contact persons on `.example` domains. A clean
delivery satisfies the rule catalogue (docs/rules.md), with client counts that fit each gemeente's
population. Generation is deterministic for a seed.

Two limits of "clean" that follow from the brief, not from chance:
- The test range holds only 909 valid BSNs. They are spread evenly over all clients; above ~750
  trajecten the other clients have no BSN (they keep geboortedatum, geslacht, postcode, huisnummer,
  which C02 allows), so such files get the A03 fill-rate warning for the BSN.
- One levering per gemeente: a file too big for one gemeente's population holds several gemeenten,
  which F07 reports as a warning (one file per gemeente for manual upload).

The modules: `plan` (which gemeenten), `build` (the clean delivery), `delivery` (the whole run),
`defects_*` (one injector per rule code, by rule group), `registry` (their order), `file_rules` (the
whole-file rules as the tool applies them, to record the side effects of levering-level defects).

Defects are added afterwards, each with its own random stream, so the same defect lands on the same
place whether or not other defects are asked for, and a document with one defect differs from the clean
one only under the recorded path. To add one: in the `defects_*` module of its group write
`@defect(code, Dutch text)` over `_inject_xxx(ctx, rng) -> list[InjectedDefect]` (pick a traject with
`ctx.take`, so defects never share one; record every extra rule the change unavoidably breaks) and
give the code its place in `registry.ORDER`.
"""

from __future__ import annotations

from .delivery import generate, generate_delivery
from .registry import SUPPORTED_DEFECTS

__all__ = ["SUPPORTED_DEFECTS", "generate", "generate_delivery"]
