/** `oauth-tutor provider` started as a real process, ready once it prints its issuer and "Press Ctrl-C". */
import { start } from './cli.js';

export interface RunningProviderProcess {
  issuer: string;
  stdout: () => string;
  stderr: () => string;
  /** Waits until stdout shows `text` (a hang guard, not a timing check). */
  waitFor: (text: string | RegExp) => Promise<string>;
  /** The first capture group of `pattern` once stdout shows it. */
  waitForMatch: (pattern: RegExp) => Promise<string>;
  /** Ctrl-C, then the exit code. */
  stop: () => Promise<number | null>;
}

export async function startProviderProcess(args: string[]): Promise<RunningProviderProcess> {
  const p = start(['provider', ...args]);
  const early = p.exited.then((code) => {
    throw new Error(`the provider exited (${code}) before it was ready: ${p.stderr()}`);
  });
  early.catch(() => undefined);
  const ready = (async () => {
    const issuer = await p.waitForMatch('stdout', /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/);
    await p.waitFor('stdout', 'Press Ctrl-C');
    return issuer;
  })();
  const issuer = await Promise.race([ready, early]);
  return {
    issuer,
    stdout: p.stdout,
    stderr: p.stderr,
    waitFor: (text) => p.waitFor('stdout', text),
    waitForMatch: (pattern) => p.waitForMatch('stdout', pattern),
    stop: () => {
      p.child.kill('SIGINT');
      return p.exited;
    },
  };
}
