// OpenTelemetry traces: a span per GraphQL operation and a child span per Cypher statement (its text, never its
// parameter values), exported over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT. Built only when that is set.
//
// Why the trace SDK by hand rather than @opentelemetry/sdk-node or Yoga's OpenTelemetry plugin: sdk-node pulls in
// every exporter and the auto-instrumentation hooks (require-in-the-middle / import-in-the-middle, which must be
// loaded before the modules they patch and behave differently for ESM on Node 20, 22 and 24), and the Yoga plugin
// comes with its own resolver-level spans and instrumentation packages. The pieces used here (sdk-trace-base,
// the OTLP/HTTP JSON exporter, core's W3C propagator) are plain libraries on Node >= 18.19: no global provider,
// no patching, no context manager. The active operation span travels in our own AsyncLocalStorage, so nothing is
// registered globally and a process can hold several independent tracers (as the tests do).
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapGetter,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { getOperationAST, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ExecutorObserver } from '../db/executor.js';
import { currentRequest } from '../request/request-context.js';

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
  /** Longest wait before a batch of spans is sent (default 2 s). */
  scheduledDelayMs?: number;
}

/** Reads the first error code of a result, for the operation span's status. */
function firstErrorCode(result: unknown): string | undefined {
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] } | null)?.errors;
  const code = errors?.[0]?.extensions?.code;
  return errors?.length ? (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') : undefined;
}

function driverCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

export class Tracing {
  private readonly provider: BasicTracerProvider;
  readonly tracer: Tracer;
  private readonly active = new AsyncLocalStorage<Span>();
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(options: TracingOptions) {
    const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url, timeoutMillis: 5_000 }), {
          scheduledDelayMillis: options.scheduledDelayMs ?? 2_000,
        }),
      ],
    });
    this.tracer = this.provider.getTracer('chipgraph');
  }

  /** Yoga plugin: one span per executed operation, the parent of its Cypher spans; tied to the request id. */
  plugin(): Plugin {
    return {
      onExecute: ({ args: executionArgs, executeFn, setExecuteFn }) => {
        const args = executionArgs as ExecutionArgs;
        const op = getOperationAST(args.document, args.operationName ?? undefined);
        const type = op?.operation ?? 'query';
        const name = op?.name?.value;
        // A caller's W3C traceparent (a proxy's, say) makes this operation part of its trace.
        const headers = (args.contextValue as { request?: Request } | undefined)?.request?.headers;
        const parent = headers
          ? this.propagator.extract(ROOT_CONTEXT, Object.fromEntries(headers), defaultTextMapGetter)
          : ROOT_CONTEXT;
        const request = currentRequest();
        const span = this.tracer.startSpan(
          name ? `${type} ${name}` : type,
          {
            kind: SpanKind.SERVER,
            attributes: {
              'graphql.operation.type': type,
              ...(name ? { 'graphql.operation.name': name } : {}),
              ...(request ? { 'chipgraph.request_id': request.id } : {}),
            },
          },
          parent,
        );
        if (request) request.traceId = span.spanContext().traceId;
        const execute = executeFn as (a: ExecutionArgs) => unknown;
        setExecuteFn(((a: ExecutionArgs) => this.active.run(span, () => execute(a))) as typeof executeFn);
        return {
          onExecuteDone: ({ result }) => {
            const code = firstErrorCode(result);
            if (code) {
              span.setAttribute('chipgraph.error_code', code);
              span.setStatus({ code: SpanStatusCode.ERROR, message: code });
            }
            span.end();
          },
        };
      },
    };
  }

  /** Executor observer: a client span per Cypher statement inside an operation (start-up statements are not traced). */
  executorObserver(database: string): ExecutorObserver {
    return {
      statement: (cypher, mode) => {
        const parent = this.active.getStore();
        if (!parent) return () => {};
        const span = this.tracer.startSpan(
          `cypher ${mode}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'db.system.name': 'neo4j',
              'db.namespace': database,
              'db.query.text': cypher,
              'chipgraph.access_mode': mode,
            },
          },
          trace.setSpan(ROOT_CONTEXT, parent),
        );
        return (error) => {
          if (error !== undefined) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: driverCode(error) });
          }
          span.end();
        };
      },
    };
  }

  /** Send what is buffered now (tests; shutdown). */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
