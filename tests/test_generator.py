"""The synthetic delivery generator: deterministic, schema-valid, clean by the rule catalogue, and
defects exactly where it says they are.

`violations()` below is a small plain-Python re-statement of the rules (docs/rules.md) that a
generated file can break; it is independent of the real checker, which gets its own tests.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from ddas_quality.catalogue import CATALOGUE
from ddas_quality.domains.common.synthetic import TEST_BSN_RANGE, InjectedDefect, valid_test_bsns, write_delivery
from ddas_quality.domains.shv.generator import SUPPORTED_DEFECTS, generate_delivery
from ddas_quality.gemeenten import comparison_code, load_table, normalize_code

TRAJECT = re.compile(r"^\$\.leveringen\[\d+\]\.schuldhulptrajecten\[\d+\]")
# The published schema, under ../shared: tests call schema_error_paths() last, so without ../shared their
# own checks still run before they skip (they fail under DDAS_REQUIRE_SHARED=1).
SCHEMA = ("reference", "ddas-shv", "v1.0", "json_schema_Uitwisselmodel.json")
TABLE = load_table()

PERIOD_OBJECTS = ("aanmelding", "informatieEnAdvies", "intake", "stabilisatie", "oplossing", "nazorg")
PERIOD_LISTS = ("begeleiding", "crisisinterventies", "moratoria", "voorlopigeVoorzieningen")
PHASE_STARTS = (("aanmelding", "startdatum"), ("intake", "startdatum"), ("stabilisatie", "startdatum"),
                ("schuldregeling", "datum"), ("oplossing", "startdatum"), ("nazorg", "startdatum"))


def limit(code: str, name: str) -> float:
    """A threshold's default: the catalogue is the only place that states it."""
    return CATALOGUE[code].thresholds[name]


#: Expected active SHV clients per inhabitant per year (A01, A02).
RATE = limit("A01", "reference_rate_per_1000") / 1000


# --------------------------------------------------------------------------------------------------
# A plain re-statement of the rules a generated file can break


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def months_between(a: date, b: date) -> float:
    return (b - a).days / 30.44


def key_of(client: dict) -> tuple:
    if client.get("Burgerservicenummer"):
        return ("bsn", client["Burgerservicenummer"])
    return ("adres", client.get("Geboortedatum"), client.get("Postcode"), client.get("Huisnummer"),
            client.get("Huisnummertoevoeging", ""))


