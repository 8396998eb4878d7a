/**
 * What the client checks about the tokens it received (step 6): every JWT
 * decoded, its signature verified against the provider's JWKS, and for the
 * ID token the checks OIDC Core §3.1.3.7 requires of this very run (iss, aud,
 * nonce, exp), and at_hash binding it to the access token: optional in the code
 * flow, checked when present as §3.1.3.8 lets a client do.
 */
import type { JSONWebKeySet, JWTVerifyOptions } from 'jose';
import { jwtVerify } from 'jose/jwt/verify';
import { createLocalJWKSet } from 'jose/jwks/local';
import { JWTClaimValidationFailed, JWTExpired } from 'jose/errors';
import { decodeJwt, type DecodedObject } from '../jwt/decode.js';
import { atHash, atHashAlgorithm } from '../protocol/at-hash.js';
import { isSubjectIdentifier } from '../protocol/subject.js';

export interface TokenCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckedToken {
  kind: 'access_token' | 'id_token';
  header?: DecodedObject;
  payload?: DecodedObject;
  signature?: string;
  /** True only when the signature was checked against the JWKS and held. */
  verified: boolean;
  checks: TokenCheck[];
}

export interface TokenCheckOptions {
  jwks?: JSONWebKeySet;
  issuer: string;
  clientId: string;
  nonce?: string;
  now?: Date;
}

/** The provider's keys as jose verifies with them: made once per response, so each key is imported once. */
type KeySet = ReturnType<typeof createLocalJWKSet>;

async function verifySignature(
  token: string,
  jwks: KeySet | undefined,
  opts: JWTVerifyOptions,
): Promise<TokenCheck> {
  if (jwks === undefined)
    return {
      name: 'signature',
      ok: false,
      detail: 'no JWKS to verify with: decoded only, NOT verified',
    };
  try {
    await jwtVerify(token, jwks, opts);
    return {
      name: 'signature',
      ok: true,
      detail: "verified with the provider's public key from its JWKS",
    };
  } catch (error) {
    return {
      name: 'signature',
      ok: false,
      detail:
        error instanceof JWTClaimValidationFailed
          ? `claim "${error.claim}" failed`
          : error instanceof JWTExpired
            ? 'expired'
            : error instanceof Error
              ? error.message
              : 'invalid',
    };
  }
}

/**
 * RFC 9068 §4: the resource server "MUST verify that the "typ" header value is "at+jwt" or
 * "application/at+jwt"". Media types are compared without regard to case (RFC 7515 §4.1.9), as jose's
 * own typ check does.
 */
export function isAccessTokenTyp(typ: unknown): boolean {
  return typeof typ === 'string' && ['at+jwt', 'application/at+jwt'].includes(typ.toLowerCase());
}

