/**
 * Issuing tokens: access tokens as JWTs per RFC 9068 (typ "at+jwt"; iss,
 * sub, aud, client_id, scope, iat, exp, jti), ID tokens per OpenID Connect
 * Core §2 (iss, sub, aud, exp, iat, auth_time, nonce, at_hash), and
 * checking access tokens at the API and introspection (RFC 8725, RFC 9068 §4).
 */
import type { JWTPayload } from 'jose';
// Subpath imports: loading all of jose costs more than a whole flow on loopback.
import { SignJWT } from 'jose/jwt/sign';
import { jwtVerify } from 'jose/jwt/verify';
import { atHash } from '../protocol/at-hash.js';
import { randomToken } from '../protocol/random.js';
import type { SigningKey } from './keys.js';
import type { User } from './model.js';

export const ACCESS_TOKEN_TTL = 3600;
export const ID_TOKEN_TTL = 3600;

export interface IssueContext {
  issuer: string;
  audience: string;
  key: SigningKey;
  now: () => number;
}

export async function issueAccessToken(ctx: IssueContext, a: { sub: string; client_id: string; scope: string; jkt?: string }): Promise<{ token: string; jti: string; exp: number }> {
  const iat = ctx.now();
  const jti = randomToken(16);
  // RFC 9449 §6.1: a DPoP-bound token carries the SHA-256 JWK thumbprint of the client's key as cnf.jkt.
  const token = await new SignJWT({ client_id: a.client_id, scope: a.scope, ...(a.jkt === undefined ? {} : { cnf: { jkt: a.jkt } }) })
    .setProtectedHeader({ alg: ctx.key.alg, typ: 'at+jwt', kid: ctx.key.kid })
    .setIssuer(ctx.issuer)
    .setSubject(a.sub)
    .setAudience(ctx.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL)
    .setJti(jti)
    .sign(ctx.key.privateKey);
  return { token, jti, exp: iat + ACCESS_TOKEN_TTL };
}

export async function issueIdToken(ctx: IssueContext, a: { user: User; client_id: string; scope: string; nonce?: string; auth_time: number; accessToken: string }): Promise<string> {
  const iat = ctx.now();
  const claims: JWTPayload = { auth_time: a.auth_time, at_hash: atHash(a.accessToken, ctx.key.alg) };
  if (a.nonce !== undefined) claims['nonce'] = a.nonce;
  const scopes = a.scope.split(' ');
  if (scopes.includes('profile')) claims['name'] = a.user.name;
  if (scopes.includes('email')) Object.assign(claims, { email: a.user.email, email_verified: true });
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ctx.key.alg, typ: 'JWT', kid: ctx.key.kid })
    .setIssuer(ctx.issuer)
    .setSubject(a.user.sub)
    .setAudience(a.client_id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ID_TOKEN_TTL)
    .sign(ctx.key.privateKey);
}

export type AccessClaims = JWTPayload & { scope?: string; client_id?: string; cnf?: { jkt?: string } };
export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; description: string };

/** RFC 9068 §4 / RFC 8725: allowed alg only (never "none"), typ at+jwt (so an ID token is never accepted), iss, aud, exp, nbf. */
export async function checkAccessToken(ctx: IssueContext, token: string, revoked: { has(jti: string): boolean }): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, ctx.key.publicKey, {
      algorithms: [ctx.key.alg],
      typ: 'at+jwt',
      issuer: ctx.issuer,
      audience: ctx.audience,
      currentDate: new Date(ctx.now() * 1000),
      requiredClaims: ['jti', 'exp', 'client_id', 'sub'],
    });
    if (typeof payload.jti === 'string' && revoked.has(payload.jti)) return { ok: false, description: 'the access token was revoked' };
    return { ok: true, claims: payload as AccessClaims };
  } catch (error) {
    const e = error as { code?: string; claim?: string; message?: string };
    const why =
      e.code === 'ERR_JWT_EXPIRED'
        ? 'the access token expired'
        : e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
          ? `the access token failed the "${e.claim}" check${e.claim === 'typ' ? ' (an ID token is not an access token)' : ''}`
          : e.code === 'ERR_JOSE_ALG_NOT_ALLOWED'
            ? 'the access token\'s algorithm is not allowed'
            : 'the access token is not valid';
    return { ok: false, description: why };
  }
}
