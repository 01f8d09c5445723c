import { copenhagen } from '../../platform/time.js';

/**
 * Demo data taken from the two source texts in shared/seeds (Region Midtjylland's page on
 * Initiativprisen and Smartprisen 2024; Danske Regioner's call for Årets Borgerinddragende
 * Initiativ 2021). Where a source does not state a fact the demo needs, the value is marked
 * "assumed" in a comment and kept plausible; nothing here claims to be the organiser's word
 * beyond what the sources say.
 */

export type SeedEdition = {
  year: number;
  theme?: string;
  themeDescription?: string;
  timeline?: {
    opensAt: Date;
    closesAt: Date;
    reviewStartsAt?: Date;
    nomineesPublishedAt: Date;
    votingOpensAt?: Date;
    votingClosesAt?: Date;
    winnerAnnouncedAt: Date;
  };
  eventName?: string;
  eventPlace?: string;
  nomineeCountMin?: number;
  nomineeCountMax?: number;
  prizeAmountKr?: number;
  prizePurpose?: string;
  prizeExtras?: string;
  prizeNotCash?: boolean;
  hasPatientPanel?: boolean;
  asksOrigin?: boolean;
  criteria?: { title: string; description: string }[];
  formSections?: { heading: string; help: string; wordLimit: number | null; required?: boolean }[];
  committee?: { name?: string; partyLetter?: string; represents?: string; isChair?: boolean }[];
};

export type SeedAward = {
  slug: string;
  name: string;
  summary: string;
  description: string;
  establishedYear: number;
  eligibility?: string;
  contact?: { name: string; title?: string; unit?: string; phone?: string; email?: string };
  editions: SeedEdition[];
  /** Added only while the award has no edition that is open or upcoming, so the flow can always be tried. */
  demoOpenEdition?: SeedEdition;
};

export type SeedOrganisation = {
  slug: string;
  name: string;
  websiteUrl?: string;
  contactEmail?: string;
  contactPhone?: string;
  privacyUrl?: string;
  /** A plain, clearly fictional look (awards/brand.ts): a colour and the letters of a drawn mark, not the organisation's real logo. */
  brandColour?: string;
  markLetters?: string;
  awards: SeedAward[];
};

/** Region Midtjylland's five criteria, word for word from the source. */
const rmCriteria = [
  {
    title: 'Borgeren',
    description:
      'Løsningen skal give værdi for borgeren. Løsningen bidrager til at fremme borgernes sundhed og trivsel – direkte eller indirekte. Løsningen kan have fokus på en gruppe af borgere. Den kan også have fokus på den enkelte borger og dennes ressourcer og medvirke til at gøre borgeren mere kompetent i relation til egen sygdom eller egne udfordringer – ud fra tankegangen om, at alle ikke har brug for det samme.',
  },
  {
    title: 'Sammenhæng',
    description:
      'Løsningen viser en sammenhængende og helhedsorienteret indsats, hvor relevante parter er involveret, og hvor der har været fokus på samspillet på tværs - det kan være på tværs af sektorer, på tværs af afdelinger, på tværs af fagligheder eller på tværs af "os og borgeren". Løsningen kan både have understøttet sammenhæng i udviklingsarbejdet, og det kan være løsningen i sig selv, som bidrager til at skabe sammenhæng.',
  },
  {
    title: 'Transformation og nytænkning',
    description:
      'Løsningen er innovativ og har transformerende kraft. Løsningen er en gennemgribende forandring af praksis, som har fokus på at få mere værdi for ressourcerne. Ved udvikling af løsningen har der været fokus på ikke blot udvikling, men også fravalg af tidligere praksis.',
  },
  {
    title: 'Bæredygtighed',
    description:
      'Løsningen er bæredygtig og viser en cirkulær tankegang. Løsningen har fokus på at påvirke miljø og klima mindst muligt. Der kan være arbejdet med reduceret forbrug, genanvendelse, affaldshåndtering, omstilling til vedvarende energi mm.',
  },
  {
    title: 'Arbejdsmiljø og trivsel',
    description:
      'Løsningen bidrager til større arbejdsglæde. Løsningen medvirker til at skabe balance mellem opgaver og medarbejdere og ledere – en menneskevenlig arbejdsplads, hvor såvel social ansvarlighed, fleksibilitet i forhold til den enkelte medarbejder som meningsfuldhed er i fokus.',
  },
];

