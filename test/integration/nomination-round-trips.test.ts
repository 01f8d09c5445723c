/**
 * Sending a nomination through the API costs few round trips to the database (issue 18): with
 * the edition read once (edition-cache.ts), a send is one statement, which counts the rate-limit
 * hit and commits as it ends (decision 0013). The form's Send is one transaction of BEGIN, two statements
 * and COMMIT. Counted on the real engines (test/harness/statements.ts), not a mock. What the
 * statements write is the same as before: the row, its receipt number and both e-mails with the
 * keys the e-mail functions give.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, like } from 'drizzle-orm';
import {
  awards,
  editions,
  formSections,
  messageTemplates,
  nominationAttachments,
  nominations,
  outboxMessages,
  rateLimitBuckets,
  receiptCounters,
} from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { buildApp } from '../../src/app.js';
import { startTestApp } from '../harness/app.js';
import { recordStatements, transactionOf } from '../harness/statements.js';
import {
  fieldsOf,
  formatReceiptNumber,
  loadEditionForForm,
  nominatorFieldsOf,
  SUBMIT_ATTEMPTS,
  saveNomination,
  sendNomination,
  submitNomination,
} from '../../src/nominations/nomination.service.js';
import { buildAttachment, buildNomination, storedFileRows } from '../harness/factories.js';
import { nomineeNoticeMail, receiptMail } from '../../src/nominations/nomination-mails.js';
import { htmlPartOf } from '../../src/mail/outbox.js';

/** At most this many round trips from BEGIN to COMMIT, both included, for the form's Send (issue 18). */
const MAX_IN_TRANSACTION = 4;

