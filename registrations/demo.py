"""The demo series' privacy notice, so that visitors of the demo can register, and the 37
participants of the Leipzig kick-off (the seed's report counts them), registered, confirmed
and marked as attended, with the minutes each stayed.

The participants are invented; their addresses are under example.org. They registered for
the Leipzig event alone (no series registration: that would hold places at the coming
events), so the coming events start with every seat free.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import translation

from events.demo.data import BASE_LANGUAGE
from events.demo.load import row_save, rows_save
from events.models import Event, Organisation, Series, Theme
from registrations.models import Consent, ConsentText, Participant, Registration

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
    "es": (
        "Netzwerk Energie und Umwelt e.V. trata sus datos (nombre, dirección de correo "
        "electrónico, organización, país, cargo, intereses) para gestionar su inscripción en "
        "la serie de eventos, enviarle confirmaciones, recordatorios y enlaces de acceso, y "
        "elaborar estadísticas anónimas para los financiadores. Solo aparecerá en la lista "
        "de participantes si así lo desea. Con su enlace personal puede descargar o borrar "
        "sus datos en cualquier momento. (Texto de demostración)"
    ),
    "it": (
        "Netzwerk Energie und Umwelt e.V. tratta i suoi dati (nome, indirizzo e-mail, "
        "organizzazione, paese, ruolo, interessi) per gestire la sua iscrizione alla serie di "
        "eventi, inviarle conferme, promemoria e link di accesso, ed elaborare statistiche "
        "anonime per i finanziatori. Comparirà nell'elenco dei partecipanti solo se lo "
        "desidera. Con il suo link personale può scaricare o cancellare i suoi dati in "
        "qualsiasi momento. (Testo dimostrativo)"
    ),
    "bg": (
        "Netzwerk Energie und Umwelt e.V. обработва Вашите данни (име, имейл адрес, "
        "организация, държава, длъжност, интереси), за да управлява регистрацията Ви за "
        "поредицата от събития, да Ви изпраща потвърждения, напомняния и връзки за достъп и "
        "да изготвя анонимна статистика за финансиращите организации. Ще фигурирате в "
        "списъка на участниците само ако желаете. Чрез личната си връзка можете по всяко "
        "време да изтеглите или изтриете данните си. (Демонстрационен текст)"
    ),
}

SME = Organisation.Kind.SME
LARGE = Organisation.Kind.LARGE_COMPANY
PUBLIC = Organisation.Kind.PUBLIC_ADMINISTRATION
RESEARCH = Organisation.Kind.RESEARCH
NETWORK = Organisation.Kind.NETWORK
PA, MOB, EN, ICT = "public-administration", "mobility", "energy-sustainability", "ict"

# The Leipzig kick-off's 37 participants: address (at example.org), name, job title,
# organisation, its kind, country (of the person and the organisation), language, listed in
# the public participant list, themes of interest.
LEIPZIG_PARTICIPANTS: list[tuple] = [
    ("anna.schulze", "Anna Schulze", "Projektmanagerin", "Solarwerk Mitteldeutschland",
     SME, "DE", "de", True, [EN]),
    ("thomas.becker", "Thomas Becker", "Geschäftsführer", "Becker Verkehrsplanung",
     SME, "DE", "de", True, [MOB]),
    ("julia.wagner", "Julia Wagner", "Referentin Digitalisierung", "Stadt Lindenau",
     PUBLIC, "DE", "de", False, [PA, ICT]),
    ("michael.krause", "Michael Krause", "Leiter Innovation", "Mitteldeutsche Netzgesellschaft",
     LARGE, "DE", "de", True, [EN, ICT]),
    ("sabine.hoffmann", "Sabine Hoffmann", "Wissenschaftliche Mitarbeiterin",
     "Institut für Stadtforschung Leipzig", RESEARCH, "DE", "de", True, [PA, MOB]),
    ("felix.neumann", "Felix Neumann", "Gründer", "Quartierstrom Software",
     SME, "DE", "de", False, [EN, ICT]),
    ("claudia.lehmann", "Claudia Lehmann", "Clustermanagerin", "Energiecluster Sachsen",
     NETWORK, "DE", "de", True, [EN]),
    ("stefan.wolf", "Stefan Wolf", "Vertriebsleiter", "Wolf Ladeinfrastruktur",
     SME, "DE", "de", False, [MOB, EN]),
    ("katharina.braun", "Katharina Braun", "Amtsleiterin", "Landkreis Muldental-Nord",
     PUBLIC, "DE", "de", False, [PA]),
    ("markus.zimmermann", "Markus Zimmermann", "Softwareentwickler", "Datenwerk Leipzig",
     SME, "DE", "en", True, [ICT]),
    ("lisa.hartung", "Lisa Hartung", "Doktorandin", "Hochschule für Technik Leipzig",
     RESEARCH, "DE", "de", False, [MOB, ICT]),
    ("jan.seidel", "Jan Seidel", "Projektleiter", "Seidel Gebäudetechnik",
     SME, "DE", "de", True, [EN]),
    ("maria.koch", "Maria Koch", "Referentin Wirtschaftsförderung", "Stadt Grimmwald",
     PUBLIC, "DE", "de", False, [PA, ICT]),
    ("tobias.franke", "Tobias Franke", "Geschäftsführer", "Franke Mobility Consulting",
     SME, "DE", "de", True, [MOB]),
    ("elena.markova", "Елена Маркова", "Управител", "Енерджи Хаб София",
     SME, "BG", "bg", True, [EN]),
    ("georgi.angelov", "Георги Ангелов", "Експерт „Цифрови услуги“", "Община Витошко",
     PUBLIC, "BG", "bg", False, [PA, ICT]),
    ("ralitsa.ivanova", "Ralitsa Ivanova", "Software architect", "Plovdiv Code Works",
     SME, "BG", "en", True, [ICT]),
    ("dimitar.popov", "Димитър Попов", "Изследовател", "Институт за градски технологии",
     RESEARCH, "BG", "bg", False, [MOB, ICT]),
    ("vesela.hristova", "Весела Христова", "Мениджър проекти", "Клъстер „Умни сгради“",
     NETWORK, "BG", "bg", True, [EN]),
    ("javier.martin", "Javier Martín", "Director de innovación", "Movilidad Urbana Norte",
     SME, "ES", "es", True, [MOB]),
    ("laura.garcia", "Laura García", "Técnica de proyectos europeos",
     "Ayuntamiento de Villaverde del Río", PUBLIC, "ES", "es", False, [PA]),
    ("unai.arrieta", "Unai Arrieta", "Ingeniero", "Arrieta Energía",
     SME, "ES", "es", True, [EN]),
    ("carmen.lopez", "Carmen López", "Investigadora", "Centro Tecnológico de Ciudades",
     RESEARCH, "ES", "es", False, [ICT, PA]),
    ("pablo.sanchez", "Pablo Sánchez", "Consultor", "Sánchez & Ruiz Consultores",
     SME, "ES", "en", True, [MOB, ICT]),
    ("giulia.romano", "Giulia Romano", "Responsabile sviluppo", "Romano Impianti",
     SME, "IT", "it", True, [EN]),
    ("matteo.esposito", "Matteo Esposito", "Funzionario", "Comune di Valdoria",
     PUBLIC, "IT", "it", False, [PA]),
    ("sara.colombo", "Sara Colombo", "Ricercatrice", "Politecnico delle Città",
     RESEARCH, "IT", "it", True, [MOB, EN]),
    ("davide.ricci", "Davide Ricci", "CEO", "Ricci Smart Lighting",
     SME, "IT", "en", True, [EN, ICT]),
    ("elisa.moretti", "Elisa Moretti", "Project manager", "Cluster Tecnologie Urbane",
     NETWORK, "IT", "it", False, [PA, ICT]),
    ("lukas.gruber", "Lukas Gruber", "Geschäftsführer", "Gruber E-Mobilität",
     SME, "AT", "de", True, [MOB]),
    ("theresa.huber", "Theresa Huber", "Stadtplanerin", "Magistrat Donaustadt-Süd",
     PUBLIC, "AT", "de", False, [PA]),
    ("piotr.nowak", "Piotr Nowak", "Business developer", "Nowak Smart Grid",
     SME, "PL", "en", True, [EN]),
    ("agnieszka.wisniewska", "Agnieszka Wiśniewska", "Researcher",
     "Institute of Urban Mobility Kraków", RESEARCH, "PL", "en", False, [MOB]),
    ("camille.dubois", "Camille Dubois", "Chargée de mission", "Agence Ville Durable",
     PUBLIC, "FR", "en", True, [PA, EN]),
    ("sanne.devries", "Sanne de Vries", "Product owner", "Fietsdata",
     SME, "NL", "en", True, [MOB, ICT]),
    ("rafael.souza", "Rafael Souza", "Urban data analyst", "Cidades Conectadas",
     SME, "BR", "en", False, [ICT]),
    ("priya.raman", "Priya Raman", "Programme manager", "Smart Cities Alliance Chennai",
     NETWORK, "IN", "en", True, [PA, ICT]),
]
EMAIL_DOMAIN = "example.org"


def consent_demo_load(*, series: Series) -> ConsentText:
    """Version 1 of the demo's privacy notice, created or updated."""
    with translation.override(BASE_LANGUAGE):
        return row_save(ConsentText, lookup={"series": series, "version": 1}, values={
            "text": PRIVACY_NOTICE[BASE_LANGUAGE],
            **{f"text_{language}": text for language, text in PRIVACY_NOTICE.items()}})


