/**
 * The fixture of the tests that call every route the app has (route-access, hostile-input,
 * security): Region Midtjylland's things from the demo data, a sent nomination, the users
 * and API tokens of the roles, a CSRF secret with its token, and `fillRouteUrl()`, which puts
 * real ids into a route's URL parameters.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { awards, editions, organisations } from '../../src/db/schema.js';
import { createApiToken } from '../../src/accounts/api-tokens.js';
import { createUser } from './accounts.js';
import { buildNomination } from './factories.js';
import { Client } from './signed-in-app.js';

/** An id no row has. */
export const MISSING = '999999';

export type RouteIds = { rmOrg: number; drOrg: number; rmAward: number; rmEdition: number; rmYear: number; rmNomination: number };

/** Region Midtjylland's Initiativprisen 2024 (demo data) and a nomination sent to it; Danske Regioner's id. */
export async function routeIds(db: Database): Promise<RouteIds> {
  const orgs = await db.select().from(organisations);
  const rmOrg = orgs.find((o) => o.slug === 'region-midtjylland')!.id;
  const drOrg = orgs.find((o) => o.slug === 'danske-regioner')!.id;
  const [e] = await db
    .select({ id: editions.id, year: editions.year, awardId: awards.id })
    .from(editions)
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(and(eq(awards.slug, 'initiativprisen'), eq(editions.year, 2024)));
  const rmNomination = (await buildNomination(db, { editionId: e!.id, sentAt: new Date('2024-03-01T10:00:00Z') })).id;
  return { rmOrg, drOrg, rmAward: e!.awardId, rmEdition: e!.id, rmYear: e!.year, rmNomination };
}

export type FixtureRole = 'admin-rm' | 'admin-dr' | 'committee' | 'panel';

/**
 * Users of the roles asked for (administrators of Region Midtjylland and of Danske Regioner,
 * the chair of the edition's committee, a panel member), each with a personal API token.
 */
export async function routeUsers(db: Database, ids: RouteIds, roles: readonly FixtureRole[], tokenName: string, now: Date) {
  const users: Partial<Record<FixtureRole, number>> = {};
  const apiTokens: Partial<Record<FixtureRole, string>> = {};
  const spec: Record<FixtureRole, Parameters<typeof createUser>[1]> = {
    'admin-rm': { email: 'admin.rm@example.dk', adminOf: [ids.rmOrg] },
    'admin-dr': { email: 'admin.dr@example.dk', adminOf: [ids.drOrg] },
    committee: { email: 'komite@example.dk', members: [{ editionId: ids.rmEdition, role: 'committee', isChair: true }] },
    panel: { email: 'panel@example.dk', members: [{ editionId: ids.rmEdition, role: 'panel' }] },
  };
  for (const role of roles) users[role] = (await createUser(db, spec[role])).id;
  for (const role of roles) apiTokens[role] = (await createApiToken(db, users[role]!, tokenName, now)).token;
  return { users, apiTokens };
}

/** One CSRF secret (cookie) and a token made from it, as a browser has after any form page. */
export async function csrfPair(app: FastifyInstance): Promise<{ secret: string; token: string }> {
  const c = new Client(app);
  await c.get('/log-ind');
  return { secret: c.cookies.get('_csrf')!, token: c.csrf };
}

/**
 * Real values for a route's URL parameters: Region Midtjylland's things (the nomination
 * `nominationId`, by default the sent one), and tokens that open nothing.
 */
export function fillRouteUrl(url: string, ids: RouteIds, nominationId = ids.rmNomination): string {
  const parts = url.split('/');
  return parts
    .map((part, i) => {
      if (part === '*') return url.startsWith('/dkfds/') ? 'css/dkfds.min.css' : 'app.css';
      if (!part.startsWith(':')) return part;
      const name = part.slice(1).replace(/\(.*$/, '');
      const before = parts[i - 1] ?? '';
      const suffix = /\..+$/.exec(name)?.[0] ?? '';
      const param = name.replace(/\..+$/, '');
      const value = (() => {
        if (param === 'slug') return /^(organisationer|privatliv|tilgaengelighed)$/.test(before) ? 'region-midtjylland' : 'initiativprisen';
        if (param === 'year') return String(ids.rmYear);
        if (param === 'lang') return 'da';
        if (param === 'step') return 'om-dig';
        // An e-mail template of the round (src/messages): the receipt in Danish.
        if (param === 'kind') return 'receipt';
        if (param === 'language') return 'da';
        if (/token/i.test(param)) return 'T'.repeat(43);
        if (param === 'id') {
          if (/^(udgaver|editions)$/.test(before)) return String(ids.rmEdition);
          if (/^(indstillinger|nominations)$/.test(before)) return String(nominationId);
          if (/^(organisationer|organisations)$/.test(before)) return String(ids.rmOrg);
          if (/^(priser|awards)$/.test(before)) return String(ids.rmAward);
          return MISSING;
        }
        if (/^(editionId|udgaveId)$/.test(param)) return String(ids.rmEdition);
        if (/^(nominationId|indstillingId)$/.test(param)) return String(nominationId);
        if (/^(organisationId|orgId)$/.test(param)) return String(ids.rmOrg);
        if (/^(awardId|prisId)$/.test(param)) return String(ids.rmAward);
        // Anything else (a member, an attachment, a token id): one that does not exist, so
        // no call removes or changes a row the later calls rely on.
        return MISSING;
      })();
      return value + suffix;
    })
    .join('/');
}
