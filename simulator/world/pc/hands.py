"""What a caller can do with their own hands when the supporter guides them (no remote session).

A hands-on action is registered by name (``router.restart``, ``dock.test``…) like a command: a
function ``(device) -> output`` that reads the device model, changes it when it repairs something
and returns a short technical summary for the event log. A guided step names either one of these
or a command line of :mod:`simulator.world.pc.commands` (``ipconfig``), which the caller types in
the black window themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.world.pc.commands import is_known, run_command
from simulator.world.pc.device import Device

HandsOnFn = Callable[[Device], str]
#: Seconds a caller needs to open the black window and type a command.
TYPING_SECONDS = 20.0


@dataclass(frozen=True)
class HandsOn:
    """A registered hands-on action and how long the caller takes to do it."""

    name: str
    fn: HandsOnFn
    seconds: float


HANDS_ON: dict[str, HandsOn] = {}


def hands_on(name: str, seconds: float) -> Callable[[HandsOnFn], HandsOnFn]:
    """Register a hands-on action under a dotted name (``router.restart``)."""

    def register(fn: HandsOnFn) -> HandsOnFn:
        HANDS_ON[name] = HandsOn(name, fn, seconds)
        return fn

    return register


def is_doable(command: str) -> bool:
    """Whether a guided step's command is a hands-on action or a known command line."""
    return command in HANDS_ON or is_known(command)


def do(device: Device, command: str) -> tuple[str, float]:
    """Let the caller do ``command`` on their own device; return the output and the seconds it took."""
    action = HANDS_ON.get(command)
    if action is not None:
        return action.fn(device), action.seconds
    return run_command(device, command), TYPING_SECONDS


def _lights(device: Device) -> str:
    return ", ".join(f"{name} {colour}" for name, colour in device.router.lights.items())


@hands_on("router.lights", 10)
def router_lights(device: Device) -> str:
    """Look at the router's lights."""
    return f"{device.router.model}: {_lights(device)}"


@hands_on("router.restart", 90)
def router_restart(device: Device) -> str:
    """Pull the router's plug, wait, plug it back in: the lights come back as the line allows."""
    device.router.restarts += 1
    device.router.lights["internet"] = "green" if device.internet else "red"
    return f"{device.router.model} restarted (power cycle, about 90 s): {_lights(device)}"


@hands_on("wifi.status", 10)
def wifi_status(device: Device) -> str:
    """Read the Wi-Fi icon at the bottom right of the screen."""
    wifi = next((a for a in device.adapters if "wi-fi" in a.name.lower()), None)
    if wifi is None or not wifi.connected:
        return "Wi-Fi: not connected"
    state = "Internet access" if device.internet else "No internet"
    return f"Wi-Fi: connected to {device.router.ssid} ({state})"


@hands_on("cable.connect", 30)
def cable_connect(device: Device) -> str:
    """Plug a network cable from the router into the laptop (at home); the Ethernet adapter comes up."""
    cable = next((a for a in device.adapters if "ethernet" in a.name.lower()), None)
    if cable is None:
        return "No Ethernet port on this laptop"
    wifi = next((a for a in device.adapters if a is not cable and a.connected), None)
    cable.connected = True
    if wifi is not None:
        cable.ipv4, cable.gateway, cable.mask, cable.dns = wifi.ipv4, wifi.gateway, wifi.mask, list(wifi.dns)
    state = "Internet access" if device.internet else "No internet"
    return f"Ethernet: connected, {cable.ipv4} via {cable.gateway} ({state})"


def _peripheral(device: Device, word: str) -> tuple[str, str]:
    name = next((n for n in device.devices if word in n.lower()), "")
    return name, device.devices.get(name, "Unknown")


@hands_on("dock.test", 30)
def dock_test(device: Device) -> str:
    """Put the laptop in the dock and look at the screens."""
    name, status = _peripheral(device, "dock")
    screens = device.settings.get("screens", "2") if status == "OK" else "0"
    return f"{name or 'Dock'}: {status}; external displays detected: {screens}"


@hands_on("headset.test", 30)
def headset_test(device: Device) -> str:
    """Plug in the headset and make a test call (Teams 'test call')."""
    name, status = _peripheral(device, "jabra")
    heard = "yes" if status == "OK" else "no"
    return f"{name or 'Headset'}: {status}; test call played back: {heard}"


@hands_on("excel.disable_addin", 40)
def excel_disable_addin(device: Device) -> str:
    """Untick the faulty add-in under File > Options > Add-ins > COM Add-ins (LoadBehavior 0)."""
    faulty = [a for a in device.addins if a.faulty]
    for addin in faulty:
        addin.load_behavior = 0
    names = ", ".join(a.name for a in faulty) or "none"
    return f"COM add-ins unticked: {names} (LoadBehavior 0)"


@hands_on("account.selfservice_reset", 120)
def selfservice_reset(device: Device) -> str:
    """Follow the self-service reset link on the phone: SMS code, new password twice; the account opens."""
    device.account_locked = device.password_expired = False
    return f"Self-service password reset for {device.user}: done; account unlocked, password changed"
