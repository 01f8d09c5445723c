import { membersTexts } from './i18n.js';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editionMembers, editions, users } from '../db/schema.js';
import { type Actor, createEmailLink } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { enqueueMail } from '../mail/index.js';
import { findEditionWithAward } from '../awards/index.js';
import { isEmail } from '../platform/fields.js';
import { da } from '../platform/i18n/da.js';

// The committee and patient panel of an edition: who is in them, inviting by e-mail, removing.
// The administrators' pages (members.routes.tsx) and the admin API (admin.api.ts) both call
// these functions, so the rules and the audit trail are the same whichever way a change comes.

export type MemberRole = 'committee' | 'panel';

export const MEMBER_ROLES = ['committee', 'panel'] as const satisfies readonly MemberRole[];

/** The longest values the form and the API accept. */
export const MEMBER_LIMITS = { name: 200, email: 254, partyLetter: 3, represents: 200 } as const;

/** What an administrator fills in to invite someone. Text is as typed; `checkInvite` cleans it. */
export type InviteInput = {
  name: string;
  email: string;
  role: MemberRole | null;
  isChair: boolean;
  partyLetter: string;
  represents: string;
};

export type InviteField = 'name' | 'email' | 'role' | 'isChair' | 'partyLetter' | 'represents';

/** A problem with the input, by field; pages and the API word it each in their own way. */
export type InviteProblem =
  | { field: 'name'; code: 'required' | 'too-long' }
  | { field: 'email'; code: 'required' | 'format' | 'too-long' }
  | { field: 'role'; code: 'required' }
  | { field: 'isChair'; code: 'chair-not-committee' }
  | { field: 'partyLetter'; code: 'too-long' | 'both-affiliations' }
  | { field: 'represents'; code: 'too-long' };

/** An active member as the lists show it. */
export type MemberView = {
  id: number;
  userId: number;
  name: string;
  email: string;
  role: MemberRole;
  isChair: boolean;
  partyLetter: string | null;
  represents: string | null;
  invitedAt: Date;
};

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The input with white space tidied (the stored values), and what is wrong with it. */
export function checkInvite(raw: InviteInput): { input: InviteInput; problems: InviteProblem[] } {
  const input: InviteInput = {
    name: clean(raw.name),
    email: clean(raw.email),
    role: raw.role,
    isChair: raw.isChair,
    partyLetter: clean(raw.partyLetter).toUpperCase(),
    represents: clean(raw.represents),
  };
  const problems: InviteProblem[] = [];
  if (input.name === '') problems.push({ field: 'name', code: 'required' });
  else if (input.name.length > MEMBER_LIMITS.name) problems.push({ field: 'name', code: 'too-long' });
  if (input.email === '') problems.push({ field: 'email', code: 'required' });
  else if (input.email.length > MEMBER_LIMITS.email) problems.push({ field: 'email', code: 'too-long' });
  else if (!isEmail(input.email)) problems.push({ field: 'email', code: 'format' });
  if (input.role === null) problems.push({ field: 'role', code: 'required' });
  if (input.isChair && input.role === 'panel') problems.push({ field: 'isChair', code: 'chair-not-committee' });
  if (input.partyLetter.length > MEMBER_LIMITS.partyLetter) problems.push({ field: 'partyLetter', code: 'too-long' });
  else if (input.partyLetter !== '' && input.represents !== '') problems.push({ field: 'partyLetter', code: 'both-affiliations' });
  if (input.represents.length > MEMBER_LIMITS.represents) problems.push({ field: 'represents', code: 'too-long' });
  return { input, problems };
}

const memberColumns = {
  id: editionMembers.id,
  userId: editionMembers.userId,
  name: users.name,
  email: users.email,
  role: editionMembers.role,
  isChair: editionMembers.isChair,
  partyLetter: editionMembers.partyLetter,
  represents: editionMembers.represents,
  invitedAt: editionMembers.invitedAt,
};

/** The active members of an edition: committee first, its chair first, then by name (one query). */
export async function listMembers(db: Database, editionId: number): Promise<MemberView[]> {
  return db
    .select(memberColumns)
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .where(and(eq(editionMembers.editionId, editionId), isNull(editionMembers.removedAt)))
    .orderBy(asc(editionMembers.role), desc(editionMembers.isChair), sql`lower(${users.name})`, asc(editionMembers.id));
}

