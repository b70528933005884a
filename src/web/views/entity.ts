// The entity page: attributes, facts with sources and confidence, and the neighbourhood drawn as a graph.
import { gql } from '../api.js';
import { citeButton, entityCitable, factCitable } from '../cite.js';
import { clear, extLink, h } from '../dom.js';
import { createGraph, KIND_LABELS } from '../graph.js';
import type { EntityPageQuery, NeighborhoodQuery } from '../generated/operations.js';
import { ENTITY_PAGE, NEIGHBORHOOD } from '../queries.js';
import { entityHref, href, navigate, type Route } from '../router.js';
import type { Claim, Edge, EntityDetail, NodeRef, Subgraph } from '../types.js';
import {
  confidenceBadge,
  edgeDetails,
  entityLink,
  errorBox,
  graphiqlLink,
  kindDot,
  legend,
  loading,
  propertiesOf,
  sourcesList,
} from '../widgets.js';

const BASE_FIELDS = new Set(['id', 'name', 'kind', 'aliases', 'description', 'sources', 'claims']);

export function attributeRows(e: Record<string, unknown>): HTMLElement[] {
  return Object.entries(e)
    .filter(
      ([k, v]) =>
        !BASE_FIELDS.has(k) && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    )
    .map(([k, v]) => {
      let shown: Node | string;
      if (v && typeof v === 'object' && 'id' in v && 'name' in v) shown = entityLink(v as NodeRef);
      else if (Array.isArray(v)) shown = v.join(', ');
      else if (k === 'website' && typeof v === 'string') shown = extLink(v, v);
      else if (typeof v === 'number') shown = v.toLocaleString('en-US');
      else shown = String(v);
      // chipStatus / modelStatus are aliases of `status` (the two enums differ, so one query needs two names).
      return h('tr', {}, h('th', {}, k.replace(/^(chip|model)Status$/, 'status')), h('td', {}, shown));
    });
}

function claimsTable(claims: Claim[]): HTMLElement | null {
  if (!claims.length) return null;
  return h(
    'section',
    {},
    h('h3', {}, 'Claims (where sources disagree or changed)'),
    h(
      'table',
      { class: 'facts' },
      h(
        'tr',
        {},
        h('th', {}, 'field'),
        h('th', {}, 'value'),
        h('th', {}, 'confidence'),
        h('th', {}, 'date'),
        h('th', {}, 'sources'),
      ),
      claims.map((c) =>
        h(
          'tr',
          {},
          h('td', {}, c.field),
          h('td', {}, JSON.stringify(c.value), c.note ? h('div', { class: 'muted' }, c.note) : null),
          h('td', {}, confidenceBadge(c.confidence)),
          h('td', {}, c.date ?? ''),
          h('td', {}, sourcesList(c.sources)),
        ),
      ),
    ),
  );
}

/** The facts touching the entity, one row each, with the other end, confidence and sources. */
export function factsTable(focus: string, sub: Subgraph, onEdge: (e: Edge) => void): HTMLElement {
  const names = new Map(sub.nodes.map((n) => [n.id, n]));
  const touching = sub.edges.filter((e) => e.from === focus || e.to === focus);
  const rows = touching
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((e) => {
      const out = e.from === focus;
      const other = names.get(out ? e.to : e.from) ?? {
        id: out ? e.to : e.from,
        name: out ? e.to : e.from,
        kind: 'COMPANY' as const,
      };
      const props = propertiesOf(e);
      const note = typeof props.note === 'string' ? props.note : null;
      return h(
        'tr',
        { class: e.confidence === 'RUMORED' ? 'rumored' : null },
        h(
          'td',
          {},
          h(
            'a',
            { href: '#', onclick: (ev: Event) => (ev.preventDefault(), onEdge(e)) },
            out ? `${e.type} →` : `← ${e.type}`,
          ),
        ),
        h('td', {}, entityLink(other)),
        h('td', {}, confidenceBadge(e.confidence)),
        h('td', {}, note ?? ''),
        h('td', {}, sourcesList(e.sources)),
        h('td', {}, e.sources.length ? citeButton(factCitable(e.id, `${e.type} ${e.from} → ${e.to}`)) : ''),
      );
    });
  return h(
    'section',
    {},
    h('h3', {}, `Facts (${touching.length})`),
    h(
      'table',
      { class: 'facts' },
      h(
        'tr',
        {},
        h('th', {}, 'relationship'),
        h('th', {}, 'with'),
        h('th', {}, 'confidence'),
        h('th', {}, 'note'),
        h('th', {}, 'sources'),
        h('th', {}, ''),
      ),
      rows,
    ),
  );
}

