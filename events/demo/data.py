"""The demo series' shared data: series, themes, regions, the organiser; texts as
{language: text} in all five content languages.

Each event, with the organisations and speakers of its region and its agenda, is one
structure in its own module (events.demo.leipzig, .sofia, ...); EVENTS lists them in the
order they take place, a week apart.
"""

from datetime import time
from typing import Any

from django.conf import settings

from events.models import Organisation

Row = dict[str, Any]
Text = dict[str, str]

LANGUAGES = ["de", "en", "es", "it", "bg"]
# modeltranslation keeps the untranslated column too; it holds this language's text.
BASE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
DAYS_BETWEEN_EVENTS = 7
# The seed's events took place on Tuesdays; the kick-off lies 2 to 6 days before `today`
# (load.first_event_day), on the first of these weekdays that falls in that window.
EVENT_WEEKDAYS = [1, 2, 0, 3, 4]  # Tuesday, else Wednesday, Monday, Thursday, Friday
EVENT_HOURS = (time(9, 30), time(12, 30))
JOIN_URL = "https://meet.example.org/smartct-clusters/{slug}"
CAPACITY = 100

# Appended to the bio or description of every row marked "fictional": True, so that the
# speaker and organisation pages say which people and organisations are invented.
FICTIONAL_PERSON: Text = {
    "de": "Erfundene Person: Demodaten.",
    "en": "Fictional person: demo data.",
    "es": "Persona ficticia: datos de demostración.",
    "it": "Persona fittizia: dati dimostrativi.",
    "bg": "Измислено лице: демонстрационни данни.",
}
FICTIONAL_ORGANISATION: Text = {
    "de": "Erfundene Organisation: Demodaten.",
    "en": "Fictional organisation: demo data.",
    "es": "Organización ficticia: datos de demostración.",
    "it": "Organizzazione fittizia: dati dimostrativi.",
    "bg": "Измислена организация: демонстрационни данни.",
}

# The texts of the agenda items every event has.
BREAK: Text = {"de": "Kaffeepause", "en": "Coffee break", "es": "Pausa para el café",
               "it": "Pausa caffè", "bg": "Кафе пауза"}

ORGANISER: Row = {
    "slug": "neu-ev", "name": "Netzwerk Energie und Umwelt e.V.",
    "kind": Organisation.Kind.NETWORK, "country": "DE", "city": "Leipzig",
    "is_network_member": True,
    "description": {
        "de": "Das Netzwerk Energie und Umwelt (NEU e.V.) verbindet Unternehmen, Forschung "
              "und Verwaltung aus Mitteldeutschland und veranstaltet die Reihe SmartCT "
              "Clusters.",
        "en": "The network Energie und Umwelt (NEU e.V.) connects companies, research and "
              "public administration in central Germany and organises the SmartCT Clusters "
              "series.",
        "es": "La red Energie und Umwelt (NEU e.V.) une a empresas, centros de investigación "
              "y administraciones del centro de Alemania y organiza la serie SmartCT "
              "Clusters.",
        "it": "La rete Energie und Umwelt (NEU e.V.) mette in contatto imprese, ricerca e "
              "pubblica amministrazione della Germania centrale e organizza la serie SmartCT "
              "Clusters.",
        "bg": "Мрежата „Енергия и околна среда“ (NEU e.V.) свързва предприятия, научни "
              "организации и администрации от Централна Германия и организира поредицата "
              "SmartCT Clusters.",
    },
}

