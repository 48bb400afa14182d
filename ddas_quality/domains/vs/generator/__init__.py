"""Synthetic VS (vroegsignalering) deliveries in every version of the exchange model (default: the current one):
clean ones, or ones with V-rule defects at known paths.

The SHV generator's rules hold here too (see `domains.common.synthetic`): everything invented,
deterministic for a seed, and a clean file passes every rule. A clean file holds one levering for one
gemeente whose population fits the number of signals (V10, `file_rules`).

The modules: `build` (the clean delivery), `delivery` (the whole run), `defects` (one injector per V
code, each with its own random stream and its own signal or zaak), `file_rules` (V10's expectation),
`versions` (the delivery written in the asked version).
"""

from __future__ import annotations

from .defects import SUPPORTED_VS_DEFECTS
from .delivery import generate, generate_vs_delivery
from .versions import SUPPORTED_VERSIONS

#: What `ddas-quality generate --domain vs` offers (the registry asks every domain for this name).
SUPPORTED_DEFECTS = SUPPORTED_VS_DEFECTS

__all__ = ["SUPPORTED_DEFECTS", "SUPPORTED_VERSIONS", "SUPPORTED_VS_DEFECTS", "generate", "generate_vs_delivery"]
