import { createHash } from 'node:crypto';
import { judgingSetupProblems, type JudgingSetupInput, type JudgingSetupProblem } from './review-settings.js';
import {
  PUBLISHED_TIMELINE_KEYS,
  REQUIRED_TIMELINE_KEYS,
  TIMELINE_KEYS,
  type TimelineInput,
  type TimelineKey,
  type TimelineProblem,
  timelineProblems,
  type YearProblem,
  yearProblem,
} from './timeline-rules.js';
import { type DeleteRefusal, deleteRefusal, type PublishProblem, publishProblems, type UnpublishRefusal, unpublishRefusal } from './publishing.js';

export {
  PUBLISHED_TIMELINE_KEYS,
  REQUIRED_TIMELINE_KEYS,
  TIMELINE_KEYS,
  type TimelineInput,
  type TimelineKey,
  type TimelineProblem,
  timelineProblems,
  yearProblem,
};
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../platform/audit.js';
import { type Database, inTransaction } from '../db/database.js';
import { findEditionById, findEditionsOfAward } from './awards.repo.js';
import { messageRenderer, type OutgoingMessage } from '../messages/index.js';
import { addYearsInCopenhagen, formatInstant, type Locale } from '../platform/time.js';
import { isEmail } from '../platform/fields.js';
import { setupTexts } from './i18n.js';
import {
  addOrganisationAdmin,
  copyLists,
  editionYearTaken,
  findAward,
  findAwardsWithEditions,
  findConcernedPeople,
  findLists,
  hasAnyNomination,
  deleteEditionRow,
  findOrganisation,
  firstSentAt,
  hasReviewScores,
  insertAward,
  insertEditionRow,
  insertOrganisation,
  lockAward,
  lockEdition,
  lockOrganisation,
  replaceList,
  slugsLike,
  updateAwardRow,
  updateEditionRow,
  updateOrganisationRow,
  type AwardRow,
  type EditionRow,
  type NewEdition,
  type OrganisationRow,
} from './setup.repo.js';
import { committeeSeats, criteria, formSections } from '../db/schema.js';

// Setting up organisations, awards and editions: the rules (timeline order, the form locked
// once a nomination has been sent, next year's round) and their side effects (audit events,
// e-mails about moved dates), each in one transaction with the change. The routes parse the
// forms (setup-form.ts); the API can call the same functions.

export type OrganisationInput = {
  name: string;
  websiteUrl: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  privacyUrl: string | null;
  dpoEmail: string | null;
  accessibilityUrl: string | null;
  /** "#rrggbb" (brand.ts). */
  brandColour: string | null;
  markLetters: string | null;
};

export type AwardInput = {
  name: string;
  summary: string;
  description: string;
  establishedYear: number;
  eligibility: string | null;
  /** English texts; null: English pages show the Danish ones. Absent (older API callers' bodies): null. */
  summaryEn?: string | null;
  descriptionEn?: string | null;
  eligibilityEn?: string | null;
  contactName: string | null;
  contactTitle: string | null;
  contactUnit: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
};

export type EditionInput = {
  year: number;
  theme: string | null;
  themeDescription: string | null;
  /** English texts; null: English pages show the Danish ones. */
  themeEn?: string | null;
  themeDescriptionEn?: string | null;
  prizePurposeEn?: string | null;
  prizeExtrasEn?: string | null;
  timeline: TimelineInput;
  eventName: string | null;
  eventPlace: string | null;
  nomineeCountMin: number | null;
  nomineeCountMax: number | null;
  prizeAmountKr: number | null;
  prizePurpose: string | null;
  prizeExtras: string | null;
  /** Absent: left as it is. */
  prizeNotCash?: boolean;
  filmUrl: string | null;
  hasPatientPanel: boolean;
  asksOrigin: boolean;
  /** The committee's review (review-settings.ts); an absent field is left as it is. */
  reviewClosesAt?: Date | null;
  blindReview?: boolean;
  scoreScaleMin?: number;
  scoreScaleMax?: number;
  /** One label per step of the scale, lowest first; null: the default labels. */
  scoreLabels?: string[] | null;
};

/** The English texts are optional: null (or absent, from an older API caller) shows the Danish ones on English pages. */
export type CriterionInput = { id: number | null; title: string; description: string; titleEn?: string | null; descriptionEn?: string | null };
export type FormSectionInput = {
  id: number | null;
  heading: string;
  help: string;
  headingEn?: string | null;
  helpEn?: string | null;
  wordLimit: number | null;
  required: boolean;
};
export type CommitteeSeatInput = { id: number | null; name: string | null; partyLetter: string | null; represents: string | null; isChair: boolean };

