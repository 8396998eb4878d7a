/**
 * The extras after the authorization-code grant, on the session's own tokens:
 * refresh (rotation), then revoke the new access token and call the API with
 * it, and what that shows about JWT access tokens and introspection.
 */
import { formBody, jsonOf } from '../exchange.js';
import { checkWithoutProvider } from '../token-checks.js';
import type { Session } from '../engine/session.js';
import { publicId } from './register.js';

export async function offerExtras(s: Session): Promise<void> {
  const refreshToken = s.tokens?.refresh_token;
  if (refreshToken === undefined) return;
  if (!(s.opts.extras || (!s.opts.auto && (await s.io.offerExtras?.())))) return;
  await refreshAndRevoke(s, refreshToken);
}

async function refreshAndRevoke(s: Session, refreshToken: string): Promise<void> {
  const refresh = s.extra('Refresh the token (rotation)');
  const r1 = await s.call(
    {
      method: 'POST',
      url: s.ep.token,
      headers: s.headers,
      body: formBody({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        ...publicId(s),
      }),
    },
    'refresh: a new access token without the user',
  );
  const fresh = jsonOf(r1) ?? {};
  const rotated =
    typeof fresh['refresh_token'] === 'string' && fresh['refresh_token'] !== refreshToken;
  refresh.notes.push(
    `${r1.response.status}: new access token${rotated ? ', and a NEW refresh token: the old one is now spent (rotation, RFC 9700 §4.14.2)' : ''}`,
  );
  refresh.exchanges.push(r1);
  s.pushExtra(refresh);
  const accessToken = fresh['access_token'];
  if (s.ep.revoke === undefined || typeof accessToken !== 'string') return;
  const x = s.extra('Revoke it, then call the API');
  const rv = await s.call(
    {
      method: 'POST',
      url: s.ep.revoke,
      headers: s.headers,
      body: formBody({ token: accessToken, token_type_hint: 'access_token', ...publicId(s) }),
    },
    'revoke the access token (RFC 7009)',
  );
  const after = await s.call(
    { method: 'GET', url: s.ep.api, headers: { authorization: `Bearer ${accessToken}` } },
    'the API, with the revoked token',
  );
  x.exchanges.push(rv, after);
  x.notes.push(
    `revocation answered ${rv.response.status}`,
    `the API answered ${after.response.status}: ${after.response.headers['www-authenticate'] ?? ''}`,
    'WWW-Authenticate names the scheme (Bearer), and error="invalid_token" tells the app to get a new token (RFC 6750 §3)',
  );
  // Why the API knew: it asks the provider about every token. A JWT itself does not change when it is revoked.
  if (s.ep.introspect !== undefined && s.clientSecret !== undefined) {
    const intro = await s.call(
      {
        method: 'POST',
        url: s.ep.introspect,
        headers: s.headers,
        body: formBody({ token: accessToken, token_type_hint: 'access_token' }),
      },
      'token introspection (RFC 7662): what this demo API does in effect — it asks the provider whether the token is still active',
    );
    x.exchanges.push(intro);
    x.notes.push(
      `introspection says "active": ${String(jsonOf(intro)?.['active'])} (RFC 7662 §2.2): the demo API rejected the token only because it asks the provider, not because anything in the token changed`,
    );
  } else {
    x.notes.push(
      'the demo API rejected the token only because it asks the provider about every token (as introspection does, RFC 7662), not because anything in the token changed',
    );
  }
  if (s.jwks !== undefined) {
    const offline = await checkWithoutProvider(accessToken, s.jwks, s.ep.issuer);
    x.notes.push(
      offline.ok
        ? `an API that only checks the signature (and iss, exp) would still accept this revoked token: ${offline.detail} — until it expires. That is why JWT access tokens are kept short-lived, or checked by introspection where revocation must take effect at once (RFC 7662 §1)`
        : `an API that only checks the signature would reject it too here: ${offline.detail}`,
    );
  }
  s.pushExtra(x);
}
