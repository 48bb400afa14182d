"""`diff --format json`: the comparison as JSON (shape in the README, section "Correctielevering")."""

from __future__ import annotations

import json

from .. import __version__
from ..diff import DeliveryDiff

FORMAT_VERSION = 1


def build(diff: DeliveryDiff) -> dict:
    return {"format_version": FORMAT_VERSION, "tool": {"name": "ddas-quality", "version": __version__},
            "kind": "diff", **diff.to_dict()}


def render(diff: DeliveryDiff) -> str:
    return json.dumps(build(diff), ensure_ascii=False, indent=2) + "\n"
