import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A small browser stand-in for `app.inject`: keeps cookies (honouring their paths), reads the
 * CSRF token of the last page, and posts forms as a browser would (urlencoded).
 */
export class HttpAgent {
  private jar = new Map<string, { value: string; path: string }>();
  csrf = '';

  /** `remoteAddress`: the client's address (rate limits count per address); inject's default otherwise. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress?: string,
  ) {}

  private cookieHeader(url: string): string | undefined {
    const path = url.split('?')[0]!;
    const pairs = [...this.jar.entries()].filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/');
    return pairs.length ? pairs.map(([k, c]) => `${k}=${c.value}`).join('; ') : undefined;
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; path?: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, { value: c.value, path: c.path ?? '/' });
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  /** Sets a cookie as if the server had (e.g. a session made directly in the database). */
  setCookie(name: string, value: string, path = '/') {
    this.jar.set(name, { value, path });
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  copyCookiesFrom(other: HttpAgent) {
    for (const [k, v] of other.jar) this.jar.set(k, { ...v });
    this.csrf = other.csrf;
  }

  async get(url: string) {
    const cookie = this.cookieHeader(url);
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: cookie ? { cookie } : {},
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.remember(res);
    return res;
  }

  async post(url: string, fields: Record<string, string | string[]>, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const cookie = this.cookieHeader(url);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.remember(res);
    return res;
  }
}
