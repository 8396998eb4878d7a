/**
 * The consent bot (src/oauth/consent-bot.ts) against the real provider on loopback: submitConsent
 * fills in the page a browser has already loaded, so `flow --auto`, which records that load, makes
 * one GET /authorize as a browser does (it made two, each a pending request at the provider).
 */
import { describe, expect, it } from 'vitest';
import { startProvider } from '../../src/provider/server.js';
import { playConsent, submitConsent } from '../../src/oauth/consent-bot.js';
import { send } from '../../src/oauth/http-request.js';
import { authorizeUrl, REDIRECT } from '../helpers/oauth.js';
import { createVerifier, s256 } from '../../src/protocol/pkce.js';

async function withProvider(run: (issuerUrl: string, seen: string[]) => Promise<void>) {
  const seen: string[] = [];
  const p = await startProvider({
    port: 0,
    onRequest: (e) => seen.push(`${e.method} ${e.path.split('?')[0]}`),
  });
  try {
    await run(
      authorizeUrl(p, {
        response_type: 'code',
        client_id: p.demoClient.client_id,
        redirect_uri: REDIRECT,
        scope: 'openid notes.read',
        state: 's-1',
        code_challenge: s256(createVerifier()),
        code_challenge_method: 'S256',
      }),
      seen,
    );
  } finally {
    await p.close();
  }
}

describe('the consent bot', () => {
  it('submits the page already loaded: one GET /authorize, then the decision, and a code comes back', async () => {
    await withProvider(async (url, seen) => {
      const page = await send('GET', url, { accept: 'text/html' });
      const { location } = await submitConsent(url, page, {
        username: 'alice',
        password: 'wonderland',
      });
      expect(new URL(location).searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
      expect(seen).toEqual(['GET /authorize', 'POST /authorize/decision']);
    });
  });

  it('playConsent loads the page itself, once', async () => {
    await withProvider(async (url, seen) => {
      const { location } = await playConsent(url, { username: 'alice', password: 'wonderland' });
      expect(new URL(location).searchParams.get('state')).toBe('s-1');
      expect(seen).toEqual(['GET /authorize', 'POST /authorize/decision']);
    });
  });

  it('refuses a page that is not a consent form, keeping its status', async () => {
    await withProvider(async (url) => {
      await expect(
        submitConsent(
          url,
          { status: 200, body: '<p>no form</p>' },
          { username: 'a', password: 'b' },
        ),
      ).rejects.toMatchObject({ name: 'ConsentError', status: 200 });
      await expect(
        submitConsent(url, { status: 400, body: 'bad' }, { username: 'a', password: 'b' }),
      ).rejects.toMatchObject({ name: 'ConsentError', status: 400 });
    });
  });
});
