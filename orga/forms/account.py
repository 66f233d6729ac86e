"""The forms of an organiser's account: the login, the second factor, a password reset."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class UserNameLengthChecked(AuthenticationForm):
    """A login form that refuses a user name longer than any account's before it tries to
    log in: Django's form only tells the browser its maximum, and django-axes stores the
    name of every failed login in a column of 255 characters (PostgreSQL answered a longer
    one with a server error)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(
            MaxLengthValidator(self.username_field.max_length or 150))


class LoginForm(UserNameLengthChecked):
    """Django's login form (django-axes counts each failure), its refusal said plainly."""

    error_messages = {
        "invalid_login": _("The user name and the password do not match an account. Check "
                           "both (capital letters count) and try again."),
        "inactive": _("This account is switched off. An administrator of this platform can "
                      "switch it on again."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"), min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )

    def __init__(self, *args, device: TOTPDevice | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("The code is the six digits your app shows."))
        if self.device is None:
            raise forms.ValidationError(_("No authenticator app is set up for this account."))
        with transaction.atomic():  # the device's row locked: a code counts once, even
            # when it is sent twice at the same moment (django-otp reads, then writes)
            device = type(self.device).objects.select_for_update().get(pk=self.device.pk)
            allowed, _details = device.verify_is_allowed()
            right = allowed and device.verify_token(token)
        if not allowed:  # django-otp's throttling: a wait that doubles with each wrong code
            raise forms.ValidationError(
                _("Too many wrong codes: wait a moment before you try again."))
        if not right:
            raise forms.ValidationError(
                _("This code is not right (or no longer valid): enter the code your app shows "
                  "now."))
        self.device = device
        return token


class PasswordResetRequestForm(forms.Form):
    """The address to send a link for setting a new password to."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
