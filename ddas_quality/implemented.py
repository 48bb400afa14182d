"""Which rule codes are implemented, and where: pre-GX stages bind their codes here, suites in `meta.rule`."""

from __future__ import annotations

# Rules checked before Great Expectations, by the stage that can see them.
PRE_GX_CODES: dict[str, str] = {
    "F01": "reader, identify",
    "F02": "reader",
    "F03": "reader",
    "F04": "reader",
    "F05": "reader",
    "S01": "validate",
    "S02": "validate",
    "S03": "identify",
    **{f"B0{n}": "api_message" for n in range(1, 10)},   # DDAS API messages (#13), before identify
}


def implemented_codes() -> dict[str, str]:
    """Code -> where it is checked (a stage module, or the suite file names)."""
    from .domains import domain_names
    from .suites import load_suite_files

    where = dict(PRE_GX_CODES)
    for domain in domain_names():
        for suite in load_suite_files(domain):
            for expectation in suite.expectations:
                code = expectation["meta"]["rule"]
                place = f"suite {suite.name}"
                if code not in where:
                    where[code] = place
                elif place not in where[code]:
                    where[code] += f", {place}"
    return where
