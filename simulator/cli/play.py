"""``eerstelijn play EXERCISE``: take a call in the terminal.

Type what you say. Tool actions start with a slash, as session-script steps:
``/ticket.create {summary: …, category: printer, impact: low, urgency: high}``, ``/remote.run ipconfig``,
``/hold 30``, ``/end``. Ctrl-C or Ctrl-D ends the call; the session is saved either way.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

from simulator.conversation.events import EventType


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the play command."""
    parser = subparsers.add_parser("play", help="neem een oproep aan in de terminal")
    parser.add_argument("exercise", help="de id van de oefening (zie 'eerstelijn exercises list')")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lang", choices=["nl", "fr", "en"], default=None, help="taal van de meldingen")
    parser.add_argument("--mode", choices=["practice", "exam"], default="practice")
    parser.add_argument(
        "--voice", action="store_true", help="de klant spreekt; met spraakmodel en microfoon luistert hij"
    )
    parser.set_defaults(handler=run)


#: The terminal's own words, per ``--lang`` (the caller always speaks the exercise's language).
TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "help": "Typ wat u zegt en druk Enter. Acties beginnen met '/': /ticket.create {...}, /ticket.note tekst, "
        "/ticket.assign groep, /kb.search woorden, /kb.share KB-0001, /crm.lookup naam, /remote.connect, "
        "/remote.run commando, /hold 30, /wait 5, /end. /help toont dit opnieuw.",
        "ringing": "De telefoon rinkelt… druk Enter om op te nemen.",
        "caller": "Klant",
        "prompt": "U> ",
        "mood": "stemming",
        "end": "einde van het gesprek",
        "summary": "Opgelost: {resolved} · stemming: {mood} · duur: {duration:.0f}s",
        "yes": "ja",
        "no": "nee",
        "saved": "Sessie bewaard in {path}\nRapport: eerstelijn report {path}",
    },
    "fr": {
        "help": "Tapez ce que vous dites puis Entrée. Les actions commencent par '/' : /ticket.create {...}, "
        "/ticket.note texte, /ticket.assign groupe, /kb.search mots, /kb.share KB-0001, /crm.lookup nom, "
        "/remote.connect, /remote.run commande, /hold 30, /wait 5, /end. /help réaffiche ceci.",
        "ringing": "Le téléphone sonne… appuyez sur Entrée pour décrocher.",
        "caller": "Client",
        "prompt": "Vous> ",
        "mood": "humeur",
        "end": "fin de l'appel",
        "summary": "Résolu : {resolved} · humeur : {mood} · durée : {duration:.0f}s",
        "yes": "oui",
        "no": "non",
        "saved": "Session enregistrée dans {path}\nRapport : eerstelijn report {path}",
    },
    "en": {
        "help": "Type what you say and press Enter. Actions start with '/': /ticket.create {...}, /ticket.note text, "
        "/ticket.assign group, /kb.search words, /kb.share KB-0001, /crm.lookup name, /remote.connect, "
        "/remote.run command, /hold 30, /wait 5, /end. /help shows this again.",
        "ringing": "The phone is ringing… press Enter to answer.",
        "caller": "Caller",
        "prompt": "You> ",
        "mood": "mood",
        "end": "end of the call",
        "summary": "Resolved: {resolved} · mood: {mood} · duration: {duration:.0f}s",
        "yes": "yes",
        "no": "no",
        "saved": "Session saved in {path}\nReport: eerstelijn report {path}",
    },
}


