import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, inTransaction, queryRows } from '../db/database.js';
import { awardsUrls } from '../awards/urls.js';
import { enqueueMail, type NewMail } from '../mail/index.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { hashToken, looksLikeToken, newToken } from '../platform/tokens.js';
import { outreachTexts } from './i18n.js';
import { NOTIFIED_KEPT_MS, parseUnsubscribeToken, subscribeOutcome, UNCONFIRMED_KEPT_MS, unsubscribeToken } from './outreach-rules.js';
import { outreachUrls } from './urls.js';

// "Få besked, når der åbnes": a visitor's address, confirmed through an e-mailed link (double
// opt-in), told once when the award's next round opens. The rules are outreach-rules.ts's.

/** What links in the e-mails need: the absolute base and the server secret that keys unsubscribe links. */
export type LinkContext = { publicBaseUrl: string; secret: string };

/** An award as the sign-up page shows it: its name, and whether a round is open for nominations now. */
export type SignupAward = { id: number; slug: string; name: string; organisationId: number; organisationName: string; openNow: boolean };

/** The award of a slug with whether a round is open now, or null when there is no such award. */
export async function findSignupAward(db: Database, slug: string, now: Date): Promise<SignupAward | null> {
  const [row] = await queryRows<{ id: number; slug: string; name: string; organisation_id: number; organisation_name: string; open_now: boolean }>(
    db,
    sql`select a.id, a.slug, a.name, o.id as organisation_id, o.name as organisation_name,
               exists (select 1 from editions e where e.award_id = a.id and e.published_at is not null
                        and e.opens_at <= ${now.toISOString()}::timestamptz and e.closes_at > ${now.toISOString()}::timestamptz) as open_now
          from awards a join organisations o on o.id = a.organisation_id
         where a.slug = ${slug}`,
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    slug: row.slug,
    name: row.name,
    organisationId: Number(row.organisation_id),
    organisationName: row.organisation_name,
    openNow: Boolean(row.open_now),
  };
}

function unsubscribeLink(links: LinkContext, s: { id: number; email: string }): string {
  return `${links.publicBaseUrl.replace(/\/+$/, '')}${outreachUrls.unsubscribe({ token: unsubscribeToken(links.secret, s) })}`;
}

/** List-Unsubscribe (RFC 2369) with its one-click POST (RFC 8058): mail programs show an "Unsubscribe" button. */
function unsubscribeHeaders(link: string): NewMail['headers'] {
  return { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

type SubscriptionRow = {
  id: number;
  email: string;
  locale: Locale;
  confirmedAt: Date | null;
  notifiedAt: Date | null;
  confirmationsSent: number;
  confirmationsWindowAt: Date;
};

const rowOf = (r: Record<string, unknown>): SubscriptionRow => ({
  id: Number(r.id),
  email: String(r.email),
  locale: r.locale === 'en' ? 'en' : 'da',
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at as string) : null,
  notifiedAt: r.notified_at ? new Date(r.notified_at as string) : null,
  confirmationsSent: Number(r.confirmations_sent),
  confirmationsWindowAt: new Date(r.confirmations_window_at as string),
});

/**
 * A visitor asks to be told when the award's next round opens. The answer is the same whatever
 * is stored (the page never says whether the address is signed up); what happens follows
 * subscribeOutcome: a new address is stored unconfirmed and sent a confirmation link, one
 * waiting for confirmation gets a new link a few times a day, a confirmed one nothing.
 *
 * Side effects: an opening_subscriptions row inserted or its token replaced; an outbox row
 * (kind 'opening-confirm', with List-Unsubscribe) when a link is sent. Nothing is audited: the
 * row is the record of the consent, and the audit log is kept longer than the address may be.
 */
export async function subscribeToOpening(args: {
  db: Database;
  award: SignupAward;
  email: string;
  locale: Locale;
  now: Date;
  links: LinkContext;
}): Promise<{ sent: boolean }> {
  const { db, award, email, locale, now, links } = args;
  return inTransaction(db, async (tx) => {
    const [existing] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select id, email, locale, confirmed_at, notified_at, confirmations_sent, confirmations_window_at
            from opening_subscriptions where award_id = ${award.id} and lower(email) = lower(${email}) for update`,
    );
    const current = existing ? rowOf(existing) : null;
    const outcome = subscribeOutcome(current, now);
    if (outcome.action === 'nothing') return { sent: false };
    const token = newToken();
    let id: number;
    if (outcome.action === 'create') {
      // A fulfilled subscription makes way for the new one (one row per address and award).
      if (current) await tx.execute(sql`delete from opening_subscriptions where id = ${current.id}`);
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into opening_subscriptions (award_id, email, locale, confirm_token_hash, requested_at, confirmations_sent, confirmations_window_at)
            values (${award.id}, ${email}, ${locale}, ${hashToken(token)}, ${now.toISOString()}::timestamptz, 1, ${now.toISOString()}::timestamptz)
            on conflict do nothing returning id`,
      );
      // Another request for the same address won the race: it sends the link.
      if (!row) return { sent: false };
      id = Number(row.id);
    } else {
      await tx.execute(
        sql`update opening_subscriptions set confirm_token_hash = ${hashToken(token)}, locale = ${locale},
                   confirmations_sent = ${outcome.sent}, confirmations_window_at = ${outcome.windowAt.toISOString()}::timestamptz
             where id = ${current!.id}`,
      );
      id = current!.id;
    }
    const t = outreachTexts(locale);
    const base = links.publicBaseUrl.replace(/\/+$/, '');
    const unsubscribe = unsubscribeLink(links, { id, email });
    await enqueueMail(
      tx,
      {
        kind: 'opening-confirm',
        to: email,
        subject: t.confirmMail.subject(award.name),
        text: t.confirmMail.body(award.name, `${base}${outreachUrls.confirmSubscription({ token })}`, unsubscribe),
        headers: unsubscribeHeaders(unsubscribe),
        language: locale,
        organisationId: award.organisationId,
        about: `opening-subscription:${id}`,
      },
      now,
    );
    return { sent: true };
  });
}

