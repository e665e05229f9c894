"""The simulated PC: realistic output, repairs that the caller notices, the consent gate."""

from __future__ import annotations

import pytest
from world_builders import build_world, make_ctx

from simulator.world import HelpdeskWorld
from simulator.world.pc.commands import run_command


def connect(world: HelpdeskWorld) -> None:
    """Open a remote session (consent given)."""
    assert world.perform("remote.connect", {}, make_ctx()).ok


def run(world: HelpdeskWorld, command: str) -> tuple[str, tuple[str, ...]]:
    """Run a command in the session; return its output and signals."""
    result = world.perform("remote.run", {"command": command}, make_ctx())
    assert result.ok, result.reason
    return str(result.data["output"]), result.signals


def test_remote_takeover_needs_consent(world: HelpdeskWorld) -> None:
    refused = world.perform("remote.connect", {}, make_ctx(consent_given=False))
    assert not refused.ok and refused.reason.startswith("De klant heeft nog geen toestemming gegeven")
    assert world.perform("remote.connect", {}, make_ctx()).signals == ("remote_connected",)


def test_commands_need_a_session(world: HelpdeskWorld) -> None:
    result = world.perform("remote.run", {"command": "ipconfig"}, make_ctx())
    assert not result.ok and "geen sessie" in (result.reason or "")
    assert not world.perform("remote.disconnect", {}, make_ctx()).ok


def test_the_stuck_spooler_is_seen_and_fixed_by_a_restart(world: HelpdeskWorld) -> None:
    connect(world)
    status, signals = run(world, "Get-Service Spooler")
    assert "StopPending" in status and "Spooler" in status and not signals
    printers, _ = run(world, "Get-Printer")
    assert "spooler service is not reachable" in printers
    _, signals = run(world, "Restart-Service Spooler")
    assert signals == ("fixed",)
    assert "Running" in run(world, "get-service spooler")[0]
    assert "PRN-2E-01" in run(world, "Get-Printer")[0] and "Offline" not in run(world, "Get-Printer")[0]
    assert run(world, "Restart-Service Spooler")[1] == ()


def test_ipconfig_prints_the_model(world: HelpdeskWorld) -> None:
    connect(world)
    out, _ = run(world, "ipconfig /all")
    assert f"Host Name . . . . . . . . . . . . : {world.device.hostname}" in out
    assert "IPv4 Address" in out and "DNS Servers" in out


def test_at_home_without_internet_the_pc_cannot_be_taken_over() -> None:
    world = build_world("no-internet-homeworker-novice-nl")
    refused = world.perform("remote.connect", {}, make_ctx())
    assert not refused.ok and "niet bereikbaar" in (refused.reason or "")
    assert "Reply from 192.168.1.1" in run_command(world.device, "ping 192.168.1.1")
    assert "Request timed out." in run_command(world.device, "ping 8.8.8.8")


@pytest.mark.parametrize(
    ("exercise", "commands"),
    [
        ("vpn-drops-sysadmin-en", ["rasdial", "Set-VpnConnection -Name 'Acme VPN' -ServerAddress vpn2.acme.example"]),
        ("mailbox-full-sysadmin-nl", ["Get-MailboxStatistics", "Enable-Mailbox %USERNAME% -Archive"]),
        ("excel-crash-novice-en", ["excel /safe", "Get-WinEvent -LogName Application",
                                   "reg add HKCU\\Software\\Microsoft\\Office\\Excel\\Addins\\InvoiceLink.Connect "
                                   "/v LoadBehavior /t REG_DWORD /d 0 /f"]),
        ("new-employee-setup-novice-nl", ["winget install Acme CRM", "winget install Microsoft Teams",
                                          "net group GG-Verkoop %USERNAME% /add /domain"]),
        ("software-request-sysadmin-fr", ["winget install Power BI Desktop",
                                          'icacls \\\\fs01\\Finance\\Rapports /grant "GG-Finance-CDG:(OI)(CI)M"']),
    ],
)  # fmt: skip
def test_each_exercise_fault_is_repaired_by_its_last_command(exercise: str, commands: list[str]) -> None:
    world = build_world(exercise)
    connect(world)
    signals = [run(world, c)[1] for c in commands]
    assert signals[-1] == ("fixed",)
    assert all(s == () for s in signals[:-1])


def test_the_failing_disk_cannot_be_fixed_remotely() -> None:
    world = build_world("slow-laptop-complaint-angry-en")
    connect(world)
    assert "Predictive Failure" in run(world, "Get-PhysicalDisk")[0]
    assert run(world, "cleanmgr /sagerun:1")[1] == ()


def test_an_unknown_program_prints_the_windows_error(world: HelpdeskWorld) -> None:
    assert "is not recognized" in run_command(world.device, "format c:")


def test_a_damaged_windows_is_reported_by_sfc_and_only_a_reset_repairs_it() -> None:
    world = build_world("laptop-reset-sysadmin-en")
    connect(world)
    before, signals = run(world, "sfc /scannow")
    assert "unable to fix" in before and signals == ()
    assert run(world, "systemreset")[1] == ()  # without -factoryreset nothing happens
    output, signals = run(world, "systemreset -factoryreset")
    assert "company image" in output and signals == ("fixed",)
    assert "did not find any integrity violations" in run(world, "sfc /scannow")[0]
