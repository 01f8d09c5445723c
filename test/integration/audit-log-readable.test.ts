/**
 * A readable audit log (issue 14, item 7), on PGlite and on a real PostgreSQL server. A demo
 * year (the finished demo round) plus a screening, a shortlist and the publication notices are
 * run through the modules' own services; then every key in the log must have a Danish and
 * English label (the harness checks the same when any test's database closes, so the actions
 * of every other test are covered too), and the page must name nominations by receipt number
 * and title, link them, and show no raw key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, sql } from 'drizzle-orm';
import { inTransaction, type Database } from '../../src/db/database.js';
import { awards, editions, nominations, organisations, users } from '../../src/db/schema.js';
import { findAuditEvents, findAuditReferences } from '../../src/audit/audit.repo.js';
import { referencedIds } from '../../src/audit/audit-references.js';
import { seedDemoJudgedRound } from '../../src/db/seed/demo-round.js';
import { recordAudit } from '../../src/platform/audit.js';
import { decideShortlist } from '../../src/judging/shortlist.service.js';
import { screenNomination } from '../../src/nominations/admin-api.service.js';
import { enqueueDuePublicationNotices } from '../../src/publication/index.js';
import type { Actor } from '../../src/accounts/index.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';
import { unlabelledAuditKeys } from '../harness/audit-labels.js';

const NOW = new Date('2026-11-24T12:00:00Z');

for (const engine of ENGINES) {
  describe(`a readable audit log on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let rm: number;
    let adminUserId: number;
    let shortlisted: { id: number; receiptNumber: string | null; title: string }[];

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
      rm = org!.id;
      const admin = await createUser(db, { email: 'log@rm.dk', name: 'Lone Log', adminOf: [rm] });
      adminUserId = admin.id;

      // A whole demo year (Initiativprisen 2025), made with the modules' own functions.
      assert.deepEqual(await seedDemoJudgedRound(db, NOW), { created: true });

      // A round of Statusloggen whose nominees were published yesterday: screening, the chair's
      // shortlist and the publication notices, each through its service.
      const [award] = await db
        .insert(awards)
        .values({
          organisationId: rm,
          slug: 'statusloggen',
          name: 'Statusloggen',
          summary: 'En pris.',
          description: 'En pris til prøve.',
          establishedYear: 2020,
        })
        .returning();
      const e = await buildEdition(db, {
        awardId: award!.id,
        year: 2027,
        opensAt: new Date('2026-09-01T10:00:00Z'),
        closesAt: new Date('2026-10-01T10:00:00Z'),
        nomineesPublishedAt: new Date('2026-11-23T12:00:00Z'),
        winnerAnnouncedAt: new Date('2027-01-20T12:00:00Z'),
        nomineeCountMin: 2,
        nomineeCountMax: 3,
      });
      const at = new Date('2026-09-15T10:00:00Z');
      for (const title of ['Ventetid uden ventetid', 'Kaffe med patienten', 'Sengen ved vinduet']) {
        await buildNomination(db, { editionId: e.id, title, nomineeConsent: 'accepted', nomineeEmail: 'kandidat@example.dk' }, { at });
      }
      const rows = await db
        .select({ id: nominations.id, receiptNumber: nominations.receiptNumber, title: nominations.title })
        .from(nominations)
        .where(eq(nominations.editionId, e.id))
        .orderBy(asc(nominations.id));
      const chair = await buildMember(db, { editionId: e.id, role: 'committee', isChair: true, name: 'Formand Frederiksen' });
      const [chairUser] = await db.select().from(users).where(eq(users.id, chair.userId));
      const actorOf = (memberships: Extract<Actor, { kind: 'user' }>['memberships'], adminOf: number[]): Actor => ({
        kind: 'user',
        user: chairUser!,
        adminOf: new Set(adminOf),
        memberships,
        idleExpiresAt: null,
        via: 'session',
      });
      for (const n of rows) {
        const r = await screenNomination({ db, actor: actorOf([], [rm]), nominationId: n.id, decision: 'eligible', now: new Date('2026-10-02T10:00:00Z') });
        assert.ok(r.ok);
      }
      shortlisted = rows.slice(0, 2);
      const decided = await decideShortlist({
        db,
        actor: actorOf([{ editionId: e.id, role: 'committee', isChair: true }], []),
        editionId: e.id,
        nominationIds: shortlisted.map((n) => n.id),
        // Recorded once the review has closed (judging's shortlistTiming).
        now: e.reviewClosesAt ?? e.nomineesPublishedAt!,
      });
      assert.deepEqual(decided, { ok: true });
      await enqueueDuePublicationNotices({ db, now: NOW, publicBaseUrl: 'http://prisportal.test' });
    });
    after(async () => t?.close());

    test('every key in the log has a Danish and English label', async () => {
      // The run above recorded events of several kinds.
      const kinds = await db.selectDistinct({ action: sql<string>`action` }).from(sql`audit_events`);
      assert.ok(kinds.length >= 4, `${kinds.length} kinds of event`);
      assert.deepEqual(await unlabelledAuditKeys(db), []);
    });

    test('the check finds a key without a label', async () => {
      const sentinel = new Error('roll back');
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await recordAudit(
            tx,
            { actor: 'system', action: 'award.update', entityType: 'award', entityId: 1, organisationId: rm, after: { flyingCarpet: 1 } },
            NOW,
          );
          assert.deepEqual(await unlabelledAuditKeys(tx), [{ action: 'award.update', key: 'flyingCarpet' }]);
          throw sentinel;
        }),
        (err) => err === sentinel,
      );
    });

    test('the page names nominations by receipt number and title, links them, and shows no raw key', async () => {
      const admin = await signedInAgent(t.app, db, adminUserId, NOW);
      const res = await admin.get(`/admin/organisationer/${rm}/log`);
      assert.equal(res.statusCode, 200);
      const body = res.body;
      // The shortlist: "Indstillinger" with the nominations' receipt numbers and titles, not "nominationIds 9; 11".
      const names = shortlisted.map((n) => `${n.receiptNumber} ${n.title}`).join('; ');
      assert.ok(body.includes(`<dt>Indstillinger</dt>`), 'nominationIds is labelled');
      assert.ok(body.includes(`Efter: ${names}`), `the shortlist reads ${names}`);
      // Screening: "Hvad" names and links the nomination.
      const first = shortlisted[0]!;
      assert.ok(body.includes(`<a href="/admin/indstillinger/${first.id}">Indstilling: ${first.receiptNumber} ${first.title}</a>`));
      assert.ok(body.includes('Efter: Egnet'), 'the screening state in words');
      // The notices: "Besked om: De nominerede", "E-mails sat i kø".
      assert.ok(body.includes('<dt>Besked om</dt>') && body.includes('Efter: De nominerede'));
      assert.ok(body.includes('<dt>E-mails sat i kø</dt>'));
      for (const raw of ['nominationIds', 'reviewClosesAt', '<dt>kind</dt>', '<dt>mails</dt>', '<dt>state</dt>', '<dt>memberId</dt>', '<dt>scores</dt>']) {
        assert.ok(!body.includes(raw), `no raw ${raw}`);
      }
      // In English, the same page in English words.
      admin.setCookie('lang', 'en');
      const en = (await admin.get(`/admin/organisationer/${rm}/log`)).body;
      assert.ok(en.includes('<dt>Notice of</dt>') && en.includes('After: The nominees'));
      assert.ok(en.includes('<dt>Nominations</dt>'));
    });

    test('names are read with a fixed number of queries, however many events the page shows', async () => {
      const page = await findAuditEvents(db, {
        organisationId: rm,
        action: null,
        editionId: null,
        actorUserId: null,
        from: null,
        to: null,
        page: 1,
        pageSize: 50,
      });
      const ids = referencedIds(page.rows.map((r) => r.event));
      assert.ok(ids.nominations.length >= 3);
      let queries = 0;
      const counting = new Proxy(db, {
        get(target, prop, receiver) {
          if (prop === 'select') queries++;
          return Reflect.get(target, prop, receiver);
        },
      });
      const refs = await findAuditReferences(counting, rm, ids);
      assert.ok(queries <= 6, `${queries} queries`);
      for (const n of shortlisted) assert.equal(refs.nominations.get(n.id)?.title, n.title);
      // Another organisation's nomination is never named here.
      const [other] = await db
        .select({ id: nominations.id })
        .from(nominations)
        .innerJoin(editions, eq(editions.id, nominations.editionId))
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .innerJoin(organisations, eq(organisations.id, awards.organisationId))
        .where(and(eq(organisations.slug, 'danske-regioner')))
        .limit(1);
      if (other) assert.equal((await findAuditReferences(db, rm, { ...ids, nominations: [other.id] })).nominations.size, 0);
    });
  });
}