export type EditionProblem =
  | { field: 'nomineeCountMax'; code: 'min-above-max' }
  | { field: 'year'; code: 'taken' }
  /** The round's year is not the year its winner is announced (or, without that date, the year nominations close or the one after). */
  | YearProblem
  | { field: 'asksOrigin'; code: 'form-locked' }
  /** The patient panel has started voting (editions.voting_locked_at): its dates and the panel itself are fixed. */
  | { field: 'votingOpensAt' | 'votingClosesAt' | 'hasPatientPanel'; code: 'voting-locked'; since: Date }
  | JudgingSetupProblem;

/** Rules of an edition's fields besides the timeline order (pure), with the judging settings' rules. */
export function editionProblems(input: Pick<EditionInput, 'nomineeCountMin' | 'nomineeCountMax'> & JudgingSetupInput): EditionProblem[] {
  const { nomineeCountMin: min, nomineeCountMax: max } = input;
  const out: EditionProblem[] = min !== null && max !== null && min > max ? [{ field: 'nomineeCountMax', code: 'min-above-max' }] : [];
  return [...out, ...judgingSetupProblems(input)];
}

/**
 * The year rule (timeline-rules.ts yearProblem) on a save: always for a new round; for a saved
 * one only when its year or the dates the rule reads change, so a round saved before the rule
 * existed can still have other fields corrected.
 */
function yearProblemOnSave(input: Pick<EditionInput, 'year' | 'timeline'>, before: EditionRow | null): YearProblem[] {
  const changed =
    before === null ||
    input.year !== before.year ||
    input.timeline.winnerAnnouncedAt?.getTime() !== before.winnerAnnouncedAt?.getTime() ||
    input.timeline.closesAt?.getTime() !== before.closesAt?.getTime();
  const p = changed ? yearProblem(input.year, input.timeline) : null;
  return p ? [p] : [];
}

/** "initiativprisen" from "Initiativprisen"; "aarets-borgerinddragende-initiativ" from "Årets Borgerinddragende Initiativ". */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s || 'pris';
}

/**
 * Inserts with the first free slug made from `name` ("initiativprisen", "initiativprisen-2", …).
 * A slug taken by a concurrent request between the look-up and the insert is skipped.
 */
async function withFreeSlug<R>(db: Database, table: 'organisations' | 'awards', name: string, insert: (slug: string) => Promise<R | null>): Promise<R> {
  const base = slugify(name);
  const tried = new Set<string>();
  for (;;) {
    const taken = await slugsLike(db, table, base);
    let slug = base;
    for (let n = 2; taken.has(slug) || tried.has(slug); n++) slug = `${base}-${n}`;
    tried.add(slug);
    const row = await insert(slug);
    if (row) return row;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function organisationSnapshot(o: OrganisationRow) {
  return {
    name: o.name,
    slug: o.slug,
    websiteUrl: o.websiteUrl,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone,
    privacyUrl: o.privacyUrl,
    dpoEmail: o.dpoEmail,
    accessibilityUrl: o.accessibilityUrl,
    brandColour: o.brandColour,
    markLetters: o.markLetters,
  };
}

function awardSnapshot(a: AwardRow) {
  return {
    name: a.name,
    slug: a.slug,
    summary: a.summary,
    description: a.description,
    establishedYear: a.establishedYear,
    eligibility: a.eligibility,
    summaryEn: a.summaryEn,
    descriptionEn: a.descriptionEn,
    eligibilityEn: a.eligibilityEn,
    contactName: a.contactName,
    contactTitle: a.contactTitle,
    contactUnit: a.contactUnit,
    contactPhone: a.contactPhone,
    contactEmail: a.contactEmail,
  };
}

/** An edition's own fields as the audit log keeps them (instants as ISO 8601 in UTC). */
export function editionSnapshot(e: EditionRow) {
  return {
    year: e.year,
    theme: e.theme,
    themeDescription: e.themeDescription,
    themeEn: e.themeEn,
    themeDescriptionEn: e.themeDescriptionEn,
    opensAt: iso(e.opensAt),
    closesAt: iso(e.closesAt),
    reviewStartsAt: iso(e.reviewStartsAt),
    nomineesPublishedAt: iso(e.nomineesPublishedAt),
    votingOpensAt: iso(e.votingOpensAt),
    votingClosesAt: iso(e.votingClosesAt),
    winnerAnnouncedAt: iso(e.winnerAnnouncedAt),
    archivedAt: iso(e.archivedAt),
    eventName: e.eventName,
    eventPlace: e.eventPlace,
    nomineeCountMin: e.nomineeCountMin,
    nomineeCountMax: e.nomineeCountMax,
    prizeAmountKr: e.prizeAmountKr,
    prizePurpose: e.prizePurpose,
    prizeExtras: e.prizeExtras,
    prizePurposeEn: e.prizePurposeEn,
    prizeExtrasEn: e.prizeExtrasEn,
    prizeNotCash: e.prizeNotCash,
    filmUrl: e.filmUrl,
    hasPatientPanel: e.hasPatientPanel,
    asksOrigin: e.asksOrigin,
    reviewClosesAt: iso(e.reviewClosesAt),
    blindReview: e.blindReview,
    scoreScaleMin: e.scoreScaleMin,
    scoreScaleMax: e.scoreScaleMax,
    scoreLabels: e.scoreLabels,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type AuditEntry = Parameters<typeof recordAudit>[1];

/**
 * Records an update in the audit log when it changed anything: a save with the same values
 * leaves no event, so the log reads as what actually changed.
 */
async function recordChange(tx: Database, entry: AuditEntry & { before: unknown; after: unknown }, now: Date): Promise<void> {
  if (!same(entry.before, entry.after)) await recordAudit(tx, entry, now);
}

// ---------------------------------------------------------------------------------------
// Organisations

/**
 * Creates an organisation and makes `actor` its administrator (there is no super-administrator:
 * any administrator may start a new organisation). The slug is made from the name.
 * Side effects: audit events 'organisation.create' and 'organisation.admin-add'.
 */
export async function createOrganisation(args: { db: Database; actor: Actor & { kind: 'user' }; input: OrganisationInput; now: Date }) {
  return inTransaction(args.db, async (tx) => {
    const row = await withFreeSlug(tx, 'organisations', args.input.name, (slug) => insertOrganisation(tx, { slug, ...args.input, createdAt: args.now }));
    await addOrganisationAdmin(tx, row.id, args.actor.user.id);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        after: organisationSnapshot(row),
      },
      args.now,
    );
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'organisation.admin-add',
        entityType: 'user',
        entityId: args.actor.user.id,
        organisationId: row.id,
        after: { userId: args.actor.user.id, email: args.actor.user.email, name: args.actor.user.name },
      },
      args.now,
    );
    return { ok: true as const, organisation: row };
  });
}

