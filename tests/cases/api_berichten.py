"""B — DDAS API messages (#13): the base delivery as API response bodies, one page or a zip of pages.

A case's `raw` turns the written delivery into what an API would send: `wrap` one response body, `paged` a zip of
pages made by `domains.common.api_pages` (the same split as `generate --api-paginas`), changed by `tweak`. Paths
are inside the page a finding is about (`$.paginering...`, `$.gegevens...`); which page is tested in
tests/test_api_messages.py. The base delivery has four trajecten.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from conftest import Case, nothing

from ddas_quality.domains.common.api_pages import split_pages

PAGE_FILE = "pagina-001.json"
PAGES_ZIP = "API_paginas.zip"


def _document(data: bytes) -> dict:
    return json.loads(data.decode("utf-8"))


def _encode(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def wrap(**extra: object) -> Callable[[bytes], bytes]:
    """Raw: one response body, `{"gegevens": <delivery>, **extra}`."""
    return lambda data: _encode({"gegevens": _document(data), **extra})


def body(**fields: object) -> Callable[[bytes], bytes]:
    """Raw: a response body of exactly these fields (the delivery is dropped)."""
    return lambda _data: _encode(fields)


def paginering(size: int = 4, current: int = 1, pages: int = 1, records: int = 4, **changes: object) -> dict:
    found: dict[str, object] = {"pageSize": size, "currentPage": current, "totalPages": pages,
                                "totalRecords": records}
    found.update(changes)
    return {key: value for key, value in found.items() if value is not None}


def zipped(bodies: list[dict]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, page in enumerate(bodies, start=1):
            archive.writestr(f"pagina-{i:03d}.json", _encode(page))
    return buffer.getvalue()


def paged(size: int, tweak: Callable[[list[dict]], list[dict] | None] | None = None) -> Callable[[bytes], bytes]:
    """Raw: the delivery as a zip of API pages of `size` trajecten, `tweak` changing (or replacing) the list."""
    def raw(data: bytes) -> bytes:
        pages, _index = split_pages(_document(data), "SHV", size)
        changed = tweak(pages) if tweak else None
        return zipped(pages if changed is None else changed)
    return raw


def unpaged(pages: list[dict]) -> None:
    for page in pages:
        page.pop("paginering")


def move_first_traject_on(pages: list[dict]) -> None:
    """Page 1 gives its last traject to page 2: page 1 (not the last) is then short of pageSize."""
    first = pages[0]["gegevens"]["leveringen"][0]["schuldhulptrajecten"]
    pages[1]["gegevens"]["leveringen"][0]["schuldhulptrajecten"].insert(0, first.pop())


def set_paginering(page: int, **fields: object) -> Callable[[list[dict]], None]:
    def tweak(pages: list[dict]) -> None:
        pages[page]["paginering"].update(fields)
    return tweak


def set_gegevens(page: int, **fields: object) -> Callable[[list[dict]], None]:
    def tweak(pages: list[dict]) -> None:
        pages[page]["gegevens"].update(fields)
    return tweak


def other_contact(pages: list[dict]) -> None:
    org = pages[1]["gegevens"]["leveringen"][0]["aanleverende_organisatie"] = dict(
        pages[1]["gegevens"]["leveringen"][0]["aanleverende_organisatie"])
    org["contactpersonen"] = []


def too_many(_data: bytes) -> bytes:
    """Raw: one response body with 25,001 generated schuldhulptrajecten (the SHV maximum is 25,000)."""
    from ddas_quality.domains import get_domain

    generated = get_domain("SHV").stage("generator").generate(25_001, seed=3, year=2024, half=None,
                                                              gemeentecodes=None, defects=[])
    return _encode({"gegevens": generated.document})


G = "$.gegevens"
P = "$.paginering"

CASES = [
    # B01 — gegevens is there and is an object
    Case("B01", "gegevens is een lijst", nothing, G, "error", file=PAGE_FILE,
         raw=lambda data: _encode({"gegevens": [_document(data)]})),
    Case("B01", "alleen paginering", nothing, "$", "error", file=PAGE_FILE, raw=body(paginering=paginering())),
    Case("B01", "levering in gegevens", nothing, None, file=PAGE_FILE, raw=wrap()),
    # B02 — only gegevens and paginering at the top
    Case("B02", "extra veld status", nothing, "$.status", "warning", file=PAGE_FILE, raw=wrap(status="ok")),
    Case("B02", "gegevens en paginering", nothing, None, file=PAGE_FILE, raw=wrap(paginering=paginering())),
    # B03 — paginering complete, integers, within the limits
    Case("B03", "totalRecords ontbreekt", nothing, P, "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(totalRecords=None))),
    Case("B03", "pageSize als tekst", nothing, f"{P}.pageSize", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(pageSize="4"))),
    Case("B03", "pageSize boven 25.000", nothing, f"{P}.pageSize", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(pageSize=30_000))),
    Case("B03", "currentPage 0", nothing, f"{P}.currentPage", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(currentPage=0))),
    Case("B03", "paginering is een lijst", nothing, P, "error", file=PAGE_FILE, raw=wrap(paginering=[4, 1, 1, 4])),
    Case("B03", "volledige paginering", nothing, None, file=PAGE_FILE, raw=wrap(paginering=paginering())),
    Case("B03", "pageSize precies het maximum", nothing, None, file=PAGE_FILE,
         raw=wrap(paginering=paginering(size=25_000))),
    # B04 — at most pageSize records on a page, exactly pageSize except on the last page
    Case("B04", "meer trajecten dan pageSize", nothing, f"{P}.pageSize", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(size=3, pages=2))),
    Case("B04", "pagina 1 van 2 niet vol", nothing, f"{P}.pageSize", "error", file=PAGES_ZIP,
         raw=paged(3, move_first_traject_on)),
    Case("B04", "laatste pagina mag minder hebben", nothing, None, file=PAGES_ZIP, raw=paged(3)),
    # B05 — the pages agree, totalPages follows, totalRecords adds up
    Case("B05", "totalRecords verschilt per pagina", nothing, f"{P}.totalRecords", "error", file=PAGES_ZIP,
         raw=paged(2, set_paginering(1, totalRecords=3))),
    Case("B05", "totalRecords telt niet op", nothing, f"{P}.totalRecords", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(records=5, size=25_000))),
    Case("B05", "totalPages past niet bij de aantallen", nothing, f"{P}.totalPages", "error", file=PAGE_FILE,
         raw=wrap(paginering=paginering(pages=2))),
    Case("B05", "twee kloppende pagina's", nothing, None, file=PAGES_ZIP, raw=paged(2)),
    # B06 — every page 1..totalPages once
    Case("B06", "pagina 2 ontbreekt", nothing, P, "error", file=PAGES_ZIP, raw=paged(2, lambda pages: pages[:1])),
    Case("B06", "pagina 1 twee keer", nothing, (P, f"{P}.currentPage"), "error", file=PAGES_ZIP,
         raw=paged(2, lambda pages: [pages[0], pages[0]])),
    Case("B06", "vier pagina's van één traject", nothing, None, file=PAGES_ZIP, raw=paged(1)),
    # B07 — several messages of one delivery need paginering
    Case("B07", "twee berichten zonder paginering", nothing, ("$", "$"), "error", file=PAGES_ZIP,
         raw=paged(2, unpaged)),
    Case("B07", "één bericht zonder paginering", nothing, None, file=PAGE_FILE, raw=wrap()),
    # B08 — at most 25,000 schuldhulptrajecten per message
    Case("B08", "25.001 trajecten in één bericht", nothing, G, "error", file=PAGE_FILE, raw=too_many),
    Case("B08", "vier trajecten in één bericht", nothing, None, file=PAGE_FILE, raw=wrap()),
    # B09 — the pages are parts of one delivery
    Case("B09", "andere aanleverdatum op pagina 2", nothing, f"{G}.aanleverdatumEnTijd", "error", file=PAGES_ZIP,
         raw=paged(2, set_gegevens(1, aanleverdatumEnTijd="2025-01-21T09:30:00Z"))),
    Case("B09", "andere contactpersonen op pagina 2", nothing, f"{G}.leveringen[0].aanleverende_organisatie",
         "error", file=PAGES_ZIP, raw=paged(2, other_contact)),
    Case("B09", "pagina's gelijk buiten de trajecten", nothing, None, file=PAGES_ZIP, raw=paged(2)),
]
