/**
 * The JWK thumbprint of a public key (RFC 7638), with node:crypto's hash: the same value as jose's
 * calculateJwkThumbprint (test/unit/jwk-thumbprint.test.ts compares them), without WebCrypto's digest,
 * a trip to the thread pool and back, at every start of the provider.
 *
 * RFC 7638 §3: the hash input is a JSON object of the key type's required members only, "with no
 * whitespace or line breaks", ordered lexicographically; §3.2 lists them: crv, kty, x, y for EC and
 * e, kty, n for RSA; an OKP key's are crv, kty, x (RFC 8037 §2 defines them; its appendix A.3 shows
 * the input). The values are base64url or registered names, so JSON.stringify writes them without
 * escapes, as §3.3 requires.
 */
import { hash } from 'node:crypto';

/** The members RFC 7638 §3.2 hashes, by key type, in lexicographic order. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

/** The SHA-256 JWK thumbprint, base64url; throws on a key type or a member RFC 7638 does not cover. */
export function jwkThumbprint(jwk: Readonly<Record<string, unknown>>): string {
  const kty = jwk['kty'];
  const members = typeof kty === 'string' ? REQUIRED[kty] : undefined;
  if (members === undefined) throw new TypeError(`no JWK thumbprint for kty ${String(kty)}`);
  const input: Record<string, string> = {};
  for (const name of members) {
    const value = jwk[name];
    if (typeof value !== 'string') throw new TypeError(`the JWK has no "${name}" member`);
    input[name] = value;
  }
  return hash('sha256', JSON.stringify(input), 'base64url');
}
