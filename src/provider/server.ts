/**
 * The mock OAuth 2.0 / OpenID Connect provider on node:http:
 * `await startProvider({ port: 0 })` → `{ url, issuer, close() }`. It binds
 * 127.0.0.1 unless told otherwise, never crashes on bad input (every answer
 * is JSON or HTML with a 4xx, no stack traces), and logs each request with
 * the checks it passed or failed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomToken } from '../protocol/random.js';
import { authorize, decide } from './authorize.js';
import { ClientRegistry } from './clients.js';
import { RequestLog, UNREAD_LOG, type Check, type ProviderContext } from './context.js';
import { HttpError, NO_ERROR_CODE, sendEmpty, sendJson } from './http.js';
import { allowOrigin, CORS_PATHS, preflight } from './cors.js';
import { wireErrorDescription } from './error-text.js';
import { createSigningKey, type ProviderAlg } from './keys.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { introspect, register, revoke } from './management.js';
import {
  DEMO_CLIENT_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERS,
  DEVICE_CODE_GRANT,
  DPOP_ALGS,
  SCOPES,
  type Client,
  type User,
} from './model.js';
import { RateLimiter } from './rate-limit.js';
import { apiNotes, apiProfile, userinfo } from './resources.js';
import { Sessions } from './sessions.js';
import type { ProviderState } from './state-dir.js';
import { TtlStore } from './store.js';
import { token } from './token.js';

export interface ProviderOptions {
  port?: number;
  host?: string;
  alg?: ProviderAlg;
  /** Extra pre-registered clients (`--client id:secret:redirect_uri`). */
  clients?: Client[];
  /** The demo confidential client's secret (random when not given). */
  demoSecret?: string;
  /** Redirect URIs of the demo clients. */
  demoRedirectUris?: string[];
  /** Seconds since the epoch; tests freeze and move it. */
  clock?: () => number;
  /** Lifetimes, caps and rate limits (see limits.ts); tests and the bench shorten them. */
  limits?: Partial<Limits>;
  /**
   * Let confidential clients skip PKCE (public clients never may). Off by default: PKCE is required of every
   * client, like OAuth 2.1 does; RFC 9700 §2.1.1 recommends it for confidential clients too.
   */
  allowNoPkce?: boolean;
  /** The accounts that can sign in (default: the demo users, whose passwords the consent page shows). */
  users?: User[];
  /**
   * Remember signed-in users (a session cookie) and what they approved, so a returning user is sent back
   * with a code at once (default true). False (`--no-sessions`): every sign-in is typed. Sessions are
   * kept in memory only, never in stateDir.
   */
  sessions?: boolean;
  /** Keep signing keys, registrations and the demo secret here across restarts (see state-dir.ts). */
  stateDir?: string;
  onRequest?: (entry: RequestEntry) => void;
  /**
   * Things worth telling the operator that belong to no request (a failed save of the state directory).
   * Without it, a failed save makes flush() and close() reject instead.
   */
  onNotice?: (text: string) => void;
}

export interface RequestEntry {
  method: string;
  path: string;
  status: number;
  checks: Check[];
  ms: number;
}

