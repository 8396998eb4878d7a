/**
 * The refresh token grant (RFC 6749 §6), a flow of its own: the user signs
 * in once, then the client refreshes without them. This provider rotates
 * refresh tokens, and the reuse of a spent one revokes the active refresh token
 * (RFC 9700 §4.14.2; this provider revokes the grant's access tokens too), which
 * is what a thief holding an old refresh token meets.
 */
import { formBody, jsonOf, type Exchange } from '../exchange.js';
import type { StepModule } from '../engine/runner.js';
export { REFRESH_TITLES } from './titles.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import {
  authorizationRequest,
  callbackExchange,
  checkCallback,
  userAuthorizes,
} from './authorization.js';
import { codeTokenParams, tokenErrorHint } from './code.js';
import { discover, publicId, registerClient } from './register.js';

export type RefreshStepId = 'register' | 'sign-in' | 'refresh' | 'api' | 'reuse' | 'chain';

interface Chain {
  first: string;
  second: string;
  secondAccess: string;
}

const chains = new WeakMap<Session, Chain>();

function token(
  s: Session,
  params: Record<string, string | undefined>,
  note: string,
): Promise<Exchange> {
  return s.call(
    {
      method: 'POST',
      url: s.ep.token,
      headers: s.headers,
      body: formBody({ ...params, ...publicId(s) }),
    },
    note,
  );
}

async function register(s: Session, rec: StepRecord): Promise<StepRecord> {
  await discover(s, rec);
  await registerClient(s, rec, {
    clientName: 'oauth-tutor flow (refresh)',
    grantTypes: ['authorization_code', 'refresh_token'],
    publicClient: false,
    redirect: true,
  });
  return rec;
}

async function signIn(s: Session, rec: StepRecord): Promise<StepRecord> {
  if (!s.scope.split(' ').includes('offline_access')) s.scope = `${s.scope} offline_access`;
  authorizationRequest(s, rec);
  await checkCallback(s, await userAuthorizes(s, rec));
  rec.exchanges.push(callbackExchange(s, 'the redirect back, checked iss → state → error → code'));
  const checked = required(s.checked, 'the checked callback');
  if (!checked.ok) return s.fail(checked.message, checked.hint);
  s.code = checked.code;
  const e = await token(
    s,
    codeTokenParams(s),
    'the code exchanged at the token endpoint, as in the authorization-code flow',
  );
  rec.exchanges.push(e);
  const tokens = e.response.status === 200 ? s.tokenResponse(e) : undefined;
  if (tokens?.refresh_token === undefined) {
    const body = jsonOf(e) ?? {};
    return s.fail(
      `the token endpoint answered ${e.response.status} ${String(body['error'] ?? 'without a refresh token')}`,
      tokenErrorHint(String(body['error'] ?? ''), String(body['error_description'] ?? '')),
    );
  }
  s.tokens = tokens;
  const refresh = tokens.refresh_token;
  chains.set(s, { first: refresh, second: '', secondAccess: '' });
  rec.notes.push(
    `access token (expires_in ${String(tokens.expires_in)} s) and refresh token ${refresh}: the app may keep working while the user is away (with OpenID Connect, asking for offline_access is how an app asks for that: OIDC Core §11)`,
  );
  return rec;
}

async function refresh(s: Session, rec: StepRecord): Promise<StepRecord> {
  const chain = required(chains.get(s), 'the refresh token chain');
  const r = await token(
    s,
    { grant_type: 'refresh_token', refresh_token: chain.first },
    'refresh: grant_type=refresh_token, with the client authenticating as always (RFC 6749 §6)',
  );
  rec.exchanges.push(r);
  const tokens = r.response.status === 200 ? s.tokenResponse(r) : undefined;
  if (tokens?.refresh_token === undefined) {
    return s.fail(
      `the refresh answered ${r.response.status} ${String(jsonOf(r)?.['error'] ?? '')}`,
      'Run the flow again; if it persists, report it.',
    );
  }
  chain.second = tokens.refresh_token;
  chain.secondAccess = tokens.access_token;
  s.accessToken = chain.secondAccess;
  rec.notes.push(
    'no user was involved: the refresh token stands for the grant the user gave in step 2',
  );
  rec.notes.push(
    chain.second !== chain.first
      ? `a NEW refresh token ${chain.second} came back, and the one just used is now spent: refresh token rotation (RFC 9700 §4.14.2)`
      : 'the same refresh token came back: this provider does not rotate',
  );
  return rec;
}

async function api(s: Session, rec: StepRecord): Promise<StepRecord> {
  const call = await s.callApi('the API, with the refreshed access token');
  rec.exchanges.push(call);
  if (call.response.status !== 200)
    return s.fail(`the API answered ${call.response.status}`, 'Check the scope.');
  rec.notes.push('200: the refreshed token works like the first one');
  return rec;
}

async function reuse(s: Session, rec: StepRecord): Promise<StepRecord> {
  const chain = required(chains.get(s), 'the refresh token chain');
  const r = await token(
    s,
    { grant_type: 'refresh_token', refresh_token: chain.first },
    "ATTACK: the first refresh token, already spent, sent again — as a thief would who copied it together with the client's credentials (for a public client, the token alone would do)",
  );
  rec.exchanges.push(r);
  const body = jsonOf(r) ?? {};
  rec.notes.push(
    `${r.response.status} ${String(body['error'] ?? '')}: ${String(body['error_description'] ?? '')}`,
  );
  rec.notes.push(
    'the provider cannot tell whether the thief or the app sent it, so it treats the reuse as theft and revokes the active refresh token, as refresh token rotation does (RFC 9700 §4.14.2; for a public client, rotation or sender-constrained refresh tokens are a MUST, §2.2.2). This provider also revokes the access tokens of the grant',
  );
  return rec;
}

async function revokedChain(s: Session, rec: StepRecord): Promise<StepRecord> {
  const chain = required(chains.get(s), 'the refresh token chain');
  const r = await token(
    s,
    { grant_type: 'refresh_token', refresh_token: chain.second },
    'the app, with its newest refresh token',
  );
  const call = await s.call(
    {
      method: 'GET',
      url: s.ep.api,
      headers: { authorization: `Bearer ${chain.secondAccess}`, accept: 'application/json' },
    },
    'the API, with the newest access token',
  );
  rec.exchanges.push(r, call);
  const revoked = r.response.status === 400 && call.response.status === 401;
  rec.notes.push(
    `newest refresh token: ${r.response.status} ${String(jsonOf(r)?.['error'] ?? '')}; newest access token at the API: ${call.response.status}`,
  );
  rec.notes.push(
    revoked
      ? 'the user must sign in again: this provider revoked every token of the grant, so a thief holding any of them now holds nothing'
      : 'the chain was NOT revoked (!)',
  );
  s.t.ok = revoked;
  s.stopped = true;
  return rec;
}

export const REFRESH_STEPS: readonly StepModule<RefreshStepId>[] = [
  { id: 'register', run: register },
  { id: 'sign-in', run: signIn },
  { id: 'refresh', run: refresh },
  { id: 'api', run: api },
  { id: 'reuse', run: reuse },
  { id: 'chain', run: revokedChain },
];
