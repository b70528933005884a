// The data model's cross-record rules (schema/seed-format.md, "Format 2"): export controls in time, orders that
// are purchases, design credit once, model and chip families without figures, one entity per alias, comparable units.
// Pure functions over the merged seed bundle; the validator adds file names.
import type { RelationshipRecord, SuspensionRecord } from './records.js';
import type { RuleProblem } from './source-rules.js';

type Rec = Record<string, unknown> & { id: string };
export interface RuleEntity {
  label: string;
  record: Rec;
}
export interface RuleFact {
  id: string;
  record: RelationshipRecord;
}
/** A problem located on an entity or fact id (the validator finds its file). */
export type Located = RuleProblem;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Suspension periods: inside the measure's life, each ending after it starts, none overlapping. */
export function suspensionProblems(control: Rec): Located[] {
  const out: Located[] = [];
  const list = (control.suspensions as SuspensionRecord[] | undefined) ?? [];
  const start = str(control.effective) ?? str(control.announced);
  const rescinded = str(control.rescinded);
  const effective = str(control.effective);
  if (rescinded && effective && rescinded < effective) {
    out.push({ id: control.id, field: 'rescinded', message: 'rescinded is before effective' });
  }
  list.forEach((s, i) => {
    const at = (field: string, message: string) => out.push({ id: control.id, field: `suspensions.${i}.${field}`, message });
    if (!start) at('from', 'a suspended measure needs its announced or effective date');
    else if (s.from < start) at('from', `a suspension cannot start (${s.from}) before the measure applies (${start})`);
    if (s.until !== null && s.until <= s.from) at('until', 'until (the day it applies again) must be after from');
    if (rescinded && s.from >= rescinded) at('from', 'a suspension cannot start after the measure was rescinded');
  });
  const sorted = [...list].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev.until === null || prev.until > sorted[i]!.from) {
      out.push({ id: control.id, field: 'suspensions', message: `suspension periods overlap (${prev.from} and ${sorted[i]!.from})` });
    }
  }
  return out;
}

/** Companies of one group: each company with every SUBSIDIARY_OF ancestor and descendant. */
function groups(facts: RuleFact[]): (id: string) => Set<string> {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const { record: r } of facts) {
    if (r.type !== 'SUBSIDIARY_OF') continue;
    up.set(r.from, [...(up.get(r.from) ?? []), r.to]);
    down.set(r.to, [...(down.get(r.to) ?? []), r.from]);
  }
  const walk = (start: string, edges: Map<string, string[]>) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const n of edges.get(stack.pop()!) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen;
  };
  return (id) => new Set([id, ...walk(id, up), ...walk(id, down)]);
}

