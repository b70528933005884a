// The list filters compiled to Cypher, without a database: which condition anchors the MATCH, that every value
// travels as a parameter (never in the Cypher text), and how values are normalised before they are bound.
import { describe, expect, it } from 'vitest';
import { IN_FORCE } from '../../src/db/cypher-rules.js';
import {
  chipFilter,
  companyFilter,
  exportControlFilter,
  modelFilter,
  vendorLevelFilter,
  type ChipWhere,
} from '../../src/db/repositories/list-filters.js';
import { anchors, fragments, type CompiledFilter } from '../../src/db/repositories/list-repository.js';

const HOSTILE = "x' OR 1=1 //";

/** All the Cypher text a filter contributes: its predicates and its anchor. */
const cypherOf = (f: CompiledFilter) =>
  [...f.predicates, f.anchor?.match ?? '', f.anchor?.replaces ?? ''].join('\n');

/** Every `$name` the Cypher text refers to. */
const paramsIn = (text: string) => new Set([...text.matchAll(/\$(\w+)/g)].map((m) => m[1]));

describe('an empty where', () => {
  it.each([
    ['companyFilter', companyFilter],
    ['chipFilter', chipFilter],
    ['modelFilter', modelFilter],
    ['exportControlFilter', exportControlFilter],
  ] as const)('%s yields no predicate, no parameter and no anchor', (_, build) => {
    for (const f of [build(), build({})]) {
      expect(f).toEqual({ predicates: [], params: {} });
      expect('anchor' in f).toBe(false);
    }
  });

  it('vendorLevelFilter yields an empty filter (not null)', () => {
    expect(vendorLevelFilter()).toEqual({ predicates: [], params: {} });
  });

  it('null and undefined conditions are inactive; false and 0 are active', () => {
    expect(chipFilter({ ids: null, vendorIds: null, nameContains: undefined })).toEqual({
      predicates: [],
      params: {},
    });
    const f = chipFilter({ chinaCompliant: false, minMemoryGb: 0 });
    expect(f.predicates).toEqual([
      'coalesce(n.chinaCompliant, false) = $chinaCompliant',
      'n.memoryGb >= $minMemoryGb',
    ]);
    expect(f.params).toEqual({ chinaCompliant: false, minMemoryGb: 0 });
    expect(modelFilter({ openWeights: false }).params).toEqual({ openWeights: false });
  });
});

describe('anchors', () => {
  it('a chip list by vendor starts from the vendor, and that predicate is the one it replaces', () => {
    const f = chipFilter({ vendorIds: ['nvidia'] });
    expect(f.anchor).toEqual({ match: anchors.vendorIds('n'), replaces: fragments.vendorIds('n') });
    expect(f.predicates).toEqual([fragments.vendorIds('n')]);
    expect(f.anchor!.match).toMatch(/^MATCH \(va:Company\) WHERE va\.id IN \$vendorIds .* WITH DISTINCT n$/);
    expect(f.params).toEqual({ vendorIds: ['nvidia'] });
  });

  it('a chip list by vendor country starts from the country', () => {
    const f = chipFilter({ vendorCountries: ['CN'], status: ['SHIPPING'] });
    expect(f.anchor).toEqual({
      match: anchors.vendorCountries('n'),
      replaces: fragments.vendorCountries('n'),
    });
    expect(f.anchor!.match).toMatch(/^MATCH \(ka:Country\) WHERE ka\.code IN \$vendorCountries /);
    expect(f.predicates).toHaveLength(2);
    expect(f.params).toEqual({ vendorCountries: ['CN'], status: ['shipping'] });
  });

  it('with both a vendor and a country, the vendor (first in order) anchors and both stay predicates', () => {
    const f = chipFilter({ vendorCountries: ['US'], vendorIds: ['amd'] });
    expect(f.anchor?.replaces).toBe(fragments.vendorIds('n'));
    expect(f.predicates).toEqual([fragments.vendorIds('n'), fragments.vendorCountries('n')]);
  });

  it('a condition without an anchor (ids, family...) leaves the MATCH on the label', () => {
    expect(chipFilter({ ids: ['h100'], family: 'Hopper' }).anchor).toBeUndefined();
  });

  it('a model list starts from its developer, else from the developer country', () => {
    expect(modelFilter({ developerIds: ['deepseek'], developerCountries: ['CN'] }).anchor).toEqual({
      match: anchors.developerIds('n'),
      replaces: fragments.developerIds('n'),
    });
    expect(modelFilter({ developerCountries: ['CN'], openWeights: true }).anchor).toEqual({
      match: anchors.developerCountries('n'),
      replaces: fragments.developerCountries('n'),
    });
  });

  it('companies and export controls start from their country; vendor-level orders test it as a predicate', () => {
    const c = companyFilter({ countryCodes: ['CN'] });
    expect(c.anchor?.match).toMatch(
      /^MATCH \(ka:Country\) WHERE ka\.code IN \$codes MATCH \(ka\)<-\[ha:HEADQUARTERED_IN\]-\(n:Company\)/,
    );
    expect(c.anchor?.replaces).toBe(c.predicates[0]);
    expect(c.params).toEqual({ codes: ['CN'] });
    const x = exportControlFilter({ issuerCountries: ['US'] });
    expect(x.anchor?.match).toMatch(
      /^MATCH \(ka:Country\) WHERE ka\.code IN \$issuers MATCH \(ka\)<-\[ia:ISSUED_BY\]-\(n:ExportControl\)/,
    );
    expect(x.params).toEqual({ issuers: ['US'] });
    expect(vendorLevelFilter({ vendorCountries: ['CN'] })?.anchor).toBeUndefined();
  });

  it('every anchor and predicate only reads live facts', () => {
    for (const f of [
      chipFilter({ vendorIds: ['a'] }),
      chipFilter({ vendorCountries: ['CN'] }),
      modelFilter({ developerIds: ['a'] }),
      modelFilter({ developerCountries: ['CN'] }),
    ]) {
      expect(f.anchor!.match).toContain('da.retracted IS NULL');
      expect(f.anchor!.replaces).toContain('d.retracted IS NULL');
    }
  });
});

