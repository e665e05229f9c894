"""The intents and question topics the understanding layer can report, in one place.

The call engine, the caller simulation and the assessment name these strings; the corpus and lexicon
files are checked against them, so a typo in content is a located error, not a silent miss.
"""

from __future__ import annotations

#: What a trainee utterance can do; several may hold at once.
INTENTS: tuple[str, ...] = (
    "greeting",
    "ask_caller_identity",
    "verify_identity",
    "empathy",
    "apology",
    "paraphrase",
    "open_question",
    "closed_question",
    "explain_steps",
    "instruct_step",
    "ask_remote_consent",
    "announce_hold",
    "give_ticket_number",
    "refer_to_kb",
    "announce_escalation",
    "check_satisfaction",
    "closing",
    "ask_for_password",
    "blame_or_rude",
    "technical_jargon",
    "explain_risk",
    "refuse_request",
    "thank",
    "propose_solution",
    "comply_forbidden",
    "disclose_personal_data",
)

#: What a trainee question is about; a caller reveals the hidden fact of a topic when asked about it.
TOPICS: tuple[str, ...] = (
    "since_when",
    "error_message",
    "what_changed",
    "others_affected",
    "tried_already",
    "restart_tried",
    "device",
    "location",
    "connection_type",
    "router_lights",
    "printer_name",
    "deadline",
    "screen_content",
    "credentials_entered",
    "link_clicked",
    "mfa",
    "application",
    "addin",
    "crash_moment",
    "file_name",
    "mailbox_size",
    "vpn_client",
    "role_function",
    "manager_approval",
    "team",
    "earlier_tickets",
    "laptop_age",
    "identity_details",
    "phone_number",
    "asset_tag",
    "department",
    "software_name",
    "rights_needed",
    "headset_dock",
    "other_sites",
    "email_address",
    "os_version",
    "reproducible",
    "employee_number",
    "date_of_birth",
    "symptoms",
)

#: Violations: intents the assessment treats as mistakes, never as good practice.
#: ``comply_forbidden``: agreeing to or promising what the procedure forbids (a third person's password
#: or mailbox, skipping the identity check); ``disclose_personal_data``: telling another person's data.
VIOLATIONS: frozenset[str] = frozenset(
    {"ask_for_password", "blame_or_rude", "comply_forbidden", "disclose_personal_data"}
)

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")

#: Intents only a lexicon rule may declare present: a false violation or a made-up ticket number hurts
#: a trainee more than a miss, so the classifier's score for these is kept as a doubt below PRESENT.
#: Jargon is named by the jargon list, not guessed from words like 'server' that callers use too.
RULE_ONLY: frozenset[str] = frozenset(
    {"ask_for_password", "give_ticket_number", "technical_jargon", "comply_forbidden", "disclose_personal_data"}
)

#: Intents derived from the jargon list rather than learned from the corpus.
JARGON_INTENT = "technical_jargon"
