// Export tables with one row per fact: hardware dependencies (TRAINED_ON / RUNS_ON) and orders (ORDERED).
import { GraphQLID, GraphQLList, GraphQLNonNull, type GraphQLEnumType } from 'graphql';
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

export const FACT_TABLES: Record<string, Table> = {
  'hardware-dependencies': {
    whereType: 'HardwareDependencyWhere',
    pageSize: 100,
    query: `query ExportHardwareDependencies($where: HardwareDependencyWhere, $first: Int, $after: String) {
  page: hardwareDependencies(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id role chipCount chipHours cluster confidence validFrom validTo note
      model { id name released developer { id name country { code } } }
      chip { id name vendor { id name country { code } } }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const d = n as {
        id: string;
        role: string;
        chipCount: number | null;
        chipHours: number | null;
        cluster: string | null;
        confidence: string;
        validFrom: string | null;
        validTo: string | null;
        note: string | null;
        model: Named & { released: string | null; developer: Named | null };
        chip: Named & { vendor: Named | null };
        sources: Source[];
      };
      return [
        {
          id: d.id,
          model_id: d.model.id,
          model_name: d.model.name,
          model_released: d.model.released,
          developer_id: d.model.developer?.id,
          developer_name: d.model.developer?.name,
          developer_country: d.model.developer?.country?.code,
          role: d.role,
          chip_id: d.chip.id,
          chip_name: d.chip.name,
          vendor_id: d.chip.vendor?.id,
          vendor_name: d.chip.vendor?.name,
          vendor_country: d.chip.vendor?.country?.code,
          chip_count: d.chipCount,
          chip_hours: d.chipHours,
          cluster: d.cluster,
          confidence: d.confidence,
          valid_from: d.validFrom,
          valid_to: d.validTo,
          note: d.note,
          ...sourceColumns(d.sources),
        },
      ];
    },
    columns: [
      'id',
      'model_id',
      'model_name',
      'model_released',
      'developer_id',
      'developer_name',
      'developer_country',
      'role',
      'chip_id',
      'chip_name',
      'vendor_id',
      'vendor_name',
      'vendor_country',
      'chip_count',
      'chip_hours',
      'cluster',
      'confidence',
      'valid_from',
      'valid_to',
      'note',
      ...SOURCE_COLUMNS,
    ],
  },

  // Orders of chip models and vendor-level orders (chip columns empty): the chip filters as in the API (a
  // vendor-level order matches vendorIds, vendorCountries and family), plus buyerIds and minConfidence.
  orders: {
    whereType: 'ChipWhere',
    extraParams: (schema) => [
      { name: 'buyerIds', type: new GraphQLList(new GraphQLNonNull(GraphQLID)) },
      { name: 'minConfidence', type: schema.getType('Confidence') as GraphQLEnumType },
    ],
    variables: ({ buyerIds, minConfidence, ...chip }) => ({ where: { chip, buyerIds, minConfidence } }),
    pageSize: 100,
    query: `query ExportOrders($where: OrderWhere, $first: Int, $after: String) {
  page: orders(where: $where, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id units valueUsd valueLocal currency date status qualifier confidence note jointOrder chipFamily
      buyer { id name country { code } }
      chip { id name }
      vendor { id name }
      seller { id name }
      ${SOURCES}
    }
  }
}`,
    page: (d) => d.page as Page,
    rows: (n) => {
      const o = n as Row & {
        buyer: Named;
        chip: Named | null;
        vendor: Named | null;
        seller: Named | null;
        sources: Source[];
      };
      return [
        {
          id: o.id,
          date: o.date,
          buyer_id: o.buyer.id,
          buyer_name: o.buyer.name,
          buyer_country: o.buyer.country?.code,
          chip_id: o.chip?.id,
          chip_name: o.chip?.name,
          chip_family: o.chipFamily,
          vendor_id: o.vendor?.id,
          vendor_name: o.vendor?.name,
          seller_id: o.seller?.id,
          units: o.units,
          value_usd: o.valueUsd,
          value_local: o.valueLocal,
          currency: o.currency,
          status: o.status,
          qualifier: o.qualifier,
          joint_order: o.jointOrder,
          confidence: o.confidence,
          note: o.note,
          ...sourceColumns(o.sources),
        },
      ];
    },
    columns: [
      'id',
      'date',
      'buyer_id',
      'buyer_name',
      'buyer_country',
      'chip_id',
      'chip_name',
      'chip_family',
      'vendor_id',
      'vendor_name',
      'seller_id',
      'units',
      'value_usd',
      'value_local',
      'currency',
      'status',
      'qualifier',
      'joint_order',
      'confidence',
      'note',
      ...SOURCE_COLUMNS,
    ],
  },
};
