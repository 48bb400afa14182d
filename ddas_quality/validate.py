"""Schema stage: validate a document against our DDAS JSON Schema, with format checks.

Engine: jsonschema-rs with `validate_formats=True` (compiled; ~0.3 s for 10,000 trajecten where the
pure-Python `jsonschema` needs ~12 s). Formats `date`, `date-time` and `email` are really checked;
tests prove that `2024-13-45` is rejected and that both engines agree on our schemas.
Every error becomes a Dutch S01 finding (S02 for `null`), without quoting identifying values.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs

from .findings import Finding
from .jsonpath import json_path
from .privacy import HIDDEN, safe_name, safe_value
from .resources import schema_path

_TYPE_NL = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
    "null": "null",
}
_FORMAT_NL = {
    "date": "is geen geldige datum. Gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2024-03-31.",
    "date-time": "is geen geldige datum met tijd. Gebruik de vorm JJJJ-MM-DDTHH:MM:SSZ, "
                 "bijvoorbeeld 2025-01-15T10:00:00Z.",
    "email": "is geen geldig e-mailadres.",
}
# Arrays whose size limits users meet, in words.
_ITEM_NOUN = {"client": "cliënten", "leveringen": "leveringen", "contactpersonen": "contactpersonen"}


@dataclass(frozen=True)
class SchemaValidator:
    domain: str
    version: str
    schema: dict
    compiled: Any

    def errors(self, document: object) -> list[Any]:
        return list(self.compiled.iter_errors(document))

    def is_valid(self, document: object) -> bool:
        return self.compiled.is_valid(document)


# jsonschema-rs accepts the year 0000 in a `date` (RFC 3339 allows it); Python's `jsonschema` and pandas do not,
# and in the frames such a date would silently be "missing". Each `date` also gets this pattern, and its error
# reads as the format's.
NOT_YEAR_ZERO = "^(0{0,3}[1-9])"   # no look-ahead: the faster regex engine of jsonschema-rs


@cache
def get_validator(domain: str, version: str) -> SchemaValidator:
    schema = json.loads(schema_path(domain, version).read_text(encoding="utf-8"))
    compiled = jsonschema_rs.validator_for(_without_year_zero(schema), validate_formats=True)
    return SchemaValidator(domain, version, schema, compiled)


def _without_year_zero(node: Any) -> Any:
    """A copy of the schema in which every `"format": "date"` also refuses the year 0000 (`NOT_YEAR_ZERO`)."""
    if isinstance(node, list):
        return [_without_year_zero(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _without_year_zero(value) for key, value in node.items()}
    if copy.get("format") == "date" and "pattern" not in copy:
        copy["pattern"] = NOT_YEAR_ZERO
    return copy


def validate_document(document: object, validator: SchemaValidator, file: str) -> list[Finding]:
    """All schema errors of one document as S01/S02 findings (null reported once, as S02)."""
    findings: list[Finding] = []
    null_paths: set[str] = set()
    try:
        errors = validator.errors(document)
    except (RecursionError, ValueError) as error:   # jsonschema-rs: "Recursion limit reached"
        if "ecursion" not in str(error) and not isinstance(error, RecursionError):
            raise
        return [Finding("S01", "error", "Het bestand is te diep genest (honderden niveaus haakjes binnen elkaar) om "
                        "tegen het schema te controleren; een DDAS-levering is hooguit een tiental niveaus diep. "
                        "Controleer de export.", file, "$")]
    dates_reported: set[str] = set()
    for error in errors:
        parts = list(error.instance_path)
        path = json_path(parts)
        if _is_bad_date(error):   # `0000-13-01` breaks both the format and NOT_YEAR_ZERO: one finding
            if path in dates_reported:
                continue
            dates_reported.add(path)
        if error.instance is None and error.kind.name in {"type", "enum", "format"}:
            if path not in null_paths:
                null_paths.add(path)
                findings.append(_null_finding(parts, path, file))
            continue
        findings.extend(_error_findings(error, parts, path, file, validator.schema,
                                        f"{validator.domain} v{validator.version}"))
    return findings


def _is_bad_date(error: Any) -> bool:
    kind = error.kind.name
    if kind not in {"format", "pattern"}:
        return False
    details = error.kind.as_dict()
    return details.get("format") == "date" or details.get("pattern") == NOT_YEAR_ZERO


def _field_label(parts: list[str | int]) -> str:
    """The last key in a path, the way a coordinator sees it in the export."""
    for part in reversed(parts):
        if isinstance(part, str):
            return safe_name(part)
    return "het document"


def _null_finding(parts: list[str | int], path: str, file: str) -> Finding:
    field = _field_label(parts)
    return Finding(
        rule="S02",
        severity="error",
        message=f"Het veld '{field}' is null. Laat het veld weg in plaats van null.",
        file=file,
        path=path,
        context={"veld": field},
    )


def _error_findings(error: Any, parts: list[str | int], path: str, file: str, schema: dict,
                    model: str = "") -> list[Finding]:
    kind = error.kind.name
    details = error.kind.as_dict() if kind not in _COMBINATORS else {}
    if kind == "pattern" and details.get("pattern") == NOT_YEAR_ZERO:   # the year 0000: a date format error
        kind, details = "format", {"format": "date"}
    field = _field_label(parts)
    model = f"het uitwisselmodel {model}".strip() if model else "het uitwisselmodel"

    def make(message: str, **context: str) -> Finding:
        return Finding("S01", "error", message, file, path, context={"fout": kind, **context})

    if kind == "required":
        name = safe_name(str(details.get("property", "")))
        return [make(f"Verplicht veld '{name}' ontbreekt in {_where(parts)}. Vul het in.", veld=name)]
    if kind in {"additionalProperties", "unevaluatedProperties"}:
        allowed = _allowed_properties(schema, list(error.schema_path))
        found = []
        for unexpected in details.get("unexpected", []):
            name = safe_name(str(unexpected))
            # a name from the schema, never from the data; nothing suggested for a name that is not shown
            closest = nearest_name(str(unexpected), allowed) if name != HIDDEN else None
            hint = f" Bedoelt u '{closest}'?" if closest else " Verwijder het of controleer de spelling."
            message = f"Onbekend veld '{name}' in {_where(parts)}; {model} kent dit veld niet.{hint}"
            context = {"veld": name} | ({"bedoeld": closest} if closest else {})
            found.append(make(message, **context))
        return found
    if kind in _COMBINATORS:
        options = _alternatives(schema, list(error.schema_path))
        if options:
            listed = "; of ".join(options)
            return [make(f"'{field}' moet aan precies één van deze mogelijkheden voldoen: {listed}. Pas de "
                         f"gegevens in '{field}' zo aan dat er één geldt.", veld=field)]
    if kind == "type":
        expected = " of ".join(_TYPE_NL.get(t, t) for t in details.get("types", []))
        actual = _TYPE_NL.get(_json_type(error.instance), "iets anders")
        return [make(f"Het veld '{field}' moet {expected} zijn, maar is {actual}. Pas het type aan in de export.",
                     veld=field, verwacht=expected)]
    if kind == "enum":
        options = [str(option) for option in details.get("options", [])]
        shown = safe_value(parts, error.instance)
        given = f" ('{shown}')" if shown is not None else ""
        allowed = ", ".join(options)
        return [make(f"Het veld '{field}' heeft een waarde die niet in de lijst staat{given}. "
                     f"Toegestaan zijn: {allowed}.", veld=field, toegestaan=allowed)]
    if kind == "format":
        fmt = str(details.get("format", ""))
        shown = safe_value(parts, error.instance)
        given = f" ('{shown}')" if shown is not None else ""
        wanted = _FORMAT_NL.get(fmt, f"heeft niet het formaat {fmt}.")
        return [make(f"Het veld '{field}'{given} {wanted}", veld=field, formaat=fmt)]
    if kind in {"maxItems", "minItems"}:
        limit = details.get("limit")
        noun = _ITEM_NOUN.get(field, "elementen")
        count = len(error.instance) if isinstance(error.instance, list) else "?"
        if kind == "maxItems":
            message = f"Te veel {noun} in '{field}': maximaal {limit} toegestaan, er zijn er {count}."
        else:
            message = f"Te weinig {noun} in '{field}': minstens {limit} nodig, er zijn er {count}."
        return [make(message, veld=field, limiet=str(limit))]
    # Any other keyword: jsonschema-rs's own (English) text names the keyword, never our data.
    return [make(f"Het veld '{field}' voldoet niet aan het uitwisselmodel (regel '{kind}').", veld=field)]


def _where(parts: list[str | int]) -> str:
    return "het document" if not parts else f"'{_field_label(parts)}'"


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


# Keywords whose error names no single field: the message lists the alternatives from the schema instead.
_COMBINATORS = {"oneOf", "oneOfNotValid", "oneOfMultipleValid", "anyOf"}
# Keywords whose subschemas apply to the same object (their properties are known names of that object).
_IN_PLACE = ("allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas")


def nearest_name(unexpected: str, allowed: list[str]) -> str | None:
    """The known field name an unknown one most likely means (case, `_` and `-` ignored), or None.

    `startdatumMatchtingperiode` -> `startdatumMatchingperiode`; `aanleverende_organisatie` ->
    `aanleverendeOrganisatie`; `Burgerservicenummer` -> `burgerservicenummer`. Between names that differ only in
    case (`naam`, `Naam`) the one written most alike wins.
    """
    def plain(name: str) -> str:
        return name.replace("_", "").replace("-", "").lower()

    def score(name: str) -> tuple[float, float]:
        return (difflib.SequenceMatcher(None, plain(unexpected), plain(name)).ratio(),
                difflib.SequenceMatcher(None, unexpected, name).ratio())

    scored = sorted(((score(name), name) for name in allowed if name != unexpected), reverse=True)
    return scored[0][1] if scored and scored[0][0][0] >= 0.75 else None


def _node(schema: dict, schema_path: list[str | int]) -> Any:
    """The schema object at `schema_path` (jsonschema-rs gives it with `$ref`s already followed), or None."""
    node: Any = schema
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _resolved(schema: dict, node: Any) -> Any:
    """What a local `$ref` points at (a node with no `$ref` is itself); None when it does not resolve."""
    for _ in range(20):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
            return node
        node = _node(schema, node["$ref"][2:].split("/"))
    return None


def _allowed_properties(schema: dict, schema_path: list[str | int]) -> list[str]:
    """Known property names of the object schema that rejected an unknown field: its own, its `$ref`'s and
    those of the subschemas that apply to the same object (allOf, oneOf, ...: what unevaluatedProperties sees)."""
    names: list[str] = []

    def collect(node: Any, depth: int) -> None:
        if not isinstance(node, dict) or depth > 10:
            return
        names.extend(name for name in node.get("properties", {}) if name not in names)
        for key in _IN_PLACE:
            sub = node.get(key)
            subschemas = sub.values() if key == "dependentSchemas" and isinstance(sub, dict) else \
                sub if isinstance(sub, list) else [sub]
            for item in subschemas:
                collect(item, depth + 1)
        if isinstance(node.get("$ref"), str):
            collect(_resolved(schema, {"$ref": node["$ref"]}), depth + 1)

    collect(_node(schema, schema_path[:-1]), 0)
    return names


def _alternatives(schema: dict, schema_path: list[str | int]) -> list[str]:
    """The descriptions of the branches of the oneOf/anyOf that failed, when every branch has one."""
    branches = _node(schema, schema_path)
    if not isinstance(branches, list):
        return []
    texts = [_resolved(schema, branch).get("description") if isinstance(_resolved(schema, branch), dict) else None
             for branch in branches]
    return texts if texts and all(isinstance(text, str) and text for text in texts) else []


__all__ = ["HIDDEN", "SchemaValidator", "get_validator", "nearest_name", "validate_document"]
