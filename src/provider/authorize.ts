/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1) and the consent
 * decision. Errors about the client or the redirect URI are shown on a page,
 * never redirected (§4.1.2.1: "the authorization server SHOULD inform the
 * resource owner of the error and MUST NOT automatically redirect"); all
 * other errors go back to the client with error, error_description, state
 * and iss (RFC 9207).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken } from '../protocol/random.js';
import { consentPage, consentPageBytes, errorPage } from './consent-page.js';
import type { ProviderContext, RequestLog } from './context.js';
import { Params, redirect, sendHtml } from './http.js';
import { csrfHolds, readPageForm, signIn } from './page-form.js';
import { oversizedParam } from './limits.js';
import { SCOPES, type Client, type PendingAuthorization, type User } from './model.js';
import { redirectUriMatches } from './redirect-uri.js';

/** The user list a page shows when it must not list accounts: one array, so the page's template is reused. */
const NO_USERS: readonly User[] = [];

/**
 * The redirect URI with the response's parameters added to its query, keeping any query it was registered
 * with (RFC 6749 §3.1.2: "MUST retain the query component when adding additional query parameters").
 * The query is set on the URL once: each `url.searchParams.set` rewrote the whole URL.
 */
function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  const query = new URLSearchParams(u.search);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  u.search = query.toString();
  return u.href;
}

/**
 * The scopes a client registered, as a set: made at its first authorization request and again only if its
 * scope changed (as client-auth.ts keeps a secret's digest), not split and copied into a Set per request.
 */
const scopeSets = new WeakMap<Client, { scope: string; set: ReadonlySet<string> }>();
function registeredScopes(client: Client): ReadonlySet<string> {
  const cached = scopeSets.get(client);
  if (cached !== undefined && cached.scope === client.scope) return cached.set;
  const set = new Set(client.scope.split(' '));
  scopeSets.set(client, { scope: client.scope, set });
  return set;
}

export function authorize(
  ctx: ProviderContext,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): void {
  const params = Params.fromSearch(url.searchParams);
  const repeated = params.repeated();
  const showError = (title: string, message: string) => {
    log.fail(message);
    sendHtml(res, 400, errorPage(title, message));
  };
  // 1. Who is asking, and where may we answer? Until both are known, errors stay on this page.
  if (repeated.includes('client_id') || repeated.includes('redirect_uri'))
    return showError(
      'Invalid request',
      `repeated parameter: ${repeated.join(', ')} (RFC 6749 §3.1)`,
    );
  const bigTarget = oversizedParam(
    params.entries().filter(([k]) => k === 'client_id' || k === 'redirect_uri'),
  );
  if (bigTarget !== undefined)
    return showError('Invalid request', `${bigTarget.name} is longer than ${bigTarget.max} bytes`);
  const clientId = params.get('client_id');
  const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
  if (client === undefined)
    return showError(
      'Unknown application',
      clientId === undefined
        ? 'the request names no client_id'
        : `no application is registered with client_id "${clientId}"`,
    );
  const requested = params.get('redirect_uri');
  let redirectUri: string;
  if (requested === undefined) {
    const [only] = client.redirect_uris;
    if (only === undefined || client.redirect_uris.length !== 1)
      return showError(
        'Invalid redirect',
        'redirect_uri is required: this client registered several (RFC 6749 §3.1.2.3)',
      );
    redirectUri = only;
  } else if (!redirectUriMatches(client.redirect_uris, requested)) {
    return showError(
      'Invalid redirect',
      `redirect_uri "${requested}" is not registered for ${client.client_id}; registered URIs are compared exactly (RFC 9700 §4.1.3)`,
    );
  } else {
    redirectUri = requested;
  }
  log.pass(`client ${client.client_id} known, redirect_uri registered`);

  // 2. From here, errors are redirected to the client.
  const big = oversizedParam(params.entries());
  // An oversized state is not echoed back: the error says why instead.
  const state = big?.name === 'state' ? undefined : params.get('state');
  const fail = (error: string, description: string) => {
    log.fail(`${error}: ${description}`);
    redirect(
      res,
      withParams(redirectUri, { error, error_description: description, state, iss: ctx.issuer }),
      302,
    );
  };
  if (repeated.length > 0)
    return fail(
      'invalid_request',
      `repeated parameter${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')} (RFC 6749 §3.1)`,
    );
  if (big !== undefined)
    return fail('invalid_request', `parameter ${big.name} is longer than ${big.max} bytes`);
  const responseType = params.get('response_type');
  if (responseType === undefined) return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code')
    return fail(
      'unsupported_response_type',
      'only response_type=code is supported (the implicit flow is deprecated, RFC 9700 §2.1.2)',
    );
  if (!client.grant_types.includes('authorization_code'))
    return fail('unauthorized_client', 'this client may not use the authorization code grant');
  const scope = params.get('scope') ?? client.scope;
  const scopes = scope.split(' ').filter(Boolean);
  const allowed = registeredScopes(client);
  const unknown = scopes.filter((s) => SCOPES[s] === undefined || !allowed.has(s));
  if (unknown.length > 0) return fail('invalid_scope', `scope not allowed: ${unknown.join(', ')}`);
  if (params.get('prompt') === 'none')
    return fail('login_required', 'the user must sign in (this provider keeps no sessions)');

  // 3. PKCE (RFC 7636; RFC 9700 §2.1.1): S256 only. RFC 9700 §2.1.1: "Public clients MUST use PKCE"; for
  // confidential clients it is RECOMMENDED, and this provider requires it of them too (as OAuth 2.1 does)
  // unless it was started with --allow-no-pkce.
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (method !== undefined && method !== 'S256')
    return fail(
      'invalid_request',
      `code_challenge_method "${method}" is not supported; use S256 (this provider does not accept plain; clients SHOULD use S256, RFC 9700 §2.1.1, RFC 7636 §4.2)`,
    );
  if (challenge !== undefined && method === undefined)
    return fail(
      'invalid_request',
      'code_challenge_method=S256 is required (without it the method would be "plain", RFC 7636 §4.3)',
    );
  if (method !== undefined && challenge === undefined)
    return fail('invalid_request', 'code_challenge_method without code_challenge');
  if (challenge !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(challenge))
    return fail(
      'invalid_request',
      'code_challenge must be the 43-character base64url SHA-256 of the verifier',
    );
  if (challenge === undefined && client.token_endpoint_auth_method === 'none')
    return fail(
      'invalid_request',
      'PKCE is required for public clients: send code_challenge and code_challenge_method=S256 (RFC 9700 §2.1.1)',
    );
  if (challenge === undefined && !ctx.allowNoPkce)
    return fail(
      'invalid_request',
      'PKCE is required for every client here: send code_challenge and code_challenge_method=S256 (RFC 9700 §2.1.1; OAuth 2.1)',
    );
  if (challenge === undefined)
    log.fail('no PKCE: accepted only because this provider runs with --allow-no-pkce');
  else log.pass('PKCE S256 challenge received');

  const pending: PendingAuthorization = {
    rid: randomToken(16),
    csrf: randomToken(32),
    client_id: client.client_id,
    redirect_uri: redirectUri,
    redirect_uri_sent: requested !== undefined,
    scope: scopes.join(' '),
    expires: ctx.now() + ctx.limits.pendingTtl,
  };
  if (state !== undefined) pending.state = state;
  const nonce = params.get('nonce');
  if (nonce !== undefined) pending.nonce = nonce;
  if (challenge !== undefined) pending.code_challenge = challenge;
  if (ctx.pending.set(pending.rid, pending, pending.expires))
    log.fail(
      `limit: over ${ctx.limits.maxPending} sign-in requests pending; the oldest was dropped`,
    );
  log.pass('consent page shown (CSRF token issued)');
  sendHtml(
    res,
    200,
    consentPageBytes({
      client,
      scope: pending.scope,
      rid: pending.rid,
      csrf: pending.csrf,
      users: ctx.showPasswords ? ctx.users : NO_USERS,
    }),
    new URL(redirectUri).origin,
  );
}

