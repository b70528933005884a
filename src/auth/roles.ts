// Who may do what: the roles of API keys and the one table that says which role each action needs.
import { ChipgraphError } from '../errors.js';

export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of a request that presented a valid API key. Carries the key's id and name, never its secret. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

/**
 * The role matrix (also in docs/operations.md). Reads need no key unless READS_REQUIRE_KEY is set, then any key.
 * Actions not listed here do not exist: there is no delete; a fact is retracted, which keeps its history.
 */
export const REQUIRED_ROLE = {
  read: null,
  createEntity: 'editor',
  updateEntity: 'editor',
  assertFact: 'editor',
  addSource: 'editor',
  retractApiFact: 'editor',
  /** The seed is the curated baseline: taking one of its facts out of the answers is an admin decision. */
  retractSeedFact: 'admin',
  auditLog: 'admin',
} as const satisfies Record<string, Role | null>;

export type Action = keyof typeof REQUIRED_ROLE;

const RANK: Record<Role, number> = { editor: 1, admin: 2 };

export function allows(role: Role, action: Action): boolean {
  const needed = REQUIRED_ROLE[action];
  return needed === null || RANK[role] >= RANK[needed];
}

export const unauthenticated = (message: string) =>
  new ChipgraphError('UNAUTHENTICATED', message, {
    // Yoga turns `http` into the response status and headers, and strips it from the body.
    http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="chipgraph"' } },
  });

export const forbidden = (action: Action, role: Role) =>
  new ChipgraphError(
    'FORBIDDEN',
    `Role "${role}" may not ${describe(action)}; it needs role "${String(REQUIRED_ROLE[action])}".`,
    { requiredRole: REQUIRED_ROLE[action] },
  );

function describe(action: Action): string {
  switch (action) {
    case 'retractSeedFact':
      return 'retract a fact loaded from the seed';
    case 'auditLog':
      return 'read the whole audit log';
    default:
      return action.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  }
}
