// Short text renderings of the tools' answers, each fact with its confidence and its sources cited by number.
import { arr, capped, obj, str, type Citations, type Obj, type Renderer } from './answers.js';

const name = (v: unknown): string => str(obj(v).name) || str(obj(v).id);

function dependency(d: Obj, cite: Citations, subject: 'model' | 'chip' | 'both' = 'both'): string {
  const n = Number(d.chipCount ?? 0);
  const count = n ? `, ${n.toLocaleString('en-US')} chip${n === 1 ? '' : 's'}` : '';
  const note = d.note ? ` — ${str(d.note)}` : '';
  const facts = `${str(d.role)}${count}, ${str(d.confidence)} ${cite.cite(d.sources)}`.trim();
  if (subject === 'chip') return `${name(d.chip)} (${facts})`;
  if (subject === 'model') return `${name(d.model)} (${facts})`;
  const vendor = obj(obj(d.chip).vendor).name ? ` by ${name(obj(d.chip).vendor)}` : '';
  return `- ${name(d.model)} → ${name(d.chip)}${vendor}: ${facts}${note}`;
}

export const renderSearch =
  (text: string): Renderer =>
  (data, cite) => {
    const hits = arr(data.search);
    if (hits.length === 0) return [`No entity matches "${text}".`];
    return [
      `${hits.length} match${hits.length === 1 ? '' : 'es'} for "${text}", best first:`,
      ...hits.map((h) => {
        const e = obj(h.entity);
        const aliases = arr(e.aliases).length
          ? ` (also ${(e.aliases as unknown[]).slice(0, 4).join(', ')})`
          : '';
        return `- ${str(e.name)}${aliases}: ${str(e.kind)}, id \`${str(e.id)}\` ${cite.cite(e.sources)}`.trim();
      }),
    ];
  };

const ENTITY_BASICS = new Set([
  '__typename',
  'id',
  'name',
  'kind',
  'aliases',
  'description',
  'sources',
  'claims',
]);

export const renderEntity: Renderer = (data, cite) => {
  const e = obj(data.entity);
  const hood = obj(data.neighborhood);
  const names = new Map(arr(hood.nodes).map((n) => [str(n.id), str(n.name)]));
  const attributes = Object.entries(e)
    .filter(([k, v]) => !ENTITY_BASICS.has(k) && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? name(v) : str(v)}`);
  const lines = [
    `${str(e.name)} (${str(e.kind)}, id \`${str(e.id)}\`) ${cite.cite(e.sources)}`.trim(),
    ...(e.description ? [str(e.description)] : []),
    ...(arr(e.aliases).length ? [`Also called: ${(e.aliases as unknown[]).join(', ')}`] : []),
    ...(attributes.length ? [`Attributes: ${attributes.join('; ')}`] : []),
  ];
  const claims = arr(e.claims);
  if (claims.length) {
    lines.push('Claims where sources disagree or changed:');
    for (const c of claims) {
      lines.push(
        `- ${str(c.field)} = ${JSON.stringify(c.value)}${c.date ? ` (${str(c.date)})` : ''}: ${str(c.confidence)} ${cite.cite(c.sources)}`,
      );
    }
  }
  const edges = arr(hood.edges);
  lines.push(`Facts (${edges.length}${hood.truncated ? ', truncated' : ''}):`);
  lines.push(
    ...capped(
      edges.map(
        (f) =>
          `- ${names.get(str(f.from)) ?? str(f.from)} ${str(f.type)} ${names.get(str(f.to)) ?? str(f.to)}: ` +
          `${str(f.confidence)} ${cite.cite(f.sources)}`,
      ),
    ),
  );
  return lines;
};

export const renderDependencies: Renderer = (data, cite) => {
  const page = obj(data.hardwareDependencies);
  const rows = arr(page.nodes);
  const info = obj(page.pageInfo);
  const more = info.hasNextPage ? ` More: call again with after: "${str(info.endCursor)}".` : '';
  return [
    `${rows.length} of ${str(page.totalCount)} hardware dependencies (model → chip: role, confidence, sources).${more}`,
    ...capped(rows.map((d) => dependency(d, cite))),
  ];
};

