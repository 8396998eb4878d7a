/** The provider's data: clients, demo users, scopes, and what is stored between requests. */

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';
/** RFC 8628 §3.4: the device grant's grant_type. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export type GrantType =
  | 'authorization_code'
  | 'refresh_token'
  | 'client_credentials'
  | typeof DEVICE_CODE_GRANT;

export interface Client {
  client_id: string;
  /** Undefined for public clients. */
  client_secret?: string;
  client_name: string;
  redirect_uris: string[];
  token_endpoint_auth_method: AuthMethod;
  grant_types: GrantType[];
  scope: string;
  client_id_issued_at: number;
}

export interface User {
  sub: string;
  username: string;
  password: string;
  name: string;
  /** An RFC 5322 addr-spec (OIDC Core §5.1); a user without one gets no email claims. */
  email?: string;
  /** Whether the address was verified, as the email_verified claim says (OIDC Core §5.1). */
  emailVerified: boolean;
}

/** The email and email_verified claims of a user, for the email scope (OIDC Core §5.4). */
export function emailClaims(user: User): { email?: string; email_verified?: boolean } {
  return user.email === undefined ? {} : { email: user.email, email_verified: user.emailVerified };
}

export const DEMO_USERS: User[] = [
  {
    sub: 'user-alice-0001',
    username: 'alice',
    password: 'wonderland',
    name: 'Alice Liddell',
    email: 'alice@example.test',
    // Declared verified so that the email_verified claim can be shown true; nobody checked these
    // reserved .test addresses (a users file's accounts are false unless the instructor says so).
    emailVerified: true,
  },
  {
    sub: 'user-bob-0002',
    username: 'bob',
    password: 'builder',
    name: 'Bob the Builder',
    email: 'bob@example.test',
    emailVerified: true,
  },
];

export const SCOPES: Record<string, string> = {
  openid: 'Sign you in and learn your user ID',
  profile: 'See your name',
  email: 'See your email address',
  'notes.read': 'Read your notes',
  'notes.write': 'Change your notes',
  offline_access: 'Stay connected when you are away (refresh tokens)',
};

export const DEMO_CLIENT_ID = 'oauth-tutor-demo';
export const DEMO_PUBLIC_CLIENT_ID = 'oauth-tutor-public';

/** What an authorization request asked for, once checked: what a code is issued for. */
export interface AuthorizationRequest {
  client_id: string;
  redirect_uri: string;
  /** Whether redirect_uri was sent (RFC 6749 §4.1.3 then requires it at the token endpoint). */
  redirect_uri_sent: boolean;
  scope: string;
  state?: string;
  nonce?: string;
  code_challenge?: string;
}

/** An authorization request waiting for the user on the sign-in or consent page. */
export interface PendingAuthorization extends AuthorizationRequest {
  rid: string;
  csrf: string;
  /**
   * Whether the page asks for a password. False when it shows a signed-in user's consent only: then the
   * decision must come with the same session (sid) the page was shown for.
   */
  login: boolean;
  sid?: string;
  /** The request's max_age (OIDC Core §3.1.2.1), checked again when a consent-only page is approved. */
  max_age?: number;
  expires: number;
}

export interface AuthorizationCode {
  code: string;
  client_id: string;
  redirect_uri: string;
  redirect_uri_sent: boolean;
  scope: string;
  sub: string;
  nonce?: string;
  code_challenge?: string;
  auth_time: number;
  expires: number;
  used: boolean;
  /** Tokens issued from this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  issued: { jtis: IssuedJti[]; refreshFamily?: string };
}

/** An access token's ID and expiry: a revocation needs to be remembered only until the token expires anyway. */
export interface IssuedJti {
  jti: string;
  exp: number;
}

/**
 * One authorization grant's chain of refresh tokens and the access tokens issued along it: the index
 * that lets a replay or a revocation reach every token of the grant without scanning all tokens.
 */
export interface TokenFamily {
  id: string;
  client_id: string;
  jtis: IssuedJti[];
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  family: string;
  client_id: string;
  sub: string;
  scope: string;
  auth_time: number;
  expires: number;
  /** Rotated: kept until it expires so that its reuse can be detected (RFC 9700 §4.14.2). */
  used: boolean;
}

/** One device authorization (RFC 8628 §3.1–3.5): its codes, and what the user decided on the verification page. */
export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  client_id: string;
  scope: string;
  expires: number;
  /** Seconds the client must wait between polls; raised by 5 on every slow_down (RFC 8628 §3.5). */
  interval: number;
  /** When the client last polled (provider clock, seconds), to tell a poll that comes too soon. */
  lastPoll?: number;
  status: 'pending' | 'approved' | 'denied';
  sub?: string;
  auth_time?: number;
}

/** A verification page shown to a browser: its CSRF token, and the wrong user codes typed on it so far. */
export interface VerificationPage {
  rid: string;
  csrf: string;
  failures: number;
  expires: number;
}

/**
 * DPoP proof algorithms advertised in dpop_signing_alg_values_supported ("the JWS alg values (from the
 * [IANA.JOSE.ALGS] registry) supported by the authorization server for DPoP proof JWTs", RFC 9449 §5.1) and in
 * the WWW-Authenticate algs (RFC 9449 §7.1): asymmetric signatures only, never "none" or an HMAC (RFC 9449 §4.3
 * check 5), and fully-specified names only: "Ed25519" (RFC 9864 §2.2) rather than the polymorphic "EdDSA",
 * from which a client cannot tell the curve (RFC 9864 §1).
 */
export const DPOP_ALGS = ['ES256', 'ES384', 'RS256', 'PS256', 'Ed25519'];
/**
 * Proof algorithms accepted: the advertised ones, and "EdDSA" from clients written before RFC 9864. RFC 9449
 * §4.3 check 5 accepts "a registered asymmetric digital signature algorithm", and "EdDSA" is still registered:
 * Deprecated (RFC 9864 §4.1.2), not Prohibited (RFC 9864 §4.4). jose verifies it with Ed25519 keys only.
 */
export const DPOP_ALGS_ACCEPTED = [...DPOP_ALGS, 'EdDSA'];
