import { and, asc, eq, getTableColumns, or, sql } from 'drizzle-orm';
import { preparedStatement, queryRows, runPrepared, type Database } from '../db/database.js';
import { OUTBOX_INSERT_COLUMNS, outboxInsertValues, type NewMail } from '../mail/index.js';
import { rateLimitHitSql, rateLimitHitValues, rateLimitOutcome, type RateLimitRule } from '../platform/rate-limit.js';
import { awards, criteria, editions, formSections, nominationLinkRecoveries, nominations, organisations } from '../db/schema.js';
import type { NominationFields } from './form.js';

// SQL only. Rules live in nomination.service.ts.

export type NominationRow = typeof nominations.$inferSelect;

/** The form's fields as columns (also a working copy applied on sending): an unanswered choice is null in the database. */
export function fieldColumns(f: NominationFields) {
  return { ...f, nominatorIsCitizen: f.nominatorIsCitizen || null, nomineeKind: f.nomineeKind || null };
}

export async function findEditionWithForm(db: Database, editionId: number) {
  const [found] = await db
    .select({ edition: editions, award: awards, organisation: organisations })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(editions.id, editionId))
    .limit(1);
  if (!found) return null;
  const [sections, crit] = await Promise.all([
    db.select().from(formSections).where(eq(formSections.editionId, editionId)).orderBy(asc(formSections.position)),
    db.select().from(criteria).where(eq(criteria.editionId, editionId)).orderBy(asc(criteria.position)),
  ]);
  return { ...found, sections, criteria: crit };
}

/**
 * Locks the edition row against a change of its form (FOR KEY SHARE: many senders at once do
 * not wait for each other, but a save of the criteria or form sections, which locks the row FOR
 * UPDATE, waits for them, and they for it) and returns a fingerprint of what a nomination is
 * checked against: the sections' ids, word limits and required flags, the criteria's ids and
 * whether the origin is asked. Null when the edition does not exist.
 */
export async function lockEditionForm(db: Database, editionId: number): Promise<string | null> {
  const [locked] = await queryRows<{ id: number }>(db, sql`select id from editions where id = ${editionId} for key share`);
  if (!locked) return null;
  // A second statement: under READ COMMITTED it reads a snapshot taken after the lock was
  // granted, so it sees a form saved by the transaction the lock waited for.
  const [row] = await queryRows<{ fingerprint: string }>(db, sql`select ${sql.raw(FORM_FINGERPRINT)} as fingerprint from editions e where e.id = ${editionId}`);
  return row?.fingerprint ?? null;
}

/** The fingerprint of the form of edition `e` (see lockEditionForm; formFingerprint makes the same of a form read earlier). */
const FORM_FINGERPRINT = `e.asks_origin::text
  || '|' || coalesce((select string_agg(fs.id || ':' || coalesce(fs.word_limit, 0) || ':' || fs.required::text, ',' order by fs.position)
                        from form_sections fs where fs.edition_id = e.id), '')
  || '|' || coalesce((select string_agg(c.id::text, ',' order by c.position) from criteria c where c.edition_id = e.id), '')`;

// ---------------------------------------------------------------------------------------
// Submitting a complete nomination (the API, submitNomination): one statement, autocommit, run
// as a prepared statement (decision 0013). It locks the edition (FOR SHARE) only if its stamp is
// the one the caller's cached round was read under, answers the idempotency key, draws the
// receipt number and writes the sent row and both e-mails; it commits as it ends, so the receipt
// counter's row is locked only while PostgreSQL runs it, never across a round trip to the app.

// The nominator's pages (access.ts) and their saves run these two on every step: prepared
// statements, as the sending ones, since building them with Drizzle cost a third of a step's CPU.
const WITH_STAMP = preparedStatement(
  'nominations.with-stamp',
  `select n.*, e.stamp as edition_stamp from nominations n join editions e on e.id = n.edition_id where n.id = $1::int`,
);

/**
 * A nomination with the current stamp of its edition (editions.stamp, renewed by triggers on
 * every change of the round: migration edition_stamp), in one statement: the nominator's pages
 * (access.ts) then take the edition from edition-cache.ts while the stamp is the same.
 */
