// Reads seed folders and validates them completely before anything touches the database: every problem at once,
// each with file, record id and field.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ENTITY_SPECS, RELATIONSHIP_ENDPOINTS, type EntityLabel } from '../ontology.js';
import { aliasProblems, factProblems, familyProblems, moeWarnings, suspensionProblems, unitProblems, type RuleEntity } from './model-rules.js';
import { DatasetRecord, RelationshipRecord, SourceRecord, type ClaimRecord } from './records.js';
import { confidenceProblem, sourceProblems, type RuleProblem } from './source-rules.js';

export interface Problem {
  file: string;
  id: string;
  field: string;
  message: string;
}

export interface EntityRow {
  label: EntityLabel;
  file: string;
  record: Record<string, unknown> & { id: string; sources: string[]; claims?: ClaimRecord[] };
}
export interface RelationshipRow {
  id: string;
  file: string;
  record: RelationshipRecord;
}
export interface SourceRow {
  file: string;
  record: SourceRecord;
}

export interface SeedBundle {
  sources: SourceRow[];
  entities: EntityRow[];
  relationships: RelationshipRow[];
}

export interface ValidationResult {
  bundle: SeedBundle;
  problems: Problem[];
  /** Advisory findings: printed, never failing. */
  warnings: Problem[];
  files: number;
  /** `dataset.json` of the last folder that has one (an overlay may leave the base's in place). */
  dataset: DatasetRecord | null;
}

export function relationshipId(r: Pick<RelationshipRecord, 'type' | 'from' | 'to' | 'key'>): string {
  return [r.type, r.from, r.to, ...(r.key ? [r.key] : [])].join('|');
}

function recordId(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (typeof r.id === 'string') return r.id;
    if (typeof r.type === 'string' && typeof r.from === 'string' && typeof r.to === 'string') {
      return relationshipId({ type: r.type as never, from: r.from, to: r.to, key: r.key as string | undefined });
    }
  }
  return `#${index}`;
}

function readArrays(dir: string, folder: string, problems: Problem[]): { file: string; items: unknown[] }[] {
  const full = path.join(dir, folder);
  if (!fs.existsSync(full)) return [];
  const out: { file: string; items: unknown[] }[] = [];
  for (const name of fs.readdirSync(full).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(full, name);
    const shown = path.relative(process.cwd(), file) || file;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!Array.isArray(parsed)) {
        problems.push({ file: shown, id: '-', field: '-', message: 'the file must hold a JSON array of records' });
        continue;
      }
      out.push({ file: shown, items: parsed });
    } catch (err) {
      problems.push({ file: shown, id: '-', field: '-', message: `not valid JSON: ${(err as Error).message}` });
    }
  }
  return out;
}

function parseAll<T>(
  schema: z.ZodType<T>,
  files: { file: string; items: unknown[] }[],
  problems: Problem[],
): { file: string; record: T }[] {
  const out: { file: string; record: T }[] = [];
  for (const { file, items } of files) {
    items.forEach((raw, i) => {
      const res = schema.safeParse(raw);
      if (res.success) out.push({ file, record: res.data });
      else
        for (const issue of res.error.issues) {
          problems.push({ file, id: recordId(raw, i), field: issue.path.join('.') || '-', message: issue.message });
        }
    });
  }
  return out;
}

/**
 * Validate one or more seed folders. Later folders are layered on top of earlier ones: a record with the same id
 * (or, for relationships, the same type|from|to|key) replaces the earlier one. Duplicates inside one folder are
 * errors.
 */
