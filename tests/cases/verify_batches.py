"""Check that batching changes nothing: every case checked alone, with every rule, against what the test sees.

Not a test (it checks each case on its own, which is what the batches save): run it after changing the batch
runner or ALONE, or when adding a rule that might look across the files of a run:

    .venv/bin/python tests/cases/verify_batches.py

For a batched case the whole report about its file must be equal (rules in ALONE aside: batches do not run
them); for a case that runs alone with only its rule selected, that rule's findings.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cases import ALONE, all_cases, batch_of, case_id, findings_for, run_cases


def _report(findings: list, rules: set[str] | None = None) -> list[tuple]:
    return sorted((f.rule, f.severity, f.path or "", f.message, sorted(f.context.items())) for f in findings
                  if (f.rule in rules if rules else f.rule not in ALONE))


def main() -> int:
    differences = 0
    cases = all_cases()
    for n, case in enumerate(cases, 1):
        alone = run_cases([case])[case_id(case)]
        seen = findings_for(case)
        rules = {case.rule} if batch_of(case) is None else None
        if _report(alone, rules) != _report(seen, rules):
            differences += 1
            print(f"DIFFERENT {case_id(case)}\n  alone:   {_report(alone, rules)}\n  batched: {_report(seen, rules)}")
        if n % 50 == 0:
            print(f"{n}/{len(cases)} cases checked", flush=True)
    print(f"{len(cases)} cases, {differences} different")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