/** The five politicians of the 2024 prize committee, with party letters, from the source. */
const rmCommittee2024 = [
  { name: 'Birgit Marie Christensen', partyLetter: 'A' },
  { name: 'Bo Jensen', partyLetter: 'C' },
  { name: 'Per Møller Jensen', partyLetter: 'A' },
  { name: 'Steen Jakobsen', partyLetter: 'V' },
  { name: 'Thrine Rimdal Nørgaard', partyLetter: 'V' },
];

const rmFormSections = (smart: boolean) => [
  {
    heading: 'Beskrivelse af løsningen',
    help: smart
      ? 'Beskriv løsningen, og hvordan I har tilpasset og indført den hos jer. Skriv ikke navne, CPR-numre eller helbredsoplysninger om patienter.'
      : 'Beskriv løsningen, og hvad der er nyt ved den. Skriv ikke navne, CPR-numre eller helbredsoplysninger om patienter.',
    wordLimit: 400, // assumed: the source names no word limits for Region Midtjylland
  },
  ...rmCriteria.map((c) => ({
    heading: `Sådan lever løsningen op til kriteriet: ${c.title}`,
    help: c.description,
    wordLimit: 150, // assumed
    required: false,
  })),
];

/** Region Midtjylland 2024: nominees published 26 September, winners at Innovationsdagen 23 October. */
const rm2024 = (smart: boolean): SeedEdition => ({
  year: 2024,
  timeline: {
    // assumed: the source only says the deadline has passed; these are plausible instants.
    opensAt: copenhagen(2024, 4, 15, 12),
    closesAt: copenhagen(2024, 6, 14, 12),
    nomineesPublishedAt: copenhagen(2024, 9, 26, 12), // "offentliggøres her på siden den 26. september 2024"
    winnerAnnouncedAt: copenhagen(2024, 10, 23, 12), // "afsløres på Innovationsdagen 2024 den 23. oktober" (time assumed)
  },
  eventName: 'Innovationsdagen 2024',
  nomineeCountMin: 5,
  nomineeCountMax: 5, // "Hvilke fem løsninger der nomineres"
  criteria: rmCriteria,
  formSections: rmFormSections(smart),
  committee: rmCommittee2024,
  asksOrigin: smart,
});

const rmContact = {
  name: 'Lise Klarholt',
  unit: 'Koncern HR, Udvikling',
  phone: '+45 4113 4550',
};

/** Themes of earlier years, from the 2021 call. */
const abiHistory: SeedEdition[] = [
  { year: 2016, theme: 'God patientinddragelse' },
  { year: 2017, theme: 'Børn, unge og familier' },
  { year: 2018, theme: 'Særligt sårbare' },
  { year: 2019, theme: 'Pårørende' },
  { year: 2020, theme: 'Psykiatri' },
];

/** The four headings of the 2021 call. The call mentions word limits without numbers: these are assumed. */
const abiFormSections = [
  { heading: 'Baggrund', help: 'Hvilken udfordring eller mulighed tog initiativet udgangspunkt i?', wordLimit: 200 },
  { heading: 'Initiativet i praksis', help: 'Hvad gør I, og hvordan er borgerne inddraget?', wordLimit: 300 },
  { heading: 'Resultat', help: 'Hvad er der kommet ud af initiativet for borgerne og for jer?', wordLimit: 200 },
  { heading: 'Evaluering', help: 'Hvordan har I undersøgt, om initiativet virker?', wordLimit: 150 },
];

/**
 * Criteria for Årets Borgerinddragende Initiativ. The call refers to its criteria on Danske
 * Regioner's website without quoting them; these restate what the call itself asks for.
 */
