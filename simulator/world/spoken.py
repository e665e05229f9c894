"""How a caller says what they see: numbers and addresses in words, screen words in their language.

Used by guided readbacks: ``{ipv4:spoken}`` → "honderd tweeënnegentig punt honderd achtenzestig punt
één punt vierendertig"; ``{ipv4:vague}`` drops the last part as a novice does ("… punt één punt iets");
``{internet_light:word}`` → "rood".
"""

from __future__ import annotations

import re

_NL_UNITS = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_NL_TEENS = "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien".split()
_NL_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]
_FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FR_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"]
_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

DOT = {"nl": "punt", "fr": "point", "en": "dot"}
SOMETHING = {"nl": "iets", "fr": "quelque chose", "en": "something"}
#: Screen and light words as a caller says them.
WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "red": "rood",
        "green": "groen",
        "orange": "oranje",
        "white": "wit",
        "off": "uit",
        "blinking": "knipperend",
        "yes": "ja",
        "no": "neen",
        "ok": "in orde",
        "error": "een foutmelding",
        "running": "actief",
        "stopped": "gestopt",
        "stoppending": "bezig met stoppen",
    },
    "fr": {
        "red": "rouge",
        "green": "vert",
        "orange": "orange",
        "white": "blanc",
        "off": "éteint",
        "blinking": "clignotant",
        "yes": "oui",
        "no": "non",
        "ok": "en ordre",
        "error": "une erreur",
        "running": "en cours",
        "stopped": "arrêté",
        "stoppending": "en train de s'arrêter",
    },
    "en": {"ok": "fine", "error": "an error", "stoppending": "stopping"},
}


def _nl(n: int) -> str:
    if n < 10:
        return "één" if n == 1 else _NL_UNITS[n]
    if n < 20:
        return _NL_TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        if not unit:
            return _NL_TENS[tens]
        word = _NL_UNITS[unit]
        return f"{word}{'ën' if word.endswith('e') else 'en'}{_NL_TENS[tens]}"
    hundreds, rest = divmod(n, 100)
    head = "honderd" if hundreds == 1 else f"{_NL_UNITS[hundreds]}honderd"
    return f"{head} {_nl(rest)}" if rest else head


def _fr(n: int) -> str:
    if n < 10:
        return _FR_UNITS[n]
    if n < 20:
        return _FR_TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens in (7, 9):
            tail = _FR_TEENS[unit]
            joiner = " et " if tens == 7 and unit == 1 else "-"
            return f"{_FR_TENS[tens]}{joiner}{tail}"
        if not unit:
            return "quatre-vingts" if tens == 8 else _FR_TENS[tens]
        joiner = " et " if unit == 1 and tens != 8 else "-"
        return f"{_FR_TENS[tens]}{joiner}{_FR_UNITS[unit]}"
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else f"{_FR_UNITS[hundreds]} cent{'' if rest else 's'}"
    return f"{head} {_fr(rest)}" if rest else head


def _en(n: int) -> str:
    if n < 10:
        return _EN_UNITS[n]
    if n < 20:
        return _EN_TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_EN_UNITS[hundreds]} hundred"
    return f"{head} and {_en(rest)}" if rest else head


_SAY = {"nl": _nl, "fr": _fr, "en": _en}


def number_words(n: int, lang: str) -> str:
    """Return 0–999 in words in the caller's language (larger numbers stay digits)."""
    return _SAY.get(lang, _en)(n) if 0 <= n < 1000 else str(n)


def spoken(value: str, lang: str) -> str:
    """Say a number or dotted address in words ('192.168.1.1' → 'honderd tweeënnegentig punt …')."""
    parts = value.split(".")
    if not value or not all(p.isdigit() for p in parts):
        return value
    return f" {DOT.get(lang, 'dot')} ".join(number_words(int(p), lang) for p in parts)


def vague(value: str, lang: str) -> str:
    """Say an address as a novice does: the first parts in words, the last one lost ('… punt iets')."""
    parts = value.split(".")
    if len(parts) < 2:
        return spoken(value, lang)
    return f"{spoken('.'.join(parts[:-1]), lang)} {DOT.get(lang, 'dot')} {SOMETHING.get(lang, 'something')}"


def word(value: str, lang: str) -> str:
    """Translate screen and light tokens ('red', 'Running') into the caller's words; others stay."""
    table = WORDS.get(lang, {})
    return re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(0).lower(), m.group(0)), value)
