// The headline questions: which models depend on which hardware, and what is exposed if a supplier is cut off.
import type {
  DependencyRepository,
  DependencyRow,
  ExposureProjections,
  ExposureResult,
} from '../db/repositories/dependency-repository.js';
import type { SearchRepository } from '../db/repositories/search-repository.js';
import type { Projection } from '../db/compiler/index.js';
import { badInput, notFound } from '../errors.js';
import {
  confidencesAtLeast,
  countryCodes,
  decodeCursor,
  pageSize,
  type ConfidenceLevel,
} from './arguments.js';
import { toConnection, type Connection } from './lists.js';

export type HardwareRole = 'TRAINING' | 'INFERENCE';
export const REL_OF_ROLE: Record<HardwareRole, string> = { TRAINING: 'TRAINED_ON', INFERENCE: 'RUNS_ON' };
export const ROLE_OF_REL: Record<string, HardwareRole> = { TRAINED_ON: 'TRAINING', RUNS_ON: 'INFERENCE' };

export function relTypes(role: HardwareRole | null | undefined): string[] {
  return role ? [REL_OF_ROLE[role]] : ['TRAINED_ON', 'RUNS_ON'];
}

export interface HardwareDependencyWhere {
  modelIds?: string[] | null;
  chipIds?: string[] | null;
  vendorIds?: string[] | null;
  vendorCountries?: string[] | null;
  developerIds?: string[] | null;
  developerCountries?: string[] | null;
  role?: HardwareRole | null;
  minConfidence?: ConfidenceLevel | null;
  asOf?: string | null;
}

const SIGNATURE = 'hardwareDependencies:released-desc';

export async function hardwareDependencies(
  repo: DependencyRepository,
  args: { where?: HardwareDependencyWhere | null; first?: number | null; after?: string | null },
  withTotal: boolean,
  projection?: Projection<DependencyRow>,
): Promise<Connection<DependencyRow>> {
  const w = args.where ?? {};
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, SIGNATURE);
  const page = await repo.page(
    {
      modelIds: w.modelIds,
      chipIds: w.chipIds,
      vendorIds: w.vendorIds,
      vendorCountries: countryCodes(w.vendorCountries, 'where.vendorCountries'),
      developerIds: w.developerIds,
      developerCountries: countryCodes(w.developerCountries, 'where.developerCountries'),
      relTypes: relTypes(w.role),
      confidences: confidencesAtLeast(w.minConfidence),
      asOf: w.asOf ?? null,
    },
    first,
    after,
    withTotal,
    projection,
  );
  return toConnection(page, SIGNATURE, (r) => ({ keys: r.keys, node: r.row }));
}

export interface ExposureTargetInput {
  vendorId?: string | null;
  countryCode?: string | null;
  exportControlId?: string | null;
  softwareStackId?: string | null;
}

const TARGET_LABEL = {
  vendorId: 'Company',
  countryCode: 'Country',
  exportControlId: 'ExportControl',
  softwareStackId: 'SoftwareStack',
} as const;

export const today = () => new Date().toISOString().slice(0, 10);

export async function exposure(
  repo: DependencyRepository,
  search: SearchRepository,
  args: { target: ExposureTargetInput; asOf?: string | null; minConfidence?: ConfidenceLevel | null },
  projections?: ExposureProjections,
): Promise<ExposureResult & { asOf: string | null }> {
  const given = Object.entries(args.target).filter(([, v]) => v !== null && v !== undefined) as [
    keyof typeof TARGET_LABEL,
    string,
  ][];
  if (given.length !== 1) {
    throw badInput(
      'target',
      `give exactly one of vendorId, countryCode, exportControlId, softwareStackId (got ${given.length})`,
    );
  }
  const [field, given0] = given[0]!;
  const value = field === 'countryCode' ? countryCodes([given0], 'target.countryCode')![0]! : given0;
  const asOf = args.asOf ?? null;
  const result = await repo.exposure({
    target: { [field]: value } as never,
    confidences: confidencesAtLeast(args.minConfidence),
    asOf,
    controlDate: asOf ?? today(),
    projections,
  });
  if (!result.target) {
    const label = TARGET_LABEL[field];
    const suggestions = field === 'countryCode' ? [] : await search.closestIds(value, label);
    throw notFound(label === 'Company' ? 'company' : label, value, suggestions, `target.${field}`);
  }
  return { ...result, asOf };
}