/** A subscription waiting for (or past) confirmation, found by its confirmation link; null when the link is unknown. */
export async function findByConfirmToken(db: Database, token: string) {
  if (!looksLikeToken(token)) return null;
  const [row] = await queryRows<{ id: number; email: string; confirmed_at: Date | string | null; notified_at: Date | string | null; award_name: string }>(
    db,
    sql`select s.id, s.email, s.confirmed_at, s.notified_at, a.name as award_name
          from opening_subscriptions s join awards a on a.id = s.award_id
         where s.confirm_token_hash = ${hashToken(token)}`,
  );
  if (!row || row.notified_at) return null;
  return { id: Number(row.id), email: row.email, confirmed: row.confirmed_at !== null, awardName: row.award_name };
}

/**
 * The visitor follows the confirmation link and presses "Bekræft": the consent is recorded (the
 * instant and the words agreed to, in the page's language). Confirming twice changes nothing.
 * Refuses: 'not-found' (unknown or used-up link).
 */
export async function confirmOpeningSubscription(args: { db: Database; token: string; locale: Locale; now: Date }) {
  const found = await findByConfirmToken(args.db, args.token);
  if (!found) return { ok: false, reason: 'not-found' } as const;
  if (!found.confirmed) {
    await args.db.execute(
      sql`update opening_subscriptions set confirmed_at = ${args.now.toISOString()}::timestamptz,
                 consent_wording = ${outreachTexts(args.locale).consentWording(found.awardName)}
           where id = ${found.id} and confirmed_at is null`,
    );
  }
  return { ok: true, awardName: found.awardName } as const;
}

/** The subscription an unsubscribe link names, when the link's key is right; else null. */
async function subscriptionOfUnsubscribeToken(db: Database, secret: string, token: string) {
  const id = parseUnsubscribeToken(token);
  if (id === null) return null;
  const [row] = await queryRows<{ id: number; email: string }>(db, sql`select id, email from opening_subscriptions where id = ${id}`);
  if (!row) return null;
  const expected = Buffer.from(unsubscribeToken(secret, { id: Number(row.id), email: row.email }));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { id: Number(row.id) } : null;
}

/** Whether an unsubscribe link names a subscription that still exists (the page offers the button only then). */
export async function unsubscribeLinkWorks(db: Database, secret: string, token: string): Promise<boolean> {
  return (await subscriptionOfUnsubscribeToken(db, secret, token)) !== null;
}

/**
 * Unsubscribes: the row, and with it the address and the consent, is deleted. A link to a
 * subscription already gone changes nothing; the answer is the same, so a one-click POST from
 * a mail program (RFC 8058) always succeeds.
 */
export async function unsubscribeFromOpening(args: { db: Database; secret: string; token: string }): Promise<{ removed: boolean }> {
  const found = await subscriptionOfUnsubscribeToken(args.db, args.secret, args.token);
  if (!found) return { removed: false };
  await args.db.execute(sql`delete from opening_subscriptions where id = ${found.id}`);
  return { removed: true };
}

/**
 * Queues the opening e-mails that are due at `now`: every confirmed subscription not yet told,
 * of an award with a round that is published and open for nominations now, gets one e-mail
 * about that round (in the language the visitor used), with an unsubscribe link and the
 * List-Unsubscribe headers. The row is claimed and marked in the same transaction as the outbox
 * row (FOR UPDATE SKIP LOCKED, `notified_at`), so two processes never send it twice.
 *
 * Returns the number of e-mails queued. Side effects: notified_at and notified_edition_id set;
 * outbox rows (kind 'opening-notice').
 */
