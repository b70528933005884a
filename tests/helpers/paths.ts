// Where the repository, the shipped seed and the test fixtures are.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHIPPED_SEED = path.join(ROOT, 'seed');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
