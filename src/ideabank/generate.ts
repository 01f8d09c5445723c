import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { adoptions, solutions, solutionStatuses } from './ideabank.schema.js';

/**
 * Generated solutions for benchmarks: plausible Danish titles made of closed compounds
 * ("Hjertesvigtklinik", "Pårørendesamtale"), units of real hospitals, tags and statuses, from
 * a seeded pseudo-random sequence so two runs make the same rows. Seed keys are `gen-<n>`, so
 * generating again adds nothing that exists.
 */
const FIRST = [
  'sygeplejerske',
  'hjerte',
  'lunge',
  'børne',
  'akut',
  'psykiatri',
  'ældre',
  'medicin',
  'fødsels',
  'kræft',
  'smerte',
  'diabetes',
  'nyre',
  'demens',
  'video',
  'hjemme',
  'patient',
  'pårørende',
  'genoptrænings',
  'ernærings',
  'sår',
  'søvn',
  'tolke',
  'stuegangs',
];
const SECOND = [
  'klinik',
  'ambulatorium',
  'forløb',
  'team',
  'skole',
  'app',
  'tavle',
  'samtale',
  'besøg',
  'pakke',
  'monitorering',
  'dagbog',
  'panel',
  'guide',
  'vejledning',
  'screening',
  'kasse',
  'netværk',
];
const WHERE = [
  'i eget hjem',
  'på sengeafsnittet',
  'i akutmodtagelsen',
  'for unge',
  'for ældre',
  'med frivillige',
  'over video',
  'i ambulatoriet',
  'på tværs af sektorer',
  'om natten',
];
const HOSPITALS: [string, string][] = [
  ['Region Midtjylland', 'Aarhus Universitetshospital'],
  ['Region Midtjylland', 'Regionshospitalet Gødstrup'],
  ['Region Midtjylland', 'Regionshospitalet Randers'],
  ['Region Midtjylland', 'Hospitalsenhed Midt'],
  ['Region Midtjylland', 'Regionshospitalet Horsens'],
  ['Region Midtjylland', 'Psykiatrien i Region Midtjylland'],
  ['Region Nordjylland', 'Aalborg Universitetshospital'],
  ['Region Syddanmark', 'Odense Universitetshospital'],
  ['Region Syddanmark', 'Sygehus Lillebælt'],
  ['Region Sjælland', 'Sjællands Universitetshospital'],
  ['Region Hovedstaden', 'Rigshospitalet'],
  ['Region Hovedstaden', 'Herlev Hospital'],
];
const DEPARTMENTS = [
  'Akutafdelingen',
  'Medicinsk Afdeling',
  'Hjertesygdomme',
  'Lungesygdomme',
  'Børn og Unge',
  'Kvindesygdomme og Fødsler',
  'Ortopædkirurgi',
  'Kræftafdelingen',
  'Geriatri',
  'Intensiv Afdeling',
  'Nyresygdomme',
  'Smerteklinikken',
];
const VERBS = ['giver patienterne', 'sparer personalet', 'hjælper pårørende med', 'mindsker', 'forebygger', 'samler'];
const OBJECTS = [
  'tryghed og overblik',
  'unødige indlæggelser',
  'lange ventetider',
  'tid til kerneopgaven',
  'færre genindlæggelser',
  'bedre søvn',
  'en fast kontaktperson',
  'viden om egen sygdom',
];
const TAGS = [
  'telemedicin',
  'patientinddragelse',
  'pårørende',
  'sektorovergange',
  'patientsikkerhed',
  'digitalisering',
  'ældre',
  'børn',
  'psykiatri',
  'frivillige',
  'arbejdsmiljø',
  'hjemmebehandling',
  'kronisk sygdom',
  'ernæring',
];

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type GeneratedSolution = typeof solutions.$inferInsert;

/** Solution number `n` (1-based) of the deterministic sequence. */
export function generatedSolution(n: number, now: Date): GeneratedSolution {
  const r = prng(n * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const first = pick(FIRST);
  const second = pick(SECOND);
  const [organisation, hospital] = pick(HOSPITALS);
  const department = pick(DEPARTMENTS);
  const compound = `${first}${second}`;
  const tags = [...new Set([pick(TAGS), pick(TAGS)])];
  const year = 2012 + Math.floor(r() * 14);
  return {
    title: `${cap(compound)} ${pick(WHERE)}`,
    summary: `${cap(compound)} ${pick(VERBS)} ${pick(OBJECTS)}. Afprøvet på ${hospital}, ${department}.`,
    description: `${cap(first)}${second}en blev udviklet af personalet sammen med patienter. Den ${pick(VERBS)} ${pick(OBJECTS)} og ${pick(VERBS)} ${pick(OBJECTS)}. Løsning nummer ${n}.`,
    organisationName: organisation,
    unitName: `${hospital}, ${department}`,
    contactName: '',
    contactEmail: '',
    tags,
    status: pick(solutionStatuses),
    year,
    seedKey: `gen-${n}`,
    createdAt: new Date(now.getTime() - n * 60_000),
    updatedAt: new Date(now.getTime() - n * 60_000),
  };
}

/**
 * Inserts generated solutions `from`..`to` (inclusive) in batches, with an adoption for about
 * every fifth, and returns how many were new. Run VACUUM ANALYZE after a large batch.
 */
export async function generateSolutions(
  db: Database,
  count: number,
  now: Date,
  { from = 1, batch = 1000 }: { from?: number; batch?: number } = {},
): Promise<number> {
  let created = 0;
  for (let start = from; start < from + count; start += batch) {
    const end = Math.min(from + count - 1, start + batch - 1);
    const rows: GeneratedSolution[] = [];
    for (let n = start; n <= end; n++) rows.push(generatedSolution(n, now));
    const inserted = await db
      .insert(solutions)
      .values(rows)
      .onConflictDoNothing({ target: solutions.seedKey })
      .returning({ id: solutions.id, seedKey: solutions.seedKey });
    created += inserted.length;
    const adopted = inserted.filter((_, i) => i % 5 === 0);
    if (adopted.length) {
      await db.insert(adoptions).values(
        adopted.map((s, i) => {
          const [organisationName, hospital] = HOSPITALS[(s.id + i) % HOSPITALS.length]!;
          return {
            solutionId: s.id,
            organisationName,
            unitName: `${hospital}, ${DEPARTMENTS[s.id % DEPARTMENTS.length]}`,
            adoptedOn: '2024-05-01',
            changes: '',
          };
        }),
      );
    }
  }
  return created;
}

/** Refreshes the planner's statistics after a bulk insert (PGlite has no autovacuum). */
export async function analyseSolutions(db: Database): Promise<void> {
  await db.execute(sql`vacuum analyze solutions`);
  await db.execute(sql`vacuum analyze solution_search`);
  await db.execute(sql`vacuum analyze adoptions`);
  await db.execute(sql`vacuum analyze solution_facet_counts`);
  await db.execute(sql`vacuum analyze solution_title_words`);
  await db.execute(sql`vacuum analyze solution_lexemes`);
}
