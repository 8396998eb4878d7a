/** Signs a JWT with jose (`oauth-tutor jwt sign`). */
import type { KeyObject } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { JWTHeaderParameters, JWTPayload } from 'jose';
import { SignJWT } from 'jose/jwt/sign';
import { TutorError } from '../errors.js';
import { isEd25519 } from '../protocol/fully-specified.js';
import { defaultAlgFor } from './keys.js';
import type { DecodedObject } from './decode.js';

export interface SignOptions {
  claims: DecodedObject;
  key: KeyObject | Uint8Array;
  alg: string;
  /** A duration: "1h", "30m", "2d"… */
  expiresIn?: string;
  kid?: string;
  typ?: string;
  now?: Date;
}

const DURATION =
  /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i;

export async function signJwt(opts: SignOptions): Promise<string> {
  const expiresIn = opts.expiresIn === undefined ? undefined : secondsOf(opts.expiresIn);
  if (opts.expiresIn !== undefined && expiresIn === undefined) {
    throw new TutorError('ERR_USAGE', `--exp "${opts.expiresIn}" is not a duration.`, {
      hint: 'Use a number and a unit, e.g. --exp 15m, --exp 1h, --exp 7d.',
    });
  }
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const header: JWTHeaderParameters = { alg: opts.alg, typ: opts.typ ?? 'JWT' };
  if (opts.kid !== undefined) header.kid = opts.kid;
  assertRegisteredClaims(opts.claims);
  const jwt = new SignJWT(opts.claims).setProtectedHeader(header);
  if (opts.claims['iat'] === undefined) jwt.setIssuedAt(now);
  if (expiresIn !== undefined) jwt.setExpirationTime(now + expiresIn);
  if (!(opts.key instanceof Uint8Array)) {
    const mismatch = keyMismatch(opts.alg, opts.key);
    if (mismatch !== undefined)
      throw new TutorError('ERR_USAGE', mismatch.message, { hint: mismatch.hint });
  }
  try {
    return await jwt.sign(opts.key);
  } catch (error) {
    throw new TutorError(
      'ERR_USAGE',
      `Cannot sign with ${opts.alg} using this key: ${error instanceof Error ? error.message : String(error)}.`,
      {
        hint: 'HS* algorithms take --secret; RS*/PS* an RSA private key; ES256 a P-256 key; Ed25519 an Ed25519 key.',
        cause: error,
      },
    );
  }
}

/** The EC curves JWS signs with (RFC 7518 §3.4), by node:crypto's name. */
const CURVES: Record<string, { alg: string; name: string }> = {
  prime256v1: { alg: 'ES256', name: 'P-256' },
  secp384r1: { alg: 'ES384', name: 'P-384' },
  secp521r1: { alg: 'ES512', name: 'P-521' },
};

/** What a key is, in words. */
function keyKind(key: KeyObject): string {
  if (key.type === 'secret') return 'an HMAC secret';
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? 'an unknown curve';
    return CURVES[curve] === undefined ? `an EC key on ${curve}` : `a ${CURVES[curve].name} EC key`;
  }
  const named: Readonly<Record<string, string>> = {
    rsa: 'an RSA key',
    'rsa-pss': 'an RSA-PSS key',
    ed25519: 'an Ed25519 key',
  };
  return (type === undefined ? undefined : named[type]) ?? `a key of type ${type ?? 'unknown'}`;
}

