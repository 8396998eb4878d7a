/**
 * A lab is a hook on the authorization-code grant's steps: how it sets the
 * client up (scope, public client, PKCE), what it needs of the built-in
 * provider, and the step modules it puts in place of, or after, the honest ones.
 */
import type { StepHooks } from '../engine/runner.js';
import type { AttackName } from '../attack-labs.js';
import type { CodeStepId } from '../grants/code.js';

export interface AttackHook {
  name: AttackName;
  scope?: string;
  publicClient?: boolean;
  pkce?: boolean;
  /** What the lab needs of the built-in provider the CLI starts for it. */
  provider?: { allowNoPkce?: boolean; attacker?: boolean };
  steps: StepHooks<CodeStepId>;
}
