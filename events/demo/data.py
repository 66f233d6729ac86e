"""The demo series' data: plain structures, texts as {language: text}."""

from datetime import time
from typing import Any

from django.conf import settings

from events.models import Event, Organisation, Talk

Row = dict[str, Any]

LANGUAGES = ["de", "en"]
# modeltranslation keeps the untranslated column too; it holds this language's text.
BASE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LEIPZIG_DAYS_AGO = 3
DAYS_BETWEEN_EVENTS = 7
EVENT_HOURS = (time(9, 30), time(12, 30))
JOIN_URL = "https://meet.example.org/smartct-clusters/{slug}"
CAPACITY = 100

ORGANISATIONS: list[Row] = [
    {
        "slug": "neu-ev", "name": "Netzwerk Energie und Umwelt e.V.",
        "kind": Organisation.Kind.NETWORK, "country": "DE", "city": "Leipzig",
        "is_network_member": True,
        "description": {
            "de": "Das Netzwerk Energie und Umwelt (NEU e.V.) verbindet Unternehmen, "
                  "Forschung und Verwaltung aus Mitteldeutschland und veranstaltet die "
                  "Reihe SmartCT Clusters.",
            "en": "The network Energie und Umwelt (NEU e.V.) connects companies, research "
                  "and public administration in central Germany and organises the "
                  "SmartCT Clusters series.",
        },
    },
    {
        "slug": "stadt-leipzig", "name": "Stadt Leipzig",
        "kind": Organisation.Kind.PUBLIC_ADMINISTRATION, "country": "DE", "city": "Leipzig",
        "website": "https://www.leipzig.de",
        "description": {
            "de": "Die Stadtverwaltung Leipzig; ihr Referat Digitale Stadt steuert die "
                  "digitale Transformation der Stadt.",
            "en": "The City of Leipzig; its Digital City unit steers the city's digital "
                  "transformation.",
        },
    },
    {
        "slug": "clevershuttle", "name": "CleverShuttle",
        "kind": Organisation.Kind.SME, "country": "DE", "city": "Leipzig",
        "is_network_member": True,
        "description": {
            "de": "Ride-Pooling mit eigener App und Elektroflotte; Mitglied im NEU e.V.",
            "en": "Ride pooling with its own app and electric fleet; member of NEU e.V.",
        },
    },
    {
        "slug": "leipziger-stadtwerke", "name": "Leipziger Stadtwerke",
        "kind": Organisation.Kind.LARGE_COMPANY, "country": "DE", "city": "Leipzig",
        "description": {
            "de": "Der kommunale Strom- und Wärmeversorger der Stadt Leipzig.",
            "en": "The municipal power and heat utility of the City of Leipzig.",
        },
    },
    {
        "slug": "anteverti", "name": "anteverti",
        "kind": Organisation.Kind.SME, "country": "ES", "city": "Barcelona",
        "description": {
            "de": "Beratung zu Smart Cities und urbaner Innovation; verbunden mit der "
                  "Smart City Expo Barcelona.",
            "en": "Consultancy for smart cities and urban innovation; linked with the "
                  "Smart City Expo Barcelona.",
        },
    },
    {
        "slug": "idom", "name": "IDOM",
        "kind": Organisation.Kind.LARGE_COMPANY, "country": "ES", "city": "Bilbao",
        "website": "https://www.idom.com",
        "description": {
            "de": "International tätiges Ingenieurunternehmen mit Sitz in Bilbao, unter "
                  "anderem spezialisiert auf intelligente Verkehrssysteme (ITS).",
            "en": "An international engineering company based in Bilbao, specialised among "
                  "other things in intelligent transport systems (ITS).",
        },
    },
    # Invented coordinators of the partner regions: the demo claims no real partnership.
    {
        "slug": "demo-cluster-sofia", "name": "Sofia Smart Region Cluster (Demo)",
        "kind": Organisation.Kind.NETWORK, "country": "BG", "city": "Sofia",
        "website": "https://sofia-cluster.example.org",
        "description": {
            "de": "Eine erfundene Organisation für die Demo: koordiniert die Region Sofia.",
            "en": "A fictional organisation for the demo: coordinates the Sofia region.",
        },
    },
    {
        "slug": "demo-cluster-basque-country", "name": "Basque Smart Region Cluster (Demo)",
        "kind": Organisation.Kind.NETWORK, "country": "ES", "city": "Bilbao",
        "website": "https://basque-cluster.example.org",
        "description": {
            "de": "Eine erfundene Organisation für die Demo: koordiniert das Baskenland.",
            "en": "A fictional organisation for the demo: coordinates the Basque Country.",
        },
    },
    {
        "slug": "demo-cluster-emilia-romagna", "name": "Emilia-Romagna Smart Region Cluster (Demo)",
        "kind": Organisation.Kind.NETWORK, "country": "IT", "city": "Bologna",
        "website": "https://emilia-romagna-cluster.example.org",
        "description": {
            "de": "Eine erfundene Organisation für die Demo: koordiniert die Emilia-Romagna.",
            "en": "A fictional organisation for the demo: coordinates Emilia-Romagna.",
        },
    },
]

