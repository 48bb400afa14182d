"""Derive stage for vroegsignalering: columns and frames the VS suites check (V01-V10, L01-L04 for VS).

Each rule column is null where its rule does not apply (a missing field is S01's finding), so GX map
expectations skip it. Everything is merge/group-based: cost grows linearly with the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common.levering import add_f06, add_l03, add_l04_tellers, bool_array, without_reversed_period
from ..common.plausibility import expected_count, only_this_file, ratio_text

NIET_OPGEPAKT = "Niet opgepakt"
NOG_NIET_OPGEPAKT = "Nog niet opgepakt"
GEEN_CONTACT = "Definitief geen contact kunnen krijgen"


def derive(frames: dict[str, pd.DataFrame], context, release: bool = False) -> dict[str, pd.DataFrame]:
    """The VS frames plus derived columns, and the derived frames `vs_bestanden` and `vs_gemeenten`.
    `release`: the caller hands `frames` over (the dict is emptied): columns are added to them, not to copies."""
    out = {name: frame if release else frame.copy() for name, frame in frames.items()}
    if release:
        frames.clear()
    # L01 is judged on vs_bestanden; the other frames see no period where it runs backwards.
    for name in ("vs_leveringen", "vroegsignalen", "vroegsignaalzaken", "contactpogingen"):
        out[name] = without_reversed_period(out[name])
    leveringen, signalen, zaken = out["vs_leveringen"], out["vroegsignalen"], out["vroegsignaalzaken"]
    refs, pogingen = out["zaak_signalen"], out["contactpogingen"]
    numbers = _numbers(signalen, zaken, refs)
    add_l04_tellers(leveringen)                       # L04, shared with SHV
    _gemeentecode(leveringen, context.table)   # V01
    _signal_ids(signalen, numbers)             # V02
    _references(refs, signalen, numbers)       # V03
    _signal_dates(signalen)                    # V04
    zaken = _zaak_facts(zaken, signalen, numbers)
    _in_period(signalen, zaken, numbers)       # V05
    pogingen = _contact_dates(pogingen, zaken)  # V06 (contactpogingen), V07 (bereikt)
    _contradictions(signalen, zaken, refs, numbers)  # V07
    _identifiable(signalen)                    # V09
    out.update(vs_leveringen=leveringen, vroegsignaalzaken=zaken, contactpogingen=pogingen)
    out["vs_bestanden"] = _files(out["vs_bestanden"])
    out["vs_gemeenten"] = _gemeenten(leveringen, context)
    return out


def _gemeentecode(leveringen: pd.DataFrame, table) -> None:
    """V01: present, CBS form (T04) and existing during the peilperiode (T06); `Onbekend` is no gemeente."""
    ok, text = [], []
    for present, typefout, raw, code, start, end in zip(
            leveringen["gemeentecode_aanwezig"], leveringen["gemeentecode_typefout"], leveringen["gemeentecode"],
            leveringen["gemeentecode_norm"], leveringen["peil_start"], leveringen["peil_end"], strict=True):
        if typefout is True:   # S01 names the wrong type
            ok.append(None)
            text.append("")
        elif not present:
            ok.append(False)
            text.append("Deze levering heeft geen gemeentecode")
        elif code is None:
            ok.append(False)
            shown = f"'{raw}'" if isinstance(raw, str) else "in dit veld"
            text.append(f"De gemeentecode {shown} is geen CBS-gemeentecode (vier cijfers, eventueel met GM ervoor)")
        elif pd.isna(start) or pd.isna(end):
            ok.append(None)
            text.append("")
        else:
            gemeente = table.get(code)
            valid = gemeente is not None and gemeente.valid_during(start.date(), end.date())
            ok.append(valid)
            text.append("" if valid else _not_existing(table, code, gemeente, start, end))
    leveringen["v01_gemeentecode_ok"] = pd.array(ok, dtype="boolean")
    leveringen["v01_tekst"] = text


def _not_existing(table, code: str, gemeente, start, end) -> str:
    period = f"({start.date().isoformat()} t/m {end.date().isoformat()})"
    if gemeente is None:
        return f"De gemeentecode {code} komt niet voor in de CBS-gemeentelijst"
    successors = table.successors(code)
    if successors:
        names = ", ".join(f"{s.nieuwe_naam} ({s.nieuwe_code})" for s in successors)
        return (f"De gemeentecode {code} bestond niet in de peilperiode {period}: {gemeente.naam} is per "
                f"{successors[0].datum.isoformat()} opgegaan in {names}")
    return f"De gemeentecode {code} ({gemeente.naam}) bestond niet in de peilperiode {period}"


@dataclass(frozen=True)
class _Numbers:
    """One integer per signal key (file, levering, keyed ID) and per zaak (file, path), the same in every frame:
    derive joins signalen, zaken and their references on these instead of on two or three text columns
    (500,000 signalen: the five joins took 2.4 s)."""

    signal: np.ndarray       # per vroegsignalen row
    ref_signal: np.ndarray   # per zaak_signalen row: the signal it names
    zaak: np.ndarray         # per vroegsignaalzaken row
    ref_zaak: np.ndarray     # per zaak_signalen row: its zaak


def _numbers(signalen: pd.DataFrame, zaken: pd.DataFrame, refs: pd.DataFrame) -> _Numbers:
    signal_keys = ["file", "levering_path", "signaal_id_key"]
    signal = _group_numbers(pd.concat([signalen[signal_keys], refs[signal_keys]], ignore_index=True))
    zaak_keys = pd.concat([zaken[["file", "path"]], refs[["file", "zaak_path"]].rename(columns={"zaak_path": "path"})],
                          ignore_index=True)
    zaak = _group_numbers(zaak_keys)
    return _Numbers(signal[:len(signalen)], signal[len(signalen):], zaak[:len(zaken)], zaak[len(zaken):])


def _group_numbers(keys: pd.DataFrame) -> np.ndarray:
    """Per row, the number of its combination of values (a missing value is a value too)."""
    return keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()


def _signal_ids(signalen: pd.DataFrame, numbers: _Numbers) -> None:
    """V02: the second and later signal with the same ID in one levering."""
    has_id = signalen["signaal_id_key"].notna()
    number = pd.Series(numbers.signal, index=signalen.index)
    duplicate = number.duplicated(keep="first") & has_id
    first = signalen["path"].groupby(number, sort=False).transform("first")
    signalen["v02_id_uniek"] = bool_array(~duplicate, has_id)
    signalen["v02_eerste_path"] = first.where(duplicate)


def _references(refs: pd.DataFrame, signalen: pd.DataFrame, numbers: _Numbers) -> None:
    """V03: the referenced signal exists in the same levering (error); a signal in a second zaak (warning)."""
    known = numbers.signal[signalen["signaal_id_key"].notna().to_numpy()]
    has_id = refs["signaal_id_key"].notna()
    refs["v03_bestaat"] = bool_array(pd.Series(np.isin(numbers.ref_signal, known), index=refs.index), has_id)
    # The first zaak of a signal keeps it; a reference from another zaak is the warning.
    first_zaak = refs["zaak_path"].groupby(numbers.ref_signal, sort=False).transform("first")
    refs["v03_eerste_zaak"] = first_zaak.where(first_zaak.ne(refs["zaak_path"]))
    refs["v03_een_zaak"] = bool_array(first_zaak.eq(refs["zaak_path"]), has_id)


def _signal_dates(signalen: pd.DataFrame) -> None:
    """V04: ontstaansdatum <= signaaldatum <= aanleverdatum (the calendar day as written in the file)."""
    dag = signalen["aanleverdag"]
    signalen["v04_volgorde"] = bool_array(signalen["ontstaansdatum"].le(signalen["signaaldatum"]),
                                           signalen["ontstaansdatum"].notna() & signalen["signaaldatum"].notna())
    # The latest of the two dates must not lie after the aanleverdatum.
    latest = signalen["signaaldatum"].fillna(signalen["ontstaansdatum"])
    latest = latest.where(signalen["ontstaansdatum"].isna() | signalen["ontstaansdatum"].le(latest),
                          signalen["ontstaansdatum"])
    signalen["v04_laatste_datum"] = latest
    signalen["v04_laatste_veld"] = np.where(latest.eq(signalen["signaaldatum"]), "signaaldatum", "ontstaansdatum")
    signalen["v04_voor_aanlevering"] = bool_array(latest.le(dag), latest.notna() & dag.notna())


def _zaak_facts(zaken: pd.DataFrame, signalen: pd.DataFrame, numbers: _Numbers) -> pd.DataFrame:
    """Per zaak: the signal date (earliest signaaldatum of its existing signals, Decisions V06), overlap with
    the peilperiode, and which V06 pairs apply."""
    with_id = signalen["signaal_id_key"].notna().to_numpy()
    per_signal = signalen["signaaldatum"][with_id].groupby(numbers.signal[with_id]).min()
    per_reference = pd.Series(per_signal.reindex(numbers.ref_signal).to_numpy())
    earliest = per_reference.groupby(numbers.ref_zaak).min()
    zaken = zaken.copy()
    zaken["zaak_signaaldatum"] = pd.to_datetime(pd.Series(earliest.reindex(numbers.zaak).to_numpy(), index=zaken.index))
    # V05 for zaken: the matching period overlaps the peilperiode (no einddatum = still running).
    start = zaken["start_matching"].fillna(zaken["matchingsdatum"]).fillna(zaken["datum_opgepakt"])
    end = zaken["eind_matching"]
    overlaps = start.le(zaken["peil_end"]) & (end.isna() | end.ge(zaken["peil_start"]))
    zaken["v05_zaak_in_periode"] = bool_array(overlaps.fillna(False), start.notna() & zaken["peil_end"].notna()
                                               & zaken["peil_start"].notna())
    zaken["v05_zaak_start"] = start
    # V07: a "Niet opgepakt" resultaat with contactpogingen.
    niet_opgepakt = zaken["resultaat"].map(lambda v: isinstance(v, str) and v.startswith(NIET_OPGEPAKT))
    zaken["v07_niet_opgepakt_zonder_contact"] = bool_array(zaken["n_contactpogingen"].fillna(0).eq(0),
                                                            niet_opgepakt)
    return zaken


def _in_period(signalen: pd.DataFrame, zaken: pd.DataFrame, numbers: _Numbers) -> None:
    """V05: signaaldatum in the peilperiode, or the signal belongs to a zaak that overlaps it."""
    inside = signalen["signaaldatum"].ge(signalen["peil_start"]) & signalen["signaaldatum"].le(signalen["peil_end"])
    zaak_ok = numbers.zaak[zaken["v05_zaak_in_periode"].eq(True).fillna(False).to_numpy()]
    via_zaak = numbers.ref_signal[np.isin(numbers.ref_zaak, zaak_ok)]
    in_zaak = pd.Series(np.isin(numbers.signal, via_zaak), index=signalen.index)
    in_zaak &= signalen["signaal_id_key"].notna()
    applies = signalen["signaaldatum"].notna() & signalen["peil_start"].notna() & signalen["peil_end"].notna()
    signalen["v05_in_periode"] = bool_array(inside.fillna(False) | in_zaak, applies)


def _contact_dates(pogingen: pd.DataFrame, zaken: pd.DataFrame) -> pd.DataFrame:
    """V06 for contactpogingen (not before the zaak's signal date, not after the aanleverdatum); V07 bereikt."""
    info = zaken[["file", "path", "zaak_signaaldatum", "resultaat"]].rename(
        columns={"path": "zaak_path", "resultaat": "zaak_resultaat"})
    pogingen = pogingen.merge(info, on=["file", "zaak_path"], how="left")
    datum = pogingen["datum"]
    pogingen["v06_na_signaal"] = bool_array(datum.ge(pogingen["zaak_signaaldatum"]),
                                             datum.notna() & pogingen["zaak_signaaldatum"].notna())
    pogingen["v06_voor_aanlevering"] = bool_array(datum.le(pogingen["aanleverdag"]),
                                                   datum.notna() & pogingen["aanleverdag"].notna())
    geen_contact = pogingen["zaak_resultaat"].eq(GEEN_CONTACT).fillna(False)
    pogingen["v07_bereikt_bij_geen_contact"] = bool_array(~pogingen["bereikt"].eq(True).fillna(False),
                                                           geen_contact)
    return pogingen


def _contradictions(signalen: pd.DataFrame, zaken: pd.DataFrame, refs: pd.DataFrame, numbers: _Numbers) -> None:
    """V07: a signal with status "Nog niet opgepakt" in a zaak that has a resultaat (names the first such zaak)."""
    met_resultaat = zaken["resultaat"].notna().to_numpy()
    # Per zaak number with a resultaat, that resultaat (of its first row, as a join would take first).
    zaak_numbers, first_rows = np.unique(numbers.zaak[met_resultaat], return_index=True)
    resultaten = pd.Series(zaken["resultaat"].to_numpy()[met_resultaat][first_rows], index=zaak_numbers)
    # Per signal number, its first reference (in document order) from a zaak with a resultaat.
    linked = np.flatnonzero(np.isin(numbers.ref_zaak, zaak_numbers))
    signal_numbers, first_refs = np.unique(numbers.ref_signal[linked], return_index=True)
    chosen = linked[first_refs]
    found = pd.DataFrame({"nummer": signal_numbers, "zaak_path": refs["zaak_path"].to_numpy()[chosen],
                          "resultaat": resultaten.reindex(numbers.ref_zaak[chosen]).to_numpy()})
    merged = pd.DataFrame({"nummer": numbers.signal}).merge(found, on="nummer", how="left")
    nog_niet = signalen["status"].eq(NOG_NIET_OPGEPAKT).fillna(False) & signalen["signaal_id_key"].notna()
    has_zaak = pd.Series(merged["zaak_path"].notna().to_numpy(), index=signalen.index)
    signalen["v07_status_past"] = bool_array(~has_zaak, nog_niet)
    signalen["v07_zaak_path"] = pd.Series(merged["zaak_path"].to_numpy(), index=signalen.index)
    signalen["v07_zaak_resultaat"] = pd.Series(merged["resultaat"].to_numpy(), index=signalen.index)


def _identifiable(signalen: pd.DataFrame) -> None:
    """V09: the client can be found, by the rules of its version.

    Up to v1.0: a valid BSN, or Postcode and Huisnummer (the model asks at least the address). From v1.1 the
    schema's oneOf decides the shape (a BSN alone, or no BSN with postcode and huisnummer) and S01 reports a
    client outside it; V09 then only judges a client of the right shape: a BSN that fails the elfproef, or an
    empty postcode or huisnummer. One fault, one finding. Without a client object S01 reports the missing field.
    """
    adres = signalen["postcode_present"].eq(True) & signalen["huisnummer_present"].eq(True)
    ok = signalen["bsn_valid"].eq(True).fillna(False) | adres
    nieuw = signalen["client_bsn_of_adres"].eq(True).fillna(False)
    applies = signalen["client_aanwezig"].eq(True) & (~nieuw | signalen["client_vorm_ok"].eq(True).fillna(False))
    signalen["v09_herkenbaar"] = bool_array(ok, applies)
    # Words only for the signals that fail: for 500,000 signalen, a text per signal cost 1.4 s and, through numpy's
    # fixed-width texts, ~450 MB for a moment.
    fails = (applies & ~ok).to_numpy(dtype=bool)
    tekst = pd.Series(None, index=signalen.index, dtype=object)
    herstel = pd.Series(None, index=signalen.index, dtype=object)
    if fails.any():
        failing = signalen.loc[fails]
        nieuw_f = nieuw[fails]
        bsn_present = failing["bsn_present"].eq(True)
        bsn = ("het BSN " + failing["bsn_masked"].fillna("").astype(str) + " haalt de elfproef niet").where(
            bsn_present, "er is geen BSN")
        missing = pd.Series(np.where(failing["postcode_present"].eq(True), "geen huisnummer",
                                     np.where(failing["huisnummer_present"].eq(True), "geen postcode",
                                              "geen postcode en huisnummer")), index=failing.index)
        # From v1.1 a client with a BSN has nothing else: the address is not missing, it is not asked.
        tekst[fails] = bsn.where(nieuw_f & bsn_present, bsn + " en " + missing).astype(object).to_numpy()
        herstel[fails] = np.where(nieuw_f.to_numpy(dtype=bool), _V09_HERSTEL_NIEUW, _V09_HERSTEL).astype(object)
    signalen["v09_tekst"] = tekst
    signalen["v09_herstel"] = herstel


_V09_HERSTEL_NIEUW = (
    "In deze versie van het uitwisselmodel heeft een cliënt óf alleen een BSN, óf geen BSN en wel postcode en "
    "huisnummer: corrigeer het BSN, of laat het weg en vul de postcode en het huisnummer van de cliënt in.")
_V09_HERSTEL = ("Het uitwisselmodel vraagt ten minste het adres: vul een geldig BSN of de postcode en het huisnummer "
                "van de cliënt in.")


def _files(files: pd.DataFrame) -> pd.DataFrame:
    """One row per VS file (path `$`): F06, L01, L02 (whole calendar months), L03."""
    files = files.reset_index(drop=True)
    start, end = files["peil_start"], files["peil_end"]
    both = start.notna() & end.notna()
    in_order = end.ge(start).fillna(False)
    # L02 for VS (Decisions): any period of whole calendar months; silent when L01 already fails.
    whole = start.dt.is_month_start & end.dt.is_month_end
    files["l02_hele_maanden"] = bool_array(whole.fillna(False), both & in_order)
    add_f06(files)
    add_l03(files)
    return files


def _gemeenten(leveringen: pd.DataFrame, context) -> pd.DataFrame:
    """V10: per gemeentecode and peilperiode, over all VS files of the run: signals against the expected number."""
    rate = context.threshold("V10", "reference_rate_per_1000")
    min_inwoners = context.threshold("V10", "min_inwoners")
    min_signals = context.threshold("V10", "min_signals")
    columns = ["gemeentecode", "naam", "inwoners", "peil_start", "peil_end", "bestanden", "signalen", "verwacht",
               "signalen_tekst", "ratio_laag", "ratio_hoog", "ratio_pct", "toelichting", "file", "path"]
    known = leveringen[leveringen["gemeentecode_norm"].notna()]
    if not len(known):
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
        return empty.astype({"ratio_laag": "float64", "ratio_hoog": "float64"})
    keys = ["gemeentecode_norm", "peil_start", "peil_end"]
    result = known.groupby(keys, dropna=False).agg(
        signalen=("n_vroegsignalen", "sum"), bestanden=("file", lambda f: ", ".join(sorted(set(f)))),
        eerste_levering=("path", "first")).reset_index()
    result = result.rename(columns={"gemeentecode_norm": "gemeentecode"})
    gemeenten = [context.table.get(code) for code in result["gemeentecode"]]
    result["naam"] = [g.naam if g else None for g in gemeenten]
    result["inwoners"] = pd.Series([g.inwoners if g else np.nan for g in gemeenten], dtype="float64")
    verwacht = expected_count(result["inwoners"], result["peil_start"], result["peil_end"], rate)
    ratio = result["signalen"] / verwacht.where(verwacht.gt(0))
    result["verwacht"] = verwacht.round(0)
    result["ratio_laag"] = ratio.where(result["inwoners"].ge(min_inwoners)).astype("float64")
    result["ratio_hoog"] = ratio.where(result["signalen"].ge(min_signals)).astype("float64")
    result["signalen_tekst"] = result["signalen"].map(
        lambda n: "1 vroegsignaal" if n == 1 else f"{int(n)} vroegsignalen")
    result["ratio_pct"] = ratio_text(ratio)
    result["toelichting"] = only_this_file(leveringen["file"].nunique() == 1)
    result["file"] = result["bestanden"]
    # Path `$` as for A01; when one file holds leveringen of several gemeenten, each finding points to its
    # gemeente's (first) levering (the engine reports one finding per file and path and expectation).
    shared = result.duplicated("file", keep=False)
    result["path"] = result["eerste_levering"].where(shared, "$")
    return result
