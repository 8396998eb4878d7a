/**
 * Sign-in sessions and remembered consent in the provider (src/provider/sessions.ts, authorize.ts),
 * over real HTTP on loopback with a clock the tests move: the session cookie's attributes, a returning
 * user sent back with a code and no page, a consent-only page for new scopes, OIDC prompt and max_age
 * (OIDC Core §3.1.2.1, §3.1.2.3, §3.1.2.6), auth_time in the ID token (OIDC Core §2), lifetimes and the
 * cap, and the request log of the real `provider` command never showing a session id whole.
 */
import { describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { parseSetCookie } from 'cookie';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import type { RunningProvider } from '../../src/provider/server.js';
import {
  authorizeUrl,
  basic,
  fakeClock,
  post,
  providerOnClock,
  REDIRECT,
} from '../helpers/oauth.js';
import { startProviderProcess } from '../helpers/provider-process.js';

/** A browser as far as cookies go: keeps what Set-Cookie sets and sends it back; never follows redirects. */
class CookieJar {
  readonly cookies = new Map<string, string>();

  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: this.header() });
    this.keep(res);
    return res;
  }

  async post(
    url: string,
    form: Record<string, string>,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...this.header(),
        ...extra,
      },
      body: new URLSearchParams(form),
    });
    this.keep(res);
    return res;
  }

  private header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const c = parseSetCookie(line);
      if (c.value !== undefined) this.cookies.set(c.name, c.value);
    }
  }
}

interface Started {
  url: string;
  verifier: string;
}

function start(
  p: RunningProvider,
  extra: Record<string, string> = {},
  scope = 'openid notes.read',
): Started {
  const verifier = createVerifier();
  return {
    verifier,
    url: authorizeUrl(p, {
      response_type: 'code',
      client_id: p.demoClient.client_id,
      redirect_uri: REDIRECT,
      scope,
      state: 'st',
      nonce: 'n-1',
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      ...extra,
    }),
  };
}

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** Loads the authorize URL; must get the page with the password form, and signs in on it. */
async function signIn(jar: CookieJar, url: string, user = 'alice', password = 'wonderland') {
  const page = await jar.get(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('id="password"');
  const decision = await jar.post(new URL('/authorize/decision', url).href, {
    rid: field(html, 'rid'),
    csrf: field(html, 'csrf'),
    username: user,
    password,
    action: 'approve',
  });
  expect(decision.status).toBe(303);
  return decision;
}

/** The code in a redirect's Location (or the error there, as a thrown message). */
function codeOf(res: Response): string {
  const location = new URL(res.headers.get('location') ?? 'http://x/');
  const code = location.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${location.href}`);
  expect(location.searchParams.get('state')).toBe('st');
  return code;
}

/** The ID token of the code, verified with jose against the provider's JWKS at the provider's time `at`. */
async function idTokenClaims(p: RunningProvider, code: string, verifier: string, at: number) {
  const token = await post(
    `${p.issuer}/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
    { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret ?? '') },
  );
  expect(token.status).toBe(200);
  const idToken = token.json['id_token'];
  if (typeof idToken !== 'string') throw new Error('no id_token');
  const jwks = (await (await fetch(`${p.issuer}/jwks`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: p.issuer,
    audience: p.demoClient.client_id,
    currentDate: new Date(at * 1000),
  });
  return payload;
}

const cookieName = (p: RunningProvider) => `mockprovider_session_${new URL(p.issuer).port}`;