const abiCriteria = (themeCriterion: { title: string; description: string }) => [
  {
    title: 'Borgerinddragelse',
    description: 'Initiativet øger inddragelsen af borgerne i deres møde med sundhedsvæsenet og sætter mennesket i centrum.',
  },
  themeCriterion,
  {
    title: 'Resultat og evaluering',
    description: 'Initiativet har vist resultater for borgerne, og erfaringerne er undersøgt, så andre kan lære af dem.',
  },
  {
    title: 'Inspiration til andre',
    description: 'Erfaringerne kan deles, så andre regioner kan lade sig inspirere og gøre det samme.',
  },
];

const abiCommittee = [
  { represents: 'Danske Patienter' },
  { represents: 'SIND' },
  { represents: 'Lægeforeningen' },
  { represents: 'FOA' },
  { represents: 'KL' },
  { represents: 'Regionerne' },
];

const abiPrize = {
  prizeAmountKr: 10_000,
  prizePurpose: 'Pengene skal bruges på at forbedre de fysiske rammer på afdelingen (f.eks. i form af udsmykning).',
  prizeExtras: 'Udover æren og pengene bliver der lavet en lille film om vinderinitiativet.',
  // "skal bruges på at forbedre de fysiske rammer på afdelingen": the department gets it, not a person.
  prizeNotCash: true,
};

const abi2021: SeedEdition = {
  year: 2021,
  theme: 'Digitalisering',
  themeDescription:
    'Der er i det daglige kliniske arbejde samt i forskellige udspil og initiativer fra Danske Regioner et stort fokus på at anvende digitalisering i forbindelse med at øge inddragelsen af borgerne i deres møde med sundhedsvæsenet. Digitalisering er valgt som årets tema, da der fortsat ligger et stort potentiale i netop at udnytte digitaliserede løsninger til at øge inddragelse af borgerne i deres møde med sundhedsvæsenet, ligesom borgernes indsigt og viden skal bruges til at udvikle de digitale tilbud og løsninger.',
  timeline: {
    opensAt: copenhagen(2020, 11, 11, 12), // "fra den 11. november 2020 kl. 12.00"
    closesAt: copenhagen(2020, 12, 18, 12), // "frem til den 18. december 2020 kl. 12"
    reviewStartsAt: copenhagen(2021, 1, 8, 12), // assumed: three weeks of screening
    nomineesPublishedAt: copenhagen(2021, 2, 15, 12), // assumed
    votingOpensAt: copenhagen(2021, 2, 15, 12), // assumed
    votingClosesAt: copenhagen(2021, 3, 8, 12), // assumed
    winnerAnnouncedAt: copenhagen(2021, 3, 25, 12), // "Den 25. marts 2021" (time assumed)
  },
  eventName: 'Danske Regioners Generalforsamling',
  nomineeCountMin: 5,
  nomineeCountMax: 7, // "udvælger 5-7 nominerede"
  hasPatientPanel: true,
  ...abiPrize,
  criteria: abiCriteria({
    title: 'Digitalisering',
    description: 'Initiativet bruger digitale løsninger til at øge inddragelsen, og borgernes indsigt og viden er brugt til at udvikle dem.',
  }),
  formSections: abiFormSections,
  committee: abiCommittee,
};

/**
 * An edition that is open now, relative to the server clock when the demo data is first
 * seeded, so a newcomer can try the nomination flow at once. Its theme is the demo's own.
 */
