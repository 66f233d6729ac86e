"""The first draft of an event's report (the article the seed is an example of), written
from the platform's data in each content language of the series.

`report_draft(event=…)` returns {language code: ReportDraft} for the series' content
languages. FOUNDATION VERSION: one plain sentence per language; the drafting helper
replaces it with the real composition (facts gathered once, sentences per language with
their grammar) and keeps this interface.
"""

from dataclasses import dataclass

from django.utils import translation

from events.models import Event


@dataclass(frozen=True)
class ReportDraft:
    language: str
    title: str
    summary: str
    body: str  # Markdown


def report_draft(*, event: Event) -> dict[str, ReportDraft]:
    languages = event.series.content_languages or [event.series.default_language]
    drafts = {}
    for language in languages:
        with translation.override(language):
            title = getattr(event, f"title_{language}", "") or event.title
        drafts[language] = ReportDraft(language=language, title=title, summary="",
                                       body=f"{title}: {event.start:%Y-%m-%d}.")
    return drafts
