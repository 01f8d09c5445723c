import type { Locale } from '../platform/time.js';
import type { ApplyRefusal, UploadRefusal } from './history-import.service.js';
import type { Outcome, Problem } from './import-rules.js';
import type { RoundField, SolutionField, TableKind } from './parse.js';

type Field = RoundField | SolutionField;
const n = (count: number, one: string, many: string) => `${count.toLocaleString('da-DK')} ${count === 1 ? one : many}`;
const nEn = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** The import of earlier years, Danish first. The English mirror below has the same keys. */
const da = {
  crumb: 'Importér tidligere år',
  title: (award: string) => `Importér tidligere år: ${award}`,
  intro:
    'Har I kørt prisen før Prisportal? Læg de tidligere runder ind med nominerede og vindere, og løsninger til idébanken. De vises under "Tidligere år" på prisens side og i arkivet.',
  steps: [
    'Hent eksempelfilen, og skriv jeres egne rækker i den (eller brug jeres eget Excel-ark med de samme kolonner).',
    'Upload filen. Du ser hver række og eventuelle fejl, før noget bliver gemt.',
    'Ret fejlene i filen, og upload den igen, eller tryk "Importér", når alt er i orden.',
  ],
  stepsLabel: 'Sådan gør du',
  samplesHeading: 'Prøv med eksempelfilen',
  samplesText: 'Alt i eksempelfilerne er opdigtet og mærket "(fiktiv)". Du kan uploade dem, som de er, og se, hvordan importen virker.',
  sampleXlsx: 'Eksempelfil med runder og løsninger (XLSX)',
  sampleRoundsCsv: 'Eksempel på runder (CSV)',
  sampleSolutionsCsv: 'Eksempel på løsninger (CSV)',
  columnsHeading: 'Kolonner i filen',
  columnsIntro:
    'Første række er kolonnernes navne. En fil med kolonnen "Nomineret" er runder; en fil med "Titel" uden "Nomineret" er løsninger til idébanken. Et Excel-ark kan have begge dele på hvert sit ark. Andre kolonner bliver ikke importeret.',
  roundsColumns: 'Runder: én række for hver nomineret',
  solutionsColumns: 'Løsninger til idébanken: én række for hver løsning',
  columnHeader: { name: 'Kolonne', required: 'Skal udfyldes', meaning: 'Hvad den betyder' },
  yes: 'Ja',
  no: 'Nej',
  columnMeaning: {
    rounds: {
      year: 'Året for runden, for eksempel 2019. Det skal være et tidligere år, og tidligst det år, prisen blev indstiftet.',
      theme: 'Årets tema. Skriv det samme tema i alle rækker for året, eller kun i én.',
      nominee: 'Navnet på den nominerede person, gruppe eller arbejdsplads. Det vises offentligt, som det blev dengang.',
      title: 'Titlen på løsningen. Tom: den nomineredes navn.',
      summary: 'Kort beskrivelse af løsningen.',
      unit: 'Afdeling eller enhed.',
      organisation: 'Organisationen. Tom: prisens organisation.',
      winner: '"Ja" eller "x" ud for vinderen. Højst én vinder hvert år.',
      film: 'Link til en film om vinderen (https://…). Ét link for året.',
    } as Record<RoundField, string>,
    solutions: {
      title: 'Løsningens titel.',
      summary: 'Kort resumé.',
      description: 'Længere beskrivelse.',
      unit: 'Afdeling eller enhed.',
      status: 'Idé, afprøvet, implementeret eller spredt. Tom: implementeret.',
      year: 'Året, løsningen blev lavet eller først afprøvet.',
      tags: 'Emneord adskilt af komma, højst 10.',
    } as Record<SolutionField, string>,
  },
  limits: 'Filen må højst fylde 2 MB og have 1.000 rækker. CSV-filer må være adskilt med semikolon (som dansk Excel gemmer dem) eller komma.',
  fileLabel: 'Fil med tidligere år (XLSX eller CSV)',
  fileHint: 'Intet bliver gemt, før du har set filens indhold og trykket "Importér".',
  read: 'Læs filen',
  recentHeading: 'Tidligere importer',
  recentText: (when: string, file: string, what: string) => `${when}: ${file} – ${what}`,
  uploadError: {
    'no-file': 'Vælg en fil med tidligere år (XLSX eller CSV).',
    empty: 'Filen er tom. Vælg en fil med en række med kolonnenavne og en række for hver nomineret eller løsning.',
    'too-big': 'Filen er for stor. Den må højst fylde 2 MB. Del den i flere filer, eller fjern billeder og ark, som ikke skal importeres.',
    damaged:
      'Filen kan ikke læses som et Excel-ark (XLSX) eller en CSV-fil. Gem den som "Excel-projektmappe (.xlsx)" eller "CSV (semikolonsepareret)", og prøv igen.',
    'unpacks-too-large': 'Excel-arket fylder for meget, når det pakkes ud. Gem kun de ark, der skal importeres, og prøv igen.',
    'unclosed-quote': (line: number) => `Filen har et anførselstegn i række ${line}, som ikke bliver lukket. Ret rækken, og prøv igen.`,
    'no-known-columns': 'Filen har hverken kolonnen "Nomineret" (runder) eller "Titel" (løsninger) i første række. Brug kolonnenavnene fra eksempelfilen.',
    'missing-columns': (kind: TableKind, sheet: string | null, columns: string[]) =>
      `${sheet ? `Arket "${sheet}"` : 'Filen'} med ${kind === 'rounds' ? 'runder' : 'løsninger'} mangler ${columns.length === 1 ? 'kolonnen' : 'kolonnerne'} ${columns.map((c) => `"${c}"`).join(' og ')}. Tilføj ${columns.length === 1 ? 'den' : 'dem'} i første række.`,
    'too-many-rows': (rows: number) => `Filen har ${rows.toLocaleString('da-DK')} rækker. Den må højst have 1.000. Del den i flere filer.`,
    incomplete: 'Filen blev ikke modtaget helt. Prøv igen.',
  },
  // The preview (the dry run)
  previewTitle: (award: string) => `Tjek importen: ${award}`,
  previewCrumb: 'Tjek importen',
  dryRun: 'Prøvekørsel: intet er gemt endnu',
  dryRunText: (file: string) => `Sådan vil "${file}" blive importeret. Læs rækkerne igennem, og tryk "Importér" nederst, når alt er rigtigt.`,
  summaryHeading: 'Hvad importen vil gøre',
  summaryDone: 'Hvad importen gjorde',
  count: {
    roundsCreated: (c: number) => `${n(c, 'ny runde', 'nye runder')} oprettes`,
    roundsCompleted: (c: number) => `${n(c, 'runde', 'runder')} uden registreringer får nominerede`,
    nomineesCreated: (c: number) => `${n(c, 'nomineret', 'nominerede')} tilføjes`,
    solutionsCreated: (c: number) => `${n(c, 'løsning', 'løsninger')} tilføjes til idébanken`,
    alreadyThere: (c: number) => `${n(c, 'række findes', 'rækker findes')} allerede og springes over`,
    errors: (c: number) => `${n(c, 'række har', 'rækker har')} fejl`,
  },
  doneCount: {
    roundsCreated: (c: number) => `${n(c, 'ny runde', 'nye runder')} oprettet`,
    roundsCompleted: (c: number) => `${n(c, 'runde', 'runder')} uden registreringer fik nominerede`,
    nomineesCreated: (c: number) => `${n(c, 'nomineret', 'nominerede')} tilføjet`,
    solutionsCreated: (c: number) => `${n(c, 'løsning', 'løsninger')} tilføjet til idébanken`,
    alreadyThere: (c: number) => `${n(c, 'række fandtes', 'rækker fandtes')} allerede og blev sprunget over`,
  },
  errorsHeading: 'Ret fejlene i filen',
  errorsText: (c: number) =>
    `${n(c, 'række', 'rækker')} i filen har fejl. Intet bliver importeret, før de er rettet. Ret dem i dit Excel-ark, og upload filen igen.`,
  nothingNew: 'Alt i filen findes allerede. Der er intet nyt at importere.',
  ignored: (columns: string[]) => `Disse kolonner kendes ikke og bliver ikke importeret: ${columns.join(', ')}.`,
  roundsHeading: 'Runder',
  solutionsHeading: 'Løsninger til idébanken',
  rowHeader: { line: 'Række', year: 'År', nominee: 'Nomineret', title: 'Titel', winner: 'Vinder', outcome: 'Resultat', problems: 'Fejl' },
  rowName: (sheet: string | null, line: number) => (sheet ? `${sheet}, række ${line}` : `Række ${line}`),
  outcome: { new: 'Ny', 'already-there': 'Findes allerede', error: 'Fejl' } as Record<Outcome, string>,
  winnerMark: 'Vinder',
  apply: 'Importér',
  uploadAnother: 'Upload en anden fil',
  backToAward: 'Tilbage til prisen',
  appliedHeading: 'Importen er gemt',
  appliedText: 'Runderne vises nu under "Tidligere år" på prisens side og i arkivet.',
  seeAward: 'Se prisens side',
  seeArchive: 'Se arkivet',
  seeIdeaBank: 'Se idébanken',
  applyError: {
    'not-found': 'Filen findes ikke længere (en fil, der ikke bliver importeret, slettes efter et døgn). Upload den igen.',
    'already-applied': 'Filen er allerede importeret.',
    changed: 'Siden passede ikke til den fil, der er gemt. Upload filen igen.',
    'has-errors': 'Nogle rækker har fejl nu. Ret dem i filen, og upload den igen.',
    unreadable: 'Filen kan ikke længere læses. Upload den igen.',
  } as Record<ApplyRefusal, string>,
  field: {
    year: 'År',
    theme: 'Tema',
    nominee: 'Nomineret',
    title: 'Titel',
    summary: 'Resumé',
    unit: 'Enhed',
    organisation: 'Organisation',
    winner: 'Vinder',
    film: 'Film',
    description: 'Beskrivelse',
    status: 'Status',
    tags: 'Emneord',
  } as Record<Field, string>,
  problem: (p: Problem, field: (f: Field) => string): string => {
    switch (p.reason) {
      case 'required':
        return `Skriv ${field(p.field).toLowerCase()} i kolonnen "${field(p.field)}".`;
      case 'too-long':
        return `"${field(p.field)}" er for lang. Den må højst have ${p.max.toLocaleString('da-DK')} tegn.`;
      case 'formula':
        return `"${field(p.field)}" er en formel. Skriv teksten eller tallet selv: importen kører ikke formler.`;
      case 'html':
        return `"${field(p.field)}" indeholder HTML-koder (<…>). Skriv almindelig tekst.`;
      case 'year-invalid':
        return 'Skriv året med fire cifre, for eksempel 2019.';
      case 'year-before-award':
        return `Prisen blev indstiftet i ${p.established}. Skriv et år fra ${p.established} og frem, eller ret prisens startår.`;
      case 'year-not-past':
        return `Importen er til tidligere år. Skriv et år før ${p.currentYear}; årets runde oprettes under prisen.`;
      case 'solution-year':
        return `Skriv året med fire cifre, fra 1990 til ${p.currentYear}.`;
      case 'winner-invalid':
        return 'Skriv "ja" eller "x" ud for vinderen, og lad feltet være tomt (eller "nej") for de andre.';
      case 'film-invalid':
        return 'Linket til filmen skal være en webadresse, der begynder med https://.';
      case 'status-invalid':
        return 'Skriv idé, afprøvet, implementeret eller spredt (eller lad feltet være tomt).';
      case 'tags-invalid':
        return 'Skriv højst 10 emneord adskilt af komma, hvert på højst 40 tegn.';
      case 'theme-conflict':
        return `Året har et andet tema i række ${p.line}. Skriv det samme tema i alle årets rækker, eller kun i én.`;
      case 'film-conflict':
        return `Året har et andet filmlink i række ${p.line}. Skriv ét link for året.`;
      case 'two-winners':
        return `Året har allerede en vinder i række ${p.line}. Der kan kun være én vinder hvert år.`;
      case 'duplicate-in-file':
        return `Står også i række ${p.line}. Fjern den ene række.`;
      case 'round-run-here':
        return `Runden ${p.year} er holdt i Prisportal. Importen ændrer ikke runder, der er holdt her.`;
      case 'theme-differs':
        return `Runden har allerede temaet "${p.existing}" i Prisportal. Skriv det samme tema, eller lad feltet være tomt.`;
      case 'film-differs':
        return `Runden har allerede et andet filmlink (${p.existing}). Skriv det samme link, eller lad feltet være tomt.`;
      case 'winner-differs':
        return `Runden har allerede vinderen "${p.existing}" i Prisportal. Ret vinderen i filen.`;
    }
  },
};

