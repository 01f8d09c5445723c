import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { awards, criteria, editions, organisations } from '../../src/db/schema.js';
import { reviewScores, reviews, conflictsOfInterest } from '../../src/judging/judging.schema.js';
import { editionMembers } from '../../src/members/members.schema.js';
import { ENGINES } from '../harness/databases.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildNomination } from '../harness/factories.js';
import { readPdf } from '../harness/pdf-text.js';
import { dossierExport } from '../../src/publication/exports/exports.service.js';
import { renderDossierPdf } from '../../src/publication/exports/dossier-pdf.js';
import { DEVELOPMENT_BALLOT_KEY } from '../../src/config.js';
import { anonymousLabels } from '../../src/judging/anonymous-labels.js';

const AT = '2024-09-10T10:00:00Z';

test('a dossier with no eligible nomination is made (and has no contents)', async () => {
  const pdf = await renderDossierPdf({
    organisationName: 'Region Midtjylland',
    awardName: 'Initiativprisen',
    year: 2030,
    theme: null,
    criteria: [{ id: 1, title: 'Borgeren', description: 'Værdi for borgeren.' }],
    sections: [],
    nominations: [],
    blind: false,
    now: new Date('2030-03-01T10:00:00Z'),
  });
  const { text, pageCount } = await readPdf(pdf);
  assert.equal(pageCount, 1);
  assert.match(text, /Der er ingen indstillinger godkendt til bedømmelse endnu\./);
  assert.doesNotMatch(text, /Indhold/);
});

