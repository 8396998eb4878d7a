/** Lab: a public client without PKCE. The provider refuses the authorization request (RFC 9700 §2.1.1). */
import {
  authorizationRequest,
  callbackExchange,
  checkCallback,
  userAuthorizes,
} from '../grants/authorization.js';
import { required } from '../engine/session.js';
import type { AttackHook } from './hook.js';

export const noPkceLab: AttackHook = {
  name: 'no-pkce',
  publicClient: true,
  pkce: false,
  steps: {
    replace: {
      authorize: {
        id: 'authorize',
        async run(s, rec) {
          authorizationRequest(s, rec);
          rec.notes.push('ATTACK: a public client sends no code_challenge');
          await checkCallback(s, await userAuthorizes(s, rec));
          return rec;
        },
      },
      callback: {
        id: 'callback',
        async run(s, rec) {
          rec.exchanges.push(
            callbackExchange(s, 'the redirect as our loopback server received it, and its answer'),
          );
          const checked = required(s.checked, 'the checked callback');
          rec.notes.push(...checked.notes);
          if (checked.ok) {
            s.outcome(
              'no-pkce',
              false,
              'the provider issued a code to a public client without PKCE',
            );
          } else if (checked.failed === 'error') {
            s.outcome(
              'no-pkce',
              checked.error === 'invalid_request',
              `error=${checked.error}: ${checked.errorDescription ?? ''}`,
            );
          } else {
            return s.fail(checked.message, checked.hint);
          }
          return rec;
        },
      },
    },
  },
};
