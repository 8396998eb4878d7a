/**
 * Checking DPoP proofs (RFC 9449 §4.3), at the token endpoint and at the API.
 * §4.3's checks (which "may be performed in any order"), each refusal naming the check it failed.
 * A proof's jti is remembered while its iat would still be accepted, so
 * the same proof is refused a second time (RFC 9449 §11.1).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { importJWK } from 'jose/key/import';
import { JWSSignatureVerificationFailed, JWTClaimValidationFailed, JWTExpired } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';
import { isObject } from '../json.js';
import { base64url } from '../protocol/base64url.js';
import type { ProviderContext, RequestLog } from './context.js';
import { DPOP_ALGS_ACCEPTED } from './model.js';
import { isDeprecatedAlg } from '../protocol/fully-specified.js';

/** Seconds either side of now that a proof's iat may be (RFC 9449 §4.3 check 11, §11.1). */
export const DPOP_WINDOW = 60;

export type DpopResult = { ok: true; jkt: string } | { ok: false; description: string };

export interface DpopExpectation {
  method: string;
  /** The request's URI; compared without query and fragment. */
  url: URL;
  /** At the API: the access token the proof must be bound to (ath), and the key the token is bound to (jkt). */
  accessToken?: string;
  jkt?: string;
}

const withoutQuery = (u: URL) => `${u.protocol}//${u.host}${u.pathname}`;

/** RFC 9449 §4.2: ath is the base64url SHA-256 of the ASCII access token. */
export function accessTokenHash(token: string): string {
  return base64url(createHash('sha256').update(token, 'ascii').digest());
}

export async function checkDpopProof(
  ctx: ProviderContext,
  req: IncomingMessage,
  expect: DpopExpectation,
  log: RequestLog,
): Promise<DpopResult> {
  const refuse = (description: string): DpopResult => {
    log.fail(`DPoP proof: ${description}`);
    return { ok: false, description };
  };
  // 1. "There is not more than one DPoP HTTP request header field."
  const headers = req.headersDistinct['dpop'] ?? [];
  const [proof] = headers;
  if (proof === undefined) return refuse('no DPoP header');
  if (headers.length > 1) return refuse('more than one DPoP header');
  // 2. "a single and well-formed JWT"
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    return refuse('the DPoP header is not a JWT');
  }
  // 4. typ; 5. alg asymmetric, not none; 7. the jwk holds no private key.
  if (header.typ !== 'dpop+jwt') return refuse('typ must be "dpop+jwt"');
  if (typeof header.alg !== 'string' || !DPOP_ALGS_ACCEPTED.includes(header.alg))
    return refuse(`alg ${String(header.alg)} is not an accepted asymmetric algorithm`);
  // jose types the header; at run time it is whatever JSON the client sent, so check it is an object.
  const jwk = header.jwk;
  if (!isObject(jwk)) return refuse('the jwk header is missing');
  if ('d' in jwk || 'p' in jwk || 'k' in jwk) return refuse('the jwk header holds a private key');
  // 6. the signature verifies with that jwk; 3. the required claims are there.
  let claims: Record<string, unknown>;
  try {
    const key = await importJWK(jwk, header.alg);
    ({ payload: claims } = await jwtVerify(proof, key, {
      // The provider's clock, as for iat below (a test or the device flow's fast-forward moves it).
      currentDate: new Date(ctx.now() * 1000),
      typ: 'dpop+jwt',
      algorithms: DPOP_ALGS_ACCEPTED,
      requiredClaims: [
        'jti',
        'htm',
        'htu',
        'iat',
        ...(expect.accessToken === undefined ? [] : ['ath']),
      ],
    }));
  } catch (error) {
    return refuse(proofFailure(error));
  }
  // 8. htm; 9. htu, without query and fragment.
  if (claims['htm'] !== expect.method)
    return refuse(`htm ${String(claims['htm'])} is not the request's method ${expect.method}`);
  let htu: string;
  try {
    htu = withoutQuery(new URL(String(claims['htu'])));
  } catch {
    return refuse('htu is not a URI');
  }
  if (htu !== withoutQuery(expect.url))
    return refuse(`htu ${htu} is not this request's URI ${withoutQuery(expect.url)}`);
  // 11. iat within the window.
  const now = ctx.now();
  const iat = claims['iat'];
  if (typeof iat !== 'number' || Math.abs(now - iat) > DPOP_WINDOW)
    return refuse(`iat is not within ${DPOP_WINDOW} s of now`);
  // 12. At the API: ath is the hash of this access token, and the proof's key is the token's.
  if (expect.accessToken !== undefined && claims['ath'] !== accessTokenHash(expect.accessToken))
    return refuse('ath is not the hash of the access token presented');
  const jkt = await calculateJwkThumbprint(jwk, 'sha256');
  if (expect.jkt !== undefined && jkt !== expect.jkt)
    return refuse("the proof's key is not the key the access token is bound to (cnf.jkt)");
  // RFC 9449 §11.1: a proof is used once; its jti is kept while its iat would still be accepted.
  const jti = `${withoutQuery(expect.url)} ${String(claims['jti'])}`;
  if (ctx.dpopJtis.has(jti)) return refuse('this proof (its jti) was already used');
  if (ctx.dpopJtis.set(jti, true, iat + DPOP_WINDOW))
    log.fail(`limit: over ${ctx.dpopJtis.max} DPoP proofs remembered; the oldest was forgotten`);
  log.pass(
    `DPoP proof valid (typ, alg, signature, htm, htu, iat, jti${expect.accessToken === undefined ? '' : ', ath, cnf.jkt'})${
      isDeprecatedAlg(header.alg)
        ? `; its alg "${header.alg}" is deprecated (RFC 9864 §4.1.2): Ed25519 is the fully-specified name`
        : ''
    }`,
  );
  return { ok: true, jkt };
}

/** What a failed jwtVerify of a proof says, by jose's error: a claim, the signature, or the token itself. */
function proofFailure(error: unknown): string {
  if (error instanceof JWTExpired) return 'the proof has expired (its exp is past)';
  if (error instanceof JWTClaimValidationFailed)
    return error.reason === 'missing'
      ? `a required claim is missing (${error.claim})`
      : `the ${error.claim} claim or header is not valid (${error.message})`;
  if (error instanceof JWSSignatureVerificationFailed)
    return 'the signature does not verify with the jwk in its header';
  return `the proof cannot be verified with the jwk in its header (${error instanceof Error ? error.message : String(error)})`;
}
