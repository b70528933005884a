// CSRF prevention: a browser page on another site may not make a "simple" request (one the browser sends without
// a CORS preflight: GET, or POST as a form or text/plain) to the GraphQL endpoint. Non-browser clients (curl, scripts,
// servers) and same-origin pages are unaffected; a JSON POST is always preflighted, so CORS already guards it.
import type { Plugin } from 'graphql-yoga';
import { ChipgraphError } from '../errors.js';
import { isAllowedOrigin } from './cors.js';

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Any one of these makes a request non-simple (a browser must preflight it), as with Apollo and Yoga. */
export const CSRF_HEADERS = ['x-graphql-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

function isSimple(request: Request): boolean {
  const type = request.headers.get('content-type')?.toLowerCase();
  if (type && !SIMPLE_CONTENT_TYPES.some((t) => type.startsWith(t))) return false;
  return !CSRF_HEADERS.some((h) => request.headers.has(h));
}

/** True when a browser says the request comes from a page on another origin. */
function crossOriginBrowserRequest(request: Request, url: URL): string | null {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (site === 'same-origin' || site === 'none') return null;
  if (site === 'cross-site' || site === 'same-site') return origin ?? 'unknown';
  // Browsers without Fetch Metadata still send Origin on cross-origin POSTs.
  if (origin && origin !== url.origin) return origin;
  return null;
}

export function useCsrfPrevention(allowedOrigins: readonly string[]): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (!isSimple(request)) return;
      const origin = crossOriginBrowserRequest(request, url);
      if (origin === null || isAllowedOrigin(allowedOrigins, origin)) return;
      throw new ChipgraphError(
        'CSRF_REJECTED',
        'Cross-site request refused: send JSON (content-type: application/json) or an x-graphql-csrf header.',
        { http: { status: 403 } },
      );
    },
  };
}
