"""The demo's call for pitches: the closing pitch session's call is open while the demo's
showcases run (it closes two weeks before the session), with three criteria, and two SMEs
of the Leipzig kick-off have applied — so that the series page, the session's page and
the personal pages of the Leipzig SMEs say so, and the workspace has applications to
review. Created or updated like the rest of the demo (events.demo.load.rows_save): a
second load writes nothing."""

from datetime import timedelta

from events.demo.load import row_save
from events.models import Event, Series
from pitches.models import PitchApplication, PitchCall, PitchCriterion, organisation_key
from registrations.models import Participant

CRITERIA = [
    {"de": "Innovation", "en": "Innovation", "es": "Innovación", "it": "Innovazione",
     "bg": "Иновативност"},
    {"de": "Passung zu den Themen der Reihe", "en": "Fit with the series' themes",
     "es": "Adecuación a los temas de la serie", "it": "Coerenza con i temi della serie",
     "bg": "Съответствие с темите на поредицата"},
    {"de": "Internationales Potenzial", "en": "International potential",
     "es": "Potencial internacional", "it": "Potenziale internazionale",
     "bg": "Международен потенциал"},
]
# (participant's address at example.org, theme slug, short and long presentation by language)
APPLICATIONS = [
    ("anna.schulze", "energy-sustainability", {
        "de": ("Solarstrom für Mehrfamilienhäuser, vom Dach direkt in die Wohnungen.",
               "Wir planen und betreiben Mieterstromanlagen in Mitteldeutschland: die "
               "Mieterinnen beziehen den Strom vom eigenen Dach günstiger als vom Netz."),
        "en": ("Solar power for apartment blocks, from the roof straight into the flats.",
               "We plan and run tenant electricity systems in Central Germany: tenants buy "
               "the power of their own roof for less than from the grid."),
    }),
    ("thomas.becker", "mobility", {
        "de": ("Verkehrsplanung mit offenen Daten für kleine Städte.",
               "Unsere Werkzeuge machen aus offenen Verkehrsdaten Pläne für Radwege und "
               "Busnetze, die sich auch kleine Gemeinden leisten können."),
    }),
]
EMAIL_DOMAIN = "example.org"


def pitch_call_demo_load(*, series: Series) -> PitchCall:
    """The call of the demo's pitch session, its criteria and its two applications."""
    event = Event.objects.get(series=series, kind=Event.Kind.PITCH_SESSION)
    call = row_save(PitchCall, lookup={"event": event}, values={
        "opens_at": event.start - timedelta(days=42),
        "closes_at": event.start - timedelta(days=14),
        "pitch_minutes": 5, "pitch_count": 8, "open_to_non_members": True, "confirm_days": 5,
        "voting_opens_at": None, "voting_closes_at": None, "results_announced_at": None})
    for position, names in enumerate(CRITERIA):
        row_save(PitchCriterion, lookup={"call": call, "position": position},
                 values={f"name_{code}": name for code, name in names.items()})
    themes = {theme.slug: theme for theme in series.themes.all()}
    for local, theme, texts in APPLICATIONS:
        participant = Participant.objects.get(email=f"{local}@{EMAIL_DOMAIN}")
        submitted = call.opens_at + timedelta(days=3 + len(local) % 5)
        row_save(PitchApplication, lookup={"call": call, "participant": participant}, values={
            "organisation_name": participant.organisation_name,
            "organisation_key": organisation_key(participant.organisation_name),
            "country": participant.country, "theme": themes[theme],
            "website": "", "video_url": "", "presenter_name": participant.name,
            "presenter_role": participant.job_title,
            "state": PitchApplication.State.SUBMITTED, "submitted_at": submitted,
            "updated_at": submitted,
            **{f"summary_{code}": short for code, (short, _long) in texts.items()},
            **{f"description_{code}": long for code, (_short, long) in texts.items()}})
    return call
