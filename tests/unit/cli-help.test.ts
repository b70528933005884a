// Every command-line tool answers --help with its usage and examples (exit 0, before touching any database), and
// refuses an unknown flag by naming it (exit 2). Spawned as users run them, through tsx.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { ROOT } from '../helpers/paths.js';

const TOOLS: Record<string, string> = {
  seed: 'src/cli/seed.ts',
  release: 'src/cli/release.ts',
  validate: 'src/cli/validate.ts',
  keys: 'src/cli/keys.ts',
  neo4j: 'src/cli/neo4j.ts',
  bench: 'bench/run.ts',
  mcp: 'src/mcp/stdio.ts',
};

function run(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // No NEO4J_URI: if a tool reached for a database, it would hang or fail, not answer.
    const env = { ...process.env, NEO4J_URI: '', NEO4J_USE_DOCKER: 'false' };
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [file, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(Object.entries(TOOLS))('npm run %s', (name, file) => {
  // Each tool's two runs side by side: spawning tsx dominates, and two cores are enough for two.
  it.concurrent('--help prints usage with examples on stdout and exits 0', async () => {
    const { code, stdout } = await run(file, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage:\s+npm run /);
    expect(stdout).toMatch(/examples:\n {2}npm run /);
    expect(stdout).toMatch(new RegExp(`npm run (-s )?${name}`));
  });

  it.concurrent('an unknown flag is named on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await run(file, ['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain(`npm run ${name}: unknown flag --bogus`);
    expect(stderr).toMatch(/usage:\s+npm run /);
    expect(stdout).toBe('');
  });
});

describe('parseCliArgs', () => {
  const spec = {
    command: 'tool',
    help: 'usage: tool [--dir d] [--quick]',
    options: {
      dir: { type: 'string' as const, multiple: true as const },
      quick: { type: 'boolean' as const },
    },
    maxPositionals: 1,
  };
  it('parses known flags and positionals', () => {
    expect(parseCliArgs(spec, ['--dir', 'a', '--dir=b', '--quick', 'start'])).toEqual({
      values: { dir: ['a', 'b'], quick: true },
      positionals: ['start'],
    });
  });
  it('names what is wrong, exit 2', () => {
    expect(parseCliArgs(spec, ['-x'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^tool: unknown flag -x\n/),
    });
    expect(parseCliArgs(spec, ['--dir'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('flag --dir needs a value'),
    });
    expect(parseCliArgs(spec, ['--quick=yes'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('--quick takes no value'),
    });
    expect(parseCliArgs(spec, ['a', 'b'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('unexpected argument "b"'),
    });
  });
  it('-h and --help print the help, exit 0', () => {
    expect(parseCliArgs(spec, ['-h'])).toEqual({ code: 0, out: 'usage: tool [--dir d] [--quick]\n' });
    expect(parseCliArgs(spec, ['--bogus', '--help'])).toMatchObject({ code: 0 });
  });
});
