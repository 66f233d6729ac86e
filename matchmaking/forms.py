"""The participant's matchmaking forms: the profile (with the slots of each networking block
they can meet in), its deletion's confirmation, and the search among the profiles."""

from typing import Any

from django import forms
from django.conf import global_settings, settings
from django.utils import formats
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.countries import country_names
from core.local_forms import day, zone_label
from events.models import Organisation, Series, Theme
from matchmaking.models import TEXT_MAX, MatchmakingProfile, NetworkingBlock
from matchmaking.queries import slots_of
from matchmaking.queries_people import IN_BOTH, IN_NEED, IN_OFFER
from registrations.forms import CountryField, ObjectsChoiceField
from registrations.models import Participant

# Languages offered first (the rest behind "More languages"): the site's, and French.
COMMON_LANGUAGES = tuple(dict.fromkeys([*(code for code, _name in settings.LANGUAGES), "fr"]))


def spoken_languages() -> list[tuple[str, str]]:
    """Django's languages without regional variants, their names in the active language:
    the common ones first, then the others by name."""
    names = {code: gettext(name) for code, name in global_settings.LANGUAGES
             if "-" not in code or code in ("zh-hans", "zh-hant")}
    common = [(code, names[code]) for code in COMMON_LANGUAGES if code in names]
    others = sorted(((code, name) for code, name in names.items()
                     if code not in COMMON_LANGUAGES), key=lambda item: item[1].casefold())
    return common + others


def slot_label(block: NetworkingBlock, slot: int) -> str:
    """A slot's times in its event's time zone: "10:00–10:20"."""
    tz = block.event.tzinfo
    time_format = formats.get_format("TIME_FORMAT")
    start = formats.time_format(block.slot_start(slot).astimezone(tz), time_format)
    end = formats.time_format(block.slot_end(slot).astimezone(tz), time_format)
    return f"{start}–{end}"


def block_legend(block: NetworkingBlock) -> str:
    """A networking block as its slots' legend: the event, the day and the time zone."""
    local = block.starts_at.astimezone(block.event.tzinfo)
    return gettext("%(event)s, %(day)s — %(zone)s") % {
        "event": block.event.title, "day": day(local),
        "zone": zone_label(block.event.time_zone, block.starts_at)}


class ProfileForm(forms.Form):
    """A matchmaking profile: the organisation, what it offers and looks for (texts and
    themes), languages, phone, and for each networking block the slots one can meet in
    (all of them unless one says otherwise)."""

    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"),
                                          choices=Organisation.Kind.choices)
    country = CountryField(label=_("Country of the organisation"), autocomplete="off")
    offer = forms.CharField(
        label=_("What we offer"), max_length=TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Products, services, know-how — in any language of the series."))
    offer_themes = ObjectsChoiceField(label=_("Themes we offer in"), required=False)
    need = forms.CharField(
        label=_("What we look for"), max_length=TEXT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Partners, customers, suppliers, investors …"))
    need_themes = ObjectsChoiceField(label=_("Themes we look for"), required=False)
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Like your e-mail address, it is shown only to the people with whom "
                    "you have agreed a meeting."))

    def __init__(self, *args, series: Series, themes: list[Theme], blocks: list[NetworkingBlock],
                 participant: Participant, profile: MatchmakingProfile | None = None,
                 availability: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.series, self.blocks = series, blocks
        for name in ("offer_themes", "need_themes"):
            self.fields[name].set_objects(themes, label=lambda theme: theme.name)
        self.fields["languages"].choices = spoken_languages()
        self.common_languages = len([code for code in COMMON_LANGUAGES
                                     if code in dict(self.fields["languages"].choices)])
        availability = availability or {}
        for block in blocks:
            self.fields[f"block_{block.pk}"] = forms.TypedMultipleChoiceField(
                label=block_legend(block), required=False, coerce=int,
                widget=forms.CheckboxSelectMultiple,
                choices=[(slot, slot_label(block, slot)) for slot in range(block.slot_count)])
            mask = availability.get(block.pk, block.all_slots)
            self.initial[f"block_{block.pk}"] = slots_of(mask & block.all_slots)
        if profile is None:
            self.initial.update({"organisation_name": participant.organisation_name,
                                 "organisation_kind": participant.organisation_kind,
                                 "country": participant.organisation_country.code})
        else:
            self.initial.update({
                "organisation_name": profile.organisation_name,
                "organisation_kind": profile.organisation_kind,
                "country": profile.country.code, "offer": profile.offer, "need": profile.need,
                "offer_themes": [str(theme.pk) for theme in profile.offer_themes.all()],
                "need_themes": [str(theme.pk) for theme in profile.need_themes.all()],
                "languages": profile.languages, "phone": profile.phone})

    def block_fields(self) -> list[forms.BoundField]:
        return [self[f"block_{block.pk}"] for block in self.blocks]

    def language_choices(self) -> dict[str, Any]:
        """The language checkboxes: the common ones, the others, and whether one of the
        others is ticked (then they are shown unfolded)."""
        boxes = list(self["languages"])
        others = boxes[self.common_languages:]
        chosen = set(self["languages"].value() or [])
        return {"common": boxes[:self.common_languages], "others": others,
                "others_chosen": any(box.data["value"] in chosen for box in others)}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in ("offer", "need", "offer_themes",
                                               "need_themes")):
            raise forms.ValidationError(_("Please say what you offer or what you look for, "
                                          "in a few words or by themes."))
        return data

    def values(self) -> dict[str, Any]:
        """The profile's fields, as matchmaking.services.profiles.profile_save takes them."""
        data = self.cleaned_data
        return {name: data[name] for name in (
            "organisation_name", "organisation_kind", "country", "offer", "need",
            "offer_themes", "need_themes", "languages", "phone")}

    def availability(self) -> dict[int, int]:
        """{block id: bit mask of the slots ticked}."""
        return {block.pk: sum(1 << slot for slot in set(self.cleaned_data[f"block_{block.pk}"]))
                for block in self.blocks}


class DeleteProfileForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my matchmaking profile"),
        error_messages={"required": _("Please confirm that you want to delete your profile.")})


class SearchForm(forms.Form):
    """The filters of the people page; every one optional."""

    text = forms.CharField(label=_("Search"), max_length=100, required=False,
                           widget=forms.TextInput(attrs={"type": "search"}))
    field = forms.ChoiceField(label=_("Search in"), required=False, initial=IN_BOTH,
                              choices=[(IN_BOTH, _("what they offer and look for")),
                                       (IN_OFFER, _("what they offer")),
                                       (IN_NEED, _("what they look for"))])
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False,
                             choices=[("", _("any"))] + Organisation.Kind.choices)

    def __init__(self, *args, themes: list[Theme], countries: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["theme"].choices = [("", _("any"))] + [
            (key, theme.name) for key, theme in self.themes.items()]
        names = dict(country_names(get_language() or "en"))
        self.fields["country"].choices = [("", _("any"))] + sorted(
            ((code, names.get(code, code)) for code in countries),
            key=lambda item: item[1].casefold())

    def filters(self) -> dict[str, Any]:
        """The search's arguments (matchmaking.queries_people.profiles_search); nothing
        when the form is invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"text": data["text"].strip(), "theme": self.themes.get(data["theme"]),
                "country": data["country"], "kind": data["kind"],
                "field": data["field"] or IN_BOTH}
