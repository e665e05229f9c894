"""Faults an exercise can inject into the PC, registered by name: how each breaks the device and how
the world can tell it was repaired (None: no command on the PC repairs it — escalate or guide)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.world.pc.device import Addin, Device


@dataclass(frozen=True)
class Fault:
    """One injectable fault."""

    name: str
    inject: Callable[[Device], None]
    repaired: Callable[[Device], bool] | None
    description: str


FAULTS: dict[str, Fault] = {}


def fault(
    name: str, description: str, repaired: Callable[[Device], bool] | None = None
) -> Callable[[Callable[[Device], None]], Callable[[Device], None]]:
    """Register a fault by name; the decorated function injects it."""

    def register(inject: Callable[[Device], None]) -> Callable[[Device], None]:
        FAULTS[name] = Fault(name, inject, repaired, description)
        return inject

    return register


def _spooler_ok(d: Device) -> bool:
    svc = d.service("Spooler")
    return svc is not None and svc.status == "Running" and all(p.status == "Normal" for p in d.printers)


@fault("spooler_stuck", "De printspooler hangt; de printers staan offline met opdrachten in de wachtrij.", _spooler_ok)
def _spooler(d: Device) -> None:
    if svc := d.service("Spooler"):
        svc.status = "StopPending"
    for p in d.printers:
        p.status, p.jobs = "Offline", 3


@fault(
    "account_locked",
    "Het account is vergrendeld en het wachtwoord verlopen (na verlof).",
    lambda d: not d.account_locked,
)
def _locked(d: Device) -> None:
    d.account_locked = True
    d.password_expired = True


@fault("vpn_drops", "De VPN-gateway valt weg (bekend probleem); de back-upgateway werkt.", lambda d: d.vpn.connected)
def _vpn(d: Device) -> None:
    d.location = "home"
    d.vpn.connected, d.vpn.error = False, 809


@fault(
    "phished_credentials", "De gebruiker gaf zijn wachtwoord in op een phishingsite; enkel security kan dit afhandelen."
)
def _phished(d: Device) -> None:
    d.settings["phished"] = "1"


@fault(
    "software_missing",
    "Standaardsoftware ontbreekt (settings.required_software).",
    lambda d: all(s in d.software for s in d.settings.get("required_software", "").split(",") if s),
)
def _software(d: Device) -> None:
    for name in d.settings.get("required_software", "").split(","):
        d.software.pop(name, None)


@fault(
    "group_missing",
    "De gebruiker mist een groep voor zijn rol (settings.required_group).",
    lambda d: d.settings.get("required_group", "") in d.groups,
)
def _group(d: Device) -> None:
    d.groups.discard(d.settings.get("required_group", ""))


@fault("isp_outage", "Thuis: de router heeft geen internet (storing bij de provider); het toestel zelf is in orde.")
def _isp(d: Device) -> None:
    d.location, d.internet, d.online = "home", False, False
    d.router.lights["internet"] = "red"
    ip = d.settings.get("home_ipv4", "192.168.1.23")
    for a in d.adapters:
        a.ipv4, a.gateway, a.mask, a.dns, a.suffix = ip, "192.168.1.1", "255.255.255.0", ["192.168.1.1"], ""


@fault(
    "mailbox_full",
    "De mailbox zit aan haar quotum; een online archief lost het op.",
    lambda d: d.mailbox.size_gb < d.mailbox.quota_gb * 0.9,
)
def _mailbox(d: Device) -> None:
    d.mailbox.size_gb, d.mailbox.items = float(d.settings.get("mailbox_gb", "49.6")), 212_480


@fault(
    "excel_addin_crash",
    "Een defecte Excel-invoegtoepassing (settings.addin) laat Excel crashen.",
    lambda d: all(a.load_behavior == 0 for a in d.addins if a.faulty),
)
def _addin(d: Device) -> None:
    name = d.settings.get("addin", "PdfMakerX")
    d.addins.append(Addin(name, f"{name}.Connect", 3, faulty=True))


@fault("disk_failing", "De SSD geeft SMART-waarschuwingen en zit vol; vervanging via werkplekbeheer.")
def _disk(d: Device) -> None:
    d.disk.free_gb, d.disk.health = 2.1, "Warning"
    d.processes += [("MsMpEng", 1812.4, 412), ("SearchIndexer", 1433.9, 288), ("OneDrive", 902.1, 350)]
    d.uptime_days = 23


@fault(
    "os_corrupted",
    "Windows is beschadigd na een mislukte update; sfc herstelt het niet, enkel terugzetten (systemreset) helpt.",
    lambda d: d.settings.get("os_reset") == "1",
)
def _os(d: Device) -> None:
    d.settings["os_corrupted"] = "1"
    d.processes += [("WerFault", 611.3, 96), ("explorer", 0.4, 12)]


def _share_ok(d: Device) -> bool:
    group = d.settings.get("required_group", "").lower()
    return any(
        a.lower().split(":")[0].endswith(group) and a.endswith(":M") for a in d.settings.get("share_acl", "").split(",")
    )


@fault("share_rights_missing", "De teamgroep heeft geen wijzigrechten op de gedeelde map (settings.share).", _share_ok)
def _share(d: Device) -> None:
    d.settings["share_acl"] = "ACME\\GG-Alle-Medewerkers:R,ACME\\GG-Werkplek-Admins:F"


def inject(device: Device, names: list[str]) -> None:
    """Apply the named faults to the device."""
    for name in names:
        FAULTS[name].inject(device)


def all_repaired(device: Device, names: list[str]) -> bool:
    """Whether every repairable fault among ``names`` is repaired (False when none is repairable)."""
    checks = [FAULTS[n].repaired for n in names if FAULTS[n].repaired is not None]
    return bool(checks) and all(check(device) for check in checks if check is not None)
