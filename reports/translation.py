from modeltranslation.translator import TranslationOptions, register

from reports.models import Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
