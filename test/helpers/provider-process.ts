/** `oauth-tutor provider` started as a real process, ready once it prints its issuer and "Press Ctrl-C". */
import { spawn, type ChildProcess } from 'node:child_process';
import { baseEnv, bin, root, strip } from './cli.js';

export interface RunningProviderProcess {
  child: ChildProcess;
  issuer: string;
  stdout: () => string;
  stderr: () => string;
  /** Ctrl-C, then the exit code. */
  stop: () => Promise<number | null>;
}

export async function startProviderProcess(args: string[]): Promise<RunningProviderProcess> {
  const child = spawn(process.execPath, [bin, 'provider', ...args], {
    cwd: root,
    env: baseEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(strip(stdout));
      if (m && stdout.includes('Press Ctrl-C')) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 20);
    child.on('close', () => {
      clearInterval(timer);
      reject(new Error(`exited early: ${stderr}`));
    });
  });
  return {
    child,
    issuer,
    stdout: () => strip(stdout),
    stderr: () => strip(stderr),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
