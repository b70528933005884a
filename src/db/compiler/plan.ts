// What a GraphQL selection asks for, in terms the compiler understands: per concrete object type, the fields
// selected (by response key) with their already-validated arguments. Built in src/graphql/selection.ts from the
// query; the compiler (compile.ts) turns it into one Cypher expression, shape.ts turns the answer back.

/** One selected field: its response key (alias or name), the schema field and its arguments. */
export interface FieldSelection {
  key: string;
  field: string;
  /** Arguments after validation and conversion (e.g. a role turned into relationship types). */
  args: Record<string, unknown>;
  /** What is selected under it, per concrete type (one entry for object types, one per possible type for interfaces). */
  sub: TypeSelection | null;
}

/** Selected fields per concrete GraphQL object type name. */
export type TypeSelection = Record<string, FieldSelection[]>;

/** The fields selected on one concrete type, merged by response key (fragments can select a field twice). */
export function fieldsOf(sel: TypeSelection | null, type: string): FieldSelection[] {
  return sel?.[type] ?? [];
}

/** Two selections of the same field (e.g. under two aliases) as one: fields of each type together. */
export function mergeSelections(a: TypeSelection | null, b: TypeSelection | null): TypeSelection | null {
  if (!a) return b;
  if (!b) return a;
  const out: TypeSelection = { ...a };
  for (const [type, fields] of Object.entries(b)) {
    const byKey = new Map((out[type] ?? []).map((f) => [f.key, f]));
    for (const f of fields) {
      const prev = byKey.get(f.key);
      byKey.set(f.key, prev ? { ...prev, sub: mergeSelections(prev.sub, f.sub) } : f);
    }
    out[type] = [...byKey.values()];
  }
  return out;
}
