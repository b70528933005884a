// The timeline: events around an entity, and an asOf slider that redraws its neighbourhood as it stood on that date.
import { gql } from '../api.js';
import { clear, debounce, h } from '../dom.js';
import { createGraph } from '../graph.js';
import type { NeighborhoodQuery, TimelineQuery } from '../generated/operations.js';
import { NEIGHBORHOOD, TIMELINE } from '../queries.js';
import { entityHref, href, navigate, replace, type Route } from '../router.js';
import type { Edge, NodeRef } from '../types.js';
import {
  confidenceBadge,
  edgeDetails,
  entityLink,
  graphiqlLink,
  legend,
  loading,
  sourcesList,
  typeahead,
} from '../widgets.js';
import { exposeGraph } from './entity.js';

export async function renderTimeline(root: HTMLElement, route: Route): Promise<() => void> {
  const id = route.parts[0];
  root.append(
    h('h2', {}, 'Timeline'),
    h(
      'div',
      { class: 'toolbar' },
      typeahead({
        name: 'entity',
        placeholder: 'Pick an entity, e.g. Huawei',
        onPick: (e) => navigate(href('timeline', [e.id])),
      }),
    ),
  );
  const tlVars = { entityId: id, first: 500 };
  const wait = root.appendChild(loading());
  const data = await gql<TimelineQuery>(TIMELINE, tlVars);
  wait.remove();
  const events = data.timeline;
  const dates = [...new Set(events.map((e) => e.date))].sort();
  const today = new Date().toISOString().slice(0, 10);
  if (!dates.includes(today)) dates.push(today);
  const requested = route.params.get('asOf');
  let index = requested
    ? Math.max(
        0,
        dates.findIndex((d) => d >= requested),
      )
    : dates.length - 1;
  if (requested && !dates.includes(requested)) {
    dates.splice(index, 0, requested);
  }
  index = requested ? dates.indexOf(requested) : dates.length - 1;

  const list = h('ol', { class: 'timeline' });
  const label = h('output', { class: 'asof', 'data-testid': 'asof' });
  const slider = h('input', {
    type: 'range',
    name: 'asOf',
    min: 0,
    max: dates.length - 1,
    step: 1,
    value: index,
    'aria-label': 'as of date',
  });
  const gqlLinkSlot = h('span', {});
  const drawList = (asOf: string) => {
    clear(list);
    for (const e of events)
      list.append(
        h(
          'li',
          { class: e.date <= asOf ? 'past' : 'future' },
          h('time', {}, e.date),
          ' ',
          h('span', { class: 'muted' }, e.kind),
          ' ',
          e.title,
          ' ',
          confidenceBadge(e.confidence),
          ' ',
          e.entities.slice(0, 4).map((x) => [entityLink(x), ' ']),
          h('details', {}, h('summary', {}, 'sources'), sourcesList(e.sources)),
        ),
      );
  };

  if (!id) {
    root.append(h('p', {}, graphiqlLink(TIMELINE, tlVars)), list);
    drawList(today);
    return () => undefined;
  }

  const side = h(
    'aside',
    { class: 'side' },
    h('p', { class: 'muted' }, 'Move the slider: the graph is redrawn as it stood on that date.'),
  );
  const canvas = h('div', { class: 'graph', id: 'graph' });
  let names = new Map<string, NodeRef>();
  const graph = createGraph(canvas, {
    onOpen: (n) => navigate(entityHref(n.id)),
    onEdge: (e: Edge) => {
      clear(side);
      side.append(edgeDetails(e, names));
    },
  });
  let drawn = 0;
  const redraw = async (asOf: string) => {
    const mine = ++drawn;
    const vars = { id, depth: 1, asOf };
    clear(gqlLinkSlot);
    gqlLinkSlot.append(graphiqlLink(NEIGHBORHOOD, vars));
    const d = await gql<NeighborhoodQuery>(NEIGHBORHOOD, vars);
    if (mine !== drawn) return;
    names = new Map(d.neighborhood.nodes.map((n) => [n.id, n]));
    const me = names.get(id);
    if (me) title.replaceChildren(entityLink(me));
    graph.set(d.neighborhood, id);
    canvas.dataset.asof = asOf;
    canvas.dataset.nodes = String(d.neighborhood.nodes.length);
  };
  const debounced = debounce((asOf: string) => void redraw(asOf), 200);
  const onSlide = (commit: boolean) => {
    const asOf = dates[Number(slider.value)] ?? today;
    label.value = asOf;
    drawList(asOf);
    replace(href('timeline', [id], { asOf }));
    if (commit) void redraw(asOf);
    else debounced(asOf);
  };
  slider.addEventListener('input', () => onSlide(false));
  slider.addEventListener('change', () => onSlide(true));

  const title = h('span', {}, entityLink({ id, name: id }));
  root.append(
    h('p', {}, title, ' as of ', label, ' ', gqlLinkSlot, ' · events: ', graphiqlLink(TIMELINE, tlVars)),
    h(
      'div',
      { class: 'slider' },
      h('span', {}, dates[0] ?? ''),
      slider,
      h('span', {}, dates[dates.length - 1] ?? ''),
    ),
    legend(),
    h('div', { class: 'graph-row' }, canvas, side),
    list,
  );
  exposeGraph(graph.cy);
  onSlide(true);
  return () => graph.destroy();
}
