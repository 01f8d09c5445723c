/**
 * The panel's count is reproducible from the stored ballots: Wikipedia's Schulze example (45
 * voters, 5 candidates; "Schulze method", section "Example") stored as ballot rows gives the
 * published d, p and order through countBallots and findWinner, on PGlite and on PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, ballots, shortlistEntries, shortlists } from '../../src/db/schema.js';
import type { Database } from '../../src/db/database.js';
import { countBallots, findWinner } from '../../src/panel/winner.service.js';
import { ENGINES, openTestDatabase, type TestDatabase } from '../harness/databases.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { buildNomination, buildEdition } from '../harness/factories.js';

const GROUPS: [number, string][] = [
  [5, 'ACBED'],
  [5, 'ADECB'],
  [8, 'BEDAC'],
  [3, 'CABED'],
  [7, 'CAEBD'],
  [2, 'CBADE'],
  [7, 'DCEBA'],
  [8, 'EBADC'],
];

for (const engine of ENGINES) {
  describe(`the Schulze count of stored ballots on ${engine}`, () => {
    let database: TestDatabase;
    let db: Database;
    let editionId: number;
    const id: Record<string, number> = {};

    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      const now = new Date('2030-01-01T12:00:00Z');
      await seedDemoData(db, now);
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const e = await buildEdition(db, {
        awardId: award!.id,
        year: 2095,
        opensAt: new Date('2029-01-10T11:00:00Z'),
        closesAt: new Date('2029-02-01T11:00:00Z'),
        nomineesPublishedAt: new Date('2029-02-10T11:00:00Z'),
        votingOpensAt: new Date('2029-02-15T11:00:00Z'),
        votingClosesAt: new Date('2029-03-08T11:00:00Z'),
        winnerAnnouncedAt: new Date('2029-03-20T11:00:00Z'),
        hasPatientPanel: true,
      });
      editionId = e.id;
      for (const letter of 'ABCDE') id[letter] = (await buildNomination(db, { editionId, title: `Kandidat ${letter}` })).id;
      await db.insert(shortlists).values({ editionId, decidedAt: now });
      // The shortlist's order is not the alphabet: the count must not depend on it.
      await db.insert(shortlistEntries).values(['D', 'C', 'E', 'A', 'B'].map((l, i) => ({ editionId, nominationId: id[l]!, position: i + 1 })));
      let voter = 0;
      for (const [n, order] of GROUPS) {
        for (let k = 0; k < n; k++) {
          await db.insert(ballots).values({ editionId, voterKey: `voter-${++voter}`, ranking: order.split('').map((l) => id[l]!) });
        }
      }
    });
    after(async () => database?.close());

    test("45 stored ballots give Wikipedia's d, p, order E > A > C > B > D and the winner E", async () => {
      const count = await countBallots(db, editionId);
      assert.equal(count.ballotCount, 45);
      const r = count.result!;
      // Candidates in the shortlist's order D, C, E, A, B; re-index to A..E to compare with the article.
      const at = (l: string) => r.candidates.indexOf(String(id[l]));
      const byLetter = (m: number[][]) => [...'ABCDE'].map((x) => [...'ABCDE'].map((y) => m[at(x)]![at(y)]!));
      assert.deepEqual(byLetter(r.d), [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
      ]);
      assert.deepEqual(byLetter(r.p), [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
      ]);
      assert.deepEqual(
        r.ordering,
        ['E', 'A', 'C', 'B', 'D'].map((l) => String(id[l])),
      );
      assert.equal(r.tie, false);
      assert.deepEqual(await findWinner(db, editionId), { kind: 'winner', nominationId: id.E, basis: 'panel' });
    });

    test('counting again gives the same result, and a stored ballot that does not rank the nominees is left out', async () => {
      const first = await countBallots(db, editionId);
      assert.deepEqual(await countBallots(db, editionId), first);
      await db.insert(ballots).values({ editionId, voterKey: 'incomplete', ranking: [id.A!, id.B!] });
      const again = await countBallots(db, editionId);
      assert.equal(again.ballotCount, 45);
      assert.deepEqual(again.result, first.result);
    });
  });
}
