"""The Sofia region (Bulgaria): the seed's "next event"; its people and organisations are
invented."""

from datetime import time

from events.demo.data import BREAK, Row
from events.models import Event, Organisation, Talk

EVENT: Row = {
    "slug": "sofia", "kind": Event.Kind.SHOWCASE, "region": "sofia",
    "time_zone": "Europe/Sofia",
    "themes": ["public-administration", "mobility", "ict"],
    "title": {
        "de": "Region Sofia (Bulgarien)",
        "en": "Sofia region (Bulgaria)",
        "es": "Región de Sofía (Bulgaria)",
        "it": "Regione di Sofia (Bulgaria)",
        "bg": "Регион София (България)",
    },
    "summary": {
        "de": "Bedeutende Akteure der Region Sofia zeigen, wie die bulgarische Hauptstadt "
              "Verwaltung, Nahverkehr und Umweltdaten digitalisiert und welche Rolle junge "
              "Unternehmen dabei spielen.",
        "en": "Key actors of the Sofia region show how the Bulgarian capital digitises its "
              "administration, public transport and environmental data, and what role young "
              "companies play in it.",
        "es": "Actores clave de la región de Sofía muestran cómo la capital búlgara "
              "digitaliza su administración, su transporte público y sus datos ambientales, "
              "y qué papel desempeñan en ello las empresas jóvenes.",
        "it": "Attori chiave della regione di Sofia mostrano come la capitale bulgara "
              "digitalizza amministrazione, trasporto pubblico e dati ambientali, e quale "
              "ruolo vi svolgono le giovani imprese.",
        "bg": "Ключови участници от регион София показват как българската столица "
              "дигитализира администрацията, обществения транспорт и данните за околната "
              "среда и каква роля играят в това младите фирми.",
    },
    "organisations": [
        {
            "slug": "demo-cluster-sofia", "name": "Sofia Smart Region Cluster (Demo)",
            "kind": Organisation.Kind.NETWORK, "country": "BG", "city": "Sofia",
            "website": "https://sofia-cluster.example.org", "fictional": True,
            "description": {
                "de": "Koordiniert die Region Sofia in der Reihe: ein Cluster von "
                      "Unternehmen, Hochschulen und Verwaltung rund um die smarte Stadt.",
                "en": "Coordinates the Sofia region in the series: a cluster of companies, "
                      "universities and administration around the smart city.",
                "es": "Coordina la región de Sofía en la serie: un clúster de empresas, "
                      "universidades y administración en torno a la ciudad inteligente.",
                "it": "Coordina la regione di Sofia nella serie: un cluster di imprese, "
                      "università e amministrazione attorno alla città intelligente.",
                "bg": "Координира регион София в поредицата: клъстер от фирми, университети "
                      "и администрация, обединени около умния град.",
            },
        },
        {
            "slug": "sofia-digital-city-office", "name": "Sofia Digital City Office (Demo)",
            "kind": Organisation.Kind.PUBLIC_ADMINISTRATION, "country": "BG",
            "city": "Sofia", "website": "https://digital-city.sofia.example.org",
            "fictional": True,
            "description": {
                "de": "Die Stabsstelle der Stadtverwaltung für digitale Dienste und offene "
                      "Daten.",
                "en": "The city administration's office for digital services and open data.",
                "es": "La oficina municipal de servicios digitales y datos abiertos.",
                "it": "L'ufficio comunale per i servizi digitali e i dati aperti.",
                "bg": "Звеното на общинската администрация за цифрови услуги и отворени "
                      "данни.",
            },
        },
        {
            "slug": "airsense-labs", "name": "AirSense Labs (Demo)",
            "kind": Organisation.Kind.SME, "country": "BG", "city": "Sofia",
            "website": "https://airsense.example.org", "fictional": True,
            "description": {
                "de": "Entwickelt günstige Luftqualitätssensoren und eine offene "
                      "Datenplattform für Städte.",
                "en": "Builds low-cost air quality sensors and an open data platform for "
                      "cities.",
                "es": "Desarrolla sensores de calidad del aire de bajo coste y una "
                      "plataforma de datos abiertos para ciudades.",
                "it": "Sviluppa sensori a basso costo per la qualità dell'aria e una "
                      "piattaforma di dati aperti per le città.",
                "bg": "Разработва евтини сензори за качеството на въздуха и отворена "
                      "платформа за данни за градовете.",
            },
        },
        {
            "slug": "capital-transit-data", "name": "Capital Transit Data (Demo)",
            "kind": Organisation.Kind.SME, "country": "BG", "city": "Sofia",
            "website": "https://transit-data.example.org", "fictional": True,
            "description": {
                "de": "Software für Fahrgastinformation und Betriebsdaten im öffentlichen "
                      "Nahverkehr.",
                "en": "Software for passenger information and operating data in public "
                      "transport.",
                "es": "Software de información al viajero y datos de explotación para el "
                      "transporte público.",
                "it": "Software per l'informazione ai passeggeri e i dati di esercizio del "
                      "trasporto pubblico.",
                "bg": "Софтуер за информация за пътниците и експлоатационни данни в "
                      "обществения транспорт.",
            },
        },
        {
            "slug": "balkan-govtech-hub", "name": "Balkan GovTech Hub (Demo)",
            "kind": Organisation.Kind.NETWORK, "country": "BG", "city": "Sofia",
            "website": "https://govtech-hub.example.org", "fictional": True,
            "description": {
                "de": "Ein Netzwerk von Start-ups, die digitale Dienste für Verwaltungen "
                      "entwickeln.",
                "en": "A network of start-ups that build digital services for public "
                      "administrations.",
                "es": "Una red de empresas emergentes que crean servicios digitales para "
                      "las administraciones.",
                "it": "Una rete di start-up che sviluppano servizi digitali per le pubbliche "
                      "amministrazioni.",
                "bg": "Мрежа от стартъпи, които създават цифрови услуги за публичните "
                      "администрации.",
            },
        },
    ],
    "speakers": [
        {
            "slug": "desislava-petrova", "name": "Desislava Petrova",
            "organisation": "demo-cluster-sofia", "fictional": True,
            "role": {"de": "Clustermanagerin", "en": "Cluster manager",
                     "es": "Gerente del clúster", "it": "Cluster manager",
                     "bg": "Мениджър на клъстера"},
            "bio": {
                "de": "Desislava Petrova leitet den Cluster und bringt Unternehmen aus Sofia "
                      "mit Partnern in ganz Europa zusammen.",
                "en": "Desislava Petrova manages the cluster and connects companies from "
                      "Sofia with partners across Europe.",
                "es": "Desislava Petrova dirige el clúster y pone en contacto a empresas de "
                      "Sofía con socios de toda Europa.",
                "it": "Desislava Petrova guida il cluster e mette in contatto le imprese di "
                      "Sofia con partner di tutta Europa.",
                "bg": "Десислава Петрова управлява клъстера и свързва фирми от София с "
                      "партньори от цяла Европа.",
            },
        },
        {
            "slug": "nikolay-dimitrov", "name": "Nikolay Dimitrov",
            "organisation": "sofia-digital-city-office", "fictional": True,
            "role": {"de": "Leiter Digitale Transformation",
                     "en": "Head of Digital Transformation",
                     "es": "Responsable de Transformación Digital",
                     "it": "Responsabile della trasformazione digitale",
                     "bg": "Ръководител „Цифрова трансформация“"},
            "bio": {
                "de": "Nikolay Dimitrov verantwortet die E-Government-Strategie der Stadt.",
                "en": "Nikolay Dimitrov is responsible for the city's e-government strategy.",
                "es": "Nikolay Dimitrov es el responsable de la estrategia de administración "
                      "electrónica de la ciudad.",
                "it": "Nikolay Dimitrov è responsabile della strategia di e-government della "
                      "città.",
                "bg": "Николай Димитров отговаря за стратегията за електронно управление на "
                      "града.",
            },
        },
        {
            "slug": "mariya-georgieva", "name": "Mariya Georgieva",
            "organisation": "airsense-labs", "fictional": True,
            "role": {"de": "Mitgründerin und CTO", "en": "Co-founder and CTO",
                     "es": "Cofundadora y directora técnica",
                     "it": "Cofondatrice e CTO", "bg": "Съосновател и технически директор"},
            "bio": {
                "de": "Mariya Georgieva ist Umweltingenieurin und baut Sensornetze für "
                      "saubere Luft.",
                "en": "Mariya Georgieva is an environmental engineer who builds sensor "
                      "networks for clean air.",
                "es": "Mariya Georgieva es ingeniera ambiental y construye redes de sensores "
                      "para un aire limpio.",
                "it": "Mariya Georgieva è un'ingegnera ambientale e costruisce reti di "
                      "sensori per un'aria pulita.",
                "bg": "Мария Георгиева е инженер по околна среда и изгражда сензорни мрежи "
                      "за чист въздух.",
            },
        },
        {
            "slug": "stoyan-kolev", "name": "Stoyan Kolev",
            "organisation": "capital-transit-data", "fictional": True,
            "role": {"de": "Geschäftsführer", "en": "Managing director",
                     "es": "Director general", "it": "Amministratore delegato",
                     "bg": "Управител"},
            "bio": {
                "de": "Stoyan Kolev bringt Echtzeitdaten von Bussen und Straßenbahnen auf "
                      "die Telefone der Fahrgäste.",
                "en": "Stoyan Kolev brings real-time data from buses and trams to "
                      "passengers' phones.",
                "es": "Stoyan Kolev lleva los datos en tiempo real de autobuses y tranvías a "
                      "los teléfonos de los viajeros.",
                "it": "Stoyan Kolev porta i dati in tempo reale di autobus e tram sui "
                      "telefoni dei passeggeri.",
                "bg": "Стоян Колев пренася данните в реално време от автобусите и "
                      "трамваите до телефоните на пътниците.",
            },
        },
        {
            "slug": "elena-todorova", "name": "Elena Todorova",
            "organisation": "balkan-govtech-hub", "fictional": True,
            "role": {"de": "Programmleiterin", "en": "Programme director",
                     "es": "Directora de programas", "it": "Direttrice dei programmi",
                     "bg": "Програмен директор"},
            "bio": {
                "de": "Elena Todorova begleitet junge Unternehmen auf dem Weg zu ihren "
                      "ersten öffentlichen Auftraggebern.",
                "en": "Elena Todorova guides young companies towards their first public "
                      "clients.",
                "es": "Elena Todorova acompaña a empresas jóvenes en el camino hacia sus "
                      "primeros clientes públicos.",
                "it": "Elena Todorova accompagna le giovani imprese verso i loro primi "
                      "committenti pubblici.",
                "bg": "Елена Тодорова помага на млади фирми да намерят първите си "
                      "публични клиенти.",
            },
        },
    ],
    "agenda": [
        {
            "kind": Talk.Kind.WELCOME, "start": time(9, 30), "minutes": 10,
            "speakers": ["desislava-petrova"], "themes": [],
            "title": {"de": "Willkommen in Sofia", "en": "Welcome to Sofia",
                      "es": "Bienvenidos a Sofía", "it": "Benvenuti a Sofia",
                      "bg": "Добре дошли в София"},
            "abstract": {
                "de": "Der Cluster stellt die Region Sofia und die Akteure des Tages vor.",
                "en": "The cluster introduces the Sofia region and the day's speakers.",
                "es": "El clúster presenta la región de Sofía y a los ponentes del día.",
                "it": "Il cluster presenta la regione di Sofia e i relatori della giornata.",
                "bg": "Клъстерът представя регион София и лекторите на деня.",
            },
        },
        {
            "kind": Talk.Kind.KEYNOTE, "start": time(9, 40), "minutes": 35,
            "speakers": ["nikolay-dimitrov"], "themes": ["public-administration", "ict"],
            "title": {
                "de": "Sofias digitale Agenda: E-Services für Bürger und Unternehmen",
                "en": "Sofia's digital agenda: e-services for citizens and businesses",
                "es": "La agenda digital de Sofía: servicios electrónicos para la "
                      "ciudadanía y las empresas",
                "it": "L'agenda digitale di Sofia: servizi online per cittadini e imprese",
                "bg": "Цифровият дневен ред на София: електронни услуги за гражданите и "
                      "бизнеса",
            },
            "abstract": {
                "de": "Vom Bauantrag bis zur Parkgenehmigung: wie die Stadt ihre Dienste "
                      "online bringt und dabei Daten offen teilt.",
                "en": "From building permits to parking permits: how the city brings its "
                      "services online and shares its data openly along the way.",
                "es": "De la licencia de obras al permiso de aparcamiento: cómo la ciudad "
                      "lleva sus servicios a internet y comparte abiertamente sus datos.",
                "it": "Dai permessi edilizi a quelli di sosta: come la città porta online i "
                      "suoi servizi e condivide apertamente i propri dati.",
                "bg": "От разрешението за строеж до разрешението за паркиране: как градът "
                      "пренася услугите си онлайн и споделя открито своите данни.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 15), "minutes": 25,
            "speakers": ["mariya-georgieva"], "themes": ["ict", "public-administration"],
            "title": {
                "de": "Ein Sensornetz für saubere Luft",
                "en": "A sensor network for clean air",
                "es": "Una red de sensores para un aire limpio",
                "it": "Una rete di sensori per un'aria pulita",
                "bg": "Сензорна мрежа за чист въздух",
            },
            "abstract": {
                "de": "Hunderte günstige Sensoren messen die Feinstaubbelastung in Sofia; "
                      "die offenen Daten helfen der Stadt bei Verkehrs- und "
                      "Heizungsentscheidungen.",
                "en": "Hundreds of low-cost sensors measure particulate matter across Sofia; "
                      "the open data help the city decide on traffic and heating.",
                "es": "Cientos de sensores de bajo coste miden las partículas en suspensión "
                      "en toda Sofía; los datos abiertos ayudan a la ciudad a decidir sobre "
                      "tráfico y calefacción.",
                "it": "Centinaia di sensori a basso costo misurano il particolato in tutta "
                      "Sofia; i dati aperti aiutano la città a decidere su traffico e "
                      "riscaldamento.",
                "bg": "Стотици евтини сензори измерват фините прахови частици в цяла София; "
                      "отворените данни помагат на града при решенията за движението и "
                      "отоплението.",
            },
        },
        {
            "kind": Talk.Kind.BREAK, "start": time(10, 40), "minutes": 15,
            "speakers": [], "themes": [], "title": BREAK,
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 55), "minutes": 25,
            "speakers": ["stoyan-kolev"], "themes": ["mobility", "ict"],
            "title": {
                "de": "Echtzeit-Fahrgastinformation für Busse und Straßenbahnen",
                "en": "Real-time passenger information for buses and trams",
                "es": "Información en tiempo real para los viajeros de autobuses y tranvías",
                "it": "Informazioni in tempo reale per i passeggeri di autobus e tram",
                "bg": "Информация в реално време за пътниците в автобусите и трамваите",
            },
            "abstract": {
                "de": "Wie offene Fahrplandaten und Fahrzeugpositionen zu verlässlichen "
                      "Abfahrtszeiten an jeder Haltestelle werden.",
                "en": "How open timetable data and vehicle positions become reliable "
                      "departure times at every stop.",
                "es": "Cómo los horarios abiertos y las posiciones de los vehículos se "
                      "convierten en horas de salida fiables en cada parada.",
                "it": "Come orari aperti e posizioni dei veicoli diventano orari di partenza "
                      "affidabili a ogni fermata.",
                "bg": "Как отворените данни за разписанията и местоположението на "
                      "превозните средства се превръщат в надеждни часове на тръгване на "
                      "всяка спирка.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 20), "minutes": 25,
            "speakers": ["elena-todorova"], "themes": ["public-administration", "ict"],
            "title": {
                "de": "GovTech: wie kleine Unternehmen Dienste für Städte bauen",
                "en": "GovTech: how small companies build services for cities",
                "es": "GovTech: cómo las pequeñas empresas crean servicios para las ciudades",
                "it": "GovTech: come le piccole imprese creano servizi per le città",
                "bg": "GovTech: как малките фирми създават услуги за градовете",
            },
            "abstract": {
                "de": "Erfahrungen aus zwanzig Pilotprojekten: was Verwaltungen und Start-ups "
                      "voneinander lernen müssen.",
                "en": "Lessons from twenty pilot projects: what administrations and "
                      "start-ups need to learn from each other.",
                "es": "Lecciones de veinte proyectos piloto: lo que administraciones y "
                      "empresas emergentes deben aprender unas de otras.",
                "it": "Lezioni da venti progetti pilota: che cosa amministrazioni e start-up "
                      "devono imparare le une dalle altre.",
                "bg": "Поуки от двадесет пилотни проекта: какво администрациите и "
                      "стартъпите трябва да научат едни от други.",
            },
        },
        {
            "kind": Talk.Kind.PANEL, "start": time(11, 45), "minutes": 45,
            "speakers": ["desislava-petrova", "nikolay-dimitrov", "mariya-georgieva",
                         "stoyan-kolev", "elena-todorova"],
            "themes": ["public-administration", "mobility", "ict"],
            "title": {
                "de": "Podium: bulgarische und europäische KMU als Partner",
                "en": "Panel: Bulgarian and European SMEs as partners",
                "es": "Mesa redonda: pymes búlgaras y europeas como socias",
                "it": "Tavola rotonda: PMI bulgare ed europee come partner",
                "bg": "Дискусия: българските и европейските МСП като партньори",
            },
            "abstract": {
                "de": "Die Sprecherinnen und Sprecher des Tages diskutieren mit dem Publikum "
                      "über gemeinsame Projekte und Ausschreibungen.",
                "en": "The day's speakers discuss joint projects and tenders with the "
                      "audience.",
                "es": "Los ponentes del día debaten con el público sobre proyectos y "
                      "licitaciones conjuntos.",
                "it": "I relatori della giornata discutono con il pubblico di progetti e "
                      "gare comuni.",
                "bg": "Лекторите на деня обсъждат с публиката съвместни проекти и "
                      "обществени поръчки.",
            },
        },
    ],
}
