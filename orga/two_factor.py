"""Two-factor authentication of organisers (TOTP through django-otp).

A user with a confirmed TOTP device passes it after the password on every login; a user of
a series that demands it (Series.team_requires_two_factor) cannot open that series in the
workspace before setting one up.
"""

import base64
from io import BytesIO

import segno
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

ISSUER = "clustermeet"


def has_device(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def verified(user) -> bool:
    return user.is_authenticated and user.is_verified()


def verification_due(user) -> bool:
    """Logged in with the password, but not yet through the user's second factor."""
    return has_device(user) and not user.is_verified()


def device_pending(user) -> TOTPDevice:
    """The unconfirmed device being set up (a new secret if there is none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def device_confirm(device: TOTPDevice) -> None:
    """The device set up: its first code was right. Any other device of the user goes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def device_confirmed(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def secret_base32(device: TOTPDevice) -> str:
    """The device's key as an app takes it typed in: base32, in groups of four (the apps
    ignore the spaces)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[start:start + 4] for start in range(0, len(key), 4))


def qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The device's otpauth:// URI as an SVG QR code named `title` (no inline style: the CSP
    holds)."""
    buffer = BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, nl=False,
        title=title, svgclass="qr-code", lineclass=None)
    return buffer.getvalue().decode()


def required_by_a_series(user) -> bool:
    """Whether a series the user is in demands two-factor authentication of its team."""
    from orga.models import TeamMember

    return TeamMember.objects.filter(user=user, series__team_requires_two_factor=True).exists()


def devices_delete(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
