/**
 * Explains a token's header parameters and claims in words (RFC 7515 §4,
 * RFC 7519 §4.1, RFC 9068, OIDC Core), with readable dates and relative
 * times, and warns about what a verifier would reject or should worry about.
 */
import type { DecodedObject } from './decode.js';

export interface ExplainedField {
  name: string;
  value: unknown;
  /** What the field means, in words. */
  meaning: string;
  /** For times: the date, readable, and relative to now. */
  when?: string;
}

const HEADER: Record<string, string> = {
  alg: 'signature or MAC algorithm (JWS), or how the content key is encrypted or determined (JWE)',
  typ: 'type of token (e.g. "JWT", or "at+jwt" for an OAuth access token, RFC 9068)',
  kid: "key ID: a hint naming the key (JWS: the one that secured it; JWE: the recipient's); look it up only among keys you already trust for this issuer",
  cty: 'content type of the payload',
  enc: 'content encryption algorithm (JWE)',
  jku: "URL of a key set — don't follow it blindly (SSRF; allow-list it, RFC 8725 §3.10)",
  x5u: "URL of a certificate chain — don't follow it blindly (SSRF; allow-list it, RFC 8725 §3.10)",
  x5c: 'certificate chain',
};

const CLAIMS: Record<string, string> = {
  iss: 'issuer: who created and signed the token; a verifier checks it is the one it trusts',
  sub: 'subject: who the token is about (RFC 7519 §4.1.2); in an access token, the user, or the app itself under client credentials (RFC 9068 §2.2)',
  aud: 'audience: who the token is meant for; an API must reject a token meant for someone else',
  exp: 'expiration time: the token must be rejected at or after this time',
  nbf: 'not before: the token must be rejected before this',
  iat: 'issued at: when the token was created',
  jti: 'JWT ID: a unique ID, so a server can detect a replayed token',
  scope: 'scopes: what the app may do with this token',
  client_id: 'client ID: the app the token was issued to (RFC 9068)',
  azp: 'authorized party: the app the token was issued to (OIDC)',
  nonce: 'nonce: ties an ID token to the login request that asked for it (replay protection)',
  auth_time: 'authentication time: when the user actually signed in',
  at_hash: 'access token hash: binds the ID token to the access token issued with it',
  sid: 'session ID at the identity provider',
  name: "the user's name",
  email: "the user's email address",
  email_verified: 'whether the provider verified the email address',
  role: 'a role (an application claim, not a registered one)',
  admin: 'an admin flag (an application claim: only trustworthy if the signature is)',
};

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat', 'auth_time']);

/**
 * A JavaScript Date holds ±8.64e15 ms (ECMA-262 §21.4.1.22), i.e. ±8.64e12 s: a
 * NumericDate beyond that (e.g. "exp": 1e20, or 1e400 which JSON reads as
 * Infinity) cannot be turned into a date. RFC 7519 §2 allows any JSON number, so
 * such a token is not malformed: we show the raw number and say so.
 */
const MAX_DATE_SECONDS = 8.64e12;

export function inDateRange(seconds: number): boolean {
  return Number.isFinite(seconds) && Math.abs(seconds) <= MAX_DATE_SECONDS;
}

