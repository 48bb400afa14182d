"""The read stage: file names, zips, directories, encodings, JSON syntax (F01–F05) and hostile input."""

from __future__ import annotations

import codecs
import io
import json
import os
import zipfile
from collections import deque
from pathlib import Path

import pytest
from conftest import BSN_A, IDENTIFIERS, base_delivery
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import ValidationError

from ddas_quality import reader
from ddas_quality.reader import InputError, Limits, SourceFile, iter_sources, source_from_bytes

VALID = json.dumps(base_delivery(), ensure_ascii=False, indent=2).encode("utf-8")
GOOD_NAME = "SHV_2024_Vlieland.json"


def rules(source: SourceFile) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in source.findings]


def only(source: SourceFile, rule: str) -> list:
    return [f for f in source.findings if f.rule == rule]


def read_all(*paths, limits: Limits = reader.DEFAULT_LIMITS) -> list[SourceFile]:
    return list(iter_sources([str(p) for p in paths], limits))


def make_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


# --------------------------------------------------------------------------------------------- F01


@pytest.mark.parametrize("name", [GOOD_NAME, "SHV_2024_ISD_Teylingen.json", "VS_2025_Haarlem.json",
                                  "SHV_2024_ ISDBollenstreek_Teylingen.json", "SHV_2024_Haarlem.JSON"])
def test_f01_good_names_pass(name):
    source = source_from_bytes(name, VALID)
    assert not only(source, "F01")
    assert source.document == base_delivery()


@pytest.mark.parametrize(("name", "hint"), [
    ("shv-export-2024.json", "moet beginnen met SHV_"),
    ("shv_2024_Haarlem.json", "SHV moet in hoofdletters"),
    ("SHV_24_Haarlem.json", "vier cijfers"),
    ("SHV_2024.json", "naam van de organisatie"),
    ("SHV_2024_.json", "naam van de organisatie"),
    ("SHV_2024_Haarlem_.json", "zonder uitvraagdeel"),
])
def test_f01_bad_names_fail(name, hint):
    [finding] = only(source_from_bytes(name, VALID), "F01")
    assert finding.severity == "error"
    assert hint in finding.message
    assert "SHV_2024_Haarlem.json" in finding.message  # an example of the right name
    assert "aanname" in finding.message and "VS_" in finding.message  # the VS pattern is an assumption


@pytest.mark.parametrize(("name", "hint"), [
    ("VS_25_Haarlem.json", "vier cijfers"), ("vs_2025_Haarlem.json", "VS moet in hoofdletters"),
    ("VS_2025.json", "naam van de organisatie"),
])
def test_f01_for_a_vs_name_gives_the_vs_pattern_and_example(name, hint):
    [finding] = only(source_from_bytes(name, VALID), "F01")
    assert hint in finding.message
    assert "VS_<jaar>_<organisatie>" in finding.message and "VS_2024_Haarlem.json" in finding.message
    assert "SHV_2024_Haarlem.json" not in finding.message and finding.context["patroon"].startswith("VS_")


def test_f01_not_for_the_zip_itself(tmp_path):
    sources = read_all(make_zip(tmp_path / "levering-gemeente.zip", {GOOD_NAME: VALID}))
    assert [s.name for s in sources] == [f"{tmp_path}/levering-gemeente.zip!{GOOD_NAME}"]
    assert sources[0].findings == ()


def test_f01_for_json_members_of_a_zip(tmp_path):
    [member] = read_all(make_zip(tmp_path / "x.zip", {"export.json": VALID}))
    assert rules(member) == [("F01", "error")]
    assert member.document == base_delivery()


# --------------------------------------------------------------------------------------------- F02


@pytest.mark.parametrize(("name", "chars"), [
    ("SHV_2024_Haarlem;Zandvoort.json", ";"),
    ("SHV_2024_Haarlem[1].json", "] ["),
    ('SHV_2024_a:b?c*d"e>f<g|h.json', ': ? * " > < |'),
    ("SHV_2024_a\\b.json", "\\"),
])
def test_f02_forbidden_characters(name, chars):
    [finding] = only(source_from_bytes(name, VALID), "F02")
    assert (finding.severity, finding.context["tekens"]) == ("error", chars)
    assert "vervang" in finding.message