export async function checkTokens(
  body: Record<string, unknown>,
  opts: TokenCheckOptions,
): Promise<CheckedToken[]> {
  const out: CheckedToken[] = [];
  // Both tokens are verified against one key set: jose imports a key once per set it was handed.
  const keys = opts.jwks === undefined ? undefined : createLocalJWKSet(opts.jwks);
  const accessToken = typeof body['access_token'] === 'string' ? body['access_token'] : undefined;
  if (accessToken !== undefined) {
    const d = decodeJwt(accessToken);
    if (d.format === 'JWS' && d.payload !== undefined) {
      const sig = await verifySignature(accessToken, keys, {
        issuer: opts.issuer,
        currentDate: opts.now ?? new Date(),
      });
      const checks = [sig];
      const typ = d.header?.['typ'];
      checks.push(
        isAccessTokenTyp(typ)
          ? {
              name: 'typ',
              ok: true,
              detail: `typ ${JSON.stringify(typ)}: an access token, not an ID token (RFC 9068 §2.1)`,
            }
          : {
              name: 'typ',
              ok: false,
              detail: `${typ === undefined ? 'no typ header, so not "at+jwt" or "application/at+jwt"' : `typ ${JSON.stringify(typ)}: neither "at+jwt" nor "application/at+jwt"`}: an API following RFC 9068 would reject it (RFC 9068 §4); the flow goes on to show the rest`,
            },
      );
      checks.push({
        name: 'note',
        ok: true,
        // RFC 9068 §6: "The client MUST NOT inspect the content of the access token", since its format
        // may change at any time. The flow decodes it as a lesson, and says so.
        detail:
          'decoded here only to show what the API checks: a real client MUST NOT inspect the content of an access token (RFC 9068 §6), whose format the provider may change at any time (for example, to an opaque string)',
      });
      out.push({
        kind: 'access_token',
        ...(d.header === undefined ? {} : { header: d.header }),
        payload: d.payload,
        signature: d.signature ?? '',
        verified: sig.ok,
        checks,
      });
    } else {
      out.push({
        kind: 'access_token',
        verified: false,
        checks: [
          {
            name: 'format',
            ok: true,
            detail: 'opaque (not a JWT): only the API or introspection can tell what it means',
          },
        ],
      });
    }
  }
  const idToken = typeof body['id_token'] === 'string' ? body['id_token'] : undefined;
  if (idToken !== undefined) {
    const d = decodeJwt(idToken);
    const sig = await verifySignature(idToken, keys, {
      issuer: opts.issuer,
      audience: opts.clientId,
      currentDate: opts.now ?? new Date(),
    });
    const p = d.payload ?? {};
    const checks: TokenCheck[] = [sig];
    checks.push({
      name: 'iss',
      ok: p['iss'] === opts.issuer,
      detail: `iss ${JSON.stringify(p['iss'])} ${p['iss'] === opts.issuer ? '=' : '≠'} the provider we talked to`,
    });
    // OIDC Core §2: sub is REQUIRED, a string of at most 255 ASCII characters.
    const sub = p['sub'];
    const subOk = isSubjectIdentifier(sub);
    checks.push({
      name: 'sub',
      ok: subOk,
      detail: subOk
        ? `sub ${JSON.stringify(sub)}: the user this token is about`
        : `sub ${sub === undefined ? 'missing' : JSON.stringify(sub)}: OIDC Core §2 requires a sub of at most 255 ASCII characters`,
    });
    const aud = Array.isArray(p['aud']) ? p['aud'] : [p['aud']];
    checks.push({
      name: 'aud',
      ok: aud.includes(opts.clientId),
      detail: `aud ${JSON.stringify(p['aud'])} ${aud.includes(opts.clientId) ? 'includes' : 'does not include'} our client_id`,
    });
    if (opts.nonce !== undefined)
      checks.push({
        name: 'nonce',
        ok: p['nonce'] === opts.nonce,
        detail:
          p['nonce'] === opts.nonce
            ? 'nonce equals the one we sent in step 3: this ID token answers our request, not a replayed one'
            : `nonce ${JSON.stringify(p['nonce'])} ≠ the one we sent (${opts.nonce})`,
      });
    const alg = d.header?.['alg'];
    const hashAlg = typeof alg === 'string' ? atHashAlgorithm(alg) : undefined;
    if (typeof p['at_hash'] !== 'string' || accessToken === undefined) {
      checks.push({
        name: 'at_hash',
        ok: true,
        detail: 'no at_hash in the ID token (optional in the code flow)',
      });
    } else if (typeof alg !== 'string' || hashAlg === undefined) {
      checks.push({
        name: 'at_hash',
        ok: false,
        detail: `at_hash cannot be checked: it uses the hash of the ID token's alg (OIDC Core §3.1.3.6), and alg ${JSON.stringify(alg)} names none`,
      });
    } else {
      const expected = atHash(accessToken, alg);
      checks.push({
        name: 'at_hash',
        ok: expected === p['at_hash'],
        detail: `left half of ${hashAlg.replace('sha', 'SHA-')}(access_token) = ${expected} ${expected === p['at_hash'] ? '=' : '≠'} at_hash: the two tokens were issued together`,
      });
    }
    const verified = checks.every((c) => c.ok);
    out.push({
      kind: 'id_token',
      header: d.header ?? {},
      payload: p,
      signature: d.signature ?? '',
      verified,
      checks,
    });
  }
  return out;
}

/**
 * What an API that never asks the provider would conclude about an access token: signature (JWKS), iss and
 * exp only. A revoked JWT passes this until it expires; only asking the provider (introspection, RFC 7662)
 * or a shared revocation list tells otherwise.
 */
export async function checkWithoutProvider(
  token: string,
  jwks: JSONWebKeySet,
  issuer: string,
  now = new Date(),
): Promise<{ ok: boolean; detail: string }> {
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer,
      currentDate: now,
    });
    const left =
      typeof payload.exp === 'number'
        ? Math.max(0, payload.exp - Math.floor(now.getTime() / 1000))
        : undefined;
    return {
      ok: true,
      detail: `signature valid, iss right, ${left === undefined ? 'no exp' : `exp in ${Math.round(left / 60)} minutes`}`,
    };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
