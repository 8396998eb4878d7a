/**
 * The protected resources: /userinfo (OIDC Core §5.3) and a small API.
 * Bearer tokens are read from the Authorization header only (RFC 6750 §2.1);
 * failures answer per RFC 6750 §3: no credentials (or another scheme) 401 with
 * only the challenge; a token in the URL, a malformed Authorization header, or a
 * token in both the header and a form body 400 invalid_request; a bad, expired
 * or revoked token 401 invalid_token; too little scope 403 insufficient_scope.
 * A DPoP-bound token is challenged with DPoP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderContext, RequestLog } from './context.js';
import { wireErrorDescription } from './error-text.js';
import { formBody, HttpError, mediaType, NO_ERROR_CODE, sendJson } from './http.js';
import { checkAccessToken, type AccessClaims } from './tokens.js';
import { DPOP_ALGS, emailClaims } from './model.js';

const REALM = 'oauth-tutor';

function bearerError(status: number, error: string, description: string, extra = ''): HttpError {
  const header = `Bearer realm="${REALM}", error="${error}", error_description="${wireErrorDescription(description)}"${extra}`;
  return new HttpError(status, error, description, { 'www-authenticate': header });
}

function dpopError(error: string, description: string, status = 401): HttpError {
  const header = `DPoP realm="${REALM}", error="${error}", error_description="${wireErrorDescription(description)}", algs="${DPOP_ALGS.join(' ')}"`;
  return new HttpError(status, error, description, { 'www-authenticate': header });
}

/**
 * A request with no authentication information (RFC 6750 §3.1): both schemes this server takes are
 * offered, with no error code, as RFC 9449 §7.2 recommends a server that accepts Bearer and DPoP to do
 * (its example: `Bearer, DPoP algs="…"`; §7.1: "An algs parameter SHOULD be included").
 */
function noCredentials(description: string): HttpError {
  return new HttpError(401, NO_ERROR_CODE, description, {
    'www-authenticate': `Bearer realm="${REALM}", DPoP realm="${REALM}", algs="${DPOP_ALGS.join(' ')}"`,
  });
}

export async function requireToken(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  scope: string,
  log: RequestLog,
): Promise<AccessClaims> {
  if (url.searchParams.has('access_token')) {
    log.fail('token sent in the URL');
    throw bearerError(
      400,
      'invalid_request',
      'send the token in the Authorization header, not the URL (RFC 6750 §5.3)',
    );
  }
  const header = req.headers.authorization;
  // RFC 6750 §3.1: "If the request lacks any authentication information (e.g., the client was unaware that
  // authentication is necessary or attempted using an unsupported authentication method), the resource server
  // SHOULD NOT include an error code or other error information": the challenge alone.
  if (header === undefined || header === '') throw noCredentials('no access token');
  if (!/^(bearer|dpop)(\s|$)/i.test(header))
    throw noCredentials(
      `no access token: the Authorization header uses the ${JSON.stringify(header.split(/\s/, 1)[0]?.slice(0, 20))} scheme, not Bearer or DPoP`,
    );
  const m = /^(bearer|dpop)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  const [, rawScheme, token] = m ?? [];
  if (rawScheme === undefined || token === undefined) {
    log.fail('Authorization header is not "Bearer <token>" or "DPoP <token>"');
    const description =
      'the Authorization header must be "Bearer <token>" (or "DPoP <token>" for a DPoP-bound token)';
    // RFC 9449 §7.2: when the scheme is clear, "the corresponding challenge SHOULD be used".
    throw /^dpop/i.test(header)
      ? dpopError('invalid_request', description, 400)
      : bearerError(400, 'invalid_request', description);
  }
  const scheme = rawScheme.toLowerCase();
  const check = await checkAccessToken(ctx, token, ctx.revokedJtis);
  if (!check.ok) {
    log.fail(check.description);
    throw bearerError(401, 'invalid_token', check.description);
  }
  // RFC 9449 §7.1: a DPoP-bound token (cnf.jkt) comes with the DPoP scheme and a proof made with its key, for
  // this request (htm, htu), this token (ath), and never before (jti).
  const jkt = check.claims.cnf?.jkt;
  if (jkt !== undefined) {
    if (scheme !== 'dpop') {
      log.fail('a DPoP-bound token presented as a Bearer token');
      throw dpopError(
        'invalid_token',
        'this access token is bound to a key (cnf.jkt): present it with the DPoP scheme and a DPoP proof',
      );
    }
    const { checkDpopProof } = await import('./dpop.js');
    const proof = await checkDpopProof(
      ctx,
      req,
      { method: req.method ?? 'GET', url, accessToken: token, jkt },
      log,
    );
    if (!proof.ok) throw dpopError('invalid_dpop_proof', proof.description);
  } else if (scheme === 'dpop') {
    log.fail('the DPoP scheme with a token that is not DPoP-bound');
    throw dpopError(
      'invalid_token',
      'this access token is not DPoP-bound: present it as a Bearer token',
    );
  }
  const scopes = (check.claims.scope ?? '').split(' ');
  if (!scopes.includes(scope)) {
    log.fail(`scope ${scope} not granted`);
    throw bearerError(
      403,
      'insufficient_scope',
      `this call needs the ${scope} scope`,
      `, scope="${scope}"`,
    );
  }
  log.pass(
    `access token valid (alg, typ at+jwt, iss, aud, exp${jkt === undefined ? '' : ', DPoP proof'}) with scope ${scope}`,
  );
  return check.claims;
}

export async function userinfo(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  // A form body's access_token is a method this server does not take (RFC 6750 §2.2 is a MAY); sent
  // beside an Authorization header it is two methods at once, which a client "MUST NOT" use (RFC 6750
  // §2), answered 400 invalid_request (RFC 6750 §3.1).
  if (
    req.method === 'POST' &&
    req.headers.authorization !== undefined &&
    mediaType(req) === 'application/x-www-form-urlencoded' &&
    (await formBody(req)).has('access_token')
  ) {
    log.fail('access token sent both in the Authorization header and in the body');
    throw bearerError(
      400,
      'invalid_request',
      'send the access token one way only, in the Authorization header (RFC 6750 §2)',
    );
  }
  const claims = await requireToken(ctx, req, url, 'openid', log);
  const user = ctx.users.find((u) => u.sub === claims.sub);
  if (user === undefined)
    throw new HttpError(401, 'invalid_token', 'the token is not for a user', {
      'www-authenticate': `Bearer realm="${REALM}", error="invalid_token"`,
    });
  const scopes = (claims.scope ?? '').split(' ');
  const body: Record<string, unknown> = { sub: user.sub };
  if (scopes.includes('profile'))
    Object.assign(body, { name: user.name, preferred_username: user.username });
  if (scopes.includes('email')) Object.assign(body, emailClaims(user));
  sendJson(res, 200, body);
}

const NOTES: Record<string, string[]> = {
  'user-alice-0001': ['Buy tea for the Hatter', 'Find out why the raven is like a writing desk'],
  'user-bob-0002': ['Fix the roof', 'Order more bricks'],
};

export async function apiProfile(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const claims = await requireToken(ctx, req, url, 'profile', log);
  const user = ctx.users.find((u) => u.sub === claims.sub);
  sendJson(
    res,
    200,
    user === undefined
      ? { sub: claims.sub, client: true }
      : { sub: user.sub, name: user.name, username: user.username },
  );
}

export async function apiNotes(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const claims = await requireToken(ctx, req, url, 'notes.read', log);
  sendJson(res, 200, { sub: claims.sub, notes: NOTES[claims.sub ?? ''] ?? [] });
}
