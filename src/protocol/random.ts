/**
 * Unguessable values (codes, tokens, state, nonce, CSRF tokens, jti) from
 * node:crypto, base64url-encoded. RFC 6749 §10.10: "The probability of an
 * attacker guessing generated tokens (and other credentials not intended for
 * handling by end-users) MUST be less than or equal to 2^(-128)"; the default
 * here is 256 bits.
 */
import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * The bytes are drawn from node:crypto's CSPRNG a batch at a time, as node:crypto's own randomUUID does:
 * one randomBytes call costs about 7 µs here whatever its size (the cost is the call, not the bytes), and
 * a code flow draws five values on the provider's side alone. Every byte is handed out once: the offset
 * only moves forward, and the batch is refilled from the CSPRNG when what is left is too short.
 */
const BATCH_BYTES = 4096;
const batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
/** Bytes of the batch already handed out (all of them until the first draw fills it). */
let used = BATCH_BYTES;

export function randomToken(bytes = 32): string {
  if (bytes > BATCH_BYTES) return randomBytes(bytes).toString('base64url');
  if (used + bytes > BATCH_BYTES) {
    randomFillSync(batch);
    used = 0;
  }
  const token = batch.toString('base64url', used, used + bytes);
  used += bytes;
  return token;
}
