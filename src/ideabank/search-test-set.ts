/**
 * Danish queries and the demo solutions (src/ideabank/demo-solutions.ts) each must find
 * within its first five hits, on PGlite and on PostgreSQL
 * (test/integration/ideabank-search.test.ts). Closed compounds, typos, inflections, capitals
 * and Danish letters are the point.
 */
export const searchTestSet: { query: string; expect: string[]; why: string }[] = [
  {
    query: 'klinik',
    expect: ['Sygeplejerskeklinikken på Ærø', 'Fodsårsklinik med telemedicinsk sårvurdering', 'Overgangsklinik fra børne- til voksenafdeling'],
    why: 'a word inside closed compounds',
  },
  { query: 'sygeplejerke', expect: ['Sygeplejerskeklinikken på Ærø', 'Sygeplejerskeledet ambulatorium for gigtpatienter'], why: 'a typo' },
  { query: 'ærø', expect: ['Sygeplejerskeklinikken på Ærø'], why: 'lower case finds a capital Æ' },
  { query: 'ÆRØ', expect: ['Sygeplejerskeklinikken på Ærø'], why: 'upper case' },
  { query: 'sygeplejerskeklinik', expect: ['Sygeplejerskeklinikken på Ærø'], why: 'the compound without its ending' },
  { query: 'hjertesvigt', expect: ['Videokonsultationer til patienter med hjertesvigt'], why: 'a plain word' },
  {
    query: 'video',
    expect: ['Videokonsultationer til patienter med hjertesvigt', 'Videotolkning døgnet rundt', 'Fødselsforberedelse online'],
    why: 'the first part of compounds',
  },
  { query: 'stuegang', expect: ['Patientinddragende stuegang'], why: 'a title word' },
  {
    query: 'patientinddragelse',
    expect: ['Patientinddragende stuegang', 'Ungepanelet: unge patienter rådgiver afdelingen'],
    why: 'a tag, and an inflection of the title',
  },
  {
    query: 'pårørende',
    expect: ['Pårørendedagbog på intensivafdelingen', 'Tryghedskassen til palliative patienter i eget hjem'],
    why: 'å, and a compound in the title',
  },
  { query: 'dagbog', expect: ['Pårørendedagbog på intensivafdelingen'], why: 'the last part of a compound' },
  { query: 'psykiatri', expect: ['Brugerstyrede senge i psykiatrien', 'Recovery-skolen for mennesker med psykisk sygdom'], why: 'definite form in the title' },
  { query: 'recovery', expect: ['Recovery-skolen for mennesker med psykisk sygdom'], why: 'a hyphenated compound' },
  { query: 'dialyse hjemme', expect: ['Hjemmedialyse med fast kontaktsygeplejerske'], why: 'two words, one inside a compound' },
  { query: 'KOL', expect: ['Hjemmemonitorering af KOL-patienter'], why: 'an abbreviation' },
  { query: 'kol patienter', expect: ['Hjemmemonitorering af KOL-patienter'], why: 'lower case abbreviation and a plural' },
  { query: 'smerter', expect: ['Smerteskolen: forløb for mennesker med langvarige smerter'], why: 'plural' },
  { query: 'smerte', expect: ['Smerteskolen: forløb for mennesker med langvarige smerter'], why: 'singular finds plural and compound' },
  { query: 'palliativ', expect: ['Tryghedskassen til palliative patienter i eget hjem'], why: 'inflection' },
  { query: 'tryghedskasse', expect: ['Tryghedskassen til palliative patienter i eget hjem'], why: 'indefinite finds definite' },
  { query: 'medicingennemgang', expect: ['Medicingennemgang for ældre ved udskrivelse'], why: 'a long compound' },
  { query: 'ældre', expect: ['Medicingennemgang for ældre ved udskrivelse', 'Spisevenner: frivillige spiser med ældre patienter'], why: 'æ' },
  {
    query: 'frivillige',
    expect: ['Spisevenner: frivillige spiser med ældre patienter', 'Cykeltaxa for indlagte patienter'],
    why: 'in the title and in a summary',
  },
  { query: 'demens', expect: ['Demensvenligt sengeafsnit'], why: 'the first part of a compound' },
  { query: 'sepsis', expect: ['Tidlig opsporing af sepsis med fast screeningsskema'], why: 'a medical word' },
  { query: 'sepssis', expect: ['Tidlig opsporing af sepsis med fast screeningsskema'], why: 'a doubled letter' },
  { query: 'tolk', expect: ['Videotolkning døgnet rundt'], why: 'a stem inside a compound' },
  { query: 'akutmodtagelse', expect: ['Digital tavle i akutmodtagelsen', 'Børnevenlig akutmodtagelse med eget venteværelse'], why: 'definite and indefinite' },
  { query: 'fødsel', expect: ['Fødselsforberedelse online'], why: 'ø, and a compound with a joining s' },
  { query: 'genoptræning knæ', expect: ['App til genoptræning efter knæoperation'], why: 'two words, one a compound part' },
  { query: 'kræft koordinator', expect: ['Forløbskoordinator i kræftpakkeforløb'], why: 'two compounds' },
  { query: 'sms', expect: ['SMS-påmindelse med mulighed for at aflyse'], why: 'upper-case abbreviation in a hyphenated compound' },
  {
    query: 'udeblivelser',
    expect: ['SMS-påmindelse med mulighed for at aflyse', 'Aftenambulatorium for patienter i arbejde'],
    why: 'only in the description and tags',
  },
  { query: 'Gødstrup', expect: ['Videokonsultationer til patienter med hjertesvigt'], why: 'a hospital name (the unit)' },
  { query: 'søvn', expect: ['Rolige nætter: mindre støj på sengeafsnittet'], why: 'a tag' },
  { query: 'støj', expect: ['Rolige nætter: mindre støj på sengeafsnittet'], why: 'ø in a title word' },
  { query: 'børn narkose', expect: ['Klovne forbereder børn til narkose'], why: 'two words' },
  { query: 'robot', expect: ['Robot sorterer medicin i sengeafsnittets depot'], why: 'a title word' },
  { query: '"unge patienter"', expect: ['Ungepanelet: unge patienter rådgiver afdelingen'], why: 'a quoted phrase (websearch syntax)' },
  { query: 'blodprøver hjemme', expect: ['Blodprøvetagning i hjemmet for sårbare borgere'], why: 'compound and inflection' },
];
