/**
 * Setting up organisations, awards and rounds in the browser's forms, on PGlite and on a real
 * PostgreSQL server: create and edit, every validation message, the form locked after a sent
 * nomination, ordered lists without JavaScript, next year's round across summer time, e-mails
 * about moved dates, the audit log with its filters and pages, 403 for another organisation's
 * administrator and CSRF on every POST.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from '@kitajs/html';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import {
  auditEvents,
  awards,
  committeeSeats,
  criteria,
  editionMembers,
  editions,
  formSections,
  organisationAdmins,
  organisations,
  outboxMessages,
} from '../../src/db/schema.js';
import { recordAudit } from '../../src/platform/audit.js';
import { copenhagen } from '../../src/platform/time.js';
import { createUser, sessionFor, signedInAgent } from '../harness/accounts.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { buildNomination } from '../harness/factories.js';
import { HttpAgent } from '../harness/http-agent.js';

const NOW = '2026-11-24T12:00:00Z';

/** A message as it stands in the page (Kita escapes quotes and ampersands). */
const inPage = (res: LightMyRequestResponse, text: string) => assert.ok(res.body.includes(escapeHtml(text)), `page should say: ${text}\n${summaryOf(res)}`);
const summaryOf = (res: LightMyRequestResponse) =>
  [...res.body.matchAll(/<a href="#[^"]+" class="function-link">([^<]*)<\/a>/g)].map((m) =>
    m[1]!.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );

/** The date and time fields of a timeline in the form, from local wall-clock values. */
function timelineFields(t: Partial<Record<string, [string, string]>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['opensAt', 'closesAt', 'reviewStartsAt', 'nomineesPublishedAt', 'votingOpensAt', 'votingClosesAt', 'winnerAnnouncedAt']) {
    const v = t[k];
    out[`${k}-date`] = v?.[0] ?? '';
    out[`${k}-time`] = v?.[1] ?? '12:00';
  }
  return out;
}

const FULL_EDITION = {
  year: '2027',
  theme: 'Sundhed & nærhed',
  themeDescription: 'Løsninger, der bringer behandling tæt på borgerens hverdag.',
  ...timelineFields({
    opensAt: ['2027-03-01', '09:00'],
    closesAt: ['2027-04-30', '12:00'],
    reviewStartsAt: ['2027-05-14', '12:00'],
    nomineesPublishedAt: ['2027-09-26', '12:00'],
    votingOpensAt: ['2027-09-26', '12:00'],
    votingClosesAt: ['2027-10-10', '12:00'],
    winnerAnnouncedAt: ['2027-11-03', '15:30'],
  }),
  eventName: 'Innovationsdagen 2027',
  eventPlace: 'Aarhus Rådhus',
  nomineeCountMin: '5',
  nomineeCountMax: '7',
  prizeAmountKr: '10.000',
  prizePurpose: 'Pengene skal bruges på afdelingens fysiske rammer.',
  prizeExtras: 'En lille film om vinderen.',
  filmUrl: 'https://www.youtube.com/watch?v=abc&t=5',
  hasPatientPanel: 'ja',
};

