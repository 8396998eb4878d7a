/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client asks
 * for a token for itself, authenticating with its own credentials. No user,
 * no browser, no consent: the client acts on its own behalf.
 */
import { formBody, jsonOf } from '../exchange.js';
import { checkTokens } from '../token-checks.js';
import type { StepModule } from '../engine/runner.js';
export { CLIENT_CREDENTIALS_TITLES } from './titles.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import { fetchJwks, tokenErrorHint } from './code.js';
import { discover, registerClient } from './register.js';

export type ClientCredentialsStepId = 'register' | 'token-request' | 'token-response' | 'api';

const SCOPE = 'notes.read';

async function register(s: Session, rec: StepRecord): Promise<StepRecord> {
  await discover(s, rec);
  await registerClient(s, rec, {
    clientName: 'oauth-tutor service (client credentials)',
    grantTypes: ['client_credentials'],
    publicClient: false,
    redirect: false,
    scope: SCOPE,
  });
  rec.notes.push('no redirect URI: this grant never involves a browser or a user (RFC 6749 §4.4)');
  return rec;
}

async function tokenRequest(s: Session, rec: StepRecord): Promise<StepRecord> {
  s.tokenParams = { grant_type: 'client_credentials', scope: SCOPE };
  // RFC 6749 §4.4.2: "The client MUST authenticate with the authorization server as described in Section 3.2.1."
  rec.notes.push(
    `Authorization: Basic …  decodes to "${s.clientId}:${s.clientSecret ?? ''}": the client's own credentials are the grant (RFC 6749 §4.4.2, §2.3.1)`,
  );
  rec.notes.push(
    'no consent screen: there is no user whose data is at stake, only resources the client itself is allowed to use (RFC 6749 §4.4)',
  );
  const e = await s.call(
    { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(s.tokenParams) },
    'the service asks for a token for itself (grant_type=client_credentials)',
  );
  rec.exchanges.push(e);
  if (e.response.status !== 200) {
    const body = jsonOf(e) ?? {};
    return s.fail(
      `the token endpoint answered ${e.response.status} ${String(body['error'] ?? '')}: ${String(body['error_description'] ?? '')}`,
      tokenErrorHint(String(body['error'] ?? ''), String(body['error_description'] ?? '')),
    );
  }
  s.tokens = s.tokenResponse(e);
  return rec;
}

async function tokenResponse(s: Session, rec: StepRecord): Promise<StepRecord> {
  const tokens = required(s.tokens, 'the token response');
  s.accessToken = tokens.access_token;
  rec.notes.push(
    `token_type ${tokens.token_type}, expires_in ${String(tokens.expires_in)} s, scope "${tokens.scope ?? SCOPE}"`,
  );
  rec.notes.push(
    tokens.refresh_token === undefined
      ? 'no refresh token: the client can simply ask again with its credentials (RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included")'
      : 'a refresh token came too, although RFC 6749 §4.4.3 says it SHOULD NOT be included',
  );
  await fetchJwks(s, rec);
  rec.tokens = await checkTokens(tokens, {
    ...(s.jwks === undefined ? {} : { jwks: s.jwks }),
    issuer: s.ep.issuer,
    clientId: s.clientId,
  });
  const sub = rec.tokens[0]?.payload?.['sub'];
  rec.notes.push(
    sub === s.clientId
      ? `decoded here only to teach: a real client MUST NOT inspect an access token's content (RFC 9068 §6). sub is ${String(sub)}, the client itself: no user is behind this token`
      : `decoded here only to teach: a real client MUST NOT inspect an access token's content (RFC 9068 §6). sub is ${String(sub)}`,
  );
  return rec;
}

async function api(s: Session, rec: StepRecord): Promise<StepRecord> {
  const call = await s.callApi();
  rec.exchanges.push(call);
  if (call.response.status !== 200)
    return s.fail(
      `the API answered ${call.response.status} (${call.response.headers['www-authenticate'] ?? ''})`,
      'Check the scope the client registered.',
    );
  rec.notes.push(
    `200: the API accepted a token with scope ${SCOPE}; it answers for the subject ${s.clientId}, which has no notes of its own — no user's data was involved`,
  );
  return rec;
}

export const CLIENT_CREDENTIALS_STEPS: readonly StepModule<ClientCredentialsStepId>[] = [
  { id: 'register', run: register },
  { id: 'token-request', run: tokenRequest },
  { id: 'token-response', run: tokenResponse },
  { id: 'api', run: api },
];
