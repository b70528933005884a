// Compact mode for iframes: one entity's neighbourhood graph, a title, and a link to the full explorer.
import { gql } from '../api.js';
import { clear, h } from '../dom.js';
import { createGraph } from '../graph.js';
import type { NeighborhoodQuery } from '../generated/operations.js';
import { NEIGHBORHOOD } from '../queries.js';
import type { NodeRef, Subgraph } from '../types.js';
import { edgeDetails, errorBox } from '../widgets.js';
import { exposeGraph } from './entity.js';

export function embedUrl(id: string, params: URLSearchParams): string {
  const qs = params.toString();
  return `/embed/entity/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`;
}

export async function renderEmbed(root: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  document.body.classList.add('embed');
  const depth = Number(params.get('depth') ?? 1) || 1;
  const asOf = params.get('asOf') ?? undefined;
  let sub: Subgraph;
  try {
    sub = (await gql<NeighborhoodQuery>(NEIGHBORHOOD, { id, depth, asOf })).neighborhood;
  } catch (err) {
    root.append(errorBox(err));
    return;
  }
  const focus = sub.nodes.find((n) => n.id === id);
  const names = new Map<string, NodeRef>(sub.nodes.map((n) => [n.id, n]));
  const panel = h('div', { class: 'embed-panel', hidden: true });
  const canvas = h('div', { class: 'graph', id: 'graph', 'data-focus': id });
  root.append(
    h(
      'div',
      { class: 'embed-head' },
      h('strong', {}, focus?.name ?? id),
      asOf ? ` as of ${asOf}` : '',
      ' · ',
      h(
        'a',
        { href: `/#/entity/${encodeURIComponent(id)}`, target: '_blank', rel: 'noopener' },
        'open in chipgraph ↗',
      ),
    ),
    canvas,
    panel,
  );
  const graph = createGraph(canvas, {
    onOpen: (n) => {
      location.href = embedUrl(n.id, params);
    },
    onEdge: (e) => {
      clear(panel);
      const close = h('button', { type: 'button', class: 'close', 'aria-label': 'close' }, '×');
      close.addEventListener('click', () => (panel.hidden = true));
      panel.append(close, edgeDetails(e, names));
      panel.hidden = false;
    },
  });
  graph.set(sub, id);
  exposeGraph(graph.cy);
}
