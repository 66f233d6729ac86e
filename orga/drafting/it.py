"""The report draft in Italian: articles that follow the sound of the next word ('il primo
incontro', "l'ottavo incontro", 'al primo', "all'undicesimo", "l'8 giugno", 'il 1º giugno'),
plurals with agreement ('1 partecipante proveniente da 1 paese', 'si erano iscritte 42
persone'), «…» quotes, 'nonché' before a last item that has an 'e' itself."""

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

LANGUAGE = "it"
MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre")
ORDINALS = ("primo", "secondo", "terzo", "quarto", "quinto", "sesto", "settimo", "ottavo",
            "nono", "decimo", "undicesimo", "dodicesimo", "tredicesimo", "quattordicesimo",
            "quindicesimo", "sedicesimo", "diciassettesimo", "diciottesimo", "diciannovesimo",
            "ventesimo")
NUMBERS = ("un", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
           "undici", "dodici")


def _vowel_number(number: int) -> bool:
    """Whether the number, read out, begins with a vowel: otto, undici, ottanta, …"""
    return str(number).startswith("8") or number == 11


def ordinal(number: int) -> tuple[str, str]:
    """The article and the ordinal: ('il', 'primo'), ("l'", 'ottavo'), ('il', '21º')."""
    word = ORDINALS[number - 1] if number <= len(ORDINALS) else f"{number}º"
    return ("l'" if _vowel_number(number) else "il"), word


def the_ordinal(number: int, noun: str, *, preposition: str = "") -> str:
    """'il primo incontro', "l'ottavo incontro", 'al primo incontro', "dell'ottavo …"."""
    article, word = ordinal(number)
    joined = {("", "il"): "il ", ("", "l'"): "l'", ("a", "il"): "al ", ("a", "l'"): "all'",
              ("di", "il"): "del ", ("di", "l'"): "dell'"}[(preposition, article)]
    return f"{joined}{word} {noun}"


def counted(number: int, one: str, many: str) -> str:
    figure = NUMBERS[number - 1] if 1 <= number <= len(NUMBERS) else str(number)
    return f"{figure} {one if number == 1 else many}"


def people(number: int) -> str:
    return "1 partecipante" if number == 1 else f"{number} partecipanti"


def from_countries(people: int, countries: int) -> str:
    """'proveniente da 1 paese' agrees with one participant, 'provenienti da 1 paese' or
    'provenienti da 10 paesi' with more."""
    place = "1 paese" if countries == 1 else f"{countries} paesi"
    return f"{'proveniente' if people == 1 else 'provenienti'} da {place}"


def day(value: date) -> str:
    return f"{'1º' if value.day == 1 else value.day} {MONTHS[value.month - 1]} {value.year}"


def on_day(value: date) -> str:
    """'il 15 giugno 2021', "l'8 giugno 2021", "l'11 giugno 2021"."""
    article = "l'" if value.day in (8, 11) else "il "
    return f"{article}{day(value)}"


def and_before(word: str) -> str:
    """'e', and 'ed' before a word that begins with e ('ed Emilia-Romagna')."""
    return "ed" if word.lstrip("*«“\"(").lower().startswith(("e", "è", "é")) else "e"


def join(items: list[str]) -> str:
    if len(items) > 2 and any(" e " in item for item in items):
        return enumerate_words(items, conjunction="nonché")
    return enumerate_words(items, conjunction=and_before)


def country(code: str) -> str:
    return country_name(code, LANGUAGE)


def quoted(text: str) -> str:
    return f"«{md(text)}»"


def speaker(person: SpeakerFacts) -> str:
    role = lower_first(person.role[LANGUAGE])  # inside the sentence: 'responsabile di …'
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
        return "Sessione di pitch"
    return facts.title[LANGUAGE]


def title(facts: ReportFacts) -> str:
    series = facts.series_title[LANGUAGE]
    if facts.attendance.known:
        meeting = the_ordinal(facts.ordinal, "incontro", preposition="a")
        return f"{place(facts)}: {people(facts.attendance.attended)} {meeting} di {series}"
    return f"{place(facts)}: {the_ordinal(facts.ordinal, 'incontro')} di {series}"


