/** The provider's signing key: generated once at start, imported once, published as a JWKS (public parts only). */
import type { JWK } from 'jose';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { exportJWK } from 'jose/key/export';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';

export type ProviderAlg = 'ES256' | 'RS256' | 'EdDSA';
export const PROVIDER_ALGS: readonly ProviderAlg[] = ['ES256', 'RS256', 'EdDSA'];

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface SigningKey {
  alg: ProviderAlg;
  kid: string;
  privateKey: KeyPair['privateKey'];
  publicKey: KeyPair['publicKey'];
  jwks: { keys: JWK[] };
}

export async function createSigningKey(alg: ProviderAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { alg, kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] } };
}
