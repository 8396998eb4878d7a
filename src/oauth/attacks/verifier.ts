/** Lab: an intercepted code redeemed without the PKCE verifier. The provider refuses it (RFC 7636 §4.6). */
import { formBody, jsonOf } from '../exchange.js';
import { codeTokenParams } from '../grants/code.js';
import type { AttackHook } from './hook.js';

export const verifierLab: AttackHook = {
  name: 'verifier',
  steps: {
    replace: {
      'token-request': {
        id: 'token-request',
        async run(s, rec) {
          s.tokenParams = codeTokenParams(s);
          const stolen = await s.call(
            {
              method: 'POST',
              url: s.ep.token,
              headers: s.headers,
              body: formBody({ ...s.tokenParams, code_verifier: undefined }),
            },
            'ATTACK: the thief redeems the intercepted code without the verifier',
          );
          rec.exchanges.push(stolen);
          const err = jsonOf(stolen)?.['error'];
          const legit = await s.call(
            { method: 'POST', url: s.ep.token, headers: s.headers, body: formBody(s.tokenParams) },
            'the real app, a moment later, with the right verifier',
          );
          rec.exchanges.push(legit);
          rec.notes.push(
            `the thief got ${stolen.response.status} ${String(err)}; the code is now used up, so even the real app gets ${legit.response.status} ${String(jsonOf(legit)?.['error'])} and must start again — but the thief got nothing`,
          );
          s.outcome(
            'verifier',
            stolen.response.status === 400 && err === 'invalid_grant',
            `${stolen.response.status} ${String(err)}: ${String(jsonOf(stolen)?.['error_description'] ?? '')}`,
          );
          return rec;
        },
      },
    },
  },
};
