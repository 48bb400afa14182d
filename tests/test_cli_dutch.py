"""A coordinator who mistypes a command reads what is wrong in Dutch, through the real entry point (`main`)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
CLEAN = SAMPLES / "SHV_2024_Zandvoort.json"
DEFECTS = SAMPLES / "SHV_2024_Voorbeeldgemeente_defecten.json"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ddas_quality", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "says"), [
    (("check", "--formt", "json", "x.json"), "Fout: Onbekende optie: --formt. Bedoelt u --format?"),
    (("check", "--fail", "x.json"), "Bedoelt u --details, --fail-on of --profile?"),
    (("check",), "Fout: Argument LEVERING ontbreekt."),
    (("chek",), "Fout: Onbekende opdracht 'chek'. Bedoelt u 'check'?"),
    (("check", "x.json", "--fail-on"), "Fout: Optie --fail-on heeft een waarde nodig."),
    (("rules", "T01", "T02"), "Fout: Te veel invoer: T02."),
    (("generate", "-o", "x.json", "-n", "veel"), "Fout: Ongeldige waarde voor optie --trajecten / -n: geef een "
                                                  "geheel getal."),
    (("generate", "-o", "x.json", "--halfjaar", "3"), "geef 2 of minder."),
])
def test_a_mistyped_command_is_explained_in_dutch_with_exit_2(args: tuple[str, ...], says: str) -> None:
    done = _run(*args)
    assert done.returncode == 2
    assert says in done.stderr, done.stderr
    for english in ("Error:", "No such", "Missing", "Usage:", "Try '", "Traceback"):
        assert english not in done.stderr


def test_a_mistake_shows_the_usage_line_and_where_help_is() -> None:
    lines = _run("check", "--bogus", "x.json").stderr.splitlines()
    assert lines[0].startswith("Gebruik: ") and " check [OPTIES] {LEVERING}..." in lines[0]
    assert lines[1].startswith("Hulp: ") and lines[1].endswith(" check --help")


def test_the_help_pages_use_dutch_headings() -> None:
    top = _run("--help")
    assert top.returncode == 0
    assert top.stdout.startswith("Gebruik: ") and "[OPTIES] OPDRACHT [ARGUMENTEN]..." in top.stdout
    assert "Opdrachten:" in top.stdout and "Toon deze hulp." in top.stdout
    page = _run("check", "--help").stdout
    assert "Argumenten:" in page and "Opties:" in page and "[standaard:" in page and "[verplicht]" in page
    assert "--format FORMAAT" in page and "--select CODES" in page and "<str>" not in page   # no Python types
    for english in ("Usage:", "Options:", "Show this message", "[default", "[required]"):
        assert english not in page


def test_exit_codes_of_real_work_are_unchanged() -> None:
    """The entry point now gets the command's exit code back instead of the command exiting itself."""
    assert _run("rules", "T01").returncode == 0
    assert _run("--version").returncode == 0
    assert _run("check", str(CLEAN)).returncode == 0
    assert _run("check", str(DEFECTS)).returncode == 1


@pytest.mark.slow
def test_ctrl_c_during_a_check_says_afgebroken_and_exits_2(tmp_path) -> None:
    """typer turns Ctrl-C into exit code 130 with no word; the README promises 0, 1 or 2."""
    big = tmp_path / "SHV_2024_Groot.json"
    assert _run("generate", "--output", str(big), "--trajecten", "40000").returncode == 0
    running = subprocess.Popen([sys.executable, "-m", "ddas_quality", "check", str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)   # started up, busy reading
    running.send_signal(signal.SIGINT)
    _, err = running.communicate(timeout=60)
    assert running.returncode == 2
    assert "Afgebroken." in err and "Traceback" not in err


def test_ctrl_c_while_the_command_line_is_still_loading_says_afgebroken() -> None:
    """Ctrl-C in the first second arrives during an import, before the command line's own handler exists."""
    code = (
        "import sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'ddas_quality.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "sys.argv = ['ddas-quality', '--version']\n"
        "from ddas_quality.entry import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "Afgebroken.\n"
