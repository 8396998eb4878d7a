/**
 * Lab: DPoP (RFC 9449). The client proves possession of a key at the token
 * endpoint, so its access token is bound to that key (cnf.jkt); every API
 * call carries a fresh proof. A thief who steals the token — even a whole
 * request — cannot use it; a Bearer token stolen the same way works.
 */
import { createDpopKey, decodeProof, dpopProof, type DpopKey } from '../dpop.js';
import { formBody, jsonOf, type Exchange } from '../exchange.js';
import { required, type Session } from '../engine/session.js';
import type { StepRecord } from '../engine/types.js';
import { codeTokenParams, tokenErrorHint } from '../grants/code.js';
import { publicId } from '../grants/register.js';
import type { AttackHook } from './hook.js';

const keys = new WeakMap<Session, DpopKey>();
/** The thief's copy of the last API request (its proof), for the replay. */
const stolen = new WeakMap<Session, { proof: string }>();

function explainProof(rec: { notes: string[] }, proof: string, what: string): void {
  const { header, claims } = decodeProof(proof);
  rec.notes.push(
    `DPoP proof (${what}): header ${JSON.stringify({ typ: header['typ'], alg: header['alg'], jwk: header['jwk'] })}`,
  );
  rec.notes.push(
    `  claims ${JSON.stringify(claims)} — jti once only, htm and htu this request, iat now${claims['ath'] === undefined ? '' : ', ath the base64url-encoded SHA-256 hash of the access token'} (RFC 9449 §4.2)`,
  );
}

const now = (s: Session) => Math.floor((s.opts.now?.() ?? new Date()).getTime() / 1000);

async function apiCall(
  s: Session,
  token: string,
  scheme: 'DPoP' | 'Bearer',
  proof: string | undefined,
  note: string,
): Promise<Exchange> {
  return s.call(
    {
      method: 'GET',
      url: s.ep.api,
      headers: {
        authorization: `${scheme} ${token}`,
        accept: 'application/json',
        ...(proof === undefined ? {} : { dpop: proof }),
      },
    },
    note,
  );
}

