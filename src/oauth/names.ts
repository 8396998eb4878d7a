/**
 * The names of the grants `flow` plays and of its attack labs: small lists with no imports, so
 * that the command line can offer them as choices (and --help list them) without loading the flow.
 */

export const GRANTS = ['code', 'device', 'client-credentials', 'refresh'] as const;
export type GrantName = (typeof GRANTS)[number];

export const ATTACKS = [
  'state',
  'replay',
  'verifier',
  'redirect',
  'no-pkce',
  'scope',
  'mix-up',
  'dpop-replay',
] as const;
export type AttackName = (typeof ATTACKS)[number];
