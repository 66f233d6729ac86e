"""Texts that visitors read, per content language (django-modeltranslation): the
criteria's names, and the company presentation an applicant writes in one or more of the
series' content languages."""

from modeltranslation.translator import TranslationOptions, register

from pitches.models import PitchApplication, PitchCriterion


@register(PitchCriterion)
class PitchCriterionTranslation(TranslationOptions):
    fields = ("name",)


@register(PitchApplication)
class PitchApplicationTranslation(TranslationOptions):
    fields = ("summary", "description")