export async function findNominationWithStamp(db: Database, id: number): Promise<{ nomination: NominationRow; stamp: number } | null> {
  const [row] = await runPrepared<Record<string, unknown> & { edition_stamp: string | number }>(db, WITH_STAMP, [id]);
  return row ? { nomination: nominationOf(row), stamp: Number(row.edition_stamp) } : null;
}

/** The nomination an earlier request with the same idempotency key made. */
export type EarlierSubmit = { id: number; status: NominationRow['status']; receiptNumber: string | null; sentAt: Date | null; fingerprint: string | null };

/**
 * An e-mail the submit statement queues: the values of OUTBOX_INSERT_COLUMNS (outboxInsertValues)
 * but the dedupe key and `about`, which name the new row. No HTML part: the worker makes it at
 * delivery from the text, the subject, `language` and `organisationName` (src/mail outbox.ts).
 */
export type SubmitMail = {
  kind: string;
  to: string;
  subject: string;
  text: string;
  language: 'da' | 'en';
  organisationName: string | null;
  organisationId: number | null;
};

/**
 * A nomination's 16 fields as statement parameters, in the order both sending statements
 * (SUBMIT, SEND_ROW) number them: nominator, nominee, solution, origin, answers.
 */
function fieldParams(fields: NominationFields): unknown[] {
  const f = fieldColumns(fields);
  return [
    f.nominatorName,
    f.nominatorEmail,
    f.nominatorIsCitizen,
    f.nominatorWorkplace,
    f.nomineeKind,
    f.nomineeNames,
    f.nomineeUnit,
    f.nomineeOrganisation,
    f.nomineeEmail,
    f.title,
    f.summary,
    JSON.stringify(f.criterionIds),
    f.originOrganisation,
    f.originDescription,
    f.originUrl,
    JSON.stringify(f.answers),
  ];
}

// `hit`: the request counted against its rate limit ($38 its key, null when it was counted
// already; $40 the limit), in this statement so that it costs no round trip of its own; a request
// over the limit writes nothing else (`locked` is empty), and a statement that fails counts nothing.
// `locked`: the edition, locked FOR SHARE only when its stamp is $25. Under READ COMMITTED a row
// lock waits for a transaction that changed the row and then re-reads its newest version
// (EvalPlanQual), testing the stamp on that version; FOR SHARE conflicts with every UPDATE of the
// row, and every change of the round updates the row (the stamp's triggers), so a change committed
// after this statement's snapshot is seen here, and none can commit until this statement has. The
// counter's row is locked and re-read by its upsert in the same way. The idempotency key is
// answered by its unique index: when a nomination has the key, committed before or while this
// statement runs, the INSERT fails on nominations_idempotency_uq, which rolls the whole statement
// back, the drawn receipt number with it; the caller then reads that nomination. The receipt
// number replaces `placeholder` ($32) in the receipt's subject and text: it is drawn here, after
// the e-mails were rendered. Each e-mail's HTML part is made at delivery from its text ($30 and
// $37 the languages, $41 the organisation's name: src/mail outbox.ts OUTBOX_INSERT_COLUMNS). The dedupe keys and `about` are receiptMail's and nomineeNoticeMail's
// ('receipt:<id>:<version>', 'nominee-notice:<id>', 'nomination:<id>').
const SUBMIT = preparedStatement(
  'nominations.submit',
  `with hit as (
     ${rateLimitHitSql('$38', '$21', '$39')}
   ), locked as (
     select e.id from editions e
      where e.id = $1::int and e.stamp = $25::bigint and coalesce((select h.count from hit h), 0) <= $40::int
        for share
   ), counter as (
     insert into receipt_counters (edition_id, last_number)
     select locked.id, 1 from locked
     on conflict (edition_id) do update set last_number = receipt_counters.last_number + 1
     returning last_number
   ), sent as (
     insert into nominations (edition_id, status, receipt_number, access_token_hash, version, sent_version,
                              nominator_name, nominator_email, nominator_is_citizen, nominator_workplace,
                              nominee_kind, nominee_names, nominee_unit, nominee_organisation, nominee_email,
                              title, summary, criterion_ids, origin_organisation, origin_description, origin_url, answers,
                              idempotency_key, idempotency_fingerprint, created_at, updated_at, first_sent_at, sent_at,
                              language, nominee_consent_token_hash)
     select $1::int, 'sent', $24::text || lpad(counter.last_number::text, greatest(4, length(counter.last_number::text)), '0'), $2::text, 2, 2,
            $3::text, $4::text, $5::text, $6::text,
            $7::text, $8::text, $9::text, $10::text, $11::text,
            $12::text, $13::text, ($14::text)::jsonb, $15::text, $16::text, $17::text, ($18::text)::jsonb,
            $19::text, $20::text, $21::timestamptz, $21::timestamptz, $21::timestamptz, $21::timestamptz,
            coalesce($22::text, 'da'), $23::text
       from counter
     returning id, version, receipt_number
   ), receipt as (
     insert into outbox_messages (${OUTBOX_INSERT_COLUMNS})
     select $26::text, 'receipt:' || sent.id || ':' || sent.version, $27::text,
            replace($28::text, $32::text, sent.receipt_number), replace($29::text, $32::text, sent.receipt_number), $30::text, $41::text,
            $31::int, 'nomination:' || sent.id, $21::timestamptz, $21::timestamptz, 'pending', 0
       from sent where $27::text <> ''
     on conflict do nothing
   ), notice as (
     insert into outbox_messages (${OUTBOX_INSERT_COLUMNS})
     select $33::text, 'nominee-notice:' || sent.id, $34::text, $35::text, $36::text, $37::text, $41::text,
            $31::int, 'nomination:' || sent.id, $21::timestamptz, $21::timestamptz, 'pending', 0
       from sent where $34::text <> ''
     on conflict do nothing
   )
   select exists (select 1 from locked) as current, s.id, s.receipt_number, h.count as hit_count, h.window_start as hit_window_start
     from (select 1) one left join sent s on true left join hit h on true`,
);

