"""The applicant's forms: the application (new or changed) and the withdrawal's
confirmation."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events.models import Series, validate_logo
from pitches.models import PitchApplication
from pitches.pdf import validate_slides
from registrations.forms import CountryField

LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)


def series_languages(series: Series) -> list[str]:
    """The languages an applicant may write in: the series' content languages (its default
    language when it names none)."""
    languages = [code for code in series.content_languages if code in LANGUAGE_NAMES]
    return languages or [series.default_language]


class ApplicationForm(forms.Form):
    """An application: the company's presentation in one or more of the series'
    languages, theme, country, website, video link, presenter, logo and slides (a PDF,
    pitches.pdf). Changing an application keeps the logo and slides unless new ones are
    uploaded."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = CountryField(label=_("Country of the company"))
    website = forms.URLField(label=_("Website"), required=False, max_length=200,
                             assume_scheme="https")
    video_url = forms.URLField(label=_("Video link (optional)"), required=False, max_length=200,
                               assume_scheme="https")
    presenter_name = forms.CharField(label=_("Who presents"), max_length=200)
    presenter_role = forms.CharField(label=_("Their role in the company"), max_length=200,
                                     required=False)
    logo = forms.ImageField(label=_("Logo"), required=False, validators=[validate_logo],
                            widget=forms.FileInput(attrs={
                                "accept": "image/png,image/jpeg,image/webp"}),
                            help_text=_("PNG, JPEG or WebP, at most 1 MB and 2000 pixels on "
                                        "each side."))
    slides = forms.FileField(label=_("Slides (PDF)"), required=False,
                             widget=forms.FileInput(attrs={
                                 "accept": "application/pdf,.pdf"}))

    def __init__(self, *args, series: Series, application: PitchApplication | None = None,
                 **kwargs):
        self.series, self.application = series, application
        super().__init__(*args, **kwargs)
        self.languages = series_languages(series)
        for code in self.languages:
            name = LANGUAGE_NAMES[code]
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Short presentation (%(language)s)") % {"language": name},
                max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One or two sentences: what the company offers."))
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Presentation (%(language)s)") % {"language": name}, max_length=5000,
                required=False, widget=forms.Textarea(attrs={"rows": 6}))
        self.themes = {str(theme.pk): theme for theme in series.themes.all()}
        self.fields["theme"].choices = [("", "—")] + [
            (pk, theme.name) for pk, theme in self.themes.items()]
        self.fields["theme"].required = bool(self.themes)
        self.fields["slides"].required = application is None or not application.slides
        self.fields["slides"].help_text = _("A PDF of at most %(size)s MB, without scripts or "
                                            "passwords.") % {
            "size": settings.PITCH_SLIDES_MAX_MB}
        if application is not None:
            self.initial.update({
                "theme": str(application.theme_id or ""), "country": application.country.code,
                "website": application.website, "video_url": application.video_url,
                "presenter_name": application.presenter_name,
                "presenter_role": application.presenter_role,
            } | {f"{field}_{code}": getattr(application, f"{field}_{code}")
                 for field in ("summary", "description") for code in self.languages})

    def text_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"summary_{code}"], self[f"description_{code}"])
                for code in self.languages]

    def clean_theme(self):
        value = self.cleaned_data["theme"]
        if value and value not in self.themes:
            raise forms.ValidationError(_("Please choose one of the series' themes."))
        return self.themes.get(value)

    def clean_slides(self):
        slides = self.cleaned_data.get("slides")
        if slides:
            validate_slides(slides)
        return slides

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(f"summary_{code}") for code in self.languages):
            raise forms.ValidationError(_("Please write the short presentation in at least "
                                          "one language."))
        for code in self.languages:
            if data.get(f"description_{code}") and not data.get(f"summary_{code}"):
                self.add_error(f"summary_{code}", _("Please write the short presentation "
                                                    "in this language too."))
        return data

    def values(self) -> dict[str, Any]:
        """What the services take (pitches.services.applications)."""
        data = self.cleaned_data
        values = {name: data[name] for name in (
            "theme", "country", "website", "video_url", "presenter_name", "presenter_role")}
        values |= {f"{field}_{code}": data[f"{field}_{code}"] or ""
                   for field in ("summary", "description") for code in self.languages}
        for name in ("logo", "slides"):
            if data.get(name):
                values[name] = data[name]
        return values


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw our application"),
                                 error_messages={"required": _("Please confirm that you want "
                                                               "to withdraw the application.")})
