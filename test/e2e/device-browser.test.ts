/**
 * The device flow's verification page in a real headless Chromium (issue 14): the user types the code
 * shown on the device, sees the app, the scopes and the phishing warning (RFC 8628 §5.4), signs in and
 * approves; the device's next poll gets the tokens. Skipped, with the reason in its name, without chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, skippedWhy } from '../helpers/browser.js';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { post } from '../helpers/oauth.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe.skipIf(!hasChromium)(`device verification page in headless Chromium${skippedWhy}`, () => {
  let p: RunningProvider;
  let browser: Browser;
  let now = 1_800_000_000;

  beforeAll(async () => {
    p = await startProvider({ port: 0, clock: () => now });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
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
