// A neo4j-driver wrapper that records every Cypher statement sent through it, so the bench can count round trips
// per GraphQL request (chipgraph and @neo4j/graphql alike) and PROFILE exactly the statements they ran.
import type { Driver } from 'neo4j-driver';

export interface CapturedQuery {
  cypher: string;
  params: Record<string, unknown>;
}

type Fn = (...args: unknown[]) => unknown;

function record(log: CapturedQuery[], query: unknown, params: unknown) {
  if (typeof query === 'string')
    log.push({ cypher: query, params: (params ?? {}) as Record<string, unknown> });
  else if (query && typeof query === 'object' && 'text' in query) {
    const q = query as { text: string; parameters?: Record<string, unknown> };
    log.push({ cypher: q.text, params: q.parameters ?? {} });
  }
}

function wrap<T extends object>(target: T, intercept: (name: string, fn: Fn) => Fn | undefined): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as Fn).bind(t);
      return (typeof prop === 'string' && intercept(prop, bound)) || bound;
    },
  });
}

function wrapTx<T extends object>(tx: T, log: CapturedQuery[]): T {
  return wrap(tx, (name, fn) =>
    name === 'run'
      ? (query: unknown, params: unknown, ...rest: unknown[]) => {
          record(log, query, params);
          return fn(query, params, ...rest);
        }
      : undefined,
  );
}

export function capturingDriver(driver: Driver, log: CapturedQuery[]): Driver {
  const session =
    (fn: Fn) =>
    (...args: unknown[]) =>
      wrap(fn(...args) as object, (name, method) => {
        if (name === 'run')
          return (q: unknown, p: unknown, ...rest: unknown[]) => (record(log, q, p), method(q, p, ...rest));
        if (['executeRead', 'executeWrite', 'readTransaction', 'writeTransaction'].includes(name)) {
          return (work: unknown, ...rest: unknown[]) =>
            method((tx: object) => (work as (tx: object) => unknown)(wrapTx(tx, log)), ...rest);
        }
        if (name === 'beginTransaction') return (...a: unknown[]) => wrapTx(method(...a) as object, log);
        return undefined;
      });
  return wrap(driver, (name, fn) => {
    if (name === 'session') return session(fn);
    if (name === 'executeQuery')
      return (q: unknown, p: unknown, ...rest: unknown[]) => (record(log, q, p), fn(q, p, ...rest));
    return undefined;
  });
}

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

/** PROFILE one statement: total database hits over the plan, and the rows it returned. */
export async function profile(
  driver: Driver,
  q: CapturedQuery,
): Promise<{ dbHits: number; rows: number; operators: string[] }> {
  const cypher = /^\s*CYPHER\b/i.test(q.cypher)
    ? q.cypher.replace(/^\s*(CYPHER[^\n]*)\n/i, '$1\nPROFILE ')
    : `PROFILE ${q.cypher}`;
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const res = await session.executeRead((tx) => tx.run(cypher, q.params));
    const plan = res.summary.profile as unknown as PlanNode | false;
    if (!plan) return { dbHits: 0, rows: res.records.length, operators: [] };
    let dbHits = 0;
    const operators: string[] = [];
    const walk = (n: PlanNode) => {
      dbHits += Number(n.dbHits);
      operators.push(n.operatorType.replace(/@.*$/, ''));
      n.children.forEach(walk);
    };
    walk(plan);
    return { dbHits, rows: res.records.length, operators };
  } finally {
    await session.close();
  }
}
