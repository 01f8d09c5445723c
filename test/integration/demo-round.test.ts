/**
 * The finished demo round of `npm start` (Initiativprisen 2025, fictional), on PGlite and on
 * a real PostgreSQL server: made once, and then public as any finished round is — nominees and
 * winner on the edition page and in the archive — with a committee overview that has figures.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { awards, editions, nominations, reviewScores } from '../../src/db/schema.js';
import { seedDemoJudgedRound } from '../../src/db/seed/demo-round.js';
import { loadCommitteeOverview } from '../../src/judging/overview.service.js';
import { findShortlist } from '../../src/judging/shortlist.repo.js';
import { findWinner } from '../../src/panel/winner.service.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';

const NOW = new Date('2026-11-24T12:00:00Z');

for (const engine of ENGINES) {
  describe(`the demo round on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let editionId: number;

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
    });
    after(async () => t?.close());

    test('is made once: a second run (a restart) changes nothing', async () => {
      assert.deepEqual(await seedDemoJudgedRound(db, NOW), { created: true });
      assert.deepEqual(await seedDemoJudgedRound(db, NOW), { created: false });
      const [e] = await db
        .select({ id: editions.id })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2025)));
      editionId = e!.id;
      assert.equal((await db.select().from(nominations).where(eq(nominations.editionId, editionId))).length, 8);
    });

    test('is not made when its winner would not be announced yet', async () => {
      const early = await startTestApp(engine, '2025-06-01T12:00:00Z');
      try {
        assert.deepEqual(await seedDemoJudgedRound(early.database.db, new Date('2025-06-01T12:00:00Z')), { created: false });
      } finally {
        await early.close();
      }
    });

    test('five nominees, a committee winner among them, and scores from five members on the 1–5 scale', async () => {
      const shortlist = await findShortlist(db, editionId);
      assert.equal(shortlist?.nominationIds.length, 5);
      const winner = await findWinner(db, editionId);
      assert.equal(winner.kind, 'winner');
      assert.ok(winner.kind === 'winner' && shortlist!.nominationIds[0] === winner.nominationId && winner.basis === 'committee');
      const scores = await db.select({ score: reviewScores.score }).from(reviewScores);
      assert.ok(scores.length >= 8 * 5 * 5);
      assert.ok(scores.every((s) => s.score >= 1 && s.score <= 5));
      const overview = (await loadCommitteeOverview(db, editionId, { anonymise: { secret: 'demo-round-test-secret' } }))!;
      assert.equal(overview.nominations.length, 8);
      assert.equal(overview.members.length, 5);
      assert.equal(overview.tooFew, null);
      assert.equal(typeof overview.alpha.alpha, 'number');
    });

    test('the edition page and the archive show the nominees and the winner, never a nominator', async () => {
      const page = await t.app.inject('/priser/initiativprisen/2025');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Hjem med hjertet – opfølgning på video efter hjerteoperation \(demo\)/);
      assert.doesNotMatch(page.body, /Indstiller \d \(demo\)/);
      assert.doesNotMatch(page.body, /Grønne gange mellem afsnittene/, 'not a nominee');
      const archive = await t.app.inject('/arkiv');
      assert.equal(archive.statusCode, 200);
      assert.match(archive.body, /Hjem med hjertet/);
    });
  });
}
