/**
 * The authorization-code grant (RFC 6749 §4.1, with PKCE and OpenID Connect)
 * in seven step modules, in the order of the seven-steps lesson. Each fills
 * the record of its step and returns it; the labs replace or follow these
 * modules (../attacks/), so nothing here knows about attacks.
 */
import { checkTokens } from '../token-checks.js';
import { formBody, jsonOf } from '../exchange.js';
import { endpointsFrom } from '../engine/endpoints.js';
import type { StepModule } from '../engine/runner.js';
import { isJwkSet } from '../../jwt/jwk.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import {
  authorizationRequest,
  callbackExchange,
  checkCallback,
  userAuthorizes,
} from './authorization.js';
import { discover, publicId, registerClient, useClient } from './register.js';

export type CodeStepId =
  | 'register'
  | 'ask'
  | 'authorize'
  | 'callback'
  | 'token-request'
  | 'token-response'
  | 'api';

async function register(s: Session, rec: StepRecord): Promise<StepRecord> {
  const x = s.opts.external;
  if (x === undefined) {
    await discover(s, rec);
    await registerClient(s, rec, {
      clientName: 'oauth-tutor flow',
      grantTypes: ['authorization_code', 'refresh_token'],
      publicClient: s.publicClient,
      redirect: true,
    });
    rec.notes.push(
      `redirect URI ${s.redirectUri}: our own loopback server, waiting for the browser to come back (RFC 8252 §7.3)`,
    );
    return rec;
  }
  let meta: Record<string, unknown> = {};
  if (x.issuer !== undefined) {
    const base = x.issuer.replace(/\/+$/, '');
    let d = await s.call(
      {
        method: 'GET',
        url: `${base}/.well-known/openid-configuration`,
        headers: { accept: 'application/json' },
      },
      'OpenID Connect discovery',
    );
    if (d.response.status !== 200)
      d = await s.call(
        {
          method: 'GET',
          url: `${base}/.well-known/oauth-authorization-server`,
          headers: { accept: 'application/json' },
        },
        'OAuth 2.0 authorization server metadata (RFC 8414)',
      );
    rec.exchanges.push(d);
    if (d.response.status === 200) meta = jsonOf(d) ?? {};
    else if (x.authorizeUrl === undefined || x.tokenUrl === undefined)
      s.fail(
        `no discovery document at ${base} (HTTP ${d.response.status})`,
        'Pass --authorize-url, --token-url and --api-url instead.',
      );
  }
  s.ep = endpointsFrom(meta, x.issuer?.replace(/\/+$/, '') ?? '', x);
  s.t.issuer = s.ep.issuer;
  useClient(s, x.clientId, x.clientSecret);
  rec.notes.push(
    `you registered this app at the provider yourself (its developer console): client_id ${x.clientId}${x.clientSecret ? `, client_secret ${x.clientSecret}` : ' (no secret: a public client; PKCE keeps an intercepted code useless, though it does not authenticate the app)'}`,
  );
  rec.notes.push(
    `the redirect URI registered there must be ${s.redirectUri}${x.redirectPort === undefined ? ' (pass --redirect-port, or --redirect-uri, to fix the port)' : ''}`,
  );
  return rec;
}

async function ask(s: Session, rec: StepRecord): Promise<StepRecord> {
  const yes = s.opts.auto ? true : await s.io.askSignIn();
  rec.notes.push(
    yes
      ? 'the user chose to sign in with the provider'
      : 'the user said no: nothing was sent to the provider',
  );
  if (!yes) {
    s.t.declined = true;
    s.t.ok = true;
    s.stopped = true;
  }
  return rec;
}

async function authorize(s: Session, rec: StepRecord): Promise<StepRecord> {
  authorizationRequest(s, rec);
  await checkCallback(s, await userAuthorizes(s, rec));
  return rec;
}

