/**
 * One rule shortens a secret (src/oauth/redact.ts): the flow's notes (`mask`) and the redactor
 * (what the terminal, --json and --transcript show) give the same stub, and a stub shortened again
 * is unchanged, so no part of the output can show a secret two ways.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redactor, shortSecret, shortToken } from '../../src/oauth/redact.js';
import { mask } from '../../src/oauth/flow.js';

const secret = fc.string({ unit: fc.constantFrom(...'abcXYZ0189-_'), minLength: 1, maxLength: 80 });

describe('shortSecret', () => {
  it('is what the notes and the redactor both show', () => {
    fc.assert(
      fc.property(secret, (s) => {
        const r = new Redactor(false);
        r.secret(s);
        expect(mask(s)).toBe(shortSecret(s));
        expect(r.text(s)).toBe(shortSecret(s));
      }),
    );
  });

  it('shortens a stub to itself, and says nothing of the length', () => {
    fc.assert(
      fc.property(secret, (s) => {
        expect(shortSecret(shortSecret(s))).toBe(shortSecret(s));
        if (s.length > 8) expect(shortSecret(s)).toBe(`${s.slice(0, 6)}…(redacted)`);
        else expect(shortSecret(s)).toBe('••••');
      }),
    );
  });

  it('a token keeps 8 + 4 characters, so it can be recognised across steps', () => {
    expect(shortToken('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl')).toBe('eyJhbGci…dXJl');
    expect(shortToken('short')).toBe('…(redacted)');
  });
});
