/** Runs one attack lab of the live flow quietly (built-in provider, --auto) and returns its outcome. */
import type { AttackName, AttackOutcome } from '../../oauth/attack-labs.js';
import { ATTACK_HOOKS } from '../../oauth/attacks/index.js';
import { runFlow } from '../../oauth/flow.js';
import { withBuiltInProvider } from '../flow-provider.js';

export async function runLab(attack: AttackName): Promise<AttackOutcome> {
  const titles = Array.from({ length: 7 }, (_, i) => `Step ${i + 1}`);
  const needs = ATTACK_HOOKS[attack].provider;
  const t = await withBuiltInProvider(
    { allowNoPkce: needs?.allowNoPkce ?? false, attacker: needs?.attacker ?? false },
    (provider) =>
      runFlow(
        { titles, auto: true, attack, provider },
        { step: () => undefined, askSignIn: async () => true, openBrowser: async () => undefined },
      ),
  );
  if (t.attack === undefined) throw new Error(`lab ${attack} ended without an outcome`);
  return t.attack;
}
