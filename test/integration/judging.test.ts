/**
 * The committee's work on PGlite and on a real PostgreSQL server: the member's list with
 * progress, scoring (the scale, bad input refused with nothing half-saved, the review window
 * exact to the instant, double submit), conflicts of interest (flagged by the system, confirmed
 * or dismissed, declared with a reason; no score from a conflicted member), blind review, the
 * overview for the meeting (raw and normalised, Krippendorff's alpha, anonymised, the
 * viewer's conflicts hidden, the administrators' page), the chair's shortlist (size rule,
 * eligibility, chair only, locked once voting starts, audit) and the review reminders (once
 * per member and kind, even from two processes). Members of another edition get 403.
 */
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import assert from 'node:assert/strict';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Database, inTransaction } from '../../src/db/database.js';
import {
  auditEvents,
  awards,
  conflictsOfInterest,
  criteria,
  editionMembers,
  editions,
  nominations,
  organisations,
  outboxMessages,
  reviewClosures,
  reviewReminders,
  reviewScores,
  reviews,
  shortlistEntries,
  users,
} from '../../src/db/schema.js';
import { findJudgingEdition, listCommitteeMembers, listConflicts, listCriteria, listEligibleNominations } from '../../src/judging/judging.repo.js';
import { ENGINES } from '../harness/databases.js';
import { readPdf } from '../harness/pdf-text.js';
import { startTestApp } from '../harness/app.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import type { HttpAgent } from '../harness/http-agent.js';
import { buildEdition, buildNomination } from '../harness/factories.js';
import { loadCommitteeOverview } from '../../src/judging/overview.service.js';
import { anonymousLabels } from '../../src/judging/anonymous-labels.js';
import { DEVELOPMENT_BALLOT_KEY } from '../../src/config.js';
import { enqueueDueReviewReminders, enqueueScoringOpens } from '../../src/judging/reminders.service.js';
import { findShortlist } from '../../src/judging/shortlist.repo.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';

/** The test edition's timeline (UTC): closes 1 March, review 15 March – 15 April 2030. */
const T = {
  opens: new Date('2030-01-01T11:00:00Z'),
  closes: new Date('2030-03-01T11:00:00Z'),
  reviewStarts: new Date('2030-03-15T11:00:00Z'),
  reviewCloses: new Date('2030-04-15T10:00:00Z'),
  published: new Date('2030-05-01T10:00:00Z'),
  winner: new Date('2030-06-01T10:00:00Z'),
};
const IN_REVIEW = '2030-03-20T12:00:00Z';

const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

