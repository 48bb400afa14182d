"""A delivery as DDAS API pages: the response bodies a supplier's API would send, for tests and CI.

Each page is `{"gegevens": <part of the delivery>, "paginering": {...}}` with at most `page_size` counted records
(schuldhulptrajecten or vroegsignalen). Every page repeats the delivery's fields and every levering, each levering
with its own slice of the records (vroegsignaalzaken are dealt over the pages the same way), so the pages joined
again (`api_message`) are the delivery. `PathIndex.locate` says where a path of the delivery lands in the pages,
which keeps `generate --verwacht` right for paged output.
"""

from __future__ import annotations

import math
from pathlib import Path

import orjson

from ...api_message import COUNTED, MAX_RECORDS, RECORD_LISTS, PathIndex

PAGE_NAME = "pagina-{:03d}.json"


def split_pages(document: dict, domain: str, page_size: int) -> tuple[list[dict], PathIndex]:
    """The response bodies of `document` in pages of `page_size` records, and where each part went."""
    if not 1 <= page_size <= MAX_RECORDS[domain]:
        raise ValueError(f"De paginagrootte moet tussen 1 en {MAX_RECORDS[domain]} liggen (nu {page_size}).")
    leveringen = document.get("leveringen", [])
    counted = COUNTED[domain]
    sizes = [len(lev.get(counted, [])) if isinstance(lev, dict) else 0 for lev in leveringen]
    total = sum(sizes)
    n_pages = max(1, math.ceil(total / page_size))
    # (start, stop) of the counted records of each levering on each page, over the whole delivery.
    offsets = [sum(sizes[:j]) for j in range(len(leveringen))]
    pages: list[dict] = []
    index = PathIndex([PAGE_NAME.format(p + 1) for p in range(n_pages)])
    index.homes.extend((0, j) for j in range(len(leveringen)))
    for p in range(n_pages):
        low, high = p * page_size, (p + 1) * page_size
        part = {key: value for key, value in document.items() if key != "leveringen"}
        part_leveringen = []
        for j, levering in enumerate(leveringen):
            if not isinstance(levering, dict):
                part_leveringen.append(levering)
                continue
            copy = dict(levering)
            for name in RECORD_LISTS[domain]:
                items = levering.get(name)
                if not isinstance(items, list):
                    continue
                if name == counted:
                    start = min(max(low - offsets[j], 0), len(items))
                    stop = min(max(high - offsets[j], 0), len(items))
                else:   # other lists (vroegsignaalzaken): dealt evenly over the pages
                    per_page = math.ceil(len(items) / n_pages) if items else 0
                    start, stop = min(p * per_page, len(items)), min((p + 1) * per_page, len(items))
                copy[name] = items[start:stop]
                if stop > start or p == 0:
                    index.segments.setdefault((j, name), []).append((start, p, j))
            part_leveringen.append(copy)
        if "leveringen" in document:
            part["leveringen"] = part_leveringen
        pages.append({"gegevens": part, "paginering": {"pageSize": page_size, "currentPage": p + 1,
                                                       "totalPages": n_pages, "totalRecords": total}})
    return pages, index


def write_pages(document: dict, domain: str, folder: Path, page_size: int) -> tuple[list[Path], PathIndex]:
    """Write the pages as `folder/pagina-001.json`, ... (UTF-8, indented); the folder is made when needed."""
    pages, index = split_pages(document, domain, page_size)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in zip(index.pages, pages, strict=True):
        path = folder / name
        path.write_bytes(orjson.dumps(page, option=orjson.OPT_INDENT_2) + b"\n")
        written.append(path)
    return written, index
