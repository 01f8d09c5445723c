/**
 * An integrator's client of Prisportal's public API, typed from the OpenAPI document: it finds
 * a round that is open, reads its criteria and form sections, and sends a nomination.
 *
 *   npx openapi-typescript https://prisportal.example.dk/api/v1/openapi.json -o prisportal-api.d.ts
 *   npx tsc --strict --module nodenext --target es2022 api-client.ts
 *   node api-client.js https://prisportal.example.dk
 *
 * It prints the receipt as one JSON line. `test/integration/api-integrators.test.ts` generates
 * the types from a running app, compiles this file with them and runs it against that app, so
 * a change to the API that breaks such a client fails the tests.
 */
import { randomUUID } from 'node:crypto';
import type { paths } from './prisportal-api.js';

type AwardList = paths['/api/v1/awards']['get']['responses'][200]['content']['application/json'];
type Edition = paths['/api/v1/editions/{id}']['get']['responses'][200]['content']['application/json'];
type NominationBody = paths['/api/v1/editions/{id}/nominations']['post']['requestBody']['content']['application/json'];
type Receipt = paths['/api/v1/editions/{id}/nominations']['post']['responses'][201]['content']['application/json'];
type Problem = paths['/api/v1/editions/{id}/nominations']['post']['responses'][422]['content']['application/json'];

const base = process.argv[2] ?? 'http://localhost:3000';

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, base), { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const { awards } = await getJson<AwardList>('/api/v1/awards');
const open = awards.flatMap((a) => a.editions.map((e) => ({ award: a.name, ...e }))).find((e) => e.phase === 'open');
if (!open) {
  console.error('No round is open for nominations.');
  process.exit(1);
}
const edition = await getJson<Edition>(open.url);

const body: NominationBody = {
  nominator: { name: 'Integrations Test', email: 'integration@example.dk', isCitizen: false, workplace: 'Regionens IT' },
  nominee: { kind: 'team', names: 'Team Eksempel', unit: 'Klinisk IT', organisation: edition.organisation.name, email: 'team@example.dk' },
  title: 'Sendt fra et andet system',
  summary: 'En indstilling sendt gennem Prisportals API.',
  criterionIds: edition.criteria.slice(0, 1).map((c) => c.id),
  ...(edition.asksOrigin ? { origin: { organisation: 'Regionens IT' } } : {}),
  answers: Object.fromEntries(edition.formSections.map((s) => [String(s.id), `Svar på: ${s.heading}`])),
};

// The same key on a retry returns the first nomination instead of making a second one.
const res = await fetch(new URL(`/api/v1/editions/${edition.id}/nominations`, base), {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
  body: JSON.stringify(body),
});
if (res.status !== 201 && res.status !== 200) {
  const problem = (await res.json()) as Problem;
  console.error(`Refused (${problem.status}): ${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}`);
  for (const e of problem.errors ?? []) console.error(`  ${e.path}: ${e.message}`);
  process.exit(1);
}
const receipt = (await res.json()) as Receipt;
console.log(JSON.stringify({ award: open.award, editionId: edition.id, receiptNumber: receipt.receiptNumber, status: receipt.status }));
