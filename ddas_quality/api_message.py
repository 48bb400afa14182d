"""DDAS API messages: recognise `{"gegevens": ..., "paginering": ...}` pages, check the wrapper (B01-B09) and
join the pages of one message set into one delivery for the later stages.

CBS pulls deliveries through the DDAS API (OpenAPI specifications DDAS-SHV and DDAS-VS, with their
"niet-functionele eisen"). The response body wraps the exchange model: `gegevens` holds the normal delivery
document, the optional `paginering` says which page of how many this is. A message holds at most 25,000
schuldhulptrajecten or 50,000 vroegsignalen; more must be split over pages, and then every paginering field is
filled.

How pages are recognised and grouped (documented in the README):
- by content, never by name: an object with `gegevens` and/or `paginering` and none of a delivery's own
  top-level keys (`leveringen`, `startdatumLevering`, ...);
- pages belong to one message set when they are in the same folder or zip (the same place on the command line)
  and their `gegevens` have the same domain, peilperiode and aanleverende organisatie (of the first levering).

The set's pages are joined into one delivery: the first page's `gegevens`, with the schuldhulptrajecten /
vroegsignalen / vroegsignaalzaken of every page appended to the levering they belong to (matched by `teller`,
then by order). Identify, validate, flatten, derive and the suites then see one complete delivery under the
set's own name (`MessageSet.name`), so rules that count per file or per levering (L04, L06, F07, V03, ...) judge
the whole message, not one page. Afterwards `translate` points every finding back into the page it is about:
`Finding.file` = the page file, `Finding.path` = `$.gegevens...` inside that page.

File-name rules (F01, F02, F06) and F07 (one gemeente per uploaded file) do not apply to API messages: an API
answer has no file name and is not uploaded by hand; the name of a saved page is the tester's choice. They are
dropped for pages and sets.

Privacy: messages name fields and page numbers only, never a value from the input.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import count, islice
from typing import Any

from .findings import Finding
from .jsonpath import child
from .privacy import safe_name

WRAPPER_KEYS = ("gegevens", "paginering")
PAGINERING_FIELDS = ("pageSize", "currentPage", "totalPages", "totalRecords")
PAGINERING_MINIMUM = {"pageSize": 1, "currentPage": 1, "totalPages": 1, "totalRecords": 0}
# Top-level keys of a delivery document (every schema version): their presence means "not an API message".
DELIVERY_KEYS = frozenset({"leveringen", "startdatumLevering", "einddatumLevering", "aanleverdatumEnTijd",
                           "codeGegevensleverancier"})
# Per domain: the record lists of a levering that pages split, and the one the limits count.
RECORD_LISTS = {"SHV": ("schuldhulptrajecten",), "VS": ("vroegsignalen", "vroegsignaalzaken")}
COUNTED = {"SHV": "schuldhulptrajecten", "VS": "vroegsignalen"}
COUNTED_WORDS = {"SHV": ("schuldhulptraject", "schuldhulptrajecten"), "VS": ("vroegsignaal", "vroegsignalen")}
# niet-functionele eisen, "Performance": the maximum number of records per message.
MAX_RECORDS = {"SHV": 25_000, "VS": 50_000}
GEGEVENS = "$.gegevens"
PAGINERING = "$.paginering"
# About an upload's file name (F01, F02, F06) or how files are split for manual upload (F07): not for API pages.
NAME_RULES = frozenset({"F01", "F02", "F06", "F07"})
SET_SUFFIX = " [API-bericht]"
_ALL_LISTS = tuple(dict.fromkeys(key for keys in RECORD_LISTS.values() for key in keys))
_MERGED_PATH = re.compile(
    r"^\$\.leveringen\[(\d+)\](?:\.(" + "|".join(_ALL_LISTS) + r")\[(\d+)\])?(.*)$", re.DOTALL)
_PATH_IN_TEXT = re.compile(r"\$\.leveringen\[\d+\](?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*")


def is_api_message(document: object) -> bool:
    """An API response body: `gegevens` and/or `paginering` at the top, no delivery keys beside them."""
    return (isinstance(document, dict) and any(key in document for key in WRAPPER_KEYS)
            and not any(key in document for key in DELIVERY_KEYS))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dict_items(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _domain_of(gegevens: dict, forced: str | None) -> str:
    from .domains import default_domain
    from .identify import domain_by_shape

    if forced:
        return forced.upper()
    shape = domain_by_shape(gegevens)
    return (shape or default_domain()).name


def _organisation(levering: dict) -> tuple:
    """Who delivers: KvK-nummer, else name, else gemeentecode (as flatten's org_key); never shown."""
    org = levering.get("aanleverende_organisatie", levering.get("aanleverendeOrganisatie"))
    if not isinstance(org, dict):
        return ()
    for key in ("KvK-nummer", "kvk-nummer", "kvkNummer", "(Statutaire) Naam", "naam", "gemeentecode"):
        if isinstance(org.get(key), str) and org[key].strip():
            return (key, org[key].strip())
    return ()


def container(name: str) -> str:
    """The folder or zip (folder) a page was read from: pages only join pages from the same place."""
    head, separator, member = name.rpartition("!")
    if separator:
        return head + ("!" + member.rsplit("/", 1)[0] if "/" in member else "")
    return name.rsplit("/", 1)[0] if "/" in name else ""


# ------------------------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class Page:
    name: str
    sha256: str
    size: int
    findings: tuple[Finding, ...]
    document: dict                      # the whole response body
    domain: str
    records: int                        # schuldhulptrajecten / vroegsignalen on this page
    paginering: dict[str, int] | None   # only when every field is present and valid

    @property
    def gegevens(self) -> dict:
        return self.document["gegevens"]


@dataclass
class PathIndex:
    """Where each part of the joined delivery came from: page names, levering homes, list segments."""
    pages: list[str]
    homes: list[tuple[int, int]] = field(default_factory=list)   # merged levering -> (page, levering on page)
    # (merged levering, list key) -> [(first merged index, page, levering on page)], ascending
    segments: dict[tuple[int, str], list[tuple[int, int, int]]] = field(default_factory=dict)

    def locate(self, path: str | None) -> tuple[str, str | None]:
        """(page file, path in that page) of a path in the joined delivery."""
        first = self.pages[0]
        if path is None:
            return first, None
        match = _MERGED_PATH.match(path)
        if not match or int(match.group(1)) >= len(self.homes):
            return first, GEGEVENS + path[1:]
        lev, key, index, rest = int(match.group(1)), match.group(2), match.group(3), match.group(4)
        if key is not None:
            position = int(index)
            for start, page, on_page in reversed(self.segments.get((lev, key), [])):
                if position >= start:
                    return self.pages[page], f"{GEGEVENS}.leveringen[{on_page}].{key}[{position - start}]{rest}"
        page, on_page = self.homes[lev]
        tail = f".{key}[{index}]{rest}" if key is not None else rest
        return self.pages[page], f"{GEGEVENS}.leveringen[{on_page}]{tail}"

    def page_of_paths(self, paths: Any) -> Any:
        """The page number of every path in a pandas Series of joined-delivery paths (vectorised)."""
        import numpy as np
        import pandas as pd

        parts = paths.astype(str).str.extract(
            r"^\$\.leveringen\[(\d+)\](?:\.(" + "|".join(_ALL_LISTS) + r")\[(\d+)\])?")
        lev = pd.to_numeric(parts[0], errors="coerce").fillna(-1).astype("int64").to_numpy()
        keys = parts[1].fillna("").to_numpy(dtype=object)
        positions = pd.to_numeric(parts[2], errors="coerce").fillna(-1).astype("int64").to_numpy()
        homes = np.array([page for page, _ in self.homes] or [0])
        result = np.zeros(len(paths), dtype="int64")
        known = (lev >= 0) & (lev < len(self.homes))
        result[known] = homes[lev[known]]
        for (m, key), segments in self.segments.items():
            mask = (lev == m) & (keys == key) & (positions >= 0)
            if not mask.any():
                continue
            starts = np.array([start for start, _, _ in segments])
            pages = np.array([page for _, page, _ in segments])
            result[mask] = pages[np.searchsorted(starts, positions[mask], side="right") - 1]
        return result


@dataclass(frozen=True)
class MessageSet:
    """The pages of one message set as one source for the pipeline (duck-types reader.SourceFile)."""
    name: str
    sha256: str
    size: int
    document: dict | None               # the joined delivery
    findings: tuple[Finding, ...]       # the pages' read findings and the B findings
    pages: tuple[Page, ...]
    index: PathIndex


# ------------------------------------------------------------------------------------------------ assemble


def assemble(sources: Iterable[Any], domain: str | None = None) -> Iterator[Any]:
    """Every source as it comes, except API pages: those are held back and come last, one MessageSet per set.

    A page whose `gegevens` is no object cannot join a delivery: it comes back as itself, with B01 and without
    a document (nothing more can be checked)."""
    groups: dict[tuple, list[Page]] = defaultdict(list)
    for source in sources:
        document = source.document
        if not is_api_message(document):
            yield source
            continue
        own = tuple(f for f in source.findings if f.rule not in NAME_RULES)
        wrapper = _wrapper_findings(source.name, document)
        gegevens = document.get("gegevens")
        if not isinstance(gegevens, dict):
            yield replace(source, document=None, findings=(*own, *wrapper))
            continue
        name = _domain_of(gegevens, domain)
        records = sum(len(levering[COUNTED[name]]) for levering in _dict_items(gegevens.get("leveringen"))
                      if isinstance(levering.get(COUNTED[name]), list))
        paginering, problems = _paginering(source.name, document, name, records)
        page = Page(source.name, source.sha256, source.size, (*own, *wrapper, *problems), document, name, records,
                    paginering)
        first = next(iter(_dict_items(gegevens.get("leveringen"))), {})
        key = (container(source.name), name, str(gegevens.get("startdatumLevering")),
               str(gegevens.get("einddatumLevering")), _organisation(first))
        groups[key].append(page)
    for key in list(groups):   # popped, so a set's pages are freed once the pipeline is done with it
        yield _message_set(sorted(groups.pop(key), key=_page_order))


def _page_order(page: Page) -> tuple:
    number = page.paginering["currentPage"] if page.paginering else 0
    return (number, page.name)


def _wrapper_findings(name: str, document: dict) -> list[Finding]:
    findings = []
    if "gegevens" not in document:
        findings.append(Finding(
            "B01", "error", "Het API-bericht heeft geen 'gegevens': daarin hoort de levering te staan. Zet de "
            "levering (het uitwisselmodel) in het veld 'gegevens' van het antwoord.", name, "$"))
    elif not isinstance(document["gegevens"], dict):
        findings.append(Finding(
            "B01", "error", "In het API-bericht is 'gegevens' geen object, dus er staat geen levering in; de "
            "inhoud is niet verder gecontroleerd. Zet de levering als object in 'gegevens'.", name, GEGEVENS))
    for key in document:
        if key not in WRAPPER_KEYS:
            shown = safe_name(str(key))
            findings.append(Finding(
                "B02", "warning", f"Het API-bericht heeft het veld '{shown}' naast 'gegevens' en 'paginering'. "
                "De API-specificatie kent alleen die twee; CBS leest '" + shown + "' niet. Haal het veld uit het "
                "antwoord, of zet de inhoud waar die hoort in de levering.", name, child("$", str(key)),
                context={"veld": shown}))
    return findings


def _paginering(name: str, document: dict, domain: str, records: int) -> tuple[dict[str, int] | None,
                                                                               list[Finding]]:
    """The page's paginering when complete and valid; B03/B04/B08 for this page alone."""
    findings: list[Finding] = []
    maximum = MAX_RECORDS[domain]
    one, many = COUNTED_WORDS[domain]
    if records > maximum:
        findings.append(Finding(
            "B08", "error", f"Dit API-bericht bevat {records} {many}; de API-specificatie staat er per bericht "
            f"hoogstens {maximum:,} toe.".replace(",", ".") + " Verdeel de gegevens over pagina's met "
            "'paginering' (pageSize hoogstens het maximum).", name, GEGEVENS,
            context={"aantal": str(records), "maximum": str(maximum)}))
    if "paginering" not in document:
        return None, findings
    value = document["paginering"]
    if not isinstance(value, dict):
        findings.append(Finding(
            "B03", "error", "'paginering' is geen object. Geef een object met pageSize, currentPage, totalPages en "
            "totalRecords, of laat 'paginering' weg als alles in één bericht past.", name, PAGINERING))
        return None, findings
    missing = [key for key in PAGINERING_FIELDS if key not in value]
    if missing:
        findings.append(Finding(
            "B03", "error", f"In 'paginering' ontbreekt {', '.join(missing)}. Als 'paginering' er is, moeten alle "
            "velden gevuld zijn: pageSize, currentPage, totalPages en totalRecords.", name, PAGINERING,
            context={"velden": ", ".join(missing)}))
    good = True
    for key in PAGINERING_FIELDS:
        if key not in value:
            good = False
            continue
        number, path = _int(value[key]), child(PAGINERING, key)
        if number is None and not (isinstance(value[key], float) and value[key].is_integer()):
            findings.append(Finding(
                "B03", "error", f"'{key}' in 'paginering' is geen geheel getal. Geef een geheel getal (zonder "
                "aanhalingstekens).", name, path, context={"veld": key}))
            good = False
            continue
        number = int(value[key])
        if number < PAGINERING_MINIMUM[key]:
            findings.append(Finding(
                "B03", "error", f"'{key}' in 'paginering' is {number}; het moet minstens "
                f"{PAGINERING_MINIMUM[key]} zijn.", name, path, context={"veld": key, "waarde": str(number)}))
            good = False
        elif key == "pageSize" and number > maximum:
            findings.append(Finding(
                "B03", "error", f"pageSize is {number}, meer dan de {maximum:,} {many} die ".replace(",", ".")
                + "per bericht mogen. Kies een pageSize van hoogstens dat aantal.", name, path,
                context={"veld": key, "waarde": str(number), "maximum": str(maximum)}))
            good = False
    if not good:
        return None, findings
    numbers = {key: int(value[key]) for key in PAGINERING_FIELDS}
    if numbers["currentPage"] > numbers["totalPages"]:
        findings.append(Finding(
            "B03", "error", f"currentPage is {numbers['currentPage']}, maar er zijn volgens totalPages maar "
            f"{numbers['totalPages']} pagina's.", name, child(PAGINERING, "currentPage"),
            context={"veld": "currentPage"}))
        return None, findings
    size, last = numbers["pageSize"], numbers["currentPage"] == numbers["totalPages"]
    if records > size:
        findings.append(Finding(
            "B04", "error", f"Deze pagina bevat {records} {many}, meer dan pageSize ({size}). Een pagina bevat "
            "hoogstens pageSize records: verdeel de rest over de volgende pagina's.", name,
            child(PAGINERING, "pageSize"), context={"aantal": str(records), "pageSize": str(size)}))
    elif records < size and not last:
        findings.append(Finding(
            "B04", "error", f"Pagina {numbers['currentPage']} van {numbers['totalPages']} bevat {records} "
            f"{one if records == 1 else many}, minder dan pageSize ({size}). Alleen de laatste pagina mag minder "
            "records hebben; vul de pagina tot pageSize of pas totalPages aan.", name,
            child(PAGINERING, "pageSize"), context={"aantal": str(records), "pageSize": str(size)}))
    return numbers, findings


def _message_set(pages: list[Page]) -> MessageSet:
    findings = [f for page in pages for f in page.findings]
    findings.extend(_set_findings(pages))
    document, index, differences = _join(pages)
    findings.extend(differences)
    return MessageSet(pages[0].name + SET_SUFFIX, pages[0].sha256, sum(page.size for page in pages), document,
                      tuple(findings), tuple(pages), index)


def _set_findings(pages: list[Page]) -> list[Finding]:
    """B05 (paginering agrees), B06 (every page once), B07 (several pages need paginering)."""
    findings: list[Finding] = []
    if len(pages) > 1:
        for page in pages:
            if "paginering" not in page.document:
                findings.append(Finding(
                    "B07", "error", f"Dit is één van {len(pages)} API-berichten van dezelfde levering (zelfde map, "
                    "domein, peilperiode en organisatie), maar het heeft geen 'paginering'. Zonder paginering is niet "
                    "te zien welke pagina dit is en of alle pagina's er zijn. Vul in elk bericht pageSize, "
                    "currentPage, totalPages en totalRecords.", page.name, "$",
                    context={"berichten": str(len(pages))}))
    paged = [page for page in pages if page.paginering]
    if not paged:
        return findings
    first = paged[0]
    reference = first.paginering
    agree = True
    for page in paged[1:]:
        for key in ("pageSize", "totalPages", "totalRecords"):
            if page.paginering[key] != reference[key]:
                agree = False
                findings.append(Finding(
                    "B05", "error", f"{key} is op deze pagina {page.paginering[key]}, maar op "
                    f"{_short(first.name)} {reference[key]}. Alle pagina's van één bericht horen dezelfde {key} te "
                    "hebben.", page.name, child(PAGINERING, key), context={"veld": key}))
    size, total_pages, total_records = reference["pageSize"], reference["totalPages"], reference["totalRecords"]
    needed = max(1, math.ceil(total_records / size))
    if total_pages != needed:
        agree = False
        findings.append(Finding(
            "B05", "error", f"totalPages is {total_pages}, maar {total_records} records in pagina's van {size} "
            f"geven {needed} {_pages_word(needed)}. Reken totalPages uit als totalRecords "
            "gedeeld door pageSize, naar boven afgerond (minstens 1).", first.name, child(PAGINERING, "totalPages"),
            context={"totalPages": str(total_pages), "verwacht": str(needed)}))
    numbers = Counter(page.paginering["currentPage"] for page in paged)
    seen: set[int] = set()
    for page in paged:
        number = page.paginering["currentPage"]
        if number in seen:
            findings.append(Finding(
                "B06", "error", f"Pagina {number} is er meer dan één keer (ook {_short(_first_with(paged, number))})."
                " Elke pagina van een bericht komt precies één keer voor: lever elke pagina één keer, met zijn "
                "eigen currentPage.", page.name, child(PAGINERING, "currentPage"), context={"pagina": str(number)}))
        seen.add(number)
    # Counted, not listed: totalPages may be any number (10**30 would never finish listing).
    present = {n for n in numbers if isinstance(n, int) and 1 <= n <= total_pages}
    n_missing = total_pages - len(present)
    missing = list(islice((n for n in count(1) if n not in present), min(n_missing, 21)))
    if missing:
        shown = ", ".join(map(str, missing[:20])) + (" ..." if n_missing > 20 else "")
        what = f"ontbreekt pagina {shown}" if n_missing == 1 else f"ontbreken de pagina's {shown}"
        findings.append(Finding(
            "B06", "error", f"Van de {total_pages} pagina's van dit bericht {what}. Zonder alle pagina's is de "
            "levering niet compleet: vraag of sla ook de ontbrekende pagina's op en controleer ze samen.",
            first.name, PAGINERING,
            context={"ontbrekend": str(n_missing)}))
    complete = not missing and len(paged) == len(pages) and all(n == 1 for n in numbers.values())
    if agree and complete:
        counted = sum(page.records for page in pages)
        if counted != total_records:
            one, many = COUNTED_WORDS[first.domain]
            findings.append(Finding(
                "B05", "error", f"totalRecords is {total_records}, maar de {len(pages)} pagina's bevatten samen "
                f"{counted} {one if counted == 1 else many}. totalRecords is het aantal records van het hele "
                "bericht, over alle pagina's samen.", first.name, child(PAGINERING, "totalRecords"),
                context={"totalRecords": str(total_records), "geteld": str(counted)}))
    return findings


def _pages_word(n: int) -> str:
    return "pagina" if n == 1 else "pagina's"


def _first_with(pages: list[Page], number: int) -> str:
    return next(page.name for page in pages if page.paginering and page.paginering["currentPage"] == number)


def _short(name: str) -> str:
    return name.split("!")[-1].rsplit("/", 1)[-1]


# ------------------------------------------------------------------------------------------------ join


def _join(pages: list[Page]) -> tuple[dict, PathIndex, list[Finding]]:
    """The first page's gegevens with every page's records appended to their levering; B09 where pages differ."""
    index = PathIndex([page.name for page in pages])
    lists = RECORD_LISTS[pages[0].domain]
    first = pages[0].gegevens
    joined = dict(first)
    merged: list[Any] = []
    by_key: dict[tuple, int] = {}
    differences: list[Finding] = []
    for p, page in enumerate(pages):
        gegevens = page.gegevens
        if p:
            differences.extend(_header_differences(page, first, pages[0].name, ("leveringen",), GEGEVENS))
        leveringen = gegevens.get("leveringen")
        if not isinstance(leveringen, list):
            continue
        occurrence: Counter = Counter()
        for j, levering in enumerate(leveringen):
            if not isinstance(levering, dict):
                index.homes.append((p, j))
                merged.append(levering)
                continue
            teller = levering.get("teller")
            teller = teller if isinstance(teller, int | str) and not isinstance(teller, bool) else None
            key = (teller, occurrence[teller])
            occurrence[teller] += 1
            if key not in by_key:
                by_key[key] = len(merged)
                index.homes.append((p, j))
                merged.append({k: (list(v) if k in lists and isinstance(v, list) else v)
                               for k, v in levering.items()})
                for name in lists:
                    if isinstance(levering.get(name), list):
                        index.segments[(by_key[key], name)] = [(0, p, j)]
                continue
            m = by_key[key]
            home_page, home_j = index.homes[m]
            home = pages[home_page].gegevens["leveringen"][home_j]
            differences.extend(_header_differences(page, home, pages[home_page].name, lists,
                                                   f"{GEGEVENS}.leveringen[{j}]", levering))
            for name in lists:
                items = levering.get(name)
                if not isinstance(items, list):
                    continue
                target = merged[m].get(name)
                if not isinstance(target, list):
                    if name in merged[m]:
                        continue   # the first page has no list here: the schema reports that page
                    merged[m][name] = target = []
                index.segments.setdefault((m, name), []).append((len(target), p, j))
                target.extend(items)
    if isinstance(first.get("leveringen"), list) or merged:
        joined["leveringen"] = merged
    return joined, index, differences


def _header_differences(page: Page, reference: dict, reference_name: str, skip: tuple[str, ...], at: str,
                        own: dict | None = None) -> list[Finding]:
    """B09: a field outside the records that differs from the page the set takes it from (values not shown)."""
    own = page.gegevens if own is None else own
    found = []
    for key in dict.fromkeys([*reference, *own]):
        if key in skip or own.get(key, _ABSENT) == reference.get(key, _ABSENT):
            continue
        shown = safe_name(str(key))
        found.append(Finding(
            "B09", "error", f"Het veld '{shown}' is op deze pagina anders dan op {_short(reference_name)}. Alle "
            "pagina's van één bericht zijn delen van dezelfde levering: alleen de records (trajecten of signalen) "
            "verschillen per pagina. De controle gebruikt de waarde van de eerste pagina; maak de pagina's gelijk.",
            page.name, child(at, str(key)), context={"veld": shown}))
    return found


_ABSENT = object()


# ------------------------------------------------------------------------------------------------ after


def translate(findings: Iterable[Finding], indexes: dict[str, PathIndex]) -> list[Finding]:
    """Findings about a joined set pointed back into its pages; file-name rules dropped for sets."""
    if not indexes:
        return list(findings)
    out = []
    for finding in findings:
        files = finding.file.split(", ")
        if not any(file in indexes for file in files):
            out.append(finding)
            continue
        if finding.rule in NAME_RULES:
            continue
        if len(files) > 1:   # an aggregate over several files: name the sets' first pages
            named = ", ".join(indexes[file].pages[0] if file in indexes else file for file in files)
            out.append(replace(finding, file=named, message=_message_paths(finding.message, None)))
            continue
        index = indexes[files[0]]
        page, path = index.locate(finding.path)
        out.append(replace(finding, file=page, path=path, message=_message_paths(finding.message, index, page)))
    return out


def _message_paths(message: str, index: PathIndex | None, page: str | None = None) -> str:
    """Paths of the joined delivery quoted in a message (e.g. 'ook bij $.leveringen[0]...'), as page paths."""
    if index is None or "$.leveringen[" not in message:
        return message

    def one(match: re.Match) -> str:
        where, path = index.locate(match.group(0))
        return path if where == page else f"{path} in {_short(where)}"
    return _PATH_IN_TEXT.sub(one, message)


def page_reports(source: Any, report: Any, flat: Any, counts: Any) -> list[Any]:
    """One FileReport per page of a set (its own hash, size and counts); `[report]` for any other source.
    `flat`: the set's FlatDocument (its frames are only made for a set), or None."""
    if not isinstance(source, MessageSet):
        return [report]
    frames = flat.frames if flat is not None else None
    reports = []
    pages_of: dict[str, Any] = {}
    for p, page in enumerate(source.pages):
        own = replace(report, file=page.name, sha256=page.sha256, size=page.size, counts=dict(report.counts))
        if frames is not None:
            own.counts = counts(_PageFrames(frames, source.index, p, pages_of))
            if "leveringen" in own.counts:   # a levering split over pages is on each of them
                own.counts["leveringen"] = len(_dict_items(page.gegevens.get("leveringen")))
        reports.append(own)
    return reports


class _PageFrames(dict):
    """The rows of one page, per frame, computed when a counter asks for the frame."""

    def __init__(self, frames: dict[str, Any], index: PathIndex, page: int, pages_of: dict[str, Any]) -> None:
        super().__init__()
        self._frames, self._index, self._page, self._pages_of = frames, index, page, pages_of

    def __missing__(self, name: str) -> Any:
        frame = self._frames[name]
        if name not in self._pages_of:
            self._pages_of[name] = self._index.page_of_paths(frame["path"]) if len(frame) else None
        pages = self._pages_of[name]
        rows = frame if pages is None else frame[pages == self._page]
        self[name] = rows
        return rows


PATH_COLUMNS = ("path", "traject_path", "levering_path")


def translate_frames(frames: dict[str, Any], indexes: dict[str, PathIndex]) -> dict[str, Any]:
    """The frames a report reads, with the rows of a joined set pointed into its pages like the findings, so a
    report can find a finding's traject (start date, gemeente) by (file, path)."""
    if not indexes:
        return frames
    out = {}
    for name, frame in frames.items():
        if "file" not in getattr(frame, "columns", ()) or not frame["file"].isin(list(indexes)).any():
            out[name] = frame
            continue
        frame = frame.copy()
        files = frame["file"].astype(object).to_numpy(copy=True)
        for file, index in indexes.items():
            rows = files == file
            if not rows.any():
                continue
            for column in (c for c in PATH_COLUMNS if c in frame.columns):
                located = [index.locate(p) if isinstance(p, str) else (index.pages[0], p)
                           for p in frame.loc[rows, column]]
                values = frame[column].astype(object).to_numpy(copy=True)
                values[rows] = [path for _, path in located]
                frame[column] = values
                if column == "path":
                    files[rows] = [page for page, _ in located]
        frame["file"] = files
        out[name] = frame
    return out
