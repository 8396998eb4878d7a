/**
 * Pages in a real headless Chromium (Debian's chromium, driven by playwright-core), one browser
 * for all of them: starting Chromium costs about a second of CPU, and each page had its own file
 * and its own browser. .ci/run installs chromium; without it each suite reports itself skipped,
 * with the reason in its name.
 *
 * - The consent page: sign in, approve, land on the client's redirect URI with a code.
 * - The device flow's verification page (issue 14): the user types the code shown on the device,
 *   sees the app, the scopes and the phishing warning (RFC 8628 §5.4), signs in and approves;
 *   the device's next poll gets the tokens.
 * - `quiz export --format html`: the page renders with every question, prints to a PDF, and the
 *   answer key starts on a page of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, skippedWhy } from '../helpers/browser.js';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { authorizeUrl, post } from '../helpers/oauth.js';
import { run } from '../helpers/cli.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)(`consent page in headless Chromium${skippedWhy}`, () => {
  let p: RunningProvider;
  let callback: Server;
  let callbackUrl: string;
  /** The Cookie header of every request the client app got. */
  const callbackCookies: string[] = [];

  beforeAll(async () => {
    p = await startProvider({ port: 0 });
    callback = createServer((req, res) => {
      callbackCookies.push(req.headers.cookie ?? '');
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>client app</title><p>Callback received.</p>');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  }, 60_000);

  afterAll(async () => {
    await p?.close();
    callback?.close();
  });

  const start = () =>
    authorizeUrl(p, {
      response_type: 'code',
      client_id: p.demoClient.client_id,
      redirect_uri: callbackUrl,
      scope: 'openid profile notes.read',
      state: 'browser-state',
      code_challenge: s256(createVerifier()),
      code_challenge_method: 'S256',
    });

  it('shows the app, the scopes and the demo users; signing in and approving lands on the redirect URI with a code', async () => {
    const page = await browser.newPage();
    await page.goto(start());
    await expect(page.locator('h1').textContent()).resolves.toContain('Sign in to MockProvider');
    const scopes = await page.locator('#scopes li').allTextContents();
    expect(scopes.join('\n')).toMatch(/notes\.read — Read your notes/);
    expect(await page.textContent('body')).toContain('alice');
    if (process.env['SCREENSHOT'])
      await page.screenshot({ path: process.env['SCREENSHOT'], fullPage: true });
    await page.fill('#username', 'alice');
    await page.fill('#password', 'wonderland');
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[value=approve]')]);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(callbackUrl);
    expect(landed.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(landed.searchParams.get('state')).toBe('browser-state');
    expect(landed.searchParams.get('iss')).toBe(p.issuer);
    await page.close();
  });

  it("a single-page app's script redeems its code and reads /userinfo across origins (CORS, RFC 9700 §2.6); /authorize stays closed to it", async () => {
    const verifier = createVerifier();
    const page = await browser.newPage();
    await page.goto(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: 'oauth-tutor-public',
        redirect_uri: callbackUrl,
        scope: 'openid profile',
        state: 'spa',
        code_challenge: s256(verifier),
        code_challenge_method: 'S256',
      }),
    );
    await page.fill('#username', 'alice');
    await page.fill('#password', 'wonderland');
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[value=approve]')]);
    // Now on the app's origin (another port of 127.0.0.1): what its JavaScript can do.
    const result = await page.evaluate(
      async ({ issuer, redirectUri, verifier, code }) => {
        const token = await fetch(`${issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            client_id: 'oauth-tutor-public',
            code_verifier: verifier,
          }),
        });
        const tokens = (await token.json()) as { access_token?: string };
        const userinfo = await fetch(`${issuer}/userinfo`, {
          headers: { authorization: `Bearer ${tokens.access_token ?? ''}` },
        });
        const bad = await fetch(`${issuer}/userinfo`, { headers: { authorization: 'Bearer x' } });
        let authorize = 'readable';
        try {
          await fetch(`${issuer}/authorize?client_id=oauth-tutor-public`);
        } catch {
          authorize = 'blocked';
        }
        return {
          token: token.status,
          userinfo: userinfo.status,
          sub: ((await userinfo.json()) as { sub?: string }).sub,
          challenge: bad.headers.get('www-authenticate'),
          authorize,
        };
      },
      {
        issuer: p.issuer,
        redirectUri: callbackUrl,
        verifier,
        code: new URL(page.url()).searchParams.get('code') ?? '',
      },
    );
    expect(result).toMatchObject({ token: 200, userinfo: 200, authorize: 'blocked' });
    expect(result.sub).toBeTruthy();
    expect(result.challenge).toMatch(/^Bearer /);
    await page.close();
  });

  it('a second authorization in the same browser skips the page: the session cookie brings a code at once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(start());
    await page.fill('#username', 'alice');
    await page.fill('#password', 'wonderland');
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[value=approve]')]);
    const [session] = await context.cookies();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.path).toBe('/authorize');
    expect(session?.secure).toBe(false);
    // Page scripts cannot read it (HttpOnly).
    await page.goto(`${p.issuer}/authorize`);
    const visible = await page.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    );
    expect(visible).toBe('');
    const seen = new Set<string>();
    page.on('response', (r) => seen.add(`${r.status()} ${new URL(r.url()).pathname}`));
    await Promise.all([page.waitForURL(/\/callback\?/), page.goto(start())]);
    expect(new URL(page.url()).searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...seen]).toContain('302 /authorize');
    expect([...seen]).not.toContain('200 /authorize');
    // The client app on another port of 127.0.0.1 never got the provider's cookie (Path=/authorize).
    expect(callbackCookies.join('')).not.toContain(session?.value ?? 'no cookie');
    await context.close();
  });

  it('a wrong password keeps the user on the page with a message; Deny returns access_denied', async () => {
    const page = await browser.newPage();
    await page.goto(start());
    await page.fill('#username', 'alice');
    await page.fill('#password', 'not-it');
    await page.click('button[value=approve]');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain(
      'Wrong username or password',
    );
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[value=deny]')]);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await page.close();
  });

  it('the page refuses to be framed by another site', async () => {
    const page = await browser.newPage();
    // setContent resolves once the page and its frame have loaded (or been refused).
    await page.setContent(`<iframe id="f" src="${start()}"></iframe>`, { waitUntil: 'load' });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText =
      frame === undefined
        ? ''
        : await frame
            .evaluate(
              () =>
                (globalThis as unknown as { document?: { body?: { innerText?: string } } }).document
                  ?.body?.innerText ?? '',
            )
            .catch(() => '');
    expect(framedText).not.toContain('Sign in to MockProvider');
    await page.close();
  });
});

describe.skipIf(!hasChromium)(`device verification page in headless Chromium${skippedWhy}`, () => {
  let p: RunningProvider;
  let now = 1_800_000_000;

  beforeAll(async () => {
    p = await startProvider({ port: 0, clock: () => now });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('typing the code (in lower case, without the dash), signing in and approving gives the device its tokens', async () => {
    const reg = await fetch(`${p.issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Living-room TV',
        token_endpoint_auth_method: 'none',
        grant_types: [DEVICE_GRANT],
        scope: 'openid notes.read',
      }),
    });
    const { client_id } = (await reg.json()) as { client_id: string };
    const d = (await post(`${p.issuer}/device_authorization`, { client_id, scope: 'notes.read' }))
      .json as { device_code: string; user_code: string; verification_uri: string };
    const page = await browser.newPage();
    await page.goto(d.verification_uri);
    await page.fill('#user_code', d.user_code.replace('-', '').toLowerCase());
    await page.click('button[value=code]');
    await expect(page.locator('#user-code').textContent()).resolves.toBe(d.user_code);
    await expect(page.locator('#client strong').textContent()).resolves.toBe('Living-room TV');
    await expect(page.locator('#scopes li').allTextContents()).resolves.toEqual([
      'notes.read — Read your notes',
    ]);
    await expect(page.locator('.note').first().textContent()).resolves.toMatch(
      /Continue only if you started this yourself, on a device in front of you/,
    );
    await page.fill('#username', 'alice');
    await page.fill('#password', 'wonderland');
    await page.click('button[value=approve]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Device connected');
    await page.close();
    const tokens = await post(`${p.issuer}/token`, {
      grant_type: DEVICE_GRANT,
      device_code: d.device_code,
      client_id,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.json).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
  });
});

describe.skipIf(!hasChromium)(`paper quiz in headless Chromium${skippedWhy}`, () => {
  it('renders every question of the seeded paper and its key, offline, and prints to a PDF with the key on its own page', async () => {
    const r = await run([
      'quiz',
      'export',
      'seven-steps',
      '--format',
      'html',
      '--seed',
      'class-1',
      '--count',
      '6',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = await run(['quiz', 'export', 'seven-steps', '--seed', 'class-1', '--count', '6']);
    const prompts = [...md.stdout.matchAll(/^\*\*\d+\. (.+)\*\*$/gm)].map((m) => m[1]!);
    expect(prompts).toHaveLength(6);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.setContent(r.stdout, { waitUntil: 'load' });
    expect(requests).toEqual([]); // self-contained: nothing fetched
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'The seven steps of the authorization-code flow',
    );
    // The same questions, in the same order, as the markdown paper for this seed.
    await expect(page.locator('ol.questions > li .prompt').allTextContents()).resolves.toEqual(
      prompts,
    );
    await expect(page.locator('section.key > ol > li').count()).resolves.toBe(6);

    await page.emulateMedia({ media: 'print' });
    // The test tsconfig has no DOM types: the page-side code is a string.
    await expect(
      page.evaluate("getComputedStyle(document.querySelector('section.key')).breakBefore"),
    ).resolves.toBe('page');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    await page.close();
  }, 60_000);
});
