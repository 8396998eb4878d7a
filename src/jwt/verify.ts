/**
 * Verifies a JWT with jose and says why it failed in words: signature
 * mismatch, expired at <date>, audience mismatch, algorithm not allowed…
 * (RFC 8725 §3: always check the algorithm, the signature, and the claims.)
 */
// jose by subpath: its index loads every JWE/JWS/JWKS module.
import type { JWTVerifyOptions } from 'jose';
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { decodeJwt } from 'jose/jwt/decode';
import { jwtVerify } from 'jose/jwt/verify';
import {
  JOSEAlgNotAllowed,
  JOSENotSupported,
  JWKSInvalid,
  JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey,
  JWKSTimeout,
  JWSInvalid,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
} from 'jose/errors';
import { readableDate, relativeTime } from './claims.js';
import type { DecodedObject } from './decode.js';
import type { VerifyKey } from './keys.js';
import { isEd25519 } from '../protocol/fully-specified.js';

export interface VerifyOptions {
  key: VerifyKey;
  algorithms?: string[];
  issuer?: string;
  audience?: string;
  /** Expected "typ" header, e.g. "at+jwt" for access tokens (RFC 9068 §4). */
  typ?: string;
  now?: Date;
}

export type FailureCode =
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'claim'
  | 'algorithm'
  | 'alg-none'
  | 'key-type'
  | 'no-matching-key'
  | 'malformed'
  | 'jwks';

export type VerifyResult =
  | { valid: true; header: DecodedObject; payload: DecodedObject }
  | {
      valid: false;
      code: FailureCode;
      reason: string;
      header?: DecodedObject;
      payload?: DecodedObject;
    };

export async function verifyJwt(token: string, opts: VerifyOptions): Promise<VerifyResult> {
  let header: DecodedObject | undefined;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    // jwtVerify reports a malformed token below
  }
  const now = opts.now ?? new Date();
  const options: JWTVerifyOptions = { currentDate: now };
  if (opts.algorithms !== undefined) options.algorithms = opts.algorithms;
  if (opts.issuer !== undefined) options.issuer = opts.issuer;
  if (opts.audience !== undefined) options.audience = opts.audience;
  if (opts.typ !== undefined) options.typ = opts.typ;
  try {
    // jwtVerify's two overloads: a key, or a function that picks one from the header (a JWKS).
    const { payload, protectedHeader } =
      typeof opts.key === 'function'
        ? await jwtVerify(token, opts.key, options)
        : await jwtVerify(token, opts.key, options);
    return { valid: true, header: protectedHeader, payload };
  } catch (error) {
    const payload = safePayload(token);
    const failure = explainFailure(error, header, payload, opts, now);
    return {
      valid: false,
      ...failure,
      ...(header === undefined ? {} : { header }),
      ...(payload === undefined ? {} : { payload }),
    };
  }
}

/**
 * "Ed25519" (RFC 9864 §2.2) and the deprecated "EdDSA" (RFC 9864 §4.1.2) name the same signature with an
 * Ed25519 key; a verifier that pins one refuses the other, rightly, but the learner should know why.
 */
function sameOperationHint(alg: string | undefined, allowed: string[] | undefined): string {
  if (alg === undefined || !isEd25519(alg)) return '';
  if (!(allowed ?? []).some((a) => a !== alg && isEd25519(a))) return '';
  return `; "Ed25519" is the fully-specified name of what "EdDSA" signs with an Ed25519 key (RFC 9864 §2.2): allow the name the issuer uses, e.g. --alg Ed25519,EdDSA`;
}

