import type { Database } from '../db/database.js';
import type { Clock } from './clock.js';
import type { PageCache } from './page-cache.js';
import type { RateLimitRule } from './rate-limit.js';

/** What every module's routes get: the database, the clock and shared helpers. Built once by app.ts. */
export type AppDeps = {
  db: Database;
  clock: Clock;
  pageCache: PageCache;
  /** Absolute base of links in e-mails, e.g. https://prisportal.rm.dk (never taken from the Host header). */
  publicBaseUrl: string;
  /** Set when receipts can be downloaded as PDF. */
  receiptPdf: boolean;
  rateLimits: RateLimits;
  /** `npm start` offers a documented demo administrator sign-in; never in production. */
  demoSignIn: boolean;
  /**
   * The server secret BALLOT_KEY (config.ts), never stored in the database: it keys the panel's
   * ballots and orders the anonymous overview's labels, each use derived under its own purpose.
   */
  ballotKey: string;
  /**
   * The organisation that owns an edition, or null when there is no such edition: the awards
   * module's answer, handed to the guards of every module's administrator pages (platform/http.ts).
   */
  organisationOfEdition: (editionId: number) => Promise<number | null>;
  /** RETENTION_YEARS (config.ts): years after a round is archived before its personal data is anonymised; the privacy policy states it. */
  retentionYears: number;
};

/** Limits per client address, shared by all processes through the database. */
export type RateLimits = { nominationStart: RateLimitRule; nominationSend: RateLimitRule; signInLink: RateLimitRule; nominationLinkRecovery: RateLimitRule };

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // Per client address. A hospital's staff may share one address through its network, so the
  // limits leave room for a deadline rush from one hospital and stop only scripted floods.
  nominationStart: { name: 'nomination-start', limit: 300, windowMs: 60 * 60 * 1000 },
  nominationSend: { name: 'nomination-send', limit: 600, windowMs: 60 * 60 * 1000 },
  // Requests for sign-in links per client address (answered 429 beyond). What one e-mail
  // address receives is capped separately and quietly (accounts/sign-in-rules.ts).
  signInLink: { name: 'sign-in-link', limit: 5, windowMs: 15 * 60 * 1000 },
  // "Send mig mit link igen" per client address, as the sign-in links; what one nomination
  // receives is capped separately and quietly (nominations/link-recovery-rules.ts).
  nominationLinkRecovery: { name: 'nomination-link-recovery', limit: 5, windowMs: 15 * 60 * 1000 },
};
