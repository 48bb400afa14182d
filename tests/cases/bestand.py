"""F — file level: the file's name, bytes and JSON syntax (F01-F05), the year in its name (F06) and one
gemeente per file (F07), as cases on the SHV base delivery. A case names the whole file (`file`) or turns the
JSON bytes into what is written (`raw`); findings about the name itself have no path (FILE_LEVEL).

Zips, directories, limits and messages are tested in tests/test_reader.py. F07 cases run alone (see
tests/cases/__init__.py).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from conftest import FILE_LEVEL, Case, T, combine, nothing

from .levering import codes, drop_top, kredietbank, split, top


def _text(change: Callable[[str], str]) -> Callable[[bytes], bytes]:
    """Raw: change the JSON text (it is written without indentation, keys in the base delivery's order)."""
    return lambda data: change(data.decode("utf-8")).encode("utf-8")


def _once(old: str, new: str) -> Callable[[bytes], bytes]:
    """Raw: replace the first `old` in the JSON text by `new` (the test fails if `old` is not there)."""
    def change(text: str) -> str:
        assert old in text, f"{old!r} is not in the written document"
        return text.replace(old, new, 1)
    return _text(change)


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


CASES = [
    # F01 — SHV_<jaar>_<organisatie>[_<uitvraagdeel>].json (VS_ for vroegsignalering)
    Case("F01", "naam zonder SHV_", nothing, FILE_LEVEL, "error", file="shv-export-2024.json"),
    Case("F01", "jaar met twee cijfers", nothing, FILE_LEVEL, "error", file="SHV_24_Vlieland.json"),
    Case("F01", "shv in kleine letters", nothing, FILE_LEVEL, "error", file="shv_2024_Vlieland.json"),
    Case("F01", "liggend streepje zonder uitvraagdeel", nothing, FILE_LEVEL, "error", file="SHV_2024_Vlieland_.json"),
    Case("F01", "VS_ voor een bestand met schuldhulptrajecten", nothing, FILE_LEVEL, "error",
         file="VS_2024_Vlieland.json"),
    Case("F01", "naam volgens het patroon", nothing, None),
    Case("F01", "naam met uitvraagdeel", nothing, None, file="SHV_2024_ISD_Teylingen.json"),
    Case("F01", "extensie in hoofdletters", nothing, None, file="SHV_2024_Vlieland.JSON"),
    # F02 — no forbidden characters, no extra dot; a space after an underscore is a warning
    Case("F02", "extra punt in de naam", nothing, FILE_LEVEL, "error", file="SHV_2024_Gemeente.Noord.json"),
    Case("F02", "puntkomma in de naam", nothing, FILE_LEVEL, "error", file="SHV_2024_Vlieland;Terschelling.json"),
    Case("F02", "spatie na een liggend streepje", nothing, FILE_LEVEL, "warning",
         file="SHV_2024_ ISDBollenstreek_Teylingen.json"),
    Case("F02", "nette naam", nothing, None),
    # F03 — the extension is .json
    Case("F03", "extensie .txt", nothing, FILE_LEVEL, "error", file="SHV_2024_Vlieland.txt"),
    Case("F03", "extensie .JSON is goed", nothing, None, file="SHV_2024_Vlieland.JSON"),
    # F04 — UTF-8 (a BOM is a warning)
    Case("F04", "UTF-16", nothing, "$", "error", raw=lambda data: data.decode("utf-8").encode("utf-16")),
    Case("F04", "Latin-1 (Coördinator)", nothing, "$", "error",
         raw=lambda data: data.decode("utf-8").encode("latin-1")),
    Case("F04", "UTF-8 met BOM", nothing, "$", "warning", raw=lambda data: codecs.BOM_UTF8 + data),
    Case("F04", "UTF-8 zonder BOM", nothing, None),
    # F05 — valid JSON, no duplicate keys, no NaN/Infinity
    Case("F05", "ontbrekende dubbele punt", nothing, "$", "error",
         raw=_once('"einddatumLevering":', '"einddatumLevering"')),
    Case("F05", "afgebroken bestand", nothing, "$", "error", raw=_truncate),
    Case("F05", "dubbele sleutel in een traject", nothing, f"{T}[3]", "error",
         raw=_once('{"startdatum": "2024-03-01",', '{"startdatum": "2024-02-01", "startdatum": "2024-03-01",')),
    Case("F05", "NaN als bedrag", nothing, "$", "error",
         raw=_once('"totaalSchuldbedragBijAanvangSchuld": 12000', '"totaalSchuldbedragBijAanvangSchuld": NaN')),
    Case("F05", "geldige JSON", nothing, None),
    # F06 — year in the file name = year of einddatumLevering
    Case("F06", "jaar in naam wijkt af", nothing, "$", "warning", file="SHV_2023_Vlieland.json"),
    Case("F06", "halfjaar 2025 in bestand van 2024",
         top(startdatumLevering="2025-01-01", einddatumLevering="2025-06-30",
             aanleverdatumEnTijd="2025-07-20T09:00:00Z"), "$", "warning"),
    Case("F06", "jaar klopt", nothing, None),
    Case("F06", "einddatumLevering ontbreekt (S01)", drop_top("einddatumLevering"), None),
    # F07 — one gemeente per file (runs alone)
    Case("F07", "twee gemeenten in één levering", codes((1, "0363")), "$", "warning"),
    Case("F07", "twee gemeenten in aparte leveringen",
         combine(split((1, 2)),
                 lambda d: d["leveringen"][1]["schuldhulptrajecten"][0].update(gemeentecode="0363")), "$", "warning"),
    Case("F07", "GM0096 en 0096 zijn dezelfde gemeente", codes((1, "GM0096"), (2, "GM0096")), None),
    Case("F07", "Onbekend telt niet als tweede gemeente", combine(kredietbank, codes((1, "Onbekend"))), None),
]