export function viewLinks(e: NodeRef & { roles?: unknown; code?: unknown }): HTMLElement {
  const links: HTMLElement[] = [h('a', { href: href('timeline', [e.id]) }, 'timeline')];
  if (e.kind === 'MODEL') links.push(h('a', { href: href('dependencies', [e.id]) }, 'hardware dependencies'));
  if (e.kind === 'COMPANY')
    links.push(h('a', { href: href('exposure', [], { vendorId: e.id }) }, 'exposure if cut off'));
  if (e.kind === 'COUNTRY' && typeof e.code === 'string')
    links.push(h('a', { href: href('exposure', [], { countryCode: e.code }) }, 'exposure if cut off'));
  if (e.kind === 'SOFTWARE_STACK')
    links.push(h('a', { href: href('exposure', [], { softwareStackId: e.id }) }, 'exposure'));
  if (e.kind === 'EXPORT_CONTROL')
    links.push(h('a', { href: href('exposure', [], { exportControlId: e.id }) }, 'exposure'));
  links.push(h('a', { href: href('path', [], { from: e.id }) }, 'path to…'));
  links.push(h('a', { href: `/embed/entity/${encodeURIComponent(e.id)}`, target: '_blank' }, 'embed'));
  return h('nav', { class: 'view-links' }, links);
}

export async function renderEntity(root: HTMLElement, route: Route): Promise<() => void> {
  const id = route.parts[0] ?? '';
  const depth = Number(route.params.get('depth') ?? 1) || 1;
  const asOf = route.params.get('asOf') ?? undefined;
  const vars = { id, depth, asOf };
  root.append(loading());
  // The generated answer, read through the page's own model (tsc checks that it fits).
  const data: { entity: EntityDetail | null; neighborhood: Subgraph } = await gql<EntityPageQuery>(
    ENTITY_PAGE,
    vars,
  );
  clear(root);
  const e = data.entity;
  if (!e) {
    root.append(errorBox(`No entity with id "${id}".`));
    return () => undefined;
  }
  document.title = `${e.name} · chipgraph`;
  const side = h(
    'aside',
    { class: 'side' },
    h(
      'p',
      { class: 'muted' },
      'Click a node to open it; right-click or shift-click to expand it in place; click an edge for its sources.',
    ),
  );
  const canvas = h('div', { class: 'graph', id: 'graph', 'data-focus': e.id });
  const names = new Map(data.neighborhood.nodes.map((n) => [n.id, n]));
  const showEdge = (edge: Edge) => {
    clear(side);
    side.append(edgeDetails(edge, names));
  };
  const graph = createGraph(canvas, {
    onOpen: (n) => navigate(entityHref(n.id)),
    onExpand: (n) => {
      void gql<NeighborhoodQuery>(NEIGHBORHOOD, { id: n.id, depth: 1, asOf }).then((d) => {
        for (const node of d.neighborhood.nodes) names.set(node.id, node);
        graph.add(d.neighborhood);
      });
    },
    onEdge: showEdge,
  });
  const depthSelect = h(
    'select',
    { name: 'depth', 'aria-label': 'depth' },
    [1, 2, 3].map((d) => h('option', { value: d, selected: d === depth }, `${d} hop${d > 1 ? 's' : ''}`)),
  );
  depthSelect.addEventListener('change', () => navigate(entityHref(id, { depth: depthSelect.value, asOf })));

  root.append(
    h(
      'header',
      { class: 'entity-head' },
      h('h2', {}, kindDot(e.kind), e.name, ' ', h('span', { class: 'kind' }, KIND_LABELS[e.kind])),
      e.aliases.length ? h('p', { class: 'aliases' }, 'also: ', e.aliases.join(' · ')) : null,
      e.description ? h('p', {}, e.description) : null,
      viewLinks(e),
      citeButton(entityCitable(e.id, e.name), 'cite this entity’s sources'),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'neighbourhood ', depthSelect),
      asOf ? h('span', {}, ` as of ${asOf} `, h('a', { href: entityHref(id, { depth }) }, '(now)')) : null,
      data.neighborhood.truncated ? h('span', { class: 'muted' }, ' (cut at the node cap)') : null,
      graphiqlLink(ENTITY_PAGE, vars),
    ),
    legend(),
    h('div', { class: 'graph-row' }, canvas, side),
    h('section', {}, h('h3', {}, 'Attributes'), h('table', { class: 'attrs' }, attributeRows(e))),
    factsTable(e.id, data.neighborhood, showEdge),
    claimsTable(e.claims) ?? '',
    h('section', {}, h('h3', {}, 'Sources'), sourcesList(e.sources)),
  );
  graph.set(data.neighborhood, e.id);
  exposeGraph(graph.cy);
  return () => graph.destroy();
}

/** Lets the end-to-end test find where a node is drawn, to click it like a user. */
export function exposeGraph(cy: unknown): void {
  (window as unknown as { chipgraph: { cy: unknown } }).chipgraph = { cy };
}
