// The Format 2 rules of schema/seed-format.md: each one refuses a broken fixture with file, id, field and a
// message saying what is allowed, and the minimal fixture passes them all.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/db/seed/validate.js';
import {
  BLOG,
  control,
  fact,
  fixture,
  PRESS,
  problemsOf,
  US_RULE,
  withUsDomains,
} from '../helpers/seed-fixture.js';

/** A chip family node: a vendor's chips of unnamed generation, without figures. */
const TPU_FAMILY = {
  id: 'google-tpu-family',
  name: 'Google TPU (generation not named)',
  family: 'TPU',
  isFamily: true,
  sources: [PRESS.id],
};

describe('Format 2 rules', () => {
  const cases: [string, () => string, Partial<Problem>][] = [
    [
      'an official source without publisherId',
      () =>
        fixture(
          { 'sources/more.json': [{ ...US_RULE, publisherId: undefined }] },
          { 'countries/countries.json': withUsDomains },
        ),
      { id: US_RULE.id, field: 'publisherId', message: expect.stringMatching(/whose own publication/) },
    ],
    [
      "an official source on another site than the publisher's",
      () =>
        fixture(
          { 'sources/more.json': [{ ...US_RULE, url: 'https://www.lawfirm.example.com/alert' }] },
          { 'countries/countries.json': withUsDomains },
        ),
      {
        id: US_RULE.id,
        field: 'kind',
        message: expect.stringMatching(/not an official domain of "us".*bis\.gov/),
      },
    ],
    [
      'a tag page as a source',
      () =>
        fixture({ 'sources/more.json': [{ ...PRESS, url: 'https://www.techpowerup.com/news-tags/Triton' }] }),
      { id: PRESS.id, field: 'url', message: expect.stringMatching(/tag page/) },
    ],
    [
      'an AI-generated answer page as a source',
      () => fixture({ 'sources/more.json': [{ ...BLOG, url: 'https://api.askpandi.com/answer/1' }] }),
      { id: BLOG.id, field: 'url', message: expect.stringMatching(/AI-generated/) },
    ],
    [
      'a source without a date that is not marked undated',
      () => fixture({ 'sources/more.json': [{ ...PRESS, published: null }] }),
      { id: PRESS.id, field: 'published', message: expect.stringMatching(/undated/) },
    ],
    [
      'a reported fact resting only on blogs',
      () =>
        fixture({
          'sources/more.json': [BLOG],
          'relationships/more.json': [
            fact({ type: 'RUNS_ON', from: 'deepseek-v3', to: 'nvidia-h100', sources: [BLOG.id] }),
          ],
        }),
      {
        id: 'RUNS_ON|deepseek-v3|nvidia-h100',
        field: 'confidence',
        message: expect.stringMatching(/blog-only facts are rumored/),
      },
    ],
    [
      'a confirmed claim resting on press only',
      () =>
        fixture(
          { 'sources/more.json': [PRESS] },
          {
            'chips/chips.json': (r) =>
              r.map((c, i) =>
                i === 0
                  ? {
                      ...c,
                      claims: [
                        { field: 'memoryGb', value: 80, confidence: 'confirmed', sources: [PRESS.id] },
                      ],
                    }
                  : c,
              ),
          },
        ),
      {
        id: 'nvidia-h100',
        field: 'claims.0.confidence',
        message: expect.stringMatching(/official or paper/),
      },
    ],
    [
      'overlapping suspension periods',
      () =>
        fixture(
          {
            'sources/more.json': [US_RULE],
            'export-controls/x.json': [
              control({
                suspensions: [
                  { from: '2025-03-01', until: '2025-09-01', sources: [US_RULE.id] },
                  { from: '2025-06-01', until: null, sources: [US_RULE.id] },
                ],
              }),
            ],
          },
          { 'countries/countries.json': withUsDomains },
        ),
      { id: 'us-rule', field: 'suspensions', message: expect.stringMatching(/overlap/) },
    ],
    [
      'a suspension that ends before it starts',
      () =>
        fixture(
          {
            'sources/more.json': [US_RULE],
            'export-controls/x.json': [
              control({ suspensions: [{ from: '2025-03-01', until: '2025-02-01', sources: [US_RULE.id] }] }),
            ],
          },
          { 'countries/countries.json': withUsDomains },
        ),
      { id: 'us-rule', field: 'suspensions.0.until', message: expect.stringMatching(/after from/) },
    ],
    [
      'a suspension before the measure applies',
      () =>
        fixture(
          {
            'sources/more.json': [US_RULE],
            'export-controls/x.json': [
              control({ suspensions: [{ from: '2024-03-01', until: null, sources: [US_RULE.id] }] }),
            ],
          },
          { 'countries/countries.json': withUsDomains },
        ),
      {
        id: 'us-rule',
        field: 'suspensions.0.from',
        message: expect.stringMatching(/before the measure applies/),
      },
    ],
    [
      'a vendor ordering its own chip',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [fact({ type: 'ORDERED', from: 'nvidia', to: 'nvidia-h100' })],
        }),
      {
        id: 'ORDERED|nvidia|nvidia-h100',
        field: 'type',
        message: expect.stringMatching(/FABRICATES.*DEPLOYS/),
      },
    ],
    [
      "an order of a chip designed in the buyer's group",
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [
            fact({ type: 'SUBSIDIARY_OF', from: 'deepseek', to: 'nvidia' }),
            fact({ type: 'ORDERED', from: 'deepseek', to: 'nvidia-h100' }),
          ],
        }),
      { id: 'ORDERED|deepseek|nvidia-h100', field: 'type', message: expect.stringMatching(/DEPLOYS/) },
    ],
    [
      'an order pointing at a company that designs no chip',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [fact({ type: 'ORDERED', from: 'nvidia', to: 'deepseek' })],
        }),
      { id: 'ORDERED|nvidia|deepseek', field: 'to', message: expect.stringMatching(/designs no chip/) },
    ],
    [
      'a joint order with units on two records',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [
            fact({ type: 'ORDERED', from: 'deepseek', to: 'nvidia-h800', jointOrder: 'j1', units: 10 }),
            fact({ type: 'ORDERED', from: 'huawei', to: 'nvidia-h800', jointOrder: 'j1', units: 10 }),
          ],
        }),
      { field: 'units', message: expect.stringMatching(/units and values sit on one record/) },
    ],
    [
      "a chip designer's sale stored as SUPPLIES to the buyer",
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [
            fact({ type: 'SUPPLIES', from: 'huawei', to: 'deepseek', component: 'Ascend 910B' }),
          ],
        }),
      {
        id: 'SUPPLIES|huawei|deepseek',
        field: 'type',
        message: expect.stringMatching(/ORDERED with seller "huawei"/),
      },
    ],
    [
      'design credit twice within one group',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'relationships/more.json': [
            fact({ type: 'SUBSIDIARY_OF', from: 'huawei', to: 'nvidia' }),
            fact({ type: 'DESIGNS', from: 'huawei', to: 'nvidia-h100' }),
          ],
        }),
      { field: 'from', message: expect.stringMatching(/both design "nvidia-h100".*one group/) },
    ],
    [
      "a family carrying a variant's figures",
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'models/more.json': [
            { id: 'deepseek-v9', name: 'DeepSeek-V9', isFamily: true, parameters: 1e12, sources: [PRESS.id] },
            { id: 'deepseek-v9-pro', name: 'DeepSeek-V9-Pro', sources: [PRESS.id] },
          ],
          'relationships/more.json': [
            fact({ type: 'VARIANT_OF', from: 'deepseek-v9-pro', to: 'deepseek-v9' }),
          ],
        }),
      { id: 'deepseek-v9', field: 'parameters', message: expect.stringMatching(/family/) },
    ],
    [
      'a chip family carrying a figure',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'chips/more.json': [{ ...TPU_FAMILY, bf16DenseTflops: 459 }],
        }),
      {
        id: TPU_FAMILY.id,
        field: 'bf16DenseTflops',
        message: expect.stringMatching(/chip family.*concrete chip/),
      },
    ],
    [
      'a chip family carrying a claim on a figure',
      () =>
        fixture({
          'sources/more.json': [PRESS],
          'chips/more.json': [{ ...TPU_FAMILY, claims: [{ field: 'memoryGb', value: 96, ...fact({}) }] }],
        }),
      { id: TPU_FAMILY.id, field: 'claims.0', message: expect.stringMatching(/chip family/) },
    ],
    [
      'one alias on two entities',
      () =>
        fixture(
          {},
          {
            'companies/companies.json': (r) =>
              r.map((c) => (c.id === 'deepseek' ? { ...c, aliases: ['英伟达'] } : c)),
          },
        ),
      { field: expect.stringMatching(/^aliases\./), message: expect.stringMatching(/also an alias of/) },
    ],
    [
      'a process node that names its foundry',
      () =>
        fixture(
          {},
          { 'chips/chips.json': (r) => r.map((c, i) => (i === 0 ? { ...c, processNode: 'TSMC 4N' } : c)) },
        ),
      { id: 'nvidia-h100', field: 'processNode', message: expect.stringMatching(/node's name only/) },
    ],
    [
      'an interconnect holding a bandwidth figure',
      () =>
        fixture(
          {},
          {
            'chips/chips.json': (r) =>
              r.map((c, i) => (i === 0 ? { ...c, interconnect: 'NVLink 4, 900 GB/s' } : c)),
          },
        ),
      { id: 'nvidia-h100', field: 'interconnect', message: expect.stringMatching(/interconnectGbs/) },
    ],
    [
      'a memory type outside the vocabulary',
      () =>
        fixture(
          {},
          { 'chips/chips.json': (r) => r.map((c, i) => (i === 0 ? { ...c, memoryType: '128 GB' } : c)) },
        ),
      { id: 'nvidia-h100', field: 'memoryType' },
    ],
  ];

  it.each(cases)('refuses %s', (_name, make, expected) => {
    expect(problemsOf(make())).toContainEqual(expect.objectContaining(expected));
  });

  it('accepts a sourced suspension, a vendor-level joint order with a seller, and a deployment', () => {
    const dir = fixture(
      {
        'sources/more.json': [US_RULE, PRESS],
        'export-controls/x.json': [
          control({
            effective: '2025-02-01',
            suspensions: [{ from: '2025-11-10', until: '2026-11-10', sources: [US_RULE.id] }],
          }),
        ],
        'relationships/more.json': [
          fact({
            type: 'ORDERED',
            from: 'deepseek',
            to: 'huawei',
            chipFamily: 'Ascend',
            jointOrder: 'j1',
            valueLocal: 1e9,
            currency: 'CNY',
          }),
          fact({
            type: 'ORDERED',
            from: 'nvidia',
            to: 'huawei',
            chipFamily: 'Ascend',
            jointOrder: 'j1',
            seller: 'huawei',
          }),
          fact({
            type: 'DEPLOYS',
            from: 'huawei',
            to: 'huawei-ascend-910b',
            units: 1000,
            status: 'deployed',
          }),
        ],
      },
      { 'countries/countries.json': withUsDomains },
    );
    expect(problemsOf(dir)).toEqual([]);
  });

  it('accepts a chip family without figures that a model fact points at, with no chip VARIANT_OF it', () => {
    const dir = fixture({
      'sources/more.json': [PRESS],
      'chips/more.json': [TPU_FAMILY],
      'relationships/more.json': [
        fact({ type: 'DESIGNS', from: 'nvidia', to: TPU_FAMILY.id }),
        fact({
          type: 'TRAINED_ON',
          from: 'deepseek-v3',
          to: TPU_FAMILY.id,
          note: 'source names the family only',
        }),
      ],
    });
    expect(problemsOf(dir)).toEqual([]);
  });

  it('accepts a release page, which only looks like a tag listing', () => {
    const release = { ...BLOG, url: 'https://github.com/ROCm/gim/releases/tag/v1.0' };
    expect(problemsOf(fixture({ 'sources/more.json': [release] }))).toEqual([]);
  });
});
