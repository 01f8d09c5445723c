import { type Database, inTransaction } from '../db/database.js';
import { enqueueMail, type NewMail } from '../mail/index.js';
import { recordAudit, type AuditActor } from '../platform/audit.js';
import { formatInstant, type Locale } from '../platform/time.js';
import { awardsUrls } from '../awards/urls.js';
import { defaultTemplate, OUTBOX_KIND, type MessageKind, type PlaceholderOf, type Template } from './catalogue.js';
import { messagesTexts } from './i18n.js';
import {
  claimStageRow,
  deleteScheduleRow,
  deleteTemplateRow,
  findEditionFacts,
  findScheduleRow,
  hasStageRow,
  listTemplateRows,
  recordStageCount,
  upsertScheduleRow,
  upsertTemplateRow,
  type EditionFacts,
} from './messages.repo.js';
import { fillSubject, fillTemplate } from './render.js';
import { checkTemplate, type TemplateProblem } from './template-rules.js';

/** The values a sender gives for one recipient: the kind's own placeholders and the recipient's name. */
export type MessageValues<K extends MessageKind> = Partial<Record<PlaceholderOf<K>, string>>;

export type RenderedMessage = { subject: string; text: string };

/** One e-mail to queue: whom, in which language, with which values, and its outbox key. */
export type OutgoingMessage<K extends MessageKind> = {
  kind: K;
  to: string;
  language: Locale;
  values: MessageValues<K>;
  /** Never queued twice: the outbox skips a key it holds. */
  dedupeKey: string;
  /** The record whose people the e-mail names, e.g. 'nomination:42' (see mail.schema.ts). */
  about?: string;
};

/** The values of a round every e-mail may use, in a language. Dates not set come out empty. */
export function editionValues(f: EditionFacts, language: Locale, baseUrl: string): Record<string, string> {
  const at = (d: Date | null) => (d ? formatInstant(d, language) : '');
  const winnerDate = at(f.winnerAnnouncedAt);
  return {
    edition: `${f.awardName} ${f.year}`,
    award: f.awardName,
    year: String(f.year),
    organisation: f.organisationName,
    opens: at(f.opensAt),
    deadline: at(f.closesAt),
    'review-starts': at(f.reviewStartsAt ?? f.closesAt),
    'review-deadline': at(f.reviewClosesAt ?? f.nomineesPublishedAt),
    'nominees-date': at(f.nomineesPublishedAt),
    'voting-opens': at(f.votingOpensAt),
    'voting-deadline': at(f.votingClosesAt),
    'winner-date': winnerDate,
    event: f.eventName ?? '',
    'winner-when': winnerDate && f.eventName ? messagesTexts(language).value.at(winnerDate, f.eventName) : winnerDate,
    'award-page': `${baseUrl.replace(/\/+$/, '')}${awardsUrls.edition({ slug: f.awardSlug, year: f.year })}`,
  };
}

/**
 * The e-mails of one round, ready to fill: its facts and its own templates read once, so a
 * stage that writes to every nominee or member costs two queries, not two per e-mail.
 */
export type MessageRenderer = {
  facts: EditionFacts;
  render<K extends MessageKind>(kind: K, language: Locale, values: MessageValues<K>): RenderedMessage;
  /** Renders and queues one e-mail in the outbox (in the caller's transaction); an empty address is skipped. */
  queue<K extends MessageKind>(db: Database, message: OutgoingMessage<K>, now: Date): Promise<void>;
  /** The outbox mail `queue` would write, rendered but not queued (for a caller that writes it in its own statement); null for an empty address. */
  mailOf<K extends MessageKind>(message: OutgoingMessage<K>): NewMail | null;
};

/** The template a round uses for a kind and language: its own, else the default. */
function templateFrom(rows: Map<string, Template>, kind: MessageKind, language: Locale): Template {
  return rows.get(`${kind}:${language}`) ?? defaultTemplate(kind, language);
}

/** Fills a template with a round's values and a recipient's. */
export function renderTemplate(
  t: Template,
  facts: EditionFacts,
  language: Locale,
  baseUrl: string,
  values: Record<string, string | undefined>,
): RenderedMessage {
  return fillWith(t, { ...editionValues(facts, language, baseUrl), ...values });
}

function fillWith(t: Template, all: Record<string, string | undefined>): RenderedMessage {
  return { subject: fillSubject(t.subject, all), text: fillTemplate(t.body, all) };
}

