/**
 * The live flow, step by step: `runFlow(options, io)` plays one
 * grant against the provider it is handed (the CLI starts the built-in one)
 * and returns the transcript. Each grant is an ordered list of step modules
 * (grants/), each lab a hook that replaces or follows some of them
 * (attacks/); the runner (engine/runner.ts) walks them, handing each step to
 * `io.step()` when it completes so the CLI can explain it.
 */
import { startCallbackServer } from './callback-server.js';
import { runSteps } from './engine/runner.js';
import { Session } from './engine/session.js';
import {
  FlowError,
  type FlowIO,
  type FlowOptions,
  type FlowTranscript,
  type GrantName,
} from './engine/types.js';
import { CLIENT_CREDENTIALS_TITLES, DEVICE_TITLES, REFRESH_TITLES } from './grants/titles.js';

export { FlowError, GRANTS, mask } from './engine/types.js';
export type {
  Extra,
  FlowIO,
  FlowOptions,
  FlowProvider,
  FlowTranscript,
  GrantName,
  StepRecord,
} from './engine/types.js';

/** The titles of a grant's steps, in order (the code grant's come from the seven-steps lesson). */
export function stepTitles(grant: GrantName, codeTitles: readonly string[]): readonly string[] {
  switch (grant) {
    case 'code':
      return codeTitles;
    case 'client-credentials':
      return CLIENT_CREDENTIALS_TITLES;
    case 'refresh':
      return REFRESH_TITLES;
    case 'device':
      return DEVICE_TITLES;
  }
}

export async function runFlow(opts: FlowOptions, io: FlowIO): Promise<FlowTranscript> {
  const grant = opts.grant ?? 'code';
  const s = new Session(opts, io, grant);
  const titles = stepTitles(grant, opts.titles);
  // The loopback server is started before step 1 runs; a failure to start is step 1's.
  const firstTitle = titles[0] ?? 'Step 1';
  try {
    // Each grant's modules, and a lab's, are loaded only when that grant or lab runs: a flow starts quickly.
    switch (grant) {
      case 'code': {
        const hook =
          opts.attack === undefined
            ? undefined
            : (await import('./attacks/index.js')).ATTACK_HOOKS[opts.attack];
        const { CODE_STEPS } = await import('./grants/code.js');
        const { offerExtras } = await import('./grants/code-extras.js');
        if (opts.scope === undefined && hook?.scope !== undefined) s.scope = hook.scope;
        s.publicClient = hook?.publicClient ?? false;
        s.usePkce = hook?.pkce ?? true;
        await listen(s, firstTitle);
        if (opts.external === undefined && s.account() === undefined)
          throw new FlowError(
            1,
            firstTitle,
            `there is no account "${opts.user}" at the built-in provider`,
            'Use --user alice or --user bob.',
          );
        await runSteps(s, CODE_STEPS, titles, hook?.steps ?? { after: { api: [offerExtras] } });
        break;
      }
      case 'refresh':
        await listen(s, firstTitle);
        await runSteps(s, (await import('./grants/refresh.js')).REFRESH_STEPS, titles);
        break;
      case 'client-credentials':
        await runSteps(
          s,
          (await import('./grants/client-credentials.js')).CLIENT_CREDENTIALS_STEPS,
          titles,
        );
        break;
      case 'device':
        await runSteps(s, (await import('./grants/device.js')).DEVICE_STEPS, titles);
        break;
    }
    if (!s.stopped) s.t.ok = true;
    return s.t;
  } finally {
    await s.callback?.close();
  }
}

/** The client's loopback redirect endpoint (RFC 8252 §7.3), for the grants that go through the browser. */
async function listen(s: Session, title: string): Promise<void> {
  const x = s.opts.external;
  try {
    s.callback = await startCallbackServer({
      port: x?.redirectPort ?? 0,
      ...(x?.redirectPath === undefined ? {} : { path: x.redirectPath }),
    });
    s.redirectUri = s.callback.redirectUri;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    throw new FlowError(
      1,
      title,
      code === 'EADDRINUSE'
        ? `port ${x?.redirectPort} for the redirect URI is already in use`
        : `cannot listen on 127.0.0.1: ${error instanceof Error ? error.message : String(error)}`,
      'Choose another --redirect-port (it must match what you registered).',
    );
  }
}
