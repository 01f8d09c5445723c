import type { Locale } from '../platform/time.js';

/**
 * The privacy policy an organisation gets by default (/privatliv/:slug), Danish first. It names
 * the organisation as data controller, its data protection officer, the purposes, the legal
 * basis, what is kept and for how long (RETENTION_YEARS), who receives the data, the reader's
 * rights and the complaint to Datatilsynet. The English mirror has the same keys (a missing
 * text fails the typecheck).
 */
const da = {
  indexTitle: 'Privatlivspolitik',
  indexIntro:
    'Hver organisation, der uddeler priser i Prisportal, er dataansvarlig for de oplysninger, der kommer ind i forbindelse med dens priser. Vælg organisationen for at læse dens privatlivspolitik.',
  title: (org: string) => `Privatlivspolitik for ${org}`,
  intro: (org: string) =>
    `Her kan du læse, hvordan ${org} behandler oplysninger om dig, når du indstiller til en pris, bliver indstillet, sidder i en bedømmelseskomité eller et patientpanel, eller skriver i idébanken.`,
  ownPolicy: (org: string) => `${org} har også en generel privatlivspolitik:`,
  controllerHeading: 'Dataansvarlig',
  controller: (org: string) => `${org} er dataansvarlig for behandlingen af dine personoplysninger i Prisportal.`,
  website: 'Hjemmeside',
  email: 'E-mail',
  phone: 'Telefon',
  dpoHeading: 'Databeskyttelsesrådgiver',
  dpo: (org: string) => `Har du spørgsmål til, hvordan ${org} behandler dine oplysninger, kan du kontakte vores databeskyttelsesrådgiver (DPO):`,
  dpoFallback: (org: string) => `Du kan få fat i ${org}s databeskyttelsesrådgiver (DPO) ved at skrive til ${org} og bede om det.`,
  purposesHeading: 'Hvad vi bruger oplysningerne til',
  purposes: [
    'at tage imod og behandle indstillinger til priserne, sende kvittering og fortælle indstiller og den indstillede, hvad der sker',
    'at komitéen kan bedømme indstillingerne, og patientpanelet kan vælge en vinder blandt de nominerede',
    'at offentliggøre de nominerede og vinderen – navne på indstillede personer dog kun, hvis de selv har sagt ja',
    'at dele løsningerne i idébanken, så gode idéer kan spredes mellem hospitaler og regioner',
    'at invitere og logge medlemmer af komité og panel ind, og at holde portalen sikker (log over hændelser)',
  ],
  dataHeading: 'Hvilke oplysninger vi behandler',
  data: [
    'Om indstiller: navn, e-mail, arbejdssted og stilling, og det, du skriver i indstillingen.',
    'Om den indstillede: navn, e-mail, enhed og arbejdssted, og om personen har sagt ja til at blive offentliggjort.',
    'Om medlemmer af komité og panel: navn, e-mail, hvem man repræsenterer, point og kommentarer; patientpanelets stemmer er hemmelige.',
    'Om alle, der logger ind: tidspunkter for log-ind og handlinger i en log, som ikke kan ændres.',
  ],
  healthWarning:
    'Indstillinger må ikke indeholde navne, CPR-numre eller helbredsoplysninger om patienter, og formularen advarer om det. Skulle der alligevel stå helbredsoplysninger, behandler vi dem kun for at kunne slette eller anonymisere dem.',
  basisHeading: 'Retsgrundlag',
  basis: [
    'Databeskyttelsesforordningens artikel 6, stk. 1, litra e: behandlingen er nødvendig for at udføre en opgave i samfundets interesse, nemlig organisationens arbejde med at udvikle og sprede nye løsninger i sundhedsvæsenet.',
    'Artikel 6, stk. 1, litra a (samtykke) for at offentliggøre navnet på en indstillet person. Du kan til enhver tid trække dit samtykke tilbage.',
    'Hvis der fremgår helbredsoplysninger: artikel 9, stk. 2, litra g, jf. databeskyttelseslovens § 7, stk. 4.',
  ],
  retentionHeading: 'Hvor længe vi gemmer oplysningerne',
  retention: (years: number) =>
    `Oplysninger om indstillere og indstillede personer anonymiseres automatisk ${years} år efter, at prisrunden er afsluttet. Titler og beskrivelser af løsninger, de offentliggjorte resultater og løsningerne i idébanken bevares, så historien kan læses.`,
  retentionShort:
    'Et log-ind varer højst 12 timer, og et link til at logge ind virker i 15 minutter. Kladder, der aldrig bliver sendt, slettes sammen med rundens øvrige oplysninger.',
  recipientsHeading: 'Hvem får oplysningerne',
  recipients: [
    'Prisens bedømmelseskomité (ved blind bedømmelse uden navne på indstiller og indstillet).',
    'Patientpanelet, som kun ser de nominerede løsningers korte beskrivelser.',
    'Offentligheden: de nominerede og vinderen – med navne kun, hvis den indstillede har sagt ja.',
    'Vores databehandlere, der driver portalen og sender e-mails for os, efter en databehandleraftale.',
  ],
  rightsHeading: 'Dine rettigheder',
  rightsIntro: 'Efter databeskyttelsesforordningen har du ret til:',
  rights: [
    'at få indsigt i de oplysninger, vi behandler om dig',
    'at få forkerte oplysninger rettet',
    'at få oplysninger slettet, når vi ikke længere må behandle dem',
    'at få behandlingen begrænset',
    'at gøre indsigelse mod behandlingen',
    'at trække et samtykke tilbage, uden at det påvirker behandlingen før',
  ],
  rightsHow: (org: string) => `Skriv til ${org}, hvis du vil bruge dine rettigheder. Vi svarer inden for en måned.`,
  complaintHeading: 'Klage til Datatilsynet',
  complaint:
    'Er du utilfreds med, hvordan vi behandler dine oplysninger, kan du klage til Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, dt@datatilsynet.dk.',
  complaintLink: 'Datatilsynets hjemmeside',
};