function safePayload(token: string): DecodedObject | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function explainFailure(
  error: unknown,
  header: DecodedObject | undefined,
  payload: DecodedObject | undefined,
  opts: VerifyOptions,
  now: Date,
): { code: FailureCode; reason: string } {
  const alg = typeof header?.['alg'] === 'string' ? header['alg'] : undefined;
  if (alg?.toLowerCase() === 'none') {
    return {
      code: 'alg-none',
      reason:
        'alg "none": the token is not signed; a verifier MUST NOT accept one by default (RFC 7518 §3.6), and this one never does',
    };
  }
  if (error instanceof JWSSignatureVerificationFailed)
    return {
      code: 'signature',
      reason: 'signature mismatch: the token was changed after signing, or signed with another key',
    };
  if (error instanceof JWTExpired) {
    const exp = payload?.['exp'];
    return {
      code: 'expired',
      reason:
        typeof exp === 'number'
          ? `expired at ${readableDate(exp)} (${relativeTime(exp, now)})`
          : 'expired',
    };
  }
  if (error instanceof JWTClaimValidationFailed)
    return claimFailure(error.claim, error.reason, payload, opts, now);
  if (error instanceof JOSEAlgNotAllowed)
    return {
      code: 'algorithm',
      reason: `algorithm not allowed: the token says "${alg}", only ${opts.algorithms?.join(', ') ?? "the key's own algorithm"} is accepted (RFC 8725 §3.1)${sameOperationHint(alg, opts.algorithms)}`,
    };
  if (error instanceof JWKSNoMatchingKey)
    return {
      code: 'no-matching-key',
      reason: `no key in the JWKS matches this token${header?.['kid'] ? ` (kid "${String(header['kid'])}")` : ''}${alg !== undefined && isEd25519(alg) ? `; a JWKS key is chosen by its "alg" too, and "Ed25519" and "EdDSA" (deprecated, RFC 9864 §4.1.2) name the same Ed25519 signature: a key published as one does not match a token signed as the other` : ''}`,
    };
  if (error instanceof JWKSMultipleMatchingKeys)
    return {
      code: 'no-matching-key',
      reason: 'several keys in the JWKS match and the token has no "kid" to choose between them',
    };
  if (error instanceof JWKSTimeout || error instanceof JWKSInvalid)
    return { code: 'jwks', reason: `the JWKS could not be used: ${error.message}` };
  if (error instanceof JOSENotSupported)
    return { code: 'algorithm', reason: `algorithm "${alg}" is not supported` };
  if (error instanceof JWSInvalid || error instanceof JWTInvalid)
    return { code: 'malformed', reason: `not a well-formed JWT: ${error.message}` };
  if (error instanceof TypeError)
    return {
      code: 'key-type',
      reason: `the key does not fit the token's algorithm "${alg}" (${error.message}); e.g. an RS256 token needs the issuer's public key, never a shared secret — mixing them is the key-confusion attack`,
    };
  // Any other jose error, or a failure while fetching a remote JWKS.
  return { code: 'jwks', reason: error instanceof Error ? error.message : String(error) };
}

function claimFailure(
  claim: string | undefined,
  reason: string | undefined,
  payload: DecodedObject | undefined,
  opts: VerifyOptions,
  now: Date,
): { code: FailureCode; reason: string } {
  const got = payload?.[claim ?? ''];
  switch (claim) {
    case 'aud':
      return {
        code: 'audience',
        reason: `audience mismatch: expected "${opts.audience}", the token is for ${got === undefined ? 'no audience' : JSON.stringify(got)}`,
      };
    case 'iss':
      return {
        code: 'issuer',
        reason: `issuer mismatch: expected "${opts.issuer}", the token was issued by ${got === undefined ? 'nobody named' : JSON.stringify(got)}`,
      };
    case 'nbf':
      return {
        code: 'not-yet-valid',
        reason:
          typeof got === 'number'
            ? `not valid before ${readableDate(got)} (${relativeTime(got, now)})`
            : 'not valid yet',
      };
    case 'typ':
      return { code: 'claim', reason: `wrong token type: expected "typ" ${opts.typ}` };
    default:
      return { code: 'claim', reason: `claim "${claim}" failed (${reason ?? 'check_failed'})` };
  }
}
