// The MCP tools: read-only questions, each one fixed GraphQL operation run through the API (arguments travel as
// GraphQL variables only), plus `graphql_query` for anything else. There is no `changes` tool: the schema has no
// change-feed root field yet (add one here when `Query.changes` exists).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { QueryLimits } from '../graphql/plugins/limits.js';
import { AnswerEnvelope, refusal, toolResult, type ArgumentNames, type Renderer } from './answers.js';
import type { GraphqlRequest, GraphqlRunner } from './graphql-runner.js';
import * as op from './operations.js';
import { checkQuery } from './query-guard.js';
import {
  renderAnyQuery,
  renderConnections,
  renderDependencies,
  renderEntity,
  renderExposure,
  renderSearch,
  renderStats,
  renderTimeline,
} from './render.js';

const Id = z.string().trim().min(1).max(200);
const IsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected an ISO 8601 date: 2025, 2025-04 or 2025-04-24')
  .describe('ISO 8601 date of day, month or year precision, e.g. 2025-06-01');
const Confidence = z
  .enum(['CONFIRMED', 'REPORTED', 'RUMORED'])
  .describe('Keep facts at least this well supported: CONFIRMED > REPORTED > RUMORED');
const EntityKind = z.enum(['COMPANY', 'COUNTRY', 'CHIP', 'SOFTWARE_STACK', 'MODEL', 'EXPORT_CONTROL']);
const CountryCodes = z
  .array(z.string().regex(/^[A-Za-z]{2}$/, 'expected ISO 3166 alpha-2 codes such as CN'))
  .max(50);
const Ids = z.array(Id).max(100);

const READ_ONLY: ToolAnnotations = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

export interface ToolDeps {
  run: GraphqlRunner;
  limits: QueryLimits;
}

