/** The catalogue of live demos, by id (lessons name them in their data). */
import {
  algNoneDemo,
  audienceDemo,
  expiredDemo,
  keyConfusionDemo,
  weakSecretDemo,
} from './attacks.js';
import type { DemoResult } from './demo.js';
import { DEMO_IDS, isDemoId, type DemoId } from './ids.js';
import { jweDemo } from './encryption.js';
import { jkuDemo } from './jku.js';
import { basicVsBearerDemo } from './http-auth.js';
import { asymmetricDemo, hmacDemo, structureDemo, tamperDemo } from './signing.js';

export const DEMOS: Record<DemoId, (now?: Date) => Promise<DemoResult> | DemoResult> = {
  structure: structureDemo,
  hmac: hmacDemo,
  tamper: tamperDemo,
  asymmetric: asymmetricDemo,
  jwe: () => jweDemo(),
  'attack-none': algNoneDemo,
  'attack-confusion': keyConfusionDemo,
  'attack-expired': expiredDemo,
  'attack-audience': audienceDemo,
  'attack-weak-secret': weakSecretDemo,
  'attack-jku': jkuDemo,
  'basic-vs-bearer': () => basicVsBearerDemo(),
};

export { DEMO_IDS };

export async function runDemo(id: string, now?: Date): Promise<DemoResult> {
  if (!isDemoId(id)) throw new Error(`unknown demo ${id}`);
  return DEMOS[id](now);
}

export type { DemoResult, DemoStep } from './demo.js';
