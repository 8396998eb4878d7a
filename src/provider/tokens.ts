/**
 * Issuing tokens: JWT access tokens per RFC 9068 (typ "at+jwt"; iss,
 * sub, aud, client_id, scope, iat, exp, jti), ID tokens per OpenID Connect
 * Core §2 (iss, sub, aud, exp, iat, auth_time, nonce, at_hash), and
 * checking access tokens at the API and introspection (RFC 8725, RFC 9068 §4).
 */
import { randomUUID, sign } from 'node:crypto';
import type { JWTPayload } from 'jose';
// Subpath import: loading all of jose costs more than a whole flow on loopback.
import { JOSEAlgNotAllowed, JWTClaimValidationFailed, JWTExpired } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';
import { isObject } from '../json.js';
import { atHash } from '../protocol/at-hash.js';
import type { SigningKey } from './keys.js';
import { emailClaims, type User } from './model.js';

export const ACCESS_TOKEN_TTL = 3600;
export const ID_TOKEN_TTL = 3600;

export interface IssueContext {
  issuer: string;
  audience: string;
  key: SigningKey;
  now: () => number;
  /** Connections open to the provider now, this request's included (without it: sign on the thread pool). */
  connections?: () => number;
}

/**
 * How node:crypto.sign computes each algorithm's JWS signature (RFC 7518 §3). Ed25519 hashes inside the
 * algorithm, so no digest; "EdDSA" (deprecated, RFC 9864 §4.1.2) is the same operation with an Ed25519 key.
 */
const SIGN_WITH = {
  ES256: { digest: 'sha256', dsaEncoding: 'ieee-p1363' },
  RS256: { digest: 'sha256' },
  Ed25519: { digest: null },
  EdDSA: { digest: null },
} as const;

/** The protected header is the same for every token of a key and type: encoded once. */
const headers = new WeakMap<SigningKey, Map<string, string>>();
function encodedHeader(key: SigningKey, typ: string): string {
  let byTyp = headers.get(key);
  if (byTyp === undefined) headers.set(key, (byTyp = new Map()));
  let encoded = byTyp.get(typ);
  if (encoded === undefined)
    byTyp.set(
      typ,
      (encoded = Buffer.from(JSON.stringify({ alg: key.alg, typ, kid: key.kid })).toString(
        'base64url',
      )),
    );
  return encoded;
}

/**
 * A JWS in compact serialization (RFC 7515 §7.1): BASE64URL(header) "."
 * BASE64URL(payload) "." BASE64URL(signature), the signature computed over
 * the first two parts. Signed with node:crypto.sign, which costs a fraction
 * of jose's WebCrypto path per token. While several connections are open
 * it signs on libuv's thread pool, so that their requests do not queue behind
 * each signature; with only one, it signs at once on this thread, which saves
 * the hop to the pool and back (a lone flow's token request signs twice in a
 * row: access token, then ID token). Not "requests in progress": a request
 * signed on this thread is answered before the next one is even read, so that
 * count stays at one under any load and every token was signed here (at 20
 * connections, half the rate of signing on the pool; issue 16).
 * Tests verify these tokens with jose: the output is the same standard JWT.
 * RFC 7518 §3: an ECDSA JWS signature is R and S in fixed-length octets
 * (ieee-p1363), not DER.
 */
