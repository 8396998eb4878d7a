/**
 * Conformance against a certified relying-party library: openid-client v6
 * runs discovery, code + PKCE + nonce (consent page driven over HTTP), ID
 * token validation with signature checks against our JWKS, userinfo, and a
 * protected-resource call — for each signing algorithm the provider offers.
 */
import { describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { startProvider } from '../../src/provider/server.js';
import { PROVIDER_ALGS_ACCEPTED } from '../../src/provider/algs.js';
import { playConsent } from '../../src/oauth/consent-bot.js';
import { REDIRECT } from '../helpers/oauth.js';

// Ed25519 (RFC 9864 §2.2) and the deprecated EdDSA both: a certified library must accept what we sign.
describe.each(PROVIDER_ALGS_ACCEPTED)('openid-client v6 against the provider (%s)', (alg) => {
  it('discovery, code + PKCE + nonce, verified ID token, userinfo, protected resource, refresh', async () => {
    const p = await startProvider({ port: 0, alg });
    try {
      // openid-client refuses http unless told otherwise; this is loopback.
      const config = await client.discovery(
        new URL(p.issuer),
        p.demoClient.client_id,
        p.demoClient.client_secret,
        client.ClientSecretBasic(p.demoClient.client_secret),
        {
          execute: [client.allowInsecureRequests],
        },
      );
      client.enableNonRepudiationChecks(config);
      const verifier = client.randomPKCECodeVerifier();
      const nonce = client.randomNonce();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid profile email notes.read offline_access',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        nonce,
        state,
      });
      const { location } = await playConsent(url.href, {
        username: 'alice',
        password: 'wonderland',
      });
      const tokens = await client.authorizationCodeGrant(config, new URL(location), {
        pkceCodeVerifier: verifier,
        expectedNonce: nonce,
        expectedState: state,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      expect(claims).toMatchObject({
        iss: p.issuer,
        sub: 'user-alice-0001',
        aud: p.demoClient.client_id,
        nonce,
      });
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(info).toMatchObject({
        sub: 'user-alice-0001',
        name: 'Alice Liddell',
        email: 'alice@example.test',
      });
      const res = await client.fetchProtectedResource(
        config,
        tokens.access_token,
        new URL(`${p.issuer}/api/notes`),
        'GET',
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { notes: string[] }).notes.length).toBeGreaterThan(0);
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    } finally {
      await p.close();
    }
  });

  it('openid-client rejects a forged callback (state mismatch) before any token request', async () => {
    // Every request the provider answers, in order: the forged code must never reach /token.
    const seen: string[] = [];
    const p = await startProvider({
      port: 0,
      alg,
      onRequest: (e) => seen.push(`${e.method} ${e.path}`),
    });
    try {
      const config = await client.discovery(
        new URL(p.issuer),
        p.demoClient.client_id,
        p.demoClient.client_secret,
        undefined,
        { execute: [client.allowInsecureRequests] },
      );
      const forged = new URL(
        `${REDIRECT}?code=abc&state=attacker&iss=${encodeURIComponent(p.issuer)}`,
      );
      const error = await client
        .authorizationCodeGrant(config, forged, {
          expectedState: 'mine',
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
        })
        .then(
          () => undefined,
          (e: Error & { cause?: Error }) => e,
        );
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/state/);
      // Discovery reached the provider (so requests are seen), and nothing after it did.
      expect(seen).toEqual(['GET /.well-known/openid-configuration']);
    } finally {
      await p.close();
    }
  });
});
