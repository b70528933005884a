// The four charts: what each asks the API (honouring `asOf` and `minConfidence`), and how the answer becomes rows
// and an ECharts option. Counting happens here, in the open, so "show the data" is exactly what is drawn.
import { gql } from '../api.js';
import { schemaInfo } from '../schema-info.js';
import type { Confidence } from '../types.js';
import {
  AXIS_TEXT,
  colour,
  onOrBefore,
  quarter,
  quarterRange,
  SIDE_NAME,
  smallMultiples,
  stackedBars,
  time,
} from './options.js';
import type { ChartOption, ChartResult } from './panel.js';

export interface ChartParams {
  asOf: string | null;
  minConfidence: Confidence | null;
  params: URLSearchParams;
}

export interface ChartSpec {
  id: string;
  title: string;
  load: (p: ChartParams) => Promise<ChartResult>;
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

/** Every page of a connection (100 at a time, the API's cap). */
async function all<T>(query: string, root: string, vars: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Page<T> = (await gql<Record<string, Page<T>>>(query, { ...vars, first: 100, after }))[root]!;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return out;
}

const CHIPS_QUERY = `query ChartChips($first: Int, $after: String) {
  chips(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name status announced released bf16DenseTflops fp16DenseTflops memoryGb vendor { name country { code } } }
  }
}`;

export const ACCELERATORS: ChartSpec = {
  id: 'accelerators',
  title: 'Accelerators: dense 16-bit compute and memory by vendor country',
  async load({ asOf, minConfidence }) {
    const query = CHIPS_QUERY;
    const chips = await all<{
      id: string;
      name: string;
      status: string | null;
      announced: string | null;
      released: string | null;
      bf16DenseTflops: number | null;
      fp16DenseTflops: number | null;
      memoryGb: number | null;
      vendor: { name: string; country: { code: string } | null } | null;
    }>(query, 'chips', {});
    let undated = 0;
    const rows = chips
      .filter((c) => onOrBefore(c.announced ?? c.released, asOf))
      .filter((c) => !minConfidence || c.status !== 'RUMORED')
      .filter((c) => c.bf16DenseTflops !== null || c.fp16DenseTflops !== null || c.memoryGb !== null)
      .filter((c) => ((c.released ?? c.announced) ? true : (undated++, false)))
      .map((c) => ({
        chip: c.name,
        chip_id: c.id,
        vendor: c.vendor?.name ?? null,
        vendor_country: c.vendor?.country?.code ?? 'unknown',
        // As of a date, a chip released later stands at its announcement.
        date: (c.released && onOrBefore(c.released, asOf) ? c.released : (c.announced ?? c.released))!,
        dense_16bit_tflops: c.bf16DenseTflops ?? c.fp16DenseTflops,
        precision: c.bf16DenseTflops !== null ? 'BF16' : c.fp16DenseTflops !== null ? 'FP16' : null,
        memory_gb: c.memoryGb,
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.chip.localeCompare(b.chip));
    const countries = [...new Set(rows.map((r) => r.vendor_country))].sort();
    const point = (r: (typeof rows)[number], v: number | null) =>
      v === null ? null : [time(r.date), v, r.chip];
    const option: ChartOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = p as unknown as { value: [number, number, string]; seriesName: string };
          return `${item.value[2]} (${item.seriesName}): ${item.value[1]}`;
        },
      },
      legend: { top: 0 },
      grid: [
        { left: 64, right: 16, top: 34, height: '34%' },
        { left: 64, right: 16, top: '58%', bottom: 26 },
      ],
      xAxis: [
        { type: 'time', gridIndex: 0, axisLabel: { show: false } },
        { type: 'time', gridIndex: 1, axisLabel: AXIS_TEXT },
      ],
      yAxis: [
        { type: 'log', gridIndex: 0, name: 'dense 16-bit TFLOP/s', ...SIDE_NAME },
        { type: 'log', gridIndex: 1, name: 'memory GB', ...SIDE_NAME },
      ],
      series: countries.flatMap((country) => {
        const mine = rows.filter((r) => r.vendor_country === country);
        const base = {
          type: 'scatter' as const,
          name: country,
          itemStyle: { color: colour(country) },
          symbolSize: 8,
        };
        return [
          {
            ...base,
            xAxisIndex: 0,
            yAxisIndex: 0,
            data: mine.map((r) => point(r, r.dense_16bit_tflops)).filter(Boolean) as never,
          },
          {
            ...base,
            xAxisIndex: 1,
            yAxisIndex: 1,
            data: mine.map((r) => point(r, r.memory_gb)).filter(Boolean) as never,
          },
        ];
      }),
    };
    const notes = [`x: release date, else announcement (${undated} undated chips left out)`];
    if (minConfidence)
      notes.push('specs carry no confidence in the API: chips known only from leaks are left out');
    return {
      data: { columns: Object.keys(rows[0] ?? { chip: '' }), rows },
      option,
      note: notes.join('; '),
      graphql: { query, variables: { first: 100 } },
    };
  },
};

