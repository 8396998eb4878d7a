/** The provider's signing key: generated once at start, imported once, published as a JWKS (public parts only). */
import * as jose from 'jose';

export type ProviderAlg = 'ES256' | 'RS256' | 'EdDSA';
export const PROVIDER_ALGS: readonly ProviderAlg[] = ['ES256', 'RS256', 'EdDSA'];

type KeyPair = Awaited<ReturnType<typeof jose.generateKeyPair>>;

export interface SigningKey {
  alg: ProviderAlg;
  kid: string;
  privateKey: KeyPair['privateKey'];
  publicKey: KeyPair['publicKey'];
  jwks: { keys: jose.JWK[] };
}

export async function createSigningKey(alg: ProviderAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(jwk);
  return { alg, kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] } };
}
