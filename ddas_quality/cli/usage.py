"""Usage mistakes (a mistyped option, a missing argument, a wrong number) in Dutch.

The command-line layer (typer, with its own copy of click) words them in English and offers no translation hook,
so its exceptions are caught and worded here. They are recognised by class name (`NoSuchOption`, ...), which
click and every typer copy of it share; a message this module does not know keeps its English text.
"""

from __future__ import annotations

import re

from typer.core import TyperCommand, TyperGroup

# English message of the command-line layer -> Dutch, first match wins; groups are kept as given.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), dutch) for pattern, dutch in (
    (r"No such command '(.*)'\. Did you mean (.*)\?", r"Onbekende opdracht '\1'. Bedoelt u \2?"),
    (r"No such command '(.*)'\.", r"Onbekende opdracht '\1'."),
    (r"Missing command\.", "Geef een opdracht, bv. check."),
    (r"Option '(.*)' requires an argument\.", r"Optie \1 heeft een waarde nodig."),
    (r"Option '(.*)' requires (\d+) arguments\.", r"Optie \1 heeft \2 waarden nodig."),
    (r"Option '(.*)' does not take a value\.", r"Optie \1 heeft geen waarde."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", r"Te veel invoer: \1."),
    (r"Input should be a valid integer.*", "geef een geheel getal."),
    (r"Input should be a valid number.*", "geef een getal."),
    (r"Input should be greater than or equal to (.*)", r"geef \1 of meer."),
    (r"Input should be less than or equal to (.*)", r"geef \1 of minder."),
    (r"Input should be greater than (.*)", r"geef meer dan \1."),
    (r"Input should be less than (.*)", r"geef minder dan \1."),
))


def is_command_line_error(error: BaseException) -> bool:
    """A mistake in how the command was typed (exit code 2), not a failure of the check."""
    return _is(error, "ClickException")


def usage_text(error: BaseException) -> str:
    """What to print for a usage error: the command's usage line, where to find help, and the mistake in Dutch."""
    context = getattr(error, "ctx", None)
    lines = []
    if context is not None:
        lines.append(context.get_usage())   # in Dutch already: every command is a DutchHelp one
        lines.append(f"Hulp: {context.command_path} --help")
        lines.append("")
    lines.append(f"Fout: {usage_message(error)}")
    return "\n".join(lines) + "\n"


def usage_message(error: BaseException) -> str:
    """The mistake in Dutch: which option or argument, and what it should be."""
    if _is(error, "NoSuchOption"):
        text = f"Onbekende optie: {error.option_name}."
        possibilities = sorted(getattr(error, "possibilities", None) or ())
        return f"{text} Bedoelt u {either(possibilities)}?" if possibilities else text
    if _is(error, "MissingParameter"):
        missing = _parameter(error)
        return f"{missing[:1].upper()}{missing[1:]} ontbreekt."
    if _is(error, "BadParameter"):
        return f"Ongeldige waarde voor {_parameter(error)}: {translated(error.message)}"
    return translated(error.format_message())


def translated(message: str) -> str:
    for pattern, dutch in _MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(dutch, message)
    return message


def either(words: list[str]) -> str:
    """`a`, `a of b`, `a, b of c`: choices in a Dutch sentence."""
    return " of ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


def _parameter(error: BaseException) -> str:
    """`optie --output`, `argument LEVERING`: the parameter as the user types or sees it."""
    param = getattr(error, "param", None)
    if param is None:
        hint = getattr(error, "param_hint", None)
        return " / ".join(hint) if isinstance(hint, list | tuple) else str(hint or "een parameter")
    if getattr(param, "param_type_name", "") == "argument":
        return f"argument {(param.metavar or param.name or '').upper()}"
    return f"optie {' / '.join(param.opts)}"


def _is(error: BaseException, name: str) -> bool:
    return any(kind.__name__ == name for kind in type(error).__mro__)


# The fixed words of the command-line layer's help pages -> Dutch (the help texts themselves are ours, in Dutch).
_HELP_WORDS = (
    ("Usage: ", "Gebruik: "), ("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."),
    ("\nArguments:\n", "\nArgumenten:\n"), ("\nOptions:\n", "\nOpties:\n"), ("\nCommands:\n", "\nOpdrachten:\n"),
    ("[required]", "[verplicht]"), ("[default:", "[standaard:"), ("Show this message and exit.", "Toon deze hulp."),
)   # not the kinds of value (<list[str]>): options name theirs (`metavar`); the kind sets a column width


def dutch_help(text: str) -> str:
    """A help page or usage line with the layer's own English words in Dutch."""
    for english, dutch in _HELP_WORDS:
        text = text.replace(english, dutch)
    return text


class DutchHelpGroup(TyperGroup):
    """The program's command group, with its help page and usage line in Dutch."""

    def get_help(self, ctx) -> str:
        return dutch_help(super().get_help(ctx))

    def get_usage(self, ctx) -> str:
        return dutch_help(super().get_usage(ctx))


class DutchHelpCommand(TyperCommand):
    """A command, with its help page and usage line in Dutch."""

    def get_help(self, ctx) -> str:
        return dutch_help(super().get_help(ctx))

    def get_usage(self, ctx) -> str:
        return dutch_help(super().get_usage(ctx))
