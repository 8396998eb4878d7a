/** The provider's state and settings, shared by the route handlers, and the per-request log of checks. */
import type { SigningKey } from './keys.js';
import type { AuthorizationCode, Client, PendingAuthorization, RefreshToken, User } from './model.js';
import type { IssueContext } from './tokens.js';

export interface ProviderContext extends IssueContext {
  clients: Map<string, Client>;
  users: User[];
  pending: Map<string, PendingAuthorization>;
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshToken>;
  /** Access-token jtis per refresh-token family, to revoke a chain at once. */
  familyJtis: Map<string, string[]>;
  revokedJtis: Set<string>;
  key: SigningKey;
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
