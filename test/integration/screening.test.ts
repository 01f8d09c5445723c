/**
 * Screening at speed (issue 14, item 3): the list shows the nominee's consent and which
 * nominations changed after they were screened; several nominations are screened at once;
 * each detail page has previous and next; a change after screening stays flagged until an
 * administrator opens the nomination again. On both engines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { awards, nominations, organisations } from '../../src/db/schema.js';
import { auditEvents } from '../../src/platform/audit.schema.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import type { HttpAgent } from '../harness/http-agent.js';

const NOW = '2026-11-24T12:00:00Z';

const summaryOf = (res: LightMyRequestResponse) =>
  [...res.body.matchAll(/<a href="#[^"]+" class="function-link">([^<]*)<\/a>/g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"'));

for (const engine of ENGINES) {
  describe(`screening at speed on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let admin: HttpAgent;
    let other: HttpAgent;
    let editionId: number;
    let otherEditionId: number;
    let ids: number[];
    const db = () => t.database.db;
    const listUrl = () => `/admin/udgaver/${editionId}/indstillinger`;
    const bulkUrl = () => `/admin/udgaver/${editionId}/indstillinger/screening`;
    const row = async (id: number) => (await db().select().from(nominations).where(eq(nominations.id, id)))[0]!;

    before(async () => {
      t = await startTestApp(engine, NOW);
      const orgs = await db().select().from(organisations);
      const rm = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const dr = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      admin = await signedInAgent(t.app, db(), (await createUser(db(), { email: 'screen@rm.dk', adminOf: [rm] })).id, t.clock.now());
      other = await signedInAgent(t.app, db(), (await createUser(db(), { email: 'screen@regioner.dk', adminOf: [dr] })).id, t.clock.now());
      const [award] = await db().select().from(awards).where(eq(awards.slug, 'initiativprisen'));
      const [drAward] = await db().select().from(awards).where(eq(awards.organisationId, dr));
      editionId = (await buildEdition(db(), { awardId: award!.id, theme: 'Screening' })).id;
      otherEditionId = (await buildEdition(db(), { awardId: drAward!.id, theme: 'Andet' })).id;
      const at = t.clock.now();
      ids = [];
      for (const consent of ['pending', 'accepted', 'declined'] as const) {
        ids.push((await buildNomination(db(), { editionId, nomineeConsent: consent, title: `Løsning ${consent}` }, { at })).id);
      }
      ids.push((await buildNomination(db(), { editionId, status: 'withdrawn', title: 'Trukket' }, { at })).id);
    });
    after(async () => t?.close());

    test('the list shows the consent of each nominee and a box to choose each sent nomination', async () => {
      const list = await admin.get(listUrl());
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Kandidatens samtykke/);
      for (const word of ['Afventer svar', '>Ja<', '>Nej<']) assert.ok(list.body.includes(word), word);
      for (const id of ids.slice(0, 3)) assert.match(list.body, new RegExp(`id="choose-${id}"`));
      assert.doesNotMatch(list.body, new RegExp(`id="choose-${ids[3]}"`), 'a withdrawn nomination cannot be chosen');
      assert.doesNotMatch(list.body, /Ændret efter screening/);
    });

    test('refusals keep what was typed and say how to fix it', async () => {
      await admin.get(listUrl());
      const none = await admin.post(bulkUrl(), { beslutning: 'egnet' });
      assert.equal(none.statusCode, 400);
      assert.deepEqual(summaryOf(none), ['Vælg mindst én indstilling på listen.']);
      const noReason = await admin.post(bulkUrl(), { valgt: [String(ids[0]), String(ids[1])], beslutning: 'ikke-egnet', begrundelse: '  ' });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(summaryOf(noReason), ['Skriv en begrundelse for, at indstillingen ikke er egnet.']);
      assert.match(noReason.body, new RegExp(`id="choose-${ids[0]}"[^>]*checked`), 'the choice is kept');
      // Only another edition's nomination: nothing of this edition is chosen.
      const foreign = await buildNomination(db(), { editionId: otherEditionId }, { at: t.clock.now() });
      const tampered = await admin.post(bulkUrl(), { valgt: String(foreign.id), beslutning: 'egnet' });
      assert.equal(tampered.statusCode, 400);
      assert.equal((await row(foreign.id)).screening, 'pending', "another edition's nomination is never touched");
      assert.equal((await other.post(bulkUrl(), { valgt: String(ids[0]), beslutning: 'egnet' })).statusCode, 403);
    });

    test('several nominations are screened at once, each audited; a withdrawn one in the choice is skipped', async () => {
      await admin.get(listUrl());
      const res = await admin.post(bulkUrl(), { valgt: [String(ids[0]), String(ids[1]), String(ids[3])], beslutning: 'egnet' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${listUrl()}?screenet=2&sprunget=1`);
      assert.equal((await row(ids[0]!)).screening, 'eligible');
      assert.equal((await row(ids[1]!)).screening, 'eligible');
      assert.equal((await row(ids[2]!)).screening, 'pending');
      const events = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'nomination.screen'), eq(auditEvents.editionId, editionId)));
      assert.deepEqual(
        events.map((e) => Number(e.entityId)).sort((a, b) => a - b),
        [ids[0], ids[1]].sort((a, b) => a! - b!),
      );
      const page = await admin.get(res.headers.location as string);
      assert.match(page.body, /2 indstillinger er screenet\. 1 blev sprunget over, fordi de er trukket tilbage\./);
    });

    test('each detail page has previous and next in receipt order', async () => {
      const first = await admin.get(`/admin/indstillinger/${ids[0]}`);
      assert.doesNotMatch(first.body, /id="previous-nomination"/);
      assert.match(first.body, new RegExp(`<a href="/admin/indstillinger/${ids[1]}" rel="next" id="next-nomination">`));
      assert.match(first.body, /Indstilling 1 af 4/);
      const middle = await admin.get(`/admin/indstillinger/${ids[1]}`);
      assert.match(middle.body, new RegExp(`href="/admin/indstillinger/${ids[0]}" rel="prev"`));
      assert.match(middle.body, new RegExp(`href="/admin/indstillinger/${ids[2]}" rel="next"`));
    });

    test('a change after screening is flagged on the list until an administrator opens the nomination again', async () => {
      // The nominator changes the text ten minutes after the screening (within the session's idle time).
      t.clock.advance(600_000);
      await db().update(nominations).set({ summary: 'Et nyt resumé.', updatedAt: t.clock.now() }).where(eq(nominations.id, ids[0]!));
      const list = await admin.get(listUrl());
      assert.equal((list.body.match(/Ændret efter screening/g) ?? []).length, 1);
      const detail = await admin.get(`/admin/indstillinger/${ids[0]}`);
      assert.match(detail.body, /id="changed-after-screening"/);
      assert.match(detail.body, /Indstillingen er ændret 24\. november 2026 kl\. 13\.10, efter at den blev screenet\./);
      // Opened: no longer flagged on the list (and the page no longer warns).
      assert.doesNotMatch((await admin.get(listUrl())).body, /Ændret efter screening/);
      assert.doesNotMatch((await admin.get(`/admin/indstillinger/${ids[0]}`)).body, /id="changed-after-screening"/);
      // Another administrator's organisation cannot clear it.
      t.clock.advance(600_000);
      await db().update(nominations).set({ summary: 'Igen.', updatedAt: t.clock.now() }).where(eq(nominations.id, ids[0]!));
      assert.equal((await other.get(`/admin/indstillinger/${ids[0]}`)).statusCode, 403);
      assert.match((await admin.get(listUrl())).body, /Ændret efter screening/);
    });
  });
}
