/**
 * The provider's signing key: generated at start (or read back from
 * --state-dir), published in a JWKS (public parts only). The kid is the
 * key's JWK thumbprint (RFC 7638), so the same key always has the same kid.
 */
import { generateKeyPair, KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { exportJWK } from 'jose/key/export';
import { importJWK } from 'jose/key/import';
import { jwkThumbprint } from '../protocol/jwk-thumbprint.js';

import type { ProviderAlg } from './algs.js';
export { PROVIDER_ALGS, PROVIDER_ALGS_ACCEPTED, type ProviderAlg } from './algs.js';

export interface SigningKey {
  alg: ProviderAlg;
  kid: string;
  /** node:crypto's keys: tokens are signed with crypto.sign (see tokens.ts); jose takes them too. */
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwks: { keys: JWK[] };
}

/** The JWK without its private members (d for EC and OKP keys; p, q, dp, dq, qi, oth for RSA; k for oct). */
function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, k: _k, ...rest } = jwk;
  return rest;
}

async function fromPair(
  alg: ProviderAlg,
  privateKey: KeyObject,
  publicKey: KeyObject,
): Promise<SigningKey> {
  // node:crypto's JWK export is jose's for a KeyObject; the thumbprint is RFC 7638's (jwk-thumbprint.ts).
  const jwk: JWK = publicKey.export({ format: 'jwk' });
  const kid = jwkThumbprint(jwk);
  return { alg, kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] } };
}

type Pair = { privateKey: KeyObject; publicKey: KeyObject };
const settle =
  (resolve: (pair: Pair) => void, reject: (e: Error) => void) =>
  (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) =>
    error === null ? resolve({ privateKey, publicKey }) : reject(error);

/**
 * A new key pair for `alg`, made by node:crypto on its thread pool: the same keys jose's
 * generateKeyPair makes (P-256 for ES256, RSA 2048 for RS256, Ed25519 for Ed25519 and EdDSA), without going
 * through WebCrypto and back (measured alone, with the JWK and its thumbprint: about 6 M
 * instructions instead of 10 M, at every start of the provider).
 */
function newPair(alg: ProviderAlg): Promise<Pair> {
  return new Promise((resolve, reject) => {
    if (alg === 'ES256') generateKeyPair('ec', { namedCurve: 'P-256' }, settle(resolve, reject));
    else if (alg === 'RS256')
      generateKeyPair('rsa', { modulusLength: 2048 }, settle(resolve, reject));
    else generateKeyPair('ed25519', {}, settle(resolve, reject));
  });
}

export async function createSigningKey(alg: ProviderAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await newPair(alg);
  return fromPair(alg, privateKey, publicKey);
}

/** The private JWK of a key, for --state-dir (written with mode 0600). */
export async function exportPrivateJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.privateKey)), alg: key.alg, kid: key.kid };
}

/** A key read back from its private JWK; throws when the JWK is not a usable private key for `alg`. */
export async function importSigningKey(jwk: JWK, alg: ProviderAlg): Promise<SigningKey> {
  const privateKey = await importJWK({ ...jwk, ext: true }, alg);
  const publicKey = await importJWK(publicPart({ ...jwk, ext: true }), alg);
  if (
    privateKey instanceof Uint8Array ||
    publicKey instanceof Uint8Array ||
    privateKey.type !== 'private'
  )
    throw new Error('not an asymmetric private key');
  return fromPair(alg, KeyObject.from(privateKey), KeyObject.from(publicKey));
}
