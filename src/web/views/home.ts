// The start page and the full search results page.
import { gql } from '../api.js';
import { h } from '../dom.js';
import { KIND_LABELS } from '../graph.js';
import { SEARCH } from '../queries.js';
import { entityHref, href, type Route } from '../router.js';
import { graphiqlLink, kindDot, loading, type SearchHit } from '../widgets.js';

export function renderHome(root: HTMLElement): Promise<() => void> {
  const ex = (label: string, to: string) => h('li', {}, h('a', { href: to }, label));
  root.append(
    h('h2', {}, 'Explore the AI compute supply chain'),
    h(
      'p',
      {},
      'Search above for a chip, company, model, export control or software stack (Chinese names work too: 昇腾, 寒武纪). Every fact shows its sources and confidence.',
    ),
    h(
      'ul',
      { class: 'examples' },
      ex('Huawei Ascend 910C and its neighbourhood', entityHref('huawei-ascend-910c')),
      ex('What DeepSeek V3 was trained and is served on', href('dependencies', ['deepseek-v3'])),
      ex('What is exposed if Nvidia is cut off', href('exposure', [], { vendorId: 'nvidia' })),
      ex('How DeepSeek is connected to TSMC', href('path', [], { from: 'deepseek', to: 'tsmc' })),
      ex('Huawei over time', href('timeline', ['huawei'])),
    ),
    h(
      'p',
      {},
      'Data as files: ',
      h('a', { href: '/export/hardware-dependencies.csv' }, 'hardware dependencies (CSV)'),
      ' · ',
      h('a', { href: '/export/chips.csv' }, 'chips'),
      ' · ',
      h('a', { href: '/export/models.csv' }, 'models'),
      ' · ',
      h('a', { href: '/export/orders.csv' }, 'orders'),
      ' · ',
      h('a', { href: '/export/export-controls.csv' }, 'export controls'),
      ' · ',
      h('a', { href: '/graphql' }, 'GraphiQL'),
    ),
  );
  return Promise.resolve(() => undefined);
}

export async function renderSearch(root: HTMLElement, route: Route): Promise<() => void> {
  const text = route.params.get('q') ?? '';
  const vars = { text, first: 50 };
  root.append(h('h2', {}, `Search: ${text}`));
  const wait = root.appendChild(loading());
  const data = await gql<{ search: SearchHit[] }>(SEARCH, vars);
  wait.remove();
  root.append(
    h('p', {}, `${data.search.length} hits. `, graphiqlLink(SEARCH, vars)),
    h(
      'ol',
      { class: 'hits' },
      data.search.map((hit) =>
        h(
          'li',
          { 'data-id': hit.entity.id },
          kindDot(hit.entity.kind),
          h('a', { href: entityHref(hit.entity.id) }, hit.entity.name),
          h('span', { class: 'muted' }, ` ${KIND_LABELS[hit.entity.kind]}`),
          hit.entity.aliases.length
            ? h('span', { class: 'aliases' }, ` — ${hit.entity.aliases.join(', ')}`)
            : null,
        ),
      ),
    ),
  );
  return () => undefined;
}
