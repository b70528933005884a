// A chart on the page: drawn with ECharts, its data as a table on demand, and downloads as PNG, SVG and CSV.
//
// Apache ECharts, imported piece by piece from `echarts/core` so that esbuild bundles only the chart types,
// components and renderers used here: it is an Apache Software Foundation project with regular releases, draws
// with both an SVG renderer (crisp on screen, and the SVG download is the chart itself) and a canvas renderer
// (the PNG download), and ships in the bundle, so the explorer needs no CDN and works offline.
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { h } from '../dom.js';
import { saveFile, toCsv } from '../cells.js';
import { graphiqlLink } from '../widgets.js';

use([
  BarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export type Cell = string | number | null;

/** What a chart shows, as rows: the table on demand and the CSV download are exactly this. */
export interface ChartData {
  columns: string[];
  rows: Record<string, Cell>[];
}

export interface ChartResult {
  data: ChartData;
  option: ChartOption;
  /** What was left out or how a filter applies (undated items, confidence on attributes...). */
  note?: string;
  /** The GraphQL question behind the chart, for its "show the GraphQL" link. */
  graphql?: { query: string; variables: Record<string, unknown> };
  /** Height in px the chart needs (a bar per developer), when more than the panel's own. */
  minHeight?: number;
}

export interface PanelOptions {
  id: string;
  title: string;
  /** A link to the chart on its own page (from the home page). */
  more?: string;
  compact?: boolean;
}

function dataTable(data: ChartData): HTMLElement {
  return h(
    'table',
    { class: 'data chart-data' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        data.columns.map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      data.rows.map((r) =>
        h(
          'tr',
          {},
          data.columns.map((c) =>
            h('td', { 'data-col': c, class: typeof r[c] === 'number' ? 'num' : null }, r[c] ?? ''),
          ),
        ),
      ),
    ),
  );
}

/** Draws the chart into a new panel appended to `parent`; returns the cleanup. */
export function chartPanel(parent: HTMLElement, opts: PanelOptions, result: ChartResult): () => void {
  const box = h('div', {
    class: 'chart',
    'data-chart': opts.id,
    style: result.minHeight ? `min-height:${result.minHeight}px` : null,
  });
  const table = h('div', { class: 'chart-table', hidden: true }, dataTable(result.data));
  const toggle = h('button', { type: 'button', class: 'linklike', 'data-action': 'table' }, 'show the data');
  toggle.addEventListener('click', () => {
    table.hidden = !table.hidden;
    toggle.textContent = table.hidden ? 'show the data' : 'hide the data';
  });
  const option: ChartOption = { animation: false, ...result.option };
  const file = `chipgraph-${opts.id}`;
  const png = h('button', { type: 'button', class: 'linklike', 'data-download': 'png' }, 'PNG');
  png.addEventListener('click', () => {
    // The canvas renderer draws the PNG, off screen at the size shown.
    const off = h('div', {
      style: `position:absolute;left:-10000px;top:0;width:${box.clientWidth}px;height:${box.clientHeight}px`,
    });
    document.body.append(off);
    const c = init(off, null, { renderer: 'canvas' });
    c.setOption(option);
    const url = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    c.dispose();
    off.remove();
    const a = h('a', { href: url, download: `${file}.png` });
    document.body.append(a);
    a.click();
    a.remove();
  });
  const svg = h('button', { type: 'button', class: 'linklike', 'data-download': 'svg' }, 'SVG');
  svg.addEventListener('click', () => {
    saveFile(`${file}.svg`, 'image/svg+xml', chart.renderToSVGString());
  });
  const csv = h('button', { type: 'button', class: 'linklike', 'data-download': 'csv' }, 'CSV');
  csv.addEventListener('click', () =>
    saveFile(`${file}.csv`, 'text/csv', toCsv(result.data.columns, result.data.rows)),
  );
  const panel = h(
    'section',
    { class: `chart-panel${opts.compact ? ' compact' : ''}`, 'data-chart-panel': opts.id },
    h('h3', {}, opts.more ? h('a', { href: opts.more }, opts.title) : opts.title),
    box,
    h(
      'div',
      { class: 'chart-tools' },
      toggle,
      h('span', { class: 'muted' }, ' · download '),
      png,
      ' ',
      svg,
      ' ',
      csv,
      result.graphql ? [' ', graphiqlLink(result.graphql.query, result.graphql.variables)] : null,
      result.note ? h('span', { class: 'muted note' }, ` — ${result.note}`) : null,
    ),
    table,
  );
  parent.append(panel);
  // Drawn once the box is on the page, so ECharts can measure it.
  const chart = init(box, null, { renderer: 'svg' });
  chart.setOption(option);
  box.setAttribute('data-rows', String(result.data.rows.length));
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
