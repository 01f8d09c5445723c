/**
 * The form of an edition locks when its first nomination is sent. A nomination's form is read
 * before the sending transaction, so an administrator's save of the sections may come in
 * between: the send then checks against the saved form, never the stale one. On PostgreSQL,
 * a send waits for a list save that holds the edition row, and the other way round.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { awards, nominations } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildNomination, buildEdition } from '../harness/factories.js';
import { formFingerprint, loadEditionForForm, sendNomination } from '../../src/nominations/nomination.service.js';
import { lockEditionForm } from '../../src/nominations/nominations.repo.js';
import { saveEditionList } from '../../src/awards/setup.service.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const mail = { baseUrl: 'http://prisportal.test' };

for (const engine of ENGINES) {
  describe(`the form lock against a concurrent send on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let awardId: number;
    let year = 2040;

    /** A round open at NOW, with one required section. */
    async function openEdition() {
      const e = await buildEdition(db, {
        awardId,
        year: year++,
        opensAt: new Date('2026-11-01T10:00:00Z'),
        closesAt: new Date('2026-12-01T10:00:00Z'),
        nomineesPublishedAt: new Date('2027-01-01T10:00:00Z'),
        winnerAnnouncedAt: new Date('2027-02-01T10:00:00Z'),
      });
      const saved = await saveEditionList({
        db,
        actor: 'system' as never,
        editionId: e.id,
        kind: 'form-sections',
        items: [{ id: null, heading: 'Beskrivelse', help: '', wordLimit: 200, required: true }],
        now: NOW,
      });
      assert.deepEqual(saved, { ok: true });
      return e.id;
    }

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      awardId = (await db.select().from(awards).where(eq(awards.slug, 'initiativprisen')))[0]!.id;
    });
    after(async () => t?.close());

    test('the fingerprint made in SQL equals the one of the form read earlier (no needless reload)', async () => {
      const editionId = await openEdition();
      const edition = (await loadEditionForForm(db, editionId))!;
      const inSql = await db.transaction(async (tx) => lockEditionForm(tx as unknown as Database, editionId));
      assert.equal(inSql, formFingerprint(edition.form));
      assert.equal(await db.transaction(async (tx) => lockEditionForm(tx as unknown as Database, 999999)), null);
    });

    test('a required section added after the form was read is checked when sending', async () => {
      const editionId = await openEdition();
      const draft = await buildNomination(db, { editionId, status: 'draft' });
      const stale = (await loadEditionForForm(db, editionId))!;
      const sections = stale.form.sections.map((s) => ({ id: s.id, heading: s.heading, help: s.help, wordLimit: s.wordLimit, required: s.required }));
      const saved = await saveEditionList({
        db,
        actor: 'system' as never,
        editionId,
        kind: 'form-sections',
        items: [...sections, { id: null, heading: 'Resultater', help: '', wordLimit: 100, required: true }],
        now: NOW,
      });
      assert.deepEqual(saved, { ok: true });

      const result = await sendNomination({ db, edition: stale, nominationId: draft.id, expectedVersion: draft.version, now: NOW, mail });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, 'incomplete');
      const row = (await db.select().from(nominations).where(eq(nominations.id, draft.id)))[0]!;
      assert.equal(row.status, 'draft', 'nothing was sent');
      assert.equal(row.receiptNumber, null);

      // With the form as it is now, and the new section answered, it goes through.
      const fresh = (await loadEditionForForm(db, editionId))!;
      const added = fresh.form.sections[1]!.id;
      await db
        .update(nominations)
        .set({ answers: { ...row.answers, [String(added)]: 'Færre genindlæggelser.' } })
        .where(eq(nominations.id, draft.id));
      const ok = await sendNomination({ db, edition: stale, nominationId: draft.id, expectedVersion: row.version, now: NOW, mail });
      assert.equal(ok.ok, true, JSON.stringify(ok));
      // And the form is now locked.
      const locked = await saveEditionList({ db, actor: 'system' as never, editionId, kind: 'form-sections', items: [], now: NOW });
      assert.equal(locked.ok, false);
    });

    if (engine === 'postgres') {
      test('a send waits while a save of the form holds the edition row, then sees the saved form', async () => {
        const editionId = await openEdition();
        const draft = await buildNomination(db, { editionId, status: 'draft' });
        const stale = (await loadEditionForForm(db, editionId))!;
        const client = new pg.Client({ connectionString: t.database.url });
        await client.connect();
        try {
          // An administrator's save in progress: the row is locked FOR UPDATE, a required section added.
          await client.query('begin');
          await client.query('select id from editions where id = $1 for update', [editionId]);
          await client.query(`insert into form_sections (edition_id, position, heading, help, word_limit, required) values ($1, 99, 'Ny', '', null, true)`, [
            editionId,
          ]);
          let settled = false;
          const sending = sendNomination({ db, edition: stale, nominationId: draft.id, expectedVersion: draft.version, now: NOW, mail }).finally(() => {
            settled = true;
          });
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(settled, false, 'the send waits for the save');
          await client.query('commit');
          const result = await sending;
          assert.equal(!result.ok && result.reason, 'incomplete', 'checked against the saved form');
        } finally {
          await client.end();
        }
      });
    }
  });
}