def test_f02_extra_dot_is_an_error():
    [finding] = only(source_from_bytes("SHV_2024_Gemeente.Noord.json", VALID), "F02")
    assert finding.severity == "error" and "punt" in finding.message


def test_f02_space_after_underscore_is_a_warning():
    source = source_from_bytes("SHV_2024_ ISDBollenstreek_Teylingen.json", VALID)
    assert rules(source) == [("F02", "warning")]
    assert source.document is not None


def test_f02_clean_name_passes():
    assert source_from_bytes(GOOD_NAME, VALID).findings == ()


def test_f02_checks_the_zip_name_and_member_base_names(tmp_path):
    path = make_zip(tmp_path / "levering;2024.v2.zip", {"map/SHV_2024_a;b.json": VALID})
    container, member = read_all(path)
    assert container.name == f"{path}" and container.document is None
    assert sorted(rules(container)) == [("F02", "error"), ("F02", "error")]
    assert container.sha256 == reader.hashlib.sha256(path.read_bytes()).hexdigest()
    assert member.name == f"{path}!map/SHV_2024_a;b.json"
    assert rules(member) == [("F02", "error")]


# --------------------------------------------------------------------------------------------- F03


def test_f03_wrong_extension_is_an_error_but_still_read(tmp_path):
    path = tmp_path / "SHV_2024_Vlieland.txt"
    path.write_bytes(VALID)
    [source] = read_all(path)
    assert rules(source) == [("F03", "error")]
    assert ".txt" in source.findings[0].message
    assert source.document == base_delivery()  # all findings at once


def test_f03_uppercase_extension_is_accepted(tmp_path):
    path = tmp_path / "SHV_2024_Vlieland.JSON"
    path.write_bytes(VALID)
    [source] = read_all(path)
    assert source.findings == () and source.document == base_delivery()


def test_f03_zip_with_several_json_and_one_txt(tmp_path):
    path = make_zip(tmp_path / "levering.zip", {
        "SHV_2024_B.json": VALID, "toelichting.txt": b"hallo", "SHV_2024_A.json": VALID, "map/": b""})
    sources = read_all(path)
    assert [s.name for s in sources] == [f"{path}!SHV_2024_A.json", f"{path}!SHV_2024_B.json",
                                         f"{path}!toelichting.txt"]
    assert sources[0].findings == () and sources[0].document == base_delivery()
    assert sources[1].sha256 == reader.hashlib.sha256(VALID).hexdigest() and sources[1].size == len(VALID)
    [txt] = sources[2].findings
    assert (txt.rule, txt.severity) == ("F03", "error") and "toelichting.txt" in txt.message
    assert sources[2].document is None


def test_f03_zip_without_json(tmp_path):
    path = make_zip(tmp_path / "levering.zip", {"a.csv": b"x"})
    container, member = read_all(path)
    assert container.name == str(path) and rules(container) == [("F03", "error")]
    assert "geen .json" in container.findings[0].message
    assert rules(member) == [("F03", "error")]


def test_f03_zip_member_with_dotdot_or_absolute_path_is_refused(tmp_path, monkeypatch):
    path = make_zip(tmp_path / "levering.zip", {"../evil.json": VALID, "/etc/evil.json": VALID,
                                                "..\\win.json": VALID, GOOD_NAME: VALID})
    before = set(os.listdir(tmp_path))
    sources = read_all(path)
    refused = [s for s in sources if s.document is None]
    assert len(refused) == 3
    for source in refused:
        [finding] = source.findings
        assert (finding.rule, finding.severity) == ("F03", "error") and "onveilige naam" in finding.message
        assert source.sha256 == ""
    assert set(os.listdir(tmp_path)) == before  # nothing was written


def test_f03_nested_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr(GOOD_NAME, VALID)
    path = make_zip(tmp_path / "buiten.zip", {"binnen.zip": inner.getvalue(), "SHV_2024_Zip.json": inner.getvalue()})
    by_name = {s.name.split("!")[1]: s for s in read_all(path)}
    for member in ("binnen.zip", "SHV_2024_Zip.json"):
        [finding] = by_name[member].findings
        assert (finding.rule, finding.severity) == ("F03", "error") and "zip in een zip" in finding.message


