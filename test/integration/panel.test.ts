/**
 * The patient panel, on PGlite and on a real PostgreSQL server: the administrators' summaries
 * with LIX, the members' ballot (rank every nominee once, "Tjek din rangering", receipt), one
 * ballot per member that replaces the earlier one until the deadline, the voting lock (set by
 * the first ballot; the setup service then refuses new voting dates), bad ballots refused with
 * nothing half-saved, other editions refused, secret ballots (the administrators' page and
 * JSON are the same whoever ranked what), the count once voting has closed, and the chair's
 * decisions: breaking a tie, and the committee's winner for an edition without a panel.
 */
import { setupTexts } from '../../src/awards/i18n.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import {
  auditEvents,
  awards,
  ballots,
  editionMembers,
  editions,
  nomineeSummaries,
  organisations,
  panelVoters,
  shortlistEntries,
  shortlists,
  users,
  winnerDecisions,
} from '../../src/db/schema.js';
import type { Actor } from '../../src/accounts/actor.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { updateEdition, type EditionInput } from '../../src/awards/setup.service.js';
import { editionRuleErrors } from '../../src/awards/setup-form.js';
import { ballotOrder, voterKey } from '../../src/panel/ballot.js';
import { countBallots, findWinner } from '../../src/panel/winner.service.js';
import { ENGINES } from '../harness/databases.js';
import { createUser, loadRoles, signedInAgent } from '../harness/accounts.js';
import { buildNomination, buildEdition } from '../harness/factories.js';
import { startSignedInTestApp } from '../harness/signed-in-app.js';

const BEFORE_VOTING = '2027-02-12T12:00:00Z';
const VOTING_OPENS = new Date('2027-02-15T11:00:00Z'); // 15. februar 2027 kl. 12.00 in Copenhagen
const VOTING_CLOSES = new Date('2027-03-08T11:00:00Z'); // 8. marts 2027 kl. 12.00
const WINNER_ANNOUNCED = new Date('2027-03-20T11:00:00Z');

const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'");
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

/** The same page without the parts that differ per request: CSRF tokens and the session timer. */
const stable = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/data-seconds-left="\d+"/g, '');

/** The server secret BALLOT_KEY of this test's app (never in the database). */
const BALLOT_KEY = 'panel-test-ballot-key-0123456789abcdef0123456789';

const place = (ranking: number[]) => Object.fromEntries(ranking.map((id, i) => [`placering-${id}`, String(i + 1)]));

