"""The report draft in German: gender-neutral ('37 Teilnehmende', '1 teilnehmende Person'),
cases where the sentence asks for them ('aus 12 Ländern', 'bei der ersten Veranstaltung',
'mit vier Vorträgen'), „…“ quotes, 'sowie' before a last item that has an 'und' itself."""

from datetime import date

from events.models import Event, Talk
from orga.drafting.common import (
    ReportDraft,
    bold,
    country_name,
    enumerate_words,
    excerpt,
    full_stop,
    md,
    paragraphs,
)
from orga.drafting.facts import NextEventFacts, ReportFacts, SpeakerFacts, TalkFacts

LANGUAGE = "de"
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")
# The stem of the ordinal: + 'e' after 'die' (die erste Veranstaltung), + 'en' after 'der'
# in the dative (bei der ersten), + 'er' without article (als dritter Beitrag).
ORDINALS = ("erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt",
            "zehnt")
NUMBERS = ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
           "elf", "zwölf")


def ordinal(number: int, ending: str) -> str:
    return ORDINALS[number - 1] + ending if number <= len(ORDINALS) else f"{number}."


def people(number: int) -> str:
    return "1 teilnehmende Person" if number == 1 else f"{number} Teilnehmende"


def persons(number: int) -> str:
    return "1 Person" if number == 1 else f"{number} Personen"


def from_countries(number: int) -> str:
    """Dative: 'aus 1 Land', 'aus 12 Ländern'."""
    return "aus 1 Land" if number == 1 else f"aus {number} Ländern"


def with_talks(number: int, *, pitches: bool) -> str:
    """Dative, after 'mit': 'einem Vortrag', 'vier Vorträgen', 'zwölf Pitches', '14 Vorträgen'."""
    if number == 1:
        return "einem Pitch" if pitches else "einem Vortrag"
    figure = NUMBERS[number - 1] if number <= len(NUMBERS) else str(number)
    return f"{figure} {'Pitches' if pitches else 'Vorträgen'}"


def meetings(number: int) -> str:
    figure = NUMBERS[number - 1] if number <= len(NUMBERS) else str(number)
    return f"{figure} Treffen"


def day(value: date) -> str:
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def join(items: list[str]) -> str:
    """'A, B und C'; 'A, B und C sowie D' reads better when the last has its own 'und'."""
    word = "sowie" if len(items) > 2 and any(" und " in item for item in items) else "und"
    return enumerate_words(items, conjunction=word)


def country(code: str) -> str:
    return country_name(code, LANGUAGE)


def quoted(text: str) -> str:
    return f"„{md(text)}“"


def speaker(person: SpeakerFacts) -> str:
    role = person.role[LANGUAGE]
    details = [role] if role else []
    if person.organisation and person.organisation not in role:
        details.append(person.organisation)
    separator = "; " if "," in role else ", "
    return bold(person.name) + (f" ({md(separator.join(details))})" if details else "")


def speakers(talk: TalkFacts) -> str:
    return join([speaker(person) for person in talk.speakers])


def verb(talk: TalkFacts, singular: str, plural: str) -> str:
    return plural if len(talk.speakers) > 1 else singular


def with_excerpt(sentence: str, talk: TalkFacts) -> str:
    abstract = talk.excerpt_source.get(LANGUAGE)
    return f"{sentence} {md(excerpt(abstract))}" if abstract else sentence


def place(facts: ReportFacts) -> str:
    if facts.region:
        return facts.region[LANGUAGE]
    if facts.kind == Event.Kind.PITCH_SESSION:
        return "Pitch-Session"
    return facts.title[LANGUAGE]


def title(facts: ReportFacts) -> str:
    series = facts.series_title[LANGUAGE]
    if facts.attendance.known:
        return (f"{place(facts)}: {people(facts.attendance.attended)} bei der "
                f"{ordinal(facts.ordinal, 'en')} Veranstaltung von {series}")
    return f"{place(facts)}: die {ordinal(facts.ordinal, 'e')} Veranstaltung von {series}"


def programme(facts: ReportFacts) -> str:
    """'einer Keynote von X und vier Vorträgen' (dative, after 'mit'), or ''."""
    parts = []
    if facts.keynotes:
        names = [person.name for talk in facts.keynotes for person in talk.speakers]
        parts.append(f"einer Keynote von {join(names)}" if names else "einer Keynote")
    talks = [*facts.talks, *([facts.closing] if facts.closing else [])]
    if talks:
        parts.append(with_talks(len(talks), pitches=all(
            talk.kind == Talk.Kind.PITCH for talk in talks)))
    return join(parts)