/** The members page of an edition: the edition with its award and organiser, and its members; null when there is no such edition. */
export async function getMembersPage(db: Database, editionId: number) {
  const [found, members] = await Promise.all([findEditionWithAward(db, editionId), listMembers(db, editionId)]);
  if (!found) return null;
  return { ...found, members };
}

export type MembersPageData = NonNullable<Awaited<ReturnType<typeof getMembersPage>>>;

/** How a member looks in the audit log: enough to see what changed, at the time. */
function auditView(m: MemberView & { removedAt?: Date | null }) {
  return {
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    isChair: m.isChair,
    partyLetter: m.partyLetter,
    represents: m.represents,
    removedAt: m.removedAt ? m.removedAt.toISOString() : null,
  };
}

async function findMember(tx: Database, memberId: number) {
  const [row] = await tx
    .select({ ...memberColumns, editionId: editionMembers.editionId, removedAt: editionMembers.removedAt })
    .from(editionMembers)
    .innerJoin(users, eq(users.id, editionMembers.userId))
    .where(eq(editionMembers.id, memberId))
    .limit(1);
  return row ?? null;
}

/** Locks the edition's row, so changes to one edition's members happen one at a time (one chair). */
async function lockEdition(tx: Database, editionId: number): Promise<boolean> {
  const rows = await tx.select({ id: editions.id }).from(editions).where(eq(editions.id, editionId)).for('update');
  return rows.length === 1;
}

export type InviteResult =
  | { ok: true; member: MemberView; createdUser: boolean; reactivated: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; problems: InviteProblem[] }
  | { ok: false; reason: 'already-member'; member: MemberView };

/**
 * Invites a person to an edition's committee or patient panel.
 *
 * Refuses with a reason: 'invalid' (see `checkInvite`), 'not-found' (no such edition),
 * 'already-member' (an active member in that role already).
 *
 * Side effects, in one transaction:
 *  - a user with the e-mail, when none exists (e-mails are unique without regard to case, so
 *    "Ane@X.dk" finds the user "ane@x.dk"; a user with no name gets the name given here);
 *  - an `edition_members` row, or the removed member's row made active again with the new
 *    affiliation and chair;
 *  - as chair: the edition's previous chair is a chair no longer;
 *  - a single-use sign-in link and a Danish invitation e-mail in the outbox, linking to it;
 *  - audit events 'member.invite' (and 'member.update' for a previous chair).
 */
