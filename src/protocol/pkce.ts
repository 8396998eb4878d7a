/**
 * PKCE (RFC 7636): a random code_verifier, and its S256 code_challenge =
 * BASE64URL(SHA256(ASCII(code_verifier))) (§4.2). Made by the client side of
 * the flow and checked by the provider, so it lives below both.
 */
import { hash, randomBytes } from 'node:crypto';

/** RFC 7636 §4.1: 43–128 characters from [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function createVerifier(): string {
  // 32 random bytes → 43 base64url characters, the recommended minimum entropy (§7.1).
  return randomBytes(32).toString('base64url');
}

export function s256(verifier: string): string {
  // crypto.hash (Node ≥ 20.12): one call, no Hash object. The bytes are read as before (Node's 'ascii' and
  // 'latin1' encode a string alike), so a verifier that is not ASCII hashes as it always did.
  return hash('sha256', Buffer.from(verifier, 'latin1'), 'base64url');
}
