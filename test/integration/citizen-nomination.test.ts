import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { awards, nominations, organisations, outboxMessages } from '../../src/db/schema.js';
import { auditEvents } from '../../src/platform/audit.schema.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import type { HttpAgent } from '../harness/http-agent.js';

/**
 * Anyone can nominate (issue 16, item 5): a citizen may send a nomination without the nominee's
 * e-mail and unit; the round's dashboard then asks the organiser to reach the nominee, who adds
 * a contact address on the nomination's page, and the nominee is told and asked for consent.
 */
const NOW = '2026-11-24T12:00:00Z';
const at = (iso: string) => new Date(iso);

for (const engine of ENGINES) {
  describe(`a citizen's nomination without the nominee's contact on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let admin: HttpAgent;
    let editionId: number;
    const db = () => t.database.db;
    const row = async (id: number) => (await db().select().from(nominations).where(eq(nominations.id, id)))[0]!;
    const notices = async () => db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'nominee-notice'));

    before(async () => {
      t = await startTestApp(engine, NOW);
      const [rm] = await db().select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
      admin = await signedInAgent(t.app, db(), (await createUser(db(), { email: 'kontakt@rm.dk', adminOf: [rm!.id] })).id, t.clock.now());
      const [award] = await db().select().from(awards).where(eq(awards.slug, 'initiativprisen'));
      editionId = (
        await buildEdition(db(), {
          awardId: award!.id,
          theme: 'Borgere indstiller',
          opensAt: at('2026-11-01T11:00:00Z'),
          closesAt: at('2026-12-20T11:00:00Z'),
          nomineesPublishedAt: at('2027-01-10T11:00:00Z'),
          winnerAnnouncedAt: at('2027-02-01T11:00:00Z'),
        })
      ).id;
    });
    after(async () => t?.close());

    test('the dashboard and the list ask the organiser to reach the nominee; the contact added tells the nominee once, audited', async () => {
      const citizen = await buildNomination(db(), {
        editionId,
        nominatorIsCitizen: 'yes',
        nomineeEmail: '',
        nomineeUnit: '',
        nomineeConsentTokenHash: null,
        title: 'Borgerens indstilling',
      });
      const staff = await buildNomination(db(), { editionId, title: 'Medarbejderens indstilling' });

      const dashboard = await admin.get(`/admin/udgaver/${editionId}`);
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /1 indstillet mangler en kontaktperson/);
      assert.match(dashboard.body, /indstillinger\?kontakt=mangler/);

      const list = await admin.get(`/admin/udgaver/${editionId}/indstillinger?kontakt=mangler`);
      assert.ok(list.body.includes('Borgerens indstilling'));
      assert.ok(!list.body.includes('Medarbejderens indstilling'), 'the filter shows only nominations without a contact');
      assert.match(list.body, /Mangler kontakt/);

      const page = await admin.get(`/admin/indstillinger/${citizen.id}`);
      assert.match(page.body, /id="nominee-contact"/);
      assert.doesNotMatch((await admin.get(`/admin/indstillinger/${staff.id}`)).body, /id="nominee-contact"/);

      // Not an address: refused beside the field, what was typed kept, nothing sent.
      const before = (await notices()).length;
      const bad = await admin.post(`/admin/indstillinger/${citizen.id}/kandidat-kontakt`, { email: 'afdeling <b>A4</b>', unit: 'Afdeling A4' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Skriv en e-mailadresse som navn@eksempel\.dk/);
      assert.ok(
        bad.body.includes('value="afdeling <b>A4</b>"'),
        'what was typed is kept (as an attribute value, where only quotes and ampersands need escaping)',
      );
      assert.ok(bad.body.includes('value="Afdeling A4"'));
      assert.equal((await notices()).length, before);

      const ok = await admin.post(`/admin/indstillinger/${citizen.id}/kandidat-kontakt`, { email: 'leder.a4@auh.rm.dk', unit: 'Afdeling A4' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/admin/indstillinger/${citizen.id}?kontakt=1`);
      const stored = await row(citizen.id);
      assert.equal(stored.nomineeEmail, 'leder.a4@auh.rm.dk');
      assert.equal(stored.nomineeUnit, 'Afdeling A4');
      assert.ok(stored.nomineeConsentTokenHash, 'a consent link was made');
      assert.equal(stored.updatedAt.getTime(), citizen.updatedAt.getTime(), 'not a change of the solution: screening is not asked again');
      const mails = await db()
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'nominee-notice'), eq(outboxMessages.toAddress, 'leder.a4@auh.rm.dk')));
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.textBody, /\/samtykke\/[A-Za-z0-9_-]+/);
      const events = await db().select().from(auditEvents).where(eq(auditEvents.action, 'nomination.nominee-contact'));
      assert.equal(events.length, 1);
      assert.equal(events[0]!.entityId, String(citizen.id));

      // Done: the form is gone, the dashboard no longer asks; a second try is refused and sends nothing.
      const after = await admin.get(`/admin/indstillinger/${citizen.id}?kontakt=1`);
      assert.match(after.body, /Kontaktpersonen er gemt/);
      assert.doesNotMatch(after.body, /id="nominee-contact"/);
      assert.doesNotMatch((await admin.get(`/admin/udgaver/${editionId}`)).body, /mangler en kontaktperson/);
      const again = await admin.post(`/admin/indstillinger/${citizen.id}/kandidat-kontakt`, { email: 'en.anden@auh.rm.dk' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /allerede en kontaktperson/);
      assert.equal((await row(citizen.id)).nomineeEmail, 'leder.a4@auh.rm.dk');
    });
  });
}
