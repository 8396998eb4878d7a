/**
 * Lab: a forged callback (CSRF, RFC 6749 §10.12, RFC 9700 §4.7.1). The
 * attacker (bob) signs in with the same app, stops before his browser
 * follows the redirect, and makes the victim's browser load his callback.
 * This client refuses it on state; the extras show the same callback against
 * the same app with no state, PKCE or nonce (it succeeds), and with PKCE alone
 * (it is stopped at the token endpoint).
 */
import { checkAuthorizationResponse } from '../authorization-response.js';
import type { CallbackReply } from '../callback-server.js';
import { playConsent } from '../consent-bot.js';
import { formBody, jsonOf, type Exchange } from '../exchange.js';
import { createVerifier, s256 } from '../pkce.js';
import { required, type Session } from '../engine/session.js';
import {
  authorizationRequest,
  callbackExchange,
  checkCallback,
  followRedirect,
  truncate,
} from '../grants/authorization.js';
import { publicId } from '../grants/register.js';
import type { AttackHook } from './hook.js';

const ATTACKER = 'bob';

/** The attacker's own sign-in with this app (his state, and for a PKCE client his own code_challenge): the callback URL he keeps. */
async function attackerCallback(
  s: Session,
  o: { pkce: boolean; state?: string; scope: string },
): Promise<string> {
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: s.redirectUri,
    scope: o.scope,
  };
  if (o.state !== undefined) params['state'] = o.state;
  if (o.pkce)
    Object.assign(params, {
      code_challenge: s256(createVerifier()),
      code_challenge_method: 'S256',
    });
  const account = s.account(ATTACKER);
  return (
    await playConsent(`${s.ep.authorize}?${new URLSearchParams(params)}`, {
      username: ATTACKER,
      password: account?.password ?? '',
    })
  ).location;
}

/** The same forged callback against this app with its defences switched off: none at all, or PKCE alone. */
async function csrfWithout(
  s: Session,
  { pkce }: { pkce: boolean },
): Promise<{ stopped: boolean; evidence: string }> {
  const x = s.extra(
    pkce
      ? 'The same forged callback, against a client with PKCE alone (no state, no nonce)'
      : 'The same forged callback, against a client with no state, no PKCE and no nonce',
  );
  const victimVerifier = createVerifier();
  s.secrets.secret(victimVerifier);
  x.notes.push(
    pkce
      ? `the victim starts signing in: the app keeps her code_verifier in her session and sends only its challenge ${s256(victimVerifier)}; it sends no state and asks for no ID token`
      : 'the victim is on the app; it sends no state, no code_challenge and no nonce, so nothing ties a callback to the browser that started a sign-in',
  );
  const forged = await attackerCallback(s, { pkce, scope: 'profile notes.read' });
  x.notes.push(
    `ATTACK: bob signs in with this app${pkce ? ' (his own code_challenge)' : ''}, stops before his browser follows the redirect, and makes the victim's browser load his callback URL`,
  );
  const got = await followRedirect(s, forged);
  // The victim's browser gets its page once the client has answered (below).
  const delivered = s.browserDone;
  const checked = checkAuthorizationResponse(new URL(got.url).searchParams, {
    issuer: s.ep.issuer,
    issParameterSupported: s.ep.issParameter,
    state: undefined,
  });
  x.notes.push(...checked.notes);
  const record = (answer: CallbackReply, ...later: Exchange[]) => {
    s.received = got;
    s.answer = answer;
    x.exchanges.push(callbackExchange(s, "the forged callback, carrying bob's code"), ...later);
  };
  if (!checked.ok) {
    record(got.reply({ ok: false, reason: checked.message }));
    await delivered;
    s.pushExtra(x);
    return { stopped: true, evidence: checked.message };
  }
  const body = {
    grant_type: 'authorization_code',
    code: checked.code,
    redirect_uri: s.redirectUri,
    code_verifier: pkce ? victimVerifier : undefined,
    ...publicId(s),
  };
  const exchanged = await s.call(
    { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(body) },
    pkce
      ? "the app redeems bob's code with the victim's code_verifier (the one in her session)"
      : "the app redeems bob's code",
  );
  const tokens = jsonOf(exchanged) ?? {};
  let result: { stopped: boolean; evidence: string };
  if (exchanged.response.status === 200 && typeof tokens['access_token'] === 'string') {
    const api = await s.call(
      {
        method: 'GET',
        url: s.ep.api,
        headers: { authorization: `Bearer ${tokens['access_token']}`, accept: 'application/json' },
      },
      'the app, now "signed in", reads the account it is connected to',
    );
    const sub = String(jsonOf(api)?.['sub'] ?? '?');
    record(got.reply({ ok: true, message: 'Signed in. Welcome back!' }), exchanged, api);
    x.notes.push(
      `CSRF SUCCEEDED: the token endpoint answered ${exchanged.response.status}, and the victim's session at the app is now bound to bob's account (${sub}): whatever she saves there, bob can read`,
    );
    result = { stopped: false, evidence: `the victim's session was bound to ${sub}` };
  } else {
    const error = `${exchanged.response.status} ${String(tokens['error'] ?? '')}: ${String(tokens['error_description'] ?? '')}`;
    record(
      got.reply({
        ok: false,
        reason: 'The sign-in could not be completed: the provider refused the code.',
      }),
      exchanged,
    );
    x.notes.push(
      `stopped by PKCE: the token endpoint answered ${error} — bob's code is bound to bob's code_challenge, and the app can only send the victim's verifier (RFC 7636 §4.6). No state was needed; that is why RFC 9700 §2.1 lets a client that has ensured the provider supports PKCE rely on it for CSRF protection`,
    );
    result = { stopped: true, evidence: error };
  }
  await delivered;
  s.pushExtra(x);
  return result;
}

