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
  /** Also start a second provider, the attacker's (the mix-up lab). */
  attacker?: boolean;
  limits?: Partial<Limits>;
  /** Seconds since the epoch (see fastForward). */
  clock?: () => number;
}

/**
 * A clock that waits can move on instantly: under --auto the device flow's waits between polls are
 * fast-forwarded. The client still waits every interval the provider asks for; the provider sees that much time
 * pass, and the client checks tokens against the same moved clock. Tests use this instead of waiting.
 */
export function fastForward(): {
  clock: () => number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
} {
  let offset = 0;
  return {
    clock: () => Math.floor((Date.now() + offset) / 1000),
    now: () => new Date(Date.now() + offset),
    sleep: async (ms) => {
      offset += ms;
    },
  };
}

/**
 * With --step the learner reads between steps, so codes live 10 minutes: the most RFC 6749 §4.1.2 recommends
 * ("A maximum authorization code lifetime of 10 minutes is RECOMMENDED"); otherwise the provider's 60 seconds.
 */
export const STEP_MODE_CODE_TTL = 600;

export async function withBuiltInProvider<T>(
  o: BuiltInOptions,
  run: (provider: FlowProvider) => Promise<T>,
): Promise<T> {
  const provider = await startProvider({
    port: 0,
    ...(o.alg === undefined ? {} : { alg: o.alg }),
    ...(o.allowNoPkce === true ? { allowNoPkce: true } : {}),
    ...(o.limits === undefined ? {} : { limits: o.limits }),
    ...(o.clock === undefined ? {} : { clock: o.clock }),
  });
  const attacker = o.attacker === true ? await startProvider({ port: 0 }) : undefined;
  try {
    return await run({
      issuer: provider.issuer,
      accounts: DEMO_USERS.map((u) => ({ username: u.username, password: u.password })),
      ...(attacker === undefined ? {} : { attacker: { issuer: attacker.issuer } }),
    });
  } finally {
    await Promise.all([provider.close(), attacker?.close()]);
  }
}
