"""The first draft of an event's report (the article the seed is an example of), written
from the platform's data in each content language of the series.

`report_draft(event=…)` returns {language code: ReportDraft} for the series' content
languages. The facts are gathered once (`facts.report_facts`: a fixed number of queries);
each language writes its own sentences over them, with its own grammar (`de`, `en`, `es`,
`it`, `bg`: plural forms, ordinals with gender, cases, enumerations). The body is Markdown
for reports.markup, with every text from the database escaped; title and summary are plain
text. A content language without a module of its own gets the English draft.
"""

from events.models import Event
from orga.drafting import bg, de, en, es, it
from orga.drafting.common import ReportDraft
from orga.drafting.facts import report_facts

WRITERS = {module.LANGUAGE: module for module in (de, en, es, it, bg)}

__all__ = ["ReportDraft", "report_draft"]


def report_draft(*, event: Event) -> dict[str, ReportDraft]:
    facts = report_facts(event=event)
    return {language: WRITERS.get(language, en).draft(facts) for language in facts.languages}