describe('sign-in sessions', () => {
  it('a sign-in sets an HttpOnly, SameSite=Lax session cookie scoped to /authorize, without Secure (plain http on loopback)', async () => {
    const clock = fakeClock();
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    const decision = await signIn(jar, start(p).url);
    const lines = decision.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    const c = parseSetCookie(lines[0] ?? '');
    expect(c.name).toBe(cookieName(p));
    // 32 random bytes, base64url.
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('lax');
    expect(c.path).toBe('/authorize');
    expect(c.secure).not.toBe(true);
    expect(c.maxAge).toBe(24 * 3600);
    expect(p.sizes()['sessions']).toBe(1);
  });

  it('a returning user who approved these scopes gets a code at once, no page; its ID token carries the sign-in time as auth_time', async () => {
    const clock = fakeClock(1_800_000_000);
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    codeOf(await signIn(jar, start(p).url));
    clock.now += 600;
    const again = start(p);
    const res = await jar.get(again.url);
    expect(res.status).toBe(302);
    expect(await res.text()).toBe('');
    const claims = await idTokenClaims(p, codeOf(res), again.verifier, clock.now);
    expect(claims['auth_time']).toBe(1_800_000_000);
    expect(claims['iat']).toBe(1_800_000_600);
    expect(claims['nonce']).toBe('n-1');
  });

  it('a client that sends no cookie sees the sign-in page as before', async () => {
    const p = await providerOnClock(fakeClock());
    await signIn(new CookieJar(), start(p).url);
    const res = await fetch(start(p).url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="password"');
  });

  it('new scopes: the signed-in user sees a consent page with no password field; approving is remembered', async () => {
    const clock = fakeClock();
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const wider = start(p, {}, 'openid notes.read notes.write');
    const page = await jar.get(wider.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('type="password"');
    expect(html).toMatch(/Signed in to MockProvider as <strong>alice<\/strong>/);
    expect(html).toContain('value="switch"');
    expect(field(html, 'csrf')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Without the CSRF token, nothing happens.
    const forged = await jar.post(`${p.issuer}/authorize/decision`, {
      rid: field(html, 'rid'),
      action: 'approve',
    });
    expect(forged.status).toBe(403);
    const approved = await jar.post(`${p.issuer}/authorize/decision`, {
      rid: field(html, 'rid'),
      csrf: field(html, 'csrf'),
      action: 'approve',
    });
    expect(approved.status).toBe(303);
    expect(approved.headers.getSetCookie()).toEqual([]);
    const claims = await idTokenClaims(p, codeOf(approved), wider.verifier, clock.now);
    expect(claims['sub']).toBe('user-alice-0001');
    // All three scopes are now approved: no page for either request.
    expect((await jar.get(start(p, {}, 'openid notes.read notes.write').url)).status).toBe(302);
    expect((await jar.get(start(p, {}, 'notes.write').url)).status).toBe(302);
  });

  it('"Sign in as someone else" turns the consent page into the password form; bob gets his own session', async () => {
    const p = await providerOnClock(fakeClock());
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const first = jar.cookies.get(cookieName(p));
    const html = await (await jar.get(start(p, { prompt: 'consent' }).url)).text();
    const switched = await jar.post(`${p.issuer}/authorize/decision`, {
      rid: field(html, 'rid'),
      csrf: field(html, 'csrf'),
      action: 'switch',
    });
    expect(switched.status).toBe(200);
    const form = await switched.text();
    expect(form).toContain('id="password"');
    const decision = await jar.post(`${p.issuer}/authorize/decision`, {
      rid: field(form, 'rid'),
      csrf: field(form, 'csrf'),
      username: 'bob',
      password: 'builder',
      action: 'approve',
    });
    expect(decision.status).toBe(303);
    expect(jar.cookies.get(cookieName(p))).not.toBe(first);
    // alice's session ended with bob's sign-in: one session held.
    expect(p.sizes()['sessions']).toBe(1);
  });

  it('a consent page approved after its session ended asks for the password instead', async () => {
    const clock = fakeClock();
    // Sessions shorter than a page's 10 minutes, so that the page outlives the session.
    const p = await providerOnClock(clock, { limits: { sessionIdleTtl: 300 } });
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const html = await (await jar.get(start(p, { prompt: 'consent' }).url)).text();
    clock.now += 301;
    const res = await jar.post(`${p.issuer}/authorize/decision`, {
      rid: field(html, 'rid'),
      csrf: field(html, 'csrf'),
      action: 'approve',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('id="password"');
  });
});

describe('prompt and max_age (OIDC Core §3.1.2.1)', () => {
  it('prompt=none: login_required without a session, consent_required for new scopes, a code otherwise; never a page', async () => {
    const clock = fakeClock();
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    const error = (res: Response) =>
      new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('error');
    const none = await jar.get(start(p, { prompt: 'none' }).url);
    expect(none.status).toBe(302);
    expect(error(none)).toBe('login_required');
    await signIn(jar, start(p).url);
    const wider = await jar.get(start(p, { prompt: 'none' }, 'openid notes.write').url);
    expect(wider.status).toBe(302);
    expect(error(wider)).toBe('consent_required');
    const ok = start(p, { prompt: 'none' });
    const res = await jar.get(ok.url);
    expect(res.status).toBe(302);
    await idTokenClaims(p, codeOf(res), ok.verifier, clock.now);
  });

  it('prompt=none with another value is invalid_request', async () => {
    const p = await providerOnClock(fakeClock());
    const res = await fetch(start(p, { prompt: 'none login' }).url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? 'http://x/');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('OIDC Core section 3.1.2.1');
  });

  it('prompt=login shows the password form to a signed-in user; the new sign-in is the new auth_time', async () => {
    const clock = fakeClock(1_800_000_000);
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const old = jar.cookies.get(cookieName(p));
    clock.now += 60;
    const again = start(p, { prompt: 'login' });
    const decision = await signIn(jar, again.url);
    expect(jar.cookies.get(cookieName(p))).not.toBe(old);
    const claims = await idTokenClaims(p, codeOf(decision), again.verifier, clock.now);
    expect(claims['auth_time']).toBe(1_800_000_060);
  });

  it('prompt=consent and prompt=select_account show the consent page (no password) to a signed-in user', async () => {
    const p = await providerOnClock(fakeClock());
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    for (const prompt of ['consent', 'select_account']) {
      const res = await jar.get(start(p, { prompt }).url);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('type="password"');
      expect(html).toContain(`prompt=${prompt}`);
    }
  });

  it('max_age: within it a code at once; past it the password form, and auth_time is the new sign-in', async () => {
    const clock = fakeClock(1_800_000_000);
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    clock.now += 100;
    const within = start(p, { max_age: '100' });
    const res = await jar.get(within.url);
    expect(res.status).toBe(302);
    expect((await idTokenClaims(p, codeOf(res), within.verifier, clock.now))['auth_time']).toBe(
      1_800_000_000,
    );
    const none = await jar.get(start(p, { max_age: '99', prompt: 'none' }).url);
    expect(new URL(none.headers.get('location') ?? 'http://x/').searchParams.get('error')).toBe(
      'login_required',
    );
    const past = start(p, { max_age: '99' });
    const decision = await signIn(jar, past.url);
    expect((await idTokenClaims(p, codeOf(decision), past.verifier, clock.now))['auth_time']).toBe(
      1_800_000_100,
    );
  });

  it('max_age that is not a whole number of seconds is invalid_request', async () => {
    const p = await providerOnClock(fakeClock());
    for (const bad of ['-1', '1.5', 'soon', '12345678901']) {
      const res = await fetch(start(p, { max_age: bad }).url, { redirect: 'manual' });
      expect(new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('error')).toBe(
        'invalid_request',
      );
    }
  });
});

describe('session lifetimes and the cap', () => {
  it('a session ends 8 h after its last use, and 24 h after its sign-in however often it is used', async () => {
    const clock = fakeClock();
    const p = await providerOnClock(clock);
    const idle = new CookieJar();
    await signIn(idle, start(p).url);
    const busy = new CookieJar();
    await signIn(busy, start(p).url);
    clock.now += 8 * 3600 + 1;
    expect((await idle.get(start(p).url)).status).toBe(200);
    // busy is used every 7 hours: alive until 24 h after its sign-in.
    const t0 = clock.now - (8 * 3600 + 1);
    clock.now = t0 + 7 * 3600;
    expect((await busy.get(start(p).url)).status).toBe(302);
    clock.now = t0 + 14 * 3600;
    expect((await busy.get(start(p).url)).status).toBe(302);
    clock.now = t0 + 21 * 3600;
    expect((await busy.get(start(p).url)).status).toBe(302);
    clock.now = t0 + 24 * 3600 + 1;
    expect((await busy.get(start(p).url)).status).toBe(200);
  });

  it('at most maxSessions are held: the oldest is ended first', async () => {
    const p = await providerOnClock(fakeClock(), { limits: { maxSessions: 2 } });
    const jars = [new CookieJar(), new CookieJar(), new CookieJar()];
    for (const jar of jars) await signIn(jar, start(p).url);
    expect(p.sizes()['sessions']).toBe(2);
    const [oldest, second, newest] = jars;
    expect((await oldest?.get(start(p).url))?.status).toBe(200);
    expect((await second?.get(start(p).url))?.status).toBe(302);
    expect((await newest?.get(start(p).url))?.status).toBe(302);
  });

  it('the cap ends the session least recently used, not the oldest sign-in still in use', async () => {
    const p = await providerOnClock(fakeClock(), { limits: { maxSessions: 2 } });
    const [first, second, third] = [new CookieJar(), new CookieJar(), new CookieJar()];
    await signIn(first, start(p).url);
    await signIn(second, start(p).url);
    // The first browser comes back: its session is now the most recently used.
    expect((await first.get(start(p).url)).status).toBe(302);
    await signIn(third, start(p).url);
    expect((await first.get(start(p).url)).status).toBe(302);
    expect((await second.get(start(p).url)).status).toBe(200);
  });

  it('with sessions off (--no-sessions) no cookie is set and prompt=none is always login_required', async () => {
    const p = await providerOnClock(fakeClock(), { sessions: false });
    const jar = new CookieJar();
    const decision = await signIn(jar, start(p).url);
    expect(decision.headers.getSetCookie()).toEqual([]);
    const res = await jar.get(start(p, { prompt: 'none' }).url);
    const location = new URL(res.headers.get('location') ?? 'http://x/');
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('error_description')).toContain('--no-sessions');
    expect((await jar.get(start(p).url)).status).toBe(200);
  });
});

describe('the provider command', () => {
  it('logs sessions by a short prefix: the cookie value never appears whole in its output', async () => {
    const proc = await startProviderProcess(['--port', '0']);
    try {
      const jar = new CookieJar();
      const q = (extra: Record<string, string>) =>
        `${proc.issuer}/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: 'oauth-tutor-demo',
          redirect_uri: 'http://127.0.0.1/callback',
          scope: 'openid',
          state: 'st',
          code_challenge: s256(createVerifier()),
          code_challenge_method: 'S256',
          ...extra,
        })}`;
      const page = await (await jar.get(q({}))).text();
      await jar.post(`${proc.issuer}/authorize/decision`, {
        rid: field(page, 'rid'),
        csrf: field(page, 'csrf'),
        username: 'alice',
        password: 'wonderland',
        action: 'approve',
      });
      const [id] = [...jar.cookies.values()];
      if (id === undefined) throw new Error('no session cookie');
      expect((await jar.get(q({}))).status).toBe(302);
      await proc.waitFor('no page shown');
      const out = proc.stdout();
      expect(out).toContain(`session ${id.slice(0, 6)}…`);
      expect(out).not.toContain(id);
      expect(out).not.toContain(id.slice(6));
      expect(out).toMatch(/sessions\s+a sign-in is remembered 8 h after last use, 24 h at most/);
    } finally {
      await proc.stop();
    }
  });
});

/** A form POST as a browser that reached the provider as `host` sends it (fetch cannot set Host); its status. */
function postWithHost(
  issuer: string,
  path: string,
  host: string,
  form: Record<string, string>,
): Promise<number> {
  const body = new URLSearchParams(form).toString();
  const url = new URL(issuer);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: {
          host,
          origin: `http://${host}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('what the security review found (login CSRF, public clients, max_age edges)', () => {
  const decisionOf = async (jar: CookieJar, url: string, extra: Record<string, string> = {}) => {
    const html = await (await jar.get(url)).text();
    return jar.post(
      new URL('/authorize/decision', url).href,
      {
        rid: field(html, 'rid'),
        csrf: field(html, 'csrf'),
        username: 'alice',
        password: 'wonderland',
        action: 'approve',
      },
      extra,
    );
  };

  it('a form another page posted is refused (Sec-Fetch-Site other than same-origin): no code, no session', async () => {
    const p = await providerOnClock(fakeClock());
    for (const site of ['cross-site', 'same-site', 'none']) {
      const jar = new CookieJar();
      const res = await decisionOf(jar, start(p).url, { 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      // Refused for where it came from: not the redirect-URI explanation of other error pages.
      expect(await res.text(), site).not.toContain('RFC 6749 §4.1.2.1');
      expect(res.headers.get('location'), site).toBeNull();
      expect(jar.cookies.size, site).toBe(0);
    }
    // Where a browser sends no Sec-Fetch-Site (a LAN address, an older browser), Origin must be ours.
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const jar = new CookieJar();
      const res = await decisionOf(jar, start(p).url, { origin });
      expect(res.status, origin).toBe(403);
      expect(jar.cookies.size, origin).toBe(0);
    }
    expect((await decisionOf(new CookieJar(), start(p).url, { origin: p.issuer })).status).toBe(
      303,
    );
    // Reached under another address than the issuer's (localhost, or the LAN address of a provider
    // started on 0.0.0.0), its own page posts that origin: accepted when it is the Host the browser used.
    // A name that is not localhost could be an attacker's own name rebound to this address: refused.
    const port = new URL(p.issuer).port;
    for (const [host, status] of [
      [`localhost:${port}`, 303],
      [`192.0.2.2:${port}`, 303],
      [`evil.example:${port}`, 403],
    ] as const) {
      const html = await (await new CookieJar().get(start(p).url)).text();
      const res = await postWithHost(p.issuer, '/authorize/decision', host, {
        rid: field(html, 'rid'),
        csrf: field(html, 'csrf'),
        username: 'alice',
        password: 'wonderland',
        action: 'approve',
      });
      expect(res, host).toBe(status);
    }
    // The device verification page's form is held to the same rule.
    const device = await fetch(`${p.issuer}/device`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      body: 'user_code=ABCD-EFGH&action=approve',
    });
    expect(device.status).toBe(403);
    // The provider's own page posts same-origin; a client that sends no such header is still served.
    expect(
      (await decisionOf(new CookieJar(), start(p).url, { 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(303);
    expect((await decisionOf(new CookieJar(), start(p).url)).status).toBe(303);
  });

  it('a public client is asked every time (RFC 8252 §8.6): one click, no password; prompt=none is consent_required', async () => {
    const p = await providerOnClock(fakeClock());
    const pub = (extra: Record<string, string> = {}) =>
      start(p, { client_id: 'oauth-tutor-public', ...extra }).url;
    const jar = new CookieJar();
    await signIn(jar, pub());
    const again = await jar.get(pub());
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).not.toContain('id="password"');
    expect(html).toContain('no secret to prove who it is');
    const none = await jar.get(pub({ prompt: 'none' }));
    expect(new URL(none.headers.get('location') ?? 'http://x/').searchParams.get('error')).toBe(
      'consent_required',
    );
    // The confidential demo client, approved the same way, is sent straight back.
    const conf = new CookieJar();
    await signIn(conf, start(p).url);
    expect((await conf.get(start(p).url)).status).toBe(302);
  });

  it('max_age=0 asks for the password even in the second of the sign-in; an empty max_age= is no max_age', async () => {
    const p = await providerOnClock(fakeClock());
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const zero = await jar.get(start(p, { max_age: '0' }).url);
    expect(zero.status).toBe(200);
    expect(await zero.text()).toContain('id="password"');
    expect((await jar.get(start(p, { max_age: '' }).url)).status).toBe(302);
  });

  it('a consent-only page left open past max_age asks for the password when approved', async () => {
    const clock = fakeClock();
    const p = await providerOnClock(clock);
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    const page = await jar.get(start(p, { max_age: '60', prompt: 'consent' }).url);
    const html = await page.text();
    expect(html).not.toContain('id="password"');
    clock.now += 120;
    const res = await jar.post(new URL('/authorize/decision', p.issuer).href, {
      rid: field(html, 'rid'),
      csrf: field(html, 'csrf'),
      action: 'approve',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('id="password"');
  });

  it('denying on a signed-in consent page withdraws the earlier approval', async () => {
    const p = await providerOnClock(fakeClock());
    const jar = new CookieJar();
    await signIn(jar, start(p).url);
    expect((await jar.get(start(p).url)).status).toBe(302);
    const html = await (await jar.get(start(p, { prompt: 'consent' }).url)).text();
    const denied = await jar.post(new URL('/authorize/decision', p.issuer).href, {
      rid: field(html, 'rid'),
      csrf: field(html, 'csrf'),
      action: 'deny',
    });
    expect(new URL(denied.headers.get('location') ?? 'http://x/').searchParams.get('error')).toBe(
      'access_denied',
    );
    expect((await jar.get(start(p).url)).status).toBe(200);
  });
});