def all_dates(node, skip: tuple[str, ...] = ()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from all_dates(value, skip)
    elif isinstance(node, list):
        for value in node:
            yield from all_dates(value, skip)
    elif isinstance(node, str) and len(node) == 10 and node[4] == "-" and node[7] == "-":
        yield from real_date(node)


def real_date(text: str):
    """The date, or nothing when the text is no real date (C03 for a Geboortedatum)."""
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return
    yield value


def period_objects(t: dict):
    for name in PERIOD_OBJECTS:
        if isinstance(t.get(name), dict):
            yield name, t[name]
    for name in PERIOD_LISTS:
        for k, item in enumerate(t.get(name) or []):
            yield f"{name}[{k}]", item


def is_active(t: dict, ps: date, pe: date) -> bool:
    """A process step started in the period, or uitstroom in it (rules.md, Terms)."""
    starts = [d(t.get(name, {}).get(field)) for name, field in PHASE_STARTS]
    starts.append(d((t.get("uitstroom") or {}).get("datum")))
    return any(s is not None and ps <= s <= pe for s in starts)


def active_clients(doc: dict) -> dict[str, set]:
    ps, pe = d(doc["startdatumLevering"]), d(doc["einddatumLevering"])
    out: dict[str, set] = {}
    for levering in doc["leveringen"]:
        for t in levering["schuldhulptrajecten"]:
            keys = out.setdefault(t["gemeentecode"], set())
            if is_active(t, ps, pe):
                keys.update(key_of(c) for c in t["client"])
    return out


def violations(doc: dict) -> set[tuple]:
    """(rule, path) for every rule of the catalogue the document breaks (A01/A02 with the gemeentecode)."""
    out: set[tuple] = set()
    ps, pe = d(doc["startdatumLevering"]), d(doc["einddatumLevering"])
    aanlever = date.fromisoformat(doc["aanleverdatumEnTijd"][:10])
    months = 12 if (pe - ps).days > 200 else 6
    if not doc["codeGegevensleverancier"] or not any(ch.isdigit() for ch in doc["codeGegevensleverancier"]):
        out.add(("L09", "$"))
    if [lev["teller"] for lev in doc["leveringen"]] != list(range(1, len(doc["leveringen"]) + 1)):
        out.add(("L04", "$"))
    # F07/L06/L05 compare codes as written, GM dropped, also codes of the wrong form; `Onbekend` is no gemeente
    # (rules.md, Decisions: comparing gemeentecodes)
    codes = {comparison_code(t["gemeentecode"]) for lev in doc["leveringen"] for t in lev["schuldhulptrajecten"]}
    if len(codes - {None}) > 1:
        out.add(("F07", "$"))
    spans: dict[tuple, list[tuple[date, date | None, str]]] = {}
    fields: dict[str, list] = {}
    filled = {"bsn": [0, 0], "intake": [0, 0], "schulden": [0, 0]}

    def note(field: str, value) -> None:
        fields.setdefault(field, []).append(value)

    for li, lev in enumerate(doc["leveringen"]):
        org = lev["aanleverende_organisatie"]
        lpath = f"$.leveringen[{li}]"
        trajecten = lev["schuldhulptrajecten"]
        if not trajecten:
            out.add(("L10", lpath))
        own = comparison_code(org.get("gemeentecode"))
        org_key = org.get("KvK-nummer") or org.get("(Statutaire) Naam") or lpath  # C07 within, C08 across
        if len({comparison_code(t["gemeentecode"]) for t in trajecten} - {None}) > 1:
            out.add(("L06", lpath))
        if not org.get("gemeentecode") and not (org.get("KvK-nummer", "").isdigit()
                                                and len(org["KvK-nummer"]) == 8):
            out.add(("L07", lpath))
        if not any("@" in (c.get("email") or "") for c in org.get("contactpersonen", [])):
            out.add(("L08", lpath))
        for ti, t in enumerate(trajecten):
            path = f"{lpath}.schuldhulptrajecten[{ti}]"
            start, end = d(t.get("startdatum")), d(t.get("einddatum"))
            compared = comparison_code(t["gemeentecode"])
            if own and (compared or t["gemeentecode"] == "Onbekend") and compared != own:
                out.add(("L05", path))
            code = normalize_code(t["gemeentecode"])
            if t["gemeentecode"] == "Onbekend":
                if not own:
                    out.add(("T05", path))
            elif code is None:
                out.add(("T04", path))
            elif TABLE.get(code) is None or not TABLE.get(code).valid_during(ps, pe):
                out.add(("T06", path))
            if start and end and end < start:
                out.add(("T01", path))
            if not (start <= pe and (end is None or end >= ps)):
                out.add(("T02", path))
            if any(x > aanlever for x in all_dates(t)):
                out.add(("T03", path))
            regeling = t.get("schuldregeling") or {}
            if t.get("toekenningsdatum") and regeling.get("toegekend") \
                    and t["toekenningsdatum"] != regeling["toegekend"]:
                out.add(("T07", path))
            uit = t.get("uitstroom") or {}
            trio = {x for x in (t.get("einddatum"), uit.get("datum"), uit.get("datumBeeindigingsbeschikking"))
                    if x}
            if len(trio) > 1:
                out.add(("T08", path))
            if (uit.get("reden") and not (end or uit.get("datum"))) or (end and not uit.get("reden")):
                out.add(("T09", path))
            for rel, obj in period_objects(t):
                for field in ("startdatum", "einddatum", "datumAanvraag", "datumGoedkeuring"):
                    if obj.get(field) and d(obj[field]) < start:
                        out.add(("T10", f"{path}.{rel}"))
                s, e = d(obj.get("startdatum")), d(obj.get("einddatum"))
                if s and e and e < s:
                    out.add(("P01", f"{path}.{rel}"))
                if end and s and s > end and rel != "nazorg":
                    out.add(("T11", f"{path}.{rel}"))
            if end and regeling.get("datum") and d(regeling["datum"]) > end:
                out.add(("T11", f"{path}.schuldregeling"))
            amounts = [t.get("totaalSchuldbedragBijAanvangSchuld"), (t.get("oplossing") or {}).get("vtlb")]
            if any(a is not None and a < 0 for a in amounts):
                out.add(("T12", path))
            total = t.get("totaalSchuldbedragBijAanvangSchuld")
            schulden = t.get("schulden") or []
            if (total or 0) > limit("T13", "max_totaal_schuld") \
                    or not 0 <= ((t.get("oplossing") or {}).get("vtlb") or 0) <= limit("T13", "max_vtlb"):
                out.add(("T13", path))
            if total is not None and schulden:
                som = sum(s["bedrag"] for s in schulden)
                if abs(total - som) > limit("T14", "max_difference") * som:
                    out.add(("T14", path))
            aanmelding = t.get("aanmelding") or {}
            if bool(aanmelding.get("crisisinterventie")) != bool(t.get("crisisinterventies")):
                out.add(("T16", path))
            starts = [d((t.get(name) or {}).get(field)) for name, field in PHASE_STARTS]
            present = [s for s in starts if s]
            if present != sorted(present):
                out.add(("P02", path))
            if (("oplossing" in t or "schuldregeling" in t) and "intake" not in t) or "aanmelding" not in t:
                out.add(("P03", path))
            intake = t.get("intake") or {}
            if bool(intake.get("beschikkingssoort")) != bool(intake.get("beschikkingsdatum")):
                out.add(("P04", path))
            if intake.get("einddatum") != intake.get("beschikkingsdatum"):
                out.add(("P05", path))
            if intake.get("beschikkingssoort") == "Afwijzingsbeschikking" and any(
                    name in t for name in ("stabilisatie", "schuldregeling", "oplossing")):
                out.add(("P06", path))
            if regeling.get("dwangakkoord") and not (regeling.get("toegekend")
                                                     and regeling.get("datumVerzoekDwangakkoord")):
                out.add(("P07", path))
            if regeling.get("toegekend") and regeling.get("afgewezen"):
                out.add(("P08", path))
            for field in ("toegekend", "afgewezen", "ingetrokken", "datumVerzoekDwangakkoord"):
                if regeling.get(field) and d(regeling[field]) < d(regeling["datum"]):
                    out.add(("P08", path))
            oplossing = t.get("oplossing") or {}
            if oplossing.get("soort") in ("Saneringskrediet", "Schuldbemiddeling"):
                o_end = d(oplossing.get("einddatum")) or aanlever
                if months_between(d(oplossing["startdatum"]), o_end) > limit("P09", "max_months") + limit(
                        "P09", "grace_months"):
                    out.add(("P09", path))
            if oplossing.get("startdatum") and not oplossing.get("soort"):
                out.add(("P11", path))
            for k, m in enumerate(t.get("moratoria") or []):
                m_end = d(m.get("einddatum")) or aanlever
                if months_between(d(m["startdatum"]), m_end) > limit("P10", "max_months") + limit(
                        "P10", "grace_months") or not (
                        d(m["datumAanvraag"]) <= d(m["datumGoedkeuring"]) <= d(m["startdatum"])):
                    out.add(("P10", f"{path}.moratoria[{k}]"))
            soorten: dict[str, list] = {}
            for b in t.get("begeleiding") or []:
                soorten.setdefault(b["soort"], []).append(b)
            if any(len(v) > 1 for v in soorten.values()):
                out.add(("P12", path))
            clients = t["client"]
            if len(clients) == 2 and key_of(clients[0]) == key_of(clients[1]):
                out.add(("C06", f"{path}.client[1]"))
            for j, c in enumerate(clients):
                cpath = f"{path}.client[{j}]"
                number = c.get("Burgerservicenummer")
                filled["bsn"][0] += 1
                filled["bsn"][1] += bool(number)
                if number and not (len(number) == 9 and stdnum_bsn.is_valid(number)):
                    out.add(("C01", cpath))
                if not number and not all(c.get(f) for f in ("Geboortedatum", "Geslachtsaanduiding",
                                                            "Postcode", "Huisnummer")):
                    out.add(("C02", cpath))
                try:
                    born = d(c["Geboortedatum"])
                except ValueError:
                    out.add(("C03", cpath))  # no real date
                    born = start
                age = (start - born).days / 365.2425
                if not 18 <= age <= 100 or c["Geboortedatum"] in ("1900-01-01", "1970-01-01", "0001-01-01"):
                    out.add(("C03", cpath))
                if "Geslachtsaanduiding" in c and c["Geslachtsaanduiding"] not in ("Man", "Vrouw", "Onbekend", "Leeg"):
                    out.add(("C04", cpath))
                pc = c.get("Postcode", "")
                if not (len(pc) == 6 and pc[:4].isdigit() and pc[4:].isalpha() and pc[4:].isupper()
                        and c.get("Huisnummer", "").isdigit()):
                    out.add(("C05", cpath))
                span = (start, end, path, org_key)
                if span not in spans.setdefault(key_of(c), []):  # one client twice in a traject is C06 only
                    spans[key_of(c)].append(span)
            for k, s in enumerate(schulden):
                spath = f"{path}.schulden[{k}]"
                if s["bedrag"] == 0:
                    out.add(("D01", spath))
                if s["bedrag"] < 0 or s["bedrag"] > limit("T13", "max_schuld"):
                    out.add(("T12" if s["bedrag"] < 0 else "T13", spath))
                if s.get("peildatum") and (d(s["peildatum"]) > aanlever
                                           or (start - d(s["peildatum"])).days
                                           > 365 * limit("D02", "max_years_before_start")):
                    out.add(("D02", spath))
                eiser = s.get("schuldeiser") or {}
                if eiser.get("naam") and eiser.get("Naam") and eiser["naam"] != eiser["Naam"]:
                    out.add(("D03", spath))
                kvk = eiser.get("kvknummer")
                if (kvk and not (kvk.isdigit() and len(kvk) == 8)) or (eiser.get("privepersoon") and kvk):
                    out.add(("D04", spath))
            if ("schuldregeling" in t or "oplossing" in t) and not schulden:
                out.add(("D05", path))
            # fill rates and concentrations
            if "stabilisatie" in t or "schuldregeling" in t or "oplossing" in t:
                filled["intake"][0] += 1
                filled["intake"][1] += "intake" in t
            if "schuldregeling" in t:
                filled["schulden"][0] += 1
                filled["schulden"][1] += bool(schulden)
            note("startdatum", t["startdatum"])
            note("einddatum", t.get("einddatum"))
            for rel, obj in period_objects(t):
                name = rel.split("[")[0]
                for field, value in obj.items():
                    if isinstance(value, str) and field not in ("soort", "beschikkingssoort"):
                        note(f"{name}.{field}", value)
            for field, value in regeling.items():
                note(f"schuldregeling.{field}", value)
            note("totaal", total)
            note("vtlb", oplossing.get("vtlb"))
            for s in schulden:
                note("schulden.bedrag", s["bedrag"])
                note("schulden.peildatum", s.get("peildatum"))
    for field, values in fields.items():
        values = [v for v in values if v is not None and not isinstance(v, bool)]
        if len(values) >= limit("A04", "min_records") \
                and max(values.count(v) for v in set(values)) > limit("A04", "max_share") * len(values):
            out.add(("A04", field))
    for total, hits in filled.values():
        if total and (total - hits) / total > limit("A03", "max_empty_share"):
            out.add(("A03", "$"))
    for items in spans.values():
        items.sort(key=lambda x: x[0])
        for i, (s1, e1, _, o1) in enumerate(items):
            for s2, e2, p2, o2 in items[i + 1:]:
                if s1 == s2:
                    out.add(("T15", p2))  # a duplicate, not also an overlap
                elif s2 < (e1 or aanlever) and (e2 or aanlever) > s1:
                    out.add(("C07" if o1 == o2 else "C08", p2))
    for code, keys in active_clients(doc).items():
        g = TABLE.get(code)
        if g is None:
            continue
        expected = g.inwoners * RATE * months / 12
        if g.inwoners >= limit("A01", "min_inwoners") and len(keys) < limit("A01", "warning_ratio") * expected:
            out.add(("A01", "$", code))
        if len(keys) >= limit("A02", "min_clients") and len(keys) > limit("A02", "max_ratio") * expected:
            out.add(("A02", "$", code))
    return out


def schema_error_paths(document: dict) -> set[str]:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = _validator(jsonschema_rs, shared_path(*SCHEMA))
    paths = set()
    for error in validator.iter_errors(document):
        path = "$"
        for part in error.instance_path:
            path += f"[{part}]" if isinstance(part, int) else f".{part}"
        paths.add(path)
    return paths


_VALIDATOR = []


def _validator(jsonschema_rs, schema: Path):
    if not _VALIDATOR:
        _VALIDATOR.append(jsonschema_rs.validator_for(json.loads(schema.read_text()), validate_formats=True))
    return _VALIDATOR[0]


def expected_set(defects: list[InjectedDefect]) -> set[tuple]:
    return {(x.rule, x.path, x.gemeentecode) if x.rule == "A01" else (x.rule, x.path)
            for x in defects if not x.rule.startswith("S")}


def leaves(node, path: str = "$"):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, f"{path}[{i}]")
    else:
        yield path, node


