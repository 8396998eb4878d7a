import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSecretKey } from 'node:crypto';
import { decodeJwt } from '../../src/jwt/decode.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { explainClaims, relativeTime, tokenWarnings } from '../../src/jwt/claims.js';
import { DEMO_IDS } from '../../src/jwt/demos/index.js';
import { demoRun } from '../helpers/demo-runs.js';
import { weakSecretWarning } from '../../src/jwt/keys.js';

// RFC 7515 Appendix A.1: a JWS using HMAC SHA-256.
const A1 = {
  token:
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
};
const a1Key = createSecretKey(Buffer.from(A1.k, 'base64url'));
// Frozen clock: just before the example's "exp" (2011-03-22T18:43:00Z).
const beforeExp = new Date((1300819380 - 60) * 1000);

describe('RFC 7515 A.1 (HS256)', () => {
  it('decodes to the documented header and payload', () => {
    const d = decodeJwt(A1.token);
    expect(d.problems).toEqual([]);
    expect(d.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(d.payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
  });

  it('verifies with its key', async () => {
    expect(
      await verifyJwt(A1.token, { key: a1Key, algorithms: ['HS256'], now: beforeExp }),
    ).toMatchObject({ valid: true, payload: { iss: 'joe' } });
  });

  it('is expired after its "exp", and says when', async () => {
    const r = await verifyJwt(A1.token, {
      key: a1Key,
      algorithms: ['HS256'],
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(r).toMatchObject({
      valid: false,
      code: 'expired',
      reason: expect.stringMatching(/^expired at 2011-03-22 18:43:00 UTC/),
    });
  });

  // Base64url is malleable in a segment's last character: its unused low bits can change without
  // changing the bytes. So the property is about the bytes: change them, and verification fails.
  const bytesOf = (token: string) =>
    token
      .split('.')
      .map((seg) => Buffer.from(seg, 'base64url').toString('hex'))
      .join('.');

  it('fails whenever an edit changes the bytes of any segment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        async (at, ch) => {
          const i = at % A1.token.length;
          fc.pre(A1.token[i] !== '.' && A1.token[i] !== ch);
          const tampered = A1.token.slice(0, i) + ch + A1.token.slice(i + 1);
          fc.pre(bytesOf(tampered) !== bytesOf(A1.token));
          const r = await verifyJwt(tampered, {
            key: a1Key,
            algorithms: ['HS256'],
            now: beforeExp,
          });
          expect(r.valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an edit of the last character that keeps the bytes still verifies (base64url malleability, not a forgery)', async () => {
    const last = A1.token.at(-1)!; // "k": 100100, of which the low 2 bits are unused
    const twin = A1.token.slice(0, -1) + 'l';
    expect(last).toBe('k');
    expect(bytesOf(twin)).toBe(bytesOf(A1.token));
    expect(
      (await verifyJwt(twin, { key: a1Key, algorithms: ['HS256'], now: beforeExp })).valid,
    ).toBe(true);
  });
});

describe('decodeJwt', () => {
  it('cleans what people paste along, and says so', () => {
    const d = decodeJwt(`  Bearer ${A1.token.slice(0, 50)}\n${A1.token.slice(50)}  `);
    expect(d.problems).toEqual([]);
    expect(d.cleaned).toEqual([
      'surrounding whitespace',
      'a "Bearer " prefix',
      'line breaks or spaces inside the token',
    ]);
  });

  it.each([
    ['abc', 'token', /has 1$/],
    ['a.b.c.d', 'token', /this has 4/],
    ['eyJhbGciOiJIUzI1NiJ9.e+yJ.sig', 'payload', /plain base64/],
    [`${Buffer.from('{"alg":').toString('base64url')}.e30.sig`, 'header', /not valid JSON/],
    [`${Buffer.from('[1]').toString('base64url')}.e30.sig`, 'header', /JSON but not an object/],
    // Issue 15: the character is named whole, not half of it (a UTF-16 surrogate), at its place in characters.
    ['ab😀c.e30.sig', 'header', /^not base64url: unexpected "😀" at character 3$/],
  ])('points at the broken part of %j', (input, part, message) => {
    const d = decodeJwt(input);
    expect(d.problems.find((p) => p.part === part)?.message).toMatch(message);
  });

  it('shows only the header of an encrypted token', async () => {
    const jwe = (await demoRun('jwe')).steps.find((s) => s.kind === 'token')!.value!;
    const d = decodeJwt(jwe);
    expect(d.format).toBe('JWE');
    expect(d.header).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(d.payload).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({
            unit: fc.constantFrom('.', 'e', 'y', 'J', '=', '+', '/', ' ', '\n', 'A', '_'),
          }),
        ),
        (s) => {
          const d = decodeJwt(s);
          expect(Array.isArray(d.problems)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('claims and warnings', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const t = now.getTime() / 1000;

  it('explains registered claims with readable, relative dates', () => {
    const fields = explainClaims({ exp: t + 59 * 60, aud: 'api', custom: 1 }, now);
    expect(fields[0]).toMatchObject({
      name: 'exp',
      meaning: expect.stringMatching(/^expiration time/),
      when: '2026-05-01 12:59:00 UTC (in 59 minutes)',
    });
    expect(fields[1]!.meaning).toMatch(/^audience/);
    expect(fields[2]!.meaning).toMatch(/not registered/);
    expect(relativeTime(t - 7200, now)).toBe('2 hours ago');
    // Half-way rounds away from now both ways (36 hours ago was "yesterday" beside a date two days back).
    expect(relativeTime(t - 129600, now)).toBe('2 days ago');
    expect(relativeTime(t + 129600, now)).toBe('in 2 days');
    expect(relativeTime(t - 5400, now)).toBe('2 hours ago');
  });

  // Issue 16: written out instead of building Intl.RelativeTimeFormat on every decode; it must
  // say exactly what that formatter says, for any distance, in the past or the future.
  it('relative times read exactly as Intl.RelativeTimeFormat (en, numeric auto) writes them', () => {
    const intl = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const expected = (diff: number): string => {
      const abs = Math.abs(diff);
      const round = (size: number) => Math.sign(diff) * Math.round(abs / size);
      if (abs < 60) return intl.format(diff, 'second');
      if (abs < 3600) return intl.format(round(60), 'minute');
      if (abs < 86400) return intl.format(round(3600), 'hour');
      return intl.format(round(86400), 'day');
    };
    for (const diff of [
      0,
      1,
      -1,
      59,
      -59,
      60,
      89,
      90,
      -90,
      3599,
      3600,
      86399,
      86400,
      -86400,
      129600,
      -129600,
      86400 * 1234,
    ])
      expect(relativeTime(t + diff, now), String(diff)).toBe(expected(diff));
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 10), max: 10 ** 10 }), (diff) => {
        expect(relativeTime(t + diff, now)).toBe(expected(diff));
      }),
    );
  });

  it('warns about alg none, expiry, not-yet-valid and a missing exp', () => {
    expect(tokenWarnings({ alg: 'none' }, { sub: 'x' }, now).map((w) => w.code)).toEqual([
      'alg-none',
      'no-exp',
    ]);
    // RFC 6750 §5.3: one hour or less (issue 11: the warning used to wait for a day).
    const t = Math.floor(now.getTime() / 1000);
    expect(tokenWarnings({ alg: 'HS256' }, { iat: t, exp: t + 3600 }, now)).toEqual([]);
    expect(tokenWarnings({ alg: 'HS256' }, { iat: t, exp: t + 5400 }, now)).toEqual([
      {
        code: 'long-lived',
        message:
          'lives 90 minutes: if this is a bearer access token, RFC 6750 §5.3 says servers SHOULD issue it for one hour or less',
      },
    ]);
    expect(
      tokenWarnings({ alg: 'HS256' }, { exp: t - 1, nbf: t + 100 }, now).map((w) => w.code),
    ).toEqual(['expired', 'not-yet-valid']);
  });

  it('flags HMAC secrets shorter than the hash (RFC 7518 §3.2, RFC 8725 §3.5)', () => {
    expect(weakSecretWarning(new TextEncoder().encode('secret'))).toMatch(
      /48 bits.*RFC 7518 §3\.2.*RFC 8725 §3\.5/,
    );
    expect(weakSecretWarning(new Uint8Array(32))).toBeUndefined();
    expect(weakSecretWarning(new Uint8Array(32), 'HS512')).toMatch(/512/);
  });
});

describe('the demos', () => {
  it('HS256 by hand matches jose', async () => {
    const d = await demoRun('hmac');
    expect(d.steps.at(-1)).toMatchObject({
      kind: 'ok',
      label: expect.stringMatching(/^Identical/),
    });
  });

  it.each([
    ['tamper', 'signature'],
    ['asymmetric', 'signature'],
    ['attack-none', 'alg-none'],
    ['attack-confusion', 'algorithm'],
    ['attack-expired', 'expired'],
    ['attack-audience', 'audience'],
  ])('%s is rejected by the right check (%s)', async (id, code) => {
    const d = await demoRun(id);
    expect(d.outcome).toMatchObject({ accepted: false, code });
    expect(d.outcome!.reason).toBeTruthy();
  });

  it('the naive verifiers in the attack demos really are fooled (the demo shows a real risk)', async () => {
    for (const id of ['attack-none', 'attack-confusion']) {
      const naive = (await demoRun(id)).steps.find((s) => s.label.startsWith('A naive verifier'))!;
      expect(naive.value).toMatch(/^accepts it/);
    }
  });

  it('the wrong-audience demo signs asymmetrically (issue 11): the replaying API cannot mint, and only "aud" stops the replay', async () => {
    const d = await demoRun('attack-audience');
    const token = d.steps.find((s) => s.label.startsWith('The issuer signs'))!;
    expect(token.label).toMatch(/private key \(ES256\)/);
    expect(d.steps.find((s) => s.label.startsWith('A bank API that checks only'))).toMatchObject({
      kind: 'fail',
      value: 'accepted (!)',
    });
    expect(d.outcome).toMatchObject({ accepted: false, code: 'audience' });
  });

  it("the jku demo (issue 11): a naive verifier follows the token's jku and is fooled; the proper one uses the issuer's JWKS, caches by kid, re-fetches for a rotated key", async () => {
    const d = await demoRun('attack-jku');
    const value = (prefix: string) => d.steps.find((s) => s.label.startsWith(prefix))!.value!;
    expect(value('A naive verifier')).toMatch(
      /^accepts it: Mallory is admin \(and the verifier fetched a URL she chose, 1 time\)/,
    );
    expect(value('oauth-tutor, with the issuer')).toBe('accepted');
    expect(d.steps.find((s) => s.label.startsWith('It fetched the issuer'))!.label).toMatch(
      /\(1 fetch\).*\(0 more fetches\)/,
    );
    expect(value('The same verifier')).toMatch(/^rejected: signature mismatch/);
    expect(value('The issuer rotates')).toBe(
      "accepted after 1 re-fetch of the issuer's set for the unfamiliar kid",
    );
    expect(d.outcome).toMatchObject({ accepted: false, code: 'signature' });
  });

  it('a weak secret is cracked from the word list, a random one is not', async () => {
    const d = await demoRun('attack-weak-secret');
    expect(d.outcome).toMatchObject({
      code: 'cracked',
      reason: expect.stringMatching(/"secret" found/),
    });
    expect(d.steps.find((s) => s.label.startsWith('The same word list'))!.value).toMatch(
      /^nothing found/,
    );
  });

  it('JWE round trip: decrypts with the key, fails with another', async () => {
    const d = await demoRun('jwe');
    expect(d.steps.find((s) => s.label.startsWith('Decrypted'))!.value).toBe(
      '{"sub":"alice","salary":120000}',
    );
    expect(d.outcome).toMatchObject({ accepted: false, code: 'decryption' });
  });

  it('every demo runs', async () => {
    for (const id of DEMO_IDS) expect((await demoRun(id)).steps.length).toBeGreaterThan(2);
  });
});
