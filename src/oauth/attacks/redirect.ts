/** Lab: the redirect_uri swapped for the attacker's. The provider must show an error page, never redirect (RFC 6749 §4.1.2.1). */
import { authorizationRequest, truncate } from '../grants/authorization.js';
import type { AttackHook } from './hook.js';

export const redirectLab: AttackHook = {
  name: 'redirect',
  steps: {
    replace: {
      authorize: {
        id: 'authorize',
        async run(s, rec) {
          authorizationRequest(s, rec, { redirectUri: 'https://attacker.example/steal' });
          rec.notes.push('ATTACK: the redirect_uri was swapped for https://attacker.example/steal');
          rec.notes.push(`the user's browser goes to ${s.ep.authorize}`);
          const first = await s.call(
            { method: 'GET', url: s.authorizeUrl, headers: { accept: 'text/html' } },
            'the browser loads the authorization endpoint',
          );
          rec.exchanges.push(truncate(first));
          const location = first.response.headers['location'];
          const blocked = first.response.status === 400 && location === undefined;
          rec.notes.push(
            blocked
              ? 'the provider showed an error page and did NOT redirect: the code never left it'
              : 'the provider redirected to the attacker (!)',
          );
          s.outcome(
            'redirect',
            blocked,
            `HTTP ${first.response.status}, ${location ? `redirect to ${location}` : 'an error page and no redirect'}`,
          );
          return rec;
        },
      },
    },
  },
};
