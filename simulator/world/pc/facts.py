"""The facts of a device a caller can see and read back: addresses, lights, icons, peripherals.

Guided readbacks (``reads:`` in an exercise's world file) are templates over these names, e.g.
``{ipv4}``, ``{gateway}``, ``{wifi_ssid}``, ``{internet_light}``. Values are plain, language-neutral
tokens (``red``, ``Running``, ``192.168.1.34``); the readback translates or spells them.
"""

from __future__ import annotations

from simulator.world.pc.device import Adapter, Device


def _active(device: Device) -> Adapter | None:
    return next((a for a in device.adapters if a.connected), None)


def device_facts(device: Device) -> dict[str, str]:
    """Return every fact a readback template may name, from the device as it is now."""
    adapter = _active(device)
    spooler = device.service("Spooler")
    printer = device.printers[0] if device.printers else None
    dock = next((s for n, s in device.devices.items() if "dock" in n.lower()), "Unknown")
    headset = next((s for n, s in device.devices.items() if "jabra" in n.lower()), "Unknown")
    faulty = next((a for a in device.addins if a.faulty), None)
    lights = device.router.lights
    return {
        "hostname": device.hostname,
        "user": device.user,
        "adapter": adapter.name.rsplit(" ", 1)[-1] if adapter else "none",
        "ipv4": adapter.ipv4 if adapter else "0.0.0.0",  # noqa: S104 (a shown value, not a bind address)
        "mask": adapter.mask if adapter else "",
        "gateway": adapter.gateway if adapter else "",
        "dns": adapter.dns[0] if adapter and adapter.dns else "",
        "internet": "yes" if device.internet else "no",
        "wifi_ssid": device.router.ssid,
        "router_model": device.router.model,
        "power_light": lights.get("power", "off"),
        "internet_light": lights.get("internet", "off"),
        "wifi_light": lights.get("wifi", "off"),
        "router_lights": ", ".join(f"{name} {colour}" for name, colour in lights.items()),
        "spooler_status": spooler.status if spooler else "Unknown",
        "printer": printer.name if printer else "",
        "printer_status": printer.status if printer else "",
        "disk_free_gb": f"{device.disk.free_gb:.1f}",
        "dock": dock,
        "headset": headset,
        "screens": device.settings.get("screens", "2") if dock == "OK" else "0",
        "addin": faulty.name if faulty else device.settings.get("addin", ""),
        "vpn_status": "Connected" if device.vpn.connected else "Disconnected",
        "vpn_error": str(device.vpn.error or ""),
        "vpn_server": device.vpn.server,
        "account": "locked" if device.account_locked else "ok",
    }
