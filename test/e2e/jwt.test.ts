/**
 * `oauth-tutor jwt …` run for real: one end-to-end test per contract (exit
 * codes, --json shapes, stdin, key files, a JWKS over loopback HTTP). The
 * reasons, date rendering and key handling behind them are pure functions,
 * tested directly in test/unit/jwt-verify-keys.test.ts (issue 16: this file
 * launched the CLI 71 times; tokens are now made in-process with jose).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT } from 'jose/jwt/sign';
import { importJWK } from 'jose/key/import';
import { generateKeys } from '../../src/jwt/keys.js';
import { run } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp.js';

const dir = fileTempDir('jwt-');

const SECRET = 'a-random-looking-secret-of-32-bytes!!';

/** An HS256 token made in-process (jose), so that only the command under test is launched. */
function hs256(claims: Record<string, unknown>, exp?: string): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(Buffer.from(SECRET));
}

describe('jwt sign / decode / verify', () => {
  it('round-trips an HS256 token: sign, decode --json shape, verify exit 0', async () => {
    const s = await run([
      'jwt',
      'sign',
      '--claims',
      JSON.stringify({ sub: 'alice', aud: 'api' }),
      '--secret',
      SECRET,
      '--exp',
      '1h',
    ]);
    expect(s.code, s.stderr).toBe(0);
    const token = s.stdout.trim();
    const d = await run(['jwt', 'decode', token, '--json']);
    expect(d.code).toBe(0);
    const out = JSON.parse(d.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'alice', aud: 'api' },
      signature: token.split('.')[2],
      verified: false,
    });
    const v = await run([
      'jwt',
      'verify',
      token,
      '--secret',
      SECRET,
      '--alg',
      'HS256',
      '--aud',
      'api',
      '--json',
    ]);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({
      valid: true,
      header: { alg: 'HS256' },
      payload: { sub: 'alice' },
    });
  });

  it('says loudly that decoding is not verifying, and explains claims', async () => {
    const d = await run(['jwt', 'decode', await hs256({ sub: 'alice' }, '1h')]);
    expect(d.stdout).toContain('DECODED ONLY — signature NOT verified');
    expect(d.stdout).toMatch(
      /exp\s+\d+\s+→ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in (1 hour|60 minutes)\)/,
    );
    expect(d.stdout).toMatch(/expiration time: the token must be rejected at or after this time/);
  });

  it('an invalid token exits 1 with the reason in words, in --json and in prose', async () => {
    const r = await run([
      'jwt',
      'verify',
      await hs256({ sub: 'alice', aud: 'api' }, '1h'),
      '--secret',
      SECRET,
      '--aud',
      'other',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/audience mismatch: expected "other"/),
      payload: { sub: 'alice' },
    });
    const expired = await run([
      'jwt',
      'verify',
      await hs256({ sub: 'alice', exp: 1_000_000_000 }),
      '--secret',
      SECRET,
    ]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/expired at 2001-09-09 01:46:40 UTC/);
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
    const v = await run(['jwt', 'verify', hs('{"sub":"alice","exp":-1e20}'), '--secret', SECRET]);
    expect(v.code, v.stderr).toBe(1);
    expect(v.stdout).toMatch(/expired at -100000000000000000000 \(out of range\)/);
  });

  // A malformed token to verify, no key source, bad --claims or --exp: refused by the command
  // before it prints anything, in process in test/unit/usage-errors.test.ts.
  it('malformed tokens and bad flags exit 2', async () => {
    expect((await run(['jwt', 'verify', 'a.b.c', '--secret', 's', '--key', 'k'])).code).toBe(2);
    const r = await run(['jwt', 'decode', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a JWT has 3 parts separated by dots/);
  });

  it('reads the token from stdin with -, Bearer prefix and all', async () => {
    const r = await run(['jwt', 'decode', '-', '--json'], {
      input: `Bearer ${await hs256({ sub: 'bob' })}\n`,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      payload: { sub: 'bob' },
      cleaned: ['surrounding whitespace', 'a "Bearer " prefix'],
    });
  });

  it('warns about a weak HMAC secret, citing RFC 8725 §3.5', async () => {
    const r = await run(['jwt', 'sign', '--claims', '{}', '--secret', 'secret']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/weak secret: the secret is 48 bits.*RFC 8725 §3\.5/);
  });
});

