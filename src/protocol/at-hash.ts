/**
 * OIDC Core §3.1.3.6: at_hash is "the base64url encoding of the left-most half of the hash of the octets of the
 * ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in
 * the alg Header Parameter of the ID Token's JOSE Header" (SHA-512 for Ed25519). The provider makes it, the
 * client checks it.
 */
import { createHash } from 'node:crypto';
import { base64url } from './base64url.js';

export function atHash(accessToken: string, alg: string): string {
  const hash = alg === 'EdDSA' ? 'sha512' : `sha${alg.slice(2)}`;
  const digest = createHash(hash).update(accessToken, 'ascii').digest();
  return base64url(digest.subarray(0, digest.length / 2));
}
