import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { isMemberOf } from '../../accounts/index.js';
import { findCommitteeMember } from '../../judging/index.js';
import { administeredEdition } from '../../platform/http.js';
import { contentDisposition } from '../../platform/spreadsheet.js';
import { sendErrorPage } from '../../platform/errors.js';
import { dossierExport, organisationOfEdition, scoresExport, type ExportFile } from './exports.service.js';
import { parseId } from '../../platform/http.js';
import { publicationUrls as urls } from '../urls.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, type: string, file: ExportFile) {
  return reply.type(type).header('cache-control', 'no-store').header('content-disposition', contentDisposition(file.fileName)).send(file.body);
}

/**
 * Exports for the committee's work: the dossier as PDF for administrators of the edition's
 * organisation and for the edition's committee members (blind when the edition says so), and
 * the scores as XLSX for administrators.
 */
export async function exportRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  type Req = FastifyRequest<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>;
  /** `?anonym=1`: the members under the overview's anonymous labels ("Medlem 1" …), as the overview shows them. */
  const anonymiseIf = (request: Req) => (request.query.anonym === '1' ? { secret: deps.ballotKey } : false);

  /** The edition's id when the actor administers its organisation; otherwise the answer is sent and null returned. */
  const asAdmin = (request: Req, reply: FastifyReply) => administeredEdition(deps, request, reply, request.params.editionId);

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.dossier.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const editionId = await asAdmin(request, reply);
      if (editionId === null) return reply;
      const file = await dossierExport(db, editionId, { blind: false, now: clock.now(), anonymise: anonymiseIf(request) });
      if (!file) return sendErrorPage(request, reply, 404, 'notFound');
      return sendFile(reply, PDF, file);
    },
  );

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.scoresWorkbook.pattern,
    { config: { access: 'admin' } },
    async (request, reply) => {
      const editionId = await asAdmin(request, reply);
      if (editionId === null) return reply;
      const file = await scoresExport(db, editionId, clock.now(), anonymiseIf(request));
      if (!file) return sendErrorPage(request, reply, 404, 'notFound');
      return sendFile(reply, XLSX, file);
    },
  );

  app.get<{ Params: { editionId: string }; Querystring: Record<string, unknown> }>(
    urls.memberDossier.pattern,
    { config: { access: 'member' } },
    async (request, reply) => {
      const editionId = parseId(request.params.editionId);
      if (editionId === null) return sendErrorPage(request, reply, 404, 'notFound');
      // Members of the edition's committee only: 403 for anyone else, whether or not the edition exists.
      const allowed = isMemberOf(request.actor, editionId, 'committee');
      if (!allowed.ok) {
        request.log.info({ editionId, reason: allowed.reason }, 'dossier refused: not on the committee');
        return sendErrorPage(request, reply, 403, 'forbidden');
      }
      const edition = await organisationOfEdition(db, editionId);
      if (!edition) return sendErrorPage(request, reply, 404, 'notFound');
      // The member's own conflicts: no comment on those nominations.
      const seat = request.actor.kind === 'user' ? await findCommitteeMember(db, editionId, request.actor.user.id) : null;
      if (!seat) return sendErrorPage(request, reply, 403, 'forbidden');
      const file = await dossierExport(db, editionId, {
        blind: edition.blindReview,
        now: clock.now(),
        anonymise: anonymiseIf(request),
        viewerMemberId: seat.id,
      });
      if (!file) return sendErrorPage(request, reply, 404, 'notFound');
      return sendFile(reply, PDF, file);
    },
  );
}
