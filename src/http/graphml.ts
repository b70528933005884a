// GraphML of a subgraph, for Gephi and yEd: nodes with label and kind, edges with type, confidence and sources.
export interface GraphmlSubgraph {
  truncated?: boolean;
  nodes: { id: string; name: string; kind: string }[];
  edges: {
    id: string;
    type: string;
    from: string;
    to: string;
    confidence: string;
    properties?: Record<string, unknown> | null;
    sources: { publisher: string; title: string; url: string | null; published: string | null }[];
  }[];
}

// XML 1.0 forbids most control characters even when escaped; drop them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const KEYS: [id: string, domain: 'node' | 'edge', name: string][] = [
  ['label', 'node', 'label'],
  ['kind', 'node', 'kind'],
  ['elabel', 'edge', 'label'],
  ['type', 'edge', 'type'],
  ['confidence', 'edge', 'confidence'],
  ['properties', 'edge', 'properties'],
  ['sources', 'edge', 'sources'],
  ['source_urls', 'edge', 'source_urls'],
];

const data = (key: string, value: string) => `<data key="${key}">${xmlEscape(value)}</data>`;

export function toGraphml(sub: GraphmlSubgraph, graphId = 'chipgraph'): string {
  const known = new Set(sub.nodes.map((n) => n.id));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map(
      ([id, domain, name]) => `  <key id="${id}" for="${domain}" attr.name="${name}" attr.type="string"/>`,
    ),
    `  <graph id="${xmlEscape(graphId)}" edgedefault="directed">`,
    ...sub.nodes.map(
      (n) => `    <node id="${xmlEscape(n.id)}">${data('label', n.name)}${data('kind', n.kind)}</node>`,
    ),
    ...sub.edges
      .filter((e) => known.has(e.from) && known.has(e.to))
      .map((e) => {
        const props = Object.fromEntries(
          Object.entries(e.properties ?? {}).filter(([, v]) => v !== null && v !== undefined),
        );
        const sources = e.sources.map(
          (s) => `${s.publisher}: ${s.title}${s.published ? ` (${s.published})` : ''}`,
        );
        return (
          `    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.from)}" target="${xmlEscape(e.to)}">` +
          data('elabel', e.type) +
          data('type', e.type) +
          data('confidence', e.confidence) +
          (Object.keys(props).length ? data('properties', JSON.stringify(props)) : '') +
          data('sources', sources.join(' | ')) +
          data('source_urls', e.sources.flatMap((s) => (s.url ? [s.url] : [])).join(' ')) +
          '</edge>'
        );
      }),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}