SERIES: Row = {
    "slug": "smartct-clusters",
    "organiser": "neu-ev",
    "default_language": "de",
    "content_languages": LANGUAGES,
    "is_published": True,
    "registration_open": True,
    "title": {"de": "SmartCT Clusters", "en": "SmartCT Clusters"},
    "tagline": {
        "de": "Internationale Online-Veranstaltungsreihe für Unternehmen zum "
              "Smart-City-Ansatz",
        "en": "An international online event series for companies on the smart-city "
              "approach",
    },
    "description": {
        "de": "In vier halbtägigen Online-Treffen stellen sich regionale Akteure aus "
              "Deutschland, Bulgarien, Spanien und Italien zu den Themenfeldern des "
              "Smart-City-Ansatzes vor: Öffentliche Verwaltung, Mobilität, Energie und "
              "Nachhaltigkeit sowie IKT. Zum Abschluss präsentieren sich alle für die Reihe "
              "registrierten KMU einem internationalen Publikum.",
        "en": "In four half-day online meetings, regional actors from Germany, Bulgaria, "
              "Spain and Italy present themselves on the themes of the smart-city approach: "
              "public administration, mobility, energy and sustainability, and ICT. To "
              "close, every SME registered for the series presents itself to an "
              "international audience.",
    },
}

THEMES: list[Row] = [
    {
        "slug": "public-administration",
        "name": {"de": "Öffentliche Verwaltung", "en": "Public administration"},
        "description": {
            "de": "Digitale Verwaltung, offene Daten und integrierte Stadtentwicklung.",
            "en": "Digital administration, open data and integrated urban development.",
        },
    },
    {
        "slug": "mobility",
        "name": {"de": "Mobilität", "en": "Mobility"},
        "description": {
            "de": "Nahverkehr, neue Mobilitätsdienste und intelligente Verkehrssysteme.",
            "en": "Public transport, new mobility services and intelligent transport systems.",
        },
    },
    {
        "slug": "energy-sustainability",
        "name": {"de": "Energie und Nachhaltigkeit", "en": "Energy and sustainability"},
        "description": {
            "de": "Intelligente Netze, effiziente Quartiere und klimafreundliche Versorgung.",
            "en": "Smart grids, efficient districts and climate-friendly supply.",
        },
    },
    {
        "slug": "ict",
        "name": {"de": "IKT", "en": "ICT"},
        "description": {
            "de": "Datenplattformen, digitale Zwillinge und vernetzte Infrastruktur.",
            "en": "Data platforms, digital twins and connected infrastructure.",
        },
    },
]

REGIONS: list[Row] = [
    {
        "slug": "leipzig", "country": "DE", "coordinator": "neu-ev",
        "name": {"de": "Leipzig", "en": "Leipzig"},
        "description": {
            "de": "Die Stadt Leipzig und ihre Akteure aus Verwaltung, Mobilität und "
                  "Energieversorgung.",
            "en": "The city of Leipzig and its actors from administration, mobility and "
                  "energy supply.",
        },
    },
    {
        "slug": "sofia", "country": "BG", "coordinator": "demo-cluster-sofia",
        "name": {"de": "Sofia", "en": "Sofia"},
        "description": {
            "de": "Die bulgarische Hauptstadtregion und ihre Akteure zu Smart-City-Themen.",
            "en": "The Bulgarian capital region and its actors on smart-city themes.",
        },
    },
    {
        "slug": "basque-country", "country": "ES", "coordinator": "demo-cluster-basque-country",
        "name": {"de": "Baskenland", "en": "Basque Country"},
        "description": {
            "de": "Das Baskenland rund um Bilbao mit seinen Akteuren aus Industrie, "
                  "Ingenieurwesen und Stadtentwicklung.",
            "en": "The Basque Country around Bilbao with its actors from industry, "
                  "engineering and urban development.",
        },
    },
    {
        "slug": "emilia-romagna", "country": "IT", "coordinator": "demo-cluster-emilia-romagna",
        "name": {"de": "Emilia-Romagna", "en": "Emilia-Romagna"},
        "description": {
            "de": "Die Region Emilia-Romagna rund um Bologna und ihre Akteure zu "
                  "Smart-City-Themen.",
            "en": "The Emilia-Romagna region around Bologna and its actors on smart-city "
                  "themes.",
        },
    },
]

