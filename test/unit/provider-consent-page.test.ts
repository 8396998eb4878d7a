/**
 * consentPageBytes (src/provider/consent-page.ts) keeps the consent page's text, made once per client,
 * scope and user list, and puts each request's rid and csrf into it. These pin it to the page it stands
 * for: the same bytes as consentPage's text for any values, scopes and user lists, also after a client's
 * name changed or the user list did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentPage, consentPageBytes } from '../../src/provider/consent-page.js';
import { DEMO_USERS, SCOPES, type Client, type User } from '../../src/provider/model.js';
import { binaryString } from '../helpers/arbitraries.js';

const client = (name: string): Client => ({
  client_id: 'oauth-tutor-demo',
  client_name: name,
  redirect_uris: ['http://127.0.0.1/callback'],
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code'],
  scope: Object.keys(SCOPES).join(' '),
  client_id_issued_at: 0,
});

describe('consentPageBytes', () => {
  it('property: the same bytes as the consent page made afresh, for any rid, csrf and scope', () => {
    const app = client('oauth-tutor demo app');
    const noUsers: readonly User[] = [];
    fc.assert(
      fc.property(
        binaryString(),
        binaryString(),
        fc.subarray(Object.keys(SCOPES)),
        fc.boolean(),
        fc.constantFrom(undefined, 24, 8),
        (rid, csrf, scopes, showUsers, sessionHours) => {
          const a = { client: app, scope: scopes.join(' '), rid, csrf, sessionHours };
          const users = showUsers ? DEMO_USERS : noUsers;
          expect(consentPageBytes({ ...a, users }).toString('utf8')).toBe(
            consentPage({ ...a, users }),
          );
        },
      ),
    );
  });

  it("follows a change of the client's name and of the user list", () => {
    const app = client('first name');
    const a = { client: app, scope: 'openid notes.read', rid: 'r1', csrf: 'c1' };
    expect(consentPageBytes({ ...a, users: DEMO_USERS }).toString()).toContain('first name');
    app.client_name = 'second <name>';
    expect(consentPageBytes({ ...a, users: DEMO_USERS }).toString()).toBe(
      consentPage({ ...a, users: DEMO_USERS }),
    );
    const others: User[] = [
      {
        sub: 'user-zed',
        username: 'zed',
        password: 'pw-zed',
        name: 'Zed',
        emailVerified: false,
        email: 'zed@example.test',
      },
    ];
    const page = consentPageBytes({ ...a, users: others }).toString();
    expect(page).toContain('zed');
    expect(page).toBe(consentPage({ ...a, users: others }));
  });
});

describe('what the pages promise', () => {
  const publicApp: Client = {
    ...client('a single-page app'),
    client_id: 'spa',
    token_endpoint_auth_method: 'none',
  };
  const base = { scope: 'openid', rid: 'r', csrf: 'c', users: [] as readonly User[] };

  it('a public client is never promised that approving is remembered (RFC 8252 §8.6); a confidential one is', () => {
    const signedIn = DEMO_USERS[0];
    for (const a of [
      { ...base, client: publicApp, sessionHours: 8 },
      { ...base, client: publicApp, signedIn },
    ]) {
      const html = consentPage(a);
      expect(html).not.toMatch(/remembered: an app you approved|Approving is remembered too/);
      expect(html).toContain('no secret to prove who it is');
    }
    const confidential = consentPage({ ...base, client: client('app'), sessionHours: 8 });
    expect(confidential).toContain('what you approve is remembered');
  });

  it('Deny is styled as a filled button like Approve, not a plain one (RFC 10027 §6.1.14: similar prominence)', () => {
    const html = consentPage({ ...base, client: client('app') });
    expect(html).toMatch(/button\[value=deny\]\{background:#[0-9a-f]{6};color:#fff/);
    expect(html).toMatch(/button\[value=approve\]\{background:#[0-9a-f]{6};color:#fff/);
  });
});
