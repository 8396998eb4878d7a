/** The algorithms `jwt sign` and `jwt keys` offer, with no imports, so the command line can list them without loading jose. */

/** The names --help lists, each fully specified ("Ed25519": RFC 9864 §2.2). */
export const SIGNING_ALGS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'ES512',
  'Ed25519',
] as const;
/** Also accepted when named: "EdDSA", deprecated by RFC 9864 §4.1.2 (the CLI says so when it is used). */
export const SIGNING_ALGS_ACCEPTED = [...SIGNING_ALGS, 'EdDSA'] as const;
export type SigningAlg = (typeof SIGNING_ALGS_ACCEPTED)[number];

export function isSigningAlg(value: string): value is SigningAlg {
  return SIGNING_ALGS_ACCEPTED.some((a) => a === value);
}
