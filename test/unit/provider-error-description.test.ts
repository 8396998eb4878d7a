/**
 * wireErrorDescription: what the provider puts in error_description on the wire. RFC 6749 §4.1.2.1 and
 * §5.2: 'Values for the "error_description" parameter MUST NOT include characters outside the set
 * %x20-21 / %x23-5B / %x5D-7E'.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wireErrorDescription } from '../../src/provider/error-text.js';

const WIRE_SAFE = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

describe('wireErrorDescription', () => {
  it('keeps the teaching text readable: § as "section", dashes, quotes and arrows as ASCII', () => {
    expect(wireErrorDescription('repeated parameter: scope (RFC 6749 §3.1)')).toBe(
      'repeated parameter: scope (RFC 6749 section 3.1)',
    );
    expect(wireErrorDescription('the verifier must be 43–128 characters — see "RFC 7636"')).toBe(
      "the verifier must be 43-128 characters - see 'RFC 7636'",
    );
    expect(wireErrorDescription('a\\b → c … d ≠ e')).toBe('a/b -> c ... d != e');
  });

  it('anything else outside the set becomes "?", one per code point', () => {
    expect(wireErrorDescription('scope not allowed: été\n😀')).toBe('scope not allowed: ?t? ?');
  });

  it('any string comes out wire-safe, and a wire-safe one comes out unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        expect(wireErrorDescription(s)).toMatch(WIRE_SAFE);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...' !#$%&()*+,-./09:;<=>?@AZ[]^_`az{|}~'.split('')),
          maxLength: 80,
        }),
        (s) => {
          expect(wireErrorDescription(s)).toBe(s);
        },
      ),
    );
  });

  it('1 MB of one character, or of a repeated mix, in one linear pass', () => {
    for (const unit of ['§', '"', 'x', '😀', 'a§"\\—\n']) {
      const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const out = wireErrorDescription(big);
      expect(out).toMatch(WIRE_SAFE);
      expect(out.length).toBeGreaterThanOrEqual(big.length / 2);
    }
  });
});
