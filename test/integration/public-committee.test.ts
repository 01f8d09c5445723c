/**
 * One committee list (issue 14, item 4): a committee member who signs in is also the public
 * seat, with party letter or the organisation represented; a seat without an account stays
 * possible; a member who also has a seat of the same name is listed once. On both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, committeeSeats, editionMembers } from '../../src/db/schema.js';
import { createUser } from '../harness/accounts.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildEdition } from '../harness/factories.js';

const NOW = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`the published committee on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let slug: string;
    let year: number;
    const db = () => t.database.db;

    before(async () => {
      t = await startTestApp(engine, NOW);
      const [award] = await db().select().from(awards).where(eq(awards.slug, 'initiativprisen'));
      slug = award!.slug;
      const e = await buildEdition(db(), { awardId: award!.id, theme: 'Komité' });
      year = e.year;
      // A seat without an account, a seat that is also a member, and two members without seats.
      await db()
        .insert(committeeSeats)
        .values([
          { editionId: e.id, position: 1, name: 'Politiker Uden Konto', partyLetter: 'A' },
          { editionId: e.id, position: 2, name: 'Berit Både', represents: 'Region Midtjylland' },
        ]);
      await createUser(db(), { email: 'bb@rm.dk', name: 'Berit Både', members: [{ editionId: e.id, role: 'committee', represents: 'Region Midtjylland' }] });
      await createUser(db(), { email: 'fm@rm.dk', name: 'Frida Formand', members: [{ editionId: e.id, role: 'committee', isChair: true, partyLetter: 'V' }] });
      await createUser(db(), { email: 'pb@borger.dk', name: 'Panel Borger', members: [{ editionId: e.id, role: 'panel' }] });
      const removed = await createUser(db(), { email: 'ud@rm.dk', name: 'Udtrådt Medlem', members: [{ editionId: e.id, role: 'committee' }] });
      await db()
        .update(editionMembers)
        .set({ removedAt: new Date(NOW) })
        .where(eq(editionMembers.userId, removed.id));
    });
    after(async () => t?.close());

    test('members who sign in are public seats without being typed in twice; panel and removed members are not', async () => {
      const page = await t.app.inject(`/priser/${slug}/${year}`);
      assert.equal(page.statusCode, 200);
      const items = [...page.body.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!);
      const committee = items.filter((i) => /Politiker|Berit|Frida|Panel|Udtrådt/.test(i));
      assert.deepEqual(committee, ['Politiker Uden Konto (A)', 'Berit Både – Region Midtjylland', 'Frida Formand (V), formand']);
    });
  });
}