/**
 * One audited change of a row: lock it, write the new values, and audit the change when
 * anything changed. Refuses: 'not-found' (no such row). Side effect: audit `action`.
 */
async function updateAudited<Row extends { id: number }>(
  args: { db: Database; actor: Actor; now: Date },
  change: {
    lock: (tx: Database) => Promise<Row | null>;
    write: (tx: Database, row: Row) => Promise<Row>;
    snapshot: (row: Row) => unknown;
    action: string;
    entityType: string;
    organisationOf: (row: Row) => number;
  },
) {
  return inTransaction(args.db, async (tx) => {
    const before = await change.lock(tx);
    if (!before) return { ok: false as const, reason: 'not-found' as const };
    const after = await change.write(tx, before);
    const { action, entityType } = change;
    const entry = { actor: args.actor, action, entityType, entityId: before.id, organisationId: change.organisationOf(before) };
    await recordChange(tx, { ...entry, before: change.snapshot(before), after: change.snapshot(after) }, args.now);
    return { ok: true as const, row: after };
  });
}

/** Changes an organisation's name and contact details. Refuses: 'not-found'. Side effect: audit 'organisation.update' (when anything changed). */
export async function updateOrganisation(args: { db: Database; actor: Actor; organisationId: number; input: OrganisationInput; now: Date }) {
  const r = await updateAudited(args, {
    lock: (tx) => lockOrganisation(tx, args.organisationId),
    write: (tx, o) => updateOrganisationRow(tx, o.id, args.input),
    snapshot: organisationSnapshot,
    action: 'organisation.update',
    entityType: 'organisation',
    organisationOf: (o) => o.id,
  });
  return r.ok ? { ok: true as const, organisation: r.row } : r;
}

/** The organisation page: its details, awards and their editions. */
export async function getOrganisationSetup(db: Database, organisationId: number) {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) return null;
  const { awards, editions } = await findAwardsWithEditions(db, organisationId);
  return { organisation, awards: awards.map((a) => ({ award: a, editions: editions.filter((e) => e.awardId === a.id) })) };
}

// ---------------------------------------------------------------------------------------
// Awards