async function callback(s: Session, rec: StepRecord): Promise<StepRecord> {
  rec.exchanges.push(
    callbackExchange(s, 'the redirect as our loopback server received it, and its answer'),
  );
  const checked = required(s.checked, 'the checked callback');
  rec.notes.push(...checked.notes);
  if (!checked.ok) return s.fail(checked.message, checked.hint);
  s.code = checked.code;
  // Recorded through the redactor like every credential: shortened, or whole with --show-secrets.
  s.secrets.secret(s.code);
  rec.notes.push(
    `authorization code ${s.code}: short-lived and single-use; on its own it gives no access`,
  );
  return rec;
}

/** The token request's parameters (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export function codeTokenParams(s: Session): Record<string, string | undefined> {
  return {
    grant_type: 'authorization_code',
    code: s.code,
    redirect_uri: s.redirectUri,
    code_verifier: s.usePkce ? s.verifier : undefined,
    ...publicId(s),
  };
}

async function tokenRequest(s: Session, rec: StepRecord): Promise<StepRecord> {
  s.tokenParams = codeTokenParams(s);
  if (s.clientSecret !== undefined)
    rec.notes.push(
      `Authorization: Basic …  decodes to "${s.clientId}:${s.clientSecret}" (client_id:client_secret, form-encoded, RFC 6749 §2.3.1)`,
    );
  if (s.usePkce) {
    rec.notes.push(`code_verifier ${s.verifier}`);
    rec.notes.push(
      `SHA-256(code_verifier) → base64url = ${s.params['code_challenge'] ?? '?'} = the code_challenge of step 3 ✓`,
    );
  }
  const e = await s.call(
    { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(s.tokenParams) },
    "the app's back end exchanges the code directly with the provider (a confidential client does this from its server, with its secret)",
  );
  rec.exchanges.push(e);
  if (e.response.status !== 200) {
    const body = jsonOf(e) ?? {};
    const error = String(body['error'] ?? '');
    const description = String(body['error_description'] ?? e.response.body.slice(0, 200));
    return s.fail(
      `the token endpoint answered ${e.response.status} ${error}: ${description}`,
      tokenErrorHint(error, description),
    );
  }
  s.tokens = s.tokenResponse(e);
  return rec;
}

/** Advice that fits the token endpoint's actual error (issue 13: an expired code says it expired, and why). */
export function tokenErrorHint(error: string, description: string): string {
  if (error === 'invalid_grant' && /expired/.test(description)) {
    return 'Authorization codes are short-lived on purpose: RFC 6749 §4.1.2 says a code "MUST expire shortly after it is issued to mitigate the risk of leaks". Run the flow again and go on to the token request sooner (with --step the built-in provider keeps codes for 10 minutes).';
  }
  if (error === 'invalid_grant')
    return 'The code was refused: it is single-use and bound to this client, redirect URI and PKCE verifier. Run the flow again.';
  if (error === 'invalid_client' || error === 'unauthorized_client')
    return 'Check the client credentials (--client-id, --client-secret) and the grants the client is registered for.';
  return 'Check the client credentials and the redirect URI.';
}

async function tokenResponse(s: Session, rec: StepRecord): Promise<StepRecord> {
  const tokens = required(s.tokens, 'the token response');
  rec.notes.push(
    `token_type ${tokens.token_type}, expires_in ${String(tokens.expires_in)} s, scope "${tokens.scope ?? s.scope}"${tokens.refresh_token ? ', plus a refresh token' : ''}`,
  );
  await fetchJwks(s, rec);
  rec.tokens = await checkTokens(tokens, {
    ...(s.jwks === undefined ? {} : { jwks: s.jwks }),
    issuer: s.ep.issuer,
    clientId: s.clientId,
    ...(s.params['nonce'] === undefined ? {} : { nonce: s.nonce }),
  });
  const idToken = rec.tokens.find((x) => x.kind === 'id_token');
  if (idToken !== undefined && !idToken.verified) {
    return s.fail(
      `the ID token failed a check: ${idToken.checks
        .filter((c) => !c.ok)
        .map((c) => `${c.name}: ${c.detail}`)
        .join('; ')}`,
      'A real client must reject it; do not sign the user in.',
    );
  }
  s.accessToken = tokens.access_token;
  const sub = idToken?.payload?.['sub'];
  if (idToken?.verified === true && typeof sub === 'string') s.idTokenSub = sub;
  return rec;
}

