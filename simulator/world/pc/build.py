"""Build the caller's PC: the company's standard image, the exercise's overrides, then its faults."""

from __future__ import annotations

import random

from simulator.conversation.caller import Caller
from simulator.world.pc.device import Adapter, Addin, Device, Printer, Service
from simulator.world.pc.faults import inject
from simulator.world.schema import PcSpec

STANDARD_SOFTWARE = {
    "Microsoft 365 Apps for enterprise": "16.0.17328.20162",
    "Microsoft Teams": "24004.1403.2634.2418",
    "Microsoft Edge": "122.0.2365.59",
    "Acme VPN Client": "5.3.1",
    "7-Zip": "23.01",
    "Adobe Acrobat Reader": "23.008.20470",
}
CATALOGUE = {
    **STANDARD_SOFTWARE,
    "Notepad++": "8.6.4",
    "GIMP": "2.10.36",
    "VLC media player": "3.0.20",
    "Zoom Workplace": "6.0.2",
    "Power BI Desktop": "2.127.1080.0",
    "Acme Boekhouding": "2024.2",
    "Acme HR-portaal": "3.1",
    "Acme CRM": "7.4.2",
}
SERVICES = [
    ("Spooler", "Print Spooler"),
    ("Dnscache", "DNS Client"),
    ("Dhcp", "DHCP Client"),
    ("WinDefend", "Microsoft Defender Antivirus Service"),
    ("wuauserv", "Windows Update"),
    ("LanmanWorkstation", "Workstation"),
    ("AcmeVpnAgent", "Acme VPN Agent"),
    ("W32Time", "Windows Time"),
]
DEFAULT_GROUPS = {"GG-Alle-Medewerkers", "GG-VPN-Gebruikers", "GG-M365-E3"}


def user_name(caller: Caller) -> str:
    """Return the caller's account name (first initial + last name, as the directory makes it)."""
    base = "".join(ch for ch in caller.last_name.lower() if ch.isalnum())
    return (caller.first_name[:1].lower() + base)[:20]


def build_device(spec: PcSpec, caller: Caller, seed: int, domain: str = "acme.local") -> Device:
    """Return the caller's PC for one exercise run (same spec and seed, same PC)."""
    rng = random.Random(f"pc:{caller.asset_tag}:{seed}")
    mac = "-".join(f"{rng.randrange(256):02X}" for _ in range(6))
    device = Device(
        hostname=spec.hostname or f"ACME-{caller.asset_tag.replace('PC-', 'LT')}",
        user=user_name(caller),
        domain=domain,
        os=spec.os,
        location=spec.location,
        adapters=[
            Adapter(
                "Ethernet adapter Ethernet",
                "Intel(R) Ethernet Connection (13) I219-LM",
                mac,
                ipv4=f"10.20.{rng.randint(12, 15)}.{rng.randint(20, 250)}",
            ),
            Adapter(
                "Wireless LAN adapter Wi-Fi",
                "Intel(R) Wi-Fi 6E AX211 160MHz",
                mac[:-2] + f"{rng.randrange(256):02X}",
                connected=False,
            ),
        ],
        services={name: Service(name, display) for name, display in SERVICES},
        printers=[Printer(p.name, p.model, p.location, p.status.replace("_", "").title()) for p in spec.printers],
        software=dict(STANDARD_SOFTWARE) | {s: CATALOGUE.get(s, "1.0") for s in spec.software},
        catalogue=dict(CATALOGUE),
        groups=set(DEFAULT_GROUPS) | set(spec.groups),
        local_admins={"ACME\\GG-Werkplek-Admins"},
        addins=[Addin("Acme Sjablonen", "AcmeTemplates.Connect")],
        devices={"Dell WD19S Dock": "OK", "Jabra Evolve2 65": "OK", "Integrated Webcam": "OK"},
        processes=[("explorer", 41.2, 180), ("Teams", 212.7, 640), ("msedge", 160.3, 520), ("OUTLOOK", 98.4, 310)],
        settings={k: str(v) for k, v in spec.settings.items()} | {"display_name": caller.full_name},
    )
    if spec.location == "home":
        device.adapters[0].connected = False
        device.adapters[1].connected = True
        device.adapters[1].ipv4 = device.settings.get("home_ipv4", "192.168.1.23")
        device.adapters[1].gateway = "192.168.1.1"
    inject(device, spec.faults)
    return device
