from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(TabbedTranslationAdmin):
    list_display = ["title", "series", "event", "published_at", "is_published"]
    list_filter = ["series", "is_published"]
    search_fields = ["title_de", "title_en", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["event"]
