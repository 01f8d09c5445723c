import { routeUrl } from '../platform/route-url.js';

/** The addresses of the outreach module's pages: messages to a round's groups, and "Få besked, når der åbnes". */
export const outreachUrls = {
  messages: routeUrl('/admin/udgaver/:id/beskeder'),
  messagePreview: routeUrl('/admin/udgaver/:id/beskeder/vis'),
  messageSend: routeUrl('/admin/udgaver/:id/beskeder/send'),
  messageSent: routeUrl('/admin/udgaver/:id/beskeder/:messageId'),
  subscribe: routeUrl('/priser/:slug/faa-besked'),
  confirmSubscription: routeUrl('/faa-besked/bekraeft/:token'),
  unsubscribe: routeUrl('/faa-besked/afmeld/:token'),
} as const;
