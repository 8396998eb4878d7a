/**
 * How long each stored thing lives, how many of each are kept, how big a
 * parameter may be, and how often a client or a user may try again: the
 * numbers that bound the provider's memory and the damage one abuser can do.
 * `startProvider({ limits })` overrides any of them (tests and the bench use
 * short lifetimes and small caps).
 */

export interface Limits {
  /** Seconds a shown consent page stays usable. */
  pendingTtl: number;
  /**
   * Seconds an authorization code can be redeemed. RFC 6749 §4.1.2: "The authorization code MUST expire
   * shortly after it is issued to mitigate the risk of leaks. A maximum authorization code lifetime of
   * 10 minutes is RECOMMENDED." (see also §10.5); ours live 60 seconds.
   */
  codeTtl: number;
  /**
   * Seconds a code is remembered after it expires, so that a replay still finds it and revokes what it
   * issued (RFC 6749 §4.1.2: "SHOULD revoke (when possible) all tokens previously issued based on that
   * authorization code"). After that a replay is just an unknown code.
   */
  codeReplayMargin: number;
  /** Seconds a refresh token lives after it is issued (a rotated one is kept that long to detect reuse). */
  refreshTtl: number;
  /** Seconds a registration that was never used (no sign-in, no token) is kept. */
  unusedClientTtl: number;
  /** Seconds a used registration is kept after its last use. */
  idleClientTtl: number;

  /** Seconds a device code and its user code live (RFC 8628 §3.2 "expires_in"). */
  deviceCodeTtl: number;
  /** Seconds a device must wait between polls at first (RFC 8628 §3.2 "interval"; 5 is the default there too). */
  deviceInterval: number;
  /** Device authorizations held; over the cap the oldest is dropped. */
  maxDeviceCodes: number;
  /** DPoP proofs remembered to refuse their replay (RFC 9449 §11.1). */
  maxDpopProofs: number;
  /** Wrong user codes one verification page accepts before it must be reloaded (RFC 8628 §5.1). */
  userCodeFailures: number;
  /**
   * Wrong user codes one remote address may send within userCodeWindow, across pages and on the
   * verification_uri_complete link: RFC 8628 §5.1 recommends that "the server rate-limit user code
   * attempts", and a new page (or a link) would otherwise start the count again.
   */
  userCodeGuesses: number;
  /** Seconds that count runs over. */
  userCodeWindow: number;

  maxPending: number;
  maxCodes: number;
  maxRefreshTokens: number;
  /** Token families (one per authorization grant): the index that revocation uses. */
  maxFamilies: number;
  /** Revoked access-token IDs, each kept until the token's own exp. */
  maxRevocations: number;
  /** Dynamically registered clients; over the cap, the oldest never-used one goes first. */
  maxClients: number;

  /**
   * Seconds a sign-in session lives after its last use, and at most after its sign-in: a student who
   * re-runs an app all afternoon signs in once; the next morning they type their password again.
   */
  sessionIdleTtl: number;
  sessionMaxTtl: number;
  /** Sign-in sessions held; over the cap the oldest is dropped (that user signs in again). */
  maxSessions: number;
  /** Seconds an approval (user, client, scopes) is remembered after it was last given or used. */
  consentTtl: number;
  /** Approvals held, one per user and client; over the cap the oldest is forgotten. */
  maxConsents: number;

  /** Registrations per remote address per minute. */
  registrationsPerMinute: number;
  /** Failed sign-ins per username per window before that username is locked until the window ends. */
  loginFailures: number;
  loginWindow: number;
}

export const DEFAULT_LIMITS: Limits = {
  pendingTtl: 600,
  codeTtl: 60,
  codeReplayMargin: 600,
  refreshTtl: 24 * 3600,
  unusedClientTtl: 24 * 3600,
  idleClientTtl: 30 * 24 * 3600,
  // Sized for a class (a few hundred sign-ins an hour) with room to spare, and so that all of them full
  // stay well within the 150 MB the bench checks under a flood.
  deviceCodeTtl: 600,
  deviceInterval: 5,
  maxDeviceCodes: 2_000,
  userCodeFailures: 5,
  userCodeGuesses: 30,
  userCodeWindow: 300,
  maxDpopProofs: 20_000,
  maxPending: 2_000,
  maxCodes: 2_000,
  maxRefreshTokens: 10_000,
  maxFamilies: 5_000,
  maxRevocations: 50_000,
  maxClients: 1_000,
  sessionIdleTtl: 8 * 3600,
  sessionMaxTtl: 24 * 3600,
  maxSessions: 5_000,
  consentTtl: 30 * 24 * 3600,
  maxConsents: 10_000,
  registrationsPerMinute: 20,
  loginFailures: 10,
  loginWindow: 300,
};

/** Bytes allowed per parameter; anything longer is invalid_request. */
export const PARAM_MAX_BYTES: Record<string, number> = {
  state: 512,
  nonce: 512,
  client_id: 256,
  scope: 1024,
  redirect_uri: 2048,
  code_challenge: 128,
  code_verifier: 128,
  username: 256,
  password: 1024,
  user_code: 64,
  device_code: 128,
};
/** For every other parameter. */
export const DEFAULT_PARAM_MAX_BYTES = 4096;

/** The first parameter over its limit, with the limit, or undefined. */
export function oversizedParam(
  entries: Iterable<[string, string]>,
): { name: string; max: number } | undefined {
  for (const [name, value] of entries) {
    const max = PARAM_MAX_BYTES[name] ?? DEFAULT_PARAM_MAX_BYTES;
    // A UTF-16 code unit is at most 3 bytes of UTF-8: only a value near its limit needs counting.
    if (value.length * 3 <= max) continue;
    if (value.length > max || Buffer.byteLength(value) > max)
      return { name: name.length > 40 ? `${name.slice(0, 40)}…` : name, max };
  }
  return undefined;
}
