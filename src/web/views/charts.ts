// The charts (`#/charts?asOf=...&minConfidence=...`, one chart alone at `#/charts/<id>`): every chart reads the
// same two controls from the URL, so a link shares exactly the picture on screen.
import { h } from '../dom.js';
import { chartPanel } from '../charts/panel.js';
import { CHARTS, EXPOSURE_TARGETS, type ChartParams, type ChartSpec } from '../charts/specs.js';
import { href, navigate, type Route } from '../router.js';
import type { Confidence } from '../types.js';
import { errorBox, loading, typeahead } from '../widgets.js';
import { confidenceSelect } from './dependencies.js';

export function chartParams(params: URLSearchParams): ChartParams {
  const c = params.get('minConfidence')?.toUpperCase();
  const levels: Confidence[] = ['CONFIRMED', 'REPORTED', 'RUMORED'];
  return {
    asOf: params.get('asOf') || null,
    minConfidence: levels.find((l) => l === c) ?? null,
    params,
  };
}

/** Loads and draws the given charts side by side (errors shown per chart); returns the cleanup. */
export async function drawCharts(
  parent: HTMLElement,
  specs: ChartSpec[],
  p: ChartParams,
  opts: { compact?: boolean; linkTo?: (spec: ChartSpec) => string } = {},
): Promise<() => void> {
  const grid = h('div', { class: `chart-grid${opts.compact ? ' compact' : ''}` });
  parent.append(grid);
  const slots = specs.map(() => grid.appendChild(h('div', { class: 'chart-slot' }, loading())));
  const results = await Promise.allSettled(specs.map((s) => s.load(p)));
  const cleanups: (() => void)[] = [];
  results.forEach((r, i) => {
    const spec = specs[i]!;
    const slot = slots[i]!;
    slot.replaceChildren();
    if (r.status === 'rejected') {
      slot.append(h('h3', {}, spec.title), errorBox(r.reason));
      return;
    }
    cleanups.push(
      chartPanel(
        slot,
        { id: spec.id, title: spec.title, compact: opts.compact, more: opts.linkTo?.(spec) },
        r.value,
      ),
    );
  });
  return () => cleanups.forEach((c) => c());
}

export async function renderCharts(root: HTMLElement, route: Route): Promise<() => void> {
  const one = CHARTS.find((c) => c.id === route.parts[0]);
  const p = chartParams(route.params);
  const current = Object.fromEntries(route.params);
  const go = (changes: Record<string, string>) =>
    navigate(href('charts', one ? [one.id] : [], { ...current, ...changes }));

  const asOf = h('input', { type: 'date', name: 'asOf', value: p.asOf ?? '', 'aria-label': 'as of' });
  asOf.addEventListener('change', () => go({ asOf: asOf.value }));
  const role = h(
    'select',
    { name: 'role', 'aria-label': 'training or inference' },
    [
      ['', 'trained or served'],
      ['TRAINING', 'trained on'],
      ['INFERENCE', 'served on'],
    ].map(([v, label]) => h('option', { value: v, selected: (route.params.get('role') ?? '') === v }, label)),
  );
  role.addEventListener('change', () => go({ role: role.value }));
  const targetKey = EXPOSURE_TARGETS.find((k) => route.params.get(k)) ?? 'vendorId';
  const target = typeahead({
    name: 'target',
    placeholder: 'exposure: cut off which vendor?',
    kinds: ['COMPANY'],
    value: route.params.get(targetKey) ?? 'nvidia',
    onPick: (e) => go({ vendorId: e.id }),
  });

  root.append(
    h('h2', {}, one ? one.title : 'Charts'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'as of ', asOf),
      confidenceSelect(p.minConfidence, (v) => go({ minConfidence: v })),
      !one || one.id === 'models-by-chip-country' ? h('label', {}, 'models ', role, ' chips') : null,
      !one || one.id === 'exposure' ? target : null,
      one ? h('a', { href: href('charts', [], current) }, 'all charts') : null,
    ),
    h(
      'p',
      { class: 'muted' },
      'Every chart reads the graph as of the date above and keeps only facts at least as well supported as chosen; ',
      '“show the data” lists exactly what is drawn, and each chart downloads as PNG, SVG or CSV.',
    ),
  );
  return drawCharts(root, one ? [one] : CHARTS, p, {
    linkTo: one ? undefined : (s) => href('charts', [s.id], current),
  });
}
