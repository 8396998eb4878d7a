/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §6, §4.4; RFC 8628 §3.4). Each check that the
 * spec makes a MUST is a line below, in the order a request meets them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { s256, VERIFIER } from '../protocol/pkce.js';
import { randomToken } from '../protocol/random.js';
import { authenticateClient, sameToken } from './client-auth.js';
import { revokeJtis, type ProviderContext, type RequestLog } from './context.js';
import { formBody, HttpError, sendJson } from './http.js';
import {
  DEVICE_CODE_GRANT,
  type Client,
  type GrantType,
  type IssuedJti,
  type RefreshToken,
  type TokenFamily,
  type User,
} from './model.js';
import { ACCESS_TOKEN_TTL, issueAccessToken, issueIdToken } from './tokens.js';

const GRANTS: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  DEVICE_CODE_GRANT,
];

const GRANT_NAMES: ReadonlySet<string> = new Set(GRANTS);
const isGrantType = (grant: string): grant is GrantType => GRANT_NAMES.has(grant);

const invalidGrant = (description: string) => new HttpError(400, 'invalid_grant', description);

/** The key a DPoP proof at this request showed, to bind the access token to (RFC 9449 §6.1). */
export interface Binding {
  jkt?: string;
}

export async function token(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await formBody(req, 'RFC 6749 §4.1.3, §4.4.2, §6');
  // RFC 6749 §5.2: a missing required parameter is invalid_request.
  const grant = params.get('grant_type');
  if (grant === undefined) throw new HttpError(400, 'invalid_request', 'grant_type is required');
  const client = authenticateClient(ctx, req, params, log);
  if (grant === 'password')
    throw new HttpError(
      400,
      'unsupported_grant_type',
      'the password grant is not supported (RFC 9700 §2.4: it MUST NOT be used)',
    );
  if (!isGrantType(grant))
    throw new HttpError(400, 'unsupported_grant_type', `grant_type "${grant}" is not supported`);
  if (!client.grant_types.includes(grant))
    throw new HttpError(
      400,
      'unauthorized_client',
      `client ${client.client_id} may not use the ${grant} grant`,
    );
  log.pass(`grant_type ${grant} allowed for this client`);
  // RFC 9449 §5: with a valid DPoP proof the access token is bound to the proof's key; an invalid one is refused.
  let bind: Binding = {};
  if (req.headers['dpop'] !== undefined) {
    const { checkDpopProof } = await import('./dpop.js');
    const proof = await checkDpopProof(
      ctx,
      req,
      { method: 'POST', url: new URL('/token', ctx.issuer) },
      log,
    );
    if (!proof.ok) throw new HttpError(400, 'invalid_dpop_proof', proof.description);
    bind = { jkt: proof.jkt };
  }
  let body: Record<string, unknown>;
  if (grant === 'authorization_code')
    body = await codeGrant(
      ctx,
      client,
      params.get('code'),
      params.get('redirect_uri'),
      params.get('code_verifier'),
      log,
      bind,
    );
  else if (grant === 'refresh_token')
    body = await refreshGrant(
      ctx,
      client,
      params.get('refresh_token'),
      // RFC 6749 §3.2: "Parameters sent without a value MUST be treated as if they were omitted".
      params.get('scope') || undefined,
      log,
      bind,
    );
  else if (grant === DEVICE_CODE_GRANT)
    body = await (
      await import('./device.js')
    ).deviceCodeGrant(ctx, client, params.get('device_code'), log, bind);
  else
    body = await clientCredentialsGrant(ctx, client, params.get('scope') || undefined, log, bind);
  // RFC 9449 §5: a DPoP-bound access token's token_type is "DPoP".
  if (bind.jkt !== undefined) body['token_type'] = 'DPoP';
  // RFC 6749 §5.1: "Cache-Control: no-store" and "Pragma: no-cache" (sendJson sets both).
  if (ctx.clients.markUsed(client.client_id)) ctx.clientsChanged();
  sendJson(res, 200, body);
}

