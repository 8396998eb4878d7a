/**
 * The provider's form parser (src/provider/http.ts) reads a body in one pass instead of validating every
 * part and then handing the body to URLSearchParams. These properties pin it to what it replaced: where
 * every %-escape is valid UTF-8 it gives exactly URLSearchParams' parameters (first value, repeats
 * counted), and it refuses a body exactly when a part's %-escapes are not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError, Params } from '../../src/provider/http.js';

/** What the parser before this one accepted: every "&"-part decodes with decodeURIComponent. */
function oldAccepts(body: string): boolean {
  try {
    for (const part of body.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

function viaUrlSearchParams(body: string): { entries: [string, string][]; repeated: string[] } {
  const first = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const [k, v] of new URLSearchParams(body)) {
    if (!first.has(k)) first.set(k, v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return {
    entries: [...first],
    repeated: [...counts].filter(([, n]) => n > 1).map(([k]) => k),
  };
}

// Bodies built from the characters that matter to the grammar, escapes (valid, invalid, partial) and text.
const piece = fc.oneof(
  fc.constantFrom(
    '&',
    '=',
    '+',
    '%',
    '%2',
    '%zz',
    '%20',
    '%3D',
    '%26',
    '%2B',
    '%C3%A9',
    '%C3',
    '%FF',
  ),
  fc.constantFrom('grant_type', 'scope', 'code', 'a', 'é', '😀'),
  fc.string({ maxLength: 6 }),
);
const body = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));

describe('Params.fromForm', () => {
  it('property: same parameters as URLSearchParams where the escapes are valid, an error where not', () => {
    fc.assert(
      fc.property(body, (text) => {
        if (!oldAccepts(text)) {
          expect(() => Params.fromForm(text)).toThrow(HttpError);
          return;
        }
        const params = Params.fromForm(text);
        const expected = viaUrlSearchParams(text);
        expect(params.entries()).toEqual(expected.entries);
        expect(params.repeated()).toEqual(expected.repeated);
        for (const [k, v] of expected.entries) expect(params.get(k)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes "+" and escapes, keeps the first of repeated values, and names what was repeated', () => {
    const p = Params.fromForm('scope=notes.read+openid&code=a%2Bb&&flag&scope=x');
    expect(p.get('scope')).toBe('notes.read openid');
    expect(p.get('code')).toBe('a+b');
    expect(p.get('flag')).toBe('');
    expect(p.has('missing')).toBe(false);
    expect(p.repeated()).toEqual(['scope']);
  });

  it('refuses a bad %-escape and an escape that is not UTF-8 with invalid_request', () => {
    for (const text of ['grant_type=%zz', 'a=%C3', 'a%FF=1']) {
      const error = (() => {
        try {
          Params.fromForm(text);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, text).toBeInstanceOf(HttpError);
      if (error instanceof HttpError) {
        expect(error.status).toBe(400);
        expect(error.error).toBe('invalid_request');
      }
    }
  });
});

describe('Params.fromQuery', () => {
  // /authorize reads its query with fromQuery(url.search) instead of fromSearch(url.searchParams): the
  // same parameters and repeats for every query, a bad or non-UTF-8 escape included (kept as
  // URLSearchParams keeps it, never refused: the authorization endpoint's answers to those are unchanged).
  it('property: the parameters and repeats URLSearchParams gives, for any query', () => {
    fc.assert(
      fc.property(body, (text) => {
        for (const search of [text, `?${text}`]) {
          const params = Params.fromQuery(search);
          const expected = Params.fromSearch(new URLSearchParams(search));
          expect(params.entries()).toEqual(expected.entries());
          expect(params.repeated()).toEqual(expected.repeated());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a bad escape as URLSearchParams does, and reads the bench query like a form', () => {
    expect(Params.fromQuery('?state=%zz&nonce=%C3&x=1').entries()).toEqual([
      ['state', '%zz'],
      ['nonce', '\ufffd'],
      ['x', '1'],
    ]);
    expect(Params.fromQuery('?scope=openid+notes.read&state=a%26b').get('state')).toBe('a&b');
  });
});