/** Creates an award in an organisation; the slug (its public address) is made from the name. Side effect: audit 'award.create'. */
export async function createAward(args: { db: Database; actor: Actor; organisationId: number; input: AwardInput; now: Date }) {
  return inTransaction(args.db, async (tx) => {
    const org = await lockOrganisation(tx, args.organisationId);
    if (!org) return { ok: false as const, reason: 'not-found' as const };
    const row = await withFreeSlug(tx, 'awards', args.input.name, (slug) =>
      insertAward(tx, { organisationId: org.id, slug, ...args.input, createdAt: args.now }),
    );
    await recordAudit(
      tx,
      { actor: args.actor, action: 'award.create', entityType: 'award', entityId: row.id, organisationId: org.id, after: awardSnapshot(row) },
      args.now,
    );
    return { ok: true as const, award: row };
  });
}

/** Changes an award's texts and contact person (not its address). Refuses: 'not-found'. Side effect: audit 'award.update' (when anything changed). */
export async function updateAward(args: { db: Database; actor: Actor; awardId: number; input: AwardInput; now: Date }) {
  const r = await updateAudited(args, {
    lock: (tx) => lockAward(tx, args.awardId),
    write: (tx, a) => updateAwardRow(tx, a.id, args.input),
    snapshot: awardSnapshot,
    action: 'award.update',
    entityType: 'award',
    organisationOf: (a) => a.organisationId,
  });
  return r.ok ? { ok: true as const, award: r.row } : r;
}

/** The award page: the award, its organisation and its editions (newest first). */
export async function getAwardSetup(db: Database, awardId: number) {
  const found = await findAward(db, awardId);
  if (!found) return null;
  return { ...found, editions: await findEditionsOfAward(db, awardId) };
}

// ---------------------------------------------------------------------------------------
// Editions

function editionValues(input: EditionInput): Omit<NewEdition, 'awardId'> {
  const { timeline, ...rest } = input;
  return { ...rest, ...timeline };
}

export type EditionSaveResult =
  | { ok: true; edition: EditionRow; notified: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; timeline: TimelineProblem[]; edition: EditionProblem[] };

/** Creates an edition (without criteria or form: those are added on their own pages). Side effect: audit 'edition.create'. */
export async function createEdition(args: { db: Database; actor: Actor; awardId: number; input: EditionInput; now: Date }): Promise<EditionSaveResult> {
  return inTransaction(args.db, async (tx) => {
    const award = await lockAward(tx, args.awardId);
    if (!award) return { ok: false, reason: 'not-found' };
    const editionIssues: EditionProblem[] = [...yearProblemOnSave(args.input, null), ...editionProblems(args.input)];
    if (await editionYearTaken(tx, award.id, args.input.year)) editionIssues.push({ field: 'year', code: 'taken' });
    const timeline = timelineProblems(args.input.timeline);
    if (timeline.length || editionIssues.length) return { ok: false, reason: 'invalid', timeline, edition: editionIssues };
    const row = await insertEditionRow(tx, { awardId: award.id, ...editionValues(args.input), createdAt: args.now });
    if (!row) return { ok: false, reason: 'invalid', timeline: [], edition: [{ field: 'year', code: 'taken' }] };
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'edition.create',
        entityType: 'edition',
        entityId: row.id,
        organisationId: award.organisationId,
        editionId: row.id,
        after: editionSnapshot(row),
      },
      args.now,
    );
    return { ok: true, edition: row, notified: 0 };
  });
}

export type MailContext = { baseUrl: string };

export type TimelineChange = { key: TimelineKey; before: Date; after: Date };

/** The published dates that moved (a date added to or removed from a timeline is not a move). */
export function publishedDateChanges(before: EditionRow, after: EditionRow): TimelineChange[] {
  const out: TimelineChange[] = [];
  for (const key of PUBLISHED_TIMELINE_KEYS) {
    const b = before[key];
    const a = after[key];
    if (b && a && b.getTime() !== a.getTime()) out.push({ key, before: b, after: a });
  }
  return out;
}

type Concern = 'nominator-draft' | 'nominator-sent' | 'committee' | 'panel';

/**
 * The e-mail about moved dates, to one address: the round's template (src/messages) of the kind
 * that fits, with what moved, from when to when (awards/i18n.ts `dateChangeMail`), and why this
 * person is told (`concerns`). Someone with a draft is reminded to send it while the deadline is
 * ahead ('date-changed-draft'), and told it can no longer be sent once it has passed
 * ('date-changed-draft-expired'); everybody else gets 'date-changed'. In the person's language.
 */
