// Exposure: pick a vendor, country, export control or software stack; see the exposed models and their alternatives.
import { gql } from '../api.js';
import { clear, h } from '../dom.js';
import { createGraph } from '../graph.js';
import type { ExposureQuery, HardwareRole } from '../generated/operations.js';
import { EXPOSURE } from '../queries.js';
import { entityHref, href, navigate, type Route } from '../router.js';
import type { Confidence, Edge, Kind, NodeRef } from '../types.js';
import { confidenceBadge, entityLink, graphiqlLink, legend, loading, typeahead } from '../widgets.js';
import { confidenceSelect } from './dependencies.js';
import { exposeGraph } from './entity.js';

const TARGETS = [
  { param: 'vendorId', label: 'vendor', kinds: ['COMPANY'] as Kind[] },
  { param: 'countryCode', label: 'country', kinds: ['COUNTRY'] as Kind[] },
  { param: 'exportControlId', label: 'export control', kinds: ['EXPORT_CONTROL'] as Kind[] },
  { param: 'softwareStackId', label: 'software stack', kinds: ['SOFTWARE_STACK'] as Kind[] },
] as const;

/** A dependency as `via` and `alternatives` select it (only alternatives name the chip's vendor). */
interface Dep {
  role: HardwareRole;
  confidence: Confidence;
  chip: { id: string; name: string; vendor?: { id: string; name: string } | null };
}

function depList(deps: Dep[]): HTMLElement {
  return h(
    'ul',
    { class: 'plain' },
    deps.map((d) =>
      h(
        'li',
        {},
        entityLink({ ...d.chip, kind: 'CHIP' }),
        d.chip.vendor ? ` (${d.chip.vendor.name})` : '',
        ` ${d.role === 'TRAINING' ? 'training' : 'serving'} `,
        confidenceBadge(d.confidence),
      ),
    ),
  );
}

export async function renderExposure(root: HTMLElement, route: Route): Promise<() => void> {
  const p = route.params;
  const chosen = TARGETS.find((t) => p.get(t.param)) ?? TARGETS[0];
  const value = p.get(chosen.param) ?? '';
  const asOf = p.get('asOf') ?? '';
  const minConfidence = p.get('minConfidence');
  const state = { param: chosen.param as string, value, asOf, minConfidence: minConfidence ?? '' };
  const go = () =>
    navigate(
      href('exposure', [], {
        [state.param]: state.value,
        asOf: state.asOf,
        minConfidence: state.minConfidence,
      }),
    );

  const kindSelect = h(
    'select',
    { name: 'targetKind', 'aria-label': 'what is cut off' },
    TARGETS.map((t) => h('option', { value: t.param, selected: t === chosen }, t.label)),
  );
  const pickerSlot = h('span', {});
  const makePicker = () => {
    const t = TARGETS.find((x) => x.param === state.param) ?? TARGETS[0];
    clear(pickerSlot);
    pickerSlot.append(
      typeahead({
        name: 'target',
        placeholder: `Pick a ${t.label}`,
        kinds: [...t.kinds],
        value: state.param === chosen.param ? value : '',
        onPick: (e) => {
          state.value = t.param === 'countryCode' ? e.id.toUpperCase() : e.id;
          go();
        },
      }),
    );
  };
  kindSelect.addEventListener('change', () => {
    state.param = kindSelect.value;
    state.value = '';
    makePicker();
  });
  makePicker();
  const asOfInput = h('input', { type: 'date', name: 'asOf', value: asOf, 'aria-label': 'as of' });
  asOfInput.addEventListener('change', () => {
    state.asOf = asOfInput.value;
    if (state.value) go();
  });
  root.append(
    h('h2', {}, 'Exposure: what if it is cut off?'),
    h(
      'div',
      { class: 'toolbar' },
      'If this ',
      kindSelect,
      ' is cut off: ',
      pickerSlot,
      h('label', {}, ' as of ', asOfInput),
      confidenceSelect(minConfidence, (v) => {
        state.minConfidence = v;
        if (state.value) go();
      }),
    ),
  );
  if (!value) return () => undefined;

  const target = { [chosen.param]: value };
  const vars = { target, asOf: asOf || undefined, minConfidence };
  const wait = root.appendChild(loading());
  const data = await gql<ExposureQuery>(EXPOSURE, vars);
  wait.remove();
  const r = data.exposure;
  const sub = {
    nodes: new Map<string, NodeRef>([[r.target.id, r.target]]),
    edges: [] as Edge[],
  };
  for (const m of r.models) {
    sub.nodes.set(m.model.id, { id: m.model.id, name: m.model.name, kind: 'MODEL' });
    for (const d of m.via) {
      sub.nodes.set(d.chip.id, { id: d.chip.id, name: d.chip.name, kind: 'CHIP' });
      const type = d.role === 'TRAINING' ? 'TRAINED_ON' : 'RUNS_ON';
      sub.edges.push({
        id: `${type}|${m.model.id}|${d.chip.id}`,
        type,
        from: m.model.id,
        to: d.chip.id,
        confidence: d.confidence,
        properties: null,
        sources: [],
      });
    }
  }
  for (const c of r.chips) {
    if (!sub.nodes.has(c.id)) continue;
    sub.edges.push({
      id: `EXPOSES|${r.target.id}|${c.id}`,
      type: 'EXPOSED',
      from: r.target.id,
      to: c.id,
      confidence: null,
      properties: null,
      sources: [],
    });
  }
  const canvas = h('div', { class: 'graph', id: 'graph' });
  const graph = createGraph(canvas, { onOpen: (n) => navigate(entityHref(n.id)) });
  root.append(
    h(
      'p',
      { class: 'summary', 'data-testid': 'exposure-summary' },
      `${r.models.length} models depend on ${r.chips.length} exposed chips of `,
      entityLink(r.target),
      r.asOf ? ` as of ${r.asOf}` : '',
      '. ',
      graphiqlLink(EXPOSURE, vars),
    ),
    legend(),
    h('div', { class: 'graph-row' }, canvas),
    h(
      'table',
      { class: 'facts exposure' },
      h(
        'tr',
        {},
        h('th', {}, 'model'),
        h('th', {}, 'developer'),
        h('th', {}, 'on exposed chips'),
        h('th', {}, 'alternatives it has'),
      ),
      r.models.map((m) =>
        h(
          'tr',
          { 'data-model': m.model.id },
          h('td', {}, entityLink({ ...m.model, kind: 'MODEL' })),
          h('td', {}, m.model.developer ? entityLink(m.model.developer) : ''),
          h('td', {}, depList(m.via)),
          h(
            'td',
            {},
            m.alternatives.length ? depList(m.alternatives) : h('span', { class: 'muted' }, 'none recorded'),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Exposed chips'),
    h(
      'p',
      {},
      r.chips.map((c, i) => [i ? ', ' : '', entityLink({ ...c, kind: 'CHIP' })]),
    ),
  );
  graph.set({ nodes: [...sub.nodes.values()], edges: sub.edges }, r.target.id);
  exposeGraph(graph.cy);
  return () => graph.destroy();
}
