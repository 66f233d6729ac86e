"""The forms of a series' set-up: the series, its themes and regions, its privacy notice and
its team.

A text visitors read is stored once per content language (django-modeltranslation: a field
`title_de`, `title_en`, …). These forms edit every language of such a text side by side:
the series' content languages first (its main language leading), the others after them.
The text is required in the series' main language only (Series.default_language, the
language every page falls back to: events/content_language.py), whichever that is.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.content_language import content_languages
from events.models import Organisation, Region, Series, Theme
from orga.models import TeamMember
from registrations.models import ConsentText

LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)
RESERVED_SLUGS = {"new"}  # orga:series_create's address (series/new/)


@dataclass(frozen=True)
class LanguageField:
    """One language of a translated text in a form."""

    language: str
    name: str
    field: forms.BoundField
    required: bool
    missing: bool


@dataclass(frozen=True)
class TranslatedText:
    """A translatable text of a form: its languages, the series' first, the others apart."""

    name: str
    label: str
    main: list[LanguageField]
    others: list[LanguageField]

    @property
    def others_open(self) -> bool:
        """Whether the other languages are shown open: one has a text or an error."""
        return any(not item.missing or item.field.errors for item in self.others)


def language_order(series: Series | None) -> tuple[list[str], list[str]]:
    """The languages of a series' texts: (its main and content languages, the others)."""
    codes = content_languages()
    if series is None:
        return list(codes), []
    chosen = [series.default_language] + [
        code for code in codes if code in (series.content_languages or [])]
    chosen = list(dict.fromkeys(code for code in chosen if code in codes))
    return chosen, [code for code in codes if code not in chosen]


class TranslatedTextsForm(forms.ModelForm):
    """A model form with translated texts (`translated`): a field per language, shown side by
    side (`translated_texts`), required in the series' main language only."""

    translated: tuple[str, ...] = ()

    def __init__(self, *args, series: Series | None = None, **kwargs) -> None:
        self.series = series
        super().__init__(*args, **kwargs)
        for name in self.translated:
            for code in content_languages():
                field = self.fields[f"{name}_{code}"]
                field.label = LANGUAGE_NAMES[code]
                field.required = False
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs.update(rows=4)
                field.widget.attrs["lang"] = code

    def main_language(self) -> str:
        """The language the texts are required in (a form that sets it overrides this)."""
        return self.series.default_language if self.series is not None else "en"

    def shown_series(self) -> Series | None:
        return self.series

    def translated_texts(self) -> list[TranslatedText]:
        series = self.shown_series()
        # a text is missing from what exists (or a new version starts from): not from a new
        # series, theme or region
        prefilled = any(self.initial.get(f"{name}_{code}") for name in self.translated
                        for code in content_languages())
        existing = series is not None and bool(self.instance.pk or prefilled)
        main, others = language_order(series)
        texts = []
        for name in self.translated:
            model_field = self._meta.model._meta.get_field(name)
            required = not model_field.blank

            def item(code: str, name=name, required=required) -> LanguageField:
                bound = self[f"{name}_{code}"]
                return LanguageField(language=code, name=LANGUAGE_NAMES[code], field=bound,
                                     required=required and code == self.main_language(),
                                     missing=existing and not bound.value())
            texts.append(TranslatedText(
                name=name, label=model_field.verbose_name, main=[item(code) for code in main],
                others=[item(code) for code in others]))
        return texts

    def clean(self):
        cleaned_data = super().clean()
        for name in self.translated:  # no text is None (modeltranslation's "untranslated")
            for code in content_languages():
                if cleaned_data.get(f"{name}_{code}") == "":
                    cleaned_data[f"{name}_{code}"] = None
        language = self.main_language()
        for name in self.translated:
            if self._meta.model._meta.get_field(name).blank:
                continue
            key = f"{name}_{language}"
            if not cleaned_data.get(key) and key not in self.errors:
                self.add_error(key, _("Please enter the %(field)s in %(language)s, the main "
                                      "language of the series.") % {
                    "field": self._meta.model._meta.get_field(name).verbose_name,
                    "language": LANGUAGE_NAMES[language]})
        return cleaned_data


