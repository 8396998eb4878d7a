/** The provider's state and settings, shared by the route handlers, and the per-request log of checks. */
import type { ClientRegistry } from './clients.js';
import type { SigningKey } from './keys.js';
import type { Limits } from './limits.js';
import type {
  AuthorizationCode,
  DeviceAuthorization,
  IssuedJti,
  PendingAuthorization,
  RefreshToken,
  TokenFamily,
  User,
  VerificationPage,
} from './model.js';
import type { RateLimiter } from './rate-limit.js';
import type { Sessions } from './sessions.js';
import type { TtlStore } from './store.js';
import type { IssueContext } from './tokens.js';

export interface ProviderContext extends IssueContext {
  clients: ClientRegistry;
  users: User[];
  /** Whether the consent page lists the users' passwords (the demo users: yes; an instructor's users file: no). */
  showPasswords: boolean;
  /** Let confidential clients skip PKCE (`--allow-no-pkce`); public clients always need it. */
  allowNoPkce: boolean;
  limits: Limits;
  pending: TtlStore<string, PendingAuthorization>;
  /** Sign-in sessions and remembered consent; undefined with --no-sessions (every sign-in typed). */
  sessions: Sessions | undefined;
  codes: TtlStore<string, AuthorizationCode>;
  refreshTokens: TtlStore<string, RefreshToken>;
  /** One per grant: the refresh-token chain and its access tokens, so revocation reaches them without a scan. */
  families: TtlStore<string, TokenFamily>;
  /** Revoked access-token IDs, each until the token's own exp. */
  revokedJtis: TtlStore<string, true>;
  /** Device authorizations by device_code, and the index from user_code to device_code (RFC 8628). */
  deviceCodes: TtlStore<string, DeviceAuthorization>;
  userCodes: TtlStore<string, string>;
  /** Verification pages shown, each with its CSRF token. */
  verificationPages: TtlStore<string, VerificationPage>;
  /** DPoP proofs seen (by URI and jti), each kept while its iat would still be accepted (RFC 9449 §11.1). */
  dpopJtis: TtlStore<string, true>;
  registrationLimiter: RateLimiter;
  loginLimiter: RateLimiter;
  /** Wrong user codes per remote address (RFC 8628 §5.1). */
  userCodeLimiter: RateLimiter;
  key: SigningKey;
  /** Called after the set of registrations changed (--state-dir saves it). */
  clientsChanged: () => void;
}

/** Revokes each access token until its own expiry (after which its exp rejects it anyway). */
export function revokeJtis(
  ctx: ProviderContext,
  jtis: readonly IssuedJti[],
  log: RequestLog,
): void {
  let evicted = false;
  for (const { jti, exp } of jtis) evicted = ctx.revokedJtis.set(jti, true, exp) || evicted;
  if (evicted)
    log.fail(`limit: over ${ctx.limits.maxRevocations} revocations held; the oldest was forgotten`);
}

export interface Check {
  text: string;
  ok: boolean;
}

/** What a request went through, for the provider's colourful log. */
export class RequestLog {
  readonly checks: Check[] = [];
  pass(text: string): void {
    this.checks.push({ text, ok: true });
  }
  fail(text: string): void {
    this.checks.push({ text, ok: false });
  }
}

/** The log of a provider no one reads the log of (no onRequest): it keeps nothing. */
class UnreadLog extends RequestLog {
  override pass(): void {}
  override fail(): void {}
}

/** One for every request of such a provider: nothing is made per request or per check. */
export const UNREAD_LOG: RequestLog = new UnreadLog();
