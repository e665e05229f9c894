"""Entry point of the ``eerstelijn`` command.

Each subcommand lives in its own module exposing ``add_parser(subparsers)`` and ``run(args) -> int``.
Modules import their heavy dependencies inside ``run`` so that ``eerstelijn --help`` stays fast.
Content errors become a located message and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

from simulator.content.errors import ContentError

EXIT_OK = 0
EXIT_BAD_INPUT = 2

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = (
    "play",
    "replay",
    "exercises",
    "qualification",
    "nlu",
    "report",
    "db",
    "cohort",
    "serve",
    "voice",
    "models",
    "recordings",
    "asr_worker",
)


class CommandModule(Protocol):
    def add_parser(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class UsageError(Exception):
    """Bad input on the command line that is not a content file problem (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every subcommand that is installed."""
    parser = argparse.ArgumentParser(
        prog="eerstelijn",
        description="Oefen en beoordeel eerstelijns IT-ondersteuning (Digitale gebruikersondersteuner).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = cast(CommandModule, importlib.import_module(f"simulator.cli.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name == f"simulator.cli.{name}":
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args))
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"eerstelijn: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nonderbroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
