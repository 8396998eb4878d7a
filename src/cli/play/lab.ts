/** Runs one attack lab of the live flow quietly (built-in provider, --auto) and returns its outcome. */
import type { AttackName, AttackOutcome } from '../../oauth/attack-labs.js';
import { runFlow } from '../../oauth/flow.js';

export async function runLab(name: string): Promise<AttackOutcome> {
  const titles = Array.from({ length: 7 }, (_, i) => `Step ${i + 1}`);
  const t = await runFlow({ titles, auto: true, attack: name as AttackName }, { step: () => undefined, askSignIn: async () => true, openBrowser: async () => undefined });
  if (t.attack === undefined) throw new Error(`lab ${name} ended without an outcome`);
  return t.attack;
}
