import { routeUrl } from '../platform/route-url.js';

/** The addresses of the idea bank's pages that other modules link to. */
export const ideabankUrls = {
  bank: routeUrl('/idebank'),
  solution: routeUrl('/idebank/loesninger/:solutionId'),
} as const;
