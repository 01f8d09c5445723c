/**
 * The administration's front page and each round's dashboard (issue 14, item 2), on PGlite and
 * on a real PostgreSQL server: what waits, with its counts and links, in each phase; the next
 * deadline with the time left; a draft with its link to publish; the audit log and exports;
 * /admin by stage for the administrator's own organisations only; who may see a dashboard; and
 * a fixed number of queries at 10 nominations × 3 members and at 300 nominations × 9 members × 5
 * criteria, with the committee's counts checked against the judging module's own progress.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import {
  awards,
  conflictsOfInterest,
  nomineeSummaries,
  nominations,
  organisations,
  panelVoters,
  reviewScores,
  reviews,
  shortlistEntries,
  shortlists,
} from '../../src/db/schema.js';
import { countJudgingWaiting, loadCommitteeOverview } from '../../src/judging/index.js';
import { copenhagen } from '../../src/platform/time.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, sessionFor } from '../harness/accounts.js';
import { buildEdition, buildMember } from '../harness/factories.js';
import { Client, startSignedInTestApp } from '../harness/signed-in-app.js';

const NOW = '2026-11-24T12:00:00Z';

/** How many SQL statements `fn` sends (through Drizzle's logger, the same on both engines). */
async function countQueries(db: Database, fn: () => Promise<unknown>): Promise<number> {
  const session = (db as unknown as { session: { logger: unknown } }).session;
  const original = session.logger;
  let n = 0;
  session.logger = { logQuery: () => void n++ };
  try {
    await fn();
  } finally {
    session.logger = original;
  }
  return n;
}

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** A round in review at NOW (the committee scores until 27 November 16.30), with a patient panel. */
const inReview = {
  opensAt: copenhagen(2026, 9, 1, 12),
  closesAt: copenhagen(2026, 10, 1, 12),
  reviewClosesAt: copenhagen(2026, 11, 27, 16, 30),
  nomineesPublishedAt: copenhagen(2026, 12, 15, 12),
  votingOpensAt: copenhagen(2026, 12, 20, 12),
  votingClosesAt: copenhagen(2027, 1, 10, 12),
  winnerAnnouncedAt: copenhagen(2027, 1, 15, 12),
  hasPatientPanel: true,
};

let sequence = 0;
/** Sent nominations written in bulk: `screening` and `consent` per index. */
async function sendNominations(
  db: Database,
  editionId: number,
  count: number,
  of: (i: number) => { screening: 'pending' | 'eligible' | 'not-eligible'; consent: 'pending' | 'accepted' | 'declined' },
): Promise<{ id: number; screening: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = ++sequence;
    const { screening, consent } = of(i);
    return {
      editionId,
      status: 'sent' as const,
      screening,
      nomineeConsent: consent,
      receiptNumber: `R-${n}`,
      accessTokenHash: createHash('sha256').update(`rounds-${n}`).digest('hex'),
      title: `Løsning ${n}`,
      nomineeEmail: `kandidat-${n}@example.dk`,
      sentAt: new Date('2026-09-15T10:00:00Z'),
      firstSentAt: new Date('2026-09-15T10:00:00Z'),
    };
  });
  const out: { id: number; screening: string }[] = [];
  for (const part of chunks(rows, 500))
    out.push(...(await db.insert(nominations).values(part).returning({ id: nominations.id, screening: nominations.screening })));
  return out;
}

/** Reviews of every eligible nomination by every member: `kind` says for each pair whether none, some or all criteria are scored. */
async function writeReviews(
  db: Database,
  memberIds: number[],
  nominationIds: number[],
  criterionIds: number[],
  kind: (m: number, n: number) => 'none' | 'partial' | 'complete',
) {
  const pairs: { memberId: number; nominationId: number; partial: boolean }[] = [];
  for (const [m, memberId] of memberIds.entries()) {
    for (const [n, nominationId] of nominationIds.entries()) {
      const k = kind(m, n);
      if (k !== 'none') pairs.push({ memberId, nominationId, partial: k === 'partial' });
    }
  }
  const at = new Date('2026-10-15T10:00:00Z');
  for (const part of chunks(pairs, 500)) {
    const ids = await db
      .insert(reviews)
      .values(part.map((p) => ({ memberId: p.memberId, nominationId: p.nominationId, comment: '', createdAt: at, updatedAt: at })))
      .returning({ id: reviews.id });
    const scores = part.flatMap((p, i) =>
      (p.partial ? criterionIds.slice(1) : criterionIds).map((criterionId, c) => ({ reviewId: ids[i]!.id, criterionId, score: 1 + ((i + c) % 5) })),
    );
    for (const s of chunks(scores, 1000)) await db.insert(reviewScores).values(s);
  }
}

