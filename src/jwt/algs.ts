/** The algorithms `jwt sign` and `jwt keys` offer, with no imports, so the command line can list them without loading jose. */

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
  'EdDSA',
] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];