for (const engine of ENGINES) {
  describe(`setting up organisations, awards and rounds on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let rm: number;
    let dr: number;
    let rmAdminId: number;
    let rmAdmin: HttpAgent;
    let drAdmin: HttpAgent;
    let initiativ2024: typeof editions.$inferSelect;

    const db = () => t.database.db;

    function agentFor(userId: number): Promise<HttpAgent> {
      return signedInAgent(t.app, db(), userId, t.clock.now());
    }

    before(async () => {
      t = await startTestApp(engine, NOW);
      const orgs = await db().select().from(organisations);
      rm = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      dr = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      rmAdminId = (await createUser(db(), { email: 'hr@rm.dk', name: 'Hanne Rask', adminOf: [rm] })).id;
      const drAdminId = (await createUser(db(), { email: 'sek@regioner.dk', name: 'Søren Ek', adminOf: [dr] })).id;
      rmAdmin = await agentFor(rmAdminId);
      drAdmin = await agentFor(drAdminId);
      const [row] = await db()
        .select({ e: editions })
        .from(editions)
        .innerJoin(awards, eq(awards.id, editions.awardId))
        .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
      initiativ2024 = row!.e;
    });
    after(async () => t?.close());

    const events = async (action?: string) =>
      (await db().select().from(auditEvents).orderBy(asc(auditEvents.id))).filter((e) => action === undefined || e.action === action);
    const awardBySlug = async (slug: string) => (await db().select().from(awards).where(eq(awards.slug, slug)))[0]!;
    const editionOf = async (awardId: number, year: number) =>
      (
        await db()
          .select()
          .from(editions)
          .where(and(eq(editions.awardId, awardId), eq(editions.year, year)))
      )[0];

    /** GET the form (for a fresh CSRF token), then POST it. */
    async function submit(agent: HttpAgent, formUrl: string, postUrl: string, fields: Record<string, string | string[]>) {
      const page = await agent.get(formUrl);
      assert.equal(page.statusCode, 200, `${formUrl}: ${page.body.slice(0, 200)}`);
      return agent.post(postUrl, fields);
    }

    test('the overview links to the setup, which lists only the user’s organisations', async () => {
      const overview = await rmAdmin.get('/admin');
      assert.match(overview.body, /<a href="\/admin\/organisationer">Opsætning af organisationer, priser og runder<\/a>/);
      const list = await rmAdmin.get('/admin/organisationer');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`<a href="/admin/organisationer/${rm}">Region Midtjylland</a>`));
      assert.doesNotMatch(list.body, /Danske Regioner<\/a>/);
      assert.equal(list.headers['cache-control'], 'no-store');
    });

    test('an administrator creates an organisation and becomes its administrator, audited', async () => {
      const res = await submit(rmAdmin, '/admin/organisationer/ny', '/admin/organisationer/ny', {
        name: 'Region Nordjylland',
        websiteUrl: 'https://rn.dk',
        contactEmail: 'innovation@rn.dk',
        contactPhone: '97 64 80 00',
        privacyUrl: '',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const [org] = await db().select().from(organisations).where(eq(organisations.slug, 'region-nordjylland'));
      assert.ok(org);
      assert.equal(res.headers.location, `/admin/organisationer/${org.id}?oprettet=1`);
      assert.deepEqual(
        [org.name, org.websiteUrl, org.contactEmail, org.contactPhone, org.privacyUrl],
        ['Region Nordjylland', 'https://rn.dk', 'innovation@rn.dk', '97 64 80 00', null],
      );
      const admins = await db().select().from(organisationAdmins).where(eq(organisationAdmins.organisationId, org.id));
      assert.deepEqual(
        admins.map((a) => a.userId),
        [rmAdminId],
      );
      const page = await rmAdmin.get(res.headers.location as string);
      assert.equal(page.statusCode, 200);
      inPage(page, 'Organisationen er oprettet, og du er administrator af den.');
      const created = await events('organisation.create');
      assert.equal(created.length, 1);
      assert.equal(created[0]!.organisationId, org.id);
      assert.equal(created[0]!.actorUserId, rmAdminId);
      assert.equal(created[0]!.actorLabel, 'Hanne Rask <hr@rm.dk>');
      assert.equal(created[0]!.before, null);
      assert.deepEqual(created[0]!.after, {
        name: 'Region Nordjylland',
        slug: 'region-nordjylland',
        websiteUrl: 'https://rn.dk',
        contactEmail: 'innovation@rn.dk',
        contactPhone: '97 64 80 00',
        privacyUrl: null,
        dpoEmail: null,
        accessibilityUrl: null,
        brandColour: null,
        markLetters: null,
      });
      const added = await events('organisation.admin-add');
      assert.deepEqual(added[0]!.after, { userId: rmAdminId, email: 'hr@rm.dk', name: 'Hanne Rask' });
      // The other organisation's administrator cannot see it.
      assert.equal((await drAdmin.get(`/admin/organisationer/${org.id}`)).statusCode, 403);
    });

    test('organisation: every validation message, the text kept, then a saved edit with before and after', async () => {
      const url = `/admin/organisationer/${rm}/rediger`;
      const bad = await submit(rmAdmin, url, url, {
        name: '  ',
        websiteUrl: 'www.rm.dk',
        contactEmail: 'hr.rm.dk',
        contactPhone: 'x'.repeat(51),
        privacyUrl: 'javascript:alert(1)',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Fejl: Ret oplysninger om Region Midtjylland – Prisportal<\/title>/);
      assert.deepEqual(summaryOf(bad), [
        'Udfyld "Navn".',
        'Skriv hele adressen i "Hjemmeside", så den begynder med https://, for eksempel https://www.rm.dk.',
        'Skriv e-mailen i "E-mail til kontakt" i formatet navn@eksempel.dk.',
        '"Telefon til kontakt" må højst være 50 tegn. Gør teksten kortere.',
        'Skriv hele adressen i "Link til privatlivspolitik", så den begynder med https://, for eksempel https://www.rm.dk.',
      ]);
      assert.match(bad.body, /id="websiteUrl" name="websiteUrl" value="www.rm.dk"/);
      assert.match(bad.body, /aria-describedby="websiteUrl-hint websiteUrl-error"/);
      assert.equal((await db().select().from(organisations).where(eq(organisations.id, rm)))[0]!.name, 'Region Midtjylland');

      const good = await submit(rmAdmin, url, url, {
        name: 'Region Midtjylland',
        websiteUrl: 'https://www.rm.dk',
        contactEmail: 'innovation@rm.dk',
        contactPhone: '+45 4113 4550',
        privacyUrl: 'https://www.rm.dk/om-os/privatliv',
      });
      assert.equal(good.statusCode, 303);
      assert.equal(good.headers.location, `/admin/organisationer/${rm}?gemt=1`);
      const [ev] = await events('organisation.update');
      assert.ok(ev);
      assert.equal(ev.organisationId, rm);
      assert.equal((ev.before as Record<string, unknown>).contactEmail, null);
      assert.equal((ev.after as Record<string, unknown>).contactEmail, 'innovation@rm.dk');
      assert.equal((ev.after as Record<string, unknown>).privacyUrl, 'https://www.rm.dk/om-os/privatliv');
      // Saving the same again is no change: nothing more in the log.
      await submit(rmAdmin, url, url, {
        name: 'Region Midtjylland',
        websiteUrl: 'https://www.rm.dk',
        contactEmail: 'innovation@rm.dk',
        contactPhone: '+45 4113 4550',
        privacyUrl: 'https://www.rm.dk/om-os/privatliv',
      });
      assert.equal((await events('organisation.update')).length, 1);
    });

    test('award: create and edit within an organisation; every validation message', async () => {
      const newUrl = `/admin/organisationer/${rm}/priser/ny`;
      const bad = await submit(rmAdmin, newUrl, newUrl, { name: '', summary: '', description: ' ', establishedYear: '', contactEmail: 'lise@' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(summaryOf(bad), [
        'Udfyld "Prisens navn".',
        'Udfyld "Kort om prisen".',
        'Udfyld "Beskrivelse".',
        'Udfyld "Uddelt første gang (år)".',
        'Skriv e-mailen i "Kontaktperson: E-mail" i formatet navn@eksempel.dk.',
      ]);
      const badYear = await submit(rmAdmin, newUrl, newUrl, {
        name: 'Årets Sundhedsinnovation',
        summary: 'Kort.',
        description: 'Lang.',
        establishedYear: '25',
      });
      assert.deepEqual(summaryOf(badYear), ['Skriv "Uddelt første gang (år)" med fire cifre, for eksempel 2025.']);
      assert.match(badYear.body, /value="Årets Sundhedsinnovation"/);

      const created = await submit(rmAdmin, newUrl, newUrl, {
        name: 'Årets Sundhedsinnovation',
        summary: 'Gives til en løsning, der gør en forskel.',
        description: 'Første afsnit.\n\nAndet afsnit.',
        establishedYear: '2025',
        eligibility: 'Alle ansatte.',
        contactName: 'Lise Klarholt',
        contactTitle: 'Konsulent',
        contactUnit: 'Koncern HR',
        contactPhone: '+45 4113 4550',
        contactEmail: 'lise@rm.dk',
      });
      assert.equal(created.statusCode, 303, summaryOf(created).join('\n'));
      const award = await awardBySlug('aarets-sundhedsinnovation');
      assert.equal(award.organisationId, rm);
      assert.equal(award.description, 'Første afsnit.\n\nAndet afsnit.');
      assert.equal(created.headers.location, `/admin/priser/${award.id}?oprettet=1`);
      const page = await rmAdmin.get(created.headers.location as string);
      inPage(page, 'Prisen er oprettet. Opret nu den første runde.');
      assert.match(page.body, /<a href="\/priser\/aarets-sundhedsinnovation">/);

      const edited = await submit(rmAdmin, `/admin/priser/${award.id}`, `/admin/priser/${award.id}`, {
        ...Object.fromEntries(Object.entries(award).map(([k, v]) => [k, v === null ? '' : String(v)])),
        contactName: 'Mette Holm',
      });
      assert.equal(edited.statusCode, 303);
      const [ev] = await events('award.update');
      assert.deepEqual(
        [(ev!.before as Record<string, unknown>).contactName, (ev!.after as Record<string, unknown>).contactName],
        ['Lise Klarholt', 'Mette Holm'],
      );
      assert.equal((await events('award.create')).length, 1);
      // The public page exists at once (the test app has no page cache).
      assert.equal((await t.app.inject('/priser/aarets-sundhedsinnovation')).statusCode, 200);
    });

    test('round: created with every field; the timeline is Danish time, stored as instants', async () => {
      const award = await awardBySlug('aarets-sundhedsinnovation');
      const url = `/admin/priser/${award.id}/udgaver/ny`;
      const form = await rmAdmin.get(url);
      assert.match(form.body, /id="year" name="year" value="2026"|id="year" name="year" value=""/);
      const res = await rmAdmin.post(url, FULL_EDITION);
      assert.equal(res.statusCode, 303, summaryOf(res).join('\n'));
      const e = (await editionOf(award.id, 2027))!;
      assert.equal(res.headers.location, `/admin/udgaver/${e.id}/rediger?oprettet=1`);
      assert.equal(e.opensAt!.toISOString(), copenhagen(2027, 3, 1, 9).toISOString());
      assert.equal(e.opensAt!.toISOString(), '2027-03-01T08:00:00.000Z'); // winter time, UTC+1
      assert.equal(e.nomineesPublishedAt!.toISOString(), '2027-09-26T10:00:00.000Z'); // summer time, UTC+2
      assert.equal(e.winnerAnnouncedAt!.toISOString(), '2027-11-03T14:30:00.000Z'); // winter time again
      assert.equal(e.reviewStartsAt!.toISOString(), copenhagen(2027, 5, 14, 12).toISOString());
      assert.equal(e.votingClosesAt!.toISOString(), copenhagen(2027, 10, 10, 12).toISOString());
      assert.deepEqual(
        [
          e.theme,
          e.eventName,
          e.eventPlace,
          e.nomineeCountMin,
          e.nomineeCountMax,
          e.prizeAmountKr,
          e.prizePurpose,
          e.prizeExtras,
          e.filmUrl,
          e.hasPatientPanel,
          e.asksOrigin,
        ],
        [
          'Sundhed & nærhed',
          'Innovationsdagen 2027',
          'Aarhus Rådhus',
          5,
          7,
          10000,
          FULL_EDITION.prizePurpose,
          FULL_EDITION.prizeExtras,
          'https://www.youtube.com/watch?v=abc&t=5',
          true,
          false,
        ],
      );
      const page = await rmAdmin.get(res.headers.location as string);
      inPage(page, 'Runden er oprettet som kladde. Tilføj nu kriterier og formularens afsnit, og offentliggør den, når den er klar.');
      // Shown back in Copenhagen time, '&' intact in the field.
      assert.match(page.body, /id="winnerAnnouncedAt-date" name="winnerAnnouncedAt-date" value="2027-11-03"/);
      assert.match(page.body, /id="winnerAnnouncedAt-time" name="winnerAnnouncedAt-time" value="15:30"/);
      assert.match(page.body, /name="theme" value="Sundhed &amp; nærhed"/);
      const [ev] = await events('edition.create');
      assert.equal(ev!.editionId, e.id);
      assert.equal((ev!.after as Record<string, unknown>).opensAt, '2027-03-01T08:00:00.000Z');
      // A historic round: year and theme, no dates at all.
      const historic = await rmAdmin.post(url, { ...timelineFields({}), year: '2025', theme: 'Det første år' });
      assert.equal(historic.statusCode, 303, summaryOf(historic).join('\n'));
      assert.equal((await editionOf(award.id, 2025))!.opensAt, null);
      // A new round is a draft: not public, but its administrators see the preview.
      assert.equal((await t.app.inject('/priser/aarets-sundhedsinnovation/2027')).statusCode, 404);
      const preview = await rmAdmin.get('/priser/aarets-sundhedsinnovation/2027');
      assert.equal(preview.statusCode, 200);
      assert.ok(preview.body.includes('Sundhed &amp; nærhed'));
      assert.match(preview.body, /id="preview-banner"/);
    });

    test('round: every validation message, in the order of the page, the text kept', async () => {
      const award = await awardBySlug('aarets-sundhedsinnovation');
      const url = `/admin/priser/${award.id}/udgaver/ny`;
      const post = async (fields: Record<string, string>) => {
        // 2027 is taken; 2028 with its winner announced in 2028 (a round is named after that year).
        const res = await submit(rmAdmin, url, url, { ...FULL_EDITION, year: '2028', 'winnerAnnouncedAt-date': '2028-01-20', ...fields });
        assert.equal(res.statusCode, 400, `expected errors for ${JSON.stringify(fields)}`);
        assert.match(res.body, /<title>Fejl: /);
        return res;
      };

      assert.deepEqual(summaryOf(await post({ year: '' })), ['Udfyld "År".']);
      assert.deepEqual(summaryOf(await post({ year: '20301' })), ['Skriv "År" med fire cifre, for eksempel 2025.']);
      assert.deepEqual(summaryOf(await post({ year: '2027', 'winnerAnnouncedAt-date': '2027-11-03' })), [
        'Der er allerede en runde for 2027 af prisen. Skriv et andet år, eller ret den runde, der findes.',
      ]);
      assert.deepEqual(summaryOf(await post({ year: '2030' })), [
        'Året 2030 passer ikke med datoen „Vinderen offentliggøres“: 20. januar 2028 kl. 15.30. En runde hedder efter det år, vinderen offentliggøres. Ret året eller datoen.',
      ]);
      assert.deepEqual(summaryOf(await post({ 'closesAt-date': '', 'winnerAnnouncedAt-date': '' })), [
        'Skriv datoen for "Frist for indstillinger".',
        'Skriv datoen for "Vinderen offentliggøres".',
      ]);
      assert.deepEqual(summaryOf(await post({ 'opensAt-date': '31.02.2030' })), [
        'Datoen for "Der åbnes for indstillinger" findes ikke. Skriv den som dag.måned.år, for eksempel 26.09.2025.',
      ]);
      assert.deepEqual(summaryOf(await post({ 'opensAt-time': '' })), ['Skriv klokkeslættet for "Der åbnes for indstillinger", for eksempel 12:00.']);
      assert.deepEqual(summaryOf(await post({ 'opensAt-time': '24:00' })), [
        'Klokkeslættet for "Der åbnes for indstillinger" findes ikke. Skriv det som timer og minutter, for eksempel 12:00.',
      ]);

      // Out of order: opens < closes ≤ review ≤ nominees ≤ voting opens < voting closes ≤ winner.
      const order = await post({
        year: '2030',
        ...timelineFields({
          opensAt: ['2030-04-30', '12:00'],
          closesAt: ['2030-04-30', '12:00'],
          reviewStartsAt: ['2030-04-29', '12:00'],
          nomineesPublishedAt: ['2030-04-01', '12:00'],
          votingOpensAt: ['2030-09-01', '12:00'],
          votingClosesAt: ['2030-09-01', '12:00'],
          winnerAnnouncedAt: ['2030-08-31', '12:00'],
        }),
      });
      assert.deepEqual(summaryOf(order), [
        '"Frist for indstillinger" skal være efter "Der åbnes for indstillinger" (30. april 2030 kl. 12.00). Ret datoen eller klokkeslættet.',
        '"Komitéen begynder at bedømme" kan ikke være før "Frist for indstillinger" (30. april 2030 kl. 12.00). Ret datoen eller klokkeslættet.',
        '"De nominerede offentliggøres" kan ikke være før "Komitéen begynder at bedømme" (29. april 2030 kl. 12.00). Ret datoen eller klokkeslættet.',
        '"Patientpanelets frist for at stemme" skal være efter "Patientpanelet begynder at stemme" (1. september 2030 kl. 12.00). Ret datoen eller klokkeslættet.',
        '"Vinderen offentliggøres" kan ikke være før "Patientpanelets frist for at stemme" (1. september 2030 kl. 12.00). Ret datoen eller klokkeslættet.',
      ]);
      // The same instant is allowed where the order says ≤ (nominees published = voting opens).
      assert.match(order.body, /id="reviewStartsAt-date" name="reviewStartsAt-date" value="2030-04-29"/);
      assert.deepEqual(summaryOf(await post({ 'votingOpensAt-date': '' })), ['Skriv datoen for "Patientpanelet begynder at stemme".']);

      assert.deepEqual(summaryOf(await post({ nomineeCountMin: '7', nomineeCountMax: '5' })), [
        'Det mindste antal nominerede kan ikke være større end det største. Ret et af tallene.',
      ]);
      assert.deepEqual(summaryOf(await post({ nomineeCountMin: 'fem', nomineeCountMax: '0' })), [
        'Skriv "Mindste antal nominerede" som et helt tal større end 0, for eksempel 5.',
        'Skriv "Største antal nominerede" som et helt tal større end 0, for eksempel 5.',
      ]);
      assert.deepEqual(summaryOf(await post({ prizeAmountKr: '10 tusind' })), ['Skriv "Prisens beløb i kroner" i hele kroner med tal, for eksempel 10000.']);
      assert.deepEqual(summaryOf(await post({ filmUrl: 'youtube' })), [
        'Skriv hele adressen i "Link til film om vinderen", så den begynder med https://, for eksempel https://www.rm.dk.',
      ]);
      assert.deepEqual(summaryOf(await post({ theme: 'x'.repeat(201) })), ['"Tema" må højst være 200 tegn. Gør teksten kortere.']);
      const kept = await post({ prizeAmountKr: '10 tusind', themeDescription: 'Min <lange> tekst & mere' });
      assert.ok(kept.body.includes('Min &lt;lange> tekst &amp; mere</textarea>'));
      assert.match(kept.body, /id="prizeAmountKr" name="prizeAmountKr" value="10 tusind"/);
      assert.match(kept.body, /aria-invalid="true" aria-describedby="prizeAmountKr-hint prizeAmountKr-error"/);
      assert.equal(await editionOf(award.id, 2030), undefined, 'nothing saved');
    });

    test('a moved published date is audited and e-mailed once to every nominator, committee and panel member concerned', async () => {
      const e = initiativ2024;
      const nominators = [
        { status: 'sent' as const, nominatorEmail: 'anna@auh.rm.dk', nominatorName: 'Anna' },
        { status: 'draft' as const, nominatorEmail: 'Anna@AUH.rm.dk', nominatorName: 'Anna' },
        { status: 'draft' as const, nominatorEmail: 'bo@hospital.dk', nominatorName: 'Bo' },
        { status: 'draft' as const, nominatorEmail: '', nominatorName: '' },
        { status: 'withdrawn' as const, nominatorEmail: 'trukket@hospital.dk', nominatorName: 'Trukket' },
      ];
      for (const n of nominators) await buildNomination(db(), { editionId: e.id, ...n }, { at: new Date('2024-05-01T10:00:00Z') });
      await createUser(db(), { email: 'politiker@rm.dk', name: 'Bo Jensen', members: [{ editionId: e.id, role: 'committee', partyLetter: 'C' }] });
      await createUser(db(), { email: 'borger@eksempel.dk', name: 'Karen', members: [{ editionId: e.id, role: 'panel' }] });
      const removed = await createUser(db(), { email: 'tidligere@rm.dk', members: [{ editionId: e.id, role: 'committee' }] });
      await db().update(editionMembers).set({ removedAt: new Date() }).where(eq(editionMembers.userId, removed.id));
      // Anna is also on the panel: still one e-mail.
      await createUser(db(), { email: 'ANNA@auh.rm.dk', members: [{ editionId: e.id, role: 'panel' }] }).catch(() => undefined);

      const url = `/admin/udgaver/${e.id}/rediger`;
      const page = await rmAdmin.get(url);
      assert.match(page.body, /id="closesAt-date" name="closesAt-date" value="2024-06-14"/);
      const fields = Object.fromEntries(
        [...page.body.matchAll(/<input class="form-input[^"]*" type="(?:text|date|time|url|email|tel)" id="([^"]+)" name="[^"]+" value="([^"]*)"/g)].map(
          (m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')],
        ),
      );
      const res = await rmAdmin.post(url, {
        ...fields,
        'closesAt-date': '2024-06-21',
        'winnerAnnouncedAt-date': '2024-10-30',
        'winnerAnnouncedAt-time': '15:00',
        'reviewStartsAt-date': '2024-06-28',
      });
      assert.equal(res.statusCode, 303, summaryOf(res).join('\n'));
      assert.equal(res.headers.location, `/admin/udgaver/${e.id}/rediger?gemt=1&sendt=4`);
      const after = await rmAdmin.get(res.headers.location as string);
      inPage(after, 'Runden er gemt. Datoerne er flyttet, så vi sender en e-mail om de nye datoer til 4 personer.');
      inPage(after, 'Det kan tage op til 5 sekunder, før ændringen kan ses på de offentlige sider.');

      const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'edition-timeline-change')).orderBy(asc(outboxMessages.toAddress));
      assert.deepEqual(mails.map((m) => m.toAddress.toLowerCase()).sort(), ['anna@auh.rm.dk', 'bo@hospital.dk', 'borger@eksempel.dk', 'politiker@rm.dk']);
      for (const m of mails) {
        assert.equal(m.subject, 'Ny dato: Initiativprisen 2024');
        assert.ok(m.textBody.includes('- Fristen for indstillinger: nu 21. juni 2024 kl. 12.00. Før: 14. juni 2024 kl. 12.00.'), m.textBody);
        assert.ok(
          m.textBody.includes('- Vinderen offentliggøres (Innovationsdagen 2024): nu 30. oktober 2024 kl. 15.00. Før: 23. oktober 2024 kl. 12.00.'),
          m.textBody,
        );
        assert.ok(!m.textBody.includes('Komitéen begynder'), 'an unpublished date is not announced');
        assert.ok(m.textBody.includes('http://prisportal.test/priser/initiativprisen/2024'));
        assert.ok(m.textBody.endsWith('Venlig hilsen\nRegion Midtjylland'));
      }
      const anna = mails.find((m) => m.toAddress.toLowerCase() === 'anna@auh.rm.dk')!;
      assert.match(anna.textBody, /^Kære Anna\n/);
      assert.ok(
        anna.textBody.includes('Du får denne e-mail, fordi du har sendt en indstilling, du har en kladde til en indstilling og du er med i patientpanelet.'),
        anna.textBody,
      );
      const bo = mails.find((m) => m.toAddress === 'bo@hospital.dk')!;
      // The deadline has passed (the clock is in 2026): a draft can no longer be sent, and the e-mail says so.
      assert.ok(bo.textBody.includes('Fristen for indstillinger var 21. juni 2024 kl. 12.00, så din kladde kan ikke længere sendes.'), bo.textBody);
      assert.ok(!bo.textBody.includes('Husk at sende'));
      const politician = mails.find((m) => m.toAddress === 'politiker@rm.dk')!;
      assert.ok(politician.textBody.includes('fordi du er med i komitéen.'));

      const [change] = await events('edition.timeline-change');
      assert.ok(change);
      assert.equal(change.editionId, e.id);
      assert.equal(change.organisationId, rm);
      assert.deepEqual(change.before, { closesAt: '2024-06-14T10:00:00.000Z', winnerAnnouncedAt: '2024-10-23T10:00:00.000Z' });
      assert.deepEqual(change.after, { closesAt: '2024-06-21T10:00:00.000Z', winnerAnnouncedAt: '2024-10-30T14:00:00.000Z' });
      const [update] = await events('edition.update');
      assert.equal((update!.before as Record<string, unknown>).reviewStartsAt, null);
      assert.equal((update!.after as Record<string, unknown>).reviewStartsAt, '2024-06-28T10:00:00.000Z');

      // Saving again unchanged: no e-mail, no event.
      const again = await submit(rmAdmin, url, url, {
        ...fields,
        'closesAt-date': '2024-06-21',
        'winnerAnnouncedAt-date': '2024-10-30',
        'winnerAnnouncedAt-time': '15:00',
        'reviewStartsAt-date': '2024-06-28',
      });
      assert.equal(again.headers.location, `/admin/udgaver/${e.id}/rediger?gemt=1`);
      assert.equal((await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'edition-timeline-change'))).length, 4);
      assert.equal((await events('edition.timeline-change')).length, 1);
      assert.equal((await events('edition.update')).length, 1);
    });

    test('criteria and form are locked once a nomination has been sent; the committee is not', async () => {
      const e = initiativ2024; // has a sent nomination from the test above
      const before = await db().select().from(formSections).where(eq(formSections.editionId, e.id)).orderBy(asc(formSections.position));
      for (const path of ['formular', 'kriterier']) {
        const page = await rmAdmin.get(`/admin/udgaver/${e.id}/${path}`);
        assert.equal(page.statusCode, 200);
        inPage(page, 'Du kan ikke ændre kriterierne eller formularen, fordi den første indstilling blev sendt 1. maj 2024 kl. 12.00.');
        assert.doesNotMatch(page.body, /name="handling"/, 'no form to edit');
        const refused = await rmAdmin.post(`/admin/udgaver/${e.id}/${path}`, {
          antal: '1',
          'r0-id': '',
          'r0-heading': 'Nyt',
          'r0-title': 'Nyt',
          'r0-description': 'x',
          handling: 'gem',
        });
        assert.equal(refused.statusCode, 409);
        assert.match(refused.body, /<title>Fejl: /);
        assert.match(refused.body, /class="alert alert-error" role="alert"/);
        inPage(refused, 'De, der har indstillet, har skrevet ud fra den formular, der var.');
      }
      const sections = await db().select().from(formSections).where(eq(formSections.editionId, e.id)).orderBy(asc(formSections.position));
      assert.deepEqual(sections, before);

      // Whether the form asks for the solution's origin is part of the form.
      const url = `/admin/udgaver/${e.id}/rediger`;
      const page = await rmAdmin.get(url);
      const fields = Object.fromEntries(
        [...page.body.matchAll(/<input class="form-input[^"]*" type="(?:text|date|time|url|email|tel)" id="([^"]+)" name="[^"]+" value="([^"]*)"/g)].map(
          (m) => [m[1]!, m[2]!],
        ),
      );
      const res = await rmAdmin.post(url, { ...fields, asksOrigin: 'ja' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(summaryOf(res), [
        'Du kan ikke ændre, om formularen spørger, hvor løsningen kommer fra, fordi der allerede er sendt indstillinger til runden.',
      ]);

      const committee = await rmAdmin.get(`/admin/udgaver/${e.id}/udvalg`);
      assert.match(committee.body, /name="handling" value="gem"/);
    });

    test('ordered lists without JavaScript: add, move and remove show the list again; save keeps ids; every row message', async () => {
      const award = await awardBySlug('aarets-sundhedsinnovation');
      const e = (await editionOf(award.id, 2027))!;
      const url = `/admin/udgaver/${e.id}/formular`;
      const empty = await rmAdmin.get(url);
      inPage(empty, 'Listen er tom. Tilføj det første punkt.');
      const added = await rmAdmin.post(url, { antal: '0', handling: 'tilfoej' });
      assert.equal(added.statusCode, 200);
      assert.match(added.body, /<legend class="h3">Afsnit 1<\/legend>/);
      assert.match(added.body, /id="r0-required" name="r0-required" value="ja" checked/);
      inPage(added, 'Ændringen er ikke gemt endnu. Tryk på "Gem formularen", når listen er, som den skal være.');

      const rows = {
        antal: '3',
        'r0-id': '',
        'r0-heading': 'Baggrund',
        'r0-help': 'Hvad var udfordringen?',
        'r0-wordLimit': '200',
        'r0-required': 'ja',
        'r1-id': '',
        'r1-heading': 'Resultat',
        'r1-help': '',
        'r1-wordLimit': '',
        'r2-id': '',
        'r2-heading': '',
        'r2-help': '',
        'r2-wordLimit': '',
      };
      const saved = await rmAdmin.post(url, { ...rows, handling: 'gem' });
      assert.equal(saved.statusCode, 303, summaryOf(saved).join('\n'));
      let sections = await db().select().from(formSections).where(eq(formSections.editionId, e.id)).orderBy(asc(formSections.position));
      assert.deepEqual(
        sections.map((s) => [s.position, s.heading, s.help, s.wordLimit, s.required]),
        [
          [1, 'Baggrund', 'Hvad var udfordringen?', 200, true],
          [2, 'Resultat', '', null, false],
        ],
      );
      const [first, second] = sections;
      // A draft's answers are keyed by section id: moving keeps ids.
      const moved = await rmAdmin.post(url, {
        antal: '2',
        'r0-id': String(first!.id),
        'r0-heading': 'Baggrund',
        'r0-help': 'Hvad var udfordringen?',
        'r0-wordLimit': '200',
        'r0-required': 'ja',
        'r1-id': String(second!.id),
        'r1-heading': 'Resultat og evaluering',
        'r1-help': '',
        'r1-wordLimit': '150',
        handling: 'ned-0',
      });
      assert.equal(moved.statusCode, 200);
      assert.match(moved.body, /<legend class="h3">Afsnit 1<\/legend><input type="hidden" name="r0-id" value="(\d+)"/);
      assert.equal(/name="r0-id" value="(\d+)"/.exec(moved.body)![1], String(second!.id));
      assert.match(moved.body, /name="r0-heading" value="Resultat og evaluering"/);
      assert.ok(moved.body.includes('Flyt op</span><span class="sr-only">: Afsnit 2</span>'.replace('<\\/', '</')));
      const movedFields = Object.fromEntries([...moved.body.matchAll(/name="(r\d-[a-zA-Z]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const afterMove = await rmAdmin.post(url, { ...movedFields, antal: '2', 'r1-required': 'ja', handling: 'gem' });
      assert.equal(afterMove.statusCode, 303, summaryOf(afterMove).join('\n'));
      sections = await db().select().from(formSections).where(eq(formSections.editionId, e.id)).orderBy(asc(formSections.position));
      assert.deepEqual(
        sections.map((s) => [s.id, s.position, s.heading, s.wordLimit]),
        [
          [second!.id, 1, 'Resultat og evaluering', 150],
          [first!.id, 2, 'Baggrund', 200],
        ],
      );
      const [formEvent] = (await events('form.update')).slice(-1);
      assert.equal(formEvent!.editionId, e.id);
      assert.deepEqual(
        (formEvent!.after as { heading: string }[]).map((s) => s.heading),
        ['Resultat og evaluering', 'Baggrund'],
      );

      // Remove: shown without the row, saved only with "save".
      const removed = await rmAdmin.post(url, { ...movedFields, antal: '2', handling: 'fjern-0' });
      assert.equal(removed.statusCode, 200);
      assert.doesNotMatch(removed.body, /Resultat og evaluering/);
      assert.equal((await db().select().from(formSections).where(eq(formSections.editionId, e.id))).length, 2);

      // Row messages.
      const bad = await rmAdmin.post(url, {
        antal: '2',
        'r0-id': '',
        'r0-heading': '',
        'r0-help': 'Hjælp uden overskrift',
        'r0-wordLimit': '0',
        'r1-id': '',
        'r1-heading': 'Ok',
        'r1-wordLimit': 'mange',
        handling: 'gem',
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(summaryOf(bad), [
        'Udfyld "Overskrift" i afsnit 1.',
        'Skriv det højeste antal ord i afsnit 1 som et helt tal større end 0, eller lad feltet være tomt.',
        'Skriv det højeste antal ord i afsnit 2 som et helt tal større end 0, eller lad feltet være tomt.',
      ]);
      assert.match(bad.body, /<a href="#r0-heading" class="function-link">/);

      const crit = await rmAdmin.post(`/admin/udgaver/${e.id}/kriterier`, {
        antal: '2',
        'r0-id': '',
        'r0-title': 'Borgeren',
        'r0-description': '',
        'r1-id': '',
        'r1-title': '',
        'r1-description': 'Beskrivelse uden titel',
        handling: 'gem',
      });
      assert.deepEqual(summaryOf(crit), ['Udfyld "Beskrivelse" i kriterium 1.', 'Udfyld "Titel" i kriterium 2.']);
      const critOk = await rmAdmin.post(`/admin/udgaver/${e.id}/kriterier`, {
        antal: '1',
        'r0-id': '',
        'r0-title': 'Borgeren',
        'r0-description': 'Værdi for borgeren.',
        handling: 'gem',
      });
      assert.equal(critOk.statusCode, 303);
      assert.equal((await events('criteria.update')).length, 1);

      const seat = await rmAdmin.post(`/admin/udgaver/${e.id}/udvalg`, {
        antal: '2',
        'r0-id': '',
        'r0-name': '',
        'r0-partyLetter': 'A',
        'r0-represents': '',
        'r1-id': '',
        'r1-name': 'Bo Jensen',
        'r1-partyLetter': 'C',
        'r1-isChair': 'ja',
        handling: 'gem',
      });
      assert.deepEqual(summaryOf(seat), ['Skriv et navn eller en organisation i plads 1.']);
      const seatOk = await rmAdmin.post(`/admin/udgaver/${e.id}/udvalg`, {
        antal: '2',
        'r0-id': '',
        'r0-name': '',
        'r0-represents': 'Danske Patienter',
        'r1-id': '',
        'r1-name': 'Bo Jensen',
        'r1-partyLetter': 'C',
        'r1-isChair': 'ja',
        handling: 'gem',
      });
      assert.equal(seatOk.statusCode, 303);
      const seats = await db().select().from(committeeSeats).where(eq(committeeSeats.editionId, e.id)).orderBy(asc(committeeSeats.position));
      assert.deepEqual(
        seats.map((s) => [s.name, s.partyLetter, s.represents, s.isChair]),
        [
          [null, null, 'Danske Patienter', false],
          ['Bo Jensen', 'C', null, true],
        ],
      );
    });

    test("next year's round copies criteria, form and committee, and moves every date one year at the same local time across summer time", async () => {
      const award = await awardBySlug('smartprisen');
      const source = (await editionOf(award.id, 2024))!;
      // 26 October 2024 is summer time (UTC+2); 26 October 2025 is winter time (UTC+1).
      await db()
        .update(editions)
        .set({ winnerAnnouncedAt: copenhagen(2024, 10, 26, 12) })
        .where(eq(editions.id, source.id));
      const sourceLists = await Promise.all([
        db().select().from(criteria).where(eq(criteria.editionId, source.id)).orderBy(asc(criteria.position)),
        db().select().from(formSections).where(eq(formSections.editionId, source.id)).orderBy(asc(formSections.position)),
        db().select().from(committeeSeats).where(eq(committeeSeats.editionId, source.id)).orderBy(asc(committeeSeats.position)),
      ]);
      const res = await submit(rmAdmin, `/admin/priser/${award.id}`, `/admin/udgaver/${source.id}/naeste-aar`, { fra: 'pris' });
      assert.equal(res.statusCode, 303);
      const copy = (await editionOf(award.id, 2025))!;
      assert.equal(res.headers.location, `/admin/udgaver/${copy.id}/rediger?kopieret=1`);
      assert.equal(copy.nomineesPublishedAt!.toISOString(), copenhagen(2025, 9, 26, 12).toISOString());
      assert.equal(copy.nomineesPublishedAt!.toISOString(), '2025-09-26T10:00:00.000Z');
      assert.equal(source.nomineesPublishedAt!.toISOString(), '2024-09-26T10:00:00.000Z');
      assert.equal(copy.winnerAnnouncedAt!.toISOString(), '2025-10-26T11:00:00.000Z', '12.00 local in winter time');
      assert.equal(copy.opensAt!.toISOString(), copenhagen(2025, 4, 15, 12).toISOString());
      assert.equal(copy.closesAt!.toISOString(), copenhagen(2025, 6, 14, 12).toISOString());
      assert.deepEqual(
        [copy.eventName, copy.nomineeCountMin, copy.nomineeCountMax, copy.asksOrigin, copy.filmUrl],
        ['Innovationsdagen 2025', 5, 5, true, null],
      );
      const copyLists = await Promise.all([
        db().select().from(criteria).where(eq(criteria.editionId, copy.id)).orderBy(asc(criteria.position)),
        db().select().from(formSections).where(eq(formSections.editionId, copy.id)).orderBy(asc(formSections.position)),
        db().select().from(committeeSeats).where(eq(committeeSeats.editionId, copy.id)).orderBy(asc(committeeSeats.position)),
      ]);
      const strip = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id' && k !== 'editionId')));
      for (let i = 0; i < 3; i++) {
        assert.ok(sourceLists[i]!.length > 0);
        assert.deepEqual(strip(copyLists[i]!), strip(sourceLists[i]!));
      }
      const page = await rmAdmin.get(res.headers.location as string);
      inPage(
        page,
        'Runden for 2025 er oprettet som kladde ud fra sidste år. Alle datoer er flyttet et år frem. Skriv årets tema, tjek datoerne, og offentliggør runden, når den er klar.',
      );
      // A draft, and last year's theme is not carried over as this year's.
      assert.equal(copy.publishedAt, null);
      assert.equal(copy.theme, null);
      const [ev] = (await events('edition.create')).filter((x) => x.editionId === copy.id);
      assert.deepEqual(
        [(ev!.after as Record<string, unknown>).copiedFrom, (ev!.after as Record<string, unknown>).formSectionsCopied],
        [2024, sourceLists[1]!.length],
      );

      // Again: the year exists, a clear refusal on the page it came from.
      const again = await submit(rmAdmin, `/admin/priser/${award.id}`, `/admin/udgaver/${source.id}/naeste-aar`, { fra: 'pris' });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(summaryOf(again), ['Der findes allerede en runde for 2025. Ret den i stedet for at oprette en ny.']);
      const fromEdition = await submit(rmAdmin, `/admin/udgaver/${source.id}/rediger`, `/admin/udgaver/${source.id}/naeste-aar`, {});
      assert.equal(fromEdition.statusCode, 409);
      assert.match(fromEdition.body, new RegExp(`<a href="#next-year-${source.id}" class="function-link">`));
      assert.equal((await db().select().from(editions).where(eq(editions.awardId, award.id))).length, 2);
    });

    test('the audit log: newest first, filters by action, round, who and dates, 50 a page, before and after readable', async () => {
      const url = `/admin/organisationer/${rm}/log`;
      const all = await rmAdmin.get(url);
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /<h1>Log over ændringer: Region Midtjylland<\/h1>/);
      const rowTimes = [...all.body.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!);
      assert.deepEqual(rowTimes, [...rowTimes].sort().reverse(), 'newest first');
      // Before and after in Danish time.
      assert.ok(
        all.body.includes('<dt>Frist for indstillinger</dt><dd>Før: 14. juni 2024 kl. 12.00</dd><dd>Efter: 21. juni 2024 kl. 12.00</dd>'),
        'readable timeline change',
      );
      assert.ok(all.body.includes('Runde: Initiativprisen 2024'));
      assert.ok(all.body.includes('Hanne Rask &lt;hr@rm.dk>'));

      const moved = await rmAdmin.get(`${url}?handling=edition.timeline-change`);
      assert.equal([...moved.body.matchAll(/<tr><td><time/g)].length, 1);
      assert.match(moved.body, /<option value="edition.timeline-change" selected>Dato flyttet<\/option>/);
      const byEdition = await rmAdmin.get(`${url}?runde=${initiativ2024.id}`);
      const actions = [...byEdition.body.matchAll(/<\/time><\/td><td>[^<]*<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
      assert.deepEqual(actions.sort(), ['Dato flyttet', 'Runde ændret']);

      // Another administrator's change, then "who".
      const colleague = await createUser(db(), { email: 'kollega@rm.dk', name: 'Kollega', adminOf: [rm] });
      await recordAudit(
        db(),
        { actor: 'system', action: 'award.update', entityType: 'award', entityId: 1, organisationId: rm, before: { name: 'A' }, after: { name: 'B' } },
        new Date('2026-01-01T12:00:00Z'),
      );
      const colleagueAgent = await agentFor(colleague.id);
      const orgUrl = `/admin/organisationer/${rm}/rediger`;
      const page = await colleagueAgent.get(orgUrl);
      const orgFields = Object.fromEntries([...page.body.matchAll(/id="([a-zA-Z]+)" name="[^"]+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      assert.equal((await colleagueAgent.post(orgUrl, { ...orgFields, contactPhone: '70 11 31 31' })).statusCode, 303);
      const who = await rmAdmin.get(`${url}?hvem=${colleague.id}`);
      assert.equal([...who.body.matchAll(/<tr><td><time/g)].length, 1);
      assert.ok(who.body.includes('Kollega &lt;kollega@rm.dk>'));
      assert.ok(who.body.includes('<dt>Telefon til kontakt</dt><dd>Før: +45 4113 4550</dd><dd>Efter: 70 11 31 31</dd>'));

      // Dates: the system event of 1 January 2026 alone (Copenhagen days, both ends included).
      const day = await rmAdmin.get(`${url}?fra=2026-01-01&til=01.01.2026`);
      assert.equal([...day.body.matchAll(/<tr><td><time/g)].length, 1, day.body.slice(-3000));
      assert.ok(day.body.includes('<td>system</td>'));
      const badDate = await rmAdmin.get(`${url}?fra=2026-02-30`);
      assert.equal(badDate.statusCode, 400);
      assert.deepEqual(summaryOf(badDate), ['Datoen i "Fra dato" findes ikke. Skriv den som dag.måned.år, for eksempel 26.09.2025.']);

      // Pages of 50.
      for (let i = 0; i < 120; i++) {
        await recordAudit(
          db(),
          { actor: 'system', action: 'test.bulk', entityType: 'award', entityId: i, organisationId: rm, after: { n: i } },
          new Date(Date.UTC(2025, 0, 1, 0, i)),
        );
      }
      const first = await rmAdmin.get(`${url}?handling=test.bulk`);
      assert.equal([...first.body.matchAll(/<tr><td><time/g)].length, 50);
      inPage(first, 'Viser 1–50 af 120 ændringer');
      assert.match(
        first.body,
        /<a href="\/admin\/organisationer\/\d+\/log\?handling=test.bulk&amp;side=2" class="button button-arrow button-next" aria-label="Næste side">/,
      );
      const third = await rmAdmin.get(`${url}?handling=test.bulk&side=3`);
      assert.equal([...third.body.matchAll(/<tr><td><time/g)].length, 20);
      inPage(third, 'Viser 101–120 af 120 ændringer');
      assert.match(third.body, /class="button button-arrow button-previous" aria-label="Forrige side">/);
      assert.doesNotMatch(third.body, /rel="next"/);
      // Another organisation's events never show.
      await recordAudit(
        db(),
        { actor: 'system', action: 'test.bulk', entityType: 'award', entityId: 999, organisationId: dr, after: { n: 999 } },
        new Date('2025-06-01T00:00:00Z'),
      );
      inPage(await rmAdmin.get(`${url}?handling=test.bulk`), 'Viser 1–50 af 120 ændringer');
    });

    test('the log is append-only: the database refuses to change or remove an event', async () => {
      const [ev] = await events();
      await assert.rejects(db().update(auditEvents).set({ action: 'x' }).where(eq(auditEvents.id, ev!.id)));
      await assert.rejects(db().delete(auditEvents).where(eq(auditEvents.id, ev!.id)));
    });

    test("another organisation's administrator gets 403 on every page and every POST, and nothing changes", async () => {
      const award = await awardBySlug('initiativprisen');
      const e = initiativ2024.id;
      const pages = [
        `/admin/organisationer/${rm}`,
        `/admin/organisationer/${rm}/rediger`,
        `/admin/organisationer/${rm}/priser/ny`,
        `/admin/organisationer/${rm}/log`,
        `/admin/priser/${award.id}`,
        `/admin/priser/${award.id}/udgaver/ny`,
        `/admin/udgaver/${e}/rediger`,
        `/admin/udgaver/${e}/kriterier`,
        `/admin/udgaver/${e}/formular`,
        `/admin/udgaver/${e}/udvalg`,
      ];
      const posts = [...pages.filter((p) => !p.endsWith('/log') && p !== `/admin/organisationer/${rm}`), `/admin/udgaver/${e}/naeste-aar`];
      await drAdmin.get(`/admin/organisationer/${dr}`); // a valid CSRF token of their own
      assert.ok(drAdmin.csrf);
      const eventsBefore = (await events()).length;
      const editionsBefore = (await db().select().from(editions)).length;
      for (const url of pages) {
        const res = await drAdmin.get(url);
        assert.equal(res.statusCode, 403, `GET ${url}`);
        assert.match(res.body, /Du har ikke adgang til siden/);
      }
      for (const url of posts) {
        const res = await drAdmin.post(url, { name: 'Overtaget', year: '2031', antal: '0', handling: 'gem' });
        assert.equal(res.statusCode, 403, `POST ${url}`);
      }
      assert.equal((await events()).length, eventsBefore);
      assert.equal((await db().select().from(editions)).length, editionsBefore);
      assert.equal((await db().select().from(organisations).where(eq(organisations.id, rm)))[0]!.name, 'Region Midtjylland');
      // Their own organisation works, and unknown ids are 404.
      assert.equal((await drAdmin.get(`/admin/organisationer/${dr}`)).statusCode, 200);
      assert.equal((await drAdmin.get('/admin/udgaver/99999/rediger')).statusCode, 404);
      assert.equal((await drAdmin.get('/admin/priser/abc')).statusCode, 404);
    });

    test('signed-out visitors and members without an admin role are kept out', async () => {
      const url = `/admin/organisationer/${rm}/rediger`;
      const anonymous = await t.app.inject(url);
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, `/log-ind?tilbage=${encodeURIComponent(url)}`);
      assert.equal((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode, 401);
      const member = await createUser(db(), { email: 'medlem@rm.dk', members: [{ editionId: initiativ2024.id, role: 'committee' }] });
      const agent = await agentFor(member.id);
      assert.equal((await agent.get(url)).statusCode, 403);
      assert.equal((await agent.get('/admin/organisationer/ny')).statusCode, 403);
    });

    test('CSRF: every POST without the token is refused and saves nothing', async () => {
      const award = await awardBySlug('initiativprisen');
      const e = initiativ2024.id;
      const posts = [
        '/admin/organisationer/ny',
        `/admin/organisationer/${rm}/rediger`,
        `/admin/organisationer/${rm}/priser/ny`,
        `/admin/priser/${award.id}`,
        `/admin/priser/${award.id}/udgaver/ny`,
        `/admin/udgaver/${e}/rediger`,
        `/admin/udgaver/${e}/kriterier`,
        `/admin/udgaver/${e}/formular`,
        `/admin/udgaver/${e}/udvalg`,
        `/admin/udgaver/${e}/naeste-aar`,
      ];
      const eventsBefore = (await events()).length;
      for (const url of posts) {
        const missing = await rmAdmin.post(url, { name: 'Uden token', year: '2032', antal: '0', handling: 'gem' }, { csrf: null });
        assert.equal(missing.statusCode, 403, `POST ${url} without a token`);
        const wrong = await rmAdmin.post(url, { name: 'Forkert token', year: '2032' }, { csrf: 'not-a-token' });
        assert.equal(wrong.statusCode, 403, `POST ${url} with a wrong token`);
      }
      assert.equal((await events()).length, eventsBefore);
      assert.equal(
        (
          await db()
            .select()
            .from(organisations)
            .where(inArray(organisations.name, ['Uden token', 'Forkert token']))
        ).length,
        0,
      );
    });

    test('a save clears the page cache, so a cached public page shows the change', async () => {
      const cached = await buildApp({ db: db(), clock: t.clock, pageCacheMs: 60_000, publicBaseUrl: 'http://prisportal.test' });
      try {
        const agent = new HttpAgent(cached);
        const s = await sessionFor(db(), rmAdminId, t.clock.now());
        agent.setCookie(s.name, s.value);
        const award = await awardBySlug('initiativprisen');
        const before = await cached.inject('/priser/initiativprisen');
        assert.ok(before.body.includes(escapeHtml(award.summary)));
        const url = `/admin/priser/${award.id}`;
        await agent.get(url);
        const fields = Object.fromEntries(Object.entries(award).map(([k, v]) => [k, v === null ? '' : String(v)]));
        const res = await agent.post(url, { ...fields, summary: 'En helt ny sætning om prisen.' });
        assert.equal(res.statusCode, 303);
        const after = await cached.inject('/priser/initiativprisen');
        assert.ok(after.body.includes('En helt ny sætning om prisen.'));
      } finally {
        await cached.close();
      }
    });
  });
}