const STAMP_AND_EARLIER = preparedStatement(
  'nominations.stamp-and-earlier',
  `select e.stamp, n.id, n.status, n.receipt_number, n.sent_at, n.idempotency_fingerprint
     from editions e left join nominations n on n.edition_id = e.id and n.idempotency_key = $2::text
    where e.id = $1::int`,
);

/**
 * The edition's current stamp and the nomination an earlier request with `idempotencyKey` made,
 * if any: what a submit refused by a cached round checks before it answers (a round changed since
 * it was cached is read again; a retry is answered with its nomination). Null when the edition is gone.
 */
export async function stampAndEarlier(
  db: Database,
  editionId: number,
  idempotencyKey: string | null,
): Promise<{ stamp: number; earlier: EarlierSubmit | null } | null> {
  const [row] = await runPrepared<{
    stamp: string | number;
    id: number | null;
    status: NominationRow['status'] | null;
    receipt_number: string | null;
    sent_at: Date | null;
    idempotency_fingerprint: string | null;
  }>(db, STAMP_AND_EARLIER, [editionId, idempotencyKey]);
  if (!row) return null;
  return {
    stamp: Number(row.stamp),
    earlier:
      row.id === null
        ? null
        : { id: row.id, status: row.status!, receiptNumber: row.receipt_number, sentAt: row.sent_at, fingerprint: row.idempotency_fingerprint },
  };
}

export type SubmitSentResult =
  | { ok: true; id: number; receiptNumber: string }
  /** The edition's stamp is not `stamp` (or the edition is gone): nothing written; read the round again. */
  | { ok: false; reason: 'stale' }
  /** A nomination has the idempotency key (made before or while this statement ran): nothing written, the hit not counted; read it. */
  | { ok: false; reason: 'taken' }
  /** Over the rate limit (the hit is counted): nothing else written. */
  | { ok: false; reason: 'too-many'; retryAfterSeconds: number };

/**
 * Submits a complete nomination in one statement (SUBMIT): if the edition's stamp is `stamp`
 * (the round the caller checked the nomination against), and no nomination has the idempotency
 * key (the unique index answers that), draws the edition's next receipt number and inserts the nomination as sent (version 2: a
 * draft at 1, sent once) with its receipt e-mail and, when it has an address, the nominee's notice.
 */
