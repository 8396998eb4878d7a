/** The signing algorithms the built-in provider offers, with no imports, so the command line can list them without loading jose. */

export const PROVIDER_ALGS = ['ES256', 'RS256', 'EdDSA'] as const;
export type ProviderAlg = (typeof PROVIDER_ALGS)[number];
