// GET /changes.atom: the change feed as Atom 1.0 (RFC 4287), so a feed reader can watch "anything new on Huawei"
// (`?entityId=huawei`, `?kind=corrected`, `?since=2026-11-01`). It runs the `changes` query through the same Yoga
// instance, so arguments, validation, limits and auth are the API's own; a bad parameter answers 400 naming it.
import type { Plugin } from 'graphql-yoga';
import type { ChangeView } from '../db/repositories/change-repository.js';
import { CHANGE_KINDS, changeSummary } from '../domain/changes.js';
import { httpStatusOf } from '../errors.js';
import type { GraphqlFetcher } from './exports/table.js';

export const FEED_PATH = '/changes.atom';
const FEED_PAGE = 50;
/** Tag URIs (RFC 4151) name entries independently of the host serving them. */
const TAG = 'tag:chipgraph,2026:';

const QUERY = `query ChangesFeed($since: String, $kinds: [ChangeKind!], $entityIds: [ID!], $first: Int) {
  changes(since: $since, kinds: $kinds, entityIds: $entityIds, first: $first) {
    nodes { id at kind subjectKind subjectId subjectName factType fields before after
            datasetVersion origin title sources { id } }
  }
}`;

interface FeedChange {
  id: string;
  at: string;
  kind: string;
  subjectKind: string;
  subjectId: string;
  subjectName: string;
  factType: string | null;
  fields: string[];
  before: unknown;
  after: unknown;
  datasetVersion: string | null;
  origin: string;
  title: string;
  sources: { id: string }[];
}

const escapeXml = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all (controls, lone surrogates' replacement) are dropped.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function xmlResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}

function errorResponse(status: number, code: string, message: string, parameter?: string): Response {
  return new Response(
    JSON.stringify({ error: { code, message, ...(parameter ? { parameter } : {}) } }, null, 2),
    {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  );
}

/** The explorer page an entry links to: the entity, or for a fact the end the feed is about (else its `from`). */
function entityOf(c: FeedChange, watched: string[]): string {
  if (c.subjectKind !== 'FACT') return c.subjectId;
  const [, from = c.subjectId, to] = c.subjectId.split('|');
  return to && watched.includes(to) && !watched.includes(from) ? to : from;
}

function entry(c: FeedChange, origin: string, watched: string[]): string {
  const view: ChangeView = {
    ...c,
    kind: c.kind.toLowerCase() as ChangeView['kind'],
    origin: c.origin.toLowerCase() as ChangeView['origin'],
    sourceIds: c.sources.map((s) => s.id),
    initial: false,
  };
  const link = `${origin}/#/entity/${encodeURIComponent(entityOf(c, watched))}`;
  return [
    '  <entry>',
    `    <id>${escapeXml(`${TAG}change/${c.id}`)}</id>`,
    `    <title type="text">${escapeXml(c.title)}</title>`,
    `    <updated>${escapeXml(c.at)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
    `    <category term="${escapeXml(view.kind)}" label="${escapeXml(c.kind)}"/>`,
    `    <summary type="text">${escapeXml(changeSummary(view))}</summary>`,
    '  </entry>',
  ].join('\n');
}

export function toAtom(changes: FeedChange[], url: URL, watched: string[]): string {
  const origin = url.origin;
  const about = watched.length ? ` (${watched.join(', ')})` : '';
  const query = url.searchParams.toString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(`${TAG}changes${query ? `?${query}` : ''}`)}</id>`,
    `  <title type="text">${escapeXml(`chipgraph: what changed${about}`)}</title>`,
    // A feed must say when it last changed: its newest entry (or now, when it has none).
    `  <updated>${escapeXml(changes[0]?.at ?? new Date().toISOString())}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(url.toString())}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/`)}"/>`,
    '  <author><name>chipgraph</name></author>',
    '  <generator>chipgraph</generator>',
    ...changes.map((c) => entry(c, origin, watched)),
    '</feed>',
    '',
  ].join('\n');
}

const PARAMETERS: Record<string, string> = {
  entityId: 'entityIds',
  kind: 'kinds',
  since: 'since',
};

interface GqlError {
  message: string;
  extensions?: { code?: string; argument?: string };
}

export async function handleChangesFeed(
  yoga: GraphqlFetcher,
  request: Request,
  url: URL,
  serverContext?: object,
) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(
      JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'The feed answers GET' } }),
      {
        status: 405,
        headers: { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' },
      },
    );
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (!(name in PARAMETERS)) {
      const known = Object.keys(PARAMETERS).join(', ');
      return errorResponse(400, 'BAD_USER_INPUT', `Unknown parameter "${name}"; use ${known}`, name);
    }
  }
  const watched = url.searchParams.getAll('entityId');
  const kinds = url.searchParams.getAll('kind').map((k) => k.toUpperCase());
  const unknownKind = kinds.find((k) => !(CHANGE_KINDS as readonly string[]).includes(k));
  if (unknownKind !== undefined) {
    const allowed = CHANGE_KINDS.map((k) => k.toLowerCase()).join(', ');
    return errorResponse(
      400,
      'BAD_USER_INPUT',
      `"${unknownKind.slice(0, 60)}" is not a change kind; use ${allowed}`,
      'kind',
    );
  }
  const variables = {
    since: url.searchParams.get('since'),
    kinds: kinds.length ? kinds : null,
    entityIds: watched.length ? watched : null,
    first: FEED_PAGE,
  };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const name of ['authorization', 'x-request-id', 'x-forwarded-for', 'user-agent']) {
    const v = request.headers.get(name);
    if (v) headers[name] = v;
  }
  const res = await yoga.fetch(
    new URL('/graphql', url).toString(),
    { method: 'POST', headers, body: JSON.stringify({ query: QUERY, variables }) },
    serverContext,
  );
  const body = (await res.json()) as {
    data?: { changes: { nodes: FeedChange[] } } | null;
    errors?: GqlError[];
  };
  const error = body.errors?.[0];
  if (error || !body.data) {
    const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    // GraphQL names its argument (entityIds); the feed's own parameter is what the client sent (entityId).
    const argument = error?.extensions?.argument;
    const parameter = Object.entries(PARAMETERS).find(([, arg]) => arg === argument)?.[0];
    const status = httpStatusOf(code) ?? (res.status >= 400 ? res.status : 502);
    return errorResponse(status, code, error?.message ?? `GraphQL answered HTTP ${res.status}`, parameter);
  }
  return xmlResponse(200, toAtom(body.data.changes.nodes, url, watched));
}

/** Serves /changes.atom from inside Yoga; `getYoga` is read per request because the plugin is created before Yoga. */
export function useChangesFeed(getYoga: () => GraphqlFetcher): Plugin {
  return {
    async onRequest(payload) {
      const { request, url } = payload;
      if (url.pathname !== FEED_PATH) return;
      const ctx = payload.serverContext as { req?: unknown } | undefined;
      payload.endResponse(
        await handleChangesFeed(getYoga(), request, url, ctx?.req ? { req: ctx.req } : undefined),
      );
    },
  };
}
