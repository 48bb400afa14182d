"""The shape of a pseudonym (C09): its length and kind of characters, never the pseudonym itself.

One pseudonymisation gives every pseudonym the same shape ("36 tekens, hex met streepjes"). A file of an
anonymized sample with two shapes mixes two sources or keys, or holds values that were never pseudonymised
(a 9-digit shape among UUIDs can be a real BSN): then the same person no longer links across trajecten and
files (C07, C08), and the sample may not be anonymous. The shape is safe to show: it says nothing about anyone.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"[0-9a-fA-F]+")
_HEX_DASHED = re.compile(r"[0-9a-fA-F]+(?:-[0-9a-fA-F]+)+")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+=*")


def shape(value: str) -> str:
    """`"36 tekens, hex met streepjes"`: the length and the kind of characters of one pseudonym."""
    n = len(value)
    if value.isascii() and value.isdigit():
        kind = "cijfers"
    elif _HEX.fullmatch(value):
        kind = "hex"
    elif _HEX_DASHED.fullmatch(value):
        kind = "hex met streepjes"
    elif value.isascii() and value.isalpha():
        kind = "letters"
    elif value.isascii() and value.isalnum():
        kind = "letters en cijfers"
    elif _BASE64.fullmatch(value):
        kind = "letters, cijfers en + / = - _"
    else:
        kind = "ook andere tekens"
    return f"{n} {'teken' if n == 1 else 'tekens'}, {kind}"
