import type { AuditReferenceIds, AuditReferences } from './audit.repo.js';

// Which ids the events of a page refer to, and how those ids read: pure functions, so the page
// asks the database once per kind of id (audit.repo.ts findAuditReferences), never per event.

type EventLike = { entityType: string; entityId: string; before: unknown; after: unknown };

/** Keys whose value is a nomination id, or a list of them. */
export const NOMINATION_KEYS = new Set(['nominationId', 'nominationIds', 'tied']);
/** Keys whose value is an id of another kind. */
export const ID_KEYS: Record<string, keyof AuditReferenceIds> = {
  nominationId: 'nominations',
  nominationIds: 'nominations',
  tied: 'nominations',
  memberId: 'members',
  invitationId: 'invitations',
  solutionId: 'solutions',
  target: 'solutions',
  userId: 'users',
  ownerUserId: 'users',
};
/** The entity types an event can name, and the ids they are. */
export const ENTITY_IDS: Record<string, keyof AuditReferenceIds> = {
  nomination: 'nominations',
  edition_member: 'members',
  member_invitation: 'invitations',
  solution: 'solutions',
  user: 'users',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** Every id the events refer to, by kind, each once. */
export function referencedIds(events: readonly EventLike[]): AuditReferenceIds {
  const sets: Record<keyof AuditReferenceIds, Set<number>> = {
    nominations: new Set(),
    members: new Set(),
    invitations: new Set(),
    solutions: new Set(),
    criteria: new Set(),
    users: new Set(),
  };
  const add = (kind: keyof AuditReferenceIds, v: unknown) => {
    for (const x of Array.isArray(v) ? v : [v]) {
      const id = asId(x);
      if (id !== null) sets[kind].add(id);
    }
  };
  const walk = (side: unknown) => {
    // A list of records (criteria, form sections, seats) holds no ids that name anything.
    if (!isRecord(side)) return;
    for (const [k, v] of Object.entries(side)) {
      if (Object.hasOwn(ID_KEYS, k)) add(ID_KEYS[k]!, v);
      if (k === 'scores' && isRecord(v)) add('criteria', Object.keys(v));
    }
  };
  for (const e of events) {
    if (Object.hasOwn(ENTITY_IDS, e.entityType)) add(ENTITY_IDS[e.entityType]!, e.entityId);
    walk(e.before);
    walk(e.after);
  }
  return {
    nominations: [...sets.nominations],
    members: [...sets.members],
    invitations: [...sets.invitations],
    solutions: [...sets.solutions],
    criteria: [...sets.criteria],
    users: [...sets.users],
  };
}

export const NO_REFERENCES: AuditReferences = {
  nominations: new Map(),
  members: new Map(),
  invitations: new Map(),
  solutions: new Map(),
  criteria: new Map(),
  users: new Map(),
};

export { asId, isRecord };