export async function submitSentNomination(
  db: Database,
  v: {
    editionId: number;
    stamp: number;
    accessTokenHash: string;
    fields: NominationFields;
    idempotencyKey: string | null;
    idempotencyFingerprint: string;
    now: Date;
    language: 'da' | 'en' | null;
    consentTokenHash: string | null;
    /** The receipt number but its running number, e.g. 'ABI-2027-'. */
    receiptPrefix: string;
    receipt: SubmitMail | null;
    notice: SubmitMail | null;
    /** Where the receipt's subject and bodies hold the receipt number. */
    placeholder: string;
    /** The hit to count against a rate limit at `now`, or null when it was counted already. */
    hit: { rule: RateLimitRule; subject: string } | null;
  },
): Promise<SubmitSentResult> {
  const r = v.receipt;
  const n = v.notice;
  const [hitKey, , hitWindowStartsBefore] = v.hit ? rateLimitHitValues(v.hit.rule, v.hit.subject, v.now) : [null, null, null];
  let rows: { current: boolean; id: number | null; receipt_number: string | null; hit_count: number | null; hit_window_start: Date | null }[];
  try {
    rows = await runPrepared(db, SUBMIT, [
      v.editionId,
      v.accessTokenHash,
      ...fieldParams(v.fields),
      v.idempotencyKey,
      v.idempotencyFingerprint,
      v.now.toISOString(),
      v.language,
      v.consentTokenHash,
      v.receiptPrefix,
      v.stamp,
      r?.kind ?? '',
      r?.to ?? '',
      r?.subject ?? '',
      r?.text ?? '',
      r?.language ?? 'da',
      r?.organisationId ?? n?.organisationId ?? null,
      v.placeholder,
      n?.kind ?? '',
      n?.to ?? '',
      n?.subject ?? '',
      n?.text ?? '',
      n?.language ?? 'da',
      // The hit's key and window ($38, $39; its "now" is the nomination's, $21) and the limit ($40).
      hitKey,
      hitWindowStartsBefore,
      v.hit?.rule.limit ?? 0,
      // The organisation's name on top of both e-mails' HTML part ($41).
      r?.organisationName ?? n?.organisationName ?? null,
    ]);
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'nominations_idempotency_uq') return { ok: false, reason: 'taken' };
    throw err;
  }
  const row = rows[0]!;
  if (v.hit && row.hit_count !== null) {
    const limited = rateLimitOutcome(v.hit.rule, v.now, { count: row.hit_count, window_start: row.hit_window_start! });
    if (!limited.allowed) return { ok: false, reason: 'too-many', retryAfterSeconds: limited.retryAfterSeconds };
  }
  if (!row.current || row.id === null) return { ok: false, reason: 'stale' };
  return { ok: true, id: row.id, receiptNumber: row.receipt_number! };
}

export async function findEditionIdByAwardYear(db: Database, slug: string, year: number): Promise<number | null> {
  const [row] = await db
    .select({ id: editions.id })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(and(eq(awards.slug, slug), eq(editions.year, year)))
    .limit(1);
  return row?.id ?? null;
}

export async function insertDraft(
  db: Database,
  v: { editionId: number; accessTokenHash: string; fields: NominationFields; now: Date; language?: 'da' | 'en' },
) {
  const [row] = await db
    .insert(nominations)
    .values({
      editionId: v.editionId,
      accessTokenHash: v.accessTokenHash,
      ...fieldColumns(v.fields),
      ...(v.language ? { language: v.language } : {}),
      createdAt: v.now,
      updatedAt: v.now,
    })
    .returning();
  return row!;
}

export async function findNominationById(db: Database, id: number): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id)).limit(1);
  return row ?? null;
}

/** The row, locked until the transaction ends, so two sends of one nomination queue up. */
export async function lockNomination(db: Database, id: number): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id)).for('update').limit(1);
  return row ?? null;
}

/** The nomination whose private link (or the latest reminder's link, src/outreach) has this hash. */
export async function findNominationByAccessHash(db: Database, hash: string): Promise<NominationRow | null> {
  const [row] = await db
    .select()
    .from(nominations)
    .where(or(eq(nominations.accessTokenHash, hash), eq(nominations.reminderTokenHash, hash)))
    .limit(1);
  return row ?? null;
}