def changed_paths(a: dict, b: dict) -> set[str]:
    left, right = dict(leaves(a)), dict(leaves(b))
    return {p for p in left.keys() | right.keys() if left.get(p, object()) != right.get(p, object())}


def place(path: str) -> str:
    """The traject a recorded path lies in: a defect changes its traject, the finding may be on a phase of it."""
    match = TRAJECT.match(path)
    return match.group(0) if match else path


def added(path: str, clean: dict) -> bool:
    """True for a path in a levering the injection added (A01, T05, C08 may add one)."""
    match = re.match(r"^\$\.leveringen\[(\d+)\]", path)
    return bool(match) and int(match.group(1)) >= len(clean["leveringen"])


def under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


# --------------------------------------------------------------------------------------------------
# Tests


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    files = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        target = tmp_path / f"{name}.json"
        write_delivery(generate_delivery(trajecten=120, seed=seed, defects=["P02", "C07"]).document, target)
        files.append(target.read_bytes())
    assert files[0] == files[1]
    assert files[0] != files[2]


def test_written_file_is_the_document(tmp_path: Path) -> None:
    delivery = generate_delivery(trajecten=30, seed=3, defects=["S02"])
    target = tmp_path / "SHV_2024_Test.json"
    write_delivery(delivery.document, target)
    assert json.loads(target.read_bytes()) == delivery.document