export function timelineChangeMail(a: {
  to: string;
  name: string;
  eventName: string | null;
  changes: TimelineChange[];
  concerns: Concern[];
  /** The deadline for nominations after the change, and the instant of the change. */
  closesAt: Date | null;
  now: Date;
  dedupeKey: string;
  locale?: Locale;
}): OutgoingMessage<'date-changed' | 'date-changed-draft' | 'date-changed-draft-expired'> {
  const locale = a.locale ?? 'da';
  const m = setupTexts(locale).dateChangeMail;
  const lines = a.changes.map((c) => {
    const label = c.key === 'winnerAnnouncedAt' && a.eventName ? `${m.dates[c.key]} (${a.eventName})` : m.dates[c.key];
    return m.line(label, formatInstant(c.after, locale), formatInstant(c.before, locale));
  });
  const hasDraft = a.concerns.includes('nominator-draft');
  const deadlineAhead = a.closesAt !== null && a.closesAt > a.now;
  return {
    kind: !hasDraft ? 'date-changed' : deadlineAhead ? 'date-changed-draft' : 'date-changed-draft-expired',
    to: a.to,
    language: locale,
    values: { recipient: a.name, changes: lines.join('\n'), because: m.because(a.concerns.map((c) => m.concern[c])) },
    dedupeKey: a.dedupeKey,
  };
}

/** Queues one e-mail per concerned address (case-insensitively deduplicated); returns how many. */
async function notifyTimelineChange(
  tx: Database,
  args: { edition: EditionRow; award: AwardRow; organisation: OrganisationRow; changes: TimelineChange[]; now: Date; mail: MailContext },
): Promise<number> {
  const people = await findConcernedPeople(tx, args.edition.id);
  const byAddress = new Map<string, { to: string; name: string; concerns: Set<Concern>; language: Locale | null }>();
  const add = (email: string, name: string, concern: Concern, language: Locale | null) => {
    const to = email.trim();
    if (!isEmail(to)) return; // a draft without an address yet
    const key = to.toLowerCase();
    const entry = byAddress.get(key) ?? { to, name: name.trim(), concerns: new Set<Concern>(), language };
    if (!entry.name && name.trim()) entry.name = name.trim();
    entry.language ??= language;
    entry.concerns.add(concern);
    byAddress.set(key, entry);
  };
  for (const n of people.nominators) add(n.email, n.name, n.status === 'draft' ? 'nominator-draft' : 'nominator-sent', n.language);
  for (const m of people.members) add(m.email, m.name, m.role, m.language);
  // The same change is never queued twice for one address, a later change always is.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([args.now.toISOString(), args.changes.map((c) => [c.key, c.before.toISOString(), c.after.toISOString()])]))
    .digest('hex')
    .slice(0, 16);
  const order: Concern[] = ['nominator-sent', 'nominator-draft', 'committee', 'panel'];
  const messages = (await messageRenderer(tx, args.edition.id, args.mail.baseUrl))!;
  for (const [key, p] of byAddress) {
    await messages.queue(
      tx,
      timelineChangeMail({
        to: p.to,
        name: p.name,
        eventName: args.edition.eventName,
        changes: args.changes,
        concerns: order.filter((c) => p.concerns.has(c)),
        closesAt: args.edition.closesAt,
        now: args.now,
        dedupeKey: `timeline-change:${args.edition.id}:${fingerprint}:${key}`,
        locale: p.language ?? 'da',
      }),
      args.now,
    );
  }
  return byAddress.size;
}

/**
 * Saves an edition's fields and timeline. Refuses with 'invalid' (timeline out of order, min
 * above max, the year taken, "asks where the solution came from" changed after a nomination
 * was sent) and 'not-found'.
 *
 * Side effects, in one transaction: audit 'edition.update' (before/after, when anything
 * changed); when a published date moved (opens, closes, nominees published, winner
 * announced — the event), audit 'edition.timeline-change' with the old and new dates and one
 * e-mail to each nominator with a draft or sent nomination and each committee and panel member.
 */
