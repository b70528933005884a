// Serves the explorer (built by `npm run build` into dist/public) at `/`, its assets, and the iframe embed pages.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';

/** Where `npm run build` puts the explorer; the same path from src/http (tsx, tests) and dist/http (node). */
export const DEFAULT_PUBLIC_DIR = path.resolve(import.meta.dirname, '../../dist/public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Paths that answer the explorer's page; the page reads the rest of its state from the URL. */
function isPage(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || /^\/embed\/entity\/[^/]+\/?$/.test(pathname);
}

/** A file directly in the public folder (no sub-paths, no dot-files), or null. */
function assetName(pathname: string): string | null {
  const name = pathname.slice(1);
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && path.extname(name) in TYPES ? name : null;
}

export async function serveExplorer(publicDir: string, request: Request, url: URL): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const name = isPage(url.pathname) ? 'index.html' : assetName(url.pathname);
  if (!name) return null;
  let body: Buffer;
  try {
    body = await fs.readFile(path.join(publicDir, name));
  } catch {
    if (name !== 'index.html') return null;
    return new Response('The explorer is not built: run `npm run build` (npm start does it).\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const headers: Record<string, string> = {
    'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream',
    etag,
    // File names carry no hash: revalidate each time, cheaply (304 when unchanged).
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

export function useExplorer(publicDir = DEFAULT_PUBLIC_DIR): Plugin {
  return {
    async onRequest(payload) {
      const { request, url } = payload;
      if (url.pathname === '/graphql' || url.pathname.startsWith('/export/')) return;
      const res = await serveExplorer(publicDir, request, url);
      if (res) payload.endResponse(res);
    },
  };
}

/**
 * GraphiQL reads `?query=` from its URL but not `?variables=`; the explorer's "show the GraphQL" links carry
 * both, so the variables are handed to GraphiQL as its initial variables.
 */
export function graphiqlVariablesFromUrl(request: Request): { variables?: string } {
  const variables = new URL(request.url).searchParams.get('variables');
  if (!variables || variables.length > 10_000) return {};
  try {
    JSON.parse(variables);
    return { variables };
  } catch {
    return {};
  }
}
