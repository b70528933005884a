// Citations of sources: the CSL mapping per kind and date precision, and every format read back by a parser
// (citation-js's BibTeX and RIS input) to the same title, URL and date. CITATION.cff matches the dataset.
import fs from 'node:fs';
import path from 'node:path';
import { Cite } from '@citation-js/core';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  dateParts,
  formatCitation,
  formatCitations,
  toCsl,
  type CitableSource,
} from '../../src/domain/citations.js';
import { ROOT } from '../helpers/paths.js';

const SOURCES: CitableSource[] = [
  {
    id: 'bis-2022-10-07-advanced-computing-rule',
    publisher: 'US Department of Commerce, Bureau of Industry and Security',
    title:
      'Commerce Implements New Export Controls: $1.1 Billion, 100% "rules" & #1 under_score ~PRC^ \\ end',
    url: 'https://bis.gov/press-release/commerce?a=1&b=2',
    published: '2022-10-07',
    kind: 'official',
  },
  {
    id: 'reuters-2025-04-huawei',
    publisher: 'Reuters',
    title: 'Huawei ships 昇腾 910C to ByteDance',
    url: 'https://www.nasdaq.com/articles/order-$5-bln_of-nvidia-chips-100%25-~ft#top',
    published: '2025-04',
    kind: 'press',
  },
  {
    id: 'deepseek-v3-report',
    publisher: 'DeepSeek-AI',
    title: 'DeepSeek-V3 Technical Report',
    url: 'https://arxiv.org/abs/2412.19437',
    published: '2024-12-27',
    kind: 'paper',
  },
  {
    id: 'epoch-ai-models',
    publisher: 'Epoch AI',
    title: 'Data on Notable AI Models',
    url: 'https://epoch.ai/data/notable-ai-models',
    published: '2025',
    kind: 'dataset',
  },
  {
    id: 'undated-blog',
    publisher: 'SemiAnalysis',
    title: 'A blog post',
    url: null,
    published: null,
    kind: 'blog',
  },
];

const byId = (items: Record<string, unknown>[], key = 'id') => new Map(items.map((i) => [String(i[key]), i]));

describe('CSL mapping', () => {
  it('keeps the precision of partial dates and leaves unknown ones undated', () => {
    expect(dateParts('2025')).toEqual([2025]);
    expect(dateParts('2025-04')).toEqual([2025, 4]);
    expect(dateParts('2025-04-07')).toEqual([2025, 4, 7]);
    expect(dateParts(null)).toBeNull();
    expect(dateParts('April 2025')).toBeNull();
  });

  it('maps each kind to its CSL type, with the publisher as outlet or publisher', () => {
    const [official, press, paper, dataset, blog] = SOURCES.map(toCsl);
    expect(official).toMatchObject({ type: 'webpage', publisher: SOURCES[0]!.publisher });
    expect(press).toMatchObject({ type: 'article-newspaper', 'container-title': 'Reuters' });
    expect(press!.author).toBeUndefined();
    expect(paper).toMatchObject({ type: 'report', author: [{ literal: 'DeepSeek-AI' }] });
    expect(dataset).toMatchObject({ type: 'dataset', issued: { 'date-parts': [[2025]] } });
    expect(blog).toMatchObject({ type: 'webpage', 'container-title': 'SemiAnalysis' });
    expect(blog!.issued).toBeUndefined();
    expect(blog!.URL).toBeUndefined();
  });
});

describe('formats read back by a parser', () => {
  it('BibTeX: one entry per source keyed by its id, with the same title, URL and date', async () => {
    const bib = formatCitations(SOURCES, 'BIBTEX');
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(SOURCES.length);
    const parsed = byId((await Cite.async(bib)).data, 'citation-key');
    for (const s of SOURCES) {
      const item = parsed.get(s.id);
      expect(item, s.id).toBeDefined();
      expect(item!.title).toBe(s.title);
      expect(item!.URL ?? null).toBe(s.url);
      expect((item!.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0] ?? null).toEqual(
        dateParts(s.published),
      );
    }
  });

  it('RIS: one record per source with the same title and URL; dates to the precision RIS keeps', async () => {
    const ris = formatCitations(SOURCES, 'RIS');
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(SOURCES.length);
    const parsed = byId((await Cite.async(ris, { forceType: '@ris/file' })).data);
    for (const s of SOURCES) {
      const item = parsed.get(s.id)!;
      expect(item.title, s.id).toBe(s.title);
      expect(item.URL ?? null).toBe(s.url);
      const parts = (item.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0] ?? null;
      const expected = dateParts(s.published);
      // RIS's NEWS type carries the year only (PY); the others a full date (DA).
      expect(parts).toEqual(s.kind === 'press' && expected ? expected.slice(0, 1) : expected);
    }
  });

  it('CSL-JSON: an array citation-js reads as the same items', async () => {
    const json = formatCitations(SOURCES, 'CSL_JSON');
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed).toEqual(SOURCES.map(toCsl));
    const read = byId((await Cite.async(parsed)).data);
    expect(read.get('epoch-ai-models')!.title).toBe('Data on Notable AI Models');
  });

  it('APA: author, date or n.d., title and URL', () => {
    expect(formatCitation(SOURCES[3]!, 'APA').trim()).toBe(
      'Epoch AI. (2025). Data on Notable AI Models [Dataset]. Epoch AI. https://epoch.ai/data/notable-ai-models',
    );
    expect(formatCitation(SOURCES[1]!, 'APA')).toContain(
      'Huawei ships 昇腾 910C to ByteDance. (2025, April). Reuters.',
    );
    expect(formatCitation(SOURCES[4]!, 'APA')).toContain('(n.d.)');
  });

  it('answers nothing for no sources (JSON: an empty array)', () => {
    expect(formatCitations([], 'BIBTEX')).toBe('');
    expect(JSON.parse(formatCitations([], 'CSL_JSON'))).toEqual([]);
  });
});

describe('CITATION.cff', () => {
  const cff = parseYaml(fs.readFileSync(path.join(ROOT, 'CITATION.cff'), 'utf8')) as Record<string, any>;
  const dataset = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/dataset.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('cites the software with its version and licence, and the dataset with its version and licence', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    expect(cff.type).toBe('software');
    expect(cff.version).toBe(pkg.version);
    expect(cff.license).toBe(pkg.license);
    expect(cff['preferred-citation']).toMatchObject({
      type: 'data',
      title: dataset.title,
      version: dataset.version,
      license: dataset.license,
    });
    for (const part of [cff, cff['preferred-citation']]) {
      expect(part.authors.length).toBeGreaterThan(0);
      expect(typeof part.title).toBe('string');
    }
  });
});
