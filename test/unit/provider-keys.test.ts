/**
 * The provider's signing keys (src/provider/keys.ts): the key each algorithm calls for, a JWKS with
 * public members only, and a kid that is the key's RFC 7638 thumbprint, computed here on its own.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSigningKey,
  exportPrivateJwk,
  importSigningKey,
  PROVIDER_ALGS_ACCEPTED,
} from '../../src/provider/keys.js';

/** RFC 7638 §3.2: the required members, in lexicographic order, no whitespace; SHA-256; base64url. */
function thumbprint(jwk: Record<string, unknown>): string {
  const required: Record<string, string[]> = {
    EC: ['crv', 'kty', 'x', 'y'],
    RSA: ['e', 'kty', 'n'],
    OKP: ['crv', 'kty', 'x'],
  };
  const members = required[String(jwk['kty'])] ?? [];
  const json = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(jwk[m])}`).join(',')}}`;
  return createHash('sha256').update(json).digest('base64url');
}

const bytes = (b64url: unknown) => Buffer.from(String(b64url), 'base64url').length;

describe('createSigningKey', () => {
  it.each(PROVIDER_ALGS_ACCEPTED)(
    '%s: the key the algorithm calls for, published without its private part',
    async (alg) => {
      const key = await createSigningKey(alg);
      expect(key.jwks.keys).toHaveLength(1);
      const [jwk] = key.jwks.keys;
      expect(jwk).toMatchObject({ alg, use: 'sig', kid: key.kid });
      if (alg === 'ES256') {
        // RFC 7518 §3.4: ES256 is ECDSA on P-256.
        expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
        expect([bytes(jwk?.x), bytes(jwk?.y)]).toEqual([32, 32]);
      } else if (alg === 'RS256') {
        // RFC 7518 §3.3: a key of 2048 bits or larger.
        expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
        expect(bytes(jwk?.n)).toBe(256);
      } else {
        // RFC 8037 §2: an Ed25519 key is an OKP key with a 32-byte x.
        expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
        expect(bytes(jwk?.x)).toBe(32);
      }
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'])
        expect(jwk).not.toHaveProperty(secret);
      expect(key.kid).toBe(thumbprint({ ...jwk }));
      expect(key.privateKey.type).toBe('private');
      expect(key.publicKey.type).toBe('public');
    },
  );

  it.each(PROVIDER_ALGS_ACCEPTED)(
    '%s: a key saved and read back is the same key, with the same kid',
    async (alg) => {
      const key = await createSigningKey(alg);
      const back = await importSigningKey(await exportPrivateJwk(key), alg);
      expect(back.kid).toBe(key.kid);
      expect(back.jwks).toEqual(key.jwks);
      expect(back.privateKey.equals(key.privateKey)).toBe(true);
    },
  );
});