function signCompact(
  ctx: IssueContext,
  typ: 'at+jwt' | 'JWT',
  payload: JWTPayload,
): Promise<string> {
  const key = ctx.key;
  const json = JSON.stringify(payload);
  // The claims as UTF-8 (RFC 7519 §7.1). All-ASCII claims (the usual case; a name or nonce may not be) are
  // the same bytes in latin1, which is copied, not encoded unit by unit (see sendJson in http.ts).
  const claims = Buffer.from(json, Buffer.byteLength(json) === json.length ? 'latin1' : 'utf8');
  const input = `${encodedHeader(key, typ)}.${claims.toString('base64url')}`;
  const how = SIGN_WITH[key.alg];
  const signWith =
    'dsaEncoding' in how ? { key: key.privateKey, dsaEncoding: how.dsaEncoding } : key.privateKey;
  // The signing input is ASCII (two base64url parts and a dot): latin1 copies it byte for byte.
  const data = Buffer.from(input, 'latin1');
  if (ctx.connections !== undefined && ctx.connections() <= 1)
    return Promise.resolve(`${input}.${sign(how.digest, data, signWith).toString('base64url')}`);
  return new Promise((resolve, reject) =>
    sign(how.digest, data, signWith, (error, signature) =>
      error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`),
    ),
  );
}

/** Not async: the token is ready when its signature is, and an async wrapper only added a promise and a tick. */
export function issueAccessToken(
  ctx: IssueContext,
  a: { sub: string; client_id: string; scope: string; jkt?: string },
): Promise<{ token: string; jti: string; exp: number }> {
  const iat = ctx.now();
  const exp = iat + ACCESS_TOKEN_TTL;
  // RFC 7519 §4.1.7: a negligible chance of reuse. A version 4 UUID has 122 random bits, and
  // node:crypto draws them from a cached batch instead of one system call per token.
  const jti = randomUUID();
  const claims: JWTPayload = {
    client_id: a.client_id,
    scope: a.scope,
    iss: ctx.issuer,
    sub: a.sub,
    aud: ctx.audience,
    iat,
    exp,
    jti,
  };
  // RFC 9449 §6.1: a DPoP-bound token carries the SHA-256 JWK thumbprint of the client's key in cnf.jkt.
  // Added after the literal, not spread into it: the same claims in the same order, without copying an
  // empty object into every token.
  if (a.jkt !== undefined) claims['cnf'] = { jkt: a.jkt };
  return signCompact(ctx, 'at+jwt', claims).then((token) => ({ token, jti, exp }));
}

export async function issueIdToken(
  ctx: IssueContext,
  a: {
    user: User;
    client_id: string;
    scope: string;
    nonce?: string;
    auth_time: number;
    accessToken: string;
  },
): Promise<string> {
  const iat = ctx.now();
  const claims: JWTPayload = {
    auth_time: a.auth_time,
    at_hash: atHash(a.accessToken, ctx.key.alg),
  };
  if (a.nonce !== undefined) claims['nonce'] = a.nonce;
  const scopes = a.scope.split(' ');
  if (scopes.includes('profile')) claims['name'] = a.user.name;
  if (scopes.includes('email')) Object.assign(claims, emailClaims(a.user));
  Object.assign(claims, {
    iss: ctx.issuer,
    sub: a.user.sub,
    aud: a.client_id,
    iat,
    exp: iat + ID_TOKEN_TTL,
  });
  return signCompact(ctx, 'JWT', claims);
}

export interface AccessClaims extends JWTPayload {
  scope?: string;
  client_id?: string;
  cnf?: { jkt?: string };
}
export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; description: string };

/** The RFC 9068 claims an API reads, checked for their types (jose has checked iss, aud, exp, jti). */
function accessClaims(payload: JWTPayload): AccessClaims | undefined {
  const { scope, client_id: clientId, cnf } = payload;
  if (scope !== undefined && typeof scope !== 'string') return undefined;
  if (typeof clientId !== 'string') return undefined;
  if (cnf === undefined) return payload;
  if (!isObject(cnf)) return undefined;
  const jkt = cnf['jkt'];
  if (jkt !== undefined && typeof jkt !== 'string') return undefined;
  return { ...payload, cnf: jkt === undefined ? {} : { jkt } };
}

/** RFC 9068 §4 / RFC 8725: allowed alg only (never "none"), typ at+jwt (so an ID token is never accepted), iss, aud, exp, nbf. */
export async function checkAccessToken(
  ctx: IssueContext,
  token: string,
  revoked: { has(jti: string): boolean },
): Promise<AccessCheck> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, ctx.key.publicKey, {
      algorithms: [ctx.key.alg],
      typ: 'at+jwt',
      issuer: ctx.issuer,
      audience: ctx.audience,
      currentDate: new Date(ctx.now() * 1000),
      requiredClaims: ['jti', 'exp', 'client_id', 'sub'],
    }));
  } catch (error) {
    const why =
      error instanceof JWTExpired
        ? 'the access token expired'
        : error instanceof JWTClaimValidationFailed
          ? `the access token failed the "${error.claim}" check${error.claim === 'typ' ? ' (an ID token is not an access token)' : ''}`
          : error instanceof JOSEAlgNotAllowed
            ? "the access token's algorithm is not allowed"
            : 'the access token is not valid';
    return { ok: false, description: why };
  }
  if (typeof payload.jti === 'string' && revoked.has(payload.jti))
    return { ok: false, description: 'the access token was revoked' };
  const claims = accessClaims(payload);
  if (claims === undefined)
    return {
      ok: false,
      description: 'the access token has a scope, client_id or cnf of the wrong type',
    };
  return { ok: true, claims };
}
