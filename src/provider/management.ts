/** Dynamic client registration (RFC 7591), token revocation (RFC 7009) and introspection (RFC 7662). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken } from '../oauth/pkce.js';
import { authenticateClient } from './client-auth.js';
import type { ProviderContext, RequestLog } from './context.js';
import { formBody, HttpError, jsonBody, sendJson } from './http.js';
import { SCOPES, type AuthMethod, type Client, type GrantType } from './model.js';
import { registrationProblem } from './redirect-uri.js';
import { revokeFamily } from './token.js';
import { checkAccessToken } from './tokens.js';

const MAX_CLIENTS = 1000;
const DEFAULT_SCOPE = 'openid profile email notes.read offline_access';

export async function register(ctx: ProviderContext, req: IncomingMessage, res: ServerResponse, log: RequestLog): Promise<void> {
  const meta = await jsonBody(req);
  const bad = (description: string, error = 'invalid_client_metadata') => {
    log.fail(description);
    return new HttpError(400, error, description);
  };
  if (ctx.clients.size >= MAX_CLIENTS) throw bad('too many registered clients; restart the provider');
  const method = (meta['token_endpoint_auth_method'] ?? 'client_secret_basic') as AuthMethod;
  if (!['client_secret_basic', 'client_secret_post', 'none'].includes(method)) throw bad(`token_endpoint_auth_method "${String(method)}" is not supported`);
  const grants = (meta['grant_types'] ?? ['authorization_code', 'refresh_token']) as GrantType[];
  if (!Array.isArray(grants) || grants.some((g) => !['authorization_code', 'refresh_token', 'client_credentials'].includes(g))) throw bad('grant_types may hold authorization_code, refresh_token, client_credentials');
  if (method === 'none' && grants.includes('client_credentials')) throw bad('a public client cannot use client_credentials: it has no secret');
  const responseTypes = meta['response_types'] ?? ['code'];
  if (!Array.isArray(responseTypes) || responseTypes.some((r) => r !== 'code')) throw bad('only response_types ["code"] is supported');
  const uris = meta['redirect_uris'];
  if (grants.includes('authorization_code')) {
    if (!Array.isArray(uris) || uris.length === 0 || uris.some((u) => typeof u !== 'string')) throw bad('redirect_uris must be a non-empty list of URIs', 'invalid_redirect_uri');
    for (const u of uris as string[]) {
      const problem = registrationProblem(u);
      if (problem !== undefined) throw bad(problem, 'invalid_redirect_uri');
    }
  }
  const scope = typeof meta['scope'] === 'string' ? meta['scope'] : DEFAULT_SCOPE;
  const unknown = scope.split(' ').filter((s) => s !== '' && SCOPES[s] === undefined);
  if (unknown.length > 0) throw bad(`unknown scope: ${unknown.join(', ')}`);
  const name = typeof meta['client_name'] === 'string' && meta['client_name'].trim() !== '' ? meta['client_name'].slice(0, 100) : 'Unnamed app';
  const client: Client = {
    client_id: `client-${randomToken(12)}`,
    client_name: name,
    redirect_uris: Array.isArray(uris) ? (uris as string[]) : [],
    token_endpoint_auth_method: method,
    grant_types: grants,
    scope,
    client_id_issued_at: ctx.now(),
  };
  if (method !== 'none') client.client_secret = randomToken(32);
  ctx.clients.set(client.client_id, client);
  log.pass(`registered ${client.client_id} (${method})`);
  sendJson(res, 201, { ...client, response_types: ['code'], ...(client.client_secret === undefined ? {} : { client_secret_expires_at: 0 }) });
}

export async function revoke(ctx: ProviderContext, req: IncomingMessage, res: ServerResponse, log: RequestLog): Promise<void> {
  const params = await formBody(req);
  const client = authenticateClient(ctx, req, params, log);
  const token = params.get('token');
  if (token === undefined) throw new HttpError(400, 'invalid_request', 'token is required');
  const rt = ctx.refreshTokens.get(token);
  if (rt !== undefined && rt.client_id === client.client_id) {
    // RFC 7009 §2.1: revoking a refresh token may also revoke the access tokens of the same grant; we do.
    revokeFamily(ctx, rt.family);
    log.pass('refresh token and its chain revoked');
  } else {
    const check = await checkAccessToken(ctx, token, ctx.revokedJtis);
    if (check.ok && check.claims.client_id === client.client_id && typeof check.claims.jti === 'string') {
      ctx.revokedJtis.add(check.claims.jti);
      log.pass('access token revoked');
    } else {
      // RFC 7009 §2.2: invalid tokens do not cause an error.
      log.pass('nothing to revoke (answered 200 all the same, RFC 7009 §2.2)');
    }
  }
  res.writeHead(200, { 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

export async function introspect(ctx: ProviderContext, req: IncomingMessage, res: ServerResponse, log: RequestLog): Promise<void> {
  const params = await formBody(req);
  const client = authenticateClient(ctx, req, params, log, { allowPublic: false });
  const token = params.get('token');
  if (token === undefined) throw new HttpError(400, 'invalid_request', 'token is required');
  const rt = ctx.refreshTokens.get(token);
  if (rt !== undefined) {
    const active = !rt.used && !rt.revoked && rt.client_id === client.client_id;
    return sendJson(res, 200, active ? { active, token_type: 'refresh_token', scope: rt.scope, client_id: rt.client_id, sub: rt.sub, iss: ctx.issuer } : { active: false });
  }
  const check = await checkAccessToken(ctx, token, ctx.revokedJtis);
  if (!check.ok) {
    log.fail(`inactive: ${check.description}`);
    return sendJson(res, 200, { active: false });
  }
  const c = check.claims;
  log.pass('active access token');
  sendJson(res, 200, { active: true, token_type: 'Bearer', scope: c.scope, client_id: c.client_id, sub: c.sub, iss: c.iss, aud: c.aud, exp: c.exp, iat: c.iat, jti: c.jti });
}
