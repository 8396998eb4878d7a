/**
 * The mock provider over real HTTP on 127.0.0.1 (port 0): the happy path,
 * then one negative test per item of the security checklist (issue #3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import * as jose from 'jose';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { DPOP_ALGS } from '../../src/provider/model.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import {
  REDIRECT,
  api,
  authorizeUrl,
  basic,
  getCode,
  post,
  tokenWithCode,
} from '../helpers/oauth.js';

let p: RunningProvider;
let other: RunningProvider;
let offset = 0;
const clock = () => Math.floor(Date.now() / 1000) + offset;

beforeAll(async () => {
  p = await startProvider({ port: 0, clock, demoSecret: 'demo-secret-for-tests-0123456789' });
  other = await startProvider({ port: 0 });
});
afterAll(async () => {
  await p.close();
  await other.close();
});

/** A PKCE challenge for hand-built authorization requests (this provider requires PKCE of every client). */
const pkce = () => ({ code_challenge: s256(createVerifier()), code_challenge_method: 'S256' });
const demoAuth = () => ({
  authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!),
});
const tokenUrl = () => `${p.issuer}/token`;

async function manual(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location'),
    headers: res.headers,
    body: await res.text(),
  };
}

async function registerClient(meta: Record<string, unknown>) {
  const res = await fetch(`${p.issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(meta),
  });
  return { status: res.status, json: (await res.json()) as Record<string, string> };
}

describe('discovery and keys', () => {
  it('issuer equals the base URL exactly, and both metadata documents advertise what the server does', async () => {
    for (const path of [
      '/.well-known/openid-configuration',
      '/.well-known/oauth-authorization-server',
    ]) {
      const meta = (await (await fetch(`${p.issuer}${path}`)).json()) as Record<string, unknown>;
      expect(meta['issuer']).toBe(p.issuer);
      expect(p.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(meta['code_challenge_methods_supported']).toEqual(['S256']);
      expect(meta['authorization_response_iss_parameter_supported']).toBe(true);
      expect(meta['id_token_signing_alg_values_supported']).toEqual(['ES256']);
      expect(meta['response_types_supported']).toEqual(['code']);
      expect(meta['grant_types_supported']).not.toContain('password');
      // /userinfo answers plain JSON, never a signed JWT: nothing to advertise (OIDC Discovery).
      expect(meta).not.toHaveProperty('userinfo_signing_alg_values_supported');
    }
  });

  it('CORS (RFC 9700 §2.6): a preflight to /token is answered, a page may read /jwks; /authorize gets none', async () => {
    const origin = { origin: 'http://127.0.0.1:5173' };
    const pre = await fetch(tokenUrl(), {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(
      /authorization.*content-type.*dpop/,
    );
    const jwks = await fetch(`${p.issuer}/jwks`, { headers: origin });
    expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
    // "CORS MUST NOT be supported at the authorization endpoint".
    const preAuth = await fetch(`${p.issuer}/authorize`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    expect(preAuth.status).toBe(405);
    expect(preAuth.headers.get('access-control-allow-origin')).toBeNull();
    const auth = await fetch(`${p.issuer}/authorize?client_id=nope`, { headers: origin });
    expect(auth.headers.get('access-control-allow-origin')).toBeNull();
    // On every answer, with or without an Origin: a cached copy serves any later fetch.
    expect((await fetch(`${p.issuer}/jwks`)).headers.get('access-control-allow-origin')).toBe('*');
    // Registration is left out: any page could otherwise register clients and read their secrets.
    const preReg = await fetch(`${p.issuer}/register`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    expect(preReg.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('JWKS: public keys only, each with kid, alg and use, served as JSON', async () => {
    const res = await fetch(`${p.issuer}/jwks`);
    expect(res.headers.get('content-type')).toMatch(/^application\/(jwk-set\+)?json/);
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kid: expect.any(String), alg: 'ES256', use: 'sig', kty: 'EC' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('happy path: register, code + PKCE + nonce, tokens, userinfo, API, refresh, revoke', () => {
  it('works end to end, and every token verifies against the JWKS', async () => {
    const reg = await registerClient({ client_name: 'Test app', redirect_uris: [REDIRECT] });
    expect(reg.status).toBe(201);
    const { client_id, client_secret } = reg.json as { client_id: string; client_secret: string };
    const r = await getCode(p, { client_id, nonce: 'n-0S6_WzA2Mj', state: 'st/ate+&=' });
    expect(r.location.searchParams.get('state')).toBe('st/ate+&=');
    expect(r.location.searchParams.get('iss')).toBe(p.issuer);
    const t = await post(
      tokenUrl(),
      {
        grant_type: 'authorization_code',
        code: r.code,
        redirect_uri: REDIRECT,
        code_verifier: r.verifier,
      },
      { authorization: basic(client_id, client_secret) },
    );
    expect(t.status).toBe(200);
    const jwks = jose.createRemoteJWKSet(new URL(`${p.issuer}/jwks`));
    const at = await jose.jwtVerify(t.json['access_token'] as string, jwks, {
      issuer: p.issuer,
      audience: `${p.issuer}/api`,
      typ: 'at+jwt',
    });
    expect(at.payload).toMatchObject({
      sub: 'user-alice-0001',
      client_id,
      scope: 'openid profile email notes.read offline_access',
      jti: expect.any(String),
    });
    const id = await jose.jwtVerify(t.json['id_token'] as string, jwks, {
      issuer: p.issuer,
      audience: client_id,
    });
    expect(id.payload).toMatchObject({
      nonce: 'n-0S6_WzA2Mj',
      sub: 'user-alice-0001',
      auth_time: expect.any(Number),
      at_hash: expect.any(String),
    });

    const accessToken = t.json['access_token'] as string;
    expect(JSON.parse((await api(p, '/userinfo', accessToken)).body)).toMatchObject({
      sub: 'user-alice-0001',
      email: 'alice@example.test',
    });
    expect((await api(p, '/api/notes', accessToken)).status).toBe(200);
    // UserInfo by POST (OIDC Core §5.3.1), the token in the header; the form body is not a method
    // this server takes (RFC 6750 §2.2 is a MAY), and both at once are refused (RFC 6750 §2, §3.1).
    const userinfoPost = (body: Record<string, string>, headers: Record<string, string>) =>
      post(`${p.issuer}/userinfo`, body, headers);
    const bearer = { authorization: `Bearer ${accessToken}` };
    expect((await userinfoPost({}, bearer)).json).toMatchObject({ sub: 'user-alice-0001' });
    const both = await userinfoPost({ access_token: accessToken }, bearer);
    expect(both.status).toBe(400);
    expect(both.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_request"/);
    const bodyOnly = await userinfoPost({ access_token: accessToken }, {});
    expect(bodyOnly.status).toBe(401);
    expect(bodyOnly.headers.get('www-authenticate')).not.toMatch(/error=/);

    const refreshed = await post(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: t.json['refresh_token'] as string },
      { authorization: basic(client_id, client_secret) },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.json['refresh_token']).not.toBe(t.json['refresh_token']);

    const rev = await post(
      `${p.issuer}/revoke`,
      { token: refreshed.json['refresh_token'] as string },
      { authorization: basic(client_id, client_secret) },
    );
    expect(rev.status).toBe(200);
    const again = await post(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: refreshed.json['refresh_token'] as string },
      { authorization: basic(client_id, client_secret) },
    );
    expect(again.json['error']).toBe('invalid_grant');
    expect((await api(p, '/api/notes', refreshed.json['access_token'] as string)).status).toBe(401);
  });

  it('client_credentials gives the app a token of its own', async () => {
    const t = await post(
      tokenUrl(),
      { grant_type: 'client_credentials', scope: 'notes.read' },
      demoAuth(),
    );
    expect(t.status).toBe(200);
    expect(jose.decodeJwt(t.json['access_token'] as string)).toMatchObject({
      sub: p.demoClient.client_id,
      scope: 'notes.read',
    });
  });
});

describe('security checklist', () => {
  it('1. redirect URIs are compared exactly; only loopback IPs may vary the port; http only on loopback', async () => {
    const okPort = await getCode(p, { redirect_uri: 'http://127.0.0.1:5555/callback' });
    expect(okPort.location.port).toBe('5555');
    for (const bad of [
      'http://127.0.0.1:5555/callback/extra',
      'http://localhost:9090/callback',
      'http://127.0.0.1:5555/callback?x=1',
      'http://127.0.0.1/Callback',
    ]) {
      const r = await manual(
        authorizeUrl(p, {
          response_type: 'code',
          client_id: p.demoClient.client_id,
          redirect_uri: bad,
          scope: 'openid',
        }),
      );
      expect(r.status, bad).toBe(400);
      expect(r.location).toBeNull();
    }
    expect((await registerClient({ redirect_uris: ['http://app.example/cb'] })).json['error']).toBe(
      'invalid_redirect_uri',
    );
    expect(
      (await registerClient({ redirect_uris: ['https://app.example/cb#frag'] })).json['error'],
    ).toBe('invalid_redirect_uri');
    expect((await registerClient({ redirect_uris: ['https://app.example/cb'] })).status).toBe(201);
  });

  it('2. an unknown client or unregistered redirect URI gets an error page, never a redirect', async () => {
    const unknown = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: 'nope',
        redirect_uri: 'https://evil.example/cb',
      }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeNull();
    expect(unknown.body).toContain('Unknown application');
    const evil = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: 'https://evil.example/cb',
        scope: 'openid',
      }),
    );
    expect(evil.status).toBe(400);
    expect(evil.location).toBeNull();
    expect(evil.body).not.toContain('evil.example/cb?');
    const expired = await post(`${p.issuer}/authorize/decision`, {
      rid: 'nope',
      csrf: 'x',
      action: 'approve',
    });
    expect(expired.status).toBe(400);
    expect(expired.headers.get('location')).toBeNull();
  });

  it('3. other authorization errors are redirected with error, error_description, state and iss', async () => {
    // A plain OAuth request (no openid) with a scope the provider does not know: invalid_scope.
    const r = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'notes.read admin',
        state: 'xyz',
      }),
    );
    expect(r.status).toBe(302);
    const loc = new URL(r.location!);
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(loc.searchParams)).toMatchObject({
      error: 'invalid_scope',
      error_description: expect.stringContaining('admin'),
      state: 'xyz',
      iss: p.issuer,
    });
    const denied = await playConsent(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid',
        state: 's1',
        ...pkce(),
      }),
      { username: 'alice', password: 'wonderland', approve: false },
    );
    expect(Object.fromEntries(new URL(denied.location).searchParams)).toMatchObject({
      error: 'access_denied',
      state: 's1',
      iss: p.issuer,
    });
  });

  it('3b. in an OpenID request, scope values the provider does not understand are ignored (OIDC Core §3.1.2.1)', async () => {
    const r = await getCode(p, { scope: 'openid email address phone' });
    const t = await tokenWithCode(p, r);
    expect(t.status).toBe(200);
    // The scope granted, which differs from the one asked for, is in the response (RFC 6749 §5.1).
    expect(t.json['scope']).toBe('openid email');
    // A scope it knows but the client was not registered for is still refused.
    const refused = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.publicClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid notes.write',
        state: 's',
        ...pkce(),
      }),
    );
    expect(new URL(refused.location ?? 'http://x/').searchParams.get('error')).toBe(
      'invalid_scope',
    );
  });

  it('3c. scope= with no value is as if omitted (RFC 6749 §3.1, §3.2): the registered scope, not none', async () => {
    const t = await tokenWithCode(p, await getCode(p, { scope: '' }));
    expect(t.status).toBe(200);
    expect(t.json['scope']).toBe(p.demoClient.scope);
    expect(t.json['id_token']).toEqual(expect.any(String));
    const refreshed = await post(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: String(t.json['refresh_token']), scope: '' },
      demoAuth(),
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.json['scope']).toBe(p.demoClient.scope);
    const machine = await post(
      tokenUrl(),
      { grant_type: 'client_credentials', scope: '' },
      demoAuth(),
    );
    expect(machine.status).toBe(200);
  });

  it('4. repeated parameters are rejected, and only response_type=code is accepted', async () => {
    const rep = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: ['openid', 'profile'],
        state: 's',
      }),
    );
    expect(new URL(rep.location!).searchParams.get('error')).toBe('invalid_request');
    const repClient = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: [p.demoClient.client_id, p.demoClient.client_id],
        redirect_uri: REDIRECT,
      }),
    );
    expect(repClient.status).toBe(400);
    expect(repClient.location).toBeNull();
    // At the token endpoint the same rule is RFC 6749 §3.2's, and the description says so.
    const repToken = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...demoAuth() },
      body: 'grant_type=client_credentials&grant_type=client_credentials',
    });
    expect(await repToken.json()).toMatchObject({
      error: 'invalid_request',
      error_description:
        'repeated parameter: grant_type (request parameters MUST NOT be included more than once, RFC 6749 section 3.1, section 3.2)',
    });
    const implicit = await manual(
      authorizeUrl(p, {
        response_type: 'token',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid',
      }),
    );
    expect(new URL(implicit.location!).searchParams.get('error')).toBe('unsupported_response_type');
    const t = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...demoAuth() },
      body: 'grant_type=client_credentials&grant_type=client_credentials',
    });
    expect(((await t.json()) as Record<string, string>)['error']).toBe('invalid_request');
  });

  it('5. PKCE: required for public clients, S256 only (plain and unknown methods rejected)', async () => {
    const base = { response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's' };
    const noPkce = await manual(authorizeUrl(p, { ...base, client_id: p.publicClient.client_id }));
    expect(new URL(noPkce.location!).searchParams.get('error')).toBe('invalid_request');
    const challenge = s256('a'.repeat(43));
    for (const method of ['plain', 'S512']) {
      const r = await manual(
        authorizeUrl(p, {
          ...base,
          client_id: p.publicClient.client_id,
          code_challenge: challenge,
          code_challenge_method: method,
        }),
      );
      expect(Object.fromEntries(new URL(r.location!).searchParams)).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringContaining('S256'),
      });
    }
    const noMethod = await manual(
      authorizeUrl(p, { ...base, client_id: p.publicClient.client_id, code_challenge: challenge }),
    );
    expect(new URL(noMethod.location!).searchParams.get('error')).toBe('invalid_request');
    const ok = await getCode(p, { client_id: p.publicClient.client_id });
    const t = await post(tokenUrl(), {
      grant_type: 'authorization_code',
      client_id: p.publicClient.client_id,
      code: ok.code,
      redirect_uri: REDIRECT,
      code_verifier: ok.verifier,
    });
    expect(t.status).toBe(200);
  });

  it('5b. (issue 11) PKCE is required of every client by default; --allow-no-pkce relaxes it for confidential clients only', async () => {
    const base = { response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's' };
    const confidential = await manual(
      authorizeUrl(p, { ...base, client_id: p.demoClient.client_id }),
    );
    expect(Object.fromEntries(new URL(confidential.location!).searchParams)).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('PKCE is required for every client'),
    });
    const checks: string[] = [];
    const lax = await startProvider({
      port: 0,
      allowNoPkce: true,
      onRequest: (e) => checks.push(...e.checks.map((c) => c.text)),
    });
    try {
      const page = await manual(
        authorizeUrl(lax, { ...base, client_id: lax.demoClient.client_id }),
      );
      expect(page.status).toBe(200);
      const pub = await manual(
        authorizeUrl(lax, { ...base, client_id: lax.publicClient.client_id }),
      );
      expect(new URL(pub.location!).searchParams.get('error_description')).toContain(
        'PKCE is required for public clients',
      );
      expect(checks).toContain(
        'no PKCE: accepted only because this provider runs with --allow-no-pkce',
      );
    } finally {
      await lax.close();
    }
  });

  it('6. the consent form: CSRF token, no framing, no referrer, 303 after POST', async () => {
    const page = await manual(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid',
        state: 's',
        ...pkce(),
      }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // same-origin, so the page's own form is posted with its Origin (page-form.ts checks it).
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    const rid = /name="rid" value="([^"]+)"/.exec(page.body)![1]!;
    expect(page.body).toMatch(/name="csrf" value="[A-Za-z0-9_-]{40,}"/);
    const forged = await post(`${p.issuer}/authorize/decision`, {
      rid,
      csrf: 'forged',
      username: 'alice',
      password: 'wonderland',
      action: 'approve',
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('location')).toBeNull();
    const good = await playConsent(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid',
        ...pkce(),
      }),
      { username: 'alice', password: 'wonderland' },
    );
    expect(good.location).toContain('code=');
  });

  it('7. the authorization response carries code, the unchanged state, and iss', async () => {
    const r = await getCode(p, { state: 'a b&c=d/é' });
    expect(r.location.searchParams.get('state')).toBe('a b&c=d/é');
    expect(r.location.searchParams.get('iss')).toBe(p.issuer);
    expect(r.location.searchParams.get('code')).toBeTruthy();
  });

  it('8. codes: ≥128 bits, 60 seconds, bound to client, redirect_uri, challenge, nonce, scope and user', async () => {
    const r = await getCode(p, {
      scope: 'openid notes.read',
      nonce: 'nonce-8',
      user: 'bob',
      password: 'builder',
    });
    expect(Buffer.from(r.code, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const t = await tokenWithCode(p, r);
    expect(t.json['scope']).toBe('openid notes.read');
    expect(jose.decodeJwt(t.json['id_token'] as string)).toMatchObject({
      nonce: 'nonce-8',
      sub: 'user-bob-0002',
    });
    const late = await getCode(p);
    offset += 61;
    try {
      expect((await tokenWithCode(p, late)).json).toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringContaining('expired'),
      });
    } finally {
      offset -= 61;
    }
    const reg = await registerClient({ redirect_uris: [REDIRECT] });
    const stolen = await getCode(p);
    const otherClient = await post(
      tokenUrl(),
      {
        grant_type: 'authorization_code',
        code: stolen.code,
        redirect_uri: REDIRECT,
        code_verifier: stolen.verifier,
      },
      { authorization: basic(reg.json['client_id']!, reg.json['client_secret']!) },
    );
    expect(otherClient.json).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('another client'),
    });
  });

  it('8b. (issue 12) a code belongs to its client: another client presenting it gets invalid_grant and changes nothing', async () => {
    // The thief has its own registration, the victim's code and even its verifier; RFC 6749 §4.1.3 still refuses it.
    const thief = await registerClient({ redirect_uris: [REDIRECT] });
    const thiefAuth = {
      authorization: basic(thief.json['client_id']!, thief.json['client_secret']!),
    };
    const victim = await getCode(p);
    const stolen = await post(
      tokenUrl(),
      {
        grant_type: 'authorization_code',
        code: victim.code,
        redirect_uri: REDIRECT,
        code_verifier: victim.verifier,
      },
      thiefAuth,
    );
    expect(stolen.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'authorization code was issued to another client',
    });
    // Nothing changed: the code is not used up, so its owner still redeems it.
    const own = await tokenWithCode(p, victim);
    expect(own.status).toBe(200);
    // Presenting the now-spent code again from the other client is not a replay by its owner: the owner's tokens stay valid.
    expect(
      (
        await post(
          tokenUrl(),
          {
            grant_type: 'authorization_code',
            code: victim.code,
            redirect_uri: REDIRECT,
            code_verifier: victim.verifier,
          },
          thiefAuth,
        )
      ).json['error'],
    ).toBe('invalid_grant');
    expect((await api(p, '/api/notes', own.json['access_token'] as string)).status).toBe(200);
    // Same for a public client: another public client naming itself gets nothing, and the code survives.
    const pub = await getCode(p, { client_id: p.publicClient.client_id });
    const otherPublic = await registerClient({
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    expect(
      (
        await post(tokenUrl(), {
          grant_type: 'authorization_code',
          client_id: otherPublic.json['client_id'],
          code: pub.code,
          redirect_uri: REDIRECT,
          code_verifier: pub.verifier,
        })
      ).json['error'],
    ).toBe('invalid_grant');
    expect(
      (
        await post(tokenUrl(), {
          grant_type: 'authorization_code',
          client_id: p.publicClient.client_id,
          code: pub.code,
          redirect_uri: REDIRECT,
          code_verifier: pub.verifier,
        })
      ).status,
    ).toBe(200);
  });

  it('9. the token endpoint accepts POST form bodies only', async () => {
    expect((await fetch(tokenUrl())).status).toBe(405);
    const json = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...demoAuth() },
      body: '{"grant_type":"client_credentials"}',
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as Record<string, string>)['error']).toBe('invalid_request');
  });

  it('10. client authentication: basic or post, one per request, 401 invalid_client (+ WWW-Authenticate for basic)', async () => {
    const reg = await registerClient({
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials'],
    });
    const viaPost = await post(tokenUrl(), {
      grant_type: 'client_credentials',
      client_id: reg.json['client_id'],
      client_secret: reg.json['client_secret'],
    });
    expect(viaPost.status).toBe(200);
    const both = await post(
      tokenUrl(),
      { grant_type: 'client_credentials', client_secret: 'x' },
      demoAuth(),
    );
    expect(both.json['error']).toBe('invalid_request');
    const wrongBasic = await post(
      tokenUrl(),
      { grant_type: 'client_credentials' },
      { authorization: basic(p.demoClient.client_id, 'wrong') },
    );
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.json['error']).toBe('invalid_client');
    expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrongPost = await post(tokenUrl(), {
      grant_type: 'client_credentials',
      client_id: reg.json['client_id'],
      client_secret: 'wrong',
    });
    expect(wrongPost.status).toBe(401);
    expect(wrongPost.headers.get('www-authenticate')).toBeNull();
    const wrongMethod = await post(
      tokenUrl(),
      { grant_type: 'client_credentials' },
      { authorization: basic(reg.json['client_id']!, reg.json['client_secret']!) },
    );
    expect(wrongMethod.status).toBe(401);
  });

  it('11. grant_type: missing → invalid_request, unknown → unsupported_grant_type, not allowed → unauthorized_client', async () => {
    expect((await post(tokenUrl(), {}, demoAuth())).json['error']).toBe('invalid_request');
    expect((await post(tokenUrl(), { grant_type: 'urn:nope' }, demoAuth())).json['error']).toBe(
      'unsupported_grant_type',
    );
    expect(
      (
        await post(
          tokenUrl(),
          { grant_type: 'password', username: 'alice', password: 'wonderland' },
          demoAuth(),
        )
      ).json['error'],
    ).toBe('unsupported_grant_type');
    expect(
      (
        await post(tokenUrl(), {
          grant_type: 'client_credentials',
          client_id: p.publicClient.client_id,
        })
      ).json['error'],
    ).toBe('unauthorized_client');
  });

  it('12. the code must exist and the redirect_uri must be identical', async () => {
    expect(
      (
        await post(
          tokenUrl(),
          { grant_type: 'authorization_code', code: 'made-up', redirect_uri: REDIRECT },
          demoAuth(),
        )
      ).json['error'],
    ).toBe('invalid_grant');
    const r1 = await getCode(p);
    expect(
      (await tokenWithCode(p, r1, { redirect_uri: 'http://127.0.0.1:9998/callback' })).json[
        'error'
      ],
    ).toBe('invalid_grant');
    const r2 = await getCode(p);
    expect((await tokenWithCode(p, r2, { redirect_uri: undefined })).json).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('redirect_uri is required'),
    });
  });

  it('13. codes are single-use: a replay revokes the tokens issued from it; a failed PKCE check changes nothing', async () => {
    const r = await getCode(p);
    const first = await tokenWithCode(p, r);
    expect(first.status).toBe(200);
    expect((await api(p, '/api/notes', first.json['access_token'] as string)).status).toBe(200);
    const replay = await tokenWithCode(p, r);
    expect(replay.json['error']).toBe('invalid_grant');
    expect((await api(p, '/api/notes', first.json['access_token'] as string)).status).toBe(401);
    expect(
      (
        await post(
          tokenUrl(),
          { grant_type: 'refresh_token', refresh_token: first.json['refresh_token'] as string },
          demoAuth(),
        )
      ).json['error'],
    ).toBe('invalid_grant');
    // A wrong verifier is refused before the code is marked used (as node-oidc-provider does),
    // so whoever holds a stolen code cannot burn it: its owner still redeems it.
    const r2 = await getCode(p);
    expect((await tokenWithCode(p, r2, { code_verifier: 'x'.repeat(43) })).json['error']).toBe(
      'invalid_grant',
    );
    expect((await tokenWithCode(p, r2)).status).toBe(200);
  });

  it('14. a stored challenge needs a well-formed matching verifier; a verifier without a challenge is rejected', async () => {
    const r = await getCode(p);
    expect((await tokenWithCode(p, r, { code_verifier: undefined })).json).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('code_verifier is required'),
    });
    const short = await getCode(p);
    expect(
      (await tokenWithCode(p, short, { code_verifier: short.verifier!.slice(0, 42) })).json,
    ).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('43-128'),
    });
    // A code without a challenge exists only on a provider that lets confidential clients skip PKCE.
    const lax = await startProvider({ port: 0, allowNoPkce: true });
    try {
      const none = await getCode(lax, { pkce: false });
      expect(
        (await tokenWithCode(lax, none, { code_verifier: 'v'.repeat(43) })).json,
      ).toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringContaining('no code_challenge'),
      });
    } finally {
      await lax.close();
    }
  });

  it('15. token responses: JSON, no-store, no-cache, Bearer, expires_in', async () => {
    const t = await tokenWithCode(p, await getCode(p));
    expect(t.headers.get('content-type')).toMatch(/^application\/json/);
    expect(t.headers.get('cache-control')).toBe('no-store');
    expect(t.headers.get('pragma')).toBe('no-cache');
    expect(t.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('16b. a client may revoke only its own tokens: another client is refused (RFC 7009 §2.1), and the token still works', async () => {
    const t = await tokenWithCode(p, await getCode(p));
    const reg = await registerClient({ redirect_uris: [REDIRECT] });
    const other = { authorization: basic(reg.json['client_id']!, reg.json['client_secret']!) };
    for (const token of [t.json['access_token'] as string, t.json['refresh_token'] as string]) {
      const refused = await post(`${p.issuer}/revoke`, { token }, other);
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringContaining('RFC 7009 section 2.1'),
      });
    }
    expect((await api(p, '/api/notes', t.json['access_token'] as string)).status).toBe(200);
    const refreshed = await post(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: t.json['refresh_token'] as string },
      demoAuth(),
    );
    expect(refreshed.status).toBe(200);
    // An invalid token is answered 200 whoever it was issued to (RFC 7009 §2.2): an unknown one, and the
    // refresh token just rotated (spent).
    expect((await post(`${p.issuer}/revoke`, { token: 'no-such-token' }, other)).status).toBe(200);
    const spent = await post(
      `${p.issuer}/revoke`,
      { token: t.json['refresh_token'] as string },
      other,
    );
    expect(spent.status).toBe(200);
    // …and revokes nothing: the owner's chain goes on.
    expect((await api(p, '/api/notes', refreshed.json['access_token'] as string)).status).toBe(200);
  });

  it('16. refresh tokens are bound to the client and rotated; reusing an old one revokes the chain', async () => {
    const t = await tokenWithCode(p, await getCode(p));
    const rt1 = t.json['refresh_token'] as string;
    const reg = await registerClient({ redirect_uris: [REDIRECT] });
    expect(
      (
        await post(
          tokenUrl(),
          { grant_type: 'refresh_token', refresh_token: rt1 },
          { authorization: basic(reg.json['client_id']!, reg.json['client_secret']!) },
        )
      ).json['error'],
    ).toBe('invalid_grant');
    const second = await post(
      tokenUrl(),
      { grant_type: 'refresh_token', refresh_token: rt1 },
      demoAuth(),
    );
    const rt2 = second.json['refresh_token'] as string;
    expect(rt2).not.toBe(rt1);
    expect(
      (await post(tokenUrl(), { grant_type: 'refresh_token', refresh_token: rt1 }, demoAuth()))
        .json['error'],
    ).toBe('invalid_grant');
    expect(
      (await post(tokenUrl(), { grant_type: 'refresh_token', refresh_token: rt2 }, demoAuth()))
        .json['error'],
    ).toBe('invalid_grant');
    expect((await api(p, '/api/notes', second.json['access_token'] as string)).status).toBe(401);
  });

  it('17. the API: 401 with WWW-Authenticate Bearer for missing/invalid/expired tokens, 403 insufficient_scope', async () => {
    // RFC 6750 §3.1: no authentication information (no header, or another scheme): the challenges
    // alone, "no error code or other error information", in the header or the body; both schemes this
    // server takes are offered (RFC 9449 §7.2), and the demo API's CORS headers are still there.
    for (const headers of [{}, { authorization: 'Basic YWxpY2U6d29uZGVybGFuZA==' }]) {
      const missing = await api(p, '/api/notes', undefined, {
        origin: 'http://127.0.0.1:5173',
        ...headers,
      });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe(
        `Bearer realm="oauth-tutor", DPoP realm="oauth-tutor", algs="${DPOP_ALGS.join(' ')}"`,
      );
      expect(missing.headers.get('access-control-allow-origin')).toBe('*');
      expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
      expect(missing.body).toBe('');
    }
    // A Bearer or DPoP header that is malformed is an invalid_request, in that scheme's challenge.
    const malformed = await api(p, '/api/notes', undefined, { authorization: 'Bearer a b' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="oauth-tutor", error="invalid_request"/,
    );
    const malformedDpop = await api(p, '/api/notes', undefined, { authorization: 'DPoP a b' });
    expect(malformedDpop.status).toBe(400);
    expect(malformedDpop.headers.get('www-authenticate')).toMatch(
      /^DPoP realm="oauth-tutor", error="invalid_request"/,
    );
    const invalid = await api(p, '/api/notes', 'not-a-token');
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="oauth-tutor", error="invalid_token"/,
    );
    const t = await tokenWithCode(p, await getCode(p, { scope: 'openid' }));
    const scope = await api(p, '/api/notes', t.json['access_token'] as string);
    expect(scope.status).toBe(403);
    expect(scope.headers.get('www-authenticate')).toMatch(
      /error="insufficient_scope".*scope="notes\.read"/,
    );
    const inUrl = await fetch(
      `${p.issuer}/api/notes?access_token=${t.json['access_token'] as string}`,
    );
    expect(inUrl.status).toBe(400);
    offset += 3601;
    try {
      const expired = await api(p, '/userinfo', t.json['access_token'] as string);
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(
        /error="invalid_token", error_description="the access token expired"/,
      );
    } finally {
      offset -= 3601;
    }
  });

  it('18. JWT checks: alg none, foreign keys, ID tokens, other issuers are never accepted as access tokens', async () => {
    const t = await tokenWithCode(p, await getCode(p));
    const claims = jose.decodeJwt(t.json['access_token'] as string);
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const hs = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const foreign = await tokenWithCode(other, await getCode(other));
    for (const [what, token] of [
      ['alg none', none],
      ['HS256 with a guessed secret', hs],
      ['an ID token', t.json['id_token'] as string],
      ['another issuer’s token', foreign.json['access_token'] as string],
    ] as const) {
      expect((await api(p, '/api/notes', token)).status, what).toBe(401);
      expect((await post(`${p.issuer}/introspect`, { token }, demoAuth())).json, what).toEqual({
        active: false,
      });
    }
    expect(
      (
        await post(
          `${p.issuer}/introspect`,
          { token: t.json['access_token'] as string },
          demoAuth(),
        )
      ).json,
    ).toMatchObject({ active: true, sub: 'user-alice-0001' });
  });

  it('19. malformed input of any kind gets a 4xx JSON error, and the server keeps serving', async () => {
    const bodies: [string, RequestInit, number][] = [
      [
        '/register',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' },
        400,
      ],
      [
        '/token',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...demoAuth() },
          body: 'grant_type=%zz',
        },
        400,
      ],
      [
        '/token',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...demoAuth() },
          body: 'a='.padEnd(70_000, 'x'),
        },
        413,
      ],
      [
        '/token',
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: 'Basic !!!',
          },
          body: 'grant_type=client_credentials',
        },
        401,
      ],
      ['/nowhere', {}, 404],
      ['/jwks', { method: 'DELETE' }, 405],
    ];
    for (const [path, init, status] of bodies) {
      const res = await fetch(`${p.issuer}${path}`, init);
      expect(res.status, path).toBe(status);
      const text = await res.text();
      expect(JSON.parse(text), path).toMatchObject({ error: expect.any(String) });
      expect(text).not.toMatch(/\bat .*\.js:\d+/);
    }
    const raw = await new Promise<string>((resolve) => {
      const port = Number(new URL(p.issuer).port);
      const socket = connect(port, '127.0.0.1', () => socket.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${p.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });
});

describe('client_secret_basic: credentials form-urlencoded before Basic encoding (RFC 6749 §2.3.1)', () => {
  it('decodes %-escapes and "+" in the id and secret, takes plain ones as they are, refuses a bad escape', async () => {
    const secret = 'a b+c%d:é';
    const q = await startProvider({
      port: 0,
      clients: [
        {
          client_id: 'app:1',
          client_secret: secret,
          client_name: 'app with odd characters',
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          scope: 'notes.read',
          client_id_issued_at: 0,
        },
      ],
    });
    try {
      const raw = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
      const token = (authorization: string) =>
        fetch(`${q.issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
          body: 'grant_type=client_credentials',
        });
      // encodeURIComponent (space as %20), and the form's own "+" for a space.
      expect((await token(basic('app:1', secret))).status).toBe(200);
      expect((await token(raw('app%3A1:a+b%2Bc%25d%3A%C3%A9'))).status).toBe(200);
      // Not encoded: "+" is read as a space, so the secret is wrong; a lone "%" is a bad escape.
      expect((await token(raw('app%3A1:a b+c%25d%3A%C3%A9'))).status).toBe(401);
      const bad = await token(raw('app%3A1:a b+c%d:é'));
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({
        error: 'invalid_client',
        error_description: 'malformed Basic credentials',
      });
      // The first colon ends the id: an id's own colon must be escaped, or the id is "app".
      expect((await token(raw(`app:1:${secret}`))).status).toBe(401);
      // The scheme name is matched case-insensitively (HTTP authentication schemes are) and may be followed by several spaces.
      const encoded = Buffer.from(`app%3A1:${encodeURIComponent(secret)}`).toString('base64');
      expect((await token(`bAsIc   ${encoded}`)).status).toBe(200);
      const glued = await token(`Basic${encoded}`);
      expect(glued.status).toBe(401);
      expect(await glued.json()).toMatchObject({
        error_description: 'unsupported Authorization scheme for client authentication',
      });
    } finally {
      await q.close();
    }
  });
});