/** The key `alg` signs with (RFC 7518 §3), in words, and whether `key` is one; undefined for an alg jose should judge. */
function requirement(
  alg: string,
): { needs: string; fits: (key: KeyObject) => boolean } | undefined {
  const type = (key: KeyObject) => key.asymmetricKeyType;
  if (alg.startsWith('HS'))
    return { needs: 'a shared secret (--secret)', fits: (key) => key.type === 'secret' };
  if (alg.startsWith('RS'))
    return { needs: 'an RSA private key', fits: (key) => type(key) === 'rsa' };
  if (alg.startsWith('PS'))
    return {
      needs: 'an RSA private key',
      fits: (key) => type(key) === 'rsa' || type(key) === 'rsa-pss',
    };
  const curve = Object.values(CURVES).find((c) => c.alg === alg);
  if (curve !== undefined)
    return {
      needs: `a ${curve.name} EC private key`,
      fits: (key) =>
        type(key) === 'ec' && CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']?.alg === alg,
    };
  if (isEd25519(alg))
    return {
      needs: 'an Ed25519 private key',
      // "EdDSA" (deprecated, RFC 9864 §4.1.2) names Ed448 keys too.
      fits: (key) => type(key) === 'ed25519' || (alg === 'EdDSA' && type(key) === 'ed448'),
    };
  return undefined;
}

/**
 * When the key cannot make `alg`'s signature, our own words for it, naming the key and the --alg it
 * signs with (defaultAlgFor, when the key fits that one); undefined when it can, or when jose should say.
 */
function keyMismatch(alg: string, key: KeyObject): { message: string; hint: string } | undefined {
  const needed = requirement(alg);
  if (needed === undefined || needed.fits(key)) return undefined;
  let natural: string | undefined;
  try {
    natural = defaultAlgFor(key);
  } catch {
    natural = undefined; // a key that signs no JWT here
  }
  if (natural !== undefined && requirement(natural)?.fits(key) !== true) natural = undefined;
  const make = alg.startsWith('HS')
    ? `--secret "$(oauth-tutor jwt keys --alg ${alg})"`
    : `a key from oauth-tutor jwt keys --alg ${alg}`;
  return {
    message: `--alg ${alg} needs ${needed.needs}, but this key is ${keyKind(key)}.`,
    hint:
      natural === undefined ? `Use ${make}.` : `Use --alg ${natural} with this key, or ${make}.`,
  };
}

/**
 * The registered claims a token may carry have fixed types (RFC 7519 §4.1): "iss", "sub" and "jti" are
 * strings, "aud" a string or an array of strings (§4.1.3), "exp", "nbf" and "iat" NumericDates, i.e.
 * numbers (§4.1.4-4.1.6). jose signs whatever it is given, and every verifier would refuse the token.
 */
const STRING_CLAIMS: [name: string, section: string][] = [
  ['iss', '§4.1.1'],
  ['sub', '§4.1.2'],
  ['jti', '§4.1.7'],
];
const NUMERIC_DATE_CLAIMS: [name: string, section: string][] = [
  ['exp', '§4.1.4'],
  ['nbf', '§4.1.5'],
  ['iat', '§4.1.6'],
];

function assertRegisteredClaims(claims: DecodedObject): asserts claims is JWTPayload {
  const wrong = (name: string, want: string, section: string) =>
    new TutorError(
      'ERR_USAGE',
      `--claims: "${name}" is ${JSON.stringify(claims[name])}, but must be ${want} (RFC 7519 ${section}).`,
      { hint: 'e.g. --claims \'{"sub":"alice","aud":"api"}\' --exp 1h (exp is set from --exp).' },
    );
  for (const [name, section] of STRING_CLAIMS)
    if (claims[name] !== undefined && typeof claims[name] !== 'string')
      throw wrong(name, 'a string', section);
  const aud = claims['aud'];
  if (
    aud !== undefined &&
    typeof aud !== 'string' &&
    !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))
  )
    throw wrong('aud', 'a string or an array of strings', '§4.1.3');
  for (const [name, section] of NUMERIC_DATE_CLAIMS)
    if (claims[name] !== undefined && typeof claims[name] !== 'number')
      throw wrong(name, 'a number (seconds since 1970)', section);
}

/** The seconds in a duration ("1h", "30m", "2d"…); undefined when the text is not one. */
function secondsOf(duration: string): number | undefined {
  const m = DURATION.exec(duration.trim());
  const unit = m?.[2]?.toLowerCase()[0];
  const seconds = unit === undefined ? undefined : UNIT_SECONDS[unit];
  return seconds === undefined ? undefined : Number(m?.[1]) * seconds;
}

const UNIT_SECONDS: Partial<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600,
};
