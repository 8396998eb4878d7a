/** Dynamic client registration (RFC 7591), token revocation (RFC 7009) and introspection (RFC 7662). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken } from '../protocol/random.js';
import { authenticateClient } from './client-auth.js';
import { revokeJtis, type ProviderContext, type RequestLog } from './context.js';
import { formBody, HttpError, jsonBody, sendJson } from './http.js';
import type { Client, RefreshToken } from './model.js';
import { parseClientMetadata } from './registration.js';
import { revokeFamily } from './token.js';
import { checkAccessToken } from './tokens.js';

export async function register(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  // Registration is open to anyone who can reach the provider, so each address gets a quota.
  const address = req.socket.remoteAddress ?? 'unknown';
  const quota = ctx.registrationLimiter.hit(address);
  if (!quota.ok) {
    log.fail(
      `limit: over ${ctx.limits.registrationsPerMinute} registrations a minute from ${address}`,
    );
    throw new HttpError(
      429,
      'too_many_requests',
      `too many registrations from ${address}: at most ${ctx.limits.registrationsPerMinute} a minute; try again in ${quota.retryAfter} seconds`,
      { 'retry-after': String(quota.retryAfter) },
    );
  }
  const parsed = parseClientMetadata(await jsonBody(req));
  if (!parsed.ok) {
    log.fail(parsed.description);
    throw new HttpError(400, parsed.error, parsed.description);
  }
  const m = parsed.metadata;
  const client: Client = {
    client_id: `client-${randomToken(12)}`,
    ...m,
    client_id_issued_at: ctx.now(),
  };
  if (m.token_endpoint_auth_method !== 'none') client.client_secret = randomToken(32);
  const evicted = ctx.clients.register({ client, registered_at: client.client_id_issued_at });
  if (evicted !== undefined)
    log.fail(
      `limit: ${ctx.limits.maxClients} registrations held; ${evicted} (the oldest never used, or else the least recently used) was dropped`,
    );
  ctx.clientsChanged();
  log.pass(`registered ${client.client_id} (${m.token_endpoint_auth_method})`);
  sendJson(res, 201, {
    ...client,
    response_types: ['code'],
    ...(client.client_secret === undefined ? {} : { client_secret_expires_at: 0 }),
  });
}

/**
 * Whether a stored refresh token can still be used: not rotated (a rotated one is kept only so that its
 * reuse is detected, RFC 9700 §4.14.2), and its grant neither revoked nor forgotten.
 */
function refreshTokenValid(ctx: ProviderContext, rt: RefreshToken): boolean {
  const family = ctx.families.get(rt.family);
  return !rt.used && family !== undefined && !family.revoked;
}

export async function revoke(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await formBody(req, 'RFC 7009 §2.1');
  const client = authenticateClient(ctx, req, params, log);
  const token = params.get('token');
  if (token === undefined) throw new HttpError(400, 'invalid_request', 'token is required');
  // RFC 7009 §2.1: the server "verifies whether the token was issued to the client making the revocation
  // request. If this validation fails, the request is refused and the client is informed of the error".
  const notYours = () =>
    new HttpError(
      400,
      'invalid_request',
      'the token was issued to another client; a client may revoke only its own tokens (RFC 7009 §2.1)',
    );
  // Validity first: an invalid token is answered 200 whoever it was issued to (§2.2).
  const rt = ctx.refreshTokens.get(token);
  if (rt !== undefined && !refreshTokenValid(ctx, rt) && rt.client_id !== client.client_id) {
    log.pass(
      'nothing to revoke: a spent or revoked refresh token (answered 200 all the same, RFC 7009 §2.2)',
    );
  } else if (rt !== undefined) {
    if (rt.client_id !== client.client_id) throw notYours();
    // RFC 7009 §2.1: revoking a refresh token may also revoke the access tokens of the same grant; we do.
    revokeFamily(ctx, rt.family, log);
    log.pass('refresh token and its chain revoked');
  } else {
    const check = await checkAccessToken(ctx, token, ctx.revokedJtis);
    if (check.ok && check.claims.client_id !== client.client_id) throw notYours();
    if (check.ok && typeof check.claims.jti === 'string' && typeof check.claims.exp === 'number') {
      revokeJtis(ctx, [{ jti: check.claims.jti, exp: check.claims.exp }], log);
      log.pass('access token revoked');
    } else {
      // RFC 7009 §2.2: invalid tokens do not cause an error.
      log.pass('nothing to revoke (answered 200 all the same, RFC 7009 §2.2)');
    }
  }
  res.writeHead(200, { 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

export async function introspect(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await formBody(req, 'RFC 7662 §2.1');
  const client = authenticateClient(ctx, req, params, log, { allowPublic: false });
  const token = params.get('token');
  if (token === undefined) throw new HttpError(400, 'invalid_request', 'token is required');
  const rt = ctx.refreshTokens.get(token);
  if (rt !== undefined) {
    const active = refreshTokenValid(ctx, rt) && rt.client_id === client.client_id;
    return sendJson(
      res,
      200,
      active
        ? {
            active,
            token_type: 'refresh_token',
            scope: rt.scope,
            client_id: rt.client_id,
            sub: rt.sub,
            iss: ctx.issuer,
          }
        : { active: false },
    );
  }
  const check = await checkAccessToken(ctx, token, ctx.revokedJtis);
  if (!check.ok) {
    log.fail(`inactive: ${check.description}`);
    return sendJson(res, 200, { active: false });
  }
  const c = check.claims;
  log.pass('active access token');
  sendJson(res, 200, {
    active: true,
    token_type: 'Bearer',
    scope: c.scope,
    client_id: c.client_id,
    sub: c.sub,
    iss: c.iss,
    aud: c.aud,
    exp: c.exp,
    iat: c.iat,
    jti: c.jti,
  });
}
