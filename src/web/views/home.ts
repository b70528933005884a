// The home page (the dataset at a glance: version, end of record, counts, charts, the five guided questions, latest
// changes) and the full search results page.
import { gql, graphiqlUrl } from '../api.js';
import { h } from '../dom.js';
import { KIND_LABELS } from '../graph.js';
import { SEARCH } from '../queries.js';
import { entityHref, href, type Route } from '../router.js';
import { schemaInfo, unwrap, type SchemaInfo } from '../schema-info.js';
import type { Kind } from '../types.js';
import { errorBox, graphiqlLink, kindDot, loading, type SearchHit } from '../widgets.js';
import { CHARTS } from '../charts/specs.js';
import { drawCharts } from './charts.js';

interface Stats {
  entities: { kind: Kind; count: number }[];
  relationships: { type: string; count: number }[];
  sources: number;
  dataset?: {
    version: string | null;
    recordEnds: string | null;
    loadedAt: string | null;
    license?: string | null;
  } | null;
}

const TABLE_OF_KIND: Partial<Record<Kind, string>> = {
  CHIP: 'chips',
  MODEL: 'models',
  COMPANY: 'companies',
  EXPORT_CONTROL: 'export-controls',
};

const PLURALS: Partial<Record<Kind, string>> = {
  CHIP: 'chips',
  MODEL: 'models',
  COMPANY: 'companies',
  EXPORT_CONTROL: 'export controls',
  SOFTWARE_STACK: 'software stacks',
};

const ALTERNATIVES = `{ chip(id: "nvidia-h100") { bf16DenseTflops memoryGb
    alternatives(first: 3, excludeVendorCountries: ["US"]) { chip { name vendor { name } bf16DenseTflops memoryGb } computeRatio memoryRatio } } }`;

/** The README's five questions, each opening the view that answers it. */
function questions(): HTMLElement {
  const q = (text: string, ...links: [string, string][]) =>
    h(
      'li',
      {},
      text,
      ' ',
      links.map(([label, to], i) => [i ? ' · ' : '', h('a', { href: to }, label)]),
    );
  return h(
    'ol',
    { class: 'questions', 'data-testid': 'questions' },
    q('Which of DeepSeek’s models run on Chinese hardware, by the vendors’ and developers’ own word?', [
      'the dependencies table',
      href('table', ['hardware-dependencies'], {
        developerIds: 'deepseek',
        vendorCountries: 'CN',
        minConfidence: 'CONFIRMED',
      }),
    ]),
    q(
      'If Nvidia is cut off, which models are exposed, and what have they already moved to?',
      ['exposure', href('exposure', [], { vendorId: 'nvidia', minConfidence: 'REPORTED' })],
      ['per developer', href('charts', ['exposure'], { vendorId: 'nvidia', minConfidence: 'REPORTED' })],
    ),
    q(
      'Who ordered Huawei chips — ByteDance, for instance?',
      ['orders of Huawei chips', href('table', ['orders'], { vendorIds: 'huawei' })],
      ['ByteDance’s', href('table', ['orders'], { vendorIds: 'huawei', buyerIds: 'bytedance' })],
    ),
    q('How are DeepSeek and Nvidia connected?', [
      'paths',
      href('path', [], { from: 'deepseek', to: 'nvidia', maxHops: 3 }),
    ]),
    q(
      'What could stand in for the H100 from outside the US?',
      ['alternatives (GraphiQL)', graphiqlUrl(ALTERNATIVES)],
      ['chips by BF16 compute', href('table', ['chips'], { orderBy: 'BF16_DENSE_TFLOPS:DESC' })],
    ),
  );
}

