/** The ids of the live demos, and their titles, without loading them (lessons are validated against this list; pickers show the titles). */
export const DEMO_IDS = [
  'structure',
  'hmac',
  'tamper',
  'asymmetric',
  'jwe',
  'attack-none',
  'attack-confusion',
  'attack-expired',
  'attack-audience',
  'attack-weak-secret',
  'attack-jku',
  'basic-vs-bearer',
] as const;
export type DemoId = (typeof DEMO_IDS)[number];

export function isDemoId(id: string): id is DemoId {
  return DEMO_IDS.some((d) => d === id);
}

/** Each demo's title, the one the demo itself prints (a test keeps the two equal). */
export const DEMO_TITLES: Record<DemoId, string> = {
  structure: 'A JWT is header.payload.signature',
  hmac: 'Alice signs with HS256, step by step',
  tamper: 'Mallory changes the payload; Bob notices',
  asymmetric: 'Signing with a key pair (ES256)',
  jwe: 'Encrypted tokens (JWE) hide their claims',
  'attack-none': 'Attack: alg "none"',
  'attack-confusion': 'Attack: RS256 → HS256 key confusion',
  'attack-expired': 'Replaying an expired token',
  'attack-audience': 'Using a token at the wrong API',
  'attack-weak-secret': 'Attack: guessing a weak HMAC secret offline',
  'attack-jku': 'Attack: a key set named by the token ("jku")',
  'basic-vs-bearer': 'Authorization: Basic vs Bearer',
};
