// The analyst's tables (`#/table/<kind>?<filters>&orderBy=...&after=...`): every column the API serves, the
// API's own filters and sort keys, paged by its cursors, and "download this view" through /export/*.
import { gql } from '../api.js';
import { h } from '../dom.js';
import { cellContent, compareRaw, plain, saveFile, toCsv } from '../cells.js';
import { href, navigate, type Route } from '../router.js';
import { schemaInfo } from '../schema-info.js';
import { filterForm, filterParams, filtersOf, whereFrom } from '../table-filters.js';
import { tableQuery, tableSpec, TABLES, type Column, type Row, type TableSpec } from '../table-specs.js';
import { errorBox, graphiqlLink, loading } from '../widgets.js';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Row[];
}

const PAGE_SIZES = [20, 50, 100];
/** Cursors of the pages this tab came through, so "previous" can go back (the API's cursors only go forward). */
const visited: string[] = [];

function tabs(current: string): HTMLElement {
  return h(
    'nav',
    { class: 'tabs' },
    TABLES.map((t) =>
      h('a', { href: href('table', [t.name]), class: t.name === current ? 'active' : null }, t.title),
    ),
  );
}

function params(route: Route, changes: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** `KEY:DIR` from the URL. */
function parseSort(v: string | null): { key: string; dir: 1 | -1 } | null {
  if (!v) return null;
  const [key = '', dir = 'ASC'] = v.split(':');
  return key ? { key, dir: dir.toUpperCase() === 'DESC' ? -1 : 1 } : null;
}

export async function renderTable(root: HTMLElement, route: Route): Promise<() => void> {
  const spec = tableSpec(route.parts[0]) ?? TABLES[0]!;
  const schema = await schemaInfo();
  const filters = filtersOf(schema, spec.whereType);
  const p = route.params;
  const go = (changes: Record<string, string | null>) =>
    navigate(href('table', [spec.name], params(route, changes)));

  const serverKeys = new Set(spec.orderEnum ? schema.enumValues(spec.orderEnum) : []);
  // A sort key the API does not have (an old link) is ignored rather than sent.
  const asked = parseSort(p.get('orderBy'));
  const orderBy = asked && serverKeys.has(asked.key) ? asked : null;
  const pageSort = parseSort(p.get('sort'));
  const first = Math.min(100, Math.max(1, Number(p.get('first')) || 50));
  const after = p.get('after');
  const where = whereFrom(filters, p);
  const vars: Record<string, unknown> = {
    where,
    first,
    after: after ?? undefined,
    ...(orderBy ? { orderBy: [{ field: orderBy.key, direction: orderBy.dir === -1 ? 'DESC' : 'ASC' }] } : {}),
    ...(spec.extraVars?.(where) ?? {}),
  };
  const query = tableQuery(spec);

  root.append(
    h('h2', {}, 'Tables'),
    tabs(spec.name),
    h(
      'details',
      { class: 'filter-box', open: true },
      h('summary', {}, 'Filters (the API’s own ', h('code', {}, spec.whereType), ')'),
      filterForm(filters, p, (name, value) => go({ [name]: value, after: null })),
    ),
  );
  const wait = root.appendChild(loading());
  let page: Page;
  try {
    page = (await gql<Record<string, Page>>(query, vars))[spec.root]!;
  } finally {
    wait.remove();
  }

  const rows = [...page.nodes];
  const sortCol = pageSort && spec.columns.find((c) => c.key === pageSort.key);
  if (sortCol && pageSort) rows.sort((a, b) => compareRaw(sortCol.get(a), sortCol.get(b), pageSort.dir));

  // Row numbers are known when this tab paged here itself; a shared link with a cursor starts "after" it.
  const pageNo = !after ? 1 : visited.includes(after) ? visited.indexOf(after) + 2 : 0;
  const startRow = pageNo > 0 ? (pageNo - 1) * first + 1 : null;
  const range =
    startRow === null
      ? `${rows.length} rows from a later page`
      : `rows ${rows.length ? startRow : 0}–${startRow + rows.length - 1}`;
  const sortedBy = orderBy
    ? `sorted by ${orderBy.key.toLowerCase().replace(/_/g, ' ')} ${orderBy.dir === 1 ? '↑' : '↓'} (by the API, across all pages)`
    : sortCol && pageSort
      ? `sorted by ${sortCol.label} ${pageSort.dir === 1 ? '↑' : '↓'} on this page only: the API cannot sort ${spec.title.toLowerCase()} by it`
      : 'in the API’s default order';

  const header = (c: Column) => {
    const server = c.order && serverKeys.has(c.order) ? c.order : null;
    const active = server ? orderBy?.key === server : pageSort?.key === c.key && !orderBy;
    const dir = active ? (server ? orderBy?.dir : pageSort?.dir) : undefined;
    const next = dir === 1 ? 'DESC' : 'ASC';
    const button = h(
      'button',
      {
        type: 'button',
        class: `sort${server ? ' server' : ' page'}${active ? ' active' : ''}`,
        title: server
          ? `Sort by ${c.label} (the API sorts every page)`
          : `Sort this page by ${c.label} (the API has no sort key for it)`,
        'data-sort': c.key,
      },
      c.label,
      h('span', { class: 'arrow' }, dir === 1 ? ' ▲' : dir === -1 ? ' ▼' : server ? ' ⇅' : ' ↕'),
    );
    button.addEventListener('click', () =>
      go(
        server
          ? { orderBy: `${server}:${next}`, sort: null, after: null }
          : { sort: `${c.key}:${next}`, orderBy: null },
      ),
    );
    return h('th', { class: c.numeric ? 'num' : null, 'data-col': c.key }, button);
  };

  const table = h(
    'table',
    { class: 'data', 'data-table': spec.name },
    h('thead', {}, h('tr', {}, h('th', { class: 'open' }, ''), spec.columns.map(header))),
    h(
      'tbody',
      {},
      rows.map((r) => {
        const target = spec.rowLink(r);
        return h(
          'tr',
          { 'data-id': String(r.id) },
          h(
            'td',
            { class: 'open' },
            target ? h('a', { href: href('entity', [target.id]), title: `open ${target.name}` }, '↗') : '',
          ),
          spec.columns.map((c) => {
            const v = c.get(r);
            const shown = plain(v);
            return h(
              'td',
              {
                'data-col': c.key,
                'data-value': shown === null ? '' : String(shown),
                class:
                  [c.numeric ? 'num' : '', /description|summary|note/i.test(c.key) ? 'long' : '']
                    .join(' ')
                    .trim() || null,
                title: typeof v === 'number' ? String(v) : null,
              },
              /description|summary|note/i.test(c.key)
                ? h('div', { class: 'clamp' }, cellContent(v))
                : cellContent(v),
            );
          }),
        );
      }),
    ),
  );

  const sizeSelect = h(
    'select',
    { name: 'first', 'aria-label': 'rows per page' },
    PAGE_SIZES.map((s) => h('option', { value: s, selected: s === first }, `${s} rows a page`)),
  );
  sizeSelect.addEventListener('change', () => go({ first: sizeSelect.value, after: null }));
  const prev = h('button', { type: 'button', disabled: !after, 'data-page': 'prev' }, '← previous');
  prev.addEventListener('click', () => {
    const i = after ? visited.indexOf(after) : -1;
    go({ after: i > 0 ? visited[i - 1]! : null });
  });
  const next = h(
    'button',
    { type: 'button', disabled: !page.pageInfo.hasNextPage, 'data-page': 'next' },
    'next →',
  );
  next.addEventListener('click', () => {
    const end = page.pageInfo.endCursor;
    if (!end) return;
    if (!visited.includes(end)) visited.push(end);
    go({ after: end });
  });

  root.append(
    h(
      'p',
      { class: 'summary', 'data-testid': 'table-summary' },
      `${page.totalCount} ${spec.title.toLowerCase()} match; ${range}, ${sortedBy}. `,
      graphiqlLink(query, vars),
    ),
    downloads(spec, filterParams(filters, p), query, vars, page.totalCount),
    h('p', { class: 'muted' }, spec.rowLinkNote ?? ''),
    h('div', { class: 'table-scroll' }, table),
    h('div', { class: 'pager' }, prev, next, sizeSelect),
  );
  return () => undefined;
}

/** "Download this view": the /export route with the same filters, or (no route for the kind) built here. */
function downloads(
  spec: TableSpec,
  filterQs: URLSearchParams,
  query: string,
  vars: Record<string, unknown>,
  total: number,
): HTMLElement {
  const qs = filterQs.toString();
  if (spec.exportName) {
    const url = (ext: string) => `/export/${spec.exportName}.${ext}${qs ? `?${qs}` : ''}`;
    return h(
      'p',
      { class: 'downloads' },
      'Download this view: ',
      h('a', { href: url('csv'), 'data-download': 'csv' }, 'CSV'),
      ' · ',
      h('a', { href: url('json'), 'data-download': 'json' }, 'JSON'),
      h(
        'span',
        { class: 'muted' },
        ` — all ${total} rows for these filters, with source URLs, in the export’s order`,
      ),
    );
  }
  const build = async (fmt: 'csv' | 'json') => {
    const rows: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const v = { ...vars, first: 100, after };
      const pg: Page = (await gql<Record<string, Page>>(query, v))[spec.root]!;
      for (const r of pg.nodes)
        rows.push({ id: r.id, ...Object.fromEntries(spec.columns.map((c) => [c.key, plain(c.get(r))])) });
      if (!pg.pageInfo.hasNextPage || !pg.pageInfo.endCursor) break;
      after = pg.pageInfo.endCursor;
    }
    const cols = ['id', ...spec.columns.map((c) => c.key)];
    if (fmt === 'csv') saveFile(`chipgraph-${spec.name}.csv`, 'text/csv', toCsv(cols, rows));
    else saveFile(`chipgraph-${spec.name}.json`, 'application/json', JSON.stringify({ rows }, null, 2));
  };
  const button = (fmt: 'csv' | 'json') => {
    const b = h('button', { type: 'button', class: 'linklike', 'data-download': fmt }, fmt.toUpperCase());
    b.addEventListener('click', () => {
      build(fmt).catch((err: unknown) => b.after(errorBox(err)));
    });
    return b;
  };
  return h(
    'p',
    { class: 'downloads' },
    'Download this view: ',
    button('csv'),
    ' · ',
    button('json'),
    h(
      'span',
      { class: 'muted' },
      ` — all ${total} rows, paged from GraphQL in your browser (no /export route for ${spec.title.toLowerCase()})`,
    ),
  );
}