/**
 * The authorization code grant. As node-oidc-provider does, every check on the code comes before anything
 * changes: load it, check that it belongs to the client presenting it, its redirect_uri and PKCE; only then
 * look at single use (revoking on a replay) and mark it used. So another client presenting a stolen code, or
 * a wrong verifier, neither uses the code up nor revokes its owner's tokens. Unlike node-oidc-provider,
 * single use is checked before expiry: a replay shortly after the code expired (within codeReplayMargin)
 * still revokes what the code issued.
 */
async function codeGrant(
  ctx: ProviderContext,
  client: Client,
  code: string | undefined,
  redirectUri: string | undefined,
  verifier: string | undefined,
  log: RequestLog,
  bind: Binding,
): Promise<Record<string, unknown>> {
  if (code === undefined) throw new HttpError(400, 'invalid_request', 'code is required');
  const stored = ctx.codes.get(code);
  if (stored === undefined) throw invalidGrant('unknown authorization code');
  // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated confidential client,
  // or if the client is public, ensure that the code was issued to "client_id" in the request".
  if (stored.client_id !== client.client_id) {
    log.fail(
      `the code belongs to ${stored.client_id}, not ${client.client_id}: refused, and the code left as it was`,
    );
    throw invalidGrant('authorization code was issued to another client');
  }
  // RFC 6749 §4.1.3: redirect_uri must be present if it was in the authorization request, and identical.
  if (stored.redirect_uri_sent && redirectUri === undefined)
    throw invalidGrant('redirect_uri is required: it was sent in the authorization request');
  if (redirectUri !== undefined && redirectUri !== stored.redirect_uri)
    throw invalidGrant('redirect_uri differs from the one in the authorization request');
  // RFC 7636 §4.6 and RFC 9700 §2.1.1: a stored challenge needs the matching verifier; a verifier needs a stored challenge.
  if (stored.code_challenge !== undefined) {
    if (verifier === undefined)
      throw invalidGrant(
        'code_verifier is required: the authorization request had a code_challenge',
      );
    if (!VERIFIER.test(verifier))
      throw invalidGrant('code_verifier must be 43–128 unreserved characters (RFC 7636 §4.1)');
    if (!sameToken(s256(verifier), stored.code_challenge))
      throw invalidGrant(
        'PKCE check failed: BASE64URL(SHA256(code_verifier)) does not match the code_challenge',
      );
    log.pass('PKCE verifier matches the challenge');
  } else if (verifier !== undefined) {
    throw invalidGrant(
      'code_verifier sent, but the authorization request had no code_challenge (PKCE downgrade)',
    );
  }
  // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server MUST deny the
  // request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code."
  if (stored.used) {
    revokeJtis(ctx, stored.issued.jtis, log);
    if (stored.issued.refreshFamily !== undefined)
      revokeFamily(ctx, stored.issued.refreshFamily, log);
    log.fail('authorization code replayed: every token issued from it is now revoked');
    throw invalidGrant(
      'authorization code already used; the tokens issued from it have been revoked',
    );
  }
  if (stored.expires < ctx.now())
    throw invalidGrant(`authorization code expired (codes live ${ctx.limits.codeTtl} seconds)`);
  stored.used = true;
  log.pass('code valid, unexpired, bound to this client and redirect_uri; now used up');
  const user = ctx.users.find((u) => u.sub === stored.sub);
  if (user === undefined) throw invalidGrant('the user this code was issued for no longer exists');
  const issued = await issueUserTokens(
    ctx,
    client,
    {
      user,
      scope: stored.scope,
      auth_time: stored.auth_time,
      ...(stored.nonce === undefined ? {} : { nonce: stored.nonce }),
      ...bind,
    },
    log,
  );
  stored.issued.jtis.push(issued.jti);
  if (issued.family !== undefined) stored.issued.refreshFamily = issued.family;
  return issued.body;
}

/**
 * The tokens a grant made by a user brings (the authorization code, the device code): an access token, a
 * refresh token starting a new family when the client may refresh, and an ID token when openid was granted.
 */
