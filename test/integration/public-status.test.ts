/**
 * Clear public states (issue 14, item 8), on PGlite and on a real PostgreSQL server: the
 * status of a round says one thing, in one place, with one wording; the winner is a success
 * alert that names it; a round past its winner instant without a winner says only that; the
 * front page names the winner; "Tidligere år" lists finished rounds only; and a panel member's
 * page shows the result. Each test here failed before the fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { awards, organisations } from '../../src/db/schema.js';
import { shortlistEntries, shortlists } from '../../src/judging/judging.schema.js';
import { winnerDecisions } from '../../src/panel/panel.schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildEdition, buildMember, buildNomination } from '../harness/factories.js';
import { signedInAgent } from '../harness/accounts.js';
import type { Database } from '../../src/db/database.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const d = (iso: string) => new Date(iso);

/** A whole timeline in one year, every instant before `NOW` unless moved. */
const pastTimeline = (year: number) => ({
  year,
  opensAt: d(`${year}-01-10T11:00:00Z`),
  closesAt: d(`${year}-03-01T11:00:00Z`),
  nomineesPublishedAt: d(`${year}-05-01T10:00:00Z`),
  winnerAnnouncedAt: d(`${year}-10-01T10:00:00Z`),
});

/** Counts the non-overlapping occurrences of `needle` in `hay`. */
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