for (const engine of ENGINES) {
  describe(`patient panel on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startSignedInTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let editionId: number;
    /** An edition of the same award without a patient panel (the committee's winner). */
    let noPanelEdition: number;
    /** Another panel edition the panel members are not members of. */
    let otherEdition: number;
    const nominees: { id: number; title: string }[] = [];
    let outsider: number;
    const panel: { userId: number; memberId: number }[] = [];
    let chair: number;
    let committee: number;
    let adminDr: number;
    let adminRm: number;

    const agent = (userId: number) => signedInAgent(app, db, userId, t.clock.now());
    /** A signed-in agent with a CSRF token (from Min side's sign-out form). */
    const withCsrf = async (userId: number) => {
      const a = await agent(userId);
      const res = await a.get('/min-side');
      assert.equal(res.statusCode, 200);
      assert.ok(a.csrf);
      return a;
    };
    const ballotRows = () => db.select().from(ballots).where(eq(ballots.editionId, editionId)).orderBy(asc(ballots.voterKey));
    const voterRows = () => db.select().from(panelVoters).where(eq(panelVoters.editionId, editionId)).orderBy(asc(panelVoters.memberId));
    const lockedAt = async () => (await db.select({ v: editions.votingLockedAt }).from(editions).where(eq(editions.id, editionId)))[0]!.v;
    const audit = (action: string, id = editionId) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(id))))
        .orderBy(asc(auditEvents.id));
    const ballotUrl = (id = editionId) => `/panel/udgaver/${id}`;
    const cast = async (userId: number, ranking: number[]) => {
      const a = await agent(userId);
      await a.get(ballotUrl());
      return a.post(`${ballotUrl()}/stem`, place(ranking));
    };

    async function shortlist(edition: number, ids: number[]) {
      await db.insert(shortlists).values({ editionId: edition, decidedAt: new Date('2027-02-10T09:00:00Z'), decidedByUserId: null });
      await db.insert(shortlistEntries).values(ids.map((nominationId, i) => ({ editionId: edition, nominationId, position: i + 1 })));
    }

    /** An edition with the timeline of 2027 + `shift` years, under a year label no demo edition has. */
    async function newEdition(awardId: number, shift: number, hasPatientPanel: boolean) {
      const y = 2027 + shift;
      const row = await buildEdition(db, {
        awardId,
        year: 2090 + shift,
        theme: 'Test',
        opensAt: new Date(`${y}-01-10T11:00:00Z`),
        closesAt: new Date(`${y}-02-01T11:00:00Z`),
        nomineesPublishedAt: new Date(`${y}-02-10T11:00:00Z`),
        votingOpensAt: hasPatientPanel ? new Date(`${y}-02-15T11:00:00Z`) : null,
        votingClosesAt: hasPatientPanel ? new Date(`${y}-03-08T11:00:00Z`) : null,
        winnerAnnouncedAt: new Date(`${y}-03-20T11:00:00Z`),
        hasPatientPanel,
      });
      return row;
    }

    before(async () => {
      t = await startSignedInTestApp(engine, BEFORE_VOTING, { ballotKey: BALLOT_KEY });
      db = t.db;
      app = t.app;
      const orgs = await db.select().from(organisations);
      const drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      const rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'aarets-borgerinddragende-initiativ'));
      const e = await newEdition(award!.id, 0, true);
      editionId = e.id;
      noPanelEdition = (await newEdition(award!.id, 1, false)).id;
      otherEdition = (await newEdition(award!.id, 2, true)).id;
      for (const title of ['Patienter skriver selv med', 'Pårørendecafé', 'Borgerpanel i psykiatrien']) {
        const n = await buildNomination(db, {
          editionId,
          title,
          nomineeUnit: `Afdeling ${title.length}`,
          nomineeOrganisation: 'Region Nordjylland',
          sentAt: new Date('2027-01-20T10:00:00Z'),
        });
        nominees.push({ id: n.id, title });
      }
      outsider = (await buildNomination(db, { editionId, title: 'Ikke nomineret', sentAt: new Date('2027-01-20T10:00:00Z') })).id;
      await shortlist(
        editionId,
        nominees.map((n) => n.id),
      );
      const np = [];
      for (const title of ['Komitéens første', 'Komitéens anden'])
        np.push((await buildNomination(db, { editionId: noPanelEdition, title, sentAt: new Date('2028-01-20T10:00:00Z') })).id);
      await shortlist(noPanelEdition, np);
      const other = await buildNomination(db, { editionId: otherEdition, title: 'Andet år', sentAt: new Date('2029-01-20T10:00:00Z') });
      await shortlist(otherEdition, [other.id]);

      for (const name of ['Anna', 'Bent', 'Carla']) {
        const u = await createUser(db, { email: `${name.toLowerCase()}@example.dk`, name: `${name} Borger`, members: [{ editionId, role: 'panel' }] });
        const [m] = await db.select().from(editionMembers).where(eq(editionMembers.userId, u.id));
        panel.push({ userId: u.id, memberId: m!.id });
      }
      chair = (
        await createUser(db, {
          email: 'formand@example.dk',
          name: 'Frida Formand',
          members: [
            { editionId, role: 'committee', isChair: true },
            { editionId: noPanelEdition, role: 'committee', isChair: true },
          ],
        })
      ).id;
      committee = (await createUser(db, { email: 'komite@example.dk', members: [{ editionId, role: 'committee' }] })).id;
      adminDr = (await createUser(db, { email: 'admin.dr@example.dk', name: 'Admin DR', adminOf: [drOrg] })).id;
      adminRm = (await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] })).id;
    });
    after(async () => t?.close());

    test('before voting opens: the ballot page says when it opens, and a ballot is refused with nothing saved', async () => {
      const a = await agent(panel[0]!.userId);
      const page = await a.get(ballotUrl());
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Afstemningen begynder 15\. februar 2027 kl\. 12\.00\. Kom tilbage til den tid\./);
      const b = await withCsrf(panel[0]!.userId);
      const res = await b.post(`${ballotUrl()}/stem`, place(nominees.map((n) => n.id)));
      assert.equal(res.statusCode, 409);
      assert.match(text(res.body), /Afstemningen er ikke begyndt/);
      assert.equal((await ballotRows()).length, 0);
      assert.equal((await voterRows()).length, 0);
      assert.equal(await lockedAt(), null);
    });

    test('administrators write the summaries and see their LIX; an empty summary is refused with a Danish message', async () => {
      const a = await agent(adminDr);
      const page = await a.get(`/admin/udgaver/${editionId}/panel`);
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Intet resumé endnu/);
      const summary = 'Patienter skriver selv i journalen. De læser, hvad lægen skriver. Det giver tryghed.';
      const saved = await a.post(`/admin/udgaver/${editionId}/panel/resumeer/${nominees[0]!.id}`, { resume: `  ${summary}\r\n` });
      assert.equal(saved.statusCode, 303);
      const [row] = await db.select().from(nomineeSummaries).where(eq(nomineeSummaries.nominationId, nominees[0]!.id));
      assert.equal(row!.text, summary);
      // 13 words, 3 sentences, 5 long words (Patienter, skriver ×2, journalen, tryghed): 13/3 + 100 × 5/13 = 42.79…
      assert.equal(row!.lix, 42.79);
      const after = await a.get(saved.headers.location as string);
      assert.match(text(after.body), /Resuméet af «Patienter skriver selv med» er gemt\./);
      assert.match(text(after.body), /LIX 43 \(Middel\) LIX 43 er over 40\. Prøv kortere sætninger og kortere ord\./);
      const [event] = await audit('panel.summary-update', nominees[0]!.id);
      assert.deepEqual(event!.after, { text: summary, lix: 42.79 });

      for (const n of nominees.slice(1))
        assert.equal((await a.post(`/admin/udgaver/${editionId}/panel/resumeer/${n.id}`, { resume: `Kort resumé af ${n.title}.` })).statusCode, 303);

      const empty = await a.post(`/admin/udgaver/${editionId}/panel/resumeer/${nominees[1]!.id}`, { resume: '   ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<title>Fejl: /);
      assert.match(text(empty.body), /Skriv et resumé af «Pårørendecafé»\./);
      const long = 'Ord. '.repeat(700);
      const tooLong = await a.post(`/admin/udgaver/${editionId}/panel/resumeer/${nominees[1]!.id}`, { resume: long });
      assert.equal(tooLong.statusCode, 400);
      assert.match(text(tooLong.body), /er for langt\. Gør det kortere end 3000 tegn\./);
      assert.ok(tooLong.body.includes(long.trim()), 'the text is kept as typed');

      // A nomination that is not a nominee has no summary; another organisation's administrator is refused.
      assert.equal((await a.post(`/admin/udgaver/${editionId}/panel/resumeer/${outsider}`, { resume: 'Tekst.' })).statusCode, 404);
      const rm = await withCsrf(adminRm);
      assert.equal((await rm.get(`/admin/udgaver/${editionId}/panel`)).statusCode, 403);
      assert.equal((await rm.post(`/admin/udgaver/${editionId}/panel/resumeer/${nominees[1]!.id}`, { resume: 'Overtaget.' })).statusCode, 403);
      assert.equal(
        (await db.select().from(nomineeSummaries).where(eq(nomineeSummaries.nominationId, nominees[1]!.id)))[0]!.text,
        'Kort resumé af Pårørendecafé.',
      );
    });

    test('at the opening instant: the ballot shows every nominee with its summary and a place select', async () => {
      t.clock.set(VOTING_OPENS);
      const a = await agent(panel[0]!.userId);
      const page = await a.get(ballotUrl());
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Ranger de nominerede/);
      assert.match(body, /Giv hver af dem en placering fra 1 til 3\. Nummer 1 er den, du synes bedst om\./);
      assert.match(body, /Du kan ændre din stemme indtil 8\. marts 2027 kl\. 12\.00\./);
      assert.match(body, /Patienter skriver selv i journalen\./);
      for (const n of nominees) assert.ok(page.body.includes(`name="placering-${n.id}"`), `a select for ${n.title}`);
      assert.ok(!page.body.includes(`placering-${outsider}`));
      assert.equal((page.body.match(/<option value="[123]"/g) ?? []).length, 9);
      // English mirrors it.
      a.setCookie('lang', 'en');
      const en = await a.get(ballotUrl());
      assert.match(text(en.body), /Rank the nominees Read about the 3 nominees\. Give each of them a place from 1 to 3\./);
      assert.match(text(en.body), /You can change your vote until 8 March 2027 at 12:00\./);
    });

    test('each panel member sees the nominees in a random order of their own, stable between visits, not the committee’s rank order (issue 14)', async () => {
      const shortlisted = nominees.map((n) => n.id);
      const seen: number[][] = [];
      for (const m of panel) {
        const a = await agent(m.userId);
        const order = async () => [...(await a.get(ballotUrl())).body.matchAll(/name="placering-(\d+)"/g)].map((x) => Number(x[1]));
        const first = await order();
        assert.deepEqual(first, ballotOrder(BALLOT_KEY, editionId, m.memberId, shortlisted), 'the order keyed by BALLOT_KEY, edition and member');
        assert.deepEqual(await order(), first, 'the same on the next visit');
        assert.deepEqual(
          [...first].sort((x, y) => x - y),
          [...shortlisted].sort((x, y) => x - y),
          'every nominee once',
        );
        seen.push(first);
      }
      // The shortlist is recorded best first: not every member may get it in that order.
      assert.ok(
        seen.some((o) => JSON.stringify(o) !== JSON.stringify(shortlisted)),
        `every member sees the committee's order: ${JSON.stringify(seen)}`,
      );
      assert.ok(new Set(seen.map((o) => JSON.stringify(o))).size > 1, 'the members do not all share one order');
    });

    test('bad ballots are refused with a clear message, keeping the choices, and nothing is saved', async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      const member = await agent(panel[0]!.userId);
      await member.get(ballotUrl());
      for (const url of [`${ballotUrl()}/tjek`, `${ballotUrl()}/stem`]) {
        const twice = await member.post(url, { [`placering-${a}`]: '1', [`placering-${b}`]: '1', [`placering-${c}`]: '3' });
        assert.equal(twice.statusCode, 400, url);
        assert.match(twice.body, /<title>Fejl: Ranger de nominerede/);
        assert.match(text(twice.body), /Placering 1 er brugt mere end én gang\. Vælg en anden placering for «Patienter skriver selv med»\./);
        assert.match(twice.body, /<option value="3" selected/);
        const missing = await member.post(url, { [`placering-${a}`]: '1', [`placering-${b}`]: '2' });
        assert.equal(missing.statusCode, 400);
        assert.match(text(missing.body), /Vælg en placering for «Borgerpanel i psykiatrien»\./);
        const unknown = await member.post(url, { ...place([a, b, c]), [`placering-${outsider}`]: '4' });
        assert.equal(unknown.statusCode, 400);
        assert.match(text(unknown.body), /Din stemmeseddel nævner en nomineret, som ikke er med i afstemningen\./);
        const outOfRange = await member.post(url, { [`placering-${a}`]: '1', [`placering-${b}`]: '2', [`placering-${c}`]: '7' });
        assert.equal(outOfRange.statusCode, 400);
        assert.match(text(outOfRange.body), /Vælg en placering fra 1 til 3 for «Borgerpanel i psykiatrien»\./);
      }
      assert.equal((await ballotRows()).length, 0);
      assert.equal((await voterRows()).length, 0);
      assert.equal(await lockedAt(), null);
      assert.equal((await audit('panel.ballot-cast')).length, 0);
    });

    test('"Tjek din rangering" shows the order; "Ret rangering" brings the form back filled in', async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      const member = await agent(panel[0]!.userId);
      await member.get(ballotUrl());
      const check = await member.post(`${ballotUrl()}/tjek`, place([c, a, b]));
      assert.equal(check.statusCode, 200);
      const body = text(check.body);
      assert.match(body, /Tjek din rangering/);
      assert.match(body, /Borgerpanel i psykiatrien Patienter skriver selv med Pårørendecafé/);
      assert.match(check.body, /action="\/panel\/udgaver\/\d+\/stem"/);
      const back = await member.post(`${ballotUrl()}/tjek`, { ...place([c, a, b]), handling: 'ret' });
      assert.equal(back.statusCode, 200);
      assert.match(back.body, new RegExp(`name="placering-${c}"[^>]*>\\s*<option value=""[^>]*>[^<]*</option>\\s*<option value="1" selected`));
      assert.equal((await ballotRows()).length, 0, 'checking saves nothing');
    });

    test("the first ballot is stored under the member's key, locks the voting rules, and gives a receipt", async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      const res = await cast(panel[0]!.userId, [c, a, b]);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/panel/udgaver/${editionId}/kvittering`);
      const rows = await ballotRows();
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]!.ranking, [c, a, b]);
      assert.equal(rows[0]!.voterKey, voterKey(BALLOT_KEY, editionId, panel[0]!.memberId));
      assert.deepEqual(Object.keys(rows[0]!).sort(), ['editionId', 'ranking', 'voterKey'], 'no time, no serial id');
      assert.ok(!('memberId' in rows[0]!));
      assert.deepEqual(
        (await voterRows()).map((v) => [v.memberId, v.firstCastAt.toISOString()]),
        [[panel[0]!.memberId, VOTING_OPENS.toISOString()]],
      );
      assert.equal((await lockedAt())?.toISOString(), VOTING_OPENS.toISOString());
      const [lock] = await audit('panel.voting-lock');
      assert.deepEqual(lock!.after, {
        votingLockedAt: VOTING_OPENS.toISOString(),
        nominationIds: [a, b, c],
        method: 'schulze',
        votingOpensAt: VOTING_OPENS.toISOString(),
        votingClosesAt: VOTING_CLOSES.toISOString(),
      });
      const castEvents = await audit('panel.ballot-cast');
      assert.equal(castEvents.length, 1);
      assert.deepEqual(castEvents[0]!.after, { replaced: false });
      assert.equal(castEvents[0]!.actorUserId, panel[0]!.userId);

      const receipt = await (await agent(panel[0]!.userId)).get(res.headers.location as string);
      assert.equal(receipt.statusCode, 200);
      assert.match(text(receipt.body), /Tak for din stemme\. Du kan ændre den indtil 8\. marts 2027 kl\. 12\.00\./);
      assert.match(text(receipt.body), /Din rangering Borgerpanel i psykiatrien Patienter skriver selv med Pårørendecafé/);
      // The ballot page now starts from the member's own ranking.
      const again = await (await agent(panel[0]!.userId)).get(ballotUrl());
      assert.match(text(again.body), /Du har allerede stemt\./);
      assert.match(again.body, new RegExp(`name="placering-${c}"[^>]*>\\s*<option value=""[^>]*>[^<]*</option>\\s*<option value="1" selected`));
    });

    test('after the lock the setup service refuses new voting dates and turning the panel off, in Danish', async () => {
      const [row] = await db.select().from(editions).where(eq(editions.id, editionId));
      const e = row!;
      const roles = await loadRoles(db, adminDr);
      const [user] = await db.select().from(users).where(eq(users.id, adminDr));
      const actor: Actor = { kind: 'user', user: user!, ...roles, idleExpiresAt: null, via: 'session' };
      const input = (over: Partial<EditionInput['timeline']>, hasPatientPanel = true): EditionInput => ({
        year: e.year,
        theme: e.theme,
        themeDescription: e.themeDescription,
        timeline: {
          opensAt: e.opensAt,
          closesAt: e.closesAt,
          reviewStartsAt: e.reviewStartsAt,
          nomineesPublishedAt: e.nomineesPublishedAt,
          votingOpensAt: e.votingOpensAt,
          votingClosesAt: e.votingClosesAt,
          winnerAnnouncedAt: e.winnerAnnouncedAt,
          ...over,
        },
        eventName: e.eventName,
        eventPlace: e.eventPlace,
        nomineeCountMin: e.nomineeCountMin,
        nomineeCountMax: e.nomineeCountMax,
        prizeAmountKr: e.prizeAmountKr,
        prizePurpose: e.prizePurpose,
        prizeExtras: e.prizeExtras,
        filmUrl: e.filmUrl,
        hasPatientPanel,
        asksOrigin: e.asksOrigin,
      });
      const later = new Date(VOTING_CLOSES.getTime() + 86_400_000);
      const moved = await updateEdition({
        db,
        actor,
        editionId,
        input: input({ votingClosesAt: later }),
        now: t.clock.now(),
        mail: { baseUrl: 'http://prisportal.test' },
      });
      assert.equal(moved.ok, false);
      assert.ok(!moved.ok && moved.reason === 'invalid');
      assert.deepEqual(moved.edition, [{ field: 'votingClosesAt', code: 'voting-locked', since: VOTING_OPENS }]);
      const [message] = editionRuleErrors(setupTexts('da'), 'da', [], moved.edition, e.year);
      assert.deepEqual(message, {
        field: 'votingClosesAt',
        target: 'votingClosesAt-date',
        message: 'Datoerne for afstemningen er låst, fordi patientpanelet begyndte at stemme 15. februar 2027 kl. 12.00. Lad datoen stå, som den var.',
      });
      const off = await updateEdition({ db, actor, editionId, input: input({}, false), now: t.clock.now(), mail: { baseUrl: 'http://prisportal.test' } });
      assert.ok(!off.ok && off.reason === 'invalid' && off.edition[0]!.field === 'hasPatientPanel');
      const [still] = await db.select().from(editions).where(eq(editions.id, editionId));
      assert.equal(still!.votingClosesAt!.toISOString(), VOTING_CLOSES.toISOString());
      assert.equal(still!.hasPatientPanel, true);
      // Other fields may still change.
      const theme = await updateEdition({
        db,
        actor,
        editionId,
        input: { ...input({}), theme: 'Nyt tema' },
        now: t.clock.now(),
        mail: { baseUrl: 'http://prisportal.test' },
      });
      assert.equal(theme.ok, true);
    });

    test('a second ballot replaces the first, a double submit changes nothing more: one ballot per member', async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      t.clock.set(new Date(VOTING_OPENS.getTime() + 3_600_000));
      const first = await cast(panel[0]!.userId, [a, b, c]);
      assert.equal(first.statusCode, 303);
      const second = await cast(panel[0]!.userId, [a, b, c]);
      assert.equal(second.statusCode, 303);
      const rows = await ballotRows();
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]!.ranking, [a, b, c]);
      assert.equal((await voterRows())[0]!.firstCastAt.toISOString(), VOTING_OPENS.toISOString(), 'first cast stays the first');
      assert.equal((await lockedAt())?.toISOString(), VOTING_OPENS.toISOString(), 'the lock is not moved');
      assert.deepEqual(
        (await audit('panel.ballot-cast')).map((e) => e.after),
        [{ replaced: false }, { replaced: true }, { replaced: true }],
      );
      assert.equal((await audit('panel.voting-lock')).length, 1);
      const count = await countBallots(db, editionId);
      assert.equal(count.ballotCount, 1);
      // Two submits at the same moment (a double click): both answered, one ballot stored.
      const member = await agent(panel[0]!.userId);
      await member.get(ballotUrl());
      const both = await Promise.all([member.post(`${ballotUrl()}/stem`, place([a, b, c])), member.post(`${ballotUrl()}/stem`, place([a, b, c]))]);
      assert.deepEqual(
        both.map((r) => r.statusCode),
        [303, 303],
      );
      assert.equal((await ballotRows()).length, 1);
      assert.equal((await voterRows()).length, 1);
    });

    test("a panel member guessing another edition's address is refused (403), whether or not it exists", async () => {
      const member = await withCsrf(panel[1]!.userId);
      for (const url of [ballotUrl(otherEdition), `${ballotUrl(otherEdition)}/kvittering`, ballotUrl(999_999), '/panel/udgaver/abc']) {
        const res = await member.get(url);
        assert.equal(res.statusCode, url.endsWith('abc') ? 404 : 403, url);
      }
      const other = await db.select().from(shortlistEntries).where(eq(shortlistEntries.editionId, otherEdition));
      for (const step of ['tjek', 'stem']) {
        const res = await member.post(`${ballotUrl(otherEdition)}/${step}`, place([other[0]!.nominationId]));
        assert.equal(res.statusCode, 403, step);
      }
      assert.equal((await db.select().from(ballots).where(eq(ballots.editionId, otherEdition))).length, 0);
      // Committee members and administrators have no ballot.
      assert.equal((await (await agent(committee)).get(ballotUrl())).statusCode, 403);
      assert.equal((await (await agent(adminDr)).get(ballotUrl())).statusCode, 403);
    });

    test('while voting is open, administrators see who has voted and how many ballots, never a result', async () => {
      const a = await agent(adminDr);
      const page = await a.get(`/admin/udgaver/${editionId}/panel`);
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /1 af 3 medlemmer af patientpanelet har stemt\./);
      assert.match(body, /Anna Borger anna@example\.dk Ja, første gang 15\. februar 2027 kl\. 12\.00/);
      assert.match(body, /Bent Borger bent@example\.dk Nej/);
      assert.match(body, /Der er afgivet 1 stemme\. Resultatet vises først, når afstemningen er slut 8\. marts 2027 kl\. 12\.00/);
      assert.doesNotMatch(page.body, /id="tally-ranking"|id="tally-d"|Vinder:/);
      const token = (await createApiToken(db, adminDr, 'panel-test', t.clock.now())).token;
      const api = await app.inject({ url: `/api/v1/admin/editions/${editionId}/panel`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 200);
      const json = api.json();
      assert.equal(json.state, 'open');
      assert.equal(json.ballotCount, 1);
      assert.equal(json.voted, 1);
      assert.equal(json.tally, null);
      const rmToken = (await createApiToken(db, adminRm, 'panel-test', t.clock.now())).token;
      const refused = await app.inject({ url: `/api/v1/admin/editions/${editionId}/panel`, headers: { authorization: `Bearer ${rmToken}` } });
      assert.equal(refused.statusCode, 403);
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
      const doc = (await app.inject('/api/v1/openapi.json')).json();
      const op = doc.paths['/api/v1/admin/editions/{id}/panel'].get;
      assert.deepEqual(op.security, [{ bearerAuth: [] }]);
      assert.ok(op.responses['200'].content['application/json'].schema.properties.tally);
    });

    test("ballots are secret: the administrators' page and JSON are the same whoever ranked what", async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      const token = (await createApiToken(db, adminDr, 'secrecy', t.clock.now())).token;
      const look = async () => {
        t.clock.set(VOTING_CLOSES);
        const page = await (await agent(adminDr)).get(`/admin/udgaver/${editionId}/panel`);
        const api = await app.inject({ url: `/api/v1/admin/editions/${editionId}/panel`, headers: { authorization: `Bearer ${token}` } });
        assert.equal(page.statusCode, 200);
        assert.equal(api.statusCode, 200);
        return { html: stable(page.body), json: api.body };
      };
      // Anna ranks A > B > C (already), Bent B > A > C: a tie between A and B.
      t.clock.set(new Date(VOTING_OPENS.getTime() + 7_200_000));
      assert.equal((await cast(panel[1]!.userId, [b, a, c])).statusCode, 303);
      const first = await look();
      // Back inside the window, the two swap ballots; the count and who voted stay the same.
      t.clock.set(new Date(VOTING_OPENS.getTime() + 10_800_000));
      assert.equal((await cast(panel[0]!.userId, [b, a, c])).statusCode, 303);
      assert.equal((await cast(panel[1]!.userId, [a, b, c])).statusCode, 303);
      const second = await look();
      assert.equal(second.html, first.html);
      assert.equal(second.json, first.json);
      // Nothing that could link a member to a ballot is shown.
      for (const row of await ballotRows()) {
        assert.ok(!first.html.includes(row.voterKey) && !first.json.includes(row.voterKey));
      }
      const json = JSON.parse(first.json);
      assert.deepEqual(Object.keys(json.voters[0]).sort(), ['email', 'firstCastAt', 'name']);
      assert.deepEqual(json.tally, {
        candidates: [a, b, c],
        ballotCount: 2,
        d: [
          [0, 1, 2],
          [1, 0, 2],
          [0, 0, 0],
        ],
        p: [
          [0, 0, 2],
          [0, 0, 2],
          [0, 0, 0],
        ],
        ranking: [[a, b], [c]],
        winners: [a, b],
        tie: true,
      });
    });

    test('after the deadline: a ballot is refused, the stored one stays, and the count shows the tie', async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      t.clock.set(VOTING_CLOSES);
      const before = await ballotRows();
      const member = await agent(panel[2]!.userId);
      const page = await member.get(ballotUrl());
      assert.match(text(page.body), /Afstemningen sluttede 8\. marts 2027 kl\. 12\.00\. Du kan ikke stemme/);
      const late = await (await withCsrf(panel[2]!.userId)).post(`${ballotUrl()}/stem`, place([c, b, a]));
      assert.equal(late.statusCode, 409);
      assert.match(text(late.body), /Afstemningen sluttede 8\. marts 2027 kl\. 12\.00\. Din stemme er ikke gemt\./);
      assert.deepEqual(await ballotRows(), before);
      assert.equal((await voterRows()).length, 2);

      const admin = await (await agent(adminDr)).get(`/admin/udgaver/${editionId}/panel`);
      const body = text(admin.body);
      assert.match(body, /2 af 3 medlemmer af patientpanelet har stemt\./);
      assert.match(body, /Stemmelighed mellem Patienter skriver selv med, Pårørendecafé\. Formanden for komitéen afgør, hvem der vinder\./);
      assert.match(body, /Patienter skriver selv med = Pårørendecafé/);
      assert.deepEqual(await findWinner(db, editionId), { kind: 'tie', nominationIds: [a, b] });
    });

    test('the chair breaks the tie among the tied nominees only; others are refused; a double submit is recorded once', async () => {
      const [a, b, c] = nominees.map((n) => n.id) as [number, number, number];
      const url = `/bedoemmelse/udgaver/${editionId}/vinder`;
      // Before voting closes there is nothing to decide.
      t.clock.set(new Date(VOTING_CLOSES.getTime() - 1));
      const early = await withCsrf(chair);
      const page0 = await early.get(url);
      assert.match(text(page0.body), /Patientpanelets afstemning slutter 8\. marts 2027 kl\. 12\.00\./);
      assert.equal((await early.post(url, { vinder: String(a) })).statusCode, 409);
      t.clock.set(VOTING_CLOSES);

      for (const userId of [committee, panel[0]!.userId, adminDr]) {
        const other = await withCsrf(userId);
        assert.equal((await other.get(url)).statusCode, 403);
        assert.equal((await other.post(url, { vinder: String(a) })).statusCode, 403);
      }
      const ch = await agent(chair);
      const page = await ch.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Der er stemmelighed mellem Patienter skriver selv med, Pårørendecafé\. Du skal vælge vinderen blandt dem\./);
      assert.ok(page.body.includes(`value="${a}"`) && page.body.includes(`value="${b}"`) && !page.body.includes(`name="vinder" value="${c}"`));
      const notTied = await ch.post(url, { vinder: String(c) });
      assert.equal(notTied.statusCode, 400);
      assert.match(notTied.body, /<title>Fejl: /);
      assert.match(text(notTied.body), /Vælg en af de nominerede, der står lige\./);
      const empty = await ch.post(url, {});
      assert.equal(empty.statusCode, 400);
      assert.match(text(empty.body), /Vælg vinderen\./);
      assert.equal((await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, editionId))).length, 0);

      await ch.get(url);
      const ok = await ch.post(url, { vinder: String(b) });
      assert.equal(ok.statusCode, 303);
      const twice = await ch.post(url, { vinder: String(b) });
      assert.equal(twice.statusCode, 303);
      const [decision] = await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, editionId));
      assert.equal(decision!.nominationId, b);
      assert.equal(decision!.basis, 'tie-break');
      assert.equal(decision!.decidedByUserId, chair);
      const events = await audit('winner.decide');
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]!.after, { nominationId: b, basis: 'tie-break', tied: [a, b] });
      assert.deepEqual(await findWinner(db, editionId), { kind: 'winner', nominationId: b, basis: 'tie-break' });
      const shown = await ch.get(ok.headers.location as string);
      assert.match(text(shown.body), /Afgørelsen er gemt: Pårørendecafé vinder\./);
      // Once the winner is announced, the decision stands.
      t.clock.set(WINNER_ANNOUNCED);
      const late = await withCsrf(chair);
      assert.equal((await late.post(url, { vinder: String(a) })).statusCode, 409);
      assert.equal((await db.select().from(winnerDecisions).where(eq(winnerDecisions.editionId, editionId)))[0]!.nominationId, b);
    });

    test("without a patient panel the chair records the committee's winner among the shortlist", async () => {
      t.clock.set('2028-03-01T12:00:00Z');
      const url = `/bedoemmelse/udgaver/${noPanelEdition}/vinder`;
      const ids = (await db.select().from(shortlistEntries).where(eq(shortlistEntries.editionId, noPanelEdition)).orderBy(asc(shortlistEntries.position))).map(
        (e) => e.nominationId,
      );
      const ch = await agent(chair);
      const page = await ch.get(url);
      assert.match(text(page.body), /Denne pris har ikke et patientpanel\. Registrer den nominerede, som komitéen har valgt som vinder\./);
      const wrong = await ch.post(url, { vinder: String(nominees[0]!.id) });
      assert.equal(wrong.statusCode, 400);
      assert.match(text(wrong.body), /Vælg en af de nominerede\./);
      const ok = await ch.post(url, { vinder: String(ids[1]) });
      assert.equal(ok.statusCode, 303);
      assert.deepEqual(await findWinner(db, noPanelEdition), { kind: 'winner', nominationId: ids[1], basis: 'committee' });
      const [event] = await audit('winner.decide', noPanelEdition);
      assert.deepEqual(event!.after, { nominationId: ids[1], basis: 'committee' });
      // The panel pages of an edition without a panel say so.
      assert.equal((await (await agent(committee)).get(url)).statusCode, 403);
    });
  });
}