export function validateSeed(dirs: string[]): ValidationResult {
  const problems: Problem[] = [];
  let files = 0;
  let dataset: DatasetRecord | null = null;
  const sources = new Map<string, SourceRow>();
  const entities = new Map<string, EntityRow>();
  const relationships = new Map<string, RelationshipRow>();

  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      problems.push({ file: dir, id: '-', field: '-', message: 'seed folder does not exist' });
      continue;
    }
    const seenHere = new Map<string, string>();
    const claim = (id: string, file: string, field = 'id'): boolean => {
      const prev = seenHere.get(id);
      if (prev) {
        problems.push({ file, id, field, message: `duplicate id (also in ${prev})` });
        return false;
      }
      seenHere.set(id, file);
      return true;
    };

    const found = readDataset(dir, problems);
    if (found !== undefined) dataset = found;
    else if (dir === dirs[0]) {
      problems.push({ file: path.join(dir, 'dataset.json'), id: '-', field: '-', message: 'the base seed folder needs dataset.json (version, title, license)' });
    }
    const srcFiles = readArrays(dir, 'sources', problems);
    files += srcFiles.length;
    for (const row of parseAll(SourceRecord, srcFiles, problems)) {
      if (claim(row.record.id, row.file)) sources.set(row.record.id, row);
    }
    for (const spec of ENTITY_SPECS) {
      const f = readArrays(dir, spec.folder, problems);
      files += f.length;
      for (const row of parseAll(spec.record, f, problems)) {
        const record = row.record as EntityRow['record'];
        if (!claim(record.id, row.file)) continue;
        const prev = entities.get(record.id);
        if (prev && prev.label !== spec.label) {
          problems.push({
            file: row.file,
            id: record.id,
            field: 'id',
            message: `id already names a ${prev.label} in ${prev.file}`,
          });
          continue;
        }
        entities.set(record.id, { label: spec.label, file: row.file, record });
      }
    }
    const relFiles = readArrays(dir, 'relationships', problems);
    files += relFiles.length;
    const relSeen = new Map<string, string>();
    for (const row of parseAll(RelationshipRecord, relFiles, problems)) {
      const id = relationshipId(row.record);
      const prev = relSeen.get(id);
      if (prev) {
        problems.push({
          file: row.file,
          id,
          field: 'key',
          message: `duplicate relationship (also in ${prev}); give each fact of one pair a distinct key`,
        });
        continue;
      }
      relSeen.set(id, row.file);
      relationships.set(id, { id, file: row.file, record: row.record });
    }
  }

  // Cross-record checks run on the merged view, so an overlay may refer to the base dataset's ids.
  for (const id of entities.keys()) {
    if (sources.has(id)) {
      const e = entities.get(id)!;
      problems.push({ file: e.file, id, field: 'id', message: 'id is also used by a source' });
    }
  }
  const checkConfidence = (file: string, id: string, field: string, confidence: ClaimRecord['confidence'], ids: readonly string[]) => {
    if (!ids.every((s) => sources.has(s))) return;
    const message = confidenceProblem(confidence, ids.map((s) => sources.get(s)!.record.kind));
    if (message) problems.push({ file, id, field, message });
  };
  const checkSources = (file: string, id: string, field: string, ids: readonly string[]) => {
    ids.forEach((s, i) => {
      if (!sources.has(s)) problems.push({ file, id, field: `${field}.${i}`, message: `unknown source id "${s}"` });
    });
  };
  for (const e of entities.values()) {
    checkSources(e.file, e.record.id, 'sources', e.record.sources);
    e.record.claims?.forEach((c, i) => {
      checkSources(e.file, e.record.id, `claims.${i}.sources`, c.sources);
      checkConfidence(e.file, e.record.id, `claims.${i}.confidence`, c.confidence, c.sources);
    });
    const suspensions = (e.record.suspensions as { sources: string[] }[] | undefined) ?? [];
    suspensions.forEach((x, i) => checkSources(e.file, e.record.id, `suspensions.${i}.sources`, x.sources));
  }
  for (const r of relationships.values()) {
    const rec = r.record;
    checkSources(r.file, r.id, 'sources', rec.sources);
    checkConfidence(r.file, r.id, 'confidence', rec.confidence, rec.sources);
    const ends = RELATIONSHIP_ENDPOINTS[rec.type];
    for (const side of ['from', 'to'] as const) {
      const target = entities.get(rec[side]);
      if (!target) {
        problems.push({ file: r.file, id: r.id, field: side, message: `unknown id "${rec[side]}"` });
      } else if (!ends[side].includes(target.label)) {
        problems.push({
          file: r.file,
          id: r.id,
          field: side,
          message: `${rec.type} ${side} must be a ${ends[side].join(' or ')}, but "${rec[side]}" is a ${target.label}`,
        });
      }
    }
    if (rec.from === rec.to) problems.push({ file: r.file, id: r.id, field: 'to', message: 'a fact cannot join an entity to itself' });
    if (rec.validFrom && rec.validTo && rec.validTo < rec.validFrom) {
      problems.push({ file: r.file, id: r.id, field: 'validTo', message: 'validTo is before validFrom' });
    }
  }

  const warnings = format2Rules(sources, entities, relationships, problems);

  return {
    warnings,
    dataset,
    bundle: {
      sources: [...sources.values()],
      entities: [...entities.values()],
      relationships: [...relationships.values()],
    },
    problems,
    files,
  };
}

function readDataset(dir: string, problems: Problem[]): DatasetRecord | undefined {
  const file = path.join(dir, 'dataset.json');
  if (!fs.existsSync(file)) return undefined;
  const shown = path.relative(process.cwd(), file) || file;
  try {
    const res = DatasetRecord.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (res.success) return res.data;
    for (const issue of res.error.issues) {
      problems.push({ file: shown, id: 'dataset', field: issue.path.join('.') || '-', message: issue.message });
    }
  } catch (err) {
    problems.push({ file: shown, id: 'dataset', field: '-', message: `not valid JSON: ${(err as Error).message}` });
  }
  return undefined;
}

/** The Format 2 rules (schema/seed-format.md) over the merged view; returns the advisory warnings. */
function format2Rules(
  sources: Map<string, SourceRow>,
  entities: Map<string, EntityRow>,
  relationships: Map<string, RelationshipRow>,
  problems: Problem[],
): Problem[] {
  const byId = new Map<string, RuleEntity>([...entities].map(([id, e]) => [id, { label: e.label, record: e.record }]));
  const facts = [...relationships.values()].map((r) => ({ id: r.id, record: r.record }));
  const fileOf = (id: string): string =>
    entities.get(id)?.file ??
    relationships.get(id)?.file ??
    sources.get(id)?.file ??
    [...relationships.values()].find((r) => id.startsWith(`${r.record.type}|${r.record.from}|${r.record.to}`))?.file ??
    '-';
  const add = (into: Problem[], found: RuleProblem[]) => {
    for (const p of found) into.push({ file: fileOf(p.id), ...p });
  };
  for (const row of sources.values()) {
    const pid = row.record.publisherId;
    const pub = pid ? entities.get(pid) : undefined;
    add(problems, sourceProblems(row.record, pub && { label: pub.label, ...(pub.record as { domains?: string[]; website?: string }) }));
  }
  for (const e of entities.values()) if (e.label === 'ExportControl') add(problems, suspensionProblems(e.record));
  add(problems, factProblems(byId, facts));
  add(problems, familyProblems(byId, facts));
  add(problems, aliasProblems(byId));
  add(problems, unitProblems(byId, facts));
  const warnings: Problem[] = [];
  const families = new Set([...entities.values()].filter((e) => e.record.isFamily === true).map((e) => e.record.id));
  add(warnings, moeWarnings(byId, families));
  return warnings;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}: ${p.id}: ${p.field}: ${p.message}`).join('\n');
}
