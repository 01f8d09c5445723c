import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.schema.js';
import { editions } from '../awards/awards.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A member of an edition's committee (with a chair) or patient panel. Affiliation is shown
 * beside the name: a party letter, or the organisation the member represents.
 */
export const editionMembers = pgTable(
  'edition_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['committee', 'panel'] }).notNull(),
    isChair: boolean('is_chair').notNull().default(false),
    partyLetter: text('party_letter'),
    represents: text('represents'),
    invitedAt: instant('invited_at').notNull().defaultNow(),
    removedAt: instant('removed_at'),
  },
  (t) => [
    uniqueIndex('edition_members_uq').on(t.editionId, t.userId, t.role),
    check('edition_members_chair_in_committee', sql`not ${t.isChair} or ${t.role} = 'committee'`),
  ],
);

/**
 * An invitation to an edition's committee or patient panel, waiting for the invited person to
 * follow the link e-mailed to the invited address. Only then does the person become a member
 * (an `edition_members` row): an account that merely has the same e-mail gets nothing
 * (finding 2). The user row is the address's account, made at invitation when there was none,
 * so nobody else can hold it. `name` is the name the administrator typed; an account's own
 * name is never shown to the administrator before the person accepts. Only the token's
 * SHA-256 is stored.
 */
export const memberInvitations = pgTable(
  'member_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['committee', 'panel'] }).notNull(),
    name: text('name').notNull(),
    isChair: boolean('is_chair').notNull().default(false),
    partyLetter: text('party_letter'),
    represents: text('represents'),
    tokenHash: text('token_hash').notNull(),
    invitedAt: instant('invited_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    acceptedAt: instant('accepted_at'),
    withdrawnAt: instant('withdrawn_at'),
    /** The language the organiser chose for the invitation e-mail (and the member's e-mails after). */
    language: text('language', { enum: ['da', 'en'] })
      .notNull()
      .default('da'),
  },
  (t) => [
    uniqueIndex('member_invitations_token_uq').on(t.tokenHash),
    // One open invitation per person and group; inviting again renews it.
    uniqueIndex('member_invitations_open_uq').on(t.editionId, t.userId, t.role).where(sql`${t.acceptedAt} is null and ${t.withdrawnAt} is null`),
    index('member_invitations_user_idx').on(t.userId),
    check('member_invitations_chair_in_committee', sql`not ${t.isChair} or ${t.role} = 'committee'`),
  ],
);
