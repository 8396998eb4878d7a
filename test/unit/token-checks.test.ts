/**
 * The client's token checks (src/oauth/token-checks.ts) against tokens the built-in provider issues.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkTokens } from '../../src/oauth/token-checks.js';
import { createSigningKey } from '../../src/provider/keys.js';
import { issueAccessToken, issueIdToken } from '../../src/provider/tokens.js';
import { DEMO_USERS } from '../../src/provider/model.js';

const NOW = 1_800_000_000;
const ISSUER = 'http://127.0.0.1:4000';
const alice = DEMO_USERS[0]!;

afterEach(() => vi.restoreAllMocks());

describe('checkTokens', () => {
  it('verifies the access token and the ID token against one key set: the key is imported once', async () => {
    const key = await createSigningKey('ES256');
    const ctx = { issuer: ISSUER, audience: `${ISSUER}/api`, key, now: () => NOW };
    const { token: accessToken } = await issueAccessToken(ctx, {
      sub: alice.sub,
      client_id: 'app',
      scope: 'openid',
    });
    const idToken = await issueIdToken(ctx, {
      user: alice,
      client_id: 'app',
      scope: 'openid',
      nonce: 'n',
      auth_time: NOW,
      accessToken,
    });
    const imports = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const [access, id] = await checkTokens(
      { access_token: accessToken, id_token: idToken },
      { jwks: key.jwks, issuer: ISSUER, clientId: 'app', nonce: 'n', now: new Date(NOW * 1000) },
    );
    expect([access?.kind, access?.verified, id?.kind, id?.verified]).toEqual([
      'access_token',
      true,
      'id_token',
      true,
    ]);
    expect(imports).toHaveBeenCalledTimes(1);
  });
});