const FIVE_CRITERIA = { criteria: ['Nyt', 'Værdi', 'Spredning', 'Borgere', 'Økonomi'].map((title) => ({ title })) };

for (const engine of ENGINES) {
  describe(`the rounds' dashboards and /admin on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    let rm: number;
    let awardId: number;
    let admin: Client;
    let other: Client;

    before(async () => {
      t = await startSignedInTestApp(engine, NOW);
      db = t.db;
      const orgs = await db.select().from(organisations);
      rm = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const dr = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      const [award] = await db
        .insert(awards)
        .values({
          organisationId: rm,
          slug: 'dashboardprisen',
          name: 'Dashboardprisen',
          summary: 'En pris til prøve.',
          description: 'Til prøve.',
          establishedYear: 2020,
        })
        .returning({ id: awards.id });
      awardId = award!.id;
      admin = new Client(t.app);
      const rmAdmin = await createUser(db, { email: 'rounds.rm@example.dk', adminOf: [rm] });
      const rmSession = await sessionFor(db, rmAdmin.id, t.clock.now());
      admin.setCookie(rmSession.name, rmSession.value);
      other = new Client(t.app);
      const drAdmin = await createUser(db, { email: 'rounds.dr@example.dk', adminOf: [dr] });
      const drSession = await sessionFor(db, drAdmin.id, t.clock.now());
      other.setCookie(drSession.name, drSession.value);
    });
    after(async () => t?.close());

    /** Links of the "Det venter nu" section: [text, href]. */
    const waitingLinks = (html: string) => {
      const section = /<h2 id="waiting-heading">[^<]*<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
      return [...section.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2]!, m[1]!.replace(/&amp;/g, '&')]);
    };

    test('a round in review: its phase, its next deadline with the time left, and what waits with links to where it is done', async () => {
      const e = await buildEdition(db, { awardId, year: 2026, theme: 'Nærhed', ...inReview }, FIVE_CRITERIA);
      // Two eligible, one not screened, one screened out; consent pending for the unscreened, one eligible and the screened-out one.
      const states = [
        { screening: 'eligible', consent: 'accepted' },
        { screening: 'eligible', consent: 'pending' },
        { screening: 'pending', consent: 'pending' },
        { screening: 'not-eligible', consent: 'pending' },
      ] as const;
      const sent = await sendNominations(db, e.id, 4, (i) => states[i]!);
      const [a, b] = [
        await buildMember(db, { editionId: e.id, role: 'committee', isChair: true }),
        await buildMember(db, { editionId: e.id, role: 'committee' }),
      ];
      // A has scored both eligible nominations fully; B has a likely conflict (not decided) with the
      // second and has scored the first on four of five criteria: B is not finished.
      await writeReviews(db, [a.memberId, b.memberId], [sent[0]!.id, sent[1]!.id], e.criterionIds, (m, n) =>
        m === 0 ? 'complete' : n === 0 ? 'partial' : 'none',
      );
      await db.insert(conflictsOfInterest).values({
        memberId: b.memberId,
        nominationId: sent[1]!.id,
        origin: 'flagged',
        flag: 'same-unit',
        status: 'pending',
        createdAt: new Date('2026-10-02T10:00:00Z'),
      });
      for (let i = 0; i < 3; i++) await buildMember(db, { editionId: e.id, role: 'panel' });

      const res = await admin.get(`/admin/udgaver/${e.id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const html = res.body;
      assert.match(html, /<h1>Overblik: Dashboardprisen 2026<\/h1>/);
      assert.match(html, /<span class="badge badge-success">Offentliggjort<\/span>/);
      assert.match(html, /<strong>Fase: <\/strong><span>Komitéen bedømmer<\/span>/);
      // 27 November 16.30 in Copenhagen is 3 days and 3.5 hours after NOW (12.00 UTC, 13.00 in Copenhagen).
      assert.match(
        html,
        /<strong>Næste frist: <\/strong><span>Fristen for komitéens bedømmelser: 27\. november 2026 kl\. 16\.30 \(om 3 dage og 3 timer\)<\/span>/,
      );
      assert.deepEqual(waitingLinks(html), [
        ['1 indstilling venter på screening', `/admin/udgaver/${e.id}/indstillinger?screening=afventer`],
        ['2 indstillede har ikke svaret på samtykke', `/admin/udgaver/${e.id}/indstillinger`],
        ['1 af 2 komitémedlemmer mangler at bedømme', `/admin/udgaver/${e.id}/bedoemmelse`],
        ['1 mulig inhabilitet er hverken bekræftet eller afvist', `/admin/udgaver/${e.id}/bedoemmelse`],
        ['De nominerede er ikke valgt endnu (formanden vælger dem)', `/admin/udgaver/${e.id}/bedoemmelse`],
      ]);
      // The round's audit log, filtered to the round, and its exports.
      for (const href of [
        `/admin/organisationer/${rm}/log?runde=${e.id}`,
        `/admin/udgaver/${e.id}/indstillinger.csv`,
        `/admin/udgaver/${e.id}/indstillinger.xlsx`,
        `/admin/udgaver/${e.id}/dossier.pdf`,
        `/admin/udgaver/${e.id}/bedoemmelser.xlsx`,
        `/admin/udgaver/${e.id}/panel`,
        `/admin/udgaver/${e.id}/medlemmer`,
        `/admin/udgaver/${e.id}/rediger`,
        '/priser/dashboardprisen/2026',
      ])
        assert.ok(html.includes(`href="${href.replace(/&/g, '&amp;')}"`), href);
      const log = await admin.get(`/admin/organisationer/${rm}/log?runde=${e.id}`);
      assert.equal(log.statusCode, 200);

      // The chair records two nominees; one has a summary above LIX 40, one none yet.
      await db.insert(shortlists).values({ editionId: e.id, decidedAt: new Date('2026-11-20T10:00:00Z') });
      await db.insert(shortlistEntries).values([
        { editionId: e.id, nominationId: sent[0]!.id, position: 1 },
        { editionId: e.id, nominationId: sent[1]!.id, position: 2 },
      ]);
      await db
        .insert(nomineeSummaries)
        .values({ nominationId: sent[0]!.id, text: 'Langt og indviklet resumé.', lix: 45.2, updatedAt: new Date('2026-11-21T10:00:00Z') });
      const after = waitingLinks((await admin.get(`/admin/udgaver/${e.id}`)).body);
      assert.deepEqual(after.slice(4), [
        ['1 nomineret mangler et resumé til patientpanelet', `/admin/udgaver/${e.id}/panel`],
        ['1 resumé har en LIX på 40 eller mere', `/admin/udgaver/${e.id}/panel`],
      ]);

      // In English, with the same items.
      const en = await admin.get(`/admin/udgaver/${e.id}`, { cookie: `${[...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` });
      assert.match(en.body, /1 of 2 committee members have not finished reviewing/);
    });

    test('while the panel votes: who has not voted, out of the panel', async () => {
      const at = (y: number, m: number, d: number) => copenhagen(y, m, d, 12);
      const e = await buildEdition(db, {
        awardId,
        year: 2025,
        theme: 'Stemmer',
        opensAt: at(2026, 5, 1),
        closesAt: at(2026, 6, 1),
        nomineesPublishedAt: at(2026, 11, 1),
        votingOpensAt: at(2026, 11, 10),
        votingClosesAt: at(2026, 12, 1),
        winnerAnnouncedAt: at(2026, 12, 10),
        hasPatientPanel: true,
      });
      const panel = [];
      for (let i = 0; i < 3; i++) panel.push(await buildMember(db, { editionId: e.id, role: 'panel' }));
      await db.insert(panelVoters).values({ memberId: panel[0]!.memberId, editionId: e.id, firstCastAt: at(2026, 11, 12) });
      const html = (await admin.get(`/admin/udgaver/${e.id}`)).body;
      assert.match(html, /<span>Patientpanelet stemmer<\/span>/);
      assert.deepEqual(waitingLinks(html), [['2 af 3 i patientpanelet har ikke stemt', `/admin/udgaver/${e.id}/panel`]]);
      assert.match(html, /Fristen for patientpanelets stemmer: 1\. december 2026 kl\. 12\.00 \(om 6 dage og 23 timer\)/);
    });

    test('a draft says so, with a link to check and publish it; nothing else waits before it opens', async () => {
      const e = await buildEdition(db, {
        awardId,
        year: 2027,
        publishedAt: null,
        opensAt: copenhagen(2027, 1, 5, 12),
        closesAt: copenhagen(2027, 2, 5, 12),
        nomineesPublishedAt: copenhagen(2027, 4, 1, 12),
        winnerAnnouncedAt: copenhagen(2027, 5, 1, 12),
      });
      const html = (await admin.get(`/admin/udgaver/${e.id}`)).body;
      assert.match(html, /<span class="badge badge-warning">Kladde<\/span>/);
      assert.deepEqual(waitingLinks(html), [['Runden er en kladde: tjek og offentliggør den', `/admin/udgaver/${e.id}/rediger#publishing-heading`]]);
      assert.match(html, /Åbner for indstillinger: 5\. januar 2027 kl\. 12\.00 \(om 41 dage\)/);
    });

    test('/admin lists each of the administrator’s organisations’ rounds by stage, with what waits, and nobody else’s', async () => {
      const res = await admin.get('/admin');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const html = res.body;
      const section = (stage: string) => new RegExp(`<h3 id="organisation-${rm}-${stage}">([^<]+)</h3>([\\s\\S]*?)</section>`).exec(html);
      assert.equal(section('draft')?.[1], 'Kladder');
      assert.match(section('draft')![2]!, /Dashboardprisen 2027/);
      assert.match(section('in-review')![2]!, /Dashboardprisen 2026[\s\S]*1 indstilling venter på screening/);
      assert.match(section('voting')![2]!, /Dashboardprisen 2025[\s\S]*2 af 3 i patientpanelet har ikke stemt/);
      assert.equal(section('finished')?.[1], 'Afsluttede');
      // Stages in the order of the work.
      const order = ['draft', 'open', 'in-review', 'voting', 'finished'].map((s) => html.indexOf(`id="organisation-${rm}-${s}"`)).filter((i) => i >= 0);
      assert.deepEqual(
        order,
        [...order].sort((x, y) => x - y),
      );
      assert.ok(html.includes('aria-label="Overblik over Dashboardprisen 2026"'));
      // Danske Regioner's administrator sees their own rounds only.
      const theirs = (await other.get('/admin')).body;
      assert.ok(theirs.includes('Årets Borgerinddragende Initiativ'));
      assert.ok(!theirs.includes('Dashboardprisen') && !theirs.includes('Initiativprisen'));
    });

    test('only the organisation’s administrators see a dashboard: 403 for another organisation’s, sign-in for the public, 404 for no round', async () => {
      const round = await buildEdition(db, { awardId, year: 2031, theme: 'Adgang' });
      const refused = await other.get(`/admin/udgaver/${round.id}`);
      assert.equal(refused.statusCode, 403);
      assert.ok(!refused.body.includes('Dashboardprisen'));
      const anonymous = await new Client(t.app).get(`/admin/udgaver/${round.id}`);
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/log-ind\?tilbage=/);
      for (const id of ['999999', 'abc', '0', '2147483648']) assert.equal((await admin.get(`/admin/udgaver/${id}`)).statusCode, 404, id);
    });

    test('a fixed number of queries at 10 × 3 and at 300 nominations × 9 members × 5 criteria; the counts agree with the judging module', async () => {
      const build = async (year: number, n: number, members: number) => {
        const e = await buildEdition(db, { awardId, year, theme: `Størrelse ${n}`, ...inReview }, FIVE_CRITERIA);
        const sent = await sendNominations(db, e.id, n, (i) => ({
          screening: i % 10 === 0 ? 'pending' : i % 10 === 1 ? 'not-eligible' : 'eligible',
          consent: i % 3 === 0 ? 'pending' : 'accepted',
        }));
        const memberIds: number[] = [];
        for (let m = 0; m < members; m++) memberIds.push((await buildMember(db, { editionId: e.id, role: 'committee', isChair: m === 0 })).memberId);
        const eligible = sent.filter((s) => s.screening === 'eligible').map((s) => s.id);
        // Most members finish; member 1 leaves one nomination unscored, member 2 one partly scored.
        await writeReviews(db, memberIds, eligible, e.criterionIds, (m, i) => (m === 1 && i === 3 ? 'none' : m === 2 && i === 5 ? 'partial' : 'complete'));
        // Every member has declared a conflict with the first eligible nomination (nothing scored there),
        // but member 4's is a flag not yet decided (in force all the same, and waiting).
        await db.delete(reviews).where(eq(reviews.nominationId, eligible[0]!));
        await db.insert(conflictsOfInterest).values([
          ...memberIds.map((memberId, m) => ({
            memberId,
            nominationId: eligible[0]!,
            origin: 'declared' as const,
            status: 'confirmed' as const,
            reason: 'Kender dem',
            createdAt: new Date('2026-10-02T10:00:00Z'),
            decidedAt: new Date('2026-10-02T10:00:00Z'),
            ...(m === 4 ? { origin: 'flagged' as const, flag: 'same-unit' as const, status: 'pending' as const, decidedAt: null } : {}),
          })),
        ]);
        return e.id;
      };
      const small = await build(2040, 10, 3);
      const big = await build(2041, 300, 9);
      const few = await countQueries(db, () => admin.get(`/admin/udgaver/${small}`));
      const many = await countQueries(db, async () => {
        const res = await admin.get(`/admin/udgaver/${big}`);
        assert.equal(res.statusCode, 200);
        assert.deepEqual(waitingLinks(res.body).slice(0, 4), [
          ['30 indstillinger venter på screening', `/admin/udgaver/${big}/indstillinger?screening=afventer`],
          ['90 indstillede har ikke svaret på samtykke', `/admin/udgaver/${big}/indstillinger`],
          ['2 af 9 komitémedlemmer mangler at bedømme', `/admin/udgaver/${big}/bedoemmelse`],
          ['1 mulig inhabilitet er hverken bekræftet eller afvist', `/admin/udgaver/${big}/bedoemmelse`],
        ]);
      });
      // A signed-in request reads its session, user and roles (1); the round with its award and
      // organisation (1); nominations, judging and panel count what waits (1 each).
      const SIGNED_IN = 1;
      assert.equal(many, few);
      assert.equal(many, SIGNED_IN + 1 + 3, `dashboard uses ${many} queries`);
      console.log(`# dashboard queries on ${engine}: ${few} at 10 nominations × 3 members, ${many} at 300 nominations × 9 members × 5 criteria`);
      const overview = await countQueries(db, () => admin.get('/admin'));
      assert.equal(overview, SIGNED_IN + 1 + 3, `/admin uses ${overview} queries`);

      // The committee's count agrees with the judging module's own progress of each member.
      for (const id of [small, big]) {
        const data = await loadCommitteeOverview(db, id, { anonymise: false });
        const unfinished = data!.members.filter((m) => m.progress.done < m.progress.total).length;
        const counted = (await countJudgingWaiting(db, [id])).get(id)!;
        assert.equal(counted.unfinished, unfinished, `edition ${id}`);
        assert.equal(counted.committee, data!.members.length);
      }
    });
  });
}