const DEPS_QUERY = `query ChartDeps($where: HardwareDependencyWhere, $first: Int, $after: String) {
        hardwareDependencies(where: $where, first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { model { id name released } chip { vendor { country { code } } } } } }`;

export const MODELS_BY_CHIP_COUNTRY: ChartSpec = {
  id: 'models-by-chip-country',
  title: 'Models by the country of the chips they were trained / are served on, per quarter',
  async load({ asOf, minConfidence, params }) {
    const role = params.get('role');
    const vars = {
      where: { asOf: asOf ?? undefined, minConfidence: minConfidence ?? undefined, role: role ?? undefined },
    };
    const deps = await all<{
      model: { id: string; name: string; released: string | null };
      chip: { vendor: { country: { code: string } | null } | null };
    }>(DEPS_QUERY, 'hardwareDependencies', vars);
    const cells = new Map<string, Map<string, Set<string>>>();
    const undated = new Set<string>();
    for (const d of deps) {
      if (!d.model.released) {
        undated.add(d.model.id);
        continue;
      }
      const q = quarter(d.model.released);
      const c = d.chip.vendor?.country?.code ?? 'unknown';
      const byQ = cells.get(c) ?? new Map<string, Set<string>>();
      cells.set(c, byQ);
      byQ.set(q, (byQ.get(q) ?? new Set()).add(d.model.name));
    }
    const quarters = quarterRange([...cells.values()].flatMap((m) => [...m.keys()]));
    const countries = [...cells.keys()].sort();
    const rows = quarters.flatMap((q) =>
      countries
        .filter((c) => cells.get(c)?.has(q))
        .map((c) => {
          const names = [...cells.get(c)!.get(q)!].sort();
          return { quarter: q, chip_vendor_country: c, models: names.length, model_names: names.join(' | ') };
        }),
    );
    const series = new Map(
      countries.map((c) => [c, new Map([...cells.get(c)!].map(([q, s]) => [q, s.size]))]),
    );
    return {
      graphql: { query: DEPS_QUERY, variables: { ...vars, first: 100 } },
      data: { columns: ['quarter', 'chip_vendor_country', 'models', 'model_names'], rows },
      option: stackedBars(quarters, series, 'models'),
      note: `quarter of the model's release; a model on chips of two countries counts in both${undated.size ? `; ${undated.size} undated models left out` : ''}${role ? `; ${role.toLowerCase()} only` : ''}`,
    };
  },
};

const ORDERS_QUERY = `query ChartOrders($where: OrderWhere, $first: Int, $after: String) {
        orders(where: $where, first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { date validFrom units buyer { country { code } } vendor { country { code } } } } }`;

