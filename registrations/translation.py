"""The privacy notice is read by visitors, so it is translatable per content language."""

from modeltranslation.translator import TranslationOptions, register

from registrations.models import ConsentText


@register(ConsentText)
class ConsentTextTranslation(TranslationOptions):
    fields = ("text",)