ALL_THEMES = [theme["slug"] for theme in THEMES]

# In the order they take place, a week apart.
EVENTS: list[Row] = [
    {
        "slug": "leipzig", "kind": Event.Kind.SHOWCASE, "region": "leipzig",
        "time_zone": "Europe/Berlin", "themes": ALL_THEMES,
        "title": {"de": "Region Leipzig (Deutschland)", "en": "Leipzig region (Germany)"},
        "summary": {
            "de": "Der Auftakt der Reihe: eine Keynote zu europäischen Städten nach der "
                  "Pandemie, dann stellen Stadt, Stadtwerke und Unternehmen aus Leipzig ihre "
                  "Smart-City-Projekte vor.",
            "en": "The kick-off of the series: a keynote on European cities after the "
                  "pandemic, then the city, the utility and companies from Leipzig present "
                  "their smart-city projects.",
        },
    },
    {
        "slug": "sofia", "kind": Event.Kind.SHOWCASE, "region": "sofia",
        "time_zone": "Europe/Sofia", "themes": ALL_THEMES,
        "title": {"de": "Region Sofia (Bulgarien)", "en": "Sofia region (Bulgaria)"},
        "summary": {
            "de": "Bedeutende Akteure der Region Sofia stellen sich zu den Themen der Reihe "
                  "vor.",
            "en": "Key actors of the Sofia region present themselves on the themes of the "
                  "series.",
        },
    },
    {
        "slug": "basque-country", "kind": Event.Kind.SHOWCASE, "region": "basque-country",
        "time_zone": "Europe/Madrid", "themes": ALL_THEMES,
        "title": {"de": "Baskenland (Spanien)", "en": "Basque Country (Spain)"},
        "summary": {
            "de": "Akteure aus dem Baskenland zeigen ihre Ansätze für smarte Städte.",
            "en": "Actors from the Basque Country show their approaches to smart cities.",
        },
    },
    {
        "slug": "emilia-romagna", "kind": Event.Kind.SHOWCASE, "region": "emilia-romagna",
        "time_zone": "Europe/Rome", "themes": ALL_THEMES,
        "title": {"de": "Emilia-Romagna (Italien)", "en": "Emilia-Romagna (Italy)"},
        "summary": {
            "de": "Akteure aus der Emilia-Romagna zeigen ihre Ansätze für smarte Städte.",
            "en": "Actors from Emilia-Romagna show their approaches to smart cities.",
        },
    },
    {
        "slug": "sme-pitch-session", "kind": Event.Kind.PITCH_SESSION, "region": None,
        "time_zone": "Europe/Berlin", "themes": ALL_THEMES,
        "title": {"de": "KMU-Pitch-Session", "en": "SME pitch session"},
        "summary": {
            "de": "Zum Abschluss der Reihe stellen sich die registrierten KMU einem "
                  "internationalen Publikum vor.",
            "en": "To close the series, the registered SMEs present themselves to an "
                  "international audience.",
        },
    },
]