export async function updateEdition(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  input: EditionInput;
  now: Date;
  mail: MailContext;
}): Promise<EditionSaveResult> {
  return inTransaction(args.db, async (tx) => {
    const before = await lockEdition(tx, args.editionId);
    if (!before) return { ok: false, reason: 'not-found' };
    const found = (await findEditionById(tx, before.id))!;
    const editionIssues: EditionProblem[] = [...yearProblemOnSave(args.input, before), ...editionProblems(args.input)];
    if (args.input.year !== before.year) {
      // Creating a round locks the award: a new year here and there cannot cross.
      await lockAward(tx, before.awardId);
      if (await editionYearTaken(tx, before.awardId, args.input.year, before.id)) editionIssues.push({ field: 'year', code: 'taken' });
    }
    if (args.input.asksOrigin !== before.asksOrigin && (await firstSentAt(tx, before.id))) editionIssues.push({ field: 'asksOrigin', code: 'form-locked' });
    if (before.votingLockedAt) {
      // The first ballot locked the voting rules (panel/ballot.service.ts): the deadline and the method stay.
      const since = before.votingLockedAt;
      for (const k of ['votingOpensAt', 'votingClosesAt'] as const) {
        if ((args.input.timeline[k]?.getTime() ?? null) !== (before[k]?.getTime() ?? null)) editionIssues.push({ field: k, code: 'voting-locked', since });
      }
      if (args.input.hasPatientPanel !== before.hasPatientPanel) editionIssues.push({ field: 'hasPatientPanel', code: 'voting-locked', since });
    }
    // Scores given on one scale cannot be read on another.
    const scaleChanged =
      (args.input.scoreScaleMin ?? before.scoreScaleMin) !== before.scoreScaleMin ||
      (args.input.scoreScaleMax ?? before.scoreScaleMax) !== before.scoreScaleMax;
    if (scaleChanged && (await hasReviewScores(tx, before.id))) editionIssues.push({ field: 'scoreScaleMin', code: 'scale-locked' });
    const timeline = timelineProblems(args.input.timeline);
    if (timeline.length || editionIssues.length) return { ok: false, reason: 'invalid', timeline, edition: editionIssues };

    const after = await updateEditionRow(tx, before.id, editionValues(args.input));
    const base = { actor: args.actor, entityType: 'edition', entityId: before.id, organisationId: found.organisation.id, editionId: before.id };
    await recordChange(tx, { ...base, action: 'edition.update', before: editionSnapshot(before), after: editionSnapshot(after) }, args.now);
    const changes = publishedDateChanges(before, after);
    let notified = 0;
    if (changes.length) {
      await recordAudit(
        tx,
        {
          ...base,
          action: 'edition.timeline-change',
          before: Object.fromEntries(changes.map((c) => [c.key, c.before.toISOString()])),
          after: Object.fromEntries(changes.map((c) => [c.key, c.after.toISOString()])),
        },
        args.now,
      );
      notified = await notifyTimelineChange(tx, {
        edition: after,
        award: found.award,
        organisation: found.organisation,
        changes,
        now: args.now,
        mail: args.mail,
      });
    }
    return { ok: true, edition: after, notified };
  });
}

/** An edition with its lists and whether its form is locked (the first sent nomination, or null). */
export async function getEditionSetup(db: Database, editionId: number) {
  const found = await findEditionById(db, editionId);
  if (!found) return null;
  const [lists, lockedSince] = await Promise.all([findLists(db, editionId), firstSentAt(db, editionId)]);
  return { ...found, ...lists, lockedSince };
}

export type EditionSetup = NonNullable<Awaited<ReturnType<typeof getEditionSetup>>>;

export type ListSaveResult = { ok: true } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'form-locked'; since: Date };

type ListKind = 'criteria' | 'form-sections' | 'committee';
const LIST_TABLES = { criteria, 'form-sections': formSections, committee: committeeSeats } as const;

/**
 * Replaces one of an edition's ordered lists (criteria, form sections, committee seats) with
 * `items` in their order. Criteria and form sections are refused with 'form-locked' once a
 * nomination has been sent: nominators wrote against them. Items keep their ids, so a draft's
 * answers stay with their section. Side effect: audit '<list>.update' with both lists.
 */
export async function saveEditionList<K extends ListKind>(args: {
  db: Database;
  actor: Actor;
  editionId: number;
  kind: K;
  items: K extends 'criteria' ? CriterionInput[] : K extends 'form-sections' ? FormSectionInput[] : CommitteeSeatInput[];
  now: Date;
}): Promise<ListSaveResult> {
  return inTransaction(args.db, async (tx) => {
    const edition = await lockEdition(tx, args.editionId);
    if (!edition) return { ok: false, reason: 'not-found' };
    if (args.kind !== 'committee') {
      const since = await firstSentAt(tx, edition.id);
      if (since) return { ok: false, reason: 'form-locked', since };
    }
    const found = (await findEditionById(tx, edition.id))!;
    const lists = await findLists(tx, edition.id);
    const current = args.kind === 'criteria' ? lists.criteria : args.kind === 'form-sections' ? lists.formSections : lists.committee;
    const known = new Set(current.map((r) => r.id));
    // An id that is not one of this edition's rows (a stale or forged form) becomes a new row.
    const items = args.items.map((i) => ({ ...i, id: i.id !== null && known.has(i.id) ? i.id : null }));
    await replaceList(tx, LIST_TABLES[args.kind], edition.id, items);
    const strip = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'editionId' && k !== 'position')));
    const beforeList = strip(current);
    const afterList = strip(
      (await findLists(tx, edition.id))[args.kind === 'criteria' ? 'criteria' : args.kind === 'form-sections' ? 'formSections' : 'committee'],
    );
    await recordChange(
      tx,
      {
        actor: args.actor,
        action: `${args.kind === 'criteria' ? 'criteria' : args.kind === 'form-sections' ? 'form' : 'committee'}.update`,
        entityType: 'edition',
        entityId: edition.id,
        organisationId: found.organisation.id,
        editionId: edition.id,
        before: beforeList,
        after: afterList,
      },
      args.now,
    );
    return { ok: true };
  });
}