export async function decide(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await readPageForm(req, res, log);
  if (params === undefined) return;
  const pending = ctx.pending.get(params.get('rid') ?? '');
  if (pending === undefined || pending.expires < ctx.now()) {
    log.fail('unknown or expired sign-in request');
    return sendHtml(
      res,
      400,
      errorPage(
        'Sign-in expired',
        'This sign-in request is unknown or has expired. Go back to the app and start again.',
      ),
    );
  }
  // The form must come from the page we served (RFC 6749 §10.12).
  if (!csrfHolds(params, pending.csrf, res, log)) return;
  const client = ctx.clients.get(pending.client_id);
  if (client === undefined) {
    ctx.pending.delete(pending.rid);
    log.fail(`client ${pending.client_id} is no longer registered`);
    return sendHtml(
      res,
      400,
      errorPage(
        'Unknown application',
        'The application that asked for this sign-in is no longer registered. Go back to the app and start again.',
      ),
    );
  }
  const page = (status: number, error: string, username: string) =>
    sendHtml(
      res,
      status,
      consentPage({
        client,
        scope: pending.scope,
        rid: pending.rid,
        csrf: pending.csrf,
        users: ctx.showPasswords ? ctx.users : [],
        error,
        username,
      }),
      new URL(pending.redirect_uri).origin,
    );
  const back = (p: Record<string, string | undefined>) =>
    redirect(
      res,
      withParams(pending.redirect_uri, { ...p, state: pending.state, iss: ctx.issuer }),
      303,
    );
  if (params.get('action') === 'deny') {
    ctx.pending.delete(pending.rid);
    log.fail('the user denied access');
    return back({ error: 'access_denied', error_description: 'the user denied the request' });
  }
  const signedIn = signIn(ctx, params, log);
  if (!signedIn.ok) return page(signedIn.status, signedIn.message, signedIn.username);
  const { user } = signedIn;
  ctx.pending.delete(pending.rid);
  // ≥128 bits of randomness (RFC 6749 §10.10); ours has 256.
  const code = randomToken(32);
  const now = ctx.now();
  const expires = now + ctx.limits.codeTtl;
  // Kept past its expiry (codeReplayMargin) only so that a replay is still recognised and revokes what it issued.
  const evicted = ctx.codes.set(
    code,
    {
      code,
      client_id: pending.client_id,
      redirect_uri: pending.redirect_uri,
      redirect_uri_sent: pending.redirect_uri_sent,
      scope: pending.scope,
      sub: user.sub,
      ...(pending.nonce === undefined ? {} : { nonce: pending.nonce }),
      ...(pending.code_challenge === undefined ? {} : { code_challenge: pending.code_challenge }),
      auth_time: now,
      expires,
      used: false,
      issued: { jtis: [] },
    },
    expires + ctx.limits.codeReplayMargin,
  );
  if (evicted) log.fail(`limit: over ${ctx.limits.maxCodes} codes held; the oldest was dropped`);
  if (ctx.clients.markUsed(client.client_id)) ctx.clientsChanged();
  log.pass(
    `${user.username} signed in and approved; code issued (${ctx.limits.codeTtl} s, single use)`,
  );
  // RFC 9207: iss in the response lets the client detect mix-up attacks.
  back({ code });
}
