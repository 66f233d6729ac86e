"""The report draft in Bulgarian: plural and count forms ('1 участник', '37 участници',
'от 1 държава', 'от 5 държави', 'един доклад', 'четири доклада', 'две срещи'), ordinals
with the definite article of their noun ('първото събитие', '11-ото събитие', 'третият и
последен доклад'), „…“ quotes, 'както и' before a last item that has an 'и' itself."""

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

LANGUAGE = "bg"
MONTHS = ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември",
          "октомври", "ноември", "декември")
# Neuter with the definite article (събитие → първото събитие) and masculine as a subject
# (доклад → първият доклад).
ORDINALS_NEUTER = ("първото", "второто", "третото", "четвъртото", "петото", "шестото",
                   "седмото", "осмото", "деветото", "десетото")
ORDINALS_MASCULINE = ("първият", "вторият", "третият", "четвъртият", "петият", "шестият",
                      "седмият", "осмият", "деветият", "десетият")
# Numbers before a masculine noun (with its count form: четири доклада), a feminine one
# (две срещи) and a neuter one (две представяния).
NUMBERS_MASCULINE = ("един", "два", "три", "четири", "пет", "шест", "седем", "осем", "девет",
                     "десет", "единадесет", "дванадесет")
NUMBERS_FEMININE = ("една", "две", *NUMBERS_MASCULINE[2:])
NUMBERS_NEUTER = ("едно", "две", *NUMBERS_MASCULINE[2:])


def ordinal_neuter(number: int) -> str:
    """'първото', …, then in figures with the ending of the word: '11-ото', '21-вото',
    '22-рото', '23-тото', '27-мото', '100-тното'."""
    if number <= len(ORDINALS_NEUTER):
        return ORDINALS_NEUTER[number - 1]
    if number % 100 in range(11, 20):
        return f"{number}-ото"
    if number % 100 == 0:
        return f"{number}-тното"
    ending = {1: "вото", 2: "рото", 3: "тото", 4: "тото", 7: "мото", 8: "мото"}.get(
        number % 10, "ото")
    return f"{number}-{ending}"


def counted(number: int, one: str, many: str, numbers: tuple[str, ...]) -> str:
    figure = numbers[number - 1] if 1 <= number <= len(numbers) else str(number)
    return f"{figure} {one if number == 1 else many}"


def people(number: int) -> str:
    return "1 участник" if number == 1 else f"{number} участници"


def from_countries(number: int) -> str:
    return "от 1 държава" if number == 1 else f"от {number} държави"


def day(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year} г."


def join(items: list[str]) -> str:
    word = "както и" if len(items) > 2 and any(" и " in item for item in items) else "и"
    return enumerate_words(items, conjunction=word, serial="," if word != "и" else "")


def country(code: str) -> str:
    return country_name(code, LANGUAGE)


def quoted(text: str) -> str:
    return f"„{md(text)}“"


def speaker(person: SpeakerFacts) -> str:
    role = lower_first(person.role[LANGUAGE])  # inside the sentence: 'бизнес директор ITS'
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


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def place(facts: ReportFacts) -> str:
    if facts.region:
        return facts.region[LANGUAGE]
    if facts.kind == Event.Kind.PITCH_SESSION:
        return "Питч сесия"
    return facts.title[LANGUAGE]


def title(facts: ReportFacts) -> str:
    series = facts.series_title[LANGUAGE]
    event = f"{ordinal_neuter(facts.ordinal)} събитие на {series}"
    if facts.attendance.known:
        return f"{place(facts)}: {people(facts.attendance.attended)} в {event}"
    return f"{place(facts)}: {event}"


def programme(facts: ReportFacts) -> str:
    """'основен доклад на X и четири доклада', or ''."""
    parts = []
    if facts.keynotes:
        names = [person.name for talk in facts.keynotes for person in talk.speakers]
        parts.append(f"основен доклад на {join(names)}" if names else "основен доклад")
    talks = [*facts.talks, *([facts.closing] if facts.closing else [])]
    if talks and all(talk.kind == Talk.Kind.PITCH for talk in talks):
        parts.append(counted(len(talks), "представяне на предприятие",
                             "представяния на предприятия", NUMBERS_NEUTER))
    elif talks:
        parts.append(counted(len(talks), "доклад", "доклада", NUMBERS_MASCULINE))
    return join(parts)