/** The renderer of a round's e-mails; null when the round does not exist. `baseUrl` makes every link absolute. */
export async function messageRenderer(db: Database, editionId: number, baseUrl: string): Promise<MessageRenderer | null> {
  const [facts, rows] = await Promise.all([findEditionFacts(db, editionId), listTemplateRows(db, editionId)]);
  if (!facts) return null;
  const own = new Map(rows.map((r) => [`${r.kind}:${r.language}`, { subject: r.subject, body: r.body }]));
  // The round's values (its dates written out, among them) are the same for every e-mail of the
  // renderer in a language: made once, as a renderer may be kept between requests (nominations' edition cache).
  const roundValues = new Map<Locale, Record<string, string>>();
  const render = <K extends MessageKind>(kind: K, language: Locale, values: MessageValues<K>) => {
    let round = roundValues.get(language);
    if (!round) {
      round = editionValues(facts, language, baseUrl);
      roundValues.set(language, round);
    }
    return fillWith(templateFrom(own, kind, language), { ...round, ...(values as Record<string, string | undefined>) });
  };
  const mailOf = <K extends MessageKind>(m: OutgoingMessage<K>): NewMail | null => {
    if (m.to.trim() === '') return null;
    const { subject, text } = render(m.kind, m.language, m.values);
    return {
      kind: OUTBOX_KIND[m.kind] ?? m.kind,
      to: m.to.trim(),
      subject,
      text,
      language: m.language,
      organisationId: facts.organisationId,
      organisationName: facts.organisationName,
      dedupeKey: m.dedupeKey,
      ...(m.about ? { about: m.about } : {}),
    };
  };
  return {
    facts,
    render,
    mailOf,
    async queue(tx, m, now) {
      const mail = mailOf(m);
      if (mail) await enqueueMail(tx, mail, now);
    },
  };
}

/**
 * Takes one stage of a round for sending (e.g. 'scoring-opens'): true only the first time, so
 * two app processes never send a stage twice. Call it in the transaction that queues the
 * e-mails, and `recordStageMails` with their number after.
 */
export const claimStage = claimStageRow;
export const recordStageMails = recordStageCount;
export const stageSent = hasStageRow;

// ---------------------------------------------------------------------------------------
// Administration of a round's templates.

export type TemplateView = { kind: MessageKind; language: Locale; template: Template; own: boolean; updatedAt: Date | null };

/** A round's template of a kind and language as the edit page shows it. */
export async function loadTemplate(db: Database, editionId: number, kind: MessageKind, language: Locale): Promise<TemplateView> {
  const rows = await listTemplateRows(db, editionId);
  const row = rows.find((r) => r.kind === kind && r.language === language);
  return row
    ? { kind, language, template: { subject: row.subject, body: row.body }, own: true, updatedAt: row.updatedAt }
    : { kind, language, template: defaultTemplate(kind, language), own: false, updatedAt: null };
}

/** Which kinds and languages a round has its own wording of. */
export async function ownTemplateKeys(db: Database, editionId: number): Promise<Set<string>> {
  return new Set((await listTemplateRows(db, editionId)).map((r) => `${r.kind}:${r.language}`));
}

export type SaveTemplateResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: 'invalid'; problems: TemplateProblem[] }
  | { ok: false; reason: 'not-found' };

/**
 * Saves a round's wording of one e-mail in one language.
 *
 * Refuses: 'invalid' with the problems of `checkTemplate` (empty, too long, an unknown or
 * unclosed placeholder, each with its line and column); 'not-found' (no such round).
 *
 * Side effects, in one transaction: the message_templates row written (a text equal to the
 * default is stored too: the round then keeps it when the default changes); an audit event
 * 'message-template.update' with the old and new subject and body. Nothing when nothing changed.
 */
export async function saveTemplate(args: {
  db: Database;
  actor: AuditActor;
  editionId: number;
  kind: MessageKind;
  language: Locale;
  template: Template;
  now: Date;
}): Promise<SaveTemplateResult> {
  const checked = checkTemplate(args.kind, args.template);
  if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems };
  return inTransaction(args.db, async (tx) => {
    const facts = await findEditionFacts(tx, args.editionId);
    if (!facts) return { ok: false, reason: 'not-found' } as const;
    const before = await loadTemplate(tx, args.editionId, args.kind, args.language);
    if (before.own && before.template.subject === args.template.subject && before.template.body === args.template.body)
      return { ok: true, changed: false } as const;
    await upsertTemplateRow(tx, {
      editionId: args.editionId,
      kind: args.kind,
      language: args.language,
      subject: args.template.subject,
      body: args.template.body,
      updatedAt: args.now,
      updatedBy: args.actor.kind === 'user' ? args.actor.user.id : null,
    });
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'message-template.update',
        entityType: 'edition',
        entityId: args.editionId,
        organisationId: facts.organisationId,
        editionId: args.editionId,
        before: { kind: args.kind, language: args.language, subject: before.template.subject, body: before.template.body, ownText: before.own },
        after: { kind: args.kind, language: args.language, subject: args.template.subject, body: args.template.body },
      },
      args.now,
    );
    return { ok: true, changed: true } as const;
  });
}

