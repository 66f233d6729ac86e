"""The Basque Country (Spain); its people and organisations are invented."""

from datetime import time

from events.demo.data import BREAK, Row
from events.models import Event, Organisation, Talk

EVENT: Row = {
    "slug": "basque-country", "kind": Event.Kind.SHOWCASE, "region": "basque-country",
    "time_zone": "Europe/Madrid",
    "themes": ["mobility", "energy-sustainability"],
    "title": {
        "de": "Baskenland (Spanien)",
        "en": "Basque Country (Spain)",
        "es": "País Vasco (España)",
        "it": "Paesi Baschi (Spagna)",
        "bg": "Страната на баските (Испания)",
    },
    "summary": {
        "de": "Vom Industriehafen zur klimaneutralen Stadt: Akteure aus dem Baskenland "
              "zeigen Wasserstoffbusse, Plusenergiequartiere und intelligente Ampeln.",
        "en": "From industrial port to climate-neutral city: actors from the Basque Country "
              "show hydrogen buses, positive energy districts and smart traffic lights.",
        "es": "Del puerto industrial a la ciudad climáticamente neutra: actores del País "
              "Vasco muestran autobuses de hidrógeno, barrios de energía positiva y "
              "semáforos inteligentes.",
        "it": "Dal porto industriale alla città a impatto climatico zero: attori dei Paesi "
              "Baschi presentano autobus a idrogeno, quartieri a energia positiva e "
              "semafori intelligenti.",
        "bg": "От индустриално пристанище до климатично неутрален град: участници от "
              "Страната на баските показват водородни автобуси, квартали с положителен "
              "енергиен баланс и интелигентни светофари.",
    },
    "organisations": [
        {
            "slug": "demo-cluster-basque-country", "name": "Basque Smart Region Cluster (Demo)",
            "kind": Organisation.Kind.NETWORK, "country": "ES", "city": "Bilbao",
            "website": "https://basque-cluster.example.org", "fictional": True,
            "description": {
                "de": "Koordiniert das Baskenland in der Reihe: ein Cluster von Industrie, "
                      "Ingenieurbüros und Kommunen.",
                "en": "Coordinates the Basque Country in the series: a cluster of industry, "
                      "engineering firms and municipalities.",
                "es": "Coordina el País Vasco en la serie: un clúster de industria, "
                      "ingenierías y municipios.",
                "it": "Coordina i Paesi Baschi nella serie: un cluster di industria, società "
                      "di ingegneria e comuni.",
                "bg": "Координира Страната на баските в поредицата: клъстер от индустрия, "
                      "инженерни фирми и общини.",
            },
        },
        {
            "slug": "bizkaia-urban-lab", "name": "Bizkaia Urban Lab (Demo)",
            "kind": Organisation.Kind.RESEARCH, "country": "ES", "city": "Bilbao",
            "website": "https://urban-lab.example.org", "fictional": True,
            "description": {
                "de": "Forschungsinstitut für Stadterneuerung und Klimaanpassung.",
                "en": "A research institute for urban regeneration and climate adaptation.",
                "es": "Instituto de investigación en regeneración urbana y adaptación al "
                      "clima.",
                "it": "Istituto di ricerca per la rigenerazione urbana e l'adattamento al "
                      "clima.",
                "bg": "Изследователски институт за градско обновяване и адаптация към "
                      "климата.",
            },
        },
        {
            "slug": "h2-ibai", "name": "H2 Ibai (Demo)",
            "kind": Organisation.Kind.SME, "country": "ES", "city": "Bilbao",
            "website": "https://h2-ibai.example.org", "fictional": True,
            "description": {
                "de": "Baut Tankstellen für grünen Wasserstoff für Busflotten.",
                "en": "Builds green hydrogen filling stations for bus fleets.",
                "es": "Construye hidrogeneras de hidrógeno verde para flotas de autobuses.",
                "it": "Costruisce stazioni di rifornimento di idrogeno verde per flotte di "
                      "autobus.",
                "bg": "Изгражда станции за зелен водород за автобусни паркове.",
            },
        },
        {
            "slug": "auzo-energia", "name": "Auzo Energia (Demo)",
            "kind": Organisation.Kind.SME, "country": "ES", "city": "Donostia / San Sebastián",
            "website": "https://auzo-energia.example.org", "fictional": True,
            "description": {
                "de": "Plant und finanziert die energetische Sanierung ganzer Wohnviertel.",
                "en": "Plans and finances the energy renovation of whole neighbourhoods.",
                "es": "Planifica y financia la rehabilitación energética de barrios enteros.",
                "it": "Progetta e finanzia la riqualificazione energetica di interi "
                      "quartieri.",
                "bg": "Планира и финансира енергийното обновяване на цели квартали.",
            },
        },
        {
            "slug": "ibilbide-ingenieria", "name": "Ibilbide Ingeniería (Demo)",
            "kind": Organisation.Kind.SME, "country": "ES", "city": "Vitoria-Gasteiz",
            "website": "https://ibilbide.example.org", "fictional": True,
            "description": {
                "de": "Ingenieurbüro für Verkehrsplanung und adaptive Lichtsignalanlagen.",
                "en": "An engineering firm for traffic planning and adaptive traffic "
                      "signals.",
                "es": "Ingeniería especializada en planificación del tráfico y semáforos "
                      "adaptativos.",
                "it": "Società di ingegneria per la pianificazione del traffico e i semafori "
                      "adattivi.",
                "bg": "Инженерна фирма за планиране на движението и адаптивни светофари.",
            },
        },
    ],
    "speakers": [
        {
            "slug": "ane-etxeberria", "name": "Ane Etxeberria",
            "organisation": "demo-cluster-basque-country", "fictional": True,
            "role": {"de": "Clustermanagerin", "en": "Cluster manager",
                     "es": "Gerente del clúster", "it": "Cluster manager",
                     "bg": "Мениджър на клъстера"},
            "bio": {
                "de": "Ane Etxeberria verbindet baskische Industrieunternehmen mit Städten, "
                      "die Lösungen für die Energiewende suchen.",
                "en": "Ane Etxeberria connects Basque industrial companies with cities "
                      "looking for solutions for the energy transition.",
                "es": "Ane Etxeberria pone en contacto a empresas industriales vascas con "
                      "ciudades que buscan soluciones para la transición energética.",
                "it": "Ane Etxeberria mette in contatto le imprese industriali basche con le "
                      "città in cerca di soluzioni per la transizione energetica.",
                "bg": "Ане Ечеберия свързва баски индустриални фирми с градове, които "
                      "търсят решения за енергийния преход.",
            },
        },
        {
            "slug": "jon-agirre", "name": "Jon Agirre",
            "organisation": "bizkaia-urban-lab", "fictional": True,
            "role": {"de": "Forschungsdirektor", "en": "Director of research",
                     "es": "Director de investigación", "it": "Direttore della ricerca",
                     "bg": "Директор „Научни изследвания“"},
            "bio": {
                "de": "Jon Agirre ist Stadtplaner und erforscht seit zwanzig Jahren den "
                      "Wandel von Industriestädten.",
                "en": "Jon Agirre is an urban planner who has studied the transformation of "
                      "industrial cities for twenty years.",
                "es": "Jon Agirre es urbanista y estudia desde hace veinte años la "
                      "transformación de las ciudades industriales.",
                "it": "Jon Agirre è un urbanista e studia da vent'anni la trasformazione "
                      "delle città industriali.",
                "bg": "Йон Агире е урбанист и от двадесет години изследва промяната на "
                      "индустриалните градове.",
            },
        },
        {
            "slug": "itziar-goikoetxea", "name": "Itziar Goikoetxea",
            "organisation": "h2-ibai", "fictional": True,
            "role": {"de": "Geschäftsführerin", "en": "Chief executive",
                     "es": "Consejera delegada", "it": "Amministratrice delegata",
                     "bg": "Изпълнителен директор"},
            "bio": {
                "de": "Itziar Goikoetxea hat H2 Ibai gegründet, nachdem sie zehn Jahre "
                      "Elektrolyseure für die Industrie entwickelt hatte.",
                "en": "Itziar Goikoetxea founded H2 Ibai after ten years of developing "
                      "electrolysers for industry.",
                "es": "Itziar Goikoetxea fundó H2 Ibai tras diez años desarrollando "
                      "electrolizadores para la industria.",
                "it": "Itziar Goikoetxea ha fondato H2 Ibai dopo dieci anni di sviluppo di "
                      "elettrolizzatori per l'industria.",
                "bg": "Ициар Гойкоечеа основа H2 Ibai след десет години разработване на "
                      "електролизери за индустрията.",
            },
        },
        {
            "slug": "mikel-urrutia", "name": "Mikel Urrutia",
            "organisation": "auzo-energia", "fictional": True,
            "role": {"de": "Projektleiter", "en": "Project lead",
                     "es": "Jefe de proyecto", "it": "Capo progetto",
                     "bg": "Ръководител на проекти"},
            "bio": {
                "de": "Mikel Urrutia ist Architekt und saniert mit Eigentümergemeinschaften "
                      "ganze Straßenzüge.",
                "en": "Mikel Urrutia is an architect who renovates whole streets together "
                      "with homeowners' associations.",
                "es": "Mikel Urrutia es arquitecto y rehabilita calles enteras junto con las "
                      "comunidades de propietarios.",
                "it": "Mikel Urrutia è architetto e riqualifica intere strade insieme ai "
                      "condomini.",
                "bg": "Микел Урутия е архитект и обновява цели улици заедно със сдруженията "
                      "на собствениците.",
            },
        },
        {
            "slug": "leire-zubizarreta", "name": "Leire Zubizarreta",
            "organisation": "ibilbide-ingenieria", "fictional": True,
            "role": {"de": "Verkehrsingenieurin", "en": "Traffic engineer",
                     "es": "Ingeniera de tráfico", "it": "Ingegnera dei trasporti",
                     "bg": "Инженер по организация на движението"},
            "bio": {
                "de": "Leire Zubizarreta entwickelt Ampelsteuerungen, die Bussen, Rädern "
                      "und Fußgängern Vorrang geben.",
                "en": "Leire Zubizarreta develops traffic light control that gives priority "
                      "to buses, bicycles and pedestrians.",
                "es": "Leire Zubizarreta desarrolla sistemas de control semafórico que dan "
                      "prioridad a autobuses, bicicletas y peatones.",
                "it": "Leire Zubizarreta sviluppa sistemi di controllo semaforico che danno "
                      "la precedenza ad autobus, biciclette e pedoni.",
                "bg": "Лейре Субисарета разработва управление на светофари, което дава "
                      "предимство на автобусите, велосипедите и пешеходците.",
            },
        },
    ],
    "agenda": [
        {
            "kind": Talk.Kind.WELCOME, "start": time(9, 30), "minutes": 10,
            "speakers": ["ane-etxeberria"], "themes": [],
            "title": {"de": "Willkommen im Baskenland", "en": "Welcome to the Basque Country",
                      "es": "Bienvenidos al País Vasco", "it": "Benvenuti nei Paesi Baschi",
                      "bg": "Добре дошли в Страната на баските"},
            "abstract": {
                "de": "Der Cluster stellt die Region und ihre industrielle Tradition vor.",
                "en": "The cluster introduces the region and its industrial tradition.",
                "es": "El clúster presenta la región y su tradición industrial.",
                "it": "Il cluster presenta la regione e la sua tradizione industriale.",
                "bg": "Клъстерът представя региона и неговата индустриална традиция.",
            },
        },
        {
            "kind": Talk.Kind.KEYNOTE, "start": time(9, 40), "minutes": 40,
            "speakers": ["jon-agirre"], "themes": ["energy-sustainability", "mobility"],
            "title": {
                "de": "Eine Industriestadt erneuert sich: Lehren aus der Mündung von Bilbao",
                "en": "An industrial city renews itself: lessons from the Bilbao estuary",
                "es": "Una ciudad industrial se renueva: lecciones de la ría de Bilbao",
                "it": "Una città industriale si rinnova: lezioni dall'estuario di Bilbao",
                "bg": "Един индустриален град се обновява: поуки от устието при Билбао",
            },
            "abstract": {
                "de": "Wie aus Werften und Hafenbecken Wohnquartiere, Parks und eine "
                      "Straßenbahnlinie wurden, und was andere Städte daraus lernen können.",
                "en": "How shipyards and docks became housing, parks and a tram line, and "
                      "what other cities can learn from it.",
                "es": "Cómo astilleros y dársenas se convirtieron en viviendas, parques y una "
                      "línea de tranvía, y qué pueden aprender de ello otras ciudades.",
                "it": "Come cantieri navali e darsene sono diventati case, parchi e una "
                      "linea tranviaria, e che cosa possono impararne le altre città.",
                "bg": "Как корабостроителници и докове се превърнаха в жилища, паркове и "
                      "трамвайна линия и какво могат да научат от това други градове.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 20), "minutes": 25,
            "speakers": ["itziar-goikoetxea"], "themes": ["energy-sustainability", "mobility"],
            "title": {
                "de": "Grüner Wasserstoff für Stadtbusse",
                "en": "Green hydrogen for city buses",
                "es": "Hidrógeno verde para los autobuses urbanos",
                "it": "Idrogeno verde per gli autobus urbani",
                "bg": "Зелен водород за градските автобуси",
            },
            "abstract": {
                "de": "Ein Jahr Betrieb mit zwölf Wasserstoffbussen: Kosten, Verfügbarkeit "
                      "und was beim Tanken zu lernen war.",
                "en": "A year of running twelve hydrogen buses: costs, availability and "
                      "what refuelling taught us.",
                "es": "Un año con doce autobuses de hidrógeno en servicio: costes, "
                      "disponibilidad y lo que aprendimos al repostar.",
                "it": "Un anno di esercizio con dodici autobus a idrogeno: costi, "
                      "disponibilità e che cosa ci ha insegnato il rifornimento.",
                "bg": "Една година с дванадесет водородни автобуса: разходи, наличност и "
                      "какво научихме при зареждането.",
            },
        },
        {
            "kind": Talk.Kind.BREAK, "start": time(10, 45), "minutes": 15,
            "speakers": [], "themes": [], "title": BREAK,
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 0), "minutes": 25,
            "speakers": ["mikel-urrutia"], "themes": ["energy-sustainability"],
            "title": {
                "de": "Plusenergiequartiere: gemeinsam sanieren",
                "en": "Positive energy districts: renovating together",
                "es": "Barrios de energía positiva: rehabilitar juntos",
                "it": "Quartieri a energia positiva: riqualificare insieme",
                "bg": "Квартали с положителен енергиен баланс: обновяване заедно",
            },
            "abstract": {
                "de": "Wärmepumpen, Solardächer und ein gemeinsamer Speicher für 400 "
                      "Wohnungen: Finanzierung und Beteiligung der Bewohner.",
                "en": "Heat pumps, solar roofs and a shared battery for 400 homes: financing "
                      "and residents' participation.",
                "es": "Bombas de calor, tejados solares y una batería compartida para 400 "
                      "viviendas: financiación y participación vecinal.",
                "it": "Pompe di calore, tetti solari e una batteria condivisa per 400 "
                      "abitazioni: finanziamento e partecipazione dei residenti.",
                "bg": "Термопомпи, соларни покриви и обща батерия за 400 жилища: "
                      "финансиране и участие на живущите.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 25), "minutes": 25,
            "speakers": ["leire-zubizarreta"], "themes": ["mobility"],
            "title": {
                "de": "Intelligente Ampeln in Vitoria-Gasteiz",
                "en": "Smart traffic lights in Vitoria-Gasteiz",
                "es": "Semáforos inteligentes en Vitoria-Gasteiz",
                "it": "Semafori intelligenti a Vitoria-Gasteiz",
                "bg": "Интелигентни светофари във Витория-Гастейс",
            },
            "abstract": {
                "de": "Adaptive Lichtsignalanlagen verkürzen die Fahrzeit der Busse um ein "
                      "Fünftel, ohne den Autoverkehr zu stauen.",
                "en": "Adaptive traffic signals cut bus journey times by a fifth without "
                      "jamming car traffic.",
                "es": "Los semáforos adaptativos reducen en una quinta parte el tiempo de "
                      "viaje de los autobuses sin atascar el tráfico.",
                "it": "I semafori adattivi riducono di un quinto i tempi di percorrenza degli "
                      "autobus senza congestionare il traffico.",
                "bg": "Адаптивните светофари съкращават времето за пътуване на автобусите с "
                      "една пета, без да задръстват автомобилното движение.",
            },
        },
        {
            "kind": Talk.Kind.PANEL, "start": time(11, 50), "minutes": 40,
            "speakers": ["ane-etxeberria", "jon-agirre", "itziar-goikoetxea",
                         "mikel-urrutia", "leire-zubizarreta"],
            "themes": ["energy-sustainability", "mobility"],
            "title": {
                "de": "Podium: Industrie und Städte gemeinsam für die Energiewende",
                "en": "Panel: industry and cities together for the energy transition",
                "es": "Mesa redonda: industria y ciudades juntas por la transición "
                      "energética",
                "it": "Tavola rotonda: industria e città insieme per la transizione "
                      "energetica",
                "bg": "Дискусия: индустрията и градовете заедно за енергийния преход",
            },
            "abstract": {
                "de": "Was braucht ein KMU, um mit einer Stadt ein Pilotprojekt zu starten? "
                      "Die Sprecherinnen und Sprecher antworten auf Fragen aus dem Publikum.",
                "en": "What does an SME need to start a pilot project with a city? The "
                      "speakers answer questions from the audience.",
                "es": "¿Qué necesita una pyme para poner en marcha un proyecto piloto con "
                      "una ciudad? Los ponentes responden a las preguntas del público.",
                "it": "Di che cosa ha bisogno una PMI per avviare un progetto pilota con una "
                      "città? I relatori rispondono alle domande del pubblico.",
                "bg": "От какво се нуждае едно МСП, за да започне пилотен проект с град? "
                      "Лекторите отговарят на въпроси от публиката.",
            },
        },
    ],
}
