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
import { startCallbackServer, CallbackTimeout, type CallbackRequest, type CallbackServer } from './callback-server.js';
import { checkTokens, type CheckedToken } from './token-checks.js';
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
  state: 'a random value we will check on the way back: stops forged callbacks (CSRF)',
  code_challenge: 'SHA-256 of a secret code_verifier we keep: proves in step 5 that we started this flow (PKCE)',
  code_challenge_method: '"S256": how the challenge was made from the verifier',
  nonce: 'a random value the ID token must carry back: stops ID-token replay',
};

interface Endpoints {
  issuer: string;
  authorize: string;
  token: string;
  api: string;
  jwks?: string;
  revoke?: string;
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
  const fail = (message: string, hint: string): never => {
    throw new FlowError(current, titles[current - 1]!, message, hint, t);
  };
  const call = async (request: RecordedRequest, note?: string): Promise<Exchange> => {
    try {
      const e = await exchange(request);
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
    t.steps.push(s);
    io.step(s);
  };

  try {
    try {
      callback = await startCallbackServer(opts.external?.redirectPort ?? 0);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new FlowError(1, titles[0]!, code === 'EADDRINUSE' ? `port ${opts.external?.redirectPort} for the redirect URI is already in use` : `cannot listen on 127.0.0.1: ${(error as Error).message}`, 'Choose another --redirect-port (it must match what you registered).');
    }
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
      provider = await startProvider({ port: 0, ...(opts.alg === undefined ? {} : { alg: opts.alg }) });
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
      s.notes.push(`registered: client_id ${clientId}${clientSecret ? `, client_secret ${mask(clientSecret)} (keep it on the server: it proves the app is this app)` : ' (a public client: no secret, so PKCE is a must)'}`);
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
      s.notes.push(`you registered this app at the provider yourself (its developer console): client_id ${clientId}${clientSecret ? `, client_secret ${mask(clientSecret)}` : ' (no secret: a public client, protected by PKCE)'}`);
      s.notes.push(`the redirect URI registered there must be ${redirectUri}${x.redirectPort === undefined ? ' (pass --redirect-port to fix the port)' : ''}`);
    }
    t.issuer = ep.issuer;
    t.clientId = clientId;
    finish(s);

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
    const usePkce = opts.attack !== 'no-pkce';
    const params: Record<string, string> = { response_type: 'code', client_id: clientId, redirect_uri: opts.attack === 'redirect' ? 'https://attacker.example/steal' : redirectUri, scope, state };
    if (usePkce) Object.assign(params, { code_challenge: s256(verifier), code_challenge_method: 'S256' });
    if (scope.split(' ').includes('openid')) params['nonce'] = nonce;
    const authorizeUrl = `${ep.authorize}${ep.authorize.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
    s.facts = Object.entries(params).map(([name, value]) => ({ name, value, meaning: AUTHORIZE_PARAMS[name] ?? '' }));
    if (opts.attack === 'redirect') s.notes.push('ATTACK: the redirect_uri was swapped for https://attacker.example/steal');
    if (opts.attack === 'no-pkce') s.notes.push('ATTACK: a public client sends no code_challenge');
    let received: CallbackRequest;
    if (opts.auto) {
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
      // The browser follows the redirect back to the app's loopback server.
      const follow = callback.next(10_000);
      await call({ method: 'GET', url: location, headers: {} }, 'the browser follows the redirect back to the app');
      received = await follow;
    } else {
      await io.openBrowser(authorizeUrl);
      const spinner = io.waiting?.(`waiting for the browser to come back to ${redirectUri}`);
      try {
        received = await callback.next(timeoutMs);
      } catch (error) {
        if (error instanceof CallbackTimeout) return fail(error.message, 'Open the URL above in a browser and sign in (demo users: alice / wonderland), or use --auto.');
        throw error;
      } finally {
        spinner?.stop();
      }
    }
    finish(s);

    // ── Step 4: receive the authorization code ───────────────────────────────
    s = await begin(4);
    s.exchanges.push({ request: { method: received.method, url: received.url, headers: received.headers }, response: { status: 200, headers: { 'content-type': 'text/html' }, body: '(a page saying the tab can be closed)' }, note: 'the redirect as our loopback server received it' });
    const back = new URL(received.url).searchParams;
    if (opts.attack === 'state') {
      // The victim's browser is made to load a callback URL the attacker prepared with their own code.
      await forgeCallback(ep, clientId, redirectUri, provider);
      const forged = await callback.next(10_000);
      s.exchanges.push({ request: { method: forged.method, url: forged.url, headers: forged.headers }, response: { status: 200, headers: {}, body: '' }, note: 'ATTACK: a forged callback, carrying the attacker\'s code' });
      const forgedState = new URL(forged.url).searchParams.get('state');
      s.notes.push(`ATTACK: a callback arrives with the attacker's own code and state "${forgedState}"`);
      const rejected = forgedState !== state;
      s.notes.push(`state sent ${state} vs received ${forgedState}: ${rejected ? 'DIFFERENT — the client rejects the callback and never exchanges the attacker\'s code' : 'equal (!)'}`);
      t.attack = outcome('state', rejected, `state mismatch: expected ${state}, got ${forgedState}`);
      finish(s);
      t.ok = rejected;
      return t;
    }
    const error = back.get('error');
    if (error !== null) {
      s.notes.push(`the provider answered with error=${error}: ${back.get('error_description') ?? ''}`);
      if (opts.attack === 'no-pkce') {
        t.attack = outcome('no-pkce', error === 'invalid_request', `error=${error}: ${back.get('error_description') ?? ''}`);
        finish(s);
        t.ok = t.attack.blocked;
        return t;
      }
      finish(s);
      return fail(error === 'access_denied' ? 'the user denied consent' : `the provider returned error=${error} (${back.get('error_description') ?? 'no description'})`, error === 'access_denied' ? 'Run the flow again and choose Approve.' : 'Check the client_id, redirect URI and scope.');
    }
    const code = back.get('code');
    if (code === null) return fail('the callback carries no code', 'The provider did not follow the protocol; check its logs.');
    const gotState = back.get('state');
    s.notes.push(`state sent ${state} / received ${gotState}: ${gotState === state ? 'equal ✓ — this callback answers our request' : 'DIFFERENT'}`);
    if (gotState !== state) return fail('state mismatch: this callback does not answer our request (possible CSRF)', 'Start the flow again from the app.');
    const iss = back.get('iss');
    if (iss !== null) {
      if (iss !== ep.issuer) return fail(`iss ${iss} is not the provider we sent the user to (${ep.issuer}): possible mix-up attack (RFC 9207)`, 'Check the issuer URL.');
      s.notes.push(`iss ${iss} equals the provider we used ✓ (RFC 9207: defends against mix-up attacks)`);
    } else {
      s.notes.push(ep.issParameter ? 'iss missing although the provider advertises it' : 'no iss parameter (this provider does not support RFC 9207)');
      if (ep.issParameter) return fail('the provider advertises the iss parameter but did not send it', 'Treat this response as suspicious.');
    }
    s.notes.push(`authorization code ${mask(code)}: short-lived and single-use; on its own it gives no access`);
    finish(s);

