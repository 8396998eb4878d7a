/**
 * The one stderr line a command prints when the learner names, or a token carries, the deprecated
 * polymorphic alg "EdDSA": RFC 9864 §4.1.2 deprecates it, §4.4 says the replacement "SHOULD be utilized
 * in new deployments", and §2.2 defines the fully-specified "Ed25519". Deprecated is not Prohibited,
 * so the command goes on; the line says what it did and what to use instead.
 */
import { DEPRECATED_ALGS, isDeprecatedAlg } from '../protocol/fully-specified.js';
import { warn } from './output.js';

/** `--alg EdDSA` was given: `effect` says what the command does with it, e.g. 'tokens are signed "EdDSA"'. */
export function warnDeprecatedAlgFlag(alg: string, effect: string): void {
  if (!isDeprecatedAlg(alg)) return;
  warn(
    `--alg ${alg} is deprecated (RFC 9864 §4.1.2): ${effect}; use --alg ${DEPRECATED_ALGS[alg]}, its fully-specified name (RFC 9864 §2.2).`,
  );
}

/** A token to verify carries a deprecated alg. */
export function warnDeprecatedTokenAlg(alg: unknown): void {
  if (typeof alg !== 'string' || !isDeprecatedAlg(alg)) return;
  warn(
    `this token's alg "${alg}" is deprecated (RFC 9864 §4.1.2); new tokens should use "${DEPRECATED_ALGS[alg]}", its fully-specified name (RFC 9864 §2.2).`,
  );
}

/** A key file's JWK names the deprecated alg: the token is signed under it, to match the key's JWKS entry. */
export function warnDeprecatedKeyAlg(alg: string, file: string): void {
  if (!isDeprecatedAlg(alg)) return;
  warn(
    `${file} names alg "${alg}", deprecated by RFC 9864 §4.1.2: the token is signed "${alg}" to match the key's JWKS entry; to move on, publish the key with alg "${DEPRECATED_ALGS[alg]}" (RFC 9864 §2.2; the key itself is the same, §5) and set that alg in this file too.`,
  );
}
