// The export writers without a server: CSV cells (RFC 4180 quoting, lists in one cell, the formula guard) and a
// GraphML document that parses back with the nodes, edges, keys and escaped text that went in.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CELL_SEPARATOR, toCsv } from '../../src/http/exports/csv.js';
import { toGraphml, xmlEscape, type GraphmlSubgraph } from '../../src/http/graphml.js';

/** The one data cell of a one-column CSV (after the BOM, the header line and before the final CRLF). */
const cellOf = (value: unknown) => {
  const csv = toCsv(['v'], [{ v: value }]);
  expect(csv.startsWith('\uFEFFv\r\n')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice('\uFEFFv\r\n'.length, -2);
};

describe('toCsv', () => {
  it('writes a BOM, a header, one CRLF-terminated line per row, columns in the given order', () => {
    const csv = toCsv(
      ['id', 'name'],
      [
        { name: 'H100', id: 'nvidia-h100', extra: 'ignored' },
        { id: 'ascend-910b', name: '昇腾 910B' },
      ],
    );
    expect(csv).toBe('\uFEFFid,name\r\nnvidia-h100,H100\r\nascend-910b,昇腾 910B\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });

  it('leaves plain text bare and quotes a cell with a comma, a quote, CR or LF (quotes doubled)', () => {
    expect(cellOf('plain text')).toBe('plain text');
    expect(cellOf('a,b')).toBe('"a,b"');
    expect(cellOf('say "hi"')).toBe('"say ""hi"""');
    expect(cellOf('line1\nline2')).toBe('"line1\nline2"');
    expect(cellOf('a\r\nb')).toBe('"a\r\nb"');
  });

  it('quotes leading or trailing whitespace so readers keep it', () => {
    expect(cellOf(' x')).toBe('" x"');
    expect(cellOf('x ')).toBe('"x "');
  });

  it('writes null and undefined (and a missing column) as an empty cell', () => {
    expect(cellOf(null)).toBe('');
    expect(cellOf(undefined)).toBe('');
    expect(toCsv(['a', 'b', 'c'], [{ b: 1 }])).toBe('\uFEFFa,b,c\r\n,1,\r\n');
  });

  it('writes numbers and booleans as text, and other values as JSON (quoted)', () => {
    expect(cellOf(0)).toBe('0');
    expect(cellOf(-2.5)).toBe('-2.5');
    expect(cellOf(false)).toBe('false');
    expect(cellOf({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('joins a list in one cell with CELL_SEPARATOR, nulls as empty', () => {
    expect(CELL_SEPARATOR).toBe(' | ');
    expect(cellOf(['Ascend', '昇腾', 3])).toBe('Ascend | 昇腾 | 3');
    expect(cellOf(['a', null, 'b'])).toBe('a |  | b');
    expect(cellOf([])).toBe('');
    expect(cellOf(['a,b', 'c'])).toBe('"a,b | c"');
  });

  it.each(['=1+1', '+cmd', '-cmd', '@SUM(A1)', '\tx', '=HYPERLINK("http://x")'])(
    'prefixes a text cell that a spreadsheet would run as a formula (%j) with a quote',
    (text) => {
      const out = cellOf(text);
      const unquoted = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
      expect(unquoted).toBe(`'${text}`);
    },
  );

  it('keeps a cell that is a number and nothing else as it is', () => {
    expect(cellOf('-5')).toBe('-5');
    expect(cellOf('+3.5e2')).toBe('+3.5e2');
    expect(cellOf(-12)).toBe('-12');
  });

  it('guards text that only starts like a number, and lists and JSON whose text starts like a formula', () => {
    expect(cellOf("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(cellOf('+1+HYPERLINK("http://evil")')).toBe(`"'+1+HYPERLINK(""http://evil"")"`);
    expect(cellOf('+86 10 1234')).toBe("'+86 10 1234");
    expect(cellOf(['=HYPERLINK("http://evil","x")', 'b'])).toBe(`"'=HYPERLINK(""http://evil"",""x"") | b"`);
    expect(cellOf(['-2', 'b'])).toBe("'-2 | b");
  });

  it('guards header cells too', () => {
    expect(toCsv(['=x'], [])).toBe("\uFEFF'=x\r\n");
  });
});

describe('xmlEscape', () => {
  it('escapes the five XML specials, & first (no double escaping)', () => {
    expect(xmlEscape(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    expect(xmlEscape('&lt;')).toBe('&amp;lt;');
  });

  it('drops characters XML 1.0 forbids, keeps tab, LF, CR and non-ASCII', () => {
    expect(xmlEscape('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef');
    expect(xmlEscape('x\ty\nz\r昇腾')).toBe('x\ty\nz\r昇腾');
  });
});

describe('toGraphml', () => {
  const sub: GraphmlSubgraph = {
    nodes: [
      { id: 'nvidia', name: 'NVIDIA', kind: 'Company' },
      { id: 'tsmc', name: 'TSMC & "Co" <Taiwan>', kind: 'Company' },
      { id: 'h100', name: "H100 'Hopper'", kind: 'Chip' },
    ],
    edges: [
      {
        id: 'e1',
        type: 'DESIGNS',
        from: 'nvidia',
        to: 'h100',
        confidence: 'confirmed',
        properties: { share: 0.5, note: null },
        sources: [
          {
            publisher: 'NVIDIA',
            title: 'H100 <datasheet>',
            url: 'https://x.test/a?b=1&c=2',
            published: '2022-03',
          },
          { publisher: 'Reuters', title: 'Report', url: null, published: null },
        ],
      },
      { id: 'e2', type: 'MANUFACTURES', from: 'tsmc', to: 'h100', confidence: 'reported', sources: [] },
      // An end outside the subgraph: the edge is left out rather than pointing nowhere.
      { id: 'e3', type: 'SUPPLIES', from: 'tsmc', to: 'elsewhere', confidence: 'rumored', sources: [] },
    ],
  };
  const xml = toGraphml(sub, 'g&1');
  type Data = { '@key': string; '#text'?: string | number };
  type El = { '@id': string; '@source'?: string; '@target'?: string; data: Data[] };
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (n) => ['key', 'node', 'edge', 'data'].includes(n),
  }).parse(xml) as {
    graphml: {
      '@xmlns': string;
      key: { '@id': string; '@for': string; '@attr.name': string; '@attr.type': string }[];
      graph: { '@id': string; '@edgedefault': string; node: El[]; edge: El[] };
    };
  };
  const g = doc.graphml.graph;
  const dataOf = (el: El) => Object.fromEntries(el.data.map((d) => [d['@key'], String(d['#text'] ?? '')]));

  it('is a well-formed GraphML document', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml')).toBe(true);
    expect(doc.graphml['@xmlns']).toBe('http://graphml.graphdrawing.org/xmlns');
    expect(g['@id']).toBe('g&1');
    expect(g['@edgedefault']).toBe('directed');
  });

  it('declares its keys, all typed as strings, for nodes and edges', () => {
    expect(doc.graphml.key.map((k) => `${k['@for']}:${k['@id']}`)).toEqual([
      'node:label',
      'node:kind',
      'edge:elabel',
      'edge:type',
      'edge:confidence',
      'edge:properties',
      'edge:sources',
      'edge:source_urls',
    ]);
    expect(new Set(doc.graphml.key.map((k) => k['@attr.type']))).toEqual(new Set(['string']));
  });

  it('has one node per node and only the edges whose two ends are in the subgraph', () => {
    expect(g.node.map((n) => n['@id'])).toEqual(['nvidia', 'tsmc', 'h100']);
    expect(g.edge.map((e) => [e['@id'], e['@source'], e['@target']])).toEqual([
      ['e1', 'nvidia', 'h100'],
      ['e2', 'tsmc', 'h100'],
    ]);
    const declared = new Set(doc.graphml.key.map((k) => k['@id']));
    for (const el of [...g.node, ...g.edge]) for (const d of el.data) expect(declared).toContain(d['@key']);
  });

  it('carries names with &, <, >, quotes and apostrophes escaped and read back intact', () => {
    expect(xml).toContain('<data key="label">TSMC &amp; &quot;Co&quot; &lt;Taiwan&gt;</data>');
    expect(xml).toContain('<data key="label">H100 &apos;Hopper&apos;</data>');
    expect(dataOf(g.node[1]!)).toEqual({ label: 'TSMC & "Co" <Taiwan>', kind: 'Company' });
    expect(dataOf(g.node[2]!).label).toBe("H100 'Hopper'");
  });

  it('writes an edge with its type, confidence, non-null properties as JSON, sources and their URLs', () => {
    expect(xml).toContain('<data key="source_urls">https://x.test/a?b=1&amp;c=2</data>');
    expect(dataOf(g.edge[0]!)).toEqual({
      elabel: 'DESIGNS',
      type: 'DESIGNS',
      confidence: 'confirmed',
      properties: JSON.stringify({ share: 0.5 }),
      sources: 'NVIDIA: H100 <datasheet> (2022-03) | Reuters: Report',
      source_urls: 'https://x.test/a?b=1&c=2',
    });
  });

  it('omits the properties of an edge that has none, but always writes its sources', () => {
    expect(Object.keys(dataOf(g.edge[1]!))).toEqual([
      'elabel',
      'type',
      'confidence',
      'sources',
      'source_urls',
    ]);
  });

  it('writes an empty graph as a valid document', () => {
    const empty = toGraphml({ nodes: [], edges: [] });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('<graph id="chipgraph" edgedefault="directed">');
    expect(empty).not.toMatch(/<node|<edge/);
  });

  it('stays well-formed when text holds characters XML forbids', () => {
    const bad = toGraphml({ nodes: [{ id: 'a\u0001', name: 'x\u0000y', kind: 'Chip' }], edges: [] });
    expect(XMLValidator.validate(bad)).toBe(true);
    expect(bad).toContain('<node id="a"><data key="label">xy</data>');
  });
});
