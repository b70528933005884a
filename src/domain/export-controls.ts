// When an export control applies: the in-force rule for a control already loaded (status and in force on a
// date), beside its Cypher form IN_FORCE in src/db/cypher-rules.ts.
import type { EntityView } from '../db/repositories/records.js';
import { today } from './dependencies.js';

export type ControlStatus = 'PENDING' | 'IN_FORCE' | 'SUSPENDED' | 'RESCINDED';

/**
 * THE in-force rule in TypeScript, for one control already loaded: the mirror of `IN_FORCE` in
 * src/db/cypher-rules.ts (change both together). On `asOf` (default today) a control is PENDING
 * until coalesce(effective, announced) <= asOf, RESCINDED once rescinded <= asOf, SUSPENDED while a suspension
 * has from <= asOf < until, and IN_FORCE otherwise. Dates compare as ISO strings (partial dates count from the
 * start of their period).
 */
export function controlStatus(control: EntityView, asOf: string | null | undefined): ControlStatus {
  const date = asOf ?? today();
  const start = (control.effective ?? control.announced) as string | undefined;
  if (start === undefined || start > date) return 'PENDING';
  const rescinded = control.rescinded as string | undefined;
  if (rescinded !== undefined && rescinded <= date) return 'RESCINDED';
  const from = (control.suspendedFrom as string[] | undefined) ?? [];
  const until = (control.suspendedUntil as string[] | undefined) ?? [];
  if (from.some((f, i) => f <= date && String(until[i]) > date)) return 'SUSPENDED';
  return 'IN_FORCE';
}

/** Whether a control is in force on `asOf` (default today): see `controlStatus`. */
export function inForce(control: EntityView, asOf: string | null | undefined): boolean {
  return controlStatus(control, asOf) === 'IN_FORCE';
}
