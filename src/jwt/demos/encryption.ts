/** Signed vs encrypted: the same claims in a JWE (dir + A256GCM), unreadable without the key (RFC 7516). */
import { randomBytes } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import { jwtDecrypt } from 'jose/jwt/decrypt';
import { EncryptJWT } from 'jose/jwt/encrypt';
import { decodeJwt } from '../decode.js';
import { json, step, type DemoResult } from './demo.js';

export async function jweDemo(): Promise<DemoResult> {
  const key = randomBytes(32);
  const claims = { sub: 'alice', salary: 120000 };
  const jwe = await new EncryptJWT(claims)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .encrypt(key);
  const decoded = decodeJwt(jwe);
  const { payload } = await jwtDecrypt(jwe, key);
  let wrongKey = '';
  try {
    await jwtDecrypt(jwe, randomBytes(32));
  } catch (error) {
    wrongKey = error instanceof Error ? error.message : String(error);
  }
  return {
    id: 'jwe',
    title: 'Encrypted tokens (JWE) hide their claims',
    steps: [
      step('code', 'The claims', json(claims)),
      step('token', 'As a JWE: five parts (header.key.iv.ciphertext.tag)', jwe),
      step('code', 'What anyone can decode: only the header', json(decoded.header)),
      step(
        'ok',
        'Decrypted with the 256-bit key',
        json({ sub: payload['sub'], salary: payload['salary'] }),
      ),
      step('ok', 'With any other key', `decryption fails (${wrongKey})`),
      step(
        'text',
        'Signing (JWS) proves the claims were not changed since someone holding the key signed them (with a key pair, the issuer alone; with an HMAC secret, anyone who has it); encryption (JWE) hides them. Sensitive claims need a JWE, or better, no token at all.',
      ),
    ],
    outcome: { accepted: wrongKey === '', code: 'decryption', reason: wrongKey },
  };
}
