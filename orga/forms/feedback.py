"""The survey's page in the workspace: the confirmation of sending its invitations."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackSendForm(forms.Form):
    """The confirm step's button: sending needs it ticked (a bare POST sends nothing)."""

    confirm = forms.BooleanField(widget=forms.HiddenInput, error_messages={
        "required": _("Please confirm the sending on the page first.")})