def test_f03_zip_with_members_of_one_name_reads_the_first_and_reports_each_other_one(tmp_path):
    """A zip may hold several members with the same name; read as one file they gave an internal error."""
    import warnings

    from ddas_quality.pipeline import check_paths

    path = tmp_path / "levering.zip"
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
        warnings.simplefilter("ignore")   # zipfile warns about the duplicate name
        for _ in range(3):
            archive.writestr(GOOD_NAME, VALID)
    first, *others = read_all(path)
    assert first.document == base_delivery() and first.findings == ()
    assert [s.name for s in others] == [f"{path}!{GOOD_NAME} ({n}e exemplaar)" for n in (2, 3)]
    for source in others:
        [finding] = source.findings
        assert (finding.rule, finding.severity) == ("F03", "error")
        assert "meer dan één bestand met de naam" in finding.message and source.document is None
    result = check_paths([path])
    assert [report.counts["trajecten"] for report in result.files] == [4, 0, 0]
    assert [len(result.findings_for(report.file)) for report in result.files[1:]] == [1, 1]


def test_f03_json_file_that_is_really_a_zip(tmp_path):
    path = make_zip(tmp_path / GOOD_NAME, {GOOD_NAME: VALID})
    [source] = read_all(path)
    assert rules(source) == [("F03", "error")] and source.document is None


