// Mutation inputs are checked before the database: field paths as the client wrote them, all problems at once.
import { describe, expect, it } from 'vitest';
import {
  factType,
  parseAssertFact,
  parseCreateEntity,
  parseUpdateEntity,
} from '../../src/domain/curation-inputs.js';

const fields = (r: { ok: boolean; errors?: { field: string[] }[] }) =>
  (r.ok ? [] : r.errors!.map((e) => e.field.join('.'))).sort();

describe('parseUpdateEntity', () => {
  it('changes only what was sent: kind defaults (aliases, sources, roles) never sneak in', () => {
    const r = parseUpdateEntity({ id: 'cn', kind: 'COUNTRY', name: 'China (PRC)' });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ changes: { name: 'China (PRC)' }, expectedVersion: null }),
    });
    const company = parseUpdateEntity({ id: 'nvidia', kind: 'COMPANY', attributes: { ticker: null } });
    expect(company.ok && company.value.changes).toEqual({ ticker: null });
  });

  it('refuses clearing a required field, unknown attributes and a negative version, together', () => {
    const r = parseUpdateEntity({
      id: 'nvidia',
      kind: 'COMPANY',
      expectedVersion: -1,
      name: null,
      attributes: { memoryGb: 3 },
    });
    expect(fields(r)).toEqual(['input.attributes.memoryGb', 'input.expectedVersion', 'input.name']);
  });
});

describe('parseCreateEntity', () => {
  it('places kind fields under attributes and common fields at the top', () => {
    const r = parseCreateEntity({
      kind: 'MODEL',
      id: 'm-1',
      name: 'M1',
      sources: ['a-source'],
      attributes: { parameters: -1, name: 'dup', status: 'released' },
    });
    expect(fields(r)).toEqual(['input.attributes.name', 'input.attributes.parameters']);
  });

  it('asks for at least one source except for countries', () => {
    expect(fields(parseCreateEntity({ kind: 'CHIP', id: 'c-1', name: 'C1' }))).toEqual(['input.sources']);
    const country = parseCreateEntity({
      kind: 'COUNTRY',
      id: 'fr',
      name: 'France',
      attributes: { code: 'FR' },
    });
    expect(country.ok && country.value.record).toEqual({
      id: 'fr',
      name: 'France',
      aliases: [],
      sources: [],
      code: 'FR',
    });
  });
});

describe('parseAssertFact', () => {
  it('builds the id as the seed does and keeps type-specific properties', () => {
    const r = parseAssertFact({
      type: 'ORDERED',
      from: 'bytedance',
      to: 'nvidia-h20',
      key: '2025-q1',
      confidence: 'REPORTED',
      sources: ['s-1'],
      properties: { units: 100000, currency: 'CNY', valueLocal: 5 },
    });
    expect(r.ok && r.value).toMatchObject({
      id: 'ORDERED|bytedance|nvidia-h20|2025-q1',
      props: { units: 100000, currency: 'CNY', confidence: 'reported', key: '2025-q1' },
    });
  });

  it('refuses properties of another type and a period that ends before it starts', () => {
    const r = parseAssertFact({
      type: 'DESIGNS',
      from: 'a',
      to: 'b',
      confidence: 'CONFIRMED',
      sources: [],
      validFrom: '2025',
      validTo: '2024',
      properties: { units: 3 },
    });
    expect(fields(r)).toEqual(['input.properties.units', 'input.sources', 'input.validTo']);
  });

  it('reads the type out of a fact id', () => {
    expect(factType('TRAINED_ON|deepseek-v3|nvidia-h800')).toBe('TRAINED_ON');
    expect(factType('DROP_ALL|a|b')).toBeNull();
    expect(factType('TRAINED_ON|a')).toBeNull();
  });
});
