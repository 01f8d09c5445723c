import { routeUrl } from '../platform/route-url.js';

/** The addresses of the membership module's pages: an edition's members and a member's own editions. */
export const membersUrls = {
  editionMembers: routeUrl('/admin/udgaver/:id/medlemmer'),
  removeMember: routeUrl('/admin/udgaver/:id/medlemmer/:memberId/fjern'),
  withdrawInvitation: routeUrl('/admin/udgaver/:id/invitationer/:invitationId/traek-tilbage'),
  invitation: routeUrl('/invitation/:token'),
  myEditions: routeUrl('/mine-udgaver'),
  myEdition: routeUrl('/mine-udgaver/:editionId'),
} as const;
