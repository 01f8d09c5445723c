/**
 * The Secure flag of every cookie the app sets (session, CSRF secret, language, a nominator's
 * private link, a started OpenID Connect sign-in), decided once here and given to
 * @fastify/cookie as its default (app.ts), so a route sets no `secure` of its own.
 *
 * When the site's public address is https://, every cookie is Secure whatever the request
 * looks like: behind a TLS-terminating proxy that is not trusted (TRUST_PROXY unset), the app
 * sees plain http, and 'auto' would leave the flag off. Otherwise (development on
 * http://localhost) a cookie is Secure when its request came over https.
 */
export function cookieSecurity(publicBaseUrl: string): true | 'auto' {
  return /^https:\/\//i.test(publicBaseUrl) ? true : 'auto';
}
