/**
 * OIDC Core §3.1.3.6: at_hash is "the base64url encoding of the left-most half of the hash of the octets of the
 * ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in
 * the alg Header Parameter of the ID Token's JOSE Header". The provider makes it, the client checks it.
 */
import { hash } from 'node:crypto';
import { base64url } from './base64url.js';
import { isEd25519 } from './fully-specified.js';

export type AtHashAlgorithm = 'sha256' | 'sha384' | 'sha512';

/**
 * The hash at_hash uses for an ID token signed with `alg`, or undefined when the tool knows none.
 * HS/RS/PS/ES name theirs (RFC 7518 §3: "ES256" is ECDSA using P-256 and SHA-256, …). Ed25519 signs with
 * SHA-512 inside the algorithm, and the OpenID Connect working group settled on SHA-512 for its *_hash
 * claims ("Ed25519 should use SHA-512", https://bitbucket.org/openid/connect/issues/1125; also the
 * OpenID Connect Token Hash Algorithms guide, https://openid.net/specs/openid-connect-token-hash-algorithms-1_0.html).
 * The fully-specified "Ed25519" (RFC 9864 §2.2) names the same operation as "EdDSA" with an Ed25519
 * key, so both hash with SHA-512; "EdDSA" with an Ed448 key (SHAKE256) never signs anything here.
 */
const SHA2: Partial<Record<string, AtHashAlgorithm>> = {
  '256': 'sha256',
  '384': 'sha384',
  '512': 'sha512',
};

export function atHashAlgorithm(alg: string): AtHashAlgorithm | undefined {
  if (isEd25519(alg)) return 'sha512';
  const bits = /^(?:HS|RS|PS|ES)(256|384|512)$/.exec(alg)?.[1];
  return bits === undefined ? undefined : SHA2[bits];
}

export function atHash(accessToken: string, alg: string): string {
  const algorithm = atHashAlgorithm(alg);
  if (algorithm === undefined) throw new Error(`no at_hash algorithm for alg ${alg}`);
  // crypto.hash: one call, no Hash object; the octets are read as before ('ascii' and 'latin1' encode alike).
  const digest = hash(algorithm, Buffer.from(accessToken, 'latin1'), 'buffer');
  return base64url(digest.subarray(0, digest.length / 2));
}
