/** Signs a JWT with jose (`oauth-tutor jwt sign`). */
import type { KeyObject } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { JWTHeaderParameters, JWTPayload } from 'jose';
import { SignJWT } from 'jose/jwt/sign';
import { TutorError } from '../errors.js';
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
