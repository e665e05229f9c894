"""System commands: services, printers, group policy, disk, processes, devices, Defender, Excel, winget."""

from __future__ import annotations

from simulator.world.pc.commands import command, option, positional
from simulator.world.pc.device import Device, Service


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*["-" * w for w in widths])]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)


@command("get-service")
def get_service(device: Device, args: list[str]) -> str:
    """List services, or the named ones."""
    names = positional(args) or [option(args, "-Name") or ""]
    services = list(device.services.values()) if names == [""] else [device.service(n) for n in names]
    missing = [n for n, svc in zip(names, services, strict=False) if svc is None]
    if missing:
        return f"Get-Service : Cannot find any service with service name '{missing[0]}'."
    rows = [[s.status, s.name, s.display] for s in services if s]
    return _table(["Status", "Name", "DisplayName"], rows)


def _find(device: Device, args: list[str], verb: str) -> Service | str:
    names = positional(args) or [option(args, "-Name") or ""]
    svc = device.service(names[0])
    return svc or f"{verb}-Service : Cannot find any service with service name '{names[0]}'."


@command("restart-service")
def restart_service(device: Device, args: list[str]) -> str:
    """Stop and start a service; a hanging spooler comes back and the print queue drains."""
    svc = _find(device, args, "Restart")
    if isinstance(svc, str):
        return svc
    svc.status = "Running"
    if svc.name == "Spooler":
        for printer in device.printers:
            if printer.status == "Offline":
                printer.status, printer.jobs = "Normal", 0
    return (
        f"WARNING: Waiting for service '{svc.display} ({svc.name})' to stop...\n"
        f"WARNING: Waiting for service '{svc.display} ({svc.name})' to start..."
    )


@command("start-service")
def start_service(device: Device, args: list[str]) -> str:
    """Start a stopped service (a hanging one must be restarted)."""
    svc = _find(device, args, "Start")
    if isinstance(svc, str):
        return svc
    if svc.status == "StopPending":
        return (
            f"Start-Service : Service '{svc.display} ({svc.name})' cannot be started due to the following "
            "error: The service is in the process of stopping. Use Restart-Service -Force."
        )
    svc.status = "Running"
    return ""


@command("stop-service")
def stop_service(device: Device, args: list[str]) -> str:
    """Stop a service."""
    svc = _find(device, args, "Stop")
    if isinstance(svc, str):
        return svc
    svc.status = "Stopped"
    return f"WARNING: Waiting for service '{svc.display} ({svc.name})' to stop..."


@command("get-printer")
def get_printer(device: Device, args: list[str]) -> str:
    """List the printers with their status and queued jobs."""
    spooler = device.service("Spooler")
    if spooler and spooler.status != "Running":
        return "Get-Printer : The spooler service is not reachable. Ensure the spooler service is running."
    rows = [[p.name, p.model, p.status, str(p.jobs), p.location] for p in device.printers]
    return _table(["Name", "DriverName", "PrinterStatus", "Jobs", "Location"], rows)


@command("gpupdate")
def gpupdate(device: Device, args: list[str]) -> str:
    """Refresh group policy (needs the domain: office network or VPN)."""
    if device.location == "home" and not device.vpn.connected:
        return (
            "Updating policy...\n\nThe processing of Group Policy failed. Windows could not resolve the computer "
            "name. This could be caused by one of more of the following: a) Name Resolution failure."
        )
    return (
        "Updating policy...\n\nComputer Policy update has completed successfully.\n"
        "User Policy update has completed successfully."
    )


@command("hostname")
def hostname(device: Device, args: list[str]) -> str:
    """Print the computer name."""
    return device.hostname


@command("systeminfo")
def systeminfo(device: Device, args: list[str]) -> str:
    """Show OS, host and uptime."""
    return "\n".join(
        [
            f"Host Name:                 {device.hostname}",
            f"OS Name:                   Microsoft {device.os.rsplit(' ', 1)[0]}",
            f"OS Version:                {device.build} N/A Build {device.build.rsplit('.', 1)[-1]}",
            f"Domain:                    {device.domain}",
            f"System Up Time:            {device.uptime_days} Days, 3 Hours, 12 Minutes",
            "Total Physical Memory:     16,086 MB",
        ]
    )


@command("get-volume", "get-psdrive")
def get_volume(device: Device, args: list[str]) -> str:
    """Show the system drive's size and free space."""
    d = device.disk
    return _table(
        ["DriveLetter", "FileSystem", "HealthStatus", "SizeRemaining", "Size"],
        [["C", "NTFS", d.health, f"{d.free_gb:.1f} GB", f"{d.size_gb:.0f} GB"]],
    )


@command("get-physicaldisk")
def get_physicaldisk(device: Device, args: list[str]) -> str:
    """Show the disk's health as SMART reports it."""
    d = device.disk
    op = "OK" if d.health == "Healthy" else "Predictive Failure"
    return _table(
        ["FriendlyName", "MediaType", "HealthStatus", "OperationalStatus", "Size"],
        [["NVMe SAMSUNG MZVL2256", d.media, d.health, op, f"{d.size_gb:.0f} GB"]],
    )


@command("cleanmgr")
def cleanmgr(device: Device, args: list[str]) -> str:
    """Run Disk Cleanup (frees temporary files once)."""
    freed = 0.0 if device.settings.get("cleaned") else min(6.5, device.disk.size_gb - device.disk.free_gb)
    device.settings["cleaned"] = "1"
    device.disk.free_gb += freed
    return f"Disk Cleanup finished: {freed:.1f} GB freed on C:."


