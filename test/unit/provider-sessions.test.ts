/**
 * sessionIdFrom (src/provider/sessions.ts): the session id in a Cookie header, read by the cookie
 * library. Whatever a browser (or anyone) sends, it never throws, and it finds only a value shaped like
 * a session id under the provider's own cookie name, among any other cookies (RFC 6265 §4.2.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionIdFrom } from '../../src/provider/sessions.js';
import { binaryString } from '../helpers/arbitraries.js';

const NAME = 'mockprovider_session_4000';
const ID = /^[A-Za-z0-9_-]{43}$/;

/** A cookie-name (an RFC 7230 token) and a cookie-value without ";", "," or spaces (RFC 6265 §4.1.1). */
const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
const value = fc.stringMatching(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]{0,60}$/);
const sessionId = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);

describe('sessionIdFrom', () => {
  it('property: never throws on any header, and returns only a session-id-shaped value', () => {
    fc.assert(
      fc.property(binaryString(), (header) => {
        const id = sessionIdFrom(header, NAME);
        if (id !== undefined) expect(id).toMatch(ID);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: finds the session among other cookies, in any place', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            token.filter((n) => n !== NAME),
            value,
          ),
          { maxLength: 8 },
        ),
        sessionId,
        fc.nat(),
        (others, id, at) => {
          const pairs = others.map(([n, v]) => `${n}=${v}`);
          pairs.splice(at % (pairs.length + 1), 0, `${NAME}=${id}`);
          expect(sessionIdFrom(pairs.join('; '), NAME)).toBe(id);
        },
      ),
    );
  });

  it('property: the first of two cookies with the name counts (RFC 6265 §5.4: the longer path first)', () => {
    fc.assert(
      fc.property(sessionId, sessionId, (first, second) => {
        expect(sessionIdFrom(`${NAME}=${first}; ${NAME}=${second}`, NAME)).toBe(first);
      }),
    );
  });

  it("ignores another port's provider, a malformed value and an empty header", () => {
    const id = 'A'.repeat(43);
    expect(sessionIdFrom(`mockprovider_session_4001=${id}`, NAME)).toBeUndefined();
    expect(sessionIdFrom(`${NAME}=${id}x`, NAME)).toBeUndefined();
    expect(sessionIdFrom(`${NAME}=${id.slice(1)}%`, NAME)).toBeUndefined();
    expect(sessionIdFrom('', NAME)).toBeUndefined();
    expect(sessionIdFrom(undefined, NAME)).toBeUndefined();
    expect(sessionIdFrom(` ${NAME} = ${id} `, NAME)).toBe(id);
  });
});
