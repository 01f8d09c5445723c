/**
 * Committee and patient panel membership, on PGlite and on a real PostgreSQL server: the
 * administrators' members page (invite a new or existing user, never a second user for the
 * same e-mail in another case, the invitation e-mail and its working sign-in link, affiliation,
 * one chair, remove, re-invite, validation with the DKFDS error summary, audit rows, other
 * organisations refused, CSRF), and the members' own pages (only their own editions; 403 on
 * another edition by changing the id; eligible nominations for the committee).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { auditEvents, awards, editionMembers, editions, memberInvitations, organisations, outboxMessages, users } from '../../src/db/schema.js';
import { ENGINES } from '../harness/databases.js';
import { startTestApp } from '../harness/app.js';
import { createUser, signedInAgent } from '../harness/accounts.js';
import { HttpAgent } from '../harness/http-agent.js';
import { buildNomination } from '../harness/factories.js';
import { inviteMember } from '../../src/members/invitations.service.js';

const NOW = '2026-11-24T12:00:00Z';
const CSRF_TITLE = 'Formularen er udløbet';

async function editionOf(db: Database, awardSlug: string, year?: number): Promise<number> {
  const rows = await db
    .select({ id: editions.id, year: editions.year })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(awards.slug, awardSlug))
    .orderBy(desc(editions.year));
  const row = year === undefined ? rows[0] : rows.find((r) => r.year === year);
  assert.ok(row, `an edition of ${awardSlug}`);
  return row.id;
}

const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

for (const engine of ENGINES) {
  describe(`committee and panel members on ${engine}`, () => {
    let t: Awaited<ReturnType<typeof startTestApp>>;
    let db: Database;
    let app: FastifyInstance;
    let rmOrg: number;
    let drOrg: number;
    /** Initiativprisen (Region Midtjylland) and Årets Borgerinddragende Initiativ 2021 (Danske Regioner). */
    let rmEdition: number;
    let smartEdition: number;
    let drEdition: number;
    let rmAdmin: HttpAgent;
    let rmAdminId: number;
    let drAdmin: HttpAgent;

    const signedIn = (userId: number) => signedInAgent(app, db, userId, t.clock.now());
    const membersUrl = (editionId: number) => `/admin/udgaver/${editionId}/medlemmer`;
    const invite = async (agent: HttpAgent, editionId: number, fields: Record<string, string>) => {
      await agent.get(membersUrl(editionId));
      return agent.post(membersUrl(editionId), fields);
    };
    const usersWithEmail = (email: string) => db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
    const membersOf = (editionId: number) => db.select().from(editionMembers).where(eq(editionMembers.editionId, editionId)).orderBy(asc(editionMembers.id));
    const auditOf = (action: string, entityId: number) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))))
        .orderBy(asc(auditEvents.id));
    const invitationTo = async (email: string) => {
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'member-invitation'), eq(outboxMessages.toAddress, email)))
        .orderBy(desc(outboxMessages.id));
      return rows[0];
    };

    /** The path of the link in the newest invitation e-mail to `email`. */
    const invitationLink = async (email: string) => {
      const mail = await invitationTo(email);
      assert.ok(mail, `an invitation to ${email}`);
      const m = /http:\/\/prisportal\.test(\/invitation\/[A-Za-z0-9_-]{43})\n/.exec(mail.textBody);
      assert.ok(m, mail.textBody);
      return m[1]!;
    };
    /** Follows the newest invitation to `email` as a new browser: GET, then the button. Returns the signed-in agent. */
    const accept = async (email: string) => {
      const path = await invitationLink(email);
      const visitor = new HttpAgent(app);
      assert.equal((await visitor.get(path)).statusCode, 200);
      const res = await visitor.post(path, {});
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      return visitor;
    };
    const invitationsOf = (editionId: number) =>
      db.select().from(memberInvitations).where(eq(memberInvitations.editionId, editionId)).orderBy(asc(memberInvitations.id));

    before(async () => {
      t = await startTestApp(engine, NOW);
      db = t.database.db;
      app = t.app;
      const orgs = await db.select().from(organisations);
      rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
      drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
      rmEdition = await editionOf(db, 'initiativprisen');
      smartEdition = await editionOf(db, 'smartprisen');
      drEdition = await editionOf(db, 'aarets-borgerinddragende-initiativ', 2021);
      const rm = await createUser(db, { email: 'admin.rm@example.dk', name: 'Admin RM', adminOf: [rmOrg] });
      rmAdminId = rm.id;
      const dr = await createUser(db, { email: 'admin.dr@example.dk', name: 'Admin DR', adminOf: [drOrg] });
      rmAdmin = await signedIn(rm.id);
      drAdmin = await signedIn(dr.id);
    });
    after(async () => t?.close());

    test('inviting a new person creates the user, an invitation (not yet a membership), a Danish invitation e-mail and an audit row, in one go', async () => {
      const res = await invite(rmAdmin, rmEdition, {
        navn: 'Anne Politiker',
        email: 'anne.politiker@example.dk',
        rolle: 'komite',
        partibogstav: 'v',
        repraesenterer: '',
      });
      assert.equal(res.statusCode, 303, res.body);
      const [user] = await usersWithEmail('anne.politiker@example.dk');
      assert.ok(user);
      assert.equal(user.name, 'Anne Politiker');
      assert.equal((await membersOf(rmEdition)).filter((m) => m.userId === user.id).length, 0, 'a member only once the invitation is accepted');
      const [invitation] = (await invitationsOf(rmEdition)).filter((i) => i.userId === user.id);
      assert.ok(invitation);
      assert.equal(invitation.role, 'committee');
      assert.equal(invitation.partyLetter, 'V');
      assert.equal(invitation.represents, null);
      assert.equal(invitation.acceptedAt, null);
      assert.deepEqual(invitation.expiresAt, new Date(t.clock.now().getTime() + 7 * 24 * 3600 * 1000));
      assert.equal(res.headers.location, `${membersUrl(rmEdition)}?inviteret=${invitation.id}`);

      const page = await rmAdmin.get(String(res.headers.location));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Vi har sendt en invitation til anne\.politiker@example\.dk\. Personen bliver medlem, når invitationen er taget imod\./);
      assert.match(page.body, /<h2 id="invitations-heading">Inviteret, har ikke svaret endnu<\/h2>/);
      assert.match(page.body, /<th scope="row">Anne Politiker<\/th>\s*<td>anne\.politiker@example\.dk<\/td>\s*<td>Komitéen<\/td>/);

      const mail = await invitationTo('anne.politiker@example.dk');
      assert.ok(mail, 'an invitation e-mail in the outbox');
      assert.equal(mail.status, 'pending');
      // The round's template (src/messages): what is asked of the member, and when.
      assert.equal(mail.subject, 'Invitation til priskomitéen for Initiativprisen 2024');
      assert.match(
        mail.textBody,
        /^Kære Anne Politiker\n\nRegion Midtjylland inviterer dig til at være med i priskomitéen for Initiativprisen 2024\.\n\nDet betyder/,
      );
      assert.match(mail.textBody, /- Du læser indstillingerne og giver point for hvert kriterium\./);
      assert.match(mail.textBody, /- Du kan bedømme fra 14\. juni 2024 kl\. 12\.00 til 26\. september 2024 kl\. 12\.00\./);
      assert.match(mail.textBody, /Sig ja til invitationen her\. Linket virker én gang og til 1\. december 2026 kl\. 13\.00:/);
      assert.match(
        mail.textBody,
        /logger du ind med din e-mail \(anne\.politiker@example\.dk\) her\. Du finder prisen under "Mine udgaver":\nhttp:\/\/prisportal\.test\/log-ind\n/,
      );
      assert.doesNotMatch(mail.textBody, /som formand/, 'not the chair: the line is left out');
      assert.ok(mail.htmlBody?.includes('<html lang="da">'));

      const [audit] = await auditOf('member.invite', invitation.id);
      assert.ok(audit, 'an audit row');
      assert.equal(audit.actorUserId, rmAdminId);
      assert.equal(audit.organisationId, rmOrg);
      assert.equal(audit.editionId, rmEdition);
      assert.equal(audit.entityType, 'member_invitation');
      assert.equal(audit.before, null);
      assert.deepEqual(audit.after, {
        name: 'Anne Politiker',
        email: 'anne.politiker@example.dk',
        role: 'committee',
        isChair: false,
        partyLetter: 'V',
        represents: null,
        expiresAt: invitation.expiresAt.toISOString(),
        renewed: false,
      });

      // Accepting makes the membership, with the invitation's affiliation, audited as the person.
      await accept('anne.politiker@example.dk');
      const [member] = (await membersOf(rmEdition)).filter((m) => m.userId === user.id);
      assert.ok(member);
      assert.equal(member.role, 'committee');
      assert.equal(member.partyLetter, 'V');
      assert.equal(member.removedAt, null);
      const [accepted] = await auditOf('member.accept', member.id);
      assert.equal(accepted?.actorUserId, user.id);
      assert.equal(accepted?.entityType, 'edition_member');
      const after = await rmAdmin.get(membersUrl(rmEdition));
      assert.match(after.body, /<th scope="row">Anne Politiker<\/th>\s*<td>anne\.politiker@example\.dk<\/td>\s*<td>Partibogstav V<\/td>/);
      assert.doesNotMatch(after.body, /data-invitation-id="${invitation.id}"/);
    });

    test('the invitation link works: GET shows a button and uses nothing, POST accepts, signs in and opens the edition', async () => {
      await invite(rmAdmin, rmEdition, { navn: 'Bo Link', email: 'bo.link@example.dk', rolle: 'komite' });
      const path = await invitationLink('bo.link@example.dk');

      const visitor = new HttpAgent(app);
      const shown = await visitor.get(path);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<h1>Tag imod invitationen<\/h1>/);
      assert.match(shown.body, /Region Midtjylland har inviteret dig til at være medlem af komitéen for Initiativprisen 2024\./);
      assert.match(shown.body, /<button type="submit" class="button button-primary">Tag imod og log ind<\/button>/);
      const again = await visitor.get(path);
      assert.equal(again.statusCode, 200, 'a GET does not use up the link');

      const signed = await visitor.post(path, {});
      assert.equal(signed.statusCode, 303, signed.body);
      assert.equal(signed.headers.location, `/mine-udgaver/${rmEdition}`);
      const edition = await visitor.get(`/mine-udgaver/${rmEdition}`);
      assert.equal(edition.statusCode, 200);
      assert.match(edition.body, /<h1>Initiativprisen 2024<\/h1>/);
      assert.match(edition.body, /Medlem af komitéen/);

      const reused = await new HttpAgent(app).get(path);
      assert.equal(reused.statusCode, 410, 'the link works once');
      assert.match(reused.body, /Du har allerede taget imod invitationen\./);
      const other = new HttpAgent(app);
      await other.get('/log-ind');
      assert.equal((await other.post(path, {})).statusCode, 410, 'a second POST is refused too');
      assert.equal((await new HttpAgent(app).get(`/invitation/${'x'.repeat(43)}`)).statusCode, 404);

      // Seven days later an unused link has expired.
      await invite(rmAdmin, rmEdition, { navn: 'Sen Svarer', email: 'sen.svarer@example.dk', rolle: 'panel' });
      const late = await invitationLink('sen.svarer@example.dk');
      t.clock.advance(7 * 24 * 3600 * 1000);
      try {
        const expired = await new HttpAgent(app).get(late);
        assert.equal(expired.statusCode, 410);
        assert.match(expired.body, /Invitationen er udløbet\./);
      } finally {
        t.clock.set(NOW);
      }
    });

    test('inviting an address that already has an account gives that account nothing until the link is followed, and reveals neither its name nor that it exists (findings 1 and 2)', async () => {
      // Somebody made an account with the address (e.g. at an identity provider that did not verify it) and is signed in.
      const squatter = await createUser(db, { email: 'Ny.Komite@example.dk', name: 'Kontoens Eget Navn' });
      const squatterAgent = await signedIn(squatter.id);
      const res = await invite(rmAdmin, rmEdition, { navn: 'Det Inviterede Navn', email: 'ny.komite@EXAMPLE.dk', rolle: 'komite' });
      const fresh = await invite(rmAdmin, rmEdition, { navn: 'Helt Ny', email: 'helt.ny@EXAMPLE.dk', rolle: 'komite' });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(fresh.statusCode, 303);
      const found = await usersWithEmail('ny.komite@example.dk');
      assert.equal(found.length, 1, 'never a second user');
      assert.equal(found[0]!.id, squatter.id);
      assert.equal(found[0]!.name, 'Kontoens Eget Navn', "an existing user's name is not changed by an invitation");

      // The account is no member: the signed-in holder sees nothing of the edition.
      assert.equal((await membersOf(rmEdition)).filter((m) => m.userId === squatter.id).length, 0);
      assert.equal((await squatterAgent.get(`/mine-udgaver/${rmEdition}`)).statusCode, 403);
      assert.equal((await squatterAgent.get(`/bedoemmelse/udgaver/${rmEdition}`)).statusCode, 403);

      // The administrator's page shows the name they typed and the address in lower case, exactly as for a new address.
      const page = await rmAdmin.get(String(res.headers.location));
      assert.doesNotMatch(page.body, /Kontoens Eget Navn/);
      assert.match(page.body, /Vi har sendt en invitation til ny\.komite@example\.dk\./);
      assert.match(page.body, /<th scope="row">Det Inviterede Navn<\/th>\s*<td>ny\.komite@example\.dk<\/td>\s*<td>Komitéen<\/td>/);
      assert.match(page.body, /<th scope="row">Helt Ny<\/th>\s*<td>helt\.ny@example\.dk<\/td>\s*<td>Komitéen<\/td>/);
      const [audit] = (await db.select().from(auditEvents).where(eq(auditEvents.action, 'member.invite')).orderBy(desc(auditEvents.id)).limit(2)).reverse();
      assert.deepEqual(Object.keys(audit!.after as object).sort(), ['email', 'expiresAt', 'isChair', 'name', 'partyLetter', 'renewed', 'represents', 'role']);
      assert.doesNotMatch(JSON.stringify(audit!.after), /Kontoens Eget Navn|createdUser|userId/);
      const mail = await invitationTo('Ny.Komite@example.dk');
      assert.ok(mail, 'the invitation goes to the address of the account');
      assert.match(mail.textBody, /^Kære Det Inviterede Navn/);

      // Only the link sent to the address makes the membership.
      const owner = await accept('Ny.Komite@example.dk');
      assert.equal((await membersOf(rmEdition)).filter((m) => m.userId === squatter.id && m.removedAt === null).length, 1);
      assert.equal((await owner.get(`/mine-udgaver/${rmEdition}`)).statusCode, 200);
    });

    test('two invitations of a new address in different cases make one user with two memberships', async () => {
      assert.equal((await invite(rmAdmin, rmEdition, { navn: 'Ny Person', email: 'Ny.Person@Example.dk', rolle: 'komite' })).statusCode, 303);
      assert.equal((await invite(rmAdmin, smartEdition, { navn: 'Ny Person', email: 'ny.person@example.DK', rolle: 'komite' })).statusCode, 303);
      assert.equal((await invite(rmAdmin, rmEdition, { navn: 'Ny Person', email: 'NY.PERSON@EXAMPLE.DK', rolle: 'panel' })).statusCode, 303);
      const found = await usersWithEmail('ny.person@example.dk');
      assert.equal(found.length, 1);
      assert.equal(found[0]!.email, 'Ny.Person@Example.dk');
      assert.equal((await db.select().from(memberInvitations).where(eq(memberInvitations.userId, found[0]!.id))).length, 3);
      // Each invitation is accepted through its own link; all three went to the account's address.
      const mails = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.kind, 'member-invitation'), eq(outboxMessages.toAddress, 'Ny.Person@Example.dk')));
      assert.equal(mails.length, 3);
      for (const mail of mails) {
        const path = /http:\/\/prisportal\.test(\/invitation\/[A-Za-z0-9_-]{43})\n/.exec(mail.textBody)![1]!;
        const visitor = new HttpAgent(app);
        await visitor.get(path);
        assert.equal((await visitor.post(path, {})).statusCode, 303);
      }
      const memberships = await db.select().from(editionMembers).where(eq(editionMembers.userId, found[0]!.id));
      assert.deepEqual(
        memberships.map((m) => `${m.editionId}:${m.role}`).sort(),
        [`${rmEdition}:committee`, `${rmEdition}:panel`, `${smartEdition}:committee`].sort(),
      );
    });

    test('two invitations of one new address racing each other still make one user', async () => {
      const actor = {
        kind: 'user',
        user: (await usersWithEmail('admin.rm@example.dk'))[0]!,
        adminOf: new Set([rmOrg]),
        memberships: [],
        idleExpiresAt: null,
        via: 'session',
      } as const;
      const results = await Promise.all(
        [
          [rmEdition, 'Kapløb@Example.dk'],
          [smartEdition, 'kapløb@example.DK'],
        ].map(([editionId, email]) =>
          inviteMember({
            db,
            actor,
            editionId: editionId as number,
            input: { name: 'Kapløb', email: email as string, role: 'panel', isChair: false, partyLetter: '', represents: '' },
            now: t.clock.now(),
            publicBaseUrl: 'http://prisportal.test',
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.ok),
        [true, true],
      );
      const found = await usersWithEmail('kapløb@example.dk');
      assert.equal(found.length, 1);
      const invitations = await db.select().from(memberInvitations).where(eq(memberInvitations.userId, found[0]!.id));
      assert.deepEqual(invitations.map((i) => i.editionId).sort(), [rmEdition, smartEdition].sort());
    });

    test('inviting an open invitation again sends a new link and the old one stops working; an active member is refused with the error summary, and nothing is sent', async () => {
      await invite(rmAdmin, rmEdition, { navn: 'To Gange', email: 'to.gange@example.dk', rolle: 'komite' });
      const first = await invitationLink('to.gange@example.dk');
      const renewed = await invite(rmAdmin, rmEdition, { navn: 'To Gange', email: 'To.Gange@example.dk', rolle: 'komite' });
      assert.equal(renewed.statusCode, 303);
      const second = await invitationLink('to.gange@example.dk');
      assert.notEqual(second, first);
      assert.equal((await new HttpAgent(app).get(first)).statusCode, 404, 'the first link no longer opens anything');
      const [user] = await usersWithEmail('to.gange@example.dk');
      assert.equal((await db.select().from(memberInvitations).where(eq(memberInvitations.userId, user!.id))).length, 1, 'one invitation, renewed');
      await accept('to.gange@example.dk');
      const before = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
      const res = await invite(rmAdmin, rmEdition, { navn: 'To Gange', email: 'TO.GANGE@example.dk', rolle: 'komite' });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /<title>Fejl: /);
      assert.match(res.body, /<a href="#email" class="function-link">to\.gange@example\.dk er allerede medlem af komitéen\.<\/a>/);
      const afterCount = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
      assert.equal(afterCount[0]!.n, before[0]!.n);
    });

    test('bad input gets the DKFDS error summary, a message by each field, and the text kept', async () => {
      const empty = await invite(rmAdmin, rmEdition, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<title>Fejl: Komité og patientpanel: Initiativprisen 2024 – Prisportal<\/title>/);
      assert.match(empty.body, /data-module="error-summary"[^>]*tabindex="-1"/);
      for (const [target, text] of [
        ['name', 'Skriv personens navn.'],
        ['email', 'Skriv personens e-mail.'],
        ['role-committee', 'Vælg, om personen skal være medlem af komitéen eller patientpanelet.'],
      ]) {
        assert.match(empty.body, new RegExp(`<a href="#${target}" class="function-link">${text!.replace(/\./g, '\\.')}</a>`), target);
      }
      assert.match(empty.body, /<span class="form-error-message" id="name-error">/);
      assert.match(empty.body, /aria-invalid="true" aria-describedby="name-error"/);

      const wrong = await invite(rmAdmin, rmEdition, {
        navn: 'Søren & <Co>',
        email: 'ikke-en-email',
        rolle: 'panel',
        formand: 'ja',
        partibogstav: 'Ø',
        repraesenterer: 'Patientforeningen',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Skriv e-mailen i formatet navn@eksempel\.dk\./);
      assert.match(wrong.body, /Kun et medlem af komitéen kan være formand\./);
      assert.match(wrong.body, /Udfyld enten partibogstav eller organisation, ikke begge\./);
      const nameValue = /id="name" name="navn" value="([^"]*)"/.exec(wrong.body);
      assert.equal(decode(nameValue?.[1] ?? ''), 'Søren & <Co>', 'the name comes back as typed');
      assert.match(wrong.body, /value="ikke-en-email"/);
      assert.match(wrong.body, /type="radio" id="role-panel" name="rolle" value="panel" checked/);
      assert.equal((await usersWithEmail('ikke-en-email')).length, 0);
    });

    test('there is one chair: making a new chair unsets the old one, with an audit row for each', async () => {
      assert.equal(
        (await invite(rmAdmin, smartEdition, { navn: 'Første Formand', email: 'formand1@example.dk', rolle: 'komite', formand: 'ja' })).statusCode,
        303,
      );
      assert.equal(
        (await invite(rmAdmin, smartEdition, { navn: 'Anden Formand', email: 'formand2@example.dk', rolle: 'komite', formand: 'ja' })).statusCode,
        303,
      );
      await accept('formand1@example.dk');
      await accept('formand2@example.dk');
      const rows = await membersOf(smartEdition);
      const chairs = rows.filter((m) => m.isChair);
      assert.equal(chairs.length, 1);
      const [second] = await usersWithEmail('formand2@example.dk');
      assert.equal(chairs[0]!.userId, second!.id);
      const [first] = await usersWithEmail('formand1@example.dk');
      const firstMember = rows.find((m) => m.userId === first!.id)!;
      const [unset] = await auditOf('member.update', firstMember.id);
      assert.deepEqual([unset?.before, unset?.after], [{ isChair: true }, { isChair: false }]);

      const page = await rmAdmin.get(membersUrl(smartEdition));
      assert.equal((page.body.match(/class="member-chair"/g) ?? []).length, 1);
      assert.match(page.body, /<th scope="row">Anden Formand<\/th>[\s\S]*?<strong class="member-chair">Formand<\/strong>/);
      const mail = await invitationTo('formand2@example.dk');
      assert.match(mail!.textBody, /priskomitéen for Smartprisen 2024\.\nDu er inviteret som formand\./);
    });

    test('removing a member hides the edition from them at once; a re-invitation makes the same row active again', async () => {
      const person = await createUser(db, {
        email: 'fjernes@example.dk',
        name: 'Skal Fjernes',
        members: [{ editionId: rmEdition, role: 'committee', isChair: true }],
      });
      const personAgent = await signedIn(person.id);
      assert.equal((await personAgent.get(`/mine-udgaver/${rmEdition}`)).statusCode, 200);
      const [member] = (await membersOf(rmEdition)).filter((m) => m.userId === person.id);

      await rmAdmin.get(membersUrl(rmEdition));
      const res = await rmAdmin.post(`${membersUrl(rmEdition)}/${member!.id}/fjern`, {});
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `${membersUrl(rmEdition)}?fjernet=1`);
      const page = await rmAdmin.get(String(res.headers.location));
      assert.match(page.body, /Medlemmet er fjernet og kan ikke længere se udgaven\./);
      assert.doesNotMatch(page.body, /fjernes@example\.dk/);

      const [row] = await db.select().from(editionMembers).where(eq(editionMembers.id, member!.id));
      assert.deepEqual(row!.removedAt, t.clock.now());
      assert.equal(row!.isChair, false);
      const [audit] = await auditOf('member.remove', member!.id);
      assert.equal(audit?.actorUserId, rmAdminId);
      assert.equal((audit!.before as { removedAt: string | null }).removedAt, null);
      assert.equal((audit!.after as { removedAt: string | null }).removedAt, t.clock.now().toISOString());

      assert.equal((await personAgent.get(`/mine-udgaver/${rmEdition}`)).statusCode, 403, 'the edition is gone at once');
      assert.equal((await personAgent.get('/mine-udgaver')).statusCode, 403, 'no membership left');
      const twice = await rmAdmin.post(`${membersUrl(rmEdition)}/${member!.id}/fjern`, {});
      assert.equal(twice.statusCode, 404, 'removing twice');

      const again = await invite(rmAdmin, rmEdition, { navn: 'Skal Fjernes', email: 'fjernes@example.dk', rolle: 'komite', repraesenterer: 'KL' });
      assert.equal(again.statusCode, 303, again.body);
      assert.equal((await personAgent.get(`/mine-udgaver/${rmEdition}`)).statusCode, 403, 'not a member again before accepting');
      await accept('fjernes@example.dk');
      const rows = (await membersOf(rmEdition)).filter((m) => m.userId === person.id);
      assert.equal(rows.length, 1, 'the same row');
      assert.equal(rows[0]!.removedAt, null);
      assert.equal(rows[0]!.represents, 'KL');
      const [reaccepted] = (await auditOf('member.accept', member!.id)).slice(-1);
      assert.notEqual(reaccepted!.before, null, 'the audit row holds the removed row as before');
      assert.equal((await personAgent.get(`/mine-udgaver/${rmEdition}`)).statusCode, 200);
    });

    test('withdrawing an invitation stops its link, with an audit row', async () => {
      await invite(rmAdmin, rmEdition, { navn: 'Trukket Tilbage', email: 'trukket@example.dk', rolle: 'panel' });
      const link = await invitationLink('trukket@example.dk');
      const [inv] = (await invitationsOf(rmEdition)).slice(-1);
      await rmAdmin.get(membersUrl(rmEdition));
      const res = await rmAdmin.post(`/admin/udgaver/${rmEdition}/invitationer/${inv!.id}/traek-tilbage`, {});
      assert.equal(res.statusCode, 303, res.body);
      const page = await rmAdmin.get(String(res.headers.location));
      assert.match(page.body, /Invitationen er trukket tilbage\. Linket i den virker ikke længere\./);
      assert.doesNotMatch(page.body, /trukket@example\.dk/);
      const refused = await new HttpAgent(app).get(link);
      assert.equal(refused.statusCode, 410);
      assert.match(refused.body, /Invitationen er trukket tilbage\./);
      const [audit] = await auditOf('member.invite-withdraw', inv!.id);
      assert.equal(audit?.actorUserId, rmAdminId);
      assert.equal((await rmAdmin.post(`/admin/udgaver/${rmEdition}/invitationer/${inv!.id}/traek-tilbage`, {})).statusCode, 404, 'withdrawing twice');
    });

    test("another organisation's administrator gets 403 on the page, the invitation and the removal, and changes nothing", async () => {
      const [someone] = await membersOf(rmEdition);
      const count = (await membersOf(rmEdition)).length;
      assert.equal((await drAdmin.get(membersUrl(rmEdition))).statusCode, 403);
      await drAdmin.get(membersUrl(drEdition));
      assert.equal((await drAdmin.post(membersUrl(rmEdition), { navn: 'Snig', email: 'snig@example.dk', rolle: 'komite' })).statusCode, 403);
      assert.equal((await drAdmin.post(`${membersUrl(rmEdition)}/${someone!.id}/fjern`, {})).statusCode, 403);
      assert.equal(
        (await drAdmin.post(`${membersUrl(drEdition)}/${someone!.id}/fjern`, {})).statusCode,
        404,
        "a member of another edition through one's own edition",
      );
      const [open] = (await invitationsOf(rmEdition)).filter((i) => i.acceptedAt === null && i.withdrawnAt === null);
      assert.ok(open, 'an open invitation of Region Midtjylland');
      assert.equal((await drAdmin.post(`/admin/udgaver/${rmEdition}/invitationer/${open.id}/traek-tilbage`, {})).statusCode, 403);
      assert.equal((await drAdmin.post(`/admin/udgaver/${drEdition}/invitationer/${open.id}/traek-tilbage`, {})).statusCode, 404);
      assert.equal((await db.select().from(memberInvitations).where(eq(memberInvitations.id, open.id)))[0]!.withdrawnAt, null);
      assert.equal((await membersOf(rmEdition)).length, count);
      assert.equal((await usersWithEmail('snig@example.dk')).length, 0);
      assert.equal((await rmAdmin.get('/admin/udgaver/999999/medlemmer')).statusCode, 404);
      assert.equal((await rmAdmin.get('/admin/udgaver/abc/medlemmer')).statusCode, 404);
    });

    test('the public is sent to sign in; a member who administers nothing gets 403', async () => {
      const res = await app.inject({ method: 'GET', url: membersUrl(rmEdition) });
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/log-ind\?tilbage=/);
      const post = await app.inject({
        method: 'POST',
        url: membersUrl(rmEdition),
        payload: 'navn=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.ok(post.statusCode === 401 || post.statusCode === 403, String(post.statusCode));
      const member = await createUser(db, { email: 'bare.medlem@example.dk', members: [{ editionId: rmEdition, role: 'panel' }] });
      assert.equal((await (await signedIn(member.id)).get(membersUrl(rmEdition))).statusCode, 403);
    });

    test('every POST checks the CSRF token', async () => {
      await rmAdmin.get(membersUrl(rmEdition));
      const [someone] = (await membersOf(rmEdition)).filter((m) => m.removedAt === null);
      const count = (await membersOf(rmEdition)).length;
      for (const [url, fields] of [
        [membersUrl(rmEdition), { navn: 'Uden Token', email: 'uden.token@example.dk', rolle: 'komite' }],
        [`${membersUrl(rmEdition)}/${someone!.id}/fjern`, {}],
      ] as const) {
        for (const csrf of [null, 'forkert-token']) {
          const res = await rmAdmin.post(url, fields, { csrf });
          assert.equal(res.statusCode, 403, `${url} with ${csrf}`);
          assert.match(res.body, new RegExp(CSRF_TITLE));
        }
      }
      assert.equal((await membersOf(rmEdition)).length, count);
      const [row] = await db.select().from(editionMembers).where(eq(editionMembers.id, someone!.id));
      assert.equal(row!.removedAt, null);
    });

    describe('members see only their own editions', () => {
      let memberA: HttpAgent;
      let panelist: HttpAgent;
      before(async () => {
        const a = await createUser(db, {
          email: 'medlem.a@example.dk',
          name: 'Medlem A',
          members: [{ editionId: rmEdition, role: 'committee', partyLetter: 'A' }],
        });
        memberA = await signedIn(a.id);
        const p = await createUser(db, { email: 'panel@example.dk', name: 'Panel Deltager', members: [{ editionId: drEdition, role: 'panel' }] });
        panelist = await signedIn(p.id);
        const at = new Date('2024-03-01T10:00:00Z');
        await buildNomination(db, { editionId: rmEdition, title: 'Egnet og sendt', screening: 'eligible', receiptNumber: 'IP-2024-0002' }, { at });
        await buildNomination(db, { editionId: rmEdition, title: 'Også egnet', screening: 'eligible', receiptNumber: 'IP-2024-0001' }, { at });
        await buildNomination(db, { editionId: rmEdition, title: 'Afventer screening' }, { at });
        await buildNomination(db, { editionId: rmEdition, title: 'Ikke egnet', screening: 'not-eligible', screeningReason: 'Nej' }, { at });
        await buildNomination(db, { editionId: rmEdition, title: 'Egnet men trukket tilbage', status: 'withdrawn', screening: 'eligible' }, { at });
        await buildNomination(db, { editionId: rmEdition, title: 'Kladde', status: 'draft', screening: 'eligible' }, { at });
        await buildNomination(db, { editionId: smartEdition, title: 'En anden udgaves indstilling', screening: 'eligible' }, { at });
      });

      test('/mine-udgaver lists the editions of the user and nothing else', async () => {
        const res = await memberA.get('/mine-udgaver');
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        const links = [...res.body.matchAll(/<a href="\/mine-udgaver\/(\d+)">([^<]+)<\/a>/g)].map((m) => [Number(m[1]), m[2]]);
        assert.deepEqual(links, [[rmEdition, 'Initiativprisen 2024']]);
        assert.match(res.body, /<td>Medlem af komitéen<\/td>\s*<td>[^<]+<\/td>/);
        assert.doesNotMatch(res.body, /Smartprisen|Borgerinddragende/);
      });

      test('a member of edition A gets 403 on edition B by changing the id, and on editions that do not exist', async () => {
        for (const id of [smartEdition, drEdition, 999_999]) {
          const res = await memberA.get(`/mine-udgaver/${id}`);
          assert.equal(res.statusCode, 403, String(id));
          assert.doesNotMatch(res.body, /En anden udgaves indstilling/);
        }
        assert.equal((await memberA.get('/mine-udgaver/abc')).statusCode, 404);
        assert.equal((await panelist.get(`/mine-udgaver/${rmEdition}`)).statusCode, 403);
      });

      test('a committee member sees the titles of the eligible sent nominations only', async () => {
        const res = await memberA.get(`/mine-udgaver/${rmEdition}`);
        assert.equal(res.statusCode, 200);
        const titles = [...res.body.matchAll(/<li lang="da">([^<]+)<\/li>/g)].map((m) => m[1]);
        assert.deepEqual(titles, ['Også egnet', 'Egnet og sendt']);
      });

      test('a panel member sees the edition without the nominations list', async () => {
        const res = await panelist.get(`/mine-udgaver/${drEdition}`);
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /<h1>Årets Borgerinddragende Initiativ 2021<\/h1>/);
        assert.match(res.body, /Medlem af patientpanelet/);
        assert.doesNotMatch(res.body, /Egnede indstillinger/);
      });

      test('an administrator who is no member gets 403; the public is sent to sign in', async () => {
        assert.equal((await drAdmin.get('/mine-udgaver')).statusCode, 403);
        const res = await app.inject({ method: 'GET', url: '/mine-udgaver' });
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, `/log-ind?tilbage=${encodeURIComponent('/mine-udgaver')}`);
      });

      test('the account page links to "Mine udgaver" for members', async () => {
        const res = await memberA.get('/min-side');
        assert.match(res.body, /<a href="\/mine-udgaver" class="button button-primary">Mine udgaver<\/a>/);
        assert.doesNotMatch(res.body, /href="\/min-side\/api-noegler"/);
      });
    });
  });
}