    // ── Step 5: request to the token endpoint ────────────────────────────────
    s = await begin(5);
    const tokenParams: Record<string, string | undefined> = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: usePkce ? verifier : undefined };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (clientSecret !== undefined) headers['authorization'] = basic(clientId, clientSecret);
    else tokenParams['client_id'] = clientId;
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
    const tokenExchange = await call({ method: 'POST', url: ep.token, headers, body: formBody(tokenParams) }, 'the back end exchanges the code (never through the browser)');
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
      t.extras.push({ title: 'Attack: replay the authorization code', notes: [`replay answered ${replay.response.status} ${String(jsonOf(replay)?.['error'])}`, `the access token issued from that code now gets ${again.response.status}: the provider revoked it`], exchanges: [replay, again] });
      io.extra?.(t.extras.at(-1)!);
      t.attack = outcome('replay', replay.response.status === 400 && again.response.status === 401, `${replay.response.status} ${String(jsonOf(replay)?.['error'])}; earlier token now ${again.response.status}`);
      t.ok = t.attack.blocked;
      return t;
    }

    if (typeof tokens['refresh_token'] === 'string' && (opts.extras || (!opts.auto && (await io.offerExtras?.())))) {
      await runExtras(t, io, call, ep, headers, clientSecret === undefined ? clientId : undefined, tokens as Record<string, string>);
    }
    t.ok = true;
    return t;
  } finally {
    await callback?.close();
    await provider?.close();
  }
}