export async function findNominationByConsentHash(db: Database, hash: string): Promise<NominationRow | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.nomineeConsentTokenHash, hash)).limit(1);
  return row ?? null;
}

export async function findNominationByIdempotencyKey(db: Database, editionId: number, key: string): Promise<NominationRow | null> {
  const [row] = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.editionId, editionId), eq(nominations.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

// The fields ($3–$18, in fieldParams' order) written over a draft's, or a sent nomination's
// changes kept as its working copy ($3): only while the row is at the expected version ($2).
const UPDATE_FIELDS = preparedStatement(
  'nominations.update-fields',
  `update nominations set
     nominator_name = $3::text, nominator_email = $4::text, nominator_is_citizen = $5::text, nominator_workplace = $6::text,
     nominee_kind = $7::text, nominee_names = $8::text, nominee_unit = $9::text, nominee_organisation = $10::text, nominee_email = $11::text,
     title = $12::text, summary = $13::text, criterion_ids = ($14::text)::jsonb, origin_organisation = $15::text,
     origin_description = $16::text, origin_url = $17::text, answers = ($18::text)::jsonb,
     updated_at = $19::timestamptz, language = coalesce($20::text, language), version = version + 1
   where id = $1::int and version = $2::int
   returning *`,
);
const UPDATE_WORKING_COPY = preparedStatement(
  'nominations.update-working-copy',
  `update nominations set working_copy = ($3::text)::jsonb, working_copy_saved_at = $4::timestamptz,
     language = coalesce($5::text, language), version = version + 1
   where id = $1::int and version = $2::int
   returning *`,
);

/**
 * Saves fields if the row is still at `expectedVersion`; null when someone saved in between.
 * `asWorkingCopy` (a sent nomination): into the working copy, leaving the sent version and its
 * `updated_at` (which screening compares with) as they are.
 */
export async function updateFields(
  db: Database,
  id: number,
  fields: NominationFields,
  expectedVersion: number,
  now: Date,
  asWorkingCopy = false,
  language?: 'da' | 'en',
) {
  const [row] = asWorkingCopy
    ? await runPrepared<Record<string, unknown>>(db, UPDATE_WORKING_COPY, [id, expectedVersion, JSON.stringify(fields), now.toISOString(), language ?? null])
    : await runPrepared<Record<string, unknown>>(db, UPDATE_FIELDS, [id, expectedVersion, ...fieldParams(fields), now.toISOString(), language ?? null]);
  return row ? nominationOf(row) : null;
}

export async function updateNomination(db: Database, id: number, values: Partial<typeof nominations.$inferInsert>) {
  const [row] = await db.update(nominations).set(values).where(eq(nominations.id, id)).returning();
  return row!;
}

/** Draft and sent nominations whose nominator wrote `email` (any case), with the number of working recovery links of each at `now`. */
export async function findNominationsForRecovery(db: Database, email: string, now: Date) {
  return queryRows<{ id: number; edition_id: number; working: number }>(
    db,
    sql`select n.id, n.edition_id,
               (select count(*)::int from nomination_link_recoveries r
                 where r.nomination_id = n.id and r.used_at is null and r.expires_at > ${now.toISOString()}::timestamptz) as working
          from nominations n
         where lower(n.nominator_email) = lower(${email}) and n.status in ('draft', 'sent')
         order by n.id`,
  );
}

export async function insertLinkRecovery(db: Database, v: { nominationId: number; tokenHash: string; now: Date; expiresAt: Date }) {
  await db.insert(nominationLinkRecoveries).values({ nominationId: v.nominationId, tokenHash: v.tokenHash, createdAt: v.now, expiresAt: v.expiresAt });
}

/** A recovery link by its token's hash, locked until the transaction ends (two clicks use it once), with its nomination's status. */
export async function lockLinkRecovery(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      id: nominationLinkRecoveries.id,
      nominationId: nominationLinkRecoveries.nominationId,
      usedAt: nominationLinkRecoveries.usedAt,
      expiresAt: nominationLinkRecoveries.expiresAt,
      nominationStatus: nominations.status,
      title: nominations.title,
    })
    .from(nominationLinkRecoveries)
    .innerJoin(nominations, eq(nominations.id, nominationLinkRecoveries.nominationId))
    .where(eq(nominationLinkRecoveries.tokenHash, tokenHash))
    .for('update', { of: nominationLinkRecoveries })
    .limit(1);
  return row ?? null;
}