/** Runs one operation; a failure to reach chipgraph at all becomes an error result, not a protocol error. */
async function ask(
  deps: ToolDeps,
  request: GraphqlRequest,
  render: Renderer,
  names?: ArgumentNames,
): Promise<CallToolResult> {
  try {
    return toolResult(await deps.run(request), render, names);
  } catch (err) {
    return refusal('SERVICE_UNAVAILABLE', err instanceof Error ? err.message : String(err));
  }
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

export function registerTools(server: McpServer, deps: ToolDeps): void {
  const tool = (name: string, title: string, description: string) => ({
    title,
    description,
    outputSchema: AnswerEnvelope,
    annotations: { ...READ_ONLY, title },
  });

  server.registerTool(
    'search',
    {
      ...tool(
        'search',
        'Find entities by name',
        'Find chips, companies, models, software stacks, export controls or countries by name or alias (Chinese ' +
          'names too, tolerant of misspellings), best first. Use it first to get the ids the other tools take.',
      ),
      inputSchema: {
        text: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .describe('What to look for, e.g. "ascend 910", "昇腾", "deepseek v3"'),
        kinds: z.array(EntityKind).max(6).optional().describe('Only these kinds'),
        first: z.number().int().min(1).max(50).optional().describe('How many hits (default 10, at most 50)'),
      },
    },
    async ({ text, kinds, first }) =>
      ask(deps, { query: op.SEARCH, variables: defined({ text, kinds, first }) }, renderSearch(text)),
  );

  server.registerTool(
    'get_entity',
    {
      ...tool(
        'get_entity',
        'One entity with its facts',
        'Everything about one entity by id: its attributes, the claims where sources disagree, and every fact ' +
          'linking it to its neighbours (designs, fabricates, trained on, runs on, orders, restricts...), each ' +
          'with confidence and sources.',
      ),
      inputSchema: {
        id: Id.describe(
          'The entity id, e.g. "huawei-ascend-910c", "deepseek-v3", "nvidia", "cn" (use search to find it)',
        ),
        asOf: IsoDate.optional().describe('Only the facts valid on this date (ISO 8601)'),
      },
    },
    async ({ id, asOf }) => ask(deps, { query: op.ENTITY, variables: defined({ id, asOf }) }, renderEntity),
  );

  server.registerTool(
    'hardware_dependencies',
    {
      ...tool(
        'hardware_dependencies',
        'Which models depend on which chips',
        'Which AI models were trained on or are served on which chips: one row per fact (model, chip, vendor, ' +
          'training or inference, chip count, confidence, sources), newest model first. Filter by model, chip, ' +
          'vendor, countries, developer, role, confidence or date; page with `after`.',
      ),
      inputSchema: {
        modelIds: Ids.optional().describe('Only these models'),
        chipIds: Ids.optional().describe('Only these chips'),
        vendorIds: Ids.optional().describe(
          'Only chips designed by these companies (or their subsidiaries), e.g. ["huawei"]',
        ),
        vendorCountries: CountryCodes.optional().describe(
          'Only chips whose vendor is headquartered here, e.g. ["CN"]',
        ),
        developerIds: Ids.optional().describe('Only models developed by these companies, e.g. ["deepseek"]'),
        developerCountries: CountryCodes.optional().describe(
          'Only models whose developer is headquartered here',
        ),
        role: z.enum(['TRAINING', 'INFERENCE']).optional().describe('Only training or only inference'),
        minConfidence: Confidence.optional(),
        asOf: IsoDate.optional().describe('The graph as it stood on this date'),
        first: z.number().int().min(1).max(100).optional().describe('Page size (default 20, at most 100)'),
        after: z.string().max(500).optional().describe('Cursor from a previous answer, to continue'),
      },
    },
    async ({ first, after, ...where }) =>
      ask(
        deps,
        { query: op.HARDWARE_DEPENDENCIES, variables: defined({ where: defined(where), first, after }) },
        renderDependencies,
      ),
  );

  const exposureNames: ArgumentNames = (a) =>
    a === 'target'
      ? 'vendorId | countryCode | exportControlId | softwareStackId'
      : a.replace(/^target\./, '');
  server.registerTool(
    'exposure',
    {
      ...tool(
        'exposure',
        'What is exposed if a supplier is cut off',
        'What is exposed if a chip vendor, a country, an export control or a software stack is cut off: the ' +
          'exposed chips, the models that depend on them (via which facts), and the hardware those models ' +
          'already use besides. Give exactly one of vendorId, countryCode, exportControlId, softwareStackId.',
      ),
      inputSchema: {
        vendorId: Id.optional().describe('A chip vendor, e.g. "nvidia"'),
        countryCode: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional()
          .describe('A country (ISO code), e.g. "TW"'),
        exportControlId: Id.optional().describe('An export control id: the chips it restricts'),
        softwareStackId: Id.optional().describe('A software stack, e.g. "cuda"'),
        asOf: IsoDate.optional().describe('Read the graph as it stood on this date'),
        minConfidence: Confidence.optional(),
      },
    },
    async ({ asOf, minConfidence, ...target }) =>
      ask(
        deps,
        { query: op.EXPOSURE, variables: defined({ target: defined(target), asOf, minConfidence }) },
        renderExposure,
        exposureNames,
      ),
  );

  server.registerTool(
    'connections',
    {
      ...tool(
        'connections',
        'How two entities are connected',
        'The shortest paths between two entities over any facts, in either direction (e.g. a lab → its model → ' +
          'the chip it was trained on → that chip’s vendor), each step with confidence and sources.',
      ),
      inputSchema: {
        from: Id.describe('Id of the first entity, e.g. "deepseek"'),
        to: Id.describe('Id of the second entity, e.g. "nvidia"'),
        maxHops: z
          .number()
          .int()
          .min(1)
          .max(6)
          .optional()
          .describe('Longest path to consider (1 to 6, default 4)'),
      },
    },
    async ({ from, to, maxHops }) =>
      ask(deps, { query: op.CONNECTIONS, variables: defined({ from, to, maxHops }) }, renderConnections),
  );

  server.registerTool(
    'timeline',
    {
      ...tool(
        'timeline',
        'What happened when',
        'Dated events, oldest first: model releases, chip announcements and releases, export controls announced, ' +
          'in force or rescinded, orders and deployments; optionally around one entity and within dates.',
      ),
      inputSchema: {
        entityId: Id.optional().describe('Only events about this entity or its direct neighbours'),
        from: IsoDate.optional().describe('On or after this date'),
        to: IsoDate.optional().describe('On or before this date'),
        first: z
          .number()
          .int()
          .min(1)
          .max(500)
          .optional()
          .describe('How many events (default 100, at most 500)'),
      },
    },
    async (args) => ask(deps, { query: op.TIMELINE, variables: defined(args) }, renderTimeline),
  );

  server.registerTool(
    'stats',
    {
      ...tool(
        'stats',
        'What the graph holds',
        'The dataset loaded (version, licence, where its record ends) and how many entities, facts and sources ' +
          'the graph holds: the coverage to state before answering from it.',
      ),
      inputSchema: {},
    },
    async () => ask(deps, { query: op.STATS }, renderStats),
  );

  server.registerTool(
    'graphql_query',
    {
      ...tool(
        'graphql_query',
        'Any read-only GraphQL query',
        'Run a GraphQL query against the chipgraph API for questions the other tools do not cover (chips, ' +
          'models, companies, exportControls and orders lists with filters and sorting, chip alternatives, ' +
          'neighborhood...). Queries only; the same depth, cost, token and rate limits as POST /graphql. Read the ' +
          'schema resource (chipgraph://schema.graphql) for the types; ask for `confidence` and ' +
          '`sources { publisher title published url }` to cite facts.',
      ),
      inputSchema: {
        query: z.string().min(1).max(100_000).describe('A GraphQL query document'),
        variables: z.record(z.string(), z.unknown()).optional().describe('Values for its variables'),
        operationName: z
          .string()
          .max(200)
          .optional()
          .describe('Which operation to run, if the document has several'),
      },
    },
    async ({ query, variables, operationName }) => {
      const checked = checkQuery(query, operationName, deps.limits);
      if (!checked.ok) {
        const { code, message, ...extra } = checked.refused;
        const hint = /__schema|__type\b/.test(query)
          ? ' For the whole schema, read the resource chipgraph://schema.graphql instead.'
          : '';
        return refusal(code, message + hint, extra);
      }
      return ask(deps, { query, ...defined({ variables, operationName }) }, renderAnyQuery);
    },
  );
}