def test_test_bsn_pool_matches_stdnum() -> None:
    low, high = TEST_BSN_RANGE
    assert valid_test_bsns() == tuple(str(n) for n in range(low, high + 1) if stdnum_bsn.is_valid(str(n)))


@pytest.mark.parametrize("defects", [(), ("C01",)])
def test_every_bsn_is_a_valid_test_bsn_except_the_c01_one(defects: tuple[str, ...]) -> None:
    delivery = generate_delivery(trajecten=300, seed=11, defects=defects)
    bad = {x.path for x in delivery.defects if x.rule == "C01"}
    seen: dict[str, tuple] = {}
    low, high = TEST_BSN_RANGE
    for li, lev in enumerate(delivery.document["leveringen"]):
        for ti, t in enumerate(lev["schuldhulptrajecten"]):
            for j, c in enumerate(t["client"]):
                number = c.get("Burgerservicenummer")
                if number is None:
                    continue
                path = f"$.leveringen[{li}].schuldhulptrajecten[{ti}].client[{j}]"
                assert len(number) == 9 and number.isdigit() and low <= int(number) <= high
                assert stdnum_bsn.is_valid(number) == (path not in bad)
                person = (c["Geboortedatum"], c["Postcode"], c["Huisnummer"])
                assert seen.setdefault(number, person) == person  # one BSN, one person
    assert len(bad) == len(defects)