for (const engine of ENGINES) {
  describe(`committee exports on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let editionId: number;
    let otherEditionId: number;
    const cookies: Record<'admin' | 'otherAdmin' | 'member' | 'otherMember' | 'conflicted', string> = {
      admin: '',
      otherAdmin: '',
      member: '',
      otherMember: '',
      conflicted: '',
    };
    const n: { id: number; receiptNumber: string | null }[] = [];
    let crit: { id: number; title: string }[] = [];

    before(async () => {
      t = await startSignedInTestApp(engine, AT);
      const db = t.db;
      const [rm] = await db.select().from(organisations).where(eq(organisations.name, 'Region Midtjylland'));
      const [dr] = await db.select().from(organisations).where(eq(organisations.name, 'Danske Regioner'));
      const [row] = await db
        .select({ edition: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
      editionId = row!.edition.id;
      const [other] = await db
        .select({ edition: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'smartprisen'), eq(editions.year, 2024)));
      otherEditionId = other!.edition.id;
      crit = await db
        .select({ id: criteria.id, title: criteria.title })
        .from(criteria)
        .where(eq(criteria.editionId, editionId))
        .orderBy(asc(criteria.position));
      assert.equal(crit.length, 5);

      const at = new Date('2024-08-01T10:00:00Z');
      const base = { editionId, screening: 'eligible' as const };
      n.push(
        await buildNomination(
          db,
          {
            ...base,
            receiptNumber: 'IP-2024-0001',
            title: 'Hjemmedialyse på video',
            nominatorName: 'Indstiller Ida Ibsen',
            nominatorEmail: 'ida@example.dk',
            nomineeNames: 'Kandidat Karl Krog',
            nomineeUnit: 'Nyremedicinsk Afsnit',
            nomineeEmail: 'karl@example.dk',
            nomineeOrganisation: 'Aarhus Universitetshospital',
          },
          { at },
        ),
      );
      n.push(
        await buildNomination(
          db,
          {
            ...base,
            receiptNumber: 'IP-2024-0002',
            title: '=HYPERLINK("http://evil.example","klik")',
            nominatorName: 'Indstiller Olga Ovesen',
            nomineeNames: 'Kandidat Peter Pil',
          },
          { at },
        ),
      );
      n.push(
        await buildNomination(
          db,
          {
            ...base,
            receiptNumber: 'IP-2024-0003',
            title: 'Patientpanel i psykiatrien',
            nominatorName: 'Indstiller Rie Rask',
            nomineeNames: 'Kandidat Sune Sol',
          },
          { at },
        ),
      );
      await buildNomination(db, { editionId, screening: 'not-eligible', receiptNumber: 'IP-2024-0004', title: 'Ikke godkendt løsning' }, { at });
      await buildNomination(db, { editionId, screening: 'eligible', status: 'withdrawn', receiptNumber: 'IP-2024-0005', title: 'Trukket løsning' }, { at });

      const admin = await createUser(db, { email: 'admin-rm@example.dk', adminOf: [rm!.id] });
      const otherAdmin = await createUser(db, { email: 'admin-dr@example.dk', adminOf: [dr!.id] });
      const members = [];
      for (const [i, name] of ['Anne Andersen', 'Bent Berg', 'Carla Clausen'].entries()) {
        members.push(await createUser(db, { email: `m${i}@example.dk`, name, members: [{ editionId, role: 'committee', isChair: i === 0 }] }));
      }
      const otherMember = await createUser(db, { email: 'smart@example.dk', members: [{ editionId: otherEditionId, role: 'committee' }] });
      const now = t.clock.now();
      cookies.admin = (await sessionFor(db, admin.id, now)).value;
      cookies.otherAdmin = (await sessionFor(db, otherAdmin.id, now)).value;
      cookies.member = (await sessionFor(db, members[1]!.id, now)).value;
      cookies.otherMember = (await sessionFor(db, otherMember.id, now)).value;
      cookies.conflicted = (await sessionFor(db, members[2]!.id, now)).value;

      // Scores: member a and b score all three nominations; c scores the first only and has a
      // declared conflict with the third (its score there must not count).
      const seats = await db.select().from(editionMembers).where(eq(editionMembers.editionId, editionId));
      const seatOf = (userId: number) => seats.find((s) => s.userId === userId)!.id;
      const given: [memberIndex: number, nominationIndex: number, scores: number[]][] = [
        [0, 0, [5, 4, 5, 4, 5]],
        [0, 1, [2, 2, 3, 2, 2]],
        [0, 2, [3, 3, 3, 4, 3]],
        [1, 0, [4, 4, 4, 4, 4]],
        [1, 1, [1, 2, 1, 2, 1]],
        [1, 2, [5, 5, 4, 5, 5]],
        [2, 0, [3, 3, 3, 3, 2]],
      ];
      const comment = (m: number, k: number) => (k === 2 && m === 1 ? 'Bents kommentar om psykiatrien' : m === 0 ? `=Annes kommentar ${k + 1}` : '');
      for (const [m, k, scores] of given) {
        const [r] = await db
          .insert(reviews)
          .values({ memberId: seatOf(members[m]!.id), nominationId: n[k]!.id, comment: comment(m, k), createdAt: at, updatedAt: at })
          .returning();
        await db.insert(reviewScores).values(scores.map((score, i) => ({ reviewId: r!.id, criterionId: crit[i]!.id, score })));
      }
      await db
        .insert(conflictsOfInterest)
        .values({ memberId: seatOf(members[2]!.id), nominationId: n[2]!.id, origin: 'declared', status: 'confirmed', reason: 'Min afdeling', createdAt: at });
    });
    after(async () => t?.close());

    const get = (url: string, who: keyof typeof cookies | null) =>
      t.app.inject({ method: 'GET', url, headers: who ? { cookie: `session=${cookies[who]}` } : {} });

    test('sessions are recognised by the routes (sanity of the harness)', async () => {
      const res = await get(`/admin/udgaver/${editionId}/dossier.pdf`, null);
      assert.ok([302, 303, 401, 403].includes(res.statusCode), String(res.statusCode));
    });

    test('the administrators’ dossier: cover with criteria, one eligible nomination per page, names included', async () => {
      const res = await get(`/admin/udgaver/${editionId}/dossier.pdf`, 'admin');
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="dossier-initiativprisen-2024\.pdf"/);
      const { text, pageCount: pages } = await readPdf(res.rawPayload);
      assert.ok(pages >= 4, `${pages} pages`);
      assert.ok(text.includes('Dossier til bedømmelseskomitéen'));
      assert.ok(text.includes('Dossieret rummer 3 indstillinger, der er godkendt til bedømmelse.'));
      for (const c of crit) assert.ok(text.includes(c.title), c.title);
      for (const s of [
        'Hjemmedialyse på video',
        'Patientpanel i psykiatrien',
        'Indstiller Ida Ibsen',
        'ida@example.dk',
        'Kandidat Karl Krog',
        'karl@example.dk',
        'Nyremedicinsk Afsnit',
        'Aarhus Universitetshospital',
      ])
        assert.ok(text.includes(s), s);
      for (const s of ['Ikke godkendt løsning', 'Trukket løsning']) assert.ok(!text.includes(s), s);
    });

    test('with blind review the members’ dossier names no nominator or nominee', async () => {
      await t.db.update(editions).set({ blindReview: true }).where(eq(editions.id, editionId));
      try {
        const res = await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'member');
        assert.equal(res.statusCode, 200, res.body.slice(0, 200));
        assert.match(String(res.headers['content-disposition']), /filename="dossier-initiativprisen-2024-blind\.pdf"/);
        const { text } = await readPdf(res.rawPayload);
        assert.ok(text.includes('Blind bedømmelse: indstilleren og den indstilledes navn, afdeling og e-mail er udeladt.'));
        assert.ok(text.includes('Hjemmedialyse på video') && text.includes('Aarhus Universitetshospital'));
        for (const s of ['Indstiller', 'Kandidat', 'ida@example.dk', 'karl@example.dk', 'Nyremedicinsk Afsnit', '@example.dk']) assert.ok(!text.includes(s), s);
        // The administrators' dossier still has the names.
        const admin = await readPdf((await get(`/admin/udgaver/${editionId}/dossier.pdf`, 'admin')).rawPayload);
        assert.ok(admin.text.includes('Kandidat Karl Krog'));
      } finally {
        await t.db.update(editions).set({ blindReview: false }).where(eq(editions.id, editionId));
      }
      const open = await readPdf((await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'member')).rawPayload);
      assert.ok(open.text.includes('Kandidat Karl Krog'));
    });

    test('only the organisation’s administrators and the edition’s committee get them', async () => {
      assert.equal((await get(`/admin/udgaver/${editionId}/dossier.pdf`, 'otherAdmin')).statusCode, 403);
      assert.equal((await get(`/admin/udgaver/${editionId}/bedoemmelser.xlsx`, 'otherAdmin')).statusCode, 403);
      assert.equal((await get(`/admin/udgaver/${editionId}/dossier.pdf`, 'member')).statusCode, 403);
      assert.equal((await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'otherMember')).statusCode, 403);
      assert.equal((await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'admin')).statusCode, 403);
      assert.equal((await get('/admin/udgaver/999999/dossier.pdf', 'admin')).statusCode, 404);
      assert.equal((await get('/admin/udgaver/abc/bedoemmelser.xlsx', 'admin')).statusCode, 404);
    });

    test('the scores as XLSX: one row per score, totals from the committee overview, formulas neutralised', async () => {
      const res = await get(`/admin/udgaver/${editionId}/bedoemmelser.xlsx`, 'admin');
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /filename="bedoemmelser-initiativprisen-2024\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['Point', 'Samlet', 'Kommentarer', 'Om tallene'],
      );
      const points = wb.getWorksheet('Point')!;
      const rows = points.getSheetValues().slice(2) as unknown[][];
      // 6 complete reviews × 5 criteria; the conflicted member's first review counts (5), none on the third.
      assert.equal(rows.length, 6 * 5 + 5);
      assert.deepEqual(rows[0]!.slice(1), ['IP-2024-0001', 'Hjemmedialyse på video', 'Anne Andersen', crit[0]!.title, 5]);
      const injected = rows.find((r) => r[1] === 'IP-2024-0002')!;
      assert.equal(injected[2], '\'=HYPERLINK("http://evil.example","klik")');
      for (let r = 2; r <= points.rowCount; r++) for (let c = 1; c <= 5; c++) assert.notEqual(points.getCell(r, c).type, ExcelJS.ValueType.Formula);

      const totals = wb.getWorksheet('Samlet')!;
      const header = (totals.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(header.slice(0, 14), [
        'Kvitteringsnummer',
        'Titel',
        'Antal medlemmer',
        'Hele bedømmelser',
        'Delvise bedømmelser',
        'Gennemsnit (total)',
        'Median (total)',
        'Laveste total',
        'Højeste total',
        'Spredning (højeste − laveste)',
        'Standardafvigelse (total)',
        'Normaliseret total (z)',
        'Rang (rå total)',
        'Rang (normaliseret)',
      ]);
      const byReceipt = new Map((totals.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r.slice(1)]));
      // Totals: nomination 1: 23, 20, 14 → mean 19, median 20, range 9; nomination 2: 11, 7; nomination 3: 16, 24.
      const first = byReceipt.get('IP-2024-0001')!;
      assert.deepEqual(first.slice(2, 5), [3, 3, 0]);
      assert.equal(first[5], 19);
      assert.equal(first[6], 20);
      assert.deepEqual(first.slice(7, 10), [14, 23, 9]);
      assert.equal(byReceipt.get('IP-2024-0003')![2], 2);
      assert.equal(byReceipt.get('IP-2024-0003')![5], 20);
      assert.deepEqual(
        ['IP-2024-0001', 'IP-2024-0002', 'IP-2024-0003'].map((k) => byReceipt.get(k)![12]),
        [2, 3, 1],
      );
      assert.equal(byReceipt.get('IP-2024-0003')![14 + 5], 'Carla Clausen');
      assert.ok(!byReceipt.has('IP-2024-0004') && !byReceipt.has('IP-2024-0005'));
    });

    test('the members’ comments are in the dossier and the workbook, under "Medlem n" when anonymised, never on the reader’s own conflict (issue 14)', async () => {
      const admin = await readPdf((await get(`/admin/udgaver/${editionId}/dossier.pdf`, 'admin')).rawPayload);
      assert.match(admin.text, /Komitéens kommentarer/);
      assert.ok(admin.text.includes('Bents kommentar om psykiatrien') && admin.text.includes('=Annes kommentar 1'));
      assert.match(admin.text, /Anne Andersen\s+=Annes kommentar 1/);
      // Carla is conflicted with the third nomination: its comments are hidden from her.
      const carla = await readPdf((await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'conflicted')).rawPayload);
      assert.ok(!carla.text.includes('Bents kommentar') && !carla.text.includes('=Annes kommentar 3'), 'no comment on her conflict');
      assert.ok(carla.text.includes('=Annes kommentar 1'));
      assert.match(carla.text, /Skjult: du er inhabil i denne indstilling\./);
      const bent = await readPdf((await get(`/bedoemmelse/udgaver/${editionId}/dossier.pdf`, 'member')).rawPayload);
      assert.ok(bent.text.includes('Bents kommentar om psykiatrien'));
      // Anonymised: the labels of the overview, no names.
      const seats = (await t.db.select().from(editionMembers).where(eq(editionMembers.editionId, editionId))).map((m) => m.id);
      const anon = await readPdf((await get(`/admin/udgaver/${editionId}/dossier.pdf?anonym=1`, 'admin')).rawPayload);
      assert.ok(!/Anne Andersen|Bent Berg|Carla Clausen/.test(anon.text));
      const labels = anonymousLabels(DEVELOPMENT_BALLOT_KEY, editionId, seats);
      assert.ok(
        [...labels.values()].some((l) => anon.text.includes(`${l}\nBents kommentar`) || anon.text.includes(`${l} Bents kommentar`)),
        anon.text.slice(-600),
      );

      const res = await get(`/admin/udgaver/${editionId}/bedoemmelser.xlsx`, 'admin');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows = (wb.getWorksheet('Kommentarer')!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
      assert.deepEqual(rows, [
        ['IP-2024-0001', 'Hjemmedialyse på video', 'Anne Andersen', "'=Annes kommentar 1"],
        ['IP-2024-0002', '\'=HYPERLINK("http://evil.example","klik")', 'Anne Andersen', "'=Annes kommentar 2"],
        ['IP-2024-0003', 'Patientpanel i psykiatrien', 'Anne Andersen', "'=Annes kommentar 3"],
        ['IP-2024-0003', 'Patientpanel i psykiatrien', 'Bent Berg', 'Bents kommentar om psykiatrien'],
      ]);
      const anonWb = new ExcelJS.Workbook();
      await anonWb.xlsx.load((await get(`/admin/udgaver/${editionId}/bedoemmelser.xlsx?anonym=1`, 'admin')).rawPayload as unknown as ArrayBuffer);
      const members = (anonWb.getWorksheet('Kommentarer')!.getSheetValues().slice(2) as unknown[][]).map((r) => r[3]);
      assert.ok(
        members.every((m) => typeof m === 'string' && /^Medlem \d$/.test(m)),
        String(members),
      );
    });

    test('the dossier is compact: short nominations flow, with a table of contents whose page numbers are right (issue 14)', async () => {
      const at = new Date('2024-08-01T10:00:00Z');
      for (let i = 1; i <= 7; i++)
        await buildNomination(
          t.db,
          {
            editionId: otherEditionId,
            screening: 'eligible',
            receiptNumber: `SP-2024-000${i}`,
            title: `Kort løsning nummer ${i}`,
            summary: 'En kort beskrivelse.',
          },
          { at },
        );
      const file = await dossierExport(t.db, otherEditionId, { blind: false, now: t.clock.now() });
      const { pages, pageCount } = await readPdf(file!.body);
      // 7 short nominations (six sections each): the cover with contents and criteria, then the
      // nominations flow. A page per nomination made 15 pages of this (issue 14: "11 pages for 7 short nominations").
      assert.ok(pageCount <= 8, `${pageCount} pages`);
      // No near-empty page but the last.
      for (const [i, p] of pages.slice(0, -1).entries()) assert.ok(p.length > 900, `page ${i + 1} holds ${p.length} characters`);
      const contents = pages[0]!;
      assert.match(contents, /Indhold/);
      for (let i = 1; i <= 7; i++) {
        const m = new RegExp(`SP-2024-000${i} Kort løsning nummer ${i}\\s*side (\\d+)`).exec(contents);
        assert.ok(m, `contents line ${i}`);
        const page = pages[Number(m[1]) - 1]!;
        assert.ok(page.includes(`Kvitteringsnummer SP-2024-000${i}`) && page.includes(`Kort løsning nummer ${i}`), `nomination ${i} on page ${m[1]}`);
      }
      // No nomination's heading is left alone at the bottom of a page: the receipt line and title are followed by the summary on the same page.
      for (const page of pages) {
        const last = page.trim().split('\n').slice(-3).join(' ');
        assert.doesNotMatch(last, /Kvitteringsnummer SP-2024-000\d\s*Kort løsning nummer \d\s*Initiativ|Kvitteringsnummer[^\n]*$/);
      }
    });
  });
}
