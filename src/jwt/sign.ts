/** Signs a JWT with jose (`oauth-tutor jwt sign`). */
import type { KeyObject } from 'node:crypto';
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { JWTHeaderParameters, JWTPayload } from 'jose';
import { SignJWT } from 'jose/jwt/sign';
import { TutorError } from '../errors.js';
import type { JsonObject } from './decode.js';

export interface SignOptions {
  claims: JsonObject;
  key: KeyObject | Uint8Array;
  alg: string;
  /** A duration such as "1h", "30m", "2d". */
  expiresIn?: string;
  kid?: string;
  typ?: string;
  now?: Date;
}

const DURATION =
  /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i;

export async function signJwt(opts: SignOptions): Promise<string> {
  if (opts.expiresIn !== undefined && !DURATION.test(opts.expiresIn.trim())) {
    throw new TutorError('ERR_USAGE', `--exp "${opts.expiresIn}" is not a duration.`, {
      hint: 'Use a number and a unit, e.g. --exp 15m, --exp 1h, --exp 7d.',
    });
  }
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const header: JWTHeaderParameters = { alg: opts.alg, typ: opts.typ ?? 'JWT' };
  if (opts.kid !== undefined) header.kid = opts.kid;
  const jwt = new SignJWT(opts.claims as JWTPayload).setProtectedHeader(header);
  if (opts.claims['iat'] === undefined) jwt.setIssuedAt(now);
  if (opts.expiresIn !== undefined) jwt.setExpirationTime(now + secondsOf(opts.expiresIn));
  try {
    return await jwt.sign(opts.key);
  } catch (error) {
    throw new TutorError(
      'ERR_USAGE',
      `Cannot sign with ${opts.alg} using this key: ${(error as Error).message}.`,
      {
        hint: 'HS* algorithms take --secret; RS*/PS* an RSA private key; ES256 a P-256 key; EdDSA an Ed25519 key.',
        cause: error,
      },
    );
  }
}

function secondsOf(duration: string): number {
  const m = /^(\d+)\s*([a-z]+)$/i.exec(duration.trim())!;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase()[0]!;
  const unitSeconds: Record<string, number> = {
    s: 1,
    m: 60,
    h: 3600,
    d: 86400,
    w: 604800,
    y: 31557600,
  };
  return n * unitSeconds[unit]!;
}
