/**
 * The authorization response's redirect (src/provider/redirect-uri.ts withParams) is made without parsing
 * the redirect URI again when it has no query or fragment, and the consent page's form-action origin
 * (uriOrigin) from a URI parsed once. These properties pin both to what the URL API gives, which the
 * provider used before: the same string for any registered URI and any parameter values, a registered
 * query kept (RFC 6749 §3.1.2) and a parameter it already has replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uriOrigin, withParams } from '../../src/provider/redirect-uri.js';

/** What the provider did before: parse, add every parameter to the query, serialise. */
function viaUrl(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  const query = new URLSearchParams(u.search);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  u.search = query.toString();
  return u.href;
}

// URIs the URL parser serialises differently from how they are written (case, default port, dot
// segments, escapes), a bare "?" or "#", a registered query, and loopback ports (RFC 8252 §7.3).
const uri = fc
  .tuple(
    fc.constantFrom(
      'http://127.0.0.1',
      'http://127.0.0.1:9',
      'http://[::1]:8080',
      'http://LOCALHOST:80',
      'https://App.Example:443',
      'https://app.example',
      'com.example.app:',
      'myapp:',
    ),
    fc.constantFrom('/callback', '', '/a/../cb', '/caf\u00e9', '/a%2fb', '/x y', '//double'),
    fc.constantFrom('', '?', '?code=old', '?a=1&b=%20', '?state=s&x', '#', '#frag', '?q#f'),
  )
  .map(([base, path, tail]) => `${base}${path}${tail}`)
  .filter((u) => URL.canParse(u));

const value = fc.oneof(
  fc.constantFrom(
    undefined,
    '',
    'a b',
    'a+b',
    '50%',
    '&=?#',
    '\u00e9\ud83d\ude00',
    'http://127.0.0.1:1',
  ),
  fc.string({ maxLength: 12 }),
);
const params = fc.record(
  { code: value, error: value, error_description: value, state: value, iss: value },
  { requiredKeys: [] },
);

describe('withParams', () => {
  it('property: the same string as adding the parameters through the URL API', () => {
    fc.assert(
      fc.property(uri, params, (u, p) => {
        expect(withParams(u, p)).toBe(viaUrl(u, p));
        // A second call reads the URI parsed by the first.
        expect(withParams(u, p)).toBe(viaUrl(u, p));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds the response to a bare URI with "?" and keeps a registered query, replacing its parameter', () => {
    expect(
      withParams('http://127.0.0.1:9/callback', { code: 'c', state: 'a b', iss: 'http://x' }),
    ).toBe('http://127.0.0.1:9/callback?code=c&state=a+b&iss=http%3A%2F%2Fx');
    expect(withParams('http://127.0.0.1/cb?', { code: 'c' })).toBe('http://127.0.0.1/cb?code=c');
    expect(withParams('https://app.example/cb?code=old&x=1', { code: 'new' })).toBe(
      'https://app.example/cb?code=new&x=1',
    );
  });
});

describe('uriOrigin', () => {
  it("property: the URL API's origin", () => {
    fc.assert(
      fc.property(uri, (u) => {
        expect(uriOrigin(u)).toBe(new URL(u).origin);
      }),
    );
  });
});
