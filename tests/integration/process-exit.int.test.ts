// The server process never ends silently: `node src/main.ts` on the test database, at LOG_LEVEL=warn (the bench's
// level), logs why it stops when a signal arrives, as one structured line.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/db.js';

interface LogLine {
  level: number;
  msg: string;
  signal?: string;
}

describe('the server process', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'logs %s as the reason it stops, at warn',
    async (signal) => {
      const db = inject('neo4j');
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NEO4J_URI: db.uri,
          NEO4J_USER: db.user,
          NEO4J_PASSWORD: db.password,
          SEED_ON_START: 'false',
          PORT: '0',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const serving = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
          if (stderr.includes('GraphQL and GraphiQL at')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code} before serving:\n${stderr}`)));
      });
      await serving;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill(signal);
      // A process that does not stop fails here with what it printed, not at the test's timeout.
      const code = await Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`still running 60 s after ${signal}:\n${stdout}\n${stderr}`));
          }, 60_000).unref(),
        ),
      ]);
      expect(code).toBe(0);
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogLine);
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 40, signal, msg: expect.stringMatching(/^shutting down/) }),
      );
    },
    120_000,
  );
});
