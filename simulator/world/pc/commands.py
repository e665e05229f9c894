"""The registry of commands a supporter can run on the caller's PC, by (lower-case) command name.

Each command is a function ``(device, args) -> output`` that prints Windows-style text from the
device model and may change it (a repair). Modules register commands with :func:`command`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from simulator.world.pc.device import Device

CommandFn = Callable[[Device, list[str]], str]
COMMANDS: dict[str, CommandFn] = {}
_WORD = re.compile(r'"[^"]*"|\'[^\']*\'|\S+')


def command(*names: str) -> Callable[[CommandFn], CommandFn]:
    """Register a command under one or more names (case-insensitive)."""

    def register(fn: CommandFn) -> CommandFn:
        for name in names:
            COMMANDS[name.lower()] = fn
        return fn

    return register


def split(line: str) -> list[str]:
    """Split a command line into words, keeping backslashes and dropping quotes (first pipeline part only)."""
    first = line.split("|", 1)[0]
    return [w[1:-1] if w[:1] in "\"'" and len(w) > 1 else w for w in _WORD.findall(first)]


def command_name(line: str) -> str:
    """Return the registry name of a command line ('' when empty); 'excel.exe' and '.\\x' are normalised."""
    words = split(line.strip())
    if not words:
        return ""
    name = words[0].lower().rsplit("\\", 1)[-1]
    return name.removesuffix(".exe")


def is_known(line: str) -> bool:
    """Whether the command exists in the registry."""
    _load()
    return command_name(line) in COMMANDS


def run_command(device: Device, line: str) -> str:
    """Run one command line on the device and return what the console prints."""
    _load()
    name = command_name(line)
    fn = COMMANDS.get(name)
    if fn is None:
        return (
            f"{name} : The term '{name}' is not recognized as the name of a cmdlet, function, script file, "
            "or operable program."
        )
    return fn(device, split(line.strip())[1:])


def option(args: list[str], name: str) -> str | None:
    """Return the value after a PowerShell-style option (``-Name value``), case-insensitively."""
    low = [a.lower() for a in args]
    if name.lower() in low:
        i = low.index(name.lower())
        if i + 1 < len(args):
            return args[i + 1]
    return None


def positional(args: list[str]) -> list[str]:
    """Return the arguments that are not options or option values."""
    out: list[str] = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a.startswith("-") and len(a) > 1 and not a[1].isdigit():
            skip = a.lower() not in FLAGS
            continue
        if a.startswith("/"):
            continue
        out.append(a)
    return out


FLAGS = frozenset({"-force", "-archive", "-all", "-descending", "-detailed", "-informationlevel"})


def known_commands() -> list[str]:
    """Return every command name, sorted."""
    _load()
    return sorted(COMMANDS)


_loaded = threading.Event()
_load_lock = threading.Lock()


def _load() -> None:
    """Import the command modules once; a flag set after the import keeps threads from a half registry."""
    if _loaded.is_set():
        return
    with _load_lock:
        if not _loaded.is_set():
            from simulator.world.pc import accounts, network, system  # noqa: F401  (they register commands)

            _loaded.set()
