// Builds the explorer (src/web) into dist/public with esbuild: one bundled script (Cytoscape.js and ECharts
// included), CSS, HTML.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_SOURCE = path.join(ROOT, 'src/web');
export const PUBLIC_DIR = path.join(ROOT, 'dist/public');
const STYLESHEETS = ['styles.css', 'desk.css'];

export async function buildWeb(outDir = PUBLIC_DIR): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(WEB_SOURCE, 'main.ts')],
    outfile: path.join(outDir, 'explorer.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  // One stylesheet: the explorer's, then the tables', charts' and home page's.
  const css = await Promise.all(STYLESHEETS.map((f) => fs.readFile(path.join(WEB_SOURCE, f), 'utf8')));
  await fs.writeFile(path.join(outDir, 'explorer.css'), css.join('\n'));
  await fs.copyFile(path.join(WEB_SOURCE, 'index.html'), path.join(outDir, 'index.html'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildWeb(process.argv[2] ? path.resolve(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`explorer build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
