// What the API offers, read once from its own schema (introspection): the filters of each `where` input, the
// sort keys, and whether optional fields exist yet (`changes`, `citation`), so the explorer follows the SDL.
import { gql } from './api.js';

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

export interface InputField {
  name: string;
  description: string | null;
  type: TypeRef;
}

export interface SchemaField {
  name: string;
  description: string | null;
  isDeprecated: boolean;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}

export interface SchemaType {
  name: string;
  kind: string;
  description: string | null;
  fields: SchemaField[] | null;
  inputFields: InputField[] | null;
  enumValues: { name: string; description: string | null }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

export const SCHEMA_INFO = `query ExplorerSchema {
  __schema {
    queryType { name }
    types {
      name kind description
      fields { name description isDeprecated args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } }
      inputFields { name description type { ${TYPE_REF} } }
      enumValues { name description }
    }
  }
}`;

export class SchemaInfo {
  private readonly types: Map<string, SchemaType>;

  constructor(
    types: SchemaType[],
    readonly queryTypeName: string,
  ) {
    this.types = new Map(types.map((t) => [t.name, t]));
  }

  type(name: string): SchemaType | undefined {
    return this.types.get(name);
  }

  /** A field of an object type (Query by default), or undefined while the API does not serve it. */
  field(name: string, typeName = this.queryTypeName): SchemaField | undefined {
    return this.types.get(typeName)?.fields?.find((f) => f.name === name);
  }

  inputFields(typeName: string): InputField[] {
    return this.types.get(typeName)?.inputFields ?? [];
  }

  enumValues(typeName: string): string[] {
    return (this.types.get(typeName)?.enumValues ?? []).map((v) => v.name);
  }
}

/** The innermost named type (`[String!]` → String) and whether it is a list. */
export function unwrap(t: TypeRef): { name: string; kind: string; list: boolean } {
  let cur: TypeRef | null = t;
  let list = false;
  while (cur && !cur.name) {
    if (cur.kind === 'LIST') list = true;
    cur = cur.ofType;
  }
  return { name: cur?.name ?? '', kind: cur?.kind ?? '', list };
}

let cached: Promise<SchemaInfo> | undefined;

export function schemaInfo(): Promise<SchemaInfo> {
  cached ??= gql<{ __schema: { queryType: { name: string }; types: SchemaType[] } }>(SCHEMA_INFO).then(
    (d) => new SchemaInfo(d.__schema.types, d.__schema.queryType.name),
    (err: unknown) => {
      cached = undefined;
      throw err;
    },
  );
  return cached;
}