/** The provider's public keys, to verify the tokens' signatures. */
export async function fetchJwks(s: Session, rec: StepRecord): Promise<void> {
  if (s.ep.jwks === undefined || s.jwks !== undefined) return;
  const k = await s.call(
    { method: 'GET', url: s.ep.jwks, headers: { accept: 'application/json' } },
    "the provider's public keys, to verify the tokens' signatures",
  );
  rec.exchanges.push(k);
  const parsed = jsonOf(k);
  if (isJwkSet(parsed)) s.jwks = parsed;
}

async function api(s: Session, rec: StepRecord): Promise<StepRecord> {
  const apiCall = await s.callApi();
  rec.exchanges.push(apiCall);
  if (apiCall.response.status !== 200) {
    return s.fail(
      `the API answered ${apiCall.response.status}${apiCall.response.headers['www-authenticate'] ? ` (${apiCall.response.headers['www-authenticate']})` : ''}`,
      'Check the scope and the API URL.',
    );
  }
  if (s.ep.userinfo !== undefined && sameUrl(apiCall.request.url, s.ep.userinfo)) {
    const problem = userinfoProblem(
      apiCall.response.headers['content-type'],
      jsonOf(apiCall),
      s.idTokenSub,
    );
    if (problem !== undefined) return s.fail(problem.message, problem.hint);
    if (s.idTokenSub !== undefined)
      rec.notes.push(
        `UserInfo sub ${JSON.stringify(s.idTokenSub)} equals the ID token's sub ✓ (OIDC Core §5.3.2: it MUST, or the response's values MUST NOT be used)`,
      );
  }
  rec.notes.push("200: the app read the user's data, and never saw their password");
  return rec;
}

/** Why a UserInfo response may not be used here, if it may not (OIDC Core §5.3.2), and what to know. */
export function userinfoProblem(
  contentType: string | undefined,
  body: Record<string, unknown> | undefined,
  idTokenSub: string | undefined,
): { message: string; hint: string } | undefined {
  if (/^\s*application\/jwt\b/i.test(contentType ?? ''))
    return {
      message: 'the UserInfo response is a JWT (application/jwt), which this tutor does not verify',
      hint: 'OIDC Core §5.3.2 allows a signed or encrypted response when the client registered for one; a client must verify it before using its claims, so this flow does not use them. Register the app for plain JSON UserInfo to see the rest.',
    };
  if (body === undefined)
    return {
      message: 'the UserInfo response is not a JSON object',
      hint: 'OIDC Core §5.3.2: the claims "MUST be returned as the members of a JSON object" (unless the client registered for a signed or encrypted response).',
    };
  const sub = body['sub'];
  if (typeof sub !== 'string')
    return {
      message: 'the UserInfo response has no sub claim',
      hint: 'OIDC Core §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response."',
    };
  if (idTokenSub !== undefined && sub !== idTokenSub)
    return {
      message: `the UserInfo response is about sub ${JSON.stringify(sub)}, but the ID token is about sub ${JSON.stringify(idTokenSub)}`,
      hint: "OIDC Core §5.3.2: the UserInfo sub MUST exactly match the ID token's; if it does not, the response's values MUST NOT be used.",
    };
  return undefined;
}

/** The same URL, whatever its query (the API call is the endpoint's own URL). */
function sameUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

export const CODE_STEPS: readonly StepModule<CodeStepId>[] = [
  { id: 'register', run: register },
  { id: 'ask', run: ask },
  { id: 'authorize', run: authorize },
  { id: 'callback', run: callback },
  { id: 'token-request', run: tokenRequest },
  { id: 'token-response', run: tokenResponse },
  { id: 'api', run: api },
];
