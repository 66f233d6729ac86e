"""The closing SME pitch session: small companies of all four partner countries pitch; the
region coordinators give feedback. Its companies and founders are invented."""

from datetime import time

from events.demo.data import BREAK, Row
from events.models import Event, Organisation, Talk

EVENT: Row = {
    "slug": "sme-pitch-session", "kind": Event.Kind.PITCH_SESSION, "region": None,
    "time_zone": "Europe/Berlin",
    "themes": ["public-administration", "mobility", "energy-sustainability", "ict"],
    "title": {
        "de": "KMU-Pitch-Session",
        "en": "SME pitch session",
        "es": "Sesión de pitches de pymes",
        "it": "Sessione di pitch delle PMI",
        "bg": "Питч сесия на МСП",
    },
    "summary": {
        "de": "Zum Abschluss der Reihe stellen sich sechs registrierte KMU aus allen vier "
              "Partnerländern einem internationalen Publikum vor; die Koordinatorinnen der "
              "Regionen geben Rückmeldung.",
        "en": "To close the series, six registered SMEs from all four partner countries "
              "present themselves to an international audience; the region coordinators "
              "give feedback.",
        "es": "Para cerrar la serie, seis pymes inscritas de los cuatro países socios se "
              "presentan ante un público internacional; las coordinadoras de las regiones "
              "comentan sus propuestas.",
        "it": "In chiusura della serie, sei PMI iscritte dei quattro paesi partner si "
              "presentano a un pubblico internazionale; le coordinatrici delle regioni "
              "danno il loro riscontro.",
        "bg": "За финал на поредицата шест регистрирани МСП от четирите страни партньори "
              "се представят пред международна публика; координаторите на регионите дават "
              "обратна връзка.",
    },
    "organisations": [
        {
            "slug": "parkline", "name": "ParkLine (Demo)",
            "kind": Organisation.Kind.SME, "country": "DE", "city": "Dresden",
            "website": "https://parkline.example.org", "fictional": True,
            "description": {
                "de": "Parkleitsystem mit Radarsensoren, ganz ohne Kameras.",
                "en": "Parking guidance with radar sensors, without any cameras.",
                "es": "Guiado al aparcamiento con sensores de radar, sin cámaras.",
                "it": "Sistema di guida al parcheggio con sensori radar, senza telecamere.",
                "bg": "Система за насочване към паркоместа с радарни сензори, без камери.",
            },
        },
        {
            "slug": "gridflex", "name": "GridFlex (Demo)",
            "kind": Organisation.Kind.SME, "country": "BG", "city": "Plovdiv",
            "website": "https://gridflex.example.org", "fictional": True,
            "description": {
                "de": "Quartierspeicher aus gebrauchten Fahrzeugbatterien.",
                "en": "District storage built from second-life vehicle batteries.",
                "es": "Almacenamiento de barrio con baterías de vehículos de segunda vida.",
                "it": "Accumulo di quartiere con batterie di veicoli di seconda vita.",
                "bg": "Квартални хранилища за енергия от употребявани батерии на "
                      "автомобили.",
            },
        },
        {
            "slug": "bizi-cargo", "name": "Bizi Cargo (Demo)",
            "kind": Organisation.Kind.SME, "country": "ES", "city": "Bilbao",
            "website": "https://bizi-cargo.example.org", "fictional": True,
            "description": {
                "de": "Geteilte Lastenräder für den Einzelhandel in der Innenstadt.",
                "en": "Shared cargo bikes for shops in the city centre.",
                "es": "Bicicletas de carga compartidas para el comercio del centro.",
                "it": "Cargo bike condivise per i negozi del centro città.",
                "bg": "Споделени товарни велосипеди за магазините в центъра на града.",
            },
        },
        {
            "slug": "civica-lab", "name": "Civica Lab (Demo)",
            "kind": Organisation.Kind.SME, "country": "IT", "city": "Bologna",
            "website": "https://civica-lab.example.org", "fictional": True,
            "description": {
                "de": "Eine App für Bürgerhaushalte und Beteiligungsverfahren.",
                "en": "An app for participatory budgets and public consultations.",
                "es": "Una aplicación para presupuestos participativos y consultas "
                      "ciudadanas.",
                "it": "Un'app per bilanci partecipativi e consultazioni pubbliche.",
                "bg": "Приложение за граждански бюджети и обществени консултации.",
            },
        },
        {
            "slug": "datenbruecke", "name": "Datenbrücke (Demo)",
            "kind": Organisation.Kind.SME, "country": "DE", "city": "Halle (Saale)",
            "website": "https://datenbruecke.example.org", "fictional": True,
            "description": {
                "de": "Verbindet die Datenplattformen von Städten über offene Schnittstellen.",
                "en": "Connects cities' data platforms through open interfaces.",
                "es": "Conecta las plataformas de datos de las ciudades mediante interfaces "
                      "abiertas.",
                "it": "Collega le piattaforme di dati delle città tramite interfacce aperte.",
                "bg": "Свързва платформите за данни на градовете чрез отворени интерфейси.",
            },
        },
        {
            "slug": "obshtina-online", "name": "Obshtina Online (Demo)",
            "kind": Organisation.Kind.SME, "country": "BG", "city": "Varna",
            "website": "https://obshtina-online.example.org", "fictional": True,
            "description": {
                "de": "Online-Terminvergabe für die Schalter der Gemeinden.",
                "en": "Online appointments for municipal service counters.",
                "es": "Cita previa en línea para las oficinas de atención municipal.",
                "it": "Prenotazione online degli appuntamenti agli sportelli comunali.",
                "bg": "Онлайн записване на час за общинските гишета.",
            },
        },
    ],
    "speakers": [
        {
            "slug": "jonas-hartmann", "name": "Jonas Hartmann", "organisation": "parkline",
            "fictional": True,
            "role": {"de": "Mitgründer", "en": "Co-founder", "es": "Cofundador",
                     "it": "Cofondatore", "bg": "Съосновател"},
            "bio": {
                "de": "Jonas Hartmann hat Elektrotechnik studiert und ParkLine 2019 "
                      "gegründet.",
                "en": "Jonas Hartmann studied electrical engineering and founded ParkLine "
                      "in 2019.",
                "es": "Jonas Hartmann estudió ingeniería eléctrica y fundó ParkLine en 2019.",
                "it": "Jonas Hartmann ha studiato ingegneria elettrica e ha fondato ParkLine "
                      "nel 2019.",
                "bg": "Йонас Хартман е завършил електротехника и основа ParkLine през "
                      "2019 г.",
            },
        },
        {
            "slug": "petar-stoyanov", "name": "Petar Stoyanov", "organisation": "gridflex",
            "fictional": True,
            "role": {"de": "Gründer und Geschäftsführer", "en": "Founder and CEO",
                     "es": "Fundador y consejero delegado",
                     "it": "Fondatore e amministratore delegato",
                     "bg": "Основател и изпълнителен директор"},
            "bio": {
                "de": "Petar Stoyanov gibt Batterien aus Elektroautos ein zweites Leben im "
                      "Stromnetz.",
                "en": "Petar Stoyanov gives batteries from electric cars a second life in "
                      "the grid.",
                "es": "Petar Stoyanov da a las baterías de los coches eléctricos una segunda "
                      "vida en la red.",
                "it": "Petar Stoyanov dà alle batterie delle auto elettriche una seconda "
                      "vita nella rete.",
                "bg": "Петър Стоянов дава втори живот в електроразпределителната мрежа на "
                      "батериите от електромобили.",
            },
        },
        {
            "slug": "amaia-lasa", "name": "Amaia Lasa", "organisation": "bizi-cargo",
            "fictional": True,
            "role": {"de": "Mitgründerin", "en": "Co-founder", "es": "Cofundadora",
                     "it": "Cofondatrice", "bg": "Съосновател"},
            "bio": {
                "de": "Amaia Lasa war Logistikerin, bevor sie den Lieferverkehr der "
                      "Innenstadt aufs Rad brachte.",
                "en": "Amaia Lasa worked in logistics before she moved city-centre "
                      "deliveries onto bikes.",
                "es": "Amaia Lasa trabajaba en logística antes de pasar el reparto del "
                      "centro a la bicicleta.",
                "it": "Amaia Lasa lavorava nella logistica prima di portare in bicicletta "
                      "le consegne del centro.",
                "bg": "Амая Ласа е работила в логистиката, преди да прехвърли доставките в "
                      "центъра на велосипеди.",
            },
        },
        {
            "slug": "giorgio-marchetti", "name": "Giorgio Marchetti",
            "organisation": "civica-lab", "fictional": True,
            "role": {"de": "Geschäftsführer", "en": "Chief executive",
                     "es": "Consejero delegado", "it": "Amministratore delegato",
                     "bg": "Изпълнителен директор"},
            "bio": {
                "de": "Giorgio Marchetti bringt Bürgerbeteiligung vom Rathaussaal aufs "
                      "Telefon.",
                "en": "Giorgio Marchetti brings citizen participation from the town hall to "
                      "the phone.",
                "es": "Giorgio Marchetti lleva la participación ciudadana del salón de "
                      "plenos al teléfono móvil.",
                "it": "Giorgio Marchetti porta la partecipazione dei cittadini dalla sala "
                      "consiliare al telefono.",
                "bg": "Джорджо Маркети пренася гражданското участие от залата на общината "
                      "в телефона.",
            },
        },
        {
            "slug": "lena-richter", "name": "Lena Richter", "organisation": "datenbruecke",
            "fictional": True,
            "role": {"de": "Geschäftsführerin", "en": "Managing director",
                     "es": "Directora general", "it": "Amministratrice delegata",
                     "bg": "Управител"},
            "bio": {
                "de": "Lena Richter hat urbane Datenplattformen für drei Städte "
                      "mitentwickelt.",
                "en": "Lena Richter helped build urban data platforms for three cities.",
                "es": "Lena Richter ha participado en el desarrollo de plataformas urbanas "
                      "de datos para tres ciudades.",
                "it": "Lena Richter ha contribuito a sviluppare piattaforme urbane di dati "
                      "per tre città.",
                "bg": "Лена Рихтер е участвала в изграждането на градски платформи за данни "
                      "за три града.",
            },
        },
        {
            "slug": "ivana-nikolova", "name": "Ivana Nikolova",
            "organisation": "obshtina-online", "fictional": True,
            "role": {"de": "Produktleiterin", "en": "Head of product",
                     "es": "Responsable de producto", "it": "Responsabile di prodotto",
                     "bg": "Продуктов мениджър"},
            "bio": {
                "de": "Ivana Nikolova sorgt dafür, dass niemand mehr vor einem Amt Schlange "
                      "stehen muss.",
                "en": "Ivana Nikolova makes sure nobody has to queue at a public office any "
                      "more.",
                "es": "Ivana Nikolova se ocupa de que nadie tenga que volver a hacer cola en "
                      "una oficina pública.",
                "it": "Ivana Nikolova fa in modo che nessuno debba più fare la fila a uno "
                      "sportello pubblico.",
                "bg": "Ивана Николова се грижи никой вече да не чака на опашка пред "
                      "общинско гише.",
            },
        },
    ],
    "agenda": [
        {
            "kind": Talk.Kind.WELCOME, "start": time(9, 30), "minutes": 15,
            "speakers": ["katrin-vogel"], "themes": [],
            "title": {
                "de": "Begrüßung: so läuft die Pitch-Session",
                "en": "Welcome: how the pitch session works",
                "es": "Bienvenida: así funciona la sesión de pitches",
                "it": "Benvenuto: come funziona la sessione di pitch",
                "bg": "Приветствие: как протича питч сесията",
            },
            "abstract": {
                "de": "Acht Minuten Pitch, sieben Minuten Fragen: die Regeln und die "
                      "Unternehmen des Tages.",
                "en": "Eight minutes of pitch, seven minutes of questions: the rules and the "
                      "day's companies.",
                "es": "Ocho minutos de pitch y siete de preguntas: las reglas y las empresas "
                      "del día.",
                "it": "Otto minuti di pitch, sette di domande: le regole e le imprese della "
                      "giornata.",
                "bg": "Осем минути представяне и седем минути въпроси: правилата и фирмите "
                      "на деня.",
            },
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(9, 45), "minutes": 15,
            "speakers": ["jonas-hartmann"], "themes": ["mobility"],
            "title": {
                "de": "ParkLine: Parkplatz finden ohne Suchverkehr",
                "en": "ParkLine: finding a parking space without circling",
                "es": "ParkLine: encontrar aparcamiento sin dar vueltas",
                "it": "ParkLine: trovare parcheggio senza girare a vuoto",
                "bg": "ParkLine: паркомясто без обикаляне",
            },
            "abstract": {
                "de": "Radarsensoren an Laternen zeigen freie Parkplätze an, datensparsam "
                      "und ohne Kameras.",
                "en": "Radar sensors on street lamps show free parking spaces, with little "
                      "data and no cameras.",
                "es": "Sensores de radar en las farolas indican las plazas libres, con pocos "
                      "datos y sin cámaras.",
                "it": "Sensori radar sui lampioni segnalano i posti liberi, con pochi dati e "
                      "senza telecamere.",
                "bg": "Радарни сензори по уличните лампи показват свободните места с малко "
                      "данни и без камери.",
            },
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(10, 0), "minutes": 15,
            "speakers": ["petar-stoyanov"], "themes": ["energy-sustainability"],
            "title": {
                "de": "GridFlex: Quartierspeicher aus alten Autobatterien",
                "en": "GridFlex: district storage from old car batteries",
                "es": "GridFlex: almacenamiento de barrio con baterías usadas de coche",
                "it": "GridFlex: accumulo di quartiere da vecchie batterie d'auto",
                "bg": "GridFlex: квартално съхранение на енергия от стари автомобилни "
                      "батерии",
            },
            "abstract": {
                "de": "Ausgemusterte Fahrzeugbatterien speichern Solarstrom für ein ganzes "
                      "Wohnviertel.",
                "en": "Retired vehicle batteries store solar power for a whole "
                      "neighbourhood.",
                "es": "Baterías de vehículos retiradas almacenan energía solar para todo un "
                      "barrio.",
                "it": "Batterie di veicoli dismesse accumulano energia solare per un intero "
                      "quartiere.",
                "bg": "Излезли от употреба батерии на превозни средства съхраняват "
                      "слънчева енергия за цял квартал.",
            },
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(10, 15), "minutes": 15,
            "speakers": ["amaia-lasa"], "themes": ["mobility", "energy-sustainability"],
            "title": {
                "de": "Bizi Cargo: Lastenräder für den Handel",
                "en": "Bizi Cargo: cargo bikes for shops",
                "es": "Bizi Cargo: bicicletas de carga para el comercio",
                "it": "Bizi Cargo: cargo bike per i negozi",
                "bg": "Bizi Cargo: товарни велосипеди за търговията",
            },
            "abstract": {
                "de": "Ein Verleihnetz von Lastenrädern ersetzt die Lieferwagen der "
                      "Innenstadtläden.",
                "en": "A rental network of cargo bikes replaces the delivery vans of "
                      "city-centre shops.",
                "es": "Una red de alquiler de bicicletas de carga sustituye a las "
                      "furgonetas de reparto de las tiendas del centro.",
                "it": "Una rete di noleggio di cargo bike sostituisce i furgoni dei negozi "
                      "del centro.",
                "bg": "Мрежа за наем на товарни велосипеди заменя бусовете за доставки на "
                      "магазините в центъра.",
            },
        },
        {
            "kind": Talk.Kind.BREAK, "start": time(10, 30), "minutes": 15,
            "speakers": [], "themes": [], "title": BREAK,
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(10, 45), "minutes": 15,
            "speakers": ["giorgio-marchetti"], "themes": ["public-administration"],
            "title": {
                "de": "Civica Lab: Bürgerhaushalt auf dem Telefon",
                "en": "Civica Lab: a participatory budget on the phone",
                "es": "Civica Lab: presupuestos participativos en el móvil",
                "it": "Civica Lab: il bilancio partecipativo sul telefono",
                "bg": "Civica Lab: граждански бюджет в телефона",
            },
            "abstract": {
                "de": "Bürger schlagen Projekte vor und stimmen darüber ab; die Gemeinde "
                      "sieht, was sie bewegt.",
                "en": "Residents propose projects and vote on them; the council sees what "
                      "matters to them.",
                "es": "Los vecinos proponen proyectos y los votan; el ayuntamiento ve lo que "
                      "les importa.",
                "it": "I cittadini propongono progetti e li votano; il comune vede che cosa "
                      "sta loro a cuore.",
                "bg": "Жителите предлагат проекти и гласуват за тях; общината вижда какво "
                      "е важно за тях.",
            },
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(11, 0), "minutes": 15,
            "speakers": ["lena-richter"], "themes": ["ict"],
            "title": {
                "de": "Datenbrücke: Stadtdaten, die zusammenpassen",
                "en": "Datenbrücke: city data that fit together",
                "es": "Datenbrücke: datos urbanos que encajan",
                "it": "Datenbrücke: dati urbani che si parlano",
                "bg": "Datenbrücke: градски данни, които си пасват",
            },
            "abstract": {
                "de": "Offene Schnittstellen verbinden die Datenplattformen verschiedener "
                      "Städte und Anbieter.",
                "en": "Open interfaces connect the data platforms of different cities and "
                      "vendors.",
                "es": "Interfaces abiertas conectan las plataformas de datos de distintas "
                      "ciudades y proveedores.",
                "it": "Interfacce aperte collegano le piattaforme di dati di città e "
                      "fornitori diversi.",
                "bg": "Отворени интерфейси свързват платформите за данни на различни "
                      "градове и доставчици.",
            },
        },
        {
            "kind": Talk.Kind.PITCH, "start": time(11, 15), "minutes": 15,
            "speakers": ["ivana-nikolova"], "themes": ["public-administration", "ict"],
            "title": {
                "de": "Obshtina Online: Termine statt Warteschlangen",
                "en": "Obshtina Online: appointments instead of queues",
                "es": "Obshtina Online: citas en lugar de colas",
                "it": "Obshtina Online: appuntamenti invece di code",
                "bg": "„Община онлайн“: час вместо опашка",
            },
            "abstract": {
                "de": "Bürger buchen online einen Termin am Schalter; die Gemeinde plant "
                      "ihr Personal danach.",
                "en": "Residents book a slot at the counter online; the council plans its "
                      "staff accordingly.",
                "es": "Los vecinos reservan cita en línea y el ayuntamiento organiza su "
                      "personal en consecuencia.",
                "it": "I cittadini prenotano online un appuntamento allo sportello; il "
                      "comune organizza il personale di conseguenza.",
                "bg": "Жителите си запазват час на гишето онлайн; общината планира "
                      "служителите си според това.",
            },
        },
        {
            "kind": Talk.Kind.PANEL, "start": time(11, 30), "minutes": 45,
            "speakers": ["katrin-vogel", "desislava-petrova", "ane-etxeberria",
                         "chiara-fontana"],
            "themes": ["public-administration", "mobility", "energy-sustainability", "ict"],
            "title": {
                "de": "Rückmeldung aus den Regionen",
                "en": "Feedback from the regions",
                "es": "La opinión de las regiones",
                "it": "Il riscontro delle regioni",
                "bg": "Обратна връзка от регионите",
            },
            "abstract": {
                "de": "Die Koordinatorinnen der vier Regionen sagen, welche Partner und "
                      "Märkte sie für jede Idee sehen.",
                "en": "The coordinators of the four regions say which partners and markets "
                      "they see for each idea.",
                "es": "Las coordinadoras de las cuatro regiones explican qué socios y "
                      "mercados ven para cada idea.",
                "it": "Le coordinatrici delle quattro regioni indicano quali partner e "
                      "mercati vedono per ogni idea.",
                "bg": "Координаторите на четирите региона казват какви партньори и пазари "
                      "виждат за всяка идея.",
            },
        },
        {
            "kind": Talk.Kind.TALK, "start": time(12, 15), "minutes": 15,
            "speakers": ["katrin-vogel"], "themes": [],
            "title": {
                "de": "Abschluss: wie es nach der Reihe weitergeht",
                "en": "Closing: what comes after the series",
                "es": "Clausura: qué viene después de la serie",
                "it": "Chiusura: che cosa succede dopo la serie",
                "bg": "Закриване: какво следва след поредицата",
            },
            "abstract": {
                "de": "Ein Rückblick auf die fünf Treffen und die Einladung, in Kontakt zu "
                      "bleiben.",
                "en": "A look back at the five meetings and an invitation to stay in touch.",
                "es": "Un repaso de los cinco encuentros y una invitación a seguir en "
                      "contacto.",
                "it": "Uno sguardo ai cinque incontri e l'invito a restare in contatto.",
                "bg": "Поглед назад към петте срещи и покана да останем във връзка.",
            },
        },
    ],
}
