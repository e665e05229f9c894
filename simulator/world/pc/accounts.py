"""Account commands: net user/group/localgroup, whoami, group membership, the mailbox."""

from __future__ import annotations

from simulator.world.pc.commands import command, option, positional
from simulator.world.pc.device import Device


def _same(a: str, b: str) -> bool:
    """Compare account names, ignoring the domain; %USERNAME% and $env:USERNAME stand for the user."""
    if a.lower() in ("%username%", "$env:username"):
        return True
    return a.lower().split("\\")[-1] == b.lower().split("\\")[-1]


@command("net")
def net(device: Device, args: list[str]) -> str:
    """``net user NAME /domain``, ``net group "G" NAME /add /domain``, ``net localgroup G [NAME /add]``."""
    if not args:
        return "The syntax of this command is:\n\nNET\n    [ ACCOUNTS | COMPUTER | CONFIG | GROUP | LOCALGROUP | USER ]"
    verb, rest = args[0].lower(), positional(args[1:])
    adding = "/add" in {a.lower() for a in args}
    if verb == "user":
        if not rest:
            return f"User accounts for \\\\{device.hostname}\n\n{device.user}    Administrator    Guest"
        return _net_user(device, rest[0])
    if verb == "group" and rest:
        if adding and len(rest) > 1:
            return _add_group(device, rest[0], rest[1])
        members = f"{device.user}" if rest[0] in device.groups else ""
        return f"Group name     {rest[0]}\nComment\n\nMembers\n\n{members}\nThe command completed successfully."
    if verb == "localgroup" and rest:
        if adding and len(rest) > 1:
            device.local_admins.add(rest[1])
            return "The command completed successfully."
        members = "\n".join(sorted(device.local_admins | {"Administrator"}))
        return f"Alias name     {rest[0]}\n\nMembers\n\n{members}\nThe command completed successfully."
    return "The syntax of this command is incorrect."


def _net_user(device: Device, name: str) -> str:
    if not _same(name, device.user):
        return "The user name could not be found.\n\nMore help is available by typing NET HELPMSG 2221."
    active = "Locked" if device.account_locked else "Yes"
    expires = "01/03/2026 08:00:00" if device.password_expired else "30/05/2026 08:00:00"
    groups = "  ".join(f"*{g}" for g in sorted(device.groups))
    return "\n".join(
        [
            f"User name                    {device.user}",
            f"Account active               {active}",
            f"Password expires             {expires}",
            f"Password last set            {'01/12/2025' if device.password_expired else '01/03/2026'} 08:00:00",
            "Logon hours allowed          All",
            f"Global Group memberships     {groups}",
            "The command completed successfully.",
        ]
    )


def _add_group(device: Device, group: str, member: str) -> str:
    if not _same(member, device.user):
        return "The user name could not be found."
    device.groups.add(group)
    return "The command completed successfully."


@command("add-adgroupmember")
def add_adgroupmember(device: Device, args: list[str]) -> str:
    """Add the user to a directory group (``-Identity GROUP -Members USER``)."""
    group = option(args, "-Identity") or (positional(args) or [""])[0]
    member = option(args, "-Members") or ""
    if not group or not member:
        return "Add-ADGroupMember : Missing an argument for parameter 'Identity' or 'Members'."
    if not _same(member, device.user):
        return f"Add-ADGroupMember : Cannot find an object with identity: '{member}'."
    device.groups.add(group)
    return ""


@command("add-localgroupmember")
def add_localgroupmember(device: Device, args: list[str]) -> str:
    """Add someone to a local group of the PC."""
    member = option(args, "-Member") or ""
    if not member:
        return "Add-LocalGroupMember : Missing an argument for parameter 'Member'."
    device.local_admins.add(member)
    return ""


@command("whoami")
def whoami(device: Device, args: list[str]) -> str:
    """Show the signed-in user (``/groups`` lists group memberships)."""
    short = device.domain.split(".")[0].upper()
    if "/groups" not in {a.lower() for a in args}:
        return f"{short.lower()}\\{device.user}"
    rows = [
        f"{short}\\{g:<38} Group            Mandatory group, Enabled by default, Enabled group"
        for g in sorted(device.groups)
    ]
    return "GROUP INFORMATION\n-----------------\n\n" + "\n".join(rows)


@command("unlock-adaccount")
def unlock_adaccount(device: Device, args: list[str]) -> str:
    """Unlock a locked directory account."""
    name = option(args, "-Identity") or (positional(args) or [""])[0]
    if not _same(name, device.user):
        return f"Unlock-ADAccount : Cannot find an object with identity: '{name}'."
    device.account_locked = False
    return ""


@command("get-mailboxstatistics")
def mailbox_statistics(device: Device, args: list[str]) -> str:
    """Show the mailbox size against its quota."""
    m = device.mailbox
    return "\n".join(
        [
            f"DisplayName            : {device.settings.get('display_name', device.user)}",
            f"ItemCount              : {m.items:,}",
            f"TotalItemSize          : {m.size_gb:.2f} GB ({int(m.size_gb * 1024**3):,} bytes)",
            f"ProhibitSendQuota      : {m.quota_gb:.0f} GB",
            f"StorageLimitStatus     : {'ProhibitSend' if m.size_gb >= m.quota_gb * 0.99 else 'BelowLimit'}",
            f"ArchiveStatus          : {'Active' if m.archive else 'None'}",
        ]
    )


@command("enable-mailbox")
def enable_mailbox(device: Device, args: list[str]) -> str:
    """Enable the online archive (``-Archive``); the retention policy moves older mail there."""
    if "-archive" not in {a.lower() for a in args}:
        return "Enable-Mailbox : The mailbox already exists."
    m = device.mailbox
    if not m.archive:
        m.archive = True
        moved = round(m.size_gb * 0.45, 2)
        m.size_gb = round(m.size_gb - moved, 2)
        m.items = int(m.items * 0.55)
    return (
        f"Name                      Alias          ArchiveStatus\n----                      -----          "
        f"-------------\n{device.user:<25} {device.user:<14} Active"
    )


@command("icacls")
def icacls(device: Device, args: list[str]) -> str:
    """Show or grant permissions on the team share (``/grant "GROUP:(OI)(CI)M"``)."""
    share = device.settings.get("share", "\\\\fs01\\Team")
    if not args or args[0].lower().rstrip("\\") != share.lower().rstrip("\\"):
        return f"{args[0] if args else ''}: The system cannot find the path specified.\nSuccessfully processed 0 files."
    acl = [a for a in device.settings.get("share_acl", "").split(",") if a]
    grant = option(args, "/grant")
    if grant:
        group, _, perms = grant.partition(":")
        name = group if "\\" in group else f"ACME\\{group}"
        acl = [a for a in acl if a.split(":")[0].lower() != name.lower()] + [f"{name}:{'M' if 'M' in perms else 'R'}"]
        device.settings["share_acl"] = ",".join(acl)
        return f"processed file: {share}\nSuccessfully processed 1 files; Failed processing 0 files"
    rights = {"R": "(OI)(CI)(RX)", "M": "(OI)(CI)(M)", "F": "(OI)(CI)(F)"}
    rows = [
        f"{' ' * len(share) if i else share} {a.split(':')[0]}:{rights.get(a.split(':')[1], '(RX)')}"
        for i, a in enumerate(acl)
    ]
    return "\n".join(rows) + "\n\nSuccessfully processed 1 files; Failed processing 0 files"
