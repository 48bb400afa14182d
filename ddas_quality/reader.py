"""Read stage: input paths -> parsed JSON documents plus file-level findings (F01–F05).

Paths are a `.json` file, a `.zip` of `.json` files, or a directory searched recursively for both.
Bad *content* never raises: a broken file becomes findings and the next file goes on. Only a
path that does not exist or cannot be opened raises `InputError` (the CLI turns it into exit 2).

Parsing: one pass of the standard library's C scanner with an `object_pairs_hook` that builds the
dicts and notices duplicate keys on the way (a dict shorter than its pairs). On a 300 MB delivery
(SHV, 370,913 trajecten) the whole stage takes ~4.1 s and peaks at ~1.2 GB; orjson alone parses it in
~2.1 s but peaks at ~1.9 GB and silently keeps the last of duplicate keys, and orjson plus a separate
duplicate scan costs the same ~4.1 s at ~1.9 GB. orjson is used only to *diagnose*: its errors name
the kind of mistake and the line and column precisely, and it refuses what the standard library lets
through (NaN, Infinity, numbers that overflow, lone surrogate escapes) when the first pass saw those.
Paths to duplicate keys are found afterwards by one walk, only when a duplicate exists.

Privacy: no message, context or exception quotes the input's content; key names from the input go
through `privacy.safe_name`. Nothing is ever written to disk: zip members are read in memory.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import math
import os
import re
import stat
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import orjson

from .domains import domain_names
from .findings import Finding, Severity
from .jsonpath import child
from .no_cycles import collector_paused
from .privacy import HIDDEN, safe_name

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_FILE_SIZE",
    "MAX_ZIP_MEMBERS",
    "MAX_ZIP_TOTAL",
    "InputError",
    "Limits",
    "SourceFile",
    "iter_sources",
    "source_from_bytes",
]

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

MAX_FILE_SIZE = 2 * GiB  # one .json file (given directly or unpacked from a zip)
MAX_ZIP_TOTAL = 4 * GiB  # all .json members of one zip together, unpacked
MAX_COMPRESSION_RATIO = 200  # unpacked size / packed size of one member; more smells like a zip bomb
RATIO_CHECK_FROM = 1 * MiB  # small members may compress extremely well (e.g. whitespace) without harm
MAX_ZIP_MEMBERS = 10_000
MAX_NESTING_TEXT = "1.000"  # the parser stops at about this depth (recursion limit; orjson: 1024)
CHUNK_SIZE = 1 * MiB
ZIP_MEMBER_SEPARATOR = "!"

FORBIDDEN_NAME_CHARS = ':\\/?;*"><|]['
FILE_PATTERN = "SHV_<jaar>_<organisatie>[_<uitvraagdeel>].json"
VS_PATTERN = "VS_<jaar>_<organisatie>[_<uitvraagdeel>].json"


@cache
def _name_pattern() -> re.Pattern[str]:
    """F01: `<DOMAIN>_<jaar>_<organisatie>[_<uitvraagdeel>]` for every domain's prefix."""
    return re.compile(rf"({'|'.join(domain_names())})_[0-9]{{4}}_[^_]*[^_\s][^_]*(?:_.*\S.*)?", re.DOTALL)


_YEAR = re.compile(r"[0-9]{4}")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_INFINITIES = (math.inf, -math.inf)


class InputError(Exception):
    """A path the tool cannot use at all (not there, not readable): the run stops with exit code 2."""


@dataclass(frozen=True)
class Limits:
    """Limits against hostile input; injectable so tests can use tiny ones."""

    max_file_size: int = MAX_FILE_SIZE
    max_zip_total: int = MAX_ZIP_TOTAL
    max_ratio: float = MAX_COMPRESSION_RATIO
    ratio_check_from: int = RATIO_CHECK_FROM
    max_zip_members: int = MAX_ZIP_MEMBERS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class SourceFile:
    """One input file: its display name, hash and size, the parsed document (or None) and F findings.

    `name` is the path as the user gave it; inside a directory `<dir>/<relative path>`; a zip member
    `<zip>!<member>`. `sha256` is empty for a zip member that was refused without being unpacked.
    """

    name: str
    sha256: str
    size: int
    document: object | None
    findings: tuple[Finding, ...]


# --------------------------------------------------------------------------------------- entry points