SERIES: Row = {
    "slug": "smartct-clusters",
    "organiser": "neu-ev",
    "default_language": "de",
    "content_languages": LANGUAGES,
    "is_published": True,
    "registration_open": True,
    "title": {lang: "SmartCT Clusters" for lang in LANGUAGES},
    "tagline": {
        "de": "Internationale Online-Veranstaltungsreihe für Unternehmen zum "
              "Smart-City-Ansatz",
        "en": "An international online event series for companies on the smart-city "
              "approach",
        "es": "Una serie internacional de eventos en línea para empresas sobre el enfoque "
              "de ciudad inteligente",
        "it": "Una serie internazionale di eventi online per le imprese sull'approccio "
              "smart city",
        "bg": "Международна онлайн поредица от събития за предприятия, посветена на "
              "подхода „умен град“",
    },
    "description": {
        "de": "In vier halbtägigen Online-Treffen stellen sich regionale Akteure aus "
              "Deutschland, Bulgarien, Spanien und Italien zu den Themenfeldern des "
              "Smart-City-Ansatzes vor: Öffentliche Verwaltung, Mobilität, Energie und "
              "Nachhaltigkeit sowie IKT. Zum Abschluss präsentieren sich alle für die Reihe "
              "registrierten KMU einem internationalen Publikum.\n\n"
              "Dies ist eine Demo: Das Leipziger Treffen folgt dem Bericht über die echte "
              "Reihe; alle anderen Personen und Organisationen sind erfunden und als "
              "Demodaten gekennzeichnet.",
        "en": "In four half-day online meetings, regional actors from Germany, Bulgaria, "
              "Spain and Italy present themselves on the themes of the smart-city approach: "
              "public administration, mobility, energy and sustainability, and ICT. To "
              "close, every SME registered for the series presents itself to an "
              "international audience.\n\n"
              "This is a demo: the Leipzig meeting follows the report of the real series; "
              "every other person and organisation is invented and marked as demo data.",
        "es": "En cuatro encuentros en línea de media jornada, actores regionales de "
              "Alemania, Bulgaria, España e Italia se presentan en torno a los ejes del "
              "enfoque de ciudad inteligente: administración pública, movilidad, energía y "
              "sostenibilidad, y TIC. Para terminar, todas las pymes inscritas en la serie "
              "se presentan ante un público internacional.\n\n"
              "Esto es una demostración: el encuentro de Leipzig sigue la crónica de la serie "
              "real; las demás personas y organizaciones son inventadas y están marcadas "
              "como datos de demostración.",
        "it": "In quattro incontri online di mezza giornata, attori regionali di Germania, "
              "Bulgaria, Spagna e Italia si presentano sui temi dell'approccio smart city: "
              "pubblica amministrazione, mobilità, energia e sostenibilità, ICT. In "
              "chiusura, tutte le PMI iscritte alla serie si presentano a un pubblico "
              "internazionale.\n\n"
              "Questa è una demo: l'incontro di Lipsia segue il resoconto della serie reale; "
              "tutte le altre persone e organizzazioni sono inventate e segnalate come dati "
              "dimostrativi.",
        "bg": "В четири полудневни онлайн срещи регионални участници от Германия, "
              "България, Испания и Италия се представят по темите на подхода „умен град“: "
              "публична администрация, мобилност, енергия и устойчивост, ИКТ. Накрая всички "
              "малки и средни предприятия, регистрирани за поредицата, се представят пред "
              "международна публика.\n\n"
              "Това е демонстрация: срещата в Лайпциг следва репортажа за истинската "
              "поредица; всички останали лица и организации са измислени и отбелязани като "
              "демонстрационни данни.",
    },
}

THEMES: list[Row] = [
    {
        "slug": "public-administration",
        "name": {"de": "Öffentliche Verwaltung", "en": "Public administration",
                 "es": "Administración pública", "it": "Pubblica amministrazione",
                 "bg": "Публична администрация"},
        "description": {
            "de": "Digitale Verwaltung, offene Daten und integrierte Stadtentwicklung.",
            "en": "Digital administration, open data and integrated urban development.",
            "es": "Administración digital, datos abiertos y desarrollo urbano integrado.",
            "it": "Amministrazione digitale, dati aperti e sviluppo urbano integrato.",
            "bg": "Дигитална администрация, отворени данни и интегрирано градско развитие.",
        },
    },
    {
        "slug": "mobility",
        "name": {"de": "Mobilität", "en": "Mobility", "es": "Movilidad", "it": "Mobilità",
                 "bg": "Мобилност"},
        "description": {
            "de": "Nahverkehr, neue Mobilitätsdienste und intelligente Verkehrssysteme.",
            "en": "Public transport, new mobility services and intelligent transport systems.",
            "es": "Transporte público, nuevos servicios de movilidad y sistemas inteligentes "
                  "de transporte.",
            "it": "Trasporto pubblico, nuovi servizi di mobilità e sistemi di trasporto "
                  "intelligenti.",
            "bg": "Обществен транспорт, нови услуги за мобилност и интелигентни транспортни "
                  "системи.",
        },
    },
    {
        "slug": "energy-sustainability",
        "name": {"de": "Energie und Nachhaltigkeit", "en": "Energy and sustainability",
                 "es": "Energía y sostenibilidad", "it": "Energia e sostenibilità",
                 "bg": "Енергия и устойчивост"},
        "description": {
            "de": "Intelligente Netze, effiziente Quartiere und klimafreundliche Versorgung.",
            "en": "Smart grids, efficient districts and climate-friendly supply.",
            "es": "Redes inteligentes, barrios eficientes y suministro respetuoso con el "
                  "clima.",
            "it": "Reti intelligenti, quartieri efficienti e forniture rispettose del clima.",
            "bg": "Интелигентни мрежи, енергийно ефективни квартали и щадящо климата "
                  "снабдяване.",
        },
    },
    {
        "slug": "ict",
        "name": {"de": "IKT", "en": "ICT", "es": "TIC", "it": "ICT", "bg": "ИКТ"},
        "description": {
            "de": "Datenplattformen, digitale Zwillinge und vernetzte Infrastruktur.",
            "en": "Data platforms, digital twins and connected infrastructure.",
            "es": "Plataformas de datos, gemelos digitales e infraestructura conectada.",
            "it": "Piattaforme di dati, gemelli digitali e infrastrutture connesse.",
            "bg": "Платформи за данни, цифрови близнаци и свързана инфраструктура.",
        },
    },
]

