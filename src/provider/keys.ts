/**
 * The provider's signing key: generated at start (or read back from
 * --state-dir), published in a JWKS (public parts only). The kid is the
 * key's JWK thumbprint (RFC 7638), so the same key always has the same kid.
 */
import { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { exportJWK } from 'jose/key/export';
import { importJWK } from 'jose/key/import';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';

import type { ProviderAlg } from './algs.js';
export { PROVIDER_ALGS, type ProviderAlg } from './algs.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface SigningKey {
  alg: ProviderAlg;
  kid: string;
  privateKey: KeyPair['privateKey'];
  publicKey: KeyPair['publicKey'];
  /** The private key in node:crypto's form: tokens are signed with crypto.sign (see tokens.ts). */
  signingKey: KeyObject;
  jwks: { keys: JWK[] };
}

/** The JWK without its private members (d for EC and OKP keys; p, q, dp, dq, qi, oth for RSA; k for oct). */
function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, k: _k, ...rest } = jwk;
  return rest;
}

async function fromPair(
  alg: ProviderAlg,
  privateKey: KeyPair['privateKey'],
  publicKey: KeyPair['publicKey'],
): Promise<SigningKey> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    alg,
    kid,
    privateKey,
    publicKey,
    signingKey: KeyObject.from(privateKey),
    jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] },
  };
}

export async function createSigningKey(alg: ProviderAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
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
  return fromPair(alg, privateKey, publicKey);
}
