"""What the caller says about who they are: one detail per question, never twice unasked.

A real caller asked for their date of birth gives their date of birth — not their employee number
again, and not their whole file when only the name was asked. The trainee's question names the
details it asks for (topics such as ``employee_number`` or ``date_of_birth``); the persona has a line
per detail (``identity_<detail>`` responses). What the caller has already said is remembered, so a
repeated question gets a short "as I said" with the value, which also tells the assessment who
supplied the identity data: the caller in answer to the trainee, or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The identity details a caller can give, in the order they would say them.
IDENTITY_DETAILS: tuple[str, ...] = (
    "full_name",
    "employee_number",
    "date_of_birth",
    "department",
    "phone_number",
    "email_address",
)

#: Question topics that ask for one detail.
TOPIC_DETAIL: dict[str, str] = {
    "employee_number": "employee_number",
    "date_of_birth": "date_of_birth",
    "department": "department",
    "phone_number": "phone_number",
    "email_address": "email_address",
}


def details_asked(intents: Iterable[str], topics: Iterable[str]) -> list[str]:
    """Return the identity details a trainee line asks for, in the caller's order.

    Asking who is calling is the name; a verification question that names no detail asks for the
    employee number, the first item of every identity procedure in the shipped scenario books.
    """
    acts = set(intents)
    asked = {TOPIC_DETAIL[t] for t in topics if t in TOPIC_DETAIL}
    if "ask_caller_identity" in acts:
        asked.add("full_name")
    if "verify_identity" in acts and not asked - {"full_name"}:
        asked.add("employee_number")
    return [d for d in IDENTITY_DETAILS if d in asked]
