"""The clean SHV delivery: one builder holds a delivery's state while it draws the trajecten.

A clean delivery satisfies the rule catalogue (docs/rules.md): phases in process order with plausible
durations, consistent uitstroom, no date after the aanleverdatum, every traject overlapping the
peilperiode, no client in two overlapping trajecten. All draws come from the builder's one random stream, in
a fixed order: changing the order of any draw changes every file generated after it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from ....gemeenten import Gemeente
from ...common.synthetic import Picker, email, person_name, postcode, valid_test_bsns
from . import values
from .dates import ISO_TEXTS, PLACEHOLDER_DATES, iso


class Builder:
    """One delivery's state: its random stream, the period as day ordinals, and the identifiers handed out.

    Injectors that add a levering draw through this builder too, with their own stream swapped in
    (`InjectionContext.drawing_from`), so clients stay unique across the whole file.
    """

    def __init__(self, rng: random.Random, start: date, end: date, aanlever: date, persons_estimate: float,
                 bsn_slice: tuple[int, int] = (1, 1), pseudonyms: Callable[[], str] | None = None) -> None:
        self.rng = rng
        # National sets (`domains.common.national`): a pseudonym source instead of the 909 test BSNs.
        self.pseudonyms = pseudonyms
        self.ps = start.toordinal()
        self.pe = end.toordinal()
        self.aanlever = aanlever.toordinal()
        part, parts = bsn_slice
        pool = list(valid_test_bsns()[part - 1::parts])
        rng.shuffle(pool)
        self.bsn_pool = pool
        # Spread the (only 909) test BSNs evenly over all clients, not all to the first ones.
        self.p_bsn = 0.97 * min(1.0, 0.95 * len(pool) / max(1.0, persons_estimate)) if pseudonyms is None else 0.97
        self.alt_keys: set[tuple[str, str, str, str]] = set()
        self.persons_in_levering = 0
        self.without_bsn_in_levering = 0
        # Flat table of (schuldsoort, spellings of one creditor), each soort as often as its weight says.
        self.eisers = [(soort, variants) for soort, creditors in self._creditors().items()
                       for variants in creditors
                       for _ in range(round(values.SOORT_WEIGHTS[soort] * 1000 / len(creditors)))]

    # -- random shorthands
    def ri(self, low: int, high: int) -> int:
        """A whole number from low to high (both included) with one draw."""
        return low + int(self.rng.random() * (high - low + 1))

    def _creditors(self) -> dict[str, list[list[dict]]]:
        """Per schuldsoort: per creditor three spellings (both names, only `naam`, only `Naam`)."""
        out: dict[str, list[list[dict]]] = {}
        for soort, names in values.SCHULDEISERS.items():
            variants = []
            for name in names:
                kvk = str(self.ri(10_000_000, 99_999_999))
                pc = postcode(self.rng.random)
                both = {"naam": name, "Naam": name, "kvknummer": kvk, "postcode": pc, "privepersoon": False}
                only_lower = {"naam": name, "kvknummer": kvk, "postcode": pc}
                only_upper = {"Naam": name, "kvknummer": kvk}
                variants.append([both] * 8 + [only_lower, only_upper])
            out[soort] = variants
        return out

    # -- clients
    def _birth(self, start: int) -> int:
        """A birth date giving an age of 19-85 at the traject start (most around 40)."""
        while True:
            born = start - int(self.rng.triangular(19.1, 84.9, 40.0) * 365.2425)
            if iso(born) not in PLACEHOLDER_DATES:
                return born

    def _partner_birth(self, start: int, first: int) -> int:
        """Within 8 years of the first client, age 19-86 at the traject start, never the same day."""
        while True:
            born = first + self.ri(-2900, 2900)
            age = (start - born) / 365.2425
            if born != first and 19.1 <= age <= 86.9 and iso(born) not in PLACEHOLDER_DATES:
                return born

    def new_persons(self, start: int) -> list[dict]:
        """The client(s) of a new traject: one, or a couple at one address; new to the file by address key."""
        r = self.rng.random
        two = r() < 0.15
        while True:
            address = postcode(r)
            huisnummer = str(1 + int((r() ** 2) * 250))
            toevoeging = values.TOEVOEGINGEN[int(r() * len(values.TOEVOEGINGEN))] if r() < 0.08 else ""
            first_birth = self._birth(start)
            births = [iso(first_birth)]
            if two:
                births.append(iso(self._partner_birth(start, first_birth)))
            keys = [(b, address, huisnummer, toevoeging) for b in births]
            if not any(k in self.alt_keys for k in keys):
                self.alt_keys.update(keys)
                break
        geslacht = values.GESLACHT(r())
        persons = []
        for i, birth in enumerate(births):
            person: dict = {}
            with_bsn = r() < self.p_bsn
            self.persons_in_levering += 1
            if not with_bsn and self.p_bsn > 0.9 and (
                    self.without_bsn_in_levering + 1 > 0.15 * self.persons_in_levering):
                with_bsn = True  # keep the BSN fill rate of every levering (and every prefix) >= 85% (A03)
            if with_bsn and self.pseudonyms is not None:
                person["Burgerservicenummer"] = self.pseudonyms()
            elif with_bsn and self.bsn_pool:
                person["Burgerservicenummer"] = self.bsn_pool.pop()
            else:
                self.without_bsn_in_levering += 1
            person["Geboortedatum"] = birth
            person["Geslachtsaanduiding"] = geslacht if i == 0 else (
                values.OPPOSITE[geslacht] if r() < 0.9 else values.GESLACHT(r()))
            person["Postcode"] = address
            person["Huisnummer"] = huisnummer
            if toevoeging:
                person["Huisnummertoevoeging"] = toevoeging
            persons.append(person)
        return persons

    # -- organisation block
    def organisation(self, gemeente: Gemeente | None, code: str, self_delivering: bool) -> dict:
        """The aanleverende_organisatie: the gemeente itself (with its code) or an organisation with a KvK-nummer."""
        naam = gemeente.naam if gemeente else f"gemeente {code}"
        r = self.rng.random
        org: dict = {}
        if self_delivering:
            org["(Statutaire) Naam"] = f"Gemeente {naam}"
        else:
            org["(Statutaire) Naam"] = values.ORG_KINDS[int(r() * len(values.ORG_KINDS))].format(naam)
            org["KvK-nummer"] = str(self.ri(10_000_000, 99_999_999))
        org["postcode"] = postcode(r)
        if self_delivering:
            org["gemeentecode"] = code
        voornaam, achternaam = person_name(r)
        org["contactpersonen"] = [{
            "naam": f"{voornaam} {achternaam}",
            "functietitel": values.FUNCTIES[int(r() * len(values.FUNCTIES))],
            "email": email(voornaam, achternaam, org["(Statutaire) Naam"]),
        }]
        return org

    # -- one traject
    def start_date(self, in_period_only: bool = False) -> int:
        """A traject start: mostly in the period, else up to two years before (still running in it)."""
        if in_period_only or self.rng.random() < 0.72:
            return self.ps + int(self.rng.random() * (self.pe - self.ps - 2))
        return self.ps - 1 - int(self.rng.random() * 730)

    def traject(self, code: str, in_period_only: bool = False) -> tuple[int, dict, list[dict], int | None]:
        """(startdatum, traject without client/schulden, schulden, einddatum), overlapping the period."""
        while True:
            start = self.start_date(in_period_only)
            result = self._simulate(code, start)
            end = result[3]
            if end is None or end >= self.ps:
                return result

    def _close(self, planned: int, limit: int, ended: bool) -> int | None:
        """End date of a sub-period: as planned when known by the limit; cut at the traject end; else open."""
        if planned <= limit:
            return planned
        return limit if ended else None

    def _after(self, base: int, low: int, high: int) -> int | None:
        """A date `low`-`high` days after `base`, or None when that is after the period (the traject runs on)."""
        value = base + self.ri(low, high)
        return value if value <= self.pe else None

    def _stop(self, chance: float, base: int, low: int, high: int, reasons: Picker) -> tuple[int, str] | None:
        """With `chance`, the traject ends `low`-`high` days after `base` for one of `reasons`."""
        if self.rng.random() < chance:
            return base + self.ri(low, high), reasons(self.rng.random())
        return None

    def _simulate(self, code: str, start: int) -> tuple[int, dict, list[dict], int | None]:
        """One traject through the phases, each step drawn after the one before it (see `traject`)."""
        r = self.rng.random
        ri = self.ri
        pe = self.pe
        aanmelding_end: int | None = None
        ia: tuple[int, int | None] | None = None
        intake: list | None = None
        pva: int | None = None
        stab: list | None = None
        regeling: dict | None = None
        toekenning: int | None = None
        oplossing: list | None = None
        end: int | None = None
        reden: str | None = None
        completed = False

        crisis = r() < 0.08
        if r() < 0.12:
            ia_start = start + ri(0, 7)
            if ia_start <= pe:
                ia_end = ia_start + ri(0, 21)
                ia = (ia_start, ia_end if ia_end <= pe else None)

        while True:  # a single pass; `break` = the traject stops here (ended, or still running at period end)
            if (aanmelding_end := self._after(start, 0, 20)) is None:
                break
            if stopped := self._stop(0.12, aanmelding_end, 0, 14, values.REDEN_AANMELDING):
                end, reden = stopped
                break
            if (i_start := self._after(aanmelding_end, 0, 14)) is None:
                break
            intake = [i_start, None, None]
            if stopped := self._stop(0.07, i_start, 3, 40, values.REDEN_UITVAL):
                end, reden = stopped
                break
            if (i_end := self._after(i_start, 7, 56)) is None:
                break
            stopped = self._stop(0.10, i_end, 0, 21, values.REDEN_AFWIJZING)
            intake[1:] = [i_end, "Afwijzingsbeschikking" if stopped else "Toelatingsbeschikking"]
            if stopped:
                end, reden = stopped
                break
            s_start = i_end
            if r() < 0.7:  # the plan van aanpak is finished between intake and stabilisatie
                if (pva := self._after(i_end, 0, 14)) is None:
                    break
                s_start = pva
            if (s_start := self._after(s_start, 0, 14)) is None:
                break
            stab = [s_start, None]
            s_end = s_start + ri(30, 270)
            x = r()
            if x < 0.08:  # dropped out during stabilisatie
                stop = s_start + ri(14, s_end - s_start)
                if stop <= pe:
                    stab[1] = stop
                end, reden = stop, values.REDEN_UITVAL(r())
                break
            if s_end > pe:
                break
            stab[1] = s_end
            if x < 0.30:
                end, reden = s_end + ri(0, 14), values.REDEN_NA_STABILISATIE(r())
                break
            if x < 0.46:  # a betalingsregeling/herfinanciering without formal schuldregeling
                o_start, soort = s_end + ri(0, 30), values.OPLOSSING_DIRECT(r())
            else:
                if (r_date := self._after(s_end, 0, 21)) is None:
                    break
                regeling = {"datum": r_date}
                y = r()
                if y < 0.06:
                    if (verzoek := self._after(r_date, 30, 90)) is None:
                        break
                    regeling["datumVerzoekDwangakkoord"] = verzoek
                    if (toegekend := self._after(verzoek, 30, 120)) is None:
                        break
                    regeling["dwangakkoord"] = True
                    regeling["toegekend"] = toegekend
                elif y < 0.84:
                    if (toegekend := self._after(r_date, 14, 70)) is None:
                        break
                    if r() < 0.3:
                        regeling["dwangakkoord"] = False
                    regeling["toegekend"] = toegekend
                else:  # the regeling ends the traject: afgewezen, or withdrawn
                    outcome, low = ("afgewezen", 14) if y < 0.94 else ("ingetrokken", 7)
                    if (decided := self._after(r_date, low, 60)) is None:
                        break
                    regeling[outcome] = decided
                    if outcome == "afgewezen":
                        end, reden = decided + ri(0, 30), values.REDEN_REGELING_AFGEWEZEN(r())
                    else:
                        end, reden = decided + ri(0, 14), "Ingetrokken"
                    break
                toekenning = regeling["toegekend"]
                o_start = toekenning + ri(0, 30)
                soort = "Saneringskrediet" if r() < 0.5 else "Schuldbemiddeling"
            if o_start > pe:
                break
            if soort in ("Saneringskrediet", "Schuldbemiddeling"):
                duration = ri(480, 540)  # 18 months at most (P09)
                vtlb = ri(1000, 2400) if r() < 0.8 else None
            else:
                duration = ri(90, 1080) if soort != "0%-aanbod" else ri(30, 360)
                vtlb = ri(900, 2200) if r() < 0.3 else None
            oplossing = [o_start, None, soort, vtlb]
            premature = r() < 0.10
            o_end = o_start + (ri(30, duration) if premature else duration)
            if o_end > pe:
                break
            oplossing[1] = o_end
            end = o_end + ri(0, 7)
            reden = values.REDEN_OPLOSSING_GESTOPT(r()) if premature else "Afgerond"
            completed = not premature
            break

        if end is not None and end > pe:
            end = reden = None
        nazorg: tuple[int, int | None] | None = None
        if completed and end is not None and r() < 0.4:
            n_start = end + ri(0, 14)
            if n_start <= pe:
                n_end = n_start + ri(60, 180)
                nazorg = (n_start, n_end if n_end <= pe else None)

        limit = end if end is not None else pe
        ended = end is not None
        schulden = self._schulden(start, intake, stab, regeling, oplossing, limit)

        # -- assemble in a readable key order
        t: dict = {"gemeentecode": code, "startdatum": iso(start)}
        if end is not None:
            t["einddatum"] = iso(end)
        if toekenning is not None:
            t["toekenningsdatum"] = iso(toekenning)
        if schulden:  # T14: within 10% of the sum of the schulden
            total = sum(s["bedrag"] for s in schulden)
            t["totaalSchuldbedragBijAanvangSchuld"] = max(1, round(total * (0.9 + 0.2 * r())))
        elif intake is not None and r() < 0.3:  # an estimate before the debts are listed one by one
            t["totaalSchuldbedragBijAanvangSchuld"] = ri(500, 40_000)
        aanmelding: dict = {"startdatum": iso(start)}
        if aanmelding_end is not None:
            aanmelding["einddatum"] = iso(aanmelding_end)
        aanmelding["crisisinterventie"] = crisis
        t["aanmelding"] = aanmelding
        if ia is not None and ia[0] <= limit:
            ia_end = self._close(ia[1], limit, ended) if ia[1] is not None else None
            t["informatieEnAdvies"] = {"startdatum": iso(ia[0])} | (
                {"einddatum": iso(ia_end)} if ia_end is not None else {})
        if intake is not None:
            block: dict = {"startdatum": iso(intake[0])}
            if intake[1] is not None:
                block["einddatum"] = iso(intake[1])
                block["beschikkingssoort"] = intake[2]
                block["beschikkingsdatum"] = iso(intake[1])
            t["intake"] = block
        if pva is not None and pva <= limit:
            t["planVanAanpak"] = {"datumAfronding": iso(pva)}
        if stab is not None:
            t["stabilisatie"] = {"startdatum": iso(stab[0])} | (
                {"einddatum": iso(stab[1])} if stab[1] is not None else {})
        if regeling is not None:
            t["schuldregeling"] = {k: (v if isinstance(v, bool) else iso(v)) for k, v in regeling.items()}
        if oplossing is not None:
            block = {"startdatum": iso(oplossing[0])}
            if oplossing[1] is not None:
                block["einddatum"] = iso(oplossing[1])
            block["soort"] = oplossing[2]
            if oplossing[3] is not None:
                block["vtlb"] = oplossing[3]
            t["oplossing"] = block
        if nazorg is not None:
            t["nazorg"] = {"startdatum": iso(nazorg[0])} | (
                {"einddatum": iso(nazorg[1])} if nazorg[1] is not None else {})
        if end is not None:
            uitstroom: dict = {"datum": iso(end)}
            if r() < 0.9:
                uitstroom["datumBeeindigingsbeschikking"] = iso(end)
            uitstroom["reden"] = reden
            t["uitstroom"] = uitstroom

        self._sub_periods(t, start, intake, stab, crisis, limit, ended)
        return start, t, schulden, end

    def _sub_periods(self, t: dict, start: int, intake, stab, crisis: bool, limit: int, ended: bool) -> None:
        r = self.rng.random
        ri = self.ri
        if crisis:  # T16: the flag and the list go together
            items = []
            c_start = min(start + ri(0, 5), limit)
            c_end = self._close(c_start + ri(7, 60), limit, ended)
            items.append({"startdatum": iso(c_start)} | ({"einddatum": iso(c_end)} if c_end else {}))
            if c_end is not None and r() < 0.15:
                second = c_end + ri(30, 150)
                if second <= limit:
                    s_end = self._close(second + ri(7, 60), limit, ended)
                    items.append({"startdatum": iso(second)} | ({"einddatum": iso(s_end)} if s_end else {}))
            t["crisisinterventies"] = items
        if r() < (0.30 if stab is not None else 0.05):
            base = stab[0] if stab is not None else (intake[1] if intake and intake[1] else start)
            b_start = base + ri(0, 60)
            if b_start <= limit:
                first = values.BEGELEIDING(r())
                b_end = self._close(b_start + ri(90, 720), limit, ended)
                items = [{"startdatum": iso(b_start)} | ({"einddatum": iso(b_end)} if b_end else {})
                         | {"soort": first}]
                if r() < 0.15:
                    second_start = b_start + ri(0, 180)
                    second = values.BEGELEIDING(r())
                    if second_start <= limit and second != first:  # same soort overlapping = P12
                        s_end = self._close(second_start + ri(90, 720), limit, ended)
                        items.append({"startdatum": iso(second_start)}
                                     | ({"einddatum": iso(s_end)} if s_end else {}) | {"soort": second})
                t["begeleiding"] = items
        if stab is not None and r() < 0.05:
            aanvraag = stab[0] + ri(0, 60)
            goedkeuring = aanvraag + ri(3, 21)
            m_start = goedkeuring + ri(0, 7)
            if m_start <= limit:
                m_end = self._close(m_start + ri(30, 170), limit, ended)  # at most 6 months (P10)
                item = {"datumAanvraag": iso(aanvraag), "datumGoedkeuring": iso(goedkeuring),
                        "startdatum": iso(m_start)}
                if m_end is not None:
                    item["einddatum"] = iso(m_end)
                t["moratoria"] = [item]
        if stab is not None and r() < 0.03:
            v_start = stab[0] + ri(0, 90)
            if v_start <= limit:
                v_end = self._close(v_start + ri(14, 90), limit, ended)
                t["voorlopigeVoorzieningen"] = [
                    {"startdatum": iso(v_start)} | ({"einddatum": iso(v_end)} if v_end else {})]

    def _schulden(self, start: int, intake, stab, regeling, oplossing, limit: int) -> list[dict]:
        r = self.rng.random
        if regeling is not None or oplossing is not None:
            count = int(self.rng.triangular(1, 26, 8))  # D05: never empty here
        elif stab is not None:
            count = int(self.rng.triangular(1, 21, 6)) if r() < 0.65 else 0
        elif intake is not None:
            count = int(self.rng.triangular(1, 16, 4)) if r() < 0.40 else 0
        else:
            count = 1 + int(r() * 4) if r() < 0.10 else 0
        if not count:
            return []
        # The hot loop of the generator (about 6 schulden per traject): local names, one draw per choice.
        base = intake[0] if intake is not None else start
        iso_get = ISO_TEXTS.get
        amounts = values.AMOUNTS
        n_amounts = len(amounts)
        eisers = self.eisers
        n_eisers = len(eisers)
        schulden = []
        for _ in range(count):
            peildatum = base - 30 + int(r() * 76)  # around the intake; never one date for all (A04)
            if peildatum > limit:
                peildatum = limit - int(r() * 31)
            bedrag = min(50_000, int(amounts[int(r() * n_amounts)] * (0.95 + 0.1 * r())) + 1)
            soort, variants = eisers[int(r() * n_eisers)]
            if r() < 0.03:
                eiser: dict = {"naam": "Particuliere schuldeiser", "Naam": "Particuliere schuldeiser",
                               "privepersoon": True}
            else:
                eiser = dict(variants[int(r() * len(variants))])
            schuld: dict = {"bedrag": bedrag, "peildatum": iso_get(peildatum) or iso(peildatum),
                            "schuldsoort": soort}
            z = r()
            if z < 0.6:
                schuld["zakelijkeSchuld"] = False
            elif z < 0.63:
                schuld["zakelijkeSchuld"] = True
            schuld["schuldeiser"] = eiser
            schulden.append(schuld)
        return schulden

    # -- one levering
    def levering(self, teller: int, gemeente: Gemeente | None, code: str, trajecten: int,
                 in_period_only: bool = False) -> dict:
        """One levering of `trajecten` trajecten for `code`, listed by start date as exports do; some clients
        come back in a later traject after their earlier one ended."""
        self_delivering = self.rng.random() < 0.6
        self.persons_in_levering = self.without_bsn_in_levering = 0
        org = self.organisation(gemeente, code, self_delivering)
        drafts = []
        for i in range(trajecten):
            start, t, schulden, end = self.traject(code, in_period_only)
            drafts.append((start, i, t, schulden, end))
        drafts.sort(key=lambda d: (d[0], d[1]))  # exports list trajecten by start date
        r = self.rng.random
        ended_pool: list[tuple[int, int, list[dict]]] = []  # (einddatum, startdatum, persons)
        items = []
        for start, _, t, schulden, end in drafts:
            persons = None
            if ended_pool and r() < 0.03:  # the same client(s) again, in a later traject (not overlapping)
                j = int(r() * len(ended_pool))
                prev_end, prev_start, prev_persons = ended_pool[j]
                if prev_end <= start and prev_start < start:
                    persons = prev_persons
                    ended_pool[j] = ended_pool[-1]
                    ended_pool.pop()
            if persons is None:
                persons = self.new_persons(start)
            t["client"] = [dict(p) for p in persons]
            if schulden:
                t["schulden"] = schulden
            if end is not None:
                ended_pool.append((end, start, persons))
            items.append(t)
        return {"teller": teller, "aanleverende_organisatie": org, "schuldhulptrajecten": items}
