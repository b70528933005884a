// Export tables with one row per entity: chips (with specs), models, companies, export controls.
import {
  SOURCE_COLUMNS,
  SOURCES,
  sourceColumns,
  type Named,
  type Page,
  type Row,
  type Source,
  type Table,
} from './table.js';

export const ENTITY_TABLES: Record<string, Table> = {
  chips: {
    whereType: 'ChipWhere',
    pageSize: 100,
    query: `query ExportChips($where: ChipWhere, $first: Int, $after: String) {
  page: chips(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases family status announced released processNode memoryType memoryGb memoryBandwidthGbs
      sramMb sramBandwidthGbs fp16DenseTflops bf16DenseTflops fp8DenseTflops fp4DenseTflops int8DenseTops tdpWatts
      interconnect interconnectGbs chinaCompliant description
      vendor { id name country { code } }
      foundries { company { id } }
      softwareStacks { id }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const c = n as Row & {
        vendor: Named | null;
        foundries: { company: { id: string } }[];
        softwareStacks: { id: string }[];
        sources: Source[];
      };
      return [
        {
          id: c.id,
          name: c.name,
          aliases: c.aliases,
          family: c.family,
          vendor_id: c.vendor?.id,
          vendor_name: c.vendor?.name,
          vendor_country: c.vendor?.country?.code,
          status: c.status,
          announced: c.announced,
          released: c.released,
          process_node: c.processNode,
          memory_type: c.memoryType,
          memory_gb: c.memoryGb,
          memory_bandwidth_gbs: c.memoryBandwidthGbs,
          sram_mb: c.sramMb,
          sram_bandwidth_gbs: c.sramBandwidthGbs,
          fp16_dense_tflops: c.fp16DenseTflops,
          bf16_dense_tflops: c.bf16DenseTflops,
          fp8_dense_tflops: c.fp8DenseTflops,
          fp4_dense_tflops: c.fp4DenseTflops,
          int8_dense_tops: c.int8DenseTops,
          tdp_watts: c.tdpWatts,
          interconnect: c.interconnect,
          interconnect_gbs: c.interconnectGbs,
          china_compliant: c.chinaCompliant,
          foundry_ids: [...new Set(c.foundries.map((f) => f.company.id))],
          software_stack_ids: c.softwareStacks.map((s) => s.id),
          description: c.description,
          ...sourceColumns(c.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'family',
      'vendor_id',
      'vendor_name',
      'vendor_country',
      'status',
      'announced',
      'released',
      'process_node',
      'memory_type',
      'memory_gb',
      'memory_bandwidth_gbs',
      'sram_mb',
      'sram_bandwidth_gbs',
      'fp16_dense_tflops',
      'bf16_dense_tflops',
      'fp8_dense_tflops',
      'fp4_dense_tflops',
      'int8_dense_tops',
      'tdp_watts',
      'interconnect',
      'interconnect_gbs',
      'china_compliant',
      'foundry_ids',
      'software_stack_ids',
      'description',
      ...SOURCE_COLUMNS,
    ],
  },

  models: {
    whereType: 'ModelWhere',
    pageSize: 100,
    query: `query ExportModels($where: ModelWhere, $first: Int, $after: String) {
  page: models(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases released status openWeights parameters activeParameters architecture contextTokens
      trainingComputeFlop trainingTokens modality hardwareNote description
      developer { id name country { code } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const m = n as Row & { developer: Named | null; sources: Source[] };
      return [
        {
          id: m.id,
          name: m.name,
          aliases: m.aliases,
          developer_id: m.developer?.id,
          developer_name: m.developer?.name,
          developer_country: m.developer?.country?.code,
          released: m.released,
          status: m.status,
          open_weights: m.openWeights,
          parameters: m.parameters,
          active_parameters: m.activeParameters,
          architecture: m.architecture,
          context_tokens: m.contextTokens,
          training_compute_flop: m.trainingComputeFlop,
          training_tokens: m.trainingTokens,
          modality: m.modality,
          hardware_note: m.hardwareNote,
          description: m.description,
          ...sourceColumns(m.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'developer_id',
      'developer_name',
      'developer_country',
      'released',
      'status',
      'open_weights',
      'parameters',
      'active_parameters',
      'architecture',
      'context_tokens',
      'training_compute_flop',
      'training_tokens',
      'modality',
      'hardware_note',
      'description',
      ...SOURCE_COLUMNS,
    ],
  },

  companies: {
    whereType: 'CompanyWhere',
    pageSize: 100,
    query: `query Companies($where: CompanyWhere, $first: Int, $after: String) {
  page: companies(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases roles founded website ticker domains description
      country { code } parent { id }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const c = n as Row & { country: { code: string } | null; parent: Named | null; sources: Source[] };
      return [
        {
          id: c.id,
          name: c.name,
          aliases: c.aliases,
          roles: c.roles,
          country: c.country?.code,
          parent_id: c.parent?.id,
          founded: c.founded,
          website: c.website,
          ticker: c.ticker,
          domains: c.domains,
          description: c.description,
          ...sourceColumns(c.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'roles',
      'country',
      'parent_id',
      'founded',
      'website',
      'ticker',
      'domains',
      'description',
      ...SOURCE_COLUMNS,
    ],
  },

  'export-controls': {
    whereType: 'ExportControlWhere',
    // `inForce` and `status` are answered for the date the filter asks about (default: today).
    variables: (params) => ({ where: params, asOf: params.inForceAsOf ?? null }),
    pageSize: 50,
    query: `query ExportControls($where: ExportControlWhere, $first: Int, $after: String, $asOf: Date) {
  page: exportControls(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name aliases agency measureType announced effective rescinded citation summary
      inForce(asOf: $asOf) status(asOf: $asOf)
      suspensions { from until }
      issuer { code }
      restricts { chip { id } }
      targets { target { id } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const c = n as Row & {
        issuer: { code: string } | null;
        restricts: { chip: { id: string } }[];
        targets: { target: { id: string } }[];
        suspensions: { from: string; until: string | null }[];
        sources: Source[];
      };
      return [
        {
          id: c.id,
          name: c.name,
          aliases: c.aliases,
          agency: c.agency,
          issuer_country: c.issuer?.code,
          measure_type: c.measureType,
          announced: c.announced,
          effective: c.effective,
          rescinded: c.rescinded,
          suspensions: c.suspensions.map((x) => `${x.from}/${x.until ?? ''}`),
          in_force: c.inForce,
          status: c.status,
          citation: c.citation,
          summary: c.summary,
          restricted_chip_ids: [...new Set(c.restricts.map((r) => r.chip.id))],
          target_ids: [...new Set(c.targets.map((t) => t.target.id))],
          ...sourceColumns(c.sources),
        },
      ];
    },
    columns: [
      'id',
      'name',
      'aliases',
      'agency',
      'issuer_country',
      'measure_type',
      'announced',
      'effective',
      'rescinded',
      'suspensions',
      'in_force',
      'status',
      'citation',
      'summary',
      'restricted_chip_ids',
      'target_ids',
      ...SOURCE_COLUMNS,
    ],
  },
};
