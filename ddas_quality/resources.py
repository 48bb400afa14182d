"""Where the shipped folders are: inside the installed package, or beside it in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`expectations` or `schemas`: the installed copy first, the checkout's top-level folder second."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"De map '{name}' hoort bij ddas-quality maar is niet gevonden; installeer opnieuw.")


def schema_path(domain: str, version: str) -> Path:
    return resource_dir("schemas") / f"{domain.lower()}-{version}.json"


def suite_paths(domain: str) -> list[Path]:
    return sorted(resource_dir("expectations").glob(f"{domain.lower()}.*.json"))
