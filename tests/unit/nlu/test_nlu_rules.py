"""Rules that must never miss: password requests, greetings with names, ticket numbers, topics."""

from __future__ import annotations

import pytest

from simulator.nlu import TOPICS, Understander


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wat is uw wachtwoord?", "nl"),
        ("Zeg mij efkes uw paswoord, dan kijk ik het na.", "nl"),
        ("Kunt ge uw wachtwoord eens doorgeven?", "nl"),
        ("Quel est votre mot de passe ?", "fr"),
        ("Pouvez-vous me donner votre mot de passe ?", "fr"),
        ("What's your password?", "en"),
        ("Could you tell me your password please?", "en"),
    ],
)
def test_password_request_is_flagged_in_every_language(understander: Understander, text: str, lang: str) -> None:
    assert understander.understand(text, lang).has("ask_for_password")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Deel uw wachtwoord nooit met iemand, ook niet met ons.", "nl"),
        ("Typ daar uw gebruikersnaam in, niet uw wachtwoord.", "nl"),
        ("Ik ga uw wachtwoord resetten.", "nl"),
        ("Ne partagez jamais votre mot de passe.", "fr"),
        ("I'll reset your password now.", "en"),
    ],
)
def test_talking_about_a_password_is_not_asking_for_it(understander: Understander, text: str, lang: str) -> None:
    assert not understander.understand(text, lang).has("ask_for_password")


def test_flemish_greeting_gives_greeting_and_own_name(understander: Understander) -> None:
    u = understander.understand("Goeiemorgen, servicedesk Acme, ge spreekt met Sam", "nl")
    assert u.has("greeting")
    assert u.slots["own_name"] == "Sam"
    assert u.slots["company"] == "Acme"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Goedemiddag, u spreekt met Lotte van de helpdesk.", "nl", "Lotte"),
        ("Bonjour, je m'appelle Sam, service desk.", "fr", "Sam"),
        ("Hello, my name is Sam, how can I help?", "en", "Sam"),
    ],
)
def test_own_name_is_read_from_the_introduction(understander: Understander, text: str, lang: str, name: str) -> None:
    u = understander.understand(text, lang)
    assert u.has("greeting")
    assert u.slots["own_name"] == name


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_ticket_number_is_recognised_and_kept(understander: Understander, lang: str) -> None:
    u = understander.understand("INC-20431", lang)
    assert u.has("give_ticket_number")
    assert u.slots["ticket_number"] == "INC-20431"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Sinds wanneer hebt ge die foutmelding?", "nl", {"since_when", "error_message"}),
        ("Hebt ge al heropgestart? Zit ge op wifi of op de kabel?", "nl", {"restart_tried", "connection_type"}),
        ("Welke lampjes branden er op de router?", "nl", {"router_lights"}),
        ("Hebt ge op de link geklikt en daar uw gegevens ingevuld?", "nl", {"link_clicked", "credentials_entered"}),
        ("Wat ziet ge op uw scherm?", "nl", {"screen_content"}),
        ("Depuis quand avez-vous ce message d'erreur ?", "fr", {"since_when", "error_message"}),
        ("Avez-vous déjà redémarré ? Vous êtes en Wi-Fi ?", "fr", {"restart_tried", "connection_type"}),
        ("Quel est votre numéro de matricule et votre date de naissance ?", "fr", {"identity_details"}),
        ("Since when have you had this error?", "en", {"since_when", "error_message"}),
        ("Does anyone else in your team have the same problem?", "en", {"others_affected", "team"}),
        ("Did you approve the MFA prompt on your phone?", "en", {"mfa"}),
    ],
)
def test_question_topics_are_found(understander: Understander, text: str, lang: str, expected: set[str]) -> None:
    topics = set(understander.understand(text, lang).topics)
    assert expected <= topics
    assert topics <= set(TOPICS)


def test_accents_and_case_do_not_matter_for_topics(understander: Understander) -> None:
    plain = understander.understand("DEPUIS QUAND avez-vous redemarre ?", "fr").topics
    accented = understander.understand("Depuis quand avez-vous redémarré ?", "fr").topics
    assert plain == accented == ("since_when", "restart_tried")


def test_jargon_is_listed_lowercase_and_flags_the_intent(understander: Understander) -> None:
    u = understander.understand("Open CMD en typ ipconfig /flushdns, het is de DNS-cache.", "nl")
    assert {"cmd", "ipconfig", "flushdns", "dns"} <= set(u.jargon)
    assert u.has("technical_jargon")


def test_plain_words_are_not_jargon(understander: Understander) -> None:
    u = understander.understand("Klik op Start en open uw mail.", "nl")
    assert u.jargon == ()
    assert not u.has("technical_jargon")
