import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../awards/awards.schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A person who signs in: an employee through their organisation's OpenID Connect provider
 * (keyed on issuer + subject, never on e-mail, which can change hands), or a committee or
 * panel member through a single-use e-mail link.
 */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSignInAt: instant('last_sign_in_at'),
    /** The language of the person's e-mails: the organiser's choice when invited, then the pages they use. Null: Danish. */
    language: text('language', { enum: ['da', 'en'] }),
  },
  (t) => [
    uniqueIndex('users_oidc_uq').on(t.oidcIssuer, t.oidcSubject),
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    check('users_oidc_pair', sql`(${t.oidcIssuer} is null) = (${t.oidcSubject} is null)`),
  ],
);

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is the key here,
 * so two app processes share sessions and a database leak opens none.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    /** Signed out after this much inactivity; moved forward on each request. */
    idleExpiresAt: instant('idle_expires_at').notNull(),
    /** Signed out at this instant whatever happens. */
    absoluteExpiresAt: instant('absolute_expires_at').notNull(),
    revokedAt: instant('revoked_at'),
    /** How the person signed in: 'oidc', 'email-link' or 'demo'. */
    method: text('method').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Administrators of an organisation: they run its awards and editions. */
export const organisationAdmins = pgTable(
  'organisation_admins',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisation_admins_uq').on(t.organisationId, t.userId)],
);

/** A single-use, short-lived sign-in link sent by e-mail. Only the token's hash is stored. */
export const emailSignInLinks = pgTable(
  'email_sign_in_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('email_sign_in_links_user_idx').on(t.userId)],
);

/**
 * An organisation's OpenID Connect provider (e.g. its Microsoft Entra ID tenant). The client
 * secret is not stored here: it is read from the environment variable named in
 * `clientSecretEnv`, so secrets stay out of the database and its backups.
 */
export const identityProviders = pgTable(
  'identity_providers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretEnv: text('client_secret_env').notNull(),
    /** Entra ID: the tenant id the `tid` claim must carry; null for other providers. */
    tenantId: text('tenant_id'),
    /**
     * Whether the organisation vouches for this provider's e-mails when the ID token carries no
     * `email_verified` claim (Microsoft Entra ID sends none; its e-mails are set by the tenant's
     * own administrators). Off: only `email_verified: true` e-mails are used. An e-mail marked
     * `email_verified: false` is never used. See accounts/sign-in-rules.ts `trustedOidcEmail`.
     */
    trustsEmail: boolean('trusts_email').notNull().default(false),
    /** Employees who sign in here become administrators of the organisation when listed. */
    adminEmails: jsonb('admin_emails').$type<string[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [uniqueIndex('identity_providers_org_issuer_uq').on(t.organisationId, t.issuer)],
);

/** A personal API token for the admin API. Only its hash is stored; it is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);
