// A model's hardware dependencies: the chips it was trained / is served on, their vendors and the vendors' countries.
import { gql } from '../api.js';
import { clear, h } from '../dom.js';
import { createGraph } from '../graph.js';
import type { HardwareDependenciesQuery } from '../generated/operations.js';
import { DEPENDENCIES } from '../queries.js';
import { entityHref, href, navigate, type Route } from '../router.js';
import type { Edge, NodeRef, Subgraph } from '../types.js';
import {
  confidenceBadge,
  edgeDetails,
  entityLink,
  errorBox,
  graphiqlLink,
  legend,
  loading,
  sourcesList,
  typeahead,
} from '../widgets.js';
import { exposeGraph } from './entity.js';

type Answer = HardwareDependenciesQuery;

export function confidenceSelect(value: string | null, onChange: (v: string) => void): HTMLSelectElement {
  const s = h(
    'select',
    { name: 'minConfidence', 'aria-label': 'minimum confidence' },
    h('option', { value: '' }, 'any confidence'),
    ['CONFIRMED', 'REPORTED'].map((c) =>
      h('option', { value: c, selected: c === value }, `at least ${c.toLowerCase()}`),
    ),
  );
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

/** Model → chip → vendor → country, as a subgraph to draw. */
function toSubgraph(m: NonNullable<Answer['model']>): Subgraph {
  const nodes = new Map<string, NodeRef>([[m.id, { id: m.id, name: m.name, kind: 'MODEL' }]]);
  const edges = new Map<string, Edge>();
  for (const d of m.hardware) {
    nodes.set(d.chip.id, { id: d.chip.id, name: d.chip.name, kind: 'CHIP' });
    edges.set(d.id, {
      id: d.id,
      type: d.role === 'TRAINING' ? 'TRAINED_ON' : 'RUNS_ON',
      from: m.id,
      to: d.chip.id,
      confidence: d.confidence,
      properties: {
        chipCount: d.chipCount,
        chipHours: d.chipHours,
        cluster: d.cluster,
        validFrom: d.validFrom,
        note: d.note,
      },
      sources: d.sources,
    });
    const v = d.chip.vendor;
    if (!v) continue;
    nodes.set(v.id, { id: v.id, name: v.name, kind: 'COMPANY' });
    edges.set(`DESIGNS|${v.id}|${d.chip.id}`, {
      id: `DESIGNS|${v.id}|${d.chip.id}`,
      type: 'DESIGNS',
      from: v.id,
      to: d.chip.id,
      confidence: null,
      properties: { drawn: 'from the chip record; open the chip for its sources' },
      sources: [],
    });
    if (v.country) {
      nodes.set(v.country.id, { id: v.country.id, name: v.country.name, kind: 'COUNTRY' });
      const hq = `HEADQUARTERED_IN|${v.id}|${v.country.id}`;
      edges.set(hq, {
        id: hq,
        type: 'HEADQUARTERED_IN',
        from: v.id,
        to: v.country.id,
        confidence: null,
        properties: { drawn: 'from the company record; open the company for its sources' },
        sources: [],
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export async function renderDependencies(root: HTMLElement, route: Route): Promise<() => void> {
  const id = route.parts[0];
  const minConfidence = route.params.get('minConfidence');
  const picker = typeahead({
    name: 'model',
    placeholder: 'Pick a model, e.g. DeepSeek V3',
    kinds: ['MODEL'],
    onPick: (m) => navigate(href('dependencies', [m.id], { minConfidence })),
  });
  root.append(
    h('h2', {}, 'Hardware dependencies'),
    h(
      'div',
      { class: 'toolbar' },
      picker,
      confidenceSelect(minConfidence, (v) =>
        navigate(href('dependencies', id ? [id] : [], { minConfidence: v })),
      ),
    ),
  );
  if (!id) return () => undefined;
  const vars = { id, minConfidence };
  const wait = root.appendChild(loading());
  const data = await gql<Answer>(DEPENDENCIES, vars);
  wait.remove();
  const m = data.model;
  if (!m) {
    root.append(errorBox(`No model with id "${id}".`));
    return () => undefined;
  }
  (picker.querySelector('input') as HTMLInputElement).value = m.name;
  const sub = toSubgraph(m);
  const names = new Map(sub.nodes.map((n) => [n.id, n]));
  const side = h(
    'aside',
    { class: 'side' },
    h('p', { class: 'muted' }, 'Click an edge for its sources, a node to open it.'),
  );
  const canvas = h('div', { class: 'graph', id: 'graph' });
  const graph = createGraph(canvas, {
    onOpen: (n) => navigate(entityHref(n.id)),
    onEdge: (e) => {
      clear(side);
      side.append(edgeDetails(e, names));
    },
  });
  root.append(
    h(
      'p',
      {},
      entityLink(m),
      m.developer
        ? [' by ', entityLink(m.developer), m.developer.country ? ` (${m.developer.country.name})` : '']
        : null,
      m.released ? `, released ${m.released}` : '',
      ' ',
      graphiqlLink(DEPENDENCIES, vars),
    ),
    legend(),
    h('div', { class: 'graph-row' }, canvas, side),
    m.hardware.length === 0
      ? h('p', { class: 'muted' }, 'No hardware facts recorded for this model.')
      : h(
          'table',
          { class: 'facts deps' },
          h(
            'tr',
            {},
            ['role', 'chip', 'vendor', 'vendor country', 'chips', 'confidence', 'note', 'sources'].map((t) =>
              h('th', {}, t),
            ),
          ),
          m.hardware.map((d) =>
            h(
              'tr',
              { class: d.confidence === 'RUMORED' ? 'rumored' : null },
              h('td', {}, d.role === 'TRAINING' ? 'trained on' : 'served on'),
              h('td', {}, entityLink(d.chip)),
              h('td', {}, d.chip.vendor ? entityLink(d.chip.vendor) : ''),
              h('td', {}, d.chip.vendor?.country ? entityLink(d.chip.vendor.country) : ''),
              h('td', {}, d.chipCount?.toLocaleString('en-US') ?? ''),
              h('td', {}, confidenceBadge(d.confidence)),
              h('td', {}, d.note ?? ''),
              h('td', {}, sourcesList(d.sources)),
            ),
          ),
        ),
  );
  graph.set(sub, m.id);
  exposeGraph(graph.cy);
  return () => graph.destroy();
}
