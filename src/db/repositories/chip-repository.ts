// Chip-specific questions: which other accelerators could stand in for a chip.
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import { IN_FORCE, LIVE } from './list-repository.js';
import { toEntity, type EntityView } from './records.js';

export interface AlternativeRow {
  chip: EntityView;
  computeRatio: number | null;
  memoryRatio: number | null;
  distance: number;
}

export interface AlternativesQuery {
  first: number;
  excludeVendorCountries: string[] | null;
  unrestricted: boolean;
  controlDate: string;
}

export class ChipRepository {
  constructor(private readonly executor: Executor) {}

  /** For many chips at once: the closest chips by dense BF16 (else FP16) compute and memory. */
  async alternatives(ids: readonly string[], q: AlternativesQuery): Promise<Map<string, AlternativeRow[]>> {
    const res = await this.executor.read<{
      id: string;
      alts: { o: Node; computeRatio: number | null; memoryRatio: number | null; distance: number }[];
    }>(
      `UNWIND $ids AS id
       MATCH (c:Chip {id: id})
       WITH id, c, coalesce(c.bf16DenseTflops, c.fp16DenseTflops) AS cc
       CALL (c, cc) {
         MATCH (o:Chip) WHERE o <> c
           AND ($excluded IS NULL OR NOT EXISTS {
             MATCH (o)<-[d:DESIGNS]-(:Company)-[:SUBSIDIARY_OF*0..2]->(:Company)-[h:HEADQUARTERED_IN]->(k:Country)
             WHERE k.code IN $excluded AND ${LIVE('d')} AND ${LIVE('h')} })
           AND (NOT $unrestricted OR NOT EXISTS {
             MATCH (o)<-[x:RESTRICTS]-(e:ExportControl)
             WHERE ${LIVE('x')} AND ${IN_FORCE('e', 'controlDate')} })
         WITH o,
              CASE WHEN cc IS NULL OR coalesce(o.bf16DenseTflops, o.fp16DenseTflops) IS NULL THEN null
                   ELSE toFloat(coalesce(o.bf16DenseTflops, o.fp16DenseTflops)) / cc END AS computeRatio,
              CASE WHEN c.memoryGb IS NULL OR o.memoryGb IS NULL THEN null ELSE toFloat(o.memoryGb) / c.memoryGb END AS memoryRatio
         WHERE computeRatio IS NOT NULL
         WITH o, computeRatio, memoryRatio,
              abs(log(computeRatio)) + coalesce(abs(log(memoryRatio)), 0) AS distance
         ORDER BY distance, o.id LIMIT toInteger($first)
         RETURN collect({o: o, computeRatio: computeRatio, memoryRatio: memoryRatio, distance: distance}) AS alts
       }
       RETURN id, alts`,
      {
        ids: [...new Set(ids)],
        first: q.first,
        excluded: q.excludeVendorCountries,
        unrestricted: q.unrestricted,
        controlDate: q.controlDate,
      },
    );
    return new Map(
      res.records.map((r) => [
        r.get('id'),
        r.get('alts').map((a) => ({
          chip: toEntity(a.o),
          computeRatio: a.computeRatio,
          memoryRatio: a.memoryRatio,
          distance: a.distance,
        })),
      ]),
    );
  }
}