/** The text of the front page's card of an award (its list item). */
function card(front: string, awardName: string): string {
  const at = front.indexOf(`>${awardName}</a>`);
  assert.ok(at >= 0, `the card of ${awardName}`);
  return front
    .slice(at, front.indexOf('</li>', at))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

async function makeAward(db: Database, slug: string, name: string) {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
  const [award] = await db
    .insert(awards)
    .values({ organisationId: org!.id, slug, name, summary: `${name} i kort form.`, description: 'En pris til prøve.', establishedYear: 2020 })
    .returning();
  return award!.id;
}

/** A shortlist of the given nominations and the committee's winner among them (an award without a panel). */
async function decideWinner(db: Database, editionId: number, nominationIds: number[], winnerId: number) {
  const at = d('2026-04-01T10:00:00Z');
  await db.insert(shortlists).values({ editionId, decidedAt: at });
  await db.insert(shortlistEntries).values(nominationIds.map((nominationId, i) => ({ editionId, nominationId, position: i + 1 })));
  await db.insert(winnerDecisions).values({ editionId, nominationId: winnerId, basis: 'committee', decidedAt: at });
}

for (const engine of ENGINES) {
  describe(`public states on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let panelUserId: number;
    let winnerEditionId: number;

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      // Statusprisen 2026: the winner was announced on 1 October 2026 (a committee decision).
      const award = await makeAward(db, 'statusprisen', 'Statusprisen');
      const e = await buildEdition(db, { awardId: award, ...pastTimeline(2026), hasPatientPanel: false, theme: 'Status' });
      winnerEditionId = e.id;
      const at = d('2026-02-01T10:00:00Z');
      const win = await buildNomination(
        db,
        { editionId: e.id, title: 'Vindende løsning', nomineeOrganisation: 'Regionshospitalet Viborg', summary: 'Den vandt.' },
        { at },
      );
      const other = await buildNomination(db, { editionId: e.id, title: 'Anden nomineret', nomineeOrganisation: 'Regionshospitalet Horsens' }, { at });
      await decideWinner(db, e.id, [win.id, other.id], win.id);
      panelUserId = (await buildMember(db, { editionId: e.id, role: 'panel', name: 'Panel Petersen' })).userId;

      // Fortidsprisen 2026: a round made with every date in the past, and no decision at all.
      const past = await makeAward(db, 'fortidsprisen', 'Fortidsprisen');
      await buildEdition(db, { awardId: past, ...pastTimeline(2026) });

      // Åbenprisen: 2023 finished, 2026 open now, 2027 published early (still upcoming).
      const open = await makeAward(db, 'aabenprisen', 'Åbenprisen');
      await buildEdition(db, { awardId: open, ...pastTimeline(2023), theme: 'Afsluttet tema' });
      await buildEdition(db, {
        awardId: open,
        year: 2026,
        opensAt: d('2026-11-01T11:00:00Z'),
        closesAt: d('2026-12-15T11:00:00Z'),
        nomineesPublishedAt: d('2027-01-15T11:00:00Z'),
        winnerAnnouncedAt: d('2027-02-15T11:00:00Z'),
        theme: 'Åbent tema',
      });
      await buildEdition(db, {
        awardId: open,
        year: 2027,
        opensAt: d('2027-11-01T11:00:00Z'),
        closesAt: d('2027-12-15T11:00:00Z'),
        nomineesPublishedAt: d('2028-01-15T11:00:00Z'),
        winnerAnnouncedAt: d('2028-02-15T11:00:00Z'),
        theme: 'Kommende tema',
      });
    });
    after(async () => t?.close());

    const page = async (url: string) => {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      return res.body;
    };

    test('the winner is announced in a success alert that names it, saying "Vinderen er offentliggjort" once and warning nothing', async () => {
      for (const url of ['/priser/statusprisen', '/priser/statusprisen/2026']) {
        const body = await page(url);
        assert.equal(count(body, 'Vinderen er offentliggjort'), 1, url);
        assert.match(body, /<div class="alert alert-success edition-status" id="edition-status">[\s\S]*?Vinderen er offentliggjort[\s\S]*?Vindende løsning/);
        assert.ok(!body.includes('alert-warning'), `${url}: no warning`);
        assert.ok(!body.includes('Vinderen er ikke offentliggjort endnu'), url);
        // The nominees are listed once, the winner marked.
        assert.ok(body.includes('Anden nomineret'));
        assert.ok(body.includes('(Vinder)'));
      }
    });

    test('a past-dated round without a winner says only that the winner is not announced yet', async () => {
      const body = await page('/priser/fortidsprisen/2026');
      assert.ok(body.includes('Vinderen er ikke offentliggjort endnu'));
      assert.ok(!body.includes('Vinderen er offentliggjort'), 'never beside "ikke offentliggjort endnu"');
      assert.equal(count(body, 'Vinderen er ikke offentliggjort endnu'), 1);
      assert.ok(!body.includes('alert-warning'));
    });

    test('the front-page card names the winner, and never repeats the status as its own explanation', async () => {
      const front = await page('/');
      const won = card(front, 'Statusprisen');
      assert.match(won, /Vinderen er offentliggjort Vinder 2026: Vindende løsning/);
      assert.doesNotMatch(won, /2026: Vinderen er offentliggjort/);
      const past = card(front, 'Fortidsprisen');
      assert.match(past, /Vinderen er ikke offentliggjort endnu 2026/);
      assert.doesNotMatch(past, /Vinderen er offentliggjort/);
      // Every card: the status wording never appears twice on one card.
      for (const name of ['Statusprisen', 'Fortidsprisen', 'Åbenprisen']) {
        const c = card(front, name);
        for (const w of ['Vinderen er offentliggjort', 'Åben for indstillinger', 'Åbner snart', 'Afsluttet']) assert.ok(count(c, w) <= 1, `${name}: ${w}`);
      }
    });

    test('"Tidligere år" lists finished rounds only, and the award page shows the round that is open', async () => {
      const body = await page('/priser/aabenprisen');
      const history = body.slice(body.indexOf('id="history"'));
      assert.ok(history.includes('>2023<'), '2023 is finished');
      assert.ok(!history.includes('>2026<'), '2026 is still open');
      assert.ok(!history.includes('>2027<'), '2027 has not opened');
      assert.ok(body.includes('Åben for indstillinger'));
      assert.ok(body.includes('Åbent tema'));
      // The open year's own page likewise.
      const year = await page('/priser/aabenprisen/2027');
      const h = year.slice(year.indexOf('id="history"'));
      assert.ok(h.includes('>2023<') && !h.includes('>2026<'));
    });

    test("after the result, a panel member's page shows the winner and links to the public page", async () => {
      const agent = await signedInAgent(t.app, db, panelUserId, NOW);
      const res = await agent.get(`/mine-udgaver/${winnerEditionId}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('id="result-heading"'));
      assert.match(res.body, /alert-success[\s\S]*?Vinderen er offentliggjort[\s\S]*?Vindende løsning/);
      assert.ok(res.body.includes('href="/priser/statusprisen/2026"'));
      assert.ok(!res.body.includes('id="panel-ballot-link"'), 'no ballot link once the result is out');
    });

    test('the API tells the same: the edition with its winner', async () => {
      const res = await t.app.inject(`/api/v1/editions/${winnerEditionId}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().winner.title, 'Vindende løsning');
    });
  });
}
