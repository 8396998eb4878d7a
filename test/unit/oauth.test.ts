/** The client's pure checks: the authorization response (issue 12 item 6) and what the flow records (item 7). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAuthorizationResponse } from '../../src/oauth/authorization-response.js';
import { Redactor } from '../../src/oauth/redact.js';
import { parseTokenResponse } from '../../src/oauth/token-response.js';

const expected = {
  issuer: 'http://127.0.0.1:4000',
  issParameterSupported: true,
  state: 'our-state',
};
const params = (p: Record<string, string>) => new URLSearchParams(p);

describe('checkAuthorizationResponse', () => {
  it('accepts a response with the right iss and state, and returns the code', () => {
    expect(
      checkAuthorizationResponse(
        params({ code: 'c', state: 'our-state', iss: expected.issuer }),
        expected,
      ),
    ).toMatchObject({ ok: true, code: 'c' });
  });

  it('checks iss, then state, then error, then the code', () => {
    const bad = { code: '', state: 'forged', iss: 'http://evil.example', error: 'access_denied' };
    expect(checkAuthorizationResponse(params(bad), expected)).toMatchObject({
      ok: false,
      failed: 'iss',
    });
    expect(
      checkAuthorizationResponse(params({ ...bad, iss: expected.issuer }), expected),
    ).toMatchObject({ ok: false, failed: 'state' });
    expect(
      checkAuthorizationResponse(
        params({ ...bad, iss: expected.issuer, state: 'our-state' }),
        expected,
      ),
    ).toMatchObject({ ok: false, failed: 'error', error: 'access_denied' });
    expect(
      checkAuthorizationResponse(
        params({ code: '', iss: expected.issuer, state: 'our-state' }),
        expected,
      ),
    ).toMatchObject({ ok: false, failed: 'code' });
  });

  it('refuses a missing iss when the provider advertises it (RFC 9207 §2.4), and accepts it when it does not', () => {
    expect(
      checkAuthorizationResponse(params({ code: 'c', state: 'our-state' }), expected),
    ).toMatchObject({ ok: false, failed: 'iss' });
    expect(
      checkAuthorizationResponse(params({ code: 'c', state: 'our-state' }), {
        ...expected,
        issParameterSupported: false,
      }),
    ).toMatchObject({ ok: true });
  });

  // The bug of issue 12 item 6: a forged ?error=… was believed without a state check.
  it('property: whatever else a callback carries, a wrong state is never read as an error or a code', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('code', 'error', 'error_description', 'foo'), fc.string()),
        fc.option(fc.string().filter((s) => s !== 'our-state')),
        (extra, state) => {
          const p = params({ ...extra, iss: expected.issuer });
          if (state !== null) p.set('state', state);
          const r = checkAuthorizationResponse(p, expected);
          return !r.ok && r.failed === 'state';
        },
      ),
    );
  });
});

describe('Redactor', () => {
  it('shortens tokens (first 8, last 4), secrets and Basic credentials wherever they appear, URL-encoded too', () => {
    const r = new Redactor(false);
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
    r.token(jwt);
    r.secret('s3cr3t+/=value-long');
    r.basic('Basic YXBwOnMzY3IzdA==', 'app');
    const text = `${jwt} secret=${encodeURIComponent('s3cr3t+/=value-long')} ${new URLSearchParams({ s: 's3cr3t+/=value-long' })} Basic YXBwOnMzY3IzdA== sig c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU`;
    const out = r.text(text);
    expect(out).toBe(
      'eyJhbGci…1cmU secret=s3cr3t…(redacted) s=s3cr3t…(redacted) Basic <base64 of app:client_secret, redacted> sig c2lnbmF0…1cmU',
    );
    expect(new Redactor(true).text(text)).toBe(text);
  });
});

// Issue 15: the token endpoint's answer is parsed into its type, never cast; the problem names the member.
describe('parseTokenResponse (RFC 6749 §5.1)', () => {
  const good = { access_token: 'at', token_type: 'Bearer', expires_in: 3600 };

  it('accepts a token response and keeps every member', () => {
    expect(
      parseTokenResponse({ ...good, refresh_token: 'rt', scope: 'a b', id_token: 'x.y.z', n: 1 }),
    ).toEqual({
      ok: true,
      tokens: { ...good, refresh_token: 'rt', scope: 'a b', id_token: 'x.y.z', n: 1 },
    });
    expect(parseTokenResponse({ access_token: 'at', token_type: 'DPoP' })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [[good], 'the body is not a JSON object (RFC 6749 §5.1)'],
    [{ token_type: 'Bearer' }, '"access_token" is missing (RFC 6749 §5.1)'],
    [{ access_token: 'at' }, '"token_type" is missing (RFC 6749 §5.1)'],
    [{ ...good, token_type: 7 }, '"token_type" is 7, not a non-empty string (RFC 6749 §5.1)'],
    [
      { ...good, expires_in: '3600' },
      '"expires_in" is "3600", not a number of seconds (RFC 6749 §5.1)',
    ],
    [{ ...good, refresh_token: null }, '"refresh_token" is null, not a string (RFC 6749 §5.1)'],
    [{ ...good, scope: ['a'] }, '"scope" is ["a"], not a string of space-separated scopes'],
    [{ ...good, id_token: {} }, '"id_token" is {}, not a string (a JWT) (OpenID Connect Core'],
  ])('%j: %s', (body, problem) => {
    const r = parseTokenResponse(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(problem);
  });

  it('never throws, and accepts exactly the bodies with the required members of the right types', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          // Bodies close to a token response: each member missing, of the right type, or of any other.
          fc.record(
            Object.fromEntries(
              [
                'access_token',
                'token_type',
                'expires_in',
                'refresh_token',
                'scope',
                'id_token',
              ].map((k) => [
                k,
                fc.oneof(fc.string(), fc.integer({ min: -5, max: 99999 }), fc.jsonValue()),
              ]),
            ),
            { requiredKeys: [] },
          ),
        ),
        (body) => {
          const r = parseTokenResponse(body);
          const o = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
          const str = (v: unknown) => typeof v === 'string';
          const right =
            o === body &&
            str(o['access_token']) &&
            o['access_token'] !== '' &&
            str(o['token_type']) &&
            o['token_type'] !== '' &&
            (o['expires_in'] === undefined ||
              (typeof o['expires_in'] === 'number' && o['expires_in'] >= 0)) &&
            ['refresh_token', 'scope', 'id_token'].every((k) => o[k] === undefined || str(o[k]));
          expect(r.ok).toBe(right);
        },
      ),
      { numRuns: 300 },
    );
  });
});
