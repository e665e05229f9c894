"""A small model of the caller's PC and network, detailed enough for realistic command output.

Faults (:mod:`simulator.world.pc.faults`) change this model when the world is built; commands
(:mod:`simulator.world.pc.commands`) read it and, when they repair something, change it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Adapter:
    """A network interface with its IPv4 configuration."""

    name: str
    description: str
    mac: str
    connected: bool = True
    ipv4: str = "10.20.14.57"
    mask: str = "255.255.252.0"
    gateway: str = "10.20.12.1"
    dns: list[str] = field(default_factory=lambda: ["10.20.0.10", "10.20.0.11"])
    dhcp: bool = True
    suffix: str = "acme.local"


@dataclass
class Service:
    """A Windows service."""

    name: str
    display: str
    status: str = "Running"  # Running, Stopped, StopPending
    start_type: str = "Automatic"


@dataclass
class Printer:
    """A printer mapped on the PC."""

    name: str
    model: str
    location: str = ""
    status: str = "Normal"  # Normal, Offline, Error, PaperJam
    jobs: int = 0


@dataclass
class Mailbox:
    """The user's Exchange Online mailbox."""

    size_gb: float = 12.4
    quota_gb: float = 50.0
    items: int = 48_210
    archive: bool = False


@dataclass
class Vpn:
    """The VPN client profile."""

    name: str = "Acme VPN"
    server: str = "vpn.acme.example"
    backup: str = "vpn2.acme.example"
    connected: bool = True
    error: int | None = None


@dataclass
class Disk:
    """The system drive."""

    size_gb: float = 237.0
    free_gb: float = 112.6
    health: str = "Healthy"
    media: str = "SSD"


@dataclass
class Addin:
    """An Excel add-in."""

    name: str
    prog_id: str
    load_behavior: int = 3
    faulty: bool = False


@dataclass
class Router:
    """The modem/router at the caller's home: what its lights show and the Wi-Fi it offers."""

    model: str = "Proximus Internet Box"
    ssid: str = "Proximus-Home-5A2C"
    lights: dict[str, str] = field(default_factory=lambda: {"power": "green", "internet": "green", "wifi": "green"})
    restarts: int = 0


@dataclass
class Device:
    """The caller's PC, the network it sits in and the accounts it uses."""

    hostname: str
    user: str
    domain: str
    os: str = "Windows 11 Pro 23H2"
    build: str = "10.0.22631"
    location: str = "office"
    online: bool = True
    internet: bool = True
    dns_works: bool = True
    gateway_reachable: bool = True
    adapters: list[Adapter] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    printers: list[Printer] = field(default_factory=list)
    software: dict[str, str] = field(default_factory=dict)
    catalogue: dict[str, str] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    local_admins: set[str] = field(default_factory=set)
    account_locked: bool = False
    password_expired: bool = False
    mailbox: Mailbox = field(default_factory=Mailbox)
    vpn: Vpn = field(default_factory=Vpn)
    disk: Disk = field(default_factory=Disk)
    addins: list[Addin] = field(default_factory=list)
    router: Router = field(default_factory=Router)
    devices: dict[str, str] = field(default_factory=dict)  # peripheral → status (OK, Error, Unknown)
    processes: list[tuple[str, float, int]] = field(default_factory=list)  # name, cpu s, working set MB
    uptime_days: int = 2
    defender_threats: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    def service(self, name: str) -> Service | None:
        """Find a service by name or display name, case-insensitively."""
        low = name.lower()
        for svc in self.services.values():
            if svc.name.lower() == low or svc.display.lower() == low:
                return svc
        return None

    def printer(self, name: str) -> Printer | None:
        """Find a printer by name, case-insensitively."""
        return next((p for p in self.printers if p.name.lower() == name.lower()), None)
