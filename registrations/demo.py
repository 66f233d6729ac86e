"""The demo series' privacy notice, so that visitors of the demo can register."""

from events.models import Series
from registrations.models import ConsentText

PRIVACY_NOTICE = {
    "de": (
        "Netzwerk Energie und Umwelt e.V. verarbeitet Ihre Angaben (Name, E-Mail-Adresse, "
        "Organisation, Land, Funktion, Interessen), um Ihre Anmeldung zur Veranstaltungsreihe "
        "zu verwalten, Ihnen Bestätigungen, Erinnerungen und Zugangslinks zu senden und "
        "anonyme Statistiken für die Förderer zu erstellen. Auf der Teilnehmendenliste "
        "erscheinen Sie nur, wenn Sie es wünschen. Über Ihren persönlichen Link können Sie "
        "Ihre Daten jederzeit herunterladen oder löschen. (Demo-Text)"
    ),
    "en": (
        "Netzwerk Energie und Umwelt e.V. processes your details (name, e-mail address, "
        "organisation, country, job title, interests) to manage your registration for the "
        "event series, to send you confirmations, reminders and join links, and to compile "
        "anonymous statistics for the funders. You appear in the participant list only if "
        "you choose to. Through your personal link you can download or delete your data at "
        "any time. (Demo text)"
    ),
}


def consent_demo_load(*, series: Series) -> ConsentText:
    """Version 1 of the demo's privacy notice, created or updated."""
    consent, _created = ConsentText.objects.update_or_create(
        series=series, version=1,
        defaults={"text": PRIVACY_NOTICE["en"], "text_de": PRIVACY_NOTICE["de"],
                  "text_en": PRIVACY_NOTICE["en"]},
    )
    return consent
