/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1) and the consent
 * decision. Errors about the client or the redirect URI are shown on a page,
 * never redirected (§4.1.2.1: "the authorization server SHOULD inform the
 * resource owner of the error and MUST NOT automatically redirect"); all
 * other errors go back to the client with error, error_description, state
 * and iss (RFC 9207).
 *
 * A user signed in earlier in the same browser (a session, sessions.ts) who
 * already approved what the client asks is sent back at once with a code;
 * OpenID Connect's prompt and max_age (OIDC Core §3.1.2.1) say when the page
 * must be shown anyway, or must not be shown at all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken } from '../protocol/random.js';
import { shortSecret } from '../protocol/secret-stub.js';
import { consentPage, consentPageBytes, errorPage } from './consent-page.js';
import { wireErrorDescription } from './error-text.js';
import type { ProviderContext, RequestLog } from './context.js';
import { Params, redirect, sendHtml } from './http.js';
import { csrfHolds, readPageForm, signIn } from './page-form.js';
import { oversizedParam } from './limits.js';
import {
  SCOPES,
  type AuthorizationRequest,
  type Client,
  type PendingAuthorization,
  type User,
} from './model.js';
import { redirectUriMatches, uriOrigin, withParams } from './redirect-uri.js';
import type { Session } from './sessions.js';

/** The user list a page shows when it must not list accounts: one array, so the page's template is reused. */
const NO_USERS: readonly User[] = [];

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

/** Values a request sent, for the log: the first five, each quoted and cut at 40 characters. */
function quoted(values: readonly string[]): string {
  return values
    .slice(0, 5)
    .map((v) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v))
    .join(', ');
}

/** The prompt values OIDC Core §3.1.2.1 defines. */
const PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);

/**
 * Whether a sign-in made at `authTime` is too old for a request's max_age (OIDC Core §3.1.2.1): "If the
 * elapsed time is greater than this value, the OP MUST attempt to actively re-authenticate the End-User",
 * and "Note that max_age=0 is equivalent to prompt=login" (the clock counts whole seconds, so a sign-in
 * this very second is 0 s old: not greater than 0).
 */
function signInTooOld(maxAge: number | undefined, authTime: number, now: number): boolean {
  return maxAge !== undefined && (maxAge === 0 || now - authTime > maxAge);
}

/** The signed-in user of a session, if the session is live and its user still exists. */
function sessionUser(ctx: ProviderContext, session: Session | undefined): User | undefined {
  return session === undefined ? undefined : ctx.users.find((u) => u.sub === session.sub);
}

