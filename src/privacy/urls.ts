import { routeUrl } from '../platform/route-url.js';

/** The addresses of the privacy module's public pages (its administrators' pages keep theirs in privacy.routes.tsx). */
export const privacyUrls = {
  policies: routeUrl('/privatliv'),
  policy: routeUrl('/privatliv/:slug'),
} as const;
