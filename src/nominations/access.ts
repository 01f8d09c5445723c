import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { sendErrorPage } from '../platform/errors.js';
import { hashToken, looksLikeToken } from '../platform/tokens.js';
import type { EditionForForm } from './nomination.service.js';
import { findNominationWithStamp, type NominationRow } from './nominations.repo.js';
import { editionAtStamp } from './edition-cache.js';
import { nominationsUrls as urls } from './urls.js';

const ID = /^[1-9]\d{0,8}$/;

/** The nominator's private token lives in a cookie scoped to their nomination's pages. */
export const accessCookieName = (id: number) => `indstilling_${id}`;

export function setAccessCookie(reply: FastifyReply, id: number, token: string) {
  reply.setCookie(accessCookieName(id), token, {
    path: urls.nomination({ id }),
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 400 * 24 * 60 * 60,
  });
}

export type NominationAccess = { nomination: NominationRow; edition: EditionForForm; token: string };

/**
 * Who may see a nomination's pages: whoever holds its private token (from the e-mailed link,
 * kept in a cookie). Answers 404 for a malformed id and 403 otherwise, and returns null then.
 */
export async function requireNominationAccess(
  db: Database,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): Promise<NominationAccess | null> {
  const { id: raw } = request.params;
  if (!ID.test(raw)) {
    await sendErrorPage(request, reply, 404, 'notFound');
    return null;
  }
  const id = Number(raw);
  const token = request.cookies[accessCookieName(id)];
  const found = looksLikeToken(token) ? await findNominationWithStamp(db, id) : null;
  const nomination = found?.nomination;
  const hash = token ? hashToken(token) : '';
  if (!found || !nomination || !token || (nomination.accessTokenHash !== hash && nomination.reminderTokenHash !== hash)) {
    request.log.info('nomination access refused');
    await sendErrorPage(request, reply, 403, 'forbidden');
    return null;
  }
  // The edition as cached while its stamp, read with the nomination, is the same (edition-cache.ts).
  const edition = (await editionAtStamp(db, nomination.editionId, found.stamp))!;
  return { nomination, edition, token };
}
