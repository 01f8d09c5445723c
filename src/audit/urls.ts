import { routeUrl } from '../platform/route-url.js';

/** The address of an organisation's audit log. */
export const auditUrls = {
  organisationLog: routeUrl('/admin/organisationer/:id/log'),
} as const;
