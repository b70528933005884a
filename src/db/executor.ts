// The one boundary every database call passes: sessions closed in `finally`, driver error codes mapped to typed
// errors, reads in read transactions (so a cluster can route them to replicas), round trips counted, and a
// request's work stopped in Neo4j when its client goes away.
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
} from 'neo4j-driver';
import { ChipgraphError, requestCancelled } from '../errors.js';
import type { DatabaseHandle } from './database.js';
import { enableTcpNoDelayForDriver } from './tcp-nodelay.js';

export interface DriverSettings {
  uri: string;
  user: string;
  password: string;
}

export function createDriver(db: DriverSettings | DatabaseHandle): Driver {
  // Without it, any statement over ~1.4 KB waits ~40 ms for a delayed ACK (see tcp-nodelay.ts).
  enableTcpNoDelayForDriver();
  const auth = db.password ? neo4j.auth.basic(db.user, db.password) : neo4j.auth.basic('neo4j', '');
  return neo4j.driver(db.uri, auth, {
    // Fail fast when the database is gone, so /readyz and queries answer within seconds.
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    // Transient errors are retried for up to 2 s; beyond that the caller is better served by a fast answer.
    maxTransactionRetryTime: 2_000,
    maxConnectionPoolSize: 50,
    disableLosslessIntegers: true,
    userAgent: 'chipgraph',
  });
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** Map a driver error, by its code (never its message), to the error users see. */
export function mapDriverError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (code && UNAVAILABLE_CODES.has(code)) {
    return new ChipgraphError('SERVICE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.');
  }
  if (code && TIMEOUT_CODES.has(code)) {
    return new ChipgraphError('QUERY_TIMEOUT', 'The query took too long and was stopped; narrow it down.');
  }
  return err;
}

const BREAKER_MS = 1_000;

export interface QueryCounter {
  queries: number;
}

/**
 * Told about every Cypher statement this executor runs (its text, never its parameter values) and about its open
 * sessions: metrics and traces hook in here (src/observability), so the database layer imports neither.
 */
export interface ExecutorObserver {
  /** A statement starts; the returned function is called once when it ends, with its error if it failed. */
  statement?: (cypher: string, mode: 'READ' | 'WRITE') => (error?: unknown) => void;
  /** The number of sessions open (each holds a pooled connection while its transaction runs) changed. */
  sessions?: (open: number) => void;
}

export class Executor {
  constructor(
    readonly driver: Driver,
    private readonly database: string,
    private readonly timeoutMs: number,
    private readonly counter: QueryCounter = { queries: 0 },
    private readonly parent: Executor | null = null,
    private readonly signal: AbortSignal | undefined = undefined,
  ) {}

  /**
   * A view that counts this request's round trips separately (shared driver and pool); the parent counts all.
   * With `signal` (Yoga's `request.signal`), aborting it stops the view's work: a call not yet started fails at
   * once, and a running one has its session closed, which resets the connection and so rolls the transaction back
   * and stops its query in Neo4j.
   */
  forRequest(signal?: AbortSignal): Executor {
    return new Executor(this.driver, this.database, this.timeoutMs, { queries: 0 }, this, signal);
  }

  /** This request's view without its abort signal: for work shared with other requests (one scan several await). */
  unaborted(): Executor {
    return new Executor(this.driver, this.database, this.timeoutMs, this.counter, this.parent, undefined);
  }

  /**
   * State kept once per base executor (so once per process and database), shared by every request's view: what
   * repositories, built per request, cache across requests (the stats answer, say). `make` runs on first use.
   */
  shared<T>(key: string, make: () => T): T {
    const state = this.root.sharedState;
    if (!state.has(key)) state.set(key, make());
    return state.get(key) as T;
  }
  private readonly sharedState = new Map<string, unknown>();

  get queryCount(): number {
    return this.counter.queries;
  }

  /** Add an observer (on the base executor; per-request views share it). */
  observe(observer: ExecutorObserver): this {
    this.root.observers.push(observer);
    return this;
  }

  private get root(): Executor {
    return this.parent ? this.parent.root : this;
  }
  private readonly observers: ExecutorObserver[] = [];
  private openSessions = 0;

