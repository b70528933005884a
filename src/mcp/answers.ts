// Turns a GraphQL answer into an MCP tool result: `structuredContent` (the API's data, with every fact's confidence
// and sources inline, plus a numbered list of the sources cited) and a short text rendering that cites them by number.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ChipgraphError } from '../errors.js';
import type { GraphqlErrorBody, GraphqlResponse } from './graphql-runner.js';

export const SourceRecord = z.object({
  ref: z.number().int().describe('The number the text rendering cites, e.g. [3].'),
  id: z.string(),
  publisher: z.string(),
  title: z.string(),
  published: z
    .string()
    .nullable()
    .describe('ISO 8601 date of the precision the source gives; null: undated.'),
  url: z.string().nullable(),
  kind: z.string().describe('official, press, paper, dataset or blog.'),
});
export type SourceRecord = z.infer<typeof SourceRecord>;

export const ErrorRecord = z.object({
  code: z
    .string()
    .describe('The API error code: NOT_FOUND, BAD_USER_INPUT, QUERY_TOO_COMPLEX, RATE_LIMITED...'),
  message: z.string(),
  argument: z.string().optional().describe('The tool argument at fault.'),
  suggestions: z.array(z.string()).optional().describe('Closest existing ids, for NOT_FOUND.'),
  limit: z.string().optional(),
  max: z.number().optional(),
  found: z.number().optional(),
  retryAfter: z.number().optional(),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

/** The shape of every tool's structuredContent (one of answer or error). */
export const AnswerEnvelope = {
  answer: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "The API's answer: every fact carries `confidence` and `sources` (publisher, title, date, URL).",
    ),
  sources: z
    .array(SourceRecord)
    .optional()
    .describe('Every source in the answer, numbered as the text cites them.'),
  cost: z
    .object({ requested: z.number(), limit: z.number(), remaining: z.number().optional() })
    .optional()
    .describe("The query's estimated cost, the per-query limit and the rate-limit budget left."),
  error: ErrorRecord.optional(),
};

/** The sources found anywhere in an answer, numbered in order of first appearance. */
export class Citations {
  private readonly byId = new Map<string, SourceRecord>();

  constructor(data: unknown) {
    this.collect(data);
  }

  private collect(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.collect(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.publisher === 'string' && typeof o.title === 'string') {
      if (!this.byId.has(o.id)) {
        this.byId.set(o.id, {
          ref: this.byId.size + 1,
          id: o.id,
          publisher: o.publisher,
          title: o.title,
          published: typeof o.published === 'string' ? o.published : null,
          url: typeof o.url === 'string' ? o.url : null,
          kind: typeof o.kind === 'string' ? o.kind : 'unknown',
        });
      }
      return;
    }
    for (const v of Object.values(o)) this.collect(v);
  }

  /** `[1][4]` for these sources (those without an id in the answer are skipped). */
  cite(sources: unknown): string {
    if (!Array.isArray(sources)) return '';
    return sources
      .map((s) => this.byId.get(String((s as { id?: unknown })?.id))?.ref)
      .filter((r): r is number => r !== undefined)
      .map((r) => `[${r}]`)
      .join('');
  }

  get list(): SourceRecord[] {
    return [...this.byId.values()];
  }

  /** The numbered source list that ends a text rendering. */
  render(max = 40): string {
    if (this.byId.size === 0) return '';
    const lines = this.list.slice(0, max).map((s) => {
      const date = s.published ?? 'undated';
      return `[${s.ref}] ${s.publisher}, "${s.title}", ${date}${s.url ? `, ${s.url}` : ''}`;
    });
    if (this.byId.size > max) lines.push(`… ${this.byId.size - max} more in structuredContent.sources`);
    return `\nSources:\n${lines.join('\n')}`;
  }
}

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
export const str = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** At most `max` lines, then a note that the rest is in the structured answer. */
export function capped(lines: string[], max = 30): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… ${lines.length - max} more in structuredContent.answer`];
}

/** Renames the API's argument paths (`target.vendorId`, `where.modelIds`) to the tool's own argument names. */
export type ArgumentNames = (apiArgument: string) => string;
const sameNames: ArgumentNames = (a) => a.replace(/^(where|target)\./, '');

export function errorRecord(error: GraphqlErrorBody, names: ArgumentNames = sameNames): ErrorRecord {
  const ext = error.extensions ?? {};
  const apiArgument = typeof ext.argument === 'string' ? ext.argument : undefined;
  const argument = apiArgument !== undefined ? names(apiArgument) : undefined;
  // The API's message names its own argument path; say the tool's argument instead.
  const message =
    apiArgument !== undefined && argument !== apiArgument
      ? error.message.replace(`Argument "${apiArgument}"`, `Argument "${argument}"`)
      : error.message;
  const record: ErrorRecord = {
    code: typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR',
    message,
  };
  if (argument !== undefined) record.argument = argument;
  if (Array.isArray(ext.suggestions)) record.suggestions = ext.suggestions.map(String);
  if (typeof ext.limit === 'string') record.limit = ext.limit;
  if (typeof ext.max === 'number') record.max = ext.max;
  if (typeof ext.found === 'number') record.found = ext.found;
  if (typeof ext.retryAfter === 'number') record.retryAfter = ext.retryAfter;
  return record;
}

/** A domain error met by the MCP layer itself (src/errors.ts), recorded exactly as the API would answer it. */
export function domainErrorRecord(error: ChipgraphError, names?: ArgumentNames): ErrorRecord {
  return errorRecord({ message: error.message, extensions: { code: error.code, ...error.extra } }, names);
}

export function errorResult(error: ErrorRecord): CallToolResult {
  const hint = error.suggestions?.length ? '' : error.code === 'NOT_FOUND' ? ' Try the `search` tool.' : '';
  return {
    isError: true,
    content: [{ type: 'text', text: `${error.code}: ${error.message}${hint}` }],
    structuredContent: { error },
  };
}

/** A refusal decided by the MCP layer itself (before anything is sent to the API). */
export function refusal(code: string, message: string, extra: Partial<ErrorRecord> = {}): CallToolResult {
  return errorResult({ code, message, ...extra });
}

export type Renderer = (data: Obj, cite: Citations) => string[];

/** Largest JSON copy of an answer sent as text (characters). */
const MAX_JSON_TEXT = 60_000;

/**
 * The tool result for a GraphQL answer: the first error (if the API refused or found nothing), else the data with
 * its sources numbered, rendered as text by `render`, and the same as JSON for clients that read only text.
 */
export function toolResult(answer: GraphqlResponse, render: Renderer, names?: ArgumentNames): CallToolResult {
  const first = answer.errors?.[0];
  if (first || !answer.data) {
    return errorResult(
      errorRecord(
        first ?? { message: 'The API answered no data.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        names,
      ),
    );
  }
  const citations = new Citations(answer.data);
  const cost = obj(answer.extensions).cost as
    { requested: number; limit: number; remaining?: number } | undefined;
  const structured: Obj = { answer: answer.data, sources: citations.list };
  if (cost) structured.cost = cost;
  const text = [...render(answer.data, citations), citations.render()].join('\n').trim();
  // The JSON copy is for clients that read only text; a very large one would flood the assistant's context.
  const json = JSON.stringify(structured);
  const copy =
    json.length <= MAX_JSON_TEXT
      ? json
      : `(The full answer, ${Math.round(json.length / 1000)} kB of JSON, is in structuredContent; narrow the ` +
        'question, e.g. with minConfidence or a smaller `first`, to get it here as text.)';
  return {
    content: [
      { type: 'text', text },
      { type: 'text', text: copy },
    ],
    structuredContent: structured,
  };
}