def programme(facts: ReportFacts) -> str:
    """'un keynote di X e quattro interventi', or ''."""
    parts = []
    if facts.keynotes:
        names = [person.name for talk in facts.keynotes for person in talk.speakers]
        parts.append(f"un keynote di {join(names)}" if names else "un keynote")
    talks = [*facts.talks, *([facts.closing] if facts.closing else [])]
    if talks and all(talk.kind == Talk.Kind.PITCH for talk in talks):
        parts.append(counted(len(talks), "pitch", "pitch"))
    elif talks:
        parts.append(counted(len(talks), "intervento", "interventi"))
    return join(parts)


def summary(facts: ReportFacts) -> str:
    opening = (f"{capital(the_ordinal(facts.ordinal, 'incontro'))} di "
               f"{facts.series_title[LANGUAGE]} si è svolto {held(facts, markdown=False)} "
               f"{on_day(facts.day)}")
    content = programme(facts)
    region = f"alla regione di {facts.region[LANGUAGE]}" if facts.region else ""
    if region and content:
        return f"{opening} ed è stato dedicato {region}, con {content}."
    if region:
        return f"{opening} ed è stato dedicato {region}."
    if content:
        return f"{opening}, con {content}."
    return f"{opening}."


def held(facts: ReportFacts, *, markdown: bool = True) -> str:
    venue = facts.venue.get(LANGUAGE, "")
    where = f" ({md(venue)})" if venue and markdown else ""
    if facts.format == Event.Format.HYBRID:
        return f"in presenza{where} e online"
    if facts.format == Event.Format.ON_SITE:
        return f"in presenza{where}"
    return "online"


def kind(facts: ReportFacts) -> str:
    if facts.kind == Event.Kind.SHOWCASE and facts.region:
        region = f"alla regione di {md(facts.region[LANGUAGE])}"
        if facts.region_country:
            region += f" ({md(country(facts.region_country))})"
        return f"una vetrina regionale dedicata {region}"
    if facts.kind == Event.Kind.SHOWCASE:
        return "una vetrina regionale"
    if facts.kind == Event.Kind.PITCH_SESSION:
        return ("la sessione di pitch, in cui le imprese della serie si presentano a un "
                "pubblico internazionale")
    return quoted(facts.title[LANGUAGE])


def opening(facts: ReportFacts) -> str:
    first = (f"{capital(on_day(facts.day))} si è svolto {held(facts)} "
             f"{the_ordinal(facts.ordinal, 'incontro')} della serie "
             f"{bold(facts.series_title[LANGUAGE])}: {kind(facts)}.")
    attendance = facts.attendance
    organiser = md(facts.organiser)
    if attendance.known:
        second = (f"L'organizzatore, {organiser}, ha accolto **{people(attendance.attended)}** "
                  f"{from_countries(attendance.attended, attendance.attended_countries)}.")
    else:
        second = (f"L'organizzatore, {organiser}, ha accolto **\\[numero di partecipanti: da "
                  "completare quando sarà nota la presenza\\]**.")
        registered = attendance.registered
        if registered:
            second += (" Si era iscritta 1 persona" if registered == 1 else
                       f" Si erano iscritte {registered} persone")
            second += (" da 1 paese." if attendance.registered_countries == 1 else
                       f" da {attendance.registered_countries} paesi.")
    return f"{first} {second}"


def series(facts: ReportFacts) -> str:
    countries = join([md(country(code)) for code in facts.partner_countries])
    themes = join([md(lower_first(theme[LANGUAGE])) for theme in facts.themes])
    sentences = []
    if countries:
        where = (f"In {counted(facts.showcases, 'incontro', 'incontri')}, "
                 if facts.showcases >= 2 else "Nella serie, ")
        partners = "dei paesi partner" if len(facts.partner_countries) > 1 else "del paese partner"
        sentence = f"{where}attori regionali {partners} {countries} si presentano"
        sentence += f" sui temi della serie: {themes}." if themes else "."
        sentences.append(sentence)
    elif themes:
        sentences.append(f"La serie è dedicata ai temi {themes}.")
    if sentences and facts.has_pitch_session:
        sentences.append("Per concludere, tutte le imprese iscritte alla serie potranno "
                         "presentarsi a un pubblico internazionale.")
    return " ".join(sentences)


def welcome(facts: ReportFacts) -> str:
    return f"Dopo il benvenuto di {speakers(facts.welcome)}" if facts.welcome else ""