export type PolicyTexts = typeof da;

const en: PolicyTexts = {
  indexTitle: 'Privacy policy',
  indexIntro:
    'Each organisation that awards prizes in Prisportal is the data controller for the data that comes in with its prizes. Choose the organisation to read its privacy policy.',
  title: (org) => `Privacy policy of ${org}`,
  intro: (org) =>
    `How ${org} processes data about you when you nominate for a prize, are nominated, sit on a committee or a patient panel, or write in the idea bank.`,
  ownPolicy: (org) => `${org} also has a general privacy policy:`,
  controllerHeading: 'Data controller',
  controller: (org) => `${org} is the data controller for the processing of your personal data in Prisportal.`,
  website: 'Website',
  email: 'E-mail',
  phone: 'Phone',
  dpoHeading: 'Data protection officer',
  dpo: (org) => `If you have questions about how ${org} processes your data, you can contact our data protection officer (DPO):`,
  dpoFallback: (org) => `You can reach the data protection officer (DPO) of ${org} by writing to ${org} and asking for them.`,
  purposesHeading: 'What we use the data for',
  purposes: [
    'to receive and handle nominations for the prizes, send receipts and tell the nominator and the nominee what happens',
    'so that the committee can judge the nominations and the patient panel can choose a winner among the nominees',
    'to publish the nominees and the winner – names of nominated people only if they have agreed',
    'to share solutions in the idea bank, so good ideas spread between hospitals and regions',
    'to invite and sign in committee and panel members, and to keep the portal secure (a log of events)',
  ],
  dataHeading: 'What data we process',
  data: [
    'About the nominator: name, e-mail, workplace and job title, and what you write in the nomination.',
    'About the nominee: name, e-mail, unit and workplace, and whether the person has agreed to be published.',
    "About committee and panel members: name, e-mail, whom they represent, scores and comments; the patient panel's votes are secret.",
    'About everyone who signs in: times of sign-in and actions, in a log that cannot be changed.',
  ],
  healthWarning:
    'Nominations must not contain names, CPR numbers or health information about patients, and the form warns about it. Should health information appear anyway, we process it only to delete or anonymise it.',
  basisHeading: 'Legal basis',
  basis: [
    "Article 6(1)(e) of the General Data Protection Regulation: the processing is necessary for a task carried out in the public interest, the organisation's work to develop and spread new solutions in healthcare.",
    'Article 6(1)(a) (consent) for publishing the name of a nominated person. You can withdraw your consent at any time.',
    'Where health information appears: Article 9(2)(g), cf. section 7(4) of the Danish Data Protection Act.',
  ],
  retentionHeading: 'How long we keep the data',
  retention: (years) =>
    `Data about nominators and nominees is anonymised automatically ${years} years after the round has ended. Titles and descriptions of solutions, the published results and the solutions in the idea bank are kept, so the history can be read.`,
  retentionShort:
    "A sign-in lasts at most 12 hours, and a sign-in link works for 15 minutes. Drafts that are never sent are deleted with the round's other data.",
  recipientsHeading: 'Who receives the data',
  recipients: [
    "The prize's committee (with blind review, without the names of nominator and nominee).",
    "The patient panel, which sees only the nominated solutions' short descriptions.",
    'The public: the nominees and the winner – with names only if the nominee has agreed.',
    'Our data processors, who run the portal and send e-mails for us, under a data processing agreement.',
  ],
  rightsHeading: 'Your rights',
  rightsIntro: 'Under the General Data Protection Regulation you have the right:',
  rights: [
    'to access the data we process about you',
    'to have wrong data corrected',
    'to have data erased when we may no longer process it',
    'to have the processing restricted',
    'to object to the processing',
    'to withdraw a consent, without affecting the processing before',
  ],
  rightsHow: (org) => `Write to ${org} if you want to use your rights. We answer within a month.`,
  complaintHeading: 'Complaint to Datatilsynet',
  complaint:
    'If you are not satisfied with how we process your data, you can complain to Datatilsynet (the Danish Data Protection Agency), Carl Jacobsens Vej 35, 2500 Valby, dt@datatilsynet.dk.',
  complaintLink: "Datatilsynet's website",
};

export function policyTexts(locale: Locale): PolicyTexts {
  return locale === 'en' ? en : da;
}
