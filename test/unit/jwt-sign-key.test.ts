/**
 * `jwt sign` with a key that cannot make the asked algorithm's signature (RFC 7518 §3): our words,
 * naming what the key is and the --alg it signs with, instead of jose's ("Invalid or unsupported JWK
 * alg", said of a PEM file). A key that fits signs; the real binary exits 2 with two lines.
 */
import { describe, expect, it } from 'vitest';
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { signJwt } from '../../src/jwt/sign.js';
import { run } from '../helpers/cli.js';
import { fileTempDir } from '../helpers/temp.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ed = generateKeyPairSync('ed25519').privateKey;
const secret = createSecretKey(Buffer.alloc(32, 7));
const temp = fileTempDir();

const sign = (alg: string, key: Parameters<typeof signJwt>[0]['key']) =>
  signJwt({ claims: { sub: 'a' }, key, alg });

describe('jwt sign with a key of the wrong kind', () => {
  it.each([
    ['RS256', p256, /RS256 needs an RSA private key, but this key is a P-256 EC key/, 'ES256'],
    ['ES384', p256, /ES384 needs a P-384 EC private key, but this key is a P-256 EC key/, 'ES256'],
    ['ES256', rsa, /ES256 needs a P-256 EC private key, but this key is an RSA key/, 'RS256'],
    ['Ed25519', rsa, /Ed25519 needs an Ed25519 private key, but this key is an RSA key/, 'RS256'],
    [
      'HS256',
      ed,
      /HS256 needs a shared secret \(--secret\), but this key is an Ed25519 key/,
      'Ed25519',
    ],
    ['RS256', secret, /RS256 needs an RSA private key, but this key is an HMAC secret/, 'HS256'],
  ] as const)(
    '--alg %s: says what the key is and what it signs',
    async (alg, key, message, natural) => {
      const error = sign(alg, key);
      await expect(error).rejects.toThrow(message);
      await expect(error).rejects.toMatchObject({
        code: 'ERR_USAGE',
        hint: expect.stringContaining(`--alg ${natural} with this key`),
      });
    },
  );

  it.each([
    ['ES256', p256],
    ['RS256', rsa],
    ['PS256', rsa],
    ['Ed25519', ed],
    ['EdDSA', ed],
    ['HS256', secret],
  ] as const)('--alg %s with a key that fits: signs', async (alg, key) => {
    expect((await sign(alg, key)).split('.')).toHaveLength(3);
  });

  it('the binary: exit 2, the two lines, no stack trace', async () => {
    const dir = temp();
    const file = join(dir, 'p256.pem');
    writeFileSync(file, p256.export({ format: 'pem', type: 'pkcs8' }));
    const r = await run([
      'jwt',
      'sign',
      '--key',
      file,
      '--alg',
      'RS256',
      '--claims',
      '{"sub":"a"}',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /--alg RS256 needs an RSA private key, but this key is a P-256 EC key\./,
    );
    expect(r.stderr).toMatch(
      /Use --alg ES256 with this key, or a key from oauth-tutor jwt keys --alg RS256\./,
    );
    expect(r.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
  });
});
