// What schema/constraints.cypher must hold for the queries that rely on it, and the suggestion query's shape.
import { describe, expect, it } from 'vitest';
import { constraintStatements } from '../../src/db/migrations.js';
import { RELATIONSHIP_TYPES } from '../../src/db/ontology.js';
import { idQuery } from '../../src/db/repositories/search-repository.js';

describe('schema/constraints.cypher', () => {
  const statements = constraintStatements().map((s) => s.replace(/\s+/g, ' '));

  it('indexes `retracted` for every relationship type, so stats never scans facts to subtract retractions', () => {
    for (const type of RELATIONSHIP_TYPES) {
      expect(statements).toContain(
        `CREATE INDEX rel_${type.toLowerCase()}_retracted IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.retracted)`,
      );
    }
  });

  it('has the full-text index over ids that unknown-id suggestions read, and the graph version node', () => {
    expect(statements.some((s) => s.startsWith('CREATE FULLTEXT INDEX entity_ids IF NOT EXISTS'))).toBe(true);
    expect(statements.some((s) => s.includes('FOR (g:GraphVersion) REQUIRE g.id IS UNIQUE'))).toBe(true);
  });
});

describe('idQuery', () => {
  it('matches any word of an id: exact, prefix, fuzzy, and by its first letters when long', () => {
    expect(idQuery('nvidia-h10')).toBe(
      '(nvidia^4 OR nvidia*^2 OR nvidia~2 OR nvi*) OR (h10^4 OR h10*^2 OR h10~2)',
    );
    expect(idQuery('a')).toBe('(a^4 OR a*^2)');
  });

  it('drops Lucene syntax (ids are searched as words) and has nothing to ask for an id without letters', () => {
    expect(idQuery('ab"c) OR (*:*')).toBe(
      '(ab^4 OR ab*^2 OR ab~1) OR (c^4 OR c*^2) OR (or^4 OR or*^2 OR or~1)',
    );
    expect(idQuery('--- ~')).toBeNull();
  });
});

describe('idQuery on a very long word', () => {
  it('asks for the exact word and its first letters only (no prefix or fuzzy automaton over it)', () => {
    const long = 'x'.repeat(5_000);
    expect(idQuery(long)).toBe(`(${long}^4 OR xxx*)`);
  });
});
