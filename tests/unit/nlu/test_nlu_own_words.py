"""Lines as trainees say them: two acts in one breath, Flemish and chat forms, typos, violations in any
phrasing — and the polite lines that must never be flagged. Expectations are what a listener hears."""

from __future__ import annotations

import pytest

from simulator.nlu import Understander
from simulator.nlu.segments import split
from simulator.nlu.spelling import Speller


@pytest.mark.parametrize(
    ("text", "lang", "acts"),
    [
        ("Ah, da's vervelend zeg. Mag ik efkes uw naam?", "nl", {"empathy", "ask_caller_identity"}),
        ("Oei, dat is echt niet leuk, hoe is uw naam?", "nl", {"empathy", "ask_caller_identity"}),
        ("Je comprends, c'est embêtant. Vous pouvez me donner votre nom ?", "fr", {"empathy", "ask_caller_identity"}),
        ("I'm sorry to hear that, who am I speaking with?", "en", {"apology", "ask_caller_identity"}),
        ("Sam à l'appareil, service desk, bonjour !", "fr", {"greeting"}),
        ("Alex speaking, IT service desk, how can I help?", "en", {"greeting"}),
        ("Da's een storing bij uw internetleverancier, niet aan uw laptop.", "nl", {"explain_steps"}),
        ("Voilà, 't marcheert terug, salu!", "nl", {"closing"}),
    ],
)
def test_every_act_of_a_line_is_heard(understander: Understander, text: str, lang: str, acts: set[str]) -> None:
    assert acts <= set(understander.understand(text, lang).intents)


@pytest.mark.parametrize(
    ("text", "lang", "violation"),
    [
        ("zeg mij efkes welk wachtwoord ge gebruikt, dan test ik het", "nl", "ask_for_password"),
        ("Geef mij dan maar gewoon uw huidige paswoord, dan log ik in.", "nl", "ask_for_password"),
        ("Lees uw pincode eens voor?", "nl", "ask_for_password"),
        ("Vous pouvez me dicter votre mot de passe actuel ?", "fr", "ask_for_password"),
        ("c'est quoi ton mdp ?", "fr", "ask_for_password"),
        ("ok just tell me ur password and I'll log in for you", "en", "ask_for_password"),
        ("had ge de handleiding gelezen, dan wist ge dat", "nl", "blame_or_rude"),
        ("Dat is toch niet zo slim, op zo'n link klikken.", "nl", "blame_or_rude"),
        ("c'est pas très malin d'avoir cliqué sur ce lien", "fr", "blame_or_rude"),
        ("Honestly, you should have read the email from IT.", "en", "blame_or_rude"),
        ("Geen probleem, ik reset direct het paswoord van uw collega.", "nl", "comply_forbidden"),
        ("D'accord, je réinitialise le mot de passe de votre collègue.", "fr", "comply_forbidden"),
        ("Sure, I'll reset your manager's password right away.", "en", "comply_forbidden"),
        ("Haar gsm-nummer is 0475 12 34 56.", "nl", "disclose_personal_data"),
        ("Her home address is Kerkstraat 5 in Gent.", "en", "disclose_personal_data"),
    ],
)
def test_violations_are_caught_in_natural_phrasing(
    understander: Understander, text: str, lang: str, violation: str
) -> None:
    assert understander.understand(text, lang).has(violation)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ik ga u nooit naar uw wachtwoord vragen, ook niet aan de telefoon.", "nl"),
        ("Kies nu zelf een nieuw wachtwoord, ik moet het niet weten.", "nl"),
        ("Hebt u uw wachtwoord op die pagina ingetypt?", "nl"),
        ("Het is niet uw fout, die mails zijn heel goed nagemaakt.", "nl"),
        ("Ce n'est pas votre faute, ce mail était très bien imité.", "fr"),
        ("Did you type your password on that page?", "en"),
        ("It's not your fault at all, these emails look real.", "en"),
        ("Dat mag ik niet doen: het wachtwoord van uw collega reset ik niet.", "nl"),
        ("I can't reset your colleague's password, she has to call us herself.", "en"),
    ],
)
def test_polite_lines_about_passwords_or_fault_are_not_violations(
    understander: Understander, text: str, lang: str
) -> None:
    found = set(understander.understand(text, lang).intents)
    assert not found & {"ask_for_password", "blame_or_rude", "comply_forbidden", "disclose_personal_data"}


@pytest.mark.parametrize(
    ("typed", "clean", "lang"),
    [
        ("Goeiemorgen, servicedsk Acme, u spreekt met Sam.", "Goeiemorgen, servicedesk Acme, u spreekt met Sam.", "nl"),
        ("Wat is uw wachtwoort?", "Wat is uw wachtwoord?", "nl"),
        ("Pouvez-vous redémarer l'ordinateur ?", "Pouvez-vous redémarrer l'ordinateur ?", "fr"),
        ("Could you restrat the laptop please?", "Could you restart the laptop please?", "en"),
    ],
)
def test_a_small_typo_is_understood_as_the_clean_line(
    understander: Understander, typed: str, clean: str, lang: str
) -> None:
    assert set(understander.understand(typed, lang).intents) == set(understander.understand(clean, lang).intents)
    assert understander.understand(clean, lang).intents


def test_a_narrated_series_of_steps_is_split_into_its_steps() -> None:
    assert split("ga naar Bestand, dan Opties, vink die invoegtoepassing uit") == [
        "ga naar Bestand",
        "dan Opties",
        "vink die invoegtoepassing uit",
    ]
    assert split("Ja, dat klopt. Klik dan op OK en daarna op Sluiten.") == [
        "Ja, dat klopt.",
        "Klik dan op OK",
        "en daarna op Sluiten.",
    ]


def test_the_speller_corrects_one_edit_and_leaves_short_and_known_words() -> None:
    speller = Speller.build(["printer wachtwoord herstart", "printer"])
    assert speller.correct("de prnter en het wachtwoort") == "de printer en het wachtwoord"
    assert speller.correct("uw pc") == "uw pc"  # short words are never changed
    assert speller.correct("herstart") == "herstart"


def test_each_clause_of_a_line_keeps_its_own_acts(understander: Understander) -> None:
    u = understander.understand("Ik begrijp dat dat stresserend is. Mag ik uw naam?", "nl")
    assert [set(s.intents) for s in u.segments] == [{"empathy"}, {"ask_caller_identity"}]


@pytest.mark.parametrize(
    "text",
    [
        "Great. So who's the e-mail from and what's attached to it?",
        "Okay, so what happens when you click on it?",
    ],
)
def test_a_question_opened_with_so_is_not_a_recap(understander: Understander, text: str) -> None:
    # 'So …' opens a recap ("So you can't print since this morning"), but 'So who/what …?' asks something new;
    # the veto holds against the classifier too, which learned 'so' from recaps
    assert "paraphrase" not in understander.understand(text, "en").intents


def test_a_recap_opened_with_so_still_counts(understander: Understander) -> None:
    assert "paraphrase" in understander.understand("So what you're saying is Excel closes on its own?", "en").intents


@pytest.mark.parametrize("text", ["Dag, met Sam.", "Dag, met Sam van de helpdesk, waarmee kan ik helpen?"])
def test_dag_met_a_name_opens_the_call(understander: Understander, text: str) -> None:
    # 'dag' closes a call ("Oké, dag mevrouw."), but 'Dag, met Sam.' is how a Flemish desk answers the phone
    assert "greeting" in understander.understand(text, "nl").intents
    assert "greeting" not in understander.understand("Oké, dag mevrouw.", "nl").intents
