"""Network commands: ipconfig, ping, nslookup, tracert, Test-NetConnection and the VPN client."""

from __future__ import annotations

import ipaddress

from simulator.world.pc.commands import command, option, positional
from simulator.world.pc.device import Device

PUBLIC = {"8.8.8.8": "dns.google", "1.1.1.1": "one.one.one.one", "www.google.com": "142.250.179.196"}


def _resolve(device: Device, host: str) -> str | None:
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if not device.dns_works or (not device.internet and not host.endswith(device.domain)):
        return None
    if host.endswith(device.domain) or host.endswith("acme.example"):
        return "10.20.0." + str(20 + sum(map(ord, host)) % 200)
    return PUBLIC.get(host, "93.184." + str(sum(map(ord, host)) % 250) + ".34")


def _reachable(device: Device, ip: str) -> bool:
    adapter = next((a for a in device.adapters if a.connected), None)
    if adapter is None:
        return False
    if ip in (adapter.gateway, "127.0.0.1", adapter.ipv4):
        return device.gateway_reachable or ip != adapter.gateway
    if ipaddress.ip_address(ip).is_private:
        return device.gateway_reachable and (device.location == "office" or device.vpn.connected)
    return device.internet


@command("ipconfig")
def ipconfig(device: Device, args: list[str]) -> str:
    """Show the IP configuration (``/all`` for details; ``/flushdns``, ``/renew``)."""
    flags = {a.lower() for a in args}
    if "/flushdns" in flags:
        return "Windows IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache."
    lines = ["Windows IP Configuration", ""]
    if "/all" in flags:
        lines += [
            f"   Host Name . . . . . . . . . . . . : {device.hostname}",
            f"   Primary Dns Suffix  . . . . . . . : {device.domain}",
            "",
        ]
    for a in device.adapters:
        lines.append(f"{a.name}:")
        lines.append("")
        if not a.connected:
            lines += [
                "   Media State . . . . . . . . . . . : Media disconnected",
                f"   Connection-specific DNS Suffix  . : {a.suffix}",
                "",
            ]
            continue
        if "/all" in flags:
            lines += [
                f"   Description . . . . . . . . . . . : {a.description}",
                f"   Physical Address. . . . . . . . . : {a.mac}",
                f"   DHCP Enabled. . . . . . . . . . . : {'Yes' if a.dhcp else 'No'}",
            ]
        lines += [
            f"   Connection-specific DNS Suffix  . : {a.suffix}",
            f"   IPv4 Address. . . . . . . . . . . : {a.ipv4}",
            f"   Subnet Mask . . . . . . . . . . . : {a.mask}",
            f"   Default Gateway . . . . . . . . . : {a.gateway}",
        ]
        if "/all" in flags:
            lines.append(f"   DNS Servers . . . . . . . . . . . : {a.dns[0]}")
            lines += [f"                                       {d}" for d in a.dns[1:]]
        lines.append("")
    return "\n".join(lines).rstrip()


@command("ping")
def ping(device: Device, args: list[str]) -> str:
    """Send four echo requests."""
    hosts = positional(args)
    if not hosts:
        return "Usage: ping [-t] [-n count] target_name"
    host = hosts[0]
    ip = _resolve(device, host)
    if ip is None:
        return f"Ping request could not find host {host}. Please check the name and try again."
    head = f"Pinging {host} [{ip}] with 32 bytes of data:" if ip != host else f"Pinging {ip} with 32 bytes of data:"
    if _reachable(device, ip):
        ms = 1 if ipaddress.ip_address(ip).is_private else 14
        body = [f"Reply from {ip}: bytes=32 time={ms + i % 2}ms TTL={128 if ms == 1 else 117}" for i in range(4)]
        stats = f"    Packets: Sent = 4, Received = 4, Lost = 0 (0% loss),\nMinimum = {ms}ms, Maximum = {ms + 1}ms"
    else:
        body = ["Request timed out."] * 4
        stats = "    Packets: Sent = 4, Received = 0, Lost = 4 (100% loss),"
    return "\n".join([head, *body, "", f"Ping statistics for {ip}:", stats])


@command("nslookup", "resolve-dnsname")
def nslookup(device: Device, args: list[str]) -> str:
    """Ask the DNS server for a name."""
    hosts = positional(args)
    dns = device.adapters[0].dns[0] if device.adapters else "unknown"
    head = f"Server:  dc01.{device.domain}\nAddress:  {dns}\n"
    if not hosts:
        return head
    ip = _resolve(device, hosts[0])
    if ip is None:
        return head + f"\n*** dc01.{device.domain} can't find {hosts[0]}: Non-existent domain"
    return head + f"\nName:    {hosts[0]}\nAddress:  {ip}"


@command("tracert")
def tracert(device: Device, args: list[str]) -> str:
    """Trace the route to a host."""
    hosts = positional(args)
    if not hosts:
        return "Usage: tracert target_name"
    ip = _resolve(device, hosts[0]) or hosts[0]
    gw = device.adapters[0].gateway if device.adapters else "?"
    lines = [f"Tracing route to {hosts[0]} [{ip}]", "over a maximum of 30 hops:", ""]
    lines.append(
        f"  1    <1 ms    <1 ms    <1 ms  {gw}"
        if device.gateway_reachable
        else "  1     *        *        *     Request timed out."
    )
    if device.internet and device.gateway_reachable:
        lines += [
            "  2     9 ms     8 ms     9 ms  ae1.core.isp.example [81.82.0.1]",
            f"  3    14 ms    13 ms    14 ms  {ip}",
            "",
            "Trace complete.",
        ]
    else:
        lines += [f"  {n}     *        *        *     Request timed out." for n in (2, 3, 4)]
    return "\n".join(lines)


@command("test-netconnection", "tnc")
def test_netconnection(device: Device, args: list[str]) -> str:
    """Test a TCP port or ping a host (PowerShell)."""
    host = (positional(args) or [option(args, "-ComputerName") or "internetbeacon.msedge.net"])[0]
    port = option(args, "-Port")
    ip = _resolve(device, host)
    ok = ip is not None and _reachable(device, ip)
    lines = [f"ComputerName     : {host}", f"RemoteAddress    : {ip or ''}"]
    if port:
        lines += [f"RemotePort       : {port}", f"TcpTestSucceeded : {ok}"]
    else:
        lines += [f"PingSucceeded    : {ok}"]
    return "\n".join(lines)


@command("rasdial", "get-vpnconnection")
def vpn_status(device: Device, args: list[str]) -> str:
    """Show the VPN connection."""
    v = device.vpn
    status = "Connected" if v.connected else "Disconnected"
    lines = [
        f"Name                  : {v.name}",
        f"ServerAddress         : {v.server}",
        f"ConnectionStatus      : {status}",
        "TunnelType            : Ikev2",
    ]
    if v.error:
        lines.append(
            f"LastError             : {v.error} (The network connection between your computer and the VPN "
            "server could not be established because the remote server is not responding.)"
        )
    return "\n".join(lines)


@command("set-vpnconnection")
def set_vpn(device: Device, args: list[str]) -> str:
    """Point the VPN profile at another gateway (the PRB-0003 workaround uses the backup gateway)."""
    server = option(args, "-ServerAddress")
    if not server:
        return "Set-VpnConnection : Missing an argument for parameter 'ServerAddress'."
    device.vpn.server = server
    if server.lower() == device.vpn.backup.lower():
        device.vpn.connected, device.vpn.error = True, None
    return ""