export const stateLab: AttackHook = {
  name: 'state',
  // The weak clients of the extras send no PKCE, which a provider requiring PKCE of every client must allow.
  provider: { allowNoPkce: true },
  steps: {
    replace: {
      authorize: {
        id: 'authorize',
        async run(s, rec) {
          authorizationRequest(s, rec);
          rec.notes.push(`the victim's browser goes to ${s.ep.authorize} to sign in`);
          const first = await s.call(
            { method: 'GET', url: s.authorizeUrl, headers: { accept: 'text/html' } },
            "the victim's browser loads the authorization endpoint",
          );
          rec.exchanges.push(truncate(first));
          // Before she signs in, a page the attacker controls makes her browser load a callback URL he prepared.
          const forged = await attackerCallback(s, {
            pkce: true,
            state: 'attacker-chosen-state',
            scope: 'openid profile',
          });
          rec.notes.push(
            `ATTACK: before she signs in, a page the attacker controls makes her browser load ${s.redirectUri}?code=<bob's code>&state=<bob's state>&iss=…`,
          );
          await checkCallback(s, await followRedirect(s, forged));
          return rec;
        },
      },
      callback: {
        id: 'callback',
        async run(s, rec) {
          const checked = required(s.checked, 'the checked callback');
          const answer = required(s.answer, "the callback's answer to the browser");
          rec.exchanges.push(
            callbackExchange(
              s,
              "ATTACK: the forged callback, carrying bob's code, and the client's answer to the browser",
            ),
          );
          rec.notes.push(...checked.notes);
          const refused = !checked.ok && checked.failed === 'state';
          rec.notes.push(
            refused
              ? `the client refused it (HTTP ${answer.status} to the browser) and never sent bob's code anywhere`
              : 'the client accepted a forged callback (!)',
          );
          return rec;
        },
      },
    },
    after: {
      callback: [
        async (s) => {
          const checked = required(s.checked, 'the checked callback');
          const refused = !checked.ok && checked.failed === 'state';
          const status = required(s.answer, "the callback's answer to the browser").status;
          const forgedState = new URL(
            required(s.received, 'the received callback').url,
          ).searchParams.get('state');
          const none = await csrfWithout(s, { pkce: false });
          const pkceOnly = await csrfWithout(s, { pkce: true });
          s.outcome(
            'state',
            refused && pkceOnly.stopped,
            `state mismatch: expected ${s.state}, got ${forgedState} (HTTP ${status} to the browser); with PKCE alone: ${pkceOnly.evidence}; with no state, PKCE or nonce: ${none.evidence}`,
          );
        },
      ],
    },
  },
};
