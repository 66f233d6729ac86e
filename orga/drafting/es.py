"""The report draft in Spanish: ordinals that agree ('el primer encuentro', 'la tercera y
última charla'), plurals with agreement ('1 participante procedente de 1 país', '37
participantes procedentes de 10 países'), «…» quotes, 'y' that becomes 'e' before an i- or
hi- sound ('España e Italia')."""

from datetime import date

from events.models import Event, Talk
from orga.drafting.common import (
    ReportDraft,
    bold,
    country_name,
    enumerate_words,
    excerpt,
    full_stop,
    lower_first,
    md,
    paragraphs,
)
from orga.drafting.facts import NextEventFacts, ReportFacts, SpeakerFacts, TalkFacts

LANGUAGE = "es"
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")
# Masculine before a noun ('el primer encuentro', 'el tercer encuentro'), and feminine.
ORDINALS = ("primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo",
            "noveno", "décimo")
ORDINALS_FEMININE = ("primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima",
                     "octava", "novena", "décima")
NUMBERS = ("un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
           "once", "doce")
NUMBERS_FEMININE = ("una", *NUMBERS[1:])


def ordinal(number: int) -> str:
    return ORDINALS[number - 1] if number <= len(ORDINALS) else f"{number}.º"


def ordinal_feminine(number: int) -> str:
    return ORDINALS_FEMININE[number - 1] if number <= len(ORDINALS) else f"{number}.ª"


def counted(number: int, one: str, many: str, *, numbers: tuple[str, ...] = NUMBERS) -> str:
    figure = numbers[number - 1] if 1 <= number <= len(numbers) else str(number)
    return f"{figure} {one if number == 1 else many}"


def people(number: int) -> str:
    return "1 participante" if number == 1 else f"{number} participantes"


def from_countries(people: int, countries: int) -> str:
    """'procedente de 1 país' agrees with one participant, 'procedentes de 1 país' or
    'procedentes de 10 países' with more."""
    place = "1 país" if countries == 1 else f"{countries} países"
    return f"{'procedente' if people == 1 else 'procedentes'} de {place}"


def day(value: date) -> str:
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def and_before(word: str) -> str:
    """'y', but 'e' before an i- or hi- sound ('España e Italia'), not before 'hie', 'hia'…
    ('agua y hielo')."""
    plain = word.lstrip("*«“\"(¿¡").lower()
    if plain.startswith(("i", "í")) or (plain.startswith(("hi", "hí"))
                                        and not plain.startswith(("hia", "hie", "hio", "hiu"))):
        return "e"
    return "y"


def join(items: list[str]) -> str:
    serial = "," if any(" y " in item or " e " in item for item in items) else ""
    return enumerate_words(items, conjunction=and_before, serial=serial)


def country(code: str) -> str:
    return country_name(code, LANGUAGE)


def quoted(text: str) -> str:
    return f"«{md(text)}»"


def speaker(person: SpeakerFacts) -> str:
    role = lower_first(person.role[LANGUAGE])  # in the sentence: 'directora de …'
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
        return "Sesión de pitch"
    return facts.title[LANGUAGE]


def title(facts: ReportFacts) -> str:
    series = facts.series_title[LANGUAGE]
    meeting = f"el {ordinal(facts.ordinal)} encuentro de {series}"
    if facts.attendance.known:
        return f"{place(facts)}: {people(facts.attendance.attended)} en {meeting}"
    return f"{place(facts)}: {meeting}"


def programme(facts: ReportFacts) -> str:
    """'una conferencia inaugural de X y cuatro charlas', or ''."""
    parts = []
    if facts.keynotes:
        names = [person.name for talk in facts.keynotes for person in talk.speakers]
        parts.append(f"una conferencia inaugural de {join(names)}" if names else
                     "una conferencia inaugural")
    talks = [*facts.talks, *([facts.closing] if facts.closing else [])]
    if talks and all(talk.kind == Talk.Kind.PITCH for talk in talks):
        parts.append(counted(len(talks), "presentación de empresa", "presentaciones de empresas",
                             numbers=NUMBERS_FEMININE))
    elif talks:
        parts.append(counted(len(talks), "charla", "charlas", numbers=NUMBERS_FEMININE))
    return join(parts)


