"""The agenda editor of an event page: {% agenda_editor event series as agenda %} in
orga/events/agenda_section.html reads everything the section shows, so that any page that
has `event` and `series` (the event page, the agenda's own page, an htmx answer) can
include it."""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.models import Event, Series, Talk
from orga import agenda_queries
from orga.forms.agenda import TalkForm

register = template.Library()

FIELD_LABELS = {
    ("event", "title"): _("Event title"),
    ("event", "summary"): _("Event summary"),
    ("talk", "title"): _("Talk title"),
    ("talk", "abstract"): _("Abstract"),
    ("speaker", "role"): _("Speaker's role"),
    ("speaker", "bio"): _("Speaker's biography"),
}


@dataclass
class TalkRow:
    talk: Talk
    first: bool
    last: bool
    edit_form: TalkForm | None = None
    missing: list[tuple[str, str]] = field(default_factory=list)   # (code, name)
    overlaps: bool = False    # it starts before the talk above it ends


@dataclass
class MissingRow:
    kind: str             # "event", "talk" or "speaker"
    obj: object
    field_label: str
    languages: list[tuple[str, str]]   # (code, name)
    url: str | None


@dataclass
class AgendaEditor:
    event: Event
    series: Series
    talks: list[TalkRow]
    add_form: TalkForm | None
    add_open: bool
    languages: list[tuple[str, str]]
    missing: list[MissingRow]
    missing_by_language: list[tuple[str, str, int]]
    previews: list[tuple[str, str, str]]
    can_change: bool
    notice: str = ""
    urls: dict[str, str] = field(default_factory=dict)


def _name(code: str) -> str:
    return str(dict(settings.CONTENT_LANGUAGES)[code])


def back_url(series: Series, event: Event) -> str:
    """The event's page in the workspace, at its agenda (the agenda's own page while the
    workspace has no event page)."""
    keys = {"series": series.slug, "event": event.pk}
    event_page = _url("orga:event_detail", **keys)
    return f"{event_page}#agenda-editor" if event_page else reverse("orga:agenda", kwargs=keys)


def _url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a page of another part of the workspace, not (yet) there
        return None


@register.simple_tag(takes_context=True)
def agenda_editor(context: template.Context, event: Event, series: Series) -> AgendaEditor:
    """The event's agenda for the editor: talks in order (one of them in its edit form when
    the view hands one over as `agenda_edit_form`), the form to add a talk
    (`agenda_add_form` when it came back with errors), the texts missing in the series'
    languages, the preview in each language. A constant number of queries."""
    request = context["request"]
    event.series = series
    can_change = request.user.has_perm("orga.change_event", event)
    talks = agenda_queries.agenda_talks(event=event)
    languages = agenda_queries.series_languages(series)
    missing = agenda_queries.missing_texts(event=event, talks=talks, languages=languages)
    edit_form: TalkForm | None = context.get("agenda_edit_form")
    add_form: TalkForm | None = context.get("agenda_add_form")
    if add_form is None and can_change:
        add_form = TalkForm(event=event, series=series, talks=talks)
    keys = {"series": series.slug, "event": event.pk}
    missing_of_talk = {text.obj.pk: [(code, _name(code)) for code in text.missing]
                       for text in missing.texts if text.kind == "talk" and text.field == "title"}
    rows = [TalkRow(talk=talk, first=index == 0, last=index == len(talks) - 1,
                    edit_form=edit_form if edit_form is not None and edit_form.talk is not None
                    and edit_form.talk.pk == talk.pk else None,
                    missing=missing_of_talk.get(talk.pk, []),
                    overlaps=index > 0 and talk.start < talks[index - 1].end)
            for index, talk in enumerate(talks)]
    previews = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            previews.append((code, name, reverse("orga:event_preview", kwargs=keys)))
    return AgendaEditor(
        event=event, series=series, talks=rows, add_form=add_form,
        add_open=add_form is not None and add_form.is_bound,
        languages=[(code, _name(code)) for code in languages],
        missing=[_missing_row(text, keys) for text in missing.texts],
        missing_by_language=[(code, _name(code), count)
                             for code, count in missing.by_language],
        previews=previews, can_change=can_change, notice=context.get("agenda_notice", ""),
        urls={"agenda": reverse("orga:agenda", kwargs=keys),
              "add": reverse("orga:talk_add", kwargs=keys), "back": back_url(series, event)},
    )


def _missing_row(text: agenda_queries.MissingText, keys: dict) -> MissingRow:
    if text.kind == "event":
        url = _url("orga:event_edit", **keys)
    elif text.kind == "talk":
        url = reverse("orga:talk_edit", kwargs=keys | {"talk": text.obj.pk})
    else:
        url = reverse("orga:speaker_edit", kwargs=keys | {"speaker": text.obj.pk})
    return MissingRow(kind=text.kind, obj=text.obj,
                      field_label=str(FIELD_LABELS[(text.kind, text.field)]),
                      languages=[(code, _name(code)) for code in text.missing], url=url)