def summary(facts: ReportFacts) -> str:
    opening = (f"{capital(ordinal_neuter(facts.ordinal))} събитие на "
               f"{facts.series_title[LANGUAGE]} се проведе {held(facts, markdown=False)} на "
               f"{day(facts.day)}")
    content = programme(facts)
    region = f"регион {facts.region[LANGUAGE]}" if facts.region else ""
    if region and content:
        return f"{opening} и представи {region} с {content}."
    if region:
        return f"{opening} и представи {region}."
    if content:
        return f"{opening}, с {content}."
    return full_stop(opening)


def held(facts: ReportFacts, *, markdown: bool = True) -> str:
    venue = facts.venue.get(LANGUAGE, "")
    where = f" ({md(venue)})" if venue and markdown else ""
    if facts.format == Event.Format.HYBRID:
        return f"присъствено{where} и онлайн"
    if facts.format == Event.Format.ON_SITE:
        return f"присъствено{where}"
    return "онлайн"


def kind(facts: ReportFacts) -> str:
    if facts.kind == Event.Kind.SHOWCASE and facts.region:
        region = f"регион {md(facts.region[LANGUAGE])}"
        if facts.region_country:
            region += f" ({md(country(facts.region_country))})"
        return f"регионално представяне на {region}"
    if facts.kind == Event.Kind.SHOWCASE:
        return "регионално представяне"
    if facts.kind == Event.Kind.PITCH_SESSION:
        return ("питч сесията, в която предприятия от поредицата се представят пред "
                "международна публика")
    return quoted(facts.title[LANGUAGE])


def opening(facts: ReportFacts) -> str:
    first = (f"На {day(facts.day)} {ordinal_neuter(facts.ordinal)} събитие от поредицата "
             f"{bold(facts.series_title[LANGUAGE])} се проведе {held(facts)}: {kind(facts)}.")
    attendance = facts.attendance
    organiser = md(facts.organiser)
    if attendance.known:
        second = (f"Организаторът, {organiser}, посрещна **{people(attendance.attended)}** "
                  f"{from_countries(attendance.attended_countries)}.")
    else:
        second = (f"Организаторът, {organiser}, посрещна **\\[брой участници: да се попълни, "
                  "когато присъствието стане известно\\]**.")
        registered = attendance.registered
        if registered:
            second += (" Регистриран беше 1 човек" if registered == 1 else
                       f" Регистрирани бяха {registered} души")
            second += f" {from_countries(attendance.registered_countries)}."
    return f"{first} {second}"


def series(facts: ReportFacts) -> str:
    countries = join([md(country(code)) for code in facts.partner_countries])
    themes = join([md(lower_first(theme[LANGUAGE])) for theme in facts.themes])
    sentences = []
    if countries:
        where = (f"В {counted(facts.showcases, 'среща', 'срещи', NUMBERS_FEMININE)}"
                 if facts.showcases >= 2 else "В поредицата")
        partners = ("партньорските държави" if len(facts.partner_countries) > 1 else
                    "партньорската държава")
        sentence = f"{where} регионални участници от {partners} {countries} се представят"
        sentence += f" по темите на поредицата: {themes}." if themes else "."
        sentences.append(sentence)
    elif themes:
        sentences.append(f"Поредицата е посветена на темите {themes}.")
    if sentences and facts.has_pitch_session:
        sentences.append("Накрая всички предприятия, регистрирани за поредицата, ще могат да се "
                         "представят пред международна публика.")
    return " ".join(sentences)


def welcome(facts: ReportFacts) -> str:
    return f"След приветствието на {speakers(facts.welcome)}" if facts.welcome else ""


