/**
 * OIDC Core §3.1.3.6: at_hash is "the base64url encoding of the left-most half of the hash of the octets of the
 * ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in
 * the alg Header Parameter of the ID Token's JOSE Header" (SHA-512 for Ed25519). The provider makes it, the
 * client checks it.
 */
import { hash } from 'node:crypto';
import { base64url } from './base64url.js';

export function atHash(accessToken: string, alg: string): string {
  const algorithm = alg === 'EdDSA' ? 'sha512' : `sha${alg.slice(2)}`;
  // crypto.hash: one call, no Hash object; the octets are read as before ('ascii' and 'latin1' encode alike).
  const digest = hash(algorithm, Buffer.from(accessToken, 'latin1'), 'buffer');
  return base64url(digest.subarray(0, digest.length / 2));
}
