// The explorer's entry point: the page frame (header search, navigation) and the hash router that picks a view.
import { clear, h } from './dom.js';
import { entityHref, href, navigate, parseHash, type Route } from './router.js';
import { renderDependencies } from './views/dependencies.js';
import { renderEmbed } from './views/embed.js';
import { renderEntity } from './views/entity.js';
import { renderExposure } from './views/exposure.js';
import { renderHome, renderSearch } from './views/home.js';
import { renderCharts } from './views/charts.js';
import { renderPath } from './views/path.js';
import { renderTable } from './views/table.js';
import { renderTimeline } from './views/timeline.js';
import { errorBox, typeahead } from './widgets.js';

type View = (root: HTMLElement, route: Route) => Promise<() => void>;

const VIEWS: Record<string, View> = {
  home: renderHome,
  search: renderSearch,
  entity: renderEntity,
  dependencies: renderDependencies,
  exposure: renderExposure,
  path: renderPath,
  timeline: renderTimeline,
  table: renderTable,
  charts: renderCharts,
};

function frame(body: HTMLElement): HTMLElement {
  const nav = (label: string, to: string, view: string) => h('a', { href: to, 'data-view': view }, label);
  const main = h('main', { id: 'app' });
  body.append(
    h(
      'header',
      { class: 'top' },
      h('a', { class: 'brand', href: '#/' }, 'chipgraph'),
      typeahead({
        name: 'q',
        placeholder: 'Search chips, companies, models… (e.g. Ascend, 昇腾)',
        onPick: (e) => navigate(entityHref(e.id)),
        onEnter: (text) => text.trim() && navigate(href('search', [], { q: text.trim() })),
      }),
      h(
        'nav',
        { class: 'views' },
        nav('Tables', href('table', ['chips']), 'table'),
        nav('Charts', href('charts'), 'charts'),
        nav('Dependencies', href('dependencies'), 'dependencies'),
        nav('Exposure', href('exposure'), 'exposure'),
        nav('Path', href('path'), 'path'),
        nav('Timeline', href('timeline'), 'timeline'),
        h('a', { href: '/graphql', target: '_blank' }, 'GraphiQL'),
      ),
    ),
    main,
  );
  return main;
}

function start(): void {
  const body = document.body;
  const embedPath = /^\/embed\/entity\/([^/]+)\/?$/.exec(location.pathname);
  const search = new URLSearchParams(location.search);
  if (embedPath?.[1] || search.get('embed') === '1') {
    const route = parseHash(location.hash);
    const id = embedPath?.[1] ? decodeURIComponent(embedPath[1]) : (route.parts[0] ?? '');
    const params = embedPath ? search : route.params;
    const root = h('main', { id: 'app' });
    body.append(root);
    void renderEmbed(root, id, params);
    return;
  }
  const main = frame(body);
  let cleanup: () => void = () => undefined;
  let rendering = 0;
  const render = async () => {
    const mine = ++rendering;
    cleanup();
    cleanup = () => undefined;
    clear(main);
    const route = parseHash(location.hash);
    document.title = 'chipgraph explorer';
    for (const a of document.querySelectorAll('nav.views a[data-view]'))
      a.classList.toggle('active', a.getAttribute('data-view') === route.view);
    const view = VIEWS[route.view] ?? VIEWS.home!;
    const root = h('div', { class: `view view-${route.view}`, 'data-view': route.view });
    main.append(root);
    try {
      const done = await view(root, route);
      if (mine === rendering) cleanup = done;
      else done();
      root.setAttribute('data-ready', 'true');
    } catch (err) {
      console.error(err);
      root.append(errorBox(err));
      root.setAttribute('data-ready', 'error');
    }
  };
  window.addEventListener('hashchange', () => void render());
  void render();
}

start();
