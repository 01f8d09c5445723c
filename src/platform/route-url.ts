/**
 * A page's address, written once: the pattern a route registers (`/admin/udgaver/:id/rediger`)
 * and the function that builds a link to it (`editionSetupUrl({ id: 7 })`). Each module keeps its
 * addresses in its `urls.ts`, so a page that moves is changed in one line and a link with a
 * missing or misspelt parameter fails the typecheck.
 */

/** The `:names` of a route pattern, e.g. 'id' | 'memberId'. */
export type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** What a route handler's `request.params` holds for the pattern (Fastify gives strings). */
export type RouteParams<P extends string> = { [K in ParamsOf<P>]: string };

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RouteUrl<P extends string> = {
  /** The pattern Fastify registers. */
  readonly pattern: P;
} & ([ParamsOf<P>] extends [never] ? (query?: Query) => string : (params: { [K in ParamsOf<P>]: string | number }, query?: Query) => string);

/** `?a=1&b=x` from the set values of a query (null, undefined and false are left out); '' when none. */
export function queryString(query: Query | undefined): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    search.append(k, v === true ? '1' : String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The address book entry for one route pattern. Parameter values are percent-encoded. */
export function routeUrl<const P extends string>(pattern: P): RouteUrl<P> {
  const hasParams = /:[A-Za-z]/.test(pattern);
  const build = (params: Record<string, string | number> | undefined, query: Query | undefined) =>
    pattern.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
      const value = params?.[name];
      if (value === undefined) throw new Error(`routeUrl ${pattern}: no value for :${name}`);
      return encodeURIComponent(String(value));
    }) + queryString(query);
  const url = hasParams ? (params: Record<string, string | number>, query?: Query) => build(params, query) : (query?: Query) => build(undefined, query);
  return Object.assign(url, { pattern }) as unknown as RouteUrl<P>;
}
