/**
 * Issue 14: a certified client library (openid-client, panva) completes the device flow and a DPoP-bound
 * authorization-code flow against the built-in provider, over real HTTP on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { startProvider, type RunningProvider } from '../../src/provider/server.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { playVerification } from '../../src/oauth/device-bot.js';
import { REDIRECT } from '../helpers/oauth.js';

const alice = { username: 'alice', password: 'wonderland' };
const running: RunningProvider[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

async function provider(): Promise<RunningProvider> {
  // openid-client waits the interval before each poll with real timers and requires a positive interval:
  // the shortest, 1 s, keeps that wait short (the user approves before the first poll).
  const p = await startProvider({ port: 0, limits: { deviceInterval: 1 } });
  running.push(p);
  return p;
}

describe('openid-client against the built-in provider', () => {
  it('completes the device authorization grant (RFC 8628): initiate, the user approves, poll, then the API', async () => {
    const p = await provider();
    const reg = await fetch(`${p.issuer}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'tv',
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code'],
        scope: 'openid profile notes.read',
      }),
    });
    const { client_id } = (await reg.json()) as { client_id: string };
    const config = await client.discovery(new URL(p.issuer), client_id, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const device = await client.initiateDeviceAuthorization(config, {
      scope: 'openid profile notes.read',
    });
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await playVerification(device.verification_uri_complete!, alice);
    const tokens = await client.pollDeviceAuthorizationGrant(config, device);
    expect(tokens.claims()).toMatchObject({
      iss: p.issuer,
      sub: 'user-alice-0001',
      aud: client_id,
    });
    const res = await client.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL(`${p.issuer}/api/notes`),
      'GET',
    );
    expect(res.status).toBe(200);
  });

  it('completes a DPoP-bound authorization-code flow (RFC 9449): token_type DPoP, the API answers with a proof', async () => {
    const p = await provider();
    const config = await client.discovery(
      new URL(p.issuer),
      p.demoClient.client_id,
      undefined,
      client.ClientSecretBasic(p.demoClient.client_secret!),
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid notes.read',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const { location } = await playConsent(url.href, alice);
    const DPoP = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
    const tokens = await client.authorizationCodeGrant(
      config,
      new URL(location),
      { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce },
      undefined,
      { DPoP },
    );
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const payload = JSON.parse(
      Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString(),
    ) as { cnf?: { jkt?: string } };
    expect(payload.cnf?.jkt).toEqual(expect.any(String));
    const res = await client.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL(`${p.issuer}/api/notes`),
      'GET',
      undefined,
      undefined,
      { DPoP },
    );
    expect(res.status).toBe(200);
    // Without the DPoP handle (as a Bearer token) the same token is refused.
    const bearer = await fetch(`${p.issuer}/api/notes`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(bearer.status).toBe(401);
  });
});
