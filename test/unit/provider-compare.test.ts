/**
 * The provider's comparisons of presented values (src/provider/client-auth.ts): sameToken for values it made
 * whose length is public (CSRF tokens, PKCE challenges), matchesHeldSecret for secrets it holds (client
 * secrets, passwords), whose digest is kept per owner and must follow a changed secret.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesHeldSecret, sameToken } from '../../src/provider/client-auth.js';
import { binaryString } from '../helpers/arbitraries.js';

describe('sameToken', () => {
  // Any code points, and any UTF-16 code units (lone surrogates among them, which binaryString never makes).
  const anyString = fc.oneof(
    binaryString(),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) }),
  );

  it('is string equality, for any strings (lengths, non-ASCII, lone surrogates)', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        // Lone surrogates encode alike (U+FFFD) in UTF-8: those pairs are the one place bytes and text differ.
        if (Buffer.from(a).equals(Buffer.from(b)) && a !== b) return;
        expect(sameToken(a, b)).toBe(a === b);
        expect(sameToken(a, a)).toBe(true);
      }),
    );
  });

  it('two different lone surrogates are the same UTF-8 bytes (U+FFFD), the one case the property passes over', () => {
    expect(Buffer.from('\ud800').equals(Buffer.from('\udfff'))).toBe(true);
    expect(sameToken('\ud800', '\ud800')).toBe(true);
  });

  it('compares every bit of a character: U+0141 and U+0041 share their low byte, and differ', () => {
    expect(sameToken('\u0141', 'A')).toBe(false);
    expect(sameToken(`x\u0141y`, 'xAy')).toBe(false);
  });

  it('tells apart a 43-character token from one that differs in its last character or length', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken(`${token.slice(0, 42)}f`, token)).toBe(false);
    expect(sameToken(token.slice(0, 42), token)).toBe(false);
    expect(sameToken(`${token}e`, token)).toBe(false);
    expect(sameToken('', token)).toBe(false);
  });
});

describe('matchesHeldSecret', () => {
  it('is string equality, for any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (presented, secret) => {
        expect(matchesHeldSecret(presented, {}, secret)).toBe(presented === secret);
      }),
    );
  });

  it('follows a changed secret of the same owner (the kept digest is made again)', () => {
    const user = { password: 'wonderland' };
    expect(matchesHeldSecret('wonderland', user, user.password)).toBe(true);
    user.password = 'looking-glass';
    expect(matchesHeldSecret('wonderland', user, user.password)).toBe(false);
    expect(matchesHeldSecret('looking-glass', user, user.password)).toBe(true);
  });
});
