from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.certificates.codes import code_normalised


class VerifyForm(forms.Form):
    """A certificate's code as someone types it: any case, spaces and dashes anywhere,
    O for zero and I or L for one (Crockford's base32)."""

    code = forms.CharField(
        label=_("Verification code"), max_length=40,
        help_text=_("As printed on the certificate, e.g. 7QX4-M2KD-9B."))

    def clean_code(self) -> str:
        code = code_normalised(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a certificate's code: a code has ten letters and digits, "
                  "e.g. 7QX4-M2KD-9B."))
        return code