def test_f03_corrupt_and_encrypted_zips_give_findings(tmp_path):
    broken = tmp_path / "kapot.zip"
    broken.write_bytes(b"PK\x03\x04 dit is geen zip")
    [source] = read_all(broken)
    assert rules(source) == [("F03", "error")] and "beschadigd" in source.findings[0].message

    data = bytearray(make_zip(tmp_path / "x.zip", {GOOD_NAME: VALID}).read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" bit in the central directory
    locked = tmp_path / "slot.zip"
    locked.write_bytes(bytes(data))
    [member] = read_all(locked)
    assert rules(member) == [("F03", "error")] and "wachtwoord" in member.findings[0].message

    data = bytearray(make_zip(tmp_path / "y.zip", {GOOD_NAME: VALID}, zipfile.ZIP_STORED).read_bytes())
    start = data.find(b"leveringen")
    data[start:start + 5] = b"XXXXX"  # content changed: CRC no longer matches
    crc = tmp_path / "crc.zip"
    crc.write_bytes(bytes(data))
    [member] = read_all(crc)
    assert rules(member) == [("F03", "error")] and "beschadigd" in member.findings[0].message


def test_f03_mac_helper_files_are_named(tmp_path):
    path = make_zip(tmp_path / "mac.zip", {GOOD_NAME: VALID, f"__MACOSX/._{GOOD_NAME}": b"\x00\x05\x16\x07"})
    sources = read_all(path)
    assert sources[0].findings == ()
    assert rules(sources[1]) == [("F03", "error")] and "macOS" in sources[1].findings[0].message


# ------------------------------------------------------------------------------------ zip bombs, limits


def test_zip_bomb_is_refused_without_unpacking(tmp_path, monkeypatch):
    bomb = b"[" + b" " * (3 * reader.MiB) + b"]"  # ~1000:1 with deflate
    path = make_zip(tmp_path / "bom.zip", {GOOD_NAME: bomb})

    def no_unpacking(*args, **kwargs):
        raise AssertionError("the bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    [source] = read_all(path)
    [finding] = only(source, "F03")
    assert finding.severity == "error" and "zip-bom" in finding.message
    assert source.document is None


def test_small_members_may_compress_well(tmp_path):
    data = b"[" + b" " * 50_000 + b"]"  # ratio far above 200, but only 50 kB
    [source] = read_all(make_zip(tmp_path / "x.zip", {GOOD_NAME: data}))
    assert source.findings == () and source.document == []


def test_zip_limits_are_injectable(tmp_path):
    members = {f"SHV_2024_{i}.json": VALID for i in range(3)}
    path = make_zip(tmp_path / "groot.zip", members)
    [container] = read_all(path, limits=Limits(max_zip_total=2 * len(VALID)))
    assert rules(container) == [("F03", "error")] and "zip-bommen" in container.findings[0].message

    sources = read_all(path, limits=Limits(max_file_size=len(VALID) - 1))
    assert all(rules(s) == [("F03", "error")] and s.document is None for s in sources)

    [container] = read_all(path, limits=Limits(max_zip_members=2))
    assert rules(container) == [("F03", "error")]


def test_too_big_file_is_hashed_not_parsed(tmp_path):
    path = tmp_path / GOOD_NAME
    path.write_bytes(VALID)
    [source] = read_all(path, limits=Limits(max_file_size=100))
    assert rules(source) == [("F05", "error")] and "grens" in source.findings[0].message
    assert source.sha256 == reader.hashlib.sha256(VALID).hexdigest() and source.size == len(VALID)


# --------------------------------------------------------------------------------------------- F04


def test_f04_utf8_with_accents_passes():
    source = source_from_bytes(GOOD_NAME, '{"naam": "Coördinator é"}'.encode())
    assert source.findings == () and source.document == {"naam": "Coördinator é"}


def test_f04_bom_is_a_warning_and_the_rest_is_parsed():
    source = source_from_bytes(GOOD_NAME, codecs.BOM_UTF8 + VALID)
    assert rules(source) == [("F04", "warning")]
    assert source.document == base_delivery()


def test_f04_bom_does_not_shift_line_numbers():
    source = source_from_bytes(GOOD_NAME, codecs.BOM_UTF8 + b'{\n  "a": 1\n  "b": 2\n}')
    [f05] = only(source, "F05")
    assert f05.context == {"regel": "3", "kolom": "3"}


@pytest.mark.parametrize(("data", "named"), [
    ('{"a": "é"}'.encode("utf-16"), "UTF-16 (little-endian)"),  # with BOM
    ('{"a": "é"}'.encode("utf-16-le"), "UTF-16 (little-endian)"),
    ('{"a": "é"}'.encode("utf-16-be"), "UTF-16 (big-endian)"),
    ('{"a": "é"}'.encode("utf-32"), "UTF-32"),
])
def test_f04_utf16_is_an_error_naming_it(data, named):
    source = source_from_bytes(GOOD_NAME, data)
    [finding] = source.findings
    assert (finding.rule, finding.severity) == ("F04", "error")
    assert named in finding.message and source.document is None


def test_f04_latin1_is_an_error_naming_it_and_the_line():
    source = source_from_bytes(GOOD_NAME, '{\n"a": "x",\n"plaats": "Hénin"}'.encode("latin-1"))
    [finding] = source.findings
    assert (finding.rule, finding.severity) == ("F04", "error")
    assert "Latin-1" in finding.message and finding.context["regel"] == "3"
    assert source.document is None


def test_f04_windows1252_is_named():
    [finding] = source_from_bytes(GOOD_NAME, '{"a": "’s-Hertogenbosch"}'.encode("cp1252")).findings
    assert finding.rule == "F04" and "Windows-1252" in finding.message


# --------------------------------------------------------------------------------------------- F05


def test_f05_syntax_error_with_line_and_column():
    text = VALID.decode().replace('"einddatumLevering"', '"einddatumLevering" 1', 1)  # missing ':'
    before = text[: text.index('" 1') + 2]  # the error is at the "1"
    line, column = before.count("\n") + 1, len(before) - before.rindex("\n")
    assert (line, column) == (3, 23)
    [finding] = source_from_bytes(GOOD_NAME, text.encode()).findings
    assert (finding.rule, finding.severity, finding.path) == ("F05", "error", "$")
    assert finding.context == {"regel": "3", "kolom": "23"}
    assert "regel 3, kolom 23" in finding.message


def test_f05_missing_comma_message():
    [finding] = source_from_bytes(GOOD_NAME, b'{\n  "a": 1\n  "b": 2\n}').findings
    assert finding.message == ("Het bestand is geen geldige JSON: onverwacht teken op regel 3, kolom 3. "
                               "Vaak een ontbrekende komma of een afgebroken bestand.")


def test_f05_truncated_inside_a_multibyte_character_is_truncation_not_latin1():
    data = '{"functietitel": "Coördinator"}'.encode()
    source = source_from_bytes(GOOD_NAME, data[: data.index("ö".encode()) + 1])
    assert rules(source) == [("F05", "error")] and "afgebroken" in source.findings[0].message


def test_f05_truncated_file_is_called_truncated():
    source = source_from_bytes(GOOD_NAME, VALID[: len(VALID) // 2])
    [finding] = source.findings
    assert finding.rule == "F05" and "afgebroken" in finding.message and "regel" in finding.context
    assert source.document is None


@pytest.mark.parametrize(("data", "text"),
                         [(b"", "leeg"), (b" \n\t ", "witruimte"), (codecs.BOM_UTF8, "geen gegevens")])
def test_f05_empty_file(data, text):
    source = source_from_bytes(GOOD_NAME, data)
    [finding] = only(source, "F05")
    assert finding.severity == "error" and text in finding.message and source.document is None


@pytest.mark.parametrize(("data", "literal"), [
    (b'{"bedrag": NaN}', "NaN"), (b'{"bedrag": Infinity}', "Infinity"), (b'{"bedrag": -Infinity}', "-Infinity"),
])
def test_f05_nan_and_infinity_are_errors(data, literal):
    source = source_from_bytes(GOOD_NAME, data)
    [finding] = source.findings
    assert finding.rule == "F05" and f"de waarde {literal}." in finding.message
    assert finding.context["regel"] == "1" and source.document is None


@pytest.mark.parametrize("number", [b"1e999", b"-1E+400", b"1" + b"0" * 400 + b".5"])
def test_f05_number_overflowing_to_infinity(number):
    source = source_from_bytes(GOOD_NAME, b'{"bedrag": ' + number + b"}")
    [finding] = source.findings
    assert finding.rule == "F05" and "te groot" in finding.message and source.document is None


def test_f05_deep_nesting_is_a_finding_not_a_recursion_error():
    for data in (b"[" * 100_000, b"[" * 5000 + b"]" * 5000, b'{"a":' * 50_000):
        [finding] = source_from_bytes(GOOD_NAME, data).findings
        assert finding.rule == "F05" and "te diep genest" in finding.message


def test_f05_lone_surrogate_escape_is_an_error_but_a_pair_is_fine():
    [finding] = source_from_bytes(GOOD_NAME, b'{"a": "x\\ud800y"}').findings
    # what it really is, where: not "an invalid escape" (\ud800 is a well-formed escape of half a character pair)
    assert finding.rule == "F05" and "escape-code" not in finding.message
    assert "op regel 1, kolom 9 staat in een tekst een ongeldige tekencode: een half tekenpaar" in finding.message
    [finding] = source_from_bytes(GOOD_NAME, b'{"a":\n  "\\udc00"}').findings   # a low half alone
    assert "op regel 2, kolom 4 staat in een tekst een ongeldige tekencode: een half tekenpaar" in finding.message
    assert source_from_bytes(GOOD_NAME, b'{"a": "\\ud83d\\ude00"}').document == {"a": "\U0001f600"}
    assert source_from_bytes(GOOD_NAME, b'{"a": "\\\\ud800"}').document == {"a": "\\ud800"}


def test_f05_duplicate_keys_with_paths_every_one_reported():
    document = base_delivery()
    document["leveringen"][0]["schuldhulptrajecten"][3]["startdatum"] = "@@1@@"
    document["leveringen"][0]["schuldhulptrajecten"][0]["intake"]["einddatum"] = "@@2@@"
    text = json.dumps(document, indent=2)
    text = text.replace('"startdatum": "@@1@@"', '"startdatum": "2024-02-01", "startdatum": "2024-03-01"')
    text = text.replace('"einddatum": "@@2@@"', '"einddatum": "2024-01-01", "einddatum": "2024-02-15"')
    source = source_from_bytes(GOOD_NAME, text.encode())
    found = {(f.rule, f.severity, f.path, f.context["sleutel"]) for f in source.findings}
    assert found == {
        ("F05", "error", "$.leveringen[0].schuldhulptrajecten[3]", "startdatum"),
        ("F05", "error", "$.leveringen[0].schuldhulptrajecten[0].intake", "einddatum"),
    }
    message = next(f.message for f in source.findings if f.context["sleutel"] == "startdatum")
    assert message.startswith("De sleutel 'startdatum' staat twee keer in hetzelfde object; een parser houdt "
                              "alleen de laatste waarde, dus gegevens gaan verloren.")
    # the document is kept, last value wins
    assert source.document["leveringen"][0]["schuldhulptrajecten"][3]["startdatum"] == "2024-03-01"


def test_f05_duplicate_key_paths_match_jsonschema_notation():
    source = source_from_bytes(GOOD_NAME, b'{"(Statutaire) Naam": {"a": 1, "a": 2}, "it\'s": [{"b": 1, "b": 1}]}')
    paths = [f.path for f in source.findings]
    expected = [ValidationError("x", path=deque(["(Statutaire) Naam"])).json_path,
                ValidationError("x", path=deque(["it's", 0])).json_path]
    assert paths == expected == ["$['(Statutaire) Naam']", "$['it\\'s'][0]"]


def test_f05_duplicate_inside_a_lost_duplicate_value_is_still_reported():
    source = source_from_bytes(GOOD_NAME, b'{"a": {"x": 1, "x": 2}, "a": {"y": 1}}')
    assert sorted(f.context["sleutel"] for f in source.findings) == ["a", "x"]
    assert source.document == {"a": {"y": 1}}


def test_f05_valid_json_passes():
    assert source_from_bytes(GOOD_NAME, VALID).findings == ()


# ----------------------------------------------------------------------------------------- privacy


def test_privacy_no_input_values_in_findings():
    email = "co.ordinator@vlieland.example"
    broken = ('{"client": [{"Burgerservicenummer": "' + BSN_A + '" "email": "' + email + '", '
              '"Postcode": 8899ZX}], "' + BSN_A + '": {"k": 1, "k": 2}}')
    cases = [
        broken.encode(),  # syntax error right after the BSN
        ('{"email": "' + email + '" ' + BSN_A + "}").encode(),
        ('{"Burgerservicenummer": ' + BSN_A + ', "x": NaN, "e": "' + email + '"}').encode(),
        ('{"' + BSN_A + '": {"' + email + '": 1, "' + email + '": 2}}').encode(),  # identifying key names
        ('{"Burgerservicenummer": "' + BSN_A + '", "naam": "Hénin"}').encode("latin-1"),
        ('{"Burgerservicenummer": "' + BSN_A + '", "email": "' + email + '"').encode(),  # truncated
        ('{"Burgerservicenummer": "' + BSN_A + '\n", "email": "' + email + '"}').encode(),  # control char
    ]
    for data in cases:
        source = source_from_bytes(GOOD_NAME, data)
        assert source.findings
        text = " ".join(f"{f.message} {f.path} {f.context}" for f in source.findings)
        for identifier in (*IDENTIFIERS, BSN_A, email, "8899ZX", "Hénin"):
            assert identifier not in text, (identifier, text)


# ----------------------------------------------------------------------------------- paths, directories


def test_directory_recursion_sorted_and_stable(tmp_path, monkeypatch):
    root = tmp_path / "aanlevering"
    for rel in ("b/SHV_2024_B.json", "a/SHV_2024_A.json", "SHV_2024_C.json", "a/sub/SHV_2024_D.json"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(VALID)
    make_zip(root / "a" / "pak.zip", {"SHV_2024_Z.json": VALID, "SHV_2024_Y.json": VALID})
    (root / "lees mij.txt").write_text("niet meenemen")
    (root / ".verborgen").mkdir()
    (root / ".verborgen" / "SHV_2024_H.json").write_bytes(VALID)
    os.symlink(root, root / "a" / "lus")  # a symlink loop must not hang
    monkeypatch.chdir(tmp_path)
    expected = [
        "aanlevering/SHV_2024_C.json",
        "aanlevering/a/SHV_2024_A.json",
        "aanlevering/a/pak.zip!SHV_2024_Y.json",
        "aanlevering/a/pak.zip!SHV_2024_Z.json",
        "aanlevering/a/sub/SHV_2024_D.json",
        "aanlevering/b/SHV_2024_B.json",
    ]
    first = read_all("aanlevering")
    assert [s.name for s in first] == expected
    assert [s.name for s in read_all("aanlevering/")] == expected
    assert [(s.name, s.sha256) for s in read_all("aanlevering")] == [(s.name, s.sha256) for s in first]
    assert all(s.findings == () and s.document == base_delivery() for s in first)


def test_a_file_named_like_a_delivery_is_checked_whatever_its_extension(tmp_path, monkeypatch):
    # an export without .json (or with .txt) in a folder was skipped in silence, and the run could pass without it
    root = tmp_path / "aanlevering"
    root.mkdir()
    (root / "SHV_2024_A.json").write_bytes(VALID)
    (root / "SHV_2024_Groningen").write_bytes(VALID)
    (root / "vs_2025_Proef.txt").write_bytes(VALID)
    (root / "lees mij.txt").write_text("niet meenemen")
    monkeypatch.chdir(tmp_path)
    found = {s.name: rules(s) for s in read_all("aanlevering")}
    assert set(found) == {"aanlevering/SHV_2024_A.json", "aanlevering/SHV_2024_Groningen",
                          "aanlevering/vs_2025_Proef.txt"}
    assert found["aanlevering/SHV_2024_A.json"] == []
    assert ("F03", "error") in found["aanlevering/SHV_2024_Groningen"]
    assert ("F03", "error") in found["aanlevering/vs_2025_Proef.txt"]


def test_file_names_as_given(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / GOOD_NAME).write_bytes(VALID)
    monkeypatch.chdir(tmp_path)
    for as_given in (f"data/{GOOD_NAME}", Path("data") / GOOD_NAME):
        assert [s.name for s in iter_sources([as_given])] == [f"data/{GOOD_NAME}"]


def test_the_same_file_twice_is_refused(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / GOOD_NAME).write_bytes(VALID)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="staat twee keer in de invoer"):
        list(iter_sources([f"data/{GOOD_NAME}", Path("data") / GOOD_NAME]))
    with pytest.raises(InputError, match=r"ook als data/"):
        list(iter_sources(["data", f"./data/{GOOD_NAME}"]))


def test_iter_sources_is_lazy(tmp_path):
    for name in ("SHV_2024_A.json", "SHV_2024_B.json"):
        (tmp_path / name).write_bytes(VALID)
    sources = iter_sources([tmp_path])
    first = next(sources)
    (tmp_path / "SHV_2024_B.json").write_bytes(b"{")  # read only when asked for
    assert first.findings == () and rules(next(sources)) == [("F05", "error")]


def test_missing_path_raises_input_error_in_dutch(tmp_path):
    missing = tmp_path / "SHV_2024_Bestaatniet.json"
    with pytest.raises(InputError) as error:
        list(iter_sources([missing]))
    assert str(error.value) == f"Bestand of map niet gevonden: {missing}. Controleer het pad."


def test_missing_path_fails_before_any_file_is_read(tmp_path):
    (tmp_path / GOOD_NAME).write_bytes(VALID)
    with pytest.raises(InputError):
        next(iter_sources([tmp_path / GOOD_NAME, tmp_path / "weg.json"]))


def test_empty_directory_raises_input_error(tmp_path):
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "notitie.txt").write_text("x")
    with pytest.raises(InputError, match=r"Geen \.json- of \.zip-bestanden gevonden in map"):
        list(iter_sources([tmp_path / "leeg"]))


# ----------------------------------------------------------------------------------------- hypothesis


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data):
    source = source_from_bytes(GOOD_NAME, data)
    assert isinstance(source, SourceFile) and source.size == len(data)
    assert all(f.rule in {"F03", "F04", "F05"} for f in source.findings)


@settings(max_examples=150, deadline=2000)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.sampled_from([b"", codecs.BOM_UTF8]))
def test_truncations_are_f05_findings(cut, prefix):
    source = source_from_bytes(GOOD_NAME, prefix + VALID[:cut])
    assert source.document is None
    assert any(f.rule == "F05" for f in source.findings)


@settings(max_examples=60, deadline=2000)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=2000))
def test_random_zips_never_raise(tmp_path_factory, noise, cut):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(GOOD_NAME, VALID)
        zipped.writestr("SHV_2024_Ruis.json", noise)
    data = archive.getvalue()
    path = tmp_path_factory.mktemp("zip") / "x.zip"
    path.write_bytes(data[:cut] + noise + data[cut:])
    assert all(isinstance(source, SourceFile) for source in iter_sources([path]))


def test_input_bytes_counts_what_would_be_read_and_nothing_else(tmp_path):
    (tmp_path / "SHV_2024_A.json").write_bytes(b"x" * 100)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "SHV_2024_B.zip").write_bytes(b"z" * 30)
    (tmp_path / "notities.txt").write_bytes(b"n" * 1000)       # not a delivery
    (tmp_path / ".verborgen.json").write_bytes(b"h" * 1000)    # hidden: skipped like when reading
    assert reader.input_bytes([tmp_path]) == 130
    with pytest.raises(InputError, match="niet gevonden"):
        reader.input_bytes([tmp_path / "weg.json"])