REGIONS: list[Row] = [
    {
        "slug": "leipzig", "country": "DE", "coordinator": "neu-ev",
        "name": {"de": "Leipzig", "en": "Leipzig", "es": "Leipzig", "it": "Lipsia",
                 "bg": "Лайпциг"},
        "description": {
            "de": "Die Stadt Leipzig und ihre Akteure aus Verwaltung, Mobilität und "
                  "Energieversorgung.",
            "en": "The city of Leipzig and its actors from administration, mobility and "
                  "energy supply.",
            "es": "La ciudad de Leipzig y sus actores de la administración, la movilidad y "
                  "el suministro de energía.",
            "it": "La città di Lipsia e i suoi attori dell'amministrazione, della mobilità e "
                  "dell'approvvigionamento energetico.",
            "bg": "Град Лайпциг и неговите участници от администрацията, мобилността и "
                  "енергоснабдяването.",
        },
    },
    {
        "slug": "sofia", "country": "BG", "coordinator": "demo-cluster-sofia",
        "name": {"de": "Sofia", "en": "Sofia", "es": "Sofía", "it": "Sofia", "bg": "София"},
        "description": {
            "de": "Die bulgarische Hauptstadtregion und ihre Akteure zu Smart-City-Themen.",
            "en": "The Bulgarian capital region and its actors on smart-city themes.",
            "es": "La región de la capital búlgara y sus actores en los temas de ciudad "
                  "inteligente.",
            "it": "La regione della capitale bulgara e i suoi attori sui temi della smart "
                  "city.",
            "bg": "Столичният регион на България и неговите участници по темите на умния "
                  "град.",
        },
    },
    {
        "slug": "basque-country", "country": "ES", "coordinator": "demo-cluster-basque-country",
        "name": {"de": "Baskenland", "en": "Basque Country", "es": "País Vasco",
                 "it": "Paesi Baschi", "bg": "Страната на баските"},
        "description": {
            "de": "Das Baskenland rund um Bilbao mit seinen Akteuren aus Industrie, "
                  "Ingenieurwesen und Stadtentwicklung.",
            "en": "The Basque Country around Bilbao with its actors from industry, "
                  "engineering and urban development.",
            "es": "El País Vasco en torno a Bilbao, con sus actores de la industria, la "
                  "ingeniería y el desarrollo urbano.",
            "it": "I Paesi Baschi intorno a Bilbao, con i loro attori dell'industria, "
                  "dell'ingegneria e dello sviluppo urbano.",
            "bg": "Страната на баските около Билбао с нейните участници от индустрията, "
                  "инженерството и градското развитие.",
        },
    },
    {
        "slug": "emilia-romagna", "country": "IT", "coordinator": "demo-cluster-emilia-romagna",
        "name": {"de": "Emilia-Romagna", "en": "Emilia-Romagna", "es": "Emilia-Romaña",
                 "it": "Emilia-Romagna", "bg": "Емилия-Романя"},
        "description": {
            "de": "Die Region Emilia-Romagna rund um Bologna und ihre Akteure zu "
                  "Smart-City-Themen.",
            "en": "The Emilia-Romagna region around Bologna and its actors on smart-city "
                  "themes.",
            "es": "La región de Emilia-Romaña en torno a Bolonia y sus actores en los temas "
                  "de ciudad inteligente.",
            "it": "La regione Emilia-Romagna intorno a Bologna e i suoi attori sui temi della "
                  "smart city.",
            "bg": "Регион Емилия-Романя около Болоня и неговите участници по темите на умния "
                  "град.",
        },
    },
]
