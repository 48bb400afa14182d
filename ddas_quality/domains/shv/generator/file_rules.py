"""The whole-file rules as the tool applies them, recomputed on a generated SHV document.

Levering- and file-level defects change what whole-file rules see (gemeenten per file and levering, active
clients per gemeente, the peilperiode, fill rates). Their injectors compare these findings before and after
their change (`changed`) and record every new one as an unavoidable extra; a change that would make an
earlier recorded finding disappear raises instead, so a combination of defects stays exact or fails.

Every threshold is the catalogue's default (a generated file is clean or defective by those), read here.
"""

from __future__ import annotations

from datetime import date

from ....gemeenten import comparison_code, normalize_code
from ...common.synthetic import InjectedDefect, gemeente_table, threshold
from .context import traject_path
from .dates import day

#: Expected active SHV clients per inhabitant per year (A01 and A02).
REFERENCE_RATE = threshold("A01", "reference_rate_per_1000") / 1000
A01_MIN_INWONERS = threshold("A01", "min_inwoners")
A01_WARNING_RATIO = threshold("A01", "warning_ratio")
A02_MIN_CLIENTS = threshold("A02", "min_clients")
A02_MAX_RATIO = threshold("A02", "max_ratio")
A03_MAX_EMPTY_SHARE = threshold("A03", "max_empty_share")

#: The phases' start fields in process order (P02), and with the uitstroom the steps that make a traject
#: active in the peilperiode (rules.md, Terms).
PHASE_STARTS = (("aanmelding", "startdatum"), ("intake", "startdatum"), ("stabilisatie", "startdatum"),
                ("schuldregeling", "datum"), ("oplossing", "startdatum"), ("nazorg", "startdatum"))
STEP_FIELDS = (*PHASE_STARTS, ("uitstroom", "datum"))
#: Phases after the intake: a traject with one of them counts for the intake fill rate (A03).
_PAST_INTAKE = ("stabilisatie", "schuldregeling", "oplossing", "nazorg")

Finding = tuple[str, str, str | None]  # (rule, path, gemeentecode or A03's field)


def field_day(t: dict, name: str, field: str) -> str | None:
    """The date in `t[name][field]` when it is one (see `dates.day`)."""
    obj = t.get(name)
    return day(obj.get(field)) if isinstance(obj, dict) else None


def is_active(t: dict, ps: str, pe: str) -> bool:
    """A process step started, or uitstroom, within the peilperiode (rules.md, Terms)."""
    return any(value is not None and ps <= value <= pe
               for value in (field_day(t, name, field) for name, field in STEP_FIELDS))


def _person(client: dict, fallback: tuple) -> tuple:
    """The tool's client key: the BSN, else birth date + postcode + huisnummer, else the client itself."""
    bsn = client.get("Burgerservicenummer")
    if isinstance(bsn, str) and bsn.strip():
        return ("bsn", bsn.strip())
    postcode = client.get("Postcode")
    if day(client.get("Geboortedatum")) and isinstance(postcode, str) and postcode.strip() \
            and client.get("Huisnummer") is not None:
        return ("adres", client["Geboortedatum"], postcode.replace(" ", "").upper(), str(client["Huisnummer"]),
                str(client.get("Huisnummertoevoeging") or "").upper())
    return ("object", *fallback)


def _period_findings(doc: dict) -> set[Finding]:
    """L01, L02 and L03: the peilperiode and the aanleverdatum."""
    out: set[Finding] = set()
    ps, pe = day(doc.get("startdatumLevering")), day(doc.get("einddatumLevering"))
    aanlever = doc.get("aanleverdatumEnTijd")
    aanlever_day = day(aanlever[:10]) if isinstance(aanlever, str) else None
    if ps and pe and ps > pe:
        out.add(("L01", "$", None))
    elif ps and pe and not (ps[:4] == pe[:4] and ps[5:] in ("01-01", "07-01") and pe[5:] in ("06-30", "12-31")
                            and (ps[5:], pe[5:]) != ("07-01", "06-30")):
        out.add(("L02", "$", None))
    if aanlever_day and ((ps and aanlever_day < ps) or (pe and aanlever_day <= pe)):
        out.add(("L03", "$", None))  # before the period: error; not after its end: warning
    return out


