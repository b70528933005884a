// Shared pieces of the explorer's pages: type-ahead search, confidence badges, source lists, GraphiQL links.
import { gql, graphiqlUrl, type Vars } from './api.js';
import { debounce, extLink, h, clear } from './dom.js';
import { KIND_COLOURS, KIND_LABELS } from './graph.js';
import type { SearchQuery } from './generated/operations.js';
import { SEARCH } from './queries.js';
import { entityHref } from './router.js';
import type { Confidence, Edge, Kind, NodeRef, Source } from './types.js';

export type SearchHit = SearchQuery['search'][number];

export interface TypeaheadOptions {
  name: string;
  placeholder: string;
  kinds?: Kind[];
  value?: string;
  onPick: (hit: SearchHit['entity']) => void;
  onEnter?: (text: string) => void;
}

/** A text box that asks the `search` query as you type and offers the hits. */
export function typeahead(opts: TypeaheadOptions): HTMLElement {
  const input = h('input', {
    type: 'search',
    name: opts.name,
    placeholder: opts.placeholder,
    autocomplete: 'off',
    'aria-label': opts.placeholder,
    value: opts.value ?? '',
  });
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
  let hits: SearchHit[] = [];
  let active = -1;
  let asked = 0;

  const pick = (hit: SearchHit) => {
    input.value = hit.entity.name;
    list.hidden = true;
    opts.onPick(hit.entity);
  };
  const show = () => {
    clear(list);
    hits.forEach((hit, i) => {
      const item = h(
        'li',
        { role: 'option', 'data-id': hit.entity.id, class: i === active ? 'active' : null },
        kindDot(hit.entity.kind),
        h('span', { class: 'name' }, hit.entity.name),
        h('span', { class: 'muted' }, ` ${KIND_LABELS[hit.entity.kind]}`),
        hit.entity.aliases.length
          ? h('span', { class: 'aliases' }, hit.entity.aliases.slice(0, 3).join(', '))
          : null,
      );
      item.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        pick(hit);
      });
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
  };
  const ask = debounce((text: string) => void suggest(text), 150);
  const suggest = async (text: string) => {
    const mine = ++asked;
    if (text.trim().length < 2) {
      hits = [];
      show();
      return;
    }
    try {
      const data = await gql<SearchQuery>(SEARCH, { text, kinds: opts.kinds, first: 8 });
      if (mine !== asked) return;
      hits = data.search;
      active = -1;
      show();
    } catch {
      hits = [];
      show();
    }
  };
  input.addEventListener('input', () => ask(input.value));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!hits.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      show();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const hit = hits[active];
      if (hit) pick(hit);
      else opts.onEnter?.(input.value);
    } else if (ev.key === 'Escape') list.hidden = true;
  });
  input.addEventListener('blur', () => setTimeout(() => (list.hidden = true), 150));
  return h('div', { class: 'typeahead' }, input, list);
}

export function kindDot(kind: Kind): HTMLElement {
  return h('span', {
    class: 'dot',
    style: `background:${KIND_COLOURS[kind] ?? '#999'}`,
    title: KIND_LABELS[kind],
  });
}

export function entityLink(e: Pick<NodeRef, 'id' | 'name'> & { kind?: Kind }): HTMLElement {
  return h('a', { href: entityHref(e.id), 'data-entity': e.id }, e.kind ? kindDot(e.kind) : null, e.name);
}

export function confidenceBadge(c: Confidence | null | undefined): HTMLElement | null {
  if (!c) return null;
  return h(
    'span',
    { class: `badge ${String(c ?? 'unknown').toLowerCase()}`, title: 'confidence' },
    (c ?? '?').toLowerCase(),
  );
}

export function sourcesList(sources: Source[]): HTMLElement {
  if (!sources.length) return h('span', { class: 'muted' }, 'no sources');
  return h(
    'ul',
    { class: 'sources' },
    sources.map((s) =>
      h(
        'li',
        {},
        extLink(s.url, s.title),
        h('span', { class: 'muted' }, ` — ${s.publisher}${s.published ? `, ${s.published}` : ''}`),
      ),
    ),
  );
}

export function graphiqlLink(query: string, variables: Vars): HTMLElement {
  return h(
    'a',
    { class: 'graphiql', href: graphiqlUrl(query, variables), target: '_blank', rel: 'noopener' },
    'show the GraphQL',
  );
}

export function errorBox(err: unknown): HTMLElement {
  return h('div', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err));
}

export function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend' },
    (Object.keys(KIND_COLOURS) as Kind[]).map((k) => h('span', {}, kindDot(k), KIND_LABELS[k])),
    h('span', { class: 'muted' }, '— solid: confirmed · thin: reported · dashed: rumored'),
  );
}

/** An edge's properties (the API's JSON scalar: the fact's own properties, an object) as a record. */
export const propertiesOf = (edge: Edge): Record<string, unknown> =>
  (edge.properties ?? {}) as Record<string, unknown>;

/** What an edge says, with its sources: shown when an edge is clicked. */
export function edgeDetails(edge: Edge, names: Map<string, NodeRef>): HTMLElement {
  const name = (id: string) => names.get(id)?.name ?? id;
  const props = Object.entries(propertiesOf(edge)).filter(
    ([, v]) => v !== null && v !== undefined && v !== '',
  );
  return h(
    'div',
    { class: 'edge-details', 'data-edge': edge.id },
    h('h3', {}, `${name(edge.from)} `, h('code', {}, edge.type), ` ${name(edge.to)}`),
    edge.confidence ? h('p', {}, 'confidence: ', confidenceBadge(edge.confidence)) : null,
    props.length
      ? h(
          'dl',
          {},
          props.map(([k, v]) => [
            h('dt', {}, k),
            h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)),
          ]),
        )
      : null,
    h('h4', {}, 'Sources'),
    sourcesList(edge.sources),
  );
}

export function loading(): HTMLElement {
  return h('p', { class: 'muted loading' }, 'Loading…');
}