def keynotes(facts: ReportFacts) -> list[str]:
    blocks = []
    for index, talk in enumerate(facts.keynotes):
        topic = quoted(talk.title[LANGUAGE])
        who = speakers(talk)
        lead = welcome(facts) if index == 0 else ""
        if index > 0:
            sentence = (f"Un altro keynote è stato tenuto da {who}: {topic}." if who else
                        f"È seguito un altro keynote: {topic}.")
        elif who:
            sentence = (f"{lead}, il keynote è stato tenuto da {who}: {topic}." if lead else
                        f"Il keynote è stato tenuto da {who}: {topic}.")
        else:
            sentence = (f"{lead}, è seguito il keynote {topic}." if lead else
                        f"Ha aperto il programma il keynote {topic}.")
        blocks.append(with_excerpt(sentence, talk))
    return blocks


def talk_intro(facts: ReportFacts) -> str:
    before = bool(facts.keynotes or facts.welcome)
    if all(talk.kind == Talk.Kind.PITCH for talk in facts.talks):
        return ("Poi le imprese hanno presentato i loro progetti." if before else
                "Le imprese hanno presentato i loro progetti.")
    if facts.talks_regional and facts.region:
        region = md(facts.region[LANGUAGE])
        return (f"Sono seguiti gli interventi della regione di {region}." if before else
                f"Il programma si è aperto con gli interventi della regione di {region}.")
    return "Sono seguiti gli interventi." if before else ""


def talk_sentence(facts: ReportFacts, index: int, talk: TalkFacts) -> str:
    topic = quoted(talk.title[LANGUAGE])
    who = speakers(talk)
    last = len(facts.talks) - 1
    if not who:
        return f"Il primo intervento è stato {topic}." if index == 0 else f"È seguito {topic}."
    if index == 0:
        return f"Il primo intervento è stato quello di {who}: {topic}."
    if index == last and index >= 2 and facts.talks_regional:
        region = md(facts.region[LANGUAGE])
        article, word = ordinal(index + 1)
        return (f"{capital(article)}{'' if article.endswith(chr(39)) else ' '}{word} e ultimo "
                f"intervento della regione di {region} è stato {topic}, di {who}.")
    if talk.kind == Talk.Kind.PITCH or not index % 2:
        return f"In seguito {who} {verb(talk, 'ha presentato', 'hanno presentato')} {topic}."
    return f"Poi {who} {verb(talk, 'ha parlato', 'hanno parlato')} di {topic}."


def talks(facts: ReportFacts) -> list[str]:
    if not facts.talks:
        return []
    blocks = [with_excerpt(talk_sentence(facts, index, talk), talk)
              for index, talk in enumerate(facts.talks)]
    if not facts.keynotes and facts.welcome:
        blocks[0] = (f"L'incontro si è aperto con il benvenuto di {speakers(facts.welcome)}. "
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
    sentence = (f"{verb(talk, 'Ha chiuso', 'Hanno chiuso')} l'incontro {who} con {topic}."
                if who else f"L'incontro si è chiuso con {topic}.")
    return with_excerpt(sentence, talk)


def next_event(facts: ReportFacts) -> str:
    following: NextEventFacts | None = facts.next_event
    if following is None:
        return full_stop(f"L'organizzatore, {md(facts.organiser)}, ringrazia tutti i relatori "
                         "e tutti i partecipanti")
    when = on_day(following.day)
    if following.region:
        region = f"alla regione di {md(following.region[LANGUAGE])}"
        if following.country:
            region += f" ({md(country(following.country))})"
        sentence = f"Il prossimo incontro si terrà {when} e sarà dedicato {region}."
    elif following.kind == Event.Kind.PITCH_SESSION:
        sentence = f"Il prossimo incontro, la sessione di pitch, si terrà {when}."
    else:
        sentence = (f"Il prossimo incontro, {quoted(following.title[LANGUAGE])}, si terrà "
                    f"{when}.")
    return (f"{sentence} Se desidera partecipare a questo scambio internazionale, "
            f"[si iscriva qui]({following.url[LANGUAGE]}).")


def pitched(facts: ReportFacts) -> str:
    """'Si sono presentate le aziende **A**, **B** e **C**.'"""
    if not facts.pitched:
        return ""
    names = join([bold(name) for name in facts.pitched])
    if len(facts.pitched) == 1:
        return f"Si è presentata l'azienda {names}."
    return f"Si sono presentate le aziende {names}."


def draft(facts: ReportFacts) -> ReportDraft:
    body = paragraphs(opening(facts), series(facts), pitched(facts), *keynotes(facts),
                      *talks(facts), closing(facts), next_event(facts))
    return ReportDraft(language=LANGUAGE, title=title(facts), summary=summary(facts), body=body)