  /** The transaction as `work` sees it: every `tx.run` reported to the observers, the Result itself unchanged. */
  private observed<R>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<R>,
  ): (tx: ManagedTransaction) => Promise<R> {
    const starts = this.root.observers.flatMap((o) => (o.statement ? [o.statement] : []));
    if (starts.length === 0) return work;
    return (tx) => {
      const run: ManagedTransaction['run'] = (cypher, params) => {
        const text = typeof cypher === 'object' && 'text' in cypher ? cypher.text : String(cypher);
        const done = starts.map((start) => start(text, mode));
        const result = tx.run(cypher, params);
        // Awaiting a Result buffers it once; the caller's own await shares that same promise.
        result.then(
          () => done.forEach((d) => d()),
          (err: unknown) => done.forEach((d) => d(err)),
        );
        return result;
      };
      return work(new Proxy(tx, { get: (t, p) => (p === 'run' ? run : (Reflect.get(t, p, t) as unknown)) }));
    };
  }

  async read<T extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}) {
    return this.run<T>('READ', (tx) => tx.run<T>(cypher, params));
  }

  async write<T extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}) {
    return this.run<T>('WRITE', (tx) => tx.run<T>(cypher, params));
  }

  /** Several statements in one transaction (all or nothing). Managed transactions retry only transient errors. */
  async writeTransaction<R>(
    work: (tx: ManagedTransaction) => Promise<R>,
    timeoutMs = this.timeoutMs,
  ): Promise<R> {
    return this.session('WRITE', (s) => s.executeWrite(this.observed('WRITE', work), { timeout: timeoutMs }));
  }

  async readTransaction<R>(work: (tx: ManagedTransaction) => Promise<R>): Promise<R> {
    return this.session('READ', (s) =>
      s.executeRead(this.observed('READ', work), { timeout: this.timeoutMs }),
    );
  }

  /** True when the database answers a trivial query within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<{ ok: true } | { ok: false; reason: string }> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([session.run('RETURN 1'), timeout]);
      return { ok: true };
    } catch (err) {
      const e = err as { code?: string; message?: string };
      return { ok: false, reason: e.code ? `${e.code}` : (e.message ?? 'unknown error') };
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => {});
    }
  }

  private async run<T extends RecordShape>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<QueryResult<T>>,
  ): Promise<QueryResult<T>> {
    const observed = this.observed(mode, work);
    return this.session(mode, (s) =>
      mode === 'READ'
        ? s.executeRead(observed, { timeout: this.timeoutMs })
        : s.executeWrite(observed, { timeout: this.timeoutMs }),
    );
  }

  /** Shared by a base executor and its per-request views: when the database last failed as unavailable. */
  private get breaker(): { openUntil: number } {
    return this.parent ? this.parent.breaker : this.ownBreaker;
  }
  private readonly ownBreaker = { openUntil: 0 };

  private async session<R>(mode: 'READ' | 'WRITE', fn: (s: Session) => Promise<R>): Promise<R> {
    // Right after the database was found unavailable, answer at once instead of waiting for the driver's
    // retries again; one second later queries try again, so recovery needs no restart.
    if (Date.now() < this.breaker.openUntil) {
      throw new ChipgraphError(
        'SERVICE_UNAVAILABLE',
        'The graph database is unavailable; try again shortly.',
      );
    }
    const signal = this.signal;
    if (signal?.aborted) throw requestCancelled();
    this.counter.queries += 1;
    for (let e = this.parent; e; e = e.parent) e.counter.queries += 1;
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const root = this.root;
    root.openSessions += 1;
    for (const o of root.observers) o.sessions?.(root.openSessions);
    let closing: Promise<void> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      if (!signal) return await fn(session);
      // Closing a session whose transaction is open sends RESET: Neo4j stops the query and rolls back. The work's
      // own promise then fails too; the race has already settled, so that failure is seen by nobody.
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          closing ??= session.close();
          reject(requestCancelled());
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
      return await Promise.race([fn(session), aborted]);
    } catch (err) {
      if (signal?.aborted) throw requestCancelled();
      const mapped = mapDriverError(err);
      if (mapped instanceof ChipgraphError && mapped.code === 'SERVICE_UNAVAILABLE') {
        this.breaker.openUntil = Date.now() + BREAKER_MS;
      }
      throw mapped;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (closing) await closing.catch(() => {});
      else await session.close();
      root.openSessions -= 1;
      for (const o of root.observers) o.sessions?.(root.openSessions);
    }
  }
}
