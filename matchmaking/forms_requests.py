"""The forms of meeting requests and meetings: sending a request, answering one, booking a
slot. They parse; the services decide."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.models import TEXT_MAX, MeetingRequest, NetworkingBlock
from matchmaking.queries_meetings import FreeSlot


class RequestForm(forms.Form):
    block = forms.TypedChoiceField(label=_("Networking block"), coerce=int)
    message = forms.CharField(
        label=_("Message"), required=False, max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you would like to meet: what you offer or look for."))
    priority = forms.TypedChoiceField(label=_("Priority"), coerce=int,
                                      choices=MeetingRequest.Priority.choices,
                                      initial=MeetingRequest.Priority.NORMAL)

    def __init__(self, *args, blocks: Sequence[NetworkingBlock], labels: dict[int, str],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [(block.pk, labels[block.pk]) for block in blocks]
        if len(blocks) == 1:
            self.fields["block"].initial = blocks[0].pk


class AnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    answer = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))])

    def state(self) -> str:
        return {self.ACCEPT: MeetingRequest.State.ACCEPTED,
                self.DECLINE: MeetingRequest.State.DECLINED}[self.cleaned_data["answer"]]


class BookForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Time slot"), coerce=int, widget=forms.RadioSelect,
                                  error_messages={"required": _("Please choose a time slot."),
                                                  "invalid_choice": _(
                                                      "This time slot is no longer free. "
                                                      "Please choose another one.")})

    def __init__(self, *args, slots: Sequence[FreeSlot], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (free.slot, f"{free.when.start}–{free.when.end}") for free in slots]