export const ORDERS_BY_COUNTRY: ChartSpec = {
  id: 'orders-by-country',
  title: 'Orders by buyer country and vendor country, per year',
  async load({ asOf, minConfidence }) {
    // OrderWhere has no `asOf` (yet): the chart applies the API's rule itself, on the order's date and validFrom.
    const serverAsOf = (await schemaInfo()).inputFields('OrderWhere').some((f) => f.name === 'asOf');
    const vars = {
      where: {
        minConfidence: minConfidence ?? undefined,
        asOf: serverAsOf ? (asOf ?? undefined) : undefined,
      },
    };
    const orders = await all<{
      date: string | null;
      validFrom: string | null;
      units: number | null;
      buyer: { country: { code: string } | null };
      vendor: { country: { code: string } | null } | null;
    }>(ORDERS_QUERY, 'orders', vars);
    let undated = 0;
    const cells = new Map<string, { orders: number; units: number }>();
    for (const o of orders) {
      if (!o.date) {
        undated++;
        continue;
      }
      if (!onOrBefore(o.date, asOf) || !onOrBefore(o.validFrom, asOf)) continue;
      const key = [
        o.date.slice(0, 4),
        o.buyer.country?.code ?? 'unknown',
        o.vendor?.country?.code ?? 'unknown',
      ].join('|');
      const cell = cells.get(key) ?? { orders: 0, units: 0 };
      cell.orders++;
      cell.units += o.units ?? 0;
      cells.set(key, cell);
    }
    const rows = [...cells]
      .map(([k, v]) => {
        const [year = '', buyer = '', vendor = ''] = k.split('|');
        return {
          year,
          buyer_country: buyer,
          vendor_country: vendor,
          orders: v.orders,
          units_where_known: v.units,
        };
      })
      .sort(
        (a, b) =>
          a.year.localeCompare(b.year) ||
          a.buyer_country.localeCompare(b.buyer_country) ||
          a.vendor_country.localeCompare(b.vendor_country),
      );
    const years = [...new Set(rows.map((r) => r.year))].sort();
    return {
      graphql: { query: ORDERS_QUERY, variables: { ...vars, first: 100 } },
      data: { columns: ['year', 'buyer_country', 'vendor_country', 'orders', 'units_where_known'], rows },
      option: smallMultiples(rows, years),
      note: `one panel per vendor country, bars stacked by buyer country: number of orders (units are given for few)${undated ? `; ${undated} undated orders left out` : ''}`,
    };
  },
};

const EXPOSURE_QUERY = `query ChartExposure($target: ExposureTarget!, $asOf: Date, $minConfidence: Confidence) {
        exposure(target: $target, asOf: $asOf, minConfidence: $minConfidence) {
          target { name } models { model { id name developer { id name } } } } }`;

export const EXPOSURE_TARGETS = ['vendorId', 'countryCode', 'exportControlId', 'softwareStackId'] as const;

export const EXPOSURE_BY_DEVELOPER: ChartSpec = {
  id: 'exposure',
  title: 'Exposure: affected models per developer',
  async load({ asOf, minConfidence, params }) {
    const key = EXPOSURE_TARGETS.find((k) => params.get(k)) ?? 'vendorId';
    const target = { [key]: params.get(key) ?? 'nvidia' };
    const vars = { target, asOf: asOf ?? undefined, minConfidence: minConfidence ?? undefined };
    const data = await gql<{
      exposure: {
        target: { name: string };
        models: { model: { id: string; name: string; developer: { id: string; name: string } | null } }[];
      };
    }>(EXPOSURE_QUERY, vars);
    const byDev = new Map<string, { id: string; names: string[] }>();
    for (const m of data.exposure.models) {
      const dev = m.model.developer ?? { id: '', name: 'unknown developer' };
      const cell = byDev.get(dev.name) ?? { id: dev.id, names: [] };
      cell.names.push(m.model.name);
      byDev.set(dev.name, cell);
    }
    const rows = [...byDev]
      .map(([developer, v]) => ({
        developer,
        developer_id: v.id,
        models: v.names.length,
        model_names: v.names.sort().join(' | '),
      }))
      .sort((a, b) => b.models - a.models || a.developer.localeCompare(b.developer));
    const shown = [...rows].reverse();
    return {
      graphql: { query: EXPOSURE_QUERY, variables: vars },
      data: { columns: ['developer', 'developer_id', 'models', 'model_names'], rows },
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, name: 'models', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', data: shown.map((r) => r.developer), axisLabel: AXIS_TEXT },
        series: [
          {
            type: 'bar',
            name: 'affected models',
            itemStyle: { color: '#c0392b' },
            data: shown.map((r) => r.models),
          },
        ],
      },
      minHeight: rows.length * 16 + 40,
      note: `${data.exposure.models.length} models exposed if ${data.exposure.target.name} is cut off`,
    };
  },
};

export const CHARTS: ChartSpec[] = [
  ACCELERATORS,
  MODELS_BY_CHIP_COUNTRY,
  ORDERS_BY_COUNTRY,
  EXPOSURE_BY_DEVELOPER,
];