export function authorize(
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
): void {
  const params = Params.fromQuery(url.search);
  const repeated = params.repeated();
  const showError = (title: string, message: string) => {
    log.fail(message);
    sendHtml(res, 400, errorPage(title, message, true));
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
      withParams(redirectUri, {
        error,
        error_description: wireErrorDescription(description),
        state,
        iss: ctx.issuer,
      }),
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
      'only response_type=code is supported (clients SHOULD NOT use the implicit grant, RFC 9700 §2.1.2)',
    );
  if (!client.grant_types.includes('authorization_code'))
    return fail('unauthorized_client', 'this client may not use the authorization code grant');
  // RFC 6749 §3.1: a parameter "sent without a value MUST be treated as if" omitted: `scope=` asks
  // for the client's registered scope, not for none.
  const scope = params.get('scope') || client.scope;
  const asked = scope.split(' ').filter(Boolean);
  // OIDC Core §3.1.2.1: in an OpenID request, "Scope values used that are not understood by an
  // implementation SHOULD be ignored" (address, phone…); the token response then names the scope
  // granted. A plain OAuth request with one gets invalid_scope (RFC 6749 §4.1.2.1: "unknown").
  const notUnderstood = asked.includes('openid')
    ? asked.filter((s) => SCOPES[s] === undefined)
    : [];
  if (notUnderstood.length > 0)
    log.fail(
      `scope value${notUnderstood.length > 1 ? 's' : ''} ${quoted(notUnderstood)} not understood here: ignored (OIDC Core §3.1.2.1)`,
    );
  const scopes = asked.filter((s) => !notUnderstood.includes(s));
  const allowed = registeredScopes(client);
  const unknown = scopes.filter((s) => SCOPES[s] === undefined || !allowed.has(s));
  if (unknown.length > 0) return fail('invalid_scope', `scope not allowed: ${unknown.join(', ')}`);
  // OIDC Core §3.1.2.1 prompt: "Space delimited, case sensitive list of ASCII string values".
  const prompt = new Set((params.get('prompt') ?? '').split(' ').filter(Boolean));
  // OIDC Core §3.1.2.1: "If this parameter contains none with any other value, an error is returned."
  if (prompt.has('none') && prompt.size > 1)
    return fail(
      'invalid_request',
      'prompt=none cannot be combined with other prompt values (OIDC Core §3.1.2.1)',
    );
  const unknownPrompts = [...prompt].filter((v) => !PROMPTS.has(v));
  if (unknownPrompts.length > 0)
    log.fail(
      `prompt value${unknownPrompts.length > 1 ? 's' : ''} ${quoted(unknownPrompts)} not defined by OIDC Core §3.1.2.1: ignored`,
    );
  // RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted from
  // the request."
  const maxAgeParam = params.get('max_age') || undefined;
  // OIDC Core §3.1.2.1 max_age: "the allowable elapsed time in seconds": a whole number of seconds.
  if (maxAgeParam !== undefined && !/^\d{1,10}$/.test(maxAgeParam))
    return fail(
      'invalid_request',
      'max_age must be a whole number of seconds (OIDC Core §3.1.2.1)',
    );
  const maxAge = maxAgeParam === undefined ? undefined : Number(maxAgeParam);

  // 3. PKCE (RFC 7636; RFC 9700 §2.1.1): S256 only. RFC 9700 §2.1.1: "Public clients MUST use PKCE"; for
  // confidential clients it is RECOMMENDED, and this provider requires it of them too (as OAuth 2.1 does)
  // unless it was started with --allow-no-pkce.
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (method !== undefined && method !== 'S256')
    return fail(
      'invalid_request',
      `code_challenge_method "${method}" is not supported; use S256 (this provider does not accept plain; a client able to use S256 MUST use it, RFC 7636 §4.2)`,
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

  const request: AuthorizationRequest = {
    client_id: client.client_id,
    redirect_uri: redirectUri,
    redirect_uri_sent: requested !== undefined,
    scope: scopes.join(' '),
  };
  if (state !== undefined) request.state = state;
  const nonce = params.get('nonce');
  if (nonce !== undefined) request.nonce = nonce;
  if (challenge !== undefined) request.code_challenge = challenge;

  // 4. Who is signed in, and must they sign in again or be asked (OIDC Core §3.1.2.3, §3.1.2.4)?
  const sessions = ctx.sessions;
  const session = sessions?.current(req);
  const user = sessionUser(ctx, session);
  const now = ctx.now();
  let login: string | undefined;
  if (sessions === undefined) login = 'this provider keeps no sessions (--no-sessions)';
  else if (session === undefined) login = 'no signed-in session in this browser';
  else if (user === undefined) login = 'the signed-in account no longer exists';
  // OIDC Core §3.1.2.3: with prompt=login "the Authorization Server MUST reauthenticate the End-User
  // even if the End-User is already authenticated".
  else if (prompt.has('login'))
    login = 'prompt=login: the user must sign in again (OIDC Core §3.1.2.3)';
  else if (signInTooOld(maxAge, session.auth_time, now))
    login = `max_age=${maxAge}: signed in ${now - session.auth_time} s ago, so the user must sign in again (OIDC Core §3.1.2.1)`;
  if (session !== undefined && user !== undefined)
    log.pass(
      `session ${shortSecret(session.id)}: ${user.username} signed in ${now - session.auth_time} s ago`,
    );
  let ask: string | undefined;
  if (login === undefined && user !== undefined && sessions !== undefined) {
    if (prompt.has('consent')) ask = 'The app asked to confirm your approval (prompt=consent).';
    else if (prompt.has('select_account'))
      ask = 'The app asked you to choose the account to use (prompt=select_account).';
    else if (!sessions.consented(user.sub, client.client_id, scopes))
      ask = 'This app asks for permissions you have not approved yet.';
    // RFC 8252 §8.6: "the authorization server SHOULD NOT process authorization requests automatically
    // without user consent or interaction, except when the identity of the client can be assured. This
    // includes the case where the user has previously approved an authorization request for a given
    // client id". A public client has no secret, and its loopback redirect URI may take any port
    // (RFC 8252 §7.3): any program on this machine could use its client_id. So an approval is
    // remembered for confidential clients only; a public one gets the one-click page every time.
    else if (client.token_endpoint_auth_method === 'none')
      ask =
        'This app has no secret to prove who it is, so you are asked each time (RFC 8252 section 8.6).';
  }

  // OIDC Core §3.1.2.1 prompt=none: "The Authorization Server MUST NOT display any authentication or
  // consent user interface pages. An error is returned if an End-User is not already authenticated or
  // the Client does not have pre-configured consent for the requested Claims"; the codes are §3.1.2.6's.
  if (prompt.has('none')) {
    if (login !== undefined) return fail('login_required', `prompt=none, but ${login}`);
    if (ask !== undefined)
      return fail(
        'consent_required',
        client.token_endpoint_auth_method === 'none'
          ? 'prompt=none, but this client has no secret to prove who it is, so the user approves each request (RFC 8252 §8.6)'
          : 'prompt=none, but the user has not approved every requested scope for this client',
      );
  }
  if (login === undefined && ask === undefined && session !== undefined && user !== undefined) {
    log.pass(`${user.username} approved ${request.scope} for this client before: no page shown`);
    const code = issueCode(ctx, client, request, user, session.auth_time, log, false);
    return redirect(
      res,
      withParams(redirectUri, { code, state: request.state, iss: ctx.issuer }),
      302,
    );
  }

  const pending: PendingAuthorization = {
    ...request,
    rid: randomToken(16),
    csrf: randomToken(32),
    login: login !== undefined,
    expires: now + ctx.limits.pendingTtl,
  };
  if (login === undefined && session !== undefined) pending.sid = session.id;
  if (maxAge !== undefined) pending.max_age = maxAge;
  if (ctx.pending.set(pending.rid, pending, pending.expires))
    log.fail(
      `limit: over ${ctx.limits.maxPending} sign-in requests pending; the oldest was dropped`,
    );
  // One click approves on this page, so framing it would be worth more to an attacker than the password
  // page: OIDC Core §3.1.2.3 "When interacting with the End-User, the Authorization Server MUST employ
  // appropriate measures against Cross-Site Request Forgery and Clickjacking"; sendHtml forbids framing
  // (RFC 9700 §4.16, RFC 6749 §10.13) and the form carries a CSRF token (RFC 6749 §10.12).
  if (login === undefined && user !== undefined) {
    log.pass(`consent page shown to ${user.username}, no password asked (CSRF token issued)`);
    return sendHtml(
      res,
      200,
      consentPage({
        client,
        scope: pending.scope,
        rid: pending.rid,
        csrf: pending.csrf,
        users: NO_USERS,
        signedIn: user,
        reason: ask,
      }),
      uriOrigin(redirectUri),
    );
  }
  log.pass(`sign-in page shown: ${login ?? 'no session'} (CSRF token issued)`);
  sendHtml(
    res,
    200,
    consentPageBytes({
      client,
      scope: pending.scope,
      rid: pending.rid,
      csrf: pending.csrf,
      users: ctx.showPasswords ? ctx.users : NO_USERS,
      sessionHours: sessionHours(ctx),
    }),
    uriOrigin(redirectUri),
  );
}

/** How long a sign-in is remembered, in hours, for the page; undefined with --no-sessions. */
function sessionHours(ctx: ProviderContext): number | undefined {
  return ctx.sessions === undefined ? undefined : Math.round(ctx.sessions.maxTtl / 360) / 10;
}

/** A code for `user`, who approved `request`, authenticated at `authTime`; recorded with what it is for. */
function issueCode(
  ctx: ProviderContext,
  client: Client,
  request: AuthorizationRequest,
  user: User,
  authTime: number,
  log: RequestLog,
  remember: boolean,
): string {
  // ≥128 bits of randomness (RFC 6749 §10.10); ours has 256.
  const code = randomToken(32);
  const expires = ctx.now() + ctx.limits.codeTtl;
  // Kept past its expiry (codeReplayMargin) only so that a replay is still recognised and revokes what it issued.
  const evicted = ctx.codes.set(
    code,
    {
      code,
      client_id: request.client_id,
      redirect_uri: request.redirect_uri,
      redirect_uri_sent: request.redirect_uri_sent,
      scope: request.scope,
      sub: user.sub,
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      ...(request.code_challenge === undefined ? {} : { code_challenge: request.code_challenge }),
      // OIDC Core §2 auth_time: "Time when the End-User authentication occurred": the sign-in, not now.
      auth_time: authTime,
      expires,
      used: false,
      issued: { jtis: [] },
    },
    expires + ctx.limits.codeReplayMargin,
  );
  if (evicted) log.fail(`limit: over ${ctx.limits.maxCodes} codes held; the oldest was dropped`);
  if (ctx.clients.markUsed(client.client_id)) ctx.clientsChanged();
  if (
    remember &&
    ctx.sessions?.remember(user.sub, client.client_id, request.scope.split(' ').filter(Boolean))
  )
    log.fail(
      `limit: over ${ctx.limits.maxConsents} approvals remembered; the oldest was forgotten`,
    );
  log.pass(`code issued for ${user.username} (${ctx.limits.codeTtl} s, single use)`);
  return code;
}

export async function decide(
  ctx: ProviderContext,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
): Promise<void> {
  const params = await readPageForm(req, res, log, ctx.issuer);
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
        users: ctx.showPasswords ? ctx.users : NO_USERS,
        error,
        username,
        sessionHours: sessionHours(ctx),
      }),
      uriOrigin(pending.redirect_uri),
    );
  const back = (p: Record<string, string | undefined>, setCookie?: string) =>
    redirect(
      res,
      withParams(pending.redirect_uri, { ...p, state: pending.state, iss: ctx.issuer }),
      303,
      setCookie,
    );
  /** The same request, now on the password form. */
  const toSignIn = (status: number, error: string) => {
    pending.login = true;
    delete pending.sid;
    return page(status, error, '');
  };
  const action = params.get('action');
  const session = ctx.sessions?.current(req);
  // The user of a consent-only page: the approval counts only from the session it was shown to.
  const pageUser =
    session !== undefined && session.id === pending.sid ? sessionUser(ctx, session) : undefined;
  if (action === 'deny') {
    ctx.pending.delete(pending.rid);
    log.fail('the user denied access');
    // Denied on a signed-in user's page (prompt=consent, say): an approval given before is withdrawn,
    // so the next request asks again instead of going through on it.
    if (pageUser !== undefined && ctx.sessions?.forget(pageUser.sub, pending.client_id))
      log.pass(`${pageUser.username}'s earlier approval for this client is withdrawn`);
    return back({ error: 'access_denied', error_description: 'the user denied the request' });
  }
  if (action === 'switch') {
    // "Not alice? Sign in as someone else".
    log.pass('the user chose to sign in as someone else: sign-in page shown');
    return toSignIn(200, '');
  }
  if (!pending.login) {
    if (session === undefined || pageUser === undefined) {
      log.fail('the session this page was shown for has ended: sign-in page shown');
      return toSignIn(401, 'Your sign-in has ended. Sign in again to continue.');
    }
    // The page may have stayed open past the request's max_age: sign in again.
    if (signInTooOld(pending.max_age, session.auth_time, ctx.now())) {
      log.fail(`max_age=${pending.max_age}: the sign-in is older now; sign-in page shown`);
      return toSignIn(401, 'Your sign-in is too old for this app. Sign in again to continue.');
    }
    ctx.pending.delete(pending.rid);
    log.pass(`${pageUser.username} (session ${shortSecret(session.id)}) approved ${pending.scope}`);
    const code = issueCode(ctx, client, pending, pageUser, session.auth_time, log, true);
    // RFC 9207: iss in the response lets the client detect mix-up attacks.
    return back({ code });
  }
  const signedIn = signIn(ctx, params, log);
  if (!signedIn.ok) return page(signedIn.status, signedIn.message, signedIn.username);
  const { user } = signedIn;
  ctx.pending.delete(pending.rid);
  let setCookie: string | undefined;
  if (ctx.sessions !== undefined) {
    // A new session (and id) for every sign-in: one the browser had before is ended.
    const started = ctx.sessions.start(user.sub, session);
    setCookie = started.setCookie;
    if (started.evicted)
      log.fail(`limit: over ${ctx.limits.maxSessions} sessions held; the oldest was ended`);
    log.pass(
      `${user.username} signed in and approved; session ${shortSecret(started.session.id)} started (cookie HttpOnly, SameSite=Lax)`,
    );
  } else log.pass(`${user.username} signed in and approved`);
  const code = issueCode(ctx, client, pending, user, ctx.now(), log, true);
  // RFC 9207: iss in the response lets the client detect mix-up attacks.
  back({ code }, setCookie);
}
