/**
 * The consent page in a real headless Chromium (Debian's chromium, driven by
 * playwright-core): sign in, approve, land on the client's redirect URI with
 * a code. .ci/run installs chromium; without it this suite reports itself
 * skipped, with the reason in its name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, skippedWhy } from '../helpers/browser.js';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { createVerifier, s256 } from '../../src/oauth/pkce.js';
import { authorizeUrl } from '../helpers/oauth.js';

describe.skipIf(!hasChromium)(`consent page in headless Chromium${skippedWhy}`, () => {
  let p: RunningProvider;
  let browser: Browser;
  let callback: Server;
  let callbackUrl: string;

  beforeAll(async () => {
    p = await startProvider({ port: 0 });
    callback = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>client app</title><p>Callback received.</p>');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
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