export async function inviteMember(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  input: InviteInput;
  now: Date;
  /** Absolute base of the link in the e-mail, e.g. https://prisportal.rm.dk. */
  publicBaseUrl: string;
}): Promise<InviteResult> {
  const { input, problems } = checkInvite(args.input);
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  const role = input.role!;
  const { now } = args;
  return inTransaction(args.db, async (tx): Promise<InviteResult> => {
    if (!(await lockEdition(tx, args.editionId))) return { ok: false, reason: 'not-found' };
    const edition = await findEditionWithAward(tx, args.editionId);
    if (!edition) return { ok: false, reason: 'not-found' };

    // Never a second user for the same address: the unique index on lower(email) decides when
    // two invitations race; the loser then finds the winner's row.
    let createdUser = false;
    const findUser = async () => (await tx.select().from(users).where(sql`lower(${users.email}) = lower(${input.email})`).limit(1))[0];
    let user = await findUser();
    if (!user) {
      const inserted = await tx.insert(users).values({ email: input.email, name: input.name }).onConflictDoNothing().returning();
      createdUser = inserted.length === 1;
      user = inserted[0] ?? (await findUser());
      if (!user) throw new Error('user vanished while inviting');
    } else if (user.name === '') {
      await tx.update(users).set({ name: input.name }).where(eq(users.id, user.id));
      user = { ...user, name: input.name };
    }

    const affiliation = { isChair: role === 'committee' && input.isChair, partyLetter: input.partyLetter || null, represents: input.represents || null };
    const [existing] = await tx
      .select()
      .from(editionMembers)
      .where(and(eq(editionMembers.editionId, args.editionId), eq(editionMembers.userId, user.id), eq(editionMembers.role, role)))
      .limit(1);
    const view = (id: number, invitedAt: Date): MemberView => ({ id, userId: user.id, name: user.name, email: user.email, role, ...affiliation, invitedAt });
    if (existing && existing.removedAt === null) {
      return {
        ok: false,
        reason: 'already-member',
        member: { ...view(existing.id, existing.invitedAt), isChair: existing.isChair, partyLetter: existing.partyLetter, represents: existing.represents },
      };
    }

    let memberId: number;
    if (existing) {
      await tx
        .update(editionMembers)
        .set({ ...affiliation, removedAt: null, invitedAt: now })
        .where(eq(editionMembers.id, existing.id));
      memberId = existing.id;
    } else {
      const [row] = await tx
        .insert(editionMembers)
        .values({ editionId: args.editionId, userId: user.id, role, ...affiliation, invitedAt: now })
        .returning({ id: editionMembers.id });
      memberId = row!.id;
    }
    const member = view(memberId, now);
    const audit = { actor: args.actor, organisationId: edition.organisation.id, editionId: args.editionId, entityType: 'edition_member' } as const;

    if (member.isChair) {
      const previous = await tx
        .update(editionMembers)
        .set({ isChair: false })
        .where(and(eq(editionMembers.editionId, args.editionId), eq(editionMembers.isChair, true), ne(editionMembers.id, memberId)))
        .returning({ id: editionMembers.id });
      for (const p of previous) {
        await recordAudit(tx, { ...audit, action: 'member.update', entityId: p.id, before: { isChair: true }, after: { isChair: false } }, now);
      }
    }

    const token = await createEmailLink(tx, user.id, now);
    const editionName = da.award.edition(edition.award.name, edition.edition.year);
    const m = membersTexts('da');
    await enqueueMail(
      tx,
      {
        kind: 'member-invitation',
        to: user.email,
        subject: m.mail.subject(editionName),
        text: m.mail.body({
          name: user.name,
          group: m.group[role],
          edition: editionName,
          organisation: edition.organisation.name,
          link: `${args.publicBaseUrl}/log-ind/link/${token}?tilbage=${encodeURIComponent(`/mine-udgaver/${args.editionId}`)}`,
          signInUrl: `${args.publicBaseUrl}/log-ind`,
          email: user.email,
          chair: member.isChair,
        }),
      },
      now,
    );
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'member.invite',
        entityId: memberId,
        before: existing
          ? auditView({
              ...member,
              isChair: existing.isChair,
              partyLetter: existing.partyLetter,
              represents: existing.represents,
              removedAt: existing.removedAt,
            })
          : null,
        after: { ...auditView(member), createdUser },
      },
      now,
    );
    return { ok: true, member, createdUser, reactivated: existing !== undefined };
  });
}

export type RemoveResult = { ok: true; member: MemberView } | { ok: false; reason: 'not-found' };

/**
 * Removes a member from an edition: they no longer see it (their sign-in stays; other
 * memberships are untouched). Refuses 'not-found' for an unknown member, a member of another
 * edition, or one already removed.
 *
 * Side effects, in one transaction: `removed_at` = `now` and `is_chair` = false on the row
 * (kept for history and a later re-invitation); audit event 'member.remove'.
 */
export async function removeMember(args: { db: Database; actor: Actor; editionId: number; memberId: number; now: Date }): Promise<RemoveResult> {
  const { now } = args;
  return inTransaction(args.db, async (tx): Promise<RemoveResult> => {
    if (!(await lockEdition(tx, args.editionId))) return { ok: false, reason: 'not-found' };
    const row = await findMember(tx, args.memberId);
    if (!row || row.editionId !== args.editionId || row.removedAt !== null) return { ok: false, reason: 'not-found' };
    await tx.update(editionMembers).set({ removedAt: now, isChair: false }).where(eq(editionMembers.id, row.id));
    const edition = await findEditionWithAward(tx, args.editionId);
    const { editionId: _e, removedAt: _r, ...member } = row;
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'member.remove',
        entityType: 'edition_member',
        entityId: row.id,
        organisationId: edition?.organisation.id ?? null,
        editionId: args.editionId,
        before: auditView(row),
        after: auditView({ ...row, isChair: false, removedAt: now }),
      },
      now,
    );
    return { ok: true, member };
  });
}
