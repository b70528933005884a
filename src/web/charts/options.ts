// Chart building blocks: colours per country, dates on axes and quarters, and the two bar layouts the charts use.
import type { ChartOption } from './panel.js';

export const COUNTRY_COLOURS: Record<string, string> = {
  US: '#2f6db5',
  CN: '#c0392b',
  TW: '#1e8c4e',
  KR: '#8e44ad',
  JP: '#e07b00',
  IL: '#16a2b8',
  GB: '#6d4c41',
  FR: '#5c6bc0',
  DE: '#7cb342',
  NL: '#f4b400',
};
export const colour = (c: string) => COUNTRY_COLOURS[c] ?? '#8a8f98';

/** A partial ISO date as a time (its period's start), for a time axis. */
export function time(d: string): number {
  const [y = 0, m = 1, day = 1] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, day);
}
export const onOrBefore = (d: string | null | undefined, asOf: string | null) => !asOf || !d || d <= asOf;
export const quarter = (d: string) => {
  const [y, m] = d.split('-');
  return m ? `${y}-Q${Math.ceil(Number(m) / 3)}` : `${y}`;
};
/** Every quarter from the first to the last, so gaps show as gaps; a year-only date sits before its Q1. */
export function quarterRange(keys: string[]): string[] {
  const qs = keys.filter((k) => k.includes('Q')).sort();
  const years = keys.filter((k) => !k.includes('Q'));
  const out = new Set<string>(years);
  if (qs.length) {
    const [y0, q0] = qs[0]!.split('-Q').map(Number) as [number, number];
    const [y1, q1] = qs[qs.length - 1]!.split('-Q').map(Number) as [number, number];
    for (let y = y0, q = q0; y < y1 || (y === y1 && q <= q1); q === 4 ? ((q = 1), y++) : q++)
      out.add(`${y}-Q${q}`);
  }
  return [...out].sort();
}

export const AXIS_TEXT = { color: '#444' };
/** Axis names along the axis, so they never collide with the legend above the plot. */
export const SIDE_NAME = { nameLocation: 'middle' as const, nameGap: 40, nameTextStyle: { color: '#444' } };
const GRID = { left: 56, right: 16, top: 40, bottom: 40, containLabel: true };

export function stackedBars(
  categories: string[],
  series: Map<string, Map<string, number>>,
  yName: string,
  byCountry = true,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'plain', top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: categories, axisLabel: AXIS_TEXT },
    yAxis: { type: 'value', name: yName, minInterval: 1, ...SIDE_NAME },
    series: [...series].map(([name, byCat]) => ({
      type: 'bar',
      name,
      stack: 'all',
      ...(byCountry ? { itemStyle: { color: colour(name) } } : {}),
      data: categories.map((c) => byCat.get(c) ?? 0),
    })),
  };
}

/** For buyer countries without a colour of their own: none of these is a country's colour above. */
const PALETTE = [
  '#d81b60',
  '#00897b',
  '#546e7a',
  '#a1887f',
  '#9575cd',
  '#4db6ac',
  '#ff8a65',
  '#90a4ae',
  '#afb42b',
  '#0288d1',
];

/** One row of stacked bars per vendor country (most orders first), stacked by buyer country, one shared legend. */
export function smallMultiples(
  rows: { year: string; buyer_country: string; vendor_country: string; orders: number }[],
  years: string[],
): ChartOption {
  const total = (v: string) => rows.filter((r) => r.vendor_country === v).reduce((s, r) => s + r.orders, 0);
  const vendors = [...new Set(rows.map((r) => r.vendor_country))].sort((a, b) => total(b) - total(a));
  const buyers = [...new Set(rows.map((r) => r.buyer_country))].sort();
  const others = buyers.filter((b) => !COUNTRY_COLOURS[b]);
  const buyerColour = (b: string) => COUNTRY_COLOURS[b] ?? PALETTE[others.indexOf(b) % PALETTE.length]!;
  const height = 80 / (vendors.length || 1);
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, data: buyers },
    grid: vendors.map((_, i) => ({
      left: 64,
      right: 16,
      top: `${13 + i * height}%`,
      height: `${height - 5}%`,
    })),
    xAxis: vendors.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      data: years,
      axisLabel: { ...AXIS_TEXT, show: i === vendors.length - 1 },
    })),
    yAxis: vendors.map((v, i) => ({
      type: 'value' as const,
      gridIndex: i,
      minInterval: 1,
      name: `${v} vendors`,
      ...SIDE_NAME,
    })),
    series: vendors.flatMap((v, i) =>
      buyers
        .filter((b) => rows.some((r) => r.vendor_country === v && r.buyer_country === b))
        .map((b) => ({
          type: 'bar' as const,
          name: b,
          stack: v,
          xAxisIndex: i,
          yAxisIndex: i,
          itemStyle: { color: buyerColour(b) },
          data: years.map(
            (y) =>
              rows.find((r) => r.year === y && r.vendor_country === v && r.buyer_country === b)?.orders ?? 0,
          ),
        })),
    ),
  };
}
