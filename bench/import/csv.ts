// CSV files for `neo4j-admin database import full`, written from bench/generate.ts's rows with the properties the
// seed loader would store (src/db/seed/load.ts: nulls dropped, claims as claimsJson, counts as integers, other
// numbers as floats, searchText, origin, seedHash, loadedAt). Real-seed entities that synthetic facts point at
// (countries, software stacks, issuers) get a stub node (id and labels); the real loader fills them in afterwards.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_LABEL, SOURCE_LABEL } from '../../src/db/ontology.js';
import type { EntityRow, RelationshipRow, SourceRow } from '../../src/db/seed/validate.js';
import type { SyntheticGraph } from '../generate.js';

type Props = Record<string, unknown>;
const INTEGER_FIELDS = new Set(['units', 'chipCount', 'contextTokens', 'parameters', 'activeParameters']);
export const ARRAY_DELIMITER = ';';

/** The properties the loader stores for one record (types decided per column by `columns`). */
function stored(record: Props, extra: Props = {}): Props {
  const props: Props = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined) continue;
    if (k === 'claims') props.claimsJson = JSON.stringify(v);
    else props[k] = v;
  }
  Object.assign(props, extra);
  props.origin = 'seed';
  props.seedHash = createHash('sha1').update(JSON.stringify(props)).digest('hex');
  return props;
}

const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function typeOf(key: string, v: unknown): string {
  if (Array.isArray(v)) return 'string[]';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return INTEGER_FIELDS.has(key) && Number.isSafeInteger(v) ? 'long' : 'double';
  return 'string';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return quote(v.map(String).join(ARRAY_DELIMITER));
  return quote(typeof v === 'string' ? v : JSON.stringify(v));
}

/** A CSV file whose header is fixed by the first rows' keys (every row of a kind has the same fields). */
class CsvFile {
  private readonly fd: number;
  private columns: { key: string; type: string }[] | null = null;
  private buffer: string[] = [];
  constructor(
    readonly file: string,
    private readonly fixed: string[],
    /** Properties already written by a fixed column (a node's `id:ID` stores `id`). */
    private readonly skip: string[] = [],
  ) {
    this.fd = fs.openSync(file, 'w');
  }
  /** `head` are the fixed columns' values (ids, label, type); `props` the properties. */
  write(head: string[], props: Props, sample?: Props[]): void {
    if (!this.columns) {
      const keys = new Map<string, string>();
      for (const p of sample ?? [props])
        for (const [k, v] of Object.entries(p))
          if (!keys.has(k) && !this.skip.includes(k)) keys.set(k, typeOf(k, v));
      this.columns = [...keys].map(([key, type]) => ({ key, type }));
      const header = [...this.fixed, ...this.columns.map((c) => `${c.key}:${c.type}`), 'loadedAt:datetime'];
      fs.writeSync(this.fd, `${header.join(',')}\n`);
    }
    const now = new Date().toISOString();
    for (const k of Object.keys(props))
      if (!this.skip.includes(k) && !this.columns.some((c) => c.key === k))
        throw new Error(`${this.file}: property ${k} missing from the header`);
    this.buffer.push([...head.map(quote), ...this.columns.map((c) => cell(props[c.key])), now].join(','));
    if (this.buffer.length >= 10_000) this.flush();
  }
  flush(): void {
    if (this.buffer.length) fs.writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

export interface CsvSet {
  nodes: string[];
  relationships: string[];
  counts: { nodes: number; relationships: number };
}

/** Writes the synthetic graph (plus stubs for the real ids it references) as CSV files under `dir`. */
export function writeCsv(g: SyntheticGraph, stubs: { id: string; label: string }[], dir: string): CsvSet {
  fs.mkdirSync(dir, { recursive: true });
  const nodes: string[] = [];

  const sourceProps = (s: SourceRow) => stored(s.record);
  const sources = new CsvFile(path.join(dir, 'sources.csv'), ['id:ID', ':LABEL'], ['id']);
  const sourceSample = g.sources.map(sourceProps);
  for (const s of g.sources) sources.write([s.record.id, SOURCE_LABEL], sourceProps(s), sourceSample);
  sources.close();
  nodes.push(sources.file);

  const entityProps = (e: EntityRow) => {
    const r = e.record as Props & { name?: string; aliases?: string[] };
    return stored(r, { searchText: [r.name, ...(r.aliases ?? [])].filter(Boolean).join(' | ') });
  };
  const files = new Map<string, CsvFile>();
  const samples = new Map<string, Props[]>();
  for (const e of g.entities) {
    let f = files.get(e.label);
    if (!f) {
      f = new CsvFile(path.join(dir, `${e.label}.csv`), ['id:ID', ':LABEL'], ['id']);
      files.set(e.label, f);
      // Every row of the label decides the header (optional fields appear on some rows only).
      samples.set(e.label, g.entities.filter((x) => x.label === e.label).map(entityProps));
    }
    f.write([e.record.id, `${ENTITY_LABEL};${e.label}`], entityProps(e), samples.get(e.label));
  }
  for (const f of files.values()) {
    f.close();
    nodes.push(f.file);
  }
  const stubFile = new CsvFile(path.join(dir, 'stubs.csv'), ['id:ID', ':LABEL'], ['id']);
  for (const s of stubs) stubFile.write([s.id, `${ENTITY_LABEL};${s.label}`], { id: s.id }, [{ id: s.id }]);
  stubFile.close();
  nodes.push(stubFile.file);

  // Relationships: one file per type, header from that type's first rows.
  const relFiles = new Map<string, CsvFile>();
  const relSamples = new Map<string, Props[]>();
  let relCount = 0;
  const relProps = (r: RelationshipRow) => {
    const { type: _t, from: _f, to: _to, ...rest } = r.record as Props;
    return stored(rest, { id: r.id });
  };
  for (const chunk of g.relationships(100_000)) {
    for (const r of chunk) {
      const type = r.record.type;
      let f = relFiles.get(type);
      if (!f) {
        f = new CsvFile(path.join(dir, `rel-${type}.csv`), [':START_ID', ':END_ID', ':TYPE']);
        relFiles.set(type, f);
        // Optional properties (chipCount, units...) must be in the header: sample this chunk's rows of the type.
        relSamples.set(
          type,
          chunk
            .filter((x) => x.record.type === type)
            .slice(0, 2_000)
            .map(relProps),
        );
      }
      f.write([r.record.from, r.record.to, type], relProps(r), relSamples.get(type));
      relCount++;
    }
  }
  for (const f of relFiles.values()) f.close();
  return {
    nodes,
    relationships: [...relFiles.values()].map((f) => f.file),
    counts: { nodes: g.sources.length + g.entities.length + stubs.length, relationships: relCount },
  };
}
