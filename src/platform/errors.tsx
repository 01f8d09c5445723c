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

export const problems = {
  notFound: (instance: string, detail = 'No resource exists at this address.'): Problem => ({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail,
    instance,
  }),
  badRequest: (instance: string, detail: string, errors?: Problem['errors']): Problem => ({
    type: '/problems/bad-request',
    title: 'Bad request',
    status: 400,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  }),
  unavailable: (instance: string): Problem => ({
    type: '/problems/service-unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The database cannot be reached. Try again shortly.',
    instance,
  }),
  internal: (instance: string, requestId: string): Problem => ({
    type: '/problems/internal',
    title: 'Internal error',
    status: 500,
    detail: `An unexpected error occurred. Quote request id ${requestId} when reporting it.`,
    instance,
  }),
  forbidden: (instance: string, detail: string): Problem => ({
    type: '/problems/forbidden',
    title: 'Forbidden',
    status: 403,
    detail,
    instance,
  }),
  tooMany: (instance: string): Problem => ({
    type: '/problems/too-many-requests',
    title: 'Too many requests',
    status: 429,
    instance,
  }),
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
