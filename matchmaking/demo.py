"""The demo's matchmaking: open in the series, one online networking block in the closing
pitch session (six meetings of 15 minutes before its end), ten participants of the Leipzig
kick-off from five countries registered for the session with profiles, and requests in
every state — one meeting booked, three accepted for the organisers' "schedule all", two
waiting for an answer, one declined. Created or updated like the rest of the demo
(events.demo.load.row_save): a second load writes nothing."""

from datetime import timedelta

from events.demo.load import row_save, rows_save
from events.models import Event, Organisation, Series
from matchmaking.models import (
    MatchmakingProfile,
    MatchmakingSettings,
    MeetingRequest,
    NetworkingBlock,
    pair_key,
)
from registrations.models import Participant, Registration

EMAIL_DOMAIN = "example.org"
SLOTS, SLOT_MINUTES = 6, 15
PA, MOB, EN, ICT = "public-administration", "mobility", "energy-sustainability", "ict"

# address (at example.org), offer, need, themes offered, themes looked for, languages
PROFILES: list[tuple] = [
    ("anna.schulze", "Planung und Betrieb von Mieterstromanlagen auf Mehrfamilienhäusern.",
     "Partner für Speicherlösungen und Wohnungsbaugesellschaften im Ausland.",
     [EN], [EN, ICT], ["de", "en"]),
    ("thomas.becker", "Verkehrsplanung mit offenen Daten für kleine Städte.",
     "Kommunen, die Radwege und Busnetze planen, und Datenpartner.", [MOB], [PA, ICT],
     ["de", "en"]),
    ("michael.krause", "Netzanschluss und Lastmanagement für Quartiere.",
     "Start-ups mit Software für Energiemanagement.", [EN], [ICT], ["de", "en"]),
    ("elena.markova", "Енергиен мениджмънт и консултации за общини и сгради.",
     "Партньори за соларни проекти и съхранение на енергия.", [EN, PA], [EN],
     ["bg", "en"]),
    ("ralitsa.ivanova", "Cloud platforms and data integration for city services.",
     "Municipal pilots and energy utilities that need data tools.", [ICT], [PA, EN],
     ["bg", "en"]),
    ("javier.martin", "Soluciones de movilidad urbana compartida para ciudades medianas.",
     "Socios tecnológicos para datos de tráfico y ayuntamientos piloto.", [MOB],
     [ICT, PA], ["es", "en"]),
    ("unai.arrieta", "Ingeniería de instalaciones solares y de biomasa.",
     "Distribuidores y socios europeos para proyectos de comunidades energéticas.", [EN],
     [EN], ["es", "en"]),
    ("giulia.romano", "Impianti fotovoltaici e pompe di calore per edifici pubblici.",
     "Partner per software di monitoraggio energetico e comuni interessati.", [EN],
     [ICT, PA], ["it", "en"]),
    ("davide.ricci", "Smart street lighting with sensors for traffic and air quality.",
     "Cities that want to pilot connected lighting, and mobility data partners.",
     [ICT, MOB], [PA, MOB], ["it", "en"]),
    ("piotr.nowak", "Smart grid analytics for distribution networks.",
     "Solar installers and energy communities to test our forecasts.", [EN, ICT], [EN],
     ["pl", "en"]),
]
# (sender, receiver, state, slot booked by the two or None, message)
REQUESTS: list[tuple] = [
    ("anna.schulze", "elena.markova", MeetingRequest.State.ACCEPTED, 1,
     "Ihre Erfahrung mit Gemeinden in Bulgarien interessiert uns sehr."),
    ("javier.martin", "davide.ricci", MeetingRequest.State.ACCEPTED, None,
     "Nos interesa su iluminación inteligente para un piloto en Bilbao."),
    ("giulia.romano", "ralitsa.ivanova", MeetingRequest.State.ACCEPTED, None,
     "Cerchiamo un partner per il monitoraggio energetico."),
    ("piotr.nowak", "unai.arrieta", MeetingRequest.State.ACCEPTED, None,
     "Would you test our solar forecasts on one of your projects?"),
    ("thomas.becker", "javier.martin", MeetingRequest.State.PENDING, None,
     "Wir suchen Partner für offene Verkehrsdaten in Spanien."),
    ("ralitsa.ivanova", "michael.krause", MeetingRequest.State.PENDING, None,
     "Our data platform could help your load management."),
    ("unai.arrieta", "giulia.romano", MeetingRequest.State.DECLINED, None,
     "¿Hablamos de comunidades energéticas?"),
]


