"""``eerstelijn asr-worker``: recognise trainees' speech for the web app, fed through the Redis queue.

Start one per core you give to speech, on this machine or any other that reaches Redis and has the
models installed (``eerstelijn models list``). Each worker loads the recognisers it needs once and then
takes utterances from the ``asr`` queue. Stop it with Ctrl-C (it finishes the utterance it is on).
"""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the asr-worker command."""
    parser = subparsers.add_parser("asr-worker", help="spraakherkenning voor de webapp (via Redis)")
    parser.add_argument("--redis", metavar="URL", help="standaard EERSTELIJN_REDIS_URL of redis://127.0.0.1:6379/0")
    parser.add_argument("--queue", default="asr", help="naam van de wachtrij (standaard asr)")
    parser.add_argument("--preload", metavar="TALEN", default="", help="laad deze talen meteen, bv. nl,fr,en")
    parser.add_argument("--burst", action="store_true", help="stop zodra de wachtrij leeg is")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the worker until stopped (or, with --burst, until the queue is empty)."""
    from simulator.adapters.voice import asr_queue
    from simulator.voice.ports import VoiceError

    url = args.redis or asr_queue.redis_url()
    try:
        connection = asr_queue.connect(url)
        for lang in filter(None, (x.strip() for x in args.preload.split(","))):
            asr_queue.preload(lang)
    except VoiceError as exc:
        print(f"eerstelijn asr-worker: {exc}", file=sys.stderr)
        return 1
    import threading

    from rq import Queue
    from rq.worker import SimpleWorker

    # The worker waits for jobs with a blocking pop of minutes: its connection must not carry the
    # 5 s socket timeout of the web side's, or an idle worker quits ("Redis connection timeout").
    connection = asr_queue.worker_connection(url)
    worker = SimpleWorker([Queue(args.queue, connection=connection)], connection=connection)
    stop = threading.Event()
    asr_queue.keep_alive(connection, worker.name, stop)
    print(f"asr-worker {worker.name}: wachtrij {args.queue} op {url}", flush=True)
    try:
        worker.work(burst=args.burst, logging_level="WARNING")
    finally:
        stop.set()
    return 0
