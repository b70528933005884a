// A real chipgraph HTTP server on a free port (explorer built into a temp folder) and Debian's headless Chromium.
import fs from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildWeb } from '../../src/cli/build-web.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { ROOT, seedWith, testDriver, testExecutor } from '../helpers/db.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

export interface RunningServer {
  base: string;
  close(): Promise<void>;
}

/** Seeds the shipped data, builds the explorer and serves everything on 127.0.0.1 at a free port. */
export async function startServer(): Promise<RunningServer> {
  const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-explorer-'));
  await buildWeb(publicDir);
  const driver = testDriver();
  const executor = testExecutor(driver);
  await seedWith(executor);
  const yoga = createServer({ executor, logger: createLogger('silent'), publicDir });
  const http = createHttpServer((req, res) => void yoga.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await driver.close();
      fs.rmSync(publicDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
