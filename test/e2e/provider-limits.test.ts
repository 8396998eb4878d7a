/**
 * Issue 12, provider items 1 and 4: everything the provider stores has a lifetime and a cap, parameters
 * have a size limit, and registrations and sign-ins are rate-limited. A fake clock moves time forward
 * instead of waiting; the stores are inspected through the provider's own `sizes()`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderOptions, RequestEntry, RunningProvider } from '../../src/provider/server.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import {
  REDIRECT,
  api,
  authorizeUrl,
  basic,
  fakeClock,
  getCode,
  post,
  providerOnClock,
  tokenWithCode,
} from '../helpers/oauth.js';

const clock = fakeClock();
const log: RequestEntry[] = [];
afterEach(() => {
  log.length = 0;
});
const provider = (opts: ProviderOptions = {}) =>
  providerOnClock(clock, { onRequest: (e) => log.push(e), ...opts });

const logged = (text: string) => log.some((e) => e.checks.some((c) => c.text.includes(text)));
const pkce = () => ({ code_challenge: s256(createVerifier()), code_challenge_method: 'S256' });
const consentUrl = (p: RunningProvider, extra: Record<string, string> = {}) =>
  authorizeUrl(p, {
    response_type: 'code',
    client_id: p.demoClient.client_id,
    redirect_uri: REDIRECT,
    scope: 'openid',
    state: 's',
    ...pkce(),
    ...extra,
  });

async function register(
  p: RunningProvider,
  meta: Record<string, unknown> = { redirect_uris: [REDIRECT] },
) {
  const res = await fetch(`${p.issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(meta),
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as Record<string, string>,
  };
}

async function manual(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

describe('1. bounded memory: lifetimes, caps, parameter sizes', () => {
  it('every store is empty once the lifetimes of what it holds have passed (fake clock)', async () => {
    const p = await provider();
    // A bit of everything: consent pages left open, codes used and unused, refresh chains, revocations, registrations.
    for (let i = 0; i < 3; i++) expect((await manual(consentUrl(p))).status).toBe(200);
    await getCode(p);
    const t = await tokenWithCode(p, await getCode(p));
    const r = await post(
      `${p.issuer}/token`,
      { grant_type: 'refresh_token', refresh_token: t.json['refresh_token'] as string },
      { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!) },
    );
    expect(r.status).toBe(200);
    await post(
      `${p.issuer}/revoke`,
      { token: r.json['access_token'] as string },
      { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!) },
    );
    const reg = await register(p);
    expect(reg.status).toBe(201);
    await fetch(`${p.issuer}/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'rid=x&csrf=y',
    });
    const before = p.sizes();
    for (const kind of [
      'pending',
      'codes',
      'refreshTokens',
      'families',
      'revocations',
      'clients',
      'sessions',
      'consents',
    ])
      expect(before[kind], kind).toBeGreaterThan(0);

    clock.now += 31 * 24 * 3600; // past every lifetime: codes, refresh tokens, access tokens, unused and idle registrations
    p.sweep();
    expect(p.sizes()).toEqual({
      pending: 0,
      sessions: 0,
      consents: 0,
      codes: 0,
      refreshTokens: 0,
      families: 0,
      revocations: 0,
      deviceCodes: 0,
      userCodes: 0,
      verificationPages: 0,
      dpopProofs: 0,
      clients: 0,
      registrationLimits: 0,
      loginLimits: 0,
      userCodeLimits: 0,
    });
    // The demo clients are not registrations: they stay.
    expect((await manual(consentUrl(p))).status).toBe(200);
  });

  it('a spent code is kept only for its lifetime plus the replay margin, and a replay within it still revokes', async () => {
    const p = await provider({ limits: { codeTtl: 60, codeReplayMargin: 120 } });
    const r = await getCode(p);
    const first = await tokenWithCode(p, r);
    expect(first.status).toBe(200);
    clock.now += 100; // the code has expired, but is still remembered
    expect(p.sizes()['codes']).toBe(1);
    expect((await tokenWithCode(p, r)).json).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
    expect((await api(p, '/api/notes', first.json['access_token'] as string)).status).toBe(401);
    clock.now += 100; // past 60 + 120 seconds: forgotten
    expect(p.sizes()['codes']).toBe(0);
    expect((await tokenWithCode(p, r)).json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'unknown authorization code',
    });
  });

  it('each kind has a cap: the oldest entry is evicted first, and the log says so', async () => {
    const p = await provider({ limits: { maxPending: 3, maxCodes: 2 } });
    const pages: string[] = [];
    for (let i = 0; i < 4; i++) pages.push((await manual(consentUrl(p))).body);
    expect(p.sizes()['pending']).toBe(3);
    expect(logged('limit: over 3 sign-in requests pending; the oldest was dropped')).toBe(true);
    const rid = (html: string) => /name="rid" value="([^"]+)"/.exec(html)![1]!;
    const csrf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const decide = (html: string) =>
      fetch(`${p.issuer}/authorize/decision`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          rid: rid(html),
          csrf: csrf(html),
          username: 'alice',
          password: 'wonderland',
          action: 'approve',
        }),
      });
    expect((await decide(pages[0]!)).status).toBe(400); // the oldest was evicted
    expect((await decide(pages[3]!)).status).toBe(303);

    const codes = [await getCode(p), await getCode(p), await getCode(p)];
    expect(p.sizes()['codes']).toBe(2);
    expect((await tokenWithCode(p, codes[0]!)).json['error']).toBe('invalid_grant');
    expect((await tokenWithCode(p, codes[2]!)).status).toBe(200);
  });

  it('state and nonce over 512 bytes are invalid_request (and the long state is not echoed back)', async () => {
    const p = await provider();
    const ok = await manual(consentUrl(p, { state: 's'.repeat(512), nonce: 'n'.repeat(512) }));
    expect(ok.status).toBe(200);
    for (const param of ['state', 'nonce']) {
      const r = await manual(consentUrl(p, { [param]: 'x'.repeat(513) }));
      expect(r.status, param).toBe(302);
      const loc = new URL(r.location!);
      expect(loc.searchParams.get('error'), param).toBe('invalid_request');
      expect(loc.searchParams.get('error_description'), param).toContain(
        `${param} is longer than 512 bytes`,
      );
      expect(r.location!.length, param).toBeLessThan(400);
    }
    expect(p.sizes()['pending']).toBe(1);
    // Every other parameter is limited too, at the token endpoint as well.
    const big = await post(
      `${p.issuer}/token`,
      { grant_type: 'authorization_code', code: 'c'.repeat(5000), redirect_uri: REDIRECT },
      { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!) },
    );
    expect(big.json).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('code is longer than 4096 bytes'),
    });
    const target = await manual(
      consentUrl(p, { redirect_uri: `http://127.0.0.1/${'p'.repeat(3000)}` }),
    );
    expect(target.status).toBe(400);
    expect(target.location).toBeNull();
  });
});

describe('4. abuse limits', () => {
  it('registrations per minute are limited per address (429, Retry-After, a clear error), then allowed again', async () => {
    const p = await provider({ limits: { registrationsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await register(p)).status).toBe(201);
    const refused = await register(p);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.json['error_description']).toMatch(
      /too many registrations from 127\.0\.0\.1: at most 3 a minute; try again in \d+ seconds/,
    );
    expect(logged('limit: over 3 registrations a minute from 127.0.0.1')).toBe(true);
    clock.now += 61;
    expect((await register(p)).status).toBe(201);
  });

  it('at the registration cap, the oldest never-used registration is evicted, not the used ones, and nobody is refused', async () => {
    const p = await provider({ limits: { maxClients: 3 } });
    const used = await register(p, {
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'client_credentials'],
    });
    const auth = { authorization: basic(used.json['client_id']!, used.json['client_secret']!) };
    expect(
      (await post(`${p.issuer}/token`, { grant_type: 'client_credentials' }, auth)).status,
    ).toBe(200);
    const spam1 = await register(p);
    const spam2 = await register(p);
    const late = await register(p);
    expect(late.status).toBe(201);
    expect(
      logged(
        `${spam1.json['client_id']} (the oldest never used, or else the least recently used) was dropped`,
      ),
    ).toBe(true);
    const page = (id: string) =>
      manual(
        authorizeUrl(p, {
          response_type: 'code',
          client_id: id,
          redirect_uri: REDIRECT,
          scope: 'openid',
          ...pkce(),
        }),
      );
    expect((await page(spam1.json['client_id']!)).body).toContain('Unknown application');
    expect((await page(spam2.json['client_id']!)).status).toBe(200);
    expect((await page(late.json['client_id']!)).status).toBe(200);
    expect(
      (await post(`${p.issuer}/token`, { grant_type: 'client_credentials' }, auth)).status,
    ).toBe(200);
  });

  it('failed sign-ins are limited per user: then even the right password waits, with a clear message', async () => {
    const p = await provider({ limits: { loginFailures: 3, loginWindow: 300 } });
    for (let i = 0; i < 3; i++)
      await expect(
        playConsent(consentUrl(p), { username: 'alice', password: 'guess' }),
      ).rejects.toMatchObject({ status: 401 });
    const locked = await playConsent(consentUrl(p), {
      username: 'alice',
      password: 'wonderland',
    }).catch((e: { status: number; body: string }) => e);
    expect(locked).toMatchObject({
      status: 429,
      body: expect.stringMatching(
        /Too many failed sign-ins for &quot;alice&quot;\. Wait \d+ seconds, then try again\./,
      ),
    });
    expect(logged('limit: sign-in for "alice" locked')).toBe(true);
    // Another user is not affected.
    expect(
      (await playConsent(consentUrl(p), { username: 'bob', password: 'builder' })).location,
    ).toContain('code=');
    clock.now += 301;
    expect(
      (await playConsent(consentUrl(p), { username: 'alice', password: 'wonderland' })).location,
    ).toContain('code=');
  });
});
