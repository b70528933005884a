// How two entities are connected: the shortest paths (connections query), drawn and spelled out.
import { gql } from '../api.js';
import { clear, h } from '../dom.js';
import { createGraph } from '../graph.js';
import type { ConnectionsQuery } from '../generated/operations.js';
import { CONNECTIONS } from '../queries.js';
import { entityHref, href, navigate, type Route } from '../router.js';
import type { Edge, NodeRef } from '../types.js';
import { edgeDetails, entityLink, graphiqlLink, legend, loading, typeahead } from '../widgets.js';
import { exposeGraph } from './entity.js';

type GraphPath = ConnectionsQuery['connections'][number];

export async function renderPath(root: HTMLElement, route: Route): Promise<() => void> {
  const p = route.params;
  const state = { from: p.get('from') ?? '', to: p.get('to') ?? '', maxHops: p.get('maxHops') ?? '4' };
  const go = () => {
    if (state.from && state.to) navigate(href('path', [], state));
  };
  const hops = h(
    'select',
    { name: 'maxHops', 'aria-label': 'longest path' },
    [1, 2, 3, 4, 5, 6].map((n) =>
      h('option', { value: n, selected: String(n) === state.maxHops }, `≤ ${n} hops`),
    ),
  );
  hops.addEventListener('change', () => {
    state.maxHops = hops.value;
    go();
  });
  root.append(
    h('h2', {}, 'How are two entities connected?'),
    h(
      'div',
      { class: 'toolbar' },
      typeahead({
        name: 'from',
        placeholder: 'from, e.g. DeepSeek',
        value: state.from,
        onPick: (e) => ((state.from = e.id), go()),
      }),
      typeahead({
        name: 'to',
        placeholder: 'to, e.g. TSMC',
        value: state.to,
        onPick: (e) => ((state.to = e.id), go()),
      }),
      hops,
    ),
  );
  if (!state.from || !state.to) return () => undefined;
  const vars = { from: state.from, to: state.to, maxHops: Number(state.maxHops) };
  const wait = root.appendChild(loading());
  const data = await gql<ConnectionsQuery>(CONNECTIONS, vars);
  wait.remove();
  const paths = data.connections;
  const names = new Map<string, NodeRef>();
  const edges = new Map<string, Edge>();
  for (const path of paths) {
    for (const n of path.nodes) names.set(n.id, n);
    for (const e of path.edges) edges.set(e.id, e);
  }
  const side = h('aside', { class: 'side' }, h('p', { class: 'muted' }, 'Click an edge for its sources.'));
  const canvas = h('div', { class: 'graph', id: 'graph' });
  const graph = createGraph(canvas, {
    onOpen: (n) => navigate(entityHref(n.id)),
    onEdge: (e) => {
      clear(side);
      side.append(edgeDetails(e, names));
    },
  });
  const spell = (path: GraphPath) =>
    h(
      'li',
      {},
      path.nodes.map((n, i) => {
        const e = path.edges[i];
        const next = path.nodes[i + 1];
        if (!e || !next) return entityLink(n);
        const arrow = e.from === n.id ? ` —${e.type}→ ` : ` ←${e.type}— `;
        return [entityLink(n), h('code', { class: e.confidence === 'RUMORED' ? 'rumored' : null }, arrow)];
      }),
    );
  root.append(
    h(
      'p',
      {},
      paths.length
        ? `${paths.length} shortest path${paths.length > 1 ? 's' : ''} of ${paths[0]?.length ?? 0} hops. `
        : 'No path within the hop limit. ',
      graphiqlLink(CONNECTIONS, vars),
    ),
    legend(),
    h('div', { class: 'graph-row' }, canvas, side),
    h('ol', { class: 'paths' }, paths.map(spell)),
  );
  graph.set({ nodes: [...names.values()], edges: [...edges.values()] }, undefined, [state.from]);
  graph.cy.$id(state.from).addClass('focus');
  graph.cy.$id(state.to).addClass('focus');
  exposeGraph(graph.cy);
  return () => graph.destroy();
}
