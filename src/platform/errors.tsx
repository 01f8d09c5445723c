import type { FastifyReply, FastifyRequest } from 'fastify';
import { ButtonLink, Layout, render } from './ui/index.js';
import { pageContext } from './page-context.js';

/**
 * RFC 9457 problem details. `type` names a stable error code under /problems; codes are
 * never reused for another meaning.
 */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * One problem object. `code` is the last part of its `type` (`/problems/<code>`): stable,
 * never reused for another meaning, so clients may branch on it.
 */
export function problem(status: number, code: string, title: string, extra: { detail?: string; instance?: string; errors?: Problem['errors'] } = {}): Problem {
  return {
    type: `/problems/${code}`,
    title,
    status,
    ...(extra.detail !== undefined ? { detail: extra.detail } : {}),
    ...(extra.instance !== undefined ? { instance: extra.instance } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/**
 * How the API answers one refusal reason of a domain function: its status, and the stable
 * `code` and `title` of its problem type. Each module keeps one table of them,
 * `satisfies Record<Reason, Refusal>`, used by its pages and its API routes alike, so a new
 * reason without an answer fails the typecheck and page and API never drift apart.
 */
export type Refusal = { status: number; code: string; title: string };

/** The problem object of a refusal; `detail` and `errors` say what exactly was refused. */
export function refusalProblem(refusal: Refusal, instance: string, extra: { detail?: string; errors?: Problem['errors'] } = {}): Problem {
  return problem(refusal.status, refusal.code, refusal.title, { ...extra, instance });
}

/**
 * The status of a page that shows a refusal: the table's, except that a form shown again with
 * its messages (422 in the API) answers 400, as every form page does when its input is refused.
 */
export function pageStatus(refusal: Refusal): number {
  return refusal.status === 422 ? 400 : refusal.status;
}

/** The reasons a domain function can refuse with: the `reason` of its `{ ok: false }` results. */
export type RefusalReasons<F extends (...args: never[]) => unknown> = Extract<Awaited<ReturnType<F>>, { ok: false }> extends { reason: infer R } ? R : never;

/** The problems every part of the API can answer. */
export const problems = {
  notFound: (instance: string, detail = 'No resource exists at this address.') => problem(404, 'not-found', 'Not found', { detail, instance }),
  badRequest: (instance: string, detail: string, errors?: Problem['errors']) => problem(400, 'bad-request', 'Bad request', { detail, instance, errors }),
  unavailable: (instance: string) =>
    problem(503, 'service-unavailable', 'Service unavailable', { detail: 'The database cannot be reached. Try again shortly.', instance }),
  internal: (instance: string, requestId: string) =>
    problem(500, 'internal', 'Internal error', { detail: `An unexpected error occurred. Quote request id ${requestId} when reporting it.`, instance }),
  forbidden: (instance: string, detail?: string) => problem(403, 'forbidden', 'Forbidden', { detail, instance }),
  /** Input that parsed but breaks a field's rule; `errors` names each field by its JSON pointer. */
  validation: (instance: string, errors: NonNullable<Problem['errors']>, detail = 'Correct the listed fields and send again.') =>
    problem(422, 'validation', 'Invalid input', { detail, instance, errors }),
  unauthorized: (instance: string, detail = 'Send a personal API token as "Authorization: Bearer <token>".') =>
    problem(401, 'unauthorized', 'Sign-in required', { detail, instance }),
  tooMany: (instance: string) => problem(429, 'too-many-requests', 'Too many requests', { instance }),
  payloadTooLarge: (instance: string) => problem(413, 'payload-too-large', 'Payload too large', { detail: 'The body may be at most 1 MB.', instance }),
  unsupportedMediaType: (instance: string, detail: string) => problem(415, 'unsupported-media-type', 'Unsupported media type', { detail, instance }),
};

type ErrorKind = 'notFound' | 'badRequest' | 'unavailable' | 'serverError' | 'tooMany' | 'csrf' | 'forbidden' | 'tooLarge' | 'signInRequired';

/** A Danish (or English) error page in the normal frame, with a way back. */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind): FastifyReply {
  const ctx = pageContext(request);
  const e = ctx.t.errors;
  const text = {
    notFound: [e.notFoundTitle, e.notFoundBody],
    badRequest: [e.badRequestTitle, e.badRequestBody],
    unavailable: [e.unavailableTitle, e.unavailableBody],
    serverError: [e.serverErrorTitle, e.serverErrorBody],
    tooMany: [e.tooManyTitle, e.tooManyBody],
    csrf: [e.csrfTitle, e.csrfBody],
    forbidden: [e.forbiddenTitle, e.forbiddenBody],
    tooLarge: [e.tooLargeTitle, e.tooLargeBody],
    signInRequired: [e.signInRequiredTitle, e.signInRequiredBody],
  }[kind] as [string, string];
  const html = (
    <Layout ctx={ctx} title={text[0]}>
      <h1 safe>{text[0]}</h1>
      <p safe>{text[1]}</p>
      {kind === 'serverError' ? (
        <p>
          <span safe>{`${e.errorId}: `}</span>
          <code safe>{request.id}</code>
        </p>
      ) : (
        ''
      )}
      <p>
        <ButtonLink variant="primary" href="/" text={e.goHome} />
      </p>
    </Layout>
  );
  return reply.code(status).type('text/html; charset=utf-8').send(render(html));
}