/** `jwt sign` of {"sub":"alice"} with a key file, and any more flags. */
const signAlice = (keyFile: string, ...flags: string[]) =>
  run(['jwt', 'sign', '--claims', '{"sub":"alice"}', '--key', keyFile, ...flags]);

describe('keys and key files', () => {
  // RS256, Ed25519 and EdDSA take the same path through pure functions in test/unit/jwt-verify-keys.test.ts.
  it('ES256: keys → sign --key --kid → verify --key (PEM) round-trips', async () => {
    const k = await run(['jwt', 'keys', '--alg', 'ES256', '--json']);
    const keys = JSON.parse(k.stdout) as { privatePem: string; publicPem: string; kid: string };
    await writeFile(join(dir(), 'ES256.key'), keys.privatePem);
    await writeFile(join(dir(), 'ES256.pub'), keys.publicPem);
    const s = await signAlice(join(dir(), 'ES256.key'), '--kid', keys.kid, '--exp', '5m');
    expect(s.code, s.stderr).toBe(0);
    const v = await run([
      'jwt',
      'verify',
      s.stdout.trim(),
      '--key',
      join(dir(), 'ES256.pub'),
      '--alg',
      'ES256',
      '--json',
    ]);
    expect(v.code, `${v.stdout}${v.stderr}`).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({
      valid: true,
      header: { alg: 'ES256', kid: keys.kid },
      payload: { sub: 'alice' },
    });
  });

  it('Ed25519: sign --key picks alg "Ed25519" (RFC 9864 §2.2); --alg EdDSA signs with a deprecation line, and verify notes it', async () => {
    const k = await run(['jwt', 'keys', '--alg', 'Ed25519', '--json']);
    expect(k.code, k.stderr).toBe(0);
    const keys = JSON.parse(k.stdout) as { privatePem: string; publicPem: string; alg: string };
    expect(keys.alg).toBe('Ed25519');
    await writeFile(join(dir(), 'ed.key'), keys.privatePem);
    await writeFile(join(dir(), 'ed.pub'), keys.publicPem);
    const sign = (...extra: string[]) => signAlice(join(dir(), 'ed.key'), ...extra);
    const verify = (token: string) =>
      run(['jwt', 'verify', token, '--key', join(dir(), 'ed.pub'), '--json']);
    const deprecation =
      /deprecated \(RFC 9864 §4\.1\.2\).*"?Ed25519"?, its fully-specified name \(RFC 9864 §2\.2\)/;

    const fully = await sign();
    expect(fully.code, fully.stderr).toBe(0);
    expect(fully.stderr).not.toMatch(/deprecated/);
    const v1 = await verify(fully.stdout.trim());
    expect(v1.code, v1.stderr).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({ valid: true, header: { alg: 'Ed25519' } });
    expect(v1.stderr).not.toMatch(/deprecated/);

    const old = await sign('--alg', 'EdDSA');
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^! --alg EdDSA is deprecated/),
    ]);
    expect(old.stderr).toMatch(deprecation);
    const v2 = await verify(old.stdout.trim());
    expect(v2.code, v2.stderr).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({ valid: true, header: { alg: 'EdDSA' } });
    expect(v2.stderr).toMatch(/this token's alg "EdDSA" is deprecated/);
    expect(v2.stderr).toMatch(deprecation);
  });

  it('a JWK made as "EdDSA" keeps signing "EdDSA", so its tokens still match its JWKS entry; a PEM key says it names no alg', async () => {
    const k = await run(['jwt', 'keys', '--alg', 'EdDSA', '--format', 'jwk']);
    expect(k.code, k.stderr).toBe(0);
    // stdout: the public JWKS, then the private JWK (two pretty-printed JSON documents).
    const split = k.stdout.indexOf('\n}\n') + 3;
    const jwks = JSON.parse(k.stdout.slice(0, split)) as { keys: { alg: string; kid: string }[] };
    expect(jwks.keys[0]?.alg).toBe('EdDSA');
    await writeFile(join(dir(), 'old.jwks'), k.stdout.slice(0, split));
    await writeFile(join(dir(), 'old.jwk'), k.stdout.slice(split));
    const s = await signAlice(join(dir(), 'old.jwk'));
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(
      /names alg "EdDSA", deprecated by RFC 9864 §4\.1\.2.*publish the key with alg "Ed25519"/,
    );
    const withJwks = (file: string) =>
      run(['jwt', 'verify', s.stdout.trim(), '--jwks', join(dir(), file), '--json']);
    const v = await withJwks('old.jwks');
    expect(v.code, `${v.stdout}${v.stderr}`).toBe(0);
    // Signed under the JWK's own alg and kid (RFC 7517 §4.4, §4.5), as its JWKS entry says.
    expect(JSON.parse(v.stdout)).toMatchObject({
      valid: true,
      header: { alg: 'EdDSA', kid: jwks.keys[0]?.kid },
    });

    // The same key's JWKS, published under the other name, matches no token signed "EdDSA": said so.
    const renamed = JSON.parse(k.stdout.slice(0, split)) as { keys: Record<string, unknown>[] };
    for (const key of renamed.keys) key['alg'] = 'Ed25519';
    await writeFile(join(dir(), 'renamed.jwks'), JSON.stringify(renamed));
    const miss = await withJwks('renamed.jwks');
    expect(miss.code).toBe(1);
    expect(miss.stdout).toMatch(/name the same Ed25519 signature/);

    const pem = await run(['jwt', 'keys', '--alg', 'EdDSA']);
    expect(pem.code, pem.stderr).toBe(0);
    expect(pem.stderr).toMatch(/a PEM key names no alg/);
    expect(pem.stderr).not.toMatch(/marked alg/);
  });

  it('verifies against a JWKS with several keys, picking by kid, from a file and over loopback HTTP', async () => {
    const [a, b] = await Promise.all([generateKeys('ES256'), generateKeys('ES256')]);
    const jwks = { keys: [a.publicJwk, b.publicJwk] };
    await writeFile(join(dir(), 'jwks.json'), JSON.stringify(jwks));
    const bKey = await importJWK(b.privateJwk!, 'ES256');
    const signB = (kid: string) =>
      new SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setExpirationTime('5m')
        .sign(bKey);
    const token = await signB(b.kid);
    expect((await run(['jwt', 'verify', token, '--jwks', join(dir(), 'jwks.json')])).code).toBe(0);

    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    try {
      expect((await run(['jwt', 'verify', token, '--jwks', url])).code).toBe(0);
      const r = await run(['jwt', 'verify', await signB('nope'), '--jwks', url, '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).reason).toMatch(
        /no key in the JWKS matches this token \(kid "nope"\)/,
      );
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
    expect(r.stdout).toMatch(
      /✓ oauth-tutor with algorithms: \["RS256"\]: rejected: algorithm not allowed/,
    );
  });
});

describe('jwt decode on arbitrary input', () => {
  // The same property runs 300 times in-process over everything decode prints (test/unit/jwt-verify-keys.test.ts);
  // what only the binary adds (the exit code, stderr without a stack trace) needs few inputs: 4, a
  // launch each.
  it('never crashes: exits 0 or 2, with no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.string({
            minLength: 1,
            unit: fc.constantFrom('.', 'e', 'y', 'J', '=', '+', ' ', 'A', '_', '-', '{'),
          }),
        ),
        async (s) => {
          fc.pre(!s.startsWith('-'));
          const r = await run(['jwt', 'decode', s]);
          expect([0, 2]).toContain(r.code);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);
});
