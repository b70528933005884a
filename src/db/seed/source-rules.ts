// The rules a source must meet, and the rule that a fact's confidence rests on the right kinds of source
// (schema/seed-format.md, "Format 2"). Pure functions over the merged seed bundle.
import type { Confidence, SourceKind, SourceRecord } from './records.js';

/** Where a problem was found: the validator adds the file. */
export interface RuleProblem {
  id: string;
  field: string;
  message: string;
}

/** Kinds that make a fact `confirmed`: the entity's or government's own material, or a paper. */
export const PRIMARY_KINDS: ReadonlySet<SourceKind> = new Set(['official', 'paper']);

/** The least a fact of each confidence needs among its sources (kinds that count), with the reason shown. */
export const CONFIDENCE_NEEDS: Record<Confidence, { kinds: ReadonlySet<SourceKind>; message: string } | null> = {
  confirmed: {
    kinds: PRIMARY_KINDS,
    message:
      'confirmed needs at least one official or paper source (the entity\'s or government\'s own publication); with press or blog sources it is reported',
  },
  reported: {
    kinds: new Set(['official', 'paper', 'press', 'dataset']),
    message: 'reported needs at least one source that is not a blog (a news organisation, official, paper or dataset); blog-only facts are rumored',
  },
  rumored: null,
};

/** The problem with a fact's confidence given its sources' kinds, or null when the sources carry it. */
export function confidenceProblem(confidence: Confidence, kinds: readonly SourceKind[]): string | null {
  const need = CONFIDENCE_NEEDS[confidence];
  if (!need || kinds.some((k) => need.kinds.has(k))) return null;
  return need.message;
}

/** Pages that are never a source: listings, searches, comments, AI-generated answers, fan sites. */
const BANNED_PATHS: readonly [RegExp, string][] = [
  // A release page (`/releases/tag/v1.2`) is one document, not a listing.
  [/(?<!\/releases)\/tags?\//i, 'a tag page'],
  [/news-tags/i, 'a tag page'],
  [/\/category\//i, 'a category page'],
  [/\/search(\/|\?|$)/i, 'a search page'],
  [/[?&](q|s|query|search)=/i, 'a search page'],
  [/\/comments?(\/|$|\?)/i, 'a comment thread'],
  [/#comment/i, 'a comment thread'],
];
const BANNED_HOSTS: readonly [string, string][] = [
  ['askpandi.com', 'AI-generated answers'],
  ['grokipedia.com', 'AI-generated encyclopedia'],
  ['deepseeksr1.com', 'a fan site'],
  ['littletool.com', 'an unreliable aggregator (misstated deal sizes by 10x)'],
];

export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

/** True when `url` is on `domain`: a host (any sub-domain matches) or a host + path prefix. */
export function onDomain(url: string, domain: string): boolean {
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const [dHost = '', ...rest] = domain.toLowerCase().replace(/^www\./, '').split('/');
  if (host !== dHost && !host.endsWith(`.${dHost}`)) return false;
  if (rest.length === 0) return true;
  const prefix = `/${rest.join('/')}`.toLowerCase();
  const p = u.pathname.toLowerCase();
  return p === prefix || p.startsWith(`${prefix}/`);
}

/** The official domains of an entity: its `domains` plus its website's host. */
export function officialDomains(entity: { domains?: string[] | null; website?: string | null }): string[] {
  const out = [...(entity.domains ?? [])];
  if (entity.website) out.push(hostOf(entity.website));
  return out;
}

/** Every problem with one source record. `publisher` is the entity named by `publisherId`, if it exists. */
export function sourceProblems(
  s: SourceRecord,
  publisher: { label: string; domains?: string[] | null; website?: string | null } | undefined,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const at = (field: string, message: string) => out.push({ id: s.id, field, message });
  if (s.url) {
    const host = hostOf(s.url);
    const banned = BANNED_HOSTS.find(([h]) => host === h || host.endsWith(`.${h}`));
    if (banned) at('url', `${host} is not a source (${banned[1]}): cite a specific article instead`);
    for (const [re, what] of BANNED_PATHS) {
      if (re.test(s.url)) {
        at('url', `this URL is ${what}, not a source: cite a specific article instead`);
        break;
      }
    }
  }
  if (s.published === null && !s.undated) {
    at('published', 'needs the publication date the page shows, or "undated": true when it shows none');
  }
  if (s.published !== null && s.undated) at('undated', 'a dated source cannot be undated');
  if (s.publisherId && !publisher) at('publisherId', `unknown entity id "${s.publisherId}"`);
  if (s.kind === 'official') {
    if (!s.publisherId) {
      at('publisherId', 'an official source names the entity whose own publication it is (publisherId)');
    } else if (publisher && !['Company', 'Country', 'SoftwareStack'].includes(publisher.label)) {
      at('publisherId', `an official source's publisher must be a company, country or software stack, not a ${publisher.label}`);
    } else if (!s.url) {
      at('url', 'an official source needs the URL of the original on the publisher\'s own domain');
    } else if (publisher) {
      const domains = officialDomains(publisher);
      if (!domains.some((d) => onDomain(s.url!, d))) {
        at(
          'kind',
          `${hostOf(s.url)} is not an official domain of "${s.publisherId}" (${domains.join(', ') || 'none listed'}): ` +
            'a copy on another site is press or blog; add the domain to the entity\'s `domains` if it is its own',
        );
      }
    }
  }
  return out;
}
