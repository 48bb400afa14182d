"""Which gemeenten a generated SHV file is for, and how many trajecten each gets: client counts that fit
each gemeente's population, so a clean file gets no A01/A02."""

from __future__ import annotations

import random
from datetime import date

from ....gemeenten import Gemeente
from ...common.synthetic import expected_count, fits_population, gemeente_table
from .file_rules import A01_MIN_INWONERS, A02_MIN_CLIENTS, REFERENCE_RATE

#: Planning figures measured on generated data: clients per traject, and active clients per traject.
CLIENTS_PER_TRAJECT = 1.15
ACTIVE_PER_TRAJECT = 1.09


def _expected_clients(gemeente: Gemeente, months: int) -> float:
    return expected_count(gemeente.inwoners, REFERENCE_RATE, months)


def plan_gemeenten(rng: random.Random, trajecten: int, start: date, end: date,
                   months: int) -> list[tuple[Gemeente, int]]:
    """Pick gemeenten so each one's active client count is about 0.6-1.6x what its population predicts."""
    valid = sorted((g for g in gemeente_table() if g.valid_during(start, end) and g.inwoners > 0),
                   key=lambda g: g.code)
    clients = trajecten * CLIENTS_PER_TRAJECT * 1.2 + 3  # generous upper bound on unique clients
    active = trajecten * ACTIVE_PER_TRAJECT

    single = [g for g in valid if fits_population(_expected_clients(g, months), g.inwoners, active=active,
                                                  counted=clients, min_inwoners=A01_MIN_INWONERS,
                                                  min_count=A02_MIN_CLIENTS)]
    if single:
        return [(rng.choice(single), trajecten)]

    order = valid[:]
    rng.shuffle(order)
    chosen: list[Gemeente] = []
    total = 0.0
    target = active
    for g in order:
        expected = _expected_clients(g, months)
        if total + expected <= target / 0.8:
            chosen.append(g)
            total += expected
            if total >= target / 1.1:
                break
    if not chosen:  # cannot happen with the shipped table; keep a defined result anyway
        chosen = [max(valid, key=lambda g: g.inwoners)]
        total = _expected_clients(chosen[0], months)
    chosen.sort(key=lambda g: g.code)
    # Largest-remainder split proportional to the expected counts, at least one traject each.
    weights = [_expected_clients(g, months) for g in chosen]
    shares = [trajecten * w / total for w in weights]
    counts = [max(1, int(s)) for s in shares]
    remainders = sorted(range(len(chosen)), key=lambda i: (counts[i] - shares[i], i))
    i = 0
    while sum(counts) < trajecten:
        counts[remainders[i % len(remainders)]] += 1
        i += 1
    while sum(counts) > trajecten:
        j = max(range(len(counts)), key=lambda k: (counts[k] - shares[k], -k))
        counts[j] -= 1
    return [(g, n) for g, n in zip(chosen, counts, strict=True) if n > 0]
