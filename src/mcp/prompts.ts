// MCP prompts: the README's five guided questions as templates, each naming the tools that answer it.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const CITE =
  'Answer only from the tools’ results. For every fact give its confidence (CONFIRMED, REPORTED, RUMORED) and ' +
  'cite its sources by publisher, title, date and URL; where sources disagree, give each claim. Say what the ' +
  'graph does not know rather than guessing.';

const ask = (text: string): GetPromptResult => ({
  messages: [{ role: 'user', content: { type: 'text', text: `${text}\n\n${CITE}` } }],
});

// Ids, codes, enum values and dates only: the values are written into the question text and its GraphQL.
const arg = (description: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected an id, code or date such as "nvidia", "CN" or "2025-06-01"')
    .optional()
    .describe(description);

export const PROMPT_NAMES = [
  'models_on_hardware_from',
  'cut_off_vendor',
  'who_ordered',
  'how_connected',
  'stand_in_for_chip',
] as const;

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'models_on_hardware_from',
    {
      title: "A developer's models on a country's hardware",
      description:
        "Which of a developer's models run on hardware from a country, by the vendors' and developers' own word?",
      argsSchema: {
        developerId: arg('Developer id (default "deepseek")'),
        vendorCountry: arg('ISO country code of the chip vendors (default "CN")'),
        minConfidence: arg('CONFIRMED (default), REPORTED or RUMORED'),
      },
    },
    ({ developerId = 'deepseek', vendorCountry = 'CN', minConfidence = 'CONFIRMED' }) =>
      ask(
        `Which of ${developerId}'s models run on hardware from ${vendorCountry}? Call hardware_dependencies with ` +
          `developerIds: ["${developerId}"], vendorCountries: ["${vendorCountry}"], minConfidence: ${minConfidence}, ` +
          'then again without minConfidence to say what weaker reports add.',
      ),
  );
  server.registerPrompt(
    'cut_off_vendor',
    {
      title: 'If a vendor is cut off',
      description: 'If a vendor is cut off, which models are exposed, and what have they already moved to?',
      argsSchema: {
        vendorId: arg('Chip vendor id (default "nvidia")'),
        asOf: arg('Optional ISO date: ask as the graph stood then'),
      },
    },
    ({ vendorId = 'nvidia', asOf }) =>
      ask(
        `If ${vendorId} is cut off, which models are exposed, and what have they already moved to? Call exposure ` +
          `with vendorId: "${vendorId}", minConfidence: REPORTED${asOf ? `, asOf: "${asOf}"` : ''}; list each model ` +
          'with the exposed chips it depends on and the alternatives it already uses.',
      ),
  );
  server.registerPrompt(
    'who_ordered',
    {
      title: "A buyer's chip orders",
      description: 'Who ordered which chips — a buyer’s orders, with units, values, dates and status.',
      argsSchema: {
        buyerId: arg('Buyer company id (default "bytedance")'),
        vendorId: arg('Optional vendor id to restrict to, e.g. "huawei"'),
      },
    },
    ({ buyerId = 'bytedance', vendorId }) =>
      ask(
        `What chips has ${buyerId} ordered${vendorId ? ` from ${vendorId}` : ''}? Use graphql_query with ` +
          `{ orders(where: { buyerIds: ["${buyerId}"]${vendorId ? `, chip: { vendorIds: ["${vendorId}"] }` : ''} }, first: 50) ` +
          '{ nodes { chip { name } vendor { name } units valueUsd valueLocal currency date status qualifier ' +
          'confidence sources { publisher title published url } } } }. Keep conflicting claims about one purchase ' +
          'apart, and never convert currencies.',
      ),
  );
  server.registerPrompt(
    'how_connected',
    {
      title: 'How two entities are connected',
      description: 'How are two entities connected (a lab and a chip vendor, say)?',
      argsSchema: {
        from: arg('First entity id (default "deepseek")'),
        to: arg('Second entity id (default "nvidia")'),
      },
    },
    ({ from = 'deepseek', to = 'nvidia' }) =>
      ask(
        `How are ${from} and ${to} connected? Call connections with from: "${from}", to: "${to}", maxHops: 3, and ` +
          'explain each path step by step.',
      ),
  );
  server.registerPrompt(
    'stand_in_for_chip',
    {
      title: 'Alternatives to a chip',
      description: 'What could stand in for a chip from outside a country?',
      argsSchema: {
        chipId: arg('Chip id (default "nvidia-h100")'),
        excludeCountry: arg('ISO code of the vendor country to leave out (default "US")'),
      },
    },
    ({ chipId = 'nvidia-h100', excludeCountry = 'US' }) =>
      ask(
        `What could stand in for ${chipId} from outside ${excludeCountry}? Use graphql_query with ` +
          `{ chip(id: "${chipId}") { name bf16DenseTflops memoryGb sources { publisher title published url } ` +
          `alternatives(first: 5, excludeVendorCountries: ["${excludeCountry}"]) { chip { name vendor { name } ` +
          'bf16DenseTflops memoryGb sources { publisher title published url } } computeRatio memoryRatio } } }. ' +
          'Note that a vendor with no known country is not left out.',
      ),
  );
}