def run(args: argparse.Namespace) -> int:
    """Play one call interactively and save it."""
    from simulator.cli.main import UsageError
    from simulator.scripts.runner import CallRunner

    try:
        runner = CallRunner(args.exercise, seed=args.seed, mode=args.mode)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    out = sys.stdout
    text = TEXT[args.lang or "nl"]
    out.write(f"{runner.exercise.title}\n{text['help']}\n\n{text['ringing']}\n")
    voice = _voice(runner, out) if args.voice else None
    shown = 0
    started = time.monotonic()
    try:
        sys.stdin.readline()
        runner.perform("wait", round(time.monotonic() - started, 1))
        runner.perform("answer", {})
        shown = _show(runner, shown, out, voice, text)
        while not runner.call.ended:
            out.write(text["prompt"])
            out.flush()
            heard = voice.listen() if voice else None
            if heard:
                out.write(f"{heard}\n")
            line = heard or sys.stdin.readline()
            if not line:
                break
            _handle(runner, line.strip(), out, interrupt=bool(voice and voice.playing()), text=text)
            shown = _show(runner, shown, out, voice, text)
    except KeyboardInterrupt:
        out.write("\n")
    if voice:
        voice.stop()
    return _finish(runner, out, text)


def _voice(runner: Any, out: TextIO) -> Any:
    """Return the terminal voice, or None with a notice when speech cannot run here."""
    from simulator.scripts.sessions import sessions_dir
    from simulator.voice.ports import VoiceError

    try:
        from simulator.adapters.voice.terminal import TerminalVoice

        folder = sessions_dir() / f"{runner.exercise.id}-stem-{time.strftime('%Y%m%d-%H%M%S')}"
        return TerminalVoice(runner, out, folder)
    except VoiceError as exc:
        out.write(f"  (geen spraak: {exc}; het gesprek gaat verder in tekst)\n")
        return None


def _handle(runner: Any, line: str, out: TextIO, interrupt: bool = False, text: dict[str, str] | None = None) -> None:
    import yaml

    from simulator.scripts.steps import StepError

    if not line:
        return
    if not line.startswith("/"):
        runner.perform("say", {"text": line, "interrupt": True} if interrupt else line)
        return
    name, _, rest = line[1:].partition(" ")
    name = {"end": "end_call", "help": "help"}.get(name, name)
    if name == "help":
        out.write((text or TEXT["nl"])["help"] + "\n")
        return
    try:
        args = yaml.safe_load(rest) if rest.strip() else {}
    except yaml.YAMLError:
        args = rest
    try:
        runner.perform(name, args)
    except StepError as exc:
        out.write(f"  ! {exc.message}\n")


def _show(runner: Any, shown: int, out: TextIO, voice: Any = None, text: dict[str, str] | None = None) -> int:
    text = text or TEXT["nl"]
    events = runner.events
    practice = runner.call.mode == "practice"
    for event in events[shown:]:
        data = event.data
        if event.type == EventType.CUSTOMER_LINE:
            mood = f"  ({text['mood']} {data['mood']})" if practice else ""
            out.write(f"{text['caller']}: {data['text']}{mood}\n")
            if voice:
                voice.speak(data["text"], event.i)
        elif data.get("refused"):
            out.write(f"  ✗ {data.get('step', event.type)}: {data.get('reason')}\n")
        elif "output" in data:
            out.write(f"{data['output']}\n")
        elif event.type.startswith(("ticket.", "kb.", "crm.", "remote.")):
            summary = {k: v for k, v in data.items() if k != "step"}
            out.write(f"  ✓ {event.type} {summary}\n")
        elif event.type == EventType.END:
            out.write(f"-- {text['end']} ({data.get('ended_by')}) --\n")
    return len(events)


def _finish(runner: Any, out: TextIO, text: dict[str, str]) -> int:
    from simulator.scripts.report import build_report
    from simulator.scripts.sessions import save_session

    report = build_report(runner.finish())
    path = save_session(report, runner.steps)
    outcome = report["outcome"]
    resolved = text["yes"] if outcome["resolved"] else text["no"]
    summary = text["summary"].format(resolved=resolved, mood=outcome["customer_mood"], duration=outcome["duration_s"])
    out.write(f"\n{summary}\n{text['saved'].format(path=path)}\n")
    return 0
