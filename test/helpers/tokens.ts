/** Tokens the built-in provider issues, made in-process for the unit tests that check or verify them. */
import { createSigningKey, type SigningKey } from '../../src/provider/keys.js';
import { issueAccessToken, issueIdToken } from '../../src/provider/tokens.js';
import { DEMO_USERS } from '../../src/provider/model.js';
import type { ProviderAlg } from '../../src/provider/algs.js';

export const NOW = 1_800_000_000;
export const ISSUER = 'http://127.0.0.1:4000';

/** A new `alg` key, an access token for alice (client "app", scope openid) and the ID token bound to it (nonce "n"). */
export async function issuedPair(
  alg: ProviderAlg,
): Promise<{ key: SigningKey; accessToken: string; idToken: string }> {
  const alice = DEMO_USERS[0];
  if (alice === undefined) throw new Error('no demo user');
  const key = await createSigningKey(alg);
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
  return { key, accessToken, idToken };
}
