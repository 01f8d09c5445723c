/**
 * Outreach's e-mails through the real outbox worker to a real SMTP server (smtp-server), read
 * back with mailparser, on both engines: the sign-up's confirmation and the opening notice carry
 * `List-Unsubscribe` (the link of this subscription) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`;
 * a message to a group arrives with the administrator's markup as typed in its text part and escaped in its HTML part; headers
 * cannot be smuggled through a value's line break.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { DEVELOPMENT_BALLOT_KEY } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { awards, openingSubscriptions, organisations, outboxMessages } from '../../src/db/schema.js';
import { enqueueMail } from '../../src/mail/index.js';
import { createSmtpTransport, type MailTransport } from '../../src/mail/transport.js';
import { sendDueMail } from '../../src/mail/worker.js';
import { sendGroupMessage } from '../../src/outreach/messages.service.js';
import { unsubscribeToken } from '../../src/outreach/outreach-rules.js';
import { confirmOpeningSubscription, enqueueOpeningNotices, findSignupAward, subscribeToOpening } from '../../src/outreach/subscriptions.service.js';
import { outreachUrls } from '../../src/outreach/urls.js';
import { ENGINES, openSeededTestDatabase, type TestDatabase } from '../harness/databases.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const BASE = 'https://prisportal.example.dk';
const links = { publicBaseUrl: BASE, secret: DEVELOPMENT_BALLOT_KEY };
/** The raw message with folded header lines joined (RFC 5322 unfolding). */
const unfolded = (raw: Buffer) => raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');

for (const engine of ENGINES) {
  describe(`outreach e-mails over SMTP on ${engine}`, () => {
    let database: TestDatabase;
    let db: Database;
    let smtp: TestSmtpServer;
    let transport: MailTransport;
    let rm: number;

    const deliver = async (now = NOW) => {
      smtp.clear();
      const before = (await db.select().from(outboxMessages).where(eq(outboxMessages.status, 'pending'))).length;
      const r = await sendDueMail({ db, transport, now, batchSize: 100 });
      assert.equal(r.sent, before);
      return smtp.waitFor(before);
    };

    before(async () => {
      [database, smtp] = await Promise.all([openSeededTestDatabase(engine, NOW), startSmtpServer()]);
      db = database.db;
      transport = createSmtpTransport(smtp.url);
      rm = (await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland')))[0]!.id;
      await sendDueMail({ db, transport, now: NOW, batchSize: 1000 });
    });
    after(async () => {
      transport.close?.();
      await smtp.close();
      await database.close();
    });

    test('the confirmation and the opening notice carry List-Unsubscribe and its one-click POST', async () => {
      await db
        .insert(awards)
        .values({ organisationId: rm, slug: 'smtp-prisen', name: 'Smtp-prisen for Ærø', summary: '.', description: '.', establishedYear: 2020 });
      const award = (await findSignupAward(db, 'smtp-prisen', NOW))!;
      await subscribeToOpening({ db, award, email: 'Åse@example.dk', locale: 'en', now: NOW, links });
      const [sub] = await db.select().from(openingSubscriptions).where(eq(openingSubscriptions.awardId, award.id));
      const unsubscribe = `${BASE}${outreachUrls.unsubscribe({ token: unsubscribeToken(DEVELOPMENT_BALLOT_KEY, sub!) })}`;

      const [confirmation] = await deliver();
      const parsed = confirmation!.parsed;
      assert.equal(parsed.subject, 'Confirm: an e-mail when Smtp-prisen for Ærø opens', 'the visitor used the English page');
      assert.equal(confirmation!.envelope.to[0], 'Åse@example.dk');
      // mailparser gathers the List-* headers under `list`.
      assert.deepEqual(parsed.headers.get('list'), { unsubscribe: { url: unsubscribe }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
      assert.match(unfolded(confirmation!.raw), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      assert.match(unfolded(confirmation!.raw), new RegExp(`^List-Unsubscribe: <${unsubscribe.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}>\\r?$`, 'm'));
      assert.ok(parsed.text!.includes(unsubscribe));
      const token = /\/faa-besked\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(parsed.text!)![1]!;
      assert.match(String(parsed.html), /<html lang="en">/, 'an HTML part in the language of the page used');

      await confirmOpeningSubscription({ db, token, locale: 'en', now: NOW });
      const opens = new Date(NOW.getTime() + 86_400_000);
      await buildEdition(db, {
        awardId: award.id,
        year: 2031,
        opensAt: opens,
        closesAt: new Date(opens.getTime() + 30 * 86_400_000),
        nomineesPublishedAt: new Date(opens.getTime() + 60 * 86_400_000),
        winnerAnnouncedAt: new Date(opens.getTime() + 90 * 86_400_000),
      });
      assert.equal(await enqueueOpeningNotices({ db, now: opens, links }), 1);
      const [notice] = await deliver(opens);
      assert.equal(notice!.parsed.subject, 'You can now nominate for Smtp-prisen for Ærø 2031');
      assert.deepEqual(notice!.parsed.headers.get('list'), { unsubscribe: { url: unsubscribe }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
      assert.ok(notice!.parsed.text!.includes(`${BASE}/priser/smtp-prisen`));
    });

    test('a message to a group arrives as plain text, once per address, with the markup as typed', async () => {
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'initiativprisen'));
      const e = await buildEdition(db, { awardId: award!.id });
      await buildNomination(db, { editionId: e.id, nominatorEmail: 'en@example.dk' });
      await buildNomination(db, { editionId: e.id, nominatorEmail: 'EN@example.dk' });
      await buildNomination(db, { editionId: e.id, nominatorEmail: 'to@example.dk' });
      const r = await sendGroupMessage({
        db,
        actor: { kind: 'public' },
        editionId: e.id,
        message: { group: 'nominators', subject: 'Husk <b>fristen</b> – æøå', body: '<script>alert(1)</script>\nLinje to' },
        idempotencyKey: 'k'.repeat(43),
        now: NOW,
      });
      assert.ok(r.ok);
      const got = await deliver();
      assert.deepEqual(got.map((m) => m.envelope.to[0]).sort(), ['en@example.dk', 'to@example.dk']);
      for (const m of got) {
        assert.equal(m.parsed.subject, 'Husk <b>fristen</b> – æøå');
        // The HTML part shows the markup as text: escaped, never run.
        assert.ok(String(m.parsed.html).includes('&lt;script'));
        assert.ok(!String(m.parsed.html).includes('<script>'));
        assert.ok(m.parsed.text!.startsWith('<script>alert(1)</script>\nLinje to\n\n-- \n'));
        assert.equal(m.parsed.headers.get('list'), undefined, 'a message to a round’s people is no mailing list');
      }
    });

    test('only the allowed headers are sent, and a line break in a value cannot add one', async () => {
      await enqueueMail(
        db,
        {
          kind: 'test',
          to: 'header@example.dk',
          subject: 'Hoveder',
          text: 'x',
          headers: { 'List-Unsubscribe': '<https://x.example/afmeld>\r\nBcc: evil@example.com', ...({ From: 'evil@example.com' } as object) },
        },
        NOW,
      );
      const [m] = await deliver();
      assert.equal(m!.parsed.headers.get('bcc'), undefined);
      assert.deepEqual(m!.envelope.to, ['header@example.dk']);
      assert.match(String(m!.parsed.from?.text), /noreply@prisportal\.local/);
      assert.match(unfolded(m!.raw), /^List-Unsubscribe: <https:\/\/x\.example\/afmeld> Bcc: evil@example\.com\r?$/m);
    });
  });
}