def _translated(*names: str) -> list[str]:
    return [f"{name}_{code}" for name in names for code in content_languages()]


class SeriesForm(TranslatedTextsForm):
    """A series' settings: texts, organiser, languages, registration, privacy, look."""

    translated = ("title", "tagline", "description")

    content_languages = forms.MultipleChoiceField(
        label=_("Content languages"), choices=settings.CONTENT_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages the series publishes its texts in (and offers visitors)."))

    class Meta:
        model = Series
        fields = [*_translated("title", "tagline", "description"), "organiser",
                  "default_language", "content_languages", "registration_open", "is_published",
                  "retention_months", "attendance_threshold_minutes", "logo", "accent_colour",
                  "team_requires_two_factor"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organisation.objects.order_by("name")
        self.fields["organiser"].label = _("Organising organisation")
        if "accent_colour" in self.fields:
            self.fields["accent_colour"].widget.attrs.update(placeholder="#0b5563", size=8)
        if self.series is None:
            self.fields["content_languages"].initial = list(content_languages())

    def main_language(self) -> str:
        if self.is_bound:
            chosen = self.data.get(self.add_prefix("default_language"))
            if chosen in LANGUAGE_NAMES:
                return chosen
        return self.instance.default_language or "en"

    def clean_content_languages(self) -> list[str]:
        """The chosen languages: those the series had in their order, new ones after."""
        chosen = set(self.cleaned_data["content_languages"])
        kept = [code for code in (self.instance.content_languages or []) if code in chosen]
        return kept + [code for code in content_languages() if code in chosen - set(kept)]

    def clean(self):
        cleaned_data = super().clean()
        default = cleaned_data.get("default_language")
        chosen = cleaned_data.get("content_languages")
        if default and chosen is not None and default not in chosen:
            self.add_error("content_languages", _(
                "The main language (%(language)s) must be one of the content languages.")
                % {"language": LANGUAGE_NAMES[default]})
        return cleaned_data


class SeriesCreateForm(SeriesForm):
    """A new series: its address, texts, organiser and languages (the rest on its settings
    page afterwards)."""

    slug = forms.SlugField(
        label=_("Address"), max_length=80, required=False,
        help_text=_("The series' part of its web address, e.g. smart-cities-2027; empty: "
                    "made from the title. It cannot be changed later."))

    class Meta(SeriesForm.Meta):
        fields = ["slug", *_translated("title", "tagline", "description"), "organiser",
                  "default_language", "content_languages"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = translation.get_language()
        if not self.is_bound and language in LANGUAGE_NAMES:  # the organiser's own first
            self.initial["default_language"] = self.instance.default_language = language

    def clean(self):
        cleaned_data = super().clean()
        language = self.main_language()
        slug = cleaned_data.get("slug") or slugify(cleaned_data.get(f"title_{language}") or "")
        slug = slug[:80]
        if not slug and "slug" not in self.errors and not self.errors:
            self.add_error("slug", _("Please enter an address of letters, digits and hyphens."))
        elif slug in RESERVED_SLUGS or Series.objects.filter(slug=slug).exists():
            self.add_error("slug", _("The address “%(slug)s” is taken by another series; "
                                     "please choose another one.") % {"slug": slug})
        cleaned_data["slug"] = slug
        return cleaned_data


class ThemeForm(TranslatedTextsForm):
    translated = ("name", "description")

    class Meta:
        model = Theme
        fields = ["slug", *_translated("name", "description")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Its part of web addresses (e.g. the event list's "
                                          "filter); empty: made from the name.")

    def clean(self):
        cleaned_data = super().clean()
        return _slug_unique(self, cleaned_data, self.series.themes.all(), _(
            "The series has a theme with the address “%(slug)s” already."))


class RegionForm(TranslatedTextsForm):
    translated = ("name", "description")

    class Meta:
        model = Region
        fields = ["slug", *_translated("name", "description"), "country", "coordinator"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Its part of web addresses; empty: made from the "
                                          "name.")
        self.fields["coordinator"].queryset = Organisation.objects.order_by("name")
        self.fields["coordinator"].help_text = _("The partner organisation that runs the "
                                                 "region's events.")

    def clean(self):
        cleaned_data = super().clean()
        return _slug_unique(self, cleaned_data, self.series.regions.all(), _(
            "The series has a region with the address “%(slug)s” already."))


def _slug_unique(form: TranslatedTextsForm, cleaned_data: dict, siblings, message) -> dict:
    """The slug as typed or made from the name in the main language, unique in the series."""
    slug = cleaned_data.get("slug") or slugify(
        cleaned_data.get(f"name_{form.main_language()}") or "")[:80]
    if not slug:
        if not form.errors:
            form.add_error("slug", _("Please enter an address of letters, digits and hyphens."))
        return cleaned_data
    if siblings.filter(slug=slug).exclude(pk=form.instance.pk).exists():
        form.add_error("slug", message % {"slug": slug})
    cleaned_data["slug"] = slug
    return cleaned_data


class ConsentTextForm(TranslatedTextsForm):
    """A new version of the privacy notice (never a change of one somebody agreed to)."""

    translated = ("text",)

    class Meta:
        model = ConsentText
        fields = _translated("text")


class TeamMemberForm(forms.ModelForm):
    """A member's role, the region a coordinator runs, a reviewer's organisation."""

    class Meta:
        model = TeamMember
        fields = ["role", "region", "organisation_name"]

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.fields["role"].choices = TeamMember.Role.choices
        self.fields["region"].queryset = series.regions.all()
        self.fields["region"].help_text = _("Only for a region coordinator: the region whose "
                                            "events they run.")
        self.fields["region"].error_messages["invalid_choice"] = _(
            "Please choose a region of this series.")
        self.fields["organisation_name"].help_text = _(
            "Only for a pitch reviewer: the organisation they work for (they do not review "
            "its applications).")

    def clean(self):
        cleaned_data = super().clean()
        role, region = cleaned_data.get("role"), cleaned_data.get("region")
        if role == TeamMember.Role.COORDINATOR and region is None and "region" not in self.errors:
            self.add_error("region", _("A region coordinator needs their region."))
        organisation = " ".join((cleaned_data.get("organisation_name") or "").split())
        if role == TeamMember.Role.REVIEWER and not organisation:
            self.add_error("organisation_name", _("A pitch reviewer needs their organisation: "
                                                  "they do not review its applications."))
        if role != TeamMember.Role.COORDINATOR:
            cleaned_data["region"] = None
        cleaned_data["organisation_name"] = (organisation if role == TeamMember.Role.REVIEWER
                                             else "")
        return cleaned_data


class TeamMemberAddForm(TeamMemberForm):
    """Somebody to add to the team: an existing user by e-mail address or user name, or a
    new one, invited by mail to set their password."""

    who = forms.CharField(
        label=_("E-mail address or user name"), max_length=254,
        help_text=_("Somebody without an account gets one and a mail with a link to set "
                    "their password."))

    class Meta(TeamMemberForm.Meta):
        fields = ["who", "role", "region", "organisation_name"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = TeamMember.Role.COORDINATOR  # the lesser role first

    def clean_who(self) -> str:
        who = self.cleaned_data["who"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=who) | Q(email__iexact=who))
        found = list(users[:2])
        if len(found) > 1:
            raise forms.ValidationError(_("More than one account has this address: please "
                                          "enter the user name."))
        self.user = found[0] if found else None
        if self.user is None and "@" not in who:
            raise forms.ValidationError(_("There is no account with this user name. To invite "
                                          "somebody new, enter their e-mail address."))
        if self.user is None:
            forms.EmailField().clean(who)
        elif TeamMember.objects.filter(series=self.series, user=self.user).exists():
            raise forms.ValidationError(_("%(user)s is in the team already.") % {
                "user": self.user.get_username()})
        return who
