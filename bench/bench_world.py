"""Benchmarks of the helpdesk world (issue 3): ticket create/assign/close on SQLite, KB search over
5,000 generated articles, one remote.run command. Prints medians and p95; asserts nothing.

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_world.py``
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.adapters.db import make_engine, make_sessionmaker, upgrade
from simulator.adapters.db.world_repository import WorldRepository
from simulator.conversation.caller import make_caller
from simulator.conversation.loader import load_exercise
from simulator.world import load_content, make_world
from simulator.world.port import ActionContext
from simulator.world.schema import Article
from simulator.world.search import Bm25Index

WORDS = {
    "nl": "printer wachtrij offline wachtwoord vergrendeld netwerk wifi router mailbox quotum archief laptop traag "
    "schijf headset dock software installatie groep rechten map teams outlook excel crasht scherm".split(),
    "fr": "imprimante hors ligne mot de passe verrouillé réseau routeur boîte pleine archive portable lent disque "
    "casque logiciel installation groupe droits dossier écran connexion".split(),
    "en": "printer queue offline password locked network router mailbox quota archive laptop slow disk headset "
    "dock software install group rights folder screen crash connection".split(),
}


def timed(fn: Callable[[], object], n: int) -> list[float]:
    """Return the milliseconds of n calls."""
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    """Print median and p95."""
    ms = sorted(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"{name:42} median {statistics.median(ms):7.3f} ms   p95 {p95:7.3f} ms   (n={len(ms)})")


def bench_tickets(n: int = 200) -> None:
    """Create, assign and close tickets through the domain and the repository on a SQLite file."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        repo = WorldRepository(make_sessionmaker(engine))
        content = load_content()
        from simulator.world.tickets import TicketBook

        book = TicketBook(content.sla, set(content.groups), content.category_map(), set(content.problems))
        at = datetime(2026, 3, 2, 9, tzinfo=UTC)
        created, assigned, closed = [], [], []
        for i in range(n):
            t0 = time.perf_counter()
            ticket = book.create(at, "bench", summary=f"Ticket {i}", category="printer", impact="low", urgency="high")
            repo.sync_ticket("bench", ticket)  # as the web desk saves a call's tickets
            t1 = time.perf_counter()
            book.assign(ticket, at + timedelta(minutes=1), "bench", "workplace")
            repo.sync_ticket("bench", ticket)
            t2 = time.perf_counter()
            book.resolve(ticket, at + timedelta(minutes=2), "bench", "ok")
            book.close(ticket, at + timedelta(minutes=3), "bench")
            repo.sync_ticket("bench", ticket)
            t3 = time.perf_counter()
            created.append((t1 - t0) * 1000)
            assigned.append((t2 - t1) * 1000)
            closed.append((t3 - t2) * 1000)
        engine.dispose()
    report("ticket create (SQLite)", created)
    report("ticket assign (SQLite)", assigned)
    report("ticket resolve+close (SQLite)", closed)


def generated_articles(n: int) -> list[Article]:
    """Return n plausible articles in nl/fr/en."""
    rng = random.Random(5)
    out = []
    for i in range(n):
        lang = ("nl", "fr", "en")[i % 3]
        words = WORDS[lang]

        def text(k: int, words: list[str] = words) -> str:
            return " ".join(rng.choice(words) for _ in range(k))

        out.append(Article(id=f"KB-{i:04d}", title=text(6), language=lang, category="other",  # type: ignore[arg-type]
                           symptoms=text(30), cause=text(15), solution=text(80)))  # fmt: skip
    return out


def bench_search(n: int = 5000) -> None:
    """KB search over n articles: the core index, and the repository (index cached after the first query)."""
    articles = generated_articles(n)
    index = Bm25Index()
    t = time.perf_counter()
    for a in articles:
        index.add(a.id, " ".join([a.title, a.title, a.symptoms, a.cause, a.solution]))
    print(f"{'index 5,000 articles (core)':42} {1000 * (time.perf_counter() - t):7.1f} ms once")
    queries = ["printer offline wachtrij", "mot de passe verrouillé", "laptop slow disk", "mailbox quotum archief"]
    allowed = {a.id for a in articles if a.language == "nl"}
    report("kb search 5,000 (core, all languages)", timed(lambda: index.search(random.choice(queries)), 300))
    report("kb search 5,000 (core, nl only)", timed(lambda: index.search(random.choice(queries), 5, allowed), 300))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'kb.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        repo = WorldRepository(make_sessionmaker(engine))
        repo.import_articles(articles)
        t = time.perf_counter()
        repo.search("printer")
        print(f"{'repository: first search (loads index)':42} {1000 * (time.perf_counter() - t):7.1f} ms once")
        report("kb search 5,000 (repository, SQLite)", timed(lambda: repo.search(random.choice(queries), "nl"), 300))
        engine.dispose()


def bench_remote(n: int = 2000) -> None:
    """One remote.run through the world port."""
    exercise = load_exercise("printer-offline-angry-nl")
    caller = make_caller("nl", 7)
    world = make_world(exercise, caller, 7)
    ctx = ActionContext(now=60, consent_given=True, identity_verified=True, caller=caller, call_active=True)
    world.perform("remote.connect", {}, ctx)
    commands = ["Get-Service Spooler", "ipconfig /all", "ping 8.8.8.8", "Get-Printer", "whoami /groups"]
    report("remote.run", timed(lambda: world.perform("remote.run", {"command": random.choice(commands)}, ctx), n))
    report("make_world (content cached)", timed(lambda: make_world(exercise, caller, 7), 50))


if __name__ == "__main__":
    bench_tickets()
    bench_search()
    bench_remote()
