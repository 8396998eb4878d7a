/**
 * The client's side of DPoP (RFC 9449): a key pair that never leaves the
 * client, and a proof JWT per request (§4.2): typ "dpop+jwt", the public key
 * in the jwk header, and claims jti, htm, htu, iat — plus ath, the hash of the
 * access token, when the proof goes to an API with it.
 */
import { createHash } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { SignJWT } from 'jose/jwt/sign';
import { base64url } from '../protocol/base64url.js';
import { randomToken } from '../protocol/random.js';
import { isObject } from '../json.js';
import { isEcPublicJwk } from '../jwt/jwk.js';

export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** The SHA-256 JWK thumbprint (RFC 7638): what a bound token carries in cnf.jkt (RFC 9449 §6.1). */
  jkt: string;
}

export async function createDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  // An ES256 public key always exports with these members; the guard lets the compiler see it.
  if (!isEcPublicJwk(jwk)) throw new Error('the DPoP public key did not export to an EC JWK');
  // Only the key itself goes into the proof's header: not jose's "ext" or "key_ops".
  const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export interface ProofOptions {
  /** The access token the request carries (the proof then has ath). */
  accessToken?: string;
  /** Seconds since the epoch (the flow's clock). */
  iat?: number;
}

export async function dpopProof(
  key: DpopKey,
  method: string,
  url: string,
  o: ProofOptions = {},
): Promise<string> {
  const u = new URL(url);
  // RFC 9449 §4.2: htu is the target URI "without query and fragment parts".
  const htu = `${u.protocol}//${u.host}${u.pathname}`;
  const claims: Record<string, string> = { jti: randomToken(16), htm: method, htu };
  if (o.accessToken !== undefined)
    claims['ath'] = base64url(createHash('sha256').update(o.accessToken, 'ascii').digest());
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk })
    .setIssuedAt(o.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

/** A proof's header and claims, for the learner to read. */
export function decodeProof(proof: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [h = '', p = ''] = proof.split('.');
  const parse = (part: string): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return isObject(v) ? v : {};
    } catch {
      return {};
    }
  };
  return { header: parse(h), claims: parse(p) };
}
