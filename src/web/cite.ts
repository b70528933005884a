// The cite button: an entity's or a fact's sources as BibTeX, APA, RIS or CSL-JSON (from the API's
// `citation` fields), shown in a dialog with copy and download.
import { gql } from './api.js';
import { saveFile } from './cells.js';
import { clear, h } from './dom.js';
import type { CitationFormat, CiteFactQuery, CiteSourcesQuery } from './generated/operations.js';
import { CITE_FACT, CITE_SOURCES } from './queries.js';
import { errorBox } from './widgets.js';

type Format = CitationFormat;
const FORMATS: [Format, string, string, string][] = [
  // format, label, file extension, media type
  ['BIBTEX', 'BibTeX', 'bib', 'application/x-bibtex'],
  ['APA', 'APA', 'txt', 'text/plain'],
  ['RIS', 'RIS', 'ris', 'application/x-research-info-systems'],
  ['CSL_JSON', 'CSL-JSON', 'json', 'application/vnd.citationstyles.csl+json'],
];

/** What is cited: a title for the dialog, a file name, and how to fetch its citation in a format. */
export interface Citable {
  title: string;
  file: string;
  fetch: (format: Format) => Promise<string>;
}

/** Every source an entity cites (its own, its claims' and its facts'), every page of them. */
export function entityCitable(id: string, name: string): Citable {
  return {
    title: `Sources of ${name}`,
    file: `chipgraph-${id}-sources`,
    fetch: async (format) => {
      const parts: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 100; i++) {
        const d: CiteSourcesQuery = await gql<CiteSourcesQuery>(CITE_SOURCES, { id, format, after });
        parts.push(...d.sources.nodes.map((n) => n.citation));
        if (!d.sources.pageInfo.hasNextPage) break;
        after = d.sources.pageInfo.endCursor;
      }
      // Each CSL-JSON citation is an array of one item: join them into one array.
      if (format === 'CSL_JSON') {
        return `${JSON.stringify(
          parts.flatMap((p) => JSON.parse(p) as unknown[]),
          null,
          2,
        )}\n`;
      }
      return parts.map((p) => p.trimEnd()).join(format === 'APA' ? '\n' : '\n\n') + '\n';
    },
  };
}

/** The sources of one fact. */
export function factCitable(factId: string, label: string): Citable {
  return {
    title: `Sources of ${label}`,
    file: `chipgraph-fact-${factId.replace(/[^A-Za-z0-9.-]+/g, '_')}`,
    fetch: async (format) =>
      (await gql<CiteFactQuery>(CITE_FACT, { id: factId, format })).fact?.citation ?? '',
  };
}

function openDialog(what: Citable): void {
  const text = h('pre', { class: 'citation', 'data-role': 'citation' });
  const status = h('span', { class: 'muted', role: 'status' });
  const select = h(
    'select',
    { name: 'format', 'aria-label': 'citation format' },
    FORMATS.map(([f, label]) => h('option', { value: f }, label)),
  );
  const format = () => FORMATS.find(([f]) => f === select.value) ?? FORMATS[0]!;
  // A slower answer for a format chosen earlier must not replace the one chosen last.
  let latest = 0;
  const load = () => {
    const request = ++latest;
    status.textContent = 'loading…';
    what
      .fetch(format()[0])
      .then((t) => {
        if (request !== latest) return;
        text.textContent = t;
        status.textContent = '';
      })
      .catch((err: unknown) => {
        if (request !== latest) return;
        clear(text);
        text.append(errorBox(err));
        status.textContent = '';
      });
  };
  select.addEventListener('change', load);
  const copy = h('button', { type: 'button', 'data-action': 'copy' }, 'copy');
  copy.addEventListener('click', () => {
    navigator.clipboard.writeText(text.textContent ?? '').then(
      () => (status.textContent = 'copied'),
      () => (status.textContent = 'copy failed: select the text and copy it'),
    );
  });
  const download = h('button', { type: 'button', 'data-action': 'download' }, 'download');
  download.addEventListener('click', () => {
    const [, , ext, type] = format();
    saveFile(`${what.file}.${ext}`, `${type};charset=utf-8`, text.textContent ?? '');
  });
  const close = h('button', { type: 'button', 'data-action': 'close' }, 'close');
  const dialog = h(
    'dialog',
    { class: 'cite-dialog', 'aria-label': what.title },
    h('h3', {}, what.title),
    h('div', { class: 'toolbar' }, h('label', {}, 'format ', select), copy, download, close, status),
    text,
  );
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  load();
}

/** A small "cite" button that opens the citation dialog. */
export function citeButton(what: Citable, label = 'cite'): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'cite',
      'data-action': 'cite',
      title: what.title,
      onclick: () => openDialog(what),
    },
    label,
  );
}