export type NextYearResult = { ok: true; edition: EditionRow } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'year-taken'; year: number };

/**
 * "Opret næste års runde": copies an edition with its criteria, form sections and committee
 * seats to the next year, every date moved one year on at the same local (Copenhagen) time,
 * so 26 September 2024 12.00 becomes 26 September 2025 12.00 whatever summer time does. The
 * film link is about the year's winner and is not copied. Refused when the year exists.
 * Side effect: audit 'edition.create' with `copiedFrom`.
 */
export async function createNextYearEdition(args: { db: Database; actor: Actor | 'system'; editionId: number; now: Date }): Promise<NextYearResult> {
  return inTransaction(args.db, async (tx) => {
    const source = await lockEdition(tx, args.editionId);
    if (!source) return { ok: false, reason: 'not-found' };
    const award = (await lockAward(tx, source.awardId))!;
    const year = source.year + 1;
    if (await editionYearTaken(tx, award.id, year)) return { ok: false, reason: 'year-taken', year };
    const move = (d: Date | null) => (d ? addYearsInCopenhagen(d, 1) : null);
    const row = await insertEditionRow(tx, {
      awardId: award.id,
      year,
      // Each year has its own theme: a copied one would go public as this year's by mistake.
      theme: null,
      themeDescription: null,
      opensAt: move(source.opensAt),
      closesAt: move(source.closesAt),
      reviewStartsAt: move(source.reviewStartsAt),
      nomineesPublishedAt: move(source.nomineesPublishedAt),
      votingOpensAt: move(source.votingOpensAt),
      votingClosesAt: move(source.votingClosesAt),
      winnerAnnouncedAt: move(source.winnerAnnouncedAt),
      archivedAt: move(source.archivedAt),
      eventName: source.eventName?.replace(String(source.year), String(year)) ?? null,
      eventPlace: source.eventPlace,
      nomineeCountMin: source.nomineeCountMin,
      nomineeCountMax: source.nomineeCountMax,
      prizeAmountKr: source.prizeAmountKr,
      prizePurpose: source.prizePurpose,
      prizeExtras: source.prizeExtras,
      prizePurposeEn: source.prizePurposeEn,
      prizeExtrasEn: source.prizeExtrasEn,
      prizeNotCash: source.prizeNotCash,
      filmUrl: null,
      hasPatientPanel: source.hasPatientPanel,
      asksOrigin: source.asksOrigin,
      reviewClosesAt: move(source.reviewClosesAt),
      blindReview: source.blindReview,
      scoreScaleMin: source.scoreScaleMin,
      scoreScaleMax: source.scoreScaleMax,
      scoreLabels: source.scoreLabels,
      createdAt: args.now,
    });
    if (!row) return { ok: false, reason: 'year-taken', year };
    const copied = await copyLists(tx, source.id, row.id);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'edition.create',
        entityType: 'edition',
        entityId: row.id,
        organisationId: award.organisationId,
        editionId: row.id,
        after: {
          ...editionSnapshot(row),
          copiedFrom: source.year,
          criteriaCopied: copied.criteria,
          formSectionsCopied: copied.formSections,
          committeeSeatsCopied: copied.committee,
        },
      },
      args.now,
    );
    return { ok: true, edition: row };
  });
}

// ---------------------------------------------------------------------------------------
// Draft, publish, delete (publishing.ts holds the rules)

export type PublishResult =
  | { ok: true; edition: EditionRow }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'not-ready'; problems: PublishProblem[] };

/**
 * One change of a round's publication state, the skeleton shared by publishing, back to draft
 * and deleting: lock the round, ask its rule (`refusal`, null when allowed), audit `action` with
 * what `audit` says of the round before the change, then make the change (`apply`), all in one
 * transaction. The audit entry is written before the change so that a deleted round's entry is
 * written while the round still exists; in one transaction the order shows nowhere else.
 * Refuses: 'not-found' (no such round), or what `refusal` returns. Side effect: audit `action`.
 */