/** Shown only once the API serves `changes` (issue 12): its newest entries, with whatever scalar fields it has. */
async function latestChanges(schema: SchemaInfo): Promise<HTMLElement | null> {
  const field = schema.field('changes');
  // Not served yet, or only with arguments this panel cannot guess: show nothing.
  if (!field || field.args.some((a) => a.type.kind === 'NON_NULL')) return null;
  const ret = unwrap(field.type);
  const nodes = schema.field('nodes', ret.name);
  const itemType = nodes ? unwrap(nodes.type).name : ret.name;
  const scalars = (schema.type(itemType)?.fields ?? [])
    .filter((f) => ['SCALAR', 'ENUM'].includes(unwrap(f.type).kind) && !f.args.length && !f.isDeprecated)
    .map((f) => f.name);
  const hasFirst = field.args.some((a) => a.name === 'first');
  const panel = h('section', { 'data-testid': 'latest-changes' }, h('h3', {}, 'Latest changes'));
  try {
    // A change that says itself in one line (`title`) shows just that and when.
    const sel = ['at', 'title'].every((f) => scalars.includes(f)) ? 'at title' : scalars.join(' ');
    const data = await gql<{ changes: Record<string, unknown>[] | { nodes: Record<string, unknown>[] } }>(
      `{ changes${hasFirst ? '(first: 5)' : ''} { ${nodes ? `nodes { ${sel} }` : sel} } }`,
    );
    const items = Array.isArray(data.changes) ? data.changes.slice(0, 5) : data.changes.nodes;
    panel.append(
      items.length
        ? h(
            'ul',
            {},
            items.map((c) =>
              h(
                'li',
                {},
                Object.values(c)
                  .filter((v) => v !== null && typeof v !== 'object')
                  .join(' · '),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No changes recorded yet.'),
      h('a', { href: '/changes.atom', type: 'application/atom+xml' }, 'Follow as an Atom feed'),
    );
  } catch (err) {
    panel.append(errorBox(err));
  }
  return panel;
}

/** A cite button, only once the API serves a dataset citation. */
function citeButton(schema: SchemaInfo): HTMLElement | null {
  const field = schema.field('citation', 'Dataset');
  if (!field) return null;
  const format = field.args.find((a) => a.name === 'format');
  const formats = format ? schema.enumValues(unwrap(format.type).name) : [];
  const chosen = formats.includes('APA') ? 'APA' : formats[0];
  const out = h('pre', { class: 'citation', hidden: true });
  const button = h('button', { type: 'button', 'data-action': 'cite' }, 'Cite this dataset');
  button.addEventListener('click', () => {
    const args = format && chosen ? `(format: ${chosen})` : '';
    gql<{ stats: { dataset: { citation: string } | null } }>(`{ stats { dataset { citation${args} } } }`)
      .then((d) => {
        out.textContent = d.stats.dataset?.citation ?? '';
        out.hidden = false;
      })
      .catch((err: unknown) => out.replaceWith(errorBox(err)));
  });
  return h('div', {}, button, out);
}

export async function renderHome(root: HTMLElement): Promise<() => void> {
  const schema = await schemaInfo();
  const withDataset = Boolean(schema.field('dataset', 'GraphStats'));
  const stats = (
    await gql<{ stats: Stats }>(
      `query Home { stats { entities { kind count } relationships { type count } sources
        ${withDataset ? 'dataset { version recordEnds loadedAt license }' : ''} } }`,
    )
  ).stats;
  const ds = stats.dataset;
  const rel = (...types: string[]) =>
    stats.relationships.filter((r) => types.includes(r.type)).reduce((s, r) => s + r.count, 0);
  const tile = (label: string, n: number, to: string | null, id: string) =>
    h(
      'li',
      { 'data-count': id },
      h(to ? 'a' : 'span', to ? { href: to } : {}, h('strong', {}, n.toLocaleString('en-US')), label),
    );
  const when = ds?.loadedAt
    ? new Date(ds.loadedAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
    : '–';

  root.append(
    h('h2', {}, 'The AI compute supply chain, at a glance'),
    h(
      'div',
      { class: 'home-head' },
      h(
        'div',
        { class: 'dataset', 'data-testid': 'dataset' },
        h(
          'dl',
          {},
          h('dt', {}, 'dataset version'),
          h('dd', { 'data-field': 'version' }, ds?.version ?? '–'),
          h('dt', {}, 'record ends'),
          h('dd', { 'data-field': 'recordEnds' }, ds?.recordEnds ?? '–'),
          h('dt', {}, 'loaded'),
          h('dd', { 'data-field': 'loadedAt', title: ds?.loadedAt ?? '' }, when),
          ds?.license ? [h('dt', {}, 'data licence'), h('dd', {}, ds.license)] : null,
        ),
        citeButton(schema),
      ),
      h(
        'div',
        {},
        h(
          'ul',
          { class: 'counts', 'data-testid': 'counts' },
          stats.entities
            .filter((e) => e.kind !== 'COUNTRY')
            .map((e) => {
              const table = TABLE_OF_KIND[e.kind];
              return tile(PLURALS[e.kind] ?? e.kind, e.count, table ? href('table', [table]) : null, e.kind);
            }),
          tile('orders', rel('ORDERED'), href('table', ['orders']), 'ORDERED'),
          tile(
            'hardware facts',
            rel('TRAINED_ON', 'RUNS_ON'),
            href('table', ['hardware-dependencies']),
            'HARDWARE',
          ),
          tile('sources', stats.sources, null, 'SOURCES'),
        ),
        h(
          'p',
          { class: 'muted' },
          'Search above for a chip, company, model, export control or software stack (Chinese names work too: 昇腾, 寒武纪). Every fact shows its sources and confidence.',
        ),
      ),
    ),
  );
  const changes = await latestChanges(schema);
  root.append(
    h(
      'div',
      { class: 'home-cols' },
      h('section', {}, h('h3', {}, 'Five questions to start with'), questions()),
      changes,
      h(
        'section',
        {},
        h('h3', {}, 'Tables and files'),
        h(
          'p',
          {},
          h('a', { href: href('table', ['chips']) }, 'Tables'),
          ' with the API’s filters, sorts and downloads; every table as a file: ',
          ['hardware-dependencies', 'chips', 'models', 'orders', 'export-controls'].map((t, i) => [
            i ? ' · ' : '',
            h('a', { href: `/export/${t}.csv` }, t.replace('-', ' ')),
          ]),
          ' (CSV; JSON too) · ',
          h('a', { href: '/graphql' }, 'GraphiQL'),
        ),
      ),
    ),
    h('h3', {}, h('a', { href: href('charts') }, 'Charts')),
  );
  return drawCharts(
    root,
    CHARTS,
    { asOf: null, minConfidence: null, params: new URLSearchParams() },
    {
      compact: true,
      linkTo: (s) => href('charts', [s.id]),
    },
  );
}

export async function renderSearch(root: HTMLElement, route: Route): Promise<() => void> {
  const text = route.params.get('q') ?? '';
  const vars = { text, first: 50 };
  root.append(h('h2', {}, `Search: ${text}`));
  const wait = root.appendChild(loading());
  const data = await gql<{ search: SearchHit[] }>(SEARCH, vars);
  wait.remove();
  root.append(
    h('p', {}, `${data.search.length} hits. `, graphiqlLink(SEARCH, vars)),
    h(
      'ol',
      { class: 'hits' },
      data.search.map((hit) =>
        h(
          'li',
          { 'data-id': hit.entity.id },
          kindDot(hit.entity.kind),
          h('a', { href: entityHref(hit.entity.id) }, hit.entity.name),
          h('span', { class: 'muted' }, ` ${KIND_LABELS[hit.entity.kind]}`),
          hit.entity.aliases.length
            ? h('span', { class: 'aliases' }, ` — ${hit.entity.aliases.join(', ')}`)
            : null,
        ),
      ),
    ),
  );
  return () => undefined;
}