@command("sfc")
def sfc(device: Device, args: list[str]) -> str:
    """System File Checker: a damaged Windows is reported, not repaired (the reason to reset it)."""
    if "/scannow" not in [a.lower() for a in args] and "/verifyonly" not in [a.lower() for a in args]:
        return "Microsoft (R) Windows (R) Resource Checker\nUsage: sfc [/SCANNOW] [/VERIFYONLY]"
    if device.settings.get("os_corrupted") and not device.settings.get("os_reset"):
        return (
            "Verification 100% complete.\nWindows Resource Protection found corrupt files but was unable to fix "
            "some of them. Details are in the CBS.Log windir\\Logs\\CBS\\CBS.log."
        )
    return "Verification 100% complete.\nWindows Resource Protection did not find any integrity violations."


@command("systemreset")
def systemreset(device: Device, args: list[str]) -> str:
    """Reset Windows to the company image (apps and settings removed; files in OneDrive come back on sign-in)."""
    if "-factoryreset" not in [a.lower() for a in args]:
        return "systemreset: use -factoryreset to reinstall Windows from the company image."
    device.settings["os_reset"] = "1"
    device.processes = [p for p in device.processes if p[0] not in ("WerFault", "explorer")]
    return "Resetting this PC: Windows is reinstalled from the company image. The PC restarts; this takes a while."


@command("get-process")
def get_process(device: Device, args: list[str]) -> str:
    """List the busiest processes."""
    rows = [[f"{ws * 1024:,}", f"{cpu:.2f}", name] for name, cpu, ws in sorted(device.processes, key=lambda p: -p[1])]
    return _table(["WS(K)", "CPU(s)", "ProcessName"], rows[:8])


@command("get-pnpdevice")
def get_pnpdevice(device: Device, args: list[str]) -> str:
    """List peripherals (dock, headset, webcam…) and their status."""
    rows = [[status, "USB", name] for name, status in device.devices.items()]
    return _table(["Status", "Class", "FriendlyName"], rows)


@command("start-mpscan", "get-mpthreatdetection")
def defender_scan(device: Device, args: list[str]) -> str:
    """Run a Defender quick scan and report threats."""
    if not device.defender_threats:
        return "Scan completed. No threats found."
    return "\n".join(
        f"ThreatName : {t}\nActionSuccess : True\nResources : {{file:_C:\\Users\\{device.user}\\Downloads}}"
        for t in device.defender_threats
    )


@command("get-winevent", "get-eventlog")
def get_events(device: Device, args: list[str]) -> str:
    """Show the latest application errors."""
    addin = next((a for a in device.addins if a.faulty and a.load_behavior == 3), None)
    if addin is None:
        return "No events were found that match the specified selection criteria."
    return (
        f"TimeCreated          Id LevelDisplayName Message\n"
        f"-----------          -- ---------------- -------\n"
        f"02/03/2026 08:57:12 1000 Error            Faulting application name: EXCEL.EXE, version: 16.0.17328.20162, "
        f"faulting module name: {addin.name}.dll"
    )


@command("excel")
def excel(device: Device, args: list[str]) -> str:
    """Start Excel (``/safe`` starts it without add-ins)."""
    if "/safe" in {a.lower() for a in args}:
        return "Excel started in Safe Mode (add-ins disabled). A new workbook opened without problems."
    if any(a.faulty and a.load_behavior == 3 for a in device.addins):
        return "Microsoft Excel has stopped working. Windows is checking for a solution to the problem..."
    return "Excel started. A new workbook opened without problems."


@command("reg")
def reg(device: Device, args: list[str]) -> str:
    """Query or change Excel add-in registry keys (LoadBehavior 0 disables an add-in)."""
    if len(args) < 2:
        return 'ERROR: Invalid syntax.\nType "REG /?" for usage.'
    verb, key = args[0].lower(), args[1]
    if "excel\\addins" not in key.lower():
        return "ERROR: The system was unable to find the specified registry key or value."
    if verb == "query":
        lines = [key]
        for a in device.addins:
            lines += [
                "",
                f"{key.rstrip(chr(92))}\\{a.prog_id}",
                f"    LoadBehavior    REG_DWORD    0x{a.load_behavior:x}",
            ]
        return "\n".join(lines)
    if verb == "add":
        target = key.rstrip("\\").rsplit("\\", 1)[-1].lower()
        value = option(args, "/d")
        for a in device.addins:
            if a.prog_id.lower() == target and value is not None and value.isdigit():
                a.load_behavior = int(value)
                return "The operation completed successfully."
        return "ERROR: The system was unable to find the specified registry key or value."
    return "ERROR: Invalid syntax."


@command("winget")
def winget(device: Device, args: list[str]) -> str:
    """List or install software from the company catalogue."""
    if not args:
        return "Windows Package Manager v1.7\nUsage: winget [<command>] [<options>]"
    verb, rest = args[0].lower(), positional(args[1:]) or [option(args, "--id") or ""]
    if verb == "list":
        rows = [[name, version] for name, version in sorted(device.software.items())]
        return _table(["Name", "Version"], rows)
    if verb == "install":
        wanted = (option(args, "--id") or " ".join(rest)).strip()
        match = next((n for n in device.catalogue if n.lower() == wanted.lower()), None)
        if match is None:
            return f"No package found matching input criteria. ('{wanted}' is not in the Acme software catalogue.)"
        if match in device.software:
            return f"Found an existing package already installed: {match}"
        device.software[match] = device.catalogue[match]
        return (
            f"Found {match} [{match}] Version {device.catalogue[match]}\nDownloading ...\n"
            "Successfully verified installer hash\nStarting package install...\nSuccessfully installed"
        )
    return f"Unrecognized command: '{verb}'"
