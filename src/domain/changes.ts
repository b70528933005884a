// "What changed": the change feed's arguments (since a date or a dataset version, kinds, entities, paging), its
// pages as Relay connections, and the one-line title and plain-text summary the API and the Atom feed share.
import { createHash } from 'node:crypto';
import type { ChangeRepository, ChangeView } from '../db/repositories/change-repository.js';
import { versionKey, type ChangeKind } from '../db/repositories/change-records.js';
import { badInput } from '../errors.js';
import { decodeCursor, pageSize } from './arguments.js';
import { toConnection, type Connection } from './lists.js';

export const CHANGE_KINDS = ['ADDED', 'CORRECTED', 'RETRACTED', 'REMOVED'] as const;
export type ChangeKindArg = (typeof CHANGE_KINDS)[number];
export const MAX_ENTITY_IDS = 50;
const MAX_ID_LENGTH = 200;

export interface ChangesArgs {
  since?: string | null;
  kinds?: readonly string[] | null;
  entityIds?: readonly string[] | null;
  includeInitial?: boolean | null;
  first?: number | null;
  after?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}$/;

/** `since` as either an instant (ISO text, UTC, as changes store it) or a dataset version key. */
export function parseSince(since: string | null | undefined, argument = 'since') {
  if (since === null || since === undefined) return { sinceAt: null, sinceVersionKey: null };
  const text = since.trim();
  if (VERSION.test(text)) return { sinceAt: null, sinceVersionKey: versionKey(text) };
  const ms = DATE.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : DATE_TIME.test(text)
      ? Date.parse(text)
      : NaN;
  if (Number.isNaN(ms)) {
    throw badInput(
      argument,
      `must be an ISO date such as "2026-11-01", a date-time such as "2026-11-01T12:00:00Z", or a dataset version such as "2.0.0" (got "${since.slice(0, 60)}")`,
    );
  }
  return { sinceAt: new Date(ms).toISOString(), sinceVersionKey: null };
}

export function parseKinds(
  kinds: readonly string[] | null | undefined,
  argument = 'kinds',
): ChangeKind[] | null {
  if (!kinds) return null;
  return kinds.map((k) => {
    const upper = k.toUpperCase();
    if (!(CHANGE_KINDS as readonly string[]).includes(upper)) {
      throw badInput(
        argument,
        `"${k.slice(0, 60)}" is not a change kind; use one of ${CHANGE_KINDS.join(', ')}`,
        {
          allowed: CHANGE_KINDS,
        },
      );
    }
    return upper.toLowerCase() as ChangeKind;
  });
}

export function parseEntityIds(
  ids: readonly string[] | null | undefined,
  argument = 'entityIds',
): string[] | null {
  if (!ids) return null;
  if (ids.length > MAX_ENTITY_IDS) {
    throw badInput(argument, `at most ${MAX_ENTITY_IDS} ids (got ${ids.length})`, { max: MAX_ENTITY_IDS });
  }
  for (const id of ids) {
    if (id.length === 0 || id.length > MAX_ID_LENGTH) {
      throw badInput(argument, `each id must have 1 to ${MAX_ID_LENGTH} characters (got ${id.length})`);
    }
  }
  return [...ids];
}

export async function listChanges(
  repo: ChangeRepository,
  args: ChangesArgs,
): Promise<Connection<ChangeView>> {
  const filter = {
    ...parseSince(args.since),
    kinds: parseKinds(args.kinds),
    entityIds: parseEntityIds(args.entityIds),
    includeInitial: args.includeInitial === true,
  };
  const first = pageSize(args.first);
  // A cursor belongs to its filter: continuing another filter's page would skip or repeat changes.
  const signature = `changes:${createHash('sha1').update(JSON.stringify(filter)).digest('hex').slice(0, 12)}`;
  const keys = decodeCursor(args.after, signature);
  if (keys && (keys.length !== 2 || !keys.every((k) => typeof k === 'string'))) {
    throw badInput('after', 'is not a cursor from this API (use pageInfo.endCursor of the previous page)');
  }
  const page = await repo.page({ ...filter, first, after: keys as [string, string] | null });
  return toConnection({ ...page, total: null }, signature, (c) => ({ keys: [c.at, c.id], node: c }));
}

const KIND_VERB: Record<ChangeKind, string> = {
  added: 'Added',
  corrected: 'Corrected',
  retracted: 'Retracted',
  removed: 'Removed',
};

/** "Corrected chip Ascend 910C: memoryGb, tdpW" / "Added TRAINED_ON fact: DeepSeek-V3 → H800". */
export function changeTitle(c: ChangeView): string {
  const what =
    c.subjectKind === 'FACT'
      ? `${c.factType ?? ''} fact: ${c.subjectName}`
      : `${c.subjectKind.toLowerCase().replace(/_/g, ' ')} ${c.subjectName}`;
  const fields = c.kind === 'corrected' && c.fields.length ? `: ${c.fields.join(', ')}` : '';
  return `${KIND_VERB[c.kind]} ${what}${fields}`;
}

const show = (v: unknown) =>
  v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);

/** Plain text: the fields with their values before and after, then the dataset version and origin. */
export function changeSummary(c: ChangeView): string {
  const before = (c.before ?? {}) as Record<string, unknown>;
  const after = (c.after ?? {}) as Record<string, unknown>;
  const lines =
    c.kind === 'removed'
      ? [`${c.subjectId} is no longer in the dataset.`]
      : c.kind === 'added'
        ? c.fields.map((f) => `${f}: ${show(after[f])}`)
        : c.fields.map((f) => `${f}: ${show(before[f])} → ${show(after[f])}`);
  if (c.sourceIds.length) lines.push(`sources: ${c.sourceIds.join(', ')}`);
  lines.push(
    `${c.origin === 'seed' ? 'seed load' : 'curation'}${c.datasetVersion ? `, dataset ${c.datasetVersion}` : ''}`,
  );
  return lines.join('\n');
}