export type HistoryImportTexts = typeof da;

const en: HistoryImportTexts = {
  crumb: 'Import earlier years',
  title: (award) => `Import earlier years: ${award}`,
  intro:
    'Did you run the prize before Prisportal? Add the earlier rounds with their nominees and winners, and solutions for the idea bank. They are shown under "Earlier years" on the prize page and in the archive.',
  steps: [
    'Download the sample file and write your own rows in it (or use your own spreadsheet with the same columns).',
    'Upload the file. You see every row and any errors before anything is saved.',
    'Fix the errors in the file and upload it again, or press "Import" when everything is right.',
  ],
  stepsLabel: 'How to do it',
  samplesHeading: 'Try the sample file',
  samplesText: 'Everything in the sample files is made up and marked "(fiktiv)". You can upload them as they are and see how the import works.',
  sampleXlsx: 'Sample file with rounds and solutions (XLSX)',
  sampleRoundsCsv: 'Sample rounds (CSV)',
  sampleSolutionsCsv: 'Sample solutions (CSV)',
  columnsHeading: 'Columns of the file',
  columnsIntro:
    'The first row holds the column names. A file with the column "Nomineret" holds rounds; a file with "Titel" and no "Nomineret" holds idea-bank solutions. A workbook may hold both, one on each sheet. Other columns are not imported.',
  roundsColumns: 'Rounds: one row for each nominee',
  solutionsColumns: 'Idea-bank solutions: one row for each solution',
  columnHeader: { name: 'Column', required: 'Required', meaning: 'What it means' },
  yes: 'Yes',
  no: 'No',
  columnMeaning: {
    rounds: {
      year: 'The year of the round, for example 2019: an earlier year, at the earliest the year the prize was founded.',
      theme: "The year's theme. Write the same theme in every row of the year, or in one only.",
      nominee: 'The name of the nominated person, team or workplace. It is shown publicly, as it was then.',
      title: "The solution's title. Empty: the nominee's name.",
      summary: 'A short description of the solution.',
      unit: 'Department or unit.',
      organisation: "The organisation. Empty: the prize's organisation.",
      winner: '"Ja" or "x" for the winner. At most one winner a year.',
      film: 'A link to a film about the winner (https://…). One link for the year.',
    },
    solutions: {
      title: "The solution's title.",
      summary: 'A short summary.',
      description: 'A longer description.',
      unit: 'Department or unit.',
      status: 'Idé, afprøvet, implementeret or spredt. Empty: implementeret.',
      year: 'The year the solution was made or first tried.',
      tags: 'Tags separated by commas, at most 10.',
    },
  },
  limits: 'The file may be at most 2 MB with 1,000 rows. CSV files may be separated by semicolons (as Danish Excel saves them) or commas.',
  fileLabel: 'File of earlier years (XLSX or CSV)',
  fileHint: 'Nothing is saved until you have seen what the file holds and pressed "Import".',
  read: 'Read the file',
  recentHeading: 'Earlier imports',
  recentText: (when, file, what) => `${when}: ${file} – ${what}`,
  uploadError: {
    'no-file': 'Choose a file of earlier years (XLSX or CSV).',
    empty: 'The file is empty. Choose a file with a row of column names and a row for each nominee or solution.',
    'too-big': 'The file is too large: at most 2 MB. Split it into several files, or remove images and sheets that are not to be imported.',
    damaged: 'The file cannot be read as a spreadsheet (XLSX) or a CSV file. Save it as "Excel Workbook (.xlsx)" or "CSV (semicolon separated)" and try again.',
    'unpacks-too-large': 'The spreadsheet is too large when unpacked. Save only the sheets to import and try again.',
    'unclosed-quote': (line) => `The file has a quotation mark in row ${line} that is never closed. Fix the row and try again.`,
    'no-known-columns':
      'The first row of the file has neither the column "Nomineret" (rounds) nor "Titel" (solutions). Use the column names of the sample file.',
    'missing-columns': (kind, sheet, columns) =>
      `${sheet ? `The sheet "${sheet}"` : 'The file'} of ${kind === 'rounds' ? 'rounds' : 'solutions'} lacks the ${columns.length === 1 ? 'column' : 'columns'} ${columns.map((c) => `"${c}"`).join(' and ')}. Add ${columns.length === 1 ? 'it' : 'them'} to the first row.`,
    'too-many-rows': (rows) => `The file has ${rows.toLocaleString('en-GB')} rows. It may have at most 1,000. Split it into several files.`,
    incomplete: 'The file did not arrive in full. Try again.',
  },
  previewTitle: (award) => `Check the import: ${award}`,
  previewCrumb: 'Check the import',
  dryRun: 'Dry run: nothing is saved yet',
  dryRunText: (file) => `This is how "${file}" will be imported. Read the rows and press "Import" at the bottom when everything is right.`,
  summaryHeading: 'What the import will do',
  summaryDone: 'What the import did',
  count: {
    roundsCreated: (c) => `${nEn(c, 'new round', 'new rounds')} will be created`,
    roundsCompleted: (c) => `${nEn(c, 'round', 'rounds')} without records will get nominees`,
    nomineesCreated: (c) => `${nEn(c, 'nominee', 'nominees')} will be added`,
    solutionsCreated: (c) => `${nEn(c, 'solution', 'solutions')} will be added to the idea bank`,
    alreadyThere: (c) => `${nEn(c, 'row is', 'rows are')} already there and will be skipped`,
    errors: (c) => `${nEn(c, 'row has', 'rows have')} errors`,
  },
  doneCount: {
    roundsCreated: (c) => `${nEn(c, 'new round', 'new rounds')} created`,
    roundsCompleted: (c) => `${nEn(c, 'round', 'rounds')} without records got nominees`,
    nomineesCreated: (c) => `${nEn(c, 'nominee', 'nominees')} added`,
    solutionsCreated: (c) => `${nEn(c, 'solution', 'solutions')} added to the idea bank`,
    alreadyThere: (c) => `${nEn(c, 'row was', 'rows were')} already there and skipped`,
  },
  errorsHeading: 'Fix the errors in the file',
  errorsText: (c) =>
    `${nEn(c, 'row', 'rows')} of the file have errors. Nothing is imported until they are fixed. Fix them in your spreadsheet and upload the file again.`,
  nothingNew: 'Everything in the file is already there. There is nothing new to import.',
  ignored: (columns) => `These columns are not known and will not be imported: ${columns.join(', ')}.`,
  roundsHeading: 'Rounds',
  solutionsHeading: 'Idea-bank solutions',
  rowHeader: { line: 'Row', year: 'Year', nominee: 'Nominee', title: 'Title', winner: 'Winner', outcome: 'Result', problems: 'Errors' },
  rowName: (sheet, line) => (sheet ? `${sheet}, row ${line}` : `Row ${line}`),
  outcome: { new: 'New', 'already-there': 'Already there', error: 'Error' },
  winnerMark: 'Winner',
  apply: 'Import',
  uploadAnother: 'Upload another file',
  backToAward: 'Back to the prize',
  appliedHeading: 'The import is saved',
  appliedText: 'The rounds are now shown under "Earlier years" on the prize page and in the archive.',
  seeAward: 'See the prize page',
  seeArchive: 'See the archive',
  seeIdeaBank: 'See the idea bank',
  applyError: {
    'not-found': 'The file is no longer there (a file that is not imported is deleted after a day). Upload it again.',
    'already-applied': 'The file has already been imported.',
    changed: 'The page did not match the stored file. Upload the file again.',
    'has-errors': 'Some rows have errors now. Fix them in the file and upload it again.',
    unreadable: 'The file can no longer be read. Upload it again.',
  },
  field: {
    year: 'Year',
    theme: 'Theme',
    nominee: 'Nominee',
    title: 'Title',
    summary: 'Summary',
    unit: 'Unit',
    organisation: 'Organisation',
    winner: 'Winner',
    film: 'Film',
    description: 'Description',
    status: 'Status',
    tags: 'Tags',
  },
  problem: (p, field) => {
    switch (p.reason) {
      case 'required':
        return `Fill in the column "${field(p.field)}".`;
      case 'too-long':
        return `"${field(p.field)}" is too long: at most ${p.max.toLocaleString('en-GB')} characters.`;
      case 'formula':
        return `"${field(p.field)}" is a formula. Write the text or number itself: the import runs no formulas.`;
      case 'html':
        return `"${field(p.field)}" holds HTML markup (<…>). Write plain text.`;
      case 'year-invalid':
        return 'Write the year with four digits, for example 2019.';
      case 'year-before-award':
        return `The prize was founded in ${p.established}. Write a year from ${p.established} on, or correct the prize's founding year.`;
      case 'year-not-past':
        return `The import is for earlier years. Write a year before ${p.currentYear}; this year's round is created under the prize.`;
      case 'solution-year':
        return `Write the year with four digits, from 1990 to ${p.currentYear}.`;
      case 'winner-invalid':
        return 'Write "ja" or "x" for the winner, and leave the cell empty (or "nej") for the others.';
      case 'film-invalid':
        return 'The film link must be a web address starting with https://.';
      case 'status-invalid':
        return 'Write idé, afprøvet, implementeret or spredt (or leave the cell empty).';
      case 'tags-invalid':
        return 'Write at most 10 tags separated by commas, each at most 40 characters.';
      case 'theme-conflict':
        return `The year has another theme in row ${p.line}. Write the same theme in every row of the year, or in one only.`;
      case 'film-conflict':
        return `The year has another film link in row ${p.line}. Write one link for the year.`;
      case 'two-winners':
        return `The year already has a winner in row ${p.line}. There can be one winner a year.`;
      case 'duplicate-in-file':
        return `Also in row ${p.line}. Remove one of the rows.`;
      case 'round-run-here':
        return `The ${p.year} round was run in Prisportal. The import does not change rounds run here.`;
      case 'theme-differs':
        return `The round already has the theme "${p.existing}" in Prisportal. Write the same theme, or leave the cell empty.`;
      case 'film-differs':
        return `The round already has another film link (${p.existing}). Write the same link, or leave the cell empty.`;
      case 'winner-differs':
        return `The round already has the winner "${p.existing}" in Prisportal. Correct the winner in the file.`;
    }
  },
};

export function historyImportTexts(locale: Locale): HistoryImportTexts {
  return locale === 'en' ? en : da;
}

/** An upload refusal in words. */
export function uploadRefusalText(h: HistoryImportTexts, r: UploadRefusal | { reason: 'incomplete' }): string {
  const e = h.uploadError;
  switch (r.reason) {
    case 'unclosed-quote':
      return e['unclosed-quote'](r.line);
    case 'missing-columns':
      return e['missing-columns'](r.kind, r.sheet, r.columns);
    case 'too-many-rows':
      return e['too-many-rows'](r.rows);
    default:
      return e[r.reason];
  }
}

/** A row's problem in words. */
export function problemText(h: HistoryImportTexts, p: Problem): string {
  return h.problem(p, (f) => h.field[f]);
}
