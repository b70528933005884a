// Per-request authentication: reads the Authorization header, looks the key up once (lazily), checks roles.
import type { ApiKeyStore } from './api-keys.js';
import { allows, forbidden, unauthenticated, type Action, type Principal } from './roles.js';

export interface AuthSettings {
  /** When true, queries need a key too (any role); when false (default) reads are open. */
  readsRequireKey: boolean;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { readsRequireKey: false };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export class RequestAuth {
  private principalPromise: Promise<Principal | null> | undefined;
  private settled: Principal | null | undefined;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly authorization: string | null,
    readonly settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
  ) {}

  /** True when the request carries an Authorization header (valid or not). */
  get presented(): boolean {
    return this.authorization !== null && this.authorization !== '';
  }

  /**
   * The caller, or null for an anonymous request. A key that is malformed, unknown or revoked is refused with
   * UNAUTHENTICATED even for reads: silently treating it as anonymous would hide a misconfigured client.
   */
  principal(): Promise<Principal | null> {
    this.principalPromise ??= this.resolve();
    return this.principalPromise;
  }

  /**
   * The caller once known (after `principal()` settled, e.g. by the operation gate before execution): for
   * synchronous consumers such as a rate limit keyed by API key. Undefined while not (yet) known.
   */
  get known(): Principal | null | undefined {
    return this.settled;
  }

  /** The caller, who must hold a key whose role allows `action`; otherwise UNAUTHENTICATED or FORBIDDEN. */
  async require(action: Action): Promise<Principal> {
    const principal = await this.principal();
    if (!principal) {
      throw unauthenticated('This operation needs an API key: send "Authorization: Bearer <key>".');
    }
    if (!allows(principal.role, action)) throw forbidden(action, principal.role);
    return principal;
  }

  private async resolve(): Promise<Principal | null> {
    if (!this.presented) return (this.settled = null);
    const m = BEARER.exec(this.authorization ?? '');
    if (!m?.[1]) throw unauthenticated('The Authorization header must be "Bearer <key>".');
    const principal = await this.store.principalFor(m[1]);
    if (!principal) throw unauthenticated('The API key is unknown or has been revoked.');
    this.settled = principal;
    return principal;
  }
}
