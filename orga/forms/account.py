"""The forms of an organiser's account: second factor, password reset."""

from uuid import uuid4

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from mail.services import mail_queue


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
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes: wait a moment before you try again."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not right (or no longer valid): enter the code your app shows "
                  "now."))
        return token


class OrgaPasswordResetForm(PasswordResetForm):
    """Django's password reset, its mail written to the outbox (sent by the worker, retried
    like every mail) in the language of the page it was asked on."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:
        user = context["user"]
        link = settings.SITE_URL + reverse("orga:password_reset_confirm", kwargs={
            "uidb64": context["uid"], "token": context["token"]})
        mail_queue(cause=f"orga:password-reset:{user.pk}:{uuid4().hex}", to=to_email,
                   language=translation.get_language(), template="orga_password_reset",
                   context={"username": user.get_username(), "link": link})