export const dpopReplayLab: AttackHook = {
  name: 'dpop-replay',
  steps: {
    replace: {
      'token-request': {
        id: 'token-request',
        async run(s, rec: StepRecord) {
          const key = await createDpopKey();
          keys.set(s, key);
          s.tokenParams = codeTokenParams(s);
          const proof = await dpopProof(key, 'POST', s.ep.token, { iat: now(s) });
          rec.notes.push(
            `the client made a key pair of its own (ES256); its public key's thumbprint is ${key.jkt} (RFC 7638)`,
          );
          explainProof(rec, proof, 'for the token request');
          const e = await s.call(
            {
              method: 'POST',
              url: s.ep.token,
              headers: { ...s.headers, dpop: proof },
              body: formBody(s.tokenParams),
            },
            'the code exchanged with a DPoP proof: the access token will be bound to the key (RFC 9449 §5)',
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
          rec.notes.push(
            `token_type ${s.tokens.token_type}: the access token carries cnf.jkt = ${key.jkt} (RFC 9449 §6.1)`,
          );
          return rec;
        },
      },
      api: {
        id: 'api',
        async run(s, rec) {
          const key = required(keys.get(s), "the client's DPoP key");
          const proof = await dpopProof(key, 'GET', s.ep.api, {
            accessToken: s.accessToken,
            iat: now(s),
          });
          explainProof(rec, proof, 'for this API call');
          const call = await apiCall(
            s,
            s.accessToken,
            'DPoP',
            proof,
            'the API call: Authorization: DPoP <token>, and a fresh proof in the DPoP header (RFC 9449 §7.1)',
          );
          rec.exchanges.push(call);
          if (call.response.status !== 200)
            return s.fail(
              `the API answered ${call.response.status} (${call.response.headers['www-authenticate'] ?? ''})`,
              'Run the lab again; if it persists, report it.',
            );
          rec.notes.push(
            "200: the API checked the proof (typ, alg, signature, htm, htu, iat, jti) and that its key is the token's and its ath this token's",
          );
          // The thief's copy of this whole request, for the replay below.
          stolen.set(s, { proof });
          return rec;
        },
      },
    },
    after: {
      api: [
        async (s) => {
          const key = required(keys.get(s), "the client's DPoP key");
          const captured = required(stolen.get(s), 'the captured API request');
          const x = s.extra('Attack: steal the DPoP-bound token and replay it');
          const attempts: [string, Exchange][] = [];
          const attempt = async (label: string, e: Promise<Exchange>) => {
            const done = await e;
            attempts.push([label, done]);
            x.exchanges.push(done);
          };
          x.notes.push(
            'ATTACK: the thief copied the access token (from a log, a proxy, a leaky front end), and even the whole last request with its DPoP header',
          );
          await attempt(
            'as a Bearer token',
            apiCall(
              s,
              s.accessToken,
              'Bearer',
              undefined,
              'ATTACK: the stolen token, sent as a Bearer token',
            ),
          );
          await attempt(
            'the captured request replayed (same proof)',
            apiCall(
              s,
              s.accessToken,
              'DPoP',
              captured.proof,
              'ATTACK: the captured request, replayed as it was',
            ),
          );
          const thief = await createDpopKey();
          await attempt(
            "with a proof signed by the thief's own key",
            apiCall(
              s,
              s.accessToken,
              'DPoP',
              await dpopProof(thief, 'GET', s.ep.api, { accessToken: s.accessToken, iat: now(s) }),
              "ATTACK: a fresh proof, signed with the thief's own key",
            ),
          );
          // The API's other checks, with the client's own key: a proof made for another request, or another token.
          await attempt(
            'a proof made for another URI (htu)',
            apiCall(
              s,
              s.accessToken,
              'DPoP',
              await dpopProof(key, 'GET', s.ep.token, { accessToken: s.accessToken, iat: now(s) }),
              'a proof made for another URI (wrong htu)',
            ),
          );
          await attempt(
            'a proof made for another token (ath)',
            apiCall(
              s,
              s.accessToken,
              'DPoP',
              await dpopProof(key, 'GET', s.ep.api, {
                accessToken: `${s.accessToken}x`,
                iat: now(s),
              }),
              'a proof made for another access token (wrong ath)',
            ),
          );
          for (const [label, e] of attempts)
            x.notes.push(
              `${label}: ${e.response.status} — ${e.response.headers['www-authenticate'] ?? ''}`,
            );
          const rejected = attempts.every(([, e]) => e.response.status === 401);
          // For comparison: the same app asks for a plain Bearer token (a refresh without a proof), and it is stolen too.
          let bearer = 'not tried';
          const refresh = s.tokens?.refresh_token;
          if (refresh !== undefined) {
            const r = await s.call(
              {
                method: 'POST',
                url: s.ep.token,
                headers: s.headers,
                body: formBody({
                  grant_type: 'refresh_token',
                  refresh_token: refresh,
                  ...publicId(s),
                }),
              },
              'for comparison: the app refreshes WITHOUT a DPoP proof, and gets a plain Bearer token',
            );
            const plain = jsonOf(r)?.['access_token'];
            x.exchanges.push(r);
            if (typeof plain === 'string') {
              const replay = await apiCall(
                s,
                plain,
                'Bearer',
                undefined,
                'ATTACK: the thief replays that stolen Bearer token',
              );
              x.exchanges.push(replay);
              bearer = `${replay.response.status}`;
              x.notes.push(
                `for comparison, a stolen Bearer token: ${replay.response.status} — it works for whoever holds it`,
              );
            }
          }
          s.pushExtra(x);
          s.outcome(
            'dpop-replay',
            rejected && bearer === '200',
            `${attempts.map(([label, e]) => `${label}: ${e.response.status}`).join('; ')}; a stolen Bearer token: ${bearer}`,
          );
        },
      ],
    },
  },
};