def summary(facts: ReportFacts) -> str:
    opening = (f"El {ordinal(facts.ordinal)} encuentro de {facts.series_title[LANGUAGE]} se "
               f"celebró {held(facts, markdown=False)} el {day(facts.day)}")
    content = programme(facts)
    region = f"la región de {facts.region[LANGUAGE]}" if facts.region else ""
    if region and content:
        return f"{opening} y estuvo dedicado a {region}, con {content}."
    if region:
        return f"{opening} y estuvo dedicado a {region}."
    if content:
        return f"{opening}, con {content}."
    return f"{opening}."


def held(facts: ReportFacts, *, markdown: bool = True) -> str:
    venue = facts.venue.get(LANGUAGE, "")
    where = f" ({md(venue)})" if venue and markdown else ""
    if facts.format == Event.Format.HYBRID:
        return f"de forma presencial{where} y en línea"
    if facts.format == Event.Format.ON_SITE:
        return f"de forma presencial{where}"
    return "en línea"


def kind(facts: ReportFacts) -> str:
    if facts.kind == Event.Kind.SHOWCASE and facts.region:
        region = f"la región de {md(facts.region[LANGUAGE])}"
        if facts.region_country:
            region += f" ({md(country(facts.region_country))})"
        return f"una presentación regional dedicada a {region}"
    if facts.kind == Event.Kind.SHOWCASE:
        return "una presentación regional"
    if facts.kind == Event.Kind.PITCH_SESSION:
        return ("la sesión de pitch, en la que empresas de la serie se presentan ante un público "
                "internacional")
    return quoted(facts.title[LANGUAGE])


def opening(facts: ReportFacts) -> str:
    first = (f"El {day(facts.day)} se celebró {held(facts)} el {ordinal(facts.ordinal)} "
             f"encuentro de la serie {bold(facts.series_title[LANGUAGE])}: {kind(facts)}.")
    attendance = facts.attendance
    organiser = md(facts.organiser)
    if attendance.known:
        second = (f"La entidad organizadora, {organiser}, dio la bienvenida a "
                  f"**{people(attendance.attended)}** "
                  f"{from_countries(attendance.attended, attendance.attended_countries)}.")
    else:
        second = (f"La entidad organizadora, {organiser}, dio la bienvenida a **\\[número de "
                  "participantes: completar cuando se conozca la asistencia\\]**.")
        registered = attendance.registered
        if registered:
            second += (" Se había inscrito 1 persona" if registered == 1 else
                       f" Se habían inscrito {registered} personas")
            second += (" de 1 país." if attendance.registered_countries == 1 else
                       f" de {attendance.registered_countries} países.")
    return f"{first} {second}"


def series(facts: ReportFacts) -> str:
    countries = join([md(country(code)) for code in facts.partner_countries])
    themes = join([md(lower_first(theme[LANGUAGE])) for theme in facts.themes])
    sentences = []
    if countries:
        where = (f"En {counted(facts.showcases, 'encuentro', 'encuentros')}, "
                 if facts.showcases >= 2 else "En la serie, ")
        partners = ("de los países socios" if len(facts.partner_countries) > 1 else
                    "del país socio")
        sentence = f"{where}actores regionales {partners} {countries} se presentan"
        sentence += f" en torno a los ejes de la serie: {themes}." if themes else "."
        sentences.append(sentence)
    elif themes:
        sentences.append(f"La serie se dedica a los ejes {themes}.")
    if sentences and facts.has_pitch_session:
        sentences.append("Para terminar, todas las empresas inscritas en la serie podrán "
                         "presentarse ante un público internacional.")
    return " ".join(sentences)


def welcome(facts: ReportFacts) -> str:
    return f"Tras la bienvenida de {speakers(facts.welcome)}" if facts.welcome else ""


def keynotes(facts: ReportFacts) -> list[str]:
    blocks = []
    for index, talk in enumerate(facts.keynotes):
        topic = quoted(talk.title[LANGUAGE])
        who = speakers(talk)
        lead = welcome(facts) if index == 0 else ""
        if index > 0:
            sentence = (f"Otra conferencia corrió a cargo de {who}: {topic}." if who else
                        f"Siguió otra conferencia: {topic}.")
        elif who:
            sentence = (f"{lead}, la conferencia inaugural corrió a cargo de {who}: {topic}."
                        if lead else
                        f"La conferencia inaugural corrió a cargo de {who}: {topic}.")
        else:
            sentence = (f"{lead}, siguió la conferencia inaugural {topic}." if lead else
                        f"Abrió el programa la conferencia inaugural {topic}.")
        blocks.append(with_excerpt(sentence, talk))
    return blocks