def matchmaking_demo_load(*, series: Series) -> NetworkingBlock:
    """Matchmaking open in the demo series, its block, profiles and requests."""
    row_save(MatchmakingSettings, lookup={"series": series},
             values={"is_open": True, "max_open_requests": 10, "room_url_pattern": ""})
    event = Event.objects.get(series=series, kind=Event.Kind.PITCH_SESSION)
    block = row_save(NetworkingBlock, lookup={"event": event}, values={
        "starts_at": event.end - timedelta(minutes=SLOTS * SLOT_MINUTES),
        "slot_minutes": SLOT_MINUTES, "slot_count": SLOTS, "tables": None})
    themes = {theme.slug: theme for theme in series.themes.all()}
    emails = [f"{row[0]}@{EMAIL_DOMAIN}" for row in PROFILES]
    participants = {participant.email: participant
                    for participant in Participant.objects.filter(email__in=emails)}
    held = {registration.participant_id: registration
            for registration in event.registrations.filter(participant__email__in=emails)}
    known = {profile.participant_id: profile for profile in MatchmakingProfile.objects.filter(
        series=series, participant__email__in=emails).prefetch_related("offer_themes",
                                                                       "need_themes")}
    rows = [(participants[f"{row[0]}@{EMAIL_DOMAIN}"], row) for row in PROFILES]
    rows_save(Registration, [
        ({"participant": participant, "event": event}, {
            "state": Registration.State.CONFIRMED, "cancelled_at": None,
            "requested_at": event.start - timedelta(days=20, hours=-number),
            "confirmed_at": event.start - timedelta(days=20, hours=-number),
            "series_registration": None}, held.get(participant.pk))
        for number, (participant, _row) in enumerate(rows)])
    saved = rows_save(MatchmakingProfile, [
        ({"series": series, "participant": participant}, {
            "organisation_name": participant.organisation_name,
            "organisation_kind": participant.organisation_kind or Organisation.Kind.OTHER,
            "country": participant.organisation_country, "offer": offer, "need": need,
            "languages": languages, "phone": ""}, known.get(participant.pk))
        for participant, (_local, offer, need, _offers, _needs, languages) in rows])
    profiles = {}
    new_themes = {"offer_themes": [], "need_themes": []}
    for profile, (participant, (local, _o, _n, offers, needs, _l)) in zip(saved, rows,
                                                                           strict=True):
        profiles[local] = profile
        for field, wanted in (("offer_themes", offers), ("need_themes", needs)):
            through = getattr(MatchmakingProfile, field).through
            if participant.pk not in known:
                new_themes[field] += [through(matchmakingprofile=profile, theme=themes[slug])
                                      for slug in wanted]
            elif {theme.slug for theme in getattr(profile, field).all()} != set(wanted):
                getattr(profile, field).set([themes[slug] for slug in wanted])
    for field, through_rows in new_themes.items():
        getattr(MatchmakingProfile, field).through.objects.bulk_create(through_rows)
    requests = {request.pair: request for request in MeetingRequest.objects.filter(block=block)}
    request_rows = []
    for number, (sender, receiver, state, slot, message) in enumerate(REQUESTS):
        one, other = profiles[sender], profiles[receiver]
        sent = event.start - timedelta(days=10, hours=-3 * number)
        answered = sent + timedelta(hours=5) if state != MeetingRequest.State.PENDING else None
        pair = pair_key(one.pk, other.pk)
        request_rows.append(({"block": block, "pair": pair}, {
            "sender": one, "receiver": other, "sender_country": one.country,
            "receiver_country": other.country, "message": message, "state": state,
            "created_at": sent, "answered_at": answered, "slot": slot,
            "booked_by": MeetingRequest.BookedBy.PARTICIPANT if slot is not None else "",
            "scheduled_at": answered if slot is not None else None}, requests.get(pair)))
    rows_save(MeetingRequest, request_rows)
    return block