export async function issueUserTokens(
  ctx: ProviderContext,
  client: Client,
  g: { user: User; scope: string; auth_time: number; nonce?: string; jkt?: string },
  log: RequestLog,
): Promise<{ body: Record<string, unknown>; jti: IssuedJti; family?: string }> {
  const at = await issueAccessToken(ctx, {
    sub: g.user.sub,
    client_id: client.client_id,
    scope: g.scope,
    ...(g.jkt === undefined ? {} : { jkt: g.jkt }),
  });
  const jti = { jti: at.jti, exp: at.exp };
  const body: Record<string, unknown> = {
    access_token: at.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL,
    scope: g.scope,
  };
  let familyId: string | undefined;
  // OIDC Core §11: "The OP MUST always obtain consent to returning a Refresh Token that enables offline
  // access to the requested resources"; offline_access is how an OpenID Connect request asks for one, and
  // the consent page shows it. So a sign-in with openid but without offline_access gets no refresh token.
  // A plain OAuth request (no openid) is outside OpenID Connect: the client's refresh grant decides.
  const scopes = g.scope.split(' ');
  const offline = !scopes.includes('openid') || scopes.includes('offline_access');
  const mayRefresh = client.grant_types.includes('refresh_token');
  if (mayRefresh && !offline)
    log.pass(
      "no refresh token: openid without offline_access (this provider's rule after OIDC Core §11, which allows refresh tokens in other contexts too)",
    );
  if (mayRefresh && offline) {
    const family: TokenFamily = {
      id: randomToken(12),
      client_id: client.client_id,
      jtis: [jti],
      revoked: false,
    };
    const refresh = newRefreshToken(
      ctx,
      {
        family: family.id,
        client_id: client.client_id,
        sub: g.user.sub,
        scope: g.scope,
        auth_time: g.auth_time,
      },
      log,
    );
    if (ctx.families.set(family.id, family, Math.max(refresh.expires, at.exp)))
      log.fail(`limit: over ${ctx.limits.maxFamilies} grants held; the oldest was dropped`);
    body['refresh_token'] = refresh.token;
    familyId = family.id;
  }
  if (g.scope.split(' ').includes('openid')) {
    body['id_token'] = await issueIdToken(ctx, {
      user: g.user,
      client_id: client.client_id,
      scope: g.scope,
      auth_time: g.auth_time,
      accessToken: at.token,
      ...(g.nonce === undefined ? {} : { nonce: g.nonce }),
    });
  }
  log.pass(
    `tokens issued: access token${body['refresh_token'] ? ', refresh token' : ''}${body['id_token'] ? ', ID token' : ''}`,
  );
  return { body, jti, ...(familyId === undefined ? {} : { family: familyId }) };
}

function newRefreshToken(
  ctx: ProviderContext,
  a: { family: string; client_id: string; sub: string; scope: string; auth_time: number },
  log: RequestLog,
  notAfter = Infinity,
): RefreshToken {
  const rt: RefreshToken = {
    token: randomToken(32),
    ...a,
    expires: Math.min(ctx.now() + ctx.limits.refreshTtl, notAfter),
    used: false,
  };
  if (ctx.refreshTokens.set(rt.token, rt, rt.expires))
    log.fail(
      `limit: over ${ctx.limits.maxRefreshTokens} refresh tokens held; the oldest was dropped`,
    );
  return rt;
}

/** Revokes a grant: its refresh tokens (through the family they point to) and its access tokens. No scan of all tokens. */
export function revokeFamily(ctx: ProviderContext, id: string, log: RequestLog): void {
  const family = ctx.families.get(id);
  if (family === undefined) return;
  family.revoked = true;
  revokeJtis(ctx, family.jtis, log);
}

