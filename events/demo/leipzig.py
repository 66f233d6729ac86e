"""The kick-off in Leipzig, as the seed reports it (its people and organisations are real;
only the moderator is invented)."""

from datetime import time

from events.demo.data import BREAK, Row
from events.models import Event, Organisation, Talk

EVENT: Row = {
    "slug": "leipzig", "kind": Event.Kind.SHOWCASE, "region": "leipzig",
    "time_zone": "Europe/Berlin",
    "themes": ["public-administration", "mobility", "energy-sustainability", "ict"],
    "title": {
        "de": "Region Leipzig (Deutschland)",
        "en": "Leipzig region (Germany)",
        "es": "Región de Leipzig (Alemania)",
        "it": "Regione di Lipsia (Germania)",
        "bg": "Регион Лайпциг (Германия)",
    },
    "summary": {
        "de": "Der Auftakt der Reihe: eine Keynote zu europäischen Städten nach der "
              "Pandemie, dann stellen Stadt, Stadtwerke und Unternehmen aus Leipzig ihre "
              "Smart-City-Projekte vor.",
        "en": "The kick-off of the series: a keynote on European cities after the pandemic, "
              "then the city, the utility and companies from Leipzig present their "
              "smart-city projects.",
        "es": "El arranque de la serie: una conferencia sobre las ciudades europeas tras la "
              "pandemia; después, el ayuntamiento, la empresa municipal de energía y "
              "empresas de Leipzig presentan sus proyectos de ciudad inteligente.",
        "it": "L'avvio della serie: un keynote sulle città europee dopo la pandemia, poi il "
              "Comune, la multiutility e le imprese di Lipsia presentano i loro progetti "
              "smart city.",
        "bg": "Началото на поредицата: основен доклад за европейските градове след "
              "пандемията, след което общината, градското енергийно дружество и фирми от "
              "Лайпциг представят своите проекти за умен град.",
    },
    "organisations": [
        {
            "slug": "stadt-leipzig", "name": "Stadt Leipzig",
            "kind": Organisation.Kind.PUBLIC_ADMINISTRATION, "country": "DE",
            "city": "Leipzig", "website": "https://www.leipzig.de",
            "description": {
                "de": "Die Stadtverwaltung Leipzig; ihr Referat Digitale Stadt steuert die "
                      "digitale Transformation der Stadt.",
                "en": "The City of Leipzig; its Digital City unit steers the city's digital "
                      "transformation.",
                "es": "El Ayuntamiento de Leipzig; su unidad Ciudad Digital dirige la "
                      "transformación digital de la ciudad.",
                "it": "Il Comune di Lipsia; il suo ufficio Città digitale guida la "
                      "trasformazione digitale della città.",
                "bg": "Общината на Лайпциг; нейният отдел „Дигитален град“ ръководи "
                      "цифровата трансформация на града.",
            },
        },
        {
            "slug": "clevershuttle", "name": "CleverShuttle",
            "kind": Organisation.Kind.SME, "country": "DE", "city": "Leipzig",
            "is_network_member": True,
            "description": {
                "de": "Ride-Pooling mit eigener App und Elektroflotte; Mitglied im NEU e.V.",
                "en": "Ride pooling with its own app and electric fleet; member of NEU e.V.",
                "es": "Viajes compartidos con su propia aplicación y flota eléctrica; "
                      "miembro de NEU e.V.",
                "it": "Ride pooling con app propria e flotta elettrica; socio di NEU e.V.",
                "bg": "Споделено пътуване със собствено приложение и електрически автопарк; "
                      "член на NEU e.V.",
            },
        },
        {
            "slug": "leipziger-stadtwerke", "name": "Leipziger Stadtwerke",
            "kind": Organisation.Kind.LARGE_COMPANY, "country": "DE", "city": "Leipzig",
            "description": {
                "de": "Der kommunale Strom- und Wärmeversorger der Stadt Leipzig.",
                "en": "The municipal power and heat utility of the City of Leipzig.",
                "es": "La empresa municipal de electricidad y calefacción de Leipzig.",
                "it": "L'azienda municipale di energia elettrica e calore di Lipsia.",
                "bg": "Общинското дружество за електро- и топлоснабдяване на Лайпциг.",
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
                "es": "Consultora de ciudades inteligentes e innovación urbana, vinculada a "
                      "la Smart City Expo de Barcelona.",
                "it": "Società di consulenza per smart city e innovazione urbana, legata "
                      "alla Smart City Expo di Barcellona.",
                "bg": "Консултантска фирма за умни градове и градски иновации, свързана със "
                      "Smart City Expo в Барселона.",
            },
        },
        {
            "slug": "idom", "name": "IDOM",
            "kind": Organisation.Kind.LARGE_COMPANY, "country": "ES", "city": "Bilbao",
            "website": "https://www.idom.com",
            "description": {
                "de": "International tätiges Ingenieurunternehmen mit Sitz in Bilbao, unter "
                      "anderem spezialisiert auf intelligente Verkehrssysteme (ITS).",
                "en": "An international engineering company based in Bilbao, specialised "
                      "among other things in intelligent transport systems (ITS).",
                "es": "Empresa internacional de ingeniería con sede en Bilbao, especializada, "
                      "entre otras cosas, en sistemas inteligentes de transporte (ITS).",
                "it": "Società di ingegneria internazionale con sede a Bilbao, specializzata "
                      "tra l'altro in sistemi di trasporto intelligenti (ITS).",
                "bg": "Международна инженерна компания със седалище в Билбао, която се "
                      "занимава и с интелигентни транспортни системи (ITS).",
            },
        },
    ],
    "speakers": [
        {
            "slug": "katrin-vogel", "name": "Katrin Vogel", "organisation": "neu-ev",
            "fictional": True,
            "role": {
                "de": "Projektleiterin SmartCT Clusters",
                "en": "Project manager, SmartCT Clusters",
                "es": "Directora del proyecto SmartCT Clusters",
                "it": "Responsabile del progetto SmartCT Clusters",
                "bg": "Ръководител на проекта SmartCT Clusters",
            },
            "bio": {
                "de": "Katrin Vogel koordiniert die Reihe SmartCT Clusters beim NEU e.V. und "
                      "moderiert ihre Treffen.",
                "en": "Katrin Vogel coordinates the SmartCT Clusters series at NEU e.V. and "
                      "moderates its meetings.",
                "es": "Katrin Vogel coordina la serie SmartCT Clusters en NEU e.V. y modera "
                      "sus encuentros.",
                "it": "Katrin Vogel coordina la serie SmartCT Clusters presso NEU e.V. e ne "
                      "modera gli incontri.",
                "bg": "Катрин Фогел координира поредицата SmartCT Clusters в NEU e.V. и "
                      "води нейните срещи.",
            },
        },
        {
            "slug": "cristina-garrido", "name": "Cristina Garrido", "organisation": "anteverti",
            "role": {
                "de": "Smart-City-Expertin, Smart City Expo Barcelona",
                "en": "Smart city expert, Smart City Expo Barcelona",
                "es": "Experta en ciudades inteligentes, Smart City Expo Barcelona",
                "it": "Esperta di smart city, Smart City Expo Barcellona",
                "bg": "Експерт по умни градове, Smart City Expo Барселона",
            },
            "bio": {
                "de": "Cristina Garrido berät Städte zu Smart-City-Strategien und urbaner "
                      "Innovation.",
                "en": "Cristina Garrido advises cities on smart-city strategies and urban "
                      "innovation.",
                "es": "Cristina Garrido asesora a ciudades en estrategias de ciudad "
                      "inteligente e innovación urbana.",
                "it": "Cristina Garrido affianca le città nelle strategie smart city e "
                      "nell'innovazione urbana.",
                "bg": "Кристина Гаридо консултира градове по стратегии за умен град и "
                      "градски иновации.",
            },
        },
        {
            "slug": "sebastian-graetz", "name": "Sebastian Graetz",
            "organisation": "stadt-leipzig",
            "role": {"de": "Referat Digitale Stadt", "en": "Digital City unit",
                     "es": "Unidad Ciudad Digital", "it": "Ufficio Città digitale",
                     "bg": "Отдел „Дигитален град“"},
            "bio": {
                "de": "Sebastian Graetz arbeitet im Referat Digitale Stadt der Stadt Leipzig "
                      "an der digitalen Transformation der Stadt.",
                "en": "Sebastian Graetz works in the City of Leipzig's Digital City unit on "
                      "the city's digital transformation.",
                "es": "Sebastian Graetz trabaja en la unidad Ciudad Digital del Ayuntamiento "
                      "de Leipzig en la transformación digital de la ciudad.",
                "it": "Sebastian Graetz lavora nell'ufficio Città digitale del Comune di "
                      "Lipsia alla trasformazione digitale della città.",
                "bg": "Себастиан Грец работи в отдел „Дигитален град“ на общината на "
                      "Лайпциг по цифровата трансформация на града.",
            },
        },
        {
            "slug": "moritz-oesterlink", "name": "Moritz Oesterlink",
            "organisation": "clevershuttle",
            "role": {"de": "Region Leipzig", "en": "Leipzig region", "es": "Región de Leipzig",
                     "it": "Regione di Lipsia", "bg": "Регион Лайпциг"},
            "bio": {
                "de": "Moritz Oesterlink vertritt CleverShuttle in der Region Leipzig.",
                "en": "Moritz Oesterlink represents CleverShuttle in the Leipzig region.",
                "es": "Moritz Oesterlink representa a CleverShuttle en la región de Leipzig.",
                "it": "Moritz Oesterlink rappresenta CleverShuttle nella regione di Lipsia.",
                "bg": "Мориц Йостерлинк представлява CleverShuttle в регион Лайпциг.",
            },
        },
        {
            "slug": "uwe-fischer", "name": "Uwe Fischer", "organisation": "leipziger-stadtwerke",
            "role": {
                "de": "Bereichsleiter Informationsmanagement",
                "en": "Head of Information Management",
                "es": "Director de Gestión de la Información",
                "it": "Responsabile della gestione delle informazioni",
                "bg": "Ръководител „Управление на информацията“",
            },
            "bio": {
                "de": "Uwe Fischer leitet das Informationsmanagement der Leipziger "
                      "Stadtwerke.",
                "en": "Uwe Fischer heads information management at Leipziger Stadtwerke.",
                "es": "Uwe Fischer dirige la gestión de la información de Leipziger "
                      "Stadtwerke.",
                "it": "Uwe Fischer dirige la gestione delle informazioni di Leipziger "
                      "Stadtwerke.",
                "bg": "Уве Фишер ръководи управлението на информацията в Leipziger "
                      "Stadtwerke.",
            },
        },
        {
            "slug": "inigo-larraondo", "name": "Iñigo Larraondo", "organisation": "idom",
            "role": {"de": "ITS Business Director", "en": "ITS Business Director",
                     "es": "Director de negocio ITS", "it": "Direttore commerciale ITS",
                     "bg": "Бизнес директор ITS"},
            "bio": {
                "de": "Iñigo Larraondo verantwortet bei IDOM das Geschäft mit intelligenten "
                      "Verkehrssystemen (ITS).",
                "en": "Iñigo Larraondo leads IDOM's business in intelligent transport "
                      "systems (ITS).",
                "es": "Iñigo Larraondo dirige el negocio de sistemas inteligentes de "
                      "transporte (ITS) de IDOM.",
                "it": "Iñigo Larraondo guida le attività di IDOM nei sistemi di trasporto "
                      "intelligenti (ITS).",
                "bg": "Иниго Лараондо ръководи дейността на IDOM в областта на "
                      "интелигентните транспортни системи (ITS).",
            },
        },
    ],
    # A talk starts at a local wall-clock time of the event's day and lasts `minutes`.
    "agenda": [
        {
            "kind": Talk.Kind.WELCOME, "start": time(9, 30), "minutes": 10,
            "speakers": ["katrin-vogel"], "themes": [],
            "title": {
                "de": "Begrüßung und Vorstellung der Reihe",
                "en": "Welcome and introduction to the series",
                "es": "Bienvenida y presentación de la serie",
                "it": "Benvenuto e presentazione della serie",
                "bg": "Приветствие и представяне на поредицата",
            },
            "abstract": {
                "de": "Der NEU e.V. begrüßt die Teilnehmenden und stellt die Partnerregionen "
                      "und Themen der Reihe vor.",
                "en": "NEU e.V. welcomes the participants and introduces the partner regions "
                      "and themes of the series.",
                "es": "NEU e.V. da la bienvenida a los participantes y presenta las regiones "
                      "socias y los ejes de la serie.",
                "it": "NEU e.V. accoglie i partecipanti e presenta le regioni partner e i "
                      "temi della serie.",
                "bg": "NEU e.V. приветства участниците и представя партньорските региони и "
                      "темите на поредицата.",
            },
        },
        {
            "kind": Talk.Kind.KEYNOTE, "start": time(9, 40), "minutes": 40,
            "speakers": ["cristina-garrido"], "themes": ["public-administration", "mobility"],
            "title": {
                "de": "Die Auswirkungen der COVID-19-Pandemie auf europäische Städte",
                "en": "The impact of the COVID-19 pandemic on European cities",
                "es": "El impacto de la pandemia de COVID-19 en las ciudades europeas",
                "it": "L'impatto della pandemia di COVID-19 sulle città europee",
                "bg": "Въздействието на пандемията от COVID-19 върху европейските градове",
            },
            "abstract": {
                "de": "Welche Herausforderungen hat die Pandemie den Städten gebracht, und "
                      "mit welchen neuen Möglichkeiten können sie künftig auf Pandemien "
                      "reagieren? Im Mittelpunkt stehen die Gestaltung öffentlicher Räume "
                      "und die Weiterentwicklung der städtischen Mobilität.",
                "en": "Which challenges has the pandemic brought to cities, and with which "
                      "new possibilities can they respond to pandemics in future? The focus "
                      "is on the design of public space and the further development of "
                      "urban mobility.",
                "es": "¿Qué retos ha planteado la pandemia a las ciudades y con qué nuevas "
                      "posibilidades pueden responder a futuras pandemias? La charla se "
                      "centra en el diseño del espacio público y en la evolución de la "
                      "movilidad urbana.",
                "it": "Quali sfide ha posto la pandemia alle città e con quali nuove "
                      "possibilità potranno reagire alle pandemie future? Al centro ci sono "
                      "la progettazione dello spazio pubblico e l'evoluzione della mobilità "
                      "urbana.",
                "bg": "Какви предизвикателства постави пандемията пред градовете и с какви "
                      "нови възможности те могат да реагират на бъдещи пандемии? В центъра "
                      "са оформянето на публичните пространства и развитието на градската "
                      "мобилност.",
            },
        },
        {
            "kind": Talk.Kind.BREAK, "start": time(10, 20), "minutes": 10,
            "speakers": [], "themes": [], "title": BREAK,
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 30), "minutes": 30,
            "speakers": ["sebastian-graetz"], "themes": ["public-administration", "ict"],
            "title": {
                "de": "Leipzigs digitale Transformation",
                "en": "Leipzig's digital transformation",
                "es": "La transformación digital de Leipzig",
                "it": "La trasformazione digitale di Lipsia",
                "bg": "Цифровата трансформация на Лайпциг",
            },
            "abstract": {
                "de": "Leipzig gilt laut Bitkom als smarteste Stadt Ostdeutschlands. Der "
                      "Vortrag zeigt die aktuellen Initiativen: eine urbane Datenplattform, "
                      "einen digitalen Zwilling für die integrierte Stadtentwicklung, den "
                      "Ideenwettbewerb „Smart City Challenge“ und das "
                      "Interreg-Central-Europe-Projekt EffienCE.",
                "en": "According to Bitkom, Leipzig is the smartest city in eastern Germany. "
                      "The talk shows the current initiatives: an urban data platform, a "
                      "digital twin for integrated urban development, the “Smart City "
                      "Challenge” ideas competition and the Interreg Central Europe project "
                      "EffienCE.",
                "es": "Según Bitkom, Leipzig es la ciudad más inteligente del este de "
                      "Alemania. La charla muestra las iniciativas en marcha: una plataforma "
                      "urbana de datos, un gemelo digital para el desarrollo urbano "
                      "integrado, el concurso de ideas «Smart City Challenge» y el proyecto "
                      "Interreg Central Europe EffienCE.",
                "it": "Secondo Bitkom, Lipsia è la città più smart della Germania orientale. "
                      "L'intervento presenta le iniziative in corso: una piattaforma urbana "
                      "di dati, un gemello digitale per lo sviluppo urbano integrato, il "
                      "concorso di idee «Smart City Challenge» e il progetto Interreg "
                      "Central Europe EffienCE.",
                "bg": "Според Bitkom Лайпциг е най-умният град в Източна Германия. Докладът "
                      "представя текущите инициативи: градска платформа за данни, цифров "
                      "близнак за интегрирано градско развитие, конкурса за идеи „Smart City "
                      "Challenge“ и проекта EffienCE по програма Interreg Central Europe.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 0), "minutes": 30,
            "speakers": ["moritz-oesterlink"], "themes": ["mobility", "energy-sustainability"],
            "title": {
                "de": "Emissionsfreier Nahverkehr mit Ride-Pooling",
                "en": "Emission-free local transport with ride pooling",
                "es": "Transporte local sin emisiones con viajes compartidos",
                "it": "Trasporto locale a emissioni zero con il ride pooling",
                "bg": "Градски транспорт без емисии чрез споделени пътувания",
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
                "es": "De la aplicación al sistema de viajes compartidos y a su propia flota "
                      "de vehículos eléctricos, CleverShuttle ofrece transporte local sin "
                      "emisiones a lo largo de toda la cadena de valor. Junto con la empresa "
                      "de transporte público de Leipzig, atiende además barrios periféricos "
                      "mal comunicados en la última milla (Flexa).",
                "it": "Dall'app al sistema di ride pooling fino alla propria flotta di "
                      "veicoli elettrici, CleverShuttle offre trasporto locale a emissioni "
                      "zero lungo tutta la catena del valore. Con l'azienda di trasporto "
                      "pubblico di Lipsia serve inoltre le periferie meno collegate "
                      "sull'ultimo miglio (Flexa).",
                "bg": "От приложението през системата за споделени пътувания до собствения "
                      "парк електромобили: CleverShuttle предлага градски транспорт без "
                      "емисии по цялата верига на стойността. Заедно с транспортното "
                      "дружество на Лайпциг фирмата обслужва и слабо свързани предградия по "
                      "„последната миля“ (Flexa).",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 30), "minutes": 30,
            "speakers": ["uwe-fischer"], "themes": ["energy-sustainability", "ict"],
            "title": {
                "de": "Die digitalen Entwicklungen der Leipziger Stadtwerke",
                "en": "The digital developments of Leipziger Stadtwerke",
                "es": "Los avances digitales de Leipziger Stadtwerke",
                "it": "Gli sviluppi digitali di Leipziger Stadtwerke",
                "bg": "Цифровото развитие на Leipziger Stadtwerke",
            },
            "abstract": {
                "de": "Der kommunale Strom- und Wärmeversorger investiert in smarte "
                      "Technologien zur Steuerung der Netze und zur Messung des Verbrauchs "
                      "privater Haushalte. Mit Initiativen wie Smartx und SPARCS erproben "
                      "die Stadtwerke Ansätze vom Smart Home bis zum intelligenten "
                      "Quartiersnetz.",
                "en": "The municipal power and heat utility invests in smart technology to "
                      "control its grids and to meter the consumption of private "
                      "households. With initiatives such as Smartx and SPARCS it tries out "
                      "approaches from the smart home to intelligent district grids.",
                "es": "La empresa municipal de electricidad y calefacción invierte en "
                      "tecnología inteligente para gestionar sus redes y medir el consumo de "
                      "los hogares. Con iniciativas como Smartx y SPARCS ensaya soluciones "
                      "que van del hogar inteligente a las redes de barrio inteligentes.",
                "it": "La multiutility municipale investe in tecnologie intelligenti per "
                      "gestire le reti e misurare i consumi delle famiglie. Con iniziative "
                      "come Smartx e SPARCS sperimenta soluzioni che vanno dalla casa "
                      "intelligente alle reti di quartiere intelligenti.",
                "bg": "Общинското енергийно дружество инвестира в интелигентни технологии "
                      "за управление на мрежите и измерване на потреблението на "
                      "домакинствата. С инициативи като Smartx и SPARCS то изпробва решения "
                      "от умния дом до интелигентните квартални мрежи.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(12, 0), "minutes": 30,
            "speakers": ["inigo-larraondo"], "themes": ["mobility", "ict"],
            "title": {
                "de": "Intelligente Verkehrssysteme: der Mobile ITS Service Guide",
                "en": "Intelligent transport systems: the Mobile ITS Service Guide",
                "es": "Sistemas inteligentes de transporte: la Mobile ITS Service Guide",
                "it": "Sistemi di trasporto intelligenti: la Mobile ITS Service Guide",
                "bg": "Интелигентни транспортни системи: ръководството Mobile ITS Service "
                      "Guide",
            },
            "abstract": {
                "de": "IDOM, ein international tätiges Ingenieurunternehmen aus Bilbao, ist "
                      "auf intelligente Transport- und Verkehrsleitsysteme spezialisiert. "
                      "Aus Projekten rund um den Globus hat IDOM im Auftrag der Weltbank "
                      "einen Mobile ITS Service Guide für Entwicklungsländer entwickelt.",
                "en": "IDOM, an international engineering company from Bilbao, specialises "
                      "in intelligent transport and traffic management systems. Drawing on "
                      "projects around the globe, IDOM developed a Mobile ITS Service Guide "
                      "for developing countries on behalf of the World Bank.",
                "es": "IDOM, empresa internacional de ingeniería de Bilbao, está "
                      "especializada en sistemas inteligentes de transporte y gestión del "
                      "tráfico. A partir de proyectos en todo el mundo, IDOM elaboró para el "
                      "Banco Mundial una Mobile ITS Service Guide para países en desarrollo.",
                "it": "IDOM, società di ingegneria internazionale di Bilbao, è specializzata "
                      "in sistemi intelligenti di trasporto e gestione del traffico. Sulla "
                      "base di progetti in tutto il mondo, IDOM ha sviluppato per la Banca "
                      "Mondiale una Mobile ITS Service Guide per i paesi in via di sviluppo.",
                "bg": "IDOM, международна инженерна компания от Билбао, е специализирана в "
                      "интелигентни системи за транспорт и управление на движението. Въз "
                      "основа на проекти по целия свят IDOM разработи по поръчка на "
                      "Световната банка ръководството Mobile ITS Service Guide за "
                      "развиващите се страни.",
            },
        },
    ],
}