export async function markLinkRecoveryUsed(db: Database, id: number, now: Date) {
  await db.update(nominationLinkRecoveries).set({ usedAt: now }).where(eq(nominationLinkRecoveries.id, id));
}

// ---------------------------------------------------------------------------------------
// Sending a nomination from its pages (sendNomination): BEGIN, two statements, COMMIT.

/**
 * The nomination locked until the transaction ends (FOR UPDATE: two sends of one nomination
 * queue up), its edition locked against any change of the round (FOR SHARE: senders do not wait
 * for each other; every change of the round updates the edition's row, which waits for them), the
 * edition's stamp (edition-cache.ts) and the names of its attachments (the
 * receipt lists them), in one statement. The subqueries name the outer row's columns in plain SQL:
 * in a select list Drizzle writes a column unqualified ("id"), which inside a subquery would mean
 * the subquery's own column.
 */
export async function lockNominationForSend(db: Database, id: number) {
  const [row] = await db
    .select({
      nomination: nominations,
      // Read from the locked row: a change of the round committed after this statement's snapshot
      // updated that row (the stamp's triggers), and the lock re-reads its newest version.
      stamp: sql<number>`(select e.stamp from editions e where e.id = nominations.edition_id for share)`.mapWith(Number),
      // The files as they will be once sent: files attached or deleted after sending wait as
      // pending changes (decision 0011), which sendNominationRow applies in its statement.
      attachments: sql<
        string[]
      >`(select coalesce(json_agg(f.file_name order by f.id), '[]'::json) from nomination_attachments f where f.nomination_id = nominations.id and f.pending_change is distinct from 'removed')`,
      attachmentChanges: sql<boolean>`exists (select 1 from nomination_attachments f where f.nomination_id = nominations.id and f.pending_change is not null)`,
    })
    .from(nominations)
    .where(eq(nominations.id, id))
    .for('update', { of: nominations })
    .limit(1);
  return row ?? null;
}

const NOMINATION_COLUMNS = Object.entries(getTableColumns(nominations));

/** A row of `nominations` read by raw SQL (`returning *`) as Drizzle maps it. */
function nominationOf(raw: Record<string, unknown>): NominationRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of NOMINATION_COLUMNS) {
    const v = raw[column.name];
    out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return out as NominationRow;
}

