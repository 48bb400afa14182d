"""Every SHV defect the generator can inject, in the order it injects them.

The order is part of the output: each injector sees what the ones before it changed (which trajecten are
taken, which leveringen were added, which whole-file findings are there already), so it decides where a
defect lands when several are asked for. Keep it as it is; a new defect goes where its group's others are.
"""

from __future__ import annotations

from . import (
    defects_aantallen,
    defects_clienten,
    defects_fasen,
    defects_levering,
    defects_schema,
    defects_schulden,
    defects_trajecten,
)
from .context import Defects, Injector

#: A01 first (it adds a levering the others may then use); then defects of single trajecten; then the ones
#: that change what whole-file rules see and record what is new there; S03 last (it checks the whole file).
ORDER = ("A01", "S01", "S02", "P01", "P02", "T01", "T02", "T03", "C01", "C07",
         "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13", "T14", "T15", "T16",
         "C02", "C03", "C04", "C05", "C06", "C08", "D01", "D02", "D03", "D04", "D05",
         "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12",
         "L05", "L06", "L07", "L08", "L09", "F07", "A02", "L10", "L04", "A04", "A03", "L03", "L02", "L01", "S03")

_GROUPS = (defects_aantallen, defects_clienten, defects_fasen, defects_levering, defects_schema, defects_schulden,
           defects_trajecten)
_ALL: Defects = {code: entry for group in _GROUPS for code, entry in group.DEFECTS.items()}
if sorted(_ALL) != sorted(ORDER) or sum(len(group.DEFECTS) for group in _GROUPS) != len(ORDER):  # pragma: no cover
    raise ValueError("registry.ORDER must name every registered defect once")

#: rule code -> what is injected (Dutch, for `ddas-quality generate`), in injection order
SUPPORTED_DEFECTS: dict[str, str] = {code: _ALL[code][0] for code in ORDER}
#: rule code -> injector, in injection order
INJECTORS: dict[str, Injector] = {code: _ALL[code][1] for code in ORDER}
