"""The report draft in English."""

from datetime import date

from events.models import Event, Talk
from orga.drafting.common import (
    ReportDraft,
    bold,
    country_name,
    enumerate_words,
    excerpt,
    lower_first,
    md,
    paragraphs,
)
from orga.drafting.facts import NextEventFacts, ReportFacts, SpeakerFacts, TalkFacts

LANGUAGE = "en"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")
NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve")


def ordinal(number: int) -> str:
    if number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def count(number: int, one: str, many: str, *, words: bool = False) -> str:
    """'1 participant', '37 participants'; with `words`, 'four talks' up to twelve."""
    figure = NUMBERS[number - 1] if words and 1 <= number <= len(NUMBERS) else str(number)
    return f"{figure} {one if number == 1 else many}"


def day(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def join(items: list[str]) -> str:
    """'A, B and C'; with the serial comma when an item has an 'and' of its own."""
    serial = "," if any(" and " in item for item in items) else ""
    return enumerate_words(items, conjunction="and", serial=serial)


def country(code: str) -> str:
    return country_name(code, LANGUAGE)


def quoted(text: str) -> str:
    return f"“{md(text)}”"


def speaker(person: SpeakerFacts) -> str:
    """**Name** (role, organisation)."""
    role = person.role[LANGUAGE]
    details = [role] if role else []
    if person.organisation and person.organisation not in role:
        details.append(person.organisation)
    separator = "; " if "," in role else ", "
    return bold(person.name) + (f" ({md(separator.join(details))})" if details else "")


def speakers(talk: TalkFacts) -> str:
    return join([speaker(person) for person in talk.speakers])


def with_excerpt(sentence: str, talk: TalkFacts) -> str:
    abstract = talk.excerpt_source.get(LANGUAGE)
    return f"{sentence} {md(excerpt(abstract))}" if abstract else sentence


def place(facts: ReportFacts) -> str:
    """What the event was about, in a headline: its region, or its kind or title."""
    if facts.region:
        return facts.region[LANGUAGE]
    if facts.kind == Event.Kind.PITCH_SESSION:
        return "Pitch session"
    return facts.title[LANGUAGE]


def title(facts: ReportFacts) -> str:
    series = facts.series_title[LANGUAGE]
    event = f"the {ordinal(facts.ordinal)} event of {series}"
    if facts.attendance.known:
        people = count(facts.attendance.attended, "participant", "participants")
        return f"{place(facts)}: {people} at {event}"
    return f"{place(facts)}: {event}"


def programme(facts: ReportFacts) -> str:
    """'a keynote by X and four talks', or ''."""
    parts = []
    if facts.keynotes:
        names = [person.name for talk in facts.keynotes for person in talk.speakers]
        parts.append(f"a keynote by {join(names)}" if names else "a keynote")
    talks = [*facts.talks, *([facts.closing] if facts.closing else [])]
    if talks and all(talk.kind == Talk.Kind.PITCH for talk in talks):
        parts.append(count(len(talks), "pitch", "pitches", words=True))
    elif talks:
        parts.append(count(len(talks), "talk", "talks", words=True))
    return join(parts)


def summary(facts: ReportFacts) -> str:
    opening = (f"The {ordinal(facts.ordinal)} event of {facts.series_title[LANGUAGE]}, held "
               f"{held(facts, markdown=False)} on {day(facts.day)}")
    content = programme(facts)
    if facts.region and content:
        return f"{opening}, presented the {facts.region[LANGUAGE]} region with {content}."
    if facts.region:
        return f"{opening}, presented the {facts.region[LANGUAGE]} region."
    if content:
        return f"{opening}, brought {content}."
    return f"{opening}."


def held(facts: ReportFacts, *, markdown: bool = True) -> str:
    venue = facts.venue.get(LANGUAGE, "")
    venue = md(venue) if markdown else venue
    if facts.format == Event.Format.HYBRID:
        return f"at {venue} and online" if venue else "on site and online"
    if facts.format == Event.Format.ON_SITE:
        return f"at {venue}" if venue else "on site"
    return "online"


def kind(facts: ReportFacts) -> str:
    if facts.kind == Event.Kind.SHOWCASE and facts.region:
        region = f"the {md(facts.region[LANGUAGE])} region"
        if facts.region_country:
            region += f" ({md(country(facts.region_country))})"
        return f"a regional showcase presenting {region}"
    if facts.kind == Event.Kind.SHOWCASE:
        return "a regional showcase"
    if facts.kind == Event.Kind.PITCH_SESSION:
        return ("the pitch session, in which companies of the series present themselves to an "
                "international audience")
    return quoted(facts.title[LANGUAGE])


def opening(facts: ReportFacts) -> str:
    first = (f"On {day(facts.day)} the {ordinal(facts.ordinal)} event of the series "
             f"{bold(facts.series_title[LANGUAGE])} took place {held(facts)}: {kind(facts)}.")
    attendance = facts.attendance
    organiser = md(facts.organiser)
    if attendance.known:
        people = count(attendance.attended, "participant", "participants")
        places = count(attendance.attended_countries, "country", "countries")
        second = f"The organiser, {organiser}, welcomed **{people}** from {places}."
    else:
        second = (f"The organiser, {organiser}, welcomed **\\[number of participants: to be "
                  "filled in once the attendance is known\\]**.")
        if attendance.registered:
            people = count(attendance.registered, "participant", "participants")
            places = count(attendance.registered_countries, "country", "countries")
            second += f" {people} from {places} had registered."
    return f"{first} {second}"


def series(facts: ReportFacts) -> str:
    countries = join([md(country(code)) for code in facts.partner_countries])
    themes = join([md(lower_first(theme[LANGUAGE])) for theme in facts.themes])
    sentences = []
    if countries:
        meetings = (f"In {count(facts.showcases, 'meeting', 'meetings', words=True)}"
                    if facts.showcases >= 2 else "In the series")
        partners = ("the partner countries" if len(facts.partner_countries) > 1 else
                    "the partner country")
        sentence = f"{meetings}, regional actors from {partners} {countries} present"
        sentence += (f" themselves on its themes: {themes}." if themes else " themselves.")
        sentences.append(sentence)
    elif themes:
        sentences.append(f"The series is devoted to the themes {themes}.")
    if sentences and facts.has_pitch_session:
        sentences.append("To close, every company registered for the series may present "
                         "itself to an international audience.")
    return " ".join(sentences)


def welcome(facts: ReportFacts) -> str:
    return f"After a welcome by {speakers(facts.welcome)}, " if facts.welcome else ""


def keynotes(facts: ReportFacts) -> list[str]:
    blocks = []
    for index, talk in enumerate(facts.keynotes):
        who = speakers(talk) or "a guest"
        if index == 0:
            lead = welcome(facts)
            sentence = (f"{lead}the keynote was given by {who} on {quoted(talk.title[LANGUAGE])}."
                        if lead else
                        f"The keynote was given by {who} on {quoted(talk.title[LANGUAGE])}.")
        else:
            sentence = f"A further keynote came from {who} on {quoted(talk.title[LANGUAGE])}."
        blocks.append(with_excerpt(sentence, talk))
    return blocks


def talk_intro(facts: ReportFacts) -> str:
    before = bool(facts.keynotes or facts.welcome)
    if all(talk.kind == Talk.Kind.PITCH for talk in facts.talks):
        return "Then the companies pitched." if before else "The companies pitched."
    if facts.talks_regional and facts.region:
        region = md(facts.region[LANGUAGE])
        return (f"Then came the talks from the {region} region." if before else
                f"The programme opened with the talks from the {region} region.")
    return "Then came the talks." if before else ""


def talk_sentence(facts: ReportFacts, index: int, talk: TalkFacts) -> str:
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    verb = "pitched" if talk.kind == Talk.Kind.PITCH else "spoke about"
    last = len(facts.talks) - 1
    if not who:
        return f"{'First' if index == 0 else 'Next'} came {topic}."
    if index == 0:
        return f"First, {who} {verb} {topic}."
    if index == last and index >= 2 and len(talk.speakers) == 1 and facts.talks_regional:
        region = md(facts.region[LANGUAGE])
        return (f"As the {ordinal(index + 1)} and last speaker from the {region} region, {who} "
                f"presented {topic}.")
    return (f"Next, {who} {verb} {topic}." if index % 2 else
            f"After that, {who} {verb} {topic}.")


def talks(facts: ReportFacts) -> list[str]:
    if not facts.talks:
        return []
    blocks = [with_excerpt(talk_sentence(facts, index, talk), talk)
              for index, talk in enumerate(facts.talks)]
    lead = [talk_intro(facts), blocks[0]]
    if facts.welcome and not facts.keynotes:
        lead.insert(0, f"The event opened with a welcome by {speakers(facts.welcome)}.")
    blocks[0] = " ".join(part for part in lead if part)
    return blocks


def closing(facts: ReportFacts) -> str:
    talk = facts.closing
    if talk is None:
        return ""
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    sentence = (f"The event closed with {who} and {topic}." if who else
                f"The event closed with {topic}.")
    return with_excerpt(sentence, talk)


def next_event(facts: ReportFacts) -> str:
    following: NextEventFacts | None = facts.next_event
    if following is None:
        return "The organiser thanks all speakers and participants."
    when = day(following.day)
    if following.region:
        region = f"the {md(following.region[LANGUAGE])} region"
        if following.country:
            region += f" ({md(country(following.country))})"
        sentence = f"The next event takes place on {when} and presents {region}."
    elif following.kind == Event.Kind.PITCH_SESSION:
        sentence = f"The next event, the pitch session, takes place on {when}."
    else:
        sentence = f"The next event, {quoted(following.title[LANGUAGE])}, takes place on {when}."
    return (f"{sentence} If you would like to join this international exchange, "
            f"[register here]({following.url[LANGUAGE]}).")


def pitched(facts: ReportFacts) -> str:
    """'The companies that pitched were **A**, **B** and **C**.'"""
    if not facts.pitched:
        return ""
    names = join([bold(name) for name in facts.pitched])
    if len(facts.pitched) == 1:
        return f"The company that pitched was {names}."
    return f"The companies that pitched were {names}."


def draft(facts: ReportFacts) -> ReportDraft:
    body = paragraphs(opening(facts), series(facts), pitched(facts), *keynotes(facts),
                      *talks(facts), closing(facts), next_event(facts))
    return ReportDraft(language=LANGUAGE, title=title(facts), summary=summary(facts), body=body)
