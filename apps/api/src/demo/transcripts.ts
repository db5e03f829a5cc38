export interface DemoTranscript {
  title: string;
  attributes: { utdanning: 'sosionom' | 'vernepleier' };
  text: string;
}

/** Four synthetic interviews, written for Tolk's demo (no real person). */
export const DEMO_TRANSCRIPTS: readonly DemoTranscript[] = [
  {
    title: 'Informant 1',
    attributes: { utdanning: 'sosionom' },
    text: `
Intervjuer: Hvordan føler du at koronapandemien har påvirket brukermedvirkningen mellom deg og klientene dine?

Informant 1: Altså, jeg har vel et litt mer positivt syn enn mange av kollegaene mine. I starten var det kaotisk, men etter hvert merket jeg at noen av klientene faktisk fikk mer styring over samtalen når vi møttes på video. De satt hjemme i sin egen sofa, med sin egen kaffekopp, og da var det liksom de som var vertskap. Sånn sett tror jeg brukermedvirkningen ble styrket for en del av dem, ikke svekket.

Intervjuer: Kan du si litt mer om hva du mener med at de fikk mer styring?

Informant 1: Ja. Hm, for eksempel begynte flere å foreslå selv når vi skulle snakke, og hvor lenge. En klient sa til meg at det var lettere å si ifra når noe ikke fungerte, fordi hun slapp å sitte på kontoret mitt og føle seg liten. Kontoret vårt er jo ikke et nøytralt sted for folk som har hatt mye med hjelpeapparatet å gjøre.

Intervjuer: Har antall henvendelser økt under koronapandemien?

Informant 1: Ja, det har det absolutt. Og det som overrasket meg, var hvem som tok kontakt. Vi fikk mange henvendelser fra folk i full jobb, gjerne med barn og hus og alt det der, som plutselig merket at alkoholforbruket hadde krøpet oppover. Når du jobber hjemmefra, er det ingen kollega som ser at du er sliten om morgenen. Det er ingen som kjenner lukten. Så det kan gå ganske lenge før noen reagerer, også en selv.

Intervjuer: Hvilke arbeidsmetoder på arbeidsplassen har endret seg under covid-19?

Informant 1: Det aller største er vel Teams. Nå går nesten alle interne møter og mange samarbeidsmøter der. Med klientene bruker vi video når det passer, og telefon ellers. Jeg har også begynt å sende korte meldinger mellom samtalene, bare et "hvordan går det i dag?", og det har vist seg å være veldig nyttig. Terskelen for å svare er lav. Noen svarer bare med en tommel opp, og det er greit, da vet jeg i hvert fall at de er der.

Intervjuer: Føler du et større ansvar for den kliniske vurderingen på grunn av digitaliseringen?

Informant 1: Hm. Ja, det må jeg nok innrømme. På skjermen ser du bare et ansikt. Du ser ikke om det står flasker på kjøkkenbenken, og du ser ikke hvordan personen beveger seg. Så jeg må stille flere spørsmål, og jeg må stole mer på det de forteller. Det krever at jeg er nøyere med å skrive ned hva jeg faktisk vet, og hva jeg bare antar. Men altså, jeg tenker at det også er en del av å ta brukeren på alvor. Hvis jeg skal snakke om brukermedvirkning, så må jeg jo tro på det folk sier.

Intervjuer: Vil du si at tjenestetilbudet dere gir, har blitt bedre eller verre under covid?

Informant 1: Både og, egentlig. For dem som har en jobb og en hverdag å passe på, har det blitt bedre, tror jeg. De slipper å ta fri for å komme hit, og de kan ta en samtale i bilen i lunsjpausen. For dem er digital oppfølging et stort fremskritt. Men for dem som har det tyngst, de som ikke har telefon eller bytter nummer hver måned, der har vi nok ikke strukket til. Det må jeg være ærlig på. Jeg håper vi beholder det digitale som et tillegg, ikke som en erstatning.

Intervjuer: Hvordan har covid påvirket relasjonsetableringen mellom deg og klientene?

Informant 1: For dem jeg kjente fra før, gikk det fint. Relasjonen var der allerede, og vi bygde videre på den. Med nye klienter tok det litt lengre tid, men det var ikke så ille som jeg fryktet. Jeg prøver å ha det første møtet fysisk hvis det lar seg gjøre, gjerne en tur ute, og så kan vi gå over på video etterpå. Det har fungert godt.
`.trim(),
  },
  {
    title: 'Informant 2',
    attributes: { utdanning: 'vernepleier' },
    text: `
Intervjuer: Hvordan føler du at koronapandemien har påvirket brukermedvirkningen mellom deg og klientene dine?

Informant 2: Hm, det er et stort spørsmål. Jeg tror egentlig at brukermedvirkning forutsetter at folk har noe å velge mellom. Og under pandemien ble det nesten ingenting å velge mellom. Dagtilbudene stengte, arbeidstreningen stoppet opp, og gruppene våre ble satt på pause. Så når jeg satt og skulle lage en plan sammen med en bruker, så var det liksom ... ja, hva skal vi skrive i planen da? Det ble veldig tynt.

Intervjuer: Har det blitt mye tilbakefall på rusen under covid?

Informant 2: Ja. Det er det jeg har vært mest bekymret for, og jeg synes jeg har sett det ganske tydelig. Jeg har flere på lista mi som hadde kommet godt i gang. De hadde vært rusfrie en stund, og de hadde fått litt struktur på dagene. Og så forsvant alt det som holdt dem oppe, nesten over natta. Da er det ikke rart at noen faller tilbake.

Intervjuer: Hva tror du grunnen til det er?

Informant 2: Altså, jeg tror det handler mest om tomrom. Når du har ruset deg i mange år, så er det rusen som har fylt dagene dine. Hvis du slutter, må noe annet fylle dem. Det er derfor aktivitet er så viktig for denne gruppen. Når alt er stengt, og du sitter alene i en liten leilighet med tv-en på, så blir suget sterkere for hver dag. En av brukerne mine sa det veldig enkelt: "Det eneste som holdt åpent, var langeren." Det har jeg tenkt mye på i ettertid.

Intervjuer: Har det blitt mer misbruk eller sidemisbruk under covid?

Informant 2: Ja, det vil jeg si. Særlig alkohol ved siden av, hos folk som egentlig har et annet hovedrusmiddel. Og noen har gått over til piller, fordi det de pleide å bruke, ble vanskeligere å få tak i en periode. Det er en farlig overgang, for da vet de ikke helt hva de tar.

Intervjuer: Kommer du på et felles problem som har oppstått for brukerne under covid?

Informant 2: Ensomhet. Det er helt klart det. Mange av dem har lite nettverk fra før, og det nettverket de har, er ofte i rusmiljøet. Så når de får beskjed om å holde seg hjemme og ikke treffe folk, så sitter de igjen med ingen. Eller så treffer de rusmiljøet likevel, fordi det er de eneste de har. Det er en nesten umulig situasjon.

Intervjuer: Har det blitt vanskeligere eller lettere å finne løsninger og tilby hjelpemidler, når avdelinger og samarbeidspartnere har vært stengt eller har permittert folk?

Informant 2: Vanskeligere, helt klart. Vi hadde noen bedrifter som tok imot folk på arbeidstrening, og flere av dem måtte permittere sine egne ansatte. Da var det jo ikke plass til våre. Det forstår jeg godt, men det gjorde at vi sto der med tomme hender. Jeg har prøvd å finne på ting selv, gå tur, ta med noen på fisketur, sånne ting. Men det blir ikke det samme som et fast sted å gå til hver morgen.

Intervjuer: Har det vært en økning i avlyste avtaler?

Informant 2: Ja, noe. Det har blitt lettere å si at man er forkjølet, for det er jo nettopp det vi har bedt folk om, å holde seg hjemme. Så jeg kan ikke akkurat kjefte på dem for å avlyse. Men jeg merket at noen brukte det litt. Og det sier jo også noe. Hvis noen unngår meg, så er det ofte fordi det ikke går så bra. Da prøver jeg å ringe dagen etter i stedet for å vente til neste avtale.

Intervjuer: Er det noe du vil legge til?

Informant 2: Bare at jeg håper vi lærer noe av dette. Aktivitetstilbudene er ikke pynt. For mange av brukerne våre er de selve behandlingen, og de bør være det siste som stenger.
`.trim(),
  },
  {
    title: 'Informant 3',
    attributes: { utdanning: 'sosionom' },
    text: `
Intervjuer: Hvordan har covid påvirket relasjonsetableringen mellom deg og brukerne? Har det blitt vanskeligere eller lettere?

Informant 3: Vanskeligere. Det er det jeg sitter igjen med når jeg ser tilbake. Jeg er redd vi har mistet noe som ikke er så lett å ta igjen. Relasjonen er jo grunnmuren i arbeidet vårt. Uten tillit får du ikke vite hva som faktisk skjer i livet til folk, og da blir all planlegging litt på liksom.

Intervjuer: Hva er det som gjør det vanskeligere?

Informant 3: Altså, mye av relasjonen bygges i de små tingene. At du sitter i samme rom, at du skjenker kaffe, at du legger merke til at noen har fått ny jakke, eller at hendene skjelver litt. På telefon forsvinner alt det. Og med munnbind og to meters avstand ble det også litt kaldt de gangene vi faktisk møttes. Jeg husker en bruker som sa at hun følte seg som en smittefare og ikke som et menneske. Det stakk litt, det gjorde det.

Intervjuer: Har rusmisbrukere blitt vanskeligere å få tak i på grunn av mer isolering under covid?

Informant 3: Ja, for noen av dem. Det var mange som var redde i starten. Redde for å bli smittet selv, men også redde for å dra smitte inn i miljøet. Det var en slags lojalitet der, at man ikke ville være den som tok med korona til vennene sine. Så da ville de heller ikke møte oss. Og en del var skeptiske til vaksinen, så det ble mange diskusjoner rundt det også.

Intervjuer: Har det vært en økning i avlyste avtaler med innbyggerne?

Informant 3: Hm, ja, det vil jeg si. Oppmøtet har vært en av de store utfordringene. Noen ganger var det ærlige grunner, symptomer og testing og karantene. Andre ganger tror jeg nok korona ble en praktisk unnskyldning. Det er jo lettere å sende en melding om at man er tett i nesen, enn å si at man har drukket i tre dager og ikke orker. Sånn sett har vi sikkert gått glipp av en del viktige samtaler.

Intervjuer: Hva vil du si har vært den største utfordringen for deg som ruskonsulent i oppfølgingen av brukerne under pandemien?

Informant 3: Det er nok å holde kontinuiteten. Før hadde jeg faste avtaler hver uke med de fleste, og da visste vi begge hva vi hadde. Under pandemien ble alt så oppstykket. En uke telefon, en uke avlyst, en uke tur ute i regnet. Og da mister du tråden. Brukermedvirkning handler jo om at personen skal være med og bestemme retningen, men det krever at vi faktisk snakker sammen over tid. Det er vanskelig å medvirke i noe som hele tiden stopper opp.

Intervjuer: Vil du si at tjenestetilbudet dere gir, har blitt bedre eller verre under covid?

Informant 3: Jeg vil ikke si at det har blitt dårlig, for jeg synes kommunen har vært flink til å tilpasse seg. Lavterskeltilbudet delte ut mat på døra da de ikke kunne ha folk inne, og det betydde mye for mange. Men selve samtalearbeidet har blitt svakere. Det er min ærlige vurdering. Vi har gitt et minimum, og det minimumet har vært godt nok til å holde folk oppe, men ikke alltid godt nok til å hjelpe dem videre.

Intervjuer: Hvordan føler du at dette har påvirket brukermedvirkningen mer generelt?

Informant 3: Jeg tror den har blitt svekket. Ikke fordi noen har villet det, men fordi det ble vi som måtte bestemme så mye. Hvor vi skulle møtes, om vi i det hele tatt kunne møtes, hva som var forsvarlig. Brukeren fikk mindre å si. Og jeg er redd det tar tid å snu det, for når folk først har blitt vant til å bli bestemt over, så slutter de å komme med egne forslag.
`.trim(),
  },
  {
    title: 'Informant 4',
    attributes: { utdanning: 'vernepleier' },
    text: `
Intervjuer: Hvordan har pandemien påvirket samarbeidet med andre aktører?

Informant 4: Det er kanskje der jeg har merket det mest, egentlig. Vi er helt avhengige av å samarbeide med NAV, med fastlegene og med boligtjenesten. En bruker som skal bli rusfri, trenger et sted å bo, penger til mat og noen som kan skrive ut riktige medisiner. Når ett av de leddene svikter, så henger ikke resten sammen heller.

Intervjuer: Hvordan var det med NAV?

Informant 4: Hm. NAV-kontoret stengte for drop-in ganske tidlig, og da gikk alt via telefon og digitale søknader. For mange av brukerne våre er det en stor barriere. De har kanskje ikke elektronisk ID, eller de har mistet telefonen, eller de klarer rett og slett ikke å fylle ut et skjema på nett. Så da ble det ofte jeg som satt sammen med dem og fylte ut. Det er greit nok, men da er det jo jeg som fører pennen, og ikke brukeren. Det er ikke akkurat brukermedvirkning på sitt beste.

Intervjuer: Har noe blitt bedre i samarbeidet?

Informant 4: Ja, faktisk. Ansvarsgruppemøtene har blitt mye enklere å få til. Før kunne det ta tre uker å finne en dato der fastlegen, NAV-veilederen og noen fra boligtjenesten kunne komme. Nå setter vi opp et Teams-møte, og fastlegen logger seg på i tjue minutter mellom to pasienter. Det gjør at vi har flere møter, og at brukeren oftere får alle rundt bordet samtidig. Det er en klar forbedring, og den vil jeg gjerne beholde.

Intervjuer: Har det blitt vanskeligere å finne løsninger og tilby hjelpemidler når avdelinger har vært stengt?

Informant 4: Ja. Særlig når det gjelder bolig. Det var en periode hvor det nesten ikke gikk an å ha visninger, og flyttinger ble utsatt. Jeg hadde en bruker som ble boende på et midlertidig botilbud mye lenger enn planlagt, og det var et miljø som ikke var bra for ham. Han ble værende der i flere måneder fordi alt sto stille.

Intervjuer: [pause] Vil du si noe om hvordan det gikk med ham?

Informant 4: Han klarte seg ikke så bra. Jeg vil ikke gå inn i detaljer, men det var ... ja, det var tungt. Jeg tenker fortsatt på om det kunne gått annerledes hvis vi hadde fått ham ut derfra tidligere.

Intervjuer: Har brukerne blitt vanskeligere å få tak i under covid?

Informant 4: Noen av dem. Det er jo sånn med denne gruppen at telefonen ikke alltid er på. Hvis noen har hatt en sprekk, kan de være borte i flere dager. Vi har en slags uskreven regel om at hvis vi ikke har hørt noe på en uke, så drar vi hjem til dem. Det holdt vi på under pandemien også, med munnbind og hansker, og så sto vi gjerne på trappa og snakket gjennom døra.

Intervjuer: Hvilke arbeidsmetoder på arbeidsplassen har endret seg under covid-19?

Informant 4: Teams, selvfølgelig, og mye mer telefon. Men også at vi har fått et tettere samarbeid med hjemmetjenesten, fordi de var ute hos folk uansett. De har blitt litt ekstra øyne for oss.

Intervjuer: Føler du et større ansvar for den kliniske vurderingen på grunn av digitaliseringen?

Informant 4: Ja, det gjør jeg. Når fastlegen bare ser brukeren på video i ti minutter, så er det ofte vi som har sett personen sist, i virkeligheten. Da blir det vår vurdering som veier tyngst. Det er et ansvar jeg tar på alvor, men det er også litt ensomt noen ganger.
`.trim(),
  },
];