SPEAKERS: list[Row] = [
    {
        "slug": "cristina-garrido", "name": "Cristina Garrido", "organisation": "anteverti",
        "role": {
            "de": "Smart-City-Expertin, Smart City Expo Barcelona",
            "en": "Smart city expert, Smart City Expo Barcelona",
        },
        "bio": {
            "de": "Cristina Garrido berät Städte zu Smart-City-Strategien und urbaner "
                  "Innovation.",
            "en": "Cristina Garrido advises cities on smart-city strategies and urban "
                  "innovation.",
        },
    },
    {
        "slug": "sebastian-graetz", "name": "Sebastian Graetz", "organisation": "stadt-leipzig",
        "role": {"de": "Referat Digitale Stadt", "en": "Digital City unit"},
        "bio": {
            "de": "Sebastian Graetz arbeitet im Referat Digitale Stadt der Stadt Leipzig an "
                  "der digitalen Transformation der Stadt.",
            "en": "Sebastian Graetz works in the City of Leipzig's Digital City unit on the "
                  "city's digital transformation.",
        },
    },
    {
        "slug": "moritz-oesterlink", "name": "Moritz Oesterlink", "organisation": "clevershuttle",
        "role": {"de": "Region Leipzig", "en": "Leipzig region"},
        "bio": {
            "de": "Moritz Oesterlink vertritt CleverShuttle in der Region Leipzig.",
            "en": "Moritz Oesterlink represents CleverShuttle in the Leipzig region.",
        },
    },
    {
        "slug": "uwe-fischer", "name": "Uwe Fischer", "organisation": "leipziger-stadtwerke",
        "role": {
            "de": "Bereichsleiter Informationsmanagement",
            "en": "Head of Information Management",
        },
        "bio": {
            "de": "Uwe Fischer leitet das Informationsmanagement der Leipziger Stadtwerke.",
            "en": "Uwe Fischer heads information management at Leipziger Stadtwerke.",
        },
    },
    {
        "slug": "inigo-larraondo", "name": "Iñigo Larraondo", "organisation": "idom",
        "role": {"de": "ITS Business Director", "en": "ITS Business Director"},
        "bio": {
            "de": "Iñigo Larraondo verantwortet bei IDOM das Geschäft mit intelligenten "
                  "Verkehrssystemen (ITS).",
            "en": "Iñigo Larraondo leads IDOM's business in intelligent transport systems "
                  "(ITS).",
        },
    },
]

