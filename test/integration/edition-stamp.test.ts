/**
 * The edition's stamp (editions.stamp, decision 0013): a process that cached a round trusts it
 * while the stamp is the same, so every change of what a nomination is sent against must renew
 * it, whoever writes it: the edition's row, its award, its organisation, its form sections,
 * criteria and e-mail templates, inserted, changed or deleted. On PostgreSQL, a send through the
 * API that meets a change in progress waits for it and then uses the round as changed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import {
  awards,
  criteria,
  editions,
  formSections,
  messageTemplates,
  nominations,
  organisations,
  outboxMessages,
  receiptCounters,
} from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildEdition } from '../harness/factories.js';
import { loadEditionForForm } from '../../src/nominations/nomination.service.js';

const NOW = '2026-11-24T12:00:00Z';

for (const engine of ENGINES) {
  describe(`the edition's stamp on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let edition: typeof editions.$inferSelect;

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      const rows = await db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      edition = rows.map((r) => r.e).sort((a, b) => b.year - a.year)[0]!;
    });
    after(async () => t?.close());

    const stampOf = async (id: number) => (await db.select({ stamp: editions.stamp }).from(editions).where(eq(editions.id, id)))[0]!.stamp;

    /** Runs `change` and says whether the edition's stamp is new after it. */
    async function renews(change: () => Promise<unknown>, id = edition.id): Promise<boolean> {
      const before = await stampOf(id);
      await change();
      return (await stampOf(id)) !== before;
    }

    test('every edition has a stamp, all different', async () => {
      const all = await db.select({ stamp: editions.stamp }).from(editions);
      assert.ok(all.length > 1);
      assert.equal(new Set(all.map((r) => r.stamp)).size, all.length);
    });

    test('a change of the edition, its award or its organisation renews it', async () => {
      assert.ok(await renews(() => db.update(editions).set({ theme: 'Nyt tema' }).where(eq(editions.id, edition.id))));
      assert.ok(
        await renews(() => db.update(editions).set({ closesAt: edition.closesAt }).where(eq(editions.id, edition.id))),
        'even one that writes the same value',
      );
      assert.ok(await renews(() => db.update(awards).set({ name: 'Årets Borgerinddragende Initiativ (nyt navn)' }).where(eq(awards.id, edition.awardId))));
      const award = (await db.select().from(awards).where(eq(awards.id, edition.awardId)))[0]!;
      assert.ok(await renews(() => db.update(organisations).set({ contactPhone: '+45 12 34 56 78' }).where(eq(organisations.id, award.organisationId))));
    });

    test('inserting, changing and deleting a form section, a criterion or an e-mail template renews it', async () => {
      let sectionId = 0;
      assert.ok(
        await renews(async () => {
          const [row] = await db
            .insert(formSections)
            .values({ editionId: edition.id, position: 90, heading: 'Ny', help: '', wordLimit: 10, required: false })
            .returning({ id: formSections.id });
          sectionId = row!.id;
        }),
      );
      assert.ok(await renews(() => db.update(formSections).set({ wordLimit: 20 }).where(eq(formSections.id, sectionId))));
      assert.ok(await renews(() => db.delete(formSections).where(eq(formSections.id, sectionId))));

      let criterionId = 0;
      assert.ok(
        await renews(async () => {
          const [row] = await db
            .insert(criteria)
            .values({ editionId: edition.id, position: 90, title: 'Nyt', description: 'Nyt kriterium' })
            .returning({ id: criteria.id });
          criterionId = row!.id;
        }),
      );
      assert.ok(await renews(() => db.update(criteria).set({ title: 'Ændret' }).where(eq(criteria.id, criterionId))));
      assert.ok(await renews(() => db.delete(criteria).where(eq(criteria.id, criterionId))));

      const template = {
        editionId: edition.id,
        kind: 'receipt',
        language: 'en' as const,
        subject: 'Receipt {{receipt}}',
        body: 'Thanks.',
        updatedAt: new Date(NOW),
      };
      assert.ok(await renews(() => db.insert(messageTemplates).values(template)));
      assert.ok(await renews(() => db.update(messageTemplates).set({ subject: 'Your receipt {{receipt}}' }).where(eq(messageTemplates.editionId, edition.id))));
      assert.ok(await renews(() => db.delete(messageTemplates).where(eq(messageTemplates.editionId, edition.id))));
    });

    test('a part moved to another edition renews both; deleting an edition with parts works', async () => {
      const other = await buildEdition(db, { awardId: edition.awardId, year: 2061 });
      const [{ id }] = (await db
        .insert(formSections)
        .values({ editionId: edition.id, position: 91, heading: 'Flyttes', help: '', wordLimit: null, required: false })
        .returning({ id: formSections.id })) as [{ id: number }];
      const [a, b] = [await stampOf(edition.id), await stampOf(other.id)];
      await db.update(formSections).set({ editionId: other.id, position: 1 }).where(eq(formSections.id, id));
      assert.notEqual(await stampOf(edition.id), a);
      assert.notEqual(await stampOf(other.id), b);
      await db.delete(editions).where(eq(editions.id, other.id));
      assert.equal((await db.select().from(formSections).where(eq(formSections.id, id))).length, 0, 'the cascade went through');
    });

    test('the edition read for the form carries the stamp it was read under', async () => {
      const read = (await loadEditionForForm(db, edition.id))!;
      assert.equal(read.edition.stamp, await stampOf(edition.id));
    });

    if (engine === 'postgres') {
      const body = async (title: string) => {
        const form = (await loadEditionForForm(db, edition.id))!.form;
        return {
          nominator: { name: 'Lise Jensen', email: 'lise@eksempel.dk', isCitizen: false, workplace: 'AUH' },
          nominee: { kind: 'team', names: 'Team Hjemmedialyse', unit: 'Nyremedicinsk', organisation: 'AUH', email: 'team@eksempel.dk' },
          title,
          summary: 'Kort resumé.',
          criterionIds: [form.criteria[0]!.id],
          answers: Object.fromEntries(form.sections.map((s) => [String(s.id), `Tekst om ${s.heading}.`])),
        };
      };
      const post = async (payload: unknown, key: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/editions/${edition.id}/nominations`,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
        });

      /** Runs `send` while another connection holds an uncommitted change (`change`), checks it waits, commits the change and returns the answer. */
      async function sendDuring<T>(change: (c: pg.Client) => Promise<unknown>, send: () => Promise<T>): Promise<T> {
        const client = new pg.Client({ connectionString: t.database.url });
        await client.connect();
        try {
          await client.query('begin');
          await change(client);
          let settled = false;
          const sending = send().finally(() => {
            settled = true;
          });
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(settled, false, 'the send waits for the change');
          await client.query('commit');
          return await sending;
        } finally {
          await client.end();
        }
      }

      test('a send through the API waits for a template being changed, then writes the new text (the cached round is read again)', async () => {
        assert.equal((await post(await body('Varm'), 'stamp-warm')).statusCode, 201); // cached now
        const res = await sendDuring(
          (c) =>
            c.query(
              `insert into message_templates (edition_id, kind, language, subject, body, updated_at) values ($1, 'receipt', 'da', 'Ny kvittering {{receipt}}', 'Tak.', now())`,
              [edition.id],
            ),
          async () => post(await body('Under ændring'), 'stamp-during'),
        );
        assert.equal(res.statusCode, 201, res.body);
        const receipt = (
          await db
            .select()
            .from(outboxMessages)
            .where(eq(outboxMessages.dedupeKey, `receipt:${res.json().id}:2`))
        )[0]!;
        assert.equal(receipt.subject, `Ny kvittering ${res.json().receiptNumber}`);
        await db.delete(messageTemplates).where(eq(messageTemplates.editionId, edition.id));
      });

      test('a send through the API waits for a change of the deadline, then is refused by it', async () => {
        assert.equal((await post(await body('Varm 2'), 'stamp-warm-2')).statusCode, 201);
        const closesAt = edition.closesAt!;
        try {
          const res = await sendDuring(
            (c) => c.query(`update editions set closes_at = $2 where id = $1`, [edition.id, new Date(new Date(NOW).getTime() - 60_000)]),
            async () => post(await body('For sent'), 'stamp-late'),
          );
          assert.equal(res.statusCode, 409, res.body);
          assert.equal(res.json().type, '/problems/deadline-passed');
          assert.equal((await db.select().from(nominations).where(eq(nominations.idempotencyKey, 'stamp-late'))).length, 0);
        } finally {
          await db.update(editions).set({ closesAt }).where(eq(editions.id, edition.id));
        }
      });

      test('many sends at once, some with the same key: one nomination per key, receipt numbers without gaps', async () => {
        const counter = async () => (await db.select().from(receiptCounters).where(eq(receiptCounters.editionId, edition.id)))[0]!.lastNumber;
        const first = await counter();
        const keys = Array.from({ length: 12 }, (_, i) => `stamp-burst-${i % 6}`);
        const answers = await Promise.all(keys.map(async (k) => post(await body(k), k)));
        assert.deepEqual(answers.map((a) => a.statusCode).sort(), [...Array(6).fill(200), ...Array(6).fill(201)]);
        const rows = await db.select().from(nominations).where(eq(nominations.editionId, edition.id));
        const mine = rows.filter((r) => r.idempotencyKey?.startsWith('stamp-burst-'));
        assert.equal(mine.length, 6);
        assert.equal(await counter(), first + 6, 'no number drawn and lost');
        const numbers = mine.map((r) => Number(r.receiptNumber!.slice(-4))).sort((a, b) => a - b);
        assert.deepEqual(
          numbers,
          Array.from({ length: 6 }, (_, i) => first + 1 + i),
        );
      });
    }
  });
}