/** Orders are purchases; design credit sits once; sales and deployments are not orders. */
export function factProblems(entities: Map<string, RuleEntity>, facts: RuleFact[]): Located[] {
  const out: Located[] = [];
  const groupOf = groups(facts);
  const designers = new Map<string, string[]>();
  for (const { record: r } of facts) {
    if (r.type === 'DESIGNS') designers.set(r.to, [...(designers.get(r.to) ?? []), r.from]);
  }
  const designsAny = new Set([...designers.values()].flat());

  // Design credit once: a subsidiary and its parent never both design one chip.
  for (const [chip, ds] of designers) {
    for (const a of ds) {
      for (const b of ds) {
        if (a < b && groupOf(a).has(b)) {
          out.push({
            id: `DESIGNS|${b}|${chip}`,
            field: 'from',
            message: `"${a}" and "${b}" both design "${chip}" but belong to one group: keep the designing company only (the parent is reached through SUBSIDIARY_OF)`,
          });
        }
      }
    }
  }

  const joint = new Map<string, RuleFact[]>();
  for (const f of facts) {
    const r = f.record;
    if (r.type === 'ORDERED') {
      const target = entities.get(r.to);
      const group = groupOf(r.from);
      if (target?.label === 'Company') {
        if (!designsAny.has(r.to) && !(target.record.roles as string[] | undefined)?.includes('chip-designer')) {
          out.push({ id: f.id, field: 'to', message: `an order without a chip model points at the chips' vendor, and "${r.to}" designs no chip` });
        }
        if (group.has(r.to)) out.push({ id: f.id, field: 'type', message: `"${r.from}" ordering from its own group is a deployment: use DEPLOYS` });
      } else {
        if (r.chipFamily) out.push({ id: f.id, field: 'chipFamily', message: 'chipFamily is for orders that name no chip model (to = the vendor)' });
        const own = (designers.get(r.to) ?? []).find((d) => group.has(d));
        if (own) {
          out.push({
            id: f.id,
            field: 'type',
            message: own === r.from
              ? `"${r.from}" designs "${r.to}": its own chips are not a purchase (a foundry order is FABRICATES, an in-house fleet DEPLOYS)`
              : `"${r.to}" is designed in "${r.from}"'s own group (${own}): an in-house deployment is DEPLOYS, not ORDERED`,
          });
        }
      }
      if (r.seller) {
        const seller = entities.get(r.seller);
        if (!seller) out.push({ id: f.id, field: 'seller', message: `unknown id "${r.seller}"` });
        else if (seller.label !== 'Company') out.push({ id: f.id, field: 'seller', message: `the seller must be a Company, but "${r.seller}" is a ${seller.label}` });
        if (r.seller === r.from) out.push({ id: f.id, field: 'seller', message: 'the seller cannot be the buyer' });
      }
      if (r.jointOrder) joint.set(r.jointOrder, [...(joint.get(r.jointOrder) ?? []), f]);
    }
    if (r.type === 'SUPPLIES' && entities.get(r.to)?.label === 'Company') {
      const roles = (entities.get(r.from)?.record.roles as string[] | undefined) ?? [];
      const supplierRoles = ['memory', 'packaging', 'equipment', 'foundry', 'server-maker', 'cloud'];
      if (!r.component) out.push({ id: f.id, field: 'component', message: 'SUPPLIES to a company names the component or service supplied' });
      if (designsAny.has(r.from) && !roles.some((x) => supplierRoles.includes(x))) {
        out.push({ id: f.id, field: 'type', message: `a chip designer's sale to "${r.to}" is the buyer's ORDERED with seller "${r.from}"` });
      }
    }
  }
  for (const [key, fs] of joint) {
    if (fs.length < 2) {
      out.push({ id: fs[0]!.id, field: 'jointOrder', message: `jointOrder "${key}" is shared by no other record` });
      continue;
    }
    const carrying = fs.filter((f) => {
      const r = f.record as RelationshipRecord & { units?: number | null; valueUsd?: number | null; valueLocal?: number | null };
      return r.units != null || r.valueUsd != null || r.valueLocal != null;
    });
    if (carrying.length > 1) {
      for (const f of carrying.slice(1)) {
        out.push({
          id: f.id,
          field: 'units',
          message: `joint order "${key}": units and values sit on one record (${carrying[0]!.id}), the others leave them null`,
        });
      }
    }
  }
  return out;
}

/** Figures that belong to a concrete model, never to a family that has variants. */
export const FAMILY_FREE_FIELDS = ['parameters', 'activeParameters', 'contextTokens', 'trainingComputeFlop', 'trainingTokens'] as const;

/** Figures of one chip generation, never on a chip family node (a vendor's chips of unnamed generation). */
export const CHIP_FAMILY_FREE_FIELDS = [
  'fp16DenseTflops',
  'bf16DenseTflops',
  'fp8DenseTflops',
  'fp4DenseTflops',
  'int8DenseTops',
  'memoryType',
  'memoryGb',
  'memoryBandwidthGbs',
  'sramMb',
  'sramBandwidthGbs',
  'tdpWatts',
  'interconnectGbs',
] as const;

/** A chip family (`isFamily`) carries no figures and no claims on them. */
function chipFamilyProblems(id: string, c: Rec): Located[] {
  const out: Located[] = [];
  for (const field of CHIP_FAMILY_FREE_FIELDS) {
    if (c[field] != null) out.push({ id, field, message: `"${id}" is a chip family (generation not named): ${field} belongs to a concrete chip, not here` });
  }
  ((c.claims as { field: string }[] | undefined) ?? []).forEach((cl, i) => {
    if ((CHIP_FAMILY_FREE_FIELDS as readonly string[]).includes(cl.field)) {
      out.push({ id, field: `claims.${i}`, message: `"${id}" is a chip family: a claim on ${cl.field} belongs to the concrete chip it concerns` });
    }
  });
  return out;
}

