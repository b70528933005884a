// Refuses queries over the depth, alias, token and cost limits before anything runs, charges the cost to the
// client's rate-limit budget, and reports it in every executed response's `extensions.cost`.
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  type ExecutionArgs,
  type parse as graphqlParse,
  type ParseOptions,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ChipgraphError } from '../../errors.js';
import { toGraphQLError } from './masked-errors.js';
import { currentRequest, type CostReport } from '../../request/request-context.js';
import type { BudgetLimiter } from '../../request/rate-limit.js';
import type { QueryLimits } from './limits.js';
import { analyzeOperation, DEFAULT_COST_MODEL, selectOperation, type CostModel } from './query-analysis.js';

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'cost';

export function tooComplex(limit: LimitName, max: number, found: number): ChipgraphError {
  const what = { depth: 'nesting depth', aliases: 'aliases', tokens: 'tokens', cost: 'estimated cost' }[
    limit
  ];
  return new ChipgraphError(
    'QUERY_TOO_COMPLEX',
    `The query is too complex: ${what} ${found} is over the limit of ${max}.` +
      (limit === 'cost' ? ' Ask for smaller pages (`first`) or fewer nested lists.' : ''),
    { limit, max, found },
  );
}

/** Counts lexical tokens like graphql's parser does (comments excluded), stopping just past `max`. */
export function countTokens(query: string, max: number): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF && n <= max) n += 1;
  } catch (err) {
    // A syntax error: the parser reports it with its location.
    if (!(err instanceof GraphQLError)) throw err;
  }
  return n;
}

export interface QueryLimitsOptions {
  limits: QueryLimits;
  rateLimiter?: BudgetLimiter;
  /** The client a query's cost is charged to when it is not the IP, e.g. a verified API key's id. */
  identify?: (context: unknown) => string | undefined;
  costModel?: CostModel;
}

export function useQueryLimits(options: QueryLimitsOptions): Plugin {
  const { limits, rateLimiter, identify, costModel = DEFAULT_COST_MODEL } = options;
  return {
    onParse({ parseFn, setParseFn }) {
      const parse = parseFn as typeof graphqlParse;
      setParseFn((source: string | Source, parseOptions?: ParseOptions) => {
        const text = typeof source === 'string' ? source : source.body;
        const tokens = countTokens(text, limits.maxTokens);
        if (tokens > limits.maxTokens) throw tooComplex('tokens', limits.maxTokens, tokens);
        return parse(source, { ...parseOptions, maxTokens: limits.maxTokens });
      });
    },
    async onExecute({ args: executionArgs, setResultAndStopExecution }) {
      const args = executionArgs as ExecutionArgs;
      const operation = selectOperation(args.document, args.operationName);
      // No operation to run: execute() itself reports that.
      if (!operation) return;
      const analysis = analyzeOperation(
        args.schema,
        args.document,
        operation,
        args.variableValues,
        costModel,
      );
      const cost: CostReport = { requested: analysis.cost, limit: limits.maxCost };
      // Answered without executing, so Yoga's masking never sees these: mapped here.
      const refuse = (error: ChipgraphError) =>
        setResultAndStopExecution({ errors: [toGraphQLError(error)], extensions: { cost } });
      if (analysis.depth > limits.maxDepth)
        return refuse(tooComplex('depth', limits.maxDepth, analysis.depth));
      if (analysis.aliases > limits.maxAliases) {
        return refuse(tooComplex('aliases', limits.maxAliases, analysis.aliases));
      }
      if (analysis.cost > limits.maxCost) return refuse(tooComplex('cost', limits.maxCost, analysis.cost));

      const request = currentRequest();
      if (rateLimiter && request) {
        const who = identify?.(args.contextValue);
        // Anonymous requests already paid one point on arrival (request-context.ts), from the same bucket.
        const spent = await (who
          ? rateLimiter.spend(`key:${who}`, Math.max(1, analysis.cost))
          : rateLimiter.spend(`ip:${request.ip}`, Math.max(0, analysis.cost - 1)));
        cost.remaining = spent.remaining;
        if (!spent.ok) {
          return refuse(
            new ChipgraphError(
              'RATE_LIMITED',
              `Rate limit exceeded: this query costs ${analysis.cost} points and ${spent.remaining} remain; ` +
                `try again in ${spent.retryAfterS} s.`,
              {
                retryAfter: spent.retryAfterS,
                http: { status: 429, headers: { 'retry-after': String(spent.retryAfterS) } },
              },
            ),
          );
        }
      }
      if (request) request.cost = cost;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}
