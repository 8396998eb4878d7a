/**
 * Key material for verifying and signing: shared secrets, PEM files (SPKI,
 * PKCS#8, certificates), JWK and JWKS files or URLs, and fresh key pairs.
 * Parsing goes through node:crypto and jose; nothing here is hand-rolled.
 */
import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { CryptoKey, JWK, JWTVerifyGetKey } from 'jose';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { createLocalJWKSet } from 'jose/jwks/local';
import { createRemoteJWKSet } from 'jose/jwks/remote';
import { exportJWK, exportPKCS8, exportSPKI } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { cannotRead, TutorError } from '../errors.js';
import { isObject } from '../json.js';
import { isJwk, isJwkSet } from './jwk.js';

/** A key (a jose CryptoKey too, e.g. from generateKeyPair), a secret, or a JWKS that picks the key by the token's header. */
export type VerifyKey = KeyObject | CryptoKey | Uint8Array | JWTVerifyGetKey;

import { isSigningAlg, type SigningAlg } from './algs.js';
export { SIGNING_ALGS, type SigningAlg } from './algs.js';

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** RFC 7518 §3.2: an HMAC key must be no shorter than the hash output. */
export function weakSecretWarning(secret: Uint8Array, alg = 'HS256'): string | undefined {
  const needed = Number(alg.slice(2)) || 256;
  const bits = secret.length * 8;
  if (bits >= needed) return undefined;
  // Size and guessability are two rules: RFC 7518 §3.2 sets the size, RFC 8725 §3.5 asks for entropy (never a password for a key).
  return `the secret is ${bits} bits; ${alg} needs a key of at least ${needed} bits (RFC 7518 §3.2), and its bits must be random: a guessable secret can be tested offline against any token it signed (RFC 8725 §3.5). Generate one with \`oauth-tutor jwt keys --alg ${alg}\`.`;
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw cannotRead(
      `the key file ${path}`,
      error,
      'Give a PEM or JWK file, e.g. --key public.pem.',
    );
  }
}

function badKey(path: string, cause: unknown): TutorError {
  // JSON.parse's words for a second document after the first: what `jwt keys --format jwk > file` writes.
  const twoDocuments = cause instanceof SyntaxError && /after JSON/.test(cause.message);
  return new TutorError(
    'ERR_INPUT',
    `${path} is not a key we can use: ${cause instanceof Error ? cause.message : String(cause)}.`,
    {
      hint: twoDocuments
        ? 'The file holds more than one JSON document: `jwt keys --format jwk` prints the public JWKS, then the private JWK. Keep one of them per file (or use the privateJwk of `jwt keys --json`).'
        : 'Use a PEM (BEGIN PUBLIC KEY / PRIVATE KEY / CERTIFICATE), a JWK, or a JWKS ({"keys": [...]}).',
      cause,
    },
  );
}

/** Parsed JSON that must be a JWK; the message says what it is instead (badKey adds the file and the hint). */
function jwkOf(json: unknown): JWK {
  if (isJwk(json)) return json;
  throw new Error(
    isObject(json)
      ? 'the JSON has no "kty" member, which every JWK has (RFC 7517 §4.1)'
      : 'the JSON is not an object',
  );
}

/** A key to verify with, from a PEM, JWK or JWKS file. */
export async function verifyKeyFromFile(path: string): Promise<VerifyKey> {
  const text = (await readKeyFile(path)).trim();
  try {
    if (text.startsWith('-----BEGIN')) return createPublicKey(text); // a private key yields its public half
    const json: unknown = JSON.parse(text);
    if (isJwkSet(json)) return createLocalJWKSet(json);
    const jwk = jwkOf(json);
    if (jwk.kty === 'oct' && typeof jwk.k === 'string')
      return createSecretKey(Buffer.from(jwk.k, 'base64url'));
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch (error) {
    throw badKey(path, error);
  }
}

export async function verifyKeyFromJwks(source: string): Promise<VerifyKey> {
  if (/^https?:\/\//i.test(source)) {
    try {
      return createRemoteJWKSet(new URL(source), { timeoutDuration: 5000 });
    } catch (error) {
      throw new TutorError('ERR_USAGE', `--jwks ${source} is not a usable URL.`, { cause: error });
    }
  }
  const key = await verifyKeyFromFile(source);
  if (typeof key !== 'function')
    throw new TutorError('ERR_INPUT', `${source} is a single key, not a JWKS.`, {
      hint: 'Use --key for a single key; --jwks takes {"keys": [...]} or its URL.',
    });
  return key;
}

/**
 * A private key to sign with, from a PEM or JWK file, and what a JWK says of itself: the algorithm, "the
 * algorithm intended for use with the key" (RFC 7517 §4.4), and its "kid" (§4.5). Signing under that
 * name and kid keeps the token matching the key's published JWKS entry, which a verifier selects by both
 * (an Ed25519 key exported as "EdDSA" before RFC 9864 stays "EdDSA" until it is exported again).
 */
export async function readSigningKey(
  path: string,
): Promise<{ key: KeyObject; alg: SigningAlg | undefined; kid: string | undefined }> {
  const text = (await readKeyFile(path)).trim();
  try {
    if (text.startsWith('-----BEGIN'))
      return { key: createPrivateKey(text), alg: undefined, kid: undefined };
    const jwk = jwkOf(JSON.parse(text));
    const alg = typeof jwk.alg === 'string' && isSigningAlg(jwk.alg) ? jwk.alg : undefined;
    const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined;
    if (jwk.kty === 'oct' && typeof jwk.k === 'string')
      return { key: createSecretKey(Buffer.from(jwk.k, 'base64url')), alg, kid };
    return { key: createPrivateKey({ key: jwk, format: 'jwk' }), alg, kid };
  } catch (error) {
    throw badKey(path, error);
  }
}

/** The JWS algorithm a key naturally goes with. */
export function defaultAlgFor(key: KeyObject): SigningAlg {
  if (key.type === 'secret') return 'HS256';
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : 'ES256';
    }
    case 'ed25519':
      // The fully-specified name (RFC 9864 §2.2), not the deprecated "EdDSA" (RFC 9864 §4.1.2).
      return 'Ed25519';
    default:
      throw new TutorError(
        'ERR_INPUT',
        `Keys of type ${key.asymmetricKeyType ?? 'unknown'} cannot sign a JWT here.`,
        { hint: 'Use an RSA, EC (P-256) or Ed25519 key.' },
      );
  }
}

export interface GeneratedKeys {
  alg: SigningAlg;
  kid: string;
  /** For HMAC: the shared secret (base64url). */
  secret?: string;
  publicJwk?: JWK;
  privateJwk?: JWK;
  publicPem?: string;
  privatePem?: string;
}

export async function generateKeys(alg: SigningAlg): Promise<GeneratedKeys> {
  if (alg.startsWith('HS')) {
    const secret = randomBytes(Number(alg.slice(2)) / 8).toString('base64url');
    const jwk: JWK = { kty: 'oct', k: secret };
    return {
      alg,
      kid: await calculateJwkThumbprint(jwk),
      secret,
      privateJwk: { ...jwk, alg },
    };
  }
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    alg,
    kid,
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' },
    publicPem: await exportSPKI(publicKey),
    privatePem: await exportPKCS8(privateKey),
  };
}
