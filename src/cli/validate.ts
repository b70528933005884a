// `npm run validate [-- --dir <folder> ...]`: checks seed files without a database; exits 1 listing every problem.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { formatProblems, validateSeed } from '../db/seed/validate.js';
import { parseCli } from './args.js';

const { values } = parseCli({
  command: 'npm run validate',
  options: { dir: { type: 'string', multiple: true } },
  help: `Check the seed files without a database: format, references, dates, and the confidence rules. Exits 1
listing every problem (file, record, field), 0 with a summary when the seed is sound.

usage: npm run validate [-- --dir <folder> ...]

options:
  --dir <folder>   also check this folder on top of SEED_DIR (repeatable)
  -h, --help       show this help

examples:
  npm run validate
  npm run validate -- --dir ../my-additions
  SEED_DIR=tests/fixtures/seed-min npm run validate`,
});
const config = loadConfig();
const dirs = [config.seedDir, ...(values.dir ?? []).map((d) => path.resolve(d))];
const started = performance.now();
const { bundle, problems, warnings, files, dataset } = validateSeed(dirs);
if (warnings.length > 0) {
  process.stderr.write(
    `${formatProblems(warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })))}\n`,
  );
}
const ms = Math.round(performance.now() - started);
if (problems.length > 0) {
  process.stderr.write(
    `${formatProblems(problems)}\n\n${problems.length} problem(s) in ${dirs.join(', ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `seed OK: dataset ${dataset?.version ?? '(no version)'}, ${files} files, ${bundle.entities.length} entities, ${bundle.relationships.length} relationships, ` +
    `${bundle.sources.length} sources, ${warnings.length} warning(s) (${ms} ms)\n`,
);