def summary(facts: ReportFacts) -> str:
    opening = (f"Die {ordinal(facts.ordinal, 'e')} Veranstaltung von "
               f"{facts.series_title[LANGUAGE]} fand am {day(facts.day)} "
               f"{held(facts, markdown=False)} statt")
    content = programme(facts)
    if facts.region and content:
        return f"{opening} und stellte mit {content} die Region {facts.region[LANGUAGE]} vor."
    if facts.region:
        return f"{opening} und stellte die Region {facts.region[LANGUAGE]} vor."
    if content:
        return f"{opening}, mit {content}."
    return f"{opening}."


def held(facts: ReportFacts, *, markdown: bool = True) -> str:
    venue = facts.venue.get(LANGUAGE, "")
    venue = md(venue) if markdown else venue
    where = f" ({venue})" if venue and markdown else ""
    if facts.format == Event.Format.HYBRID:
        return f"vor Ort{where} und online"
    if facts.format == Event.Format.ON_SITE:
        return f"vor Ort{where}"
    return "online"


def kind(facts: ReportFacts) -> str:
    if facts.kind == Event.Kind.SHOWCASE and facts.region:
        region = f"die Region {md(facts.region[LANGUAGE])}"
        if facts.region_country:
            region += f" ({md(country(facts.region_country))})"
        return f"eine regionale Vorstellung, bei der sich {region} präsentierte"
    if facts.kind == Event.Kind.SHOWCASE:
        return "eine regionale Vorstellung"
    if facts.kind == Event.Kind.PITCH_SESSION:
        return ("die Pitch-Session, in der sich Unternehmen der Reihe einem internationalen "
                "Publikum vorstellen")
    return quoted(facts.title[LANGUAGE])


def opening(facts: ReportFacts) -> str:
    first = (f"Am {day(facts.day)} fand die {ordinal(facts.ordinal, 'e')} Veranstaltung der "
             f"Reihe {bold(facts.series_title[LANGUAGE])} {held(facts)} statt: {kind(facts)}.")
    attendance = facts.attendance
    organiser = md(facts.organiser)
    if attendance.known:
        welcomed = "Begrüßt wurde" if attendance.attended == 1 else "Begrüßt wurden"
        second = (f"{welcomed} **{people(attendance.attended)}** "
                  f"{from_countries(attendance.attended_countries)}.")
    else:
        second = ("Begrüßt wurden **\\[Zahl der "
                  "Teilnehmenden: ergänzen, sobald die Anwesenheit bekannt ist\\]**.")
        if attendance.registered:
            had = "hatte" if attendance.registered == 1 else "hatten"
            second += (f" Angemeldet {had} sich {persons(attendance.registered)} "
                       f"{from_countries(attendance.registered_countries)}.")
    return f"{first} {second} {full_stop(f'Veranstalter der Reihe ist {organiser}')}"


def series(facts: ReportFacts) -> str:
    countries = join([md(country(code)) for code in facts.partner_countries])
    themes = join([md(theme[LANGUAGE]) for theme in facts.themes])
    sentences = []
    if countries:
        where = f"In {meetings(facts.showcases)}" if facts.showcases >= 2 else "In der Reihe"
        partners = ("den Partnerländern" if len(facts.partner_countries) > 1 else
                    "dem Partnerland")
        sentence = f"{where} stellen sich regionale Akteure aus {partners} {countries}"
        sentence += (f" zu den Themenfeldern der Reihe vor: {themes}." if themes else " vor.")
        sentences.append(sentence)
    elif themes:
        sentences.append(f"Die Themenfelder der Reihe sind {themes}.")
    if sentences and facts.has_pitch_session:
        sentences.append("Zum Abschluss können sich alle für die Reihe registrierten "
                         "Unternehmen einem internationalen Publikum präsentieren.")
    return " ".join(sentences)


def welcome(facts: ReportFacts) -> str:
    return f"Nach der Begrüßung durch {speakers(facts.welcome)}" if facts.welcome else ""


def keynotes(facts: ReportFacts) -> list[str]:
    blocks = []
    for index, talk in enumerate(facts.keynotes):
        topic = quoted(talk.title[LANGUAGE])
        who = speakers(talk)
        held_by = verb(talk, "hielt", "hielten")
        lead = welcome(facts) if index == 0 else ""
        if index > 0:
            sentence = (f"Eine weitere Keynote {held_by} {who}: {topic}." if who else
                        f"Es folgte eine weitere Keynote: {topic}.")
        elif lead and who:
            sentence = f"{lead} {held_by} {who} die Keynote: {topic}."
        elif lead:
            sentence = f"{lead} folgte die Keynote {topic}."
        else:
            sentence = (f"Die Keynote {held_by} {who}: {topic}." if who else
                        f"Zu Beginn stand die Keynote {topic}.")
        blocks.append(with_excerpt(sentence, talk))
    return blocks