export interface RunningProvider {
  url: string;
  issuer: string;
  demoClient: Client;
  publicClient: Client;
  context: ProviderContext;
  /** What is held in memory now, per kind (ended entries are deleted first). */
  sizes(): Record<string, number>;
  /** Deletes everything whose lifetime has ended (also runs on a timer). */
  sweep(): void;
  /** Where state is kept, with --state-dir. */
  stateDir?: string;
  /**
   * Resolves when every pending write to the state directory is done. Without onNotice, rejects when the
   * last save failed (with onNotice, the failure went there).
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

type Handler = (
  ctx: ProviderContext,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: RequestLog,
) => Promise<void> | void;

export function discovery(issuer: string, alg: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    registration_endpoint: `${issuer}/register`,
    userinfo_endpoint: `${issuer}/userinfo`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    device_authorization_endpoint: `${issuer}/device_authorization`,
    scopes_supported: Object.keys(SCOPES),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      DEVICE_CODE_GRANT,
    ],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [alg],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: [
      'client_secret_basic',
      'client_secret_post',
      'none',
    ],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    dpop_signing_alg_values_supported: DPOP_ALGS,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'at_hash',
      'name',
      'preferred_username',
      'email',
      'email_verified',
    ],
  };
}

export async function startProvider(opts: ProviderOptions = {}): Promise<RunningProvider> {
  const host = opts.host ?? '127.0.0.1';
  const alg = opts.alg ?? 'ES256';
  // Loaded only when asked for: YAML and write-file-atomic are not worth loading for every `flow`.
  const state: ProviderState | undefined =
    opts.stateDir === undefined
      ? undefined
      : await (await import('./state-dir.js')).openStateDir(opts.stateDir, alg);
  const key = state?.key ?? (await createSigningKey(alg));
  const clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const users = opts.users ?? state?.users ?? DEMO_USERS;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  // A server listening on TCP reports an AddressInfo (a string only for a pipe or socket file).
  if (address === null || typeof address === 'string')
    throw new Error(`the provider is not listening on a TCP port (${String(address)})`);
  const port = address.port;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const redirectUris = opts.demoRedirectUris ?? [
    'http://127.0.0.1/callback',
    'http://localhost:8080/callback',
  ];
  const now = clock();
  const demoClient: Client = {
    client_id: DEMO_CLIENT_ID,
    client_secret: opts.demoSecret ?? state?.demoSecret ?? randomToken(24),
    client_name: 'oauth-tutor demo app',
    redirect_uris: redirectUris,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    scope: 'openid profile email notes.read notes.write offline_access',
    client_id_issued_at: now,
  };
  const publicClient: Client = {
    client_id: DEMO_PUBLIC_CLIENT_ID,
    client_name: 'oauth-tutor demo public app (no secret)',
    redirect_uris: redirectUris,
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile email notes.read offline_access',
    client_id_issued_at: now,
  };
  const clients = new ClientRegistry({
    max: limits.maxClients,
    unusedTtl: limits.unusedClientTtl,
    idleTtl: limits.idleClientTtl,
    now: clock,
  });
  for (const c of [demoClient, publicClient, ...(opts.clients ?? [])]) clients.addFixed(c);
  for (const r of state?.registrations ?? []) clients.register(r);
  let saving: Promise<void> = Promise.resolve();
  /** Connections open now (tokens.ts signs on this thread when there is only one). */
  let connections = 0;
  /** The last save's failure, when no onNotice was given to report it to. */
  let unsaved: Error | undefined;
  const flush = async () => {
    await saving;
    if (unsaved !== undefined) throw unsaved;
  };
  const ctx: ProviderContext = {
    issuer,
    audience: `${issuer}/api`,
    key,
    now: clock,
    connections: () => connections,
    clients,
    users,
    showPasswords: users === DEMO_USERS,
    allowNoPkce: opts.allowNoPkce === true,
    limits,
    pending: new TtlStore({ kind: 'pending authorizations', max: limits.maxPending, now: clock }),
    sessions:
      opts.sessions === false
        ? undefined
        : new Sessions({
            // Cookies are not isolated by port (RFC 6265 §8.5): two providers on one host keep two cookies.
            cookieName: `mockprovider_session_${port}`,
            idleTtl: limits.sessionIdleTtl,
            maxTtl: limits.sessionMaxTtl,
            max: limits.maxSessions,
            consentTtl: limits.consentTtl,
            maxConsents: limits.maxConsents,
            now: clock,
          }),
    codes: new TtlStore({ kind: 'authorization codes', max: limits.maxCodes, now: clock }),
    refreshTokens: new TtlStore({
      kind: 'refresh tokens',
      max: limits.maxRefreshTokens,
      now: clock,
    }),
    families: new TtlStore({
      kind: 'grants (token families)',
      max: limits.maxFamilies,
      now: clock,
    }),
    revokedJtis: new TtlStore({ kind: 'revocations', max: limits.maxRevocations, now: clock }),
    deviceCodes: new TtlStore({
      kind: 'device authorizations',
      max: limits.maxDeviceCodes,
      now: clock,
    }),
    userCodes: new TtlStore({ kind: 'user codes', max: limits.maxDeviceCodes, now: clock }),
    verificationPages: new TtlStore({
      kind: 'verification pages',
      max: limits.maxPending,
      now: clock,
    }),
    dpopJtis: new TtlStore({ kind: 'DPoP proofs', max: limits.maxDpopProofs, now: clock }),
    registrationLimiter: new RateLimiter({
      kind: 'registration rate limits',
      limit: limits.registrationsPerMinute,
      window: 60,
      now: clock,
    }),
    loginLimiter: new RateLimiter({
      kind: 'sign-in rate limits',
      limit: limits.loginFailures,
      window: limits.loginWindow,
      now: clock,
    }),
    userCodeLimiter: new RateLimiter({
      kind: 'user code rate limits',
      limit: limits.userCodeGuesses,
      window: limits.userCodeWindow,
      now: clock,
    }),
    clientsChanged: () => {
      if (state === undefined) return;
      saving = state.saveClients(clients.registrations()).then(
        () => {
          unsaved = undefined;
        },
        (error: unknown) => {
          // Reported, never dropped: to the operator's log when there is one, else by flush() and close().
          // The next change saves the whole list again.
          const text = `could not save the registrations in ${state.dir}: ${error instanceof Error ? error.message : String(error)}`;
          if (opts.onNotice === undefined) unsaved = new Error(text, { cause: error });
          else opts.onNotice(text);
        },
      );
    },
  };
  const sizes = (): Record<string, number> => ({
    pending: ctx.pending.size,
    sessions: ctx.sessions?.size ?? 0,
    consents: ctx.sessions?.consentCount ?? 0,
    codes: ctx.codes.size,
    refreshTokens: ctx.refreshTokens.size,
    families: ctx.families.size,
    revocations: ctx.revokedJtis.size,
    deviceCodes: ctx.deviceCodes.size,
    userCodes: ctx.userCodes.size,
    verificationPages: ctx.verificationPages.size,
    dpopProofs: ctx.dpopJtis.size,
    clients: ctx.clients.size,
    registrationLimits: ctx.registrationLimiter.size,
    loginLimits: ctx.loginLimiter.size,
    userCodeLimits: ctx.userCodeLimiter.size,
  });
  const sweep = () => {
    for (const store of [
      ctx.pending,
      ctx.codes,
      ctx.refreshTokens,
      ctx.families,
      ctx.revokedJtis,
      ctx.deviceCodes,
      ctx.userCodes,
      ctx.verificationPages,
      ctx.dpopJtis,
    ])
      store.sweep();
    ctx.sessions?.sweep();
    void ctx.registrationLimiter.size;
    void ctx.loginLimiter.size;
    void ctx.userCodeLimiter.size;
    if (ctx.clients.sweep()) ctx.clientsChanged();
  };
  // Memory is returned even when no request comes to trigger a sweep.
  const sweeper = setInterval(sweep, 30_000);
  sweeper.unref();
  const meta = discovery(issuer, alg);

  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/': {
      GET: (_c, _r, _u, res) =>
        sendJson(res, 200, {
          name: 'oauth-tutor MockProvider',
          issuer,
          discovery: `${issuer}/.well-known/openid-configuration`,
        }),
    },
    '/.well-known/openid-configuration': {
      GET: (_c, _r, _u, res) => sendJson(res, 200, meta, { 'cache-control': 'max-age=60' }),
    },
    '/.well-known/oauth-authorization-server': {
      GET: (_c, _r, _u, res) => sendJson(res, 200, meta, { 'cache-control': 'max-age=60' }),
    },
    '/jwks': {
      GET: (c, _r, _u, res) =>
        sendJson(res, 200, c.key.jwks, {
          'content-type': 'application/jwk-set+json',
          'cache-control': 'max-age=60',
        }),
    },
    '/register': { POST: (c, req, _u, res, log) => register(c, req, res, log) },
    '/authorize': { GET: (c, req, url, res, log) => authorize(c, req, url, res, log) },
    '/authorize/decision': { POST: (c, req, _u, res, log) => decide(c, req, res, log) },
    '/token': { POST: (c, req, _u, res, log) => token(c, req, res, log) },
    // The device flow's endpoints are loaded when first used: most runs never need them.
    '/device_authorization': {
      POST: async (c, req, _u, res, log) =>
        (await import('./device.js')).deviceAuthorization(c, req, res, log),
    },
    '/device': {
      GET: async (c, req, url, res, log) =>
        (await import('./device.js')).verificationPage(c, req, url, res, log),
      POST: async (c, req, _u, res, log) =>
        (await import('./device.js')).verificationDecision(c, req, res, log),
    },
    '/userinfo': { GET: userinfo, POST: userinfo },
    '/revoke': { POST: (c, req, _u, res, log) => revoke(c, req, res, log) },
    '/introspect': { POST: (c, req, _u, res, log) => introspect(c, req, res, log) },
    '/api/profile': { GET: apiProfile },
    '/api/notes': { GET: apiNotes },
  };

  // The URL of each endpoint, parsed once: a request whose target is exactly an endpoint's path (no query,
  // nothing to normalise) gets it without parsing its own. Handlers only read it.
  const targets = new Map(Object.keys(routes).map((path) => [path, new URL(path, issuer)]));
  const onRequest = opts.onRequest;

  const closed = () => {
    connections--;
  };
  server.on('connection', (socket: Socket) => {
    connections++;
    socket.once('close', closed);
  });
  /** The endpoint a request target names, with its URL (undefined when the target is no valid URL). */
  const resolve = (target: string): URL | undefined => {
    const known = targets.get(target);
    if (known !== undefined) return known;
    try {
      return new URL(target, issuer);
    } catch {
      return undefined;
    }
  };
  // Made once, not per request: a request's own state is only its log.
  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    log: RequestLog,
  ): Promise<void> | void => {
    const url = resolve(req.url ?? '/');
    if (url === undefined)
      throw new HttpError(400, 'invalid_request', 'the request target is not a valid URL');
    const route = routes[url.pathname];
    if (route === undefined)
      throw new HttpError(
        404,
        'not_found',
        `no endpoint at ${url.pathname}; see ${issuer}/.well-known/openid-configuration`,
      );
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? '');
    if (CORS_PATHS.has(url.pathname)) {
      if (method === 'OPTIONS') return preflight(res, Object.keys(route));
      allowOrigin(res);
    }
    const handler = route[method];
    if (handler === undefined)
      throw new HttpError(405, 'invalid_request', `${req.method} is not allowed here`, {
        allow: Object.keys(route).join(', '),
      });
    return handler(ctx, req, url, res, log);
  };
  const fail = (req: IncomingMessage, res: ServerResponse, log: RequestLog, error: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError && error.error === NO_ERROR_CODE) {
      log.fail(error.description);
      sendEmpty(res, error.status, error.headers);
    } else if (error instanceof HttpError) {
      log.fail(`${error.error}: ${error.description}`);
      sendJson(
        res,
        error.status,
        { error: error.error, error_description: wireErrorDescription(error.description) },
        error.headers,
      );
    } else {
      // Never a stack trace on the wire.
      log.fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, {
        error: 'server_error',
        error_description: 'unexpected error in the mock provider',
      });
    }
    // Drain whatever the client is still sending so the connection can be reused.
    req.resume();
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const log = onRequest === undefined ? UNREAD_LOG : new RequestLog();
    if (onRequest !== undefined) {
      const started = process.hrtime.bigint();
      res.once('finish', () =>
        onRequest({
          method: req.method ?? '?',
          path: resolve(req.url ?? '/')?.pathname ?? '?',
          status: res.statusCode,
          checks: log.checks,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
    }
    try {
      const pending = handle(req, res, log);
      if (pending !== undefined) pending.catch((error: unknown) => fail(req, res, log, error));
    } catch (error) {
      fail(req, res, log, error);
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"invalid_request","error_description":"malformed HTTP request"}',
      );
    else socket.destroy();
  });

  return {
    url: issuer,
    issuer,
    demoClient,
    publicClient,
    context: ctx,
    sizes,
    sweep,
    ...(state === undefined ? {} : { stateDir: state.dir }),
    flush,
    close: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await flush();
    },
  };
}

/**
 * Loads now what the provider otherwise loads on first use (the device grant, DPoP checks), for a
 * provider left running for days: `npm install` or a rebuild replaces the build's files under it, and a
 * part first needed after that would no longer be found.
 */
export async function loadLazyParts(): Promise<void> {
  await Promise.all([import('./device.js'), import('./dpop.js')]);
}