export async function enqueueOpeningNotices({ db, now, links }: { db: Database; now: Date; links: LinkContext }): Promise<number> {
  const base = links.publicBaseUrl.replace(/\/+$/, '');
  let queued = 0;
  for (;;) {
    const batch = await inTransaction(db, async (tx) => {
      const rows = await queryRows<{
        id: number;
        email: string;
        locale: string;
        edition_id: number;
        year: number;
        closes_at: Date | string;
        award_name: string;
        slug: string;
        organisation_id: number;
        organisation_name: string;
      }>(
        tx,
        sql`select s.id, s.email, s.locale, e.id as edition_id, e.year, e.closes_at, a.name as award_name, a.slug,
                   o.id as organisation_id, o.name as organisation_name
              from opening_subscriptions s
              join awards a on a.id = s.award_id
              join organisations o on o.id = a.organisation_id
              join lateral (
                select id, year, closes_at from editions e
                 where e.award_id = a.id and e.published_at is not null
                   and e.opens_at <= ${now.toISOString()}::timestamptz and e.closes_at > ${now.toISOString()}::timestamptz
                 order by e.opens_at desc limit 1
              ) e on true
             where s.confirmed_at is not null and s.notified_at is null
             order by s.id
             limit 200
             for update of s skip locked`,
      );
      for (const r of rows) {
        const locale: Locale = r.locale === 'en' ? 'en' : 'da';
        const t = outreachTexts(locale);
        const round = `${r.award_name} ${r.year}`;
        const unsubscribe = unsubscribeLink(links, { id: Number(r.id), email: r.email });
        await enqueueMail(
          tx,
          {
            kind: 'opening-notice',
            to: r.email,
            subject: t.openingMail.subject(round),
            text: t.openingMail.body(
              round,
              formatInstant(new Date(r.closes_at), locale),
              `${base}${awardsUrls.award({ slug: r.slug })}`,
              unsubscribe,
              r.organisation_name,
            ),
            headers: unsubscribeHeaders(unsubscribe),
            language: locale,
            organisationName: r.organisation_name,
            dedupeKey: `opening-notice:${r.id}:${r.edition_id}`,
            organisationId: Number(r.organisation_id),
            about: `opening-subscription:${r.id}`,
          },
          now,
        );
        await tx.execute(
          sql`update opening_subscriptions set notified_at = ${now.toISOString()}::timestamptz, notified_edition_id = ${r.edition_id} where id = ${r.id}`,
        );
      }
      return rows.length;
    });
    queued += batch;
    if (batch < 200) return queued;
  }
}

/**
 * Retention of the sign-ups: an address never confirmed is deleted 7 days after it was asked
 * for, a fulfilled one 30 days after its e-mail (the unsubscribe link in it answers till then).
 * Returns how many rows were deleted.
 */
export async function deleteExpiredOpeningSubscriptions(db: Database, now: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from opening_subscriptions
         where (confirmed_at is null and requested_at <= ${new Date(now.getTime() - UNCONFIRMED_KEPT_MS).toISOString()}::timestamptz)
            or (notified_at is not null and notified_at <= ${new Date(now.getTime() - NOTIFIED_KEPT_MS).toISOString()}::timestamptz)
         returning id`,
  );
  return rows.length;
}

/** A person's sign-ups (privacy's export): by address, for awards of the given organisations. */
export async function findOpeningSubscriptions(db: Database, email: string, organisationIds: readonly number[]) {
  if (organisationIds.length === 0) return [];
  const rows = await queryRows<{
    id: number;
    award: string;
    organisation_id: number;
    email: string;
    locale: string;
    requested_at: Date | string;
    confirmed_at: Date | string | null;
    consent_wording: string | null;
    notified_at: Date | string | null;
  }>(
    db,
    sql`select s.id, a.name as award, a.organisation_id, s.email, s.locale, s.requested_at, s.confirmed_at, s.consent_wording, s.notified_at
          from opening_subscriptions s join awards a on a.id = s.award_id
         where lower(s.email) = lower(${email}) and a.organisation_id in (${sql.join(
           organisationIds.map((id) => sql`${id}`),
           sql`, `,
         )})
         order by s.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    award: r.award,
    organisation_id: Number(r.organisation_id),
    email: r.email,
    locale: r.locale,
    requestedAt: new Date(r.requested_at).toISOString(),
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    consentWording: r.consent_wording,
    notifiedAt: r.notified_at ? new Date(r.notified_at).toISOString() : null,
  }));
}

/** Erases a person's sign-ups (privacy's erasure): deleted, for awards of the given organisations. Returns how many. */
export async function deleteOpeningSubscriptions(db: Database, email: string, organisationIds: readonly number[]): Promise<number> {
  if (organisationIds.length === 0) return 0;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from opening_subscriptions s using awards a
         where a.id = s.award_id and lower(s.email) = lower(${email})
           and a.organisation_id in (${sql.join(
             organisationIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         returning s.id`,
  );
  return rows.length;
}
