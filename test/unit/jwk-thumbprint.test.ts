/**
 * RFC 7638 thumbprints made with node:crypto (src/protocol/jwk-thumbprint.ts) are jose's, for every key
 * type the provider signs with, and the RFC's own example; anything else is refused, not hashed.
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { jwkThumbprint } from '../../src/protocol/jwk-thumbprint.js';

describe('jwkThumbprint', () => {
  it("is RFC 7638 §3.1's example", () => {
    // RFC 7638 §3.1: the RSA key of the example and its thumbprint.
    const jwk = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  // Three keys of each type, but one RSA key: its members are always the same shape (a 256-byte
  // "n" with its top bit set, "e" AQAB), and making one costs about 0.2 s of CPU.
  it.each([
    ['EC P-256', 3, () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['RSA 2048', 1, () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['Ed25519', 3, () => generateKeyPairSync('ed25519')],
  ] as const)('is the one jose computes, for %s keys', async (_, keys, make) => {
    for (let i = 0; i < keys; i++) {
      const jwk = make().publicKey.export({ format: 'jwk' });
      expect(jwkThumbprint({ ...jwk, alg: 'x', use: 'sig' })).toBe(
        await calculateJwkThumbprint(jwk),
      );
    }
  });

  it('refuses a key type or a member it does not cover', () => {
    expect(() => jwkThumbprint({ kty: 'oct', k: 'AAAA' })).toThrow(/kty oct/);
    expect(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'AAAA' })).toThrow(/"y"/);
    expect(() => jwkThumbprint({})).toThrow(/kty/);
  });
});
