// A fact's `properties` (Fact, GraphEdge, the GraphML export) come from one rule: its stored properties less the
// fields shown apart and less bookkeeping, origin and retraction marks.
import { describe, expect, it } from 'vitest';
import { GRAPH_EDGE_FIELDS, otherFactProperties } from '../../src/db/stored.js';

const stored = {
  id: 'ORDERED|bytedance|nvidia-h20|2025',
  key: '2025',
  confidence: 'reported',
  sources: ['reuters-2025-04-02-h20-orders'],
  note: 'first quarter',
  validFrom: '2025-01',
  units: 100_000,
  status: 'ordered',
  origin: 'seed',
  seedHash: 'abc',
  loadedAt: '2026-12-01T00:00:00Z',
  retracted: true,
  retractedAt: '2026-12-01T01:00:00Z',
  retractedBy: 'editor',
  retractedById: 'key-1',
  retractionReason: 'duplicate',
};

describe('otherFactProperties', () => {
  it('keeps what a GraphEdge does not show apart (key, note, dates, units) and drops bookkeeping', () => {
    expect(otherFactProperties(stored, GRAPH_EDGE_FIELDS)).toEqual({
      key: '2025',
      note: 'first quarter',
      validFrom: '2025-01',
      units: 100_000,
      status: 'ordered',
    });
  });

  it('leaves out the fields a Fact shows as its own', () => {
    expect(
      otherFactProperties(stored, ['id', 'key', 'confidence', 'sources', 'validFrom', 'validTo', 'note']),
    ).toEqual({
      units: 100_000,
      status: 'ordered',
    });
  });
});
