"""The report of the Leipzig kick-off: the seed's article, in all five content languages.

{next_date} and {register_url} are filled in per language when loading.
"""

from events.demo.data import Row

REPORT: Row = {
    "slug": "leipzig-kick-off",
    "event": "leipzig",
    "title": {
        "de": "Auftakt in Leipzig: 37 Teilnehmende beim ersten Treffen von SmartCT Clusters",
        "en": "Kick-off in Leipzig: 37 participants at the first SmartCT Clusters meeting",
        "es": "Arranque en Leipzig: 37 participantes en el primer encuentro de SmartCT "
              "Clusters",
        "it": "Avvio a Lipsia: 37 partecipanti al primo incontro di SmartCT Clusters",
        "bg": "Начало в Лайпциг: 37 участници в първата среща на SmartCT Clusters",
    },
    "summary": {
        "de": "Die Veranstaltungsreihe für Unternehmen startete mit der Region Leipzig: eine "
              "Keynote zu Städten nach der Pandemie und vier Vorträge zu Verwaltung, "
              "Mobilität, Energie und Verkehrssystemen.",
        "en": "The event series for companies started with the Leipzig region: a keynote on "
              "cities after the pandemic and four talks on administration, mobility, energy "
              "and transport systems.",
        "es": "La serie de eventos para empresas comenzó con la región de Leipzig: una "
              "conferencia sobre las ciudades tras la pandemia y cuatro charlas sobre "
              "administración, movilidad, energía y sistemas de transporte.",
        "it": "La serie di eventi per le imprese è partita con la regione di Lipsia: un "
              "keynote sulle città dopo la pandemia e quattro interventi su amministrazione, "
              "mobilità, energia e sistemi di trasporto.",
        "bg": "Поредицата от събития за предприятия започна с регион Лайпциг: основен доклад "
              "за градовете след пандемията и четири доклада за администрацията, "
              "мобилността, енергетиката и транспортните системи.",
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
        "es": """\
La serie de eventos para empresas **SmartCT Clusters** ha comenzado con la región de \
Leipzig. La entidad organizadora, la red Energie und Umwelt (NEU e.V.), dio la bienvenida a \
**37 participantes** de distintos países de Europa y del mundo.

En los cuatro primeros encuentros, actores regionales de Alemania, Bulgaria, España e \
Italia se presentan en torno a los ejes del enfoque de ciudad inteligente: administración \
pública, movilidad, energía y sostenibilidad, y TIC. Para terminar, todas las pymes \
inscritas en la serie podrán presentarse ante un público internacional.

## Las ciudades después de la pandemia

La conferencia inaugural corrió a cargo de la experta en ciudades inteligentes **Cristina \
Garrido** (anteverti / Smart City Expo Barcelona). Mostró los retos que la pandemia de \
COVID-19 ha planteado a las ciudades europeas y, sobre todo, las nuevas posibilidades con \
las que las ciudades pueden responder a futuras pandemias. El diseño del espacio público y \
la evolución de la movilidad urbana desempeñan en ello un papel central.

## Las charlas de Leipzig

- **Sebastian Graetz** (Ayuntamiento de Leipzig, unidad Ciudad Digital) repasó la \
transformación digital de Leipzig, según Bitkom la ciudad más inteligente del este de \
Alemania: una plataforma urbana de datos, un gemelo digital para el desarrollo urbano \
integrado, el concurso de ideas «Smart City Challenge» y el proyecto Interreg Central \
Europe EffienCE.
- **Moritz Oesterlink** presentó CleverShuttle, miembro de NEU e.V.: de la aplicación al \
sistema de viajes compartidos y a su propia flota eléctrica, transporte local sin emisiones \
a lo largo de toda la cadena de valor. Junto con la empresa de transporte público de \
Leipzig, CleverShuttle atiende además barrios periféricos mal comunicados en la última \
milla (Flexa).
- **Uwe Fischer**, director de gestión de la información, mostró los avances digitales de \
Leipziger Stadtwerke. La empresa municipal de electricidad y calefacción invierte en \
tecnología inteligente para gestionar sus redes y medir el consumo; con Smartx y SPARCS \
ensaya soluciones que van del hogar inteligente a las redes de barrio inteligentes.

## Sistemas de transporte para el mundo

Cerró el encuentro **Iñigo Larraondo**, director de negocio ITS de IDOM, empresa \
internacional de ingeniería con sede en Bilbao (España) especializada en sistemas \
inteligentes de transporte y gestión del tráfico. A partir de proyectos en todo el mundo, \
IDOM elaboró para el Banco Mundial una Mobile ITS Service Guide para países en desarrollo.

## Próximos pasos

El próximo evento tendrá lugar el {next_date} y presentará a actores clave de la región de \
Sofía (Bulgaria). Si quiere sumarse a este intercambio internacional, \
[inscríbase aquí]({register_url}).
""",
        "it": """\
La serie di eventi per le imprese **SmartCT Clusters** è partita con la regione di Lipsia. \
L'organizzatore, la rete Energie und Umwelt (NEU e.V.), ha accolto **37 partecipanti** da \
diversi paesi d'Europa e del mondo.

Nei primi quattro incontri, attori regionali di Germania, Bulgaria, Spagna e Italia si \
presentano sui temi dell'approccio smart city: pubblica amministrazione, mobilità, energia \
e sostenibilità, ICT. In chiusura, tutte le PMI iscritte alla serie potranno presentarsi a \
un pubblico internazionale.

## Le città dopo la pandemia

Il keynote è stato tenuto dall'esperta di smart city **Cristina Garrido** (anteverti / \
Smart City Expo Barcellona). Ha illustrato le sfide che la pandemia di COVID-19 ha posto \
alle città europee e soprattutto le nuove possibilità con cui le città potranno reagire \
alle pandemie future. Un ruolo centrale spetta alla progettazione dello spazio pubblico e \
all'evoluzione della mobilità urbana.

## Gli interventi di Lipsia

- **Sebastian Graetz** (Comune di Lipsia, ufficio Città digitale) ha ripercorso la \
trasformazione digitale di Lipsia, secondo Bitkom la città più smart della Germania \
orientale: una piattaforma urbana di dati, un gemello digitale per lo sviluppo urbano \
integrato, il concorso di idee «Smart City Challenge» e il progetto Interreg Central Europe \
EffienCE.
- **Moritz Oesterlink** ha presentato CleverShuttle, socio di NEU e.V.: dall'app al sistema \
di ride pooling fino alla propria flotta elettrica, trasporto locale a emissioni zero lungo \
tutta la catena del valore. Con l'azienda di trasporto pubblico di Lipsia, CleverShuttle \
serve inoltre le periferie meno collegate sull'ultimo miglio (Flexa).
- **Uwe Fischer**, responsabile della gestione delle informazioni, ha mostrato gli sviluppi \
digitali di Leipziger Stadtwerke. La multiutility municipale investe in tecnologie \
intelligenti per gestire le reti e misurare i consumi; con Smartx e SPARCS sperimenta \
soluzioni che vanno dalla casa intelligente alle reti di quartiere intelligenti.

## Sistemi di trasporto per il mondo

Ha chiuso l'incontro **Iñigo Larraondo**, direttore commerciale ITS di IDOM, società di \
ingegneria internazionale con sede a Bilbao (Spagna) specializzata in sistemi intelligenti \
di trasporto e gestione del traffico. Sulla base di progetti in tutto il mondo, IDOM ha \
sviluppato per la Banca Mondiale una Mobile ITS Service Guide per i paesi in via di \
sviluppo.

## Prossimi appuntamenti

Il prossimo evento si terrà il {next_date} e presenterà attori chiave della regione di \
Sofia (Bulgaria). Se desidera partecipare a questo scambio internazionale, \
[si iscriva qui]({register_url}).
""",
        "bg": """\
Поредицата от събития за предприятия **SmartCT Clusters** започна с регион Лайпциг. \
Организаторът, мрежата „Енергия и околна среда“ (NEU e.V.), посрещна **37 участници** от \
различни страни в Европа и по света.

В първите четири срещи регионални участници от Германия, България, Испания и Италия се \
представят по темите на подхода „умен град“: публична администрация, мобилност, енергия и \
устойчивост, ИКТ. Накрая всички малки и средни предприятия, регистрирани за поредицата, \
ще могат да се представят пред международна публика.

## Градовете след пандемията

Основния доклад изнесе експертът по умни градове **Кристина Гаридо** (Cristina Garrido, \
anteverti / Smart City Expo Барселона). Тя представи предизвикателствата, пред които \
пандемията от COVID-19 изправи европейските градове, и най-вече новите възможности, с \
които градовете могат да реагират на бъдещи пандемии. Централна роля в това имат \
оформянето на публичните пространства и развитието на градската мобилност.

## Докладите от Лайпциг

- **Себастиан Грец** (Sebastian Graetz, община Лайпциг, отдел „Дигитален град“) проследи \
цифровата трансформация на Лайпциг, според Bitkom най-умния град в Източна Германия: \
градска платформа за данни, цифров близнак за интегрирано градско развитие, конкурсът за \
идеи „Smart City Challenge“ и проектът EffienCE по програма Interreg Central Europe.
- **Мориц Йостерлинк** (Moritz Oesterlink) представи CleverShuttle, член на NEU e.V.: от \
приложението през системата за споделени пътувания до собствения електрически автопарк — \
градски транспорт без емисии по цялата верига на стойността. Заедно с транспортното \
дружество на Лайпциг CleverShuttle обслужва и слабо свързани предградия по „последната \
миля“ (Flexa).
- **Уве Фишер** (Uwe Fischer), ръководител „Управление на информацията“, показа цифровото \
развитие на Leipziger Stadtwerke. Общинското енергийно дружество инвестира в интелигентни \
технологии за управление на мрежите и измерване на потреблението; със Smartx и SPARCS то \
изпробва решения от умния дом до интелигентните квартални мрежи.

## Транспортни системи за целия свят

Срещата завърши с **Иниго Лараондо** (Iñigo Larraondo), бизнес директор ITS в IDOM — \
международна инженерна компания със седалище в Билбао (Испания), специализирана в \
интелигентни системи за транспорт и управление на движението. Въз основа на проекти по \
целия свят IDOM разработи по поръчка на Световната банка ръководството Mobile ITS Service \
Guide за развиващите се страни.

## Какво следва

Следващото събитие ще се проведе на {next_date} и ще представи ключови участници от \
регион София (България). Ако искате да се включите в този международен обмен, \
[регистрирайте се тук]({register_url}).
""",
    },
}

# How each language writes the date of the next event in the report (month names in
# lower case where the language writes them so: Django's Italian catalogue capitalises them).
REPORT_DATE_FORMATS = {"de": "d.m.Y", "en": "j F Y", "es": r"j \d\e F \d\e Y",
                       "it": "j F Y", "bg": "j F Y г."}
LOWER_CASE_MONTHS = {"es", "it", "bg"}