/** A family (`isFamily`) carries no figures; a model family has variants (a variant points at a model). */
export function familyProblems(entities: Map<string, RuleEntity>, facts: RuleFact[]): Located[] {
  const out: Located[] = [];
  const withVariants = new Set(facts.filter((f) => f.record.type === 'VARIANT_OF').map((f) => f.record.to));
  for (const [id, e] of entities) {
    const m = e.record;
    if (e.label === 'Chip' && m.isFamily === true) out.push(...chipFamilyProblems(id, m));
    if (e.label !== 'Model' || m.isFamily !== true) continue;
    if (!withVariants.has(id)) out.push({ id, field: 'isFamily', message: `"${id}" is a family but no model is VARIANT_OF it` });
    for (const field of FAMILY_FREE_FIELDS) {
      if (m[field] != null) out.push({ id, field, message: `"${id}" is a family with variants: ${field} sits on the variants, not here` });
    }
    ((m.claims as { field: string }[] | undefined) ?? []).forEach((c, i) => {
      if ((FAMILY_FREE_FIELDS as readonly string[]).includes(c.field)) {
        out.push({ id, field: `claims.${i}`, message: `"${id}" is a family with variants: a claim on ${c.field} belongs to the variant it concerns` });
      }
    });
  }
  return out;
}

const norm = (s: string) => s.trim().toLowerCase();

/** One alias, one entity: no alias on two entities, and no alias that is another entity's name. */
export function aliasProblems(entities: Map<string, RuleEntity>): Located[] {
  const out: Located[] = [];
  const names = new Map<string, string>();
  for (const [id, e] of entities) names.set(norm(String(e.record.name)), id);
  const owner = new Map<string, string>();
  for (const [id, e] of entities) {
    ((e.record.aliases as string[] | undefined) ?? []).forEach((alias, i) => {
      const a = norm(alias);
      const named = names.get(a);
      if (named && named !== id) out.push({ id, field: `aliases.${i}`, message: `alias "${alias}" is the name of "${named}": one alias belongs to one entity` });
      const prev = owner.get(a);
      if (prev && prev !== id) out.push({ id, field: `aliases.${i}`, message: `alias "${alias}" is also an alias of "${prev}": one alias belongs to one entity` });
      else owner.set(a, id);
    });
  }
  return out;
}

const FOUNDRY_WORDS = /\b(tsmc|smic|samsung|intel foundry|globalfoundries|umc|hua ?hong|domestic|foundry)\b/i;
const BANDWIDTH = /\d\s*(gb|tb|pb|gbit|tbit)(ps|\/s)|\bgbps\b|\btbps\b/i;

/** Units that compare: node names without foundries; link names without figures. */
export function unitProblems(entities: Map<string, RuleEntity>, facts: RuleFact[]): Located[] {
  const out: Located[] = [];
  const node = (id: string, field: string, v: unknown) => {
    if (typeof v !== 'string') return;
    if (FOUNDRY_WORDS.test(v) || !/^[A-Za-z0-9+.\- ]{1,24}$/.test(v)) {
      out.push({ id, field, message: `processNode "${v}" must be the node's name only (N7, 4N, N+2, SF4X, 7nm); the foundry is the FABRICATES fact's company` });
    }
  };
  for (const [id, e] of entities) {
    if (e.label !== 'Chip') continue;
    node(id, 'processNode', e.record.processNode);
    const link = e.record.interconnect;
    if (typeof link === 'string' && BANDWIDTH.test(link)) {
      out.push({ id, field: 'interconnect', message: `interconnect "${link}" holds a figure: the link's name goes here, its bandwidth in interconnectGbs (GB/s)` });
    }
  }
  for (const f of facts) if (f.record.type === 'FABRICATES') node(f.id, 'processNode', f.record.processNode);
  return out;
}

/** Advisory: mixture-of-experts models without their published active parameters. */
export function moeWarnings(entities: Map<string, RuleEntity>, families: Set<string>): Located[] {
  const out: Located[] = [];
  for (const [id, e] of entities) {
    if (e.label !== 'Model' || families.has(id)) continue;
    if (str(e.record.architecture)?.toLowerCase() === 'moe' && e.record.activeParameters == null) {
      out.push({ id, field: 'activeParameters', message: 'a mixture-of-experts model: add its active parameters if the developer publishes them' });
    }
  }
  return out;
}
