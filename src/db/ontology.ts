// The graph's vocabulary: node labels, entity kinds and the endpoints each relationship type may join.
// Labels and relationship types reach Cypher only from these constants, never from user input.
import type { z } from 'zod';
import {
  ChipRecord,
  CompanyRecord,
  CountryRecord,
  ExportControlRecord,
  ModelRecord,
  SoftwareStackRecord,
  type RelationshipType,
} from './seed/records.js';

export const ENTITY_KINDS = [
  'COMPANY',
  'COUNTRY',
  'CHIP',
  'SOFTWARE_STACK',
  'MODEL',
  'EXPORT_CONTROL',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export type EntityLabel = 'Company' | 'Country' | 'Chip' | 'SoftwareStack' | 'Model' | 'ExportControl';

export interface EntityKindSpec {
  kind: EntityKind;
  label: EntityLabel;
  /** Folder under seed/. */
  folder: string;
  record: z.ZodType<{ id: string }>;
}

export const ENTITY_SPECS: readonly EntityKindSpec[] = [
  { kind: 'COUNTRY', label: 'Country', folder: 'countries', record: CountryRecord },
  { kind: 'COMPANY', label: 'Company', folder: 'companies', record: CompanyRecord },
  { kind: 'CHIP', label: 'Chip', folder: 'chips', record: ChipRecord },
  { kind: 'SOFTWARE_STACK', label: 'SoftwareStack', folder: 'software-stacks', record: SoftwareStackRecord },
  { kind: 'MODEL', label: 'Model', folder: 'models', record: ModelRecord },
  { kind: 'EXPORT_CONTROL', label: 'ExportControl', folder: 'export-controls', record: ExportControlRecord },
];

export const LABEL_OF_KIND: Record<EntityKind, EntityLabel> = Object.fromEntries(
  ENTITY_SPECS.map((s) => [s.kind, s.label]),
) as Record<EntityKind, EntityLabel>;
export const KIND_OF_LABEL: Record<EntityLabel, EntityKind> = Object.fromEntries(
  ENTITY_SPECS.map((s) => [s.label, s.kind]),
) as Record<EntityLabel, EntityKind>;

/** Every entity node also carries this label, which holds the cross-kind uniqueness of `id`. */
export const ENTITY_LABEL = 'Entity';
export const SOURCE_LABEL = 'Source';
/** The one node describing the loaded dataset (version, licence, record end, load time). */
export const DATASET_LABEL = 'Dataset';
export const DATASET_ID = 'dataset';

export const RELATIONSHIP_ENDPOINTS: Record<RelationshipType, { from: EntityLabel[]; to: EntityLabel[] }> = {
  HEADQUARTERED_IN: { from: ['Company'], to: ['Country'] },
  SUBSIDIARY_OF: { from: ['Company'], to: ['Company'] },
  DESIGNS: { from: ['Company'], to: ['Chip'] },
  FABRICATES: { from: ['Company'], to: ['Chip'] },
  SUPPLIES: { from: ['Company'], to: ['Chip', 'Company'] },
  MAINTAINS: { from: ['Company'], to: ['SoftwareStack'] },
  PROGRAMMED_WITH: { from: ['Chip'], to: ['SoftwareStack'] },
  DEVELOPS: { from: ['Company'], to: ['Model'] },
  TRAINED_ON: { from: ['Model'], to: ['Chip'] },
  RUNS_ON: { from: ['Model'], to: ['Chip'] },
  ORDERED: { from: ['Company'], to: ['Chip', 'Company'] },
  DEPLOYS: { from: ['Company'], to: ['Chip'] },
  ISSUED_BY: { from: ['ExportControl'], to: ['Country'] },
  RESTRICTS: { from: ['ExportControl'], to: ['Chip'] },
  TARGETS: { from: ['ExportControl'], to: ['Country', 'Company'] },
  PARTNERS_WITH: { from: ['Company'], to: ['Company'] },
  SUCCEEDS: { from: ['Chip', 'Model'], to: ['Chip', 'Model'] },
  VARIANT_OF: { from: ['Model'], to: ['Model'] },
};

export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_ENDPOINTS) as RelationshipType[];
