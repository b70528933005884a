// Runs every snippet marked `<!-- snippet:NAME -->` in README.md or docs/*.md against a live server on a free port:
// curl in bash, Python with requests + pandas, JavaScript in node, the spreadsheet formula's URL, and the iframe in
// Chromium.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServer, type RunningServer } from '../e2e/harness.js';
import { DOC_FILES, docsText } from '../helpers/docs-text.js';

const run = promisify(execFile);
const README_BASE = 'http://localhost:4000';

interface Snippet {
  name: string;
  lang: string;
  code: string;
}

function snippets(): Map<string, Snippet> {
  const found = new Map<string, Snippet>();
  for (const m of docsText().matchAll(/<!-- snippet:([a-z-]+) -->\n```([a-z]+)\n([\s\S]*?)\n```/g)) {
    if (found.has(m[1]!)) throw new Error(`${DOC_FILES} hold two <!-- snippet:${m[1]} --> blocks`);
    found.set(m[1]!, { name: m[1]!, lang: m[2]!, code: m[3]! });
  }
  return found;
}

/** A python3 that has requests and pandas (Debian's python3-pandas / python3-requests, as .ci/run installs). */
function findPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import pandas, requests'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with pandas and requests: apt-get install -y python3-pandas python3-requests');
}

let server: RunningServer;
let work: string;
const all = snippets();

function snippet(name: string): string {
  const s = all.get(name);
  if (!s) throw new Error(`${DOC_FILES} have no <!-- snippet:${name} --> block`);
  return s.code.replaceAll(README_BASE, server.base);
}

beforeAll(async () => {
  server = await startServer();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-snippets-'));
});

afterAll(async () => {
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('"Use it from your tools" snippets (README and docs/tools.md)', () => {
  it('are all found, and all point at the server the README talks about', () => {
    expect([...all.keys()].sort()).toEqual(['curl', 'iframe', 'javascript', 'python', 'sheets']);
    for (const s of all.values()) expect(s.code).toContain(README_BASE);
  });

  it('curl: asks GraphQL and downloads the CSV export', async () => {
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', snippet('curl')], {
      cwd: work,
      timeout: 60_000,
    });
    // curl prints the JSON answer without a final newline; `head` then prints the CSV's first lines.
    const csvStart = stdout.indexOf('\uFEFFid,model_id');
    expect(csvStart).toBeGreaterThan(0);
    const answer = JSON.parse(stdout.slice(0, csvStart));
    expect(answer.data.hardwareDependencies.nodes).toHaveLength(5);
    expect(answer.data.hardwareDependencies.nodes[0].chip.name).toMatch(/Ascend/);
    const csv = fs.readFileSync(path.join(work, 'huawei-dependencies.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFid,model_id,model_name')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(5);
    expect(stdout).toContain('id,model_id,model_name');
  });

  it('python: requests for GraphQL, pandas for the CSV and JSON exports', async () => {
    const file = path.join(work, 'snippet.py');
    fs.writeFileSync(file, snippet('python'));
    const { stdout } = await run(findPython(), [file], { cwd: work, timeout: 120_000 });
    expect(stdout).toMatch(/^\d+ models depend on Nvidia chips$/m);
    expect(Number(/^(\d+) models/m.exec(stdout)![1])).toBeGreaterThan(5);
    expect(stdout).toMatch(/Huawei Ascend 910B\s+\d+\n/); // the groupby: a chip and how many models use it
    expect(stdout).toMatch(/Nvidia \S+.*\s+Nvidia\s+\d+\.\d\s+\d+\.\d/); // chips.json: the fastest, with specs
    expect(stdout).toMatch(/^dataset \d+\.\d+\.\d+ record ends \d{4}/m); // the JSON envelope names its dataset
  });

  it('javascript: fetch from node finds 昇腾', async () => {
    const file = path.join(work, 'snippet.mjs');
    fs.writeFileSync(file, snippet('javascript'));
    const { stdout } = await run(process.execPath, [file], { cwd: work, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/Ascend.* \(CHIP\)$/);
  });

  it('spreadsheet: the IMPORTDATA URL answers a CSV that a strict CSV reader (Excel dialect) reads', async () => {
    const url = /^=IMPORTDATA\("([^"]+)"\)$/.exec(snippet('sheets').trim())?.[1];
    expect(url).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const file = path.join(work, 'sheet.csv');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const reader = [
      'import csv, json, sys',
      'with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:',
      '    rows = list(csv.DictReader(f, dialect="excel", strict=True))',
      'print(json.dumps([[r["id"], r["name"], r["vendor_id"]] for r in rows], ensure_ascii=False))',
    ].join('\n');
    const { stdout } = await run(findPython(), ['-c', reader, file], { timeout: 60_000 });
    const rows = JSON.parse(stdout) as string[][];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toContainEqual(['huawei-ascend-910c', 'Huawei Ascend 910C', 'huawei']);
    expect(rows.every((r) => r[2] === 'huawei')).toBe(true);
  });

  describe('in a browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('iframe: another page embeds the graph of Huawei Ascend 910C', async () => {
      const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
      await page.setContent(
        `<!doctype html><html><body><h1>My report</h1>${snippet('iframe')}</body></html>`,
      );
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      expect(frame).not.toBeNull();
      await frame!.waitForFunction(() => (window as any).chipgraph?.cy?.nodes().length > 5, undefined, {
        timeout: 20_000,
      });
      const ids = await frame!.evaluate(() => (window as any).chipgraph.cy.nodes().map((n: any) => n.id()));
      expect(ids).toEqual(expect.arrayContaining(['huawei-ascend-910c', 'huawei']));
      expect(await frame!.locator('header.top').count()).toBe(0); // compact: no explorer frame
      await page.close();
    });
  });
});
