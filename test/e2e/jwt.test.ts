/** `oauth-tutor jwt …` run for real: exit codes, --json shapes, stdin, key files, a JWKS over loopback HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { run, tempHome } from '../helpers/cli.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempHome()));
afterAll(async () => cleanup());

const SECRET = 'a-random-looking-secret-of-32-bytes!!';

async function sign(claims: object, ...extra: string[]): Promise<string> {
  const r = await run(['jwt', 'sign', '--claims', JSON.stringify(claims), ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe('jwt sign / decode / verify', () => {
  it('round-trips an HS256 token: decode --json shape, verify exit 0', async () => {
    const token = await sign({ sub: 'alice', aud: 'api' }, '--secret', SECRET, '--exp', '1h');
    const d = await run(['jwt', 'decode', token, '--json']);
    expect(d.code).toBe(0);
    const out = JSON.parse(d.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'alice', aud: 'api' }, signature: token.split('.')[2], verified: false });
    const v = await run(['jwt', 'verify', token, '--secret', SECRET, '--alg', 'HS256', '--aud', 'api', '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ valid: true, header: { alg: 'HS256' }, payload: { sub: 'alice' } });
  });

  it('says loudly that decoding is not verifying, and explains claims', async () => {
    const token = await sign({ sub: 'alice' }, '--secret', SECRET, '--exp', '1h');
    const d = await run(['jwt', 'decode', token]);
    expect(d.stdout).toContain('DECODED ONLY — signature NOT verified');
    expect(d.stdout).toMatch(/exp\s+\d+\s+→ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in (1 hour|60 minutes)\)/);
    expect(d.stdout).toMatch(/expiration time: the token must be rejected after this/);
  });

  it.each([
    [['--secret', 'wrong-secret-wrong-secret-wrong-secret'], /signature mismatch/],
    [['--secret', SECRET, '--aud', 'other'], /audience mismatch: expected "other"/],
    [['--secret', SECRET, '--iss', 'https://issuer.example'], /issuer mismatch/],
    [['--secret', SECRET, '--alg', 'RS256'], /algorithm not allowed/],
  ])('invalid tokens exit 1 with the reason in words (%j)', async (flags, reason) => {
    const token = await sign({ sub: 'alice', aud: 'api' }, '--secret', SECRET, '--exp', '1h');
    const r = await run(['jwt', 'verify', token, ...flags, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, reason: expect.stringMatching(reason), payload: { sub: 'alice' } });
  });

  it('an expired token says when it expired', async () => {
    const token = await sign({ sub: 'alice', exp: 1_000_000_000 }, '--secret', SECRET);
    const r = await run(['jwt', 'verify', token, '--secret', SECRET]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/expired at 2001-09-09 01:46:40 UTC/);
  });

  // Issue 12 item 12: "exp": 1e20 crashed decode with exit 3 (Invalid time value).
  it('a time claim out of a calendar\'s range is shown raw with "out of range", never exit 3', async () => {
    const hs = (payload: string) => {
      const b = (s: string) => Buffer.from(s).toString('base64url');
      const input = `${b('{"alg":"HS256","typ":"JWT"}')}.${b(payload)}`;
      return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
    };
    const far = hs('{"sub":"alice","exp":1e20,"iat":1e20}');
    const d = await run(['jwt', 'decode', far]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/exp\s+100000000000000000000\s+→ out of range/);
    const v = await run(['jwt', 'verify', far, '--secret', SECRET]);
    expect(v.code, v.stderr).toBe(0);
    const early = await run(['jwt', 'verify', hs('{"sub":"alice","nbf":1e20}'), '--secret', SECRET, '--json']);
    expect(early.code, early.stderr).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({ valid: false, reason: expect.stringMatching(/not valid before 100000000000000000000 \(out of range\)/) });
    const past = await run(['jwt', 'verify', hs('{"sub":"alice","exp":-1e20}'), '--secret', SECRET]);
    expect(past.code, past.stderr).toBe(1);
    expect(past.stdout).toMatch(/expired at -100000000000000000000 \(out of range\)/);
    const infinite = await run(['jwt', 'decode', hs('{"sub":"alice","exp":1e400}')]);
    expect(infinite.code, infinite.stderr).toBe(0);
    expect(infinite.stdout).toMatch(/Infinity\s+→ out of range/);
  });

  it('malformed tokens and bad flags exit 2', async () => {
    expect((await run(['jwt', 'verify', 'not.a.jwt!', '--secret', SECRET])).code).toBe(2);
    expect((await run(['jwt', 'verify', 'a.b.c'])).code).toBe(2); // no key source
    expect((await run(['jwt', 'verify', 'a.b.c', '--secret', 's', '--key', 'k'])).code).toBe(2);
    expect((await run(['jwt', 'sign', '--claims', '{nope', '--secret', SECRET])).code).toBe(2);
    expect((await run(['jwt', 'sign', '--claims', '{}', '--secret', SECRET, '--exp', 'soon'])).code).toBe(2);
    const r = await run(['jwt', 'decode', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/a JWT has 3 parts separated by dots/);
  });

  it('reads the token from stdin with -, Bearer prefix and all', async () => {
    const token = await sign({ sub: 'bob' }, '--secret', SECRET);
    const r = await run(['jwt', 'decode', '-', '--json'], { input: `Bearer ${token}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ payload: { sub: 'bob' }, cleaned: ['surrounding whitespace', 'a "Bearer " prefix'] });
  });

  it('warns about a weak HMAC secret, citing RFC 8725 §3.5', async () => {
    const r = await run(['jwt', 'sign', '--claims', '{}', '--secret', 'secret']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/weak secret: the secret is 48 bits.*RFC 8725 §3\.5/);
  });
});

describe('keys and key files', () => {
  it('ES256/RS256/EdDSA: keys → sign --key → verify --key (PEM) round-trips', async () => {
    for (const alg of ['ES256', 'RS256', 'EdDSA']) {
      const k = await run(['jwt', 'keys', '--alg', alg, '--json']);
      const keys = JSON.parse(k.stdout) as { privatePem: string; publicPem: string; kid: string };
      await writeFile(join(dir, `${alg}.key`), keys.privatePem);
      await writeFile(join(dir, `${alg}.pub`), keys.publicPem);
      const token = await sign({ sub: 'alice' }, '--key', join(dir, `${alg}.key`), '--exp', '5m');
      expect(JSON.parse((await run(['jwt', 'decode', token, '--json'])).stdout).header.alg).toBe(alg);
      const v = await run(['jwt', 'verify', token, '--key', join(dir, `${alg}.pub`), '--alg', alg]);
      expect(v.code, `${alg}: ${v.stdout}${v.stderr}`).toBe(0);
    }
  });

  it('verifies against a JWKS with several keys, picking by kid, from a file and over loopback HTTP', async () => {
    const a = JSON.parse((await run(['jwt', 'keys', '--alg', 'ES256', '--json'])).stdout) as { privateJwk: object; publicJwk: { kid: string }; kid: string };
    const b = JSON.parse((await run(['jwt', 'keys', '--alg', 'ES256', '--json'])).stdout) as { privateJwk: object; publicJwk: { kid: string }; kid: string };
    const jwks = { keys: [a.publicJwk, b.publicJwk] };
    await writeFile(join(dir, 'jwks.json'), JSON.stringify(jwks));
    await writeFile(join(dir, 'b.jwk'), JSON.stringify(b.privateJwk));
    const token = await sign({ sub: 'alice' }, '--key', join(dir, 'b.jwk'), '--kid', b.kid, '--exp', '5m');
    expect((await run(['jwt', 'verify', token, '--jwks', join(dir, 'jwks.json')])).code).toBe(0);

    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    try {
      expect((await run(['jwt', 'verify', token, '--jwks', url])).code).toBe(0);
      const unknownKid = await sign({ sub: 'alice' }, '--key', join(dir, 'b.jwk'), '--kid', 'nope', '--exp', '5m');
      const r = await run(['jwt', 'verify', unknownKid, '--jwks', url, '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).reason).toMatch(/no key in the JWKS matches this token \(kid "nope"\)/);
    } finally {
      server.close();
    }
  });

  it('keys --alg HS256 prints a 256-bit random secret', async () => {
    const r = await run(['jwt', 'keys', '--alg', 'HS256']);
    expect(Buffer.from(r.stdout.trim(), 'base64url')).toHaveLength(32);
  });
});

describe('demos from the command line', () => {
  it('jwt demo attack-confusion shows the rejection', async () => {
    const r = await run(['jwt', 'demo', 'attack-confusion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ oauth-tutor with algorithms: \["RS256"\]: rejected: algorithm not allowed/);
  });
});

describe('jwt decode on arbitrary input', () => {
  it('never crashes: exits 0 or 2, with no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.string({ minLength: 1, unit: fc.constantFrom('.', 'e', 'y', 'J', '=', '+', ' ', 'A', '_', '-', '{') })), async (s) => {
        fc.pre(!s.startsWith('-'));
        const r = await run(['jwt', 'decode', s]);
        expect([0, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