describe('values are parameters, never Cypher text', () => {
  const chipWhere: ChipWhere = {
    ids: [HOSTILE],
    vendorIds: [HOSTILE],
    vendorCountries: [HOSTILE],
    status: [HOSTILE],
    family: HOSTILE,
    chinaCompliant: true,
    restrictedBy: HOSTILE,
    releasedAfter: HOSTILE,
    releasedBefore: HOSTILE,
    minMemoryGb: 1,
    minBf16DenseTflops: 2,
    nameContains: HOSTILE,
  };
  const cases: [string, CompiledFilter][] = [
    ['chips', chipFilter(chipWhere)],
    [
      'companies',
      companyFilter({ ids: [HOSTILE], countryCodes: [HOSTILE], roles: [HOSTILE], nameContains: HOSTILE }),
    ],
    [
      'models',
      modelFilter({
        ids: [HOSTILE],
        developerIds: [HOSTILE],
        developerCountries: [HOSTILE],
        openWeights: true,
        status: [HOSTILE],
        chipIds: [HOSTILE],
        releasedAfter: HOSTILE,
        releasedBefore: HOSTILE,
        asOf: HOSTILE,
        nameContains: HOSTILE,
      }),
    ],
    [
      'export controls',
      exportControlFilter({
        issuerCountries: [HOSTILE],
        measureTypes: [HOSTILE],
        inForceAsOf: HOSTILE,
        restrictsChipIds: [HOSTILE],
        targetIds: [HOSTILE],
      }),
    ],
    [
      'vendor-level orders',
      vendorLevelFilter({ vendorIds: [HOSTILE], vendorCountries: [HOSTILE], family: HOSTILE })!,
    ],
  ];

  it.each(cases)('%s: the hostile text is only in params', (_, f) => {
    const text = cypherOf(f);
    expect(text).not.toContain('1=1');
    expect(text).not.toContain("x'");
    expect(JSON.stringify(f.params).toLowerCase()).toContain(
      JSON.stringify(HOSTILE.toLowerCase()).slice(1, -1),
    );
  });

  it.each(cases)('%s: every parameter bound is referenced, and every reference is bound', (_, f) => {
    expect(paramsIn(cypherOf(f))).toEqual(new Set(Object.keys(f.params)));
  });

  it('one predicate per active condition', () => {
    expect(cases[0]![1].predicates).toHaveLength(Object.keys(chipWhere).length);
  });
});

describe('normalisation before binding', () => {
  it('lower-cases name searches, families and statuses (the Cypher side compares lower-cased)', () => {
    const f = chipFilter({ nameContains: 'Ascend', family: 'Hopper', status: ['SHIPPING', 'Announced'] });
    expect(f.params).toEqual({ nameContains: 'ascend', family: 'hopper', status: ['shipping', 'announced'] });
    expect(f.predicates).toContain(fragments.nameContains('n'));
    expect(f.predicates).toContain('toLower(n.family) = $family');
  });

  it('keeps ids, country codes and dates as given', () => {
    const f = modelFilter({ ids: ['Qwen-2'], developerCountries: ['CN'], releasedAfter: '2024-03' });
    expect(f.params).toEqual({ ids: ['Qwen-2'], developerCountries: ['CN'], releasedAfter: '2024-03' });
  });

  it('turns measure types from the enum into the stored form', () => {
    expect(exportControlFilter({ measureTypes: ['ENTITY_LIST', 'RULE'] }).params).toEqual({
      measureTypes: ['entity-list', 'rule'],
    });
  });

  it('uses the shared in-force rule for inForceAsOf', () => {
    const f = exportControlFilter({ inForceAsOf: '2024-01-01' });
    expect(f.predicates).toEqual([IN_FORCE('n', 'inForceAsOf')]);
    expect(f.params).toEqual({ inForceAsOf: '2024-01-01' });
  });

  it('models released by asOf include those with no release date', () => {
    expect(modelFilter({ asOf: '2025' }).predicates).toEqual(['(n.released IS NULL OR n.released <= $asOf)']);
  });
});

describe('vendorLevelFilter', () => {
  it.each<[string, ChipWhere]>([
    ['ids', { ids: ['h100'] }],
    ['status', { status: ['shipping'], vendorIds: ['nvidia'] }],
    ['a spec', { minMemoryGb: 80 }],
    ['a date', { releasedAfter: '2024' }],
    ['chinaCompliant false', { chinaCompliant: false }],
  ])('is null when the filter has a chip-only condition (%s)', (_, w) => {
    expect(vendorLevelFilter(w)).toBeNull();
  });

  it('ignores chip-only conditions that are null', () => {
    expect(vendorLevelFilter({ ids: null, minMemoryGb: null, family: 'Ascend' })).toEqual({
      predicates: ['toLower(r.chipFamily) = $family'],
      params: { family: 'ascend' },
    });
  });

  it('tests the vendor company itself (with its parents), not its chips', () => {
    const f = vendorLevelFilter({ vendorIds: ['huawei'], vendorCountries: ['CN'] })!;
    expect(f.predicates).toEqual([
      fragments.companyUnderVendorIds('n'),
      fragments.companyInVendorCountries('n'),
    ]);
    expect(f.predicates.join(' ')).not.toContain('DESIGNS');
    expect(f.params).toEqual({ vendorIds: ['huawei'], vendorCountries: ['CN'] });
  });
});
