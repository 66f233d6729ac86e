"""Texts that visitors read, translatable per content language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event, Organisation, Region, Series, Speaker, Talk, Theme


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("title", "tagline", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role", "bio")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "venue")


@register(Talk)
class TalkTranslation(TranslationOptions):
    fields = ("title", "abstract")
