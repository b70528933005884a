// Citations of sources: the one mapping of a chipgraph source to CSL-JSON, and the formats (BibTeX, RIS, APA,
// CSL-JSON) produced from it by citation-js, so the API, the exports and the data release cite alike.
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';

// BibTeX keys are our source ids (stable, so a LaTeX document keeps compiling after a data update). citation-js
// would otherwise replace any key holding a hyphen with one it makes up from author, year and title.
// UTF-8 output, as biber and every current BibTeX reader take it: citation-js's ASCII-only output drops any
// character it has no LaTeX command for (昇腾 would vanish from a title). Unescaped, LaTeX's special characters
// are then ours to escape (`bibtexText`).
const bibtexFormat = (
  plugins.config.get('@bibtex') as { format: { checkLabel: boolean; asciiOnly: boolean } }
).format;
bibtexFormat.checkLabel = false;
bibtexFormat.asciiOnly = false;

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text as BibTeX field content: LaTeX's special characters escaped ($1.1 billion, AT&T, 100%, #1, a_b). */
export const bibtexText = (text: string) =>
  text.replace(/[\\{}$&%#_~^]/g, (c) => LATEX_SPECIAL[c] ?? `\\${c}`);

/** A source id as a BibTeX key: the characters BibTeX and biber accept in keys, others as `_`. */
export const bibtexKey = (id: string) => id.replace(/[^A-Za-z0-9_.:-]/g, '_');

export type CitationFormat = 'BIBTEX' | 'CSL_JSON' | 'RIS' | 'APA';

/** What a citation needs from a source (the API's Source fields). */
export interface CitableSource {
  id: string;
  publisher: string;
  title: string;
  url: string | null;
  published: string | null;
  kind: string;
}

export interface CslItem {
  id: string;
  version?: string;
  note?: string;
  'citation-key': string;
  type: string;
  title: string;
  author?: { literal: string }[];
  publisher?: string;
  'container-title'?: string;
  URL?: string;
  issued?: { 'date-parts': number[][] };
}

/**
 * CSL types by source kind: press is a newspaper article in its outlet; a paper is a report of its publisher;
 * official material and blog posts are web pages; a dataset is a dataset. Unknown kinds cite as web pages.
 */
const CSL_TYPE: Record<string, string> = {
  official: 'webpage',
  press: 'article-newspaper',
  paper: 'report',
  dataset: 'dataset',
  blog: 'webpage',
};

/** `2025`, `2025-04` or `2025-04-07` as CSL date parts; anything else (or null) is left undated ("n.d."). */
export function dateParts(published: string | null): number[] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(published ?? '');
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
}

export function toCsl(s: CitableSource): CslItem {
  const kind = s.kind.toLowerCase();
  const type = CSL_TYPE[kind] ?? 'webpage';
  const parts = dateParts(s.published);
  return {
    id: s.id,
    'citation-key': bibtexKey(s.id),
    type,
    title: s.title,
    // The publisher is the author of record (an organisation), except for news, which APA cites by title first
    // ("Title. (2025, April). Reuters.") and BibTeX by its journal.
    ...(type === 'article-newspaper' ? {} : { author: [{ literal: s.publisher }] }),
    // News and blog posts appear in their outlet; reports, datasets and official pages are published by it.
    ...(type === 'article-newspaper' || kind === 'blog'
      ? { 'container-title': s.publisher }
      : { publisher: s.publisher }),
    ...(s.url ? { URL: s.url } : {}),
    ...(parts ? { issued: { 'date-parts': [parts] } } : {}),
  };
}

/** The item with its text fields escaped for LaTeX (the URL stays verbatim, as BibTeX's `url` field is). */
function bibtexItem(item: CslItem): CslItem {
  return {
    ...item,
    title: bibtexText(item.title),
    ...(item.author ? { author: item.author.map((a) => ({ literal: bibtexText(a.literal) })) } : {}),
    ...(item.publisher ? { publisher: bibtexText(item.publisher) } : {}),
    ...(item['container-title'] ? { 'container-title': bibtexText(item['container-title']) } : {}),
  };
}

// citeproc takes 10-30 ms for a one-entry bibliography and grows worse than linearly with a long one, so entries
// are formatted in chunks (unsorted, so one entry per source in the order given) and kept: sources change only
// with a seed load or a curation write, and the key is the whole item, so a changed source is formatted afresh.
// Bounded: the seed holds ~1,000 sources.
const APA_CACHE = new Map<string, string>();
const APA_CACHE_MAX = 20_000;
const APA_CHUNK = 50;

function apaEntries(items: CslItem[]): string {
  const key = (item: CslItem) => JSON.stringify(item);
  const missing = [...new Map(items.filter((i) => !APA_CACHE.has(key(i))).map((i) => [i.id, i])).values()];
  if (APA_CACHE.size + missing.length > APA_CACHE_MAX) APA_CACHE.clear();
  for (let i = 0; i < missing.length; i += APA_CHUNK) {
    const chunk = missing.slice(i, i + APA_CHUNK);
    const entries = new Cite(chunk).format('bibliography', {
      format: 'text',
      template: 'apa',
      lang: 'en-US',
      nosort: true,
      asEntryArray: true,
    }) as unknown as [string, string][];
    const byId = new Map(entries);
    for (const item of chunk) APA_CACHE.set(key(item), byId.get(item.id) ?? '');
  }
  return items.map((i) => `${(APA_CACHE.get(key(i)) ?? '').trimEnd()}\n`).join('');
}

/**
 * citation-js repeats the URL in `howpublished` (what plain BibTeX styles print), a text field: a `$`, `%` or `_`
 * in a URL there would start math mode or a comment. `url` itself is verbatim and stays as it is.
 */
function escapeHowpublished(bibtex: string): string {
  return bibtex.replace(
    /^(\s*howpublished = \{)(.*)(\},?)$/gm,
    (_m, open: string, value: string, close: string) => `${open}${bibtexText(value)}${close}`,
  );
}

type RisRecord = Record<string, string | number | (string | number)[]>;

/**
 * RIS records as text, one tag a line. citation-js's own text output wraps values at 70 characters onto
 * continuation lines, which readers take as part of the value ("lo ng title", broken URLs); RIS has no wrapping.
 */
function risText(records: RisRecord[]): string {
  return records
    .map((r) => {
      const lines = [`TY  - ${String(r.TY)}`];
      for (const [tag, value] of Object.entries(r)) {
        if (tag === 'TY') continue;
        for (const v of [value].flat()) lines.push(`${tag}  - ${String(v).replace(/\s*[\r\n]+\s*/g, ' ')}`);
      }
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

/** The authors the dataset is cited under (CITATION.cff says the same). */
export const DATASET_AUTHOR = 'The chipgraph contributors';

/** What a dataset citation needs (the API's Dataset fields). */
export interface CitableDataset {
  version: string | null;
  title: string | null;
  license: string | null;
  recordEnds: string | null;
}

/** The dataset itself as a CSL item: versioned, its record's end as a note (it has no publication date). */
export function datasetCsl(d: CitableDataset): CslItem {
  return {
    id: `chipgraph-${d.version ?? 'dataset'}`,
    'citation-key': bibtexKey(`chipgraph-${d.version ?? 'dataset'}`),
    type: 'dataset',
    title: d.title ?? 'chipgraph',
    author: [{ literal: DATASET_AUTHOR }],
    publisher: 'chipgraph',
    ...(d.version ? { version: d.version } : {}),
    // BibTeX's @misc has no version field: the note carries it there.
    note: [
      d.version ? `Version ${d.version}` : null,
      d.recordEnds ? `Record ends ${d.recordEnds}` : null,
      d.license ? `Licence ${d.license}` : null,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** Several sources cited in one format: one entry each, in the order given. */
export function formatCitations(sources: readonly CitableSource[], format: CitationFormat): string {
  return formatItems(sources.map(toCsl), format);
}

export function formatItems(items: CslItem[], format: CitationFormat): string {
  if (format === 'CSL_JSON') return `${JSON.stringify(items, null, 2)}\n`;
  if (items.length === 0) return '';
  const cite = new Cite(items);
  switch (format) {
    case 'BIBTEX':
      return escapeHowpublished(new Cite(items.map(bibtexItem)).format('bibtex', { format: 'text' }));
    case 'RIS':
      return risText(
        // citation-js cuts ID to the old spec's 20 characters; the full id keeps records matched to sources.
        (cite.format('ris', { format: 'object' }) as unknown as RisRecord[]).map((r, i) => ({
          ...r,
          ID: items[i]!.id,
        })),
      );
    case 'APA':
      return apaEntries(items);
  }
}

export function formatCitation(source: CitableSource, format: CitationFormat): string {
  return formatCitations([source], format);
}
