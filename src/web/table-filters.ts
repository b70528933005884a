// A table's filters are the fields of its `where` input, read from the schema: the same names the /export/*
// routes take as URL parameters (a nested input such as OrderWhere.chip is flattened, as the orders export does).
import { h } from './dom.js';
import { unwrap, type SchemaInfo } from './schema-info.js';

export interface Filter {
  name: string;
  /** The nested input it belongs to (`chip` for the orders' chip filters), or null at the top. */
  parent: string | null;
  description: string;
  type: string;
  list: boolean;
  enumValues: string[] | null;
}

export function filtersOf(schema: SchemaInfo, whereType: string): Filter[] {
  const out: Filter[] = [];
  const walk = (typeName: string, parent: string | null) => {
    for (const field of schema.inputFields(typeName)) {
      const t = unwrap(field.type);
      if (t.kind === 'INPUT_OBJECT') {
        if (!parent) walk(t.name, field.name);
        continue;
      }
      out.push({
        name: field.name,
        parent,
        description: field.description ?? '',
        type: t.name,
        list: t.list,
        enumValues: t.kind === 'ENUM' ? schema.enumValues(t.name) : null,
      });
    }
  };
  walk(whereType, null);
  return out;
}

function one(filter: Filter, text: string): unknown {
  const t = text.trim();
  if (filter.enumValues) return t.toUpperCase().replace(/-/g, '_');
  if (filter.type === 'Boolean')
    return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : t;
  if (filter.type === 'Int' || filter.type === 'Float') return Number(t);
  return t;
}

/** URL parameters → the `where` variable (only the filters the schema knows; nested ones put back in place). */
export function whereFrom(filters: Filter[], params: URLSearchParams): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const f of filters) {
    const raw = params.get(f.name);
    if (raw === null || raw.trim() === '') continue;
    const value = f.list
      ? raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => one(f, s))
      : one(f, raw);
    const target = f.parent ? ((where[f.parent] ??= {}) as Record<string, unknown>) : where;
    target[f.name] = value;
  }
  return where;
}

/** The filter parameters alone, as the export routes take them. */
export function filterParams(filters: Filter[], params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const f of filters) {
    const v = params.get(f.name);
    if (v !== null && v.trim() !== '') out.set(f.name, v.trim());
  }
  return out;
}

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** One labelled input per filter; `onChange` gets the filter's name and new text ('' = no filter). */
export function filterForm(
  filters: Filter[],
  params: URLSearchParams,
  onChange: (name: string, value: string) => void,
): HTMLElement {
  const fields = filters.map((f) => {
    const value = params.get(f.name) ?? '';
    let input: HTMLElement;
    if (f.enumValues && f.list) {
      const chosen = new Set(value.split(',').map((s) => s.trim().toUpperCase()));
      const boxes = f.enumValues.map((v) =>
        h('input', { type: 'checkbox', value: v, checked: chosen.has(v), 'data-filter': f.name }),
      );
      for (const b of boxes)
        b.addEventListener('change', () =>
          onChange(
            f.name,
            boxes
              .filter((x) => x.checked)
              .map((x) => x.value)
              .join(','),
          ),
        );
      input = h(
        'span',
        { class: 'checks' },
        boxes.map((b) => h('label', {}, b, ` ${b.value.toLowerCase()}`)),
      );
    } else if (f.enumValues || f.type === 'Boolean') {
      const options = f.enumValues ?? ['true', 'false'];
      const select = h(
        'select',
        { name: f.name, 'aria-label': words(f.name) },
        h('option', { value: '' }, 'any'),
        options.map((o) =>
          h('option', { value: o, selected: o === value.toUpperCase() || o === value }, o.toLowerCase()),
        ),
      );
      select.addEventListener('change', () => onChange(f.name, select.value));
      input = select;
    } else {
      const placeholder =
        f.type === 'Date'
          ? 'YYYY[-MM[-DD]]'
          : /Countr|countryCodes/.test(f.name)
            ? 'CN, US…'
            : f.list
              ? 'ids, comma-separated'
              : '';
      const box = h('input', {
        name: f.name,
        value,
        placeholder,
        type: f.type === 'Int' || f.type === 'Float' ? 'number' : 'text',
        'aria-label': words(f.name),
        size: f.type === 'Date' ? 12 : 16,
      });
      box.addEventListener('change', () => onChange(f.name, box.value.trim()));
      input = box;
    }
    return h(
      'label',
      { class: 'filter', title: f.description },
      h('span', { class: 'filter-name' }, words(f.name)),
      input,
    );
  });
  return h('div', { class: 'filters' }, fields);
}