# Agendas by event slug; events not named here keep whatever agenda they have.
# A talk starts at a local wall-clock time of the event's day and lasts `minutes`.
AGENDAS: dict[str, list[Row]] = {
    "leipzig": [
        {
            "kind": Talk.Kind.KEYNOTE, "start": time(9, 40), "minutes": 40,
            "speakers": ["cristina-garrido"], "themes": ["public-administration", "mobility"],
            "title": {
                "de": "Die Auswirkungen der COVID-19-Pandemie auf europäische Städte",
                "en": "The impact of the COVID-19 pandemic on European cities",
            },
            "abstract": {
                "de": "Welche Herausforderungen hat die Pandemie den Städten gebracht, und mit "
                      "welchen neuen Möglichkeiten können sie künftig auf Pandemien "
                      "reagieren? Im Mittelpunkt stehen die Gestaltung öffentlicher Räume und "
                      "die Weiterentwicklung der städtischen Mobilität.",
                "en": "Which challenges has the pandemic brought to cities, and with which new "
                      "possibilities can they respond to pandemics in future? The focus is on "
                      "the design of public space and the further development of urban "
                      "mobility.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 25), "minutes": 25,
            "speakers": ["sebastian-graetz"], "themes": ["public-administration", "ict"],
            "title": {
                "de": "Leipzigs digitale Transformation",
                "en": "Leipzig's digital transformation",
            },
            "abstract": {
                "de": "Leipzig gilt laut Bitkom als smarteste Stadt Ostdeutschlands. Der "
                      "Vortrag zeigt die aktuellen Initiativen: eine urbane Datenplattform, "
                      "einen digitalen Zwilling für die integrierte Stadtentwicklung, den "
                      "Ideenwettbewerb „Smart City Challenge“ und das Interreg-Central-Europe-"
                      "Projekt EffienCE.",
                "en": "According to Bitkom, Leipzig is the smartest city in eastern Germany. "
                      "The talk shows the current initiatives: an urban data platform, a "
                      "digital twin for integrated urban development, the “Smart City "
                      "Challenge” ideas competition and the Interreg Central Europe project "
                      "EffienCE.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 55), "minutes": 25,
            "speakers": ["moritz-oesterlink"], "themes": ["mobility", "energy-sustainability"],
            "title": {
                "de": "Emissionsfreier Nahverkehr mit Ride-Pooling",
                "en": "Emission-free local transport with ride pooling",
            },
            "abstract": {
                "de": "Von der App über das Ride-Pooling-System bis zur eigenen Flotte von "
                      "Elektrofahrzeugen: CleverShuttle bietet emissionsfreien Nahverkehr "
                      "entlang der ganzen Wertschöpfungskette. Mit den Leipziger "
                      "Verkehrsbetrieben bedient das Unternehmen zudem unterversorgte "
                      "Vororte auf der letzten Meile (Flexa).",
                "en": "From the app through the ride-pooling system to its own fleet of "
                      "electric vehicles, CleverShuttle offers emission-free local transport "
                      "along the whole value chain. Together with Leipzig's public transport "
                      "company it also serves under-served suburbs on the last mile (Flexa).",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 25), "minutes": 25,
            "speakers": ["uwe-fischer"], "themes": ["energy-sustainability", "ict"],
            "title": {
                "de": "Die digitalen Entwicklungen der Leipziger Stadtwerke",
                "en": "The digital developments of Leipziger Stadtwerke",
            },
            "abstract": {
                "de": "Der kommunale Strom- und Wärmeversorger investiert in smarte "
                      "Technologien zur Steuerung der Netze und zur Messung des Verbrauchs "
                      "privater Haushalte. Mit Initiativen wie Smartx und SPARCS erproben die "
                      "Stadtwerke Ansätze vom Smart Home bis zum intelligenten Quartiersnetz.",
                "en": "The municipal power and heat utility invests in smart technology to "
                      "control its grids and to meter the consumption of private households. "
                      "With initiatives such as Smartx and SPARCS it tries out approaches from "
                      "the smart home to intelligent district grids.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 55), "minutes": 25,
            "speakers": ["inigo-larraondo"], "themes": ["mobility", "ict"],
            "title": {
                "de": "Intelligente Verkehrssysteme: der Mobile ITS Service Guide",
                "en": "Intelligent transport systems: the Mobile ITS Service Guide",
            },
            "abstract": {
                "de": "IDOM, ein international tätiges Ingenieurunternehmen aus Bilbao, ist "
                      "auf intelligente Transport- und Verkehrsleitsysteme spezialisiert. Aus "
                      "Projekten rund um den Globus hat IDOM im Auftrag der Weltbank einen "
                      "Mobile ITS Service Guide für Entwicklungsländer entwickelt.",
                "en": "IDOM, an international engineering company from Bilbao, specialises in "
                      "intelligent transport and traffic management systems. Drawing on "
                      "projects around the globe, IDOM developed a Mobile ITS Service Guide "
                      "for developing countries on behalf of the World Bank.",
            },
        },
    ],
}

REPORT: Row = {
    "slug": "leipzig-kick-off",
    "event": "leipzig",
    "title": {
        "de": "Auftakt in Leipzig: 37 Teilnehmende beim ersten Treffen von SmartCT Clusters",
        "en": "Kick-off in Leipzig: 37 participants at the first SmartCT Clusters meeting",
    },
    "summary": {
        "de": "Die Veranstaltungsreihe für Unternehmen startete mit der Region Leipzig: eine "
              "Keynote zu Städten nach der Pandemie und vier Vorträge zu Verwaltung, "
              "Mobilität, Energie und Verkehrssystemen.",
        "en": "The event series for companies started with the Leipzig region: a keynote on "
              "cities after the pandemic and four talks on administration, mobility, energy "
              "and transport systems.",
    },
    # {next_date} and {register_url} are filled in per language when loading.
    "body": {
        "de": """\
Mit der Region Leipzig hat die Veranstaltungsreihe **SmartCT Clusters** für Unternehmen \
begonnen. Als Veranstalter begrüßte das Netzwerk Energie und Umwelt e.V. (NEU e.V.) \
**37 Teilnehmende** aus verschiedenen Ländern Europas und der Welt.

In den ersten vier Treffen stellen sich regionale Akteure aus Deutschland, Bulgarien, \
Spanien und Italien zu den Themenfeldern des Smart-City-Ansatzes vor: Öffentliche \
Verwaltung, Mobilität, Energie und Nachhaltigkeit sowie IKT. Zum Abschluss können sich alle \
für die Reihe registrierten KMU einem internationalen Publikum präsentieren.

## Städte nach der Pandemie

Die Keynote hielt Smart-City-Expertin **Cristina Garrido** (anteverti / Smart City Expo \
Barcelona). Sie zeigte die Herausforderungen, vor die die COVID-19-Pandemie europäische \
Städte gestellt hat, und vor allem die neuen Möglichkeiten, mit denen Städte künftig auf \
Pandemien reagieren können. Eine zentrale Rolle spielen dabei die Gestaltung öffentlicher \
Räume und die Weiterentwicklung der städtischen Mobilität.

## Die Leipziger Vorträge

- **Sebastian Graetz** (Stadt Leipzig, Referat Digitale Stadt) zeichnete die digitale \
Transformation Leipzigs nach, laut Bitkom die smarteste Stadt Ostdeutschlands: eine urbane \
Datenplattform, ein digitaler Zwilling für die integrierte Stadtentwicklung, der \
Ideenwettbewerb „Smart City Challenge“ und das Interreg-Central-Europe-Projekt EffienCE.
- **Moritz Oesterlink** stellte NEU e.V.-Mitglied CleverShuttle vor: von der App über das \
Ride-Pooling-System bis zur eigenen Elektroflotte emissionsfreier Nahverkehr entlang der \
ganzen Wertschöpfungskette. Mit den Leipziger Verkehrsbetrieben bedient CleverShuttle \
außerdem unterversorgte Vororte auf der letzten Meile (Flexa).
- **Uwe Fischer**, Bereichsleiter Informationsmanagement, zeigte die digitalen \
Entwicklungen der Leipziger Stadtwerke. Der kommunale Strom- und Wärmeversorger investiert \
in smarte Technik zur Steuerung der Netze und zur Messung des Verbrauchs; mit Smartx und \
SPARCS erprobt er Ansätze vom Smart Home bis zum intelligenten Quartiersnetz.

## Verkehrssysteme für die Welt

Den Abschluss bildete **Iñigo Larraondo**, ITS Business Director bei IDOM, einem \
international tätigen Ingenieurunternehmen mit Sitz in Bilbao (Spanien), das auf \
intelligente Transport- und Verkehrsleitsysteme spezialisiert ist. Aus Projekten rund um den \
Globus hat IDOM im Auftrag der Weltbank einen Mobile ITS Service Guide für \
Entwicklungsländer entwickelt.

## Wie es weitergeht

Die nächste Veranstaltung findet am {next_date} statt und stellt bedeutende Akteure der \
Region Sofia (Bulgarien) vor. Wenn Sie sich diesem internationalen Austausch anschließen \
möchten, [melden Sie sich hier an]({register_url}).
""",
        "en": """\
The **SmartCT Clusters** event series for companies has started with the Leipzig region. \
The organiser, the network Energie und Umwelt (NEU e.V.), welcomed **37 participants** from \
various countries of Europe and the world.

In the first four meetings, regional actors from Germany, Bulgaria, Spain and Italy present \
themselves on the themes of the smart-city approach: public administration, mobility, \
energy and sustainability, and ICT. To close, every SME registered for the series may \
present itself to an international audience.

## Cities after the pandemic

The keynote was given by smart city expert **Cristina Garrido** (anteverti / Smart City \
Expo Barcelona). She showed the challenges the COVID-19 pandemic has posed to European \
cities and above all the new possibilities cities have to respond to pandemics in future. \
The design of public space and the further development of urban mobility play a central \
role in this.

## The Leipzig talks

- **Sebastian Graetz** (City of Leipzig, Digital City unit) traced the digital \
transformation of Leipzig, according to Bitkom the smartest city in eastern Germany: an \
urban data platform, a digital twin for integrated urban development, the “Smart City \
Challenge” ideas competition and the Interreg Central Europe project EffienCE.
- **Moritz Oesterlink** presented CleverShuttle, a member of NEU e.V.: from the app through \
the ride-pooling system to its own electric fleet, emission-free local transport along the \
whole value chain. Together with Leipzig's public transport company, CleverShuttle also \
serves under-served suburbs on the last mile (Flexa).
- **Uwe Fischer**, head of information management, showed the digital developments of \
Leipziger Stadtwerke. The municipal power and heat utility invests in smart technology to \
control its grids and to meter consumption; with Smartx and SPARCS it tries out approaches \
from the smart home to intelligent district grids.

## Transport systems for the world

The event closed with **Iñigo Larraondo**, ITS Business Director at IDOM, an international \
engineering company based in Bilbao (Spain) that specialises in intelligent transport and \
traffic management systems. Drawing on projects around the globe, IDOM developed a Mobile \
ITS Service Guide for developing countries on behalf of the World Bank.

## What comes next

The next event takes place on {next_date} and presents key actors of the Sofia region \
(Bulgaria). If you would like to join this international exchange, \
[register here]({register_url}).
""",
    },
}

# How each language writes the date of the next event in the report.
REPORT_DATE_FORMATS = {"de": "d.m.Y", "en": "j F Y"}