/**
 * Drops a round's own wording of one e-mail in one language: the default is used again.
 * Refuses: 'not-found' (no such round). Side effects: the row deleted and an audit event
 * 'message-template.reset' with the text that was dropped; nothing when there was no own text.
 */
export async function resetTemplate(args: { db: Database; actor: AuditActor; editionId: number; kind: MessageKind; language: Locale; now: Date }) {
  return inTransaction(args.db, async (tx) => {
    const facts = await findEditionFacts(tx, args.editionId);
    if (!facts) return { ok: false, reason: 'not-found' } as const;
    const dropped = await deleteTemplateRow(tx, args.editionId, args.kind, args.language);
    if (!dropped) return { ok: true, changed: false } as const;
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'message-template.reset',
        entityType: 'edition',
        entityId: args.editionId,
        organisationId: facts.organisationId,
        editionId: args.editionId,
        before: { kind: args.kind, language: args.language, subject: dropped.subject, body: dropped.body },
        after: { kind: args.kind, language: args.language, ownText: false },
      },
      args.now,
    );
    return { ok: true, changed: true } as const;
  });
}

/** The stage key of the confidential notice to the winner (stage_mailings, message_schedules). */
export const WINNER_CONFIDENTIAL = 'winner-confidential';

export type ScheduleView = { sendAt: Date | null; sentAt: boolean };

export async function loadSchedule(db: Database, editionId: number): Promise<ScheduleView> {
  const [sendAt, sent] = await Promise.all([findScheduleRow(db, editionId, WINNER_CONFIDENTIAL), hasStageRow(db, editionId, WINNER_CONFIDENTIAL)]);
  return { sendAt, sentAt: sent };
}

export type ScheduleRefusal = 'not-found' | 'after-winner' | 'already-sent';

/**
 * Sets (or, with null, clears) when the confidential notice to the winner is sent.
 * Refuses: 'not-found'; 'after-winner' (at or after the instant the winner is announced: then it
 * is no notice); 'already-sent'. Side effects: the message_schedules row and an audit event
 * 'message-schedule.update' with the old and new instant.
 */
export async function scheduleWinnerNotice(args: {
  db: Database;
  actor: AuditActor;
  editionId: number;
  sendAt: Date | null;
  now: Date;
}): Promise<{ ok: true } | { ok: false; reason: ScheduleRefusal; winnerAnnouncedAt?: Date }> {
  return inTransaction(args.db, async (tx) => {
    const facts = await findEditionFacts(tx, args.editionId);
    if (!facts) return { ok: false, reason: 'not-found' } as const;
    if (await hasStageRow(tx, args.editionId, WINNER_CONFIDENTIAL)) return { ok: false, reason: 'already-sent' } as const;
    if (args.sendAt && facts.winnerAnnouncedAt && args.sendAt >= facts.winnerAnnouncedAt)
      return { ok: false, reason: 'after-winner', winnerAnnouncedAt: facts.winnerAnnouncedAt } as const;
    const before = await findScheduleRow(tx, args.editionId, WINNER_CONFIDENTIAL);
    if (args.sendAt) await upsertScheduleRow(tx, args.editionId, WINNER_CONFIDENTIAL, args.sendAt, args.now);
    else await deleteScheduleRow(tx, args.editionId, WINNER_CONFIDENTIAL);
    await recordAudit(
      tx,
      {
        actor: args.actor,
        action: 'message-schedule.update',
        entityType: 'edition',
        entityId: args.editionId,
        organisationId: facts.organisationId,
        editionId: args.editionId,
        before: { kind: WINNER_CONFIDENTIAL, sendAt: before?.toISOString() ?? null },
        after: { kind: WINNER_CONFIDENTIAL, sendAt: args.sendAt?.toISOString() ?? null },
      },
      args.now,
    );
    return { ok: true } as const;
  });
}