for (const engine of ENGINES) {
  describe(`round trips of a nomination sent through the API on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;

    /** An app on the test's database whose API sends count against a rate-limit rule of their own (`name`, `limit` a minute). */
    const appWithSendLimit = (name: string, limit: number) =>
      buildApp({
        db: t.database.db,
        clock: t.clock,
        pageCacheMs: 0,
        publicBaseUrl: 'http://prisportal.test',
        rateLimits: { nominationSend: { name, limit, windowMs: 60_000 } },
      });
    let edition: typeof editions.$inferSelect;
    let body: (i: number) => Record<string, unknown>;

    before(async () => {
      t = await startTestApp(engine);
      const rows = await t.database.db
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      edition = rows.map((r) => r.e).sort((a, b) => b.year - a.year)[0]!;
      const form = (await loadEditionForForm(t.database.db, edition.id))!.form;
      body = (i) => ({
        nominator: { name: `Lise ${i}`, email: `lise${i}@eksempel.dk`, isCitizen: false, workplace: 'AUH' },
        nominee: { kind: 'team', names: 'Team Hjemmedialyse', unit: 'Nyremedicinsk', organisation: 'AUH', email: `team${i}@eksempel.dk` },
        title: `Video-konsultationer ${i}`,
        summary: 'Kort resumé.',
        criterionIds: [form.criteria[0]!.id],
        answers: Object.fromEntries(form.sections.map((s) => [String(s.id), `Tekst om ${s.heading}.`])),
      });
    });
    after(async () => t?.close());

    const post = (payload: unknown, key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/nominations`,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      });

    test('a send is one statement, with the rate-limit hit in it and no transaction around it', async () => {
      await post(body(0), 'round-trips-warm'); // the edition is read and cached by the first send
      const { result, statements } = await recordStatements(engine, t.database.db, () => post(body(1), 'round-trips-1'));
      assert.equal(result.statusCode, 201, result.body);
      assert.equal(statements.length, 1, `${statements.length} statements:\n${statements.join('\n---\n')}`);
      assert.ok(!statements.some((s) => /^\s*(begin|commit)\s*$/i.test(s)), statements.join('\n---\n'));
    });

    test('a retried request (same key) is refused by the unique key in that statement, which writes nothing, and answered with the first nomination', async () => {
      const first = await post(body(2), 'round-trips-2');
      assert.equal(first.statusCode, 201, first.body);
      const counter = async () => (await t.database.db.select().from(receiptCounters).where(eq(receiptCounters.editionId, edition.id)))[0]!.lastNumber;
      const before = await counter();
      const { result, statements } = await recordStatements(engine, t.database.db, () => post(body(2), 'round-trips-2'));
      assert.equal(result.statusCode, 200, result.body);
      assert.equal(result.json().receiptNumber, first.json().receiptNumber);
      assert.equal(statements.length, 3, `the statement (rolled back), the hit, the nomination read: ${statements.join('\n---\n')}`);
      assert.equal(await counter(), before, 'no receipt number used up');
    });

    test('sending through the API is limited per address: every request counts, refused ones too, and one over the limit writes nothing', async () => {
      // A rule of its own: the other tests' requests count under the default one.
      const app = await appWithSendLimit('nomination-send-test', 4);
      const send = (payload: unknown, key: string, id = edition.id) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/editions/${id}/nominations`,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
        });
      assert.equal((await send(body(20), 'limit-1')).statusCode, 201);
      assert.equal((await send({ ...body(20), title: '' }, 'limit-2')).statusCode, 422, 'refused by the rules: counted');
      assert.equal((await send(body(20), 'limit-1')).statusCode, 200, 'a retry: counted');
      assert.equal((await send(body(20), 'limit-4', 999_999)).statusCode, 404, 'no such edition: counted');
      const over = await send({ ...body(20), title: 'For mange' }, 'limit-3');
      assert.equal(over.statusCode, 429, over.body);
      assert.ok(Number(over.headers['retry-after']) > 0);
      assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.idempotencyKey, 'limit-3'))).length, 0, 'nothing written');
      assert.equal((await send(body(20), 'limit-1')).statusCode, 429, 'a retry over the limit too');
      // The window restarts.
      t.clock.advance(60_001);
      const again = await send({ ...body(20), title: 'For mange' }, 'limit-3');
      assert.equal(again.statusCode, 201, again.body);
      await app.close();
    });

    // The leftover of decision 0013: a send whose round changed under each of its attempts threw
    // (a 500). Here the round is changed (the edition's row updated, so its stamp renewed by the
    // trigger) just before every sending statement, as an organiser saving again and again would.
    test(`a round changed under every one of the ${SUBMIT_ATTEMPTS} attempts of a send: 409 with Retry-After, nothing written, the hit counted once`, async () => {
      const app = await appWithSendLimit('nomination-send-changing', 100);
      await post(body(30), 'changing-warm'); // the round is cached
      const client = (t.database.db as unknown as { session: { client: { query: (...args: unknown[]) => Promise<unknown> } } }).session.client;
      const original = client.query;
      let changes = 0;
      client.query = async function (this: unknown, ...args: unknown[]) {
        const first = args[0];
        const text = typeof first === 'string' ? first : String((first as { text?: string }).text ?? '');
        if (/^with hit as/.test(text.trim())) {
          changes++;
          await original.call(client, 'update editions set year = year where id = $1', [edition.id]);
        }
        return original.apply(client, args);
      };
      let res: Awaited<ReturnType<typeof app.inject>>;
      try {
        res = await app.inject({
          method: 'POST',
          url: `/api/v1/editions/${edition.id}/nominations`,
          payload: JSON.stringify(body(31)),
          headers: { 'content-type': 'application/json', 'idempotency-key': 'changing-1' },
        });
      } finally {
        client.query = original;
        await app.close();
      }
      assert.equal(changes, SUBMIT_ATTEMPTS, 'every attempt met a changed round');
      assert.equal(res.statusCode, 409, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().type, '/problems/round-changing');
      assert.ok(Number(res.headers['retry-after']) >= 1, 'Retry-After');
      assert.equal((await t.database.db.select().from(nominations).where(eq(nominations.idempotencyKey, 'changing-1'))).length, 0, 'nothing written');
      const [bucket] = await t.database.db.select().from(rateLimitBuckets).where(like(rateLimitBuckets.key, 'nomination-send-changing:%'));
      assert.equal(bucket?.count, 1, 'the hit counted once');
      // The round stops changing: the same request goes through.
      assert.equal((await post(body(31), 'changing-1')).statusCode, 201);
    });

    // The API counted the hit of a request to an unknown edition in its route and every other in
    // submitNomination, and named the window of the round as the route had it cached, not as the
    // send found it. Now submitNomination does both, for every request.
    test('submitNomination counts every hit, an unknown edition too; a refused window names the round as the send found it', async () => {
      const db = t.database.db;
      const rule = { name: 'nomination-send-unknown', limit: 1, windowMs: 60_000 };
      const submit = (editionId: number, key: string) =>
        submitNomination({
          db,
          editionId,
          input: { title: 'x' },
          idempotencyKey: key,
          fingerprint: key,
          now: t.clock.now(),
          mail: { baseUrl: 'http://prisportal.test' },
          rateLimit: { rule, subject: 'ip:192.0.2.1' },
        });
      assert.deepEqual(await submit(999_999, 'unknown-1'), { ok: false, reason: 'not-found' });
      const over = await submit(999_999, 'unknown-2');
      assert.equal(over.ok ? 'ok' : over.reason, 'too-many', 'the second hit on an unknown edition is over the limit of 1');

      await post(body(40), 'window-warm'); // the round is cached while it is open
      const [row] = await db.select().from(editions).where(eq(editions.id, edition.id));
      const closed = new Date(t.clock.now().getTime() - 1_000);
      await db.update(editions).set({ closesAt: closed }).where(eq(editions.id, edition.id));
      try {
        const res = await post(body(41), 'window-1');
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().type, '/problems/deadline-passed');
        assert.equal(res.json().detail, `The deadline was ${closed.toISOString()}.`, 'the deadline as the send found it, not as cached');
      } finally {
        await db.update(editions).set({ closesAt: row!.closesAt }).where(eq(editions.id, edition.id));
      }
    });

    test('what the statement writes: the sent row, the next receipt number, both e-mails with their keys and the number in the receipt', async () => {
      const res = await post(body(3), 'round-trips-3');
      assert.equal(res.statusCode, 201, res.body);
      const { id, receiptNumber } = res.json() as { id: number; receiptNumber: string };
      const row = (await t.database.db.select().from(nominations).where(eq(nominations.id, id)))[0]!;
      assert.equal(row.status, 'sent');
      assert.equal(row.receiptNumber, receiptNumber);
      assert.equal(row.version, 2);
      assert.equal(row.sentVersion, 2);
      assert.equal(row.firstSentAt?.getTime(), row.sentAt?.getTime());
      assert.equal(row.idempotencyKey, 'round-trips-3');
      assert.ok(row.nomineeConsentTokenHash, 'the nominee is asked for consent');
      assert.deepEqual(fieldsOf(row).answers, body(3).answers);
      const ed = (await loadEditionForForm(t.database.db, edition.id))!;
      const mails = await t.database.db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.about, `nomination:${id}`));
      const receipt = mails.find((m) => m.kind === 'nomination-receipt')!;
      const notice = mails.find((m) => m.kind === 'nominee-notice')!;
      assert.equal(mails.length, 2);
      const mail = { baseUrl: 'http://prisportal.test' };
      assert.equal(receipt.dedupeKey, receiptMail({ edition: ed, nomination: row, fields: fieldsOf(row), firstSend: true, mail, attachments: [] }).dedupeKey);
      assert.equal(notice.dedupeKey, nomineeNoticeMail({ nomination: row, consentToken: 'x', mail }).dedupeKey);
      assert.equal(receipt.toAddress, 'lise3@eksempel.dk');
      assert.equal(notice.toAddress, 'team3@eksempel.dk');
      // The HTML part is made at delivery from the stored text (src/mail outbox.ts htmlPartOf).
      assert.equal(receipt.htmlBody, null, 'the HTML part is not stored');
      const html = htmlPartOf({
        subject: receipt.subject,
        text: receipt.textBody,
        html: receipt.htmlBody,
        htmlLanguage: receipt.htmlLanguage,
        htmlOrganisation: receipt.htmlOrganisation,
      });
      for (const part of [receipt.subject, receipt.textBody, html ?? '']) {
        assert.ok(part.includes(receiptNumber), `the receipt number is in: ${part.slice(0, 200)}`);
        assert.doesNotMatch(part, /receiptnumber/, 'no placeholder is left');
      }
      // The number after it is the next one.
      const next = await post(body(4), 'round-trips-4');
      const n = Number(receiptNumber.slice(-4));
      assert.equal(next.json().receiptNumber, formatReceiptNumber('aarets-borgerinddragende-initiativ', edition.year, n + 1));
    });

    test(`the form's Send of a draft, and of changes to a sent nomination: at most ${MAX_IN_TRANSACTION} round trips in the transaction`, async () => {
      const db = t.database.db;
      const now = t.clock.now();
      const mail = { baseUrl: 'http://prisportal.test' };
      const ed = (await loadEditionForForm(db, edition.id))!;
      const criterionIds = [ed.form.criteria[0]!.id];
      const warm = await buildNomination(db, { editionId: edition.id, status: 'draft', criterionIds });
      const warmed = await sendNomination({ db, edition: ed, nominationId: warm.id, expectedVersion: warm.version, now, mail });
      assert.equal(warmed.ok, true, JSON.stringify(warmed));

      const draft = await buildNomination(db, { editionId: edition.id, status: 'draft', criterionIds });
      const first = await recordStatements(engine, db, () =>
        sendNomination({ db, edition: ed, nominationId: draft.id, expectedVersion: draft.version, now, mail }),
      );
      assert.equal(first.result.ok, true, JSON.stringify(first.result));
      assert.ok(transactionOf(first.statements).length <= MAX_IN_TRANSACTION, first.statements.join('\n---\n'));
      const sent = first.result.ok ? first.result.nomination : null;
      assert.equal(sent?.status, 'sent');
      assert.equal(sent?.version, draft.version + 1);
      assert.equal(sent?.sentVersion, draft.version + 1);
      assert.ok(sent?.sentAt instanceof Date);
      assert.match(sent?.receiptNumber ?? '', /^ABI-\d{4}-\d{4}$/);

      // Changes after sending go into the working copy; "Send ændringer" applies them and sends a changed receipt.
      const saved = await saveNomination({
        db,
        edition: ed,
        nomination: sent!,
        fields: { ...nominatorFieldsOf(sent!), title: 'Ny titel' },
        expectedVersion: sent!.version,
        now,
      });
      assert.equal(saved.ok, true);
      // And the files: one sent and then deleted, one attached after sending (decision 0011);
      // "Send ændringer" applies both in the same round trips.
      const kept = await buildAttachment(db, { nominationId: draft.id, fileName: 'beholdt.pdf', data: Buffer.from('beholdt') });
      const gone = await buildAttachment(db, { nominationId: draft.id, fileName: 'slettet.pdf', data: Buffer.from('slettet'), pendingChange: 'removed' });
      const added = await buildAttachment(db, { nominationId: draft.id, fileName: 'ny.pdf', data: Buffer.from('ny'), pendingChange: 'added' });
      const changed = saved.ok ? saved.nomination : sent!;
      const again = await recordStatements(engine, db, () =>
        sendNomination({ db, edition: ed, nominationId: draft.id, expectedVersion: changed.version, now, mail }),
      );
      assert.equal(again.result.ok, true, JSON.stringify(again.result));
      assert.ok(transactionOf(again.statements).length <= MAX_IN_TRANSACTION, again.statements.join('\n---\n'));
      const row = (await db.select().from(nominations).where(eq(nominations.id, draft.id)))[0]!;
      assert.equal(row.title, 'Ny titel');
      assert.equal(row.workingCopy, null);
      assert.equal(row.receiptNumber, sent!.receiptNumber, 'the same receipt number');
      assert.equal(row.sentVersion, row.version);
      const receipts = await db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.about, `nomination:${draft.id}`));
      assert.deepEqual(
        receipts.map((m) => m.dedupeKey).sort(),
        [`nominee-notice:${draft.id}`, `receipt:${draft.id}:${draft.version + 1}`, `receipt:${draft.id}:${row.version}`].sort(),
      );
      const changedReceipt = receipts.find((m) => m.dedupeKey === `receipt:${draft.id}:${row.version}`)!;
      assert.ok(changedReceipt.textBody.includes('Ny titel') && changedReceipt.subject.includes(sent!.receiptNumber!));
      assert.match(changedReceipt.textBody, /- beholdt\.pdf\n- ny\.pdf\n/, 'the receipt lists the files as sent');
      assert.ok(!changedReceipt.textBody.includes('slettet.pdf'));
      const files = await db.select().from(nominationAttachments).where(eq(nominationAttachments.nominationId, draft.id));
      assert.deepEqual(
        files.map((f) => [f.id, f.pendingChange]).sort(),
        [
          [kept.id, null],
          [added.id, null],
        ].sort(),
        'the deleted file is gone, the attached one sent',
      );
      assert.deepEqual(await storedFileRows(db, gone.storageKey), { files: 0, chunks: 0 }, 'with its stored bytes');
    });

    test('a change of the round (a template, a section) is seen by the next send: the cached edition is read again', async () => {
      await t.database.db.insert(messageTemplates).values({
        editionId: edition.id,
        kind: 'receipt',
        language: 'da',
        subject: 'Kvittering {{receipt}} (ny tekst)',
        body: 'Tak, {{recipient}}. Nummer: {{receipt}}',
        updatedAt: new Date(),
      });
      const res = await post(body(5), 'round-trips-5');
      assert.equal(res.statusCode, 201, res.body);
      const receipt = (
        await t.database.db
          .select()
          .from(outboxMessages)
          .where(eq(outboxMessages.dedupeKey, `receipt:${res.json().id}:2`))
      )[0]!;
      assert.equal(receipt.subject, `Kvittering ${res.json().receiptNumber} (ny tekst)`);
      // A required section added after the edition was cached: a body without it is incomplete.
      await t.database.db.insert(formSections).values({ editionId: edition.id, position: 99, heading: 'Ny', help: '', wordLimit: null, required: true });
      const refused = await post(body(6), 'round-trips-6');
      assert.equal(refused.statusCode, 422, refused.body);
    });
  });
}
