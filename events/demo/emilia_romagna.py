"""Emilia-Romagna (Italy); its people and organisations are invented."""

from datetime import time

from events.demo.data import BREAK, Row
from events.models import Event, Organisation, Talk

EVENT: Row = {
    "slug": "emilia-romagna", "kind": Event.Kind.SHOWCASE, "region": "emilia-romagna",
    "time_zone": "Europe/Rome",
    "themes": ["energy-sustainability", "ict"],
    "title": {
        "de": "Emilia-Romagna (Italien)",
        "en": "Emilia-Romagna (Italy)",
        "es": "Emilia-Romaña (Italia)",
        "it": "Emilia-Romagna (Italia)",
        "bg": "Емилия-Романя (Италия)",
    },
    "summary": {
        "de": "Daten als Gemeingut: Akteure aus der Emilia-Romagna zeigen Rechenzentren "
              "für die Stadtplanung, Energiegemeinschaften im Apennin, digitale "
              "Bürgerdienste und intelligente Wassernetze.",
        "en": "Data as a common good: actors from Emilia-Romagna show data centres for "
              "urban planning, energy communities in the Apennines, digital citizen "
              "services and smart water networks.",
        "es": "Los datos como bien común: actores de Emilia-Romaña muestran centros de "
              "datos para la planificación urbana, comunidades energéticas en los Apeninos, "
              "servicios digitales para la ciudadanía y redes de agua inteligentes.",
        "it": "I dati come bene comune: attori dell'Emilia-Romagna presentano data center "
              "per la pianificazione urbana, comunità energetiche nell'Appennino, servizi "
              "digitali per i cittadini e reti idriche intelligenti.",
        "bg": "Данните като общо благо: участници от Емилия-Романя представят центрове за "
              "данни за градско планиране, енергийни общности в Апенините, цифрови услуги "
              "за гражданите и интелигентни водопроводни мрежи.",
    },
    "organisations": [
        {
            "slug": "demo-cluster-emilia-romagna",
            "name": "Emilia-Romagna Smart Region Cluster (Demo)",
            "kind": Organisation.Kind.NETWORK, "country": "IT", "city": "Bologna",
            "website": "https://emilia-romagna-cluster.example.org", "fictional": True,
            "description": {
                "de": "Koordiniert die Emilia-Romagna in der Reihe: ein Cluster von "
                      "Unternehmen, Universitäten und Kommunen.",
                "en": "Coordinates Emilia-Romagna in the series: a cluster of companies, "
                      "universities and municipalities.",
                "es": "Coordina Emilia-Romaña en la serie: un clúster de empresas, "
                      "universidades y municipios.",
                "it": "Coordina l'Emilia-Romagna nella serie: un cluster di imprese, "
                      "università e comuni.",
                "bg": "Координира Емилия-Романя в поредицата: клъстер от фирми, "
                      "университети и общини.",
            },
        },
        {
            "slug": "istituto-dati-urbani", "name": "Istituto per i Dati Urbani (Demo)",
            "kind": Organisation.Kind.RESEARCH, "country": "IT", "city": "Bologna",
            "website": "https://dati-urbani.example.org", "fictional": True,
            "description": {
                "de": "Forschungsinstitut für Datenanalyse und Simulation im Dienst der "
                      "Städte.",
                "en": "A research institute for data analysis and simulation in the service "
                      "of cities.",
                "es": "Instituto de investigación en análisis de datos y simulación al "
                      "servicio de las ciudades.",
                "it": "Istituto di ricerca per l'analisi dei dati e la simulazione al "
                      "servizio delle città.",
                "bg": "Изследователски институт за анализ на данни и симулации в услуга на "
                      "градовете.",
            },
        },
        {
            "slug": "energia-appennino", "name": "Energia Appennino (Demo)",
            "kind": Organisation.Kind.SME, "country": "IT", "city": "Modena",
            "website": "https://energia-appennino.example.org", "fictional": True,
            "description": {
                "de": "Gründet und betreibt Erneuerbare-Energie-Gemeinschaften in kleinen "
                      "Gemeinden.",
                "en": "Sets up and runs renewable energy communities in small towns.",
                "es": "Crea y gestiona comunidades de energías renovables en pequeños "
                      "municipios.",
                "it": "Costituisce e gestisce comunità energetiche rinnovabili nei piccoli "
                      "comuni.",
                "bg": "Създава и управлява общности за възобновяема енергия в малки "
                      "населени места.",
            },
        },
        {
            "slug": "servizi-digitali-emilia", "name": "Servizi Digitali Emilia (Demo)",
            "kind": Organisation.Kind.PUBLIC_ADMINISTRATION, "country": "IT",
            "city": "Bologna", "website": "https://servizi-digitali.example.org",
            "fictional": True,
            "description": {
                "de": "Die Digitalagentur der Kommunen der Region.",
                "en": "The digital agency of the region's municipalities.",
                "es": "La agencia digital de los municipios de la región.",
                "it": "L'agenzia digitale dei comuni della regione.",
                "bg": "Цифровата агенция на общините в региона.",
            },
        },
        {
            "slug": "acquasmart", "name": "AcquaSmart (Demo)",
            "kind": Organisation.Kind.SME, "country": "IT", "city": "Parma",
            "website": "https://acquasmart.example.org", "fictional": True,
            "description": {
                "de": "Software und Sensoren gegen Wasserverluste in Versorgungsnetzen.",
                "en": "Software and sensors against water losses in supply networks.",
                "es": "Software y sensores contra las pérdidas de agua en las redes de "
                      "abastecimiento.",
                "it": "Software e sensori contro le perdite d'acqua nelle reti di "
                      "distribuzione.",
                "bg": "Софтуер и сензори срещу загубите на вода във водопроводните мрежи.",
            },
        },
    ],
    "speakers": [
        {
            "slug": "chiara-fontana", "name": "Chiara Fontana",
            "organisation": "demo-cluster-emilia-romagna", "fictional": True,
            "role": {"de": "Koordinatorin", "en": "Coordinator", "es": "Coordinadora",
                     "it": "Coordinatrice", "bg": "Координатор"},
            "bio": {
                "de": "Chiara Fontana koordiniert die internationalen Projekte des Clusters.",
                "en": "Chiara Fontana coordinates the cluster's international projects.",
                "es": "Chiara Fontana coordina los proyectos internacionales del clúster.",
                "it": "Chiara Fontana coordina i progetti internazionali del cluster.",
                "bg": "Киара Фонтана координира международните проекти на клъстера.",
            },
        },
        {
            "slug": "luca-ferri", "name": "Luca Ferri",
            "organisation": "istituto-dati-urbani", "fictional": True,
            "role": {"de": "Professor für Data Science", "en": "Professor of data science",
                     "es": "Catedrático de ciencia de datos",
                     "it": "Professore di scienza dei dati",
                     "bg": "Професор по наука за данните"},
            "bio": {
                "de": "Luca Ferri simuliert Verkehr, Energie und Klima ganzer Städte auf "
                      "Hochleistungsrechnern.",
                "en": "Luca Ferri simulates the traffic, energy and climate of whole cities "
                      "on supercomputers.",
                "es": "Luca Ferri simula el tráfico, la energía y el clima de ciudades "
                      "enteras en superordenadores.",
                "it": "Luca Ferri simula traffico, energia e clima di intere città su "
                      "supercalcolatori.",
                "bg": "Лука Фери симулира движението, енергията и климата на цели градове "
                      "на суперкомпютри.",
            },
        },
        {
            "slug": "francesca-rinaldi", "name": "Francesca Rinaldi",
            "organisation": "energia-appennino", "fictional": True,
            "role": {"de": "Gründerin", "en": "Founder", "es": "Fundadora",
                     "it": "Fondatrice", "bg": "Основател"},
            "bio": {
                "de": "Francesca Rinaldi hat in vier Bergdörfern Energiegemeinschaften mit "
                      "Bürgern, Gemeinden und Betrieben aufgebaut.",
                "en": "Francesca Rinaldi has built energy communities with residents, "
                      "councils and businesses in four mountain villages.",
                "es": "Francesca Rinaldi ha creado comunidades energéticas con vecinos, "
                      "ayuntamientos y empresas en cuatro pueblos de montaña.",
                "it": "Francesca Rinaldi ha creato comunità energetiche con cittadini, "
                      "comuni e aziende in quattro paesi di montagna.",
                "bg": "Франческа Риналди създаде енергийни общности с жители, общини и "
                      "фирми в четири планински села.",
            },
        },
        {
            "slug": "marco-guidi", "name": "Marco Guidi",
            "organisation": "servizi-digitali-emilia", "fictional": True,
            "role": {"de": "Leiter Plattformen", "en": "Head of platforms",
                     "es": "Responsable de plataformas", "it": "Responsabile piattaforme",
                     "bg": "Ръководител „Платформи“"},
            "bio": {
                "de": "Marco Guidi betreut die gemeinsamen Online-Dienste von mehr als "
                      "hundert Gemeinden.",
                "en": "Marco Guidi runs the shared online services of more than a hundred "
                      "municipalities.",
                "es": "Marco Guidi gestiona los servicios en línea compartidos por más de "
                      "cien municipios.",
                "it": "Marco Guidi gestisce i servizi online condivisi da oltre cento comuni.",
                "bg": "Марко Гуиди отговаря за общите онлайн услуги на повече от сто "
                      "общини.",
            },
        },
        {
            "slug": "alessandro-conti", "name": "Alessandro Conti",
            "organisation": "acquasmart", "fictional": True,
            "role": {"de": "Technischer Leiter", "en": "Chief technology officer",
                     "es": "Director técnico", "it": "Direttore tecnico",
                     "bg": "Технически директор"},
            "bio": {
                "de": "Alessandro Conti entwickelt Modelle, die Rohrbrüche vorhersagen, "
                      "bevor sie passieren.",
                "en": "Alessandro Conti develops models that predict pipe bursts before "
                      "they happen.",
                "es": "Alessandro Conti desarrolla modelos que predicen las roturas de "
                      "tuberías antes de que ocurran.",
                "it": "Alessandro Conti sviluppa modelli che prevedono le rotture delle "
                      "condotte prima che avvengano.",
                "bg": "Алесандро Конти разработва модели, които предсказват авариите по "
                      "тръбите, преди да се случат.",
            },
        },
    ],
    "agenda": [
        {
            "kind": Talk.Kind.WELCOME, "start": time(9, 30), "minutes": 10,
            "speakers": ["chiara-fontana"], "themes": [],
            "title": {"de": "Willkommen in der Emilia-Romagna",
                      "en": "Welcome to Emilia-Romagna",
                      "es": "Bienvenidos a Emilia-Romaña",
                      "it": "Benvenuti in Emilia-Romagna",
                      "bg": "Добре дошли в Емилия-Романя"},
            "abstract": {
                "de": "Der Cluster stellt die Region und das Programm des Tages vor.",
                "en": "The cluster introduces the region and the day's programme.",
                "es": "El clúster presenta la región y el programa del día.",
                "it": "Il cluster presenta la regione e il programma della giornata.",
                "bg": "Клъстерът представя региона и програмата на деня.",
            },
        },
        {
            "kind": Talk.Kind.KEYNOTE, "start": time(9, 40), "minutes": 40,
            "speakers": ["luca-ferri"], "themes": ["ict", "energy-sustainability"],
            "title": {
                "de": "Ein Datental für Europas Städte",
                "en": "A data valley for Europe's cities",
                "es": "Un valle de los datos para las ciudades de Europa",
                "it": "Una data valley per le città d'Europa",
                "bg": "Долина на данните за градовете на Европа",
            },
            "abstract": {
                "de": "Hochleistungsrechnen und offene Daten ermöglichen es Städten, "
                      "Hitzewellen, Verkehr und Energiebedarf zu simulieren, bevor sie "
                      "planen.",
                "en": "Supercomputing and open data let cities simulate heat waves, traffic "
                      "and energy demand before they plan.",
                "es": "La supercomputación y los datos abiertos permiten a las ciudades "
                      "simular olas de calor, tráfico y demanda de energía antes de "
                      "planificar.",
                "it": "Il calcolo ad alte prestazioni e i dati aperti permettono alle città "
                      "di simulare ondate di calore, traffico e domanda di energia prima di "
                      "pianificare.",
                "bg": "Суперкомпютрите и отворените данни позволяват на градовете да "
                      "симулират горещини, трафик и енергийно търсене, преди да планират.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(10, 20), "minutes": 25,
            "speakers": ["francesca-rinaldi"], "themes": ["energy-sustainability"],
            "title": {
                "de": "Energiegemeinschaften in den Dörfern des Apennins",
                "en": "Energy communities in the villages of the Apennines",
                "es": "Comunidades energéticas en los pueblos de los Apeninos",
                "it": "Comunità energetiche nei borghi dell'Appennino",
                "bg": "Енергийни общности в селата на Апенините",
            },
            "abstract": {
                "de": "Wie Bürger, Gemeinden und Betriebe Solarstrom gemeinsam erzeugen, "
                      "teilen und den Erlös im Dorf halten.",
                "en": "How residents, councils and businesses produce and share solar power "
                      "together and keep the proceeds in the village.",
                "es": "Cómo vecinos, ayuntamientos y empresas producen y comparten energía "
                      "solar y mantienen los ingresos en el pueblo.",
                "it": "Come cittadini, comuni e aziende producono e condividono energia "
                      "solare e ne trattengono i proventi nel borgo.",
                "bg": "Как жители, общини и фирми заедно произвеждат и споделят слънчева "
                      "енергия и задържат приходите в селото.",
            },
        },
        {
            "kind": Talk.Kind.BREAK, "start": time(10, 45), "minutes": 15,
            "speakers": [], "themes": [], "title": BREAK,
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 0), "minutes": 25,
            "speakers": ["marco-guidi"], "themes": ["ict"],
            "title": {
                "de": "Eine Tür für alle: gemeinsame Online-Dienste der Gemeinden",
                "en": "One front door: shared online services for municipalities",
                "es": "Una sola puerta: servicios en línea compartidos por los municipios",
                "it": "Un'unica porta: servizi online condivisi dai comuni",
                "bg": "Една врата за всички: общи онлайн услуги на общините",
            },
            "abstract": {
                "de": "Eine regionale Plattform erspart jeder Gemeinde die eigene "
                      "Software: vom Kita-Platz bis zur Gewerbeanmeldung.",
                "en": "A regional platform spares every municipality its own software: from "
                      "nursery places to business registrations.",
                "es": "Una plataforma regional ahorra a cada municipio su propio software: "
                      "de las plazas de guardería al alta de actividades económicas.",
                "it": "Una piattaforma regionale evita a ogni comune il proprio software: "
                      "dalle iscrizioni al nido alle pratiche per le imprese.",
                "bg": "Регионална платформа спестява на всяка община собствен софтуер: от "
                      "местата в детските градини до регистрацията на фирми.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(11, 25), "minutes": 25,
            "speakers": ["alessandro-conti"], "themes": ["energy-sustainability", "ict"],
            "title": {
                "de": "Vorausschauende Wartung für Wassernetze",
                "en": "Predictive maintenance for water networks",
                "es": "Mantenimiento predictivo para las redes de agua",
                "it": "Manutenzione predittiva per le reti idriche",
                "bg": "Предсказуема поддръжка на водопроводните мрежи",
            },
            "abstract": {
                "de": "Akustische Sensoren und maschinelles Lernen halbieren die "
                      "Wasserverluste eines mittelgroßen Versorgers.",
                "en": "Acoustic sensors and machine learning halve the water losses of a "
                      "mid-sized utility.",
                "es": "Sensores acústicos y aprendizaje automático reducen a la mitad las "
                      "pérdidas de agua de una empresa de abastecimiento mediana.",
                "it": "Sensori acustici e apprendimento automatico dimezzano le perdite "
                      "idriche di un gestore di medie dimensioni.",
                "bg": "Акустични сензори и машинно обучение намаляват наполовина загубите "
                      "на вода на едно средно голямо ВиК дружество.",
            },
        },
        {
            "kind": Talk.Kind.PANEL, "start": time(11, 50), "minutes": 40,
            "speakers": ["chiara-fontana", "luca-ferri", "francesca-rinaldi", "marco-guidi",
                         "alessandro-conti"],
            "themes": ["energy-sustainability", "ict"],
            "title": {
                "de": "Podium: Daten teilen zwischen öffentlichen und privaten Akteuren",
                "en": "Panel: sharing data between public and private actors",
                "es": "Mesa redonda: compartir datos entre actores públicos y privados",
                "it": "Tavola rotonda: condividere i dati tra attori pubblici e privati",
                "bg": "Дискусия: споделяне на данни между публични и частни участници",
            },
            "abstract": {
                "de": "Wem gehören die Daten der Stadt, und wie kommen KMU an sie heran? "
                      "Eine Diskussion mit Fragen aus dem Publikum.",
                "en": "Who owns the city's data, and how can SMEs get access to them? A "
                      "discussion with questions from the audience.",
                "es": "¿De quién son los datos de la ciudad y cómo pueden acceder a ellos "
                      "las pymes? Un debate con preguntas del público.",
                "it": "Di chi sono i dati della città e come possono accedervi le PMI? Un "
                      "dibattito con domande dal pubblico.",
                "bg": "Чии са данните на града и как МСП могат да получат достъп до тях? "
                      "Дискусия с въпроси от публиката.",
            },
        },
    ],
}