async function changeRoundState<Refused extends { ok: false }, Done>(
  args: { db: Database; actor: Actor; editionId: number; now: Date },
  change: {
    action: 'edition.publish' | 'edition.unpublish' | 'edition.delete';
    refusal: (tx: Database, round: EditionRow) => Promise<Refused | null>;
    audit: (round: EditionRow) => { before?: unknown; after?: unknown };
    apply: (tx: Database, round: EditionRow) => Promise<Done>;
  },
): Promise<{ ok: true; done: Done } | { ok: false; reason: 'not-found' } | Refused> {
  return inTransaction(args.db, async (tx) => {
    const before = await lockEdition(tx, args.editionId);
    if (!before) return { ok: false as const, reason: 'not-found' as const };
    const refused = await change.refusal(tx, before);
    if (refused) return refused;
    const found = (await findEditionById(tx, before.id))!;
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: change.action,
        entityType: 'edition',
        entityId: before.id,
        organisationId: found.organisation.id,
        editionId: before.id,
        ...change.audit(before),
      },
      args.now,
    );
    return { ok: true as const, done: await change.apply(tx, before) };
  });
}

/**
 * Publishes a draft round: from now on it is on the front page, the award page, the archive,
 * the feeds and the API, and it takes nominations when its window opens.
 * Refuses: 'not-found'; 'not-ready' with every problem of publishProblems (already published,
 * theme, criteria, sections, year, an opening in the past that was not confirmed).
 * Side effects: editions.published_at; audit 'edition.publish'.
 */
export async function publishEdition(args: { db: Database; actor: Actor; editionId: number; confirmPastOpening: boolean; now: Date }): Promise<PublishResult> {
  const r = await changeRoundState(args, {
    action: 'edition.publish',
    refusal: async (tx, round) => {
      const lists = await findLists(tx, round.id);
      const problems = publishProblems(round, { criteria: lists.criteria.length, sections: lists.formSections.length }, args.now, args.confirmPastOpening);
      return problems.length ? { ok: false as const, reason: 'not-ready' as const, problems } : null;
    },
    audit: (round) => {
      const pastOpening = round.opensAt !== null && round.opensAt.getTime() <= args.now.getTime();
      return { after: { publishedAt: args.now.toISOString(), ...(pastOpening ? { confirmedPastOpening: round.opensAt!.toISOString() } : {}) } };
    },
    apply: (tx, round) => updateEditionRow(tx, round.id, { publishedAt: args.now }),
  });
  return r.ok ? { ok: true, edition: r.done } : r;
}

export type UnpublishResult =
  | { ok: true; edition: EditionRow }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'refused'; refusal: UnpublishRefusal };

/**
 * Takes a published round back to draft, before it opens.
 * Refuses: 'not-found'; 'refused' (not published, already open, or history without dates).
 * Side effects: editions.published_at cleared; audit 'edition.unpublish'.
 */
export async function unpublishEdition(args: { db: Database; actor: Actor; editionId: number; now: Date }): Promise<UnpublishResult> {
  const r = await changeRoundState(args, {
    action: 'edition.unpublish',
    refusal: async (_tx, round) => {
      const refusal = unpublishRefusal(round, args.now);
      return refusal ? { ok: false as const, reason: 'refused' as const, refusal } : null;
    },
    audit: (round) => ({ before: { publishedAt: round.publishedAt!.toISOString() } }),
    apply: (tx, round) => updateEditionRow(tx, round.id, { publishedAt: null }),
  });
  return r.ok ? { ok: true, edition: r.done } : r;
}

export type DeleteEditionResult = { ok: true; awardId: number } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'refused'; refusal: DeleteRefusal };

/**
 * Deletes a draft round that never received a nomination, with its criteria, form, committee
 * seats and memberships. The audit log keeps what it was.
 * Refuses: 'not-found'; 'refused' (published, or it has nominations).
 * Side effects: the edition row and its lists deleted; audit 'edition.delete' with the round's fields.
 */
export async function deleteDraftEdition(args: { db: Database; actor: Actor; editionId: number; now: Date }): Promise<DeleteEditionResult> {
  const r = await changeRoundState(args, {
    action: 'edition.delete',
    refusal: async (tx, round) => {
      const refusal = deleteRefusal(round, await hasAnyNomination(tx, round.id));
      return refusal ? { ok: false as const, reason: 'refused' as const, refusal } : null;
    },
    audit: (round) => ({ before: editionSnapshot(round) }),
    apply: async (tx, round) => {
      await deleteEditionRow(tx, round.id);
      return round.awardId;
    },
  });
  return r.ok ? { ok: true, awardId: r.done } : r;
}