def _demo_minutes(*, number: int, event: Event) -> int:
    """How long the demo's participant number `number` stayed: most of the event, some
    joined late or left early (between an hour and all of it)."""
    length = int((event.end - event.start).total_seconds() // 60)
    return length - (number * 29) % max(length - 60, 1)


@transaction.atomic
def participants_demo_load(*, series: Series, consent: ConsentText) -> list[Registration]:
    """The Leipzig kick-off's participants, each with a confirmed, attended registration.

    Created or updated by address (a row already right is not written): registered one to
    four weeks before the event (a participant every 17 hours), confirmed ten minutes
    later, consent to `consent` given when registering, themes of interest set. Returns
    the registrations.
    """
    event = Event.objects.get(series=series, slug="leipzig")
    themes = {theme.slug: theme for theme in Theme.objects.filter(series=series)}
    emails = [f"{row[0]}@{EMAIL_DOMAIN}" for row in LEIPZIG_PARTICIPANTS]
    known = {participant.email: participant for participant in
             Participant.objects.filter(email__in=emails).prefetch_related("themes")}
    consents = {item.participant_id: item for item in consent.consents.all()}
    held = {registration.participant_id: registration for registration in
            event.registrations.filter(participant__email__in=emails)}
    rows = []
    for number, (local, name, job_title, organisation, kind, country, language, listed,
                 _interests) in enumerate(LEIPZIG_PARTICIPANTS):
        email = f"{local}@{EMAIL_DOMAIN}"
        requested = event.start - timedelta(days=28) + timedelta(hours=17 * number)
        rows.append((email, requested, {
            "name": name, "job_title": job_title, "organisation_name": organisation,
            "organisation_kind": kind, "organisation_country": country, "country": country,
            "language": language, "listed_publicly": listed,
            "confirmed_at": requested + timedelta(minutes=10), "confirm_nonce": "",
            "anonymised_at": None,
            **({} if email in known else {"link_key": secrets.token_hex(16)}),
        }))
    participants = rows_save(Participant, [
        ({"email": email}, values, known.get(email)) for email, _requested, values in rows])
    rows_save(Consent, [
        ({"participant": participant, "text": consent}, {"given_at": requested},
         consents.get(participant.pk))
        for participant, (_email, requested, _values) in zip(participants, rows, strict=True)])
    through = Participant.themes.through
    for participant, row in zip(participants, LEIPZIG_PARTICIPANTS, strict=True):
        wanted = {themes[slug] for slug in row[8]}
        if participant.email in known and set(participant.themes.all()) != wanted:
            participant.themes.set(wanted)
    through.objects.bulk_create(
        through(participant=participant, theme=themes[slug])
        for participant, row in zip(participants, LEIPZIG_PARTICIPANTS, strict=True)
        if participant.email not in known for slug in row[8])
    return rows_save(Registration, [
        ({"participant": participant, "event": event}, {
            "state": Registration.State.CONFIRMED, "attended": True,
            "attended_minutes": _demo_minutes(number=number, event=event),
            "requested_at": requested, "confirmed_at": participant.confirmed_at,
            "cancelled_at": None, "series_registration": None,
        }, held.get(participant.pk))
        for number, (participant, (_email, requested, _values))
        in enumerate(zip(participants, rows, strict=True))])