async function refreshGrant(
  ctx: ProviderContext,
  client: Client,
  token: string | undefined,
  scope: string | undefined,
  log: RequestLog,
  bind: Binding,
): Promise<Record<string, unknown>> {
  if (token === undefined) throw new HttpError(400, 'invalid_request', 'refresh_token is required');
  const stored = ctx.refreshTokens.get(token);
  if (stored === undefined) throw invalidGrant('unknown or revoked refresh token');
  // RFC 6749 §6: the refresh token is bound to the client it was issued to.
  if (stored.client_id !== client.client_id)
    throw invalidGrant('refresh token was issued to another client');
  const family = ctx.families.get(stored.family);
  if (family === undefined || family.revoked)
    throw invalidGrant('unknown or revoked refresh token');
  // RFC 9700 §4.14.2: rotation; reuse of an old refresh token revokes the whole chain.
  if (stored.used) {
    revokeFamily(ctx, stored.family, log);
    log.fail('an old refresh token was reused: the whole chain is revoked');
    throw invalidGrant('refresh token already used; the whole token chain has been revoked');
  }
  const granted = stored.scope.split(' ');
  const requested = scope === undefined ? granted : scope.split(' ').filter(Boolean);
  if (requested.some((s) => !granted.includes(s)))
    throw new HttpError(
      400,
      'invalid_scope',
      'a refresh can only keep or narrow the granted scope (RFC 6749 §6)',
    );
  stored.used = true;
  const at = await issueAccessToken(ctx, {
    sub: stored.sub,
    client_id: client.client_id,
    scope: requested.join(' '),
    ...bind,
  });
  const now = ctx.now();
  // Access tokens that have expired need no revocation: drop them so a long chain stays small.
  family.jtis = family.jtis.filter((j) => j.exp >= now);
  family.jtis.push({ jti: at.jti, exp: at.exp });
  // RFC 10017 §6.3.2.3: an authorization server giving refresh tokens to browser-based apps "MUST NOT,
  // upon issuing a rotated refresh token, extend the lifetime of the new refresh token beyond the
  // lifetime of the initial refresh token if the refresh token has a preestablished expiration time"
  // (ours have: 24 hours). Browser-based apps that are public clients must follow that section (§6.3.2),
  // and they "are typically deployed as public clients" (§6.3.3.1): for a public client, each
  // rotated token expires when the one it replaces would have, so a chain ends when its first token
  // would (a stolen one cannot be kept alive); a confidential client's chain gets a fresh lifetime at
  // each rotation.
  const capped = client.token_endpoint_auth_method === 'none';
  const refresh = newRefreshToken(
    ctx,
    {
      family: stored.family,
      client_id: client.client_id,
      sub: stored.sub,
      scope: stored.scope,
      auth_time: stored.auth_time,
    },
    log,
    capped ? stored.expires : Infinity,
  );
  ctx.families.extend(family.id, Math.max(refresh.expires, at.exp));
  log.pass(
    capped
      ? 'refresh token rotated: the old one is now spent; the new one expires when the first of its chain would (a public client, RFC 10017 §6.3.2.3)'
      : 'refresh token rotated: the old one is now spent',
  );
  return {
    access_token: at.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL,
    scope: requested.join(' '),
    refresh_token: refresh.token,
  };
}

/**
 * The scopes a client may ask for with client_credentials: its registered ones but openid and offline_access,
 * which only mean something for a user. Worked out at a client's first such grant and again only if its scope
 * changed, as client-auth.ts does with the secret's digest.
 */
const appScopes = new WeakMap<Client, { scope: string; allowed: readonly string[] }>();
function allowedAppScopes(client: Client): readonly string[] {
  const cached = appScopes.get(client);
  if (cached !== undefined && cached.scope === client.scope) return cached.allowed;
  const allowed = client.scope.split(' ').filter((s) => s !== 'openid' && s !== 'offline_access');
  appScopes.set(client, { scope: client.scope, allowed });
  return allowed;
}

function clientCredentialsGrant(
  ctx: ProviderContext,
  client: Client,
  scope: string | undefined,
  log: RequestLog,
  bind: Binding,
): Promise<Record<string, unknown>> {
  const allowed = allowedAppScopes(client);
  // One scope (the usual request) is its own list: no split, no filter.
  const requested =
    scope === undefined
      ? allowed
      : scope !== '' && !scope.includes(' ')
        ? [scope]
        : scope.split(' ').filter(Boolean);
  const refused = requested.filter((s) => !allowed.includes(s));
  if (refused.length > 0)
    throw new HttpError(
      400,
      'invalid_scope',
      `scope not allowed for this client: ${refused.join(', ')}`,
    );
  const granted = requested.length === 1 && scope !== undefined ? scope : requested.join(' ');
  return issueAccessToken(ctx, {
    sub: client.client_id,
    client_id: client.client_id,
    scope: granted,
    ...bind,
  }).then((at) => {
    log.pass('client credentials: a token for the app itself, no user');
    return {
      access_token: at.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL,
      scope: granted,
    };
  });
}
