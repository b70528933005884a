// The one argument parser of the command-line tools: `--help` / `-h` prints the tool's help (usage, options,
// examples) and exits 0; an unknown flag, a flag without its value or an unexpected argument is named on stderr
// with the usage, and exits 2. Runs before any configuration or database work, so a typo costs nothing.
import { parseArgs } from 'node:util';

type OptionSpec =
  | { type: 'string'; multiple?: boolean; short?: string; default?: string | string[] }
  | { type: 'boolean'; multiple?: boolean; short?: string; default?: boolean };

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K] extends { type: 'string'; multiple: true }
    ? string[]
    : O[K] extends { type: 'string' }
      ? string
      : boolean;
};

export interface CliSpec<O extends Record<string, OptionSpec>> {
  /** How to run it, e.g. `npm run seed`: the prefix of error messages. */
  command: string;
  /** The help text after the first line: usage, options, examples. */
  help: string;
  options?: O;
  /** Most positional arguments allowed (default 0). */
  maxPositionals?: number;
}

export interface CliExit {
  code: number;
  out: string;
}

/** Parse `argv`; returns the values, or how to exit (help: 0, usage error: 2). Pure, for tests. */
export function parseCliArgs<O extends Record<string, OptionSpec>>(
  spec: CliSpec<O>,
  argv: string[],
): { values: Values<O>; positionals: string[] } | CliExit {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' } } as Record<string, OptionSpec>;
  const usageError = (message: string): CliExit => ({
    code: 2,
    out: `${spec.command}: ${message}\n\n${spec.help.trim()}\n`,
  });
  // Not strict: unknown flags come back as tokens, so the message can name exactly what was typed.
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help === true) return { code: 0, out: `${spec.help.trim()}\n` };
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const def = options[token.name];
    if (!def) return usageError(`unknown flag ${token.rawName}`);
    if (def.type === 'string' && token.value === undefined)
      return usageError(`flag ${token.rawName} needs a value`);
    if (def.type === 'boolean' && token.inlineValue)
      return usageError(`flag ${token.rawName} takes no value`);
  }
  const max = spec.maxPositionals ?? 0;
  if (positionals.length > max) return usageError(`unexpected argument "${positionals[max]}"`);
  return { values: values as Values<O>, positionals };
}

/** Parse `process.argv`; prints help or a usage error and exits when that is the answer. */
export function parseCli<O extends Record<string, OptionSpec>>(
  spec: CliSpec<O>,
): { values: Values<O>; positionals: string[] } {
  const parsed = parseCliArgs(spec, process.argv.slice(2));
  if ('code' in parsed) {
    (parsed.code === 0 ? process.stdout : process.stderr).write(parsed.out);
    process.exit(parsed.code);
  }
  return parsed;
}
