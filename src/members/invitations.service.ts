import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database.js';
import { editionMembers, editions, memberInvitations, users } from '../db/schema.js';
import type { Actor } from '../accounts/index.js';
import { hashToken, newToken } from '../platform/tokens.js';
import { canAcceptInvitation, INVITATION_TTL_MS, type InvitationRefusal } from './invitation-rules.js';
import { recordAudit } from '../platform/audit.js';
import { messageRenderer, messagesTexts } from '../messages/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { findEditionWithAward } from '../awards/index.js';
import { cleanText, isEmail } from '../platform/fields.js';
import { membersUrls as urls } from './urls.js';

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
  /** The language of the invitation and the person's later e-mails (the organiser's choice); Danish when not given. */
  language?: Locale;
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

// The shared field rules (platform/fields.ts: NFC, line endings, control characters), then inner white space as one space.
const clean = (s: string) => cleanText(s, false).replace(/\s+/g, ' ');

/** The input with white space tidied (the stored values), and what is wrong with it. */
export function checkInvite(raw: InviteInput): { input: InviteInput; problems: InviteProblem[] } {
  const input: InviteInput = {
    name: clean(raw.name),
    email: clean(raw.email),
    role: raw.role,
    isChair: raw.isChair,
    partyLetter: clean(raw.partyLetter).toUpperCase(),
    represents: clean(raw.represents),
    language: raw.language === 'en' ? 'en' : 'da',
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
  const [found, members, invitations] = await Promise.all([findEditionWithAward(db, editionId), listMembers(db, editionId), listInvitations(db, editionId)]);
  if (!found) return null;
  return { ...found, members, invitations };
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

/** An invitation waiting for the invited person, as the administrators' list shows it. */
export type InvitationView = {
  id: number;
  /** The name the administrator typed (never the name of an account with the address). */
  name: string;
  /** The address the invitation went to, as the administrator typed it. */
  email: string;
  role: MemberRole;
  isChair: boolean;
  partyLetter: string | null;
  represents: string | null;
  invitedAt: Date;
  /** When its link stops working. */
  expiresAt: Date;
};

/**
 * The open invitations of an edition (not accepted, not withdrawn; expired ones too, so the
 * administrator can send them again), by group, then newest first. The address shown is the
 * account's without regard to case, as typed by the administrator when it was made.
 */
export async function listInvitations(db: Database, editionId: number): Promise<InvitationView[]> {
  const rows = await db
    .select({
      id: memberInvitations.id,
      name: memberInvitations.name,
      email: users.email,
      role: memberInvitations.role,
      isChair: memberInvitations.isChair,
      partyLetter: memberInvitations.partyLetter,
      represents: memberInvitations.represents,
      invitedAt: memberInvitations.invitedAt,
      expiresAt: memberInvitations.expiresAt,
    })
    .from(memberInvitations)
    .innerJoin(users, eq(users.id, memberInvitations.userId))
    .where(and(eq(memberInvitations.editionId, editionId), isNull(memberInvitations.acceptedAt), isNull(memberInvitations.withdrawnAt)))
    .orderBy(asc(memberInvitations.role), desc(memberInvitations.invitedAt), desc(memberInvitations.id));
  // An existing account's address may differ in case from what was typed: shown in lower case,
  // so the list does not tell an existing account from a new one.
  return rows.map((r) => ({ ...r, email: r.email.toLowerCase() }));
}

export type InviteResult =
  | { ok: true; invitation: InvitationView; renewed: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; problems: InviteProblem[] }
  | { ok: false; reason: 'already-member'; member: MemberView };

/**
 * Invites a person to an edition's committee or patient panel. The person becomes a member
 * only by following the link e-mailed to the invited address (`acceptInvitation`): an account
 * that merely has the same e-mail gets nothing from the invitation itself (finding 2), and
 * the answer is the same whether or not the address has an account (no name, no user id).
 *
 * Refuses with a reason: 'invalid' (see `checkInvite`), 'not-found' (no such edition),
 * 'already-member' (the address's account is an active member in that group already).
 *
 * Side effects, in one transaction:
 *  - a user with the e-mail, when none exists (e-mails are unique without regard to case, so
 *    "Ane@X.dk" finds the user "ane@x.dk"); an existing user is not changed;
 *  - a `member_invitations` row with the name, group and affiliation as given, or the open
 *    invitation of the same person and group renewed (a new link; the old one stops working);
 *  - an invitation e-mail in the outbox with the single-use link, valid for seven days;
 *  - audit event 'member.invite' (entity 'member_invitation').
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
    const findUser = async () => (await tx.select().from(users).where(sql`lower(${users.email}) = lower(${input.email})`).limit(1))[0];
    let user = await findUser();
    if (!user) {
      const inserted = await tx.insert(users).values({ email: input.email, name: input.name }).onConflictDoNothing().returning();
      user = inserted[0] ?? (await findUser());
      if (!user) throw new Error('user vanished while inviting');
    }

    const [active] = await tx
      .select(memberColumns)
      .from(editionMembers)
      .innerJoin(users, eq(users.id, editionMembers.userId))
      .where(
        and(eq(editionMembers.editionId, args.editionId), eq(editionMembers.userId, user.id), eq(editionMembers.role, role), isNull(editionMembers.removedAt)),
      )
      .limit(1);
    if (active) return { ok: false, reason: 'already-member', member: active };

    const affiliation = { isChair: role === 'committee' && input.isChair, partyLetter: input.partyLetter || null, represents: input.represents || null };
    const token = newToken();
    const language: Locale = input.language ?? 'da';
    const link = { tokenHash: hashToken(token), invitedAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), language };
    const open = and(
      eq(memberInvitations.editionId, args.editionId),
      eq(memberInvitations.userId, user.id),
      eq(memberInvitations.role, role),
      isNull(memberInvitations.acceptedAt),
      isNull(memberInvitations.withdrawnAt),
    );
    const [renewedRow] = await tx
      .update(memberInvitations)
      .set({ name: input.name, ...affiliation, ...link })
      .where(open)
      .returning({ id: memberInvitations.id });
    const id =
      renewedRow?.id ??
      (
        await tx
          .insert(memberInvitations)
          .values({ editionId: args.editionId, userId: user.id, role, name: input.name, ...affiliation, ...link })
          .returning({ id: memberInvitations.id })
      )[0]!.id;
    const invitation: InvitationView = {
      id,
      name: input.name,
      email: input.email.toLowerCase(),
      role,
      ...affiliation,
      invitedAt: now,
      expiresAt: link.expiresAt,
    };

    // The organiser's choice of language is the person's from now on (src/messages).
    await tx.update(users).set({ language }).where(eq(users.id, user.id));
    const messages = (await messageRenderer(tx, args.editionId, args.publicBaseUrl))!;
    await messages.queue(
      tx,
      {
        kind: role === 'committee' ? 'invitation-committee' : 'invitation-panel',
        to: user.email,
        language,
        values: {
          recipient: input.name,
          link: `${args.publicBaseUrl}${invitationUrl(token)}`,
          expires: formatInstant(link.expiresAt, language),
          'sign-in-link': `${args.publicBaseUrl}/log-ind`,
          email: user.email,
          chair: invitation.isChair ? messagesTexts(language).value.chair : '',
        },
        // One e-mail per invitation link: a renewed invitation has a new link and a new e-mail.
        dedupeKey: `member-invitation:${id}:${link.tokenHash.slice(0, 16)}`,
      },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: args.actor,
        organisationId: edition.organisation.id,
        editionId: args.editionId,
        entityType: 'member_invitation',
        action: 'member.invite',
        entityId: id,
        before: null,
        after: { ...invitationAuditView(invitation), renewed: renewedRow !== undefined },
      },
      now,
    );
    return { ok: true, invitation, renewed: renewedRow !== undefined };
  });
}

/** The path of an invitation's link. */
export const invitationUrl = (token: string) => urls.invitation({ token });

function invitationAuditView(i: InvitationView) {
  return {
    name: i.name,
    email: i.email,
    role: i.role,
    isChair: i.isChair,
    partyLetter: i.partyLetter,
    represents: i.represents,
    expiresAt: i.expiresAt.toISOString(),
  };
}

/** What the acceptance page shows before the button: the edition and the group. */
export async function findInvitationByToken(db: Database, token: string) {
  const [row] = await db
    .select()
    .from(memberInvitations)
    .where(eq(memberInvitations.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const edition = await findEditionWithAward(db, row.editionId);
  return edition ? { invitation: row, edition } : null;
}

export type AcceptResult = { ok: true; userId: number; editionId: number; memberId: number } | { ok: false; reason: InvitationRefusal };

/**
 * Accepts an invitation through its link: the one way a person becomes a member.
 *
 * Refuses with a reason (`canAcceptInvitation`): 'unknown' (no invitation has the token),
 * 'withdrawn', 'used' (accepted already: the link works once), 'expired' (after seven days).
 *
 * Side effects, in one transaction (the invitation row and the edition's row locked):
 *  - the invitation marked accepted;
 *  - an `edition_members` row with the invitation's group and affiliation, or the removed
 *    member's row made active again (an active member keeps their row as it is);
 *  - as chair: the edition's previous chair is a chair no longer ('member.update');
 *  - the account's name set to the invited name when it has none;
 *  - audit event 'member.accept' (entity 'edition_member', actor: the invited person).
 * The route then signs the person in as the invitation's account.
 */
export async function acceptInvitation(args: { db: Database; token: string; now: Date }): Promise<AcceptResult> {
  const { now } = args;
  return inTransaction(args.db, async (tx): Promise<AcceptResult> => {
    const [inv] = await tx
      .select()
      .from(memberInvitations)
      .where(eq(memberInvitations.tokenHash, hashToken(args.token)))
      .limit(1)
      .for('update');
    const may = canAcceptInvitation(inv ?? null, now);
    if (!may.ok || !inv) return { ok: false, reason: may.ok ? 'unknown' : may.reason };
    if (!(await lockEdition(tx, inv.editionId))) return { ok: false, reason: 'unknown' };
    const edition = await findEditionWithAward(tx, inv.editionId);
    const [user] = await tx.select().from(users).where(eq(users.id, inv.userId)).limit(1);
    if (!edition || !user) return { ok: false, reason: 'unknown' };
    await tx.update(memberInvitations).set({ acceptedAt: now }).where(eq(memberInvitations.id, inv.id));
    if (user.name === '') await tx.update(users).set({ name: inv.name }).where(eq(users.id, user.id));

    const affiliation = { isChair: inv.isChair, partyLetter: inv.partyLetter, represents: inv.represents };
    const [existing] = await tx
      .select()
      .from(editionMembers)
      .where(and(eq(editionMembers.editionId, inv.editionId), eq(editionMembers.userId, inv.userId), eq(editionMembers.role, inv.role)))
      .limit(1);
    let memberId: number;
    if (existing && existing.removedAt === null) {
      memberId = existing.id;
    } else if (existing) {
      await tx
        .update(editionMembers)
        .set({ ...affiliation, removedAt: null, invitedAt: inv.invitedAt })
        .where(eq(editionMembers.id, existing.id));
      memberId = existing.id;
    } else {
      const [row] = await tx
        .insert(editionMembers)
        .values({ editionId: inv.editionId, userId: inv.userId, role: inv.role, ...affiliation, invitedAt: inv.invitedAt })
        .returning({ id: editionMembers.id });
      memberId = row!.id;
    }
    const actor = { kind: 'user' as const, user: { id: user.id, name: user.name || inv.name, email: user.email } };
    const audit = { actor, organisationId: edition.organisation.id, editionId: inv.editionId, entityType: 'edition_member' } as const;
    if (inv.isChair && !(existing && existing.removedAt === null)) {
      const previous = await tx
        .update(editionMembers)
        .set({ isChair: false })
        .where(and(eq(editionMembers.editionId, inv.editionId), eq(editionMembers.isChair, true), ne(editionMembers.id, memberId)))
        .returning({ id: editionMembers.id });
      for (const p of previous) {
        await recordAudit(tx, { ...audit, action: 'member.update', entityId: p.id, before: { isChair: true }, after: { isChair: false } }, now);
      }
    }
    const member = await findMember(tx, memberId);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'member.accept',
        entityId: memberId,
        before: existing ? auditView({ ...existing, name: user.name, email: user.email }) : null,
        after: { ...(member ? auditView(member) : {}), invitationId: inv.id },
      },
      now,
    );
    return { ok: true, userId: inv.userId, editionId: inv.editionId, memberId };
  });
}

export type WithdrawResult = { ok: true; invitation: InvitationView } | { ok: false; reason: 'not-found' };

/**
 * Withdraws an open invitation of the edition: its link stops working.
 *
 * Refuses 'not-found' for an unknown invitation, one of another edition, or one accepted or
 * withdrawn already.
 *
 * Side effects, in one transaction: `withdrawn_at` = `now`; audit event 'member.invite-withdraw'.
 */
export async function withdrawInvitation(args: { db: Database; actor: Actor; editionId: number; invitationId: number; now: Date }): Promise<WithdrawResult> {
  const { now } = args;
  return inTransaction(args.db, async (tx): Promise<WithdrawResult> => {
    if (!(await lockEdition(tx, args.editionId))) return { ok: false, reason: 'not-found' };
    const open = (await listInvitations(tx, args.editionId)).find((i) => i.id === args.invitationId);
    if (!open) return { ok: false, reason: 'not-found' };
    await tx.update(memberInvitations).set({ withdrawnAt: now }).where(eq(memberInvitations.id, open.id));
    const edition = await findEditionWithAward(tx, args.editionId);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'member.invite-withdraw',
        entityType: 'member_invitation',
        entityId: open.id,
        organisationId: edition?.organisation.id ?? null,
        editionId: args.editionId,
        before: invitationAuditView(open),
        after: { ...invitationAuditView(open), withdrawnAt: now.toISOString() },
      },
      now,
    );
    return { ok: true, invitation: open };
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
