/**
 * RFC 10017 §6.3.2.3 (OAuth 2.0 for Browser-Based Applications): a rotated refresh token given to a
 * browser-based app must not outlive the first token of its chain. Browser-based apps are public clients,
 * so a public client's chain ends when its first refresh token would have expired, however often it was
 * rotated; a confidential client's rotated token gets a lifetime of its own. A fake clock instead of
 * waiting; real HTTP on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import type { RequestEntry } from '../../src/provider/server.js';
import {
  REDIRECT,
  basic,
  fakeClock,
  getCode,
  post,
  providerOnClock,
  tokenWithCode,
} from '../helpers/oauth.js';

const HOUR = 3600;

describe('refresh-token lifetime across rotation (RFC 10017 §6.3.2.3)', () => {
  it('a public client: the chain ends when its first refresh token would have; a confidential one slides', async () => {
    const clock = fakeClock();
    const log: RequestEntry[] = [];
    const p = await providerOnClock(clock, { onRequest: (e) => log.push(e) });
    const token = `${p.issuer}/token`;
    const reg = await fetch(`${p.issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        scope: 'openid notes.read offline_access',
      }),
    });
    expect(reg.status).toBe(201);
    const spa = ((await reg.json()) as { client_id: string }).client_id;
    const demo = { authorization: basic(p.demoClient.client_id, p.demoClient.client_secret!) };

    // Both chains start now: a public client's and the confidential demo client's.
    const spaCode = await getCode(p, { client_id: spa, scope: 'openid notes.read offline_access' });
    const first = await post(token, {
      grant_type: 'authorization_code',
      code: spaCode.code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: spaCode.verifier,
    });
    const demoCode = await getCode(p);
    const demoFirst = await post(
      token,
      {
        grant_type: 'authorization_code',
        code: demoCode.code,
        redirect_uri: REDIRECT,
        code_verifier: demoCode.verifier,
      },
      demo,
    );
    let spaRt = first.json['refresh_token'];
    let demoRt = demoFirst.json['refresh_token'];
    expect(typeof spaRt).toBe('string');
    expect(typeof demoRt).toBe('string');

    // Rotate both every 20 hours: the provider's refresh lifetime is 24 hours.
    for (const step of [1, 2]) {
      clock.now += 20 * HOUR;
      const spaNext = await post(token, {
        grant_type: 'refresh_token',
        refresh_token: String(spaRt),
        client_id: spa,
      });
      const demoNext = await post(
        token,
        { grant_type: 'refresh_token', refresh_token: String(demoRt) },
        demo,
      );
      // The confidential chain lives on at every step.
      expect(demoNext.status, `confidential, step ${step}`).toBe(200);
      demoRt = demoNext.json['refresh_token'];
      if (step === 1) {
        // 20 h in: within the first token's 24 h, so the public chain rotates too.
        expect(spaNext.status).toBe(200);
        spaRt = spaNext.json['refresh_token'];
        expect(
          log.some((e) =>
            e.checks.some((c) => c.text.includes('expires when the first of its chain would')),
          ),
        ).toBe(true);
      } else {
        // 40 h in: past the first token's 24 h. The token rotated at 20 h would still have 4 h left
        // if rotation gave it a lifetime of its own; it does not.
        expect(spaNext.status).toBe(400);
        expect(spaNext.json['error']).toBe('invalid_grant');
      }
    }
  });
});

describe('when a refresh token is issued (OIDC Core §11)', () => {
  it('openid without offline_access gets none; with it, one; a plain OAuth request follows the client', async () => {
    const p = await providerOnClock(fakeClock());
    const tokensFor = async (scope: string) => tokenWithCode(p, await getCode(p, { scope }));
    const oidcOnly = await tokensFor('openid profile');
    expect(oidcOnly.status).toBe(200);
    expect(oidcOnly.json).toHaveProperty('id_token');
    expect(oidcOnly.json).not.toHaveProperty('refresh_token');
    expect((await tokensFor('openid profile offline_access')).json).toHaveProperty('refresh_token');
    expect((await tokensFor('notes.read')).json).toHaveProperty('refresh_token');
  });
});