def test_bsn_slices_keep_separately_generated_files_apart() -> None:
    def bsns(delivery) -> set[str]:
        return {c["Burgerservicenummer"] for lev in delivery.document["leveringen"]
                for t in lev["schuldhulptrajecten"] for c in t["client"] if "Burgerservicenummer" in c}

    one = bsns(generate_delivery(trajecten=150, seed=1, bsn_slice=(1, 2)))
    two = bsns(generate_delivery(trajecten=150, seed=2, bsn_slice=(2, 2)))
    assert one and two and not one & two
    assert bsns(generate_delivery(trajecten=150, seed=1)) & bsns(generate_delivery(trajecten=150, seed=2))
    with pytest.raises(ValueError):
        generate_delivery(trajecten=5, seed=1, bsn_slice=(3, 2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trajecten=st.integers(1, 60), seed=st.integers(0, 2**32), year=st.integers(2020, 2025),
       half=st.sampled_from([None, 1, 2]))
def test_clean_documents_satisfy_the_rules(trajecten: int, seed: int, year: int, half: int | None) -> None:
    document = generate_delivery(trajecten=trajecten, seed=seed, year=year, half=half).document
    assert violations(document) == set()
    ps, pe = d(document["startdatumLevering"]), d(document["einddatumLevering"])
    assert ps == date(year, 1 if half != 2 else 7, 1)
    assert pe == date(year, 12 if half != 1 else 6, 30 if half == 1 else 31)
    aanlever = date.fromisoformat(document["aanleverdatumEnTijd"][:10])
    assert pe < aanlever <= date.fromordinal(pe.toordinal() + 42)
    assert sum(len(lev["schuldhulptrajecten"]) for lev in document["leveringen"]) == trajecten


@pytest.mark.parametrize(("trajecten", "seed", "half"),
                         [(1, 1, None), (60, 2, 1), (400, 3, None), (1500, 4, 2)])
@pytest.mark.requires_shared("/".join(SCHEMA))  # nothing else to check here: skip before generating
def test_clean_documents_validate_against_the_published_schema(trajecten: int, seed: int, half) -> None:
    document = generate_delivery(trajecten=trajecten, seed=seed, half=half).document
    assert schema_error_paths(document) == set()


def test_medium_file_is_clean_and_realistic() -> None:
    document = generate_delivery(trajecten=700, seed=5).document
    assert violations(document) == set()
    trajecten = [t for lev in document["leveringen"] for t in lev["schuldhulptrajecten"]]
    share = lambda pred: sum(map(pred, trajecten)) / len(trajecten)  # noqa: E731
    ps = d(document["startdatumLevering"])
    assert 0.1 < share(lambda t: d(t["startdatum"]) < ps) < 0.45  # running since earlier years
    assert 0.3 < share(lambda t: "einddatum" in t) < 0.8
    assert 0.08 < share(lambda t: len(t["client"]) == 2) < 0.25
    assert 0.1 < share(lambda t: "oplossing" in t) < 0.6
    assert share(lambda t: "stabilisatie" not in t) > 0.2  # many stop before stabilisatie
    assert any("crisisinterventies" in t for t in trajecten)
    assert any("moratoria" in t for t in trajecten)
    assert any(not c.get("Burgerservicenummer") for t in trajecten for c in t["client"])
    assert max(len(t.get("schulden", [])) for t in trajecten) <= 25
    ages = [(d(t["startdatum"]) - d(c["Geboortedatum"])).days / 365.2425 for t in trajecten for c in t["client"]]
    assert min(ages) >= 18 and max(ages) <= 90
    keys = [key_of(c) for t in trajecten for c in t["client"]]
    assert len(set(keys)) < len(keys)  # some clients come back in a later, sequential traject


@pytest.mark.parametrize(("trajecten", "half"), [(5, None), (40, None), (300, 1), (3000, None), (12_000, 2)])
def test_client_counts_fit_the_gemeenten(trajecten: int, half: int | None) -> None:
    document = generate_delivery(trajecten=trajecten, seed=21, half=half).document
    months = 12 if half is None else 6
    for code, keys in active_clients(document).items():
        g = TABLE.get(code)
        expected = g.inwoners * RATE * months / 12
        if g.inwoners >= limit("A01", "min_inwoners"):
            assert 0.5 * expected <= len(keys) <= 2 * expected, (code, len(keys), expected)
        else:
            assert len(keys) < limit("A02", "min_clients") or len(keys) <= limit("A02", "max_ratio") * expected
    for lev in document["leveringen"]:
        org = lev["aanleverende_organisatie"]
        assert org.get("gemeentecode") or len(org["KvK-nummer"]) == 8


def test_explicit_gemeentecodes_are_used_as_given() -> None:
    document = generate_delivery(trajecten=11, seed=1, gemeentecodes=["0473", "GM0363"]).document
    assert [len(lev["schuldhulptrajecten"]) for lev in document["leveringen"]] == [6, 5]
    codes = [lev["schuldhulptrajecten"][0]["gemeentecode"] for lev in document["leveringen"]]
    assert codes == ["0473", "0363"]
    with pytest.raises(ValueError):
        generate_delivery(trajecten=1, seed=1, defects=["X99"])


# The P, L, S, F and A injectors record where the real tool reports (P03 at the phase, P07 at the
# schuldregeling, L04 at the levering, A03/A04 at `$`, ...) and whole-file side effects (F07/L06 for T06,
# S03 as the older schema version) that this oracle does not re-state: tests/test_generated_deliveries.py
# checks them against the real tool.
TOOL_CHECKED = frozenset({"P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "L01", "L02", "L03",
                          "L04", "L05", "L06", "L07", "L08", "L09", "L10", "S03", "F07", "A02", "A03", "A04"})
SINGLE = [code for code in SUPPORTED_DEFECTS if code != "A01" and code not in TOOL_CHECKED]


@pytest.mark.parametrize("code", SINGLE)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_single_defect_changes_only_its_place_and_breaks_only_its_rule(code: str, seed: int) -> None:
    clean = generate_delivery(trajecten=60, seed=seed).document
    delivery = generate_delivery(trajecten=60, seed=seed, defects=[code])
    recorded = delivery.defects
    assert recorded[0].rule == code  # then the other rules the change unavoidably breaks (the oracle checks them)
    changed = changed_paths(clean, delivery.document)
    assert changed
    assert all(any(under(p, x.path) or under(p, place(x.path)) for x in recorded) or added(p, clean)
               for p in changed), changed
    assert violations(delivery.document) == expected_set(recorded)
    schema_paths = schema_error_paths(delivery.document)
    assert schema_paths == {x.path for x in recorded if x.rule.startswith("S")}


def test_a01_adds_a_gemeente_with_far_too_few_clients() -> None:
    clean = generate_delivery(trajecten=60, seed=4).document
    delivery = generate_delivery(trajecten=60, seed=4, defects=["A01"])
    a01 = [x for x in delivery.defects if x.rule == "A01"]
    assert len(a01) == 1 and a01[0].path == "$" and a01[0].gemeentecode
    assert delivery.document["leveringen"][:-1] == clean["leveringen"]
    added = delivery.document["leveringen"][-1]
    assert added["teller"] == len(delivery.document["leveringen"])
    assert {t["gemeentecode"] for t in added["schuldhulptrajecten"]} == {a01[0].gemeentecode}
    assert TABLE.get(a01[0].gemeentecode).inwoners >= limit("A01", "min_inwoners")
    assert violations(delivery.document) == expected_set(delivery.defects)
    assert schema_error_paths(delivery.document) == set()


def test_all_defects_together_land_on_different_trajecten() -> None:
    codes = [code for code in SUPPORTED_DEFECTS if code not in TOOL_CHECKED]
    delivery = generate_delivery(trajecten=150, seed=9, defects=codes)
    assert list(delivery.by_code) == codes
    assert all(records[0].rule == code for code, records in delivery.by_code.items())
    # each injection's own first record names its traject (file- and levering-level defects have none)
    places = [place(records[0].path) for records in delivery.by_code.values() if TRAJECT.match(records[0].path)]
    assert len(places) == len(set(places))
    assert violations(delivery.document) == expected_set(delivery.defects)
    schema_paths = {x.path for x in delivery.defects if x.rule.startswith("S")}
    assert schema_error_paths(delivery.document) == schema_paths


def test_a01_in_a_file_that_already_has_every_large_gemeente_shrinks_one_levering() -> None:
    period = (date(2024, 1, 1), date(2024, 12, 31))
    large = sorted(g.code for g in TABLE if g.valid_during(*period) and g.inwoners >= 50_000)
    delivery = generate_delivery(trajecten=2 * len(large), seed=1, gemeentecodes=large, defects=["A01"])
    (a01,) = delivery.defects
    sizes = {lev["schuldhulptrajecten"][0]["gemeentecode"]: len(lev["schuldhulptrajecten"])
             for lev in delivery.document["leveringen"]}
    assert len(sizes) == len(large) and sizes[a01.gemeentecode] == 1
    assert sum(sizes.values()) == 2 * len(large) - 1


def test_defects_are_reproducible_and_independent_of_order() -> None:
    one = generate_delivery(trajecten=60, seed=5, defects=["T03", "P01"])
    two = generate_delivery(trajecten=60, seed=5, defects=["P01", "T03"])
    assert one.defects == two.defects and one.document == two.document


def test_sample_data_matches_the_generator(tmp_path: Path) -> None:
    from ddas_quality.sample_data import regenerate

    written = regenerate(tmp_path)
    shipped = Path(__file__).resolve().parents[1] / "sample_data"
    names = sorted(p.name for p in written)
    assert names == ["SHV_2024_Voorbeeldgemeente_defecten.json", "SHV_2024_Zandvoort.json", "defecten.verwacht"]
    for path in written:
        if (shipped / path.name).exists():
            assert (shipped / path.name).read_bytes() == path.read_bytes(), (
                f"sample_data/{path.name} is outdated: run `python -m ddas_quality.sample_data`")
    clean = json.loads((tmp_path / "SHV_2024_Zandvoort.json").read_bytes())
    assert violations(clean) == set()
    manifest = json.loads((tmp_path / "defecten.verwacht").read_bytes())
    defect_doc = json.loads((tmp_path / manifest["bestand"]).read_bytes())

    def keys(doc: dict) -> set[tuple]:
        return {key_of(c) for lev in doc["leveringen"] for t in lev["schuldhulptrajecten"] for c in t["client"]}

    assert not keys(clean) & keys(defect_doc)  # checked together: no samenloop (C08) between the samples
    recorded = [InjectedDefect(x["rule"], x["path"], x.get("gemeentecode")) for x in manifest["defecten"]]
    assert {x.rule for x in recorded} >= {"P01", "P02", "T01", "T02", "T03", "C01", "C07", "S02"}
    assert violations(defect_doc) == expected_set(recorded)
    assert schema_error_paths(clean) == set()
    assert schema_error_paths(defect_doc) == {x.path for x in recorded if x.rule.startswith("S")}