// The fields as the nominator sees them (the working copy applied) written to the row, which
// becomes sent; on the first send ($5) the receipt number is drawn (gap-free: the counter's row
// stays locked until the transaction ends) once the form's fingerprint, read now, is found equal
// to $6. Then the receipt and, when it has an address, the nominee's notice: their dedupe keys
// name the new version; $35 in the receipt's subject and text is where the drawn number goes
// (the HTML part is made at delivery from them: src/mail outbox.ts OUTBOX_INSERT_COLUMNS). Last, the
// files' pending changes are applied (deleted ones go, with their stored bytes by the delete
// trigger; attached ones become sent), only when the row was written.
const SEND_ROW = preparedStatement(
  'nominations.send-row',
  `with form as (
     select (not $5::boolean or (${FORM_FINGERPRINT}) = $6::text) as same from editions e where e.id = $1::int
   ), counter as (
     insert into receipt_counters (edition_id, last_number)
     select $1::int, 1 from form where form.same and $5::boolean
     on conflict (edition_id) do update set last_number = receipt_counters.last_number + 1
     returning last_number
   ), sent as (
     update nominations set
       nominator_name = $8::text, nominator_email = $9::text, nominator_is_citizen = $10::text, nominator_workplace = $11::text,
       nominee_kind = $12::text, nominee_names = $13::text, nominee_unit = $14::text, nominee_organisation = $15::text, nominee_email = $16::text,
       title = $17::text, summary = $18::text, criterion_ids = ($19::text)::jsonb, origin_organisation = $20::text,
       origin_description = $21::text, origin_url = $22::text, answers = ($23::text)::jsonb,
       working_copy = null,
       working_copy_saved_at = case when nominations.working_copy is null then nominations.working_copy_saved_at else null end,
       status = 'sent',
       receipt_number = case when $5::boolean
                             then $7::text || lpad(counter.last_number::text, greatest(4, length(counter.last_number::text)), '0')
                             else nominations.receipt_number end,
       sent_at = $4::timestamptz, updated_at = $4::timestamptz, first_sent_at = coalesce(nominations.first_sent_at, $4::timestamptz),
       version = nominations.version + 1, sent_version = nominations.version + 1,
       nominee_consent_token_hash = coalesce($24::text, nominations.nominee_consent_token_hash),
       language = coalesce($25::text, nominations.language)
     from form left join counter on true
     where nominations.id = $2::int and nominations.version = $3::int and form.same and (not $5::boolean or counter.last_number is not null)
     returning nominations.*
   ), receipt as (
     insert into outbox_messages (${OUTBOX_INSERT_COLUMNS})
     select $26::text, $27::text, $28::text, replace($29::text, $35::text, sent.receipt_number), replace($30::text, $35::text, sent.receipt_number),
            $31::text, $32::text, $33::int, $34::text, $4::timestamptz, $4::timestamptz, 'pending', 0
       from sent where $28::text <> ''
     on conflict do nothing
   ), notice as (
     insert into outbox_messages (${OUTBOX_INSERT_COLUMNS})
     select $36::text, $37::text, $38::text, $39::text, $40::text, $41::text, $42::text, $43::int, $44::text, $4::timestamptz, $4::timestamptz, 'pending', 0
       from sent where $38::text <> ''
     on conflict do nothing
   ), files_removed as (
     delete from nomination_attachments where nomination_id = $2::int and pending_change = 'removed' and exists (select 1 from sent)
   ), files_added as (
     update nomination_attachments set pending_change = null where nomination_id = $2::int and pending_change = 'added' and exists (select 1 from sent)
   )
   select form.same as form_same, sent.* from form left join sent on true`,
);

export type SendRowResult = { ok: true; nomination: NominationRow } | { ok: false; reason: 'form-changed' | 'not-found' };

/**
 * The second statement of a send: the row at `expectedVersion` written as sent with `fields`
 * (a new receipt number on the first send), with its receipt and nominee notice in the outbox,
 * in one round trip. 'form-changed': on a first send, the form saved now differs from the one
 * checked (nothing written).
 */
export async function sendNominationRow(
  db: Database,
  v: {
    editionId: number;
    id: number;
    expectedVersion: number;
    now: Date;
    firstSend: boolean;
    formFingerprint: string;
    receiptPrefix: string;
    fields: NominationFields;
    consentTokenHash: string | null;
    language: 'da' | 'en' | null;
    receipt: NewMail | null;
    notice: NewMail | null;
    /** Where the receipt's texts hold the receipt number when it is drawn by the statement. */
    placeholder: string;
  },
): Promise<SendRowResult> {
  // Each mail's values of OUTBOX_INSERT_COLUMNS up to `about` (kind … about: 9).
  const mail = (m: NewMail | null) => (m ? outboxInsertValues(m, v.now).slice(0, 9) : ['', null, '', '', '', 'da', null, null, null]);
  const [row] = await runPrepared<Record<string, unknown> & { form_same: boolean }>(db, SEND_ROW, [
    v.editionId,
    v.id,
    v.expectedVersion,
    v.now.toISOString(),
    v.firstSend,
    v.formFingerprint,
    v.receiptPrefix,
    ...fieldParams(v.fields),
    v.consentTokenHash,
    v.language,
    ...mail(v.receipt),
    v.placeholder,
    ...mail(v.notice),
  ]);
  if (!row) return { ok: false, reason: 'not-found' };
  if (!row.form_same) return { ok: false, reason: 'form-changed' };
  if (row.id === null || row.id === undefined) return { ok: false, reason: 'not-found' };
  return { ok: true, nomination: nominationOf(row) };
}