async function runExtras(
  t: FlowTranscript,
  io: FlowIO,
  call: (r: RecordedRequest, note?: string) => Promise<Exchange>,
  ep: Endpoints,
  headers: Record<string, string>,
  publicClientId: string | undefined,
  tokens: Record<string, string>,
): Promise<void> {
  const auth = publicClientId === undefined ? {} : { client_id: publicClientId };
  const r1 = await call({ method: 'POST', url: ep.token, headers, body: formBody({ grant_type: 'refresh_token', refresh_token: tokens['refresh_token'], ...auth }) }, 'refresh: a new access token without the user');
  const fresh = jsonOf(r1) ?? {};
  const rotated = typeof fresh['refresh_token'] === 'string' && fresh['refresh_token'] !== tokens['refresh_token'];
  const extra1: Extra = { title: 'Refresh the token (rotation)', notes: [`${r1.response.status}: new access token${rotated ? ', and a NEW refresh token: the old one is now spent (rotation, RFC 9700 §4.14.2)' : ''}`], exchanges: [r1] };
  t.extras.push(extra1);
  io.extra?.(extra1);
  if (ep.revoke === undefined || typeof fresh['access_token'] !== 'string') return;
  const rv = await call({ method: 'POST', url: ep.revoke, headers, body: formBody({ token: fresh['access_token'], token_type_hint: 'access_token', ...auth }) }, 'revoke the access token (RFC 7009)');
  const after = await call({ method: 'GET', url: ep.api, headers: { authorization: `Bearer ${fresh['access_token']}` } }, 'the API, with the revoked token');
  const extra2: Extra = {
    title: 'Revoke it, then call the API',
    notes: [`revocation answered ${rv.response.status}`, `the API answered ${after.response.status}: ${after.response.headers['www-authenticate'] ?? ''}`, 'WWW-Authenticate names the scheme (Bearer), and error="invalid_token" tells the app to get a new token (RFC 6750 §3)'],
    exchanges: [rv, after],
  };
  t.extras.push(extra2);
  io.extra?.(extra2);
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
    ...(str('registration_endpoint') === undefined ? {} : { registration: str('registration_endpoint')! }),
    issParameter: meta['authorization_response_iss_parameter_supported'] === true,
  };
}

/** The attacker runs their own sign-in (as bob) and sends the resulting callback to the victim's client. */
async function forgeCallback(ep: Endpoints, clientId: string, redirectUri: string, provider: RunningProvider | undefined): Promise<void> {
  const state = 'attacker-chosen-state';
  let location = `${redirectUri}?code=attackers-code&state=${state}`;
  if (provider !== undefined) {
    const verifier = createVerifier();
    const url = `${ep.authorize}?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid', state, code_challenge: s256(verifier), code_challenge_method: 'S256' })}`;
    location = (await playConsent(url, { username: 'bob', password: 'builder' })).location;
  }
  await send('GET', location);
}

function outcome(name: AttackName, blocked: boolean, evidence: string): AttackOutcome {
  const info = ATTACK_INFO[name];
  return { name, title: info.title, blocked, checkedBy: info.checkedBy, check: info.check, rfc: info.rfc, withoutCheck: info.withoutCheck, evidence };
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
