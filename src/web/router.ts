// The explorer's state lives in the URL hash (`#/view/part?param=...`), so every view is a shareable link.
export interface Route {
  view: string;
  parts: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: segments[0] ?? 'home', parts: segments.slice(1), params: new URLSearchParams(query) };
}

export function href(
  view: string,
  parts: string[] = [],
  params: Record<string, string | number | undefined | null> = {},
): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return `#/${[view, ...parts].map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

export function entityHref(id: string, params: Record<string, string | number | undefined> = {}): string {
  return href('entity', [id], params);
}

export function navigate(target: string): void {
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

/** Update the URL without re-rendering (e.g. while a slider moves). */
export function replace(target: string): void {
  history.replaceState(null, '', target);
}