for (const engine of ENGINES) {
  describe(`committee review, conflicts, overview and shortlist on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let edition: number;
    let otherEdition: number;
    let c1: number;
    let c2: number;
    /** Eligible nominations n1–n4; pending, withdrawn and another edition's are not the committee's. */
    const n: Record<string, number> = {};
    const ids: Record<string, number> = {};
    const agents: Record<string, HttpAgent> = {};

    const signedIn = (userId: number) => signedInAgent(app, db, userId, t.clock.now());
    const base = () => `/bedoemmelse/udgaver/${edition}`;
    const reviewUrl = (nomination: number) => `${base()}/indstillinger/${nomination}`;
    const score = async (who: string, nomination: number, a: string, b: string, comment = '') => {
      const agent = agents[who]!;
      await agent.get(reviewUrl(nomination));
      return agent.post(reviewUrl(nomination), { [`point-${c1}`]: a, [`point-${c2}`]: b, kommentar: comment });
    };
    const reviewsOf = async (memberUser: string) => {
      const rows = await db
        .select({ nominationId: reviews.nominationId, comment: reviews.comment, id: reviews.id, memberId: reviews.memberId })
        .from(reviews)
        .orderBy(asc(reviews.nominationId));
      const member = ids[`${memberUser}Member`]!;
      const out: { nominationId: number; comment: string; scores: number[] }[] = [];
      for (const r of rows.filter((x) => x.memberId === member)) {
        const s = await db.select().from(reviewScores).where(eq(reviewScores.reviewId, r.id)).orderBy(asc(reviewScores.criterionId));
        out.push({ nominationId: r.nominationId, comment: r.comment, scores: s.map((x) => x.score) });
      }
      return out;
    };

    before(async () => {
      t = await startTestApp(engine, IN_REVIEW);
      db = t.database.db;
      app = t.app;
      const [award] = await db.select().from(awards).where(eq(awards.slug, 'initiativprisen'));
      const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'region-midtjylland'));
      const [drOrg] = await db.select().from(organisations).where(eq(organisations.slug, 'danske-regioner'));
      const e = await buildEdition(
        db,
        {
          awardId: award!.id,
          year: 2030,
          theme: 'Test',
          opensAt: T.opens,
          closesAt: T.closes,
          reviewStartsAt: T.reviewStarts,
          reviewClosesAt: T.reviewCloses,
          nomineesPublishedAt: T.published,
          winnerAnnouncedAt: T.winner,
          nomineeCountMin: 2,
          nomineeCountMax: 3,
        },
        {
          criteria: [
            { title: 'Nyskabelse', description: 'Er løsningen ny?' },
            { title: 'Værdi for borgerne', description: 'Skaber den værdi?' },
          ],
        },
      );
      edition = e.id;
      [c1, c2] = e.criterionIds as [number, number];
      const o = await buildEdition(db, {
        awardId: award!.id,
        year: 2031,
        opensAt: new Date('2031-01-01T11:00:00Z'),
        closesAt: new Date('2031-03-01T11:00:00Z'),
        nomineesPublishedAt: new Date('2031-05-01T10:00:00Z'),
        winnerAnnouncedAt: new Date('2031-06-01T10:00:00Z'),
      });
      otherEdition = o.id;
      const at = new Date('2030-02-01T10:00:00Z');
      n.a = (
        await buildNomination(db, {
          editionId: edition,
          screening: 'eligible',
          receiptNumber: 'IP-2030-0001',
          title: 'Alfa',
          nomineeOrganisation: 'Aarhus Universitetshospital',
          nomineeNames: 'Anna Hemmelig',
          nominatorName: 'Ib Indstiller',
          nominatorEmail: 'ib@example.dk',
          sentAt: at,
        })
      ).id;
      n.b = (
        await buildNomination(db, {
          editionId: edition,
          screening: 'eligible',
          receiptNumber: 'IP-2030-0002',
          title: 'Beta',
          nomineeOrganisation: 'Regionshospitalet Gødstrup',
          sentAt: at,
        })
      ).id;
      n.c = (
        await buildNomination(db, {
          editionId: edition,
          screening: 'eligible',
          receiptNumber: 'IP-2030-0003',
          title: 'Gamma',
          nomineeOrganisation: 'Regionshospitalet Gødstrup',
          sentAt: at,
        })
      ).id;
      n.d = (
        await buildNomination(db, {
          editionId: edition,
          screening: 'eligible',
          receiptNumber: 'IP-2030-0004',
          title: 'Delta',
          nomineeOrganisation: 'Hospitalsenheden Vest',
          sentAt: at,
        })
      ).id;
      n.pending = (await buildNomination(db, { editionId: edition, receiptNumber: 'IP-2030-0005', title: 'Ikke screenet', sentAt: at })).id;
      n.notEligible = (
        await buildNomination(db, {
          editionId: edition,
          screening: 'not-eligible',
          screeningReason: 'Uden for emnet',
          receiptNumber: 'IP-2030-0006',
          title: 'Ikke egnet',
          sentAt: at,
        })
      ).id;
      n.withdrawn = (
        await buildNomination(db, {
          editionId: edition,
          status: 'withdrawn',
          screening: 'eligible',
          receiptNumber: 'IP-2030-0007',
          title: 'Trukket tilbage',
          sentAt: at,
        })
      ).id;
      n.other = (await buildNomination(db, { editionId: otherEdition, screening: 'eligible', title: 'Anden udgave', sentAt: at })).id;

      const chair = await createUser(db, {
        email: 'formand@example.dk',
        name: 'Fie Formand',
        members: [{ editionId: edition, role: 'committee', isChair: true, partyLetter: 'A' }],
      });
      const m2 = await createUser(db, {
        email: 'ib@example.dk',
        name: 'Ib Indstiller',
        members: [{ editionId: edition, role: 'committee', partyLetter: 'V' }],
      });
      const m3 = await createUser(db, {
        email: 'gitte@example.dk',
        name: 'Gitte Gødstrup',
        members: [{ editionId: edition, role: 'committee', represents: ' regionshospitalet GØDSTRUP ' }],
      });
      const m4 = await createUser(db, {
        email: 'karl@example.dk',
        name: 'Karl Komité',
        members: [{ editionId: edition, role: 'committee', represents: 'Danske Patienter' }],
      });
      const outsider = await createUser(db, {
        email: 'anden@example.dk',
        name: 'Anden Udgave',
        members: [{ editionId: otherEdition, role: 'committee', isChair: true }],
      });
      const panel = await createUser(db, { email: 'panel@example.dk', name: 'Pia Panel', members: [{ editionId: edition, role: 'panel' }] });
      const admin = await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [org!.id] });
      const drAdmin = await createUser(db, { email: 'admin.dr@example.dk', name: 'Admin DR', adminOf: [drOrg!.id] });
      for (const [k, u] of Object.entries({ chair, m2, m3, m4, outsider, panel, admin, drAdmin })) {
        ids[k] = u.id;
        agents[k] = await signedIn(u.id);
      }
      for (const k of ['chair', 'm2', 'm3', 'm4']) {
        const [m] = await db
          .select()
          .from(editionMembers)
          .where(and(eq(editionMembers.userId, ids[k]!), eq(editionMembers.editionId, edition)));
        ids[`${k}Member`] = m!.id;
      }
    });
    after(async () => t?.close());

    test('the list shows only eligible, sent nominations of the edition, with progress and flags', async () => {
      const res = await agents.m4!.get(base());
      assert.equal(res.statusCode, 200);
      const rows = [...res.body.matchAll(/<a href="\/bedoemmelse\/udgaver\/\d+\/indstillinger\/(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(rows, [n.a, n.b, n.c, n.d]);
      assert.match(res.body, /0 af 4 bedømt/);
      assert.match(res.body, /<progress id="review-progress" max="4" value="0"/);
      // Gitte represents Regionshospitalet Gødstrup (case and spaces differ): Beta and Gamma are flagged.
      const gitte = await agents.m3!.get(base());
      assert.match(decode(gitte.body), /0 af 2 bedømt/);
      assert.equal([...gitte.body.matchAll(/Mulig inhabilitet: tag stilling/g)].length, 2);
      // Ib nominated Alfa (his e-mail is the nominator's).
      const flags = await db.select().from(conflictsOfInterest).orderBy(asc(conflictsOfInterest.nominationId));
      assert.deepEqual(
        flags.map((f) => [f.memberId, f.nominationId, f.origin, f.flag, f.status]),
        [
          [ids.m3Member, n.b, 'flagged', 'same-organisation', 'pending'],
          [ids.m3Member, n.c, 'flagged', 'same-organisation', 'pending'],
        ],
      );
      await agents.m2!.get(base());
      const ib = await db.select().from(conflictsOfInterest).where(eq(conflictsOfInterest.memberId, ids.m2Member!));
      assert.deepEqual(
        ib.map((f) => [f.nominationId, f.flag]),
        [[n.a, 'nominated-it']],
      );
    });

    test('a member of another edition, a panel member and an administrator get 403; unknown or ineligible nominations 404', async () => {
      const urls = [base(), reviewUrl(n.a!), `${base()}/oversigt`, `${base()}/nominerede`];
      for (const who of ['outsider', 'panel', 'admin'] as const) {
        for (const url of urls) assert.equal((await agents[who]!.get(url)).statusCode, 403, `${who} ${url}`);
      }
      await agents.outsider!.get(`/bedoemmelse/udgaver/${otherEdition}`);
      const post = await agents.outsider!.post(reviewUrl(n.a!), { [`point-${c1}`]: '5' });
      assert.equal(post.statusCode, 403);
      assert.equal((await agents.outsider!.post(`${base()}/nominerede`, { nominerede: [String(n.a), String(n.b)] })).statusCode, 403);
      for (const id of [n.pending, n.notEligible, n.withdrawn, n.other, 999999])
        assert.equal((await agents.m4!.get(reviewUrl(id!))).statusCode, 404, `nomination ${id}`);
      assert.equal((await agents.m4!.get(`${base()}/indstillinger/abc`)).statusCode, 404);
      assert.equal((await db.select().from(reviews)).length, 0);
    });

    test('scores are saved, shown back, and a double submit leaves one review', async () => {
      const page = await agents.m4!.get(reviewUrl(n.a!));
      assert.match(decode(page.body), /1 – lever ikke op til kriteriet/);
      assert.match(decode(page.body), /5 – lever fuldt ud op til kriteriet/);
      assert.match(page.body, /Anna Hemmelig/, 'names are shown without blind review');
      const first = await agents.m4!.post(reviewUrl(n.a!), { [`point-${c1}`]: '4', [`point-${c2}`]: '5', kommentar: '  God idé  ' });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `${reviewUrl(n.a!)}?gemt=komplet`);
      const again = await agents.m4!.post(reviewUrl(n.a!), { [`point-${c1}`]: '4', [`point-${c2}`]: '5', kommentar: '  God idé  ' });
      assert.equal(again.statusCode, 303);
      assert.deepEqual(await reviewsOf('m4'), [{ nominationId: n.a, comment: 'God idé', scores: [4, 5] }]);
      // The member's change is in the audit log once (the unchanged second save adds nothing).
      const saved = (await db.select().from(auditEvents).where(eq(auditEvents.action, 'review.save'))).filter((e) => e.entityId === String(n.a));
      assert.equal(saved.length, 1);
      assert.equal(saved[0]!.before, null);
      assert.deepEqual(saved[0]!.after, {
        memberId: (saved[0]!.after as { memberId: number }).memberId,
        scores: { [String(c1)]: 4, [String(c2)]: 5 },
        comment: 'God idé',
      });
      const shown = await agents.m4!.get(`${reviewUrl(n.a!)}?gemt=komplet`);
      assert.match(decode(shown.body), /Du har givet point for alle kriterier/);
      assert.match(shown.body, new RegExp(`class="form-radio" type="radio" id="score-${c1}-4" name="point-${c1}" value="4" checked`));
      // A partial save counts as not reviewed.
      assert.equal((await score('m4', n.b!, '3', '')).headers.location, `${reviewUrl(n.b!)}?gemt=1`);
      assert.match((await agents.m4!.get(base())).body, /1 af 4 bedømt/);
    });

    test('bad input is refused with a clear message, nothing is half-saved, and what was typed is kept', async () => {
      const before = await reviewsOf('m4');
      const cases: [Record<string, string>, RegExp][] = [
        [{ [`point-${c1}`]: '6', [`point-${c2}`]: '2' }, /Point for „Nyskabelse“ skal være fra 1 til 5/],
        [{ [`point-${c1}`]: '0', [`point-${c2}`]: '2' }, /Point for „Nyskabelse“ skal være fra 1 til 5/],
        [{ [`point-${c1}`]: '2', [`point-${c2}`]: 'fem' }, /Vælg et helt tal fra 1 til 5 for „Værdi for borgerne“/],
        [{ [`point-${c1}`]: '2.5', [`point-${c2}`]: '2' }, /Vælg et helt tal fra 1 til 5 for „Nyskabelse“/],
        [{ [`point-${c1}`]: '2', [`point-${c2}`]: '2', kommentar: 'x'.repeat(5001) }, /Kommentaren må højst have 5000 tegn/],
      ];
      for (const [fields, message] of cases) {
        await agents.m4!.get(reviewUrl(n.a!));
        const res = await agents.m4!.post(reviewUrl(n.a!), { kommentar: 'Min tekst', ...fields });
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        const body = decode(res.body);
        assert.match(body, message);
        assert.match(body, /<title>Fejl: /);
        assert.match(body, /data-module="error-summary"/);
        if (!fields.kommentar) assert.match(body, /Min tekst<\/textarea>/);
      }
      // Two values for one criterion are not a number.
      const twice = await agents.m4!.post(reviewUrl(n.a!), { [`point-${c1}`]: ['2', '3'], [`point-${c2}`]: '2' });
      assert.equal(twice.statusCode, 400);
      assert.deepEqual(await reviewsOf('m4'), before);
    });

    test('scores are refused before the review starts and from the deadline instant on', async () => {
      const before = await reviewsOf('m4');
      // Sessions time out after 30 idle minutes, so each instant gets a fresh one.
      const at = async (when: Date) => {
        t.clock.set(when);
        agents.m4 = await signedIn(ids.m4!);
        await agents.m4.get(reviewUrl(n.c!));
      };
      try {
        await at(new Date(T.reviewStarts.getTime() - 1));
        let res = await agents.m4!.post(reviewUrl(n.c!), { [`point-${c1}`]: '3', [`point-${c2}`]: '3' });
        assert.equal(res.statusCode, 409);
        assert.match(decode(res.body), /Bedømmelsen er ikke begyndt endnu, så dine point er ikke gemt/);
        await at(T.reviewCloses);
        res = await agents.m4!.post(reviewUrl(n.c!), { [`point-${c1}`]: '3', [`point-${c2}`]: '3' });
        assert.equal(res.statusCode, 409);
        assert.match(decode(res.body), /Fristen for bedømmelse er udløbet/);
        assert.deepEqual(await reviewsOf('m4'), before);
        // One millisecond before the deadline it is saved.
        await at(new Date(T.reviewCloses.getTime() - 1));
        assert.equal((await score('m4', n.c!, '3', '3')).statusCode, 303);
      } finally {
        t.clock.set(IN_REVIEW);
        agents.m4 = await signedIn(ids.m4!);
      }
    });

    test('a flagged member cannot score until the flag is dismissed; declaring a conflict removes their scores', async () => {
      // Gitte's flag on Beta: refused while pending.
      const page = await agents.m3!.get(reviewUrl(n.b!));
      assert.match(decode(page.body), /Den organisation, du repræsenterer, er også kandidatens organisation/);
      let res = await agents.m3!.post(reviewUrl(n.b!), { [`point-${c1}`]: '3', [`point-${c2}`]: '3' });
      assert.equal(res.statusCode, 409);
      assert.match(decode(res.body), /Du er inhabil i denne indstilling, så du kan ikke give point/);
      // Dismiss Beta's flag, confirm Gamma's.
      res = await agents.m3!.post(`${reviewUrl(n.b!)}/inhabilitet`, { handling: 'afvis' });
      assert.equal(res.statusCode, 303);
      assert.equal((await score('m3', n.b!, '2', '2')).statusCode, 303);
      await agents.m3!.get(reviewUrl(n.c!));
      assert.equal((await agents.m3!.post(`${reviewUrl(n.c!)}/inhabilitet`, { handling: 'bekraeft' })).statusCode, 303);
      // Karl declares a conflict on Beta: a reason is required; then his partial review of Beta is gone.
      await agents.m4!.get(reviewUrl(n.b!));
      res = await agents.m4!.post(`${reviewUrl(n.b!)}/inhabilitet`, { handling: 'erklaer', begrundelse: '   ' });
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Skriv, hvorfor du er inhabil/);
      assert.deepEqual(
        (await reviewsOf('m4')).map((r) => r.nominationId),
        [n.a, n.b, n.c],
      );
      res = await agents.m4!.post(`${reviewUrl(n.b!)}/inhabilitet`, { handling: 'erklaer', begrundelse: 'Min søster arbejder der' });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(
        (await reviewsOf('m4')).map((r) => r.nominationId),
        [n.a, n.c],
      );
      const shown = await agents.m4!.get(reviewUrl(n.b!));
      assert.match(decode(shown.body), /Du har meldt dig inhabil: Min søster arbejder der/);
      assert.doesNotMatch(shown.body, /name="point-/);
      res = await agents.m4!.post(reviewUrl(n.b!), { [`point-${c1}`]: '3', [`point-${c2}`]: '3' });
      assert.equal(res.statusCode, 409);
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'conflict.declare'));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.entityId, String(n.b));
      assert.deepEqual(audit[0]!.after, { memberId: ids.m4Member, status: 'confirmed', reason: 'Min søster arbejder der' });
      assert.equal((await db.select().from(auditEvents).where(eq(auditEvents.action, 'conflict.dismiss'))).length, 1);
      assert.equal((await db.select().from(auditEvents).where(eq(auditEvents.action, 'conflict.confirm'))).length, 1);
      // Ib confirms he nominated Alfa.
      await agents.m2!.get(reviewUrl(n.a!));
      assert.equal((await agents.m2!.post(`${reviewUrl(n.a!)}/inhabilitet`, { handling: 'bekraeft' })).statusCode, 303);
    });

    test('the overview: raw and normalised figures, alpha, absences, the viewer’s own conflicts hidden, anonymised', async () => {
      // Scores so far: Karl Alfa 4/5, Gamma 3/3; Gitte Beta 2/2. Add more for three members.
      assert.equal((await score('chair', n.a!, '5', '4')).statusCode, 303);
      assert.equal((await score('chair', n.b!, '2', '1')).statusCode, 303);
      assert.equal((await score('chair', n.c!, '3', '3')).statusCode, 303);
      assert.equal((await score('chair', n.d!, '1', '2')).statusCode, 303);
      assert.equal((await score('m3', n.a!, '4', '4')).statusCode, 303);
      assert.equal((await score('m3', n.d!, '2', '2')).statusCode, 303);
      const data = (await loadCommitteeOverview(db, edition, { anonymise: false }))!;
      const alfa = data.nominations.find((x) => x.id === n.a)!;
      const { mean, sd, ...exact } = alfa.total!;
      assert.deepEqual(exact, { count: 3, median: 9, min: 8, max: 9, range: 1 });
      assert.ok(Math.abs(mean - 26 / 3) < 1e-12 && Math.abs(sd - Math.sqrt(2 / 9)) < 1e-12, `${mean} ${sd}`);
      assert.equal(alfa.rankRaw, 1);
      assert.deepEqual(alfa.absent, ['Ib Indstiller']);
      assert.deepEqual(data.nominations.find((x) => x.id === n.b)!.absent, ['Karl Komité']);
      assert.deepEqual(data.nominations.find((x) => x.id === n.c)!.absent, ['Gitte Gødstrup']);
      assert.equal(data.tooFew, null);
      assert.equal(data.scoreCount, 18);
      assert.equal(typeof data.alpha.alpha, 'number');
      assert.deepEqual(
        data.members.map((m) => [m.label, m.progress.done, m.progress.total]),
        [
          ['Fie Formand', 4, 4],
          ['Gitte Gødstrup', 3, 3],
          ['Ib Indstiller', 0, 3],
          ['Karl Komité', 2, 3],
        ],
      );
      // Karl sees Beta's figures hidden (his conflict), the others not.
      const page = decode((await agents.m4!.get(`${base()}/oversigt?sorter=titel`)).body);
      assert.match(page, /Krippendorffs alfa \(interval\): /);
      assert.match(page, /Skjult: du er inhabil/);
      const order = [...page.matchAll(/<th scope="row" lang="da">IP-2030-000(\d)/g)].map((m) => m[1]);
      assert.deepEqual(order, ['1', '2', '4', '3'], 'sorted by title: Alfa, Beta, Delta, Gamma');
      const raw = decode((await agents.m4!.get(`${base()}/oversigt?sorter=raa`)).body);
      // Beta is hidden from Karl (his conflict). Ranks 1, 2 and 3 of the others would tell him
      // Beta's, so he sees no rank at all (nor normalised totals or members' means), and the rows
      // come in receipt order (issue 13, finding 5).
      assert.deepEqual(
        [...raw.matchAll(/<th scope="row" lang="da">IP-2030-000(\d)/g)].map((m) => m[1]),
        ['1', '2', '3', '4'],
      );
      assert.deepEqual(
        [...raw.matchAll(/<tr data-nomination="\d+"><td>([^<]*)<\/td>/g)].map((m) => m[1]),
        ['– / –', '– / –', '– / –', '– / –'],
      );
      assert.match(raw, /Du er inhabil i mindst én indstilling\. Derfor ser du ingen placeringer/);
      const karls = (await loadCommitteeOverview(db, edition, { anonymise: false, viewerMemberId: ids.m4Member }))!;
      assert.equal(karls.ranksHiddenForViewer, true);
      assert.ok(karls.nominations.every((x) => x.rankRaw === null && x.rankNormalised === null && x.normalisedTotal === null));
      assert.ok(karls.members.every((m) => m.mean === null && m.sd === null));
      // Fie has no conflict: she sees every rank.
      const fies = decode((await agents.chair!.get(`${base()}/oversigt?sorter=raa`)).body);
      assert.doesNotMatch(fies, /Du er inhabil i mindst én indstilling/);
      assert.deepEqual(
        [...fies.matchAll(/<tr data-nomination="\d+"><td>([^<]*)<\/td>/g)].map((m) => m[1]!.split(' / ')[0]),
        ['1', '2', '3', '3'],
      );
      const adminRaw = (await loadCommitteeOverview(db, edition, { anonymise: false }))!.nominations;
      assert.deepEqual(
        adminRaw.map((x) => [x.receiptNumber, x.rankRaw]),
        [
          ['IP-2030-0001', 1],
          ['IP-2030-0002', 3],
          ['IP-2030-0003', 2],
          ['IP-2030-0004', 3],
        ],
      );
      assert.match(raw, /Fie Formand \(formand\)/);
      const anon = decode((await agents.m4!.get(`${base()}/oversigt?anonym=1`)).body);
      assert.doesNotMatch(anon, /Fie Formand|Karl Komité|Gitte Gødstrup|Ib Indstiller/);
      assert.match(anon, /Medlem 1/);
      // The labels follow a random order per edition (from the server secret), not "the chair,
      // then by name" (issue 13, finding 9); the members table lists them in label order.
      const seats = ['chair', 'm3', 'm2', 'm4'].map((k) => ids[`${k}Member`]!); // the chair, then by name
      const expected = anonymousLabels(DEVELOPMENT_BALLOT_KEY, edition, seats);
      const anonData = (await loadCommitteeOverview(db, edition, { anonymise: { secret: DEVELOPMENT_BALLOT_KEY } }))!;
      assert.deepEqual(new Map(anonData.members.map((m) => [m.id, m.label])), expected);
      assert.deepEqual(
        anonData.members.map((m) => m.label),
        ['Medlem 1', 'Medlem 2', 'Medlem 3', 'Medlem 4'],
      );
      assert.notDeepEqual(
        seats.map((id) => expected.get(id)),
        ['Medlem 1', 'Medlem 2', 'Medlem 3', 'Medlem 4'],
        'not the chair first, then by name',
      );
      assert.deepEqual(
        [...decode((await agents.admin!.get(`/admin/udgaver/${edition}/bedoemmelse?anonym=1`)).body).matchAll(/<th scope="row">(Medlem \d)/g)].map((m) => m[1]),
        ['Medlem 1', 'Medlem 2', 'Medlem 3', 'Medlem 4'],
      );
      // With only two members' scores, the page says normalisation means little.
      const few = (await loadCommitteeOverview(db, otherEdition, { anonymise: false }))!;
      assert.equal(few.tooFew?.code, 'few-members');
    });

    test('the members’ comments: per nomination and per member, under the labels when anonymised, none where the viewer is conflicted (issue 14)', async () => {
      assert.equal((await score('chair', n.a!, '5', '4', 'Alfa er stærk.\nGod evidens.')).statusCode, 303);
      assert.equal((await score('chair', n.b!, '2', '1', 'Beta-kommentar fra formanden')).statusCode, 303);
      const data = (await loadCommitteeOverview(db, edition, { anonymise: false }))!;
      assert.deepEqual(
        data.nominations.find((x) => x.id === n.a)!.comments.find((c) => c.memberId === ids.chairMember),
        { memberId: ids.chairMember, label: 'Fie Formand', text: 'Alfa er stærk.\nGod evidens.' },
      );
      assert.deepEqual(
        data.members.find((m) => m.id === ids.chairMember)!.comments.map((c) => [c.receiptNumber, c.text]),
        [
          ['IP-2030-0001', 'Alfa er stærk.\nGod evidens.'],
          ['IP-2030-0002', 'Beta-kommentar fra formanden'],
        ],
      );
      const admin = decode((await agents.admin!.get(`/admin/udgaver/${edition}/bedoemmelse`)).body);
      assert.match(
        admin,
        /<dl class="answers-list comment-list mt-0">(<dt>[^<]*<\/dt><dd>[^<]*<\/dd>)*<dt>Fie Formand<\/dt><dd>Beta-kommentar fra formanden<\/dd>/,
      );
      assert.match(admin, /Fie Formand: 2 kommentarer/);
      // Each comment is written once, under its nomination; the member's link gathers theirs on the
      // page (medlem=n: the member's place in the list).
      assert.equal(admin.split('Beta-kommentar fra formanden').length, 2);
      const place = data.members.findIndex((m) => m.id === ids.chairMember) + 1;
      assert.match(
        admin,
        new RegExp(`<a href="/admin/udgaver/${edition}/bedoemmelse\\?sorter=raa&medlem=${place}#member-comments">Fie Formand: 2 kommentarer</a>`),
      );
      assert.doesNotMatch(admin, /id="member-comments"/);
      const gathered = decode((await agents.admin!.get(`/admin/udgaver/${edition}/bedoemmelse?medlem=${place}`)).body);
      assert.match(
        gathered,
        /<section id="member-comments"[^>]*><h3 id="member-comments-heading">Kommentarer fra Fie Formand<\/h3><dl class="answers-list comment-list mt-0"><dt lang="da">IP-2030-0001 [^<]*<\/dt><dd>Alfa er stærk\.\nGod evidens\.<\/dd><dt lang="da">IP-2030-0002 [^<]*<\/dt><dd>Beta-kommentar fra formanden<\/dd><\/dl><\/section>/,
      );
      assert.match(gathered, /<strong aria-current="true">Fie Formand: 2 kommentarer<\/strong>/);
      // A place that is no member's, or not a number, gathers nothing (and is no error).
      for (const odd of ['99', '0', '-1', 'x', '1e3', '%3Cb%3E'])
        assert.doesNotMatch(decode((await agents.admin!.get(`/admin/udgaver/${edition}/bedoemmelse?medlem=${odd}`)).body), /id="member-comments"/, odd);
      // Karl is conflicted with Beta: he sees the comment on Alfa, none on Beta, in neither view.
      const karl = decode((await agents.m4!.get(`${base()}/oversigt`)).body);
      assert.match(karl, /Alfa er stærk\./);
      assert.doesNotMatch(karl, /Beta-kommentar/);
      assert.match(karl, /Fie Formand: 1 kommentar/);
      assert.doesNotMatch(decode((await agents.m4!.get(`${base()}/oversigt?medlem=${place}`)).body), /Beta-kommentar/);
      const karls = (await loadCommitteeOverview(db, edition, { anonymise: false, viewerMemberId: ids.m4Member }))!;
      assert.deepEqual(karls.nominations.find((x) => x.id === n.b)!.comments, []);
      // Anonymised: under "Medlem n", no names.
      const label = anonymousLabels(DEVELOPMENT_BALLOT_KEY, edition, [ids.chairMember!, ids.m3Member!, ids.m2Member!, ids.m4Member!]).get(ids.chairMember!)!;
      const anon = decode((await agents.admin!.get(`/admin/udgaver/${edition}/bedoemmelse?anonym=1`)).body);
      assert.match(anon, new RegExp(`<dt>${label}</dt><dd>Alfa er stærk\\.`));
      assert.doesNotMatch(anon, /Fie Formand|Karl Komité|Gitte Gødstrup|Ib Indstiller/);
    });

    test('the administrators’ overview: their own organisation only, with names and progress', async () => {
      const url = `/admin/udgaver/${edition}/bedoemmelse`;
      const res = await agents.admin!.get(url);
      assert.equal(res.statusCode, 200);
      assert.match(decode(res.body), /Karl Komité/);
      assert.match(decode(res.body), /2 af 3 bedømt/);
      assert.equal((await agents.drAdmin!.get(url)).statusCode, 403);
      assert.equal((await agents.chair!.get(url)).statusCode, 403);
      assert.equal((await agents.admin!.get('/admin/udgaver/999999/bedoemmelse')).statusCode, 404);
    });

    test('the admin API gives the same overview as JSON, for the owning organisation only', async () => {
      const api = async (who: string, url: string) => {
        const token = (await createApiToken(db, ids[who]!, 'test', t.clock.now())).token;
        return app.inject({ url, headers: { authorization: `Bearer ${token}` } });
      };
      const res = await api('admin', `/api/v1/admin/editions/${edition}/overview`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as {
        nominations: { receiptNumber: string; rankRaw: number; absent: string[]; total: { median: number } | null }[];
        members: { label: string; reviewed: number; toReview: number }[];
        alpha: { value: number | null };
      };
      assert.deepEqual(
        body.nominations.map((x) => [x.receiptNumber, x.rankRaw, x.absent, x.total?.median ?? null]),
        [
          ['IP-2030-0001', 1, ['Ib Indstiller'], 9],
          ['IP-2030-0002', 3, ['Karl Komité'], 3.5],
          ['IP-2030-0003', 2, ['Gitte Gødstrup'], 6],
          ['IP-2030-0004', 3, [], 3.5],
        ],
      );
      assert.deepEqual(
        body.members.map((m) => [m.label, m.reviewed, m.toReview]),
        [
          ['Fie Formand', 4, 4],
          ['Gitte Gødstrup', 3, 3],
          ['Ib Indstiller', 0, 3],
          ['Karl Komité', 2, 3],
        ],
      );
      assert.equal(typeof body.alpha.value, 'number');
      const anon = (await api('admin', `/api/v1/admin/editions/${edition}/overview?anonymise=true`)).json() as typeof body;
      assert.deepEqual(
        anon.members.map((m) => m.label),
        ['Medlem 1', 'Medlem 2', 'Medlem 3', 'Medlem 4'],
      );
      assert.equal((await api('drAdmin', `/api/v1/admin/editions/${edition}/overview`)).statusCode, 403);
      assert.equal((await api('admin', '/api/v1/admin/editions/999999/overview')).statusCode, 404);
      // A browser session is not an API token.
      assert.equal((await app.inject({ url: `/api/v1/admin/editions/${edition}/overview` })).statusCode, 401);
    });

    test('the overview’s reads as raw SQL give the rows and types Drizzle’s selects give (issue 14)', async () => {
      // The reference: the same reads as Drizzle's query builder wrote them before. Inside a
      // transaction rolled back at the end, with the cases this edition lacks otherwise: score
      // labels (jsonb), an early closing (a joined instant), a member's language, English criteria
      // and a decided conflict.
      const reference = (tx: Database) => ({
        edition: tx
          .select({ edition: editions, awardName: awards.name, organisationId: awards.organisationId, closedAt: reviewClosures.closedAt })
          .from(editions)
          .innerJoin(awards, eq(awards.id, editions.awardId))
          .leftJoin(reviewClosures, eq(reviewClosures.editionId, editions.id))
          .where(eq(editions.id, edition))
          .then(([r]) => (r ? { ...r.edition, awardName: r.awardName, organisationId: r.organisationId, reviewClosedEarlyAt: r.closedAt ?? null } : null)),
        members: tx
          .select({
            id: editionMembers.id,
            userId: editionMembers.userId,
            name: users.name,
            email: users.email,
            isChair: editionMembers.isChair,
            partyLetter: editionMembers.partyLetter,
            represents: editionMembers.represents,
            language: users.language,
          })
          .from(editionMembers)
          .innerJoin(users, eq(users.id, editionMembers.userId))
          .where(and(eq(editionMembers.editionId, edition), eq(editionMembers.role, 'committee'), isNull(editionMembers.removedAt)))
          .orderBy(sql`${editionMembers.isChair} desc`, asc(users.name), asc(editionMembers.id)),
        eligible: tx
          .select({
            id: nominations.id,
            title: nominations.title,
            receiptNumber: nominations.receiptNumber,
            nominatorEmail: nominations.nominatorEmail,
            nomineeOrganisation: nominations.nomineeOrganisation,
            nomineeUnit: nominations.nomineeUnit,
          })
          .from(nominations)
          .where(and(eq(nominations.editionId, edition), eq(nominations.status, 'sent'), eq(nominations.screening, 'eligible')))
          .orderBy(sql`${nominations.receiptNumber} asc nulls last`, asc(nominations.id)),
        criteria: tx
          .select({
            id: criteria.id,
            title: criteria.title,
            description: criteria.description,
            titleEn: criteria.titleEn,
            descriptionEn: criteria.descriptionEn,
          })
          .from(criteria)
          .where(eq(criteria.editionId, edition))
          .orderBy(asc(criteria.position)),
        conflicts: tx
          .select({ conflict: conflictsOfInterest })
          .from(conflictsOfInterest)
          .innerJoin(editionMembers, eq(editionMembers.id, conflictsOfInterest.memberId))
          .where(eq(editionMembers.editionId, edition))
          .then((rows) => rows.map((r) => r.conflict)),
      });
      const compare = async (tx: Database, lock: boolean) => {
        const ref = reference(tx);
        const raw = {
          edition: await findJudgingEdition(tx, edition, { lock }),
          members: await listCommitteeMembers(tx, edition),
          eligible: await listEligibleNominations(tx, edition),
          criteria: await listCriteria(tx, edition),
          conflicts: await listConflicts(tx, edition),
        };
        for (const key of Object.keys(raw) as (keyof typeof raw)[]) {
          const expected = await ref[key];
          // deepStrictEqual checks the types (a Date, a number); inspect also the keys' order.
          assert.deepStrictEqual(raw[key], expected, key);
          assert.equal(inspect(raw[key], { depth: 5 }), inspect(expected, { depth: 5 }), key);
        }
        return raw;
      };
      const plain = await compare(db, false);
      assert.ok(plain.edition!.opensAt instanceof Date && plain.edition!.reviewClosedEarlyAt === null);
      assert.ok(plain.conflicts.length >= 3 && plain.conflicts.every((c) => c.createdAt instanceof Date));
      assert.equal(await findJudgingEdition(db, 999_999), null);
      const rolledBack = new Error('roll back');
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await tx
            .update(editions)
            .set({ scoreLabels: ['lav', 'middel', 'høj', 'meget høj', 'fremragende'] })
            .where(eq(editions.id, edition));
          await tx.insert(reviewClosures).values({ editionId: edition, closedByUserId: ids.admin!, closedAt: new Date('2030-04-01T10:00:00.123Z') });
          await tx.update(users).set({ language: 'en' }).where(eq(users.id, ids.m3!));
          await tx.update(criteria).set({ titleEn: 'Novelty', descriptionEn: 'Is it new?' }).where(eq(criteria.id, c1));
          await tx
            .update(conflictsOfInterest)
            .set({ decidedAt: new Date('2030-03-21T08:00:00.456Z') })
            .where(eq(conflictsOfInterest.memberId, ids.m2Member!));
          const changed = await compare(tx, true);
          assert.deepStrictEqual(changed.edition!.scoreLabels, ['lav', 'middel', 'høj', 'meget høj', 'fremragende']);
          assert.deepStrictEqual(changed.edition!.reviewClosedEarlyAt, new Date('2030-04-01T10:00:00.123Z'));
          assert.equal(typeof changed.edition!.stamp, 'number');
          assert.ok(changed.conflicts.some((c) => c.decidedAt instanceof Date));
          assert.ok(changed.members.some((m) => m.language === 'en'));
          throw rolledBack;
        }),
        (err) => err === rolledBack,
      );
    });

    test('the shortlist: chair only, the size rule, eligible nominations only, audited, locked once voting starts', async () => {
      const url = `${base()}/nominerede`;
      await agents.m4!.get(url);
      assert.equal((await agents.m4!.post(url, { nominerede: [String(n.a), String(n.c)] })).statusCode, 403, 'not the chair');
      await agents.chair!.get(url);
      // A valid list, but members can still change their scores: refused until the deadline or an early closing (issue 14, item 5).
      let res = await agents.chair!.post(url, { nominerede: [String(n.c), String(n.a)] });
      assert.equal(res.statusCode, 409);
      assert.match(decode(res.body), /Bedømmelsen er ikke slut: medlemmerne kan stadig ændre deres point/);
      assert.equal(await findShortlist(db, edition), null);
      assert.match(decode((await agents.chair!.get(url)).body), /Luk bedømmelsen før fristen/);
      assert.doesNotMatch(decode((await agents.m4!.get(url)).body), /Luk bedømmelsen før fristen/, 'only the chair closes');

      // Closing early: the chair only, confirmed in words; members are told (e-mail and notice), audited, scores frozen.
      const close = `${base()}/luk-bedoemmelse`;
      assert.equal((await agents.m4!.post(close, { bekraeft: 'ja' })).statusCode, 403, 'not the chair');
      res = await agents.chair!.post(close, {});
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Sæt kryds ved „Jeg vil lukke bedømmelsen nu“/);
      assert.equal((await db.select().from(reviewClosures)).length, 0);
      res = await agents.chair!.post(close, { bekraeft: 'ja' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${url}?lukket=4`);
      assert.match(decode((await agents.chair!.get(String(res.headers.location))).body), /Bedømmelsen er lukket\. 4 medlemmer har fået besked på e-mail/);
      const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'review-closed-early'));
      assert.deepEqual(mails.map((m) => m.toAddress).sort(), ['formand@example.dk', 'gitte@example.dk', 'ib@example.dk', 'karl@example.dk']);
      // Each member in their own language: Danish, as nobody chose another.
      assert.match(mails[0]!.subject, /^Bedømmelsen af Initiativprisen 2030 er lukket$/);
      assert.match(mails[0]!.textBody, /Formanden, Fie Formand, lukkede bedømmelsen af Initiativprisen 2030 20\. marts 2030 kl\. 13\.00/);
      assert.doesNotMatch(mails[0]!.textBody, /The chair/);
      const closedAudit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'review.close-early'));
      assert.equal(closedAudit.length, 1);
      assert.equal(closedAudit[0]!.actorUserId, ids.chair);
      res = await agents.chair!.post(close, { bekraeft: 'ja' });
      assert.equal(res.statusCode, 409);
      assert.match(decode(res.body), /Bedømmelsen er allerede lukket/);
      assert.equal((await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'review-closed-early'))).length, 4, 'told once');
      const notice = decode((await agents.m4!.get(base())).body);
      assert.match(notice, /Formanden lukkede bedømmelsen før fristen, 20\. marts 2030 kl\. 13\.00/);
      res = await score('m4', n.a!, '1', '1');
      assert.equal(res.statusCode, 409);
      assert.match(decode(res.body), /Formanden har lukket bedømmelsen før fristen, så dine point blev ikke gemt/);
      await agents.m2!.get(reviewUrl(n.d!));
      assert.equal((await agents.m2!.post(`${reviewUrl(n.d!)}/inhabilitet`, { handling: 'erklaer', begrundelse: 'Min afdeling' })).statusCode, 409);

      await agents.chair!.get(url);
      const page = await agents.chair!.get(url);
      assert.match(decode(page.body), /Der skal vælges 2–3 nominerede/);
      res = await agents.chair!.post(url, { nominerede: [String(n.a)] });
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Vælg 2–3 nominerede\. Du har valgt 1\./);
      res = await agents.chair!.post(url, { nominerede: [String(n.a), String(n.b), String(n.c), String(n.d)] });
      assert.equal(res.statusCode, 400);
      for (const bad of [n.pending, n.withdrawn, n.other, n.notEligible]) {
        res = await agents.chair!.post(url, { nominerede: [String(n.a), String(bad)] });
        assert.equal(res.statusCode, 400, `nomination ${bad}`);
        assert.match(decode(res.body), /er ikke egnet/);
      }
      res = await agents.chair!.post(url, { nominerede: [String(n.a), 'x'] });
      assert.equal(res.statusCode, 400);
      res = await agents.chair!.post(url, { nominerede: [String(n.c), String(n.a)] });
      assert.equal(res.statusCode, 303);
      assert.deepEqual((await findShortlist(db, edition))?.nominationIds, [n.c, n.a]);
      const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'shortlist.decide'));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actorUserId, ids.chair);
      assert.deepEqual(audit[0]!.after, { nominationIds: [n.c, n.a] });
      const shown = decode((await agents.m4!.get(url)).body);
      assert.match(shown, /Registreret af Fie Formand/);
      // Voting locked: no change.
      await db
        .update(editions)
        .set({ votingLockedAt: new Date('2030-05-02T10:00:00Z') })
        .where(eq(editions.id, edition));
      await agents.chair!.get(url);
      res = await agents.chair!.post(url, { nominerede: [String(n.a), String(n.b)] });
      assert.equal(res.statusCode, 409);
      assert.match(decode(res.body), /Patientpanelet er begyndt at stemme, så de nominerede kan ikke længere ændres/);
      assert.deepEqual(
        (await db.select().from(shortlistEntries).where(eq(shortlistEntries.editionId, edition)).orderBy(asc(shortlistEntries.position))).map(
          (e) => e.nominationId,
        ),
        [n.c, n.a],
      );
      await db.update(editions).set({ votingLockedAt: null }).where(eq(editions.id, edition));
      // The later tests score again: the early closing is undone by hand (the app has no way back).
      await db.delete(reviewClosures).where(eq(reviewClosures.editionId, edition));
    });

    test('blind review hides the names of nominee and nominator from the committee', async () => {
      await db.update(editions).set({ blindReview: true }).where(eq(editions.id, edition));
      try {
        // (Ib Indstiller, the nominator of Alfa, also sits in the committee, so his name is on the overview as a member.)
        for (const url of [reviewUrl(n.a!), base(), `${base()}/oversigt`, `${base()}/nominerede`]) {
          const body = decode((await agents.m4!.get(url)).body);
          assert.doesNotMatch(body, /Anna Hemmelig|ib@example\.dk/, url);
        }
        assert.doesNotMatch(decode((await agents.m4!.get(reviewUrl(n.a!))).body), /Ib Indstiller/);
        assert.match(decode((await agents.m4!.get(reviewUrl(n.a!))).body), /Blind bedømmelse/);
      } finally {
        await db.update(editions).set({ blindReview: false }).where(eq(editions.id, edition));
      }
    });

    test('blind review hides the same fields on the review page and in the members’ dossier PDF (issue 13, finding 8)', async () => {
      const [before] = await db.select().from(nominations).where(eq(nominations.id, n.a!));
      const secret = {
        nomineeNames: 'Anna Hemmelig',
        nomineeKind: 'team' as const,
        nomineeUnit: 'Hemmelig Afdeling Syd',
        nomineeEmail: 'anna.hemmelig@example.dk',
        nominatorName: 'Ib Indstiller',
        nominatorEmail: 'ib@example.dk',
        nominatorWorkplace: 'Hemmelig Arbejdsplads',
        nominatorIsCitizen: 'no' as const,
      };
      await db.update(nominations).set(secret).where(eq(nominations.id, n.a!));
      await db.update(editions).set({ blindReview: true }).where(eq(editions.id, edition));
      try {
        const page = decode((await agents.m4!.get(reviewUrl(n.a!))).body);
        const pdf = await agents.m4!.get(`${base()}/dossier.pdf`);
        assert.equal(pdf.statusCode, 200);
        const { text: dossier } = await readPdf(pdf.rawPayload);
        for (const [surface, body] of [
          ['review page', page],
          ['dossier', dossier],
        ] as const) {
          assert.ok(body.includes('Aarhus Universitetshospital'), `${surface}: the organisation is shown`);
          for (const value of ['Anna Hemmelig', 'Hemmelig Afdeling Syd', 'anna.hemmelig@example.dk', 'Ib Indstiller', 'ib@example.dk', 'Hemmelig Arbejdsplads'])
            assert.ok(!body.includes(value), `${surface} shows ${value}`);
          for (const label of ['Afdeling eller enhed', 'Et team', 'Arbejdsplads']) assert.ok(!body.includes(label), `${surface} shows the label ${label}`);
        }
        // Without blind review both show the unit.
        await db.update(editions).set({ blindReview: false }).where(eq(editions.id, edition));
        assert.match(decode((await agents.m4!.get(reviewUrl(n.a!))).body), /Hemmelig Afdeling Syd/);
        assert.ok((await readPdf((await agents.m4!.get(`${base()}/dossier.pdf`)).rawPayload)).text.includes('Hemmelig Afdeling Syd'));
      } finally {
        await db.update(editions).set({ blindReview: false }).where(eq(editions.id, edition));
        await db
          .update(nominations)
          .set({
            nomineeNames: before!.nomineeNames,
            nomineeKind: before!.nomineeKind,
            nomineeUnit: before!.nomineeUnit,
            nomineeEmail: before!.nomineeEmail,
            nominatorName: before!.nominatorName,
            nominatorEmail: before!.nominatorEmail,
            nominatorWorkplace: before!.nominatorWorkplace,
            nominatorIsCitizen: before!.nominatorIsCitizen,
          })
          .where(eq(nominations.id, n.a!));
      }
    });

    test('scoring opens: every committee member is told once, when the review has started and within 3 days', async () => {
      const opens = () => db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'scoring-opens'));
      const base = 'http://prisportal.test';
      assert.equal(await enqueueScoringOpens({ db, now: new Date(T.reviewStarts.getTime() - 1), publicBaseUrl: base }), 0);
      // Started more than 3 days ago (a database started mid-review): no "scoring opens" any more.
      assert.equal(await enqueueScoringOpens({ db, now: new Date(T.reviewStarts.getTime() + 4 * 24 * 3600_000), publicBaseUrl: base }), 0);
      const now = new Date(T.reviewStarts.getTime() + 60_000);
      const [a, b] = await Promise.all([enqueueScoringOpens({ db, now, publicBaseUrl: base }), enqueueScoringOpens({ db, now, publicBaseUrl: base })]);
      const sent = await opens();
      assert.equal(a + b, sent.length);
      assert.ok(sent.length >= 4, 'every active committee member');
      assert.equal(new Set(sent.map((m) => m.toAddress)).size, sent.length, 'once each');
      assert.match(sent[0]!.subject, /^Nu kan du bedømme indstillingerne til Initiativprisen 2030$/);
      assert.match(sent[0]!.textBody, new RegExp(`Fristen er 15\\. april 2030 kl\\. 12\\.00\\.\\nhttp://prisportal\\.test/bedoemmelse/udgaver/${edition}\\n`));
      assert.equal(await enqueueScoringOpens({ db, now: new Date(now.getTime() + 60_000), publicBaseUrl: base }), 0);
    });

    test('review reminders: 7 and 1 day before the deadline, once per member and kind, only to those not finished', async () => {
      const mails = () => db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'review-reminder')).orderBy(asc(outboxMessages.toAddress));
      const at = (ms: number) => new Date(T.reviewCloses.getTime() - ms);
      const DAY = 24 * 60 * 60 * 1000;
      assert.equal(await enqueueDueReviewReminders({ db, now: at(8 * DAY), publicBaseUrl: 'http://prisportal.test' }), 0);
      // Two processes at once: each member gets one e-mail.
      const [a, b] = await Promise.all([
        enqueueDueReviewReminders({ db, now: at(7 * DAY - 1000), publicBaseUrl: 'http://prisportal.test' }),
        enqueueDueReviewReminders({ db, now: at(7 * DAY - 1000), publicBaseUrl: 'http://prisportal.test/' }),
      ]);
      assert.equal(a + b, 2);
      let sent = await mails();
      // Fie (4/4) and Gitte (3/3) are finished; Ib (0/3) and Karl (2/3) are not.
      assert.deepEqual(
        sent.map((m) => m.toAddress),
        ['ib@example.dk', 'karl@example.dk'],
      );
      const karl = sent.find((m) => m.toAddress === 'karl@example.dk')!;
      // The round's 'scoring-reminder' template (src/messages), in the member's language.
      assert.equal(karl.subject, 'Husk at bedømme indstillingerne til Initiativprisen 2030 senest 15. april 2030 kl. 12.00');
      assert.match(karl.textBody, /Du har bedømt 2 af 3 indstillinger til Initiativprisen 2030\. Fristen er 15\. april 2030 kl\. 12\.00\./);
      assert.match(karl.textBody, new RegExp(`http://prisportal\\.test/bedoemmelse/udgaver/${edition}\\n`));
      assert.equal(await enqueueDueReviewReminders({ db, now: at(3 * DAY), publicBaseUrl: 'http://prisportal.test' }), 0);
      assert.equal(await enqueueDueReviewReminders({ db, now: at(DAY / 2), publicBaseUrl: 'http://prisportal.test' }), 2);
      assert.equal(await enqueueDueReviewReminders({ db, now: at(DAY / 4), publicBaseUrl: 'http://prisportal.test' }), 0);
      assert.equal(await enqueueDueReviewReminders({ db, now: T.reviewCloses, publicBaseUrl: 'http://prisportal.test' }), 0);
      sent = await mails();
      assert.equal(sent.length, 4);
      const recorded = await db.select().from(reviewReminders).orderBy(asc(reviewReminders.memberId), asc(reviewReminders.kind));
      assert.deepEqual(
        recorded.map((r) => [r.memberId, r.kind]),
        [
          [ids.m2Member, '1d'],
          [ids.m2Member, '7d'],
          [ids.m4Member, '1d'],
          [ids.m4Member, '7d'],
        ].sort((x, y) => Number(x[0]) - Number(y[0]) || String(x[1]).localeCompare(String(y[1]))),
      );
    });
  });
}
