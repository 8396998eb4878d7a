/**
 * The live authorization-code flow, step by step, as data. The client side
 * here is a real OAuth client (dynamic registration, state, nonce, PKCE S256,
 * client authentication, token checks, a Bearer API call) running against the
 * built-in provider or a provider of the learner's choosing. Each step is
 * handed to `io.step()` as it completes, so the CLI can explain it; the whole
 * run is returned as a transcript (`--json`, `--transcript`).
 */
import type { JSONWebKeySet } from 'jose';
import { randomToken, createVerifier, s256 } from './pkce.js';
import { exchange, ExchangeError, formBody, jsonOf, type Exchange, type RecordedRequest } from './exchange.js';
import { startCallbackServer, CallbackTimeout, type CallbackReply, type CallbackServer, type ReceivedCallback } from './callback-server.js';
import { checkAuthorizationResponse } from './authorization-response.js';
import { checkTokens, checkWithoutProvider, type CheckedToken } from './token-checks.js';
import { Redactor } from './redact.js';
import { playConsent, ConsentError } from './consent-bot.js';
import { send } from './http-request.js';
import { ATTACK_INFO, type AttackName, type AttackOutcome } from './attack-labs.js';
import { startProvider, type RunningProvider } from '../provider/server.js';
import type { ProviderAlg } from '../provider/keys.js';
import { DEMO_USERS } from '../provider/model.js';

export interface StepRecord {
  number: number;
  title: string;
  /** What happened, in words: one item per line. */
  notes: string[];
  exchanges: Exchange[];
  tokens: CheckedToken[];
  /** Key facts for the learner (e.g. the authorize URL's parameters). */
  facts?: { name: string; value: string; meaning: string }[];
}

export interface Extra {
  title: string;
  notes: string[];
  exchanges: Exchange[];
}

export interface FlowTranscript {
  ok: boolean;
  issuer: string;
  clientId?: string;
  steps: StepRecord[];
  extras: Extra[];
  attack?: AttackOutcome;
  /** Set when the learner said no at step 2. */
  declined?: boolean;
}

export interface FlowOptions {
  /** The seven step titles, in order, in the wording of the ordering lesson. */
  titles: string[];
  auto: boolean;
  user?: string;
  scope?: string;
  alg?: ProviderAlg;
  attack?: AttackName;
  extras?: boolean;
  /** Record tokens and secrets whole (the learner asked for it explicitly); by default they are shortened. */
  showSecrets?: boolean;
  timeoutMs?: number;
  /** Against a provider of the learner's choosing. */
  external?: {
    issuer?: string;
    clientId: string;
    clientSecret?: string;
    authorizeUrl?: string;
    tokenUrl?: string;
    apiUrl?: string;
    jwksUrl?: string;
    redirectPort?: number;
    /** The redirect URI's path as registered at the provider (default /callback). */
    redirectPath?: string;
  };
}

export interface FlowIO {
  beforeStep?(number: number, title: string): Promise<void>;
  step(record: StepRecord): void;
  extra?(extra: Extra): void;
  askSignIn(): Promise<boolean>;
  /** After step 7: try the extras (refresh, revoke, a call with the revoked token) on this session's tokens? */
  offerExtras?(): Promise<boolean>;
  /** Show the URL (always) and open a browser (unless --no-browser). */
  openBrowser(url: string): Promise<void>;
  waiting?(message: string): { stop(): void };
}

export class FlowError extends Error {
  constructor(readonly step: number, readonly title: string, message: string, readonly hint: string, readonly transcript?: FlowTranscript) {
    super(message);
  }
}

const AUTHORIZE_PARAMS: Record<string, string> = {
  response_type: '"code": we want an authorization code (the authorization-code flow)',
  client_id: 'which registered app is asking',
  redirect_uri: 'where to send the browser back; must match a registered URI exactly',
  scope: 'what the app asks to do; the user approves it and the token is limited to it',
  state: 'a one-time value bound to this browser, checked on the way back: the callback must answer our own request (CSRF, RFC 9700 §4.7.1)',
  code_challenge: 'SHA-256 of a secret code_verifier we keep: binds the code to us and this browser; checked by the provider in step 5 (PKCE, RFC 7636)',
  code_challenge_method: '"S256": how the challenge was made from the verifier',
  nonce: 'a one-time value the ID token must carry back: binds the ID token to this login request (OIDC Core §3.1.2.1)',
};

