"""C09 (profile geanonimiseerd): per file, whether the pseudonyms in the BSN field have one shape.

The shapes come from flatten (`bsn_vorm`: length and kind of characters, see `common.pseudonyms`); here they
are counted per file. One row per file at `$`: `pseudoniem_vorm_eenduidig` is False when a file has more than
one shape, None in the standard profile (then the expectation is silent).
"""

from __future__ import annotations

import pandas as pd

#: How many shapes a message lists (most frequent first) before "en N andere vormen".
SHOWN_SHAPES = 4
COLUMNS = ["file", "path", "pseudoniem_vorm_eenduidig", "pseudoniem_vormen", "n_vormen", "n_pseudoniemen"]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _describe(counts: pd.Series) -> str:
    """`"3.412× 36 tekens, hex met streepjes; 12× 9 tekens, cijfers"`: counts per shape, most frequent first."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    text = "; ".join(f"{_number(int(n))}× {shape}" for shape, n in ordered[:SHOWN_SHAPES])
    rest = len(ordered) - SHOWN_SHAPES
    return text + (f"; en {rest} andere {'vorm' if rest == 1 else 'vormen'}" if rest > 0 else "")


def pseudonym_shapes(clienten: pd.DataFrame, profile: str) -> pd.DataFrame:
    """One row per file with the shapes of its pseudonyms; see the module doc."""
    files = list(dict.fromkeys(clienten["file"])) if len(clienten) else []
    if profile != "geanonimiseerd" or "bsn_vorm" not in clienten.columns:
        frame = pd.DataFrame({"file": files, "path": "$"}, columns=COLUMNS)
        frame["pseudoniem_vorm_eenduidig"] = pd.Series([None] * len(files), dtype="object")
        return frame
    rows = []
    shapes = clienten.loc[clienten["bsn_vorm"].notna(), ["file", "bsn_vorm"]]
    counted = shapes.groupby(["file", "bsn_vorm"], sort=False).size()   # one count, not one per file
    per_file = {file: group.droplevel(0) for file, group in counted.groupby(level=0, sort=False)}
    for file in files:
        counts = per_file.get(file)
        n = 0 if counts is None else len(counts)
        rows.append({"file": file, "path": "$", "pseudoniem_vorm_eenduidig": n <= 1,
                     "pseudoniem_vormen": _describe(counts) if n else "",
                     "n_vormen": n, "n_pseudoniemen": 0 if counts is None else int(counts.sum())})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["pseudoniem_vorm_eenduidig"] = frame["pseudoniem_vorm_eenduidig"].astype("object")
    return frame