export const renderExposure: Renderer = (data, cite) => {
  const x = obj(data.exposure);
  const chips = arr(x.chips);
  const models = arr(x.models);
  const lines = [
    `If ${name(x.target)} (${str(obj(x.target).kind)}) is cut off${x.asOf ? `, as of ${str(x.asOf)}` : ''}: ` +
      `${chips.length} chips are exposed and ${models.length} models depend on them.`,
    `Exposed chips: ${chips.map((c) => name(c)).join(', ') || 'none'}.`,
  ];
  lines.push(
    ...capped(
      models.map((m) => {
        const via = arr(m.via).map((d) => dependency(d, cite, 'chip'));
        const alt = arr(m.alternatives).map((d) => dependency(d, cite, 'chip'));
        return `- ${name(m.model)}: via ${via.join('; ')}${alt.length ? `; already has: ${alt.join('; ')}` : '; no alternative on record'}`;
      }),
      20,
    ),
  );
  return lines;
};

export const renderConnections: Renderer = (data, cite) => {
  const paths = arr(data.connections);
  if (paths.length === 0) return ['No path between them within the hops asked for.'];
  return [
    `${paths.length} shortest path${paths.length === 1 ? '' : 's'}:`,
    ...capped(
      paths.map((p, i) => {
        const nodes = arr(p.nodes);
        const edges = arr(p.edges);
        let line = name(nodes[0]);
        edges.forEach((e, j) => {
          line += ` —${str(e.type)} (${str(e.confidence)} ${cite.cite(e.sources)})— ${name(nodes[j + 1])}`;
        });
        return `${i + 1}. ${line}`;
      }),
      15,
    ),
  ];
};

export const renderTimeline: Renderer = (data, cite) => {
  const events = arr(data.timeline);
  if (events.length === 0) return ['No events in that range.'];
  return [
    `${events.length} event${events.length === 1 ? '' : 's'}, oldest first:`,
    ...capped(
      events.map((e) =>
        `- ${str(e.date)} ${str(e.kind)}: ${str(e.title)}${e.confidence ? ` (${str(e.confidence)})` : ''} ${cite.cite(e.sources)}`.trimEnd(),
      ),
      40,
    ),
  ];
};

export const renderStats: Renderer = (data) => {
  const s = obj(data.stats);
  const d = obj(s.dataset);
  const entities = arr(s.entities).map((k) => `${str(k.count)} ${str(k.kind)}`);
  const relationships = arr(s.relationships).map((r) => `${str(r.count)} ${str(r.type)}`);
  return [
    d.version
      ? `Dataset ${str(d.version)} (${str(d.license)}), record ends ${str(d.recordEnds) || 'unknown'}, loaded ${str(d.loadedAt)}.`
      : 'No dataset has been loaded.',
    `Entities: ${entities.join(', ')}.`,
    `Facts: ${relationships.join(', ')}.`,
    `${str(s.sources)} sources; ${str(s.unsourcedRelationships)} facts without a source.`,
    'These are counts of the graph; each fact counted carries its own confidence and sources (ask the other tools).',
  ];
};

/** For `graphql_query`: how many facts of each confidence the answer holds (the JSON block has the data). */
export const renderAnyQuery: Renderer = (data) => {
  const counts = new Map<string, number>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Obj;
    if (typeof o.confidence === 'string') counts.set(o.confidence, (counts.get(o.confidence) ?? 0) + 1);
    Object.values(o).forEach(visit);
  };
  visit(data);
  const summary = [...counts].map(([c, n]) => `${n} ${c}`).join(', ');
  return [
    `The API answered fields: ${Object.keys(data).join(', ')}.` +
      (summary
        ? ` Facts by confidence: ${summary}.`
        : ' (Ask for `confidence` and `sources { publisher title published url }` to cite facts.)'),
    'The answer is in the JSON block below and in structuredContent.answer.',
  ];
};
