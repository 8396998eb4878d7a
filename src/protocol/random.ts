/**
 * Unguessable values (codes, tokens, state, nonce, CSRF tokens, jti) from
 * node:crypto, base64url-encoded. RFC 6749 §10.10: "The probability of an
 * attacker guessing generated tokens (and other credentials not intended for
 * handling by end-users) MUST be less than or equal to 2^(-128)"; the default
 * here is 256 bits.
 */
import { randomBytes } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