interface Endpoints {
  issuer: string;
  authorize: string;
  token: string;
  api: string;
  jwks?: string;
  revoke?: string;
  introspect?: string;
  registration?: string;
  issParameter: boolean;
}

export async function runFlow(opts: FlowOptions, io: FlowIO): Promise<FlowTranscript> {
  const t: FlowTranscript = { ok: false, issuer: '', steps: [], extras: [] };
  const titles = opts.titles;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  let provider: RunningProvider | undefined;
  let callback: CallbackServer | undefined;
  let current = 1;
  // Every token and secret is registered here as soon as it is known, and every step is recorded through it.
  const secrets = new Redactor(opts.showSecrets === true);
  const fail = (message: string, hint: string): never => {
    throw new FlowError(current, titles[current - 1]!, secrets.text(message), hint, t);
  };
  const call = async (request: RecordedRequest, note?: string): Promise<Exchange> => {
    try {
      const e = await exchange(request);
      secrets.fromResponse(jsonOf(e));
      return note === undefined ? e : { ...e, note };
    } catch (error) {
      if (error instanceof ExchangeError) return fail(error.message, opts.external ? 'Check the provider URL and that it is running.' : 'The built-in provider stopped answering; run the flow again.');
      throw error;
    }
  };
  const begin = async (n: number): Promise<StepRecord> => {
    current = n;
    await io.beforeStep?.(n, titles[n - 1]!);
    return { number: n, title: titles[n - 1]!, notes: [], exchanges: [], tokens: [] };
  };
  const finish = (s: StepRecord) => {
    const recorded = secrets.record(s);
    t.steps.push(recorded);
    io.step(recorded);
  };
  const pushExtra = (x: Extra) => {
    const recorded = secrets.record(x);
    t.extras.push(recorded);
    io.extra?.(recorded);
  };

  try {
    try {
      callback = await startCallbackServer({ port: opts.external?.redirectPort ?? 0, ...(opts.external?.redirectPath === undefined ? {} : { path: opts.external.redirectPath }) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new FlowError(1, titles[0]!, code === 'EADDRINUSE' ? `port ${opts.external?.redirectPort} for the redirect URI is already in use` : `cannot listen on 127.0.0.1: ${(error as Error).message}`, 'Choose another --redirect-port (it must match what you registered).');
    }
    // The browser's request to the loopback callback, when this process plays the browser (--auto, the labs).
    let browserDone: Promise<unknown> = Promise.resolve();
    const redirectUri = callback.redirectUri;
    const scope = opts.scope ?? (opts.attack === 'scope' ? 'openid profile' : 'openid profile email notes.read offline_access');
    const user = DEMO_USERS.find((u) => u.username === (opts.user ?? 'alice'));
    if (opts.external === undefined && user === undefined) fail(`there is no demo user "${opts.user}"`, `Use --user ${DEMO_USERS.map((u) => u.username).join(' or --user ')}.`);

    // ── Step 1: register the application ─────────────────────────────────────
    let s = await begin(1);
    let ep: Endpoints;
    let clientId: string;
    let clientSecret: string | undefined;
    if (opts.external === undefined) {
      // The CSRF lab shows a client without PKCE too, which a provider requiring PKCE of every client must allow.
      provider = await startProvider({ port: 0, ...(opts.alg === undefined ? {} : { alg: opts.alg }), ...(opts.attack === 'state' ? { allowNoPkce: true } : {}) });
      const meta = await call({ method: 'GET', url: `${provider.issuer}/.well-known/openid-configuration`, headers: { accept: 'application/json' } }, 'discovery: the provider describes its endpoints (OpenID Connect Discovery)');
      s.exchanges.push(meta);
      ep = endpointsFrom(jsonOf(meta) ?? {}, provider.issuer);
      const publicClient = opts.attack === 'no-pkce';
      const reg = await call(
        {
          method: 'POST',
          url: ep.registration!,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ client_name: 'oauth-tutor flow', redirect_uris: [redirectUri], token_endpoint_auth_method: publicClient ? 'none' : 'client_secret_basic', grant_types: ['authorization_code', 'refresh_token'], scope: 'openid profile email notes.read offline_access' }),
        },
        'dynamic client registration (RFC 7591): the app tells the provider its name and redirect URI',
      );
      s.exchanges.push(reg);
      const body = jsonOf(reg);
      if (reg.response.status !== 201 || typeof body?.['client_id'] !== 'string') fail(`registration failed with ${reg.response.status}: ${reg.response.body.slice(0, 200)}`, 'Run the flow again; if it persists, report it.');
      clientId = body!['client_id'] as string;
      clientSecret = typeof body!['client_secret'] === 'string' ? body!['client_secret'] : undefined;
      s.notes.push(`registered: client_id ${clientId}${clientSecret ? `, client_secret ${mask(clientSecret)} (keep it on the server: it proves the app is this app)` : ' (a public client: no secret, so it cannot prove it is this app; PKCE is a must, RFC 9700 §2.1.1)'}`);
      s.notes.push(`redirect URI ${redirectUri}: our own loopback server, waiting for the browser to come back (RFC 8252 §7.3)`);
    } else {
      const x = opts.external;
      let meta: Record<string, unknown> = {};
      if (x.issuer !== undefined) {
        const base = x.issuer.replace(/\/+$/, '');
        let d = await call({ method: 'GET', url: `${base}/.well-known/openid-configuration`, headers: { accept: 'application/json' } }, 'OpenID Connect discovery');
        if (d.response.status !== 200) d = await call({ method: 'GET', url: `${base}/.well-known/oauth-authorization-server`, headers: { accept: 'application/json' } }, 'OAuth 2.0 authorization server metadata (RFC 8414)');
        s.exchanges.push(d);
        if (d.response.status === 200) meta = jsonOf(d) ?? {};
        else if (x.authorizeUrl === undefined || x.tokenUrl === undefined) fail(`no discovery document at ${base} (HTTP ${d.response.status})`, 'Pass --authorize-url and --token-url (and --api-url) instead.');
      }
      ep = endpointsFrom(meta, x.issuer?.replace(/\/+$/, '') ?? '', x);
      clientId = x.clientId;
      clientSecret = x.clientSecret;
      if (clientSecret !== undefined) secrets.secret(clientSecret);
      s.notes.push(`you registered this app at the provider yourself (its developer console): client_id ${clientId}${clientSecret ? `, client_secret ${mask(clientSecret)}` : ' (no secret: a public client; PKCE keeps an intercepted code useless, though it does not authenticate the app)'}`);
      s.notes.push(`the redirect URI registered there must be ${redirectUri}${x.redirectPort === undefined ? ' (pass --redirect-port, or --redirect-uri, to fix the port)' : ''}`);
    }
    t.issuer = ep.issuer;
    t.clientId = clientId;
    // How the app authenticates at the token endpoint (steps 5 and 7, the extras and the labs).
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (clientSecret !== undefined) {
      headers['authorization'] = basic(clientId, clientSecret);
      secrets.basic(headers['authorization'], clientId);
    }
    finish(s);

    /**
     * The CSRF lab's other two clients: the same app with its state check switched off, and without PKCE (and
     * without a nonce: no openid scope) or with PKCE alone. bob's callback is loaded in the victim's browser.
     */
    const csrfWithout = async ({ pkce }: { pkce: boolean }): Promise<{ stopped: boolean; evidence: string }> => {
      const x: Extra = { title: pkce ? 'The same forged callback, against a client with PKCE alone (no state, no nonce)' : 'The same forged callback, against a client with no state, no PKCE and no nonce', notes: [], exchanges: [] };
      const victimVerifier = createVerifier();
      secrets.secret(victimVerifier);
      x.notes.push(
        pkce
          ? `the victim starts signing in: the app keeps her code_verifier in her session and sends only its challenge ${s256(victimVerifier)}; it sends no state and asks for no ID token`
          : 'the victim is on the app; it sends no state, no code_challenge and no nonce, so nothing ties a callback to the browser that started a sign-in',
      );
      const forged = await attackerCallback(ep, { clientId, redirectUri, pkce, scope: 'profile notes.read' });
      x.notes.push(`ATTACK: bob signs in with this app${pkce ? ' (his own code_challenge)' : ''}, stops before his browser follows the redirect, and makes the victim's browser load his callback URL`);
      const follow = callback!.next(10_000);
      const delivered = send('GET', forged).catch(() => undefined);
      const got = await follow;
      const checked = checkAuthorizationResponse(new URL(got.url).searchParams, { issuer: ep.issuer, issParameterSupported: ep.issParameter, state: undefined });
      x.notes.push(...checked.notes);
      if (!checked.ok) {
        x.exchanges.push(callbackExchange(got, got.reply({ ok: false, reason: checked.message }), 'the forged callback'));
        await delivered;
        pushExtra(x);
        return { stopped: true, evidence: checked.message };
      }
      const body = { grant_type: 'authorization_code', code: checked.code, redirect_uri: redirectUri, code_verifier: pkce ? victimVerifier : undefined, ...(clientSecret === undefined ? { client_id: clientId } : {}) };
      const exchanged = await call({ method: 'POST', url: ep.token, headers, body: formBody(body) }, pkce ? "the app redeems bob's code with the victim's code_verifier (the one in her session)" : "the app redeems bob's code");
      const tokens = jsonOf(exchanged) ?? {};
      let result: { stopped: boolean; evidence: string };
      let answer: CallbackReply;
      const later: Exchange[] = [];
      if (exchanged.response.status === 200 && typeof tokens['access_token'] === 'string') {
        const api = await call({ method: 'GET', url: ep.api, headers: { authorization: `Bearer ${tokens['access_token']}`, accept: 'application/json' } }, 'the app, now "signed in", reads the account it is connected to');
        later.push(api);
        const sub = String(jsonOf(api)?.['sub'] ?? '?');
        answer = got.reply({ ok: true, message: 'Signed in. Welcome back!' });
        x.notes.push(`CSRF SUCCEEDED: the token endpoint answered ${exchanged.response.status}, and the victim's session at the app is now bound to bob's account (${sub}): whatever she saves there, bob can read`);
        result = { stopped: false, evidence: `the victim's session was bound to ${sub}` };
      } else {
        const error = `${exchanged.response.status} ${String(tokens['error'] ?? '')}: ${String(tokens['error_description'] ?? '')}`;
        answer = got.reply({ ok: false, reason: 'The sign-in could not be completed: the provider refused the code.' });
        x.notes.push(
          `stopped by PKCE: the token endpoint answered ${error} — bob's code is bound to bob's code_challenge, and the app can only send the victim's verifier (RFC 7636 §4.6). No state was needed; that is why RFC 9700 §2.1 lets a client that has ensured the provider supports PKCE rely on it for CSRF protection`,
        );
        result = { stopped: true, evidence: error };
      }
      await delivered;
      x.exchanges.push(callbackExchange(got, answer, "the forged callback, carrying bob's code"), exchanged, ...later);
      pushExtra(x);
      return result;
    };

    // ── Step 2: ask the user ──────────────────────────────────────────────────
    s = await begin(2);
    const yes = opts.auto ? true : await io.askSignIn();
    s.notes.push(yes ? 'the user chose to sign in with the provider' : 'the user said no: nothing was sent to the provider');
    finish(s);
    if (!yes) {
      t.declined = true;
      t.ok = true;
      return t;
    }

    // ── Step 3: redirect to the authorization endpoint ───────────────────────
    s = await begin(3);
    const state = randomToken(16);
    const nonce = randomToken(16);
    const verifier = createVerifier();
    secrets.secret(verifier);
    const usePkce = opts.attack !== 'no-pkce';
    const params: Record<string, string> = { response_type: 'code', client_id: clientId, redirect_uri: opts.attack === 'redirect' ? 'https://attacker.example/steal' : redirectUri, scope, state };
    if (usePkce) Object.assign(params, { code_challenge: s256(verifier), code_challenge_method: 'S256' });
    if (scope.split(' ').includes('openid')) params['nonce'] = nonce;
    const authorizeUrl = `${ep.authorize}${ep.authorize.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
    s.facts = Object.entries(params).map(([name, value]) => ({ name, value, meaning: AUTHORIZE_PARAMS[name] ?? '' }));
    if (opts.attack === 'redirect') s.notes.push('ATTACK: the redirect_uri was swapped for https://attacker.example/steal');
    if (opts.attack === 'no-pkce') s.notes.push('ATTACK: a public client sends no code_challenge');
    let received: ReceivedCallback;
    if (opts.attack === 'state') {
      s.notes.push(`the victim's browser goes to ${ep.authorize} to sign in`);
      const first = await call({ method: 'GET', url: authorizeUrl, headers: { accept: 'text/html' } }, 'the victim\'s browser loads the authorization endpoint');
      s.exchanges.push(truncate(first));
      // Before she signs in, a page the attacker controls makes her browser load a callback URL the attacker
      // prepared: he signed in as bob with this same app and stopped before his browser followed the redirect.
      const forged = await attackerCallback(ep, { clientId, redirectUri, pkce: true, state: 'attacker-chosen-state', scope: 'openid profile' });
      s.notes.push(`ATTACK: before she signs in, a page the attacker controls makes her browser load ${redirectUri}?code=<bob's code>&state=<bob's state>&iss=…`);
      const follow = callback.next(10_000);
      browserDone = send('GET', forged).catch(() => undefined);
      received = await follow;
    } else if (opts.auto) {
      s.notes.push(`the user's browser goes to ${ep.authorize}; --auto plays the user (${opts.user ?? 'alice'}) on the consent page`);
      const first = await call({ method: 'GET', url: authorizeUrl, headers: { accept: 'text/html' } }, 'the browser loads the authorization endpoint');
      s.exchanges.push(truncate(first));
      if (opts.attack === 'redirect') {
        const blocked = first.response.status === 400 && first.response.headers['location'] === undefined;
        t.attack = outcome('redirect', blocked, `HTTP ${first.response.status}, ${first.response.headers['location'] ? `redirect to ${first.response.headers['location']}` : 'an error page and no redirect'}`);
        s.notes.push(blocked ? 'the provider showed an error page and did NOT redirect: the code never left it' : 'the provider redirected to the attacker (!)');
        finish(s);
        t.ok = blocked;
        return t;
      }
      let location: string;
      if (first.response.status >= 300 && first.response.status < 400) {
        location = first.response.headers['location'] ?? '';
      } else {
        try {
          const played = await playConsent(authorizeUrl, { username: opts.user ?? 'alice', password: user?.password ?? '' });
          location = played.location;
          s.exchanges.push({ request: { method: 'POST', url: new URL('/authorize/decision', ep.authorize).href, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rid=…&csrf=…&username=…&password=…&action=approve' }, response: { status: 303, headers: { location }, body: '' }, note: 'the user signs in and approves (the app never sees this request)' });
        } catch (error) {
          if (error instanceof ConsentError) return fail(`the consent page could not be completed automatically: ${error.message}`, 'Drop --auto and sign in in the browser.');
          throw error;
        }
      }
      // The browser follows the redirect back to the app's loopback server, which answers once the client has checked it.
      const follow = callback.next(10_000);
      browserDone = send('GET', location).catch(() => undefined);
      received = await follow;
    } else {
      await io.openBrowser(authorizeUrl);
      const spinner = io.waiting?.(`waiting for the browser to come back to ${redirectUri}`);
      try {
        received = await callback.next(timeoutMs);
      } catch (error) {
        if (error instanceof CallbackTimeout) return fail(error.message, opts.external === undefined ? 'Open the URL above in a browser and sign in (demo users: alice / wonderland), or use --auto.' : 'Open the URL above in a browser and sign in; check that the redirect URI registered at the provider is exactly the one above.');
        throw error;
      } finally {
        spinner?.stop();
      }
    }
    finish(s);

    // ── Step 4: receive the authorization code ───────────────────────────────
    // iss, then state, then error, then the code: the order of a certified client (authorization-response.ts).
    // Checked as soon as the callback arrives, so the browser gets its answer even while --step waits for Enter.
    const checked = checkAuthorizationResponse(new URL(received.url).searchParams, { issuer: ep.issuer, issParameterSupported: ep.issParameter, state });
    const answer = received.reply(
      checked.ok ? { ok: true } : checked.failed === 'error' ? { ok: true, message: `Sign-in did not complete: ${checked.message}. You can close this tab.` } : { ok: false, reason: `${checked.message}. The app sent nothing to the provider.` },
    );
    await browserDone;
    s = await begin(4);
    s.exchanges.push(callbackExchange(received, answer, opts.attack === 'state' ? "ATTACK: the forged callback, carrying bob's code, and the client's answer to the browser" : 'the redirect as our loopback server received it, and its answer'));
    s.notes.push(...checked.notes);
    if (opts.attack === 'state') {
      const refused = !checked.ok && checked.failed === 'state';
      s.notes.push(refused ? `the client refused it (HTTP ${answer.status} to the browser) and never sent bob's code anywhere` : 'the client accepted a forged callback (!)');
      finish(s);
      const forgedState = new URL(received.url).searchParams.get('state');
      // The same forged callback against the same app with its defences switched off: none, then PKCE alone.
      const none = await csrfWithout({ pkce: false });
      const pkceOnly = await csrfWithout({ pkce: true });
      t.attack = outcome('state', refused && pkceOnly.stopped, `state mismatch: expected ${state}, got ${forgedState} (HTTP ${answer.status} to the browser); with PKCE alone: ${pkceOnly.evidence}; with no state, PKCE or nonce: ${none.evidence}`);
      t.ok = t.attack.blocked;
      return t;
    }
    if (!checked.ok) {
      finish(s);
      if (opts.attack === 'no-pkce' && checked.failed === 'error') {
        t.attack = outcome('no-pkce', checked.error === 'invalid_request', `error=${checked.error}: ${checked.errorDescription ?? ''}`);
        t.ok = t.attack.blocked;
        return t;
      }
      return fail(checked.message, checked.hint);
    }
    const code = checked.code;
    s.notes.push(`authorization code ${mask(code)}: short-lived and single-use; on its own it gives no access`);
    finish(s);

    // ── Step 5: request to the token endpoint ────────────────────────────────
    s = await begin(5);
    const tokenParams: Record<string, string | undefined> = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: usePkce ? verifier : undefined };
    if (clientSecret === undefined) tokenParams['client_id'] = clientId;
    if (clientSecret !== undefined) s.notes.push(`Authorization: Basic …  decodes to "${clientId}:${mask(clientSecret)}" (client_id:client_secret, form-encoded, RFC 6749 §2.3.1)`);
    if (usePkce) {
      s.notes.push(`code_verifier ${verifier}`);
      s.notes.push(`SHA-256(code_verifier) → base64url = ${s256(verifier)} = the code_challenge of step 3 ✓`);
    }
    if (opts.attack === 'verifier') {
      const stolen = await call({ method: 'POST', url: ep.token, headers, body: formBody({ ...tokenParams, code_verifier: undefined }) }, 'ATTACK: the thief redeems the intercepted code without the verifier');
      s.exchanges.push(stolen);
      const err = jsonOf(stolen)?.['error'];
      const legit = await call({ method: 'POST', url: ep.token, headers, body: formBody(tokenParams) }, 'the real app, a moment later, with the right verifier');
      s.exchanges.push(legit);
      s.notes.push(`the thief got ${stolen.response.status} ${String(err)}; the code is now used up, so even the real app gets ${legit.response.status} ${String(jsonOf(legit)?.['error'])} and must start again — but the thief got nothing`);
      t.attack = outcome('verifier', stolen.response.status === 400 && err === 'invalid_grant', `${stolen.response.status} ${String(err)}: ${String(jsonOf(stolen)?.['error_description'] ?? '')}`);
      finish(s);
      t.ok = t.attack.blocked;
      return t;
    }
    const tokenExchange = await call({ method: 'POST', url: ep.token, headers, body: formBody(tokenParams) }, 'the app\'s back end exchanges the code directly with the provider (a confidential client does this from its server, with its secret)');
    s.exchanges.push(tokenExchange);
    finish(s);

    // ── Step 6: receive the access token ─────────────────────────────────────
    s = await begin(6);
    const tokens = jsonOf(tokenExchange) ?? {};
    if (tokenExchange.response.status !== 200 || typeof tokens['access_token'] !== 'string') {
      return fail(`the token endpoint answered ${tokenExchange.response.status} ${String(tokens['error'] ?? '')}: ${String(tokens['error_description'] ?? tokenExchange.response.body.slice(0, 200))}`, 'Check the client credentials and the redirect URI.');
    }
    s.notes.push(`token_type ${String(tokens['token_type'])}, expires_in ${String(tokens['expires_in'])} s, scope "${String(tokens['scope'] ?? scope)}"${tokens['refresh_token'] ? ', plus a refresh token' : ''}`);
    let jwks: JSONWebKeySet | undefined;
    if (ep.jwks !== undefined) {
      const k = await call({ method: 'GET', url: ep.jwks, headers: { accept: 'application/json' } }, 'the provider\'s public keys, to verify the tokens\' signatures');
      s.exchanges.push(k);
      const parsed = jsonOf(k);
      if (parsed !== undefined && Array.isArray(parsed['keys'])) jwks = parsed as unknown as JSONWebKeySet;
    }
    s.tokens = await checkTokens(tokens, { ...(jwks === undefined ? {} : { jwks }), issuer: ep.issuer, clientId, ...(params['nonce'] === undefined ? {} : { nonce: nonce }) });
    const idToken = s.tokens.find((x) => x.kind === 'id_token');
    if (idToken !== undefined && !idToken.verified) {
      finish(s);
      return fail(`the ID token failed a check: ${idToken.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`).join('; ')}`, 'A real client must reject it; do not sign the user in.');
    }
    finish(s);
    const accessToken = tokens['access_token'];

    // ── Step 7: request to the API ────────────────────────────────────────────
    s = await begin(7);
    const apiCall = await call({ method: 'GET', url: ep.api, headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, 'the API call, with the access token as a Bearer credential (RFC 6750)');
    s.exchanges.push(apiCall);
    if (opts.attack === 'scope') {
      const blocked = apiCall.response.status === 403;
      s.notes.push(`the token only carries "${scope}"; the API answered ${apiCall.response.status}: ${apiCall.response.headers['www-authenticate'] ?? ''}`);
      t.attack = outcome('scope', blocked, `${apiCall.response.status} ${apiCall.response.headers['www-authenticate'] ?? ''}`);
      finish(s);
      t.ok = blocked;
      return t;
    }
    if (apiCall.response.status !== 200) {
      finish(s);
      return fail(`the API answered ${apiCall.response.status}${apiCall.response.headers['www-authenticate'] ? ` (${apiCall.response.headers['www-authenticate']})` : ''}`, 'Check the scope and the API URL.');
    }
    s.notes.push('200: the app read the user\'s data, and never saw their password');
    finish(s);

    if (opts.attack === 'replay') {
      const replay = await call({ method: 'POST', url: ep.token, headers, body: formBody(tokenParams) }, 'ATTACK: the same code, sent again');
      const again = await call({ method: 'GET', url: ep.api, headers: { authorization: `Bearer ${accessToken}` } }, 'the first access token, after the replay');
      pushExtra({
        title: 'Attack: replay the authorization code',
        notes: [
          `replay answered ${replay.response.status} ${String(jsonOf(replay)?.['error'])}`,
          `the access token issued from that code now gets ${again.response.status}: the provider took the replay as a sign the code leaked and revoked what it had issued from it (RFC 6749 §4.1.2, §10.5)`,
          'a copier holding only the code could not have redeemed it anyway: this app is confidential and uses PKCE, so the token endpoint also wants its client secret (RFC 6749 §4.1.3) and the code_verifier (RFC 7636 §4.6)',
        ],
        exchanges: [replay, again],
      });
      t.attack = outcome('replay', replay.response.status === 400 && again.response.status === 401, `${replay.response.status} ${String(jsonOf(replay)?.['error'])}; earlier token now ${again.response.status}`);
      t.ok = t.attack.blocked;
      return t;
    }

    if (typeof tokens['refresh_token'] === 'string' && (opts.extras || (!opts.auto && (await io.offerExtras?.())))) {
      await runExtras(pushExtra, call, ep, headers, clientSecret === undefined ? clientId : undefined, tokens as Record<string, string>, jwks);
    }
    t.ok = true;
    return t;
  } finally {
    await callback?.close();
    await provider?.close();
  }
}

async function runExtras(
  pushExtra: (x: Extra) => void,
  call: (r: RecordedRequest, note?: string) => Promise<Exchange>,
  ep: Endpoints,
  headers: Record<string, string>,
  publicClientId: string | undefined,
  tokens: Record<string, string>,
  jwks: JSONWebKeySet | undefined,
): Promise<void> {
  const auth = publicClientId === undefined ? {} : { client_id: publicClientId };
  const r1 = await call({ method: 'POST', url: ep.token, headers, body: formBody({ grant_type: 'refresh_token', refresh_token: tokens['refresh_token'], ...auth }) }, 'refresh: a new access token without the user');
  const fresh = jsonOf(r1) ?? {};
  const rotated = typeof fresh['refresh_token'] === 'string' && fresh['refresh_token'] !== tokens['refresh_token'];
  pushExtra({ title: 'Refresh the token (rotation)', notes: [`${r1.response.status}: new access token${rotated ? ', and a NEW refresh token: the old one is now spent (rotation, RFC 9700 §4.14.2)' : ''}`], exchanges: [r1] });
  const accessToken = fresh['access_token'];
  if (ep.revoke === undefined || typeof accessToken !== 'string') return;
  const rv = await call({ method: 'POST', url: ep.revoke, headers, body: formBody({ token: accessToken, token_type_hint: 'access_token', ...auth }) }, 'revoke the access token (RFC 7009)');
  const after = await call({ method: 'GET', url: ep.api, headers: { authorization: `Bearer ${accessToken}` } }, 'the API, with the revoked token');
  const exchanges = [rv, after];
  const notes = [
    `revocation answered ${rv.response.status}`,
    `the API answered ${after.response.status}: ${after.response.headers['www-authenticate'] ?? ''}`,
    'WWW-Authenticate names the scheme (Bearer), and error="invalid_token" tells the app to get a new token (RFC 6750 §3)',
  ];
  // Why the API knew: it asks the provider about every token. A JWT itself does not change when it is revoked.
  if (ep.introspect !== undefined && publicClientId === undefined) {
    const intro = await call({ method: 'POST', url: ep.introspect, headers, body: formBody({ token: accessToken, token_type_hint: 'access_token' }) }, 'token introspection (RFC 7662): what this demo API does in effect — it asks the provider whether the token is still active');
    exchanges.push(intro);
    notes.push(`introspection says "active": ${String(jsonOf(intro)?.['active'])} (RFC 7662 §2.2): the demo API rejected the token only because it asks the provider, not because anything in the token changed`);
  } else {
    notes.push('the demo API rejected the token only because it asks the provider about every token (as introspection does, RFC 7662), not because anything in the token changed');
  }
  if (jwks !== undefined) {
    const offline = await checkWithoutProvider(accessToken, jwks, ep.issuer);
    notes.push(
      offline.ok
        ? `an API that only checks the signature (and iss, exp) would still accept this revoked token: ${offline.detail} — until it expires. That is why JWT access tokens are kept short-lived, or checked by introspection where revocation must take effect at once (RFC 7662 §1)`
        : `an API that only checks the signature would reject it too here: ${offline.detail}`,
    );
  }
  pushExtra({ title: 'Revoke it, then call the API', notes, exchanges });
}

function endpointsFrom(meta: Record<string, unknown>, issuer: string, x?: FlowOptions['external']): Endpoints {
  const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : undefined);
  const iss = str('issuer') ?? issuer;
  return {
    issuer: iss,
    authorize: x?.authorizeUrl ?? str('authorization_endpoint') ?? `${iss}/authorize`,
    token: x?.tokenUrl ?? str('token_endpoint') ?? `${iss}/token`,
    api: x?.apiUrl ?? (x === undefined ? `${iss}/api/notes` : (str('userinfo_endpoint') ?? `${iss}/userinfo`)),
    ...((x?.jwksUrl ?? str('jwks_uri')) === undefined ? {} : { jwks: (x?.jwksUrl ?? str('jwks_uri'))! }),
    ...(str('revocation_endpoint') === undefined ? {} : { revoke: str('revocation_endpoint')! }),
    ...(str('introspection_endpoint') === undefined ? {} : { introspect: str('introspection_endpoint')! }),
    ...(str('registration_endpoint') === undefined ? {} : { registration: str('registration_endpoint')! }),
    issParameter: meta['authorization_response_iss_parameter_supported'] === true,
  };
}

/**
 * The attacker signs in as bob with the same app (his own state and, for a PKCE client, his own
 * code_challenge) and keeps the callback URL his browser was sent to, without following it.
 */
async function attackerCallback(ep: Endpoints, o: { clientId: string; redirectUri: string; pkce: boolean; state?: string; scope: string }): Promise<string> {
  const params: Record<string, string> = { response_type: 'code', client_id: o.clientId, redirect_uri: o.redirectUri, scope: o.scope };
  if (o.state !== undefined) params['state'] = o.state;
  if (o.pkce) Object.assign(params, { code_challenge: s256(createVerifier()), code_challenge_method: 'S256' });
  return (await playConsent(`${ep.authorize}?${new URLSearchParams(params)}`, { username: 'bob', password: 'builder' })).location;
}

/** The callback as the loopback server received it, and what it answered the browser. */
function callbackExchange(received: ReceivedCallback, answer: CallbackReply, note: string): Exchange {
  const unescape = (h: string) => h.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  const title = unescape(/<h1>(.*?)<\/h1>/.exec(answer.body)?.[1] ?? '');
  const text = unescape(/<p>(.*?)<\/p>/.exec(answer.body)?.[1] ?? '');
  return { request: { method: received.method, url: received.url, headers: received.headers }, response: { status: answer.status, headers: answer.headers, body: `(a page: "${title}: ${text}")` }, note };
}

function outcome(name: AttackName, blocked: boolean, evidence: string): AttackOutcome {
  const info = ATTACK_INFO[name];
  return { name, title: info.title, blocked, checkedBy: info.checkedBy, check: info.check, rfc: info.rfc, withoutCheck: info.withoutCheck, ...(info.defences === undefined ? {} : { defences: info.defences }), evidence };
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export function mask(secret: string): string {
  return secret.length <= 8 ? '••••' : `${secret.slice(0, 6)}…(${secret.length - 6} more)`;
}

function truncate(e: Exchange): Exchange {
  return e.response.body.length > 400 ? { ...e, response: { ...e.response, body: `${e.response.body.slice(0, 400)}… (${e.response.body.length} bytes: the login and consent page)` } } : e;
}
