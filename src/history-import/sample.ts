import { toCsv, type ExportTable } from '../platform/spreadsheet.js';
import { COLUMN_NAMES, ROUND_FIELDS, SOLUTION_FIELDS, type RoundField, type SolutionField } from './parse.js';

/**
 * The sample import file, so a newcomer can try the import at once. Everything in it is
 * FICTIONAL and says so: every name ends in "(fiktiv)", the film link is on example.org (a
 * domain reserved for examples). The years 2022 and 2023 are free in the demo data of all three
 * prizes. It shows what real files hold: a semicolon-separated CSV with a BOM, Danish letters,
 * typographic quotes and dashes, an empty organisation (the prize's own), a line break in a cell.
 */
export const SAMPLE_ROUNDS: Record<RoundField, string>[] = [
  {
    year: '2022',
    theme: 'Nærhed og tryghed (fiktiv)',
    nominee: 'Team Aftenro (fiktiv)',
    title: 'Aftensamtalen på sengeafsnittet (fiktiv)',
    summary: 'En fast samtale kl. 19 om aftenen og natten, så patienterne ved, hvad der skal ske, og sover roligere.',
    unit: 'Medicinsk Afsnit, Eksempelhospitalet (fiktiv)',
    organisation: '',
    winner: 'ja',
    film: 'https://example.org/film/aftenro',
  },
  {
    year: '2022',
    theme: 'Nærhed og tryghed (fiktiv)',
    nominee: 'Mette Prøvesen (fiktiv)',
    title: 'Pårørendemappen – “det vigtigste først” (fiktiv)',
    summary: 'En lille mappe til pårørende med telefonnumre, besøgstider og svar på de spørgsmål, der kommer om natten.',
    unit: 'Akutafdelingen, Eksempelhospitalet (fiktiv)',
    organisation: '',
    winner: '',
    film: '',
  },
  {
    year: '2022',
    theme: '',
    nominee: 'Ærø-teamet (fiktiv)',
    title: 'Sygeplejerske på færgen (fiktiv)',
    summary: 'Patienter fra øerne får svar på deres spørgsmål under overfarten.\nDe slipper for en ekstra tur.',
    unit: 'Ø-sundhed (fiktiv)',
    organisation: 'Eksempelkommunen (fiktiv)',
    winner: 'nej',
    film: '',
  },
  {
    year: '2023',
    theme: 'Digitale broer (fiktiv)',
    nominee: 'Videoambulatoriet (fiktiv)',
    title: 'Første samtale på video (fiktiv)',
    summary: 'Den første samtale før en operation foregår på video, så patienten kan have de pårørende med hjemmefra.',
    unit: 'Ortopædkirurgi, Eksempelhospitalet (fiktiv)',
    organisation: '',
    winner: 'x',
    film: '',
  },
  {
    year: '2023',
    theme: 'Digitale broer (fiktiv)',
    nominee: 'Søren Eksempel og kolleger (fiktiv)',
    title: 'Appen der husker medicinen (fiktiv)',
    summary: 'En enkel app minder patienten om medicinen og viser, hvad hver pille er til.',
    unit: 'Hjertemedicin, Eksempelhospitalet (fiktiv)',
    organisation: '',
    winner: '',
    film: '',
  },
];

export const SAMPLE_SOLUTIONS: Record<SolutionField, string>[] = [
  {
    title: 'Aftensamtalen på sengeafsnittet (fiktiv)',
    summary: 'En fast samtale om aftenen, så patienterne ved, hvad der skal ske om natten.',
    description: 'Personalet samler patienterne kl. 19. Vindere af prisen i 2022 (fiktiv).',
    unit: 'Medicinsk Afsnit, Eksempelhospitalet (fiktiv)',
    status: 'spredt',
    year: '2021',
    tags: 'tryghed, søvn, pårørende',
  },
  {
    title: 'Kaffe med kirurgen (fiktiv)',
    summary: 'Patienter møder kirurgen over en kop kaffe dagen før operationen.',
    description: '',
    unit: 'Kirurgisk Afdeling, Eksempelhospitalet (fiktiv)',
    status: 'afprøvet',
    year: '2020',
    tags: 'patientinddragelse',
  },
];

const roundTable = (): ExportTable => ({
  sheetName: 'Runder',
  headers: ROUND_FIELDS.map((f) => COLUMN_NAMES.rounds[f][0]!),
  rows: SAMPLE_ROUNDS.map((r) => ROUND_FIELDS.map((f) => r[f])),
});

const solutionTable = (): ExportTable => ({
  sheetName: 'Løsninger',
  headers: SOLUTION_FIELDS.map((f) => COLUMN_NAMES.solutions[f][0]!),
  rows: SAMPLE_SOLUTIONS.map((r) => SOLUTION_FIELDS.map((f) => r[f])),
});

/** The rounds as Danish Excel writes CSV: UTF-8 with a BOM, semicolons, CRLF. */
export const sampleRoundsCsv = (): Buffer => toCsv(roundTable());
export const sampleSolutionsCsv = (): Buffer => toCsv(solutionTable());

/** A workbook with a sheet of instructions (left alone by the import), the rounds and the solutions. */
export async function sampleXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prisportal';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const notes = workbook.addWorksheet('Vejledning');
  notes.getColumn(1).width = 100;
  for (const line of [
    'Eksempelfil til import af tidligere år i Prisportal. Alt i filen er opdigtet (fiktiv).',
    'Arket "Runder" har én række for hver nomineret; skriv "ja" eller "x" under Vinder ud for årets vinder.',
    'Arket "Løsninger" har løsninger til idébanken. Dette ark bliver ikke importeret.',
  ])
    notes.addRow([line]);
  for (const table of [roundTable(), solutionTable()]) {
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header) => ({ header, width: 30 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(row.map((c) => c ?? ''));
      added.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