def keynotes(facts: ReportFacts) -> list[str]:
    blocks = []
    for index, talk in enumerate(facts.keynotes):
        topic = quoted(talk.title[LANGUAGE])
        who = speakers(talk)
        gave = verb(talk, "изнесе", "изнесоха")
        lead = welcome(facts) if index == 0 else ""
        if index > 0:
            sentence = (f"Още един основен доклад {gave} {who}: {topic}." if who else
                        f"Последва още един основен доклад: {topic}.")
        elif who:
            sentence = (f"{lead} основния доклад {gave} {who}: {topic}." if lead else
                        f"Основния доклад {gave} {who}: {topic}.")
        else:
            sentence = (f"{lead} последва основният доклад {topic}." if lead else
                        f"Програмата започна с основния доклад {topic}.")
        blocks.append(with_excerpt(sentence, talk))
    return blocks


def talk_intro(facts: ReportFacts) -> str:
    before = bool(facts.keynotes or facts.welcome)
    if all(talk.kind == Talk.Kind.PITCH for talk in facts.talks):
        return ("След това предприятията представиха своите проекти." if before else
                "Предприятията представиха своите проекти.")
    if facts.talks_regional and facts.region:
        region = md(facts.region[LANGUAGE])
        return (f"След това последваха докладите от регион {region}." if before else
                f"Програмата започна с докладите от регион {region}.")
    return "След това последваха докладите." if before else ""


def talk_sentence(facts: ReportFacts, index: int, talk: TalkFacts) -> str:
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    last = len(facts.talks) - 1
    if not who:
        return f"Първи беше {topic}." if index == 0 else f"После последва {topic}."
    if index == 0:
        return f"Първия доклад {verb(talk, 'изнесе', 'изнесоха')} {who}: {topic}."
    if index == last and 2 <= index < len(ORDINALS_MASCULINE) and facts.talks_regional:
        region = md(facts.region[LANGUAGE])
        return (f"{capital(ORDINALS_MASCULINE[index])} и последен доклад от регион {region} "
                f"беше {topic} на {who}.")
    if talk.kind == Talk.Kind.PITCH or not index % 2:
        return f"След това {who} {verb(talk, 'представи', 'представиха')} {topic}."
    return f"После {who} {verb(talk, 'говори', 'говориха')} за {topic}."


def talks(facts: ReportFacts) -> list[str]:
    if not facts.talks:
        return []
    blocks = [with_excerpt(talk_sentence(facts, index, talk), talk)
              for index, talk in enumerate(facts.talks)]
    if not facts.keynotes and facts.welcome:
        blocks[0] = (f"Събитието започна с приветствие от {speakers(facts.welcome)}. "
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
    sentence = (f"Събитието завърши с {who} и {topic}." if who else
                f"Събитието завърши с {topic}.")
    return with_excerpt(sentence, talk)


def next_event(facts: ReportFacts) -> str:
    following: NextEventFacts | None = facts.next_event
    if following is None:
        return full_stop(f"Организаторът, {md(facts.organiser)}, благодари на всички лектори "
                         "и участници")
    when = f"на {day(following.day)}"
    if following.region:
        region = f"регион {md(following.region[LANGUAGE])}"
        if following.country:
            region += f" ({md(country(following.country))})"
        sentence = f"Следващото събитие ще се проведе {when} и ще представи {region}."
    elif following.kind == Event.Kind.PITCH_SESSION:
        sentence = full_stop(f"Следващото събитие, питч сесията, ще се проведе {when}")
    else:
        sentence = full_stop(f"Следващото събитие, {quoted(following.title[LANGUAGE])}, ще се "
                             f"проведе {when}")
    return (f"{sentence} Ако искате да се включите в този международен обмен, "
            f"[регистрирайте се тук]({following.url[LANGUAGE]}).")


def pitched(facts: ReportFacts) -> str:
    """'Представиха се компаниите **A**, **B** и **C**.'"""
    if not facts.pitched:
        return ""
    names = join([bold(name) for name in facts.pitched])
    if len(facts.pitched) == 1:
        return f"Представи се компанията {names}."
    return f"Представиха се компаниите {names}."


def draft(facts: ReportFacts) -> ReportDraft:
    body = paragraphs(opening(facts), series(facts), pitched(facts), *keynotes(facts),
                      *talks(facts), closing(facts), next_event(facts))
    return ReportDraft(language=LANGUAGE, title=title(facts), summary=summary(facts), body=body)