def talk_intro(facts: ReportFacts) -> str:
    before = bool(facts.keynotes or facts.welcome)
    if all(talk.kind == Talk.Kind.PITCH for talk in facts.talks):
        return ("A continuación, las empresas presentaron sus proyectos." if before else
                "Las empresas presentaron sus proyectos.")
    if facts.talks_regional and facts.region:
        region = md(facts.region[LANGUAGE])
        return (f"Llegaron entonces las charlas de la región de {region}." if before else
                f"El programa se abrió con las charlas de la región de {region}.")
    return "Llegaron entonces las charlas." if before else ""


def talk_sentence(facts: ReportFacts, index: int, talk: TalkFacts) -> str:
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    last = len(facts.talks) - 1
    if not who:
        return f"Primero llegó {topic}." if index == 0 else f"Después llegó {topic}."
    if index == 0:
        return f"{verb(talk, 'Abrió', 'Abrieron')} el turno {who} con {topic}."
    if index == last and index >= 2 and facts.talks_regional:
        region = md(facts.region[LANGUAGE])
        return (f"La {ordinal_feminine(index + 1)} y última charla de la región de {region} "
                f"fue {topic}, de {who}.")
    if talk.kind == Talk.Kind.PITCH or not index % 2:
        return f"A continuación, {who} {verb(talk, 'presentó', 'presentaron')} {topic}."
    return f"Después, {who} {verb(talk, 'habló', 'hablaron')} de {topic}."


def talks(facts: ReportFacts) -> list[str]:
    if not facts.talks:
        return []
    blocks = [with_excerpt(talk_sentence(facts, index, talk), talk)
              for index, talk in enumerate(facts.talks)]
    if not facts.keynotes and facts.welcome:
        blocks[0] = (f"El encuentro comenzó con la bienvenida de {speakers(facts.welcome)}. "
                     f"{talk_intro(facts)} {blocks[0]}")
    elif intro := talk_intro(facts):
        blocks[0] = f"{intro} {blocks[0]}"
    return blocks


def closing(facts: ReportFacts) -> str:
    talk = facts.closing
    if talk is None:
        return ""
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    sentence = (f"{verb(talk, 'Cerró', 'Cerraron')} el encuentro {who} con {topic}." if who else
                f"Cerró el encuentro {topic}.")
    return with_excerpt(sentence, talk)


def next_event(facts: ReportFacts) -> str:
    following: NextEventFacts | None = facts.next_event
    if following is None:
        return full_stop(f"La entidad organizadora, {md(facts.organiser)}, agradece su "
                         "participación a todos los ponentes y participantes")
    when = f"el {day(following.day)}"
    if following.region:
        region = f"la región de {md(following.region[LANGUAGE])}"
        if following.country:
            region += f" ({md(country(following.country))})"
        sentence = f"El próximo encuentro tendrá lugar {when} y estará dedicado a {region}."
    elif following.kind == Event.Kind.PITCH_SESSION:
        sentence = f"El próximo encuentro, la sesión de pitch, tendrá lugar {when}."
    else:
        sentence = (f"El próximo encuentro, {quoted(following.title[LANGUAGE])}, tendrá lugar "
                    f"{when}.")
    return (f"{sentence} Si quiere sumarse a este intercambio internacional, "
            f"[inscríbase aquí]({following.url[LANGUAGE]}).")


def pitched(facts: ReportFacts) -> str:
    """'Se presentaron las empresas **A**, **B** y **C**.'"""
    if not facts.pitched:
        return ""
    names = join([bold(name) for name in facts.pitched])
    if len(facts.pitched) == 1:
        return f"Se presentó la empresa {names}."
    return f"Se presentaron las empresas {names}."


def draft(facts: ReportFacts) -> ReportDraft:
    body = paragraphs(opening(facts), series(facts), pitched(facts), *keynotes(facts),
                      *talks(facts), closing(facts), next_event(facts))
    return ReportDraft(language=LANGUAGE, title=title(facts), summary=summary(facts), body=body)
