/** The signing algorithms the built-in provider offers, with no imports, so the command line can list them without loading jose. */

/**
 * The names --help lists: each fully specified (RFC 9864 §2.2 defines "Ed25519" for JOSE; §4.1.1 registers it).
 */
export const PROVIDER_ALGS = ['ES256', 'RS256', 'Ed25519'] as const;
/**
 * Also accepted: "EdDSA", deprecated by RFC 9864 §4.1.2, for trying out a client that only knows that
 * name. The provider then signs with the same Ed25519 key and names it "EdDSA" in headers, JWKS and
 * discovery.
 */
export const PROVIDER_ALGS_ACCEPTED = [...PROVIDER_ALGS, 'EdDSA'] as const;
export type ProviderAlg = (typeof PROVIDER_ALGS_ACCEPTED)[number];

export function isProviderAlg(value: string): value is ProviderAlg {
  return PROVIDER_ALGS_ACCEPTED.some((a) => a === value);
}
