// The exports' CSV writer is the one the explorer uses too (src/csv.ts).
export { CELL_SEPARATOR, toCsv } from '../../csv.js';
