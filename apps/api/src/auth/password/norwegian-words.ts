/**
 * Norwegian (bokmål) words people build passwords from, most common first,
 * for the strength check: a password made of these is guessed about as
 * quickly as one of English words. Written for Tolk; lower case (zxcvbn
 * compares lower-cased text).
 */
export const NORWEGIAN_WORDS: readonly string[] = `
  passord hemmelig hemmelighet velkommen norge oslo bergen trondheim stavanger tromsø kristiansand
  drammen fredrikstad bodø ålesund lillehammer hamar molde narvik alta sommer vinter høst vår
  sommerferie vinterferie påske jul julaften nyttår januar februar mars april mai juni juli august
  september oktober november desember mandag tirsdag onsdag torsdag fredag lørdag søndag helg ferie
  fridag hei hallo takk tusen heisann hadet morn god godt gode jeg du han hun vi dere de meg deg seg
  oss min mitt mine din ditt og eller men ikke det den en et ei er var har hadde skal kan vil
  kjærlighet elsker glad lykke lykkelig venn venner venninne kjæreste skatt mamma pappa mor far bror
  søster barn sønn datter familie bestemor bestefar hund katt hest fugl fisk ku sau gris bjørn ulv rev
  elg rein hare mus hjem hus hytte gård by land fjell fjord sjø hav skog tre vann elv innsjø sol måne
  stjerne himmel regn snø vind storm is lys mørke natt dag morgen kveld tid år uke måned time minutt
  sekund nå aldri alltid rød blå grønn gul svart hvit grå brun rosa lilla oransje farge to fire fem
  seks sju syv åtte ni ti elleve tolv tjue hundre fotball ski skitur langrenn slalåm tur fjelltur
  fiske jakt sykkel løping bading mat brød ost brunost melk kaffe kaffekopp te øl vin kake sjokolade
  pølse taco pizza fiskekaker vafler boller eple pære banan jordbær blåbær multe skole universitet
  student studenter lærer professor forsker forskning oppgave masteroppgave doktorgrad veileder
  intervju informant transkripsjon analyse koding jobb arbeid kontor sjef penger lønn bank konto bil
  båt tog buss fly data datamaskin maskin telefon mobil nettbrett internett nett epost bruker
  brukernavn pålogging logg inn ut tilgang sikker sikkerhet nøkkel lås kode ja nei kanskje bra fin
  fint flott stor liten lang langt kort ny gammel ung varm kald sterk svak rask treg lett tung enkel
  vanskelig viktig hjerte blomst rose tulipan sommerfugl engel drøm håp tro fred frihet liv troll
  nisse viking dronning konge prinsesse prins ridder drage heks trollmann rosenborg brann vålerenga
  lyn lillestrøm odd start ola kari nordmann jan per ole lars knut hans anne inger ingrid marit nora
  emma sofie sara ida emil jakob filip noah lukas oskar hallo123 passord1 qwerty asdfgh æøå ærlig øye
  øre ånd ære
`
  .trim()
  .split(/\s+/);
