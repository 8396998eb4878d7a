/** Lab: the authorization code sent a second time. Refused, and what it issued is revoked (RFC 6749 §4.1.2, §10.5). */
import { formBody, jsonOf } from '../exchange.js';
import type { AttackHook } from './hook.js';

export const replayLab: AttackHook = {
  name: 'replay',
  steps: {
    after: {
      api: [
        async (s) => {
          const x = s.extra('Attack: replay the authorization code');
          const replay = await s.call(
            { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(s.tokenParams) },
            'ATTACK: the same code, sent again',
          );
          const again = await s.call(
            { method: 'GET', url: s.ep.api, headers: { authorization: `Bearer ${s.accessToken}` } },
            'the first access token, after the replay',
          );
          x.notes.push(
            `replay answered ${replay.response.status} ${String(jsonOf(replay)?.['error'])}`,
            `the access token issued from that code now gets ${again.response.status}: the provider took the replay as a sign the code leaked and revoked what it had issued from it (RFC 6749 §4.1.2, §10.5)`,
            'a copier holding only the code could not have redeemed it anyway: this app is confidential and uses PKCE, so the token endpoint also wants its client secret (RFC 6749 §4.1.3) and the code_verifier (RFC 7636 §4.6)',
          );
          x.exchanges.push(replay, again);
          s.pushExtra(x);
          s.outcome(
            'replay',
            replay.response.status === 400 && again.response.status === 401,
            `${replay.response.status} ${String(jsonOf(replay)?.['error'])}; earlier token now ${again.response.status}`,
          );
        },
      ],
    },
  },
};
