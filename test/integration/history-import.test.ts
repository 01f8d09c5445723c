/**
 * The import of earlier years on PGlite and on a real PostgreSQL server: the sample file
 * uploaded, previewed as a dry run (nothing written), applied in one transaction with an audit
 * event, and shown on the award page and in the archive; a second run creates nothing; bad rows
 * are reported per row and nothing is applied; a placeholder year ("Ikke registreret i
 * Prisportal") is completed; refused files (too big, not a table, no file, Windows-1252 works);
 * another organisation's administrator is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from '@kitajs/html';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import {
  auditEvents,
  awards,
  editions,
  historyImports,
  nominations,
  organisations,
  solutions,
  winnerDecisions,
  shortlistEntries,
} from '../../src/db/schema.js';
import { sampleRoundsCsv, sampleXlsx } from '../../src/history-import/sample.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { startTestApp } from '../harness/app.js';
import { ENGINES } from '../harness/databases.js';
import type { HttpAgent } from '../harness/http-agent.js';

const NOW = '2026-11-24T12:00:00Z';
const inPage = (res: LightMyRequestResponse, text: string) => assert.ok(res.body.includes(escapeHtml(text)), `page should say: ${text}`);

/** Posts a file as a browser's multipart form: the CSRF token first, then the file. */
async function upload(agent: HttpAgent, app: Awaited<ReturnType<typeof startTestApp>>['app'], url: string, file: { name: string; data: Buffer } | null) {
  const boundary = `----import${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${agent.csrf}\r\n`)];
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = ['session', '_csrf'].map((k) => `${k}=${agent.cookie(k)}`).join('; ');
  return app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function counts(db: Database) {
  const one = async (table: typeof editions | typeof nominations | typeof solutions | typeof auditEvents) =>
    Number((await db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n);
  const audits = Number((await db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(eq(auditEvents.action, 'history.import')))[0]!.n);
  return { editions: await one(editions), nominations: await one(nominations), solutions: await one(solutions), audits };
}

for (const engine of ENGINES) {
  describe(`import of earlier years on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let admin: HttpAgent;
    let drAdmin: HttpAgent;
    let awardId: number;
    let abiId: number;
    let base: string;

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      const orgs = await db.select().from(organisations);
      const rm = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const dr = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      const all = await db.select().from(awards);
      awardId = all.find((a) => a.slug === 'initiativprisen')!.id;
      abiId = all.find((a) => a.organisationId === dr)!.id;
      base = `/admin/priser/${awardId}/import`;
      admin = await signedInAgent(t.app, db, (await createUser(db, { email: 'import.rm@example.dk', adminOf: [rm] })).id, t.clock.now());
      drAdmin = await signedInAgent(t.app, db, (await createUser(db, { email: 'import.dr@example.dk', adminOf: [dr] })).id, t.clock.now());
    });
    after(async () => t?.close());

    test('the sample: a dry run writes nothing, the apply writes rounds, nominees, shortlist, winner and one audit event', async () => {
      const page = await admin.get(base);
      assert.equal(page.statusCode, 200);
      inPage(page, 'Importér tidligere år: Initiativprisen');
      const sample = await admin.get('/admin/import/eksempel-runder.csv');
      assert.equal(sample.statusCode, 200);
      assert.match(String(sample.headers['content-disposition']), /attachment/);

      const before = await counts(db);
      const up = await upload(admin, t.app, base, { name: 'eksempel runder.csv', data: sample.rawPayload });
      assert.equal(up.statusCode, 303, up.body.slice(0, 500));
      const previewUrl = String(up.headers.location);
      assert.match(previewUrl, new RegExp(`^${base}/\\d+$`));
      const preview = await admin.get(previewUrl);
      assert.equal(preview.statusCode, 200);
      inPage(preview, 'Prøvekørsel: intet er gemt endnu');
      inPage(preview, '2 nye runder oprettes');
      inPage(preview, '5 nominerede tilføjes');
      inPage(preview, 'Team Aftenro (fiktiv)');
      assert.deepEqual(await counts(db), before, 'the dry run writes nothing');

      // A preview of another file (a stale page) is refused, and writes nothing.
      const stale = await admin.post(previewUrl, { sha256: 'f'.repeat(64) });
      assert.equal(stale.statusCode, 409);
      inPage(stale, 'Siden passede ikke til den fil, der er gemt. Upload filen igen.');
      assert.deepEqual(await counts(db), before);

      const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
      await admin.get(previewUrl);
      const applied = await admin.post(previewUrl, { sha256: sha });
      assert.equal(applied.statusCode, 303);
      const after = await counts(db);
      assert.deepEqual(after, { editions: before.editions + 2, nominations: before.nominations + 5, solutions: before.solutions, audits: before.audits + 1 });
      const done = await admin.get(previewUrl);
      inPage(done, 'Importen er gemt');
      inPage(done, '2 nye runder oprettet');

      const rows = await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, awardId), sql`${editions.year} in (2022, 2023)`))
        .orderBy(editions.year);
      assert.deepEqual(
        rows.map((e) => [e.year, e.theme, e.filmUrl, e.importedAt !== null, e.publishedAt !== null, e.hasPatientPanel]),
        [
          [2022, 'Nærhed og tryghed (fiktiv)', 'https://example.org/film/aftenro', true, true, false],
          [2023, 'Digitale broer (fiktiv)', null, true, true, false],
        ],
      );
      const shortlist = await db.select().from(shortlistEntries).where(eq(shortlistEntries.editionId, rows[0]!.id));
      assert.equal(shortlist.length, 3);
      const [decision] = await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, rows[0]!.id));
      const [winner] = await db.select().from(nominations).where(eq(nominations.id, decision!.nominationId));
      assert.equal(winner!.nomineeNames, 'Team Aftenro (fiktiv)');
      assert.equal(winner!.nomineeEmail, '');
      const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'history.import'));
      assert.equal(audit!.entityType, 'award');
      assert.equal(audit!.entityId, String(awardId));
      assert.deepEqual((audit!.after as Record<string, unknown>).years, [2022, 2023]);
      const [stored] = await db
        .select()
        .from(historyImports)
        .where(eq(historyImports.id, Number(previewUrl.split('/').pop())));
      assert.equal(stored!.content, null, 'the bytes are dropped once applied');

      // Public: the award page of the year shows the winner and nominees but no made-up timeline; the archive lists them.
      const year = await t.app.inject('/priser/initiativprisen/2022');
      assert.equal(year.statusCode, 200);
      inPage(year, 'Team Aftenro (fiktiv)');
      inPage(year, 'Pårørendemappen – “det vigtigste først” (fiktiv)');
      assert.ok(!year.body.includes('Tidsplan'), 'no timeline for an imported round');
      const archive = await t.app.inject('/arkiv');
      inPage(archive, 'Videoambulatoriet (fiktiv)');

      // A double press of "Importér" shows what the first did.
      const again = await admin.post(previewUrl, { sha256: sha });
      assert.equal(again.statusCode, 303);
      assert.deepEqual(await counts(db), after);

      // The same file once more: everything is already there, and nothing is created.
      await admin.get(base);
      const second = await upload(admin, t.app, base, { name: 'igen.csv', data: sampleRoundsCsv() });
      const secondPreview = await admin.get(String(second.headers.location));
      inPage(secondPreview, 'Alt i filen findes allerede. Der er intet nyt at importere.');
      inPage(secondPreview, '5 rækker findes allerede og springes over');
      assert.ok(!secondPreview.body.includes('name="sha256"'), 'no apply button');
      const secondSha = (
        await db
          .select()
          .from(historyImports)
          .where(eq(historyImports.id, Number(String(second.headers.location).split('/').pop())))
      )[0]!.sha256;
      assert.equal((await admin.post(String(second.headers.location), { sha256: secondSha })).statusCode, 303);
      const afterSecond = await counts(db);
      assert.deepEqual({ ...afterSecond, audits: after.audits }, after, 'a second run creates no duplicates');
    });

    test("the sample workbook: solutions go to the idea bank in the organisation's name, once", async () => {
      await admin.get(base);
      const before = await counts(db);
      const up = await upload(admin, t.app, base, { name: 'eksempel.xlsx', data: await sampleXlsx() });
      assert.equal(up.statusCode, 303, up.body.slice(0, 300));
      const preview = await admin.get(String(up.headers.location));
      inPage(preview, '2 løsninger tilføjes til idébanken');
      const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
      assert.equal((await admin.post(String(up.headers.location), { sha256: sha })).statusCode, 303);
      const after = await counts(db);
      assert.equal(after.solutions, before.solutions + 2);
      assert.equal(after.editions, before.editions, 'the rounds were there already');
      const [s] = await db.select().from(solutions).where(eq(solutions.title, 'Kaffe med kirurgen (fiktiv)'));
      assert.equal(s!.organisationName, 'Region Midtjylland');
      assert.equal(s!.status, 'tested');
      const page = await t.app.inject(`/idebank/loesninger/${s!.id}`);
      assert.equal(page.statusCode, 200);
      inPage(page, 'Kaffe med kirurgen (fiktiv)');
      await admin.get(base);
      const again = await upload(admin, t.app, base, { name: 'eksempel.xlsx', data: await sampleXlsx() });
      inPage(await admin.get(String(again.headers.location)), 'Alt i filen findes allerede. Der er intet nyt at importere.');
    });

    test('bad rows are reported per row, and nothing is applied while any row has an error', async () => {
      const csv = [
        'År;Tema;Nomineret;Vinder;Film',
        '2019;Et tema;Team Ok;ja;',
        '2019;Et andet tema;Team To;ja;javascript:alert(1)',
        '2024;;Runde holdt her;;',
        'tyve;;=HYPERLINK("x");;',
        '2019;;<b>Fed</b>;;',
        '2030;;Fremtiden;;',
      ].join('\r\n');
      await admin.get(base);
      const before = await counts(db);
      const up = await upload(admin, t.app, base, { name: 'fejl.csv', data: Buffer.from(csv, 'utf8') });
      const url = String(up.headers.location);
      const preview = await admin.get(url);
      assert.equal(preview.statusCode, 200);
      inPage(preview, '5 rækker i filen har fejl. Intet bliver importeret, før de er rettet. Ret dem i dit Excel-ark, og upload filen igen.');
      inPage(preview, 'Række 3: Linket til filmen skal være en webadresse, der begynder med https://.');
      inPage(preview, 'Året har et andet tema i række 2. Skriv det samme tema i alle årets rækker, eller kun i én.');
      inPage(preview, 'Året har allerede en vinder i række 2. Der kan kun være én vinder hvert år.');
      inPage(preview, 'Linket til filmen skal være en webadresse, der begynder med https://.');
      inPage(preview, 'Runden 2024 er holdt i Prisportal. Importen ændrer ikke runder, der er holdt her.');
      inPage(preview, 'Skriv året med fire cifre, for eksempel 2019.');
      inPage(preview, '"Nomineret" er en formel. Skriv teksten eller tallet selv: importen kører ikke formler.');
      inPage(preview, '"Nomineret" indeholder HTML-koder (<…>). Skriv almindelig tekst.');
      inPage(preview, 'Importen er til tidligere år. Skriv et år før 2026; årets runde oprettes under prisen.');
      assert.ok(!preview.body.includes('<b>Fed</b>'), 'the HTML is shown as text');
      assert.ok(!preview.body.includes('name="sha256"'), 'no apply button');
      const sha = (
        await db
          .select()
          .from(historyImports)
          .where(eq(historyImports.id, Number(url.split('/').pop())))
      )[0]!.sha256;
      const refused = await admin.post(url, { sha256: sha });
      assert.equal(refused.statusCode, 409);
      inPage(refused, 'Nogle rækker har fejl nu. Ret dem i filen, og upload den igen.');
      assert.equal((await admin.post(url, { sha256: '<script>alert(1)</script>' })).statusCode, 409);
      assert.deepEqual(await counts(db), before);
      // An upload left unapplied for more than a day is gone (it holds nominees' names).
      await db
        .update(historyImports)
        .set({ uploadedAt: new Date(t.clock.now().getTime() - 25 * 3600 * 1000) })
        .where(eq(historyImports.id, Number(url.split('/').pop())));
      assert.equal((await admin.get(url)).statusCode, 404);
      assert.equal(
        (
          await db
            .select()
            .from(historyImports)
            .where(eq(historyImports.id, Number(url.split('/').pop())))
        ).length,
        0,
      );
    });

    test('a placeholder year ("Ikke registreret i Prisportal") is completed; Windows-1252 with semicolons works', async () => {
      const dr = `/admin/priser/${abiId}/import`;
      const [placeholder] = await db
        .select()
        .from(editions)
        .where(and(eq(editions.awardId, abiId), eq(editions.year, 2019)));
      assert.equal(placeholder!.opensAt, null);
      // Danish Excel's plain "CSV (semikolonsepareret)" is Windows-1252.
      const text = 'År;Tema;Nomineret;Enhed;Vinder\r\n2019;Pårørende;Pårørendecaféen (fiktiv);Psykiatri, Ærø;x\r\n2019;;Ørestad-gruppen (fiktiv);;\r\n';
      const bytes = Buffer.from([...text].map((c) => ({ Å: 0xc5, å: 0xe5, Æ: 0xc6, æ: 0xe6, Ø: 0xd8, ø: 0xf8, é: 0xe9 })[c] ?? c.charCodeAt(0)));
      await drAdmin.get(dr);
      const up = await upload(drAdmin, t.app, dr, { name: 'abi.csv', data: bytes });
      const preview = await drAdmin.get(String(up.headers.location));
      inPage(preview, '1 runde uden registreringer får nominerede');
      inPage(preview, 'Pårørendecaféen (fiktiv)');
      const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
      assert.equal((await drAdmin.post(String(up.headers.location), { sha256: sha })).statusCode, 303);
      const [completed] = await db.select().from(editions).where(eq(editions.id, placeholder!.id));
      assert.equal(completed!.theme, 'Pårørende');
      assert.ok(completed!.importedAt && completed!.opensAt);
      const archive = await t.app.inject('/arkiv');
      inPage(archive, 'Pårørendecaféen (fiktiv)');
    });

    test("refused files keep the page and say why; another organisation's administrator is refused", async () => {
      await admin.get(base);
      const none = await upload(admin, t.app, base, null);
      assert.equal(none.statusCode, 400);
      inPage(none, 'Vælg en fil med tidligere år (XLSX eller CSV).');
      inPage(none, 'Fejl: ');
      const big = await upload(admin, t.app, base, { name: 'stor.csv', data: Buffer.alloc(2 * 1024 * 1024 + 10, 0x41) });
      assert.equal(big.statusCode, 413);
      inPage(big, 'Filen er for stor. Den må højst fylde 2 MB.');
      const pdf = await upload(admin, t.app, base, { name: 'x.pdf', data: Buffer.from('%PDF-1.7\n\u0000\u0001binary') });
      assert.equal(pdf.statusCode, 415);
      const columns = await upload(admin, t.app, base, { name: 'x.csv', data: Buffer.from('Nomineret\nA\n') });
      assert.equal(columns.statusCode, 400);
      inPage(columns, 'Filen med runder mangler kolonnen "År". Tilføj den i første række.');
      const urlencoded = await admin.post(base, {});
      assert.equal(urlencoded.statusCode, 400);

      await drAdmin.get('/admin');
      assert.equal((await drAdmin.get(base)).statusCode, 403);
      assert.equal((await upload(drAdmin, t.app, base, { name: 'x.csv', data: sampleRoundsCsv() })).statusCode, 403);
      const [anyImport] = await db.select().from(historyImports).where(eq(historyImports.awardId, awardId)).limit(1);
      assert.equal((await drAdmin.get(`${base}/${anyImport!.id}`)).statusCode, 403);
      assert.equal((await drAdmin.post(`${base}/${anyImport!.id}`, { sha256: anyImport!.sha256 })).statusCode, 403);
      // An import of another award is not found under this one.
      const [drImport] = await db.select().from(historyImports).where(eq(historyImports.awardId, abiId)).limit(1);
      assert.equal((await admin.get(`${base}/${drImport!.id}`)).statusCode, 404);
      const publicVisit = await t.app.inject(base);
      assert.equal(publicVisit.statusCode, 303);
    });
  });
}