export function readableDate(seconds: number): string {
  if (!inDateRange(seconds)) return `${seconds} (out of range)`;
  return new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/**
 * "in 3 hours", "2 days ago", "yesterday", "now": what `Intl.RelativeTimeFormat('en', { numeric:
 * 'auto' })` says for these units (test/unit/jwt.test.ts holds the two equal). Written out because
 * building that formatter loads ICU's locale data, about half of a bare Node start, on every
 * `jwt decode`.
 */
export function relativeTime(seconds: number, now: Date): string {
  if (!inDateRange(seconds)) return seconds > 0 ? 'far in the future' : 'far in the past';
  const diff = seconds - Math.floor(now.getTime() / 1000);
  const abs = Math.abs(diff);
  // Rounded by size, the same way for the past and the future: 36 hours ago is "2 days ago", as
  // 36 hours ahead is "in 2 days" (Math.round alone would round -1.5 up, to "yesterday").
  const round = (size: number) => Math.sign(diff) * Math.round(abs / size);
  const [value, unit]: [number, RelativeUnit] =
    abs < 60
      ? [diff, 'second']
      : abs < 3600
        ? [round(60), 'minute']
        : abs < 86400
          ? [round(3600), 'hour']
          : [round(86400), 'day'];
  return relativeEnglish(value, unit);
}

type RelativeUnit = 'second' | 'minute' | 'hour' | 'day';

function relativeEnglish(value: number, unit: RelativeUnit): string {
  if (value === 0)
    return { second: 'now', minute: 'this minute', hour: 'this hour', day: 'today' }[unit];
  if (unit === 'day' && value === 1) return 'tomorrow';
  if (unit === 'day' && value === -1) return 'yesterday';
  const n = Math.abs(value);
  // Thousands grouped with commas, the way English writes them.
  const amount = `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${unit}${n === 1 ? '' : 's'}`;
  return value > 0 ? `in ${amount}` : `${amount} ago`;
}

export function explainHeader(header: DecodedObject): ExplainedField[] {
  return Object.entries(header).map(([name, value]) => ({
    name,
    value,
    meaning: HEADER[name] ?? 'a header parameter',
  }));
}

export function explainClaims(payload: DecodedObject, now: Date): ExplainedField[] {
  return Object.entries(payload).map(([name, value]) => {
    const field: ExplainedField = {
      name,
      value,
      meaning: CLAIMS[name] ?? 'a claim of the application (not registered)',
    };
    if (TIME_CLAIMS.has(name) && typeof value === 'number')
      field.when = inDateRange(value)
        ? `${readableDate(value)} (${relativeTime(value, now)})`
        : `out of range: no calendar date (${relativeTime(value, now)})`;
    return field;
  });
}

function lifetime(seconds: number): string {
  return seconds < 2 * 3600
    ? `${Math.round(seconds / 60)} minutes`
    : `${Math.round(seconds / 3600)} hours`;
}

export interface Warning {
  code: 'alg-none' | 'expired' | 'not-yet-valid' | 'no-exp' | 'issued-in-future' | 'long-lived';
  message: string;
}

export function tokenWarnings(
  header: DecodedObject | undefined,
  payload: DecodedObject | undefined,
  now: Date,
): Warning[] {
  const out: Warning[] = [];
  const t = Math.floor(now.getTime() / 1000);
  if (typeof header?.['alg'] === 'string' && header['alg'].toLowerCase() === 'none') {
    out.push({
      code: 'alg-none',
      message:
        'alg is "none": not signed; verifiers MUST NOT accept it by default (RFC 7518 §3.6) and an API MUST reject it as an access token (RFC 9068 §4)',
    });
  }
  if (payload === undefined) return out;
  const { exp, nbf, iat } = payload;
  if (typeof exp === 'number' && exp <= t)
    out.push({
      code: 'expired',
      message: `expired ${relativeTime(exp, now)} (at ${readableDate(exp)})`,
    });
  if (typeof nbf === 'number' && nbf > t)
    out.push({
      code: 'not-yet-valid',
      message: `not valid yet: only from ${readableDate(nbf)} (${relativeTime(nbf, now)})`,
    });
  if (exp === undefined)
    out.push({
      code: 'no-exp',
      message: 'no "exp" (expiration time): if stolen, this token works for ever',
    });
  if (typeof iat === 'number' && iat > t + 60)
    out.push({
      code: 'issued-in-future',
      message: `"iat" (issued at) is in the future: ${readableDate(iat)}`,
    });
  // RFC 6750 §5.3: "Token servers SHOULD issue short-lived (one hour or less) bearer tokens".
  if (typeof exp === 'number' && typeof iat === 'number' && exp - iat > 3600) {
    out.push({
      code: 'long-lived',
      message: `lives ${lifetime(exp - iat)}: if this is a bearer access token, RFC 6750 §5.3 says servers SHOULD issue it for one hour or less`,
    });
  }
  return out;
}
