/**
 * Starts the built-in provider for a run of the live flow and hands it to the
 * flow: the client side (src/oauth) never imports the provider. What a lab
 * needs of the provider, and a code lifetime that fits step mode, are decided here.
 */
import type { FlowProvider } from '../oauth/flow.js';
import { startProvider } from '../provider/server.js';
import type { ProviderAlg } from '../provider/keys.js';
import type { Limits } from '../provider/limits.js';
import { DEMO_USERS } from '../provider/model.js';

export interface BuiltInOptions {
  alg?: ProviderAlg;
  allowNoPkce?: boolean;
  limits?: Partial<Limits>;
}

/**
 * With --step the learner reads between steps, so codes live 10 minutes: the most RFC 6749 §4.1.2 recommends
 * ("A maximum authorization code lifetime of 10 minutes is RECOMMENDED"); otherwise the provider's 60 seconds.
 */
export const STEP_MODE_CODE_TTL = 600;

export async function withBuiltInProvider<T>(o: BuiltInOptions, run: (provider: FlowProvider) => Promise<T>): Promise<T> {
  const provider = await startProvider({
    port: 0,
    ...(o.alg === undefined ? {} : { alg: o.alg }),
    ...(o.allowNoPkce === true ? { allowNoPkce: true } : {}),
    ...(o.limits === undefined ? {} : { limits: o.limits }),
  });
  try {
    return await run({ issuer: provider.issuer, accounts: DEMO_USERS.map((u) => ({ username: u.username, password: u.password })) });
  } finally {
    await provider.close();
  }
}