def iter_sources(paths: Sequence[str | Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[SourceFile]:
    """Yield one SourceFile per input file, lazily, in a stable order (sorted within directories and zips).

    All paths are checked before the first file is read, so a typo fails fast with `InputError`.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    plan = plan_inputs(paths)
    if not plan:
        raise InputError("Geef minstens één bestand of map op om te controleren.")
    for display, path, is_zip in plan:
        if is_zip:
            yield from _iter_zip(display, path, limits)
        else:
            yield _read_file(display, path, limits)


def input_bytes(paths: Sequence[str | Path]) -> int:
    """Size on disk of what `iter_sources` would read (zips as stored), found the same way; for sizing work
    before reading. Raises InputError like `iter_sources`."""
    total = 0
    for _, path, _ in plan_inputs(paths):
        with contextlib.suppress(OSError):   # vanished since the scan: reading will say so
            total += path.stat().st_size
    return total


def planned_inputs(paths: Sequence[str | Path]) -> int:
    """How many files `iter_sources` plans to read (a zip counts once: its members are known only when it is
    opened); for a progress bar. Raises InputError like `iter_sources`."""
    return len(plan_inputs(paths))


def plan_inputs(paths: Sequence[str | Path]) -> list[tuple[str, Path, bool]]:
    """(display name, path, is_zip) per file to read, in reading order. The same file given twice (also as
    part of a given map) is refused: its trajecten would overlap with themselves (C07, C08, T15). Broken symlinks
    to one missing file are no file twice: each is reported as what it is (F03)."""
    plan: list[tuple[str, Path, bool]] = []
    seen: dict[str, str] = {}
    for given in paths:
        for display, path, is_zip in _plan(given):
            real = os.path.realpath(path)
            if real in seen and os.path.exists(real):
                also = f" (ook als {seen[real]})" if seen[real] != display else ""
                raise InputError(f"{display} staat twee keer in de invoer{also}. Geef elk bestand één keer op.")
            seen[real] = display
            plan.append((display, path, is_zip))
    return _apart_from_zips(plan)


def _apart_from_zips(plan: list[tuple[str, Path, bool]]) -> list[tuple[str, Path, bool]]:
    """A file whose name reads like a member of a planned zip (`x.zip!a.json` beside `x.zip`) gets ' (los
    bestand)' after its name: two inputs under one name cannot be told apart and break the frames' keys."""
    zips = {display for display, _, is_zip in plan if is_zip}
    if not zips:
        return plan

    def clashes(display: str) -> bool:
        return any(display[:at] in zips for at, char in enumerate(display) if char == ZIP_MEMBER_SEPARATOR)

    return [(f"{display} (los bestand)" if clashes(display) else display, path, is_zip)
            for display, path, is_zip in plan]


def source_from_bytes(name: str, data: bytes | bytearray, limits: Limits = DEFAULT_LIMITS) -> SourceFile:
    """Check raw bytes as if they were a .json file called `name` (file-name rules included)."""
    base = name.rsplit("/", 1)[-1]
    return _analyse(name, [data], (*_name_findings(name, base), *_extension_findings(name, base)),
                    in_zip=False, limits=limits)


# ---------------------------------------------------------------------------------- paths and files


def _plan(given: str | Path) -> list[tuple[str, Path, bool]]:
    display = os.fspath(given)
    path = Path(given)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{display} is {_DANGLING}. Geef het .json-bestand zelf op, of herstel de "
                             "snelkoppeling.") from None
        raise InputError(f"Bestand of map niet gevonden: {display}. Controleer het pad.") from None
    except OSError as error:
        raise InputError(_cannot_open(display, error)) from None
    if stat.S_ISDIR(info.st_mode):
        found = _scan_directory(display, path, info)
        if not found:
            raise InputError(
                f"Geen .json- of .zip-bestanden gevonden in map {display}. Controleer of dit de goede map is."
            )
        return found
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{display} is geen gewoon bestand of map maar {_special_kind(info.st_mode)} en kan niet "
                         "worden gecontroleerd. Sla de levering op als .json-bestand en geef dat op.")
    return [(display, path, path.suffix.lower() == ".zip")]


def _scan_directory(display: str, root: Path, root_info: os.stat_result) -> list[tuple[str, Path, bool]]:
    """All .json and .zip entries under `root`, sorted by relative path; hidden entries (.name) are skipped.

    Symlinked directories are followed once: a (device, inode) already seen is not entered again, so a
    symlink loop cannot hang the scan.
    """
    prefix = display if display.endswith(("/", os.sep)) else display + "/"
    seen = {(root_info.st_dev, root_info.st_ino)}
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    found: list[tuple[tuple[str, ...], Path, bool]] = []
    while stack:
        directory, rel = stack.pop()
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except OSError as error:
            raise InputError(_cannot_open(prefix + "/".join(rel), error)) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = (*rel, entry.name)
            try:
                if entry.is_dir():  # follows symlinks
                    info = entry.stat()
                    key = (info.st_dev, info.st_ino)
                    if key not in seen:
                        seen.add(key)
                        stack.append((Path(entry.path), parts))
                else:
                    suffix = os.path.splitext(entry.name)[1].lower()
                    # a name that reads like a delivery (SHV_2024_Groningen, VS_2025_X.txt) is checked too, with
                    # F03 for its extension, rather than skipped in silence; other files (a README) are not
                    if suffix in (".json", ".zip") or _named_like_a_delivery(entry.name):
                        # a FIFO, socket, device or broken symlink by this name is planned too (never as a zip):
                        # reading it gives an F03 finding without opening it, instead of skipping it in silence
                        found.append((parts, Path(entry.path), suffix == ".zip" and entry.is_file()))
            except OSError:  # an entry that vanished since the listing: not a file to check
                continue
    found.sort(key=lambda item: item[0])
    return [(prefix + "/".join(parts), path, is_zip) for parts, path, is_zip in found]


def _named_like_a_delivery(name: str) -> bool:
    return name.upper().startswith(("SHV_", "VS_"))


def _cannot_open(display: str, error: OSError) -> str:
    reason = "geen toegang" if isinstance(error, PermissionError) else "kan niet worden gelezen"
    return f"Bestand of map kan niet worden geopend ({reason}): {display}. Controleer het pad en de rechten."


_DANGLING = "een snelkoppeling (symlink) naar een bestand dat niet bestaat"


def _special_kind(mode: int) -> str:
    """What a path that is no regular file or directory is, in Dutch, for messages."""
    if stat.S_ISFIFO(mode):
        return "een named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat (device)"
    return "een bijzonder soort bestand"


def _not_a_file(display: str, what: str) -> SourceFile:
    """F03 for a planned entry that is no regular file: reported, never opened (a FIFO would block, a
    device never ends)."""
    return SourceFile(display, "", 0, None, (_f03(
        display, "error",
        f"Dit is geen gewoon bestand maar {what}; er is niets gelezen. Zet het .json-bestand zelf op deze "
        "plek, of haal dit weg uit de map."),))


def _read_file(display: str, path: Path, limits: Limits) -> SourceFile:
    base = path.name
    prior = (*_name_findings(display, base), *_extension_findings(display, base))
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return _not_a_file(display, _DANGLING)
        raise InputError(_cannot_open(display, FileNotFoundError())) from None
    except OSError as error:
        return _unreadable(display, prior, error)
    if not stat.S_ISREG(info.st_mode):
        return _not_a_file(display, _special_kind(info.st_mode))
    try:
        # O_NONBLOCK: should a FIFO have taken the file's place since the stat, opening it must not wait
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return _not_a_file(display, _special_kind(info.st_mode))
            size = info.st_size
            if size > limits.max_file_size:
                return SourceFile(display, _hash_stream(handle), size, None,
                                  (*prior, _too_big_file(display, size, limits)))
            box = [handle.read()]  # one allocation of the file's size (no oversized read buffer)
    except OSError as error:
        return _unreadable(display, prior, error)
    return _analyse(display, box, prior, in_zip=False, limits=limits)  # re-checks the size (file may grow)


def _unreadable(display: str, prior: tuple[Finding, ...], error: OSError) -> SourceFile:
    """F05 for a file that is there but cannot be read (no read rights, a disk error): a finding on that file,
    so the other files of a folder are still checked (it stopped the whole run before)."""
    reason = ("dit programma mag het niet lezen (geen leesrechten)" if isinstance(error, PermissionError)
              else f"het lezen mislukte ({error.strerror or type(error).__name__})")
    return SourceFile(display, "", 0, None, (*prior, Finding(
        "F05", "error",
        f"Het bestand kon niet worden gelezen: {reason}; de inhoud is niet gecontroleerd. Geef uw account "
        "leesrechten op het bestand, of kopieer het naar een map waar u dat wel mag, en controleer opnieuw.",
        display, "$")))


def _hash_stream(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()


def _too_big_file(display: str, size: int, limits: Limits) -> Finding:
    return Finding(
        "F05", "error",
        f"Het bestand is {_size(size)} groot, meer dan de grens van {_size(limits.max_file_size)} die dit "
        "programma leest; de inhoud is niet gecontroleerd. Splits de levering in delen "
        "(SHV_<jaar>_<organisatie>_<uitvraagdeel>.json).",
        display, "$", context={"grootte": str(size), "grens": str(limits.max_file_size)},
    )


# ----------------------------------------------------------------------------------------------- zips


def _iter_zip(display: str, path: Path, limits: Limits) -> Iterator[SourceFile]:
    """The zip's own problems (one SourceFile for the zip, only when there are any), then its members."""
    container: list[Finding] = list(_name_findings(display, path.name, container=True))
    try:
        handle = path.open("rb")
    except OSError as error:
        yield _unreadable(display, tuple(container), error)
        return
    with handle:
        try:
            archive = zipfile.ZipFile(handle)
            members = sorted((info for info in archive.infolist() if not info.is_dir()),
                             key=lambda info: info.filename)
        except Exception:  # zipfile raises many kinds (BadZipFile, EOFError, ValueError, OSError, ...)
            container.append(_f03(display, "error",
                                  "Het bestand is geen geldige zip of is beschadigd en kan niet worden geopend. "
                                  "Maak de zip opnieuw, of lever de .json-bestanden los aan."))
            yield _container_source(display, handle, container)
            return
        with archive:
            if len(members) > limits.max_zip_members:
                container.append(_f03(display, "error",
                                      f"De zip bevat {len(members)} bestanden, meer dan de grens van "
                                      f"{limits.max_zip_members} die dit programma leest; de zip is niet "
                                      "uitgepakt. Controleer of dit de goede zip is."))
                yield _container_source(display, handle, container)
                return
            kinds = [(info, _member_kind(info.filename)) for info in members]
            json_members = [info for info, kind in kinds if kind == "json"]
            if not json_members:
                container.append(_f03(display, "error",
                                      "De zip bevat geen .json-bestanden die gelezen kunnen worden. Stop de levering "
                                      f"({FILE_PATTERN}) in de zip, of lever het .json-bestand los aan."))
            declared = sum(info.file_size for info in json_members)
            unpack = declared <= limits.max_zip_total
            if not unpack:
                container.append(_f03(display, "error",
                                      f"De .json-bestanden in de zip zijn uitgepakt samen {_size(declared)}, meer "
                                      f"dan de grens van {_size(limits.max_zip_total)}. De zip is daarom niet "
                                      "uitgepakt (bescherming tegen zip-bommen). Lever de bestanden in "
                                      "kleinere zips of los aan."))
            if container:
                yield _container_source(display, handle, container)
            if not unpack:
                return
            budget = [limits.max_zip_total]
            seen: dict[str, int] = {}
            for info, kind in kinds:
                seen[info.filename] = seen.get(info.filename, 0) + 1
                if kind == "json" and seen[info.filename] > 1:
                    # a zip may hold several members of one name: the first is read, each other one gets its own
                    # name in the reports ("(2e exemplaar)"), else its findings would show up at the others too
                    yield _duplicate_member(display, info, seen[info.filename])
                    continue
                yield _member_source(display, archive, info, kind, limits, budget)


def _container_source(display: str, handle, findings: list[Finding]) -> SourceFile:
    try:
        handle.seek(0)
        size = os.fstat(handle.fileno()).st_size
        digest = _hash_stream(handle)
    except OSError:
        size, digest = 0, ""
    return SourceFile(display, digest, size, None, tuple(findings))


def copy_name(name: str, number: int) -> str:
    """The name of the `number`-th input (2 on) that carries the same name as an earlier one."""
    return f"{name} ({number}e exemplaar)"


def _duplicate_member(display: str, info: zipfile.ZipInfo, number: int) -> SourceFile:
    name = copy_name(f"{display}{ZIP_MEMBER_SEPARATOR}{info.filename}", number)
    return SourceFile(name, "", info.file_size, None, (_f03(name, "error", (
        f"De zip bevat meer dan één bestand met de naam '{info.filename}'. Alleen het eerste is gelezen: de "
        "andere zouden met dezelfde naam en dezelfde paden naast het eerste staan. Maak de zip opnieuw met elk "
        "bestand één keer, of geef ze verschillende namen.")),))


def _member_kind(name: str) -> str:
    """json | unsafe | mac | nested | other."""
    normal = name.replace("\\", "/")
    parts = normal.split("/")
    if normal.startswith("/") or re.match(r"[A-Za-z]:", normal) or ".." in parts or "\x00" in name:
        return "unsafe"
    base = parts[-1]
    if parts[0] == "__MACOSX" or base.startswith("._") or base == ".DS_Store":
        return "mac"
    suffix = os.path.splitext(base)[1].lower()
    if suffix == ".zip":
        return "nested"
    return "json" if suffix == ".json" else "other"


def _member_source(display: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str,
                   limits: Limits, budget: list[int]) -> SourceFile:
    member = info.filename
    name = f"{display}{ZIP_MEMBER_SEPARATOR}{member}"

    def refused(message: str) -> SourceFile:
        return SourceFile(name, "", info.file_size, None, (_f03(name, "error", message),))

    if kind == "unsafe":
        return refused(f"De zip bevat een bestand met een onveilige naam ('{member}'): een pad met '..' of "
                       "een absoluut pad, dat buiten de uitpakmap kan schrijven. Het is niet gelezen. Maak de "
                       "zip opnieuw met alleen de .json-bestanden.")
    if kind == "mac":
        return refused(f"De zip bevat '{member}', een verborgen hulpbestand dat macOS bij het inpakken "
                       "toevoegt. Maak de zip opnieuw zonder de map __MACOSX en zonder ._-bestanden.")
    if kind == "nested":
        return refused(f"De zip bevat een andere zip ('{member}'). Een zip in een zip wordt niet gelezen: "
                       "pak de binnenste zip uit en stop de .json-bestanden direct in één zip.")
    if kind == "other":
        return refused(f"De zip bevat '{member}', dat is geen .json-bestand. Een zip mag alleen "
                       ".json-bestanden bevatten; haal dit bestand eruit en maak de zip opnieuw.")
    base = member.rsplit("/", 1)[-1]
    prior = (*_name_findings(name, base), *_extension_findings(name, base))
    if info.flag_bits & 0x1:
        return refused(f"'{member}' in de zip is versleuteld (met een wachtwoord) en kan niet worden "
                       "gelezen. Lever de zip aan zonder wachtwoord.")
    cap, problem = _member_cap(info, limits, budget[0])
    if problem:
        return SourceFile(name, "", info.file_size, None, (*prior, _f03(name, "error", problem)))
    try:
        data = _read_member(archive, info, cap)
    except Exception:  # CRC error, unknown compression, truncated archive, ...
        return SourceFile(name, "", info.file_size, None, (*prior, _f03(
            name, "error",
            f"'{member}' kan niet worden uitgepakt: de zip is beschadigd of gebruikt een onbekende "
            "compressie. Maak de zip opnieuw met de standaard zip-functie van Windows of macOS.")))
    if data is None:  # more bytes came out than the declared sizes allowed
        return SourceFile(name, "", info.file_size, None, (*prior, _f03(
            name, "error",
            f"'{member}' pakt uit tot meer dan de zip opgeeft of dan de grens toelaat (mogelijk een "
            "zip-bom) en is daarom niet uitgepakt. Maak de zip opnieuw van de echte .json-bestanden.")))
    budget[0] -= len(data)
    box = [data]
    del data
    return _analyse(name, box, prior, in_zip=True, limits=limits)


def _member_cap(info: zipfile.ZipInfo, limits: Limits, remaining: int) -> tuple[int, str | None]:
    """How many bytes this member may unpack to, or a Dutch reason why it is not unpacked at all."""
    member = info.filename
    if info.file_size > limits.max_file_size:
        return 0, (f"'{member}' is uitgepakt {_size(info.file_size)} groot, meer dan de grens van "
                   f"{_size(limits.max_file_size)} die dit programma leest; het is niet uitgepakt. "
                   "Splits de levering in delen.")
    ratio_cap = max(limits.ratio_check_from, int(limits.max_ratio * info.compress_size))
    if info.file_size > ratio_cap:
        return 0, (f"'{member}' is verdacht sterk ingepakt (meer dan {limits.max_ratio:g} keer zo groot na "
                   "uitpakken; mogelijk een zip-bom) en is daarom niet uitgepakt. Maak de zip opnieuw van "
                   "de echte .json-bestanden.")
    if info.file_size > remaining:
        return 0, (f"De .json-bestanden in de zip zijn samen groter dan de grens van "
                   f"{_size(limits.max_zip_total)}; '{member}' is daarom niet uitgepakt.")
    return min(limits.max_file_size, ratio_cap, remaining), None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytearray | None:
    """Unpack in chunks into memory and stop as soon as more than `cap` bytes come out."""
    buffer = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(CHUNK_SIZE):
            buffer += chunk
            if len(buffer) > cap:
                return None
    return buffer


# ----------------------------------------------------------------------------------------- name rules


def _name_findings(display: str, base: str, *, container: bool = False) -> list[Finding]:
    """F02 for every name (the zip's own too); F01 only for files that should hold a delivery."""
    findings: list[Finding] = []
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    bad = [ch for ch in FORBIDDEN_NAME_CHARS if ch in base]
    if bad:
        listed = " ".join(f"'{ch}'" for ch in bad)
        one = len(bad) == 1
        findings.append(Finding(
            "F02", "error",
            f"De bestandsnaam bevat {'een teken' if one else 'tekens'} dat niet is toegestaan: {listed}. "
            f"Haal {'het' if one else 'ze'} weg of vervang {'het' if one else 'ze'} door een liggend "
            "streepje (-).",
            display, None, context={"tekens": " ".join(bad)},
        ))
    if "." in stem:
        findings.append(Finding(
            "F02", "error",
            f"De bestandsnaam bevat een punt vóór de extensie; alleen de punt van de extensie (.{extension}) "
            "is toegestaan. Vervang de andere punten, bijvoorbeeld door een liggend streepje (-).",
            display, None,
        ))
    if "_ " in base:
        findings.append(Finding(
            "F02", "warning",
            "De bestandsnaam heeft een spatie direct na een liggend streepje (_). Haal die spatie weg, "
            "bijvoorbeeld SHV_2024_Teylingen.json in plaats van SHV_2024_ Teylingen.json.",
            display, None,
        ))
    if not container and not _name_pattern().fullmatch(stem):
        if stem.split("_")[0].upper() == "VS":   # a vroegsignalering file: its own pattern and example
            message = (f"De bestandsnaam volgt niet het patroon {VS_PATTERN}: {_name_hint(stem)}. Noem het "
                       "bestand bijvoorbeeld VS_2024_Haarlem.json. Dit programma gaat voor vroegsignalering uit "
                       "van dit patroon, naar het voorbeeld van SHV; dat is een aanname, want het "
                       "aanleverprotocol noemt alleen SHV.")
            pattern = VS_PATTERN
        else:
            message = (f"De bestandsnaam volgt niet het patroon {FILE_PATTERN}: {_name_hint(stem)}. Noem het "
                       "bestand bijvoorbeeld SHV_2024_Haarlem.json. Voor vroegsignalering gaat dit programma uit "
                       f"van {VS_PATTERN} (bijvoorbeeld VS_2024_Haarlem.json); dat is een aanname, want het "
                       "aanleverprotocol noemt alleen SHV.")
            pattern = FILE_PATTERN
        findings.append(Finding("F01", "error", message, display, None, context={"patroon": pattern}))
    return findings


def _name_hint(stem: str) -> str:
    parts = stem.split("_")
    prefix = parts[0]
    if prefix not in domain_names():
        if prefix.upper() in domain_names():
            return f"{prefix.upper()} moet in hoofdletters"
        return "de naam moet beginnen met SHV_ (of VS_ voor vroegsignalering)"
    if len(parts) < 2 or not _YEAR.fullmatch(parts[1]):
        return f"na {prefix}_ moet het jaar van de uitvraag staan, in vier cijfers (bijvoorbeeld 2024)"
    if len(parts) < 3 or not parts[2].strip():
        return "na het jaar moeten een liggend streepje en de naam van de organisatie staan"
    return "na de organisatie staat een liggend streepje zonder uitvraagdeel erachter"


def _extension_findings(display: str, base: str) -> list[Finding]:
    """F03 for a file read as JSON. Decision: `.JSON` in capitals is accepted (F03 has no warning level)."""
    stem, dot, extension = base.rpartition(".")
    if dot and extension.lower() == "json":
        return []
    what = f"de extensie .{extension}" if dot and stem else "geen extensie"
    return [_f03(display, "error",
                 f"Het bestand heeft {what} in plaats van .json. Sla de export op als .json. De inhoud is "
                 "toch als JSON gecontroleerd, zodat u alle meldingen in één keer ziet.")]


def _f03(display: str, severity: Severity, message: str) -> Finding:
    return Finding("F03", severity, message, display, None)


# --------------------------------------------------------------------------------- content: F04, F05


def _analyse(display: str, box: list, prior, *, in_zip: bool, limits: Limits) -> SourceFile:
    """Hash, encoding and JSON checks on the bytes in `box` (taken out, so they can be freed early)."""
    data = box.pop()
    size = len(data)
    digest = hashlib.sha256(data).hexdigest()
    findings = list(prior)

    def done(document: object | None = None) -> SourceFile:
        return SourceFile(display, digest, size, document, tuple(findings))

    if size == 0:
        findings.append(_f05(display, "Het bestand is leeg (0 bytes). Maak de export opnieuw; waarschijnlijk "
                                      "is het opslaan mislukt."))
        return done()
    if size > limits.max_file_size:
        findings.append(_too_big_file(display, size, limits))
        return done()
    if data.startswith(_ZIP_MAGIC):
        message = ("Dit bestand in de zip is zelf een zip (zip in een zip) en wordt niet gelezen. Pak het uit "
                   "en stop de .json-bestanden direct in één zip.") if in_zip else (
                   "De inhoud van dit bestand is een zip, geen JSON. Geef het de extensie .zip, of pak het "
                   "uit en lever de .json-bestanden aan.")
        findings.append(_f03(display, "error", message))
        return done()
    wide = _wide_encoding(data)
    if wide:
        findings.append(Finding(
            "F04", "error",
            f"Het bestand is opgeslagen in {wide} in plaats van UTF-8 en is daarom niet verder gecontroleerd. "
            "Sla het opnieuw op als UTF-8 (zonder BOM), of stel de export in op UTF-8.",
            display, "$", context={"codering": wide},
        ))
        return done()
    offset = 0
    if data.startswith(codecs.BOM_UTF8):
        offset = len(codecs.BOM_UTF8)
        findings.append(Finding(
            "F04", "warning",
            "Het bestand begint met een BOM (byte order mark: onzichtbare tekens die sommige programma's "
            "vóór UTF-8 zetten). Lever UTF-8 zonder BOM aan; niet elk programma kan ermee overweg. De "
            "inhoud is wel gecontroleerd.",
            display, "$",
        ))
    try:
        text = _decode(data, offset)
    except UnicodeDecodeError as error:
        findings.append(_not_utf8(display, data, offset, error.start))
        return done()
    del data  # from here on only the text is needed
    document, content = _parse(display, text)
    findings.extend(content)
    if document is None and not content:   # the JSON text `null`: valid JSON, but no levering at all
        findings.append(Finding(
            "S01", "error",
            "Het bestand bevat alleen null in plaats van een levering (een JSON-object met onder meer "
            "leveringen). Maak de export opnieuw; waarschijnlijk had de export niets om op te slaan.",
            display, "$"))
    return done(document)


def _decode(data: bytes | bytearray, offset: int) -> str:
    """UTF-8 text from `offset`. A character cut off at the very end is dropped: the file was truncated,
    which the JSON parser then reports (F05), rather than a wrong encoding (F04)."""
    with memoryview(data) as view:
        try:
            return str(view[offset:], "utf-8")
        except UnicodeDecodeError as error:
            if error.reason != "unexpected end of data" or offset + error.end != len(data):
                raise
            return str(view[offset:offset + error.start], "utf-8")


def _wide_encoding(data: bytes | bytearray) -> str | None:
    """UTF-16 or UTF-32, by byte order mark or by the pattern of NUL bytes JSON's ASCII makes in them."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32 (" + ("little-endian" if data.startswith(codecs.BOM_UTF32_LE) else "big-endian") + ")"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 (" + ("little-endian" if data.startswith(codecs.BOM_UTF16_LE) else "big-endian") + ")"
    sample = bytes(data[:4096])
    quads = len(sample) // 4
    if quads:
        nul = [sample[i:quads * 4:4].count(0) / quads for i in range(4)]
        if min(nul[1:]) >= 0.9 and nul[0] < 0.5:
            return "UTF-32 (little-endian)"
        if min(nul[:3]) >= 0.9 and nul[3] < 0.5:
            return "UTF-32 (big-endian)"
    pairs = len(sample) // 2
    if pairs:
        even = sample[0:pairs * 2:2].count(0) / pairs
        odd = sample[1:pairs * 2:2].count(0) / pairs
        if odd >= 0.3 and even <= 0.05:
            return "UTF-16 (little-endian)"
        if even >= 0.3 and odd <= 0.05:
            return "UTF-16 (big-endian)"
    return None


def _not_utf8(display: str, data: bytes | bytearray, offset: int, bad: int) -> Finding:
    """The first byte that is not UTF-8, by line; the encoding guessed from the bytes (never quoted)."""
    line = data.count(b"\n", offset, offset + bad) + 1
    body = bytes(data[offset:])
    if re.search(rb"[\x80-\x9f]", body) and _decodes(body, "cp1252"):
        encoding = "Windows-1252"
    else:
        encoding = "Latin-1 (ISO-8859-1, of Windows-1252)"
    return Finding(
        "F04", "error",
        f"Het bestand is geen geldige UTF-8: het lijkt opgeslagen in {encoding}. Het eerste teken dat niet "
        f"klopt staat op regel {line} (vaak een letter met een accent, zoals é of ë). Sla het bestand opnieuw "
        "op als UTF-8 (zonder BOM); de inhoud is niet verder gecontroleerd.",
        display, "$", context={"codering": encoding, "regel": str(line)},
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


class _Scan:
    """Hooks for the C scanner: build dicts, and remember (without paths) what needs a closer look."""

    __slots__ = ("constant", "duplicates", "infinite")

    def __init__(self) -> None:
        self.duplicates: list[tuple[dict, list[tuple[str, int]]]] = []  # (object, [(key, times)])
        self.constant = False
        self.infinite = False

    def object(self, pairs: list[tuple[str, object]]) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):  # rare: only then count which keys repeat
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            self.duplicates.append((result, [(key, n) for key, n in counts.items() if n > 1]))
        return result

    def parse_float(self, text: str) -> float:
        number = float(text)
        if number in _INFINITIES:
            self.infinite = True
        return number

    def parse_constant(self, name: str) -> None:
        self.constant = True


def _parse(display: str, text: str) -> tuple[object | None, list[Finding]]:
    with collector_paused():   # millions of new objects, none of them cyclic
        return _parse_text(display, text)


def _parse_text(display: str, text: str) -> tuple[object | None, list[Finding]]:
    if text.isspace():
        return None, [_f05(display, "Het bestand bevat alleen witruimte en geen gegevens. Maak de export "
                                    "opnieuw.")]
    scan = _Scan()
    decoder = json.JSONDecoder(object_pairs_hook=scan.object, parse_float=scan.parse_float,
                               parse_constant=scan.parse_constant)
    try:
        document = decoder.decode(text)
    except RecursionError:
        return None, [_too_deep(display)]
    except ValueError as error:  # JSONDecodeError, or an integer with too many digits
        return None, [_diagnose(display, text, error)]
    if scan.constant or scan.infinite or _lone_surrogate_candidate(text):
        strict = _strict_problem(display, text)
        if strict is not None:
            return None, [strict]
    findings = _duplicate_findings(display, document, scan.duplicates) if scan.duplicates else []
    return document, findings


def _lone_surrogate_candidate(text: str) -> bool:
    r"""True when a \uD800-\uDFFF escape is not part of a high+low pair (json accepts those, orjson not)."""
    first = _SURROGATE_ESCAPE.search(text)  # a regex with a literal prefix: faster than `"\\u" in text`
    if first is None:
        return False
    pending = -1  # end of a high surrogate still waiting for its low half
    for match in _SURROGATE_ESCAPE.finditer(text, first.start()):
        high = match.group()[3] in "89abAB"
        if pending >= 0 and (high or match.start() != pending):
            return True
        if high:
            pending = match.end()
        elif pending < 0:
            return True
        else:
            pending = -1
    return pending >= 0


def _strict_problem(display: str, text: str) -> Finding | None:
    """What the strict parser (orjson) refuses: NaN, Infinity, overflowing numbers, lone surrogates."""
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError as error:
        return _from_orjson(display, text, error.msg, error.pos, error.lineno, error.colno)
    except Exception:
        return None
    return None


def _diagnose(display: str, text: str, error: ValueError) -> Finding:
    """A Dutch message for a syntax error; orjson names the kind of mistake better than json."""
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError as strict:
        return _from_orjson(display, text, strict.msg, strict.pos, strict.lineno, strict.colno)
    except Exception:
        pass
    if isinstance(error, json.JSONDecodeError):
        return _syntax(display, "onverwacht teken", error.lineno, error.colno,
                       "Vaak een ontbrekende komma of een afgebroken bestand.")
    return _f05(display, "Het bestand is geen geldige JSON: een getal heeft te veel cijfers. Controleer de "
                         "bedragen en codes in de export.")


def _from_orjson(display: str, text: str, message: str, pos: int, line: int, column: int) -> Finding:
    """Map orjson's (English, fixed) error text to a Dutch message; never quote the input around it."""
    lowered = message.lower()
    if "depth" in lowered or "recursion" in lowered:
        return _too_deep(display)
    if "empty" in lowered:
        return _f05(display, "Het bestand bevat geen gegevens. Maak de export opnieuw.")
    if "end of data" in lowered or "eof" in lowered:
        return _f05(display,
                    f"Het bestand houdt midden in de JSON op (regel {line}, kolom {column}): het is waarschijnlijk "
                    "afgebroken, bijvoorbeeld doordat het opslaan of kopiëren niet af was. Maak de export "
                    "opnieuw.", line, column)
    literal = _literal_at(text, pos)
    if literal:
        return _syntax(display, f"de waarde {literal}", line, column,
                       "JSON kent geen NaN of Infinity; laat het veld weg of vul een echt getal in.",
                       what="staat")
    if "infinity" in lowered:
        return _syntax(display, "een getal dat te groot is (het wordt oneindig)", line, column,
                       "Controleer deze waarde in de registratie of de export.", what="staat")
    if "trailing comma" in lowered:
        return _syntax(display, "een komma te veel vóór het sluithaakje", line, column,
                       "Haal die komma weg.", what="staat")
    if "after document" in lowered or "trailing" in lowered:
        return _syntax(display, "nog tekst na het einde van het JSON-document", line, column,
                       "Een bestand bevat precies één JSON-document; haal de rest weg of lever het apart aan.",
                       what="staat")
    if "control character" in lowered:
        return _syntax(display, "een tekst met een teken dat daar niet mag (zoals een regelovergang of tab)",
                       line, column, "Schrijf het als \\n of \\t, of haal het weg.", what="staat")
    if "leading zero" in lowered:
        return _syntax(display, "een getal dat met een 0 begint (zoals 0096)", line, column,
                       'Zet codes als tekst tussen aanhalingstekens ("0096"); laat bij getallen de '
                       "voorloopnul weg.", what="staat")
    if "surrogate" in lowered:   # \uD800-\uDFFF: one half of a pair that makes one character, without the other
        return _syntax(display, "in een tekst een ongeldige tekencode: een half tekenpaar (een \\u-code van "
                       "\\uD800 tot en met \\uDFFF zonder de andere helft)", line, column,
                       "Zo'n half teken is meestal een afgekapte emoji of een ander bijzonder teken. Herstel of "
                       "verwijder dat teken in de registratie en maak de export opnieuw.", what="staat")
    if "escape" in lowered:
        return _syntax(display, "een ongeldige escape-code (een \\ met tekens erachter) in een tekst", line,
                       column, "Controleer de tekens na de backslash, of sla de tekst op zonder escape-codes.",
                       what="staat")
    if "literal" in lowered:
        return _syntax(display, "een onbekend woord", line, column,
                       "Alleen true, false en null mogen zonder aanhalingstekens; zet tekst tussen dubbele "
                       "aanhalingstekens.", what="staat")
    if "no digit" in lowered:
        return _syntax(display, "een onvolledig getal", line, column,
                       "Controleer dit getal, bijvoorbeeld een losse min of een punt zonder cijfers erachter.",
                       what="staat")
    if "string key" in lowered:
        return _syntax(display, "een sleutel zonder dubbele aanhalingstekens", line, column,
                       'In JSON staat elke sleutel tussen dubbele aanhalingstekens, zoals "startdatum".',
                       what="staat")
    return _syntax(display, "onverwacht teken", line, column,
                   "Vaak een ontbrekende komma of een afgebroken bestand.")


def _literal_at(text: str, pos: int) -> str | None:
    """NaN / Infinity / -Infinity at the error position (a JSON keyword, not a value from the input)."""
    for literal in ("NaN", "Infinity"):
        if text.startswith(literal, pos):
            return ("-" if pos > 0 and text[pos - 1] == "-" else "") + literal
    return None


def _syntax(display: str, problem: str, line: int, column: int, advice: str, *, what: str = "") -> Finding:
    if what:
        sentence = f"op regel {line}, kolom {column} {what} {problem}."
    else:
        sentence = f"{problem} op regel {line}, kolom {column}."
    return _f05(display, f"Het bestand is geen geldige JSON: {sentence} {advice}", line, column)


def _too_deep(display: str) -> Finding:
    return _f05(display,
                f"Het bestand is te diep genest (meer dan ongeveer {MAX_NESTING_TEXT} niveaus haakjes in "
                "elkaar) en is niet verder gecontroleerd. Een DDAS-levering is maar enkele niveaus diep; "
                "controleer de export.")


def _f05(display: str, message: str, line: int | None = None, column: int | None = None) -> Finding:
    context = {} if line is None else {"regel": str(line), "kolom": str(column)}
    return Finding("F05", "error", message, display, "$", context=context)


# --------------------------------------------------------------------------------- duplicate keys

_TIMES = {2: "twee keer", 3: "drie keer"}


def _duplicate_findings(display: str, document: object,
                        duplicates: list[tuple[dict, list[tuple[str, int]]]]) -> list[Finding]:
    """Paths of the objects with a duplicate key, found by identity in one walk (only when there are any).

    The walk stops as soon as every such object is found. An object that is itself the lost value of
    another duplicate key is not in the document any more; its duplicates are reported at `$`.
    """
    wanted = {id(obj): keys for obj, keys in duplicates}
    located: dict[int, str] = {}
    stack: list[tuple[object, str | int | None, tuple | None]] = [(document, None, None)]
    while stack and len(located) < len(wanted):
        entry = stack.pop()
        node = entry[0]
        if type(node) is dict:
            if id(node) in wanted:
                located[id(node)] = _entry_path(entry)
            items = node.items()
        else:
            items = enumerate(node)
        for part, value in items:
            kind = type(value)
            if kind is dict or kind is list:
                stack.append((value, part, entry))
    findings = []
    for obj, keys in duplicates:
        path = located.get(id(obj))
        for key, n in keys:
            findings.append(_duplicate(display, path or "$", key, n, lost=path is None))
    return findings


def _entry_path(entry: tuple) -> str:
    parts: list[str | int] = []
    while entry is not None and entry[2] is not None:
        parts.append(entry[1])
        entry = entry[2]
    path = "$"
    for part in reversed(parts):
        path = child(path, part if isinstance(part, int) else _key(part))
    return path


def _key(key: str) -> str:
    return key if safe_name(key) == key else HIDDEN


def _duplicate(display: str, path: str, key: str, n: int, *, lost: bool = False) -> Finding:
    times = _TIMES.get(n, f"{n} keer")
    shown = _key(key)
    subject = f"De sleutel '{shown}'" if shown == key else "Een sleutel (naam niet getoond)"
    where = ("in een object dat zelf al verloren gaat door een andere dubbele sleutel" if lost
             else "in hetzelfde object")
    return Finding(
        "F05", "error",
        f"{subject} staat {times} {where}; een parser houdt alleen de laatste waarde, dus gegevens "
        "gaan verloren. Laat de sleutel één keer staan, met de juiste waarde.",
        display, path, context={"sleutel": shown, "aantal": str(n)},
    )


def _size(n: int) -> str:
    """1.5 GiB -> '1,5 GiB' (Dutch decimal comma)."""
    for unit, factor in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= factor:
            value = f"{n / factor:.1f}".replace(".", ",").removesuffix(",0")
            return f"{value} {unit}"
    return f"{n} bytes"