export function demoOpenEdition(now: Date): SeedEdition {
  const day = 24 * 60 * 60 * 1000;
  const opens = new Date(now.getTime() - 7 * day);
  const local = (d: Date) => {
    const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
    const get = (t: string) => Number(p.find((x) => x.type === t)!.value);
    return [get('year'), get('month'), get('day')] as const;
  };
  const at = (d: Date, hour: number) => {
    const [y, m, dd] = local(d);
    return copenhagen(y, m, dd, hour);
  };
  const closes = at(new Date(now.getTime() + 45 * day), 12);
  const winner = at(new Date(closes.getTime() + 80 * day), 12);
  // Named after the year the winner is announced, as Danske Regioner does (2021's round opened in 2020).
  const year = local(winner)[0];
  return {
    year,
    theme: 'Sundhed tæt på borgeren (demo)',
    themeDescription: 'Demorunde til at prøve Prisportal: indstil et initiativ, der med borgernes hjælp flytter behandling og støtte tættere på hverdagen.',
    timeline: {
      opensAt: at(opens, 12),
      closesAt: closes,
      reviewStartsAt: at(new Date(closes.getTime() + 14 * day), 12),
      nomineesPublishedAt: at(new Date(closes.getTime() + 45 * day), 12),
      votingOpensAt: at(new Date(closes.getTime() + 45 * day), 12),
      votingClosesAt: at(new Date(closes.getTime() + 66 * day), 12),
      winnerAnnouncedAt: winner,
    },
    eventName: 'Danske Regioners Generalforsamling',
    nomineeCountMin: 5,
    nomineeCountMax: 7,
    hasPatientPanel: true,
    ...abiPrize,
    criteria: abiCriteria({
      title: 'Tæt på borgeren',
      description: 'Initiativet bringer behandling eller støtte tættere på borgerens hverdag, med borgerne som medskabere.',
    }),
    formSections: abiFormSections,
    committee: abiCommittee,
  };
}

export function demoOrganisations(now: Date): SeedOrganisation[] {
  return [
    {
      slug: 'region-midtjylland',
      name: 'Region Midtjylland',
      websiteUrl: 'https://www.rm.dk',
      contactPhone: '+45 4113 4550',
      brandColour: '#0b5e6b',
      markLetters: 'RM',
      awards: [
        {
          slug: 'initiativprisen',
          name: 'Initiativprisen',
          summary:
            'Uddeles hvert år til en medarbejder, et team eller en arbejdsplads i Region Midtjylland, som har indført en unik, splinterny løsning, som skaber værdi for borgeren.',
          description:
            'Initiativprisen blev indstiftet af Regionsrådet i 2015. Prisen gives for en ny løsning. Priserne uddeles af regionsrådet, og vinderen afsløres på Innovationsdagen.',
          establishedYear: 2015,
          eligibility: 'Medarbejdere, teams og arbejdspladser i Region Midtjylland.',
          contact: rmContact,
          editions: [rm2024(false)],
        },
        {
          slug: 'smartprisen',
          name: 'Smartprisen',
          summary:
            'Uddeles hvert år til en medarbejder, et team eller en arbejdsplads i Region Midtjylland, som har fået øje på og implementeret en løsning opfundet et andet sted.',
          description:
            'Smartprisen kom til i 2016. Prisen anerkender en løsning, som er tilpasset og implementeret et andet sted end der, hvor den blev opfundet. Priserne uddeles af regionsrådet, og vinderen afsløres på Innovationsdagen.',
          establishedYear: 2016,
          eligibility: 'Medarbejdere, teams og arbejdspladser i Region Midtjylland.',
          contact: rmContact,
          editions: [rm2024(true)],
        },
      ],
    },
    {
      slug: 'danske-regioner',
      name: 'Danske Regioner',
      websiteUrl: 'https://www.regioner.dk',
      contactEmail: 'mbs@regioner.dk',
      brandColour: '#6b2450',
      markLetters: 'DR',
      awards: [
        {
          slug: 'aarets-borgerinddragende-initiativ',
          name: 'Årets Borgerinddragende Initiativ',
          summary: 'Danske Regioners pris til et initiativ, der sikrer borgerinddragelse i regionernes sundhedsvæsen. Hvert år har sit eget tema.',
          description:
            'En bedømmelseskomité med repræsentanter fra patientforeninger, faglige organisationer, KL og regionerne udvælger 5-7 nominerede blandt de indkomne initiativer. Blandt de nominerede kårer et panel af patienter derefter en vinder, som offentliggøres på Danske Regioners Generalforsamling.',
          establishedYear: 2016,
          eligibility: 'Initiativer i regionernes sundhedsvæsen.',
          contact: {
            name: 'Martin Bredgaard Sørensen',
            title: 'Seniorkonsulent',
            email: 'mbs@regioner.dk',
            phone: '27129935',
          },
          editions: [...abiHistory, abi2021],
          demoOpenEdition: demoOpenEdition(now),
        },
      ],
    },
  ];
}
