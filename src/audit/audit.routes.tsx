import { auditTexts } from './i18n.js';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { findOrganisation } from '../awards/index.js';
import { mayAdminister } from '../platform/http.js';
import { parseId, sendPage } from '../platform/http.js';
import type { FieldError } from '../platform/ui/index.js';
import { csrfToken } from '../platform/csrf.js';
import { pageContext } from '../platform/page-context.js';
import { copenhagen, nextLocalDay, parseLocalDate } from '../platform/time.js';
import { findAuditEvents, findAuditFilterOptions, findAuditReferences, type AuditQuery } from './audit.repo.js';
import { referencedIds } from './audit-references.js';
import { AuditLogPage, type AuditFilterValues } from './views/audit-log.js';
import { auditUrls as urls } from './urls.js';

export const AUDIT_PAGE_SIZE = 50;

const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 200) : '');

/**
 * The audit log of an organisation, for its administrators only: newest first, filtered by
 * action, edition, who and a date range (a GET form, so a filtered view can be bookmarked),
 * 50 events a page. Registered by audit's plugin (index.ts).
 */
export async function auditLogRoutes(app: FastifyInstance, { db }: AppDeps) {
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    urls.organisationLog.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const id = parseId(request.params.id);
      const organisation = id === null ? null : await findOrganisation(db, id);
      if (!(await mayAdminister(request, reply, organisation?.id ?? null))) return reply;
      const ctx = pageContext(request);
      const a = auditTexts(ctx.locale);
      const q = request.query ?? {};
      const values: AuditFilterValues = { action: text(q.handling), edition: text(q.runde), who: text(q.hvem), from: text(q.fra), to: text(q.til) };
      const errors: FieldError[] = [];
      const day = (raw: string, field: 'from' | 'to', label: string) => {
        if (raw === '') return null;
        const d = parseLocalDate(raw);
        if (!d) errors.push({ field, message: a.dateInvalid(label) });
        return d;
      };
      const from = day(values.from, 'from', a.from);
      const to = day(values.to, 'to', a.to);
      const pageRaw = text(q.side);
      const page = /^[1-9]\d{0,5}$/.test(pageRaw) ? Number(pageRaw) : 1;
      const query: AuditQuery = {
        organisationId: organisation!.id,
        action: values.action || null,
        editionId: parseId(values.edition),
        actorUserId: parseId(values.who),
        from: from ? copenhagen(from.year, from.month, from.day) : null,
        to: to ? (({ year, month, day: d }) => copenhagen(year, month, d))(nextLocalDay(to)) : null,
        page,
        pageSize: AUDIT_PAGE_SIZE,
      };
      const [options, result] = await Promise.all([findAuditFilterOptions(db, organisation!.id), findAuditEvents(db, query)]);
      // The names of what the page's events refer to: one query per kind of id, whatever the page holds.
      const refs = await findAuditReferences(db, organisation!.id, referencedIds(result.rows.map((r) => r.event)));
      return sendPage(
        reply,
        errors.length ? 400 : 200,
        AuditLogPage({
          ctx,
          csrf: csrfToken(reply),
          organisation: organisation!,
          options,
          values,
          errors,
          rows: result.rows,
          refs,
          total: result.total,
          page,
          pageSize: AUDIT_PAGE_SIZE,
        }),
      );
    },
  );
}
