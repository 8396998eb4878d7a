/** The ids of the live demos, without loading them (lessons are validated against this list). */
export const DEMO_IDS = ['structure', 'hmac', 'tamper', 'asymmetric', 'jwe', 'attack-none', 'attack-confusion', 'attack-expired', 'attack-audience', 'attack-weak-secret', 'attack-jku', 'basic-vs-bearer'] as const;
export type DemoId = (typeof DEMO_IDS)[number];
