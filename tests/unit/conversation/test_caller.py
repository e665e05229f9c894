"""The caller is generated from the seed: the same seed gives the same person, in a Belgian way."""

from __future__ import annotations

import re

import pytest

from simulator.conversation.caller import make_caller


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_same_seed_same_caller(lang):
    assert make_caller(lang, 11) == make_caller(lang, 11)
    assert make_caller(lang, 11) != make_caller(lang, 12)


@pytest.mark.parametrize("seed", range(20))
def test_french_speaking_callers_are_belgian(seed):
    caller = make_caller("fr", seed)
    assert re.fullmatch(r"0\d{1,3}( \d{2,3}){2,3}", caller.phone), caller.phone
    assert re.search(r", \d{4} [A-ZÀ-Ü][\w-]+", caller.address), caller.address
    assert caller.organisation.split()[-1] in {"SA", "SRL", "SC", "ASBL"}
    assert caller.email.endswith(".be")


def test_exercise_fixes_gender_and_department():
    caller = make_caller("nl", 3, gender="female", department="Boekhouding")
    assert caller.gender == "female"
    assert caller.department == "Boekhouding"
