/** OIDC Core §3.1.3.6: at_hash is the left half of the hash of the access token (the alg's hash; SHA-512 for Ed25519), base64url. */
import { createHash } from 'node:crypto';

export function atHash(accessToken: string, alg: string): string {
  const hash = alg === 'EdDSA' ? 'sha512' : `sha${alg.slice(2)}`;
  const digest = createHash(hash).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
