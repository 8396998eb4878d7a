/**
 * Fully-specified JOSE algorithm names (RFC 9864, October 2025). The JOSE identifier "EdDSA" is
 * polymorphic: the key decides the curve, so a list of "alg" values cannot say which curve a party
 * supports (RFC 9864 §1: "with EdDSA, it is not known which of the curves Ed25519 and/or Ed448 are
 * supported"). RFC 9864 §2.2 defines (and §4.1.1 registers) the fully-specified "Ed25519" and "Ed448" for JOSE, and
 * §4.1.2 changes the status of the "EdDSA" registration to Deprecated, which §4.4 defines: "this
 * replacement functionality SHOULD be utilized in new deployments in preference to the deprecated
 * identifier". Deprecated is not Prohibited ("MUST NOT be used", §4.4), so the tool still signs and
 * verifies "EdDSA" when asked, and names the replacement each time.
 * https://www.rfc-editor.org/rfc/rfc9864
 *
 * No imports: the command line loads it for --help and its option parsers.
 */

/**
 * Each deprecated polymorphic name the tool still accepts, and the fully-specified name that replaces
 * it here. "EdDSA" could also mean Ed448 in general; jose 6, which verifies every token here, runs
 * "EdDSA" with Ed25519 keys only, so in this tool it is always "Ed25519".
 */
export const DEPRECATED_ALGS = { EdDSA: 'Ed25519' } as const;
export type DeprecatedAlg = keyof typeof DEPRECATED_ALGS;

export function isDeprecatedAlg(alg: string): alg is DeprecatedAlg {
  return Object.hasOwn(DEPRECATED_ALGS, alg);
}

/** The fully-specified name of what `alg` does here: "EdDSA" → "Ed25519"; any other name as it is. */
export function fullySpecified(alg: string): string {
  return isDeprecatedAlg(alg) ? DEPRECATED_ALGS[alg] : alg;
}

/** Whether `alg` names an Ed25519 signature, under its fully-specified or its deprecated name. */
export function isEd25519(alg: string): boolean {
  return fullySpecified(alg) === 'Ed25519';
}
