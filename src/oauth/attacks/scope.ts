/** Lab: a token granted "openid profile" used on an API that needs notes.read. The API answers 403 insufficient_scope (RFC 6750 §3.1). */
import type { AttackHook } from './hook.js';

export const scopeLab: AttackHook = {
  name: 'scope',
  scope: 'openid profile',
  steps: {
    replace: {
      api: {
        id: 'api',
        async run(s, rec) {
          const apiCall = await s.callApi();
          rec.exchanges.push(apiCall);
          const challenge = apiCall.response.headers['www-authenticate'] ?? '';
          rec.notes.push(
            `the token only carries "${s.scope}"; the API answered ${apiCall.response.status}: ${challenge}`,
          );
          s.outcome(
            'scope',
            apiCall.response.status === 403,
            `${apiCall.response.status} ${challenge}`,
          );
          return rec;
        },
      },
    },
  },
};
