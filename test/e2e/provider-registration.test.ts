/**
 * Issue 12, provider item 3: dynamic registration (RFC 7591) validates every
 * redirect URI of every client, whatever its grants, answers any body with a
 * 4xx (never a 5xx), and /authorize lets only a loopback port vary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { authorizeUrl } from '../helpers/oauth.js';
import { webUrl } from '../helpers/arbitraries.js';

let p: RunningProvider;
beforeAll(
  async () =>
    (p = await startProvider({
      port: 0,
      limits: { registrationsPerMinute: 100_000, maxClients: 100_000 },
    })),
);
afterAll(async () => p.close());

async function register(body: unknown) {
  const res = await fetch(`${p.issuer}/register`, {
    method: 'POST',
    // A new connection per request: with one kept alive, a first request after a
    // stall of the event loop (a loaded machine) can race the server closing the
    // idle connection and fail with ECONNRESET, which says nothing about the provider.
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
}

describe('redirect URIs at registration', () => {
  const bad = [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
    '/relative/callback',
    'https:app.example/cb',
    'https://app.example/cb#fragment',
    'https://app.example/cb#',
    'https://user:pass@app.example/cb',
    'https://user@app.example/cb',
    'http://app.example/cb',
    'ftp://app.example/cb',
    'custom.scheme:/cb',
  ];
  it.each(bad)('%s → 400 invalid_redirect_uri, for every kind of client', async (uri) => {
    for (const grants of [undefined, ['client_credentials'], ['refresh_token']]) {
      const r = await register({
        redirect_uris: [uri],
        ...(grants === undefined ? {} : { grant_types: grants }),
      });
      expect(r.status, `${uri} ${String(grants)}`).toBe(400);
      expect(r.json['error'], `${uri} ${String(grants)}`).toBe('invalid_redirect_uri');
    }
  });

  it('accepts https anywhere and http on loopback; redirect_uris must be a list of strings', async () => {
    for (const uri of [
      'https://app.example/cb',
      'https://app.example:8443/cb?x=1',
      'http://127.0.0.1:3000/cb',
      'http://localhost/cb',
      'http://[::1]/cb',
    ])
      expect((await register({ redirect_uris: [uri] })).status, uri).toBe(201);
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(201);
    for (const uris of ['https://app.example/cb', [1], [null], {}, []])
      expect((await register({ redirect_uris: uris })).json['error'], JSON.stringify(uris)).toBe(
        'invalid_redirect_uri',
      );
  });

  it('no 500 from hostile metadata: {"token_endpoint_auth_method":{"toString":1}} is a 400 invalid_client_metadata', async () => {
    for (const body of [
      { token_endpoint_auth_method: { toString: 1 } },
      { redirect_uris: ['https://a.example/cb'], grant_types: { toString: 1 } },
      { redirect_uris: ['https://a.example/cb'], grant_types: [{ toString: 1 }] },
      { redirect_uris: ['https://a.example/cb'], scope: { split: 1 } },
      { redirect_uris: ['https://a.example/cb'], client_name: { trim: 1 } },
      { redirect_uris: ['https://a.example/cb'], response_types: 'code' },
    ]) {
      const r = await register(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json['error'], JSON.stringify(body)).toBe('invalid_client_metadata');
    }
  });

  it('property: any JSON registration body gets 201 or a 4xx with an RFC 7591 error, never a 5xx', async () => {
    const uri = fc.oneof(
      fc.constantFrom(
        'https://a.example/cb',
        'http://127.0.0.1/cb',
        'javascript:x',
        'https://u:p@a.example/',
        'http://a.example/',
        '#',
      ),
      webUrl({ withFragments: true, withQueryParameters: true }),
      fc.string(),
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constant({ toString: 1 }),
      fc.constant({ valueOf: 1, toString: 1 }),
      fc.constant({ __proto__: null }),
    );
    const body = fc.record(
      {
        redirect_uris: fc.oneof(fc.array(uri, { maxLength: 4 }), value),
        token_endpoint_auth_method: fc.oneof(
          fc.constantFrom('client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt'),
          value,
        ),
        grant_types: fc.oneof(
          fc.subarray(['authorization_code', 'refresh_token', 'client_credentials', 'password']),
          value,
        ),
        response_types: fc.oneof(fc.constant(['code']), value),
        scope: fc.oneof(fc.constantFrom('openid', 'openid admin', ''), value),
        client_name: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.jsonValue()), async (b) => {
        const r = await register(b);
        expect(r.status).toBeLessThan(500);
        if (r.status !== 201)
          expect(['invalid_redirect_uri', 'invalid_client_metadata']).toContain(r.json['error']);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('redirect URIs at /authorize', () => {
  it('a loopback redirect may differ only in its port: never a fragment, userinfo, or anything else', async () => {
    const ask = async (redirect_uri: string) => {
      const res = await fetch(
        authorizeUrl(p, {
          response_type: 'code',
          client_id: p.demoClient.client_id,
          redirect_uri,
          scope: 'openid',
          code_challenge: s256(createVerifier()),
          code_challenge_method: 'S256',
        }),
        { redirect: 'manual' },
      );
      return { status: res.status, location: res.headers.get('location') };
    };
    expect((await ask('http://127.0.0.1:5555/callback')).status).toBe(200);
    for (const uri of [
      'http://127.0.0.1:5555/callback#frag',
      'http://127.0.0.1:5555/callback#',
      'http://:pw@127.0.0.1:5555/callback',
      'http://u@127.0.0.1:5555/callback',
      'http://127.0.0.1:5555/callback/',
      'http://127.0.0.1:5555/./callback',
      'http://127.0.0.1:5555/%63allback',
    ]) {
      const r = await ask(uri);
      expect(r.status, uri).toBe(400);
      expect(r.location, uri).toBeNull();
    }
  });
});