def file_findings(doc: dict) -> set[Finding]:
    """(rule, path, gemeentecode or field) of the whole-file rules a levering-level change can switch:
    L01-L03, F07, L06, T02, T06, A01-A03, computed as the tool does with the catalogue's thresholds."""
    out = _period_findings(doc)
    ps, pe = day(doc.get("startdatumLevering")), day(doc.get("einddatumLevering"))
    # A period that runs backwards (L01) is no period for T02, T06, A01 and A02: the tool skips them then.
    period = (date.fromisoformat(ps), date.fromisoformat(pe)) if ps and pe and ps <= pe else None
    table = gemeente_table()
    file_codes: set[str] = set()
    active: dict[str, set] = {}
    counts = {"bsn": [0, 0], "aanmelding": [0, 0], "intake": [0, 0], "schulden": [0, 0]}
    for li, levering in enumerate(doc.get("leveringen", [])):
        codes: set[str] = set()
        for ti, t in enumerate(levering.get("schuldhulptrajecten") or []):
            path = traject_path(li, ti)
            start, end = day(t.get("startdatum")), day(t.get("einddatum"))
            if period is not None and ((start and start > pe) or (end and end < ps)):
                out.add(("T02", path, None))
            counts["aanmelding"][0] += 1
            counts["aanmelding"][1] += field_day(t, "aanmelding", "startdatum") is not None
            if any(field_day(t, name, "datum" if name == "schuldregeling" else "startdatum")
                   for name in _PAST_INTAKE):
                counts["intake"][0] += 1
                counts["intake"][1] += field_day(t, "intake", "startdatum") is not None
            if field_day(t, "schuldregeling", "datum"):
                counts["schulden"][0] += 1
                counts["schulden"][1] += bool(t.get("schulden"))
            for client in t.get("client") or []:
                counts["bsn"][0] += 1
                counts["bsn"][1] += bool(str(client.get("Burgerservicenummer") or "").strip())
            # L06/F07 compare codes as written, GM dropped, also codes of the wrong form (rules.md, Decisions)
            compared = comparison_code(t.get("gemeentecode"))
            if compared is not None:
                codes.add(compared)
            code = normalize_code(t.get("gemeentecode"))
            if code is None:
                continue
            if period is not None:
                gemeente = table.get(code)
                if gemeente is None or not gemeente.valid_during(*period):
                    out.add(("T06", path, None))
                if is_active(t, ps, pe):
                    persons = active.setdefault(code, set())
                    persons.update(_person(c, (li, ti, j)) for j, c in enumerate(t.get("client") or []))
        if len(codes) > 1:
            out.add(("L06", f"$.leveringen[{li}]", None))
        file_codes |= codes
    if len(file_codes) > 1:
        out.add(("F07", "$", None))
    for name, (total, filled) in counts.items():
        if total and (total - filled) / total > A03_MAX_EMPTY_SHARE:
            out.add(("A03", "$", name))
    if period is not None:
        years = max(((period[1] - period[0]).days + 1) / 365.25, 1 / 12)
        for code in file_codes:
            gemeente = table.get(code)
            if gemeente is None or not gemeente.inwoners:
                continue
            n = len(active.get(code, ()))
            ratio = n / (gemeente.inwoners * REFERENCE_RATE * years)
            if gemeente.inwoners >= A01_MIN_INWONERS and ratio < A01_WARNING_RATIO:
                out.add(("A01", "$", code))
            if n >= A02_MIN_CLIENTS and ratio > A02_MAX_RATIO:
                out.add(("A02", "$", code))
    return out


def new_findings(code: str, before: set[Finding], after: set[Finding]) -> list[InjectedDefect]:
    """The findings `code`'s change switched on (its own first); raise when one disappeared."""
    lost = sorted(before - after, key=str)
    if lost:
        rules = ", ".join(sorted({rule for rule, _, _ in lost}))
        raise ValueError(f"Fout {code} kan niet samen met de andere gevraagde fouten: de wijziging laat {rules} "
                         "verdwijnen.")
    new = sorted(after - before, key=lambda x: (x[0] != code, x[0], x[1], x[2] or ""))
    return [InjectedDefect(rule, path, key if rule in ("A01", "A02") else None) for rule, path, key in new]


def changed(code: str, doc: dict, before: set[Finding]) -> list[InjectedDefect]:
    """The whole-file findings that `code`'s change switched on, against `file_findings` from before it."""
    return new_findings(code, before, file_findings(doc))


def a03_findings(doc: dict, name: str) -> list[InjectedDefect]:
    """A03 (at `$`) when the file's empty share of `name` (`bsn`, `schulden`, ...) is above the threshold."""
    return [InjectedDefect("A03", "$")] if ("A03", "$", name) in file_findings(doc) else []