def talk_intro(facts: ReportFacts) -> str:
    before = bool(facts.keynotes or facts.welcome)
    if all(talk.kind == Talk.Kind.PITCH for talk in facts.talks):
        return ("Anschließend präsentierten sich die Unternehmen in ihren Pitches." if before
                else "Die Unternehmen präsentierten sich in ihren Pitches.")
    if facts.talks_regional and facts.region:
        region = md(facts.region[LANGUAGE])
        return (f"Anschließend folgten die Vorträge aus der Region {region}." if before else
                f"Auf dem Programm standen die Vorträge aus der Region {region}.")
    return "Anschließend folgten die Vorträge." if before else ""


def talk_sentence(facts: ReportFacts, index: int, talk: TalkFacts) -> str:
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    last = len(facts.talks) - 1
    pitch = talk.kind == Talk.Kind.PITCH
    if not who:
        return f"Zu Beginn stand {topic}." if index == 0 else f"Danach folgte {topic}."
    if index == 0:
        return f"Den Anfang {verb(talk, 'machte', 'machten')} {who} mit {topic}."
    if index == last and index >= 2 and facts.talks_regional:
        region = md(facts.region[LANGUAGE])
        return (f"Als {ordinal(index + 1, 'er')} und letzter Beitrag aus der Region {region} "
                f"folgte {topic} von {who}.")
    if pitch:
        return f"Danach {verb(talk, 'präsentierte', 'präsentierten')} {who} {topic}."
    if index % 2:
        return f"Danach {verb(talk, 'sprach', 'sprachen')} {who} über {topic}."
    return f"Anschließend {verb(talk, 'stellte', 'stellten')} {who} {topic} vor."


def talks(facts: ReportFacts) -> list[str]:
    if not facts.talks:
        return []
    blocks = [with_excerpt(talk_sentence(facts, index, talk), talk)
              for index, talk in enumerate(facts.talks)]
    if not facts.keynotes and facts.welcome:
        blocks[0] = (f"Die Veranstaltung begann mit einer Begrüßung durch "
                     f"{speakers(facts.welcome)}. {talk_intro(facts)} {blocks[0]}")
    elif intro := talk_intro(facts):
        blocks[0] = f"{intro} {blocks[0]}"
    return blocks


def closing(facts: ReportFacts) -> str:
    talk = facts.closing
    if talk is None:
        return ""
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    sentence = (f"Den Abschluss der Veranstaltung {verb(talk, 'bildete', 'bildeten')} {who} "
                f"mit {topic}." if who else
                f"Den Abschluss der Veranstaltung bildete {topic}.")
    return with_excerpt(sentence, talk)


def next_event(facts: ReportFacts) -> str:
    following: NextEventFacts | None = facts.next_event
    if following is None:
        return ("Der Veranstalter dankt allen Referentinnen und Referenten sowie allen "
                "Teilnehmenden.")
    when = day(following.day)
    if following.region:
        region = f"die Region {md(following.region[LANGUAGE])}"
        if following.country:
            region += f" ({md(country(following.country))})"
        sentence = f"Die nächste Veranstaltung findet am {when} statt und stellt {region} vor."
    elif following.kind == Event.Kind.PITCH_SESSION:
        sentence = f"Die nächste Veranstaltung, die Pitch-Session, findet am {when} statt."
    else:
        sentence = (f"Die nächste Veranstaltung, {quoted(following.title[LANGUAGE])}, findet "
                    f"am {when} statt.")
    return (f"{sentence} Wenn Sie sich diesem internationalen Austausch anschließen möchten, "
            f"[melden Sie sich hier an]({following.url[LANGUAGE]}).")


def pitched(facts: ReportFacts) -> str:
    """'Es präsentierten sich die Unternehmen **A**, **B** und **C**.'"""
    if not facts.pitched:
        return ""
    names = join([bold(name) for name in facts.pitched])
    if len(facts.pitched) == 1:
        return f"Es präsentierte sich das Unternehmen {names}."
    return f"Es präsentierten sich die Unternehmen {names}."


def draft(facts: ReportFacts) -> ReportDraft:
    body = paragraphs(opening(facts), series(facts), pitched(facts), *keynotes(facts),
                      *talks(facts), closing(facts), next_event(facts))
    return ReportDraft(language=LANGUAGE, title=title(facts), summary=summary(facts), body=body)
