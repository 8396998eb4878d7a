/**
 * The provider's bounded stores, rate limiter, client registry, redirect-URI rules and users-file parser,
 * as pure functions on a fake clock (issue 12, items 1, 3, 4, 5).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClientRegistry } from '../../src/provider/clients.js';
import type { Client } from '../../src/provider/model.js';
import { RateLimiter } from '../../src/provider/rate-limit.js';
import { redirectUriMatches, registrationProblem } from '../../src/provider/redirect-uri.js';
import { TtlStore } from '../../src/provider/store.js';
import { parseUsers } from '../../src/provider/users-file.js';
import { webSegment, webUrl } from '../helpers/arbitraries.js';

describe('TtlStore', () => {
  it('forgets an entry when its life ends, and evicts the oldest at the cap', () => {
    let now = 1000;
    const s = new TtlStore<string, number>({ kind: 't', max: 3, now: () => now });
    expect(s.set('a', 1, 1010)).toBe(false);
    s.set('b', 2, 1100);
    s.set('c', 3, 1100);
    expect(s.set('d', 4, 1100)).toBe(true);
    expect(s.get('a')).toBeUndefined();
    expect(s.size).toBe(3);
    now = 1101;
    expect(s.size).toBe(0);
  });

  it('property: never holds more than its cap, whatever is inserted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 50 })), {
          maxLength: 200,
        }),
        (max, ops) => {
          let now = 0;
          const s = new TtlStore<string, number>({ kind: 't', max, now: () => now });
          for (const [k, ttl] of ops) {
            now++;
            s.set(k, ttl, now + ttl);
            expect(s.size).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });
});

describe('RateLimiter', () => {
  it('allows `limit` hits per window, says how long to wait, and starts afresh after the window', () => {
    let now = 0;
    const r = new RateLimiter({ kind: 'r', limit: 2, window: 60, now: () => now });
    expect(r.hit('a').ok).toBe(true);
    expect(r.hit('a').ok).toBe(true);
    now = 10;
    expect(r.hit('a')).toEqual({ ok: false, retryAfter: 50 });
    expect(r.hit('b').ok).toBe(true);
    now = 61;
    expect(r.hit('a').ok).toBe(true);
  });
});

describe('ClientRegistry', () => {
  const client = (id: string): Client => ({
    client_id: id,
    client_name: id,
    redirect_uris: [],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    scope: 'openid',
    client_id_issued_at: 0,
  });

  it('evicts the oldest never-used registration first, then the least recently used', () => {
    let now = 0;
    const reg = new ClientRegistry({ max: 2, unusedTtl: 100, idleTtl: 1000, now: () => now });
    reg.register({ client: client('used'), registered_at: 0 });
    reg.markUsed('used');
    reg.register({ client: client('spam'), registered_at: 0 });
    expect(reg.register({ client: client('new'), registered_at: 0 })).toBe('spam');
    reg.markUsed('new');
    now = 5;
    reg.markUsed('used');
    expect(reg.register({ client: client('newer'), registered_at: 5 })).toBe('new');
  });

  it('a never-used registration ends after unusedTtl, a used one idleTtl after its last use; fixed clients never', () => {
    let now = 0;
    const reg = new ClientRegistry({ max: 10, unusedTtl: 100, idleTtl: 1000, now: () => now });
    reg.addFixed(client('demo'));
    reg.register({ client: client('unused'), registered_at: 0 });
    reg.register({ client: client('used'), registered_at: 0 });
    now = 50;
    reg.markUsed('used');
    now = 101;
    expect(reg.get('unused')).toBeUndefined();
    expect(reg.get('used')).toBeDefined();
    now = 1051;
    expect(reg.size).toBe(0);
    expect(reg.get('demo')).toBeDefined();
  });
});

describe('redirect URIs', () => {
  it('property: a loopback IP redirect matches with any port, and a fragment or userinfo never matches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('127.0.0.1', '[::1]'),
        fc.integer({ min: 1, max: 65535 }),
        webSegment(),
        fc.string({ maxLength: 10 }),
        (host, port, path, extra) => {
          const registered = [`http://${host}/${path}`];
          expect(redirectUriMatches(registered, `http://${host}:${port}/${path}`)).toBe(true);
          expect(redirectUriMatches(registered, `http://${host}:${port}/${path}#${extra}`)).toBe(
            false,
          );
          expect(redirectUriMatches(registered, `http://u${extra}@${host}:${port}/${path}`)).toBe(
            false,
          );
          expect(redirectUriMatches(registered, `http://:${extra}@${host}:${port}/${path}`)).toBe(
            false,
          );
        },
      ),
    );
  });

  it('property: registrationProblem never throws, and accepts only absolute http(s) without fragment or userinfo', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), webUrl({ withFragments: true, withQueryParameters: true })),
        (uri) => {
          const problem = registrationProblem(uri);
          if (problem === undefined) {
            const u = new URL(uri);
            expect(['http:', 'https:']).toContain(u.protocol);
            expect(uri).not.toContain('#');
            expect(u.username + u.password).toBe('');
          }
        },
      ),
    );
  });
});

describe('users file', () => {
  it('reads users with defaults, and says what is wrong with a bad file', () => {
    expect(parseUsers({ users: [{ username: 'ada', password: 'x' }] })).toEqual({
      ok: true,
      users: [
        {
          username: 'ada',
          password: 'x',
          name: 'ada',
          email: 'ada@example.test',
          emailVerified: false,
          sub: 'user-ada',
        },
      ],
    });
    expect(parseUsers({ users: [{ username: 'ada', password: 1906 }] })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('users[0].password'),
    });
    expect(
      parseUsers({
        users: [
          { username: 'a', password: 'x' },
          { username: 'a', password: 'y' },
        ],
      }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('appears twice') });
    expect(parseUsers([])).toMatchObject({ ok: false });
  });

  it('gives only claims OIDC Core allows: an addr-spec email, a sub of at most 255 ASCII characters', () => {
    const one = (user: Record<string, unknown>) =>
      parseUsers({ users: [{ username: 'ada', password: 'x', ...user }] });
    // OIDC Core §5.1: email "MUST conform to the RFC 5322 addr-spec syntax".
    expect(one({ email: 'not an email' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/users\[0\]\.email must be a plain address like/),
    });
    expect(one({ email: 'ada@@example.test' })).toMatchObject({ ok: false });
    expect(one({ email: 'ada.lovelace+class@mail.example.test' })).toMatchObject({ ok: true });
    // OIDC Core §2: sub "MUST NOT exceed 255 ASCII characters in length".
    expect(one({ sub: 'x'.repeat(255) })).toMatchObject({ ok: true });
    expect(one({ sub: 'x'.repeat(256) })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/sub must be at most 255 printable ASCII/),
    });
    expect(one({ sub: 'ünïcødé' })).toMatchObject({ ok: false });
    // An address made up from a username is never a broken one, and never said to be verified.
    const made = (username: string) => {
      const r = parseUsers({ users: [{ username, password: 'x' }] });
      return r.ok ? r.users[0] : undefined;
    };
    expect(made('ada@home.example')).toMatchObject({
      email: 'ada@home.example',
      emailVerified: false,
    });
    expect(made('.ada')?.email).toBeUndefined();
    expect(made('a..b')?.email).toBeUndefined();
    expect(made('ada@')?.email).toBeUndefined();
    // email_verified is what the instructor says, for an address they gave.
    expect(one({ email: 'ada@example.test', email_verified: true })).toMatchObject({
      ok: true,
      users: [{ emailVerified: true }],
    });
    expect(one({ email_verified: true })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/email_verified is for an email you give/),
    });
    expect(one({ email_verified: 'yes' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/email_verified must be true or false/),
    });
  });

  it('property: any parsed YAML/JSON value gives users or a problem, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ users: fc.array(fc.jsonValue(), { maxLength: 4 }) })),
        (doc) => void parseUsers(doc),
      ),
    );
  });
});

describe('ClientRegistry and --state-dir', () => {
  it('asks for a save on the first use and then at most hourly, so a restart never drops a client still in use', () => {
    let now = 0;
    const reg = new ClientRegistry({
      max: 10,
      unusedTtl: 100,
      idleTtl: 1000 * 3600,
      now: () => now,
    });
    const c: Client = {
      client_id: 'app',
      client_name: 'app',
      redirect_uris: [],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      scope: 'openid',
      client_id_issued_at: 0,
    };
    reg.register({ client: c, registered_at: 0 });
    expect(reg.markUsed('app')).toBe(true);
    now = 60;
    expect(reg.markUsed('app')).toBe(false);
    now = 3600;
    expect(reg.markUsed('app')).toBe(true);
    expect(reg.registrations()[0]!.last_used_at).toBe(3600);
  });
});
